/* across-years.c — the across-years check (跨年度一致性): a report and the
 * same unit's report of last year, given by the core as related documents
 * (FL_PLUGIN_RELATED), must agree on last year's figures; and a 决算's
 * 年初预算 must be the same year's published budget.  The rules live in
 * ay-prior.c, ay-carry.c and ay-initial.c.  See docs/checks/across-years.md. */
#include <string.h>

#include "ay.h"

size_t ay_last_year_docs(const fl_document *doc, unsigned family, const fl_document **out,
                         size_t max)
{
    size_t n = 0, nrel = fl_doc_related_count(doc);
    int year = fl_doc_year(doc);
    for (size_t i = 0; i < nrel && n < max; i++) {
        const fl_document *r = fl_doc_related(doc, i);
        if (r != NULL && year > 0 && fl_doc_year(r) == year - 1 &&
            (FL_KIND_BIT(fl_doc_kind_of(r)) & family))
            out[n++] = r;
    }
    return n;
}

const char *ay_doc_name(const fl_document *doc)
{
    const char *src = fl_doc_source(doc);
    if (src == NULL)
        return "";
    const char *slash = strrchr(src, '/');
    return slash != NULL && slash[1] ? slash + 1 : src;
}

static int ay_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    if (fl_doc_related_count(doc) == 0)
        return 0;
    int rc = ay_rule_prior_year(doc, rep);
    if (ay_rule_carryover(doc, rep) != 0)
        rc = -1;
    if (ay_rule_initial_budget(doc, rep) != 0)
        rc = -1;
    return rc;
}

static const fl_rule ay_rules[] = {
    { "prior-year-figure", FL_SEV_WARNING, FL_KINDS_BUDGET | FL_KINDS_FINAL,
      "说明中“与上年相比增加/减少X万元”推出的上年数，与上年报告中同一项目的数字不一致",
      "本年报告的说明写出本年数及与上年相比的增减额（或“与上年一致”），由此可推出上年数；"
      "与同一单位上年同类报告（预算对预算、决算对决算）中同一项目的数字比较。"
      "常见原因是增减额算错、抄错，或上年报告本身有误。"
      "请核对两年的数字并更正有误的一方；如上年数已按新口径调整，请在说明中注明。" },
    { "carryover", FL_SEV_WARNING, FL_KINDS_FINAL,
      "决算总表的年初结转和结余与上年决算的年末结转和结余不一致",
      "收入支出决算总表（及财政拨款收入支出决算总表）中本年的“年初结转和结余”应等于"
      "上年决算同一张表的“年末结转和结余”。常见原因是抄错上年数，或上年数经过调整而未说明。"
      "请核对两年的数字；如有调整，请在说明中写明原因和金额。" },
    { "initial-budget", FL_SEV_WARNING, FL_KINDS_FINAL,
      "决算说明中的年初预算数与同一单位同年度公开的预算不一致",
      "决算说明写出一般公共预算财政拨款支出、各项功能分类科目（写明类、款、项）和“三公”经费"
      "财政拨款支出的年初预算数；它们应与同一单位同一年度公开的部门预算（单位预算）中"
      "一般公共预算支出功能分类预算表的合计数、同一科目的金额和“三公”经费预算表的合计数"
      "一致。常见原因是把调整后预算当作年初预算填列，或抄错预算数。"
      "请核对年初批复并公开的预算；如填列的是调整后预算，请改正或在说明中写明。" },
    { NULL, 0, 0, NULL, NULL },
};

static const char *const option_keys[] = { NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "across-years",
    .version = "1.0",
    .summary = "跨年度一致性：说明中的上年数与上年报告一致，决算年初结转和结余等于上年年末数，"
               "决算年初预算数与同年度公开的预算一致",
    .check = ay_check,
    .rules = ay_rules,
    .options = option_keys,
    .flags = FL_PLUGIN_RELATED,
};
