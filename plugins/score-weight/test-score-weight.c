/* test-score-weight.c — the score-weight plugin, loaded from the build
 * tree, on small fixtures in each table layout and on the seed reports. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"
#include "sw.h"

#define FIX "plugins/score-weight/fixtures/"

/* Assert a finding of `rule` on `line` with the given expected/actual. */
static const fl_finding *expect(const fl_test_run *run, const char *rule, size_t line,
                                const char *expected, const char *actual)
{
    const fl_finding *f = fl_test_find(run, rule, line);

    if (!f)
        fl_test_dump(run);
    ck_assert_msg(f != NULL, "no %s finding on line %zu", rule, line);
    if (expected) {
        ck_assert_int_eq(f->has_values, 1);
        ck_assert_str_eq(fl_test_dec(f->expected), expected);
        ck_assert_str_eq(fl_test_dec(f->actual), actual);
    }
    ck_assert_ptr_nonnull(f->message);
    ck_assert_ptr_nonnull(f->suggestion);
    return f;
}

static void expect_clean(const fl_test_run *run)
{
    if (fl_test_count(run, "score-weight", FL_SEV_INFO) != 0)
        fl_test_dump(run);
    ck_assert_uint_eq(fl_test_count(run, "score-weight", FL_SEV_INFO), 0);
}

/* ---- clean counterparts, one per layout ---- */

START_TEST(tab_clean)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "tab-clean.txt", NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(pipe_clean)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "pipe-clean.md", NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(cell_clean)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "cell-clean.txt", NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_clean)
{
    fl_test_run *run = fl_test_run_text("score-weight",
        "某局绩效自评报告\n\n1. 老年人福利补贴项目绩效自评综述：项目自评得分为98分，自评等级为“优”。\n", NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

/* ---- TAB layout with the 临时救助 defects of seed 003 ---- */

START_TEST(tab_errors)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "tab-errors.txt", NULL);
    const fl_finding *f;

    /* 分值 85 + 10 = 95, not 100 */
    f = expect(run, "score-weight/weights-sum", 0, "100.00", "95.00");
    ck_assert_ptr_nonnull(strstr(f->message, "85"));
    ck_assert_uint_eq(f->naddends, 12);
    /* stated 86.87, computed 2.17 + 79.70 = 81.87 */
    f = expect(run, "score-weight/total-mismatch", 36, "81.87", "86.87");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    /* narrative 197.7 above 100, and not the table's 98 */
    expect(run, "score-weight/total-above-100", 13, "100.00", "197.70");
    expect(run, "score-weight/score-mismatch", 13, "98.00", "197.70");
    /* "2个项目自评等级为良" but the summary has 1 */
    expect(run, "score-weight/grade-count", 9, "1.00", "2.00");
    ck_assert_ptr_null(fl_test_find(run, "score-weight/funding-score", 0));
    ck_assert_ptr_null(fl_test_find(run, "score-weight/score-mismatch", 11));
    fl_test_run_free(run);
}
END_TEST

/* ---- pipe layout: above 分值, funding score, total above 100 ---- */

START_TEST(pipe_errors)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "pipe-errors.md", NULL);

    expect(run, "score-weight/score-above-weight", 13, "20.00", "25.00");
    expect(run, "score-weight/funding-score", 8, "8.00", "10.00");
    expect(run, "score-weight/total-above-100", 17, "100.00", "105.00");
    ck_assert_ptr_null(fl_test_find(run, "score-weight/total-mismatch", 0));
    fl_test_run_free(run);
}
END_TEST

/* ---- one cell per line: 94.74 % completion with full marks ---- */

