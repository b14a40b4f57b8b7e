/* tt.h — private header of the table-totals check (表内表间勾稽).
 *
 * The plugin talks to the core only through <fislint/plugin.h>; this header
 * holds what its rule files share: options, table recognition, cell and
 * label helpers, and the one function that turns a sum that does not add
 * up into a finding (so every rule treats rounding the same way). */
#ifndef TT_H
#define TT_H

#include <stddef.h>
#include <string.h>

#include <fislint/plugin.h>

/* Options, read once in init(). */
typedef struct tt_opts {
    fl_dec per_addend;   /* rounding tolerated per addend (default 0.01) */
    int narrative;       /* check the narrative (default on) */
} tt_opts;

/* Tables the rules know, recognised by title (never by number). */
typedef enum tt_kind {
    TT_OTHER = 0,
    TT_SUMMARY,      /* 收入支出决算总表; 收支预算总表, 财务收支预算总表 */
    TT_FIN_SUMMARY,  /* 财政拨款收入支出决算总表; 财政拨款收支(预算)总表 */
    TT_INCOME,       /* 收入决算表; 收入预算总表 */
    TT_EXPENSE,      /* 支出决算表; 支出预算总表 */
    TT_GPB_EXPENSE,  /* 一般公共预算财政拨款支出决算表; 一般公共预算支出(功能分类)预算表 */
    TT_GPB_BASIC,    /* 一般公共预算财政拨款基本支出决算(明细)表 */
    TT_GOV_FUND,     /* 政府性基金预算财政拨款收入支出决算表 */
    TT_STATE_CAPITAL,/* 国有资本经营预算财政拨款支出决算表 */
    TT_SANGONG       /* 三公 (left to the sangong check) */
} tt_kind;

/* A tt_labelled_value answer (codes.c). */
typedef struct tt_labelled {
    const fl_table *table;
    const char *label;
    int found;            /* what it returned */
    int row_set;          /* the label was found: *row was set */
    fl_dec value;
    const fl_row *row;
    const fl_cell *cell;
} tt_labelled;
#define TT_LABELLED_MAX 4

/* Code entries (codes.c): the rows of classification-coded tables. */
typedef struct tt_entry {
    const char *code;     /* borrowed cell text */
    size_t len;           /* digits */
    const fl_row *row;
    size_t name_col;      /* column of the name cell */
    size_t value_col;     /* multi-block tables: the one amount column */
} tt_entry;

typedef struct tt_entries {
    tt_entry *items;
    size_t count;
    int multi_block;      /* several code columns side by side (06表) */
} tt_entries;

typedef struct tt_ctx {
    const fl_document *doc;
    fl_report *rep;
    const tt_opts *opt;
    /* Dry run of one table's rules (table-totals.c): tt_check_sum and
     * tt_check_equal report nothing and only count. */
    int dry;
    size_t checked;      /* identities compared */
    size_t failed;       /* … that missed beyond rounding */
    size_t halved;       /* … that missed by exactly half or double */
    size_t out_of_range; /* … skipped: an amount too large to be exact */
    size_t noted;        /* … that differ at all (failed or rounding):
                          * each a finding of the real run */
    /* Tables and paragraphs already told that (tt_out_of_range). */
    const void **oor_seen;
    size_t oor_count, oor_cap;
    /* Worked out once, because every rule and both runs ask again
     * (cache.c): each table's kind by index (NULL when out of memory:
     * worked out at each question), the table the rules are on, and the
     * coded rows of the table last asked for. */
    tt_kind *kinds;
    const fl_table *table;
    size_t table_index;
    const fl_table *entries_table;
    tt_entries entries;
    /* The two sides of the two 总表 last read (summary.c): both runs of
     * summary-identity, cross-table and the narrative's facts ask again
     * and again for lines of the same one or two tables (TT_SLOTS of
     * them, or NULL). */
    struct tt_sides *sides;
    size_t sides_last;   /* the slot read last */
    /* The identities row-identity read from the header of the table it
     * is on (identities.c), kept for its second run. */
    struct tt_groups *groups;
    /* tt_labelled_value's answers (the two 经费合计 of the 06表). */
    tt_labelled labelled[TT_LABELLED_MAX];
    size_t labelled_count;
} tt_ctx;

