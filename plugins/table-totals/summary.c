/* summary.c — rule summary-identity, on the two-sided 收入支出决算总表 and
 * 财政拨款收入支出决算总表 (income items on the left, expenditure on the
 * right, each "项目, 行次, 金额"):
 *   本年收入合计 = sum of the income lines above it
 *   本年支出合计 = sum of the expenditure lines above it
 *   收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
 *   支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余
 *   收入总计 = 支出总计
 * and on their budget twins (收支预算总表, 部门财务收支预算总表, 财政拨款收支
 * 预算总表, 财政拨款收支总表), whose lines are named differently:
 *   当年收入小计 / 本年收入合计 = the top-level (一、二、…) lines above it
 *   收入合计 / 收入总计 = 当年收入小计 + 上年结转资金 (or, without a 小计,
 *   the top-level lines above it, 上年结转 included)
 * Sub-lines (1. 一般公共预算 under 一、财政拨款) are breakdowns, not addends.
 * 江苏 prints 当年支出小计 / 支出合计 in the last (支出用途) amount column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

typedef struct item {
    const fl_row *row;
    char label[128];
    fl_dec value;
    const fl_cell *cell; /* where value was read, or NULL */
    int level;      /* 0: 一、 numbering; 1: 1. (一) numbering; -1: none */
} item;

typedef struct side {
    item *items;
    size_t count;
} side;

/* Label columns: the header's "项目" columns; failing that, the column of
 * the second text cell in body rows (the right side's label). */
static void label_columns(const fl_table *t, long *left, long *right)
{
    *left = tt_col_by_leaf(t, "项目", 0);
    *right = *left >= 0 ? tt_col_by_leaf(t, "项目", (size_t)*left + 1) : -1;
    if (*left >= 0 && *right >= 0)
        return;
    *left = 0;
    *right = -1;
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        int seen = 0;
        for (size_t col = 0; col < fl_row_cell_count(r); col++) {
            if (!tt_cell_is_text(r, col))
                continue;
            if (seen++ == 1) {
                if (*right < 0 || (long)col < *right)
                    *right = (long)col;
                break;
            }
        }
    }
}

/* The side's amount column: the first column after the label that is not
 * 行次 / 栏次. */
static long amount_column(const fl_table *t, long label_col, long limit)
{
    char leaf[128];
    size_t n = fl_table_column_count(t);
    for (size_t col = (size_t)label_col + 1; col < n; col++) {
        if (limit >= 0 && (long)col >= limit)
            break;
        tt_col_leaf(t, col, leaf, sizeof leaf);
        if (tt_str_has(leaf, "行次") || tt_str_has(leaf, "栏次"))
            continue;
        return (long)col;
    }
    return -1;
}

/* Numbering level of a raw label: 0 for 一、, 1 for 1. 1、 (一), -1 none. */
static int numbering_level(const char *raw)
{
    if (raw == NULL)
        return -1;
    while (*raw == ' ')
        raw++;
    if ((*raw >= '0' && *raw <= '9') || *raw == '(' ||
        strncmp(raw, "（", strlen("（")) == 0)
        return 1;
    size_t i = 0;
    for (size_t l; (l = tt_cn_numeral_len(raw + i)) > 0;)
        i += l;
    return i > 0 && strncmp(raw + i, "、", strlen("、")) == 0 ? 0 : -1;
}

static const char *const income_total[] = {
    "本年收入合计", "本年收入", "当年收入小计", "本年收入小计", NULL
};
static const char *const expense_total[] = {
    "本年支出合计", "本年支出", "当年支出小计", "本年支出小计", NULL
};
static const char *const income_grand[] = { "总计", "收入总计", NULL };
static const char *const expense_grand[] = { "总计", "支出总计", NULL };
/* a budget's grand total may be called 收入合计 / 支出合计 */
static const char *const income_grand_b[] = {
    "总计", "收入总计", "收入合计", NULL
};
static const char *const expense_grand_b[] = {
    "总计", "支出总计", "支出合计", NULL
};

