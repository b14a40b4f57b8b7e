/* cache.c — what the rules of one document ask for again and again: the
 * kind of each table (every rule and every table lookup needs it, and it
 * costs a cleaned title and a score of substring searches) and the coded
 * rows of the table being checked (two rules, two runs each). */
#include <stdlib.h>

#include "tt.h"

void tt_cache_kinds(tt_ctx *c)
{
    size_t n = fl_doc_table_count(c->doc);
    c->kinds = malloc((n > 0 ? n : 1) * sizeof *c->kinds);
    if (c->kinds == NULL)
        return;                 /* each question works it out again */
    for (size_t i = 0; i < n; i++)
        c->kinds[i] = tt_table_kind(fl_doc_table(c->doc, i));
}

void tt_cache_current(tt_ctx *c, size_t index)
{
    c->table = fl_doc_table(c->doc, index);
    c->table_index = index;
}

tt_kind tt_kind_of(const tt_ctx *c, const fl_table *t)
{
    if (c->kinds != NULL && t != NULL && t == c->table)
        return c->kinds[c->table_index];
    return tt_table_kind(t);
}

const fl_table *tt_find_table(const tt_ctx *c, tt_kind kind)
{
    size_t n = fl_doc_table_count(c->doc);
    for (size_t i = 0; i < n; i++) {
        const fl_table *t = fl_doc_table(c->doc, i);
        tt_kind k = c->kinds != NULL ? c->kinds[i] : tt_table_kind(t);
        if (k == kind)
            return t;
    }
    return NULL;
}

const tt_entries *tt_table_entries(tt_ctx *c, const fl_table *t)
{
    if (c->entries_table != t) {
        tt_entries_free(&c->entries);
        tt_entries_collect(t, &c->entries);
        c->entries_table = t;
    }
    return &c->entries;
}
