/* required-tables.c — the required-tables check (公开报表是否齐全): a
 * 部门决算 publishes its nine tables, a 部门预算 its eight; every table the
 * 目录 lists is in the document; an empty table says why it is empty.
 * See docs/checks/required-tables.md. */
#include "rt.h"

static int rt_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    fl_doc_kind kind = fl_doc_kind_of(doc);
    rt_set set;
    if (kind == FL_KIND_DEPT_FINAL || kind == FL_KIND_UNIT_FINAL)
        set = RT_SET_FINAL;
    else if (kind == FL_KIND_DEPT_BUDGET || kind == FL_KIND_UNIT_BUDGET)
        set = RT_SET_BUDGET;
    else
        return 0; /* a self-evaluation or an unknown page publishes no such set */
    rt_scan sc;
    if (rt_scan_doc(doc, set, &sc) != 0)
        return -1;
    int rc = 0;
    if (rt_rule_missing(doc, rep, &sc) != 0 || rt_rule_empty(doc, rep, &sc) != 0)
        rc = -1;
    rt_scan_free(&sc);
    return rc;
}

/* Only a 决算 or a 预算 owes this set of tables. */
#define RT_KINDS (FL_KINDS_FINAL | FL_KINDS_BUDGET)
static const fl_rule rt_rules[] = {
    { "missing-table", FL_SEV_ERROR, RT_KINDS,
      "决算应公开的9张表、预算应公开的8张表中，有表在文中找不到" },
    { "listed-not-present", FL_SEV_ERROR, RT_KINDS, "目录列出的表，正文中没有" },
    { "no-tables", FL_SEV_INFO, RT_KINDS, "文中没有任何决算表或预算表（报表另册公开或为图片），未逐表检查" },
    { "empty-table-no-note", FL_SEV_WARNING, RT_KINDS, "空表（无数据）未注明“本表无数据”及原因" },
    { "empty-note-mismatch", FL_SEV_WARNING, RT_KINDS,
      "空表的说明写的是另一项资金（政府性基金与国有资本经营互相照抄）" },
    { "tables-unfilled", FL_SEV_INFO, RT_KINDS, "所有表都没有数据，像是未填报的模板" },
    { NULL, 0, 0, NULL },
};

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "required-tables",
    .version = "1.0",
    .summary = "公开报表是否齐全：决算9张表、预算8张表，目录所列的表，空表须说明原因",
    .check = rt_check,
    .rules = rt_rules,
};
