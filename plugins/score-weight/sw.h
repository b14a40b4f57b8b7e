/* sw.h — internal interface of the score-weight plugin (绩效自评得分与分值).
 * Not installed; only the plugin's own files include it.  Everything the
 * plugin reads from the document is borrowed through <fislint/plugin.h>. */
#ifndef SW_H
#define SW_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <fislint/plugin.h>

/* Options, read once in init(). */
typedef struct sw_options {
    fl_dec excellent;    /* 优 at or above (grade-excellent, 90) */
    fl_dec good;         /* 良 at or above (grade-good, 80) */
    fl_dec pass;         /* 中 at or above (grade-pass, 60) */
    fl_dec max_total;    /* full marks of a project (max-total, 100) */
    fl_dec eval_gap;     /* 自评 vs 部门评价 gap for a warning (eval-gap, 5) */
} sw_options;

/* ---- small text helpers (sw-text.c) ---- */
/* snprintf(dst, n, "%s", src) without the formatting: src cut to n - 1
 * bytes (n > 0). */
void sw_copy_text(char *dst, size_t n, const char *src);
int sw_contains(const char *s, const char *needle);
/* strstr(text, word), for a word looked for in every paragraph.  The
 * places of the word's byte `from` are found by strchr() and the word
 * compared there, so the text is read once up to the word, also under
 * ASan.  `from` is the last byte of a character of the word (2 for the
 * first), a continuation byte, far rarer in Chinese text than the lead
 * bytes shared by many common characters.  Inline, so that the length
 * of a literal word is known when compiling, not counted each call. */
const char *sw_find_n(const char *text, const char *word, size_t lw, size_t from);
static inline const char *sw_find(const char *text, const char *word, size_t from)
{
    return sw_find_n(text, word, strlen(word), from);
}
/* Cell's normalised text, "" for a missing cell.  Borrowed.  Inline: it
 * is asked for every cell of every table, some cells several times. */
static inline const char *sw_cell(const fl_row *r, long col)
{
    const fl_cell *c;
    const char *t;

    if (!r || col < 0)
        return "";
    c = fl_row_cell(r, (size_t)col);
    if (!c)
        return "";
    t = fl_cell_norm(c);
    return t ? t : "";
}
/* 1 when the text is a bare score/number ("5.00", "100 分", "100.00分"):
 * fills *v and *decimals.  Empty markers ("-", "—") are not numbers here. */
int sw_text_score(const char *text, fl_dec *v, int *decimals);
/* Same, for a percentage ("94.74%"); *v is 94.74. */
int sw_text_percent(const char *text, fl_dec *v);
/* Copy `src` into dst (size n) without spaces; returns dst. */
char *sw_squeeze(const char *src, char *dst, size_t n);
/* Project name key: spaces, 项目, 绩效自评综述 … removed.  Writes dst. */
char *sw_project_key(const char *name, char *dst, size_t n);
/* Format a decimal for a message (static rotating buffers). */
const char *sw_fmt(fl_dec d);

/* ---- grades (sw-grade.c) ---- */
/* "优", "良", "中", "差" for a score; static string. */
const char *sw_grade_of(const sw_options *o, fl_dec score);
/* Returns the grade word found at the start of text ("优" …) or NULL. */
const char *sw_grade_parse(const char *text);

/* ---- targets (sw-target.c) ---- */
typedef enum sw_dir {
    SW_DIR_NONE = 0,     /* qualitative: no number to compare */
    SW_DIR_GE,           /* ≥, >=, 不低于 (正向) */
    SW_DIR_LE,           /* ≤, <=, 不超过 (反向) */
    SW_DIR_EQ,           /* =, or a bare number */
    SW_DIR_DEADLINE      /* a date such as 8月25日前 */
} sw_dir;

typedef struct sw_value {
    sw_dir dir;
    fl_dec value;        /* the number, or the date as yyyymmdd */
    int has_year;        /* dates: year given */
    char unit[48];       /* text after the number ("人", "%", "万元") */
} sw_value;

/* Parse a 年度指标值 / 实际完成值 cell.  Returns 1 when a number or date
 * was found. */
