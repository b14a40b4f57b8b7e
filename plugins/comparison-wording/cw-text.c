/* cw-text.c — words for comparison-wording: comparison and change words,
 * sentence boundaries, what a phrase or a label names (预算, 决算, 上年,
 * 本年).  Everything works on normalised text (，→, ：→: （→( ；→;). */
#include <stdlib.h>
#include <string.h>

#include "cw.h"

/* 1 when s[0..i) ends with the string literal `lit`.  A macro, so that
 * the length is the literal's size and memcmp() of a few bytes needs no
 * call: these run at every comparison word and label, and an inline
 * function was not inlined where a dozen are asked in a row. */
#define ends_at(s, i, lit) \
    ((i) >= sizeof(lit) - 1 && memcmp((s) + (i) - (sizeof(lit) - 1), lit, sizeof(lit) - 1) == 0)

typedef struct word {
    const char *w;
    cw_rel rel;
    int change;   /* a change over time: only when asked for */
    int tail;     /* an end word (持平): must end its clause */
} word;

/* Longest first where one word starts another. */
static const word words[] = {
    { "基本持平", CW_REL_ROUGH, 0, 1 }, { "基本一致", CW_REL_ROUGH, 0, 1 },
    { "基本相当", CW_REL_ROUGH, 0, 1 }, { "基本相同", CW_REL_ROUGH, 0, 1 },
    { "基本相等", CW_REL_ROUGH, 0, 1 }, { "大体持平", CW_REL_ROUGH, 0, 1 },
    { "大致持平", CW_REL_ROUGH, 0, 1 }, { "大体一致", CW_REL_ROUGH, 0, 1 },
    { "大致相当", CW_REL_ROUGH, 0, 1 },
    { "持平", CW_REL_EQ, 0, 1 }, { "一致", CW_REL_EQ, 0, 1 }, { "相等", CW_REL_EQ, 0, 1 },
    { "相同", CW_REL_EQ, 0, 1 }, { "零增长", CW_REL_EQ, 0, 1 },
    { "等于", CW_REL_EQ, 0, 0 },
    { "大于", CW_REL_GT, 0, 0 }, { "高于", CW_REL_GT, 0, 0 }, { "超过", CW_REL_GT, 0, 0 },
    { "超出", CW_REL_GT, 0, 0 }, { "多于", CW_REL_GT, 0, 0 },
    { "小于", CW_REL_LT, 0, 0 }, { "低于", CW_REL_LT, 0, 0 }, { "少于", CW_REL_LT, 0, 0 },
    { "增加", CW_REL_GT, 1, 0 }, { "增长", CW_REL_GT, 1, 0 }, { "上升", CW_REL_GT, 1, 0 },
    { "提高", CW_REL_GT, 1, 0 },
    { "减少", CW_REL_LT, 1, 0 }, { "下降", CW_REL_LT, 1, 0 }, { "降低", CW_REL_LT, 1, 0 },
};

#define NWORDS (sizeof words / sizeof *words)

/* What 比/与/较 bring in: the base a word compares against. */
static const char *const markers[] = { "与", "比", "较" };
#define NMARKERS (sizeof markers / sizeof *markers)

fl_matcher *cw_words_new(void)
{
    const char *w[NWORDS + NMARKERS];
    for (size_t k = 0; k < NWORDS; k++)
        w[k] = words[k].w;
    for (size_t k = 0; k < NMARKERS; k++)
        w[NWORDS + k] = markers[k];
    return fl_matcher_new(w, NWORDS + NMARKERS);
}

int cw_word_is_marker(size_t k)
{
    return k >= NWORDS;
}

/* Any comparison or change word at s+i (for template alternatives). */
static size_t any_word(const char *s)
{
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (fl_str_starts(s, words[k].w))
            return strlen(words[k].w);
    return 0;
}