/* The kind of `t` from its title (or, untitled, its columns). */
tt_kind tt_table_kind(const fl_table *t);
/* 1 for a table of a 部门预算 / 单位预算 (title says 预算表 / 预算总表 /
 * 收支总表 and not 决算; untitled: the budget summary's own line names). */
int tt_table_is_budget(const fl_table *t);

/* ---- labels ---- */
/* Copy `in` to `out` without spaces, HTML tags (<b>) and a leading
 * numbering (一、 （一） 1. 1、); always NUL-terminates.  Returns the
 * length of `out`. */
size_t tt_clean_label(const char *in, char *out, size_t size);
/* 1 when tt_clean_label(in, buf, size) equals `label`; most cells that
 * cannot are told by their last byte, without cleaning (buf is then
 * left as it was). */
int tt_label_is(const char *in, const char *label, char *buf, size_t size);
/* The last byte tt_clean_label(in, out, size) would keep, when it can be
 * told without cleaning: `in` is shorter than `size` (nothing cut) and
 * its last byte other than a space, tab or '*' is not the '>' that may
 * close a tag.  -1 when it cannot be told, '\0' for an empty result. */
int tt_cleaned_last_byte(const char *in, size_t size);
/* Length of the Chinese numeral 一 … 十 at s, 0 if none. */
size_t tt_cn_numeral_len(const char *s);
/* Last "/"-component of column `col`'s label, cleaned; returns its
 * length. */
size_t tt_col_leaf(const fl_table *t, size_t col, char *out, size_t size);
/* First column (from `from`) whose cleaned leaf equals `name`, or -1. */
long tt_col_by_leaf(const fl_table *t, const char *name, size_t from);
int tt_str_has(const char *s, const char *needle);
/* 1 when s[0, len) ends with `suffix`.  Inline, as tt_str_ends: labels
 * are asked for a dozen endings each, mostly constant ones whose length
 * and comparison the compiler then works out in place. */
static inline int tt_mem_ends(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}
static inline int tt_str_ends(const char *s, const char *suffix)
{
    return s != NULL && suffix != NULL && tt_mem_ends(s, strlen(s), suffix);
}
/* A word with its length, for lists of endings asked of every label. */
typedef struct tt_word {
    const char *s;
    size_t len;
} tt_word;
#define TT_WORD(lit) { (lit), sizeof (lit) - 1 }
/* 1 when s[0, len) ends with one of `words` (non-empty, closed by a
 * NULL word);
 * the last bytes are compared first, as they mostly differ. */
static inline int tt_mem_ends_any(const char *s, size_t len,
                                  const tt_word *words)
{
    for (; words->s != NULL; words++) {
        size_t n = words->len;
        if (n <= len && s[len - 1] == words->s[n - 1] &&
            memcmp(s + len - n, words->s, n) == 0)
            return 1;
    }
    return 0;
}

/* ---- cells ---- */
/* 1 when cell `col` of `r` holds a number (an empty "-" counts as 0),
 * converted to 万元 when the table is in 元. */
int tt_cell_dec(const fl_table *t, const fl_row *r, size_t col, fl_dec *out);
/* 1 when the cell is non-empty text that is not a number. */
int tt_cell_is_text(const fl_row *r, size_t col);
/* 1 when the cell is a classification code: 3, 5 or 7 ASCII digits.
 * Inline: tt_entries_collect asks it of every cell of every table. */
static inline int tt_cell_is_code(const fl_row *r, size_t col)
{
    const fl_cell *cell = fl_row_cell(r, col);
    const char *s = cell != NULL ? fl_cell_norm(cell) : NULL;
    if (s == NULL)
        return 0;
    /* two digits at a time past the first three: each byte is read only
     * after the ones before it were digits, so never past the end */
#define TT_DIGIT(ch) ((unsigned)((ch) - '0') < 10)
    if (!TT_DIGIT(s[0]) || !TT_DIGIT(s[1]) || !TT_DIGIT(s[2]))
        return 0;
    for (int len = 3; len < 7; len += 2) {
        if (s[len] == '\0')
            return 1;
        if (!TT_DIGIT(s[len]) || !TT_DIGIT(s[len + 1]))
            return 0;
    }
#undef TT_DIGIT
    return s[7] == '\0';
}