START_TEST(cell_contradiction)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "cell-contradiction.txt", NULL);
    const fl_finding *f = expect(run, "score-weight/score-contradiction", 0, "9.47", "10.00");

    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_uint_ge(f->line, 122);
    ck_assert_uint_le(f->line, 125);
    ck_assert_ptr_nonnull(strstr(f->message, "94.74"));
    ck_assert_uint_eq(fl_test_count(run, "score-weight", FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

/* ---- narrative only ---- */

START_TEST(narrative_scores)
{
    fl_test_run *run = fl_test_run_file("score-weight", FIX "narrative.txt", NULL);
    const fl_finding *f;

    expect(run, "score-weight/total-above-100", 7, "100.00", "197.70");
    expect(run, "score-weight/total-above-100", 9, "100.00", "1100.00");
    f = expect(run, "score-weight/grade-mismatch", 11, NULL, NULL);
    ck_assert_str_eq(f->expected_text, "优");
    ck_assert_str_eq(f->actual_text, "良");
    fl_test_run_free(run);
    /* the words are searched from their second character: one that
     * opens the paragraph, or is cut by its end, is still found or not */
    run = fl_test_run_text("score-weight", "说明\n\n得分为120分。\n\n项目自评得\n", NULL);
    expect(run, "score-weight/total-above-100", 3, "100.00", "120.00");
    ck_assert_uint_eq(fl_test_count(run, "score-weight/total-above-100", FL_SEV_ERROR), 1);
    fl_test_run_free(run);
}
END_TEST

/* ---- single rules on variants of one TAB table ---- */

static const char *const base[] = {
    "# 项目支出绩效自评表",
    "",
    "项目名称\t城市低保\t\t\t\t\t\t\t",
    "项目预算执行情况（10分）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分\t",
    "\t年度资金总额\t100.00\t100.00\t80.00\t10\t80.00%\t8.00\t",
    "年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值（A）\t实际完成指标值（B）\t分值\t得分\t偏差原因分析及改进措施",
    "\t产出指标\t数量指标\t救助人数\t≥ 100人\t100人\t30.00\t30.00\t",
    "\t\t质量指标\t发放准确率\t100%\t100%\t20.00\t20.00\t",
    "\t效益指标\t时效指标\t资金发放时间\t8月25日前\t8月20日\t20.00\t20.00\t",
    "\t\t\t救助资金总额\t≤ 50万元\t40万元\t10.00\t10.00\t",
    "\t满意度指标\t服务对象满意度指标\t服务对象满意度\t≥ 90%\t92%\t10.00\t10.00\t",
    "合 计\t\t\t\t\t100\t98.00\t自评等级\t优",
    NULL
};

/* The base table with line `line` (1-based) replaced; caller frees. */
static fl_test_run *variant(size_t line, const char *text, const char *const *options)
{
    char buf[4096];
    size_t len = 0;
    fl_test_run *run;

    for (size_t i = 0; base[i]; i++) {
        const char *l = (i + 1 == line && text) ? text : base[i];
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\n", l);
        ck_assert_uint_lt(len, sizeof buf);
    }
    run = fl_test_run_text("score-weight", buf, options);
    return run;
}

START_TEST(variant_clean)
{
    fl_test_run *run = variant(0, NULL, NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(negative_score)
{
    fl_test_run *run = variant(8, "\t\t质量指标\t发放准确率\t100%\t100%\t20.00\t-2.00\t", NULL);
    expect(run, "score-weight/negative-score", 8, "0.00", "-2.00");
    fl_test_run_free(run);
}
END_TEST

START_TEST(funding_capped)
{
    /* executed more than the budget: the rate counts as 100 % */
    fl_test_run *run = variant(5, "\t年度资金总额\t100.00\t100.00\t140.00\t10\t140.00%\t10.00\t", NULL);
    ck_assert_ptr_null(fl_test_find(run, "score-weight/funding-score", 0));
    expect(run, "score-weight/total-mismatch", 12, "100.00", "98.00");
    fl_test_run_free(run);
}
END_TEST

START_TEST(reverse_met_docked)
{
    fl_test_run *run = variant(10, "\t\t\t救助资金总额\t≤ 50万元\t40万元\t10.00\t8.00\t", NULL);
    const fl_finding *f = expect(run, "score-weight/score-contradiction", 10, "10.00", "8.00");
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    fl_test_run_free(run);
}
END_TEST

START_TEST(reverse_exceeded_full)
{
    fl_test_run *run = variant(10, "\t\t\t救助资金总额\t≤ 50万元\t62.5万元\t10.00\t10.00\t", NULL);
    expect(run, "score-weight/score-contradiction", 10, "8.00", "10.00");
    fl_test_run_free(run);
}
END_TEST

START_TEST(forward_missed_full)
{
    fl_test_run *run = variant(11, "\t满意度指标\t服务对象满意度指标\t服务对象满意度\t>=95%\t=90%\t10.00\t10.00\t", NULL);
    const fl_finding *f = expect(run, "score-weight/score-contradiction", 11, "9.47", "10.00");
    ck_assert_ptr_nonnull(strstr(f->message, "94.74"));
    fl_test_run_free(run);
}
END_TEST

START_TEST(deadline_missed_full)
{
    fl_test_run *run = variant(9, "\t效益指标\t时效指标\t资金发放时间\t8月25日前\t9月3日\t20.00\t20.00\t", NULL);
    const fl_finding *f = expect(run, "score-weight/score-contradiction", 9, NULL, NULL);
    ck_assert_str_eq(f->expected_text, "8月25日前");
    fl_test_run_free(run);
}
END_TEST

START_TEST(qualitative_not_compared)
{
    fl_test_run *run = variant(9, "\t效益指标\t时效指标\t资金发放时间\t每月25日前\t每月25日前\t20.00\t20.00\t", NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(table_grade)
{
    fl_test_run *run = variant(12, "合 计\t\t\t\t\t100\t98.00\t自评等级\t良", NULL);
    const fl_finding *f = expect(run, "score-weight/grade-mismatch", 12, NULL, NULL);
    ck_assert_str_eq(f->expected_text, "优");
    ck_assert_str_eq(f->actual_text, "良");
    fl_test_run_free(run);
}
END_TEST

START_TEST(grade_thresholds_option)
{
    static const char *const opts[] = { "grade-excellent=99", NULL };
    fl_test_run *run = variant(0, NULL, opts);
    const fl_finding *f = expect(run, "score-weight/grade-mismatch", 12, NULL, NULL);
    ck_assert_str_eq(f->expected_text, "良");
    fl_test_run_free(run);
}
END_TEST

START_TEST(rounding_is_info)
{
    fl_test_run *run = variant(12, "合 计\t\t\t\t\t100\t98.01\t自评等级\t优", NULL);
    const fl_finding *f = expect(run, "score-weight/total-mismatch", 12, "98.00", "98.01");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(shifted_row)
{
    /* A PDF row that lost its leading empty cell still lines up. */
    fl_test_run *run = variant(11, "满意度指标\t服务对象满意度指标\t服务对象满意度\t≥ 90%\t92%\t10.00\t12.00\t\t", NULL);
    expect(run, "score-weight/score-above-weight", 11, "10.00", "12.00");
    fl_test_run_free(run);
}
END_TEST

/* ---- a TAB table with a 完成率 column and a 年度总体目标 (seed 001 wording) ---- */

static const char *const rated[] = {
    "# 项目支出绩效自评表",
    "",
    "项目名称\t政府购买养老机构社会公益服务项目\t\t\t\t\t\t\t\t",
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t\t",
    "\t年度资金总额\t21.00\t21.00\t21.00\t10\t100.00%\t10.00\t\t",
    "年度总体目标\t预期目标\t实际完成情况\t\t\t\t\t\t\t",
    "\t2024年该项目计划为提升养老机构服务质量，有效化解运营潜在风险，为昌吉州各公办养老机构及农村幸福大院所有入住老人、公建民营养老机构中的兜底保障服务对象共计942人，购买2024年8月至2025年8月期间入住老人责任险。\t截止到2024年12月31日该项目实际完成养老机构责任险购买，覆盖942人。\t\t\t\t\t\t\t",
    "年度绩效指标完成情况\t一级指标\t二级指标\t三级指标\t权重\t目标值\t业绩值\t完成率\t指标得分\t偏差原因分析及改进措施",
    "\t产出指标\t数量指标\t养老机构责任险缴纳人数\t20\t>=942人\t=942人\t100%\t20\t",
    "\t\t时效指标\t社会救助和儿童福利培训完成时间\t20\t=2024年11月30日\t2024年11月20日\t100%\t20\t",
    "\t\t成本指标\t慰问业务成本\t20\t<=1.60万元\t=1.59万元\t100%\t20\t",
    "\t效益指标\t社会效益指标\t养老人才队伍职业技能水平\t20\t持续提升\t达到预期指标\t100%\t20\t",
    "\t满意度指标\t满意度指标\t公办养老机构服务对象满意度\t10\t>=90%\t=90%\t100%\t10\t",
    "总分\t100\t\t\t\t100.00分\t\t\t\t",
    NULL
};

/* `table` with up to two lines replaced (0 for none) and `tail` appended. */
static fl_test_run *edit(const char *const *table, size_t l1, const char *t1, size_t l2,
                         const char *t2, const char *tail, const char *const *options)
{
    static char buf[16384];
    size_t len = 0;

    for (size_t i = 0; table[i]; i++) {
        const char *l = table[i];
        if (i + 1 == l1)
            l = t1;
        else if (i + 1 == l2)
            l = t2;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\n", l);
        ck_assert_uint_lt(len, sizeof buf);
    }
    if (tail)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", tail);
    ck_assert_uint_lt(len, sizeof buf);
    return fl_test_run_text("score-weight", buf, options);
}

START_TEST(rated_clean)
{
    fl_test_run *run = edit(rated, 0, NULL, 0, NULL, NULL, NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(goal_count_differs)
{
    /* seed 001: the goal says 952 people, the indicator 942 */
    fl_test_run *run = edit(rated, 7,
        "\t2024年该项目计划为提升养老机构服务质量，有效化解运营潜在风险，为昌吉州各公办养老机构及农村幸福大院所有入住老人、公建民营养老机构中的兜底保障服务对象共计952人，购买2024年8月至2025年8月期间入住老人责任险。\t截止到2024年12月31日该项目实际完成养老机构责任险购买。\t\t\t\t\t\t\t",
        0, NULL, NULL, NULL);
    const fl_finding *f = expect(run, "score-weight/goal-target", 9, "952.00", "942.00");

    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_ptr_nonnull(strstr(f->message, "养老机构责任险缴纳人数"));
    ck_assert_uint_eq(fl_test_count(run, "score-weight", FL_SEV_WARNING), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(goal_cap_not_a_target)
{
    /* "不超过9次的规定" is a cap set by a rule, not the ">=3次" target */
    fl_test_run *run = edit(rated, 7,
        "\t按照疆外来疆任职干部本人往返交流任职地与家庭主要居住地往返次数不超过9次的规定，据实报销交通往返费用。\t据实报销4次。\t\t\t\t\t\t\t",
        9, "\t产出指标\t数量指标\t疆外来疆任职干部本人往返交流任职地与家庭主要居住地往返次数\t20\t>=3次\t=3次\t100%\t20\t",
        NULL, NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(goal_amount)
{
    /* an amount of one item differs; the whole budget (21万元) is no item */
    fl_test_run *run = edit(rated, 7,
        "\t完成县市级社会工作服务中心建设项目尾款支付16.6万元；完成社会组织孵化场所（社工站）项目尾款支付2.91万元。\t已完成。\t\t\t\t\t\t\t",
        11, "\t\t成本指标\t县市级社会工作服务中心建设项目尾款\t20\t=15.60万元\t=15.6万元\t100%\t20\t",
        NULL, NULL);
    expect(run, "score-weight/goal-target", 11, "16.60", "15.60");
    fl_test_run_free(run);
    run = edit(rated, 7,
        "\t完成县市级社会工作服务中心建设项目尾款支付15.6万元。\t已完成。\t\t\t\t\t\t\t",
        11, "\t\t成本指标\t县市级社会工作服务中心建设项目尾款\t20\t=15.60万元\t=15.6万元\t100%\t20\t",
        NULL, NULL);
    expect_clean(run);
    fl_test_run_free(run);
    run = edit(rated, 7,
        "\t使用资金21万元，完成县市级社会工作服务中心建设项目尾款支付。\t已完成。\t\t\t\t\t\t\t",
        11, "\t\t成本指标\t县市级社会工作服务中心建设项目尾款\t20\t=15.60万元\t=15.6万元\t100%\t20\t",
        NULL, NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

START_TEST(rated_deadline_missed)
{
    /* seed 001: a date target under 时效指标, missed, full marks, 完成率 100% */
    fl_test_run *run = edit(rated, 10,
        "\t\t时效指标\t社会救助和儿童福利培训完成时间\t20\t=2024年11月30日\t2024年12月9日\t100%\t20\t",
        0, NULL, NULL, NULL);
    const fl_finding *f = expect(run, "score-weight/score-contradiction", 10, NULL, NULL);

    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_str_eq(f->expected_text, "=2024年11月30日");
    ck_assert_str_eq(f->actual_text, "2024年12月9日");
    fl_test_run_free(run);
}
END_TEST

START_TEST(rated_reverse_docked)
{
    /* seed 001: 1.59 ≤ 1.60 is met, yet scored by 1.59/1.60 */
    fl_test_run *run = edit(rated, 11, "\t\t成本指标\t慰问业务成本\t20\t<=1.60万元\t=1.59万元\t99.38%\t19.88\t",
                            14, "总分\t100\t\t\t\t99.88分\t\t\t\t", NULL, NULL);
    const fl_finding *f = expect(run, "score-weight/score-contradiction", 11, "20.00", "19.88");

    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_ptr_nonnull(strstr(f->message, "反向指标"));
    fl_test_run_free(run);
}
END_TEST

/* ---- narrative budget figures against the table ---- */

START_TEST(narrative_budget)
{
    static const char *const l5 = "\t年度资金总额\t150.00\t133.23\t106.58\t10\t80.00%\t8.00\t";
    fl_test_run *run;
    const fl_finding *f;

    /* seed 003: the 年初预算数 given as the 全年预算数 */
    run = edit(base, 5, l5, 0, NULL,
               "\n1. 城市低保项目绩效自评综述：根据年初设定的绩效目标，项目自评得分为98分。全年预算数为150万元，执行数为106.5800万元。\n",
               NULL);
    f = expect(run, "score-weight/narrative-budget", 14, "133.23", "150.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->message, "年初预算数"));
    ck_assert_uint_eq(fl_test_count(run, "score-weight", FL_SEV_INFO), 1);
    fl_test_run_free(run);
    /* more decimals than the table: 133.2285 is 133.23 */
    run = edit(base, 5, l5, 0, NULL,
               "\n1. 城市低保项目绩效自评综述：根据年初设定的绩效目标，项目自评得分为98分。全年预算数为133.2285万元，执行数为106.58万元。\n",
               NULL);
    expect_clean(run);
    fl_test_run_free(run);
    /* an item broken over a blank line; the 执行数 differs */
    run = edit(base, 5, l5, 0, NULL,
               "\n1. 城市低保项目绩效自评综述：根据年初设定的绩效目标，项目自\n\n评得分为98分。全年预算数为133.23万元，执行数为80万元。\n",
               NULL);
    expect(run, "score-weight/narrative-budget", 16, "106.58", "80.00");
    fl_test_run_free(run);
}
END_TEST

START_TEST(budget_change)
{
    static const char *const text =
        "绩效评价报告\n\n### （三）资金投入及使用情况\n\n"
        "1、项目资金来源：中央、省、市、区级财政拨款。\n\n"
        "2、项目资金投入：4012.19万元。\n\n"
        "4、预算变更情况：无\n\n"
        "5、资金使用情况：年初预算数4012.19万元，全年预算数%s万元，全年执行数3443.69711万元。\n\n"
        "#### （四）项目组织管理。\n\n1、项目主管部门及实施单位职责：区民政局。\n";
    char buf[1024];
    fl_test_run *run;
    const fl_finding *f;

    snprintf(buf, sizeof buf, text, "3443.69711");
    run = fl_test_run_text("score-weight", buf, NULL);
    f = expect(run, "score-weight/budget-change", 9, "4012.19", "3443.69711");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    fl_test_run_free(run);
    snprintf(buf, sizeof buf, text, "4012.19");
    run = fl_test_run_text("score-weight", buf, NULL);
    expect_clean(run);
    fl_test_run_free(run);
    /* a change stated: nothing to say */
    run = fl_test_run_text("score-weight",
        "### （三）资金投入及使用情况\n\n4、预算变更情况：年中调减568.49万元。\n\n"
        "5、资金使用情况：年初预算数4012.19万元，全年预算数3443.7万元。\n", NULL);
    expect_clean(run);
    fl_test_run_free(run);
    /* every way of saying it, with 调整 as with 变更 */
    {
        static const char *const says[] = { "预算调整情况：未调整", "预算调整：无调整",
                                            "预算变更：未变更", "预算调整情况：无" };
        for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
            snprintf(buf, sizeof buf,
                     "### （三）资金投入及使用情况\n\n4、%s。\n\n"
                     "5、资金使用情况：年初预算数4012.19万元，全年预算数3443.7万元。\n", says[i]);
            run = fl_test_run_text("score-weight", buf, NULL);
            ck_assert_uint_eq(fl_test_count(run, "score-weight/budget-change", FL_SEV_ERROR), 1);
            fl_test_run_free(run);
        }
    }
}
END_TEST

/* ---- 部门评价 against 自评 ---- */

START_TEST(dept_eval_gap)
{
    static const char *const opts[] = { "eval-gap=2", NULL };
    fl_test_run *run;
    const fl_finding *f;

    /* seed 003 wording; the table's 自评 total is 98 */
    run = edit(base, 0, NULL, 0, NULL,
               "\n（三）部门评价结果。城市低保项目，绩效评价得分为90分，等级为“优”。\n", NULL);
    f = expect(run, "score-weight/dept-eval-gap", 14, "90.00", "98.00");
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    fl_test_run_free(run);
    /* a small gap is only an info, unless eval-gap says otherwise */
    run = edit(base, 0, NULL, 0, NULL,
               "\n（三）部门评价结果。城市低保项目，绩效评价得分为96分，等级为“优”。\n", NULL);
    f = expect(run, "score-weight/dept-eval-gap", 14, "96.00", "98.00");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    fl_test_run_free(run);
    run = edit(base, 0, NULL, 0, NULL,
               "\n（三）部门评价结果。城市低保项目，绩效评价得分为96分，等级为“优”。\n", opts);
    f = expect(run, "score-weight/dept-eval-gap", 14, "96.00", "98.00");
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    fl_test_run_free(run);
    /* the same score, or a sentence that is no outside evaluation */
    run = edit(base, 0, NULL, 0, NULL,
               "\n（三）部门评价结果。城市低保项目，绩效评价得分为98分，等级为“优”。\n", NULL);
    expect_clean(run);
    fl_test_run_free(run);
    run = edit(base, 0, NULL, 0, NULL, "\n城市低保项目，绩效评价得分为90分。\n", NULL);
    expect_clean(run);
    fl_test_run_free(run);
    /* names that hold the project's key: the first found by comparing
     * keys, the next by the keys' sorted suffixes, to the same effect */
    run = edit(base, 0, NULL, 0, NULL,
               "\n（三）部门评价结果。本市城市低保项目，绩效评价得分为90分。"
               "全县城市低保项目，绩效评价得分为91分。各区城市低保项目，绩效评价得分为92分。\n",
               NULL);
    ck_assert_uint_eq(fl_test_count(run, "score-weight/dept-eval-gap", FL_SEV_WARNING), 3);
    fl_test_run_free(run);
}
END_TEST

/* ---- the seed reports ---- */

START_TEST(seed_003)
{
    fl_test_run *run = fl_test_run_file("score-weight", "examples/003_b8f3d489ed9ef61e.txt", NULL);
    const fl_finding *f;

    expect(run, "score-weight/total-above-100", 734, "100.00", "197.70");
    expect(run, "score-weight/total-above-100", 736, "100.00", "1100.00");
    f = expect(run, "score-weight/weights-sum", 0, "100.00", "95.00");
    ck_assert_ptr_nonnull(strstr(f->message, "临时救助"));
    f = NULL;
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *g = run->rep->items[i];
        if (strcmp(g->rule, "score-weight/total-mismatch") == 0 && g->severity == FL_SEV_ERROR
            && strstr(g->message, "临时救助"))
            f = g;
    }
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->expected), "81.87");
    ck_assert_str_eq(fl_test_dec(f->actual), "86.87");
    /* 老年人福利补贴: 全年预算数 150 in the text is the 年初预算数; A is 133.23 */
    expect(run, "score-weight/narrative-budget", 706, "133.23", "150.00");
    expect(run, "score-weight/narrative-budget", 736, "3443.70", "4012.19");
    ck_assert_uint_eq(fl_test_count(run, "score-weight/narrative-budget", FL_SEV_ERROR), 10);
    /* 农村居民最低生活保障 report: 预算变更情况：无, 4012.19 → 3443.69711 */
    expect(run, "score-weight/budget-change", 2498, "4012.19", "3443.69711");
    /* 九九重阳节走访: 部门评价 96, 自评 90 */
    f = expect(run, "score-weight/dept-eval-gap", 758, "96.00", "90.00");
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    fl_test_run_free(run);
}
END_TEST

START_TEST(seed_001)
{
    fl_test_run *run = fl_test_run_file("score-weight", "examples/001_aaa1171e4b8d576e.txt", NULL);
    const fl_finding *f = NULL;

    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *g = run->rep->items[i];
        if (strcmp(g->rule, "score-weight/score-contradiction") == 0 && g->row
            && strcmp(g->row, "服务对象满意度") == 0)
            f = g;
    }
    if (!f)
        fl_test_dump(run);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "94.74"));
    ck_assert_str_eq(fl_test_dec(f->actual), "10.00");
    /* 政府购买养老机构社会公益服务: goal 952人, indicator >=942人 */
    expect(run, "score-weight/goal-target", 1533, "952.00", "942.00");
    /* 社会组织党建: goal 不少于80家, indicator >=4家 */
    expect(run, "score-weight/goal-target", 929, "80.00", "4.00");
    ck_assert_uint_eq(fl_test_count(run, "score-weight/goal-target", FL_SEV_WARNING), 2);
    /* 培训完成时间 =2024年11月30日, done 2024年12月9日, full marks */
    f = expect(run, "score-weight/score-contradiction", 2226, NULL, NULL);
    ck_assert_str_eq(f->actual_text, "2024年12月9日");
    /* 慰问业务成本 <=1.60万元, =1.59万元, docked to 4.92 */
    expect(run, "score-weight/score-contradiction", 2698, "5.00", "4.92");
    fl_test_run_free(run);
}
END_TEST

START_TEST(seeds_narrative_only)
{
    fl_test_run *run = fl_test_run_file("score-weight", "examples/000_043825adc2a1e450.txt", NULL);
    expect_clean(run);
    fl_test_run_free(run);
    run = fl_test_run_file("score-weight", "examples/002_24d4cf092f85e5e3.txt", NULL);
    expect_clean(run);
    fl_test_run_free(run);
}
END_TEST

/* ---- helpers ---- */

/* sw_find() gives strstr()'s answer whichever byte of the word it looks
 * for, the word's last byte included, at the text's end and after false
 * starts that share the looked-for byte. */
START_TEST(find_is_strstr)
{
    static const char *const texts[] = {
        "得分", "评价得分", "得分得分", "评价得评价得分", "得", "", "分得分",
        "本项目得分为90分，评价得分80分。", "全年预算数", "全年预算全年预算数12万元",
    };
    static const char *const words[] = { "得分", "评价得分", "全年预算数" };
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        for (size_t from = 0; from < strlen(words[w]); from++)
            for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
                ck_assert_msg(sw_find(texts[t], words[w], from) == strstr(texts[t], words[w]),
                              "sw_find(\"%s\", \"%s\", %zu)", texts[t], words[w], from);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("score-weight");
    TCase *t = tcase_create("layouts");
    TCase *v = tcase_create("rules");
    TCase *seeds = tcase_create("seeds");

    tcase_add_test(t, tab_clean);
    tcase_add_test(t, pipe_clean);
    tcase_add_test(t, cell_clean);
    tcase_add_test(t, narrative_clean);
    tcase_add_test(t, tab_errors);
    tcase_add_test(t, pipe_errors);
    tcase_add_test(t, cell_contradiction);
    tcase_add_test(t, narrative_scores);
    suite_add_tcase(s, t);
    tcase_add_test(v, variant_clean);
    tcase_add_test(v, negative_score);
    tcase_add_test(v, funding_capped);
    tcase_add_test(v, reverse_met_docked);
    tcase_add_test(v, reverse_exceeded_full);
    tcase_add_test(v, forward_missed_full);
    tcase_add_test(v, deadline_missed_full);
    tcase_add_test(v, qualitative_not_compared);
    tcase_add_test(v, table_grade);
    tcase_add_test(v, grade_thresholds_option);
    tcase_add_test(v, rounding_is_info);
    tcase_add_test(v, shifted_row);
    tcase_add_test(v, rated_clean);
    tcase_add_test(v, goal_count_differs);
    tcase_add_test(v, goal_cap_not_a_target);
    tcase_add_test(v, goal_amount);
    tcase_add_test(v, rated_deadline_missed);
    tcase_add_test(v, rated_reverse_docked);
    tcase_add_test(v, narrative_budget);
    tcase_add_test(v, budget_change);
    tcase_add_test(v, dept_eval_gap);
    tcase_add_test(v, find_is_strstr);
    suite_add_tcase(s, v);
    tcase_set_timeout(seeds, 30);
    tcase_add_test(seeds, seed_003);
    tcase_add_test(seeds, seed_001);
    tcase_add_test(seeds, seeds_narrative_only);
    suite_add_tcase(s, seeds);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
