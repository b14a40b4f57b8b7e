/* sangong.c — the sangong check: 三公经费预算与决算.
 *
 * Reads the 三公 table(s) and the 三公 narrative once, then runs each
 * rule on them.  The rules live in sg-*.c; see docs/checks/sangong.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

static fl_dec dec_of(const char *s)
{
    fl_dec d = { 0 };
    fl_dec_parse(s, &d);
    return d;
}

const sg_table *sg_main_table(const sg_ctx *c)
{
    return c->ntables ? &c->tables[0] : c->have_blank ? &c->blank : NULL;
}

int sg_doc_is_budget(const fl_document *doc)
{
    unsigned k = fl_doc_kinds(doc);
    return (k & FL_KINDS_BUDGET) && !(k & FL_KINDS_FINAL);
}

/* What init prepares once for every document. */
typedef struct sg_state {
    sg_options opt;
    fl_matcher *items;   /* sg_item_matcher_new() */
    fl_matcher *windows; /* sg_window_matcher_new() */
} sg_state;

static int sangong_init(const fl_config *cfg, void **state)
{
    sg_state *st = calloc(1, sizeof *st);
    if (st == NULL)
        return -1;
    st->items = sg_item_matcher_new();
    st->windows = sg_window_matcher_new();
    if (st->items == NULL || st->windows == NULL) {
        fl_matcher_free(st->items);
        fl_matcher_free(st->windows);
        free(st);
        return -1;
    }
    sg_options *o = &st->opt;
    o->rounding_per_addend = fl_config_get_dec(cfg, "rounding-per-addend", dec_of("0.01"));
    o->rate_tolerance = fl_config_get_dec(cfg, "rate-tolerance", dec_of("0.01"));
    if (o->rounding_per_addend.micros < 0) {
        fl_config_reject(cfg, "rounding-per-addend", "应为不小于 0 的数（每个加数允许的尾数误差）");
        o->rounding_per_addend.micros = 0;
    }
    if (o->rate_tolerance.micros < 0) {
        fl_config_reject(cfg, "rate-tolerance", "应为不小于 0 的百分点数");
        o->rate_tolerance.micros = 0;
    }
    o->details = fl_config_get_bool(cfg, "details", 1);
    *state = st;
    return 0;
}

static void sangong_fini(void *state)
{
    sg_state *st = state;
    if (st != NULL) {
        fl_matcher_free(st->items);
        fl_matcher_free(st->windows);
    }
    free(st);
}

static int sangong_check(const fl_document *doc, fl_report *rep, void *state)
{
    sg_state defaults = { { { 10000 }, { 10000 }, 1 }, NULL, NULL };
    const sg_state *st = state;
    if (st == NULL) {
        /* Run without init: build what init would have. */
        defaults.items = sg_item_matcher_new();
        defaults.windows = sg_window_matcher_new();
        if (defaults.items == NULL || defaults.windows == NULL) {
            fl_matcher_free(defaults.items);
            fl_matcher_free(defaults.windows);
            return -1;
        }
        st = &defaults;
    }
    sg_ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.rep = rep;
    c.opt = &st->opt;

    size_t nt = fl_doc_table_count(doc);
    /* Not zeroed: sg_table_read() clears each slot it fills, and only
     * filled slots are read. */
    c.tables = nt && nt <= SIZE_MAX / sizeof *c.tables ? malloc(nt * sizeof *c.tables) : NULL;
    if (nt && c.tables == NULL) {
        fl_matcher_free(defaults.items);
        fl_matcher_free(defaults.windows);
        return -1;
    }
    for (size_t i = 0; i < nt; i++) {
        int got = sg_table_read(fl_doc_table(doc, i), &c.tables[c.ntables]);
        if (got == 1)
            c.ntables++;
        else if (got == 2 && !c.have_blank) {
            c.blank = c.tables[c.ntables];
            c.have_blank = 1;
        }
    }
    sg_narr_read(doc, st->items, st->windows, &c.narr);

    /* These first: they tell sum and narrative-table what not to repeat. */
    sg_rule_empty(&c);
    sg_rule_deny(&c);
    sg_rule_meeting(&c);
    sg_rule_sum(&c);
    sg_rule_budget(&c);
    sg_rule_narrative_table(&c);
    sg_rule_rate(&c);
    if (c.opt->details)
        sg_rule_details(&c);

    sg_narr_free(&c.narr);
    free(c.tables);
    fl_matcher_free(defaults.items);
    fl_matcher_free(defaults.windows);
    return 0;
}

/* Where each rule applies (docs/checks/sangong.md).  A budget has no
 * 决算数: over-budget and unexplained-difference hold where a 决算数
 * (执行数) is set against its 预算数 — a 决算 or a 绩效自评 — never on a
 * budget, nor on a document of unknown kind (there only the rules valid
 * for every kind run); the details a 决算 narrative owes (团组/人次,
 * 批次/人次) are asked of a 决算 only. */
#define SG_KINDS_SPENT (FL_KINDS_FINAL | FL_KINDS_EVAL)

