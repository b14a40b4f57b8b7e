/* test-identity.c — what a document is: its kind, report year and unit,
 * each with the line it was read from, on the covers real reports have.
 * (The real PDFs themselves are covered by tests/real-corpus.sh.) */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "document.h"

static fl_document *from_text(const char *text)
{
    return fl_document_from_text("<test>", "text", text, strlen(text));
}

static void assert_identity(const char *text, fl_doc_kind kind, size_t kind_line, int year,
                            const char *unit, size_t unit_line)
{
    fl_document *doc = from_text(text);
    ck_assert_str_eq(fl_doc_kind_name(fl_doc_kind_of(doc)), fl_doc_kind_name(kind));
    ck_assert_uint_eq(fl_doc_kind_line(doc), kind_line);
    ck_assert_int_eq(fl_doc_year(doc), year);
    if (unit == NULL) {
        ck_assert_ptr_null(fl_doc_unit(doc));
    } else {
        ck_assert_str_eq(fl_doc_unit(doc), unit);
        ck_assert_uint_eq(fl_doc_unit_line(doc), unit_line);
    }
    fl_document_free(doc);
}

START_TEST(final_accounts_cover_over_two_lines)
{
    assert_identity("上海市普陀区财政局\n2024年度部门决算\n目 录\n第一部分 概况\n",
                    FL_KIND_DEPT_FINAL, 2, 2024, "上海市普陀区财政局", 1);
}
END_TEST

START_TEST(budget_title_wrapped_mid_name)
{
    /* Jiangsu 2018: the name and the kind word wrap onto a second line. */
    assert_identity("2018 年度江苏省高级\n人民法院预算公开\n2018 年 2 月 24 日\n目\n录\n",
                    FL_KIND_DEPT_BUDGET, 2, 2018, "江苏省高级人民法院", 1);
}
END_TEST

START_TEST(labelled_unit_beats_the_region)
{
    /* Shanghai: the title names the district; the unit is labelled. */
    assert_identity("上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n目\n录\n",
                    FL_KIND_DEPT_BUDGET, 1, 2025, "上海市普陀区财政局", 2);
    assert_identity("上海市普陀区2025年区级单位预算\n预算单位：上海市普陀区商务委员会\n",
                    FL_KIND_UNIT_BUDGET, 1, 2025, "上海市普陀区商务委员会", 2);
}
END_TEST

START_TEST(web_page_furniture_is_not_the_unit)
{
    /* A saved page: the site's name, or a list bullet, before the title. */
    assert_identity("财政预决算\n- 区民政局2023年部门决算\n", FL_KIND_DEPT_FINAL, 2, 2023, "区民政局", 2);
    assert_identity("首页 > 预决算公开 > 上海市普陀区财政局2024年度部门决算\n",
                    FL_KIND_DEPT_FINAL, 1, 2024, "上海市普陀区财政局", 1);
    /* A name wrapped over cover lines is still joined. */
    assert_identity("中国共产党江苏省委员会\n办公厅2017年度部门预算\n", FL_KIND_DEPT_BUDGET, 2, 2017,
                    "中国共产党江苏省委员会办公厅", 1);
}
END_TEST

START_TEST(tables_only_budget)
{
    /* A PDF of tables only: the kind comes from the table titles, the
     * unit from 部门：, not from 单位：万元. */
    assert_identity("收支预算总表\n部门：江苏省政协办公厅 单位：万元\n"
                    "项目\t预算数\t项目\t预算数\n一、财政拨款\t100.00\t一般公共服务支出\t100.00\n"
                    "收入总计\t100.00\t支出总计\t100.00\n",
                    FL_KIND_DEPT_BUDGET, 3, 0, "江苏省政协办公厅", 2);
}
END_TEST

START_TEST(self_evaluations)
{
    assert_identity("附件4\n2024年度民政局整体支出绩效自评报告\n一、部门（单位）基本情况\n",
                    FL_KIND_DEPT_EVAL, 2, 2024, "民政局", 2);
    assert_identity("2024年度项目支出绩效自评报告\n一、社会救助项目\n", FL_KIND_PROJECT_EVAL, 1, 2024,
                    NULL, 0);
}
END_TEST

START_TEST(final_accounts_carry_self_evaluation_tables)
{
    fl_document *doc = from_text("# 2023年济宁市兖州区民政局部门 决算\n\n"
                                 "项目支出绩效自评表\n"
                                 "一级指标\t二级指标\t分值\t得分\n产出指标\t数量指标\t50\t50\n");
    ck_assert_int_eq(fl_doc_kind_of(doc), FL_KIND_DEPT_FINAL);
    ck_assert_uint_eq(fl_doc_kinds(doc), FL_KIND_BIT(FL_KIND_DEPT_FINAL) | FL_KIND_BIT(FL_KIND_PROJECT_EVAL));
    ck_assert_str_eq(fl_doc_unit(doc), "济宁市兖州区民政局");
    ck_assert_int_eq(fl_doc_year(doc), 2023);
    fl_document_free(doc);
}
END_TEST

START_TEST(a_date_is_not_the_year_and_toc_is_not_the_cover)
{
    /* The table of contents names 决算表; that does not make a notice a 决算. */
    fl_document *doc = from_text("关于公开有关事项的通知\n发布日期：2025年3月1日\n目录\n一、收入支出决算总表\n");
    ck_assert_int_eq(fl_doc_kind_of(doc), FL_KIND_UNKNOWN);
    ck_assert_uint_eq(fl_doc_kinds(doc), FL_KIND_BIT(FL_KIND_UNKNOWN));
    ck_assert_uint_eq(fl_doc_kind_line(doc), 0);
    ck_assert_int_eq(fl_doc_year(doc), 0);
    fl_document_free(doc);
}
END_TEST

START_TEST(names_are_stable)
{
    ck_assert_str_eq(fl_doc_kind_name(FL_KIND_DEPT_FINAL), "dept-final");
    ck_assert_str_eq(fl_doc_kind_name(FL_KIND_UNIT_BUDGET), "unit-budget");
    ck_assert_str_eq(fl_doc_kind_name_zh(FL_KIND_DEPT_BUDGET), "部门预算");
    ck_assert_str_eq(fl_doc_kind_name((fl_doc_kind)99), "unknown");
    ck_assert_int_eq(fl_doc_kind_of(NULL), FL_KIND_UNKNOWN);
    ck_assert_ptr_null(fl_doc_unit(NULL));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("identity");
    TCase *tc = tcase_create("covers");
    tcase_add_test(tc, final_accounts_cover_over_two_lines);
    tcase_add_test(tc, budget_title_wrapped_mid_name);
    tcase_add_test(tc, labelled_unit_beats_the_region);
    tcase_add_test(tc, web_page_furniture_is_not_the_unit);
    tcase_add_test(tc, tables_only_budget);
    tcase_add_test(tc, self_evaluations);
    tcase_add_test(tc, final_accounts_carry_self_evaluation_tables);
    tcase_add_test(tc, a_date_is_not_the_year_and_toc_is_not_the_cover);
    tcase_add_test(tc, names_are_stable);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
