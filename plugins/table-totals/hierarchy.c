/* hierarchy.c — rule code-hierarchy: a 类 (3 digits) equals the sum of its
 * 款 (5 digits), a 款 the sum of its 项 (7 digits), in every amount column;
 * the same for economic codes (301 = 30101 + 30102 + …).  Compared only
 * when a parent has children in the table.
 *
 * A table may hold a hundred thousand coded rows, so repeated codes and
 * parents are found through one sort by code (n log n), never by
 * comparing every pair of rows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

#define NONE ((size_t)-1)

typedef struct keyed {
    const char *code;
    uint64_t head;       /* code_head(code) */
    size_t index;        /* position in the table's entries */
} keyed;

/* A code's first 8 bytes as a number that orders as strcmp does (0
 * after its end): most codes have 3 to 7 digits, so the sort and the
 * repeats are told without a strcmp. */
static uint64_t code_head(const char *code, size_t len)
{
    uint64_t h = 0;
    for (size_t i = 0; i < len && i < 8; i++)
        h |= (uint64_t)(unsigned char)code[i] << (56 - 8 * i);
    return h;
}

/* strcmp order of two codes. */
static int code_order(const keyed *x, const keyed *y)
{
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    /* equal heads: equal codes unless both run past 8 bytes */
    return (x->head & 0xFF) != 0 ? strcmp(x->code + 8, y->code + 8) : 0;
}

/* By code, then by position. */
static int by_code(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int d = code_order(x, y);
    if (d != 0)
        return d;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* strncmp(key, code, len) for the few bytes of a code, without a call
 * per step of the search. */
static int code_cmp(const char *key, const char *code, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)key[i], b = (unsigned char)code[i];
        if (a != b)
            return a < b ? -1 : 1;
        if (a == '\0')
            return 0;
    }
    return 0;
}

/* Entry whose whole code is key[0..len), or NONE. */
static size_t find_code(const keyed *sorted, size_t count, const char *key,
                        size_t len)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *code = sorted[mid].code;
        int d = code_cmp(key, code, len);
        if (d == 0 && code[len] != '\0')
            d = -1;             /* code is longer than the key */
        if (d == 0)
            return sorted[mid].index;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NONE;
}

/* dup[k] = 1 when entry k's code occurs twice: which one is meant is
 * unknown, so neither is used. */
static void mark_repeats(const keyed *sorted, size_t count,
                         unsigned char *dup)
{
    memset(dup, 0, count);
    for (size_t k = 1; k < count; k++)
        if (code_order(&sorted[k], &sorted[k - 1]) == 0)
            dup[sorted[k].index] = dup[sorted[k - 1].index] = 1;
}

/* Children as chains in table order: first[k] is entry k's first child,
 * next[j] the child after j.  A child's code is its parent's code and two
 * more characters; repeated codes take no part. */
static void link_children(const tt_entries *es, const keyed *sorted,
                          const unsigned char *dup, size_t *first,
                          size_t *next, size_t *tail)
{
    for (size_t k = 0; k < es->count; k++)
        first[k] = next[k] = NONE;
    for (size_t j = 0; j < es->count; j++) {
        const tt_entry *ch = &es->items[j];
        if (dup[j] || ch->len < 2)
            continue;
        size_t p = find_code(sorted, es->count, ch->code, ch->len - 2);
        if (p == NONE || dup[p])
            continue;
        if (first[p] == NONE)
            first[p] = j;
        else
            next[tail[p]] = j;
        tail[p] = j;
    }
}

/* Check parent `k` in amount column `col` (ignored for multi-block). */
static void check_parent(tt_ctx *c, const fl_table *t, const tt_entries *es,
                         const size_t *first, const size_t *next, size_t k,
                         size_t col, tt_addend *add, char *labels)
{
    const tt_entry *p = &es->items[k];
    fl_dec actual, v;
    if (first[k] == NONE || !tt_entry_value(t, es, p, col, &actual))
        return;
    size_t n = 0, numbers = 0;
    for (size_t j = first[k]; j != NONE; j = next[j]) {
        const tt_entry *ch = &es->items[j];
        v.micros = 0;
        if (tt_entry_value(t, es, ch, col, &v))
            numbers++;
        add[n] = (tt_addend){ NULL, v, NULL, 0 };
        n++;
    }
    if (n == 0 || numbers == 0 || tt_sum_held(c, add, n, actual))
        return;
    /* a miss or a figure to read again: now the names and cells are
     * needed */
    n = 0;
    for (size_t j = first[k]; j != NONE; j = next[j], n++) {
        add[n].label = tt_entry_label(es, j, labels);
        add[n].cell = tt_entry_cell(es, &es->items[j], col);
    }
    char column[128], what[400];
    const char *plabel = tt_entry_label(es, k, labels);
    if (es->multi_block)
        snprintf(column, sizeof column, "金额");
    else
        tt_col_leaf(t, col, column, sizeof column);
    snprintf(what, sizeof what, "%s 的“%s”应等于其下级科目之和", plabel,
             column);
    tt_where w = { .table = t, .row = p->row, .row_label = plabel,
                   .column = column, .cell = tt_entry_cell(es, p, col) };
    tt_check_sum(c, "code-hierarchy", &w, what, actual, add, n);
}

void tt_rule_hierarchy(tt_ctx *c, const fl_table *t)
{
    tt_kind kind = tt_kind_of(c, t);
    if (kind == TT_SUMMARY || kind == TT_FIN_SUMMARY || kind == TT_SANGONG)
        return;
    const tt_entries *es = tt_table_entries(c, t);
    if (es->count < 2)
        return;
    size_t n = es->count;
    tt_addend *add = malloc(n * sizeof *add);
    char *labels = tt_entry_labels_new(n);
    unsigned char *dup = malloc(n);
    keyed *sorted = malloc(n * sizeof *sorted);
    size_t *links = malloc(3 * n * sizeof *links);
    size_t ncols = fl_table_column_count(t);
    unsigned char *amount = malloc(ncols + 1);
    if (add != NULL && labels != NULL && dup != NULL && sorted != NULL &&
        links != NULL && amount != NULL) {
        size_t *first = links, *next = links + n, *tail = links + 2 * n;
        for (size_t k = 0; k < n; k++) {
            const tt_entry *e = &es->items[k];
            sorted[k] = (keyed){ e->code, code_head(e->code, e->len), k };
        }
        qsort(sorted, n, sizeof *sorted, by_code);
        mark_repeats(sorted, n, dup);
        link_children(es, sorted, dup, first, next, tail);
        for (size_t col = 0; col < ncols; col++)
            amount[col] = (unsigned char)tt_is_amount_col(t, es, col);
        for (size_t k = 0; k < n; k++) {
            if (es->items[k].len > 5 || dup[k])
                continue;
            if (es->multi_block) {
                check_parent(c, t, es, first, next, k, 0, add, labels);
                continue;
            }
            for (size_t col = 0; col < ncols; col++)
                if (amount[col])
                    check_parent(c, t, es, first, next, k, col, add, labels);
        }
    }
    free(amount);
    free(links);
    free(sorted);
    free(dup);
    free(add);
    free(labels);
}
