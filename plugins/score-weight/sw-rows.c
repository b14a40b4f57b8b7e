/* sw-rows.c — the rows of a document's tables that may be header rows
 * (a cell names 得分), marked once for sw-eval.c and sw-summary.c. */
#include <stdlib.h>
#include <string.h>

#include "sw.h"

/* 1 when text, without its spaces and tabs, holds `word`, as
 * sw_squeeze() then strstr() would say, without a copy.  The word has no
 * space, at least two bytes, and its second byte (in Chinese a
 * continuation byte, rare) nowhere else: each place of that byte, found
 * by a vectorised search that rules out nearly every cell, is the only
 * one where the word can lie.  The byte before it must be the word's
 * first and the bytes after it the rest, spaces and tabs skipped, as
 * sw_squeeze() drops them. */
static int holds_squeezed(const char *text, const char *word)
{
    for (const char *q = strchr(text, word[1]); q != NULL; q = strchr(q + 1, word[1])) {
        const char *b = q, *f = q + 1, *w = word + 2;
        while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b == text || b[-1] != word[0])
            continue;
        while (*w != '\0') {
            while (*f == ' ' || *f == '\t')
                f++;
            if (*f != *w)
                break;
            f++;
            w++;
        }
        if (*w == '\0')
            return 1;
    }
    return 0;
}

int sw_row_holds_squeezed(const fl_row *r, const char *word)
{
    size_t cnt = fl_row_cell_count(r);

    for (size_t i = 0; i < cnt; i++)
        if (holds_squeezed(sw_cell(r, (long)i), word))
            return 1;
    return 0;
}

int sw_score_rows_find(const fl_document *doc, sw_score_rows *out)
{
    size_t nt = fl_doc_table_count(doc), nrows = 0;

    out->marked = NULL;
    out->count = 0;
    out->first = malloc((nt + 1) * sizeof *out->first);
    if (!out->first)
        return -1;
    for (size_t i = 0; i < nt; i++) {
        out->first[i] = nrows;
        nrows += fl_table_row_count(fl_doc_table(doc, i));
    }
    out->marked = malloc(nrows + 1);
    if (!out->marked) {
        sw_score_rows_free(out);
        return -1;
    }
    for (size_t i = 0; i < nt; i++) {
        const fl_table *t = fl_doc_table(doc, i);
        size_t nr = fl_table_row_count(t);
        for (size_t j = 0; j < nr; j++) {
            int named = sw_row_holds_squeezed(fl_table_row(t, j), "得分");
            out->marked[out->first[i] + j] = (unsigned char)named;
            out->count += (size_t)named;
        }
    }
    return 0;
}

void sw_score_rows_free(sw_score_rows *s)
{
    free(s->first);
    free(s->marked);
    memset(s, 0, sizeof *s);
}
