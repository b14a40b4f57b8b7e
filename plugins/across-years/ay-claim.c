/* ay-claim.c — what a sentence says last year's figure was:
 *   A万元,与上年相比增加D万元          last year = A - D
 *   A万元,主要用于…。与上年相比减少D万元  last year = A + D
 *   A万元,比上年预算减少D万元           last year = A + D
 *   A万元,与上年一致 / 本年数与上年数持平  last year = A
 * Anything else (基本持平, 增长X% without money, 与上年执行数相比 in a
 * budget, a second amount in between) is no claim. */
#include <stdio.h>
#include <string.h>

#include "ay.h"

/* How far after A the comparison may start (主要用于…支出。 in between). */
#define AY_GAP_MAX 180
/* How long a restatement of the subject may be (与上年相比,X增加). */
#define AY_RESTATE_MAX 60

static size_t word_at(const char *s, size_t i, const char *const *words)
{
    for (size_t k = 0; words[k] != NULL; k++)
        if (fl_str_starts(s + i, words[k]))
            return strlen(words[k]);
    return 0;
}

/* "上年", "上年度", or "<year-1>年(度)" at s+i: its length, or 0. */
static size_t last_year_at(const char *s, size_t i, int year)
{
    if (fl_str_starts(s + i, "上年") || fl_str_starts(s + i, "去年")) {
        size_t n = strlen("上年");
        return fl_str_starts(s + i + n, "度") ? n + strlen("度") : n;
    }
    char y[16];
    if (year <= 0)
        return 0;
    int len = snprintf(y, sizeof y, "%d年", year - 1);
    if (len <= 0 || !fl_str_starts(s + i, y))
        return 0;
    size_t n = (size_t)len;
    return fl_str_starts(s + i + n, "度") ? n + strlen("度") : n;
}

/* The comparison phrase at s+i (与上年相比, 比上年预算, 较上年, 本年数与上年数
 * …): its length, or 0.  A phrase that names the other kind's figure (上年
 * 决算 in a budget, 上年预算 in a 决算, 执行数) is no phrase. */
static size_t phrase_at(const char *s, size_t i, int final, int year)
{
    static const char *const self[] = { "本年数", "本年", NULL };
    static const char *const lead[] = { "与", "同", "比", "较", "相比", NULL };
    size_t j = i + word_at(s, i, self);
    size_t n = word_at(s, j, lead);
    if (n == 0)
        return 0;
    int needs_verb = fl_str_starts(s + j, "与") || fl_str_starts(s + j, "同");
    j += n;
    size_t y = last_year_at(s, j, year);
    if (y == 0)
        return 0;
    j += y;
    if (fl_str_starts(s + j, "数"))
        j += strlen("数");
    const char *own = final ? "决算" : "预算";
    if (fl_str_starts(s + j, own)) {
        j += strlen(own);
        if (fl_str_starts(s + j, "数"))
            j += strlen("数");
    } else if (fl_str_starts(s + j, "同期")) {
        j += strlen("同期");
    }
    static const char *const verbs[] = { "相比较", "相比", "比较", "对比", "比", NULL };
    size_t v = word_at(s, j, verbs);
    if (needs_verb && v == 0 && !fl_str_starts(s + j, "一致") && !fl_str_starts(s + j, "持平") &&
        !fl_str_starts(s + j, "相同") && !fl_str_starts(s + j, "相等"))
        return 0;
    j += v;
    if (s[j] == ',')
        j++;
    return j - i;
}

/* The words between the phrase and the change word restate the subject:
 * each of their characters is in the subject, the words that only say
 * "total" (总计, 合计, 各) aside. */
static int restates(const char *between, size_t n, const char *subject)
{
    static const char *const loose[] = { "总", "计", "合", "额", "数", "各", "均", "分", "别",
                                         "的", NULL };
    for (size_t i = 0; i < n;) {
        size_t len = fl_utf8_char_len((unsigned char)between[i]);
        int ok = 0;
        for (size_t k = 0; loose[k] != NULL && !ok; k++)
            ok = fl_str_starts(between + i, loose[k]);
        if (!ok) {
            char ch[8];
            if (len >= sizeof ch)
                return 0;
            memcpy(ch, between + i, len);
            ch[len] = '\0';
            ok = strstr(subject, ch) != NULL;
        }
        if (!ok)
            return 0;
        i += len;
    }
    return 1;
}

