/* score-weight.c — plugin descriptor and driver for the score-weight check
 * (绩效自评得分与分值).  Talks to the core only through <fislint/plugin.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw.h"

/* A score is 0 or more, and the grades go down: 优 > 良 > 中. */
static void sw_check_options(const fl_config *cfg, const sw_options *o)
{
    static const char *const keys[] = { "grade-excellent", "grade-good", "grade-pass", "max-total", "eval-gap" };
    const fl_dec values[] = { o->excellent, o->good, o->pass, o->max_total, o->eval_gap };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (values[i].micros < 0)
            fl_config_reject(cfg, keys[i], "应为不小于 0 的分数");
    if (o->max_total.micros == 0)
        fl_config_reject(cfg, "max-total", "应为大于 0 的分数");
    if (fl_dec_cmp(o->good, o->excellent) >= 0)
        fl_config_reject(cfg, "grade-good", "应小于 grade-excellent（%s）", sw_fmt(o->excellent));
    if (fl_dec_cmp(o->pass, o->good) >= 0)
        fl_config_reject(cfg, "grade-pass", "应小于 grade-good（%s）", sw_fmt(o->good));
}

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
    sw_check_options(cfg, o);
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
        snprintf(cp.key, sizeof cp.key, "%s", e->key);
        if (sw_copies_push(out, &cp) < 0)
            return -1;
    }
    return 0;
}

static int sw_check(const fl_document *doc, fl_report *rep, void *state)
{
    const sw_options *o = state;
    sw_score_rows rows;
    sw_evals ev;
    sw_copies copies;
    sw_keys *tables = NULL, *summaries = NULL;
    int rc = 0;

    if (!o || sw_score_rows_find(doc, &rows) < 0)
        return -1;
    memset(&copies, 0, sizeof copies);
    if (sw_evals_collect(doc, &rows, &ev) < 0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < ev.count; i++) {
        sw_check_eval(&ev.items[i], o, rep);
        if (sw_check_goal(&ev.items[i], rep) < 0)
            rc = -1;
    }
    if (rc == 0 && sw_check_budget(doc, &ev, rep) < 0)
        rc = -1;
    if (rc == 0 && (table_copies(&ev, &copies) < 0
                    || sw_summary_collect(doc, &rows, o, rep, &copies) < 0
                    || sw_narrative_collect(doc, o, rep, &copies) < 0))
        rc = -1;
    if (rc == 0 && (!(tables = sw_keys_new(&copies, SW_SRC_TABLE))
                    || !(summaries = sw_keys_new(&copies, SW_SRC_SUMMARY))))
        rc = -1;
    if (rc == 0) {
        sw_check_copies(doc, o, &copies, tables, summaries, rep);
        sw_check_dept_eval(doc, o, &copies, tables, summaries, rep);
        if (sw_keys_oom(tables) || sw_keys_oom(summaries))
            rc = -1;
    }
    sw_keys_free(tables);
    sw_keys_free(summaries);
    sw_copies_free(&copies);
    sw_evals_free(&ev);
    sw_score_rows_free(&rows);
    return rc;
}

/* Scoring arithmetic holds wherever a self-evaluation table appears (a
 * 自评报告, or the 自评表 a 决算 carries), whatever the report's kind. */
