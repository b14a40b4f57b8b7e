/* ay-budget.c — a budget's own figure for what a 决算 calls 年初预算, read
 * from its tables only (the narrative words them too loosely):
 *   一般公共预算财政拨款支出  the 合计 row of the 一般公共预算支出(功能分类)
 *                             预算表, its 合计 (or only 金额) column;
 *   类/款/项                  the 7-digit row of that table whose label is
 *                             the 项 and whose 5- and 3-digit rows carry the
 *                             款 and 类 names;
 *   “三公”经费财政拨款支出    the “三公”经费…/合计 (or /小计) cell of the
 *                             三公 table (not its 合计 with 会议费、培训费).
 * A table whose unit is not stated, a column that is not clearly this
 * year's total, two different figures for one subject: no figure. */
#include <string.h>

#include "ay.h"

static int title_has(const fl_table *t, const char *word)
{
    const char *title = fl_table_title(t);
    return title != NULL && strstr(title, word) != NULL;
}

/* The 一般公共预算 expenditure table by function class, not the basic
 * expenditure by economic class, nor 三公, 机关运行, funds or 总表. */
static int is_gpb_table(const fl_table *t)
{
    static const char *const not_this[] = { "基本支出", "三公", "机关运行", "政府性基金",
                                            "国有资本", "总表", "收入", "经济分类", NULL };
    if (!title_has(t, "一般公共预算") || !title_has(t, "支出"))
        return 0;
    for (size_t k = 0; not_this[k] != NULL; k++)
        if (title_has(t, not_this[k]))
            return 0;
    return 1;
}

/* The last part of a column label ("一般公共预算支出/合计" -> "合计"). */
static const char *label_tail(const char *label)
{
    const char *slash = strrchr(label, '/');
    return slash != NULL ? slash + 1 : label;
}

/* The column of this year's total: the only one whose label ends in 合计,
 * else the only 金额 column; -1 when none or when any column speaks of
 * another year (上年). */
static long gpb_column(const fl_table *t)
{
    long total = -1, amount = -1;
    int ntotal = 0, namount = 0;
    for (size_t c = 0; c < fl_table_column_count(t); c++) {
        const char *label = fl_table_column_label(t, c);
        if (label == NULL)
            continue;
        if (strstr(label, "上年") != NULL)
            return -1;
        if (strcmp(label_tail(label), "合计") == 0) {
            total = (long)c;
            ntotal++;
        } else if (strcmp(label_tail(label), "金额") == 0) {
            amount = (long)c;
            namount++;
        }
    }
    if (ntotal == 1)
        return total;
    return ntotal == 0 && namount == 1 ? amount : -1;
}

/* The 三公 total column: "<…三公…>/合计" or "/小计", two levels exactly. */
static long sangong_column(const fl_table *t)
{
    long found = -1;
    for (size_t c = 0; c < fl_table_column_count(t); c++) {
        const char *label = fl_table_column_label(t, c);
        const char *slash = label != NULL ? strchr(label, '/') : NULL;
        if (slash == NULL || strchr(slash + 1, '/') != NULL)
            continue;
        if (strcmp(slash + 1, "合计") != 0 && strcmp(slash + 1, "小计") != 0)
            continue;
        if (!ay_has(label, (size_t)(slash - label), "三公"))
            continue;
        if (found >= 0)
            return -1;
        found = (long)c;
    }
    return found;
}

/* The amount in cell `col` of r, in 万元; 0 when empty, not a number, or
 * of a unit the table does not state. */
