/* report.c — the one place that decides error vs rounding (尾数误差). */
#include <stdio.h>
#include <stdlib.h>

#include "tt.h"

const char *tt_fmt(fl_dec d, char *buf, size_t size)
{
    return fl_dec_format(d, 2, buf, size);
}

/* Allowance for n addends: per_addend × n (at least one addend). */
static fl_dec allowance(const tt_ctx *c, size_t n)
{
    return fl_dec_mul(c->opt->per_addend, fl_dec_from_int((int64_t)(n > 0 ? n : 1)));
}

int tt_any_out_of_range(const fl_dec *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fl_dec_out_of_range(v[i]))
            return 1;
    return 0;
}

static int seen(tt_ctx *c, const void *key)
{
    for (size_t i = 0; i < c->oor_count; i++)
        if (c->oor_seen[i] == key)
            return 1;
    if (c->oor_count == c->oor_cap) {
        size_t cap = c->oor_cap ? c->oor_cap * 2 : 8;
        const void **grown = realloc(c->oor_seen, cap * sizeof *grown);
        if (grown == NULL)
            return 1; /* out of memory: say nothing rather than repeat */
        c->oor_seen = grown;
        c->oor_cap = cap;
    }
    c->oor_seen[c->oor_count++] = key;
    return 0;
}

void tt_out_of_range(tt_ctx *c, const fl_table *t, const fl_paragraph *p,
                     size_t line)
{
    if (c->dry) {
        c->out_of_range++;
        return;
    }
    const void *key = t != NULL ? (const void *)t : (const void *)p;
    if (key == NULL)
        key = c->doc;
    if (seen(c, key))
        return;
    fl_finding *f;
    if (t != NULL) {
        const char *title = fl_table_title(t);
        f = fl_report_add(c->rep, "out-of-range", FL_SEV_INFO,
            "表格“%s”中的金额超出可精确计算的范围（绝对值超过约9.2万亿，按表中单位计），"
            "涉及这些金额的合计与勾稽关系未予核对",
            title != NULL && title[0] != '\0' ? title : "（无标题）");
        size_t first = fl_table_line(t), end = fl_table_end_line(t);
        if (line == 0 && first > 0)
            fl_finding_set_line(f, first, end >= first ? end : first);
        fl_finding_set_table(f, t);
    } else {
        f = fl_report_add(c->rep, "out-of-range", FL_SEV_INFO,
            "说明文字中的金额超出可精确计算的范围（绝对值超过约9.2万亿，按所写单位计），"
            "涉及这些金额的合计、占比和增减幅度未予核对");
        if (line == 0 && p != NULL)
            line = fl_paragraph_line(p);
        if (p != NULL && fl_paragraph_section(p) != NULL)
            fl_finding_set_section(f, fl_paragraph_section(p));
    }
    if (line > 0)
        fl_finding_set_line(f, line, line);
    fl_finding_set_suggestion(f,
        "请核对这些金额是否多写了数位或用错了单位；如确为此数，"
        "请人工核对相关合计。");
}

void tt_ctx_free(tt_ctx *c)
{
    free(c->oor_seen);
    c->oor_seen = NULL;
    c->oor_count = c->oor_cap = 0;
}

/* 1 when one figure is half or double the other (to the rounding): the
 * mark of a row read twice or a subtotal counted with its parts. */
static int half_or_double(fl_dec expected, fl_dec actual, fl_dec lim)
{
    if (fl_dec_is_zero(expected) || fl_dec_is_zero(actual) ||
        fl_dec_cmp(fl_dec_abs(expected), lim) <= 0 ||
        fl_dec_cmp(fl_dec_abs(actual), lim) <= 0)
        return 0;
    fl_dec two = fl_dec_from_int(2);
    fl_dec d1 = fl_dec_sub(fl_dec_mul(expected, two), actual);
    fl_dec d2 = fl_dec_sub(fl_dec_mul(actual, two), expected);
    fl_dec lim2 = fl_dec_mul(lim, two);
    return fl_dec_cmp(fl_dec_abs(d1), lim2) <= 0 ||
           fl_dec_cmp(fl_dec_abs(d2), lim2) <= 0;
}

