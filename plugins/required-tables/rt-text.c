/* rt-text.c — text helpers of the required-tables check: squeeze a line
 * down to the words of a title, and tell a title line from prose. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* A table title is short; a longer line is prose that names a table. */
#define RT_TITLE_MAX_CHARS 50

size_t rt_chars(const char *s)
{
    /* A character starts at every byte but a continuation byte
     * (10xxxxxx): eight bytes are told at once, by bit 7 set and bit 6
     * clear, and their continuation bytes summed by one multiply. */
    size_t len = strlen(s), n = len, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = (w & ~(w << 1) & 0x8080808080808080u) >> 7;
        n -= (size_t)((cont * 0x0101010101010101u) >> 56);
    }
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            n--;
    return n;
}

/* The first 表 of s, or NULL. */
static const char *first_biao(const char *s)
{
    /* By its last byte A8, which strchr() finds a block at a time: most
     * lines are rows of figures, where strstr() costs more per line.  In
     * valid UTF-8, E8 A1 before it make the whole character. */
    for (const char *p = strchr(s, '\xA8'); p != NULL; p = strchr(p + 1, '\xA8'))
        if (p - s >= 2 && p[-2] == '\xE8' && p[-1] == '\xA1')
            return p - 2;
    return NULL;
}

int rt_has_biao(const char *s)
{
    return first_biao(s) != NULL;
}

int rt_has_any(const char *s, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strstr(s, *words) != NULL)
            return 1;
    return 0;
}

/* What rt_squeeze() looks for beyond single bytes: first the 目录's dot
 * leaders, where a title ends, then marks that never tell two titles
 * apart (quotes around 三公).  Spaces inside a wrapped title and markdown
 * are single bytes, tested directly. */
static const char *const squeeze_marks[] = { "…", "·", "...", "“", "”", "‘", "’", "「", "」" };
#define RT_NSTOPS 3 /* squeeze_marks[0..3): dot leaders */
#define RT_NMARKS (sizeof squeeze_marks / sizeof *squeeze_marks)

/* What rt_squeeze() does with a byte: keep it, drop it (spaces, quotes,
 * markdown), or look for a mark there (the first bytes of squeeze_marks[]).
 * One lookup per byte of a line. */
enum { RT_KEEP = 0, RT_DROP, RT_MARK };
static const unsigned char squeeze_class[256] = {
    [' '] = RT_DROP, ['\t'] = RT_DROP, ['#'] = RT_DROP, ['*'] = RT_DROP,
    ['"'] = RT_DROP, ['\''] = RT_DROP, ['|'] = RT_DROP,
    ['.'] = RT_MARK, [0xC2] = RT_MARK, [0xE2] = RT_MARK, [0xE3] = RT_MARK,
};
/* The bytes squeeze_class[] does not keep, for strcspn() to pass the
 * runs it keeps: most of a title. */
static const char squeeze_stops[] = " \t#*\"'|.\xC2\xE2\xE3";

/* The first of squeeze_marks[] at s, or RT_NMARKS. */
static size_t mark_at(const char *s)
{
    for (size_t k = 0; k < RT_NMARKS; k++)
        if (fl_str_starts(s, squeeze_marks[k]))
            return k;
    return RT_NMARKS;
}

char *rt_squeeze(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (out == NULL)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '#')
        s++;
    if (*s == '-' && s[1] == ' ')  /* a markdown list item */
        s += 2;
    size_t o = 0;
    for (size_t i = 0; s[i] != '\0';) {
        unsigned char cls = squeeze_class[(unsigned char)s[i]];
        if (cls == RT_KEEP) {
            size_t run = strcspn(s + i, squeeze_stops);
            memcpy(out + o, s + i, run);
            o += run;
            i += run;
            continue;
        }
        if (cls == RT_DROP) {
            i++;
            continue;
        }
        size_t k = mark_at(s + i);
        if (k < RT_NSTOPS) {
            /* A 目录 entry: "5．…功能分类预算表 ……………… 15": the title
             * ends at the dot leaders. */
            while (o > 0 && out[o - 1] >= '0' && out[o - 1] <= '9')
                o--;
            break;
        }
        if (k < RT_NMARKS)
            i += strlen(squeeze_marks[k]);
        else
            out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}

static const char *skip_digits(const char *p)
{
    while (*p >= '0' && *p <= '9')
        p++;
    return p;
}

