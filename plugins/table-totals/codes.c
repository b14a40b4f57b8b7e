/* codes.c — the classification-coded rows of a table.
 *
 * Most coded tables have one code column (科目代码, 科目名称, amounts…);
 * the 基本支出明细表 puts two or three (code, name, amount) blocks side by
 * side, and PDF conversion sometimes shifts the last block by a cell.  So
 * codes are found cell by cell: a 3/5/7-digit cell followed by a name. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

#define NO_COL SIZE_MAX

static int push(tt_entries *es, size_t *cap, const tt_entry *e)
{
    if (es->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        tt_entry *p = realloc(es->items, ncap * sizeof *p);
        if (p == NULL)
            return -1;          /* keep what we have: a partial check */
        es->items = p;
        *cap = ncap;
    }
    es->items[es->count++] = *e;
    return 0;
}

/* Multi-block: the first number after the name, before the next code. */
static size_t block_value_col(const fl_row *r, size_t name_col)
{
    size_t n = fl_row_cell_count(r);
    fl_dec v;
    for (size_t col = name_col + 1; col < n; col++) {
        if (tt_cell_is_code(r, col) && tt_cell_is_text(r, col + 1))
            break;
        if (tt_cell_is_text(r, col))
            break;
        if (tt_cell_dec(NULL, r, col, &v))
            return col;
    }
    return NO_COL;
}

/* A code glued to its name in one cell ("2080201行政运行"). */
static int glued_code(const fl_row *r, size_t *col_out)
{
    const char *code = fl_row_code(r);
    if (code == NULL)
        return 0;
    size_t len = strlen(code);
    if (len != 3 && len != 5 && len != 7)
        return 0;
    size_t n = fl_row_cell_count(r);
    for (size_t col = 0; col < n; col++) {
        const char *s = fl_cell_norm(fl_row_cell(r, col));
        if (s != NULL && strncmp(s, code, len) == 0 && s[len] != '\0' &&
            !(s[len] >= '0' && s[len] <= '9')) {
            *col_out = col;
            return 1;
        }
    }
    return 0;
}

/* A code the core joined from columns 类 | 款 | 项 ("201 | 06 | 01" is
 * 2010601; a 类 row is "201 | | "), so no code cell is followed by the
 * name: the name is the row's text cell.  A row with a second name
 * further right is two side-by-side blocks, which one row code cannot
 * describe, so it is left out. */
static int split_code(const fl_row *r, size_t *name_col)
{
    const char *code = fl_row_code(r);
    if (code == NULL)
        return 0;
    size_t n = fl_row_cell_count(r), texts = 0;
    for (size_t col = 0; col < n; col++) {
        if (tt_cell_is_text(r, col) && texts++ == 0)
            *name_col = col;
    }
    return texts == 1;
}

void tt_entries_collect(const fl_table *t, tt_entries *out)
{
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_is_header(r))
            continue;
        size_t n = fl_row_cell_count(r);
        size_t found = 0;
        for (size_t col = 0; col + 1 < n; col++) {
            if (!tt_cell_is_code(r, col) || !tt_cell_is_text(r, col + 1))
                continue;
            tt_entry e = {
                .code = fl_cell_norm(fl_row_cell(r, col)),
                .row = r, .name_col = col + 1, .value_col = NO_COL,
            };
            e.len = strlen(e.code);
            if (push(out, &cap, &e) != 0)
                return;
            found++;
            col++;
        }
        size_t gcol = 0;
        if (found == 0 && (glued_code(r, &gcol) || split_code(r, &gcol))) {
            tt_entry e = {
                .code = fl_row_code(r), .row = r, .name_col = gcol,
                .value_col = NO_COL,
            };
            e.len = strlen(e.code);
            if (push(out, &cap, &e) != 0)
                return;
        }
        if (found > 1)
            out->multi_block = 1;
    }
    if (out->multi_block)
        for (size_t k = 0; k < out->count; k++)
            out->items[k].value_col =
                block_value_col(out->items[k].row, out->items[k].name_col);
}

void tt_entries_free(tt_entries *e)
{
    free(e->items);
    memset(e, 0, sizeof *e);
}

int tt_entry_value(const fl_table *t, const tt_entries *es,
                   const tt_entry *e, size_t col, fl_dec *out)
{
    if (es->multi_block) {
        if (e->value_col == NO_COL)
            return 0;
        return tt_cell_dec(t, e->row, e->value_col, out);
    }
    if (col <= e->name_col)
        return 0;
    return tt_cell_dec(t, e->row, col, out);
}

