/* sw-target.c — read a target (年度指标值) or an actual value (实际完成值):
 * "≥ 95%", ">=90个", "≤ 575万元", "<=14.06万元", "=1", "100%", "8月25日前".
 * Qualitative targets ("每月25日前", "认定规范", "逐步提升") yield no number. */
#include <string.h>

#include "sw.h"

typedef struct prefix {
    const char *text;
    sw_dir dir;
} prefix;

/* Longest first where one is a prefix of another ("<=" before "<");
 * "=", the most common and a prefix of none, first of all. */
static const prefix prefixes[] = {
    { "=", SW_DIR_EQ },
    { "≥", SW_DIR_GE }, { "≧", SW_DIR_GE }, { ">=", SW_DIR_GE },
    { "大于等于", SW_DIR_GE }, { "不低于", SW_DIR_GE }, { "不少于", SW_DIR_GE },
    { "达到", SW_DIR_GE }, { ">", SW_DIR_GE }, { "大于", SW_DIR_GE },
    { "≤", SW_DIR_LE }, { "≦", SW_DIR_LE }, { "<=", SW_DIR_LE },
    { "小于等于", SW_DIR_LE }, { "不高于", SW_DIR_LE }, { "不超过", SW_DIR_LE },
    { "不多于", SW_DIR_LE }, { "<", SW_DIR_LE }, { "小于", SW_DIR_LE },
    { "等于", SW_DIR_EQ },
    { NULL, SW_DIR_NONE }
};

/* The first bytes of the prefixes: a value that starts otherwise (a
 * digit, most words) is not compared with each. */
static const unsigned char prefix_start[256] = {
    ['='] = 1, ['>'] = 1, ['<'] = 1,
    [0xE2] = 1, /* ≥ ≧ ≤ ≦ */
    [0xE4] = 1, /* 不 */
    [0xE5] = 1, /* 大 小 */
    [0xE7] = 1, /* 等 */
    [0xE8] = 1, /* 达 */
};

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Read up to 9 ASCII digits; returns the count read (0 when none). */
static int read_digits(const char **pp, long *v)
{
    const char *p = *pp;
    int n = 0;

    *v = 0;
    while (*p >= '0' && *p <= '9' && n < 9) {
        *v = *v * 10 + (*p - '0');
        p++;
        n++;
    }
    if (n > 0)
        *pp = p;
    return n;
}

/* "2024年9月30日", "8月25日前", "12月底前", "1月31日".  Returns 1 and
 * fills out when the text is such a date (with nothing else after it). */
static int parse_date(const char *p, sw_dir dir, sw_value *out)
{
    long year = 0, month = 0, day = 0, v;
    const char *q = p;

    if (!read_digits(&q, &v))
        return 0;
    if (fl_str_starts(q, "年")) {
        year = v;
        q += strlen("年");
        if (!read_digits(&q, &v))
            return 0;
    }
    if (!fl_str_starts(q, "月") || v < 1 || v > 12)
        return 0;
    month = v;
    q += strlen("月");
    if (fl_str_starts(q, "底")) {
        day = 31;
        q += strlen("底");
    } else if (read_digits(&q, &v) && fl_str_starts(q, "日") && v >= 1 && v <= 31) {
        day = v;
        q += strlen("日");
    } else {
        return 0;
    }
    if (fl_str_starts(q, "之前") || fl_str_starts(q, "以前")) {
        dir = SW_DIR_DEADLINE;
        q += strlen("之前");
    } else if (fl_str_starts(q, "前")) {
        dir = SW_DIR_DEADLINE;
        q += strlen("前");
    }
    q = skip_spaces(q);
    if (*q != '\0' && !fl_str_starts(q, "完成"))
        return 0;
    out->dir = dir == SW_DIR_LE ? SW_DIR_DEADLINE : dir;
    out->value = fl_dec_from_int(year * 10000 + month * 100 + day);
    out->has_year = year != 0;
    sw_copy_text(out->unit, sizeof out->unit, "date");
    return 1;
}

/* "3|人": the parsed unit's number, a bar and the unit word after the
 * number, cut to n - 1 bytes, as snprintf("%d|%s") writes it.  Written
 * by hand: a target and an actual value are read for every indicator,
 * and the formatting machinery cost more than the rest of the reading. */
static void unit_key(char *dst, size_t n, int unit, const char *rest)
{
    char num[16];
    size_t len = 0, at = sizeof num;
    unsigned magnitude = unit < 0 ? 0u - (unsigned)unit : (unsigned)unit;

    do {
        num[--at] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (unit < 0)
        num[--at] = '-';
    for (; at < sizeof num && len + 1 < n; at++)
        dst[len++] = num[at];
    if (len + 1 < n)
        dst[len++] = '|';
    for (; *rest != '\0' && len + 1 < n; rest++)
        dst[len++] = *rest;
    dst[len] = '\0';
}

int sw_value_parse(const char *text, sw_value *out)
{
    const char *p;
    sw_dir dir = SW_DIR_EQ;
    fl_number n;
    size_t used, len;
    char rest[48];

    memset(out, 0, sizeof *out);
    if (!text)
        return 0;
    p = skip_spaces(text);
    for (size_t i = 0; prefix_start[(unsigned char)*p] && prefixes[i].text; i++) {
        if (fl_str_starts(p, prefixes[i].text)) {
            dir = prefixes[i].dir;
            p = skip_spaces(p + strlen(prefixes[i].text));
            break;
        }
    }
    if (parse_date(p, dir, out))
        return 1;
    used = fl_parse_number(p, &n);
    if (used == 0 || n.is_empty)
        return 0;
    p = skip_spaces(p + used);
    sw_copy_text(rest, sizeof rest, p);
    len = strlen(rest);
    while (len > 0 && rest[len - 1] == ' ')
        rest[--len] = '\0';
    /* "95%以上", "10次以下": the direction written after the number. */
    if (len >= strlen("以上") && strcmp(rest + len - strlen("以上"), "以上") == 0) {
        dir = SW_DIR_GE;
        rest[len - strlen("以上")] = '\0';
    } else if (len >= strlen("以下")
               && (strcmp(rest + len - strlen("以下"), "以下") == 0
                   || strcmp(rest + len - strlen("以内"), "以内") == 0)) {
        dir = SW_DIR_LE;
        rest[len - strlen("以下")] = '\0';
    }
    /* A unit word must be short: "2190户；12家养老机构990人" is prose. */
    if (strlen(rest) > 16 || strchr(rest, ';') || strchr(rest, ','))
        return 0;
    out->dir = dir;
    out->value = n.value;
    unit_key(out->unit, sizeof out->unit, (int)n.unit, rest);
    return 1;
}
