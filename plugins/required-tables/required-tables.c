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
      "决算应公开的9张表、预算应公开的8张表中，有表在文中找不到",
      "决算应公开9张表、预算应公开8张表，其中有表在报告中找不到（按表名识别）。"
      "常见原因是漏附某张表，或表名写法与规定不同。"
      "请补充公开缺少的表；无数据的表也应公开并注明“本表无数据”及原因。" },
    { "listed-not-present", FL_SEV_ERROR, RT_KINDS,
      "目录列出的表，正文中没有",
      "目录中列出的表，在正文中找不到。"
      "常见原因是删除了表格而未更新目录，或表名与目录不一致。"
      "请补上该表，或改正目录、表名使两者一致。" },
    { "no-tables", FL_SEV_INFO, RT_KINDS,
      "文中没有任何决算表或预算表（报表另册公开或为图片），未逐表检查",
      "报告中没有任何决算表或预算表（报表可能另册公开或以图片形式插入），因此未逐表检查。"
      "若报表确已另行公开，无需处理；否则请把公开表格作为文字表格附在报告中。" },
    { "empty-table-no-note", FL_SEV_WARNING, RT_KINDS,
      "空表（无数据）未注明“本表无数据”及原因",
      "某张公开表没有数据，但没有注明“本表无数据”及原因。"
      "常见原因是该项资金本年未发生而直接公开了空表。"
      "请在表下或说明中注明“本单位本年度无该项收支，故本表无数据”之类的说明。" },
    { "empty-note-mismatch", FL_SEV_WARNING, RT_KINDS,
      "空表的说明写的是另一项资金（政府性基金与国有资本经营互相照抄）",
      "空表下的说明写的是另一项资金，例如政府性基金预算支出表下写的是国有资本经营预算。"
      "常见原因是两张空表的说明互相照抄。"
      "请按本表内容改正说明文字。" },
    { "tables-unfilled", FL_SEV_INFO, RT_KINDS,
      "所有表都没有数据，像是未填报的模板",
      "报告中的所有表都没有数据，像是未填报的模板。"
      "常见原因是公开时附了空白模板而非实际报表。"
      "请用实际数据填报并重新公开；若确无任何收支，请逐表注明原因。" },
    { NULL, 0, 0, NULL, NULL },
};

/* No options: any key in a [required-tables] section is an error. */
static const char *const option_keys[] = { NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "required-tables",
    .version = "1.0",
    .summary = "公开报表是否齐全：决算9张表、预算8张表，目录所列的表，空表须说明原因",
    .check = rt_check,
    .rules = rt_rules,
    .options = option_keys,
};
