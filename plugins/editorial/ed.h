/* ed.h — internals of the editorial check (文字规范): three info-only
 * rules, one file each: ed-punct.c (doubled-punctuation), ed-brackets.c
 * (unbalanced-bracket, whose pass over a paragraph runs doubled-punctuation
 * too), ed-numbering.c (numbering-gap). */
#ifndef ED_H
#define ED_H

#include <stddef.h>
#include <string.h>

#include <fislint/plugin.h>

/* The rules.  Each returns 0, or -1 when memory ran out.  The marks
 * rule is doubled-punctuation and unbalanced-bracket, in one pass over
 * each paragraph (ed-brackets.c). */
int ed_rule_marks(const fl_document *doc, fl_report *rep);
int ed_rule_numbering_gap(const fl_document *doc, fl_report *rep);

/* Length of the sentence mark at s (normalised: ， → ","), or 0.  。 and
 * 、 are E3 80 82 and E3 80 81: their bytes are tested, not compared in
 * turn with each mark. */
static inline size_t ed_mark_len(const char *s)
{
    if (*s == ',' || *s == ';')
        return 1;
    if (s[0] == '\xE3' && s[1] == '\x80' && (s[2] == '\x82' || s[2] == '\x81'))
        return 3;
    return 0;
}

/* doubled-punctuation at byte k of paragraph p's text s: the end of
 * the run of sentence marks there (k when none starts there), reported
 * when the run is a slip (ed-punct.c). */
size_t ed_punct_run(fl_report *rep, const fl_paragraph *p, const char *s, size_t k);

/* -- text helpers (ed-text.c); normalised UTF-8 -- */
/* Up to `n` characters each side of [start, end) of s, as display text
 * (ASCII ",:;()" back to Chinese marks), "…" where cut (n > 0).  Returns buf. */
char *ed_context(const char *s, size_t start, size_t end, size_t n, char *buf, size_t size);

#endif
