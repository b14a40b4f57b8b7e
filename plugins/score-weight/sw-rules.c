/* sw-rules.c — the checks made inside one 绩效自评表: scores within their
 * 分值, the 分值 adding up to full marks, the stated total, the funding
 * score and the table's own grade. */
#include <stdio.h>
#include <string.h>

#include "sw.h"

static fl_dec pow10_half(int decimals)
{
    /* half a unit in the last written decimal: 0.005 for 2 decimals */
    int64_t unit = FL_DEC_SCALE;

    if (decimals < 0)
        decimals = 0;
    for (int i = 0; i < decimals && i < 6; i++)
        unit /= 10;
    return (fl_dec){ unit / 2 };
}

static const char *eval_name(const sw_eval *e)
{
    return e->label;
}

static void locate(fl_finding *f, const sw_eval *e, const fl_row *r)
{
    fl_finding_set_table(f, e->table);
    if (r)
        fl_finding_set_row(f, r);
    else
        fl_finding_set_line(f, e->line, e->end_line);
}

static void check_indicator_range(const sw_eval *e, const sw_indicator *in,
                                  fl_report *rep)
{
    fl_finding *f;

    if (fl_dec_cmp(in->score, in->weight) > 0) {
        f = fl_report_add(rep, "score-above-weight", FL_SEV_ERROR,
                          "%s中指标“%s”得分%s超过其分值%s",
                          eval_name(e), in->name, sw_fmt(in->score), sw_fmt(in->weight));
        locate(f, e, in->row);
        fl_finding_set_row_label(f, in->name);
        fl_finding_set_column(f, "得分");
        fl_finding_set_values(f, in->weight, in->score);
        fl_finding_set_suggestion(f, "指标得分最高不能超过该指标分值上限，请按完成情况重新计算得分（不超过%s分）。",
                                  sw_fmt(in->weight));
    }
    if (in->score.micros < 0) {
        f = fl_report_add(rep, "negative-score", FL_SEV_ERROR,
                          "%s中指标“%s”得分为负数%s",
                          eval_name(e), in->name, sw_fmt(in->score));
        locate(f, e, in->row);
        fl_finding_set_row_label(f, in->name);
        fl_finding_set_column(f, "得分");
        fl_finding_set_values(f, fl_dec_from_int(0), in->score);
        fl_finding_set_suggestion(f, "指标得分应在0至该指标分值之间，请更正。");
    }
}

static void check_weights(const sw_eval *e, const sw_options *o, fl_report *rep)
{
    fl_dec sum = { 0 }, expected_ind, total, full = o->max_total;
    fl_finding *f;

    for (size_t i = 0; i < e->nind; i++)
        sum = fl_dec_add(sum, e->ind[i].weight);
    if (e->has_funding) {
        expected_ind = fl_dec_sub(full, e->fund_weight);
        total = fl_dec_add(sum, e->fund_weight);
    } else {
        /* Without a funding block the indicators alone may carry the full
         * 100, or the 90 left after a funding block shown elsewhere. */
        expected_ind = full;
        if (fl_dec_cmp(sum, fl_dec_sub(full, fl_dec_from_int(10))) == 0)
            return;
        total = sum;
    }
    if (fl_dec_cmp(sum, expected_ind) == 0)
        return;
    if (e->has_funding) {
        char stated[64] = "";
        if (e->has_total_weight)
            snprintf(stated, sizeof stated, "（合计行写作%s）", sw_fmt(e->total_weight));
        f = fl_report_add(rep, "weights-sum", FL_SEV_ERROR,
                          "%s各指标分值合计%s，应为%s；加上预算执行率分值%s，总分值为%s，应为%s%s",
                          eval_name(e), sw_fmt(sum), sw_fmt(expected_ind),
                          sw_fmt(e->fund_weight), sw_fmt(total), sw_fmt(full), stated);
    } else {
        f = fl_report_add(rep, "weights-sum", FL_SEV_ERROR,
                          "%s各指标分值合计%s，应为%s",
                          eval_name(e), sw_fmt(sum), sw_fmt(full));
    }
    locate(f, e, NULL);
    fl_finding_set_column(f, "分值");
    fl_finding_set_values(f, e->has_funding ? full : expected_ind, total);
    if (e->has_funding)
        fl_finding_add_addend(f, "预算执行率", e->fund_weight);
    for (size_t i = 0; i < e->nind; i++)
        fl_finding_add_addend(f, e->ind[i].name, e->ind[i].weight);
    fl_finding_set_suggestion(f, "各项指标分值之和应为%s分（与预算执行率%s分合计%s分），请核对并调整各指标分值。",
                              sw_fmt(expected_ind),
                              sw_fmt(e->has_funding ? e->fund_weight : fl_dec_from_int(0)),
                              sw_fmt(full));
}

