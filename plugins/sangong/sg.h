/* sg.h — internal interface of the sangong (三公经费) check plugin.
 *
 * The plugin reads the 三公 figures twice — from the 三公 table and from the
 * narrative — and each rule file compares what it needs.  Everything here
 * is private to the shared object (only `fislint_plugin` is exported). */
#ifndef SG_H
#define SG_H

#include <stddef.h>
#include <string.h>

#include <fislint/plugin.h>

/* The 三公 items.  SG_CAR = SG_CAR_BUY + SG_CAR_RUN. */
enum sg_item {
    SG_TOTAL = 0,
    SG_ABROAD,      /* 因公出国（境）费 */
    SG_CAR,         /* 公务用车购置及运行维护费 */
    SG_CAR_BUY,     /* 公务用车购置费 */
    SG_CAR_RUN,     /* 公务用车运行维护费 */
    SG_RECEPTION,   /* 公务接待费 */
    SG_NITEMS,
    SG_ITEM_SUB = -2,  /* a sub-line we do not check (国内接待费 …) */
    SG_ITEM_NONE = -1
};

enum sg_group { SG_BUDGET = 0, SG_FINAL = 1, SG_NGROUPS = 2, SG_GROUP_NONE = -1 };

/* What a narrative number says. */
enum sg_role {
    SG_R_NONE = 0,
    SG_R_BUDGET,      /* 预算数 X 万元 */
    SG_R_FINAL,       /* 决算数 / 支出 X 万元 */
    SG_R_PREV,        /* 上年 X 万元 */
    SG_R_YOY_AMOUNT,  /* 比上年增加/减少 X 万元 (signed) */
    SG_R_BUD_AMOUNT,  /* 比预算增加/减少 X 万元 (signed) */
    SG_R_SHARE,       /* 占 X% */
    SG_R_YOY_RATE,    /* 增长/下降 X% (signed) */
    SG_R_DIFF_RATE,   /* 差异率 X% */
    SG_R_COMPLETION   /* 完成预算的 X% / 执行率 X% */
};
#define SG_NROLES (SG_R_COMPLETION + 1)

/* Options (see docs/checks/sangong.md). */
typedef struct sg_options {
    fl_dec rounding_per_addend;  /* rounding-per-addend, default 0.01 */
    fl_dec rate_tolerance;       /* rate-tolerance, percentage points, default 0.01 */
    int details;                 /* details: 1 = report car-split / *-detail */
} sg_options;

/* One figure of the 三公 table. */
typedef struct sg_tcell {
    int have;
    fl_dec value;        /* as written, in the table's unit */
    fl_dec wan;          /* in 万元 */
    const fl_row *row;   /* borrowed */
    size_t col;
} sg_tcell;

typedef struct sg_table {
    const fl_table *table;           /* borrowed */
    int unit_is_yuan;                /* amounts in 元: rounding is 0.01 元 */
    sg_tcell v[SG_NGROUPS][SG_NITEMS];
    /* The table has a column (or row) of this group for a 三公 item, even
     * when its cells are blank ("本表无数据", Shanghai's blank cells). */
    int present[SG_NGROUPS];
    /* A data row was read (a number, 0 or "-" in a non-栏次 row): a blank
     * table is the bureau's, not a row the reader lost. */
    int evidence;
    /* 会议费 + 培训费 beside the 三公 columns (Jiangsu 预算表), table unit. */
    int mt_have[SG_NGROUPS];
    fl_dec mt[SG_NGROUPS];
    /* The 三公 合计 (named 三公, or in a table whose title names only
     * 三公) equals the items plus 会议费 and 培训费. */
    int total_has_mt[SG_NGROUPS];
} sg_table;

/* One number of the 三公 narrative. */
typedef struct sg_fig {
    int item;            /* enum sg_item (SG_TOTAL..SG_RECEPTION) */
    int role;            /* enum sg_role */
    fl_dec value;        /* 万元 for amounts, percent for rates; signed for changes */
    int decimals;        /* as written */
    int explicit_sign;   /* rate written with '-' or a direction word */
    size_t para;         /* paragraph index */
    size_t sent;         /* sentence index (sg_narr.sents) */
    size_t offset, end;  /* byte range of the number in the paragraph text */
    size_t line;
    char text[48];       /* the number as written (truncated copy) */
} sg_fig;