int sw_value_parse(const char *text, sw_value *out);

/* ---- rows that may be headers (sw-rows.c) ---- */
/* The rows of the document's tables with a cell that names 得分 (spaces
 * aside): only such a row can head an evaluation's funding block or
 * indicators, or a summary table.  Found once for both readers of the
 * tables, so that the other rows (nearly all) are searched once, for one
 * word, instead of for every column word of every header. */
typedef struct sw_score_rows {
    size_t *first;         /* [table]: index of its first row in `marked` */
    unsigned char *marked; /* [row]: 1 when the row names 得分 */
    size_t count;          /* rows marked: 0 in a document without scores */
} sw_score_rows;

/* 1 when a cell of r, without its spaces and tabs, holds `word` (no
 * space, at least two bytes, its second byte nowhere else in it), read
 * without a copy. */
int sw_row_holds_squeezed(const fl_row *r, const char *word);
/* Returns 0, or -1 when out of memory.  Free with sw_score_rows_free(). */
int sw_score_rows_find(const fl_document *doc, sw_score_rows *out);
void sw_score_rows_free(sw_score_rows *s);
/* 1 when row j of table i names 得分. */
static inline int sw_score_row(const sw_score_rows *s, size_t i, size_t j)
{
    return s->marked[s->first[i] + j];
}

/* ---- evaluation tables (sw-eval.c) ---- */
typedef struct sw_indicator {
    const fl_row *row;
    const char *level1, *level2, *name;   /* borrowed; carried down */
    const char *target, *actual, *cause;  /* borrowed; "" when empty */
    /* sw_value_parse() of target, read once for the rules that need it */
    int has_target_value;
    sw_value target_value;
    fl_dec weight, score;
    int score_decimals;
    int has_rate;                         /* 完成率 column present */
    fl_dec rate;                          /* percent, 94.74 */
} sw_indicator;

typedef struct sw_eval {
    const fl_table *table;
    char project[192];                    /* 项目名称, "" when not found */
    char key[192];                        /* its sw_project_key(), made once */
    char label[256];                      /* how messages name the table */
    size_t line, end_line;
    /* funding block (项目资金 / 预算执行情况) */
    int has_funding;
    const fl_row *funding_row;
    int has_ab;
    fl_dec fund_a, fund_b, fund_weight, fund_score;
    int fund_a_decimals;                  /* decimals of 全年预算数 as printed */
    int has_initial;                      /* 年初预算数 read (before A) */
    fl_dec fund_initial;
    int fund_score_decimals;
    int has_rate;
    fl_dec fund_rate;                     /* stated 执行率, percent */
    /* 年度总体目标: the 预期目标 cell (not the 实际完成情况) */
    const fl_row *goal_row;               /* NULL when not found */
    const char *goal;                     /* borrowed; "" when not found */
    /* indicators */
    sw_indicator *ind;
    size_t nind, cap;
    /* total row (合计 / 总分) */
    const fl_row *total_row;
    int has_total_weight, has_total_score;
    fl_dec total_weight, total_score;
    int total_decimals;
    const char *grade;                    /* stated grade or NULL */
} sw_eval;

typedef struct sw_evals {
    sw_eval *items;
    size_t count, cap;
} sw_evals;

/* Find every 绩效自评表 in the document.  Returns 0, or -1 when out of
 * memory.  The caller frees with sw_evals_free(). */
int sw_evals_collect(const fl_document *doc, const sw_score_rows *rows, sw_evals *out);
void sw_evals_free(sw_evals *e);

/* ---- rules ---- */
/* score-above-weight, negative-score, weights-sum, total-mismatch,
 * funding-score, total-above-100 (table), score-contradiction,
 * grade-mismatch (table's own grade). */
void sw_check_eval(const sw_eval *e, const sw_options *o, fl_report *rep);
void sw_check_contradiction(const sw_eval *e, const sw_indicator *in,
                            fl_report *rep);
/* goal-target: a count or amount of the 年度总体目标 against the target of
 * the indicator it names (sw-goal.c).  Returns 0, or -1 when out of
 * memory. */
