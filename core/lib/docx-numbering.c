/* docx-numbering.c — labels of automatically numbered DOCX paragraphs. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx-numbering.h"
#include "ooxml.h"
#include "util.h"

#define LEVELS 9

typedef struct level {
    char *fmt;           /* numFmt: decimal, chineseCounting, bullet ... */
    char *text;          /* lvlText: "%1、", "（%2）" */
    int start;
} level;

typedef struct abstract {
    int id;
    size_t pos;          /* order in the file: the first of an id wins */
    level lv[LEVELS];
} abstract;

typedef struct list {
    int id;
    size_t pos;
    int abstract_id;
    abstract *abs;       /* resolved once, after loading */
    int count[LEVELS];
    int used[LEVELS];
} list;

struct fl_numbering_defs {
    abstract *abs;
    size_t nabs, capabs;
    list *lists;
    size_t nlists, caplists;
};

static int int_attr(const xmlNode *n, const char *name, int fallback)
{
    const char *v = fl_ooxml_attr(n, name);
    return v ? atoi(v) : fallback;
}

/* Word lets a list start anywhere from 0 to 32767; a hostile file may say
 * 2147483647 (the counter would overflow) or garbage: keep it in range. */
#define MAX_START 32767

static int start_attr(const xmlNode *n)
{
    const char *v = fl_ooxml_attr(n, "val");
    if (v == NULL)
        return 1;
    char *end;
    long s = strtol(v, &end, 10);
    if (end == v || s < 0)
        return end == v ? 1 : 0;
    return s > MAX_START ? MAX_START : (int)s;
}

/* A document may define a hundred thousand lists and number as many
 * paragraphs: lists and abstract definitions are sorted by id (then file
 * order) and found by binary search, never by a scan per paragraph. */
static int cmp_id_pos(int ia, size_t pa, int ib, size_t pb)
{
    if (ia != ib)
        return ia < ib ? -1 : 1;
    return pa < pb ? -1 : pa > pb;
}

static int by_abstract(const void *a, const void *b)
{
    const abstract *x = a, *y = b;
    return cmp_id_pos(x->id, x->pos, y->id, y->pos);
}

static int by_list(const void *a, const void *b)
{
    const list *x = a, *y = b;
    return cmp_id_pos(x->id, x->pos, y->id, y->pos);
}

/* Lowest index in [0, n) whose id is not below `id`, for an array
 * sorted by (id, pos). */
#define LOWER_BOUND(arr, n, key, out)                                     \
    do {                                                                  \
        size_t lo_ = 0, hi_ = (n);                                        \
        while (lo_ < hi_) {                                               \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                          \
            if ((arr)[mid_].id < (key))                                   \
                lo_ = mid_ + 1;                                           \
            else                                                          \
                hi_ = mid_;                                               \
        }                                                                 \
        (out) = lo_;                                                      \
    } while (0)

/* The first (in file order) abstract definition or list of an id. */
static abstract *find_abstract(fl_numbering_defs *d, int id)
{
    size_t i;
    LOWER_BOUND(d->abs, d->nabs, id, i);
    return i < d->nabs && d->abs[i].id == id ? &d->abs[i] : NULL;
}

static list *find_list(fl_numbering_defs *d, int id)
{
    size_t i;
    LOWER_BOUND(d->lists, d->nlists, id, i);
    return i < d->nlists && d->lists[i].id == id ? &d->lists[i] : NULL;
}

static void index_defs(fl_numbering_defs *d)
{
    if (d->nabs > 1)
        qsort(d->abs, d->nabs, sizeof *d->abs, by_abstract);
    if (d->nlists > 1)
        qsort(d->lists, d->nlists, sizeof *d->lists, by_list);
    for (size_t i = 0; i < d->nlists; i++)
        d->lists[i].abs = find_abstract(d, d->lists[i].abstract_id);
}

