/* cw-year.c — year-on-year: 增加/减少/持平/大于/小于 against this year's and
 * last year's amounts, when the sentence gives both.
 *
 * The comparison's base is the phrase after 比/与/较 before the word
 * (比2023年预算执行数减少, 与上年相比持平) or right after it (小于上年预算数);
 * it must name last year (上年, 去年, or the year before the report's).
 * Last year's amount is written in that phrase (比上年的980.00万元增加),
 * and this year's is then the amount just before it in the sentence; or
 * both are the two amounts just before it, in the same sentence, one
 * labelled with last year and the other with this one
 * (2023年当年预算执行数为10.00万元，2024年预算安排10.00万元，比2023年预算
 * 执行数持平).  A sentence with one amount and a change
 * (支出总计X万元，比上年增加Y万元) has no second amount: it is left to the
 * consistency check, and to change-direction here. */
#include <string.h>

#include "cw.h"

/* Whether "原因" starts between a sentence's start and a position.  The
 * words of a sentence come in order, so the walk goes on from where the
 * last one stopped instead of from the sentence start each time. */
typedef struct cause_walk {
    size_t sentence; /* the sentence walked, (size_t)-1 before the first */
    size_t j;        /* next character to look at */
    int found;
} cause_walk;

/* "原因" between ss (the start of `sentence`) and pos: the word belongs
 * to a cause, not a comparison.  Calls come with pos increasing. */
static int in_cause(cause_walk *w, const char *s, size_t sentence, size_t ss, size_t pos)
{
    if (w->sentence != sentence) {
        w->sentence = sentence;
        w->j = ss;
        w->found = 0;
    }
    for (; !w->found && w->j < pos; w->j += fl_utf8_char_len((unsigned char)s[w->j]))
        if (fl_str_starts(s + w->j, "原因"))
            w->found = 1;
    return w->found;
}

int cw_rule_year_on_year(const cw_para *pp, fl_report *rep, const cw_options *o)
{
    const char *s = pp->text;
    int prev_year = pp->year ? pp->year - 1 : 0;
    size_t judged_sentence = (size_t)-1;
    cause_walk cause = { (size_t)-1, 0, 0 };
    cw_marker_memo markers = CW_MARKER_MEMO_INIT;
    for (size_t h = 0; h < pp->nhits; h++) {
        const cw_word_hit *hit = &pp->hits[h];
        size_t at = hit->at, len = hit->len, ss = hit->ss, sentence = hit->sentence;
        const char *word = hit->word;
        cw_rel rel = hit->rel;
        int change = hit->change;
        if (sentence == judged_sentence)
            continue;
        size_t plen = 0, mark = at, pend = 0;
        const cw_money *prev = NULL;
        int obj_after = 0;
        cw_side side = change ? CW_SIDE_NONE : cw_phrase_side(s, at + len, prev_year, &plen);
        if (side == CW_SIDE_PREV) {
            /* 小于上年预算数 29.65 万元: the figure may be the difference. */
            prev = cw_money_right_after(pp, at + len + plen);
            if (prev != NULL && rel != CW_REL_GT)
                continue;
            obj_after = 1;
        } else {
            side = cw_marker_before(pp, hit, prev_year, &markers, &mark, &pend);
            if (side != CW_SIDE_PREV)
                continue;
            prev = cw_money_right_after(pp, pend);
            if (prev != NULL && prev->end > at)
                prev = NULL;
        }
        const cw_money *cur = NULL;
        long k = cw_money_before(pp, mark);
        if (k < 0 || pp->money[k].sentence != sentence)
            continue;
        const cw_money *m1 = &pp->money[k];
        const char *l1 = m1->a->label;
        cw_side s1 = cw_label_side(l1, prev_year, 1);
        if (prev != NULL) {
            if (s1 == CW_SIDE_PREV || cw_label_is_change(l1, strlen(l1)))
                continue;
            cur = m1;
        } else {
            if (k < 1 || pp->money[k - 1].sentence != sentence)
                continue;
            const cw_money *m2 = &pp->money[k - 1];
            cw_side s2 = cw_label_side(m2->a->label, prev_year, 1);
            if (s1 == CW_SIDE_PREV && s2 == CW_SIDE_CUR) {
                prev = m1;
                cur = m2;
            } else if (s1 == CW_SIDE_CUR && s2 == CW_SIDE_PREV) {
                prev = m2;
                cur = m1;
            } else {
                continue;
            }
        }
        if (obj_after && prev == cw_money_right_after(pp, at + len + plen) &&
            fl_dec_cmp(cur->wan, prev->wan) == 0)
            continue; /* 大于上年…X万元 with X this year's: a difference, base 0 */
        /* Last, as the dearest test: it walks the sentence. */
        if (in_cause(&cause, s, sentence, ss, at))
            continue;
        cw_claim c = { "year-on-year", at, word, rel, 1, "本年数", cur, "上年数", prev };
        cw_report_claim(pp, rep, o, &c);
        judged_sentence = sentence;
    }
    return 0;
}
