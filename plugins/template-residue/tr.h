/* tr.h — internals of the template-residue check (模板残留).
 * tr-text.c: UTF-8 and excerpt helpers; tr-scan.c: the three matchers
 * (placeholders, unresolved alternatives, filler instructions) on one
 * normalised text; template-residue.c: walks the document, keeps one
 * finding per rule and line, and reports. */
#ifndef TR_H
#define TR_H

#include <stddef.h>

#include <fislint/plugin.h>

typedef enum tr_rule {
    TR_PLACEHOLDER = 0, /* XX局, XXX万元, ××, 某某 */
    TR_ALTERNATIVE,     /* 增加(减少), 大于(小于) */
    TR_INSTRUCTION,     /* (不涉及的不列), 按上述格式依次说明… */
    TR_NRULES
} tr_rule;

/* A match: bytes [start, end) of the scanned text are the residue; for an
 * instruction, [start, end) is the whole parenthetical or sentence and
 * `at` the phrase that gave it away (its line is the finding's line). */
typedef struct tr_match {
    tr_rule rule;
    size_t start, end, at;
} tr_match;

typedef void (*tr_match_fn)(void *ctx, const tr_match *m);

/* Where the scanned text sits: a table header row keeps its conventional
 * "增加(减少)" column names. */
enum { TR_TEXT_NARRATIVE = 0, TR_TEXT_TABLE_HEADER = 1 };

/* The words that can start a residue, by their first character, found in
 * one pass over a text: built once in init() (NULL without memory), freed
 * in fini(). */
typedef struct tr_words tr_words;
tr_words *tr_words_new(void);
void tr_words_free(tr_words *w);

/* Scan normalised text `s`; `fn` is called for every match, in order of
 * position within each matcher.  `words` is from tr_words_new() (NULL:
 * every position is tried, slower but the same matches). */
void tr_scan(const tr_words *words, const char *s, int where, tr_match_fn fn, void *ctx);

/* 1 when the table row, not a header row (the caller has asked), is a
 * placeholder row: every non-empty cell except a sequence number is an
 * ellipsis (…, ……, 。。。, ...). */
int tr_is_ellipsis_row(const fl_row *r);

/* -- text helpers (tr-text.c) -- */
/* Copy s[from..to) into buf as display text: at most `max_chars`
 * characters, cut on a character boundary with "…" added when cut, ASCII
 * ",:;()" of normalised text turned back into Chinese marks (a comma
 * between digits stays).  Returns buf. */
char *tr_excerpt(const char *s, size_t from, size_t to, size_t max_chars, char *buf,
                 size_t size);
/* Widen [start, end) by up to `n` characters each side, without crossing
 * a sentence mark (。 ; ! ?) or a cell separator (| TAB). */
void tr_widen(const char *s, size_t start, size_t end, size_t n, size_t *from, size_t *to);

#endif