int sw_check_goal(const sw_eval *e, fl_report *rep);
/* 1 when the indicator is a timeliness (时效) one. */
int sw_is_timeliness(const sw_indicator *in);

/* ---- copies of a project's score (sw-copies.c) ---- */
typedef enum sw_source { SW_SRC_TABLE, SW_SRC_SUMMARY, SW_SRC_TEXT } sw_source;

typedef struct sw_copy {
    sw_source source;
    char key[192];        /* project key (sw_project_key) */
    char name[192];       /* as written */
    int has_score;
    fl_dec score;
    const char *grade;    /* NULL when not stated */
    size_t line;
    const fl_table *table;        /* NULL for narrative */
    const fl_row *row;            /* NULL for narrative */
} sw_copy;

typedef struct sw_copies {
    sw_copy *items;
    size_t count, cap;
} sw_copies;

int sw_copies_push(sw_copies *c, const sw_copy *item);
void sw_copies_free(sw_copies *c);
/* 汇总表 rows (summary tables) → copies; also reports total-above-100 and
 * grade-mismatch within a row. */
int sw_summary_collect(const fl_document *doc, const sw_score_rows *rows, const sw_options *o,
                       fl_report *rep, sw_copies *out);
/* "项目自评得分为X分" in the narrative → copies; reports total-above-100. */
int sw_narrative_collect(const fl_document *doc, const sw_options *o,
                         fl_report *rep, sw_copies *out);

/* ---- the copies of one source by project key (sw-keys.c) ---- */
typedef struct sw_key {
    const char *key;      /* borrowed from the first copy */
    size_t len;
    uint64_t hash;
    size_t first, last;   /* its first and last copy, as indexes in the copies */
    size_t count;         /* copies with this key */
} sw_key;

typedef struct sw_keys sw_keys;

/* The keys of the copies of `src` (empty keys left out): NULL when out of
 * memory.  Borrows cs, which must not change; free with sw_keys_free(). */
sw_keys *sw_keys_new(const sw_copies *cs, sw_source src);
void sw_keys_free(sw_keys *ix);
/* The copies whose key is `key`, or NULL. */
const sw_key *sw_keys_exact(const sw_keys *ix, const char *key);
/* For a key that sw_keys_exact() does not find: the one key, if only one,
 * that contains it or lies within it, both at least `min` bytes long.
 * NULL when there is none or more than one.  The first call sorts the
 * keys' suffixes: NULL too when out of memory for them, which
 * sw_keys_oom() then says. */
const sw_key *sw_keys_partial(sw_keys *ix, const char *key, size_t min);
int sw_keys_oom(const sw_keys *ix);

/* score-mismatch, grade-mismatch across copies; grade-count.  `tables` and
 * `summaries` hold the keys of c's table and summary copies. */
void sw_check_copies(const fl_document *doc, const sw_options *o, const sw_copies *c,
                     sw_keys *tables, sw_keys *summaries, fl_report *rep);

/* ---- narrative items (sw-narrative.c) ---- */
/* "13. 免费婚姻登记经费：…" -> project key "免费婚姻登记经费"; "" when the
 * text is not a numbered item. */
void sw_item_name(const char *text, char *dst, size_t n);

/* ---- budget figures in the narrative (sw-budget.c) ---- */
/* narrative-budget: "全年预算数为X万元，执行数为Y万元" of a project against
 * its table's 全年预算数 (A) and 全年执行数 (B); budget-change:
 * "预算变更情况：无" while 年初预算数 ≠ 全年预算数.  Returns 0, or -1 when out
 * of memory. */
int sw_check_budget(const fl_document *doc, const sw_evals *ev, fl_report *rep);

/* ---- 部门评价 against 自评 (sw-depteval.c) ---- */
/* dept-eval-gap: "X项目，绩效评价得分为96分" against X's 自评 score, found
 * by the keys of c's table and summary copies. */
void sw_check_dept_eval(const fl_document *doc, const sw_options *o, const sw_copies *c,
                        sw_keys *tables, sw_keys *summaries, fl_report *rep);

#endif