static const fl_rule SW_RULES[] = {
    { "score-above-weight", FL_SEV_ERROR, FL_KINDS_ALL,
      "指标得分超过其分值",
      "绩效自评表中指标的得分超过了该指标的分值。"
      "常见原因是计分错误或分值、得分两栏填反。"
      "请按完成情况重新计算得分，得分不能超过该指标的分值。" },
    { "negative-score", FL_SEV_ERROR, FL_KINDS_ALL,
      "得分为负数",
      "绩效自评表中出现负数得分。"
      "常见原因是扣分时直接填写了扣分数。"
      "请把得分更正为0至该指标分值之间的数。" },
    { "weights-sum", FL_SEV_ERROR, FL_KINDS_ALL,
      "各指标分值合计应为 100（或 90 加资金执行 10）",
      "绩效自评表中各指标的分值合计应为100分（或指标90分加预算执行率10分）。"
      "常见原因是增删指标后没有调整分值。"
      "请调整各指标分值，使合计为满分。" },
    { "total-mismatch", FL_SEV_ERROR, FL_KINDS_ALL,
      "填写的总分不等于各项得分之和",
      "填写的总分不等于各项得分之和。"
      "常见原因是修改某项得分后没有重新合计。"
      "请重新计算总分，或更正填错的单项得分。" },
    { "funding-score", FL_SEV_ERROR, FL_KINDS_ALL,
      "预算执行率得分应为 min(执行率,100%)×分值",
      "预算执行率得分应为 min(执行率,100%)×分值，例如执行率95%、分值10分时得9.5分。"
      "常见原因是按满分填写或执行率计算有误。"
      "请按全年执行数除以全年预算数重新计算执行率和得分。" },
    { "total-above-100", FL_SEV_ERROR, FL_KINDS_ALL,
      "总分超过 100 分",
      "总分超过100分（满分由选项 max-total 决定）。"
      "常见原因是分值设置或计分错误。"
      "请核对各项分值和得分，使总分不超过满分。" },
    { "grade-mismatch", FL_SEV_ERROR, FL_KINDS_ALL,
      "评价等级与总分不符",
      "评价等级与总分不符：默认90分以上为优、80分以上为良、60分以上为中、其余为差（阈值可用选项调整）。"
      "常见原因是改分后没有改等级。"
      "请按总分改正评价等级。" },
    { "grade-count", FL_SEV_ERROR, FL_KINDS_ALL,
      "汇总表中各等级的项目个数与明细不符",
      "汇总表中各评价等级的项目个数与各项目自评表的明细不符。"
      "常见原因是个别项目改分、改等级后汇总表未更新。"
      "请按各项目的实际等级重新统计汇总表。" },
    { "score-mismatch", FL_SEV_ERROR, FL_KINDS_ALL,
      "同一得分在汇总表、自评表、报告文字中不一致",
      "同一项目的得分在汇总表、自评表和报告文字中不一致。"
      "常见原因是某处修改后其他地方未同步。"
      "请以核定的得分为准，统一各处的数字。" },
    { "score-contradiction", FL_SEV_WARNING, FL_KINDS_ALL,
      "得分与完成情况矛盾（如时效目标未完成却得满分、反向指标已达成却扣分）",
      "得分与完成情况相互矛盾，例如时效目标未完成却得满分，反向指标已达成却被扣分。"
      "常见原因是计分时没有对照实际完成值。"
      "请按完成情况重新评分，或改正实际完成值。" },
    { "goal-target", FL_SEV_WARNING, FL_KINDS_ALL,
      "年度总体目标中的数量或金额与对应指标的目标值不一致",
      "年度总体目标中写出的数量或金额与对应绩效指标的目标值不一致。"
      "常见原因是修改指标后没有同步修改总体目标。"
      "请统一总体目标和指标目标值。" },
    { "narrative-budget", FL_SEV_ERROR, FL_KINDS_ALL,
      "自评综述中的全年预算数、执行数与绩效自评表不一致",
      "自评综述中的全年预算数、执行数与绩效自评表中的数字不一致。"
      "常见原因是综述文字未随表格更新。"
      "请以自评表为准改正综述中的金额。" },
    { "budget-change", FL_SEV_ERROR, FL_KINDS_ALL,
      "称预算无变更，但年初预算数与全年预算数不同",
      "文中称预算没有调整（变更），但自评表中的年初预算数与全年预算数不同。"
      "常见原因是套用了模板表述。"
      "请说明预算调整的情况和原因，或更正预算数。" },
    { "dept-eval-gap", FL_SEV_WARNING, FL_KINDS_ALL,
      "部门评价得分与自评得分差异较大",
      "部门评价得分与单位自评得分相差较大（达到选项 eval-gap，默认5分时为警告）。"
      "常见原因是自评偏高或评价口径不同。"
      "请核实自评依据，必要时说明差异原因。" },
    { "out-of-range", FL_SEV_INFO, FL_KINDS_ALL,
      "分值或得分超出可精确计算的范围：该表的分值合计与总分不核对，只提示一次",
      "评分表的分值、得分或其合计超出 fislint 能精确计算的范围（绝对值约9.2万亿）时，不计算合计、不报错，只对该表提示一次。"
      "这通常是表格识别错误或多写了数位，请核对原表。" },
    { NULL, 0, 0, NULL, NULL },
};

/* The keys of the [score-weight] section: any other is an error. */
static const char *const option_keys[] = { "grade-excellent", "grade-good", "grade-pass", "max-total", "eval-gap", NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "score-weight",
    .version = "1.2",
    .rules = SW_RULES,
    .options = option_keys,
    .summary = "绩效自评得分与分值：得分不超分值、分值合计100、总分与等级一致",
    .init = sw_init,
    .check = sw_check,
    .fini = sw_fini,
};
