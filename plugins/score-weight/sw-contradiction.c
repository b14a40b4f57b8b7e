/* sw-contradiction.c — scores that contradict their own row: a target
 * missed (completion below 100 %, a ≤ cap exceeded, a deadline passed)
 * yet given full marks, or a reverse (≤) target met yet docked. */
#include <stdio.h>
#include <string.h>

#include "sw.h"

static const char *eval_name(const sw_eval *e)
{
    return e->label;
}

static fl_finding *add(fl_report *rep, const sw_eval *e, const sw_indicator *in,
                       fl_severity sev, const char *what, const fl_dec *expected)
{
    fl_finding *f = fl_report_add(rep, "score-contradiction", sev,
                                  "%s指标“%s”（目标%s，实际%s）%s，得分%s（分值%s）",
                                  eval_name(e), in->name,
                                  *in->target ? in->target : "未填",
                                  *in->actual ? in->actual : "未填",
                                  what, sw_fmt(in->score), sw_fmt(in->weight));
    fl_finding_set_table(f, e->table);
    fl_finding_set_row(f, in->row);
    fl_finding_set_row_label(f, in->name);
    fl_finding_set_column(f, "得分");
    if (expected)
        fl_finding_set_values(f, *expected, in->score);
    return f;
}

/* Score the formula gives for a completion ratio (capped at 1). */
static fl_dec formula(fl_dec ratio, fl_dec weight)
{
    fl_dec one = fl_dec_from_int(1);

    if (fl_dec_cmp(ratio, one) > 0)
        ratio = one;
    if (ratio.micros < 0)
        ratio.micros = 0;
    return fl_dec_round(fl_dec_mul(ratio, weight), 2);
}

int sw_is_timeliness(const sw_indicator *in)
{
    return strstr(in->level2, "时效") || strstr(in->name, "时间") || strstr(in->name, "时限")
           || strstr(in->name, "期限") || strstr(in->name, "截止");
}

void sw_check_contradiction(const sw_eval *e, const sw_indicator *in,
                            fl_report *rep)
{
    int full = fl_dec_cmp(in->score, in->weight) == 0;
    int docked = fl_dec_cmp(in->score, in->weight) < 0;
    fl_dec hundred = fl_dec_from_int(100);
    sw_value t, a;
    fl_finding *f;
    int ok = 0;

    if (in->weight.micros <= 0)
        return;
    /* The row's own 完成率 column is the strongest evidence. */
    if (in->has_rate) {
        /* 99.995 % prints as 100.00 %: only a visibly lower rate counts */
        if (full && fl_dec_cmp(in->rate, (fl_dec){ 99995000 }) < 0) {
            fl_dec ratio = fl_dec_div(in->rate, hundred, &ok);
            char what[96];
            snprintf(what, sizeof what, "完成率%s%%，未完成目标却得满分", sw_fmt(in->rate));
            fl_dec exp = formula(ratio, in->weight);
            f = add(rep, e, in, FL_SEV_ERROR, what, &exp);
            fl_finding_set_suggestion(f, "完成率低于100%%的指标不应得满分：按“实际值/目标值×分值”（正向）或“目标值/实际值×分值”（反向）重新计算得分，并在偏差原因分析中说明原因。");
            return;
        }
    }
    if (!in->has_target_value)
        return;
    t = in->target_value;
    /* "=2024年11月30日" under 时效指标 is a deadline too */
    if (t.dir == SW_DIR_EQ && strcmp(t.unit, "date") == 0 && sw_is_timeliness(in))
        t.dir = SW_DIR_DEADLINE;
    /* With a 完成率 column, a positive target is judged by that rate
     * (above); only deadlines and reverse targets are read again, because
     * a rate computed the positive way hides them. */
    if (in->has_rate && t.dir != SW_DIR_DEADLINE && t.dir != SW_DIR_LE)
        return;
    /* every finding below needs full marks, or a docked reverse target:
     * the actual value is read only then */
    if (!full && !(docked && t.dir == SW_DIR_LE))
        return;
    if (!sw_value_parse(in->actual, &a) || strcmp(t.unit, a.unit) != 0)
        return;
    if (t.dir == SW_DIR_DEADLINE) {
        if (a.dir == SW_DIR_DEADLINE || t.has_year != a.has_year)
            return;
        if (full && fl_dec_cmp(a.value, t.value) > 0) {
            f = add(rep, e, in, FL_SEV_WARNING, "时效目标未按期完成却得满分", NULL);
            fl_finding_set_expected_text(f, in->target);
            fl_finding_set_actual_text(f, in->actual);
            fl_finding_set_suggestion(f, "时效指标未在规定时间内完成，不能得满分：请按完成情况扣分，并在偏差原因分析中说明延误原因。");
        }
        return;
    }
    if (a.dir == SW_DIR_DEADLINE || strcmp(t.unit, "date") == 0)
        return;
    switch (t.dir) {
    case SW_DIR_GE:
    case SW_DIR_EQ:
        if (full && fl_dec_cmp(a.value, t.value) < 0 && t.value.micros > 0) {
            fl_dec ratio = fl_dec_div(a.value, t.value, &ok);
            fl_dec pct = fl_dec_round(fl_dec_mul(ratio, hundred), 2);
            char what[96];
            snprintf(what, sizeof what, "完成率%s%%，未达目标却得满分", sw_fmt(pct));
            fl_dec exp = formula(ratio, in->weight);
            f = add(rep, e, in, FL_SEV_WARNING, what, &exp);
            fl_finding_set_suggestion(f, "正向指标未达目标值时，得分应为“实际值/目标值×分值”，请重新计算，并在偏差原因分析中说明原因。");
        }
        break;
    case SW_DIR_LE:
        if (fl_dec_cmp(a.value, t.value) <= 0 && docked) {
            f = add(rep, e, in, FL_SEV_WARNING, "反向指标已达成（实际值未超过目标值）却被扣分",
                    &in->weight);
            fl_finding_set_suggestion(f, "反向指标实际值不超过目标值即为完成，应得满分；如确有扣分理由，请在偏差原因分析中说明。");
        } else if (full && fl_dec_cmp(a.value, t.value) > 0 && a.value.micros > 0) {
            fl_dec ratio = fl_dec_div(t.value, a.value, &ok);
            fl_dec exp = formula(ratio, in->weight);
            f = add(rep, e, in, FL_SEV_WARNING, "反向指标实际值超过目标值，未达目标却得满分",
                    &exp);
            fl_finding_set_suggestion(f, "反向指标实际值超过目标值时，得分应为“目标值/实际值×分值”，请重新计算，并说明超出原因。");
        }
        break;
    default:
        break;
    }
}