static int is_named(const char *label, const char *const *names)
{
    for (size_t j = 0; names[j] != NULL; j++)
        if (strcmp(label, names[j]) == 0)
            return 1;
    return 0;
}

/* A budget's total or 结转 line whose own amount cell is empty: 江苏 prints
 * 当年支出小计 / 结转下年资金 / 支出合计 in the last amount column of the side, past the
 * empty 功能分类 amount and the empty 支出用途 label.  Only blank cells may
 * lie in between, so a neighbouring line's amount is never borrowed. */
static void total_fallback(const fl_table *t, const fl_row *r, long amount_col,
                           long limit, fl_dec *out, const fl_cell **cell_out)
{
    size_t n = fl_row_cell_count(r);
    for (size_t col = (size_t)amount_col + 1; col < n; col++) {
        if (limit >= 0 && (long)col >= limit)
            return;
        if (tt_cell_is_text(r, col))
            return;
        const fl_cell *cell = fl_row_cell(r, col);
        const char *v = cell != NULL ? fl_cell_norm(cell) : NULL;
        if (v == NULL || v[0] == '\0')
            continue;
        if (tt_cell_dec(t, r, col, out))
            *cell_out = cell;
        return;
    }
}

static void parse_side(const fl_table *t, long label_col, long amount_col,
                       long limit, int budget, side *s)
{
    size_t nrows = fl_table_row_count(t);
    s->count = 0;
    s->items = calloc(nrows + 1, sizeof *s->items);
    if (s->items == NULL || label_col < 0 || amount_col < 0)
        return;
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_is_header(r) || !tt_cell_is_text(r, (size_t)label_col))
            continue;
        item *it = &s->items[s->count];
        tt_clean_label(fl_cell_norm(fl_row_cell(r, (size_t)label_col)),
                       it->label, sizeof it->label);
        /* header rows (项目, 栏次); a budget's 项目支出 line is a line */
        if (tt_str_has(it->label, "栏次") ||
            (tt_str_has(it->label, "项目") &&
             !(budget && strcmp(it->label, "项目支出") == 0)))
            continue;
        it->row = r;
        it->value.micros = 0;
        it->cell = NULL;
        it->level = numbering_level(fl_cell_norm(fl_row_cell(r,
                                                (size_t)label_col)));
        const fl_cell *ac = fl_row_cell(r, (size_t)amount_col);
        const char *av = ac != NULL ? fl_cell_norm(ac) : NULL;
        if (budget && (av == NULL || av[0] == '\0') &&
            (is_named(it->label, income_total) ||
             is_named(it->label, expense_total) ||
             is_named(it->label, income_grand_b) ||
             is_named(it->label, expense_grand_b) ||
             tt_str_has(it->label, "结转")))
            total_fallback(t, r, amount_col, limit, &it->value, &it->cell);
        else if (tt_cell_dec(t, r, (size_t)amount_col, &it->value))
            it->cell = ac;
        s->count++;
    }
}

static long find_item(const side *s, const char *const *names)
{
    for (size_t k = 0; k < s->count; k++)
        for (size_t j = 0; names[j] != NULL; j++)
            if (strcmp(s->items[k].label, names[j]) == 0)
                return (long)k;
    return -1;
}


static int loads_balance(const char *label)
{
    return tt_str_has(label, "结余") || tt_str_has(label, "结转") ||
           tt_str_has(label, "弥补");
}

/* Items [from, to) of side `s` as addends; `balance_only` keeps only the
 * 结转/结余 lines (the sub-lines of 年初结转 by fund are breakdowns);
 * `top_only` drops sub-lines (1. 2. (一)) when the range has 一、 lines. */
static size_t collect(const side *s, size_t from, size_t to, int balance_only,
                      int top_only, tt_addend *add)
{
    size_t n = 0;
    int has_top = 0;
    for (size_t k = from; top_only && k < to && k < s->count; k++)
        has_top |= s->items[k].level == 0;
    for (size_t k = from; k < to && k < s->count; k++) {
        if (s->items[k].label[0] == '\0')
            continue;
        if (has_top && s->items[k].level == 1)
            continue;
        if (balance_only && !loads_balance(s->items[k].label))
            continue;
        add[n] = (tt_addend){ s->items[k].label, s->items[k].value,
                              s->items[k].cell, 0 };
        n++;
    }
    return n;
}