static void check_total(const sw_eval *e, fl_report *rep)
{
    fl_dec sum = { 0 }, diff, tol_fmt, tol_round;
    size_t n = e->nind;
    fl_finding *f;
    fl_severity sev;

    if (!e->has_total_score)
        return;
    for (size_t i = 0; i < e->nind; i++)
        sum = fl_dec_add(sum, e->ind[i].score);
    if (e->has_funding) {
        sum = fl_dec_add(sum, e->fund_score);
        n++;
    }
    diff = fl_dec_abs(fl_dec_sub(e->total_score, sum));
    tol_fmt = pow10_half(e->total_decimals);
    tol_round = (fl_dec){ (int64_t)n * 10000 };  /* 0.01 per addend */
    if (fl_dec_cmp(diff, tol_fmt) <= 0)
        return;
    sev = fl_dec_cmp(diff, tol_round) <= 0 ? FL_SEV_INFO : FL_SEV_ERROR;
    if (sev == FL_SEV_INFO)
        f = fl_report_add(rep, "total-mismatch", sev,
                          "%s总分%s与各项得分之和%s相差%s，属尾数误差",
                          eval_name(e), sw_fmt(e->total_score), sw_fmt(sum), sw_fmt(diff));
    else
        f = fl_report_add(rep, "total-mismatch", sev,
                          "%s总分写作%s，但%s之和为%s，相差%s",
                          eval_name(e), sw_fmt(e->total_score),
                          e->has_funding ? "预算执行率得分与各指标得分" : "各指标得分",
                          sw_fmt(sum), sw_fmt(diff));
    locate(f, e, e->total_row);
    fl_finding_set_column(f, "得分");
    fl_finding_set_values(f, sum, e->total_score);
    if (e->has_funding)
        fl_finding_add_addend(f, "预算执行率得分", e->fund_score);
    for (size_t i = 0; i < e->nind; i++)
        fl_finding_add_addend(f, e->ind[i].name, e->ind[i].score);
    fl_finding_set_suggestion(f, "总分应等于预算执行率得分加各指标得分之和（%s），请更正总分或核对各项得分，并同步更正汇总表和文字说明中的自评得分。",
                              sw_fmt(sum));
}

static void check_funding(const sw_eval *e, fl_report *rep)
{
    fl_dec rate = { 0 }, expected, from_stated = { 0 }, hundred = fl_dec_from_int(100);
    fl_dec one = fl_dec_from_int(1), tol;
    int ok = 0, have_stated = 0;
    fl_finding *f;

    if (!e->has_funding || e->fund_weight.micros <= 0)
        return;
    if (e->has_ab && e->fund_a.micros > 0) {
        rate = fl_dec_div(e->fund_b, e->fund_a, &ok);
    }
    if (!ok) {
        if (!e->has_rate)
            return;
        rate = fl_dec_div(e->fund_rate, hundred, &ok);
        if (!ok)
            return;
    }
    if (fl_dec_cmp(rate, one) > 0)
        rate = one;
    if (rate.micros < 0)
        rate.micros = 0;
    expected = fl_dec_mul(rate, e->fund_weight);
    tol = pow10_half(e->fund_score_decimals);
    tol.micros += 1;
    if (fl_dec_cmp(fl_dec_abs(fl_dec_sub(expected, e->fund_score)), tol) <= 0)
        return;
    /* Some tables score from the rounded 执行率 they print: accept it. */
    if (e->has_rate) {
        fl_dec r2 = fl_dec_div(e->fund_rate, hundred, &ok);
        if (ok) {
            if (fl_dec_cmp(r2, one) > 0)
                r2 = one;
            from_stated = fl_dec_mul(r2, e->fund_weight);
            have_stated = 1;
        }
    }
    if (have_stated
        && fl_dec_cmp(fl_dec_abs(fl_dec_sub(from_stated, e->fund_score)), tol) <= 0)
        return;
    expected = fl_dec_round(expected, e->fund_score_decimals < 2 ? 2 : e->fund_score_decimals);
    if (e->has_ab)
        f = fl_report_add(rep, "funding-score", FL_SEV_ERROR,
                          "%s预算执行率得分%s有误：全年执行数%s/全年预算数%s，得分应为min(执行率,100%%)×%s=%s",
                          eval_name(e), sw_fmt(e->fund_score), sw_fmt(e->fund_b),
                          sw_fmt(e->fund_a), sw_fmt(e->fund_weight), sw_fmt(expected));
    else
        f = fl_report_add(rep, "funding-score", FL_SEV_ERROR,
                          "%s预算执行率得分%s有误：执行率%s%%，得分应为%s",
                          eval_name(e), sw_fmt(e->fund_score), sw_fmt(e->fund_rate),
                          sw_fmt(expected));
    locate(f, e, e->funding_row);
    fl_finding_set_column(f, "得分");
    fl_finding_set_values(f, expected, e->fund_score);
    fl_finding_set_suggestion(f, "预算执行率得分 = min(全年执行数/全年预算数, 100%%) × 分值，请按此重新计算。");
}

