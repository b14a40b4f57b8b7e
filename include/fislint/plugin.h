/*
 * fislint/plugin.h — the one public header for fislint check plugins.
 *
 * A plugin is a shared object that exports exactly one data symbol,
 * `fislint_plugin` (see FISLINT_PLUGIN_DEFINE below), a descriptor that
 * names the check and gives its init/check/fini functions.  The core loads
 * it with dlopen(), verifies magic, ABI major version and struct size, and
 * then calls check() once per document.
 *
 * Ownership, once for the whole API (jansson-style labels are repeated on
 * each function):
 *   - "borrowed": the pointer stays valid while the document (or report,
 *     or config) it came from is alive — for check(), until check() returns.
 *     Never free it, never write through it.
 *   - "owned by the report": the finding returned by fl_report_add() lives
 *     in the report; the plugin fills it in and forgets it.
 *   - Strings passed *into* the API are copied; the caller keeps its own.
 *
 * Text conventions: all strings are UTF-8.  Every line and cell has its
 * original text (for evidence) and a normalised text in which full-width
 * ASCII (０-９, Ａ-Ｚ, ，：；（）％ …) is folded to ASCII and U+3000 to a
 * space.  Chinese punctuation without an ASCII twin (、。“”《》) is kept.
 * Match patterns against the normalised text: "主要原因是:" not "主要原因是：".
 *
 * ABI history (major changes on any incompatible change, minor on additions):
 *   1.0  2026-11-23  first release.
 *   1.1  unreleased  what the document is: fl_doc_kind(), fl_doc_kinds(),
 *                    fl_doc_year(), fl_doc_unit() and the lines they came
 *                    from; rules declared with the kinds they apply to
 *                    (fl_rule, fl_plugin.rules).  1.0 plugins load as
 *                    before and their rules run on every kind.
 *                    Configuration that cannot silently be wrong: each
 *                    rule's explanation (fl_rule.help, for `fislint
 *                    explain`); the option keys a check knows
 *                    (fl_plugin.options: any other key in its section is an
 *                    error); fl_config_reject() for a value init() refuses;
 *                    fl_config_get_dec() refuses a value that is not a
 *                    number, fl_config_get_bool() one that is not on/off.
 *                    Overflow-safe decimals: fl_dec arithmetic saturates to
 *                    the out-of-range values instead of wrapping (undefined
 *                    behaviour before); fl_dec_out_of_range(),
 *                    fl_dec_saturated(), fl_dec_checked_add(), fl_dec_checked_sub(),
 *                    FL_DEC_MAX_MICROS, FL_DEC_OUT_OF_RANGE.  A number too
 *                    large to hold exactly parses as out of range instead
 *                    of being no number.  fl_dec and fl_number keep their
 *                    size and layout: 1.0 plugins work unchanged (their
 *                    inline copies of fl_dec_add … still wrap).
 *                    The same unit's other reports: fl_doc_related_count(),
 *                    fl_doc_related(), fl_plugin.flags and
 *                    FL_PLUGIN_RELATED (a check that compares a report with
 *                    last year's, or a 决算 with its 预算).
 *                    Finding many words in one pass: fl_matcher_new(),
 *                    fl_matcher_scan(), fl_matcher_free().
 *                    Exact decimals of any size a report holds: fl_wide
 *                    (128-bit millionths), fl_wide_parse(),
 *                    fl_cell_wide(), fl_wide_add() … fl_wide_format().
 *                    Stepping through text: fl_utf8_char_len() and
 *                    fl_utf8_prev() (inline).
 *                    Words at a place: fl_str_starts() (inline).
 */
#ifndef FISLINT_PLUGIN_H
#define FISLINT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FISLINT_PLUGIN_MAGIC 0x464c4348u /* "FLCH" */
#define FISLINT_ABI_MAJOR 1
#define FISLINT_ABI_MINOR 1

#if defined(__GNUC__)
#define FISLINT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define FISLINT_EXPORT __attribute__((visibility("default")))
#else
#define FISLINT_PRINTF(f, a)
#define FISLINT_EXPORT
#endif

/* ------------------------------------------------------------------ */
/* Exact decimals                                                      */
/* ------------------------------------------------------------------ */

