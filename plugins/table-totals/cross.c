/* cross.c — rule cross-table: the same quantity in two tables agrees.
 *   总表 本年收入合计           = 收入决算表 合计 / 本年收入合计
 *   总表 本年支出合计           = 支出决算表 合计 / 本年支出合计
 *   收入决算表 合计 / 财政拨款收入 = 财政拨款总表 本年收入合计
 *   财政拨款总表 本年支出合计 / 一般公共预算财政拨款 = 一般公共预算支出表 合计
 *   财政拨款总表 本年支出合计 / 政府性基金预算财政拨款 = 政府性基金表 本年支出合计
 *   一般公共预算支出表 合计 / 基本支出 = 基本支出明细表 人员经费合计 + 公用经费合计 */
#include <stdio.h>
#include <string.h>

#include "tt.h"

/* Cell of the 合计/总计 row (no code) in the first column whose leaf is in
 * `cols`; 1 when found, *cell the value's cell. */
static int total_row_value(const fl_table *t, const char *const *cols,
                           fl_dec *out, const fl_row **row, const char **col,
                           const fl_cell **cell)
{
    long c = -1;
    for (size_t i = 0; cols[i] != NULL && c < 0; i++) {
        c = tt_col_by_leaf(t, cols[i], 0);
        *col = cols[i];
    }
    if (c < 0)
        return 0;
    size_t nrows = fl_table_row_count(t);
    char label[64];
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_is_header(r) || fl_row_code(r) != NULL)
            continue;
        tt_clean_label(fl_row_label(r), label, sizeof label);
        if (strcmp(label, "合计") != 0 && strcmp(label, "总计") != 0)
            continue;
        if (tt_cell_dec(t, r, (size_t)c, out)) {
            *row = r;
            *cell = fl_row_cell(r, (size_t)c);
            return 1;
        }
    }
    return 0;
}

/* 财政拨款总表, expenditure side row `label`, column with leaf `col`. */
static int fin_summary_cell(tt_ctx *c, const fl_table *t, const char *label,
                            const char *col, fl_dec *out, const fl_row **row,
                            const fl_cell **cell)
{
    fl_dec first;
    if (!tt_summary_item(c, t, 1, label, &first, row, NULL))
        return 0;
    long k = tt_col_by_leaf(t, col, 0);
    if (k < 0 || !tt_cell_dec(t, *row, (size_t)k, out))
        return 0;
    *cell = fl_row_cell(*row, (size_t)k);
    return 1;
}

/* A figure of a table: its value and the cell it was read from. */
typedef struct figure {
    fl_dec value;
    const fl_cell *cell;
} figure;

static void compare(tt_ctx *c, const fl_table *ref, const char *ref_what,
                    figure expected, const fl_table *t, const fl_row *row,
                    const char *column, const char *what, figure actual,
                    size_t n)
{
    char msg[1024], why[600];
    snprintf(msg, sizeof msg, "%s应与%s一致", what, ref_what);
    snprintf(why, sizeof why, "%s为", ref_what);
    tt_where w = { .table = t, .row = row, .column = column,
                   .cell = actual.cell, .expected_cell = expected.cell };
    (void)ref;
    tt_check_equal(c, "cross-table", &w, msg, expected.value, actual.value,
                   n, why);
}

static const char *const c_income_total[] = { "本年收入合计", NULL };
static const char *const c_expense_total[] = { "本年支出合计", NULL };
static const char *const c_fin_income[] = { "财政拨款收入", NULL };
static const char *const c_subtotal[] = { "小计", "合计", NULL };
static const char *const c_basic[] = { "基本支出", NULL };