typedef struct sg_sent {
    size_t para;
    size_t start, end;   /* byte range in the paragraph text */
} sg_sent;

typedef struct sg_narr {
    const fl_document *doc;  /* borrowed */
    sg_fig *figs;
    size_t nfigs, figs_cap;
    sg_sent *sents;
    size_t nsents, sents_cap;
    /* The figures of sentence s are figs[sent_first[s] .. sent_first[s + 1])
     * (they are read in sentence order); nsents + 1 entries, NULL when
     * there is no sentence. */
    size_t *sent_first;
    /* The first figure of each item and role, or NULL: the lookups
     * sg_narr_find makes for every figure stay linear in all. */
    const sg_fig *first[SG_NITEMS][SG_NROLES];
    /* 1 when some paragraph talks about 三公 at all */
    int mentioned;
    /* 1 when the document is a budget (部门预算/单位预算) and not a 决算:
     * it has no 决算数, its amounts are 预算数 and its changes compare
     * with the previous year's budget. */
    int budget_doc;
    /* The year the report is about (fl_doc_year), 0 when unknown. */
    int year;
    /* sg_window_matcher_new(), borrowed while reading. */
    const fl_matcher *windows;
} sg_narr;

/* Everything the rules look at, for one document. */
typedef struct sg_ctx {
    const fl_document *doc;
    fl_report *rep;
    const sg_options *opt;
    sg_table *tables;        /* the 三公 tables that held figures */
    size_t ntables;
    sg_table blank;          /* the first 三公 table holding no figure */
    int have_blank;
    sg_narr narr;
    /* Set by the rules that run first, so that later rules do not report
     * the same statement twice: the group whose table is empty while the
     * narrative states an amount (empty-table-narrative), and the
     * narrative 三公 total that counts 会议费/培训费 (meeting-training). */
    int empty_reported[SG_NGROUPS];
    const sg_fig *mt_total[SG_NGROUPS];
    /* Tables (their fl_table) and the narrative (&narr) already told that
     * an amount is beyond exact computation (sg_out_of_range). */
    const void *oor_seen[8];
    size_t oor_count;
} sg_ctx;

/* An amount, sum, difference or rate is too large to compute exactly
 * (fl_dec_out_of_range): one info (out-of-range) for the table `st`, or
 * for the narrative when st is NULL, the first time only; the comparison
 * is not reported (sg-sum.c). */
void sg_out_of_range(sg_ctx *c, const sg_table *st, size_t line);

/* --- sg-words.c --- */
/* Chinese name of an item ("公务接待费") / group ("预算数").  Static. */
const char *sg_item_name(int item);
const char *sg_group_name(int group);
/* The item a label names ("1.因公出国(境)费" -> SG_ABROAD), SG_ITEM_NONE. */
int sg_item_of_label(const char *norm);
/* sg_item_keyword_at() where s starts with a byte of E0 or above. */
int sg_item_keyword_lead(const char *s, size_t *len);
/* If an item keyword starts at s, its item (or SG_ITEM_SUB) and *len.
 * Asked at every byte of windows and sentences: inline, so that the bytes
 * no keyword starts with (continuation bytes, ASCII) cost no call. */
static inline int sg_item_keyword_at(const char *s, size_t *len)
{
    return (unsigned char)s[0] < 0xE0 ? SG_ITEM_NONE : sg_item_keyword_lead(s, len);
}
/* A matcher of the item keywords, for sg_names_item(); built once, in
 * init (free with fl_matcher_free).  NULL on OOM, or when an item keyword
 * lacks the marks sg_names_item() looks for first (sg-words.c). */
fl_matcher *sg_item_matcher_new(void);
/* 1 when text names a 三公 item anywhere: some position where
 * sg_item_keyword_at() gives an item (not SG_ITEM_SUB). */
