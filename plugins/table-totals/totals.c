/* totals.c — rule total-row: a 合计 / 总计 row of a coded table equals the
 * sum of its top-level rows (the 类 in 支出决算表), in every amount column;
 * in the 基本支出明细表, 人员经费合计 = 301 + 303 and 公用经费合计 = the
 * other 类 (302, 307, 310, 399 …).  Two-sided 总表 are left to
 * summary-identity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

static int is_total_label(const char *label)
{
    char buf[64];
    tt_clean_label(label, buf, sizeof buf);
    return strcmp(buf, "合计") == 0 || strcmp(buf, "总计") == 0;
}

static size_t min_len(const tt_entries *es)
{
    size_t m = 99;
    for (size_t k = 0; k < es->count; k++)
        if (es->items[k].len < m)
            m = es->items[k].len;
    return m;
}

/* What every 合计 row of a table asks of a column, worked out at the
 * first: each asked again whether it was an amount column and added up
 * the top-level entries anew, and a table may hold thousands of both. */
typedef struct column_sum {
    signed char amount;  /* tt_is_amount_col, -1 not asked yet */
    signed char known;   /* sum is the entries' exact sum: 1, 0 not
                          * known, -1 not added up yet */
    fl_wide sum;
    size_t n;            /* the entries added up */
} column_sum;

/* The entries of code length `top` in column `col`, into add. */
static size_t top_addends(const fl_table *t, const tt_entries *es, size_t top,
                          size_t col, tt_addend *add, char *labels)
{
    size_t n = 0;
    for (size_t k = 0; k < es->count; k++) {
        const tt_entry *e = &es->items[k];
        if (e->len != top)
            continue;
        fl_dec v = { 0 };
        (void)tt_entry_value(t, es, e, col, &v);
        add[n] = (tt_addend){ tt_entry_label(es, k, labels), v,
                              tt_entry_cell(es, e, col), 0 };
        n++;
    }
    return n;
}

/* 合计 row `r` against the entries of code length `top` (there are
 * some), column by column; `cols` (NULL without memory) keeps what the
 * columns give every row alike. */
static void check_total_row(tt_ctx *c, const fl_table *t,
                            const tt_entries *es, size_t top, const fl_row *r,
                            tt_addend *add, char *labels, column_sum *cols)
{
    size_t ncols = fl_table_column_count(t);
    char label[64];
    tt_clean_label(fl_row_label(r), label, sizeof label);
    for (size_t col = 0; col < ncols; col++) {
        column_sum *cs = cols != NULL ? &cols[col] : NULL;
        fl_dec actual;
        int amount = cs != NULL && cs->amount >= 0 ? cs->amount
                                                   : tt_is_amount_col(t, es, col);
        if (cs != NULL)
            cs->amount = (signed char)amount;
        if (!amount || !tt_cell_dec(t, r, col, &actual))
            continue;
        if (cs != NULL) {
            if (cs->known < 0) {
                cs->n = top_addends(t, es, top, col, add, labels);
                cs->known = (signed char)tt_addends_sum(add, cs->n, &cs->sum);
            }
            tt_where w = { .table = t, .row = r, .cell = fl_row_cell(r, col) };
            if (tt_sum_known(c, &w, actual, cs->known ? &cs->sum : NULL))
                continue;           /* holds, or cannot be exact */
        }
        /* too many to list: the known sum alone, not the entries again */
        int unlisted = cs != NULL && cs->n > TT_LISTED_MAX;
        size_t n = unlisted ? cs->n : top_addends(t, es, top, col, add, labels);
        char column[128], what[300];
        tt_col_leaf(t, col, column, sizeof column);
        snprintf(what, sizeof what, "%s行的“%s”应等于各%s科目之和", label,
                 column, top == 3 ? "类级" : top == 5 ? "款级" : "项级");
        tt_where w = { .table = t, .row = r, .column = column,
                       .cell = fl_row_cell(r, col) };
        if (unlisted)
            tt_check_known_sum(c, "total-row", &w, what, actual, &cs->sum, n);
        else
            tt_check_sum(c, "total-row", &w, what, actual, add, n);
    }
}

/* 基本支出明细表: 人员经费合计 / 公用经费合计 from the 3-digit codes. */
static void check_basic_totals(tt_ctx *c, const fl_table *t,
                               const tt_entries *es, tt_addend *add,
                               char *entry_labels)
{
    static const char *const labels[] = { "人员经费合计", "公用经费合计" };
    for (int which = 0; which < 2; which++) {
        fl_dec actual;
        const fl_row *r = NULL;
        const fl_cell *cell = NULL;
        if (!tt_labelled_value(c, t, labels[which], &actual, &r, &cell))
            continue;
        size_t n = 0;
        for (size_t k = 0; k < es->count; k++) {
            const tt_entry *e = &es->items[k];
            if (e->len != 3)
                continue;
            int personnel = strcmp(e->code, "301") == 0 ||
                            strcmp(e->code, "303") == 0;
            if (personnel != (which == 0))
                continue;
            fl_dec v = { 0 };
            (void)tt_entry_value(t, es, e, 0, &v);
            add[n] = (tt_addend){ tt_entry_label(es, k, entry_labels), v,
                                  tt_entry_cell(es, e, 0), 0 };
            n++;
        }
        if (n == 0)
            continue;
        char what[200];
        snprintf(what, sizeof what, "%s应等于%s", labels[which],
                 which == 0 ? "301、303 类之和"
                            : "302、307、310 等公用经费类之和");
        tt_where w = { .table = t, .row = r, .row_label = labels[which],
                       .column = "金额", .cell = cell };
        tt_check_sum(c, "total-row", &w, what, actual, add, n);
    }
}

void tt_rule_total_rows(tt_ctx *c, const fl_table *t)
{
    tt_kind kind = tt_kind_of(c, t);
    if (kind == TT_SUMMARY || kind == TT_FIN_SUMMARY || kind == TT_SANGONG)
        return;
    const tt_entries *es = tt_table_entries(c, t);
    if (es->count == 0)
        return;
    tt_addend *add = malloc(es->count * sizeof *add);
    char *labels = tt_entry_labels_new(es->count);
    column_sum *cols = NULL;
    if (add != NULL && labels != NULL) {
        if (es->multi_block) {
            check_basic_totals(c, t, es, add, labels);
        } else {
            size_t top = min_len(es), nrows = fl_table_row_count(t);
            size_t ncols = fl_table_column_count(t);
            cols = malloc((ncols > 0 ? ncols : 1) * sizeof *cols);
            for (size_t col = 0; cols != NULL && col < ncols; col++)
                cols[col] = (column_sum){ -1, -1, { 0, 0 }, 0 };
            for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
                const fl_row *r = fl_table_row(t, i);
                if (!fl_row_is_header(r) && fl_row_code(r) == NULL &&
                    is_total_label(fl_row_label(r)))
                    check_total_row(c, t, es, top, r, add, labels, cols);
            }
        }
    }
    free(add);
    free(labels);
    free(cols);
}