/* ---- per-document caches (cache.c) ---- */
/* Work out the kind of every table of c->doc; call once before the rules. */
void tt_cache_kinds(tt_ctx *c);
/* Say that the rules now run on table `index` (c->table). */
void tt_cache_current(tt_ctx *c, size_t index);
/* tt_table_kind(t), from the cache when t is c->table. */
tt_kind tt_kind_of(const tt_ctx *c, const fl_table *t);
/* First table of `kind`, or NULL. */
const fl_table *tt_find_table(const tt_ctx *c, tt_kind kind);
/* The coded rows of `t` (tt_entries_collect), kept until another table is
 * asked for or tt_ctx_free. */
const tt_entries *tt_table_entries(tt_ctx *c, const fl_table *t);

/* ---- reporting ---- */
typedef struct tt_addend {
    const char *label;   /* borrowed */
    fl_dec value;
    /* The cell `value` was read from, or NULL, and whether it enters the
     * sum negated: a value out of fl_dec's range is read again from its
     * cell as an exact fl_wide. */
    const fl_cell *cell;
    int minus;
} tt_addend;

/* Where a checked figure sits: any field may be NULL / 0. */
typedef struct tt_where {
    const fl_table *table;
    const fl_row *row;
    const char *row_label;   /* overrides the row's own label */
    const char *column;
    size_t line;             /* overrides the row's line */
    const fl_paragraph *para; /* a narrative figure's paragraph */
    /* The cells of the actual and (tt_check_equal) the expected figure,
     * or NULL: read again exactly when their fl_dec is out of range. */
    const fl_cell *cell;
    const fl_cell *expected_cell;
} tt_where;

/* Compare `actual` (what is written) with the sum of the addends.  Adds
 * nothing when equal; an info finding (尾数误差) when the difference is at
 * most per_addend × n; an error otherwise.  The comparison is exact at any
 * size a report holds: an out-of-range figure is read again from its cell
 * (w->cell, add[i].cell) as an fl_wide; only a figure without a cell makes
 * it an out-of-range info (tt_out_of_range).  `what` names the figure
 * ("20810 社会福利 的 本年支出合计").  Returns the severity reported, 0 if
 * none. */
int tt_check_sum(tt_ctx *c, const char *rule, const tt_where *w,
                 const char *what, fl_dec actual,
                 const tt_addend *add, size_t n);
/* A finding lists at most this many addends; a sum of more is told by its
 * total alone.  A table of thousands of 类 and as many 合计 rows made
 * each 合计's finding list them all: output grew with the square of the
 * input (600 KB gave 300 MB).  Real tables have a few dozen. */
#define TT_LISTED_MAX 100
/* tt_check_sum for more than TT_LISTED_MAX addends whose exact sum is
 * known (tt_addends_sum): the same finding, without building the list. */
int tt_check_known_sum(tt_ctx *c, const char *rule, const tt_where *w,
                       const char *what, fl_dec actual, const fl_wide *sum, size_t n);
/* 1 when the addends (their values only: labels may still be NULL) add
 * up exactly to `actual`, every figure within fl_dec: the comparison is
 * then counted as tt_check_sum counts it and there is nothing to report,
 * so a caller may skip naming the figures.  0: call tt_check_sum. */
int tt_sum_held(tt_ctx *c, const tt_addend *add, size_t n, fl_dec actual);
/* The exact sum of the addends as tt_check_sum adds them (one beyond
 * fl_dec read again from its cell): 1 when known. */
int tt_addends_sum(const tt_addend *add, size_t n, fl_wide *sum);
/* tt_check_sum for addends whose exact sum is known already (`sum`,
 * from tt_addends_sum; NULL when that was not known), without them: a
 * figure asked against the same addends again and again need not list
 * them unless it misses.  1 when done: `actual` equals the sum (counted
 * as tt_check_sum counts it) or the comparison cannot be exact (told as
 * it tells it); 0 when it differs: call tt_check_sum to report it. */