int sg_names_item(const fl_matcher *items, const char *text);
/* 1 when word (three bytes or more, none NUL, as an ideograph is)
 * starts at s, which ends with NUL.  The first three bytes are compared
 * inline, since at most positions they differ, before strncmp. */
static inline int sg_word_at(const char *s, const char *word)
{
    return s[0] == word[0] && s[1] == word[1] && s[2] == word[2] &&
           strncmp(s + 3, word + 3, strlen(word + 3)) == 0;
}
/* 1 when s[0..len) contains needle. */
int sg_contains(const char *s, size_t len, const char *needle);
/* Offset of the last occurrence of needle in s[0..len), or -1. */
long sg_last(const char *s, size_t len, const char *needle);
/* 1 when s[0..len) holds a real reason (原因是 <content>, 由于 …). */
int sg_has_reason(const char *s, size_t len);
/* Format a decimal with 2 places into buf (32 bytes). */
const char *sg_fmt(fl_dec d, char *buf);

/* --- sg-table.c --- */
/* Read the 三公 table `t` into *out.  Returns 1 when it is a 三公 table
 * holding at least one figure, 2 when it is a 三公 table holding none
 * (blank or "-" cells, or no data row), 0 otherwise. */
int sg_table_read(const fl_table *t, sg_table *out);
/* Locate a finding on one table figure. */
void sg_table_locate(fl_finding *f, const sg_table *st, int group, int item);

/* The table the rules compare with: the first that held figures, else
 * the first blank one, else NULL. */
const sg_table *sg_main_table(const sg_ctx *c);
/* 1 when group g of st holds no non-zero figure. */
int sg_table_group_zero(const sg_table *st, int g);

/* 1 when `doc` is a budget and not a 决算 (see sg_narr.budget_doc). */
int sg_doc_is_budget(const fl_document *doc);

/* --- sg-narrative.c --- */
/* The words that tell what a number of the narrative is (its role), as
 * a matcher.  NULL on ENOMEM. */
fl_matcher *sg_window_matcher_new(void);
/* Collect the 三公 figures of the narrative; `items` is from
 * sg_item_matcher_new(), `windows` from sg_window_matcher_new().  Free
 * with sg_narr_free. */
void sg_narr_read(const fl_document *doc, const fl_matcher *items, const fl_matcher *windows,
                  sg_narr *out);
void sg_narr_free(sg_narr *n);
/* Text of a sentence (borrowed from the paragraph) and its length. */
const char *sg_sent_text(const sg_narr *n, size_t sent, size_t *len);
/* The first figure of `item` and `role` in sentence `sent` (or, when sent
 * is (size_t)-1, anywhere), or NULL. */
const sg_fig *sg_narr_find(const sg_narr *n, int item, int role, size_t sent);
/* The closest figure of item/role before figure index `before` in its
 * sentence, or NULL. */
const sg_fig *sg_narr_prev(const sg_narr *n, size_t before, int item, int role);
/* 1 when s[0..len) speaks of a year before `year` (上年, 2023年 …). */
int sg_prior_year(const char *s, size_t len, int year);
/* 1 when sentence `sent` gives a reason, or one after it in its paragraph
 * before any that states a new budget figure, or (for the paragraph's last
 * sentence) the next paragraph's first.  memo: NULL, or nsents zeroed
 * bytes shared by the calls on one sg_narr, which then read each sentence
 * after `sent` once in all (see reason_ahead). */
int sg_narr_reason_near(const sg_narr *n, size_t sent, unsigned char *memo);

/* --- rules --- */
void sg_rule_sum(sg_ctx *c);
void sg_rule_budget(sg_ctx *c);          /* over-budget, unexplained-difference */
void sg_rule_narrative_table(sg_ctx *c);
void sg_rule_rate(sg_ctx *c);
void sg_rule_details(sg_ctx *c);         /* car-split, abroad-detail, reception-detail */
void sg_rule_empty(sg_ctx *c);           /* empty-table-narrative */
void sg_rule_deny(sg_ctx *c);            /* narrative-denies-table */
void sg_rule_meeting(sg_ctx *c);         /* meeting-training-in-total */

#endif
