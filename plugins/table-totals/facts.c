/* facts.c — the table figures the narrative quotes by name ("本年支出合计",
 * "一般公共预算财政拨款支出"), taken from the tables recognised by title.
 * The first table to provide a key wins (the 总表 before the detail
 * tables). */
#include <stdio.h>
#include <string.h>

#include "narrative.h"

/* `row` / `col`: where the figure sits, for the message (col NULL: the
 * row's own amount). */
static void add(tt_facts *f, const char *key, fl_dec v, const fl_table *t,
                const fl_row *r, const char *row, const char *col)
{
    if (f->count >= TT_MAX_FACTS || tt_fact_find(f, key) != NULL)
        return;
    tt_fact *x = &f->items[f->count++];
    /* the narrative speaks 万元: a budget table in 元 (上海) is scaled and
     * rounded to 0.01 万元 as the text rounds it (37151.4655 → 37151.47) */
    if (fl_dec_out_of_range(v)) {
        /* kept as it is: the narrative rule says it cannot compare */
    } else if (fl_table_unit(t) == FL_UNIT_YUAN) {
        const int64_t cent = 100 * FL_DEC_SCALE;  /* 0.01 万元 in 元 */
        int64_t half = v.micros >= 0 ? cent / 2 : -cent / 2;
        v.micros = v.micros / cent * (FL_DEC_SCALE / 100) +
                   (v.micros % cent + half) / cent * (FL_DEC_SCALE / 100);
    }
    else if (fl_table_unit(t) == FL_UNIT_YIYUAN)
        v = fl_dec_mul(v, fl_dec_from_int(10000));
    x->key = key;
    x->value = v;
    x->table = t;
    x->row = r;
    x->addends = 1;
    if (col != NULL)
        snprintf(x->where, sizeof x->where, "“%s”行“%s”栏", row, col);
    else
        snprintf(x->where, sizeof x->where, "“%s”", row);
}

/* The 合计/总计 row (no code) of a coded table, or NULL. */
static const fl_row *total_row(const fl_table *t)
{
    char label[64];
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_is_header(r) || fl_row_code(r) != NULL)
            continue;
        tt_clean_label(fl_row_label(r), label, sizeof label);
        if (strcmp(label, "合计") == 0 || strcmp(label, "总计") == 0)
            return r;
    }
    return NULL;
}

/* Key `key` from column `leaf` of `r`, the total row of `t` (total_row:
 * found once per table, not once per key). */
static void from_total(tt_facts *f, const fl_table *t, const fl_row *r,
                       const char *leaf, const char *key)
{
    if (r == NULL)
        return;
    long col = tt_col_by_leaf(t, leaf, 0);
    fl_dec v;
    char row[32];
    if (col >= 0 && tt_cell_dec(t, r, (size_t)col, &v)) {
        tt_clean_label(fl_row_label(r), row, sizeof row);
        add(f, key, v, t, r, row, leaf);
    }
}

static void from_summary(tt_ctx *c, tt_facts *f, const fl_table *t,
                         int side, const char *label, const char *key)
{
    fl_dec v;
    const fl_row *r;
    if (tt_summary_item(c, t, side, label, &v, &r, NULL))
        add(f, key, v, t, r, label, NULL);
}

/* The grand totals of a two-sided 总表: "总计" in a 决算, "收入总计" /
 * "支出总计" or (江苏) "收入合计" / "支出合计" in a budget.  The pair's
 * key ("收支总计") takes the income side; the two sides' agreement is
 * summary-identity's business. */
static void grand_totals(tt_ctx *c, tt_facts *f, const fl_table *t, const char *in_key,
                         const char *out_key, const char *pair_key)
{
    static const char *const in_names[] = { "总计", "收入总计", "收入合计", NULL };
    static const char *const out_names[] = { "总计", "支出总计", "支出合计", NULL };
    int budget = tt_table_is_budget(t);
    for (size_t i = 0; in_names[i] != NULL; i++) {
        if (!budget && i == 2)
            break;
        from_summary(c, f, t, 0, in_names[i], in_key);
        from_summary(c, f, t, 0, in_names[i], pair_key);
    }
    for (size_t i = 0; out_names[i] != NULL; i++) {
        if (!budget && i == 2)
            break;
        from_summary(c, f, t, 1, out_names[i], out_key);
    }
}