static void summary_vs_detail(tt_ctx *c, const fl_table *sum)
{
    static const struct {
        tt_kind kind;
        int side;
        const char *label;
        const char *const *cols;
        const char *name;
    } pairs[] = {
        { TT_INCOME, 0, "本年收入合计", c_income_total, "收入决算表" },
        { TT_EXPENSE, 1, "本年支出合计", c_expense_total, "支出决算表" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const fl_table *t = tt_find_table(c, pairs[i].kind);
        figure a, b;
        const fl_row *ra, *rb;
        const char *col;
        if (t == NULL || !tt_summary_item(c, sum, pairs[i].side, pairs[i].label,
                                          &a.value, &ra, &a.cell) ||
            !total_row_value(t, pairs[i].cols, &b.value, &rb, &col, &b.cell))
            continue;
        char what[200], ref[200];
        snprintf(what, sizeof what, "%s合计行的“%s”", pairs[i].name, col);
        snprintf(ref, sizeof ref, "收入支出决算总表的“%s”", pairs[i].label);
        compare(c, sum, ref, a, t, rb, col, what, b, 1);
    }
}

static void fin_summary_checks(tt_ctx *c, const fl_table *fin)
{
    figure a, b;
    const fl_row *ra, *rb;
    const char *col;
    const fl_table *income = tt_find_table(c, TT_INCOME);
    if (income != NULL &&
        tt_summary_item(c, fin, 0, "本年收入合计", &a.value, &ra, &a.cell) &&
        total_row_value(income, c_fin_income, &b.value, &rb, &col, &b.cell))
        compare(c, fin, "财政拨款收入支出决算总表的“本年收入合计”", a,
                income, rb, col, "收入决算表合计行的“财政拨款收入”", b, 1);
    const fl_table *gpb = tt_find_table(c, TT_GPB_EXPENSE);
    if (gpb != NULL &&
        fin_summary_cell(c, fin, "本年支出合计", "一般公共预算财政拨款", &a.value,
                         &ra, &a.cell) &&
        total_row_value(gpb, c_subtotal, &b.value, &rb, &col, &b.cell))
        compare(c, fin,
                "财政拨款收入支出决算总表“本年支出合计”的一般公共预算财政拨款",
                a, gpb, rb, col, "一般公共预算财政拨款支出决算表合计数", b, 1);
    const fl_table *fund = tt_find_table(c, TT_GOV_FUND);
    if (fund != NULL &&
        fin_summary_cell(c, fin, "本年支出合计", "政府性基金预算财政拨款", &a.value,
                         &ra, &a.cell) &&
        total_row_value(fund, c_subtotal, &b.value, &rb, &col, &b.cell))
        compare(c, fin,
                "财政拨款收入支出决算总表“本年支出合计”的政府性基金预算财政拨款",
                a, fund, rb, col, "政府性基金预算财政拨款收入支出决算表本年支出合计",
                b, 1);
}

static void basic_checks(tt_ctx *c)
{
    const fl_table *gpb = tt_find_table(c, TT_GPB_EXPENSE);
    const fl_table *basic = tt_find_table(c, TT_GPB_BASIC);
    figure a, p, o;
    const fl_row *ra, *rp, *ro;
    const char *col;
    if (gpb == NULL || basic == NULL ||
        !total_row_value(gpb, c_basic, &a.value, &ra, &col, &a.cell) ||
        !tt_labelled_value(c, basic, "人员经费合计", &p.value, &rp, &p.cell) ||
        !tt_labelled_value(c, basic, "公用经费合计", &o.value, &ro, &o.cell))
        return;
    tt_addend add[2] = { { "人员经费合计", p.value, p.cell, 0 },
                         { "公用经费合计", o.value, o.cell, 0 } };
    char what[300];
    snprintf(what, sizeof what,
             "一般公共预算财政拨款支出决算表合计行的“基本支出”应等于"
             "基本支出决算明细表人员经费合计与公用经费合计之和");
    tt_where w = { .table = gpb, .row = ra, .column = "基本支出",
                   .cell = a.cell };
    tt_check_sum(c, "cross-table", &w, what, a.value, add, 2);
}

void tt_rule_cross(tt_ctx *c)
{
    const fl_table *sum = tt_find_table(c, TT_SUMMARY);
    if (sum != NULL)
        summary_vs_detail(c, sum);
    const fl_table *fin = tt_find_table(c, TT_FIN_SUMMARY);
    if (fin != NULL)
        fin_summary_checks(c, fin);
    basic_checks(c);
}
