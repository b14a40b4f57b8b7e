/* cw-budget.c — final-vs-budget: 决算数大于/小于/等于/持平 预算数 against
 * the 决算 and 预算 amounts the text gives.
 *
 * The object of the word is the side word right after it (大于年初预算数)
 * or after 与/比/较 before it (决算数与预算数基本持平, 支出决算比年初预算
 * 减少); the subject is the other side word before it in the sentence.
 * Each side's amount is written right after its side word (决算数1511.89
 * 万元), or comes from the pair the text has just given: the two amounts
 * before the subject, in that sentence or the one before, one labelled
 * 预算 and the other 决算 (年初预算为1560.05万元，支出决算为1511.89万元。
 * 决算数小于预算数的主要原因……).  Anything else is left alone. */
#include <string.h>

#include "cw.h"

/* A 预算/决算 side word at s+j that can be a subject (not 一般公共预算,
 * not 上年预算); its length with 数 in *len. */
static cw_side subject_at(const char *s, size_t j, size_t *len)
{
    cw_side side = CW_SIDE_NONE;
    if (fl_str_starts(s + j, "决算"))
        side = CW_SIDE_FINAL;
    else if (fl_str_starts(s + j, "预算") && !fl_str_starts(s + j, "预算执行") &&
             !fl_str_starts(s + j, "预算安排"))
        side = CW_SIDE_BUDGET;
    if (side == CW_SIDE_NONE || j < 6)
        return side;
    static const char *const not_before[] = { "公共", "基金", "经营", "上年", "去年" };
    for (size_t k = 0; k < sizeof not_before / sizeof *not_before; k++)
        if (memcmp(s + j - 6, not_before[k], 6) == 0)
            return CW_SIDE_NONE;
    *len = 6;
    if (fl_str_starts(s + j + 6, "数"))
        *len += 3;
    return side;
}

/* A walk of find_subject() from a sentence start, kept to go on from:
 * the words of a sentence come in order, and walking from its start for
 * each made a long sentence without breaks quadratic. */
typedef struct subject_walk {
    size_t from;  /* the sentence start walked from; (size_t)-1: none */
    size_t to;    /* the bound the walk went up to */
    size_t j;     /* where it stopped: the first character at or past `to` */
    size_t at;    /* the last subject met, (size_t)-1 for none */
    cw_side side;
    size_t len;
} subject_walk;
#define SUBJECT_WALK_INIT { (size_t)-1, 0, 0, (size_t)-1, CW_SIDE_NONE, 0 }

/* The last subject side word in s[from, to): its offset, or (size_t)-1.
 * A walk up to a bound at or past the last one's goes on from where that
 * stopped (the characters it passed are the same); any other starts
 * again. */
static size_t find_subject(const char *s, size_t from, size_t to, cw_side *side, size_t *len,
                           subject_walk *w)
{
    if (w->from != from || to < w->to) {
        w->from = from;
        w->j = from;
        w->at = (size_t)-1;
    }
    w->to = to;
    for (size_t j = w->j; j < to;) {
        size_t l = 0;
        cw_side sd = subject_at(s, j, &l);
        if (sd != CW_SIDE_NONE && l > 0) {
            w->at = j;
            w->side = sd;
            w->len = l;
        }
        j += fl_utf8_char_len((unsigned char)s[j]);
        w->j = j;
    }
    if (w->at != (size_t)-1) {
        *side = w->side;
        *len = w->len;
    }
    return w->at;
}