/* A decimal number stored as an integer count of millionths (10^-6).
 * Money is compared exactly: never convert to double to compare.
 *
 * Range.  An fl_dec holds exactly every amount up to FL_DEC_MAX_MICROS
 * millionths, ±9 223 372 036 854.775 806, about 9.2 × 10^12 in the unit
 * the number is written in: 9.2 × 10^12 元 in a table in 元, 9.2 × 10^12
 * 万元 (9.2 × 10^16 元) in a table in 万元.  Beyond that nothing is exact.
 *
 * Out of range.  The values beyond ±FL_DEC_MAX_MICROS are not amounts:
 * they mean "too large to compute exactly" (fl_dec_out_of_range() is 1).
 * Every operation below (add, sub, abs, mul, div, round, from_int) gives
 * FL_DEC_OUT_OF_RANGE, or its negative -FL_DEC_OUT_OF_RANGE - 1
 * (INT64_MIN), when the exact result does not fit, and when an operand is
 * already out of range (it is sticky: a huge total minus a small part is
 * still not an exact amount).  Nothing wraps to the other sign.  A check
 * that meets such a value reports that the amount is beyond what fislint
 * can compute exactly, never a difference computed from it; comparing with
 * fl_dec_cmp() still orders it beyond every exact amount.  Such an amount
 * can still be computed exactly: read it again as an fl_wide (below, since
 * 1.1), exact to 10^25 in any unit. */
typedef struct fl_dec {
    int64_t micros;
} fl_dec;

#define FL_DEC_SCALE 1000000LL
/* The largest exact magnitude, in millionths. */
#define FL_DEC_MAX_MICROS (INT64_MAX - 1)
/* The positive out-of-range value, in millionths; the negative one is
 * INT64_MIN. */
#define FL_DEC_OUT_OF_RANGE INT64_MAX

/* 1 when `a` is out of range (too large to be an exact amount). */
static inline int fl_dec_out_of_range(fl_dec a)
{
    return a.micros > FL_DEC_MAX_MICROS || a.micros < -FL_DEC_MAX_MICROS;
}

/* The out-of-range value of the given sign. */
static inline fl_dec fl_dec_saturated(int negative)
{
    fl_dec d = { negative ? INT64_MIN : FL_DEC_OUT_OF_RANGE };
    return d;
}

/* a + b into *out: 0 when exact, -1 when an operand or the result is out
 * of range (*out is then the out-of-range value of the result's sign; of
 * a's sign when both are out of range with opposite signs). */