static void locate(fl_finding *f, const tt_where *w)
{
    if (w == NULL)
        return;
    if (w->line > 0)
        fl_finding_set_line(f, w->line, w->line);
    if (w->row != NULL)
        fl_finding_set_row(f, w->row);
    if (w->row_label != NULL)
        fl_finding_set_row_label(f, w->row_label);
    if (w->table != NULL)
        fl_finding_set_table(f, w->table);
    if (w->column != NULL)
        fl_finding_set_column(f, w->column);
}

static fl_finding *emit(tt_ctx *c, const char *rule, const tt_where *w,
                        const char *what, fl_dec expected, fl_dec actual,
                        size_t n, const char *why, int *sev_out)
{
    fl_dec diff = fl_dec_sub(actual, expected);
    char e[32], a[32], d[32], tol[32];
    *sev_out = 0;
    if (fl_dec_out_of_range(expected) || fl_dec_out_of_range(actual) ||
        fl_dec_out_of_range(diff)) {
        /* no garbage difference: say once that it cannot be computed */
        tt_out_of_range(c, w != NULL ? w->table : NULL,
                        w != NULL ? w->para : NULL, 0);
        return NULL;
    }
    c->checked++;
    if (fl_dec_is_zero(diff))
        return NULL;
    fl_dec lim = allowance(c, n);
    int rounding = fl_dec_cmp(fl_dec_abs(diff), lim) <= 0;
    if (c->dry) {
        if (!rounding) {
            c->failed++;
            if (half_or_double(expected, actual, lim))
                c->halved++;
        }
        *sev_out = rounding ? FL_SEV_INFO : FL_SEV_ERROR;
        return NULL;
    }
    tt_fmt(expected, e, sizeof e);
    tt_fmt(actual, a, sizeof a);
    tt_fmt(diff, d, sizeof d);
    tt_fmt(lim, tol, sizeof tol);
    fl_finding *f;
    if (rounding) {
        f = fl_report_add(c->rep, rule, FL_SEV_INFO,
                          "%s：填列 %s，%s %s，相差 %s，在尾数误差范围内（%s）",
                          what, a, why, e, d, tol);
        fl_finding_set_suggestion(f,
            "差额由元折算为万元时四舍五入造成，可不修改；"
            "建议在表下注明“本表金额单位转换时可能存在尾数误差”。");
        *sev_out = FL_SEV_INFO;
    } else {
        f = fl_report_add(c->rep, rule, FL_SEV_ERROR,
                          "%s：填列 %s，%s %s，相差 %s",
                          what, a, why, e, d);
        fl_finding_set_suggestion(f,
            "请核对该数及其组成项的填报数据，更正填错的一方，"
            "使两者一致；同时检查引用该数的其他表格和说明文字。");
        *sev_out = FL_SEV_ERROR;
    }
    locate(f, w);
    fl_finding_set_values(f, expected, actual);
    return f;
}

int tt_check_sum(tt_ctx *c, const char *rule, const tt_where *w,
                 const char *what, fl_dec actual,
                 const tt_addend *add, size_t n)
{
    fl_dec sum = { 0 };
    for (size_t i = 0; i < n; i++)
        sum = fl_dec_add(sum, add[i].value);
    int sev;
    fl_finding *f = emit(c, rule, w, what, sum, actual, n,
                         "各组成项合计为", &sev);
    if (f != NULL)
        for (size_t i = 0; i < n; i++)
            fl_finding_add_addend(f, add[i].label, add[i].value);
    return sev;
}

int tt_check_equal(tt_ctx *c, const char *rule, const tt_where *w,
                   const char *what, fl_dec expected, fl_dec actual,
                   size_t n, const char *why)
{
    int sev;
    (void)emit(c, rule, w, what, expected, actual, n, why, &sev);
    return sev;
}
