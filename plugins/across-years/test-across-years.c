/* test-across-years.c — the across-years check on a report with the same
 * unit's other reports attached (fl_test_run_related): small budget and
 * 决算 pairs (one figure off, the same pair consistent, two years apart,
 * the wrong way round, a 口径 sentence) and the real 江苏省高级人民法院
 * 2018 budget against its 2017 budget; a 决算's 年初预算 against the same
 * year's budget (initial-*: 上海市普陀区 wordings). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/across-years/fixtures/"
#define REAL "tests/real/pdf/"
#define RULE_PRIOR "across-years/prior-year-figure"
#define RULE_CARRY "across-years/carryover"
#define RULE_INITIAL "across-years/initial-budget"

static fl_test_run *run_with(const char *path, const char *related)
{
    const char *rel[] = { related };
    return fl_test_run_related("across-years", path, rel, 1, NULL);
}

static void assert_values(const fl_finding *f, const char *expected, const char *actual)
{
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->has_values, 1);
    ck_assert_str_eq(fl_test_dec(f->expected), expected);
    ck_assert_str_eq(fl_test_dec(f->actual), actual);
}

static void assert_quiet(const char *path, const char *related)
{
    fl_test_run *r = run_with(path, related);
    if (fl_test_count(r, "across-years", FL_SEV_INFO) != 0)
        fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}

/* ---- prior-year-figure ---- */

/* 养老服务: 6890.00 − 560.00 = 6330.00, but the 2023 report says 6320.00
 * (560/6320 = 8.86 %, as printed: the 560 is the typo).  Every other
 * comparison agrees: 13106.85−656.25, 1905.10−44.75 (change in the next
 * sentence), 与上年一致, 0万元, 3.00+0.20 (比上年预算减少). */
START_TEST(prior_one_figure_off)
{
    fl_test_run *r = run_with(FIX "budget-2024.txt", FIX "budget-2023.txt");
    fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, RULE_PRIOR, FL_SEV_WARNING), 1);
    const fl_finding *f = fl_test_find(r, RULE_PRIOR, 17);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    assert_values(f, "6320.00", "6330.00");
    ck_assert_ptr_nonnull(strstr(f->message, "社会福利(款)养老服务(项)支出"));
    ck_assert_ptr_nonnull(strstr(f->message, "增加560.00万元"));
    ck_assert_ptr_nonnull(strstr(f->message, "budget-2023.txt"));
    ck_assert_ptr_nonnull(strstr(f->message, "第17行"));
    ck_assert_ptr_nonnull(strstr(f->message, "6320.00万元"));
    fl_test_run_free(r);
}
END_TEST

/* 机关运行经费 380.00 + 60.50 = 440.50 against 420.50, but the sentence
 * says 统计口径与上年不一致: an info, never a warning. */
START_TEST(prior_basis_changed_is_info)
{
    fl_test_run *r = run_with(FIX "budget-2024.txt", FIX "budget-2023.txt");
    const fl_finding *f = fl_test_find(r, RULE_PRIOR, 29);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    assert_values(f, "420.50", "440.50");
    ck_assert_ptr_nonnull(strstr(f->message, "口径"));
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 2);
    fl_test_run_free(r);
}
END_TEST

START_TEST(prior_consistent_pair_quiet)
{
    assert_quiet(FIX "budget-2024-consistent.txt", FIX "budget-2023.txt");
}
END_TEST

/* Only last year's report counts: 2022 against 2024 says nothing, nor does
 * next year's report attached to this year's. */
START_TEST(prior_other_years_quiet)
{
    assert_quiet(FIX "budget-2024.txt", FIX "budget-2022.txt");
    assert_quiet(FIX "budget-2023.txt", FIX "budget-2024.txt");
}
END_TEST

/* A budget is compared with a budget, never with a 决算. */
START_TEST(prior_other_family_quiet)
{
    assert_quiet(FIX "budget-2024.txt", FIX "final-2023.txt");
}
END_TEST