static inline int fl_dec_checked_add(fl_dec a, fl_dec b, fl_dec *out)
{
    int64_t r;
    if (fl_dec_out_of_range(a)) {
        *out = fl_dec_saturated(a.micros < 0);
        return -1;
    }
    if (fl_dec_out_of_range(b)) {
        *out = fl_dec_saturated(b.micros < 0);
        return -1;
    }
#if defined(__GNUC__)
    if (__builtin_add_overflow(a.micros, b.micros, &r)) {
#else
    if ((b.micros > 0 && a.micros > INT64_MAX - b.micros) ||
        (b.micros < 0 && a.micros < INT64_MIN - b.micros)) {
#endif
        *out = fl_dec_saturated(a.micros < 0);
        return -1;
    }
#if !defined(__GNUC__)
    r = a.micros + b.micros;
#endif
    out->micros = r;
    if (fl_dec_out_of_range(*out)) {
        *out = fl_dec_saturated(r < 0);
        return -1;
    }
    return 0;
}

/* a - b into *out: as fl_dec_checked_add().  Both operands are exact or
 * rejected before negating, so -b never overflows. */
static inline int fl_dec_checked_sub(fl_dec a, fl_dec b, fl_dec *out)
{
    if (fl_dec_out_of_range(b) && !fl_dec_out_of_range(a)) {
        *out = fl_dec_saturated(b.micros > 0);
        return -1;
    }
    fl_dec nb = { fl_dec_out_of_range(b) ? 0 : -b.micros };
    return fl_dec_checked_add(a, nb, out);
}

/* v as an amount; out of range beyond ±9.2 × 10^12. */
static inline fl_dec fl_dec_from_int(int64_t v)
{
    fl_dec d;
#if defined(__GNUC__)
    if (__builtin_mul_overflow(v, FL_DEC_SCALE, &d.micros))
#else
    if (v > INT64_MAX / FL_DEC_SCALE || v < INT64_MIN / FL_DEC_SCALE)
#endif
        return fl_dec_saturated(v < 0);
#if !defined(__GNUC__)
    d.micros = v * FL_DEC_SCALE;
#endif
    return fl_dec_out_of_range(d) ? fl_dec_saturated(v < 0) : d;
}
static inline fl_dec fl_dec_add(fl_dec a, fl_dec b)
{
    fl_dec d;
    (void)fl_dec_checked_add(a, b, &d);
    return d;
}
static inline fl_dec fl_dec_sub(fl_dec a, fl_dec b)
{
    fl_dec d;
    (void)fl_dec_checked_sub(a, b, &d);
    return d;
}
/* |a|; an out-of-range value of either sign gives FL_DEC_OUT_OF_RANGE. */
static inline fl_dec fl_dec_abs(fl_dec a)
{
    if (fl_dec_out_of_range(a))
        return fl_dec_saturated(0);
    fl_dec d = { a.micros < 0 ? -a.micros : a.micros };
    return d;
}
static inline int fl_dec_cmp(fl_dec a, fl_dec b) { return (a.micros > b.micros) - (a.micros < b.micros); }
static inline int fl_dec_is_zero(fl_dec a) { return a.micros == 0; }

/* a * b, rounded half away from zero to 10^-6.  Like every operation,
 * out of range when the result does not fit or an operand is out of
 * range. */
fl_dec fl_dec_mul(fl_dec a, fl_dec b);
/* a / b, rounded half away from zero to 10^-6; *ok = 0 when b is zero. */
fl_dec fl_dec_div(fl_dec a, fl_dec b, int *ok);
/* Round half away from zero to `places` decimals (0..6). */
fl_dec fl_dec_round(fl_dec a, int places);
/* Parse a plain ASCII decimal ("-1234.5", no separators).  Returns 0 on
 * success, -1 when the text is not a number or has more than 6 decimals.
 * A number beyond the exact range is refused too (-1, *out untouched):
 * this parses configured values, which must be exact. */
int fl_dec_parse(const char *text, fl_dec *out);
/* Format with at least `min_places` decimals (trailing zeros beyond it are
 * dropped): 1846.85 -> "1846.85", 100 with min 2 -> "100.00".  Writes into
 * buf (32 bytes always suffice) and returns buf. */
char *fl_dec_format(fl_dec a, int min_places, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Numbers with units                                                  */
/* ------------------------------------------------------------------ */

typedef enum fl_unit {
    FL_UNIT_NONE = 0,    /* bare number: unit comes from the table (fl_table_unit) */
    FL_UNIT_YUAN,        /* 元 */
    FL_UNIT_WANYUAN,     /* 万元 */
    FL_UNIT_YIYUAN,      /* 亿元 */
    FL_UNIT_PERCENT,     /* % or ％; value 94.74 means 94.74 % */
    FL_UNIT_POINTS,      /* 分 (scores) */
    FL_UNIT_OTHER        /* another unit word (人, 个, 次, 辆 …) */
} fl_unit;

typedef struct fl_number {
    fl_dec value;        /* as written, in `unit` */
    fl_unit unit;
    int is_empty;        /* "-", "—", "－" or blank where a number belongs */
    int decimals;        /* decimals as written: "1.30" -> 2, "32" -> 0 */
} fl_number;

/* Parse a number at the start of `text` (normalised or original: both are
 * accepted): "11,086.73", "346.25元", "32万元", "1.2亿元", "94.74%",
 * "１２３", "-".  Leading spaces and a sign are allowed.  Returns the number
 * of bytes consumed (0 if there is no number there).  A number beyond the
 * exact range (see fl_dec) is read with the out-of-range value of its
 * sign (since 1.1; before, it was no number), except a run of more than 13
 * plain digits without separators or decimals, which is an identifier (an
 * account, an ID card number) and still no number. */
size_t fl_parse_number(const char *text, fl_number *out);

/* Convert an amount to 万元.  Returns 0 on success, -1 if the unit is not a
 * money unit (FL_UNIT_NONE is taken as 万元).  An amount that does not fit
 * in 万元 (亿元 beyond 9.2 × 10^8) gives 0 and the out-of-range value (since
 * 1.1; before, -1). */
int fl_number_to_wanyuan(const fl_number *n, fl_dec *out);

/* ------------------------------------------------------------------ */
/* The document model (read-only; everything here is borrowed)          */
/* ------------------------------------------------------------------ */

typedef struct fl_document fl_document;
typedef struct fl_section fl_section;
typedef struct fl_paragraph fl_paragraph;
typedef struct fl_table fl_table;
typedef struct fl_row fl_row;
typedef struct fl_cell fl_cell;

/* -- document -- */
/* Path or URL as the user gave it.  Borrowed. */
const char *fl_doc_source(const fl_document *doc);
/* "text", "html", "docx", "xlsx", "pdf".  Borrowed. */
const char *fl_doc_format(const fl_document *doc);
/* The document's title (first title-like line), or NULL.  Borrowed. */
const char *fl_doc_title(const fl_document *doc);
/* Lines are numbered from 1 to fl_doc_line_count(). */
size_t fl_doc_line_count(const fl_document *doc);
/* Original text of line `n` without its newline, or NULL when out of
 * range.  Borrowed. */
const char *fl_doc_line(const fl_document *doc, size_t n);
/* Normalised text of line `n` (see the top of this header).  Borrowed. */
const char *fl_doc_line_norm(const fl_document *doc, size_t n);
/* Page of line `n` (1-based), or 0 when the format has no pages. */
int fl_doc_line_page(const fl_document *doc, size_t n);
/* The innermost section containing line `n`, or NULL before the first
 * heading.  Borrowed. */
const fl_section *fl_doc_section_at(const fl_document *doc, size_t n);

/* -- what the document is (since 1.1) -- */

/* The kind of report.  A document is one kind; a 决算 that carries its
 * 项目支出绩效自评表 is FL_KIND_DEPT_FINAL, and fl_doc_kinds() also has
 * the self-evaluation bit. */
typedef enum fl_doc_kind {
    FL_KIND_UNKNOWN = 0,     /* not recognised: a notice, a link page … */
    FL_KIND_DEPT_FINAL,      /* 部门决算 */
    FL_KIND_UNIT_FINAL,      /* 单位决算 */
    FL_KIND_DEPT_BUDGET,     /* 部门预算 */
    FL_KIND_UNIT_BUDGET,     /* 单位预算 */
    FL_KIND_PROJECT_EVAL,    /* 项目支出绩效自评（表或报告） */
    FL_KIND_DEPT_EVAL,       /* 部门整体支出绩效自评 */
    FL_KIND_COUNT
} fl_doc_kind;

/* Kind masks, for fl_doc_kinds() and fl_rule.kinds. */
#define FL_KIND_BIT(k) (1u << (unsigned)(k))
#define FL_KINDS_FINAL (FL_KIND_BIT(FL_KIND_DEPT_FINAL) | FL_KIND_BIT(FL_KIND_UNIT_FINAL))
#define FL_KINDS_BUDGET (FL_KIND_BIT(FL_KIND_DEPT_BUDGET) | FL_KIND_BIT(FL_KIND_UNIT_BUDGET))
#define FL_KINDS_EVAL (FL_KIND_BIT(FL_KIND_PROJECT_EVAL) | FL_KIND_BIT(FL_KIND_DEPT_EVAL))
/* Every kind, FL_KIND_UNKNOWN included: a rule that holds for any report. */
#define FL_KINDS_ALL ((1u << FL_KIND_COUNT) - 1u)

fl_doc_kind fl_doc_kind_of(const fl_document *doc);
/* The kind's bit, plus the bits of the parts it carries (a 决算 with
 * 项目支出绩效自评表 also has FL_KIND_BIT(FL_KIND_PROJECT_EVAL)).  An
 * unrecognised document gives FL_KIND_BIT(FL_KIND_UNKNOWN). */
unsigned fl_doc_kinds(const fl_document *doc);
/* Stable ASCII name ("dept-final", "unit-budget", "unknown" …) and the
 * Chinese name ("部门决算" …); static strings, never NULL. */
const char *fl_doc_kind_name(fl_doc_kind kind);
const char *fl_doc_kind_name_zh(fl_doc_kind kind);
/* The line that said what the kind is, 0 when unknown. */
size_t fl_doc_kind_line(const fl_document *doc);
/* The year the report is about (2024 for a 2024 决算 published in 2025,
 * 2025 for the 2025 budget), 0 when not found; and the line it came from. */
int fl_doc_year(const fl_document *doc);
size_t fl_doc_year_line(const fl_document *doc);
/* The unit (bureau) the report is of, e.g. "上海市普陀区财政局", or NULL;
 * borrowed.  And the line it came from. */
const char *fl_doc_unit(const fl_document *doc);
size_t fl_doc_unit_line(const fl_document *doc);

/* -- the same unit's other reports (since 1.1) -- */

/* The other documents of the same unit (fl_doc_unit(), as the office gave
 * it in an -i list or as read from the cover) that the run has: other
 * inputs of this run, and, with `fislint check --db FILE`, the reports of
 * the unit recorded by earlier runs.  At most one per kind and year (the
 * first in input order; from history, the latest recorded), never one of
 * the document's own kind and year, ordered by year, newest first.
 *
 * Only a check whose descriptor sets FL_PLUGIN_RELATED sees them: such a
 * check runs after every document of the run has been read, and only on
 * documents that have at least one related document.  For every other
 * check, and for a related document itself, the count is 0.
 *
 * A related document is a whole document: every accessor of this header
 * works on it (kind, year, tables, amounts …).  Borrowed, valid until
 * check() returns.  Findings are reported on the document being checked;
 * name the related one in the message (fl_doc_source(), fl_doc_year()). */
size_t fl_doc_related_count(const fl_document *doc);
const fl_document *fl_doc_related(const fl_document *doc, size_t i); /* NULL past the end */

/* -- sections: every heading, in document order -- */
typedef enum fl_numbering {
    FL_NUM_NONE = 0,     /* unnumbered heading (markdown #, a title line) */
    FL_NUM_PART,         /* 第一部分 / 第一章 */
    FL_NUM_CN,           /* 一、 */
    FL_NUM_CN_PAREN,     /* （一） or (一) */
    FL_NUM_ARABIC,       /* 1. 1、 1． */
    FL_NUM_ARABIC_PAREN  /* (1) （1） */
} fl_numbering;

size_t fl_doc_section_count(const fl_document *doc);
const fl_section *fl_doc_section(const fl_document *doc, size_t i); /* borrowed */
/* Heading text without its number ("部门职责" for "一、部门职责").  Borrowed. */
const char *fl_section_title(const fl_section *s);
/* The whole heading line, normalised ("一、部门职责").  Borrowed. */
const char *fl_section_heading(const fl_section *s);
fl_numbering fl_section_numbering(const fl_section *s);
/* The number's value: 3 for 三、, (三), 3. ; 0 when unnumbered. */
int fl_section_number(const fl_section *s);
/* Depth in the tree, 1 for top-level sections. */
int fl_section_depth(const fl_section *s);
const fl_section *fl_section_parent(const fl_section *s); /* borrowed, NULL at top */
/* Heading line, and last line before the next heading of the same or a
 * higher level (or the end of the document). */
size_t fl_section_line(const fl_section *s);
size_t fl_section_end_line(const fl_section *s);
/* Path of headings from the top, joined by " > ".  Borrowed. */
const char *fl_section_path(const fl_section *s);

/* -- paragraphs: runs of narrative lines (not headings, not tables) -- */
size_t fl_doc_paragraph_count(const fl_document *doc);
const fl_paragraph *fl_doc_paragraph(const fl_document *doc, size_t i); /* borrowed */
/* Normalised text of the paragraph, its lines joined without separators
 * (Chinese text wraps anywhere).  Borrowed. */
const char *fl_paragraph_text(const fl_paragraph *p);
size_t fl_paragraph_line(const fl_paragraph *p);
size_t fl_paragraph_end_line(const fl_paragraph *p);
const fl_section *fl_paragraph_section(const fl_paragraph *p); /* borrowed, may be NULL */
/* Line on which byte `offset` of fl_paragraph_text() lies. */
size_t fl_paragraph_line_at(const fl_paragraph *p, size_t offset);

/* -- narrative amounts: every number in paragraphs, with the words before it -- */
typedef struct fl_amount {
    const char *label;   /* words before the number: "人员经费", "占"; borrowed */
    fl_number number;
    const char *text;    /* the number as written, with its unit; borrowed */
    size_t line;
    const fl_paragraph *paragraph; /* borrowed */
    size_t offset;       /* byte offset of the number in fl_paragraph_text() */
} fl_amount;

size_t fl_doc_amount_count(const fl_document *doc);
const fl_amount *fl_doc_amount(const fl_document *doc, size_t i); /* borrowed */

/* -- tables -- */
size_t fl_doc_table_count(const fl_document *doc);
const fl_table *fl_doc_table(const fl_document *doc, size_t i); /* borrowed */
/* Title ("支出决算表", "项目支出绩效自评表"), or "" when none was found.  Borrowed. */
const char *fl_table_title(const fl_table *t);
/* The table's number label ("公开03表"), or NULL.  Borrowed. */
const char *fl_table_label(const fl_table *t);
/* Unit from "金额单位：万元" / "单位：万元"; FL_UNIT_NONE when not stated. */
fl_unit fl_table_unit(const fl_table *t);
size_t fl_table_line(const fl_table *t);      /* first row's line */
size_t fl_table_end_line(const fl_table *t);  /* last row's line */
const fl_section *fl_table_section(const fl_table *t); /* borrowed, may be NULL */
/* Columns: the widest row's cell count. */
size_t fl_table_column_count(const fl_table *t);
/* Column label built from the header rows, top to bottom, joined by "/"
 * ("本年支出合计", "收入/金额"); "" when the column has no header.  Borrowed. */
const char *fl_table_column_label(const fl_table *t, size_t col);
/* The 栏次 number printed under the column, 0 if none. */
int fl_table_column_number(const fl_table *t, size_t col);
/* First column whose label contains `needle` (normalised text), or -1. */
long fl_table_find_column(const fl_table *t, const char *needle);

/* All rows in order: header rows first, then body rows (the 栏次 row, if
 * any, counts as a header row).  A continuation of the table after a page
 * break is joined in, its repeated header rows left out. */
size_t fl_table_row_count(const fl_table *t);
const fl_row *fl_table_row(const fl_table *t, size_t i); /* borrowed */
size_t fl_table_header_row_count(const fl_table *t);

int fl_row_is_header(const fl_row *r);
size_t fl_row_line(const fl_row *r);
/* Label: the first non-empty text cell that is not a code or number
 * ("社会福利", "合计"), normalised and without inner spaces ("合 计" ->
 * "合计").  "" when none.  Borrowed. */
const char *fl_row_label(const fl_row *r);
/* Classification code ("2080201", "30101"), or NULL.  Borrowed. */
const char *fl_row_code(const fl_row *r);
size_t fl_row_cell_count(const fl_row *r);
/* Cell `col`, or NULL past the end of this row.  Borrowed. */
const fl_cell *fl_row_cell(const fl_row *r, size_t col);

const char *fl_cell_text(const fl_cell *c);  /* original text; borrowed */
const char *fl_cell_norm(const fl_cell *c);  /* normalised, trimmed; borrowed */
/* 1 when the whole cell is a number (possibly empty "-"), filling *out. */
int fl_cell_number(const fl_cell *c, fl_number *out);

/* ------------------------------------------------------------------ */
/* Exact decimals of any size a report holds (since 1.1)               */
/* ------------------------------------------------------------------ */

/* A decimal as a 128-bit count of millionths (two's complement, high and
 * low halves): exact up to about 1.7 × 10^32, so a sum of amounts in 元
 * far beyond 10^15 元 stays exact.  fl_dec is the everyday type; a check
 * that meets an out-of-range fl_dec (a total of 9 000 000 000 000.00 元
 * and more) reads the number again as an fl_wide and computes with that
 * instead of giving up.  Passed and returned by value, never allocated. */
typedef struct fl_wide {
    int64_t hi;
    uint64_t lo;
} fl_wide;

/* An exact fl_dec as an fl_wide, *ok = 1; an out-of-range one gives 0 and
 * *ok = 0 (its value is lost: read the number from its text instead).
 * `ok` may be NULL. */
fl_wide fl_wide_from_dec(fl_dec d, int *ok);
/* The number at the start of `text`, as fl_parse_number() reads it (same
 * syntax: separators, 万元/亿元/%, full-width digits, "-" for empty; more
 * than 13 plain digits are an identifier, no number), but exact to 10^-6
 * at any size up to 10^25 inclusive: bytes consumed, 0 when there is no
 * number or it is larger still (*out then untouched).  *unit and
 * *decimals as in fl_number (either may be NULL).  An empty "-" reads as
 * 0. */
size_t fl_wide_parse(const char *text, fl_wide *out, fl_unit *unit, int *decimals);
/* The cell as an fl_wide: 1 when the whole cell is a number (as
 * fl_cell_number() says) within 10^25, filling *out; 0 otherwise. */
int fl_cell_wide(const fl_cell *c, fl_wide *out);
/* a + b and a - b: exact within ±10^25 (operands come from reports);
 * -1 when the result would leave ±1.7 × 10^32, *out then unchanged. */
int fl_wide_add(fl_wide a, fl_wide b, fl_wide *out);
int fl_wide_sub(fl_wide a, fl_wide b, fl_wide *out);
int fl_wide_cmp(fl_wide a, fl_wide b);
/* |a|; the most negative value gives the largest positive one. */
fl_wide fl_wide_abs(fl_wide a);
/* The value as an fl_dec when it fits: 0 and *out, else -1. */
int fl_wide_to_dec(fl_wide a, fl_dec *out);
/* Format like fl_dec_format(); 64 bytes always suffice.  Returns buf. */
char *fl_wide_format(fl_wide a, int min_places, char *buf, size_t size);

/* Bytes of the UTF-8 character whose first byte is c, for stepping
 * through normalised text one character at a time (since 1.1; inline, so
 * no symbol).  A byte that cannot begin a character counts as 1, so a
 * loop always advances. */
static inline size_t fl_utf8_char_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

/* Where the character before byte `pos` of UTF-8 text s begins, for
 * stepping back (since 1.1; inline, no symbol); 0 when pos is 0.  Goes
 * back over continuation bytes only, never before s. */
static inline size_t fl_utf8_prev(const char *s, size_t pos)
{
    if (pos == 0)
        return 0;
    size_t i = pos - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* 1 when text s begins with prefix; an empty prefix begins every text.
 * Byte for byte and inline (since 1.1, no symbol), because checks ask it
 * at every character and most characters differ at the first byte: it
 * stops there, where strncmp(s, prefix, strlen(prefix)) pays two calls. */
static inline int fl_str_starts(const char *s, const char *prefix)
{
    while (*prefix != '\0')
        if (*s++ != *prefix++)
            return 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Finding many words in one pass (since 1.1)                          */
/* ------------------------------------------------------------------ */

/* A set of words searched for together: a scan reads the text once,
 * whatever the number of words (an Aho–Corasick automaton), instead of
 * trying every word at every byte.  Build it once, in init(), and keep it
 * in the check's state.  Words are matched byte for byte: give them in
 * normalised form (see the top of this header) and scan normalised text. */
typedef struct fl_matcher fl_matcher;

/* A matcher for words[0..n) (UTF-8, not empty; duplicates allowed).  The
 * words are copied.  Owned by the caller: free with fl_matcher_free().
 * NULL when n is 0 or a word is empty. */
fl_matcher *fl_matcher_new(const char *const *words, size_t n);
void fl_matcher_free(fl_matcher *m);

/* Called for each occurrence: `word` is its index in the array given to
 * fl_matcher_new(), `offset` the byte offset where it starts in the text.
 * Return 0 to go on, non-zero to stop the scan. */
typedef int (*fl_match_fn)(void *ctx, size_t word, size_t offset);

/* Report every occurrence of every word in text[0..len), overlapping ones
 * included, in the order of the byte where they end (for the same end,
 * longer words first; copies of one word in the order of their index).
 * Time is linear in len plus the number of occurrences.  Returns the
 * number of occurrences reported, the one whose callback stopped the scan
 * included.  `fn` may be NULL: occurrences are only counted.  A NULL
 * matcher or text gives 0. */
size_t fl_matcher_scan(const fl_matcher *m, const char *text, size_t len, fl_match_fn fn,
                       void *ctx);

/* ------------------------------------------------------------------ */
/* Configuration                                                       */
/* ------------------------------------------------------------------ */

/* A plugin's options: the [check-id] section of the configuration file,
 * overridden by `--set check-id.key=value`. */
typedef struct fl_config fl_config;

/* The value of `key`, or `fallback` when unset.  Borrowed. */
const char *fl_config_get(const fl_config *cfg, const char *key, const char *fallback);
/* `key` as a decimal; `fallback` when unset.  A value that is not a
 * number ("abc") is refused as by fl_config_reject() and gives `fallback`. */
fl_dec fl_config_get_dec(const fl_config *cfg, const char *key, fl_dec fallback);
/* `key` as on/off (since 1.1): on, yes, true, 1 give 1; off, no, false, 0
 * give 0; `fallback` when unset; any other value ("maybe") is refused as by
 * fl_config_reject() and gives `fallback`. */
int fl_config_get_bool(const fl_config *cfg, const char *key, int fallback);
/* Refuse the value of `key` (since 1.1), from init(): the message says why,
 * in Chinese, printf-style ("应为 0 到 1 之间的数").  The run stops before
 * any document is read, with exit status 2 and the message
 *   FILE:LINE: [check-id] key = value: message
 * (or "--set: …" for a value given on the command line).  init() may go on
 * and return 0 with its default; the core does not check documents. */
void fl_config_reject(const fl_config *cfg, const char *key, const char *fmt, ...)
    FISLINT_PRINTF(3, 4);

/* ------------------------------------------------------------------ */
/* Reporting findings                                                  */
/* ------------------------------------------------------------------ */

typedef enum fl_severity {
    FL_SEV_INFO = 1,
    FL_SEV_WARNING = 2,
    FL_SEV_ERROR = 3
} fl_severity;

typedef struct fl_report fl_report;
typedef struct fl_finding fl_finding;

/* Add a finding.  `rule` is the rule's short name ("code-hierarchy"); the
 * core prefixes the check id ("table-totals/code-hierarchy").  The message
 * is printf-style, in Chinese.  Returns the finding, owned by the report:
 * fill in its location and numbers with the setters below.  Never NULL. */
fl_finding *fl_report_add(fl_report *rep, const char *rule, fl_severity sev,
                          const char *fmt, ...) FISLINT_PRINTF(4, 5);

/* Location.  Setting a line also sets, unless already set: the evidence
 * (the line's original text), the page and the section path. */
void fl_finding_set_line(fl_finding *f, size_t line, size_t end_line);
void fl_finding_set_page(fl_finding *f, int page);
void fl_finding_set_section(fl_finding *f, const fl_section *s);
/* Sets table title, and the line range when none is set yet. */
void fl_finding_set_table(fl_finding *f, const fl_table *t);
/* Sets row label and, when unset, the line (and so the evidence). */
void fl_finding_set_row(fl_finding *f, const fl_row *r);
void fl_finding_set_row_label(fl_finding *f, const char *label);
void fl_finding_set_column(fl_finding *f, const char *column);
void fl_finding_set_evidence(fl_finding *f, const char *text);

/* Numbers: expected (what would be right) and actual (what is written);
 * the difference actual - expected is computed. */
void fl_finding_set_values(fl_finding *f, fl_dec expected, fl_dec actual);
/* Free-form expected/actual, for values that are not numbers ("优"). */
void fl_finding_set_expected_text(fl_finding *f, const char *expected);
void fl_finding_set_actual_text(fl_finding *f, const char *actual);
/* One addend of a sum that did not add up (listed in the output). */
void fl_finding_add_addend(fl_finding *f, const char *label, fl_dec value);
/* What the bureau should do, in Chinese. printf-style. */
void fl_finding_set_suggestion(fl_finding *f, const char *fmt, ...) FISLINT_PRINTF(2, 3);

/* ------------------------------------------------------------------ */
/* The plugin descriptor                                               */
/* ------------------------------------------------------------------ */

/* One rule of a check (since 1.1).  A check lists its rules so that the
 * core knows where each applies: a finding of a rule whose `kinds` does not
 * meet fl_doc_kinds() of the document is dropped by the core (the
 * fl_finding returned for it is valid but goes nowhere).  Rules a check
 * reports without listing them apply to every kind. */
/* The layout of fl_rule is fixed from 1.1 on: plugins hand the core an
 * array of them, so its stride is part of the ABI.  A later version that
 * needs more per rule adds a new array, never a field here. */
typedef struct fl_rule {
    const char *name;        /* short name, as passed to fl_report_add ("code-hierarchy") */
    fl_severity severity;    /* its usual severity, for listings */
    unsigned kinds;          /* FL_KINDS_ALL, FL_KINDS_FINAL, … */
    const char *summary;     /* one line, Chinese */
    /* Shown by `fislint explain check/rule` (may be NULL): 2–4 sentences in
     * Chinese — what is checked, a typical cause, how a bureau fixes it. */
    const char *help;
} fl_rule;

typedef struct fl_plugin {
    /* Filled by FISLINT_PLUGIN_HEADER: checked by the loader. */
    uint32_t magic;
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t struct_size;

    /* The check id: ASCII, lower-case, stable forever ("table-totals"). */
    const char *id;
    const char *version;
    /* One line, Chinese, shown by `fislint checks`. */
    const char *summary;

    /* Optional.  Called once after loading; return 0 on success.  May
     * store private state in *state (the plugin owns it). */
    int (*init)(const fl_config *cfg, void **state);
    /* Called once per document.  Return 0; non-zero means the check itself
     * failed (reported as such, the run continues).  One process calls it
     * for many documents in turn: it must not keep per-document data in
     * globals or in *state (state prepared by init is for reading). */
    int (*check)(const fl_document *doc, fl_report *rep, void *state);
    /* Optional.  Frees what init() allocated. */
    void (*fini)(void *state);

    /* Since 1.1 (read only when struct_size covers it).  Optional: the
     * check's rules, ended by an entry whose name is NULL; static data
     * owned by the plugin. */
    const fl_rule *rules;
    /* Since 1.1 (read only when struct_size covers it).  Optional: the
     * option keys the check reads from its configuration section, ended by
     * NULL (`{ NULL }` for a check without options).  A key in the section
     * that is not listed is an error naming the file and line.  NULL: the
     * core cannot tell and accepts any key. */
    const char *const *options;
    /* Since 1.1 (read only when struct_size covers it).  FL_PLUGIN_*
     * bits; 0 for an ordinary check. */
    unsigned flags;
} fl_plugin;

/* fl_plugin.flags: check() compares a document with the same unit's other
 * reports (fl_doc_related()); it runs once every document of the run has
 * been read, and only on documents that have related ones. */
#define FL_PLUGIN_RELATED 0x1u

#define FISLINT_PLUGIN_HEADER \
    .magic = FISLINT_PLUGIN_MAGIC, .abi_major = FISLINT_ABI_MAJOR, \
    .abi_minor = FISLINT_ABI_MINOR, .struct_size = sizeof(fl_plugin)

/* The one exported symbol of a plugin.  Usage:
 *   FISLINT_PLUGIN_DEFINE = { FISLINT_PLUGIN_HEADER, .id = "my-check", ... };
 */
#define FISLINT_PLUGIN_SYMBOL "fislint_plugin"
#define FISLINT_PLUGIN_DEFINE FISLINT_EXPORT const fl_plugin fislint_plugin

#ifdef __cplusplus
}
#endif
#endif /* FISLINT_PLUGIN_H */
