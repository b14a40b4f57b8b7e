/* cw.h — internals of the comparison-wording check (比较用语与数字矛盾).
 *
 * A sentence that gives two amounts and a word comparing them
 * (决算数大于预算数, 比上年增加, 持平 …) must say what the amounts say.
 * Files: cw-text.c (words and sentence boundaries), cw-para.c (the money
 * of a paragraph and what each amount is), cw-judge.c (word against
 * numbers, and the finding), then one file per rule: cw-budget.c
 * (final-vs-budget), cw-year.c (year-on-year), cw-direction.c
 * (change-direction). */
#ifndef CW_H
#define CW_H

#include <stddef.h>

#include <fislint/plugin.h>

typedef struct cw_options {
    /* 基本持平 allows |a-b| / max(|a|,|b|) up to `rough` percent; beyond
     * `clear` percent the amounts are plainly different (error). */
    fl_dec rough;
    fl_dec clear;
} cw_options;

/* What a comparison word says of its subject against its object. */
typedef enum cw_rel {
    CW_REL_NONE = 0,
    CW_REL_GT,    /* 大于 高于 超过 增加 增长 … */
    CW_REL_LT,    /* 小于 低于 减少 下降 … */
    CW_REL_EQ,    /* 等于 持平 一致 相等 相同 零增长 */
    CW_REL_ROUGH  /* 基本持平 基本一致 大体持平 … */
} cw_rel;

/* What an amount or a phrase stands for. */
typedef enum cw_side {
    CW_SIDE_NONE = 0,
    CW_SIDE_BUDGET,  /* 年初预算数 */
    CW_SIDE_FINAL,   /* 决算数 */
    CW_SIDE_CUR,     /* this year: 本年, 2024年预算安排 */
    CW_SIDE_PREV     /* last year: 上年, 2023年当年预算执行数 */
} cw_side;

/* A money amount of a paragraph, converted to 万元. */
typedef struct cw_money {
    const fl_amount *a;
    fl_dec wan;
    size_t off, end;   /* bytes of the number (with its unit) in the text */
    size_t sentence;   /* sentence index within the paragraph; only for an
                        * amount starting before the last comparison word
                        * (cw_para.hits), the only ones the rules ask */
} cw_money;

/* A comparison word the rules judge (cw_word_at() accepted it), with its
 * sentence.  Found once per paragraph for both word rules. */
typedef struct cw_word_hit {
    size_t at, len;     /* bytes of the word in the text */
    cw_rel rel;
    const char *word;   /* the word as written */
    int change;         /* 增加/减少 …: a change over time */
    size_t sentence;    /* its sentence, starting at byte `ss` */
    size_t ss;
} cw_word_hit;

/* Where a comparison word starts, and the first word of cw_word_at()'s
 * list that starts there (the matcher reports each). */
typedef struct cw_word_start {
    size_t at;
    size_t word;
} cw_word_start;

typedef struct cw_para {
    const fl_paragraph *p;
    const char *text;       /* normalised paragraph text */
    cw_money *money;
    size_t nmoney;
    const fl_amount **pct;  /* percentages, in order */
    size_t npct;
    int year;               /* the report's year, 0 when unknown */
    int final_kind;         /* the document is a 决算 (FL_KINDS_FINAL) */
    char prev_year[16];     /* "2023年" for a report of 2024, "" when unknown */
    size_t *sent;           /* sentence start offsets, ascending, up to the
                             * last comparison word's (cw-para.c) */
    size_t nsent, sent_cap;
    /* Where a comparison word may start (cw_word_at() is worth asking):
     * offsets ascending, from one pass of the words' matcher; `all` when
     * there is no matcher (every position is asked). */
    cw_word_start *word_at;
    size_t nword_at, word_cap;
    int all_words;
    /* Where 与/比/较 start, ascending, from the same pass; `markers_known`
     * is 0 when that pass did not run to the end (then ask the text). */
    size_t *marker_at;
    size_t nmarker_at, marker_cap;
    int markers_known;
    /* The comparison words, in order: from the start of the text, each
     * word cw_word_at() accepts, going on after its end. */
    cw_word_hit *hits;
    size_t nhits, hits_cap;
} cw_para;

/* What cw_marker_before() found for the last word of a sentence, so that
 * the next word of that sentence looks only at the markers between the
 * two.  Each rule keeps its own (the answer depends on prev_year). */
typedef struct cw_marker_memo {
    size_t sentence;   /* (size_t)-1: nothing yet */
    size_t upto;       /* the answer covers the markers before this byte */
    cw_side side;
    size_t mark, pend;
} cw_marker_memo;
#define CW_MARKER_MEMO_INIT { (size_t)-1, 0, CW_SIDE_NONE, 0, 0 }

/* The nearest 与/比/较 in the sentence before the comparison word `hit`
 * whose phrase names a side (cw_phrase_side): that side, the marker in
 * *mark and its phrase's end in *pend; CW_SIDE_NONE, *mark and *pend
 * untouched, when there is none.  Words come in order; `memo` starts as
 * CW_MARKER_MEMO_INIT for each paragraph. */