static const char *skip_cn_numerals(const char *p)
{
    /* Each numeral is three bytes, the first E3 or above: a title's
     * first character is mostly told by its first byte. */
    static const char numerals[] = "一二三四五六七八九十〇零";
    for (;;) {
        size_t i = 0;
        if ((unsigned char)*p >= 0xE3)
            while (i < sizeof numerals - 1 &&
                   !(p[0] == numerals[i] && p[1] == numerals[i + 1] && p[2] == numerals[i + 2]))
                i += 3;
        else
            i = sizeof numerals - 1;
        if (i == sizeof numerals - 1)
            return p;
        p += 3;
    }
}

/* After a number: "、" "." or nothing useful. */
static const char *after_number(const char *p)
{
    if (fl_str_starts(p, "、"))
        return p + strlen("、");
    if (*p == '.')
        return p + 1;
    return NULL;
}

/* One leading number: "一、" "(一)" "(1)" "5." "5、" "公开05表" "表3." "附表2". */
static const char *skip_number(const char *p)
{
    const char *q;
    if (*p == '(') {
        q = skip_cn_numerals(p + 1);
        if (q == p + 1)
            q = skip_digits(p + 1);
        if (q > p + 1 && *q == ')')
            return q + 1;
        return p;
    }
    q = skip_cn_numerals(p);
    if (q != p)
        return (q = after_number(q)) != NULL ? q : p;
    q = skip_digits(p);
    if (q != p)
        return (q = after_number(q)) != NULL ? q : p;
    if (fl_str_starts(p, "公开")) {
        q = skip_digits(p + strlen("公开"));
        if (q != p + strlen("公开") && fl_str_starts(q, "表"))
            return q + strlen("表");
        return p;
    }
    const char *t = fl_str_starts(p, "附表") ? p + strlen("附表") : fl_str_starts(p, "表") ? p + strlen("表") : NULL;
    if (t != NULL) {
        q = skip_digits(t);
        if (q == t)
            return p;
        const char *r = after_number(q);
        return r != NULL ? r : q;
    }
    return p;
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* The first bytes of the marks of prose, for strcspn(). */
#define PROSE_FIRSTS ",:;?\xE3"

/* 1 when a mark of prose (。,:;《》?) starts at s: a lookup per byte. */
static int prose_mark_at(const char *s)
{
    /* 1: the mark itself; 2: the first byte of 。《》 */
    static const unsigned char first[256] = { [','] = 1, [':'] = 1, [';'] = 1, ['?'] = 1,
                                              [0xE3] = 2 };
    unsigned char kind = first[(unsigned char)*s];
    return kind == 1 || (kind == 2 && (fl_str_starts(s, "。") || fl_str_starts(s, "《") ||
                                       fl_str_starts(s, "》")));
}

/* 1 when s holds a mark of prose: one pass, where a search per mark went
 * over a title seven times. */
static int has_prose(const char *s)
{
    for (s += strcspn(s, PROSE_FIRSTS); *s != '\0'; s += 1 + strcspn(s + 1, PROSE_FIRSTS))
        if (prose_mark_at(s))
            return 1;
    return 0;
}

char *rt_title_name(const char *line)
{
    /* The name ends in 表, and squeezing only drops whole characters: a
     * line without 表 names no table.  Most lines are prose or rows, so
     * this spares them the copy. */
    const char *biao = first_biao(line);
    if (biao == NULL)
        return NULL;
    /* The name ends at a 表, the first or a later one, and starts where
     * the line does but for numbers and spaces, which hold no mark of
     * prose: a mark before the first 表 is in the name, and the long
     * lines of prose that name a table go without a copy.  strcspn()
     * passes the bytes that start no mark many at a time. */
    for (const char *m = line + strcspn(line, PROSE_FIRSTS); m < biao;
         m += 1 + strcspn(m + 1, PROSE_FIRSTS))
        if (prose_mark_at(m))
            return NULL;
    char *sq = rt_squeeze(line);
    if (sq == NULL)
        return NULL;
    const char *p = sq;
    for (int i = 0; i < 3; i++) {
        const char *q = skip_number(p);
        if (q == p)
            break;
        p = q;
    }
    size_t len = strlen(p);
    /* "(公开01表)" "(功能科目)" after the title. */
    while (len > 0 && p[len - 1] == ')') {
        size_t open = len - 1;
        while (open > 0 && p[open] != '(')
            open--;
        if (p[open] != '(')
            break;
        len = open;
    }
    memmove(sq, p, len);
    sq[len] = '\0';
    size_t chars = ends_with(sq, len, "表") ? rt_chars(sq) : 0;
    if (chars < 3 || chars > RT_TITLE_MAX_CHARS || has_prose(sq)) {
        free(sq);
        return NULL;
    }
    return sq;
}
