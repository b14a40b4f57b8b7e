/* hierarchy.c — rule code-hierarchy: a 类 (3 digits) equals the sum of its
 * 款 (5 digits), a 款 the sum of its 项 (7 digits), in every amount column;
 * the same for economic codes (301 = 30101 + 30102 + …).  Compared only
 * when a parent has children in the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

#define LABEL_MAX 160

static int is_child(const tt_entry *p, const tt_entry *ch)
{
    return ch->len == p->len + 2 && strncmp(ch->code, p->code, p->len) == 0;
}

/* dup[k] = 1 when entry k's code occurs twice: which one is meant is
 * unknown, so neither is used. */
static void mark_repeats(const tt_entries *es, unsigned char *dup)
{
    memset(dup, 0, es->count);
    for (size_t k = 0; k < es->count; k++)
        for (size_t j = k + 1; j < es->count; j++)
            if (strcmp(es->items[j].code, es->items[k].code) == 0)
                dup[k] = dup[j] = 1;
}

static void entry_label(const tt_entry *e, char *out, size_t size)
{
    char name[LABEL_MAX];
    tt_clean_label(fl_cell_norm(fl_row_cell(e->row, e->name_col)),
                   name, sizeof name);
    snprintf(out, size, "%.16s %.120s", e->code, name);
}

/* Check parent `k` in amount column `col` (ignored for multi-block). */
static void check_parent(tt_ctx *c, const fl_table *t, const tt_entries *es,
                         const unsigned char *dup, size_t k, size_t col,
                         tt_addend *add, char *pool)
{
    const tt_entry *p = &es->items[k];
    fl_dec actual, v;
    if (!tt_entry_value(t, es, p, col, &actual))
        return;
    size_t n = 0, numbers = 0;
    for (size_t j = 0; j < es->count; j++) {
        const tt_entry *ch = &es->items[j];
        if (!is_child(p, ch) || dup[j])
            continue;
        v.micros = 0;
        if (tt_entry_value(t, es, ch, col, &v))
            numbers++;
        char *lab = pool + n * LABEL_MAX;
        entry_label(ch, lab, LABEL_MAX);
        add[n].label = lab;
        add[n].value = v;
        n++;
    }
    if (n == 0 || numbers == 0)
        return;
    char plabel[LABEL_MAX], column[128], what[400];
    entry_label(p, plabel, sizeof plabel);
    if (es->multi_block)
        snprintf(column, sizeof column, "金额");
    else
        tt_col_leaf(t, col, column, sizeof column);
    snprintf(what, sizeof what, "%s 的“%s”应等于其下级科目之和", plabel,
             column);
    tt_where w = { .table = t, .row = p->row, .row_label = plabel,
                   .column = column };
    tt_check_sum(c, "code-hierarchy", &w, what, actual, add, n);
}

void tt_rule_hierarchy(tt_ctx *c, const fl_table *t)
{
    tt_kind kind = tt_table_kind(t);
    if (kind == TT_SUMMARY || kind == TT_FIN_SUMMARY || kind == TT_SANGONG)
        return;
    tt_entries es;
    tt_entries_collect(t, &es);
    if (es.count < 2) {
        tt_entries_free(&es);
        return;
    }
    tt_addend *add = malloc(es.count * sizeof *add);
    char *pool = malloc(es.count * LABEL_MAX);
    unsigned char *dup = malloc(es.count);
    size_t ncols = fl_table_column_count(t);
    unsigned char *amount = malloc(ncols + 1);
    if (add != NULL && pool != NULL && dup != NULL && amount != NULL) {
        mark_repeats(&es, dup);
        for (size_t col = 0; col < ncols; col++)
            amount[col] = (unsigned char)tt_is_amount_col(t, &es, col);
        for (size_t k = 0; k < es.count; k++) {
            if (es.items[k].len > 5 || dup[k])
                continue;
            if (es.multi_block) {
                check_parent(c, t, &es, dup, k, 0, add, pool);
                continue;
            }
            for (size_t col = 0; col < ncols; col++)
                if (amount[col])
                    check_parent(c, t, &es, dup, k, col, add, pool);
        }
    }
    free(amount);
    free(dup);
    free(add);
    free(pool);
    tt_entries_free(&es);
}
