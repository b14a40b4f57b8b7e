/* cs.h — the consistency check (一致性): one document speaks of one year
 * and one unit.  Shared text helpers (cs-text.c) and the rules
 * (cs-year.c, cs-asset.c, cs-unit.c).  See docs/checks/consistency.md. */
#ifndef CS_H
#define CS_H

#include <stddef.h>
#include <stdint.h>

#include <fislint/plugin.h>

/* Byte length of the UTF-8 character at s (1 for ASCII and bad bytes). */
static inline size_t cs_char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '\0')
            return i;
    return n;
}
/* Number of UTF-8 characters in s. */
size_t cs_char_count(const char *s);
/* 1 when the last character of s (of length len) is one of `list`
 * (strings, NULL-terminated). */
int cs_ends_with_any(const char *s, size_t len, const char *const *list);
/* 1 when s contains any of `list` (NULL-terminated). */
int cs_contains_any(const char *s, const char *const *list);
/* The first c (one 3-byte UTF-8 character) in s, as strstr(s, c) finds
 * it, or NULL: found by strchr on its last byte, rarer than its first,
 * which leads thousands of common characters. */
const char *cs_find_char3(const char *s, const char *c);

/* A year written "2023年" or "2023 年度" at s: returns the bytes taken
 * (through 年 and an optional 度), 0 when none; *year gets the year.  The
 * byte before s must not be a digit (checked by the caller's scan). */
size_t cs_year_at(const char *s, int *year);

/* Room for a compact title: longer lines are no titles. */
#define CS_TITLE_MAX 512

/* The line's normalised text made compact for title matching: markdown
 * '#', spaces, and a leading heading number (第一部分, 一、, (一), 1.) are
 * removed.  Returns 0 and fills buf, or -1 when the line is a table row
 * (holds a TAB or '|') or does not fit. */
int cs_compact_title(const char *norm, char *buf, size_t size);

/* 1 when s is at most `max` characters long (counted as cs_char_count()
 * does), stopping early on a long line. */
int cs_chars_at_most(const char *s, size_t max);

/* The word lists the rules search for, each a matcher built once in init
 * (consistency.c): one pass over a text finds any of them. */
typedef struct cs_words {
    fl_matcher *listing;        /* headings of sections naming other units (单位构成 …) */
    fl_matcher *eval_sections;  /* headings of evaluation sections (绩效, 自评, 项目) */
    fl_matcher *title_excluded; /* comparisons and citations in titles (比, 与, 《 …) */
} cs_words;

/* The matchers, each built next to its list (NULL when out of memory). */
fl_matcher *cs_listing_words_new(void);        /* cs-doc.c */
fl_matcher *cs_eval_section_words_new(void);   /* cs-asset.c */
fl_matcher *cs_title_excluded_words_new(void); /* cs-year.c */

/* 1 when text[0..len) holds any word of m. */
int cs_has_any(const fl_matcher *m, const char *text, size_t len);

/* Whether a line lies in a section whose heading, or an enclosing one's,
 * holds a word of `words`.  The answers for the section last asked about
 * and its enclosing sections are kept: lines and paragraphs are asked
 * about in order, so a new section's parent is usually known and only the
 * new heading is read, instead of every enclosing heading at every line. */
#define CS_MEMO_DEPTH 16
typedef struct cs_section_memo {
    const fl_matcher *words;
    size_t depth; /* chain[0..depth): a section, then sections within it */
    struct {
        const fl_section *section;
        int inside;
    } chain[CS_MEMO_DEPTH];
} cs_section_memo;

/* Start with the words; nothing known yet. */
void cs_section_memo_init(cs_section_memo *memo, const fl_matcher *words);
int cs_in_section_with(cs_section_memo *memo, const fl_document *doc, size_t line);

/* What the rules share about one document, read in one pass over its
 * lines by cs_doc_read() (cs-doc.c) instead of once per rule. */
typedef struct cs_doc {
    const fl_document *doc;
    const cs_words *words;
    size_t nlines;
    const char **norm;      /* [1..nlines]: fl_doc_line_norm(), read once for
                             * the rules that go over every line */
    char *titles;           /* the title lines' cs_compact_title(), one after another */
    size_t *title_at;       /* [1..nlines]: offset in `titles` for a title line
                             * (a heading, or a short line that is not a
                             * table row and has no full stop), SIZE_MAX
                             * for any other */
    int *title_year;        /* [1..nlines]: the year of a year-bearing title
                             * (cs_title_year()), 0 on other lines */
    cs_section_memo listing; /* whether a line is in a section that
                              * legitimately names other units or years
                              * (部门决算单位构成, 机构设置, 名词解释 …):
                              * asked only where a finding would be, as
                              * few lines are (cs_doc_in_listing()) */
    int confirmations;      /* title lines that carry the report year */
} cs_doc;

/* Line n's cs_compact_title() when it is a title line, else NULL.
 * Borrowed. */
static inline const char *cs_doc_title(const cs_doc *d, size_t n)
{
    return d->title_at[n] == SIZE_MAX ? NULL : d->titles + d->title_at[n];
}

/* 1 when line n lies in a listing section (0 out of range).  Asking
 * only fills the memo: the answer is the same whenever it is asked. */
static inline int cs_doc_in_listing(cs_doc *d, size_t n)
{
    return n >= 1 && n <= d->nlines && cs_in_section_with(&d->listing, d->doc, n);
}

/* Returns 0, or -1 when out of memory.  Free with cs_doc_free(). */
int cs_doc_read(cs_doc *d, const fl_document *doc, const cs_words *words);
void cs_doc_free(cs_doc *d);

/* Rules; each returns 0 (a failure to allocate returns -1). */
/* A title of the report or one of its tables that carries a year
 * ("2023年度部门决算表", "上海市普陀区财政局2024年度部门决算"): 1 and
 * *year, or 0.  `compact` is the cs_compact_title() of a title line.
 * Comparisons and citations (与, 比, 执行, 《…通知》) are not titles. */
int cs_title_year(const fl_document *doc, const cs_words *words, const char *compact, int *year);
int cs_rule_year_title(const cs_doc *d, fl_report *rep);
int cs_rule_year_text(cs_doc *d, fl_report *rep);
int cs_rule_asset_date(const cs_doc *d, fl_report *rep);
int cs_rule_unit_name(cs_doc *d, fl_report *rep);

/* Unit names (cs-unitname.c). */
/* 1 when `name` (len bytes) reads as the name of a unit: at least three
 * characters, no digits or punctuation, ending with an organ word (局, 厅,
 * 委员会, 办公室 …). */
int cs_is_unit_name(const char *name, size_t len);
/* 1 when `a` and `b` name the same unit, allowing short and long forms
 * (普陀区财政局 = 上海市普陀区财政局; 江苏省委办公厅 = 中共江苏省委办公厅
 * = 中国共产党江苏省委员会办公厅; 昌吉州 = 昌吉回族自治州) and a
 * subordinate of the unit (上海市普陀区财政局财政所). */
int cs_same_unit(const char *a, const char *b);
/* 1 when the name is a template placeholder (上海市XX局). */
int cs_is_placeholder_name(const char *name);
/* 1 when the name starts with a region (上海市, 江苏省), 中共 aside. */
int cs_starts_with_region(const char *name);

#endif
