/* ed.h — internals of the editorial check (文字规范): three info-only
 * rules, one file each: ed-punct.c (doubled-punctuation), ed-brackets.c
 * (unbalanced-bracket), ed-numbering.c (numbering-gap). */
#ifndef ED_H
#define ED_H

#include <stddef.h>
#include <string.h>

#include <fislint/plugin.h>

/* The rules.  Each returns 0, or -1 when memory ran out. */
int ed_rule_doubled_punctuation(const fl_document *doc, fl_report *rep);
int ed_rule_unbalanced_bracket(const fl_document *doc, fl_report *rep);
int ed_rule_numbering_gap(const fl_document *doc, fl_report *rep);

/* -- text helpers (ed-text.c); normalised UTF-8 -- */
/* Up to `n` characters each side of [start, end) of s, as display text
 * (ASCII ",:;()" back to Chinese marks), "…" where cut (n > 0).  Returns buf. */
char *ed_context(const char *s, size_t start, size_t end, size_t n, char *buf, size_t size);

#endif