int tt_sum_known(tt_ctx *c, const tt_where *w, fl_dec actual, const fl_wide *sum);
/* Same for two figures that must be equal (n counts the addends behind
 * `expected`, for the rounding allowance). */
int tt_check_equal(tt_ctx *c, const char *rule, const tt_where *w,
                   const char *what, fl_dec expected, fl_dec actual,
                   size_t n, const char *why);
/* An amount of table `t` or paragraph `p` (one of them set) is beyond
 * what an fl_dec holds exactly and has no cell to read it again from: one info
 * (out-of-range) per table or paragraph, the first time only; nothing in
 * a dry run.  The comparison itself is not reported. */
void tt_out_of_range(tt_ctx *c, const fl_table *t, const fl_paragraph *p,
                     size_t line);
/* 1 when any of the n values is out of range (fl_dec_out_of_range). */
int tt_any_out_of_range(const fl_dec *v, size_t n);
void tt_ctx_free(tt_ctx *c);
/* Format a decimal with 2 decimals into buf (32 bytes). */
const char *tt_fmt(fl_dec d, char *buf, size_t size);

/* ---- the rules ---- */
void tt_rule_hierarchy(tt_ctx *c, const fl_table *t);
void tt_rule_total_rows(tt_ctx *c, const fl_table *t);
void tt_rule_row_identity(tt_ctx *c, const fl_table *t);
void tt_rule_summary(tt_ctx *c, const fl_table *t);
void tt_rule_cross(tt_ctx *c);
void tt_rule_narrative(tt_ctx *c);

/* ---- two-sided summary tables (summary.c), also used by cross.c ---- */
/* Value of the item whose cleaned label equals `label` on side 0 (income,
 * left) or 1 (expenditure, right) of a 总表; 1 when found; *cell (may be
 * NULL) gets the value's cell. */
int tt_summary_item(tt_ctx *c, const fl_table *t, int side,
                    const char *label, fl_dec *out, const fl_row **row,
                    const fl_cell **cell);
/* Free what tt_rule_row_identity kept (tt_ctx.groups). */
void tt_row_identity_cache_free(tt_ctx *c);
/* Free the sides kept by tt_summary_item and tt_rule_summary. */
void tt_summary_cache_free(tt_ctx *c);

/* ---- code entries (codes.c): tt_entry, tt_entries above ---- */

/* Collect the coded rows of `t`; caller frees with tt_entries_free. */
void tt_entries_collect(const fl_table *t, tt_entries *out);
void tt_entries_free(tt_entries *e);
/* The value of entry `e` in column `col` (single-block) or its one amount
 * (multi-block, col ignored); 1 when there is a number. */
int tt_entry_value(const fl_table *t, const tt_entries *es,
                   const tt_entry *e, size_t col, fl_dec *out);
/* The cell tt_entry_value() reads, or NULL. */
const fl_cell *tt_entry_cell(const tt_entries *es, const tt_entry *e,
                             size_t col);
/* Numeric columns of a single-block coded table: 1 for column `col` when it
 * holds amounts (to the right of the names, not 行次/栏次). */
int tt_is_amount_col(const fl_table *t, const tt_entries *es, size_t col);

/* Entry k's label for findings ("20805 行政事业单位养老支出"): its code and
 * cleaned name.  `labels` holds es->count slots of TT_ENTRY_LABEL_MAX bytes
 * from tt_entry_labels_new(): each entry is labelled once, however many
 * columns quote it. */
#define TT_ENTRY_LABEL_MAX 160
const char *tt_entry_label(const tt_entries *es, size_t k, char *labels);
/* `count` label slots, each marked not yet made (its first byte only:
 * most tables never need a label, so the rest is not cleared); NULL
 * without memory.  The caller frees it. */
char *tt_entry_labels_new(size_t count);

/* Value that follows the label cell `label` in `t` (06表 人员经费合计):
 * the first number after it in the row, else a lone number on the next
 * row.  1 when found; *cell (may be NULL) gets the value's cell; *row
 * gets the label's row whenever the label is found.  Answers are kept in
 * c (total-row in both runs, cross-table and the facts ask the same). */
int tt_labelled_value(tt_ctx *c, const fl_table *t, const char *label,
                      fl_dec *out, const fl_row **row, const fl_cell **cell);

#endif
