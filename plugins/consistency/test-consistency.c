/* test-consistency.c — the consistency check on real wordings: each
 * finding and its legitimate twin (comparisons with the previous year,
 * short and long forms of the unit's name, listings of subordinate units),
 * and the seeds, which have none. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/consistency/fixtures/"

static void assert_text(const char *got, const char *want)
{
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
}

static const fl_finding *must_find(const fl_test_run *r, const char *rule, size_t line,
                                   fl_severity sev)
{
    return fl_test_expect_text(r, rule, line, sev, NULL, NULL);
}

/* ---- a 2024 决算 of 上海市普陀区财政局 (wordings of the published one) ---- */

START_TEST(final_wrong_year_and_unit)
{
    fl_test_run *r = fl_test_run_file("consistency", FIX "final-2024-wrong.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 5);
    /* "第二部分 上海市普陀区XX局2024年度部门决算表" */
    const fl_finding *f = must_find(r, "consistency/unit-name", 17, FL_SEV_ERROR);
    assert_text(f->expected_text, "上海市普陀区财政局");
    assert_text(f->actual_text, "上海市普陀区XX局");
    /* "### 2023年度部门决算表" */
    f = must_find(r, "consistency/year-title", 19, FL_SEV_ERROR);
    assert_text(f->expected_text, "2024年");
    assert_text(f->actual_text, "2023年");
    /* "上海市普陀区财政局2023年度收入支出总计2995.39万元。与2023年度相比…" */
    f = must_find(r, "consistency/year-text", 25, FL_SEV_WARNING);
    assert_text(f->actual_text, "2023年");
    ck_assert_ptr_nonnull(strstr(f->message, "2023年度收入支出总计"));
    /* "2023年度“三公”经费财政拨款支出决算数为0.95万元。" */
    must_find(r, "consistency/year-text", 33, FL_SEV_WARNING);
    /* "截至2023年12月31日,上海市普陀区财政局共有车辆0辆" */
    f = must_find(r, "consistency/asset-date", 43, FL_SEV_ERROR);
    assert_text(f->expected_text, "2024年12月31日");
    /* Comparisons stay quiet: "与2023年度相比" (L25, L29), "比2023年度增加" (L39). */
    ck_assert_uint_eq(fl_test_count(r, "consistency/year-text", FL_SEV_INFO), 2);
    ck_assert_ptr_null(fl_test_find(r, "consistency", 29));
    ck_assert_ptr_null(fl_test_find(r, "consistency", 39));
    /* The 单位构成 section names a subordinate unit (上海市普陀区国库收付中心概况). */
    ck_assert_ptr_null(fl_test_find(r, "consistency", 15));
    fl_test_run_free(r);
}
END_TEST

START_TEST(final_clean_is_quiet)
{
    fl_test_run *r = fl_test_run_file("consistency", FIX "final-2024-clean.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* ---- a 2025 部门预算 (wordings of sh-putuo-caizheng-2025-budget.pdf) ---- */

START_TEST(budget_wrong_year_and_unit)
{
    fl_test_run *r = fl_test_run_file("consistency", FIX "budget-2025-wrong.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 3);
    /* "### 2024年部门收入预算总表" in a 2025 budget. */
    const fl_finding *f = must_find(r, "consistency/year-title", 9, FL_SEV_ERROR);
    assert_text(f->actual_text, "2024年");
    assert_text(f->expected_text, "2025年");
    /* "编制部门:上海市规划和自然资源局 单位:元" */
    f = must_find(r, "consistency/unit-name", 11, FL_SEV_ERROR);
    assert_text(f->actual_text, "上海市规划和自然资源局");
    /* "2024年“三公”经费预算数为0.95万元,与2024年预算持平。" */
    must_find(r, "consistency/year-text", 19, FL_SEV_WARNING);
    /* "比2024年预算增加107.62万元" (L7), "与2024年预算持平" (L21) and the
     * vehicle count "截至2024年8月31日" (L23) of a budget are legitimate. */
    ck_assert_ptr_null(fl_test_find(r, "consistency", 7));
    ck_assert_ptr_null(fl_test_find(r, "consistency", 21));
    ck_assert_ptr_null(fl_test_find(r, "consistency", 23));
    fl_test_run_free(r);
}
END_TEST

START_TEST(budget_clean_is_quiet)
{
    fl_test_run *r = fl_test_run_file("consistency", FIX "budget-2025-clean.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* A budget's asset count is taken before its year: even a year-end date
 * of the previous year is not an asset-date finding there. */
START_TEST(asset_date_final_only)
{
    const char *text = "## 上海市普陀区财政局\n\n# 上海市普陀区2025年区级部门预算\n\n"
                       "### 2025年部门预算编制说明\n\n"
                       "截至2024年12月31日,财政局共有车辆0辆,其中:部级领导干部用车0辆。\n";
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* A unit name with 和 before the year is no comparison ("2022年和2023年"). */
START_TEST(year_text_after_unit_name)
{
    const char *text = "## 上海市普陀区规划和自然资源局\n\n# 2024年度部门决算\n\n"
                       "### 第三部分 上海市普陀区规划和自然资源局2024年度部门决算情况说明\n\n"
                       "上海市普陀区规划和自然资源局2023年度财政拨款收入支出总计0.3万元。"
                       "与2023年度相比,财政拨款收入支出总计持平。\n";
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    const fl_finding *f = must_find(r, "consistency/year-text", 7, FL_SEV_WARNING);
    ck_assert_ptr_nonnull(strstr(f->message, "2023年度财政拨款收入支出总计"));
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 1);
    fl_test_run_free(r);
}
END_TEST

/* A sentence starts after 。 or ';': what stands before them (other years,
 * a comparison) does not excuse the year that starts the next sentence. */
START_TEST(year_text_sentence_starts)
{
    const char *text = "## 上海市普陀区财政局\n\n# 2024年度部门决算\n\n"
                       "### 第三部分 上海市普陀区财政局2024年度部门决算情况说明\n\n"
                       "与2022年相比,收入有所增加。2023年度收入支出总计0.3万元;"
                       "2023年度支出总计0.2万元。与2023年度相比,2023年度收入总计持平。\n";
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    must_find(r, "consistency/year-text", 7, FL_SEV_WARNING);
    ck_assert_uint_eq(fl_test_count(r, "consistency/year-text", FL_SEV_INFO), 2);
    fl_test_run_free(r);
}
END_TEST

/* A section explaining terms (名词解释) may quote other years' figures. */
START_TEST(year_text_listing_section_skipped)
{
    const char *text = "## 上海市普陀区财政局\n\n# 2024年度部门决算\n\n"
                       "### 第三部分 上海市普陀区财政局2024年度部门决算情况说明\n\n"
                       "2023年度收入支出总计0.3万元。\n\n"
                       "### 第四部分 名词解释\n\n"
                       "2023年度收入支出总计:指全年收入与支出的合计。\n";
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    must_find(r, "consistency/year-text", 7, FL_SEV_WARNING);
    ck_assert_uint_eq(fl_test_count(r, "consistency/year-text", FL_SEV_INFO), 1);
    fl_test_run_free(r);
}
END_TEST

/* ---- unit names: short and long forms are one unit ---- */

typedef struct unit_case {
    const char *unit;  /* the report's unit (cover) */
    const char *other; /* named in a table title */
    int findings;
} unit_case;

static const unit_case unit_cases[] = {
    { "江苏省委办公厅", "中共江苏省委办公厅", 0 },
    { "江苏省委办公厅", "中国共产党江苏省委员会办公厅", 0 },
    { "中国共产党江苏省委员会办公厅", "江苏省委办公厅", 0 },
    { "江苏省政协办公厅", "中国人民政治协商会议江苏省委员会办公厅", 0 },
    { "江苏省人大常委会办公厅", "江苏省人民代表大会常务委员会办公厅", 0 },
    { "上海市普陀区财政局", "普陀区财政局", 0 },
    { "普陀区财政局", "上海市普陀区财政局", 0 },
    { "昌吉回族自治州民政局", "昌吉州民政局", 0 },
    { "上海市普陀区人民政府办公室", "上海市普陀区政府办公室", 0 },
    { "普陀区规划和自然资源局", "上海市规划和自然资源局", 1 },
    { "上海市普陀区规划和自然资源局", "上海市规划和自然资源局", 1 },
    { "上海市普陀区财政局", "上海市普陀区XX局", 1 },
    { "上海市普陀区财政局", "上海市普陀区商务委员会", 1 },
    { "江苏省高级人民法院", "江苏省人民检察院", 1 },
};

START_TEST(unit_short_and_long_forms)
{
    const unit_case *c = &unit_cases[_i];
    char text[1024];
    snprintf(text, sizeof text,
             "## %s\n\n# 2018年度部门预算\n\n### 第一部分 %s概况\n\n"
             "### 第二部分 %s2018年度部门预算表\n",
             c->unit, c->unit, c->other);
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    ck_assert_str_eq(fl_doc_unit(r->doc), c->unit);
    ck_assert_msg(fl_test_count(r, "consistency/unit-name", FL_SEV_ERROR) == (size_t)c->findings,
                  "%s vs %s: expected %d", c->unit, c->other, c->findings);
    if (c->findings > 0)
        must_find(r, "consistency/unit-name", 7, FL_SEV_ERROR);
    fl_test_run_free(r);
}
END_TEST

/* The unit read from the cover and not confirmed by any other title or
 * label: a different name is only an info (which one is right is unknown). */
START_TEST(unit_unconfirmed_is_info)
{
    const char *text = "## 上海市普陀区财政局\n\n# 2024年度部门决算\n\n"
                       "### 第二部分 上海市规划和自然资源局2024年度部门决算表\n";
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    must_find(r, "consistency/unit-name", 5, FL_SEV_INFO);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_WARNING), 0);
    fl_test_run_free(r);
}
END_TEST

/* Subordinate units are listed in 部门决算单位构成 / 机构设置. */
START_TEST(unit_listing_sections_skipped)
{
    const char *text = "## 上海市普陀区财政局\n\n# 2024年度部门决算\n\n"
                       "### 第一部分 上海市普陀区财政局概况\n\n"
                       "二、机构设置\n\n上海市普陀区国库收付中心概况\n\n"
                       "三、部门决算单位构成\n\n上海市普陀区财政局财政所概况\n\n"
                       "### 第二部分 上海市普陀区财政局2024年度部门决算表\n";
    fl_test_run *r = fl_test_run_text("consistency", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "consistency", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* ---- the seeds: 003 is a 2023 决算 (与2022年度相比, 截至2023年12月31日,
 * 批复单位:济宁市兖州区财政局), 001 a 2024 决算; nothing to report ---- */

START_TEST(seeds_are_quiet)
{
    static const char *const seeds[] = {
        "examples/000_043825adc2a1e450.txt", "examples/001_aaa1171e4b8d576e.txt",
        "examples/002_24d4cf092f85e5e3.txt", "examples/003_b8f3d489ed9ef61e.txt",
    };
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        fl_test_run *r = fl_test_run_file("consistency", seeds[i], NULL);
        if (fl_test_count(r, "consistency", FL_SEV_INFO) != 0)
            fl_test_dump(r);
        ck_assert_msg(fl_test_count(r, "consistency", FL_SEV_INFO) == 0, "findings in %s", seeds[i]);
        fl_test_run_free(r);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("consistency");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, final_wrong_year_and_unit);
    tcase_add_test(t, final_clean_is_quiet);
    tcase_add_test(t, budget_wrong_year_and_unit);
    tcase_add_test(t, budget_clean_is_quiet);
    tcase_add_test(t, asset_date_final_only);
    tcase_add_test(t, year_text_after_unit_name);
    tcase_add_test(t, year_text_sentence_starts);
    tcase_add_test(t, year_text_listing_section_skipped);
    tcase_add_loop_test(t, unit_short_and_long_forms, 0,
                        (int)(sizeof unit_cases / sizeof *unit_cases));
    tcase_add_test(t, unit_unconfirmed_is_info);
    tcase_add_test(t, unit_listing_sections_skipped);
    tcase_add_test(t, seeds_are_quiet);
    suite_add_tcase(s, t);
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
