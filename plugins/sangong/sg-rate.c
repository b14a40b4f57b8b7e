/* sg-rate.c — rule "rate": the narrative's 差异率, 完成预算的X%, 占X% and
 * 比上年增加/减少X万元，增长/下降Y% are recomputed from the amounts the
 * same sentence states (or, failing that, the narrative's or the table's
 * figure of the item).  A stated rate may be off by half a unit of its last
 * decimal plus rate-tolerance percentage points. */
#include <stdio.h>
#include <string.h>

#include "sg.h"

typedef struct rate_in {
    sg_ctx *c;
    const sg_fig *fig;   /* the stated rate or change */
    size_t index;        /* its index in c->narr.figs */
} rate_in;

/* An amount of item/role for the rate at `r`: the closest one before it in
 * its sentence, then the narrative's first, then the table's. */
static int amount(const rate_in *r, int item, int role, fl_dec *out)
{
    const sg_fig *f = sg_narr_prev(&r->c->narr, r->index, item, role);
    if (f == NULL)
        f = sg_narr_find(&r->c->narr, item, role, (size_t)-1);
    if (f) {
        *out = f->value;
        return 1;
    }
    int g = role == SG_R_BUDGET ? SG_BUDGET : SG_FINAL;
    if (r->c->ntables && r->c->tables[0].v[g][item].have) {
        *out = r->c->tables[0].v[g][item].wan;
        return 1;
    }
    return 0;
}

/* part / whole × 100; 0 when whole is zero. */
static int percent(fl_dec part, fl_dec whole, fl_dec *out)
{
    int ok;
    *out = fl_dec_div(fl_dec_mul(part, fl_dec_from_int(100)), whole, &ok);
    return ok && !fl_dec_is_zero(whole);
}

static int close_enough(const rate_in *r, fl_dec computed, fl_dec stated)
{
    int64_t half = 5 * FL_DEC_SCALE / 10;
    for (int d = 0; d < r->fig->decimals && d < 6; d++)
        half /= 10;
    fl_dec tol = fl_dec_add((fl_dec){ half }, r->c->opt->rate_tolerance);
    return fl_dec_cmp(fl_dec_abs(fl_dec_sub(computed, stated)), tol) <= 0;
}

/* "下降6.00%" for a rate stated with a direction word, else as written. */
static const char *shown_rate(fl_dec v, int places, int words, char *buf, size_t size)
{
    char num[32];
    if (!words) {
        fl_dec_format(v, places, num, sizeof num);
        snprintf(buf, size, "%s%%", num);
    } else {
        fl_dec_format(fl_dec_abs(v), places, num, sizeof num);
        snprintf(buf, size, "%s%s%%", v.micros < 0 ? "下降" : "增长", num);
    }
    return buf;
}

static void report(const rate_in *r, const char *what, const char *formula, fl_dec computed,
                   int unit_percent)
{
    char b1[64], b2[64];
    if (fl_dec_out_of_range(computed) || fl_dec_out_of_range(r->fig->value)) {
        /* a garbage rate is worse than none: say it cannot be computed */
        sg_out_of_range(r->c, NULL, r->fig->line);
        return;
    }
    int places = r->fig->decimals > 2 ? r->fig->decimals : 2;
    fl_dec shown = unit_percent ? fl_dec_round(computed, places) : computed;
    int words = r->fig->role == SG_R_YOY_RATE;
    const char *stated = words ? shown_rate(r->fig->value, r->fig->decimals, 1, b2, sizeof b2)
                               : r->fig->text;
    const char *want = unit_percent ? shown_rate(shown, 2, words, b1, sizeof b1)
                                    : fl_dec_format(shown, 2, b1, sizeof b1);
    fl_finding *f = fl_report_add(r->c->rep, "rate", FL_SEV_ERROR, "%s%s写作%s，按%s复算应为%s%s。",
                                  sg_item_name(r->fig->item), what, stated, formula, want,
                                  unit_percent ? "" : "万元");
    fl_finding_set_values(f, shown, r->fig->value);
    fl_finding_set_line(f, r->fig->line, r->fig->line);
    fl_finding_set_suggestion(f, "按%s重新计算%s，并核对相关金额。", formula, what);
}

