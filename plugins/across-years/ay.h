/* ay.h — internals of the across-years check (跨年度一致性).
 *
 * A report states last year's figures too: each narrative figure comes with
 * its change from last year (与上年相比减少392.92万元), and a 决算's 年初结转
 * 和结余 is last year's 年末结转和结余.  When the same unit's report of last
 * year is in the run (fl_doc_related()), both must agree.
 * Files: ay-text.c (UTF-8 and words), ay-subject.c (what a narrative amount
 * is the figure of), ay-claim.c (what a sentence says last year's figure
 * was), ay-index.c (last year's narrative figures by subject), ay-prior.c
 * (rule prior-year-figure), ay-carry.c (rule carryover), ay-stated.c (the
 * 年初预算 a 决算 states), ay-budget.c (the same figures in the year's
 * budget tables), ay-initial.c (rule initial-budget). */
#ifndef AY_H
#define AY_H

#include <stddef.h>

#include <fislint/plugin.h>

/* -- text (ay-text.c); all on normalised UTF-8 -- */
/* Length of a sentence break at s+i ("。" ";" "!" "?"), or 0. */
size_t ay_sentence_break(const char *s, size_t i);
/* Length of a clause break at s+i (a sentence break, "," ":"), or 0. */
size_t ay_clause_break(const char *s, size_t i);
/* 1 when s[0..n) contains `word`. */
int ay_has(const char *s, size_t n, const char *word);
/* Number of CJK ideographs in s. */
size_t ay_cjk_count(const char *s);
/* Skip spaces at s+i. */
size_t ay_skip_spaces(const char *s, size_t i);
/* Where something was next found in a text, for calls that go forward
 * through it: each reads only past the last hit.  Zero it to start. */
typedef struct ay_next {
    const char *text;
    size_t from, at; /* the first hit at or after `from`; strlen(text) when none */
} ay_next;
/* Offset of the first `word` in s at or after `from` (any byte), or of
 * s's end. */
size_t ay_next_word(ay_next *m, const char *s, size_t from, const char *word);
/* Offset of the first sentence break in s at or after the character at
 * `from`, or of s's end. */
size_t ay_next_break(ay_next *m, const char *s, size_t from);

/* A money amount read at s+i: value in 万元, the rounding of the figure as
 * written (half a unit of its last decimal, in 万元), and its length with
 * its unit.  0 when there is no money amount (元, 万元, 亿元) there. */
typedef struct ay_money {
    fl_dec wan;
    fl_dec half;     /* half a unit of the last written decimal, in 万元 */
    size_t len;
} ay_money;
int ay_money_at(const char *s, size_t i, ay_money *out);

/* -- subjects (ay-subject.c) -- */
#define AY_SUBJECT_MAX 256
/* The subject of the amount at text[at]: the clause before it, without
 * list numbers, spaces, the unit's name (`unit`, may be NULL), years and a
 * trailing copula, into buf.  Returns 1 when the subject is specific enough
 * to be compared across years (at least 4 CJK characters, no change word,
 * no 上年), 0 otherwise. */
int ay_subject(const char *text, size_t at, const char *unit, char *buf, size_t size);
/* Where the subject of the amount at text[at] starts (the clause start). */
size_t ay_clause_start(const char *text, size_t at);

/* -- claims (ay-claim.c) -- */
typedef enum ay_change {
    AY_SAME = 0,  /* 与上年一致 / 持平: last year = A */
    AY_UP,        /* 增加 D: last year = A - D */
    AY_DOWN       /* 减少 D: last year = A + D */
} ay_change;

/* What the sentence after an amount says of last year. */
typedef struct ay_claim {
    ay_change change;
    ay_money a, d;       /* this year's amount, and the change (not for AY_SAME) */
    size_t a_at;         /* offset of A in the paragraph text */
    size_t end;          /* offset just after the claim */
    fl_dec implied;      /* last year's figure as this sentence implies */
    char words[64];      /* the change as written, for the message ("减少392.92万元") */
} ay_claim;

/* The claim made about the amount at text[at], whose subject is `subject`
 * (ay_subject()), in a report of kind family `final` (1: 决算, 0: 预算)
 * and year `year`.  Returns 1 and fills *c when the sentence compares the
 * amount with last year's and gives the change in money (or says it is
 * the same); words between the comparison and the change word must restate
 * the subject (与上年相比,财政拨款支出增加…), never name a part of it
 * (与上年相比,人员经费增加…). */