void tt_facts_collect(tt_ctx *c, tt_facts *f)
{
    static const char *const income_cols[] = {
        "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入",
        "经营收入", "附属单位上缴收入", "其他收入", NULL
    };
    static const char *const expense_cols[] = {
        "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
        "对附属单位补助支出", NULL
    };
    const fl_table *t;
    f->count = 0;
    if ((t = tt_find_table(c, TT_SUMMARY)) != NULL) {
        from_summary(c, f, t, 0, "本年收入合计", "本年收入合计");
        from_summary(c, f, t, 1, "本年支出合计", "本年支出合计");
        grand_totals(c, f, t, "收入总计", "支出总计", "收支总计");
        from_summary(c, f, t, 0, "总计", "收、支总计");
    }
    if ((t = tt_find_table(c, TT_INCOME)) != NULL) {
        const fl_row *r = total_row(t);
        for (size_t i = 0; income_cols[i] != NULL; i++)
            from_total(f, t, r, income_cols[i], income_cols[i]);
    }
    if ((t = tt_find_table(c, TT_EXPENSE)) != NULL) {
        const fl_row *r = total_row(t);
        for (size_t i = 0; expense_cols[i] != NULL; i++)
            from_total(f, t, r, expense_cols[i], expense_cols[i]);
    }
    if ((t = tt_find_table(c, TT_FIN_SUMMARY)) != NULL) {
        from_summary(c, f, t, 0, "总计", "财政拨款收、支总计");
        grand_totals(c, f, t, "财政拨款收入总计", "财政拨款支出总计",
                     "财政拨款收支总计");
    }
    if ((t = tt_find_table(c, TT_GPB_EXPENSE)) != NULL) {
        const fl_row *r = total_row(t);
        from_total(f, t, r, "小计", "一般公共预算财政拨款支出");
        from_total(f, t, r, "合计", "一般公共预算财政拨款支出");
        from_total(f, t, r, "基本支出", "一般公共预算财政拨款基本支出");
        from_total(f, t, r, "项目支出", "一般公共预算财政拨款项目支出");
    }
    if ((t = tt_find_table(c, TT_GPB_BASIC)) != NULL) {
        fl_dec v;
        const fl_row *r;
        /* each is a sum of 类 (301 + 303 …): the text may have added
         * rounded figures, so allow one cent per 类 */
        const tt_entries *es = tt_table_entries(c, t);
        size_t personnel = 0, other = 0;
        for (size_t k = 0; k < es->count; k++)
            if (es->items[k].len == 3) {
                if (strcmp(es->items[k].code, "301") == 0 ||
                    strcmp(es->items[k].code, "303") == 0)
                    personnel++;
                else
                    other++;
            }
        if (tt_labelled_value(c, t, "人员经费合计", &v, &r, NULL)) {
            add(f, "人员经费", v, t, r, "人员经费合计", NULL);
            f->items[f->count - 1].addends = personnel ? personnel : 1;
        }
        if (tt_labelled_value(c, t, "公用经费合计", &v, &r, NULL)) {
            add(f, "公用经费", v, t, r, "公用经费合计", NULL);
            f->items[f->count - 1].addends = other ? other : 1;
        }
    }
    if ((t = tt_find_table(c, TT_GOV_FUND)) != NULL)
        from_total(f, t, total_row(t), "小计", "政府性基金预算财政拨款支出");
}

const tt_fact *tt_fact_find(const tt_facts *f, const char *key)
{
    /* every amount of the text asks: the first two bytes sort out most
     * keys (the first alone is E6 for 本 收 支 政 …) */
    for (size_t i = 0; i < f->count; i++) {
        const char *k = f->items[i].key;
        if (k[0] == key[0] && (key[0] == '\0' || k[1] == key[1]) &&
            strcmp(k, key) == 0)
            return &f->items[i];
    }
    return NULL;
}