static void share(const rate_in *r)
{
    const sg_fig *fig = r->fig;
    if (fig->item == SG_TOTAL)
        return; /* 占 of some other base (部门支出 …): not ours to check */
    int role = SG_R_FINAL;
    const sg_fig *part = sg_narr_prev(&r->c->narr, r->index, fig->item, SG_R_FINAL);
    if (part == NULL) {
        part = sg_narr_prev(&r->c->narr, r->index, fig->item, SG_R_BUDGET);
        role = SG_R_BUDGET;
    }
    fl_dec whole, computed;
    if (part == NULL || !amount(r, SG_TOTAL, role, &whole) ||
        !percent(part->value, whole, &computed))
        return;
    if (close_enough(r, computed, fig->value))
        return;
    fl_dec car, alt;
    if ((fig->item == SG_CAR_BUY || fig->item == SG_CAR_RUN) && amount(r, SG_CAR, role, &car) &&
        percent(part->value, car, &alt) && close_enough(r, alt, fig->value))
        return;
    report(r, "占比", "该项金额÷“三公”经费合计×100%", computed, 1);
}

static void yoy(const rate_in *r)
{
    const sg_fig *fig = r->fig;
    const sg_fig *change = sg_narr_prev(&r->c->narr, r->index, fig->item, SG_R_YOY_AMOUNT);
    const sg_fig *cur = sg_narr_prev(&r->c->narr, r->index, fig->item, SG_R_FINAL);
    const sg_fig *prev = sg_narr_prev(&r->c->narr, r->index, fig->item, SG_R_PREV);
    if (cur == NULL)
        cur = sg_narr_prev(&r->c->narr, r->index, fig->item, SG_R_BUDGET);
    if (cur == NULL)
        return;
    fl_dec last, delta, computed;
    if (change) {
        delta = change->value;
        last = fl_dec_sub(cur->value, delta);
    } else if (prev) {
        last = prev->value;
        delta = fl_dec_sub(cur->value, last);
    } else {
        return;
    }
    if (fl_dec_is_zero(last) || last.micros < 0)
        return; /* 增长 from nothing: no rate to check */
    if (!percent(delta, last, &computed))
        return;
    if (close_enough(r, computed, fig->value))
        return;
    report(r, "比上年增减幅度", "增减额÷上年数×100%", computed, 1);
}

/* 差异率 and 完成预算的X%. */
static void versus_budget(const rate_in *r, int completion)
{
    const sg_fig *fig = r->fig;
    fl_dec b, f, computed;
    if (!amount(r, fig->item, SG_R_BUDGET, &b) || !amount(r, fig->item, SG_R_FINAL, &f))
        return;
    if (fl_dec_is_zero(b))
        return; /* no budget: no rate */
    if (completion) {
        if (!percent(f, b, &computed) || close_enough(r, computed, fig->value))
            return;
        report(r, "完成预算比例", "决算数÷预算数×100%", computed, 1);
        return;
    }
    if (!percent(fl_dec_sub(f, b), b, &computed))
        return;
    if (close_enough(r, computed, fig->value))
        return;
    /* Written without a sign, a rate may mean the size of the gap. */
    if (!fig->explicit_sign && close_enough(r, fl_dec_abs(computed), fig->value))
        return;
    report(r, "预决算差异率", "（决算数−预算数）÷预算数×100%", computed, 1);
}

static void budget_amount(const rate_in *r)
{
    const sg_fig *fig = r->fig;
    fl_dec b, f;
    if (!amount(r, fig->item, SG_R_BUDGET, &b) || !amount(r, fig->item, SG_R_FINAL, &f))
        return;
    fl_dec computed = fl_dec_sub(f, b);
    if (fl_dec_cmp(computed, fig->value) == 0 ||
        fl_dec_cmp(fl_dec_abs(computed), fl_dec_abs(fig->value)) == 0)
        return;
    report(r, "决算数与预算数之差", "决算数−预算数", computed, 0);
}

void sg_rule_rate(sg_ctx *c)
{
    for (size_t i = 0; i < c->narr.nfigs; i++) {
        rate_in r = { c, &c->narr.figs[i], i };
        switch (r.fig->role) {
        case SG_R_SHARE: share(&r); break;
        case SG_R_YOY_RATE: yoy(&r); break;
        case SG_R_DIFF_RATE: versus_budget(&r, 0); break;
        case SG_R_COMPLETION: versus_budget(&r, 1); break;
        case SG_R_BUD_AMOUNT: budget_amount(&r); break;
        default: break;
        }
    }
}