static const fl_rule sangong_rules[] = {
    { "sum", FL_SEV_ERROR, FL_KINDS_ALL,
      "“三公”经费合计等于各分项之和（表内与情况说明，预算数与决算数）",
      "核对“三公”经费合计等于因公出国（境）费、公务用车购置及运行维护费、公务接待费之和，公务用车购置及运行维护费等于购置费加运行维护费；预算数和决算数分别核对，表中没有数字时核对情况说明。"
      "差额不超过尾数误差的只作提示。"
      "常见原因是手工改动合计或小计；请更正表格使合计、小计与分项一致，尾数误差可在表下注明“本表金额单位转换时可能存在尾数误差”。" },
    { "narrative-table", FL_SEV_ERROR, FL_KINDS_ALL,
      "情况说明中的“三公”经费金额与“三公”经费表一致",
      "核对“三公”经费情况说明中写出的预算数、决算数与“三公”经费表是否一致；文字少写小数位时按同样位数四舍五入后比较。"
      "常见原因是表格更新后说明文字未同步修改。"
      "请把说明中的金额改为与表格一致。" },
    { "rate", FL_SEV_ERROR, FL_KINDS_ALL,
      "占比、比上年增减幅度、预决算差异率、完成预算比例按所列金额复算",
      "按文中所列金额复算各种比率：差异率＝(决算数－预算数)÷预算数，完成预算的X%＝决算数÷预算数，占X%＝分项÷合计，比上年增长（下降）Y%＝增减额÷上年数。"
      "常见原因是比率按旧数字计算或分子分母用错。"
      "请用句中的金额重新计算百分比并改正。" },
    { "over-budget", FL_SEV_ERROR, SG_KINDS_SPENT,
      "决算数超过预算数且未说明原因（预算除外）",
      "决算数（合计或某一分项）超过预算数，而在同一句或下一句中没有说明原因；对合计的一般性原因不能覆盖单独超支的分项。"
      "常见原因是年中追加了预算或新增任务而说明中未写。"
      "请在数字后补充超支原因（如追加预算的依据、新增任务）；若并无正当原因，请核对数字。" },
    { "unexplained-difference", FL_SEV_WARNING, SG_KINDS_SPENT,
      "决算数与预算数不同且未说明差异原因（预算除外）",
      "决算数低于预算数，但没有说明差异原因；“主要原因是。"
      "”“原因：无”之类没有实际内容的说明不算。"
      "常见原因是套用模板时漏写原因。"
      "请在数字后写明差异原因，如“决算数小于预算数的主要原因是：厉行节约，压减公务接待”。" },
    { "car-split", FL_SEV_WARNING, FL_KINDS_FINAL | FL_KINDS_BUDGET,
      "公务用车购置及运行维护费须分列购置费和运行维护费（决算与预算）",
      "情况说明写了公务用车购置及运行维护费（不为零），但没有分别列出购置费和运行维护费。"
      "常见原因是只写了合计数。"
      "请分别写明公务用车购置费和运行维护费的金额，并说明购置数量和保有量。" },
    { "abroad-detail", FL_SEV_WARNING, FL_KINDS_FINAL,
      "决算说明须列明因公出国（境）团组数和人次（仅决算）",
      "决算的因公出国（境）费不为零，但情况说明没有写出团组数和人次。"
      "常见原因是只写了金额。"
      "请补充因公出国（境）团组数、人次及主要用途。" },
    { "reception-detail", FL_SEV_WARNING, FL_KINDS_FINAL,
      "决算说明须列明公务接待批次和人次（仅决算）",
      "决算的公务接待费不为零，但情况说明没有写出接待批次和人次。"
      "常见原因是只写了金额。"
      "请补充公务接待的批次、人次（其中外事接待可另列）。" },
    { "empty-table-narrative", FL_SEV_ERROR, FL_KINDS_ALL,
      "“三公”经费表为空（空白、0或“-”），情况说明却写有大于零的“三公”经费预算数或支出数",
      "“三公”经费表的预算数（或决算数）全部为空白、0或“-”，情况说明却写有大于零的“三公”经费预算数或支出数，两者必有一处错误。"
      "常见原因是表格未填报或用错了模板。"
      "请按实际情况填写“三公”经费表，或更正说明中的金额。" },
    { "narrative-denies-table", FL_SEV_ERROR, FL_KINDS_ALL,
      "情况说明称无“三公”经费（或某项）预算、支出，“三公”经费表中却有金额",
      "情况说明称没有“三公”经费（或某一项）的预算、支出，而“三公”经费表中该项却有金额。"
      "常见原因是套用了上年或其他单位的说明文字。"
      "请核实实际发生情况，更正说明文字或表格，使两者一致。" },
    { "meeting-training-in-total", FL_SEV_ERROR, FL_KINDS_ALL,
      "会议费、培训费不属于“三公”经费：“三公”经费合计不得包含会议费、培训费",
      "会议费、培训费不属于“三公”经费；表中或情况说明中的“三公”经费合计不得把会议费、培训费计算在内。"
      "常见原因是把会议费、培训费与“三公”经费放在同一段落一并合计。"
      "请从“三公”经费合计中剔除会议费、培训费，另行说明。" },
    { "out-of-range", FL_SEV_INFO, FL_KINDS_ALL,
      "金额超出可精确计算的范围：涉及它的合计、差额和比率不核对，每张表、情况说明只提示一次",
      "fislint 以百万分之一为单位精确计算金额，能精确表示的绝对值最大约为9.2万亿（按所写单位计）。"
      "“三公”经费表或情况说明中的金额、或其合计、差额超出这一范围时，不计算、不报错，只提示一次。"
      "常见原因是多写了数位或用错了单位，请核对原数。" },
    { NULL, 0, 0, NULL, NULL },
};

/* The keys of the [sangong] section: any other is an error. */
static const char *const option_keys[] = { "rounding-per-addend", "rate-tolerance", "details", NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "sangong",
    .version = "1.1",
    .summary = "三公经费：表内合计、预决算差异及原因、说明与表一致、差异率与占比复算",
    .init = sangong_init,
    .check = sangong_check,
    .fini = sangong_fini,
    .rules = sangong_rules,
    .options = option_keys,
};