/* What may follow an end word: the clause ends, or its cause begins. */
static int tail_ok(const char *s)
{
    if (*s == '\0' || (unsigned char)*s < 0x80)
        return 1;
    if (cw_clause_break(s, 0))
        return 1;
    static const char *const ok[] = { "的主要原因", "的原因", "主要原因", "原因" };
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++)
        if (fl_str_starts(s, ok[k]))
            return 1;
    return 0;
}

cw_rel cw_word_at(const char *s, size_t i, size_t first, int change, size_t *len,
                  const char **w, int *is_change)
{
    const word *hit = NULL;
    for (size_t k = first; k < sizeof words / sizeof *words && hit == NULL; k++)
        if (fl_str_starts(s + i, words[k].w))
            hit = &words[k];
    if (hit == NULL || (hit->change && !change))
        return CW_REL_NONE;
    size_t n = strlen(hit->w);
    /* 持平 inside 基本持平 is matched at 基本. */
    if (hit->rel == CW_REL_EQ &&
        (ends_at(s, i, "基本") || ends_at(s, i, "大体") || ends_at(s, i, "大致")))
        return CW_REL_NONE;
    /* Negated or asked: 未超过, 不大于, 无增加, 是否持平. */
    if (ends_at(s, i, "不") || ends_at(s, i, "未") || ends_at(s, i, "无") || ends_at(s, i, "没") ||
        ends_at(s, i, "没有") || ends_at(s, i, "非") || ends_at(s, i, "是否") ||
        ends_at(s, i, "并未"))
        return CW_REL_NONE;
    /* Template alternatives: 大于(小于), 增加(减少), 减少/增加. */
    if (i > 0 && (s[i - 1] == '(' || s[i - 1] == '/'))
        return CW_REL_NONE;
    if ((s[i + n] == '(' || s[i + n] == '/') && any_word(s + i + n + 1))
        return CW_REL_NONE;
    if (fl_str_starts(s + i + n, "或") && any_word(s + i + n + 3))
        return CW_REL_NONE;
    if (hit->tail && !tail_ok(s + i + n))
        return CW_REL_NONE;
    *len = n;
    *w = hit->w;
    *is_change = hit->change;
    return hit->rel;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int cw_year_at(const char *s, size_t i, size_t *len)
{
    if (!(is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3])))
        return 0;
    if (i > 0 && is_digit(s[i - 1]))
        return 0;
    if (!fl_str_starts(s + i + 4, "年"))
        return 0;
    int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    if (y < 1990 || y > 2100)
        return 0;
    size_t n = 7;
    if (fl_str_starts(s + i + n, "度"))
        n += 3;
    *len = n;
    return y;
}

/* Words that may continue a side word: 上年 预算 执行 数 … */
static size_t extend_side(const char *s, size_t i)
{
    static const char *const more[] = { "同期", "年度", "度", "当年", "年初", "全年", "预算",
                                         "决算", "执行", "数", "安排" };
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; k < sizeof more / sizeof *more; k++)
            if (fl_str_starts(s + i, more[k])) {
                i += strlen(more[k]);
                again = 1;
            }
    }
    return i;
}

cw_side cw_phrase_side(const char *s, size_t i, int prev_year, size_t *len)
{
    size_t from = i;
    while (s[i] == ' ')
        i++;
    static const char *const lead[] = { "了", "的" };
    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++)
        if (fl_str_starts(s + i, lead[k]))
            i += strlen(lead[k]);
    size_t yl = 0;
    int y = cw_year_at(s, i, &yl);
    cw_side side = CW_SIDE_NONE;
    if (y != 0) {
        /* The base of 比/与 is the earlier year when the report's is unknown. */
        if (prev_year == 0 || y == prev_year)
            side = CW_SIDE_PREV;
        else if (y == prev_year + 1)
            side = CW_SIDE_CUR;
        i += yl;
    } else if (fl_str_starts(s + i, "上年") || fl_str_starts(s + i, "去年")) {
        i += 6;
        if (fl_str_starts(s + i, "结转") || fl_str_starts(s + i, "结余") || fl_str_starts(s + i, "末"))
            return CW_SIDE_NONE;
        side = CW_SIDE_PREV;
    } else if (fl_str_starts(s + i, "上一年")) {
        i += 9;
        side = CW_SIDE_PREV;
    } else if (fl_str_starts(s + i, "本年") || fl_str_starts(s + i, "今年")) {
        i += 6;
        side = CW_SIDE_CUR;
    } else {
        static const char *const pre[] = { "调整后的", "调整后", "年初", "全年" };
        for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
            if (fl_str_starts(s + i, pre[k])) {
                i += strlen(pre[k]);
                break;
            }
        if (fl_str_starts(s + i, "预算") && !fl_str_starts(s + i, "预算执行")) {
            side = CW_SIDE_BUDGET;
            i += 6;
        } else if (fl_str_starts(s + i, "决算")) {
            side = CW_SIDE_FINAL;
            i += 6;
        }
    }
    if (side == CW_SIDE_NONE)
        return CW_SIDE_NONE;
    *len = extend_side(s, i) - from;
    return side;
}

