/* table-totals.c — the plugin descriptor: 表内表间勾稽 (sums within tables,
 * identities across tables and between the tables and the narrative).
 * The rules live in one file each; this file reads the options and runs
 * them on every table. */
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "tt.h"

/* Failed identities from which a table may be doubted. */
#define TT_DOUBT_MIN_FAILED 3

static int tt_init(const fl_config *cfg, void **state)
{
    tt_opts *o = calloc(1, sizeof *o);
    if (o == NULL)
        return -1;
    fl_dec def = { 10000 }; /* 0.01 */
    o->per_addend = fl_config_get_dec(cfg, "rounding-per-addend", def);
    if (o->per_addend.micros < 0) {
        fl_config_reject(cfg, "rounding-per-addend", "应为不小于 0 的数（每个加数允许的尾数误差）");
        o->per_addend = def;
    }
    o->narrative = fl_config_get_bool(cfg, "narrative", 1);
    *state = o;
    return 0;
}

static void table_rules(tt_ctx *c, const fl_table *t)
{
    tt_rule_hierarchy(c, t);
    tt_rule_total_rows(c, t);
    tt_rule_row_identity(c, t);
    tt_rule_summary(c, t);
}

/* A table whose identities fail in many places at once, or by exactly half
 * or double, was most likely misread (rows wrapped over two lines, shifted
 * columns): one info for the table instead of a cascade of errors.  A table
 * that misses in one or two places is reported as it is. */
static int doubtful(const tt_ctx *c)
{
    if (c->halved > 0)
        return 1;
    return c->failed >= TT_DOUBT_MIN_FAILED && c->failed * 3 > c->checked;
}

static void report_unreliable(tt_ctx *c, const fl_table *t)
{
    const char *title = fl_table_title(t);
    size_t line = fl_table_line(t), end = fl_table_end_line(t);
    int page = line > 0 ? fl_doc_line_page(c->doc, line) : 0;
    char where[64] = "";
    if (page > 0)
        snprintf(where, sizeof where, "第%d页", page);
    char why[200];
    if (c->halved > 0)
        snprintf(why, sizeof why, "其中%zu处恰好相差一半或一倍", c->halved);
    else
        snprintf(why, sizeof why, "超过三分之一");
    fl_finding *f = fl_report_add(c->rep, "unreliable-table", FL_SEV_INFO,
        "%s表格“%s”未能可靠读取：所检查的 %zu 处勾稽关系中有 %zu 处不符（%s），"
        "更像是表格识别错误（折行、串列）而非填报错误，故未逐项报告",
        where, title != NULL && title[0] != '\0' ? title : "（无标题）",
        c->checked, c->failed, why);
    if (line > 0)
        fl_finding_set_line(f, line, end >= line ? end : line);
    fl_finding_set_table(f, t);
    char a[32], e[32];
    snprintf(a, sizeof a, "%zu/%zu", c->failed, c->checked);
    snprintf(e, sizeof e, "0/%zu", c->checked);
    fl_finding_set_expected_text(f, e);
    fl_finding_set_actual_text(f, a);
    fl_finding_set_suggestion(f,
        "请对照原表人工核对该表的合计与各组成项；如原表无误，"
        "可将其另存为带表格结构的格式（XLSX、HTML）后重新检查。");
}

static int tt_check(const fl_document *doc, fl_report *rep, void *state)
{
    static const tt_opts defaults = { { 10000 }, 1 };
    tt_ctx c = { .doc = doc, .rep = rep,
                 .opt = state != NULL ? state : &defaults };
    size_t n = fl_doc_table_count(doc);
    tt_cache_kinds(&c);
    for (size_t i = 0; i < n; i++) {
        tt_cache_current(&c, i);
        const fl_table *t = c.table;
        c.dry = 1;
        c.checked = c.failed = c.halved = c.out_of_range = c.noted = 0;
        table_rules(&c, t);
        c.dry = 0;
        if (c.failed > 0 && doubtful(&c)) {
            report_unreliable(&c, t);
            if (c.out_of_range > 0)
                tt_out_of_range(&c, t, NULL, 0);
        } else if (c.noted > 0 || c.out_of_range > 0) {
            table_rules(&c, t);
        }
        /* else every comparison held exactly: the rules report only
         * through tt_check_sum, tt_check_equal and tt_out_of_range, so
         * the real run would add nothing and is skipped */
    }
    tt_rule_cross(&c);
    if (c.opt->narrative)
        tt_rule_narrative(&c);
    tt_ctx_free(&c);
    return 0;
}

static void tt_fini(void *state)
{
    free(state);
}

/* The rules and the kinds of report they hold for.  Identities inside one
 * table hold whatever the report is; cross-table compares the 决算 tables
 * with each other (收入支出决算总表, 支出决算表, 财政拨款…决算表). */
