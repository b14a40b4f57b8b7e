/* ay-carry.c — rule carryover: a 决算's 年初结转和结余 is last year's 年末
 * 结转和结余, in the 收入支出决算总表 and again in the 财政拨款收入支出决算
 * 总表.  Only the total (the first amount after the label) is compared;
 * a bureau may have adjusted the balance, so a difference is a warning
 * asking to check or explain. */
#include <stdio.h>
#include <string.h>

#include "ay.h"

enum { AY_BEGIN = 0, AY_END = 1 };
enum { AY_ALL = 0, AY_FISCAL = 1 }; /* 收入支出决算总表, 财政拨款收入支出决算总表 */

typedef struct carry {
    int found, ambiguous;
    fl_dec wan, half;
    size_t line;
    const fl_row *row;
    const fl_table *table;
} carry;

static const char *const begin_labels[] = { "年初结转和结余", "年初财政拨款结转和结余",
                                            "年初结转结余", NULL };
static const char *const end_labels[] = { "年末结转和结余", "年末财政拨款结转和结余",
                                          "年末结转结余", NULL };

/* 0/1 for a 年初/年末 label cell (spaces and a leading 一、 aside), -1. */
static int carry_label(const char *norm)
{
    char buf[128];
    size_t o = 0;
    for (size_t i = 0; norm[i] && o + 1 < sizeof buf; i++)
        if (norm[i] != ' ')
            buf[o++] = norm[i];
    buf[o] = '\0';
    for (size_t k = 0; begin_labels[k] != NULL; k++)
        if (strcmp(buf, begin_labels[k]) == 0)
            return AY_BEGIN;
    for (size_t k = 0; end_labels[k] != NULL; k++)
        if (strcmp(buf, end_labels[k]) == 0)
            return AY_END;
    return -1;
}

static int row_number_column(const fl_table *t, size_t col)
{
    const char *label = fl_table_column_label(t, col);
    return label != NULL && (strstr(label, "行次") != NULL || strstr(label, "栏次") != NULL);
}

/* The first amount right of the label cell, skipping the 行次 column and
 * blank cells; 0 when a text cell or an empty amount ("-") comes first. */
static int amount_after(const fl_table *t, const fl_row *r, size_t col, fl_dec *wan,
                        fl_dec *half)
{
    size_t n = fl_row_cell_count(r);
    for (size_t k = col + 1; k < n; k++) {
        const fl_cell *cell = fl_row_cell(r, k);
        const char *norm = cell ? fl_cell_norm(cell) : "";
        if (norm[0] == '\0' || row_number_column(t, k))
            continue;
        fl_number num;
        if (!fl_cell_number(cell, &num) || num.is_empty || fl_dec_out_of_range(num.value))
            return 0;
        if (num.unit == FL_UNIT_NONE)
            num.unit = fl_table_unit(t);
        if (fl_number_to_wanyuan(&num, wan) != 0 || fl_dec_out_of_range(*wan))
            return 0;
        int64_t h = FL_DEC_SCALE / 2;
        for (int d = 0; d < num.decimals && d < 6; d++)
            h /= 10;
        fl_number hn = num;
        hn.value.micros = h > 0 ? h : 1;
        return fl_number_to_wanyuan(&hn, half) == 0;
    }
    return 0;
}

/* A 决算's two-sided 总表 of either kind, or -1. */
static int table_kind(const fl_table *t)
{
    const char *title = fl_table_title(t);
    if (title == NULL || strstr(title, "收入支出决算总表") == NULL)
        return -1;
    return strstr(title, "财政拨款") != NULL ? AY_FISCAL : AY_ALL;
}

static void collect(const fl_document *doc, carry out[2][2])
{
    memset(out, 0, 4 * sizeof out[0][0]);
    size_t nt = fl_doc_table_count(doc);
    for (size_t ti = 0; ti < nt; ti++) {
        const fl_table *t = fl_doc_table(doc, ti);
        int kind = table_kind(t);
        if (kind < 0)
            continue;
        size_t nrows = fl_table_row_count(t);
        for (size_t ri = fl_table_header_row_count(t); ri < nrows; ri++) {
            const fl_row *r = fl_table_row(t, ri);
            for (size_t col = 0; col < fl_row_cell_count(r); col++) {
                const fl_cell *cell = fl_row_cell(r, col);
                int which = cell ? carry_label(fl_cell_norm(cell)) : -1;
                fl_dec wan, half;
                if (which < 0 || !amount_after(t, r, col, &wan, &half))
                    continue;
                carry *c = &out[kind][which];
                if (c->found && fl_dec_cmp(c->wan, wan) != 0)
                    c->ambiguous = 1;
                if (!c->found) {
                    c->found = 1;
                    c->wan = wan;
                    c->half = half;
                    c->line = fl_row_line(r);
                    c->row = r;
                    c->table = t;
                }
            }
        }
    }
}

static fl_dec max_dec(fl_dec a, fl_dec b)
{
    return fl_dec_cmp(a, b) >= 0 ? a : b;
}

int ay_rule_carryover(const fl_document *doc, fl_report *rep)
{
    if (!(FL_KIND_BIT(fl_doc_kind_of(doc)) & FL_KINDS_FINAL) || fl_doc_year(doc) <= 0)
        return 0;
    const fl_document *last[8];
    size_t nlast = ay_last_year_docs(doc, FL_KINDS_FINAL, last, 8);
    if (nlast != 1) /* two of last year's 决算: which one is the unit's? */
        return 0;
    carry now[2][2], before[2][2];
    collect(doc, now);
    collect(last[0], before);
    static const char *const names[2] = { "收入支出决算总表", "财政拨款收入支出决算总表" };
    for (int k = 0; k < 2; k++) {
        const carry *b = &now[k][AY_BEGIN], *e = &before[k][AY_END];
        if (!b->found || b->ambiguous || !e->found || e->ambiguous)
            continue;
        fl_dec tol = fl_dec_add(b->half, e->half);
        tol = max_dec(tol, fl_dec_mul(max_dec(b->half, e->half), fl_dec_from_int(2)));
        if (fl_dec_cmp(fl_dec_abs(fl_dec_sub(b->wan, e->wan)), tol) <= 0)
            continue;
        char bv[32], ev[32], where[64];
        fl_dec_format(b->wan, 2, bv, sizeof bv);
        fl_dec_format(e->wan, 2, ev, sizeof ev);
        int page = fl_doc_line_page(last[0], e->line);
        if (page > 0)
            snprintf(where, sizeof where, "第%zu行（第%d页）", e->line, page);
        else
            snprintf(where, sizeof where, "第%zu行", e->line);
        fl_finding *f = fl_report_add(
            rep, "carryover", FL_SEV_WARNING,
            "%s的年初结转和结余为%s万元，但%d年决算《%s》%s%s的年末结转和结余为%s万元，"
            "两者应当相等",
            names[k], bv, fl_doc_year(last[0]), ay_doc_name(last[0]), names[k], where, ev);
        fl_finding_set_table(f, b->table);
        fl_finding_set_row(f, b->row);
        fl_finding_set_line(f, b->line, b->line);
        fl_finding_set_values(f, e->wan, b->wan);
        fl_finding_set_suggestion(f, "请核对两年的数字；如年初结转和结余经过调整，请在说明中"
                                     "写明调整的原因和金额");
    }
    return 0;
}
