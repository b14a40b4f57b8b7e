/* rt-find.c — where each table of the catalogue is in a document.
 *
 * A table is present when a table read from the document carries its
 * title: its own title, the heading of its section, or a title line just
 * above it (PDFs often give the title as a heading, and a table whose page
 * lost its title is still known by the 三公 columns).  A title line on its
 * own, outside the 目录, also counts as present: the table itself may be
 * an image.  The 目录 lists tables without being them, so its lines are
 * kept apart: they are what the document promises. */
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* How far above a table its title may be (lines; a PDF puts the unit,
 * the 编制部门 and blank lines between them). */
#define RT_TITLE_WINDOW 14
/* A 目录 longer than this is no 目录. */
#define RT_TOC_MAX_LINES 200

static int classify_line(const rt_scan *sc, const char *text)
{
    char *name = rt_title_name(text);
    if (name == NULL)
        return -1;
    int k = rt_classify(sc->set, name);
    free(name);
    return k;
}

/* classify_line() of line n, asked once: a title line above a table is
 * asked again by the pass over all lines.  `memo` holds 2 + the answer,
 * 0 when not yet asked. */
static int classify_doc_line(const fl_document *doc, const rt_scan *sc, int *memo, size_t n)
{
    if (memo[n] == 0)
        memo[n] = 2 + classify_line(sc, fl_doc_line_norm(doc, n));
    return memo[n] - 2;
}

int rt_in_toc(const rt_scan *sc, size_t n)
{
    return sc->toc_start != 0 && n >= sc->toc_start && n <= sc->toc_end;
}

/* Prose, not a 目录 entry: a long line, or one with a sentence in it
 * ("一、主要职能。" is still an entry).  `sq` is the line squeezed. */
