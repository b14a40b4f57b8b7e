/* cs.h — the consistency check (一致性): one document speaks of one year
 * and one unit.  Shared text helpers (cs-text.c) and the rules
 * (cs-year.c, cs-asset.c, cs-unit.c).  See docs/checks/consistency.md. */
#ifndef CS_H
#define CS_H

#include <stddef.h>

#include <fislint/plugin.h>

/* 1 when `s` starts with `prefix`. */
int cs_starts(const char *s, const char *prefix);
/* Byte length of the UTF-8 character at s (1 for ASCII and bad bytes). */
size_t cs_char_len(const char *s);
/* Number of UTF-8 characters in s. */
size_t cs_char_count(const char *s);
/* 1 when the last character of s (of length len) is one of `list`
 * (strings, NULL-terminated). */
int cs_ends_with_any(const char *s, size_t len, const char *const *list);
/* 1 when s contains any of `list` (NULL-terminated). */
int cs_contains_any(const char *s, const char *const *list);

/* A year written "2023年" or "2023 年度" at s: returns the bytes taken
 * (through 年 and an optional 度), 0 when none; *year gets the year.  The
 * byte before s must not be a digit (checked by the caller's scan). */
size_t cs_year_at(const char *s, int *year);

/* The line's normalised text made compact for title matching: markdown
 * '#', spaces, and a leading heading number (第一部分, 一、, (一), 1.) are
 * removed.  Returns 0 and fills buf, or -1 when the line is a table row
 * (holds a TAB or '|') or does not fit. */
int cs_compact_title(const char *norm, char *buf, size_t size);

/* 1 when line `n` lies in a section that legitimately names other units
 * or years (部门决算单位构成, 机构设置, 名词解释 …). */
int cs_in_listing_section(const fl_document *doc, size_t line);

/* 1 when line n is a title: a heading, or a short line that is not a
 * table row and has no full stop. */
int cs_is_title_line(const fl_document *doc, size_t n, const char *compact);

/* Rules; each returns 0 (a failure to allocate returns -1). */
/* A title of the report or one of its tables that carries a year
 * ("2023年度部门决算表", "上海市普陀区财政局2024年度部门决算"): 1 and
 * *year, or 0.  Comparisons and citations (与, 比, 执行, 《…通知》) are
 * not titles. */
int cs_title_year(const fl_document *doc, size_t n, int *year);
/* Title lines that carry the report year (the year is trusted when >= 1). */
int cs_year_confirmations(const fl_document *doc);
int cs_rule_year_title(const fl_document *doc, fl_report *rep);
int cs_rule_year_text(const fl_document *doc, fl_report *rep);
int cs_rule_asset_date(const fl_document *doc, fl_report *rep);
int cs_rule_unit_name(const fl_document *doc, fl_report *rep);

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