/* A budget side without a 本年 total: the grand total = the top-level
 * lines above it, 上年结转 included. */
static void check_side_lines(tt_ctx *c, const fl_table *t, const side *s,
                             const char *side_name,
                             const char *const *grand_names, tt_addend *add,
                             const char *column)
{
    long grand = find_item(s, grand_names);
    if (grand < 0)
        return;
    const item *gi = &s->items[grand];
    size_t n = collect(s, 0, (size_t)grand, 0, 1, add);
    if (n < 2)
        return;
    char what[300];
    snprintf(what, sizeof what, "%s“%s”应等于其上各%s项目之和", side_name,
             gi->label, side_name);
    tt_where w = { .table = t, .row = gi->row, .row_label = gi->label,
                   .column = column, .cell = gi->cell };
    tt_check_sum(c, "summary-identity", &w, what, gi->value, add, n);
}

static void check_side(tt_ctx *c, const fl_table *t, const side *s,
                       const char *side_name, const char *const *total_names,
                       const char *const *grand_names, tt_addend *add,
                       const char *column, int budget)
{
    long total = find_item(s, total_names);
    if (total < 0) {
        if (budget)
            check_side_lines(c, t, s, side_name, grand_names, add, column);
        return;
    }
    const item *ti = &s->items[total];
    char what[300];
    size_t n = collect(s, 0, (size_t)total, 0, budget, add);
    if (n >= 2) {
        snprintf(what, sizeof what, "%s“%s”应等于其上各%s项目之和",
                 side_name, ti->label, side_name);
        tt_where w = { .table = t, .row = ti->row, .row_label = ti->label,
                       .column = column, .cell = ti->cell };
        tt_check_sum(c, "summary-identity", &w, what, ti->value, add, n);
    }
    long grand = -1;
    for (size_t k = (size_t)total + 1; k < s->count && grand < 0; k++)
        for (size_t j = 0; grand_names[j] != NULL; j++)
            if (strcmp(s->items[k].label, grand_names[j]) == 0)
                grand = (long)k;
    if (grand < 0)
        return;
    add[0] = (tt_addend){ ti->label, ti->value, ti->cell, 0 };
    n = 1 + collect(s, (size_t)total + 1, (size_t)grand, 1, 0, add + 1);
    const item *gi = &s->items[grand];
    snprintf(what, sizeof what, "%s总计应等于%s加结转结余各项", side_name,
             ti->label);
    tt_where w = { .table = t, .row = gi->row, .row_label = gi->label,
                   .column = column, .cell = gi->cell };
    tt_check_sum(c, "summary-identity", &w, what, gi->value, add, n);
}

/* The last 总计 on a side is the grand total. */
static int grand_total(const side *s, const char *const *names, fl_dec *out,
                       const fl_row **row, const fl_cell **cell)
{
    for (size_t j = s->count; j-- > 0;)
        for (size_t m = 0; names[m] != NULL; m++)
            if (strcmp(s->items[j].label, names[m]) == 0) {
                *out = s->items[j].value;
                *row = s->items[j].row;
                *cell = s->items[j].cell;
                return 1;
            }
    return 0;
}

static int parse_both(const fl_table *t, side *in, side *out)
{
    long left, right;
    int budget = tt_table_is_budget(t);
    label_columns(t, &left, &right);
    in->items = out->items = NULL;
    in->count = out->count = 0;
    if (right < 0)
        return -1;
    parse_side(t, left, amount_column(t, left, right), right, budget, in);
    parse_side(t, right, amount_column(t, right, -1), -1, budget, out);
    if (in->items == NULL || out->items == NULL)
        return -1;
    return 0;
}

