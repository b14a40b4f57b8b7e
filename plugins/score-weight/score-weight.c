/* score-weight.c — plugin descriptor and driver for the score-weight check
 * (绩效自评得分与分值).  Talks to the core only through <fislint/plugin.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw.h"

static int sw_init(const fl_config *cfg, void **state)
{
    sw_options *o = malloc(sizeof *o);

    if (!o)
        return -1;
    o->excellent = fl_config_get_dec(cfg, "grade-excellent", fl_dec_from_int(90));
    o->good = fl_config_get_dec(cfg, "grade-good", fl_dec_from_int(80));
    o->pass = fl_config_get_dec(cfg, "grade-pass", fl_dec_from_int(60));
    o->max_total = fl_config_get_dec(cfg, "max-total", fl_dec_from_int(100));
    o->eval_gap = fl_config_get_dec(cfg, "eval-gap", fl_dec_from_int(5));
    *state = o;
    return 0;
}

static void sw_fini(void *state)
{
    free(state);
}

/* The evaluation tables' own totals, as copies of each project's score. */
static int table_copies(const sw_evals *ev, sw_copies *out)
{
    for (size_t i = 0; i < ev->count; i++) {
        const sw_eval *e = &ev->items[i];
        sw_copy cp;
        if (!e->project[0] || !e->has_total_score)
            continue;
        memset(&cp, 0, sizeof cp);
        cp.source = SW_SRC_TABLE;
        cp.has_score = 1;
        cp.score = e->total_score;
        cp.grade = e->grade;
        cp.line = fl_row_line(e->total_row);
        cp.table = e->table;
        cp.row = e->total_row;
        snprintf(cp.name, sizeof cp.name, "%s", e->project);
        sw_project_key(e->project, cp.key, sizeof cp.key);
        if (sw_copies_push(out, &cp) < 0)
            return -1;
    }
    return 0;
}

static int sw_check(const fl_document *doc, fl_report *rep, void *state)
{
    const sw_options *o = state;
    sw_evals ev;
    sw_copies copies;
    int rc = 0;

    if (!o)
        return -1;
    memset(&copies, 0, sizeof copies);
    if (sw_evals_collect(doc, &ev) < 0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < ev.count; i++) {
        sw_check_eval(&ev.items[i], o, rep);
        sw_check_goal(&ev.items[i], rep);
    }
    if (rc == 0)
        sw_check_budget(doc, &ev, rep);
    if (rc == 0 && (table_copies(&ev, &copies) < 0
                    || sw_summary_collect(doc, o, rep, &copies) < 0
                    || sw_narrative_collect(doc, o, rep, &copies) < 0))
        rc = -1;
    if (rc == 0) {
        sw_check_copies(doc, o, &copies, rep);
        sw_check_dept_eval(doc, o, &copies, rep);
    }
    sw_copies_free(&copies);
    sw_evals_free(&ev);
    return rc;
}

/* Scoring arithmetic holds wherever a self-evaluation table appears (a
 * 自评报告, or the 自评表 a 决算 carries), whatever the report's kind. */
static const fl_rule SW_RULES[] = {
    { "score-above-weight", FL_SEV_ERROR, FL_KINDS_ALL, "指标得分超过其分值" },
    { "negative-score", FL_SEV_ERROR, FL_KINDS_ALL, "得分为负数" },
    { "weights-sum", FL_SEV_ERROR, FL_KINDS_ALL, "各指标分值合计应为 100（或 90 加资金执行 10）" },
    { "total-mismatch", FL_SEV_ERROR, FL_KINDS_ALL, "填写的总分不等于各项得分之和" },
    { "funding-score", FL_SEV_ERROR, FL_KINDS_ALL, "预算执行率得分应为 min(执行率,100%)×分值" },
    { "total-above-100", FL_SEV_ERROR, FL_KINDS_ALL, "总分超过 100 分" },
    { "grade-mismatch", FL_SEV_ERROR, FL_KINDS_ALL, "评价等级与总分不符" },
    { "grade-count", FL_SEV_ERROR, FL_KINDS_ALL, "汇总表中各等级的项目个数与明细不符" },
    { "score-mismatch", FL_SEV_ERROR, FL_KINDS_ALL, "同一得分在汇总表、自评表、报告文字中不一致" },
    { "score-contradiction", FL_SEV_WARNING, FL_KINDS_ALL, "得分与完成情况矛盾（如时效目标未完成却得满分、反向指标已达成却扣分）" },
    { "goal-target", FL_SEV_WARNING, FL_KINDS_ALL, "年度总体目标中的数量或金额与对应指标的目标值不一致" },
    { "narrative-budget", FL_SEV_ERROR, FL_KINDS_ALL, "自评综述中的全年预算数、执行数与绩效自评表不一致" },
    { "budget-change", FL_SEV_ERROR, FL_KINDS_ALL, "称预算无变更，但年初预算数与全年预算数不同" },
    { "dept-eval-gap", FL_SEV_WARNING, FL_KINDS_ALL, "部门评价得分与自评得分差异较大" },
    { NULL, 0, 0, NULL },
};

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "score-weight",
    .version = "1.2",
    .rules = SW_RULES,
    .summary = "绩效自评得分与分值：得分不超分值、分值合计100、总分与等级一致",
    .init = sw_init,
    .check = sw_check,
    .fini = sw_fini,
};
