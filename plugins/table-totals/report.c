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
            "表格“%s”中的金额超出可精确计算的范围（绝对值超过10的25次方，按表中单位计），"
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
    free(c->kinds);
    c->kinds = NULL;
    tt_entries_free(&c->entries);
    c->entries_table = NULL;
    tt_summary_cache_free(c);
    tt_row_identity_cache_free(c);
}

static fl_wide wide_of(fl_dec d)
{
    return fl_wide_from_dec(d, NULL);
}

static int wide_is_zero(fl_wide a)
{
    return a.hi == 0 && a.lo == 0;
}

/* |a| <= lim */
static int within(fl_wide a, fl_wide lim)
{
    return fl_wide_cmp(fl_wide_abs(a), lim) <= 0;
}

/* The exact value of a figure: its fl_dec when in range, else its cell
 * read again as an fl_wide (negated for a subtracted addend, whose fl_dec
 * is already negated).  1 when known. */
static int exact_value(fl_dec v, const fl_cell *cell, int minus, fl_wide *out)
{
    int ok;
    *out = fl_wide_from_dec(v, &ok);
    if (ok)
        return 1;
    if (cell == NULL || !fl_cell_wide(cell, out))
        return 0;
    return !minus || fl_wide_sub(wide_of((fl_dec){ 0 }), *out, out) == 0;
}

/* 1 when one figure is half or double the other (to the rounding): the
 * mark of a row read twice or a subtotal counted with its parts. */