/* The two sides of one 总表, read once for all who ask (tt_ctx.sides). */
typedef struct tt_sides {
    const fl_table *table;
    side in, out;
    int ok;             /* parse_both succeeded */
} tt_sides;

static void sides_clear(tt_sides *s)
{
    free(s->in.items);
    free(s->out.items);
    memset(s, 0, sizeof *s);
}

/* A document has a 收入支出总表 and a 财政拨款收入支出总表, asked for in
 * turn by cross-table and the facts: one slot each. */
#define TT_SLOTS 2

/* The sides of `t`: from the cache, else read into the slot not read
 * last; without memory for the cache, read into `spare` (given back
 * with sides_put). */
static const tt_sides *sides_get(tt_ctx *c, const fl_table *t,
                                 tt_sides *spare)
{
    if (c->sides == NULL)
        c->sides = calloc(TT_SLOTS, sizeof *c->sides);
    if (c->sides == NULL) {
        spare->table = t;
        spare->ok = parse_both(t, &spare->in, &spare->out) == 0;
        return spare;
    }
    for (size_t k = 0; k < TT_SLOTS; k++)
        if (c->sides[k].table == t) {
            c->sides_last = k;
            return &c->sides[k];
        }
    size_t k = (c->sides_last + 1) % TT_SLOTS;
    tt_sides *s = &c->sides[k];
    sides_clear(s);
    s->table = t;
    s->ok = parse_both(t, &s->in, &s->out) == 0;
    c->sides_last = k;
    return s;
}

static void sides_put(const tt_sides *s, tt_sides *spare)
{
    if (s == spare)
        sides_clear(spare);
}

void tt_summary_cache_free(tt_ctx *c)
{
    if (c->sides != NULL)
        for (size_t k = 0; k < TT_SLOTS; k++)
            sides_clear(&c->sides[k]);
    free(c->sides);
    c->sides = NULL;
}

void tt_rule_summary(tt_ctx *c, const fl_table *t)
{
    tt_kind kind = tt_kind_of(c, t);
    if (kind != TT_SUMMARY && kind != TT_FIN_SUMMARY)
        return;
    tt_sides spare = { 0 };
    const tt_sides *s = sides_get(c, t, &spare);
    int budget = tt_table_is_budget(t);
    const char *const *ig = budget ? income_grand_b : income_grand;
    const char *const *eg = budget ? expense_grand_b : expense_grand;
    if (s->ok) {
        const side *in = &s->in, *out = &s->out;
        size_t max = in->count > out->count ? in->count : out->count;
        tt_addend *add = calloc(max + 2, sizeof *add);
        if (add != NULL) {
            check_side(c, t, in, "收入", income_total, ig, add, "收入",
                       budget);
            check_side(c, t, out, "支出", expense_total, eg, add, "支出",
                       budget);
            fl_dec gi, ge;
            const fl_row *ri, *re;
            const fl_cell *ci, *ce;
            if (grand_total(in, ig, &gi, &ri, &ci) &&
                grand_total(out, eg, &ge, &re, &ce)) {
                tt_where w = { .table = t, .row = re, .row_label = "总计",
                               .column = "支出", .cell = ce,
                               .expected_cell = ci };
                tt_check_equal(c, "summary-identity", &w,
                               "收入总计应等于支出总计", gi, ge, 1,
                               "收入总计为");
            }
        }
        free(add);
    }
    sides_put(s, &spare);
}

int tt_summary_item(tt_ctx *c, const fl_table *t, int which,
                    const char *label, fl_dec *out, const fl_row **row,
                    const fl_cell **cell)
{
    tt_sides spare = { 0 };
    const tt_sides *both = sides_get(c, t, &spare);
    int ok = 0;
    if (both->ok) {
        const side *s = which == 0 ? &both->in : &both->out;
        const char *names[] = { label, NULL };
        long k = find_item(s, names);
        if (k >= 0) {
            *out = s->items[k].value;
            *row = s->items[k].row;
            if (cell != NULL)
                *cell = s->items[k].cell;
            ok = 1;
        }
    }
    sides_put(both, &spare);
    return ok;
}
