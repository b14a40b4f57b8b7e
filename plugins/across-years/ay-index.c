/* ay-index.c — a report's narrative figures by subject, to look up what
 * last year's report said of the same line.  A subject written with two
 * different amounts is ambiguous and never compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ay.h"

static int subject_is(const void *subject, const void *f)
{
    return strcmp(subject, ((const ay_figure *)f)->subject);
}

const ay_figure *ay_index_find(const ay_index *ix, const char *subject)
{
    if (ix->count == 0)
        return NULL;
    return bsearch(subject, ix->items, ix->count, sizeof *ix->items, subject_is);
}

static int add(ay_index *ix, const char *subject, const ay_money *m, const fl_document *doc,
               size_t line)
{
    if (ix->count == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 64;
        ay_figure *grown = realloc(ix->items, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        ix->items = grown;
        ix->cap = cap;
    }
    ay_figure *f = &ix->items[ix->count++];
    memset(f, 0, sizeof *f);
    snprintf(f->subject, sizeof f->subject, "%s", subject);
    f->value = *m;
    f->doc = doc;
    f->line = line;
    return 0;
}

/* By subject, then in the order added. */
static int by_subject(const void *a, const void *b)
{
    const ay_figure *x = *(const ay_figure *const *)a, *y = *(const ay_figure *const *)b;
    int c = strcmp(x->subject, y->subject);
    return c != 0 ? c : (x > y) - (x < y);
}

/* Sorts the figures by subject for ay_index_find() and keeps the first
 * added of each subject, ambiguous when a later one differs: looking
 * each new figure up in all the others took the square of their number. */
static int sort_unique(ay_index *ix)
{
    if (ix->count == 0)
        return 0;
    const ay_figure **order = malloc(ix->count * sizeof *order);
    ay_figure *out = malloc(ix->count * sizeof *out);
    if (order == NULL || out == NULL) {
        free(order);
        free(out);
        return -1;
    }
    for (size_t i = 0; i < ix->count; i++)
        order[i] = &ix->items[i];
    qsort(order, ix->count, sizeof *order, by_subject);
    size_t n = 0;
    for (size_t i = 0; i < ix->count; i++) {
        if (n > 0 && strcmp(out[n - 1].subject, order[i]->subject) == 0) {
            if (fl_dec_cmp(out[n - 1].value.wan, order[i]->value.wan) != 0)
                out[n - 1].ambiguous = 1;
            continue;
        }
        out[n++] = *order[i];
    }
    free(order);
    free(ix->items);
    ix->items = out;
    ix->cap = ix->count;
    ix->count = n;
    return 0;
}

int ay_index_add_doc(ay_index *ix, const fl_document *doc)
{
    const char *unit = fl_doc_unit(doc);
    size_t n = fl_doc_amount_count(doc);
    for (size_t i = 0; i < n; i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        if (a == NULL || a->paragraph == NULL)
            continue;
        const char *text = fl_paragraph_text(a->paragraph);
        ay_money m;
        char subject[AY_SUBJECT_MAX];
        if (!ay_money_at(text, a->offset, &m) ||
            !ay_subject(text, a->offset, unit, subject, sizeof subject))
            continue;
        if (add(ix, subject, &m, doc, a->line) != 0)
            return -1;
    }
    return sort_unique(ix);
}

void ay_index_free(ay_index *ix)
{
    free(ix->items);
    ix->items = NULL;
    ix->count = ix->cap = 0;
}
