/* test-template-residue.c — the template-residue check on the real
 * wordings of the national 决算 template (a fixture and the published
 * PDF itself), on a clean counterpart with look-alikes, and on the real
 * reports that keep template text (js-renda-2018, seeds 002 and 003). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/template-residue/fixtures/"
#define TEMPLATE "tests/real/pdf/template-national-2024.pdf"
#define PH "template-residue/placeholder"
#define ALT "template-residue/alternative"
#define INS "template-residue/instruction"

/* The finding of `rule` on `line` exists, has severity `sev` and its
 * actual text (the residue) is `actual`. */
static const fl_finding *expect(const fl_test_run *r, const char *rule, size_t line,
                                fl_severity sev, const char *actual)
{
    return fl_test_expect_text(r, rule, line, sev, NULL, actual);
}

/* ---- the fixture: every family on its template wording ---- */

START_TEST(fixture_every_family)
{
    fl_test_run *r = fl_test_run_file("template-residue", FIX "residue.txt", NULL);
    /* Placeholders: 上海市XX局, XXX万元, XX%, XXXXXXXX, ××, 某某, 20XX年. */
    expect(r, PH, 1, FL_SEV_ERROR, "XX");
    const fl_finding *f = expect(r, PH, 4, FL_SEV_ERROR, "XX");
    ck_assert_ptr_nonnull(strstr(f->message, "等4处"));
    expect(r, PH, 5, FL_SEV_ERROR, "XXXXXXXX");
    expect(r, PH, 18, FL_SEV_ERROR, "××");
    expect(r, PH, 19, FL_SEV_ERROR, "某某");
    /* Alternatives, each order, one finding per line. */
    f = expect(r, ALT, 4, FL_SEV_ERROR, "增加（减少）");
    ck_assert_ptr_nonnull(strstr(f->message, "等2处"));
    expect(r, ALT, 11, FL_SEV_ERROR, "大于（小于）");
    f = expect(r, ALT, 12, FL_SEV_ERROR, "小于（大于）");
    ck_assert_ptr_nonnull(strstr(f->message, "等3处"));
    expect(r, ALT, 20, FL_SEV_ERROR, "增加（减少）");
    /* Instructions to the filler: warnings. */
    expect(r, INS, 5, FL_SEV_WARNING, "（如持平作持平表述）");
    expect(r, INS, 8, FL_SEV_WARNING, "（不涉及的不列）");
    expect(r, INS, 13, FL_SEV_WARNING,
           "按上述格式依次说明到各项级科目，预决算持平的不用说明变动原因。");
    expect(r, INS, 14, FL_SEV_WARNING, "主要用于车辆更新，列明公务用车购置数量。");
    expect(r, INS, 15, FL_SEV_WARNING, "无“三公”经费财政拨款支出的部门，作下述说明：");
    expect(r, INS, 16, FL_SEV_WARNING, "注：此表为空表时，请说明原因。");
    expect(r, INS, 17, FL_SEV_WARNING, "注：请根据本单位实际情况填列。");
    ck_assert_uint_eq(fl_test_count(r, PH, FL_SEV_INFO), 5);
    ck_assert_uint_eq(fl_test_count(r, ALT, FL_SEV_INFO), 4);
    ck_assert_uint_eq(fl_test_count(r, INS, FL_SEV_INFO), 7);
    fl_test_run_free(r);
}
END_TEST