static void check_total_range(const sw_eval *e, const sw_options *o, fl_report *rep)
{
    fl_finding *f;

    if (!e->has_total_score)
        return;
    if (fl_dec_cmp(e->total_score, o->max_total) > 0) {
        f = fl_report_add(rep, "total-above-100", FL_SEV_ERROR,
                          "%s总分%s超过满分%s",
                          eval_name(e), sw_fmt(e->total_score), sw_fmt(o->max_total));
        locate(f, e, e->total_row);
        fl_finding_set_values(f, o->max_total, e->total_score);
        fl_finding_set_suggestion(f, "自评总分不能超过%s分，请核对各项得分后更正。", sw_fmt(o->max_total));
    }
    if (e->grade) {
        const char *g = sw_grade_of(o, e->total_score);
        if (strcmp(g, e->grade) != 0) {
            f = fl_report_add(rep, "grade-mismatch", FL_SEV_ERROR,
                              "%s总分%s分应评为“%s”，表中自评等级为“%s”",
                              eval_name(e), sw_fmt(e->total_score), g, e->grade);
            locate(f, e, e->total_row);
            fl_finding_set_column(f, "自评等级");
            fl_finding_set_expected_text(f, g);
            fl_finding_set_actual_text(f, e->grade);
            fl_finding_set_suggestion(f, "按评分标准（优≥%s分，良%s–%s分，中%s–%s分，差<%s分）更正自评等级。",
                                      sw_fmt(o->excellent), sw_fmt(o->good), sw_fmt(o->excellent),
                                      sw_fmt(o->pass), sw_fmt(o->good), sw_fmt(o->pass));
        }
    }
}

/* The weights or the scores add up beyond what an fl_dec holds exactly (a
 * hostile or garbled table: real ones add up to 100): one info for the
 * table instead of sums with garbage numbers.  1 if so. */
static int sums_out_of_range(const sw_eval *e, fl_report *rep)
{
    fl_dec w = e->has_funding ? e->fund_weight : fl_dec_from_int(0);
    fl_dec s = e->has_funding ? e->fund_score : fl_dec_from_int(0);
    for (size_t i = 0; i < e->nind; i++) {
        w = fl_dec_add(w, e->ind[i].weight);  /* out of range is sticky */
        s = fl_dec_add(s, e->ind[i].score);
    }
    if (!fl_dec_out_of_range(w) && !fl_dec_out_of_range(s) &&
        !(e->has_total_score && fl_dec_out_of_range(fl_dec_sub(e->total_score, s))))
        return 0;
    fl_finding *f = fl_report_add(rep, "out-of-range", FL_SEV_INFO,
        "%s的分值或得分超出可精确计算的范围（绝对值超过约9.2万亿），"
        "分值合计与总分未予核对", eval_name(e));
    locate(f, e, NULL);
    fl_finding_set_suggestion(f, "请核对分值、得分是否多写了数位（各指标分值之和应为100分）。");
    return 1;
}

void sw_check_eval(const sw_eval *e, const sw_options *o, fl_report *rep)
{
    if (e->has_funding && fl_dec_cmp(e->fund_score, e->fund_weight) > 0) {
        fl_finding *f = fl_report_add(rep, "score-above-weight", FL_SEV_ERROR,
                                      "%s预算执行率得分%s超过其分值%s",
                                      eval_name(e), sw_fmt(e->fund_score), sw_fmt(e->fund_weight));
        locate(f, e, e->funding_row);
        fl_finding_set_column(f, "得分");
        fl_finding_set_values(f, e->fund_weight, e->fund_score);
        fl_finding_set_suggestion(f, "预算执行率得分最高为%s分，请更正。", sw_fmt(e->fund_weight));
    }
    for (size_t i = 0; i < e->nind; i++) {
        check_indicator_range(e, &e->ind[i], rep);
        sw_check_contradiction(e, &e->ind[i], rep);
    }
    if (!sums_out_of_range(e, rep)) {
        check_weights(e, o, rep);
        check_total(e, rep);
    }
    check_funding(e, rep);
    check_total_range(e, o, rep);
}
