/* test-comparison-wording.c — the comparison-wording check on real
 * wordings (上海普陀 决算 and 万里街道 预算, 江苏 预算, seed 003): each
 * contradiction, its correct twin, the kinds each rule runs on, and the
 * real reports, which must stay quiet. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/comparison-wording/fixtures/"
#define FVB "comparison-wording/final-vs-budget"
#define YOY "comparison-wording/year-on-year"
#define DIR "comparison-wording/change-direction"

static const fl_finding *expect(const fl_test_run *r, const char *rule, size_t line,
                                fl_severity sev, const char *expected, const char *actual)
{
    return fl_test_expect_text(r, rule, line, sev, expected, actual);
}

/* ---- final-vs-budget ---- */

START_TEST(final_contradictions)
{
    fl_test_run *r = fl_test_run_file("comparison-wording", FIX "final-wrong.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, FVB, FL_SEV_ERROR), 5);
    ck_assert_uint_eq(fl_test_count(r, FVB, FL_SEV_WARNING), 7);
    /* 年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数大于预算数 */
    const fl_finding *f = expect(r, FVB, 4, FL_SEV_ERROR, "小于", "大于");
    ck_assert_ptr_nonnull(strstr(f->message, "1511.89万元"));
    ck_assert_ptr_nonnull(strstr(f->message, "1560.05万元"));
    /* 决算数1511.89万元，大于年初预算数1560.05万元 (both figures inline) */
    expect(r, FVB, 5, FL_SEV_ERROR, "小于", "大于");
    /* the paragraph's total: 2940.05 against 2993.92 */
    expect(r, FVB, 3, FL_SEV_ERROR, "小于", "大于");
    /* 持平 with 0.65万元 (0.48%) apart: not equal, but close */
    f = expect(r, FVB, 6, FL_SEV_WARNING, "小于", "持平");
    ck_assert_ptr_nonnull(strstr(f->message, "0.65万元"));
    /* 基本持平: 2.09% is beyond 1%, 49.97% beyond 10% */
    expect(r, FVB, 8, FL_SEV_WARNING, "小于", "基本持平");
    expect(r, FVB, 9, FL_SEV_ERROR, "小于", "基本持平");
    /* 支出决算比年初预算增加 with 187.19 < 187.75 */
    expect(r, FVB, 10, FL_SEV_ERROR, "减少", "增加");
    /* 0.22% apart is 基本持平 */
    ck_assert_ptr_null(fl_test_find(r, FVB, 7));
    /* 大于 with equal figures: only an info (rounding may hide it) */
    expect(r, FVB, 11, FL_SEV_INFO, NULL, "大于");
    fl_test_run_free(r);
}
END_TEST

START_TEST(final_correct_twins_are_quiet)
{
    /* The same sentences as they were published, a 调整预算 that makes the
     * pair unsure, 未超过, the 三公 sentence whose pair is interrupted by
     * its 其中 items, and the template's 大于（小于）. */
    fl_test_run *r = fl_test_run_file("comparison-wording", FIX "final-right.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "comparison-wording", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(final_rough_option)
{
    const char *opts[] = { "roughly-equal-percent=3", NULL };
    fl_test_run *r = fl_test_run_file("comparison-wording", FIX "final-wrong.txt", opts);
    /* 2.09% is now within 基本持平; 持平 0.48% stays a warning. */
    ck_assert_ptr_null(fl_test_find(r, FVB, 8));
    expect(r, FVB, 6, FL_SEV_WARNING, "小于", "持平");
    fl_test_run_free(r);
}
END_TEST

START_TEST(final_rule_only_on_final_accounts)
{
    const char *body = "一、说明\n"
                       "年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数大于预算数的主要原因："
                       "人员进出及退休变化。\n";
    char text[512];
    snprintf(text, sizeof text, "上海市普陀区财政局2025年部门预算\n%s", body);
    fl_test_run *r = fl_test_run_text("comparison-wording", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, FVB, FL_SEV_INFO), 0);
    fl_test_run_free(r);
    r = fl_test_run_text("comparison-wording", body, NULL);
    ck_assert_uint_eq(fl_test_count(r, FVB, FL_SEV_INFO), 0);
    fl_test_run_free(r);
    snprintf(text, sizeof text, "上海市普陀区财政局2024年度部门决算\n%s", body);
    r = fl_test_run_text("comparison-wording", text, NULL);
    expect(r, FVB, 3, FL_SEV_ERROR, "小于", "大于");
    fl_test_run_free(r);
}
END_TEST

/* ---- year-on-year and change-direction ---- */

START_TEST(year_contradictions)
{
    fl_test_run *r = fl_test_run_file("comparison-wording", FIX "year-wrong.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, YOY, FL_SEV_ERROR), 4);
    ck_assert_uint_eq(fl_test_count(r, YOY, FL_SEV_WARNING), 5);
    /* 2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比…增加 */
    const fl_finding *f = expect(r, YOY, 3, FL_SEV_ERROR, "减少", "增加");
    ck_assert_ptr_nonnull(strstr(f->message, "25.77万元"));
    ck_assert_ptr_nonnull(strstr(f->message, "60.13万元"));
    /* 持平 with 10.00 -> 10.50 (4.76%), and 217.72 -> 218.72 (0.46%) */
    expect(r, YOY, 4, FL_SEV_ERROR, "增加", "持平");
    expect(r, YOY, 5, FL_SEV_WARNING, "增加", "持平");
    /* 比上年的2000.00万元减少 while 2094.58 is more */
    expect(r, YOY, 6, FL_SEV_ERROR, "增加", "减少");
    /* 本年数大于上年预算数 200.00 万元 with 156.55: wrong whether 200.00
     * is last year's figure or the difference */
    expect(r, YOY, 7, FL_SEV_ERROR, "减少", "大于");
    /* 增加2.55万元，下降1.40% */
    ck_assert_uint_eq(fl_test_count(r, DIR, FL_SEV_INFO), 1);
    f = expect(r, DIR, 8, FL_SEV_ERROR, NULL, "增加…下降");
    ck_assert_ptr_nonnull(strstr(f->message, "1.40%"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(year_correct_twins_are_quiet)
{
    /* Published wordings (万里街道 2024, 普陀财政局 2024, 江苏省检察院
     * 2017): 本年数小于上年预算数 29.65 万元 is a difference, not last
     * year's figure; 增加（减少）0万元 is a template. */
    fl_test_run *r = fl_test_run_file("comparison-wording", FIX "year-right.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "comparison-wording", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(direction_on_unknown_kind)
{
    /* A text of unknown kind runs only the rules for every kind. */
    const char *text = "机关运行经费支出184.65万元，比2023年度增加2.55万元，下降1.40%。\n";
    fl_test_run *r = fl_test_run_text("comparison-wording", text, NULL);
    expect(r, DIR, 1, FL_SEV_ERROR, NULL, "增加…下降");
    fl_test_run_free(r);
    r = fl_test_run_text("comparison-wording",
                         "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。\n", NULL);
    ck_assert_uint_eq(fl_test_count(r, "comparison-wording", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(year_word_after_a_cause_is_no_claim)
{
    /* A word after 原因 in its sentence belongs to the cause; the next
     * sentence is judged afresh, and a word before 原因 still counts. */
    const char *text = "本年预算支出70.00万元，上年预算支出90.00万元，主要原因是比上年增加。"
                       "本年预算支出80.00万元，上年预算支出90.00万元，比上年增加。\n"
                       "本年预算支出60.00万元，上年预算支出90.00万元，比上年增加，原因是调整。\n";
    fl_test_run *r = fl_test_run_text("comparison-wording", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, YOY, FL_SEV_INFO), 2);
    const fl_finding *f = expect(r, YOY, 1, FL_SEV_ERROR, "减少", "增加");
    ck_assert_ptr_nonnull(strstr(f->message, "80.00万元"));
    f = expect(r, YOY, 2, FL_SEV_ERROR, "减少", "增加");
    ck_assert_ptr_nonnull(strstr(f->message, "60.00万元"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(year_base_is_the_nearest_marker)
{
    /* The base is the nearest 与/比/较 before the word that names a side:
     * 比上年, not the 与预算数 before it, nor 与此 (no side) after it; a
     * marker of the sentence before does not count, even when the word
     * starts its sentence (the last thing the paragraph's split reaches). */
    const char *text = "本年预算支出80.00万元，上年预算支出90.00万元，与预算数相比，比上年与此同时增加。\n"
                       "比上年。本年预算支出70.00万元，上年预算支出90.00万元，增加。\n"
                       "本年预算支出70.00万元，上年预算支出90.00万元，比上年。增加\n";
    fl_test_run *r = fl_test_run_text("comparison-wording", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, YOY, FL_SEV_INFO), 1);
    const fl_finding *f = expect(r, YOY, 1, FL_SEV_ERROR, "减少", "增加");
    ck_assert_ptr_nonnull(strstr(f->message, "80.00万元"));
    fl_test_run_free(r);
    /* A word with no base, then 比上年 and a second word: the second
     * finds the marker written between the two. */
    r = fl_test_run_text("comparison-wording",
                         "本年预算支出80.00万元，上年预算支出90.00万元，基本一致，比上年增加。\n", NULL);
    expect(r, YOY, 1, FL_SEV_ERROR, "减少", "增加");
    fl_test_run_free(r);
}
END_TEST

START_TEST(year_long_run_is_cut_into_sentences)
{
    /* A run of clauses with no sentence break is cut every 600 bytes or
     * so: the word at its end no longer reaches the amounts at its start,
     * while the same words without the filler do. */
    char text[2048] = "本年预算支出80.00万元，上年预算支出90.00万元，";
    for (int k = 0; k < 22; k++)
        strcat(text, "用于保障机关正常运转，");
    strcat(text, "比上年增加。\n本年预算支出80.00万元，上年预算支出90.00万元，比上年增加。\n");
    fl_test_run *r = fl_test_run_text("comparison-wording", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, YOY, FL_SEV_INFO), 1);
    expect(r, YOY, 2, FL_SEV_ERROR, "减少", "增加");
    fl_test_run_free(r);
}
END_TEST

/* The year-on-year findings of one line of text. */
static size_t year_findings(const char *text)
{
    fl_test_run *r = fl_test_run_text("comparison-wording", text, NULL);
    size_t n = fl_test_count(r, YOY, FL_SEV_INFO);
    fl_test_run_free(r);
    return n;
}

START_TEST(year_negated_word_is_no_claim)
{
    static const char *const neg[] = { "不", "未", "无", "没", "没有", "非", "是否", "并未" };
    char text[256];
    snprintf(text, sizeof text, "本年预算支出80.00万元，上年预算支出90.00万元，比上年增加。\n");
    ck_assert_uint_eq(year_findings(text), 1);
    for (size_t k = 0; k < sizeof neg / sizeof *neg; k++) {
        snprintf(text, sizeof text, "本年预算支出80.00万元，上年预算支出90.00万元，比上年%s增加。\n",
                 neg[k]);
        ck_assert_msg(year_findings(text) == 0, "%s", neg[k]);
    }
}
END_TEST

START_TEST(year_amount_labelled_with_a_change_is_not_this_year)
{
    /* 支出增长80.00万元 is a difference, not this year's amount. */
    static const char *const ch[] = { "增加", "减少", "增长", "下降", "降低", "上升", "提高",
                                      "持平", "相比", "增加了", "减少了", "增减" };
    char text[256];
    snprintf(text, sizeof text, "支出80.00万元，比上年的90.00万元增加。\n");
    ck_assert_uint_eq(year_findings(text), 1);
    for (size_t k = 0; k < sizeof ch / sizeof *ch; k++) {
        snprintf(text, sizeof text, "支出%s80.00万元，比上年的90.00万元增加。\n", ch[k]);
        ck_assert_msg(year_findings(text) == 0, "%s", ch[k]);
    }
}
END_TEST

/* ---- real reports: every comparison they make is right ---- */

START_TEST(real_reports_are_quiet)
{
    /* seed 003: 30 决算数大于/小于/基本持平年初预算数 after their figures; 普陀财政局
     * 2024 决算: 12 on page 22; 万里街道 2024 预算: 33 比2023年预算执行数. */
    static const char *const files[] = {
        "examples/003_b8f3d489ed9ef61e.txt",
        "examples/001_aaa1171e4b8d576e.txt",
        "tests/real/pdf/putuo-finance-2024-final-accounts.pdf",
        "tests/real/pdf/sh-putuo-wanli-2024-budget.pdf",
        "tests/real/pdf/js-jianchayuan-2017-budget.pdf",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        fl_test_run *r = fl_test_run_file("comparison-wording", files[i], NULL);
        if (fl_test_count(r, "comparison-wording", FL_SEV_INFO) != 0)
            fl_test_dump(r);
        ck_assert_msg(fl_test_count(r, "comparison-wording", FL_SEV_INFO) == 0, "%s", files[i]);
        fl_test_run_free(r);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("comparison-wording");
    TCase *tc = tcase_create("final-vs-budget");
    tcase_add_test(tc, final_contradictions);
    tcase_add_test(tc, final_correct_twins_are_quiet);
    tcase_add_test(tc, final_rough_option);
    tcase_add_test(tc, final_rule_only_on_final_accounts);
    suite_add_tcase(s, tc);
    tc = tcase_create("year");
    tcase_add_test(tc, year_contradictions);
    tcase_add_test(tc, year_correct_twins_are_quiet);
    tcase_add_test(tc, year_word_after_a_cause_is_no_claim);
    tcase_add_test(tc, year_base_is_the_nearest_marker);
    tcase_add_test(tc, year_long_run_is_cut_into_sentences);
    tcase_add_test(tc, year_negated_word_is_no_claim);
    tcase_add_test(tc, year_amount_labelled_with_a_change_is_not_this_year);
    tcase_add_test(tc, direction_on_unknown_kind);
    suite_add_tcase(s, tc);
    tc = tcase_create("real");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, real_reports_are_quiet);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