static const char *const up_words[] = { "增加", "增长", "上升", "提高", NULL };
static const char *const down_words[] = { "减少", "下降", "降低", NULL };
static const char *const same_words[] = { "一致", "持平", "相同", "相等", "零增长", NULL };

/* After the phrase at s+j: the equality or the change and its amount. */
static int read_change(const char *s, size_t j, const char *subject, ay_claim *c)
{
    j = ay_skip_spaces(s, j);
    size_t n = word_at(s, j, same_words);
    if (n > 0) {
        c->change = AY_SAME;
        c->end = j + n;
        snprintf(c->words, sizeof c->words, "%.*s", (int)n, s + j);
        return 1;
    }
    /* the subject restated, then the change word */
    size_t k = j;
    while (k < j + AY_RESTATE_MAX && s[k] && !ay_sentence_break(s, k) && s[k] != ',' &&
           !(s[k] >= '0' && s[k] <= '9') && word_at(s, k, up_words) == 0 &&
           word_at(s, k, down_words) == 0)
        k += fl_utf8_char_len((unsigned char)s[k]);
    size_t up = word_at(s, k, up_words), down = word_at(s, k, down_words);
    if (up == 0 && down == 0)
        return 0;
    if (k > j && !restates(s + j, k - j, subject))
        return 0;
    size_t w = k;
    k += up ? up : down;
    if (fl_str_starts(s + k, "了"))
        k += strlen("了");
    k = ay_skip_spaces(s, k);
    if (!ay_money_at(s, k, &c->d))
        return 0;
    c->change = up ? AY_UP : AY_DOWN;
    c->end = k + c->d.len;
    snprintf(c->words, sizeof c->words, "%.*s", (int)(c->end - w), s + w);
    return 1;
}

int ay_claim_at(const char *text, size_t at, int final, int year, const char *subject,
                ay_claim *c)
{
    memset(c, 0, sizeof *c);
    if (!ay_money_at(text, at, &c->a))
        return 0;
    c->a_at = at;
    size_t i = at + c->a.len;
    /* the phrase starts right after A, or right after a clause break that
     * follows it; no other amount and at most one sentence break between */
    for (size_t start = i; i < start + AY_GAP_MAX && text[i];) {
        size_t b = ay_clause_break(text, i);
        if (i == start || b) {
            size_t p = ay_skip_spaces(text, i + b);
            size_t n = phrase_at(text, p, final, year);
            if (n > 0) {
                if (!read_change(text, p + n, subject, c))
                    return 0;
                break;
            }
            if (ay_sentence_break(text, i))
                return 0; /* a new sentence that is not the comparison */
            if (b) {
                i += b;
                continue;
            }
        }
        ay_money m;
        if (ay_money_at(text, i, &m))
            return 0;
        i += fl_utf8_char_len((unsigned char)text[i]);
    }
    if (c->end == 0)
        return 0;
    switch (c->change) {
    case AY_UP:
        c->implied = fl_dec_sub(c->a.wan, c->d.wan);
        break;
    case AY_DOWN:
        c->implied = fl_dec_add(c->a.wan, c->d.wan);
        break;
    default:
        c->implied = c->a.wan;
        break;
    }
    return !fl_dec_out_of_range(c->implied);
}

int ay_basis_changed(ay_next seen[AY_BASIS_WORDS], const char *text, size_t from, size_t to)
{
    static const char *const words[AY_BASIS_WORDS] = { "口径", "可比", "科目调整", "调整科目",
                                                       "重分类", "追溯调整", "调整后", "重新分类" };
    for (size_t k = 0; k < AY_BASIS_WORDS; k++)
        if (ay_next_word(&seen[k], text, from, words[k]) + strlen(words[k]) <= to)
            return 1;
    return 0;
}