int ay_claim_at(const char *text, size_t at, int final, int year, const char *subject,
                ay_claim *c);
/* 1 when text[from..to) says the basis of the comparison changed (口径,
 * 不可比, 科目调整 …).  `seen` keeps where each word was found, for the
 * next claim of the paragraph. */
#define AY_BASIS_WORDS 8
int ay_basis_changed(ay_next seen[AY_BASIS_WORDS], const char *text, size_t from, size_t to);

/* -- last year's figures (ay-index.c) -- */
typedef struct ay_figure {
    char subject[AY_SUBJECT_MAX];
    ay_money value;
    const fl_document *doc;
    size_t line;
    int ambiguous;    /* the subject has two different amounts */
} ay_figure;

typedef struct ay_index {
    ay_figure *items; /* one per subject, the first added, sorted by subject */
    size_t count, cap;
} ay_index;

/* Add every specific narrative figure of `doc` to the index.  Returns 0,
 * -1 when memory ran out. */
int ay_index_add_doc(ay_index *ix, const fl_document *doc);
/* Subjects that came with two different amounts are marked ambiguous. */
const ay_figure *ay_index_find(const ay_index *ix, const char *subject);
void ay_index_free(ay_index *ix);

/* -- related documents (across-years.c) -- */
/* The related documents that are last year's report of the same family
 * (budget or final) as `doc`, into out[0..max); returns their number. */
size_t ay_last_year_docs(const fl_document *doc, unsigned family, const fl_document **out,
                         size_t max);
/* File name (without directories) of a document's source, for messages. */
const char *ay_doc_name(const fl_document *doc);

/* -- 年初预算 stated in a 决算 (ay-stated.c) -- */
#define AY_NAME_MAX 96
typedef enum ay_initial_kind {
    AY_INIT_GPB = 0, /* 一般公共预算财政拨款支出 (the total) */
    AY_INIT_SANGONG, /* “三公”经费财政拨款支出 (the total) */
    AY_INIT_ITEM     /* 类(类)款(款)项(项): one line of the function classification */
} ay_initial_kind;

typedef struct ay_initial {
    ay_initial_kind kind;
    char names[3][AY_NAME_MAX]; /* 类, 款, 项 names (AY_INIT_ITEM), normalised */
    ay_money value;
    const fl_paragraph *paragraph;
    size_t at;                  /* offset of the amount in the paragraph text */
} ay_initial;

/* Calls fn for every 年初预算 amount of `doc`'s narrative whose subject is
 * known for sure; stops and returns fn's value when it is not 0. */
typedef int (*ay_initial_fn)(void *ctx, const ay_initial *s);
int ay_initial_each(const fl_document *doc, ay_initial_fn fn, void *ctx);
/* A name as compared: no spaces or quotes, 其它 written 其他, into buf. */
void ay_name_norm(const char *in, size_t n, char *buf, size_t size);
/* The subject as a reader knows it ("一般公共服务支出(类)…(项)"), into buf. */
void ay_initial_subject(const ay_initial *s, char *buf, size_t size);

/* -- the same figures in a budget's tables (ay-budget.c) -- */
typedef struct ay_budget_figure {
    fl_dec wan, half;           /* half a unit of the cell's last decimal, in 万元 */
    const fl_table *table;
    const fl_row *row;
} ay_budget_figure;
/* A budget's figures, read once from its tables. */
typedef struct ay_budget ay_budget;
/* NULL when memory ran out. */
ay_budget *ay_budget_new(const fl_document *budget);
void ay_budget_free(ay_budget *b);
/* The budget's figure for the subject of s: the 合计 row or the 类/款/项
 * row of its 一般公共预算支出(功能分类)预算表, or the “三公” 合计 of its
 * 三公 table.  1 when found once (or always with the same value), else 0. */
int ay_budget_find(const ay_budget *b, const ay_initial *s, ay_budget_figure *out);

/* -- the rules -- */
int ay_rule_prior_year(const fl_document *doc, fl_report *rep);
int ay_rule_carryover(const fl_document *doc, fl_report *rep);
int ay_rule_initial_budget(const fl_document *doc, fl_report *rep);

#endif