START_TEST(no_related_quiet)
{
    fl_test_run *r = fl_test_run_file("across-years", FIX "budget-2024.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* 江苏省高级人民法院 2018 p19 L573: 6049.97 + 392.92 = 6442.89, but the 2017
 * budget (p21 L556) says 6432.89 — its 公共安全 类 adds up with 6432.89
 * and 382.92 / 6432.89 = 5.95 %, so 392.92 is the 2018 typo.  The 28 other
 * comparisons agree, 机关运行经费 (口径 changed) included. */
START_TEST(real_gaoyuan_2018)
{
    fl_test_run *r = run_with(REAL "js-gaoyuan-2018-budget.pdf", REAL "js-gaoyuan-2017-budget.pdf");
    fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, RULE_PRIOR, 573);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    assert_values(f, "6432.89", "6442.89");
    ck_assert_int_eq(f->page, 19);
    ck_assert_ptr_nonnull(strstr(f->message, "js-gaoyuan-2017-budget.pdf"));
    ck_assert_ptr_nonnull(strstr(f->message, "第556行（第21页）"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(real_gaoyuan_reverse_quiet)
{
    assert_quiet(REAL "js-gaoyuan-2017-budget.pdf", REAL "js-gaoyuan-2018-budget.pdf");
}
END_TEST

/* 江苏省委办公厅 2018 against 2017 (the text parts): 20 of its 28 comparisons
 * find last year's figure, all agree (the 2017 report writes 省委办公厅 for
 * the unit). */
START_TEST(real_shengwei_text_quiet)
{
    assert_quiet(REAL "js-shengwei-2018-budget-text.pdf", REAL "js-shengwei-2017-budget-text.pdf");
}
END_TEST

/* ---- carryover ---- */

/* 财政拨款收入支出决算总表: 年初 98.02 in 2024, 年末 98.20 in 2023; the
 * 收入支出决算总表 agrees (125.40 both). */
START_TEST(carry_mismatch)
{
    fl_test_run *r = run_with(FIX "final-2024.txt", FIX "final-2023.txt");
    fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, RULE_CARRY, 30);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    assert_values(f, "98.20", "98.02");
    ck_assert_ptr_nonnull(strstr(f->message, "财政拨款收入支出决算总表"));
    ck_assert_ptr_nonnull(strstr(f->message, "final-2023.txt"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(carry_consistent_quiet)
{
    assert_quiet(FIX "final-2024-consistent.txt", FIX "final-2023.txt");
    /* and never against next year's */
    assert_quiet(FIX "final-2023.txt", FIX "final-2024.txt");
}
END_TEST

/* ---- initial-budget ---- */

/* 行政运行(项): the 决算 L20 states 年初预算 1560.05, the 2024 budget's
 * 一般公共预算支出功能分类预算表 L36 has 15,650,500.00 元.  The total
 * (2581.65, stated twice), the other items and 三公 (0.95) agree; 其他统计
 * 信息事务支出 (年初预算 0.00, L26) is no line of the budget: left alone. */
START_TEST(initial_one_item_off)
{
    fl_test_run *r = run_with(FIX "initial-final-2024.txt", FIX "initial-budget-2024.txt");
    fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, RULE_INITIAL, 20);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    assert_values(f, "1565.05", "1560.05");
    ck_assert_ptr_nonnull(strstr(f->message, "一般公共服务支出(类)统计信息事务(款)行政运行(项)"));
    ck_assert_ptr_nonnull(strstr(f->message, "initial-budget-2024.txt"));
    ck_assert_ptr_nonnull(strstr(f->message, "一般公共预算支出功能分类预算表第36行"));
    ck_assert_ptr_null(fl_test_find(r, RULE_INITIAL, 26));
    fl_test_run_free(r);
}
END_TEST

START_TEST(initial_consistent_quiet)
{
    assert_quiet(FIX "initial-final-2024-consistent.txt", FIX "initial-budget-2024.txt");
}
END_TEST

/* Only the budget of the 决算's own year: the same figures in a 2023
 * budget say nothing. */
START_TEST(initial_other_year_quiet)
{
    assert_quiet(FIX "initial-final-2024.txt", FIX "initial-budget-2023.txt");
}
END_TEST

/* The totals: the budget's 合计 row (25,916,500.00 元) against the
 * 一般公共预算财政拨款支出 年初预算 2581.65, as the seed words it (与年初
 * 预算相比,年初预算数…, L14) and as Putuo does (L18); its 三公 合计 1.20
 * against 0.95 (L38). */
START_TEST(initial_totals_off)
{
    fl_test_run *r = run_with(FIX "initial-final-2024-consistent.txt",
                              FIX "initial-budget-2024-totals.txt");
    fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "across-years", FL_SEV_INFO), 3);
    static const size_t lines[] = { 14, 18 };
    for (size_t i = 0; i < 2; i++) {
        const fl_finding *f = fl_test_find(r, RULE_INITIAL, lines[i]);
        assert_values(f, "2591.65", "2581.65");
        ck_assert_int_eq(f->severity, FL_SEV_WARNING);
        ck_assert_ptr_nonnull(strstr(f->message, "一般公共预算财政拨款支出年初预算为2581.65万元"));
        ck_assert_ptr_nonnull(strstr(f->message, "第46行"));
    }
    const fl_finding *f = fl_test_find(r, RULE_INITIAL, 38);
    assert_values(f, "1.20", "0.95");
    ck_assert_ptr_nonnull(strstr(f->message, "“三公”经费和机关运行经费预算表第55行"));
    fl_test_run_free(r);
}
END_TEST

/* The real 上海市普陀区财政局 2024 决算 with its unit's 2025 budget: another
 * year, nothing. */
START_TEST(initial_real_putuo_other_year_quiet)
{
    assert_quiet(REAL "putuo-finance-2024-final-accounts.pdf", REAL "sh-putuo-caizheng-2025-budget.pdf");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("across-years");
    TCase *tc = tcase_create("prior-year-figure");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, prior_one_figure_off);
    tcase_add_test(tc, prior_basis_changed_is_info);
    tcase_add_test(tc, prior_consistent_pair_quiet);
    tcase_add_test(tc, prior_other_years_quiet);
    tcase_add_test(tc, prior_other_family_quiet);
    tcase_add_test(tc, no_related_quiet);
    tcase_add_test(tc, real_gaoyuan_2018);
    tcase_add_test(tc, real_gaoyuan_reverse_quiet);
    tcase_add_test(tc, real_shengwei_text_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("carryover");
    tcase_add_test(tc, carry_mismatch);
    tcase_add_test(tc, carry_consistent_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("initial-budget");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, initial_one_item_off);
    tcase_add_test(tc, initial_consistent_quiet);
    tcase_add_test(tc, initial_other_year_quiet);
    tcase_add_test(tc, initial_totals_off);
    tcase_add_test(tc, initial_real_putuo_other_year_quiet);
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
