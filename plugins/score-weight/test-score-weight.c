/* test-score-weight.c — the score-weight plugin, loaded from the build
 * tree, on small fixtures in each table layout and on the seed reports. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

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