static int cell_wan(const fl_table *t, const fl_row *r, long col, fl_dec *wan, fl_dec *half)
{
    const fl_cell *cell = col >= 0 ? fl_row_cell(r, (size_t)col) : NULL;
    fl_number num;
    if (cell == NULL || !fl_cell_number(cell, &num) || num.is_empty ||
        fl_dec_out_of_range(num.value))
        return 0;
    if (num.unit == FL_UNIT_NONE)
        num.unit = fl_table_unit(t);
    if (num.unit != FL_UNIT_YUAN && num.unit != FL_UNIT_WANYUAN && num.unit != FL_UNIT_YIYUAN)
        return 0;
    if (fl_number_to_wanyuan(&num, wan) != 0 || fl_dec_out_of_range(*wan))
        return 0;
    int64_t h = FL_DEC_SCALE / 2;
    for (int d = 0; d < num.decimals && d < 6; d++)
        h /= 10;
    fl_number hn = num;
    hn.value.micros = h > 0 ? h : 1;
    return fl_number_to_wanyuan(&hn, half) == 0;
}

static int label_is(const fl_row *r, const char *name)
{
    const char *label = fl_row_label(r);
    char buf[AY_NAME_MAX];
    ay_name_norm(label != NULL ? label : "", strlen(label != NULL ? label : ""), buf, sizeof buf);
    return strcmp(buf, name) == 0;
}

/* A row of t with classification code `code` (n digits of it) labelled
 * `name`. */
static int has_row(const fl_table *t, const char *code, size_t n, const char *name)
{
    for (size_t ri = fl_table_header_row_count(t); ri < fl_table_row_count(t); ri++) {
        const fl_row *r = fl_table_row(t, ri);
        const char *c = fl_row_code(r);
        if (c != NULL && strlen(c) == n && strncmp(c, code, n) == 0 && label_is(r, name))
            return 1;
    }
    return 0;
}

/* Does row r of a 一般公共预算 table carry subject s? */
static int row_matches(const fl_table *t, const fl_row *r, const ay_initial *s)
{
    if (s->kind == AY_INIT_GPB)
        return fl_row_code(r) == NULL && (label_is(r, "合计") || label_is(r, "总计"));
    const char *code = fl_row_code(r);
    if (code == NULL || strlen(code) != 7 || !label_is(r, s->names[2]))
        return 0;
    return has_row(t, code, 5, s->names[1]) && has_row(t, code, 3, s->names[0]);
}

typedef struct found {
    int n, ambiguous;
    ay_budget_figure fig;
} found;

static void keep(found *f, const fl_table *t, const fl_row *r, fl_dec wan, fl_dec half)
{
    if (f->n > 0 && fl_dec_cmp(f->fig.wan, wan) != 0)
        f->ambiguous = 1;
    if (f->n++ == 0) {
        f->fig.wan = wan;
        f->fig.half = half;
        f->fig.table = t;
        f->fig.row = r;
    }
}

int ay_budget_find(const fl_document *budget, const ay_initial *s, ay_budget_figure *out)
{
    found f;
    memset(&f, 0, sizeof f);
    for (size_t ti = 0; ti < fl_doc_table_count(budget); ti++) {
        const fl_table *t = fl_doc_table(budget, ti);
        int sangong = s->kind == AY_INIT_SANGONG;
        if (sangong ? !title_has(t, "三公") : !is_gpb_table(t))
            continue;
        long col = sangong ? sangong_column(t) : gpb_column(t);
        if (col < 0)
            continue;
        found here;
        memset(&here, 0, sizeof here);
        for (size_t ri = fl_table_header_row_count(t); ri < fl_table_row_count(t); ri++) {
            const fl_row *r = fl_table_row(t, ri);
            fl_dec wan, half;
            if ((sangong || row_matches(t, r, s)) && cell_wan(t, r, col, &wan, &half))
                keep(&here, t, r, wan, half);
        }
        /* one 三公 row per table: several are years or units, not ours */
        if (here.n == 0 || (sangong && here.n > 1))
            continue;
        keep(&f, here.fig.table, here.fig.row, here.fig.wan, here.fig.half);
        f.ambiguous |= here.ambiguous;
    }
    if (f.n == 0 || f.ambiguous)
        return 0;
    *out = f.fig;
    return 1;
}
