/* consistency.c — the consistency check (一致性): one document, one year
 * and one unit.  The report year (fl_doc_year()) against the years in
 * titles, in the narrative's statements of this year's figures and in the
 * asset snapshot of a 决算; the report's unit (fl_doc_unit()) against the
 * unit named in titles and labelled fields.  See docs/checks/consistency.md. */
#include <stdlib.h>

#include "cs.h"

static void cs_fini(void *state)
{
    cs_words *w = state;
    if (w == NULL)
        return;
    fl_matcher_free(w->listing);
    fl_matcher_free(w->eval_sections);
    fl_matcher_free(w->title_excluded);
    free(w);
}

/* The word lists' matchers, built once for every document. */
static int cs_init(const fl_config *cfg, void **state)
{
    (void)cfg;
    cs_words *w = malloc(sizeof *w);
    if (w == NULL)
        return -1;
    w->listing = cs_listing_words_new();
    w->eval_sections = cs_eval_section_words_new();
    w->title_excluded = cs_title_excluded_words_new();
    if (w->listing == NULL || w->eval_sections == NULL || w->title_excluded == NULL) {
        cs_fini(w);
        return -1;
    }
    *state = w;
    return 0;
}

static int cs_check(const fl_document *doc, fl_report *rep, void *state)
{
    cs_doc d;
    if (state == NULL || cs_doc_read(&d, doc, state) != 0)
        return -1;
    int rc = 0;
    if (cs_rule_year_title(&d, rep) != 0 || cs_rule_year_text(&d, rep) != 0 ||
        cs_rule_asset_date(&d, rep) != 0 || cs_rule_unit_name(&d, rep) != 0)
        rc = -1;
    cs_doc_free(&d);
    return rc;
}

/* Where each rule applies.  Titles carry the year in every kind of report.
 * The narrative phrases of this year's figures are those of 决算 and 预算
 * (a self-evaluation speaks of projects that may span years).  The asset
 * snapshot is at the report year's end in a 决算 only (a budget's is taken
 * before its year).  The unit's name in titles and labelled fields is
 * compared in 决算 and 预算; a self-evaluation names the units that carry
 * out its projects.  Nothing runs on a document of unknown kind: its year
 * and unit are not those of a report. */
static const fl_rule cs_rules[] = {
    { "year-title", FL_SEV_ERROR, FL_KINDS_FINAL | FL_KINDS_BUDGET | FL_KINDS_EVAL,
      "标题或表名中的年度与报告年度不一致（如2024年度决算中的“2023年度部门决算表”）",
      "标题或表名中的年度应与报告年度一致，例如2024年度决算中不应出现“2023年度部门决算表”。"
      "常见原因是沿用上年的模板或表格标题未更新。"
      "请把标题、表名中的年度改为报告年度。" },
    { "year-text", FL_SEV_WARNING, FL_KINDS_FINAL | FL_KINDS_BUDGET,
      "叙述本年数字时写成了其他年度（如2024年度决算中的“2023年度收入支出总计……”），比较上年的写法除外",
      "叙述本年数字时写成了其他年度（如2024年度决算中写“2023年度收入支出总计……”）；与上年比较的写法不在此列。"
      "常见原因是复制上年的说明文字只改了数字。"
      "请把年度改为报告年度。" },
    { "asset-date", FL_SEV_ERROR, FL_KINDS_FINAL,
      "决算的国有资产占用情况不是截至报告年度12月31日（如2024年度决算中的“截至2023年12月31日”）",
      "决算中的国有资产占用情况应为截至报告年度12月31日的数字，例如2024年度决算应写“截至2024年12月31日”。"
      "常见原因是沿用上年文字未改日期。"
      "请改正截止日期，并核对资产数字是否为本年末数。" },
    { "unit-name", FL_SEV_ERROR, FL_KINDS_FINAL | FL_KINDS_BUDGET,
      "标题或“部门：”等表头中的单位名称是另一个单位（简称、全称不算）",
      "标题或“部门：”“单位：”等表头中的单位名称是另一个单位（同一单位的简称、全称不算）。"
      "常见原因是套用了其他单位的报告或表格。"
      "请把单位名称改为本单位，并检查内容是否也照抄了其他单位。" },
    { NULL, 0, 0, NULL, NULL },
};

/* No options: any key in a [consistency] section is an error. */
static const char *const option_keys[] = { NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "consistency",
    .version = "1.0",
    .summary = "一致性：标题、叙述、资产时点中的年度与报告年度一致，标题和表头中的单位与报告单位一致",
    .init = cs_init,
    .check = cs_check,
    .fini = cs_fini,
    .rules = cs_rules,
    .options = option_keys,
};