static const fl_rule tt_rules[] = {
    { "code-hierarchy", FL_SEV_ERROR, FL_KINDS_ALL,
      "科目层级：类＝所属款之和，款＝所属项之和（功能分类和经济分类）",
      "按支出功能分类和经济分类科目核对层级：类（3位）应等于其下各款（5位）之和，款应等于其下各项（7位）之和，301等经济分类类级应等于其下各款之和；只在表中列出下级科目时比较，每个金额栏都查。"
      "常见原因是手工改动了某一科目的金额而未同步修改上级科目，或漏列了某个下级科目。"
      "请按提示中的“预期/实际”和所列加数逐项核对，更正填错的数字后重新生成公开表格。" },
    { "total-row", FL_SEV_ERROR, FL_KINDS_ALL,
      "合计行＝各类（顶层科目）之和；人员经费、公用经费合计＝所属各类之和",
      "编码表中的“合计”“总计”行应等于各类级科目之和；基本支出明细表中的“人员经费合计”“公用经费合计”应等于所属各类之和。"
      "常见原因是合计数手工改过，或某一类级科目漏计、重复计入。"
      "请以决算（预算）系统导出的数字为准更正合计行或漏填的科目，使合计与明细一致。" },
    { "row-identity", FL_SEV_ERROR, FL_KINDS_ALL,
      "行内恒等式：合计栏＝表头同组其余各栏之和；年末结转＝年初结转＋收入－支出",
      "核对同一行各栏之间的关系：合计栏应等于表头中与它同组的其余各金额栏之和（如本年支出合计＝基本支出＋项目支出＋…），政府性基金表的年末结转和结余＝年初结转和结余＋本年收入－本年支出。"
      "常见原因是某一栏漏填或串栏、合计栏手工改动。"
      "请逐栏核对该行数字，更正后使合计栏与各分栏一致。" },
    { "summary-identity", FL_SEV_ERROR, FL_KINDS_ALL,
      "收支总表：本年收入（支出）合计＝各项之和，收入总计＝支出总计",
      "核对收入支出总表和财政拨款收入支出总表（及预算的收支预算总表）：本年收入合计、本年支出合计应等于各项之和，收入总计＝本年收入合计＋使用非财政拨款结余＋年初结转和结余，支出总计＝本年支出合计＋结余分配＋年末结转和结余，且收入总计＝支出总计。"
      "常见原因是结转结余或某一收入、支出项漏填。"
      "请按提示的差额找出漏填或填错的项目并更正，使总表收支平衡。" },
    { "cross-table", FL_SEV_ERROR, FL_KINDS_FINAL,
      "决算表间一致：总表与收入、支出决算表，财政拨款总表与分表，基本支出与明细表",
      "核对决算各表之间的同一数字：总表的本年收入合计、本年支出合计与收入决算表、支出决算表的合计行，财政拨款收入与财政拨款总表，一般公共预算支出表的基本支出与基本支出明细表。"
      "常见原因是某张表更新后其他表未随之修改。"
      "请以决算系统数据为准，把各表中对应的数字改为一致后重新公开。" },
    { "narrative", FL_SEV_ERROR, FL_KINDS_ALL,
      "说明文字与表格一致：引用金额、其中各项之和、占比、增减额与增减幅度",
      "核对说明文字与表格：文中引用的金额应与表中一致，“X万元，其中：A、B…”各项之和应等于X，“占Y%”应等于部分除以整体，“增加（减少）X万元，增长（下降）Y%”应与本年数相符；只在句子结构明确时判断。"
      "常见原因是表格更新后文字未同步修改，或百分比按旧数字计算。"
      "请按表格数字改正文字，并用文中金额重新计算占比和增减幅度。" },
    { "unreliable-table", FL_SEV_INFO, FL_KINDS_ALL,
      "表格多处同时不平或恰差一倍：疑为识别错误，只提示一次，不逐项报错",
      "一张表的勾稽关系同时多处不符（已比较的关系中至少3处且超过三分之一不平），或有一处恰好相差一半或一倍，这通常是表格读取错误（PDF中一行折成两行、串栏），不是单位填错，因此只提示一次、不逐项报错。"
      "请打开该页核对表格是否排版正常；若原表确有不平，请按表内勾稽关系逐项更正。" },
    { "out-of-range", FL_SEV_INFO, FL_KINDS_ALL,
      "金额超出可精确计算的范围：涉及它的合计与勾稽关系不核对，每张表、每段说明只提示一次",
      "fislint 以百万分之一为单位精确计算金额。说明文字中的金额能精确计算的绝对值最大约为9.2万亿（9223372036854.775806，按所写单位计）；"
      "表格中的金额超过这一数值时改按更宽的精确数重新计算合计与勾稽关系，照常报告，只有绝对值超过10的25次方（按表中单位计）时才不核对。"
      "超出范围时不计算差额、不报错，只对该表或该段说明提示一次。"
      "常见原因是多写了数位或用错了单位，请核对原数；如确为此数，请人工核对相关合计。" },
    { NULL, 0, 0, NULL, NULL },
};

/* The keys of the [table-totals] section: any other is an error. */
static const char *const option_keys[] = { "rounding-per-addend", "narrative", NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "table-totals",
    .version = "1.1",
    .summary = "表内表间勾稽：科目层级、合计行、行内恒等式、总表平衡、表间一致及说明文字与表格一致",
    .init = tt_init,
    .check = tt_check,
    .fini = tt_fini,
    .rules = tt_rules,
    .options = option_keys,
};
