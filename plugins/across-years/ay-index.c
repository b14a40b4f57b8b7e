/* ay-index.c — a report's narrative figures by subject, to look up what
 * last year's report said of the same line.  A subject written with two
 * different amounts is ambiguous and never compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ay.h"

const ay_figure *ay_index_find(const ay_index *ix, const char *subject)
{
    for (size_t i = 0; i < ix->count; i++)
        if (strcmp(ix->items[i].subject, subject) == 0)
            return &ix->items[i];
    return NULL;
}

static int add(ay_index *ix, const char *subject, const ay_money *m, const fl_document *doc,
               size_t line)
{
    for (size_t i = 0; i < ix->count; i++) {
        ay_figure *f = &ix->items[i];
        if (strcmp(f->subject, subject) != 0)
            continue;
        if (fl_dec_cmp(f->value.wan, m->wan) != 0)
            f->ambiguous = 1;
        return 0;
    }
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
    return 0;
}

void ay_index_free(ay_index *ix)
{
    free(ix->items);
    ix->items = NULL;
    ix->count = ix->cap = 0;
}