/* The amount of `want` from the pair just before `pos` (see the top). */
static const cw_money *from_pair(const cw_para *pp, size_t pos, cw_side want, size_t sentence)
{
    long k = cw_money_before(pp, pos);
    if (k < 1)
        return NULL;
    const cw_money *m1 = &pp->money[k], *m2 = &pp->money[k - 1];
    if (m1->sentence != m2->sentence || m1->sentence + 1 < sentence)
        return NULL;
    cw_side s1 = cw_label_side(m1->a->label, 0, 0), s2 = cw_label_side(m2->a->label, 0, 0);
    if (s1 == CW_SIDE_NONE || s2 == CW_SIDE_NONE || s1 == s2)
        return NULL;
    /* A third 预算 or 决算 figure in that sentence (调整预算, 全年预算):
     * which one the word means is not sure. */
    for (long j = k - 2; j >= 0 && pp->money[j].sentence == m1->sentence; j--)
        if (cw_label_side(pp->money[j].a->label, 0, 0) != CW_SIDE_NONE)
            return NULL;
    return s1 == want ? m1 : m2;
}

static const char *side_name(cw_side s)
{
    return s == CW_SIDE_FINAL ? "决算数" : "预算数";
}

int cw_rule_final_vs_budget(const cw_para *pp, fl_report *rep, const cw_options *o)
{
    const char *s = pp->text;
    size_t reported_sentence = (size_t)-1;
    cw_marker_memo markers = CW_MARKER_MEMO_INIT;
    /* The subject is looked for up to the word, or up to its marker:
     * each goes forward in a sentence, so each has its own walk. */
    subject_walk to_word = SUBJECT_WALK_INIT, to_marker = SUBJECT_WALK_INIT;
    for (size_t h = 0; h < pp->nhits; h++) {
        const cw_word_hit *hit = &pp->hits[h];
        size_t at = hit->at, len = hit->len, ss = hit->ss, sentence = hit->sentence;
        const char *word = hit->word;
        cw_rel rel = hit->rel;
        int change = hit->change;
        if (sentence == reported_sentence)
            continue;
        /* The object: after the word, or after 与/比/较 before it. */
        size_t plen = 0, mark = at, pend = 0;
        const cw_money *obj = NULL;
        int obj_after = 0;
        cw_side obj_side = change ? CW_SIDE_NONE : cw_phrase_side(s, at + len, 0, &plen);
        if (obj_side == CW_SIDE_BUDGET || obj_side == CW_SIDE_FINAL) {
            /* 大于年初预算数1560.05万元: the figure may be the budget or
             * the difference; only 大于 is wrong either way when the
             * subject is below it, so only 大于 uses it. */
            obj = cw_money_right_after(pp, at + len + plen);
            if (obj != NULL && rel != CW_REL_GT)
                continue;
            obj_after = 1;
        } else {
            obj_side = cw_marker_before(pp, hit, 0, &markers, &mark, &pend);
            if (obj_side != CW_SIDE_BUDGET && obj_side != CW_SIDE_FINAL)
                continue;
            obj = cw_money_right_after(pp, pend);
            if (obj != NULL && obj->end > at)
                obj = NULL;
        }
        cw_side subj_side = CW_SIDE_NONE;
        size_t slen = 0;
        size_t sj = find_subject(s, ss, mark, &subj_side, &slen,
                                 obj_after ? &to_word : &to_marker);
        if (sj == (size_t)-1 || subj_side == obj_side)
            continue;
        const cw_money *subj = cw_money_right_after(pp, sj + slen);
        if (subj != NULL && subj->end > mark)
            subj = NULL;
        if (subj == NULL)
            subj = from_pair(pp, sj, subj_side, sentence);
        if (obj == NULL)
            obj = from_pair(pp, sj, obj_side, sentence);
        if (subj == NULL || obj == NULL || subj == obj)
            continue;
        if (obj_after && obj != NULL && fl_dec_cmp(subj->wan, obj->wan) == 0 &&
            cw_money_right_after(pp, at + len + plen) == obj)
            continue; /* 大于…X万元 with X the subject: a difference, base 0 */
        cw_claim c = { "final-vs-budget", at, word, rel, change, side_name(subj_side), subj,
                       side_name(obj_side), obj };
        cw_report_claim(pp, rep, o, &c);
        reported_sentence = sentence;
    }
    return 0;
}
