/* test-required-tables.c — the required-tables check on small documents
 * (each rule firing, a clean counterpart, the kinds it runs on) and on the
 * real reports: the putuo 决算 and the national template carry their nine
 * tables, the Shanghai and Jiangsu budgets their sets. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/required-tables/fixtures/"
#define PDF "tests/real/pdf/"
#define CHECK "required-tables"

static void assert_text(const char *got, const char *want)
{
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
}

static void assert_contains(const char *got, const char *want)
{
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strstr(got, want) != NULL, "「%s」 does not contain 「%s」", got, want);
}

static size_t count_all(const fl_test_run *r)
{
    return fl_test_count(r, CHECK, FL_SEV_INFO);
}

/* ---- 决算: the nine tables ---- */

/* Nine tables under their regional names (财政拨款收支决算总表, …决算明细表),
 * 08 empty with the seed's own note: nothing to say. */
START_TEST(final_complete_is_quiet)
{
    fl_test_run *r = fl_test_run_file(CHECK, FIX "final-complete.txt", NULL);
    if (count_all(r) != 0)
        fl_test_dump(r);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(final_defects)
{
    fl_test_run *r = fl_test_run_file(CHECK, FIX "final-defects.txt", NULL);
    ck_assert_uint_eq(count_all(r), 4);
    /* 06 is in the 目录 (line 11) but not in the body. */
    const fl_finding *f = fl_test_find(r, CHECK "/listed-not-present", 11);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    assert_text(f->expected_text, "一般公共预算财政拨款基本支出决算表");
    assert_contains(f->message, "9张中的7张");
    /* 03 is neither listed nor published: reported where the tables start. */
    f = fl_test_find(r, CHECK "/missing-table", 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_uint_eq(f->line, 32);
    assert_text(f->expected_text, "支出决算表");
    ck_assert_uint_eq(fl_test_count(r, CHECK "/missing-table", FL_SEV_INFO), 1);
    /* 07 is empty and its note names 国有资本经营. */
    f = fl_test_find(r, CHECK "/empty-note-mismatch", 73);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    assert_text(f->expected_text, "政府性基金");
    assert_text(f->actual_text, "国有资本经营");
    /* 08 is empty and says nothing. */
    f = fl_test_find(r, CHECK "/empty-table-no-note", 81);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    assert_contains(f->message, "国有资本经营预算财政拨款支出决算表没有数据");
    fl_test_run_free(r);
}
END_TEST

/* The reason given only in the 情况说明 (seed 001's wording): an info. */
START_TEST(final_note_in_narrative)
{
    fl_test_run *r = fl_test_run_file(CHECK, FIX "final-note-elsewhere.txt", NULL);
    ck_assert_uint_eq(count_all(r), 1);
    ck_assert_uint_eq(fl_test_count(r, CHECK, FL_SEV_WARNING), 0);
    const fl_finding *f = fl_test_find(r, CHECK "/empty-table-no-note", 100);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    assert_contains(f->message, "第114行");
    fl_test_run_free(r);
}
END_TEST

/* Each wording of the note under an empty table is a note. */
START_TEST(final_note_wordings)
{
    static const char *const notes[] = {
        "本部门没有使用国有资本经营预算安排的支出，故本表无数据",
        "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。",
        "注:本单位2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。",
        "注：本部门无相关收支项目",
        "注：本部门无该项目",
        "说明：本单位本年度没有国有资本经营预算财政拨款收入和支出。",
        "此表为空。",
    };
    unsigned char *text = NULL;
    size_t len;
    text = fl_test_slurp(FL_SRCDIR "/" FIX "final-complete.txt", &len);
    const char *old = "本部门没有使用国有资本经营预算安排的支出，故本表无数据";
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
        char *at = strstr((char *)text, old);
        ck_assert_ptr_nonnull(at);
        size_t head = (size_t)(at - (char *)text);
        char *doc = malloc(len + strlen(notes[i]) + 1);
        memcpy(doc, text, head);
        strcpy(doc + head, notes[i]);
        strcat(doc, at + strlen(old));
        fl_test_run *r = fl_test_run_text(CHECK, doc, NULL);
        ck_assert_msg(count_all(r) == 0, "note not seen: %s", notes[i]);
        fl_test_run_free(r);
        free(doc);
    }
    /* Without any note the same table is reported. */
    char *at = strstr((char *)text, old);
    memset(at, ' ', strlen(old));
    fl_test_run *r = fl_test_run_text(CHECK, (char *)text, NULL);
    ck_assert_uint_eq(fl_test_count(r, CHECK "/empty-table-no-note", FL_SEV_WARNING), 1);
    fl_test_run_free(r);
    free(text);
}
END_TEST

/* Seed 001 is a 决算 说明 whose tables are "见附表": one info. */
START_TEST(final_tables_attached)
{
    fl_test_run *r = fl_test_run_file(CHECK, "examples/001_aaa1171e4b8d576e.txt", NULL);
    ck_assert_uint_eq(count_all(r), 1);
    const fl_finding *f = fl_test_find(r, CHECK "/no-tables", 2779);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    assert_contains(f->message, "应公开9张");
    fl_test_run_free(r);
}
END_TEST

/* A 决算 with no table and no word on where they are: still one info. */
START_TEST(final_without_tables)
{
    const char *text = "# 某某县民政局2024年度部门决算\n\n一、收入支出决算总体情况说明\n\n"
                       "2024年度收入总计120.00万元。\n";
    fl_test_run *r = fl_test_run_text(CHECK, text, NULL);
    ck_assert_uint_eq(count_all(r), 1);
    const fl_finding *f = fl_test_find(r, CHECK "/no-tables", 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    fl_test_run_free(r);
}
END_TEST

/* Seed 003 (兖州 2023 决算) publishes all nine; 08 says why it is empty. */
START_TEST(final_seed003)
{
    fl_test_run *r = fl_test_run_file(CHECK, "examples/003_b8f3d489ed9ef61e.txt", NULL);
    if (count_all(r) != 0)
        fl_test_dump(r);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
}
END_TEST

/* ---- 预算 ---- */

START_TEST(budget_shanghai_is_quiet)
{
    fl_test_run *r = fl_test_run_file(CHECK, FIX "budget-shanghai.txt", NULL);
    if (count_all(r) != 0)
        fl_test_dump(r);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(budget_shanghai_no_sangong)
{
    fl_test_run *r = fl_test_run_file(CHECK, FIX "budget-shanghai-no-sangong.txt", NULL);
    ck_assert_uint_eq(count_all(r), 1);
    const fl_finding *f = fl_test_find(r, CHECK "/listed-not-present", 27);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    assert_text(f->expected_text, "“三公”经费支出预算表");
    assert_contains(f->message, "8张中的7张");
    fl_test_run_free(r);
}
END_TEST

/* Jiangsu's text half lists 公开01–12表 and says "具体公开表样附后". */
START_TEST(budget_jiangsu_text_half)
{
    fl_test_run *r = fl_test_run_file(CHECK, FIX "budget-jiangsu-text.txt", NULL);
    ck_assert_uint_eq(count_all(r), 1);
    ck_assert_uint_eq(fl_test_count(r, CHECK, FL_SEV_WARNING), 0);
    const fl_finding *f = fl_test_find(r, CHECK "/no-tables", 45);
    ck_assert_ptr_nonnull(f);
    assert_contains(f->message, "应公开8张");
    fl_test_run_free(r);
}
END_TEST

/* ---- kinds ---- */

/* A self-evaluation and a page of unknown kind owe no such tables, even
 * with an empty 国有资本经营 table and a 目录 promising more. */
START_TEST(other_kinds_quiet)
{
    const char *eval = "# 某某县民政局2024年度项目支出绩效自评报告\n\n"
                       "目 录\n\n一、收入支出决算总表\n\n二、收入决算表\n\n第一部分 正文\n\n"
                       "## 国有资本经营预算财政拨款支出决算表\n\n金额单位：万元\n\n"
                       "科目代码\t科目名称\t合计\n\t合计\t0.00\n\n";
    fl_test_run *r = fl_test_run_text(CHECK, eval, NULL);
    ck_assert_int_eq(fl_doc_kind_of(r->doc), FL_KIND_PROJECT_EVAL);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
    /* Of unknown kind: a 决算 with no table would get an info. */
    r = fl_test_run_text(CHECK, "# 关于某某事项的通知\n\n请各单位按时报送材料。\n", NULL);
    ck_assert_int_eq(fl_doc_kind_of(r->doc), FL_KIND_UNKNOWN);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
    r = fl_test_run_file(CHECK, "examples/000_043825adc2a1e450.txt", NULL);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
    r = fl_test_run_file(CHECK, "examples/002_24d4cf092f85e5e3.txt", NULL);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
}
END_TEST

/* ---- real reports ---- */

static void assert_all_present(const char *path)
{
    fl_test_run *r = fl_test_run_file(CHECK, path, NULL);
    size_t missing = fl_test_count(r, CHECK "/missing-table", FL_SEV_INFO) +
                     fl_test_count(r, CHECK "/listed-not-present", FL_SEV_INFO) +
                     fl_test_count(r, CHECK "/no-tables", FL_SEV_INFO);
    if (missing != 0)
        fl_test_dump(r);
    ck_assert_msg(missing == 0, "tables not found in %s", path);
    fl_test_run_free(r);
}

/* Shanghai's 决算 order (三公 at 七、), titles as headings, 三公 untitled
 * in the table itself; 07 and 08 empty with their notes. */
START_TEST(real_putuo_final)
{
    assert_all_present(PDF "putuo-finance-2024-final-accounts.pdf");
    fl_test_run *r = fl_test_run_file(CHECK, PDF "putuo-finance-2024-final-accounts.pdf", NULL);
    ck_assert_uint_eq(count_all(r), 0);
    fl_test_run_free(r);
}
END_TEST

/* The template: nine tables, all blank — one info, nothing per table. */
START_TEST(real_template)
{
    assert_all_present(PDF "template-national-2024.pdf");
    fl_test_run *r = fl_test_run_file(CHECK, PDF "template-national-2024.pdf", NULL);
    ck_assert_uint_eq(count_all(r), 1);
    const fl_finding *f = fl_test_find(r, CHECK "/tables-unfilled", 89);
    ck_assert_ptr_nonnull(f);
    assert_contains(f->message, "9张表");
    fl_test_run_free(r);
}
END_TEST

START_TEST(real_budgets_complete)
{
    static const char *const files[] = {
        "js-gaoyuan-2017-budget.pdf", "js-gaoyuan-2018-budget.pdf",
        "js-jianchayuan-2017-budget.pdf", "js-jianchayuan-2019-budget.pdf",
        "js-renda-2018-budget.pdf", "js-shengwei-2017-budget-tables.pdf",
        "js-shengwei-2018-budget-tables.pdf", "js-zhengxie-2018-budget-tables.pdf",
        "sh-putuo-caizheng-2025-budget.pdf", "sh-putuo-shangwu-2025-budget.pdf",
        "sh-putuo-shangwu-unit-2025-budget.pdf", "sh-putuo-wanli-2024-budget.pdf",
        "sh-putuo-zfb-2025-budget.pdf",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[128];
        strcpy(path, PDF);
        strcat(path, files[i]);
        assert_all_present(path);
    }
}
END_TEST

/* The text halves of Jiangsu's split budgets: one info each. */
START_TEST(real_jiangsu_text_halves)
{
    static const char *const files[] = { PDF "js-shengwei-2017-budget-text.pdf",
                                         PDF "js-shengwei-2018-budget-text.pdf",
                                         PDF "js-zhengxie-2018-budget-text.pdf" };
    static const size_t lines[] = { 101, 85, 87 };
    for (size_t i = 0; i < 3; i++) {
        fl_test_run *r = fl_test_run_file(CHECK, files[i], NULL);
        ck_assert_uint_eq(count_all(r), 1);
        const fl_finding *f = fl_test_find(r, CHECK "/no-tables", lines[i]);
        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(f->severity, FL_SEV_INFO);
        fl_test_run_free(r);
    }
}
END_TEST

/* 上海市普陀区财政局 2025: the note under the empty 国有资本经营 table
 * (p18) is the 政府性基金 one, pasted. */
START_TEST(real_caizheng_pasted_note)
{
    fl_test_run *r = fl_test_run_file(CHECK, PDF "sh-putuo-caizheng-2025-budget.pdf", NULL);
    ck_assert_uint_eq(count_all(r), 1);
    const fl_finding *f = fl_test_find(r, CHECK "/empty-note-mismatch", 267);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_int_eq(f->page, 18);
    assert_text(f->actual_text, "政府性基金");
    fl_test_run_free(r);
}
END_TEST

/* 江苏省高级人民法院 2017 (p15) and 2018 (p14): the 政府性基金 table is
 * empty, nothing under it; the 情况说明 only says "0万元". */
START_TEST(real_gaoyuan_empty_fund)
{
    static const char *const files[] = { PDF "js-gaoyuan-2017-budget.pdf",
                                         PDF "js-gaoyuan-2018-budget.pdf" };
    static const size_t lines[] = { 314, 409 };
    static const int pages[] = { 15, 14 };
    for (size_t i = 0; i < 2; i++) {
        fl_test_run *r = fl_test_run_file(CHECK, files[i], NULL);
        ck_assert_uint_eq(count_all(r), 1);
        const fl_finding *f = fl_test_find(r, CHECK "/empty-table-no-note", lines[i]);
        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(f->severity, FL_SEV_WARNING);
        ck_assert_int_eq(f->page, pages[i]);
        fl_test_run_free(r);
    }
    /* 省委办公厅 2017's tables half: the reason is in the text half. */
    fl_test_run *r = fl_test_run_file(CHECK, PDF "js-shengwei-2017-budget-tables.pdf", NULL);
    ck_assert_uint_eq(fl_test_count(r, CHECK, FL_SEV_WARNING), 0);
    ck_assert_ptr_nonnull(fl_test_find(r, CHECK "/empty-table-no-note", 138));
    fl_test_run_free(r);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("required-tables");
    TCase *tc = tcase_create("final");
    tcase_add_test(tc, final_complete_is_quiet);
    tcase_add_test(tc, final_defects);
    tcase_add_test(tc, final_note_in_narrative);
    tcase_add_test(tc, final_note_wordings);
    tcase_add_test(tc, final_tables_attached);
    tcase_add_test(tc, final_without_tables);
    tcase_add_test(tc, final_seed003);
    suite_add_tcase(s, tc);
    tc = tcase_create("budget");
    tcase_add_test(tc, budget_shanghai_is_quiet);
    tcase_add_test(tc, budget_shanghai_no_sangong);
    tcase_add_test(tc, budget_jiangsu_text_half);
    suite_add_tcase(s, tc);
    tc = tcase_create("kinds");
    tcase_add_test(tc, other_kinds_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("real");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, real_putuo_final);
    tcase_add_test(tc, real_template);
    tcase_add_test(tc, real_budgets_complete);
    tcase_add_test(tc, real_jiangsu_text_halves);
    tcase_add_test(tc, real_caizheng_pasted_note);
    tcase_add_test(tc, real_gaoyuan_empty_fund);
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
