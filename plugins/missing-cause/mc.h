/* mc.h — internals of the missing-cause check (缺少原因说明).
 * Three rules, one file each: mc-cause.c (empty-cause), mc-table.c
 * (empty-deviation-reason), mc-section.c (empty-deviation-section). */
#ifndef MC_H
#define MC_H

#include <stddef.h>

#include <fislint/plugin.h>

typedef struct mc_options {
    /* Words that stand for "no cause given" (无, /, XX …): the defaults
     * plus the `placeholders` option.  Owned by the options. */
    char **placeholders;
    size_t nplaceholders;
    /* The words that state a difference, searched for in one pass:
     * mc_diff_words_new(), built once with the options. */
    fl_matcher *diff_words;
    /* The words of a 绩效自评表 header row (mc-table.c), found in each
     * of its cells in one pass: mc_header_words_new(). */
    fl_matcher *header_words;
    /* The words that make a money amount budget or spending (mc-text.c):
     * mc_money_words_new(). */
    fl_matcher *money_words;
} mc_options;

/* The words that state a difference (mc-cause.c), as a matcher.  NULL on
 * ENOMEM. */
fl_matcher *mc_diff_words_new(void);
/* The words of a 绩效自评表 header row (mc-table.c), as a matcher.  NULL
 * on ENOMEM. */
fl_matcher *mc_header_words_new(void);

/* The rules.  Each returns 0, or -1 when memory ran out. */
int mc_rule_empty_cause(const fl_document *doc, fl_report *rep, const mc_options *o);
int mc_rule_deviation_reason(const fl_document *doc, fl_report *rep, const mc_options *o);
int mc_rule_deviation_section(const fl_document *doc, fl_report *rep, const mc_options *o);

/* -- text helpers (mc-text.c); all work on normalised UTF-8 -- */
/* Skip ASCII spaces from s[i]. */
size_t mc_skip_spaces(const char *s, size_t i);
/* Length of the break mark at s[i] ("。" "；" ";" "!" "?"; with_commas also
 * "，" "、" "," ":"), or 0. */
size_t mc_break_len(const char *s, size_t i, int with_commas);
/* Offset where the clause holding byte `pos` starts: just after the last
 * "。" "，" "；" "," ";" ":" before it, or 0. */
size_t mc_clause_start(const char *s, size_t pos);
/* Offset where the sentence holding `pos` starts (after the last "。" ";"). */
size_t mc_sentence_start(const char *s, size_t pos);
/* The last clause break a walk back from `pos` met, for the next walk
 * from further on in the same text: it stops where this one started. */
typedef struct mc_clause_memo {
    size_t pos;      /* where the walk started; (size_t)-1 before any */
    size_t at, len;  /* the break it found (len 0: none, start of text) */
} mc_clause_memo;
#define MC_CLAUSE_MEMO_INIT { (size_t)-1, 0, 0 }
/* mc_clause_start(s, pos), for positions asked in increasing order. */
size_t mc_clause_start_memo(const char *s, size_t pos, mc_clause_memo *m);
/* Copy at most `max_chars` characters of s[from..to) ending at `to` into
 * buf (NUL-terminated, on a character boundary); "…" is prepended when
 * cut.  Returns buf. */
char *mc_excerpt_tail(const char *s, size_t from, size_t to, size_t max_chars, char *buf,
                      size_t size);
/* 1 when `text` (trimmed) is empty or made only of placeholder words. */
int mc_is_placeholder(const char *text, size_t len, const mc_options *o);
/* Turn the ASCII punctuation of normalised text back into Chinese marks
 * for messages (",", ":", ";", "(", ")"; "14,088.03" keeps its comma),
 * in place; s has room for `size` bytes. */
void mc_display(char *s, size_t size);

/* A money amount found in narrative text, converted to 万元. */
typedef struct mc_money {
    fl_dec wan;
    char text[48];   /* as written, e.g. "29.97万元" */
    int kind;        /* MC_BUDGET, MC_SPENT or 0 */
} mc_money;

enum { MC_BUDGET = 1, MC_SPENT = 2 };

/* Bytes of the longest of words[0..n): how far back a word may start
 * that ends past a place a scan has already read (mc-text.c). */
size_t mc_longest_word(const char *const *words, size_t n);

/* The budget and spending words that classify a money amount (mc-text.c),
 * as a matcher.  NULL on ENOMEM. */
fl_matcher *mc_money_words_new(void);

/* Scan `text` for money amounts (万元/元/亿元) and call `fn` for each, with
 * the clause before it classified as budget or spending by `money_words`
 * (mc_money_words_new()).  Returns the number found. */
size_t mc_scan_money(const char *text, const fl_matcher *money_words,
                     void (*fn)(void *ctx, const mc_money *m), void *ctx);

/* Where the last budget word and the last spending word of a clause end,
 * 0 for none. */
typedef struct mc_last_words {
    size_t budget, spent;
} mc_last_words;
/* The money words of a clause read so far: amounts of one clause come
 * in order, and each reads only the text after the one before (a clause
 * of many amounts was read again for each). */
typedef struct mc_clause_words {
    size_t from, upto; /* text[from..upto) is read; upto 0: nothing */
    mc_last_words w;   /* ends relative to `from` */
} mc_clause_words;
/* mc_scan_money() one amount at a time, for a reader that asks for the
 * amounts of a longer and longer start of one text.  The fields are the
 * walk's own. */
typedef struct mc_money_walk {
    const char *text;
    const fl_matcher *words;
    size_t i;                /* read up to here */
    mc_clause_memo clause;
    mc_clause_words cw;
} mc_money_walk;
void mc_money_walk_init(mc_money_walk *w, const char *text, const fl_matcher *money_words);
/* The next amount that starts before byte `limit` of the text, as
 * mc_scan_money() finds it: 1 with the amount and the offset where it
 * ends (which may be past `limit`), 0 when there is none before `limit`
 * (a later call with a larger limit goes on from there). */
int mc_money_walk_next(mc_money_walk *w, size_t limit, mc_money *out, size_t *end);

#endif