cw_side cw_marker_before(const cw_para *pp, const cw_word_hit *hit, int prev_year,
                         cw_marker_memo *memo, size_t *mark, size_t *pend);

/* A run of text with no sentence break is cut into sentences at a clause
 * break every CW_SENTENCE_MAX bytes, so work within "a sentence" stays
 * bounded (cw-para.c). */
#define CW_SENTENCE_MAX 600

/* Call fn for every paragraph holding at least one amount.  Returns 0, or
 * -1 when memory ran out. */
int cw_each_para(const fl_document *doc, const fl_matcher *words,
                 int (*fn)(const cw_para *pp, void *ctx), void *ctx);

/* -- text (cw-text.c); all on normalised UTF-8 -- */
/* Length of a sentence break at s+i ("。" ";" "!" "?"), or 0.  Inline:
 * the sentence split asks it at every break of every paragraph. */
static inline size_t cw_sentence_break(const char *s, size_t i)
{
    if (fl_str_starts(s + i, "。"))
        return 3;
    if (s[i] == ';' || s[i] == '!' || s[i] == '?')
        return 1;
    return 0;
}

/* Length of a clause break at s+i (a sentence break, "," ":" "、"), or 0. */
static inline size_t cw_clause_break(const char *s, size_t i)
{
    size_t b = cw_sentence_break(s, i);
    if (b)
        return b;
    if (s[i] == ',' || s[i] == ':')
        return 1;
    return fl_str_starts(s + i, "、") ? 3 : 0;
}
/* The comparison word at s+i: its relation, length in *len and the word
 * in *word; CW_REL_NONE when there is none, when it is negated (未超过,
 * 不大于), a template alternative (大于(小于)) or a noun (相同口径).
 * `change` also accepts 增加/减少/增长/下降 …, which compare over time;
 * *is_change says whether the word is one of those.  No word before the
 * matcher's word `first` starts at s+i (0: ask them all). */
cw_rel cw_word_at(const char *s, size_t i, size_t first, int change, size_t *len,
                  const char **word, int *is_change);
/* The words cw_word_at() knows, then the markers 与 比 较, in one matcher
 * (built once, in init()). */
fl_matcher *cw_words_new(void);
/* 1 when the matcher's word `k` is a marker (与 比 较), not a word. */
int cw_word_is_marker(size_t k);
/* A year "2023年" at s+i: the year, and its length (with 度) in *len. */
int cw_year_at(const char *s, size_t i, size_t *len);
/* What the phrase starting at s+i names (预算, 决算, 上年, 本年, 2023年
 * …), after leading 了/的/年初/全年/调整后; *len gets the bytes up to
 * the end of the side word and its 数.  `prev_year` names the previous
 * year when the phrase gives one (0: unknown). */
cw_side cw_phrase_side(const char *s, size_t i, int prev_year, size_t *len);
/* What an amount's label says it is (see cw_phrase_side); a label ending
 * with a change word (比上年增加) is CW_SIDE_NONE. */
cw_side cw_label_side(const char *label, int prev_year, int want_time);
/* 1 when l[0..n) ends with a change word (比上年增加, 与上年相比). */
int cw_label_is_change(const char *l, size_t n);
/* Skip what may stand between a side word and its amount: 数 为 是 : 共
 * 合计 and spaces. */
size_t cw_skip_copula(const char *s, size_t i);

/* -- word against numbers (cw-judge.c) -- */
typedef enum cw_verdict {
    CW_OK = 0,
    CW_SAME,      /* 大于/小于 but the amounts are equal as written: unsure */
    CW_WARN,      /* 持平 with a small difference; 基本持平 beyond `rough` */
    CW_ERR        /* the word says the opposite of the numbers */
} cw_verdict;

/* Judge "a <rel> b".  `decimals` is the precision written; *right gets
 * the word the numbers call for. */
cw_verdict cw_judge(cw_rel rel, fl_dec a, fl_dec b, int decimals, const cw_options *o,
                    cw_rel *right);
const char *cw_rel_name(cw_rel rel, int change);

typedef struct cw_claim {
    const char *rule;
    size_t at;               /* offset of the comparison word */
    const char *word;        /* the word as written */
    cw_rel rel;              /* what it says (subject against object) */
    int change;              /* 增加/减少 wording (over time) */
    const char *subj_name;   /* "决算数", "本年" */
    const cw_money *subj;
    const char *obj_name;
    const cw_money *obj;
} cw_claim;

/* Judge a claim and report what is wrong with it. */
void cw_report_claim(const cw_para *pp, fl_report *rep, const cw_options *o,
                     const cw_claim *c);

/* Money of the paragraph whose number starts at or after `from` (after
 * the side word and its copula) — NULL when other text comes first. */
const cw_money *cw_money_right_after(const cw_para *pp, size_t from);
/* Index of the last money amount ending at or before `pos`, or -1. */
long cw_money_before(const cw_para *pp, size_t pos);

/* -- the rules -- */
int cw_rule_final_vs_budget(const cw_para *pp, fl_report *rep, const cw_options *o);
int cw_rule_year_on_year(const cw_para *pp, fl_report *rep, const cw_options *o);
int cw_rule_change_direction(const cw_para *pp, fl_report *rep, const cw_options *o);

#endif