static int half_or_double(fl_wide expected, fl_wide actual, fl_wide lim)
{
    fl_wide e2, a2, lim2, d1, d2;
    if (wide_is_zero(expected) || wide_is_zero(actual) ||
        within(expected, lim) || within(actual, lim))
        return 0;
    if (fl_wide_add(expected, expected, &e2) != 0 ||
        fl_wide_add(actual, actual, &a2) != 0 ||
        fl_wide_add(lim, lim, &lim2) != 0 ||
        fl_wide_sub(e2, actual, &d1) != 0 || fl_wide_sub(a2, expected, &d2) != 0)
        return 0;
    return within(d1, lim2) || within(d2, lim2);
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

/* The figure cannot be computed exactly: say so once, compare nothing. */
static void unknown(tt_ctx *c, const tt_where *w)
{
    tt_out_of_range(c, w != NULL ? w->table : NULL,
                    w != NULL ? w->para : NULL, 0);
}

/* Expected and actual as values when both fit an fl_dec (as always
 * before), else as exact text. */
static void set_values(fl_finding *f, fl_wide expected, fl_wide actual,
                       const char *e, const char *a)
{
    fl_dec de, da;
    if (fl_wide_to_dec(expected, &de) == 0 && fl_wide_to_dec(actual, &da) == 0) {
        fl_finding_set_values(f, de, da);
        return;
    }
    fl_finding_set_expected_text(f, e);
    fl_finding_set_actual_text(f, a);
}

static fl_finding *emit(tt_ctx *c, const char *rule, const tt_where *w,
                        const char *what, fl_wide expected, fl_wide actual,
                        size_t n, const char *why, int *sev_out)
{
    fl_wide diff;
    char e[64], a[64], d[64], tol[32];
    *sev_out = 0;
    if (fl_wide_sub(actual, expected, &diff) != 0) {
        unknown(c, w);
        return NULL;
    }
    c->checked++;
    if (wide_is_zero(diff))
        return NULL;
    fl_dec lim = allowance(c, n);
    int ok;
    fl_wide wlim = fl_wide_from_dec(lim, &ok);
    if (!ok) /* an allowance beyond fl_dec (configured so) tolerates all */
        wlim = (fl_wide){ INT64_MAX, UINT64_MAX };
    int rounding = within(diff, wlim);
    if (c->dry) {
        c->noted++;
        if (!rounding) {
            c->failed++;
            if (half_or_double(expected, actual, wlim))
                c->halved++;
        }
        *sev_out = rounding ? FL_SEV_INFO : FL_SEV_ERROR;
        return NULL;
    }
    fl_wide_format(expected, 2, e, sizeof e);
    fl_wide_format(actual, 2, a, sizeof a);
    fl_wide_format(diff, 2, d, sizeof d);
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
    set_values(f, expected, actual, e, a);
    return f;
}

int tt_addends_sum(const tt_addend *add, size_t n, fl_wide *sum)
{
    fl_wide v;
    *sum = wide_of((fl_dec){ 0 });
    for (size_t i = 0; i < n; i++)
        if (!exact_value(add[i].value, add[i].cell, add[i].minus, &v) ||
            fl_wide_add(*sum, v, sum) != 0)
            return 0;
    return 1;
}

int tt_sum_known(tt_ctx *c, const tt_where *w, fl_dec actual, const fl_wide *sum)
{
    fl_wide act, diff;
    if (sum == NULL || !exact_value(actual, w != NULL ? w->cell : NULL, 0, &act) ||
        fl_wide_sub(act, *sum, &diff) != 0) {
        unknown(c, w);
        return 1;
    }
    if (!wide_is_zero(diff))
        return 0;
    c->checked++;   /* what tt_check_sum counts for a sum that holds */
    return 1;
}

int tt_check_sum(tt_ctx *c, const char *rule, const tt_where *w,
                 const char *what, fl_dec actual,
                 const tt_addend *add, size_t n)
{
    fl_wide sum, act;
    if (!tt_addends_sum(add, n, &sum)) {
        unknown(c, w);
        return 0;
    }
    int listable = n <= TT_LISTED_MAX; /* and every addend fits an fl_dec */
    for (size_t i = 0; listable && i < n; i++)
        listable &= !fl_dec_out_of_range(add[i].value);
    if (!exact_value(actual, w != NULL ? w->cell : NULL, 0, &act)) {
        unknown(c, w);
        return 0;
    }
    int sev;
    fl_finding *f = emit(c, rule, w, what, sum, act, n,
                         "各组成项合计为", &sev);
    /* addends beyond fl_dec have no place in the list: the message and
     * expected/actual still say everything */
    if (f != NULL && listable)
        for (size_t i = 0; i < n; i++)
            fl_finding_add_addend(f, add[i].label, add[i].value);
    return sev;
}

int tt_check_known_sum(tt_ctx *c, const char *rule, const tt_where *w,
                       const char *what, fl_dec actual, const fl_wide *sum, size_t n)
{
    fl_wide act;
    if (!exact_value(actual, w != NULL ? w->cell : NULL, 0, &act)) {
        unknown(c, w);
        return 0;
    }
    int sev;
    (void)emit(c, rule, w, what, *sum, act, n, "各组成项合计为", &sev);
    return sev;
}

int tt_sum_held(tt_ctx *c, const tt_addend *add, size_t n, fl_dec actual)
{
    /* in int64 while the sum fits, which it almost always does: the
     * same answer as the fl_wide sum below, without a call per addend */
    int64_t quick = 0;
    size_t i = 0;
    for (; i < n; i++) {
        if (fl_dec_out_of_range(add[i].value))
            return 0;
        if (__builtin_add_overflow(quick, add[i].value.micros, &quick))
            break;
    }
    if (i == n) {
        if (fl_dec_out_of_range(actual) || quick != actual.micros)
            return 0;
        c->checked++;
        return 1;
    }
    fl_wide sum = wide_of((fl_dec){ 0 }), v, act, diff;
    int ok;
    for (i = 0; i < n; i++) {
        v = fl_wide_from_dec(add[i].value, &ok);
        if (!ok || fl_wide_add(sum, v, &sum) != 0)
            return 0;
    }
    act = fl_wide_from_dec(actual, &ok);
    if (!ok || fl_wide_sub(act, sum, &diff) != 0 || !wide_is_zero(diff))
        return 0;
    c->checked++;   /* what tt_check_sum counts for a sum that holds */
    return 1;
}

int tt_check_equal(tt_ctx *c, const char *rule, const tt_where *w,
                   const char *what, fl_dec expected, fl_dec actual,
                   size_t n, const char *why)
{
    fl_wide e, a;
    int sev;
    if (!exact_value(expected, w != NULL ? w->expected_cell : NULL, 0, &e) ||
        !exact_value(actual, w != NULL ? w->cell : NULL, 0, &a)) {
        unknown(c, w);
        return 0;
    }
    (void)emit(c, rule, w, what, e, a, n, why, &sev);
    return sev;
}