static int is_prose(const char *sq)
{
    const char *stop = strstr(sq, "。");
    return (stop != NULL && stop[strlen("。")] != '\0') || strchr(sq, ',') != NULL ||
           rt_chars(sq) > 45;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

/* The 目录: from its heading to the line before the body repeats the first
 * entry ("第一部分 …概况" again), or before the first prose or table. */
static void find_toc(const fl_document *doc, rt_scan *sc)
{
    size_t lines = fl_doc_line_count(doc), first_table = lines + 1;
    if (fl_doc_table_count(doc) > 0)
        first_table = fl_table_line(fl_doc_table(doc, 0));
    size_t head = 0;
    for (size_t n = 1; n <= lines && n <= 120 && head == 0; n++) {
        /* Squeezing drops whole characters: only a line with 录 can
         * squeeze to 目录. */
        if (strstr(fl_doc_line_norm(doc, n), "录") == NULL)
            continue;
        char *sq = rt_squeeze(fl_doc_line_norm(doc, n));
        if (sq != NULL && strcmp(sq, "目录") == 0)
            head = n;
        free(sq);
    }
    if (head == 0)
        return;
    size_t first = head + 1;
    while (first <= lines && blank(fl_doc_line_norm(doc, first)))
        first++;
    if (first > lines || first >= first_table)
        return;
    char *token = rt_squeeze(fl_doc_line_norm(doc, first));
    if (token == NULL)
        return;
    /* "第一部分 部门概况" comes back as "第一部分" or "第一部分 部门概况". */
    char *part = strstr(token, "部分");
    if (fl_str_starts(token, "第") && part != NULL)
        part[strlen("部分")] = '\0';
    size_t end = first;
    for (size_t n = first + 1; n <= lines && n < first_table && n <= head + RT_TOC_MAX_LINES; n++) {
        const char *norm = fl_doc_line_norm(doc, n);
        if (blank(norm))
            continue;
        char *sq = rt_squeeze(norm);
        int stop = sq == NULL || fl_str_starts(sq, token) || is_prose(sq);
        free(sq);
        if (stop)
            break;
        end = n;
    }
    free(token);
    sc->toc_start = head;
    sc->toc_end = end;
}

/* "具体公开表样附后", "2018年度部门预算公开表附后。", "附件：…部门预算公开表",
 * "第四部分 部门决算报表（见附表）": the tables are published apart.  Every
 * word of `tables` holds 表, as the caller has checked the line does. */
static int says_tables_apart(const char *norm)
{
    static const char *const apart[] = { "附后", "见附表", "见附件", "另行公开", "另册",
                                         "单独公开", "附件:", NULL };
    static const char *const tables[] = { "公开表", "报表", "表样", "附表", "决算表", "预算表",
                                          NULL };
    /* Each word of `apart` holds 附, 另 or 单: three searches set most
     * lines aside before the seven. */
    static const char *const apart_chars[] = { "附", "另", "单", NULL };
    return rt_has_any(norm, apart_chars) && rt_has_any(norm, apart) && rt_has_any(norm, tables);
}

/* A page without a word between two with text: an image, maybe a table. */
static int find_blank_page(const fl_document *doc)
{
    int last = 0;
    size_t lines = fl_doc_line_count(doc);
    if (lines == 0 || fl_doc_line_page(doc, 1) == 0)
        return 0; /* a format without pages */
    for (size_t n = 1; n <= lines; n++) {
        int p = fl_doc_line_page(doc, n);
        if (p > last)
            last = p;
    }
    if (last < 2)
        return 0;
    char *seen = calloc((size_t)last + 1, 1);
    if (seen == NULL)
        return 0;
    for (size_t n = 1; n <= lines; n++)
        if (!blank(fl_doc_line_norm(doc, n)))
            seen[fl_doc_line_page(doc, n)] = 1;
    int gap = 0;
    for (int p = 1; p <= last && gap == 0; p++)
        if (!seen[p])
            gap = p;
    free(seen);
    return gap;
}

static int has_column(const fl_table *t, const char *needle)
{
    return fl_table_find_column(t, needle) >= 0;
}

/* Which entry table i is, from its title, its section heading, the lines
 * just above it, or (三公) its columns. */
static int classify_table(const fl_document *doc, const rt_scan *sc, int *memo, size_t i,
                          size_t *title_line)
{
    const fl_table *t = fl_doc_table(doc, i);
    size_t start = fl_table_line(t);
    size_t prev_end = i > 0 ? fl_table_end_line(fl_doc_table(doc, i - 1)) : 0;
    *title_line = start;
    int k = classify_line(sc, fl_table_title(t));
    if (k >= 0)
        return k;
    const fl_section *s = fl_table_section(t);
    if (s != NULL && fl_section_line(s) > prev_end && fl_section_line(s) + RT_TITLE_WINDOW >= start &&
        !rt_in_toc(sc, fl_section_line(s))) {
        k = classify_line(sc, fl_section_heading(s));
        if (k >= 0) {
            *title_line = fl_section_line(s);
            return k;
        }
    }
    for (size_t n = start - 1; n > prev_end && n + RT_TITLE_WINDOW >= start && n >= 1; n--) {
        if (rt_in_toc(sc, n))
            break;
        k = classify_doc_line(doc, sc, memo, n);
        if (k >= 0) {
            *title_line = n;
            return k;
        }
    }
    if (has_column(t, "因公出国") && has_column(t, "公务接待"))
        return 0; /* the 三公 entry comes first in both sets */
    return -1;
}

/* Tables come in line order, so for lines asked in increasing order a
 * cursor moving forward answers in constant time (trying every table for
 * every line took 8 s on 16 MB). */
static int inside_table(const fl_document *doc, size_t n, size_t *cursor)
{
    size_t count = fl_doc_table_count(doc);
    while (*cursor < count && fl_table_end_line(fl_doc_table(doc, *cursor)) < n)
        (*cursor)++;
    return *cursor < count && n >= fl_table_line(fl_doc_table(doc, *cursor));
}

int rt_scan_doc(const fl_document *doc, rt_set set, rt_scan *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->set = set;
    rt_catalog(set, &sc->n);
    size_t ntab = fl_doc_table_count(doc);
    sc->found = calloc(sc->n, sizeof *sc->found);
    sc->listed = calloc(sc->n, sizeof *sc->listed);
    sc->table_entry = calloc(ntab + 1, sizeof *sc->table_entry);
    sc->table_title = calloc(ntab + 1, sizeof *sc->table_title);
    if (sc->found == NULL || sc->listed == NULL || sc->table_entry == NULL ||
        sc->table_title == NULL) {
        rt_scan_free(sc);
        return -1;
    }
    int *memo = calloc(fl_doc_line_count(doc) + 1, sizeof *memo);
    if (memo == NULL) {
        rt_scan_free(sc);
        return -1;
    }
    find_toc(doc, sc);
    sc->blank_page = find_blank_page(doc);
    for (size_t i = 0; i < ntab; i++) {
        size_t line;
        int k = classify_table(doc, sc, memo, i, &line);
        sc->table_entry[i] = k;
        sc->table_title[i] = line;
        if (k >= 0 && sc->found[k].line == 0) {
            sc->found[k].table = fl_doc_table(doc, i);
            sc->found[k].line = line;
        }
    }
    sc->tables_only = 1;
    size_t cursor = 0, lines = fl_doc_line_count(doc);
    for (size_t n = 1; n <= lines; n++) {
        const char *norm = fl_doc_line_norm(doc, n);
        if (*norm == '\0')
            continue;
        if (sc->tables_only && strstr(norm, "说明") != NULL && !inside_table(doc, n, &cursor))
            sc->tables_only = 0;
        /* A table's title and a line saying the tables are apart both
         * hold 表: one search sets most lines aside. */
        if (!rt_has_biao(norm))
            continue;
        if (sc->separate_line == 0 && says_tables_apart(norm))
            sc->separate_line = n;
        int k = classify_doc_line(doc, sc, memo, n);
        if (k < 0)
            continue;
        if (rt_in_toc(sc, n)) {
            if (sc->listed[k] == 0)
                sc->listed[k] = n;
        } else if (sc->found[k].line == 0) {
            /* A title with no table read under it, or read into the rows of
             * the table before: present either way. */
            sc->found[k].line = n;
        }
    }
    free(memo);
    return 0;
}

void rt_scan_free(rt_scan *sc)
{
    free(sc->found);
    free(sc->listed);
    free(sc->table_entry);
    free(sc->table_title);
    sc->table_title = NULL;
    sc->found = NULL;
    sc->listed = NULL;
    sc->table_entry = NULL;
}