const fl_cell *tt_entry_cell(const tt_entries *es, const tt_entry *e,
                             size_t col)
{
    if (es->multi_block)
        return e->value_col == NO_COL ? NULL : fl_row_cell(e->row, e->value_col);
    return col <= e->name_col ? NULL : fl_row_cell(e->row, col);
}

int tt_is_amount_col(const fl_table *t, const tt_entries *es, size_t col)
{
    char leaf[128];
    if (es->count == 0 || es->multi_block)
        return 0;
    if (col <= es->items[0].name_col)
        return 0;
    tt_col_leaf(t, col, leaf, sizeof leaf);
    if (tt_str_has(leaf, "行次") || tt_str_has(leaf, "栏次"))
        return 0;
    fl_dec v;
    for (size_t k = 0; k < es->count; k++)
        if (tt_cell_dec(t, es->items[k].row, col, &v))
            return 1;
    return 0;
}

char *tt_entry_labels_new(size_t count)
{
    char *labels = malloc((count ? count : 1) * TT_ENTRY_LABEL_MAX);
    for (size_t k = 0; labels != NULL && k < count; k++)
        labels[k * TT_ENTRY_LABEL_MAX] = '\0';
    return labels;
}

const char *tt_entry_label(const tt_entries *es, size_t k, char *labels)
{
    char *out = labels + k * TT_ENTRY_LABEL_MAX;
    if (out[0] == '\0') {      /* never empty once made: it holds a space */
        const tt_entry *e = &es->items[k];
        char name[TT_ENTRY_LABEL_MAX];
        tt_clean_label(fl_cell_norm(fl_row_cell(e->row, e->name_col)),
                       name, sizeof name);
        /* "%.16s %.120s", without snprintf: a finding labels every
         * child of the parent it is about */
        size_t clen = strnlen(e->code, 16), nlen = strnlen(name, 120);
        memcpy(out, e->code, clen);
        out[clen] = ' ';
        memcpy(out + clen + 1, name, nlen);
        out[clen + 1 + nlen] = '\0';
    }
    return out;
}

/* tt_labelled_value without the cache: *row, *out and *cell are set as
 * it says (cell not NULL). */
static int find_labelled_value(const fl_table *t, const char *label,
                               fl_dec *out, const fl_row **row,
                               const fl_cell **cell)
{
    char buf[256];
    size_t nrows = fl_table_row_count(t);
    for (size_t i = 0; i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        size_t n = fl_row_cell_count(r);
        for (size_t col = 0; col < n; col++) {
            if (!tt_label_is(fl_cell_norm(fl_row_cell(r, col)), label, buf,
                             sizeof buf))
                continue;
            *row = r;
            for (size_t k = col + 1; k < n; k++) {
                if (tt_cell_is_text(r, k))
                    break;
                if (tt_cell_dec(t, r, k, out)) {
                    *cell = fl_row_cell(r, k);
                    return 1;
                }
            }
            /* The amount wrapped onto a row of its own (PDF conversion). */
            if (i + 1 < nrows) {
                const fl_row *next = fl_table_row(t, i + 1);
                size_t filled = 0, numcol = 0;
                for (size_t k = 0; k < fl_row_cell_count(next); k++) {
                    const char *s = fl_cell_norm(fl_row_cell(next, k));
                    if (s != NULL && s[0] != '\0') {
                        filled++;
                        numcol = k;
                    }
                }
                if (filled == 1 && tt_cell_dec(t, next, numcol, out)) {
                    *cell = fl_row_cell(next, numcol);
                    return 1;
                }
            }
            return 0;
        }
    }
    return 0;
}

int tt_labelled_value(tt_ctx *c, const fl_table *t, const char *label,
                      fl_dec *out, const fl_row **row, const fl_cell **cell)
{
    tt_labelled *a = NULL;
    for (size_t k = 0; k < c->labelled_count && a == NULL; k++)
        if (c->labelled[k].table == t && strcmp(c->labelled[k].label, label) == 0)
            a = &c->labelled[k];
    if (a == NULL) {
        tt_labelled fresh = { .table = t, .label = label };
        const fl_row *none = NULL;
        fresh.row = none;
        fresh.found = find_labelled_value(t, label, &fresh.value, &fresh.row,
                                          &fresh.cell);
        fresh.row_set = fresh.row != none;
        if (c->labelled_count == TT_LABELLED_MAX)
            c->labelled_count = 0;          /* forget the oldest ones */
        a = &c->labelled[c->labelled_count++];
        *a = fresh;
    }
    if (a->row_set)
        *row = a->row;
    if (a->found) {
        *out = a->value;
        if (cell != NULL)
            *cell = a->cell;
    }
    return a->found;
}
