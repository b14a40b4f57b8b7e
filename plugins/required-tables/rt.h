/* rt.h — internals of the required-tables check (公开报表是否齐全).
 * rt-text.c: text helpers; rt-catalog.c: which table a title names;
 * rt-find.c: where each table is (tables, title lines, 目录);
 * rt-missing.c and rt-empty.c: the rules. */
#ifndef RT_H
#define RT_H

#include <stddef.h>

#include <fislint/plugin.h>

/* -- the tables a report must publish (rt-catalog.c) -- */
typedef enum rt_set { RT_SET_FINAL, RT_SET_BUDGET } rt_set;

typedef struct rt_entry {
    const char *name;     /* canonical name, for messages */
    int required;         /* 1: must be published; 0: recognised only */
    const char *topic;    /* the fund an empty-table note names, or NULL */
    /* Matching on a squeezed title: it contains one of `any`, all of `all`
     * and none of `none` (NULL-terminated lists; `any` NULL = anything). */
    const char *any[4];
    const char *all[3];
    const char *none[5];
} rt_entry;

/* The entries of a set, in matching order (first match wins). */
const rt_entry *rt_catalog(rt_set set, size_t *count);
/* Number of required entries of the set. */
size_t rt_required_count(rt_set set);
/* Entry index named by a title-like line, or -1.  `name` is the result
 * of rt_title_name(). */
int rt_classify(rt_set set, const char *name);

/* -- text helpers (rt-text.c); all on normalised UTF-8 -- */
/* Characters (code points) in s. */
size_t rt_chars(const char *s);
/* 1 when s holds 表, as strstr(s, "表") would say. */
int rt_has_biao(const char *s);
/* Copy of s without spaces, quotes (“”"‘’'), markdown markers (#, *, a
 * leading "- ") and book-title marks kept.  Caller frees; NULL on ENOMEM. */
char *rt_squeeze(const char *s);
/* When the line reads as a table title (a short line ending in 表, maybe
 * followed by "(公开01表)" or "(功能科目)"), its name without the leading
 * number ("一、" "5." "公开05表" "表3") and the trailing brackets, in a
 * new string; else NULL (also on ENOMEM). */
char *rt_title_name(const char *line);
int rt_has_any(const char *s, const char *const *words);

/* -- where the tables are (rt-find.c) -- */
typedef struct rt_hit {
    const fl_table *table; /* the table read, or NULL when only its title was seen */
    size_t line;           /* the title line, or the table's first line */
} rt_hit;

typedef struct rt_scan {
    rt_set set;
    size_t n;              /* catalogue entries */
    rt_hit *found;         /* first presence of each entry (line 0: none) */
    size_t *listed;        /* its 目录 line, 0 when not listed */
    int *table_entry;      /* per fl_table: entry index or -1 */
    size_t *table_title;   /* per fl_table: its title line (its first line when none) */
    size_t toc_start, toc_end; /* 目录 lines, 0 when none */
    size_t separate_line;  /* a line saying the tables are published apart */
    int blank_page;        /* a page with no text between pages (an image?) */
    int tables_only;       /* no 说明 anywhere: the tables half of a split report */
} rt_scan;

/* Fill `sc` for the document; 0, or -1 when memory ran out. */
int rt_scan_doc(const fl_document *doc, rt_set set, rt_scan *sc);
void rt_scan_free(rt_scan *sc);
/* 1 when line n lies in the 目录. */
int rt_in_toc(const rt_scan *sc, size_t n);

/* -- the rules -- */
int rt_rule_missing(const fl_document *doc, fl_report *rep, const rt_scan *sc);
int rt_rule_empty(const fl_document *doc, fl_report *rep, const rt_scan *sc);

#endif
