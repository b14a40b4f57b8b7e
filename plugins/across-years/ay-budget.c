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
#include <stdio.h>
#include <stdlib.h>
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

/* A row of a 一般公共预算 table as ay_budget_find() asks about it: a 项
 * (7-digit code) with an amount, or the 类 or 款 (3 or 5 digits) it is
 * under. */
typedef struct brow {
    char name[AY_NAME_MAX];      /* its label, ay_name_norm()ed */
    char code[8];
    size_t table, seq;           /* its table's index; its place among the rows kept */
    const fl_table *t;
    const fl_row *row;
    fl_dec wan, half;            /* a 项's amount */
} brow;

typedef struct brows {
    brow *v;
    size_t count, cap;
} brows;

typedef struct found {
    int n, ambiguous;
    ay_budget_figure fig;
} found;

/* The budget's figures, read once for all the 年初预算 of a 决算: looking
 * through every row of its tables for each one took their product. */
struct ay_budget {
    found gpb, sangong; /* the totals */
    brows items;        /* the 项, by name, then in the tables' order */
    brows heads;        /* the 类 and 款, by table, code and name */
};

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

/* What one table found, into what the budget's tables found. */
static void keep_table(found *f, const found *here)
{
    if (here->n == 0)
        return;
    keep(f, here->fig.table, here->fig.row, here->fig.wan, here->fig.half);
    f->ambiguous |= here->ambiguous;
}

static void row_name(const fl_row *r, char *buf)
{
    const char *label = fl_row_label(r);
    ay_name_norm(label != NULL ? label : "", strlen(label != NULL ? label : ""), buf, AY_NAME_MAX);
}

static brow *push(brows *b, size_t table, const fl_table *t, const fl_row *r, const char *code)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        brow *grown = realloc(b->v, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        b->v = grown;
        b->cap = cap;
    }
    brow *x = &b->v[b->count];
    memset(x, 0, sizeof *x);
    row_name(r, x->name);
    snprintf(x->code, sizeof x->code, "%s", code);
    x->table = table;
    x->seq = b->count++;
    x->t = t;
    x->row = r;
    return x;
}

static int by_name(const void *a, const void *b)
{
    const brow *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int by_table_code_name(const void *a, const void *b)
{
    const brow *x = a, *y = b;
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    int c = strcmp(x->code, y->code);
    return c != 0 ? c : strcmp(x->name, y->name);
}

/* The 一般公共预算 table t (index ti, its amounts in column col): its
 * total, and its 类, 款 and 项 for the lookups. */
static int read_gpb_table(ay_budget *b, size_t ti, const fl_table *t, long col)
{
    found here;
    memset(&here, 0, sizeof here);
    for (size_t ri = fl_table_header_row_count(t); ri < fl_table_row_count(t); ri++) {
        const fl_row *r = fl_table_row(t, ri);
        const char *code = fl_row_code(r);
        size_t len = code != NULL ? strlen(code) : 0;
        fl_dec wan, half;
        if (code == NULL) {
            char name[AY_NAME_MAX];
            row_name(r, name);
            if ((strcmp(name, "合计") == 0 || strcmp(name, "总计") == 0) &&
                cell_wan(t, r, col, &wan, &half))
                keep(&here, t, r, wan, half);
        } else if (len == 7 && cell_wan(t, r, col, &wan, &half)) {
            brow *x = push(&b->items, ti, t, r, code);
            if (x == NULL)
                return -1;
            x->wan = wan;
            x->half = half;
        } else if ((len == 3 || len == 5) && push(&b->heads, ti, t, r, code) == NULL) {
            return -1;
        }
    }
    keep_table(&b->gpb, &here);
    return 0;
}

ay_budget *ay_budget_new(const fl_document *budget)
{
    ay_budget *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    for (size_t ti = 0; ti < fl_doc_table_count(budget); ti++) {
        const fl_table *t = fl_doc_table(budget, ti);
        if (title_has(t, "三公")) {
            long col = sangong_column(t);
            found here;
            memset(&here, 0, sizeof here);
            for (size_t ri = fl_table_header_row_count(t); col >= 0 && ri < fl_table_row_count(t);
                 ri++) {
                const fl_row *r = fl_table_row(t, ri);
                fl_dec wan, half;
                if (cell_wan(t, r, col, &wan, &half))
                    keep(&here, t, r, wan, half);
            }
            /* one 三公 row per table: several are years or units, not ours */
            if (here.n == 1)
                keep_table(&b->sangong, &here);
        } else if (is_gpb_table(t)) {
            long col = gpb_column(t);
            if (col >= 0 && read_gpb_table(b, ti, t, col) != 0) {
                ay_budget_free(b);
                return NULL;
            }
        }
    }
    if (b->items.count > 1)
        qsort(b->items.v, b->items.count, sizeof *b->items.v, by_name);
    if (b->heads.count > 1)
        qsort(b->heads.v, b->heads.count, sizeof *b->heads.v, by_table_code_name);
    return b;
}

void ay_budget_free(ay_budget *b)
{
    if (b == NULL)
        return;
    free(b->items.v);
    free(b->heads.v);
    free(b);
}

/* A 类 or 款 row in the table of item x: its code the first n digits of
 * x's, its name `name`. */
static int has_head(const ay_budget *b, const brow *x, size_t n, const char *name)
{
    brow key;
    key.table = x->table;
    snprintf(key.code, sizeof key.code, "%.*s", (int)n, x->code);
    snprintf(key.name, sizeof key.name, "%s", name);
    return b->heads.count > 0 && bsearch(&key, b->heads.v, b->heads.count, sizeof key,
                                         by_table_code_name) != NULL;
}

/* The 项 of s: rows named s's 项 whose 款 and 类 rows carry s's names. */
static found find_item(const ay_budget *b, const ay_initial *s)
{
    const brow *v = b->items.v;
    size_t lo = 0, hi = b->items.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v[mid].name, s->names[2]) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    found f;
    memset(&f, 0, sizeof f);
    for (size_t i = lo; i < b->items.count && strcmp(v[i].name, s->names[2]) == 0;) {
        found here;
        memset(&here, 0, sizeof here);
        size_t table = v[i].table;
        for (; i < b->items.count && v[i].table == table && strcmp(v[i].name, s->names[2]) == 0;
             i++)
            if (has_head(b, &v[i], 5, s->names[1]) && has_head(b, &v[i], 3, s->names[0]))
                keep(&here, v[i].t, v[i].row, v[i].wan, v[i].half);
        keep_table(&f, &here);
    }
    return f;
}

int ay_budget_find(const ay_budget *b, const ay_initial *s, ay_budget_figure *out)
{
    found f = s->kind == AY_INIT_SANGONG ? b->sangong
            : s->kind == AY_INIT_GPB     ? b->gpb
                                         : find_item(b, s);
    if (f.n == 0 || f.ambiguous)
        return 0;
    *out = f.fig;
    return 1;
}
