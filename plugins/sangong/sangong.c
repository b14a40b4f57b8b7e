/* sangong.c — the sangong check: 三公经费预算与决算.
 *
 * Reads the 三公 table(s) and the 三公 narrative once, then runs each
 * rule on them.  The rules live in sg-*.c; see docs/checks/sangong.md. */
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

static int sangong_init(const fl_config *cfg, void **state)
{
    sg_options *o = calloc(1, sizeof *o);
    if (o == NULL)
        return -1;
    o->rounding_per_addend = fl_config_get_dec(cfg, "rounding-per-addend", dec_of("0.01"));
    o->rate_tolerance = fl_config_get_dec(cfg, "rate-tolerance", dec_of("0.01"));
    if (o->rounding_per_addend.micros < 0)
        o->rounding_per_addend.micros = 0;
    if (o->rate_tolerance.micros < 0)
        o->rate_tolerance.micros = 0;
    const char *details = fl_config_get(cfg, "details", "yes");
    o->details = !(strcmp(details, "no") == 0 || strcmp(details, "false") == 0 ||
                   strcmp(details, "0") == 0 || strcmp(details, "off") == 0);
    *state = o;
    return 0;
}

static void sangong_fini(void *state)
{
    free(state);
}

static int sangong_check(const fl_document *doc, fl_report *rep, void *state)
{
    sg_options defaults = { { 10000 }, { 10000 }, 1 };
    sg_ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.rep = rep;
    c.opt = state ? state : &defaults;

    size_t nt = fl_doc_table_count(doc);
    c.tables = nt ? calloc(nt, sizeof *c.tables) : NULL;
    if (nt && c.tables == NULL)
        return -1;
    for (size_t i = 0; i < nt; i++) {
        int got = sg_table_read(fl_doc_table(doc, i), &c.tables[c.ntables]);
        if (got == 1)
            c.ntables++;
        else if (got == 2 && !c.have_blank) {
            c.blank = c.tables[c.ntables];
            c.have_blank = 1;
        }
    }
    sg_narr_read(doc, &c.narr);

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
      "“三公”经费合计等于各分项之和（表内与情况说明，预算数与决算数）" },
    { "narrative-table", FL_SEV_ERROR, FL_KINDS_ALL,
      "情况说明中的“三公”经费金额与“三公”经费表一致" },
    { "rate", FL_SEV_ERROR, FL_KINDS_ALL,
      "占比、比上年增减幅度、预决算差异率、完成预算比例按所列金额复算" },
    { "over-budget", FL_SEV_ERROR, SG_KINDS_SPENT,
      "决算数超过预算数且未说明原因（预算除外）" },
    { "unexplained-difference", FL_SEV_WARNING, SG_KINDS_SPENT,
      "决算数与预算数不同且未说明差异原因（预算除外）" },
    { "car-split", FL_SEV_WARNING, FL_KINDS_FINAL | FL_KINDS_BUDGET,
      "公务用车购置及运行维护费须分列购置费和运行维护费（决算与预算）" },
    { "abroad-detail", FL_SEV_WARNING, FL_KINDS_FINAL,
      "决算说明须列明因公出国（境）团组数和人次（仅决算）" },
    { "reception-detail", FL_SEV_WARNING, FL_KINDS_FINAL,
      "决算说明须列明公务接待批次和人次（仅决算）" },
    { "empty-table-narrative", FL_SEV_ERROR, FL_KINDS_ALL,
      "“三公”经费表为空（空白、0或“-”），情况说明却写有大于零的“三公”经费预算数或支出数" },
    { "narrative-denies-table", FL_SEV_ERROR, FL_KINDS_ALL,
      "情况说明称无“三公”经费（或某项）预算、支出，“三公”经费表中却有金额" },
    { "meeting-training-in-total", FL_SEV_ERROR, FL_KINDS_ALL,
      "会议费、培训费不属于“三公”经费：“三公”经费合计不得包含会议费、培训费" },
    { NULL, 0, 0, NULL },
};

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "sangong",
    .version = "1.1",
    .summary = "三公经费：表内合计、预决算差异及原因、说明与表一致、差异率与占比复算",
    .init = sangong_init,
    .check = sangong_check,
    .fini = sangong_fini,
    .rules = sangong_rules,
};