size_t cw_skip_copula(const char *s, size_t i)
{
    static const char *const skip[] = { "数", "为", "是", ":", "共", "合计", "总计", "的", "达",
                                        " " };
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; k < sizeof skip / sizeof *skip; k++)
            if (fl_str_starts(s + i, skip[k])) {
                i += strlen(skip[k]);
                again = 1;
            }
    }
    return i;
}

int cw_label_is_change(const char *l, size_t n)
{
    return ends_at(l, n, "增加") || ends_at(l, n, "减少") || ends_at(l, n, "增长") ||
           ends_at(l, n, "下降") || ends_at(l, n, "降低") || ends_at(l, n, "上升") ||
           ends_at(l, n, "提高") || ends_at(l, n, "持平") || ends_at(l, n, "相比") ||
           ends_at(l, n, "增加了") || ends_at(l, n, "减少了") || ends_at(l, n, "增减");
}

/* The last year written in l[0..n), 0 if none. */
static int last_year(const char *l, size_t n)
{
    int y = 0;
    for (size_t i = 0; i + 4 <= n; i++) {
        size_t yl;
        if (!is_digit(l[i]))
            continue; /* no year here: no call */
        int v = cw_year_at(l, i, &yl);
        if (v)
            y = v;
    }
    return y;
}

cw_side cw_label_side(const char *label, int prev_year, int want_time)
{
    size_t n = strlen(label);
    while (n > 0 && label[n - 1] == ' ')
        n--;
    if (n == 0 || cw_label_is_change(label, n))
        return CW_SIDE_NONE;
    const char *prev_word = strstr(label, "上年");
    if (prev_word != NULL && (fl_str_starts(prev_word + 6, "结转") || fl_str_starts(prev_word + 6, "结余") ||
                              fl_str_starts(prev_word + 6, "末")))
        prev_word = NULL;
    if (want_time) {
        int y = last_year(label, n);
        if (y != 0) {
            if (prev_year != 0 && y == prev_year)
                return CW_SIDE_PREV;
            if (prev_year != 0 && y == prev_year + 1)
                return CW_SIDE_CUR;
            return CW_SIDE_NONE;
        }
        if (prev_word != NULL || strstr(label, "去年") != NULL || strstr(label, "上一年") != NULL)
            return CW_SIDE_PREV;
        if (strstr(label, "本年") != NULL || strstr(label, "今年") != NULL)
            return CW_SIDE_CUR;
        return CW_SIDE_NONE;
    }
    /* 预算数 / 决算数 of this year: the label's last word says which. */
    if (prev_word != NULL || strstr(label, "去年") != NULL)
        return CW_SIDE_NONE;
    if (ends_at(label, n, "数"))
        n -= 3;
    if (ends_at(label, n, "决算"))
        return CW_SIDE_FINAL;
    if (ends_at(label, n, "预算") && !ends_at(label, n, "公共预算") &&
        !ends_at(label, n, "基金预算") && !ends_at(label, n, "经营预算"))
        return CW_SIDE_BUDGET;
    return CW_SIDE_NONE;
}