fl_numbering_defs *fl_numbering_load(xmlDoc *doc)
{
    fl_numbering_defs *d = xcalloc(1, sizeof *d);
    for (xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (fl_ooxml_is(c, "abstractNum")) {
            d->abs = xgrow(d->abs, &d->capabs, d->nabs + 1, sizeof *d->abs);
            abstract *a = &d->abs[d->nabs++];
            memset(a, 0, sizeof *a);
            a->id = int_attr(c, "abstractNumId", -1);
            a->pos = d->nabs;
            for (xmlNode *l = c->children; l; l = l->next) {
                int i = fl_ooxml_is(l, "lvl") ? int_attr(l, "ilvl", -1) : -1;
                if (i < 0 || i >= LEVELS)
                    continue;
                const char *fmt = fl_ooxml_attr(fl_ooxml_child(l, "numFmt"), "val");
                const char *text = fl_ooxml_attr(fl_ooxml_child(l, "lvlText"), "val");
                free(a->lv[i].fmt);
                free(a->lv[i].text);
                a->lv[i].fmt = xstrdup(fmt ? fmt : "decimal");
                a->lv[i].text = text ? xstrdup(text) : NULL;
                a->lv[i].start = start_attr(fl_ooxml_child(l, "start"));
            }
        } else if (fl_ooxml_is(c, "num")) {
            d->lists = xgrow(d->lists, &d->caplists, d->nlists + 1, sizeof *d->lists);
            list *li = &d->lists[d->nlists++];
            memset(li, 0, sizeof *li);
            li->id = int_attr(c, "numId", -1);
            li->pos = d->nlists;
            li->abstract_id = int_attr(fl_ooxml_child(c, "abstractNumId"), "val", -1);
        }
    }
    index_defs(d);
    return d;
}

void fl_numbering_free(fl_numbering_defs *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nabs; i++)
        for (int k = 0; k < LEVELS; k++) {
            free(d->abs[i].lv[k].fmt);
            free(d->abs[i].lv[k].text);
        }
    free(d->abs);
    free(d->lists);
    free(d);
}

/* 1..99 in Chinese: 一, 十, 十二, 二十, 二十三. */
static void chinese(fl_buf *b, int v)
{
    static const char *const d[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (v <= 0 || v >= 100) {
        fl_buf_printf(b, "%d", v);
        return;
    }
    if (v >= 20)
        fl_buf_puts(b, d[v / 10]);
    if (v >= 10)
        fl_buf_puts(b, "十");
    if (v % 10)
        fl_buf_puts(b, d[v % 10]);
}

static void format_number(fl_buf *b, const char *fmt, int v)
{
    if (!strncmp(fmt, "chinese", 7) || !strcmp(fmt, "ideographLegalTraditional")
        || !strcmp(fmt, "taiwaneseCounting") || !strcmp(fmt, "japaneseCounting")) {
        chinese(b, v);
    } else if (!strcmp(fmt, "ideographTraditional") && v >= 1 && v <= 10) {
        static const char *const tg[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
        fl_buf_puts(b, tg[v - 1]);
    } else if ((!strcmp(fmt, "upperLetter") || !strcmp(fmt, "lowerLetter")) && v >= 1 && v <= 26) {
        char c = (char)((fmt[0] == 'u' ? 'A' : 'a') + v - 1);
        fl_buf_append(b, &c, 1);
    } else if (!strcmp(fmt, "decimalEnclosedCircle") || !strcmp(fmt, "decimalEnclosedCircleChinese")) {
        if (v >= 1 && v <= 20) {
            /* U+2460 + v - 1 */
            unsigned cp = 0x2460u + (unsigned)v - 1;
            char u[4] = { (char)(0xe0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3f)),
                          (char)(0x80 | (cp & 0x3f)), 0 };
            fl_buf_puts(b, u);
        } else {
            fl_buf_printf(b, "%d", v);
        }
    } else {
        fl_buf_printf(b, "%d", v);
    }
}

char *fl_numbering_next(fl_numbering_defs *d, int num_id, int ilvl)
{
    if (!d || ilvl < 0 || ilvl >= LEVELS)
        return NULL;
    list *li = find_list(d, num_id);
    abstract *a = li ? li->abs : NULL;
    if (!a || !a->lv[ilvl].text || !a->lv[ilvl].fmt)
        return NULL;
    if (!strcmp(a->lv[ilvl].fmt, "bullet") || !strcmp(a->lv[ilvl].fmt, "none"))
        return NULL;
    /* the counter stops at INT_MAX instead of wrapping (one more item per
     * paragraph: a document cannot reach it, a hostile one must not) */
    if (!li->used[ilvl])
        li->count[ilvl] = a->lv[ilvl].start;
    else if (li->count[ilvl] < INT_MAX)
        li->count[ilvl]++;
    li->used[ilvl] = 1;
    for (int k = ilvl + 1; k < LEVELS; k++)
        li->used[k] = 0;   /* a deeper level starts again under a new item */

    fl_buf b = {0};
    for (const char *p = a->lv[ilvl].text; *p; p++) {
        if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            const char *fmt = a->lv[k].fmt ? a->lv[k].fmt : "decimal";
            format_number(&b, fmt, li->used[k] ? li->count[k] : a->lv[k].start);
            p++;
        } else {
            fl_buf_append(&b, p, 1);
        }
    }
    return fl_buf_steal(&b);
}
