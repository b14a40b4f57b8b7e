/* rt-text.c — text helpers of the required-tables check: squeeze a line
 * down to the words of a title, and tell a title line from prose. */
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* A table title is short; a longer line is prose that names a table. */
#define RT_TITLE_MAX_CHARS 50

size_t rt_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
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

fl_matcher *rt_marks_new(void)
{
    return fl_matcher_new(squeeze_marks, RT_NMARKS);
}

static int dropped_byte(char c)
{
    return c == ' ' || c == '\t' || c == '#' || c == '*' || c == '"' || c == '\'' || c == '|';
}

/* Where marks start in a line, sorted by start (then by their order in
 * squeeze_marks[], the order they are tried in). */
typedef struct rt_at {
    size_t at, mark;
} rt_at;

typedef struct rt_ats {
    rt_at *v;
    size_t n, cap;
    int failed;
    rt_at local[32];
} rt_ats;

static int on_mark(void *ctx, size_t mark, size_t offset)
{
    rt_ats *a = ctx;
    if (a->n == a->cap) {
        size_t cap = a->cap * 2;
        rt_at *grown = a->v == a->local ? malloc(cap * sizeof *grown)
                                        : realloc(a->v, cap * sizeof *grown);
        if (grown == NULL) {
            a->failed = 1;
            return 1;
        }
        if (a->v == a->local)
            memcpy(grown, a->local, sizeof a->local);
        a->v = grown;
        a->cap = cap;
    }
    a->v[a->n].at = offset;
    a->v[a->n++].mark = mark;
    return 0;
}

/* The matcher reports by end; nearly sorted already, so insertion sort. */
static void sort_ats(rt_ats *a)
{
    for (size_t i = 1; i < a->n; i++) {
        rt_at e = a->v[i];
        size_t j = i;
        for (; j > 0 && (a->v[j - 1].at > e.at ||
                         (a->v[j - 1].at == e.at && a->v[j - 1].mark > e.mark));
             j--)
            a->v[j] = a->v[j - 1];
        a->v[j] = e;
    }
}

char *rt_squeeze(const fl_matcher *m, const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (out == NULL)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '#')
        s++;
    if (*s == '-' && s[1] == ' ')  /* a markdown list item */
        s += 2;
    size_t len = strlen(s);
    rt_ats a;
    a.v = a.local;
    a.n = 0;
    a.cap = sizeof a.local / sizeof *a.local;
    a.failed = 0;
    fl_matcher_scan(m, s, len, on_mark, &a);
    if (a.failed) {
        if (a.v != a.local)
            free(a.v);
        free(out);
        return NULL;
    }
    sort_ats(&a);
    size_t o = 0, k = 0;
    for (size_t i = 0; i < len;) {
        while (k < a.n && a.v[k].at < i)
            k++;
        if (k < a.n && a.v[k].at == i) {
            /* A 目录 entry: "5．…功能分类预算表 ……………… 15": the title
             * ends at the dot leaders. */
            if (a.v[k].mark < RT_NSTOPS) {
                while (o > 0 && out[o - 1] >= '0' && out[o - 1] <= '9')
                    o--;
                break;
            }
            i += strlen(squeeze_marks[a.v[k].mark]);
            continue;
        }
        if (dropped_byte(s[i])) {
            i++;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    if (a.v != a.local)
        free(a.v);
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
    static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七",
                                            "八", "九", "十", "〇", "零", NULL };
    for (;;) {
        size_t i;
        for (i = 0; numerals[i] != NULL; i++)
            if (fl_str_starts(p, numerals[i]))
                break;
        if (numerals[i] == NULL)
            return p;
        p += strlen(numerals[i]);
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

char *rt_title_name(const fl_matcher *marks, const char *line)
{
    static const char *const prose[] = { "。", ",", ":", ";", "《", "》", "?", NULL };
    /* The name ends in 表, and squeezing only drops whole characters: a
     * line without 表 names no table.  Most lines are prose or rows, so
     * this spares them the copy. */
    if (strstr(line, "表") == NULL)
        return NULL;
    char *sq = rt_squeeze(marks, line);
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
    if (!ends_with(sq, len, "表") || rt_has_any(sq, prose) || rt_chars(sq) < 3 ||
        rt_chars(sq) > RT_TITLE_MAX_CHARS) {
        free(sq);
        return NULL;
    }
    return sq;
}