START_TEST(fixture_clean_is_quiet)
{
    /* XXL, X光, XX-200, www.xx.gov.cn, 净增加(减少)额, 列明了, 本表为空表,
     * the 自评表 note "请在…中说明", XX世纪, a header "增加(减少)". */
    fl_test_run *r = fl_test_run_file("template-residue", FIX "clean.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(words_at_the_ends_of_a_text)
{
    /* Each text a word alone: a phrase found by a character in its middle
     * (描, 述), words in a text's last two bytes (××, XX), an antonym at
     * the start. */
    fl_test_run *r = fl_test_run_text("template-residue",
                                      "分别描述绩效情况\n\n某某\n\n××\n\n增(减)\n\n金额XX\n\n"
                                      "作持平表述\n",
                                      NULL);
    expect(r, INS, 1, FL_SEV_WARNING, "分别描述绩效情况");
    expect(r, PH, 3, FL_SEV_ERROR, "某某");
    expect(r, PH, 5, FL_SEV_ERROR, "××");
    expect(r, ALT, 7, FL_SEV_ERROR, "增（减）");
    expect(r, PH, 9, FL_SEV_ERROR, "XX");
    expect(r, INS, 11, FL_SEV_WARNING, "作持平表述");
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 6);
    fl_test_run_free(r);
}
END_TEST

START_TEST(unknown_kind_still_checked)
{
    /* No title: a document of unknown kind; residue is a defect anyway. */
    fl_test_run *r = fl_test_run_text(
        "template-residue", "本年支出合计XXX万元，比上年增加（减少）XX万元。\n", NULL);
    ck_assert_int_eq(fl_doc_kind_of(r->doc), FL_KIND_UNKNOWN);
    expect(r, PH, 1, FL_SEV_ERROR, "XXX");
    expect(r, ALT, 1, FL_SEV_ERROR, "增加（减少）");
    fl_test_run_free(r);
}
END_TEST

/* ---- the national template as published (PDF) ---- */

START_TEST(template_pdf_every_place)
{
    fl_test_run *r = fl_test_run_file("template-residue", TEMPLATE, NULL);
    /* Title and unit name. */
    expect(r, PH, 1, FL_SEV_ERROR, "XX");
    expect(r, PH, 73, FL_SEV_ERROR, "XX"); /* 上海市XX局（本级） in the unit table */
    /* Five example rows "。。。" under the units, one finding. */
    const fl_finding *f = expect(r, PH, 76, FL_SEV_ERROR, "。。。");
    ck_assert_ptr_nonnull(strstr(f->message, "5行"));
    ck_assert_uint_eq(f->end_line, 80);
    expect(r, PH, 133, FL_SEV_ERROR, "…"); /* 收入决算表 "…" row */
    /* 主要原因：XXXXXXXX。（如持平作持平表述） — once per rule. */
    expect(r, PH, 314, FL_SEV_ERROR, "XXXXXXXX");
    expect(r, INS, 314, FL_SEV_WARNING, "（如持平作持平表述）");
    /* 增加（减少）XXX万元，增长（下降）XX% */
    f = expect(r, ALT, 312, FL_SEV_ERROR, "增加（减少）");
    ck_assert_ptr_nonnull(strstr(f->message, "等2处"));
    /* 决算数大于（小于）预算数; 小于（大\n于） wrapped over two lines. */
    expect(r, ALT, 362, FL_SEV_ERROR, "大于（小于）");
    expect(r, ALT, 406, FL_SEV_ERROR, "小于（大于）");
    expect(r, ALT, 410, FL_SEV_ERROR, "减少（增加）");
    expect(r, ALT, 412, FL_SEV_ERROR, "下降（增长）");
    /* (如持平作\n持平表述) across the page break 15/16. */
    expect(r, INS, 346, FL_SEV_WARNING, "（如持平作持平表述）");
    /* Instructions. */
    expect(r, INS, 61, FL_SEV_WARNING, "由主管部门根据三定方案等相关规定中有关主要职能填写。");
    expect(r, INS, 63, FL_SEV_WARNING, "（仅有一个单位的部门，本部分内容为“机构设置”）");
    expect(r, INS, 287, FL_SEV_WARNING,
           "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：");
    expect(r, INS, 322, FL_SEV_WARNING, "（不涉及的不列）");
    expect(r, INS, 382, FL_SEV_WARNING,
           "按上述格式依次说明到各项级科目，预决算持平的不用说明变动原因。");
    expect(r, INS, 442, FL_SEV_WARNING, "主要用于XXXXXXXX，列明公务用车购置数量。");
    expect(r, INS, 460, FL_SEV_WARNING, "无“三公”经费财政拨款支出的部门，作下述说明：");
    expect(r, INS, 576, FL_SEV_WARNING,
           "（无事业收入的单位保留事业收入的名词解释，但不列举主要内容，以下同）");
    /* XX（类）XX（款）XX（项）, 12 placeholders of the vehicle list. */
    expect(r, PH, 470, FL_SEV_ERROR, "XX");
    f = expect(r, PH, 564, FL_SEV_ERROR, "XX");
    ck_assert_ptr_nonnull(strstr(f->message, "等11处"));
    /* Notes the template keeps in a published report are not residue. */
    ck_assert_ptr_null(fl_test_find(r, "template-residue", 120)); /* 注：本表反映… */
    ck_assert_uint_eq(fl_test_count(r, PH, FL_SEV_INFO), 103);
    ck_assert_uint_eq(fl_test_count(r, ALT, FL_SEV_INFO), 20);
    ck_assert_uint_eq(fl_test_count(r, INS, FL_SEV_INFO), 30);
    fl_test_run_free(r);
}
END_TEST

/* ---- real reports ---- */

START_TEST(renda_zero_changes_left_in_both_forms)
{
    static const size_t lines[] = { 435, 437, 439, 441, 577, 591, 613 };
    fl_test_run *r =
        fl_test_run_file("template-residue", "tests/real/pdf/js-renda-2018-budget.pdf", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 7);
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        expect(r, ALT, lines[i], FL_SEV_ERROR, "增加（减少）");
    fl_test_run_free(r);
}
END_TEST

START_TEST(seeds_instructions_left)
{
    fl_test_run *r = fl_test_run_file("template-residue", "examples/002_24d4cf092f85e5e3.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 1);
    expect(r, INS, 70, FL_SEV_WARNING, NULL);
    fl_test_run_free(r);
    r = fl_test_run_file("template-residue", "examples/003_b8f3d489ed9ef61e.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 1);
    expect(r, INS, 2235, FL_SEV_WARNING, "列明人员所在单位、专业、技术职称及分工等。");
    fl_test_run_free(r);
    r = fl_test_run_file("template-residue", "examples/001_aaa1171e4b8d576e.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 0);
    fl_test_run_free(r);
    r = fl_test_run_file("template-residue", "examples/000_043825adc2a1e450.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(real_filled_report_quiet)
{
    fl_test_run *r = fl_test_run_file("template-residue",
                                      "tests/real/pdf/putuo-finance-2024-final-accounts.pdf", NULL);
    ck_assert_uint_eq(fl_test_count(r, "template-residue", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("template-residue");
    TCase *tc = tcase_create("fixtures");
    tcase_add_test(tc, fixture_every_family);
    tcase_add_test(tc, fixture_clean_is_quiet);
    tcase_add_test(tc, words_at_the_ends_of_a_text);
    tcase_add_test(tc, unknown_kind_still_checked);
    suite_add_tcase(s, tc);
    tc = tcase_create("real");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, template_pdf_every_place);
    tcase_add_test(tc, renda_zero_changes_left_in_both_forms);
    tcase_add_test(tc, seeds_instructions_left);
    tcase_add_test(tc, real_filled_report_quiet);
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
