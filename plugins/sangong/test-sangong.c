/* test-sangong.c — the sangong check, loaded as a real plugin, on small
 * fixtures (every rule firing and a clean counterpart, in each table
 * layout) and on the seed reports. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define CHECK_ID "sangong"
#define FIX "plugins/sangong/fixtures/"

/* The finding of `rule` on `line` must exist with these numbers. */
static const fl_finding *expect(const fl_test_run *run, const char *rule, size_t line,
                                fl_severity sev, const char *expected, const char *actual)
{
    const fl_finding *f = fl_test_find(run, rule, line);
    if (f == NULL)
        fl_test_dump(run);
    ck_assert_msg(f != NULL, "no %s finding on line %zu", rule, line);
    ck_assert_int_eq(f->severity, sev);
    if (expected) {
        ck_assert(f->has_values);
        ck_assert_str_eq(fl_test_dec(f->expected), expected);
        ck_assert_str_eq(fl_test_dec(f->actual), actual);
    }
    ck_assert_ptr_nonnull(f->message);
    ck_assert_ptr_nonnull(f->suggestion);
    return f;
}

static void expect_none(const fl_test_run *run, fl_severity min)
{
    size_t n = fl_test_count(run, CHECK_ID, min);
    if (n)
        fl_test_dump(run);
    ck_assert_uint_eq(n, 0);
}

/* ---- seeds ---- */

START_TEST(seed_002_unexplained_difference)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, "examples/002_24d4cf092f85e5e3.txt", NULL);
    expect(run, "sangong/unexplained-difference", 34, FL_SEV_WARNING, "0.85", "0.66");
    expect_none(run, FL_SEV_ERROR);
    fl_test_run_free(run);
}
END_TEST

START_TEST(seed_001_no_error)
{
    /* 10.91 = 0.00 + 10.30 + 0.61, 占94.41% / 5.59%, 增长132.13%, 差异率0.00% */
    fl_test_run *run = fl_test_run_file(CHECK_ID, "examples/001_aaa1171e4b8d576e.txt", NULL);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(seed_003_no_error)
{
    /* 三公 1.30 in 公开09表 and 完成年初预算数的100% in the narrative. */
    fl_test_run *run = fl_test_run_file(CHECK_ID, "examples/003_b8f3d489ed9ef61e.txt", NULL);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(seed_000_nothing)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, "examples/000_043825adc2a1e450.txt", NULL);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

/* ---- clean fixtures, one per layout ---- */

START_TEST(clean_tab_rows)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "tab-clean.txt", NULL);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(clean_one_cell_per_line)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "cells-clean.txt", NULL);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(clean_markdown)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "markdown-clean.txt", NULL);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

/* ---- TAB rows, national template (items as columns, 预算数 then 决算数) ---- */

START_TEST(tab_sum_error_and_rounding)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "tab-errors.txt", NULL);
    /* 决算数: 12.30 written, 1.80 + 7.60 + 2.80 = 12.20 */
    const fl_finding *f = NULL;
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *g = run->rep->items[i];
        if (strcmp(g->rule, "sangong/sum") == 0 && g->severity == FL_SEV_ERROR)
            f = g;
    }
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(f->line, 15);
    ck_assert_str_eq(fl_test_dec(f->expected), "12.20");
    ck_assert_str_eq(fl_test_dec(f->actual), "12.30");
    ck_assert_uint_eq(f->naddends, 3);
    ck_assert_str_eq(fl_test_dec(f->addends[2].value), "2.80");
    ck_assert_ptr_nonnull(f->column);
    ck_assert_ptr_nonnull(strstr(f->column, "决算数"));
    /* 预算数: 公务用车 8.00 vs 3.00 + 5.01: rounding only */
    size_t infos = 0;
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *g = run->rep->items[i];
        if (strcmp(g->rule, "sangong/sum") == 0 && g->severity == FL_SEV_INFO) {
            infos++;
            ck_assert_str_eq(fl_test_dec(g->expected), "8.01");
            ck_assert_str_eq(fl_test_dec(g->actual), "8.00");
            ck_assert_ptr_nonnull(strstr(g->message, "尾数"));
        }
    }
    ck_assert_uint_eq(infos, 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(tab_other_rules)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "tab-errors.txt", NULL);
    /* 公务接待费 2.50 -> 2.80 in the table, no reason anywhere */
    const fl_finding *f = expect(run, "sangong/over-budget", 15, FL_SEV_ERROR, "2.50", "2.80");
    ck_assert_ptr_nonnull(strstr(f->message, "公务接待费"));
    /* 12.50 -> 12.30 stated with no reason */
    expect(run, "sangong/unexplained-difference", 23, FL_SEV_WARNING, "12.50", "12.30");
    /* 7.50 in the text, 7.60 in the table */
    expect(run, "sangong/narrative-table", 21, FL_SEV_ERROR, "7.60", "7.50");
    /* 占15.00%: 1.80 / 12.30 = 14.63% */
    expect(run, "sangong/rate", 21, FL_SEV_ERROR, "14.63", "15.00");
    expect(run, "sangong/car-split", 21, FL_SEV_WARNING, NULL, NULL);
    expect(run, "sangong/abroad-detail", 21, FL_SEV_WARNING, NULL, NULL);
    expect(run, "sangong/reception-detail", 21, FL_SEV_WARNING, NULL, NULL);
    /* 增长11.82% (1.30 / 11.00) and 差异率-1.60% are right */
    ck_assert_uint_eq(fl_test_count(run, "sangong/rate", FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(option_rounding_per_addend)
{
    const char *const opts[] = { "rounding-per-addend=0", NULL };
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "tab-errors.txt", opts);
    ck_assert_uint_eq(fl_test_count(run, "sangong/sum", FL_SEV_ERROR), 2);
    fl_test_run_free(run);
}
END_TEST

START_TEST(option_details_off)
{
    const char *const opts[] = { "details=no", NULL };
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "tab-errors.txt", opts);
    ck_assert_uint_eq(fl_test_count(run, "sangong/car-split", FL_SEV_INFO), 0);
    ck_assert_uint_eq(fl_test_count(run, "sangong/reception-detail", FL_SEV_INFO), 0);
    ck_assert_uint_eq(fl_test_count(run, "sangong/rate", FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

/* ---- one cell per line (items as rows) ---- */

START_TEST(cells_over_budget_and_rate)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "cells-errors.txt", NULL);
    /* 公务接待费预算数为2.00万元，决算数为2.40万元。 and nothing after it */
    expect(run, "sangong/over-budget", 39, FL_SEV_ERROR, "2.00", "2.40");
    /* 5.00 -> 5.20 is over budget too, but the text gives the reason */
    ck_assert_uint_eq(fl_test_count(run, "sangong/over-budget", FL_SEV_INFO), 1);
    /* 减少0.30万元，下降6.00%: 0.30 / 5.50 = 5.45% */
    expect(run, "sangong/rate", 37, FL_SEV_ERROR, "-5.45", "-6.00");
    /* the table's 预算数 合计 5.10 = 0.00 + 3.00 + 2.00 is 5.00 */
    const fl_finding *f = expect(run, "sangong/sum", 11, FL_SEV_ERROR, "5.00", "5.10");
    ck_assert_ptr_nonnull(f->row);
    ck_assert_str_eq(f->row, "合计");
    /* … and the narrative says 5.00 */
    expect(run, "sangong/narrative-table", 37, FL_SEV_ERROR, "5.10", "5.00");
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 4);
    fl_test_run_free(run);
}
END_TEST

/* ---- markdown pipe table (items as columns, 预算数 / 决算数 rows) ---- */

START_TEST(markdown_sums_and_over_budget)
{
    fl_test_run *run = fl_test_run_file(CHECK_ID, FIX "markdown-errors.txt", NULL);
    ck_assert_uint_eq(fl_test_count(run, "sangong/sum", FL_SEV_ERROR), 2);
    const fl_finding *f = expect(run, "sangong/sum", 10, FL_SEV_ERROR, NULL, NULL);
    ck_assert(f->has_values);
    /* 公务用车 4.00 -> 4.20 with no reason of its own */
    f = expect(run, "sangong/over-budget", 10, FL_SEV_ERROR, "4.00", "4.20");
    ck_assert_ptr_nonnull(strstr(f->message, "公务用车购置及运行维护费"));
    ck_assert_uint_eq(fl_test_count(run, "sangong/over-budget", FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(markdown_rows_in_yuan)
{
    /* Items as rows, amounts in 元, a 上年决算数 column to leave alone. */
    fl_test_run *run = fl_test_run_text(
        CHECK_ID,
        "三、“三公”经费支出决算表\n\n单位：元\n\n"
        "| 项目 | 上年决算数 | 年初预算数 | 全年预算数 | 决算数 |\n"
        "|---|---|---|---|---|\n"
        "| 合计 | 9,000.00 | 8,000.00 | 8,500.00 | 6,700.00 |\n"
        "| 因公出国（境）费 | 0.00 | 0.00 | 0.00 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 6,000.00 | 6,000.00 | 6,000.00 | 5,000.00 |\n"
        "| 公务接待费 | 3,000.00 | 2,000.00 | 2,500.00 | 1,600.00 |\n"
        "\n“三公”经费全年预算数为0.85万元，决算数为0.66万元，主要原因是厉行节约。\n",
        NULL);
    /* 1,600 + 5,000 = 6,600 ≠ 6,700 in 决算数; 预算数 8,500 adds up */
    const fl_finding *f = expect(run, "sangong/sum", 7, FL_SEV_ERROR, "6600.00", "6700.00");
    ck_assert_ptr_nonnull(strstr(f->message, "元"));
    /* 6,700 元 is 0.67 万元, the text says 0.66 */
    expect(run, "sangong/narrative-table", 12, FL_SEV_ERROR, "0.67", "0.66");
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 2);
    fl_test_run_free(run);
}
END_TEST

START_TEST(row_labels_total_words)
{
    /* 总计 names the total as 合计 does; 合 alone (联合调研, before it)
     * names nothing. */
    fl_test_run *run = fl_test_run_text(
        CHECK_ID,
        "三、“三公”经费支出决算表\n\n单位：万元\n\n"
        "| 项目 | 预算数 | 决算数 |\n"
        "|---|---|---|\n"
        "| 联合调研 | 99.00 | 99.00 |\n"
        "| 总计 | 10.00 | 8.50 |\n"
        "| 因公出国（境）费 | 2.00 | 1.00 |\n"
        "| 公务用车购置及运行维护费 | 5.00 | 4.00 |\n"
        "| 公务接待费 | 3.00 | 3.00 |\n",
        NULL);
    expect(run, "sangong/sum", 8, FL_SEV_ERROR, "8.00", "8.50");
    ck_assert_uint_eq(fl_test_count(run, "sangong/sum", FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(untitled_table_items_above_lanci)
{
    /* A title that does not say 三公: the table is read because its
     * header names 因公出国（境）费 and 公务接待费, in a row above the
     * 小计 and 栏次 rows. */
    fl_test_run *run = fl_test_run_text(
        CHECK_ID,
        "## 九、公开09表\n\n金额单位：万元\n\n"
        "预算数\t\t\t\t\t\t决算数\n"
        "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t"
        "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n"
        "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n"
        "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"
        "12.50\t2.00\t8.00\t3.00\t5.00\t2.50\t12.30\t1.80\t7.60\t3.00\t4.60\t2.80\n",
        NULL);
    /* 决算数: 1.80 + 7.60 + 2.80 = 12.20, written 12.30 */
    expect(run, "sangong/sum", 9, FL_SEV_ERROR, "12.20", "12.30");
    fl_test_run_free(run);
}
END_TEST

/* ---- narrative only ---- */

/* A cover title says what the document is; without one the kind is
 * unknown and only the rules valid for every kind run. */
#define BUDGET_TITLE "上海市普陀区某局2025年部门预算\n\n"
#define FINAL_TITLE "上海市普陀区某局2024年度部门决算\n\n"

static fl_test_run *run_text(const char *text)
{
    return fl_test_run_text(CHECK_ID, text, NULL);
}

START_TEST(narrative_reason_in_next_sentence)
{
    fl_test_run *run = run_text("“三公”经费预算数为0.85万元，决算数为0.66万元。"
                                "决算数小于预算数的主要原因是厉行节约，严控公务接待。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_placeholder_reason)
{
    fl_test_run *run =
        run_text(FINAL_TITLE "“三公”经费预算数为0.85万元，决算数为0.66万元，主要原因是：。\n");
    expect(run, "sangong/unexplained-difference", 3, FL_SEV_WARNING, "0.85", "0.66");
    fl_test_run_free(run);
    run = run_text(FINAL_TITLE "“三公”经费预算数为0.85万元，决算数为0.66万元，主要原因是：增加（减少）XX。\n");
    expect(run, "sangong/unexplained-difference", 3, FL_SEV_WARNING, "0.85", "0.66");
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_over_budget)
{
    fl_test_run *run = run_text(FINAL_TITLE "一、基本情况\n\n本单位情况如下。\n\n"
                                            "2024年度“三公”经费全年预算数1.00万元，决算数1.20万元。\n");
    expect(run, "sangong/over-budget", 7, FL_SEV_ERROR, "1.00", "1.20");
    ck_assert_uint_eq(fl_test_count(run, "sangong/unexplained-difference", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(unknown_kind_only_universal_rules)
{
    /* The same sentence as a 决算, as a 绩效自评 and with no title: on a
     * document of unknown kind only the rules valid for every kind run,
     * so over-budget (决算/绩效自评 only) is dropped while rate
     * (FL_KINDS_ALL: 差异率 (1.20 − 1.00) / 1.00 = 20.00 %, not 10.00 %)
     * still fires. */
#define SG_OVER_TEXT "2024年度“三公”经费全年预算数1.00万元，决算数1.20万元，预决算差异率10.00%。\n"
    fl_test_run *run = run_text(FINAL_TITLE SG_OVER_TEXT);
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "1.00", "1.20");
    expect(run, "sangong/rate", 3, FL_SEV_ERROR, "20.00", "10.00");
    fl_test_run_free(run);
    run = run_text("某局2024年度项目支出绩效自评报告\n\n" SG_OVER_TEXT);
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "1.00", "1.20");
    fl_test_run_free(run);
    run = run_text(SG_OVER_TEXT);
    ck_assert_uint_eq(fl_test_count(run, "sangong/over-budget", FL_SEV_INFO), 0);
    expect(run, "sangong/rate", 1, FL_SEV_ERROR, "20.00", "10.00");
    fl_test_run_free(run);
    /* unexplained-difference likewise (0.85 against 0.66, no reason). */
    run = run_text("“三公”经费预算数为0.85万元，决算数为0.66万元，主要原因是：。\n");
    ck_assert_uint_eq(fl_test_count(run, "sangong/unexplained-difference", FL_SEV_INFO), 0);
    fl_test_run_free(run);
#undef SG_OVER_TEXT
}
END_TEST

START_TEST(narrative_sum)
{
    fl_test_run *run = run_text("2024年度“三公”经费支出3.00万元。其中：因公出国（境）费支出0.00万元，"
                                "公务用车购置及运行维护费支出2.00万元，公务接待费支出0.50万元。\n"
                                "公务用车购置及运行维护费2.00万元，其中：公务用车购置费0.00万元，"
                                "公务用车运行维护费2.00万元。国内公务接待3批次，20人次。\n");
    const fl_finding *f = expect(run, "sangong/sum", 1, FL_SEV_ERROR, "2.50", "3.00");
    ck_assert_uint_eq(f->naddends, 3);
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_difference_rate)
{
    fl_test_run *run = run_text("“三公”经费预算数为2.00万元，决算数为1.50万元，预决算差异率-20.00%，"
                                "主要原因是厉行节约。\n");
    expect(run, "sangong/rate", 1, FL_SEV_ERROR, "-25.00", "-20.00");
    fl_test_run_free(run);
    /* 差异率 written without a sign means the size of the gap */
    run = run_text("“三公”经费预算数为2.00万元，决算数为1.50万元，预决算差异率25.00%，"
                   "主要原因是厉行节约。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_completion_rate)
{
    fl_test_run *run = run_text("“三公”经费年初预算数为1.3万元，支出决算数为1.2万元，完成年初预算数的95%。"
                                "主要原因是厉行节约。\n");
    expect(run, "sangong/rate", 1, FL_SEV_ERROR, "92.31", "95.00");
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_adjusted_budget)
{
    /* Against the adjusted budget 12.00 the 11.50 spent is below it. */
    fl_test_run *run = run_text(FINAL_TITLE "“三公”经费年初预算数为10.00万元，调整后预算数为12.00万元，"
                                            "决算数为11.50万元，比预算减少0.50万元。\n");
    expect(run, "sangong/unexplained-difference", 3, FL_SEV_WARNING, "12.00", "11.50");
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_not_sangong)
{
    /* Amounts about other things in a paragraph that names 三公 items. */
    fl_test_run *run = run_text("公用经费41.37万元，包括：办公费、公务接待费、公务用车运行维护费。"
                                "人员经费346.25万元，比上年增加10.00万元，增长3.00%。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_named_by_any_item_keyword)
{
    /* A paragraph is read when any item keyword names it, 出国（境）费
     * (no 公) as well as 公务接待; a sub-line such as 国内接待 alone names
     * no 三公 item. */
    fl_test_run *run = run_text(FINAL_TITLE "出国（境）费预算数为2.00万元，决算数为2.50万元。\n");
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "2.00", "2.50");
    fl_test_run_free(run);
    run = run_text(FINAL_TITLE "国内接待费预算数为2.00万元，决算数为2.50万元。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_role_from_last_word)
{
    /* The word nearest the number says what it is: 支出 comes after
     * 预算 here, so 2.50 is a 决算数 although 决算 comes before. */
    fl_test_run *run = run_text(FINAL_TITLE "公务接待费预算数为2.00万元，决算（预算调整后）支出2.50万元。\n");
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "2.00", "2.50");
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_semicolon_ends_sentence)
{
    /* ； ends a sentence: the reason given in the 公务用车 clause after
     * it does not explain the 公务接待费 over-spending before it. */
    fl_test_run *run = run_text(FINAL_TITLE "公务接待费预算数为2.00万元，决算数为2.50万元；"
                                            "公务用车运行维护费预算数为1.00万元，决算数为1.20万元，"
                                            "主要原因是车辆老化维修增加。\n");
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "2.00", "2.50");
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_item_mark_wherever_it_stands)
{
    /* The paragraph filter finds 公务 at the very start of a paragraph,
     * and after 们务 (我们务必), whose bytes end like 公务. */
    fl_test_run *run = run_text(FINAL_TITLE "公务接待费预算数为2.00万元，决算数为2.50万元。\n");
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "2.00", "2.50");
    fl_test_run_free(run);
    run = run_text(FINAL_TITLE "我们务必节约，公务接待费预算数为2.00万元，决算数为2.50万元。\n");
    expect(run, "sangong/over-budget", 3, FL_SEV_ERROR, "2.00", "2.50");
    fl_test_run_free(run);
    /* 们务 alone is no mark. */
    run = run_text(FINAL_TITLE "我们务必节约，接待费预算数为2.00万元，决算数为2.50万元。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(garbage_input)
{
    static const char *const texts[] = {
        "", "三公", "“三公”经费预算数为", "三公经费预算数为万元，决算数为-",
        "三公\t预算数\n合计\t\n\t\t\n", "| 三公 |\n|---|\n| 1 |\n",
        "“三公”经费预算数为0万元，决算数为0万元，差异率0%，占0%，增长0%。",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fl_test_run *run = run_text(texts[i]);
        ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_ERROR), 0);
        fl_test_run_free(run);
    }
}
END_TEST

/* ---- real wordings (corpus) ---- */


/* The same 三公 figures, as a budget and as a 决算 says them. */
#define SG_BUDGET_TEXT \
    "2025年“三公”经费预算数为867.50万元，与2024年预算持平。其中：因公出国（境）费839万元，" \
    "与2024年预算持平；公务用车购置及运行费0万元，与2024年预算持平；" \
    "公务接待费28.50万元，与2024年预算持平。\n"
#define SG_FINAL_TEXT \
    "2024年度“三公”经费预算数为867.50万元，决算数为867.50万元。其中：因公出国（境）费" \
    "决算数839万元；公务用车购置及运行费决算数0万元；公务接待费决算数28.50万元。\n"

START_TEST(budget_no_final_details)
{
    /* sh-putuo-zfb-2025-budget p21: a budget owes no 团组/人次 or
     * 批次/人次, and has no 决算数 to speak of. */
    fl_test_run *run = run_text(BUDGET_TITLE SG_BUDGET_TEXT);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
    /* The same figures in a 决算 still owe them. */
    run = run_text(FINAL_TITLE SG_FINAL_TEXT);
    const fl_finding *f = expect(run, "sangong/abroad-detail", 3, FL_SEV_WARNING, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(f->message, "因公出国（境）费决算数为839.00万元"));
    f = expect(run, "sangong/reception-detail", 3, FL_SEV_WARNING, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(f->message, "公务接待费决算数为28.50万元"));
    fl_test_run_free(run);
}
END_TEST

START_TEST(budget_car_split_says_budget)
{
    /* car-split holds for a budget too; its message speaks of 预算数. */
    fl_test_run *run = run_text(BUDGET_TITLE "2025年“三公”经费预算数为10.00万元。其中："
                                             "公务用车购置及运行费6.00万元，比上年预算减少1.00万元，"
                                             "主要原因是压减车辆。\n");
    const fl_finding *f = expect(run, "sangong/car-split", 3, FL_SEV_WARNING, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(f->message, "公务用车购置及运行维护费预算数为6.00万元"));
    ck_assert_ptr_null(strstr(f->message, "决算"));
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(budget_compared_with_last_year)
{
    /* sh-putuo-wanli-2024-budget p32: 比2023年预算增加25万元 compares with
     * last year's budget, not 决算数 − 预算数. */
    fl_test_run *run = run_text(
        "上海市普陀区2024年区级部门预算\n\n"
        "2024年部门“三公”经费和机关运行经费预算表\n\n"
        "| 项目 | 预算数 |\n|---|---|\n| 合计 | 47.91 |\n| 因公出国（境）费 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 46.56 |\n| 公务接待费 | 1.35 |\n\n"
        "2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元。其中：\n"
        "（二）公务用车购置及运行费46.56万元，比2023年预算增加25万元，主要原因是购置公务用车。"
        "其中：公务用车购置费25万元，比2023年预算增加25万元，主要原因是购置公务用车；"
        "公务用车运行费21.56万元，比2023年预算持平。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(reason_after_item_list)
{
    /* putuo-finance-2024-final-accounts p23: the reason follows the list
     * of items, three clauses after the figures. */
    static const char head[] =
        FINAL_TITLE "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，"
        "其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行维护费支出决算为"
        "0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。"
        "2024年度“三公”经费支出决算数小于预算数的主要原因：";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", head, "当年度无“三公”经费支出。\n");
    fl_test_run *run = run_text(text);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
    snprintf(text, sizeof text, "%s%s", head, "严格落实中央八项规定，控制“三公”经费支出。\n");
    run = run_text(text);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
    /* A placeholder there is still no reason. */
    snprintf(text, sizeof text, "%s%s", head, "XXXXXXXX。\n");
    run = run_text(text);
    expect(run, "sangong/unexplained-difference", 3, FL_SEV_WARNING, "0.95", "0.00");
    fl_test_run_free(run);
}
END_TEST

START_TEST(car_split_zero_purchase)
{
    static const char *const given[] = {
        "其中购置为0，运行维护费5.00万元。",
        "无公务用车购置预算安排。",
        "其中：公务用车购置费0万元。",
        "其中：公务用车运行维护费5.00万元。",
    };
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 FINAL_TITLE "2024年度“三公”经费决算数5.00万元，其中：公务用车购置及运行维护费"
                             "决算数5.00万元。%s\n",
                 given[i]);
        fl_test_run *run = run_text(text);
        ck_assert_uint_eq(fl_test_count(run, "sangong/car-split", FL_SEV_INFO), 0);
        fl_test_run_free(run);
    }
    /* 购置费0.50万元 with no running cost is no split. */
    fl_test_run *run = run_text(FINAL_TITLE "2024年度“三公”经费决算数5.00万元，其中：公务用车购置及"
                                            "运行维护费决算数5.00万元，公务用车购置费0.50万元。\n");
    expect(run, "sangong/car-split", 3, FL_SEV_WARNING, NULL, NULL);
    fl_test_run_free(run);
}
END_TEST

START_TEST(previous_year_in_parentheses)
{
    /* 1.20 in parentheses is 2023's, never this year's 决算数. */
    fl_test_run *run = fl_test_run_text(
        CHECK_ID,
        FINAL_TITLE "三、“三公”经费支出决算表\n\n"
        "| 项目 | 预算数 | 决算数 |\n|---|---|---|\n"
        "| 合计 | 1.00 | 1.00 |\n| 因公出国（境）费 | 0.00 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 0.00 | 0.00 |\n| 公务接待费 | 1.00 | 1.00 |\n\n"
        "2024年度公务接待费支出1.00万元，国内公务接待2批次，10人次。"
        "（2023年：公务接待费1.20万元。）\n",
        NULL);
    ck_assert_uint_eq(fl_test_count(run, "sangong/narrative-table", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(total_under_sangong_not_grand_total)
{
    /* js-jianchayuan-2017-budget p16/p22: the table's first 合计 adds 会议费
     * and 培训费; 占“三公”经费的X% is of the 三公 小计. */
    fl_test_run *run = fl_test_run_text(
        CHECK_ID,
        "江苏省人民检察院2017年度部门预算\n\n"
        "十一、一般公共预算“三公”经费、会议费、培训费支出预算表\n\n单位：万元\n\n"
        "| 合计 | “三公”经费小计 | 因公出国（境）费 | 公务用车购置及运行维护费 | 公务接待费 | 会议费 | 培训费 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1,452.35 | 584.35 | 110.00 | 317.80 | 156.55 | 168.00 | 700.00 |\n\n"
        "因公出国（境）费支出110万元，占“三公”经费的18.82%；公务接待费支出156.55万元，"
        "占“三公”经费的26.72%。\n",
        NULL);
    /* 156.55 / 584.35 = 26.79 %, as the real report has it wrong */
    expect(run, "sangong/rate", 11, FL_SEV_ERROR, "26.79", "26.72");
    ck_assert_uint_eq(fl_test_count(run, "sangong/rate", FL_SEV_INFO), 1);
    ck_assert_uint_eq(fl_test_count(run, "sangong/sum", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_scoped_to_sangong_sections)
{
    /* With a 三公 section that names an item, a paragraph of another
     * section is not read, however it is worded; the 三公 section
     * follows another one, so each paragraph's own section counts. */
    static const char text[] =
        "某局2024年度部门决算\n\n"
        "一、财政拨款“三公”经费支出决算表\n\n"
        "| 项目 | 预算数 | 决算数 |\n|---|---|---|\n"
        "| 合计 | 3.00 | 3.00 |\n| 因公出国（境）费 | 0.00 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 0.00 | 0.00 |\n| 公务接待费 | 3.00 | 3.00 |\n\n"
        "二、其他重要事项说明\n\n"
        "公务接待费支出决算4.00万元。\n\n" /* line 14 */
        "三、“三公”经费支出说明\n\n"
        "公务接待费支出决算3.50万元，国内公务接待2批次，10人次。\n"; /* line 18 */
    fl_test_run *run = run_text(text);
    expect(run, "sangong/narrative-table", 18, FL_SEV_ERROR, "3.00", "3.50");
    ck_assert_ptr_null(fl_test_find(run, "sangong/narrative-table", 14));
    fl_test_run_free(run);
}
END_TEST

START_TEST(sangong_figures_only_from_sangong_parts)
{
    /* 30217 公务接待费 5.00 in the 经济分类 table and 公务接待费5.00万元 in
     * the 机关运行经费 section are not 三公 figures: only the 三公 table
     * (3.00) and the 三公 section (3.50) are compared. */
    static const char text[] =
        "某局2024年度部门决算\n\n"
        "一、一般公共预算财政拨款基本支出决算表\n\n"
        "| 科目编码 | 科目名称 | 决算数 |\n|---|---|---|\n"
        "| 30217 | 公务接待费 | 5.00 |\n\n"
        "二、财政拨款“三公”经费支出决算表\n\n"
        "| 项目 | 预算数 | 决算数 |\n|---|---|---|\n"
        "| 合计 | 3.00 | 3.00 |\n| 因公出国（境）费 | 0.00 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 0.00 | 0.00 |\n| 公务接待费 | 3.00 | 3.00 |\n\n"
        "三、机关运行经费支出说明\n\n"
        "机关运行经费支出20.00万元，其中：公务接待费5.00万元。\n\n" /* line 20 */
        "四、“三公”经费支出说明\n\n"
        "公务接待费支出决算3.50万元，国内公务接待2批次，10人次。\n"; /* line 24 */
    fl_test_run *run = run_text(text);
    const fl_finding *f = expect(run, "sangong/narrative-table", 24, FL_SEV_ERROR, "3.00", "3.50");
    ck_assert_str_eq(f->check, CHECK_ID);
    ck_assert_ptr_null(fl_test_find(run, "sangong/narrative-table", 20));
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 1);
    fl_test_run_free(run);

    /* The same 机关运行经费 sentence with no headings at all: its subject
     * is another total, so its 5.00 is still no 三公 figure. */
    run = run_text("某局2024年度部门决算\n\n财政拨款“三公”经费支出决算表\n\n"
                   "| 项目 | 预算数 | 决算数 |\n|---|---|---|\n"
                   "| 合计 | 3.00 | 3.00 |\n| 因公出国（境）费 | 0.00 | 0.00 |\n"
                   "| 公务用车购置及运行维护费 | 0.00 | 0.00 |\n| 公务接待费 | 3.00 | 3.00 |\n\n"
                   "机关运行经费支出20.00万元，其中：办公费15.00万元；公务接待费5.00万元。\n\n"
                   "“三公”经费决算3.00万元，其中公务接待费支出决算3.00万元，"
                   "国内公务接待2批次，10人次。\n");
    ck_assert_uint_eq(fl_test_count(run, "sangong/narrative-table", FL_SEV_INFO), 0);
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 0);
    fl_test_run_free(run);

    /* A wide 公用经费 table whose columns are 30212 / 30217 / 30231 is no
     * 三公 table, though its columns name 因公出国 and 公务接待. */
    run = run_text("某局2024年度部门决算\n\n"
                   "一、基本支出决算表（公用经费）\n\n"
                   "| 科目 | 合计 | 30201办公费 | 30212因公出国（境）费用 | 30217公务接待费 | "
                   "30231公务用车运行维护费 |\n|---|---|---|---|---|---|\n"
                   "| 合计 | 20.00 | 13.00 | 0.00 | 5.00 | 2.00 |\n\n"
                   "二、“三公”经费支出说明\n\n"
                   "公务接待费支出决算3.00万元，国内公务接待2批次，10人次。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST


/* ---- table against narrative: empty table, denial, 会议费/培训费 ---- */

/* putuo-finance-2024-final-accounts p18: no title in the model, every item
 * over its own 预算数 | 决算数 pair, blank cells for 0. */
#define PUTUO_HEAD \
    FINAL_TITLE "财政拨款三公经费支出决算表\n\n单位：万元\n\n" \
    "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t\n" \
    "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t\n" \
    "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n"

START_TEST(paired_columns_read_final)
{
    /* 决算数 sits in the second column of each pair: 2.50, not read before. */
    fl_test_run *run = run_text(PUTUO_HEAD
                                "3.00\t2.50\t0.00\t0.00\t2.00\t1.80\t0.00\t0.00\t2.00\t1.80\t1.00\t0.70\n\n"
                                "2024年度“三公”经费支出决算数为2.60万元，主要原因是厉行节约。\n");
    expect(run, "sangong/narrative-table", 12, FL_SEV_ERROR, "2.50", "2.60");
    fl_test_run_free(run);
}
END_TEST

START_TEST(putuo_blank_final_no_spending)
{
    /* The real page: 0.95 budgeted for 公务接待费, nothing spent, and the
     * narrative says so. */
    fl_test_run *run = run_text(
        PUTUO_HEAD "0.95\t\t\t\t\t\t\t\t\t\t0.95\t\n\n"
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，"
        "其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行维护费支出决算为"
        "0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。"
        "2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。\n\n"
        "上海市普陀区财政局2024年度无“三公”经费财政拨款支出。\n");
    expect_none(run, FL_SEV_WARNING);
    ck_assert_uint_eq(fl_test_count(run, "sangong/narrative-denies-table", FL_SEV_INFO), 0);
    fl_test_run_free(run);
    /* The same blank 决算数 columns against a narrative that spent 0.50. */
    run = run_text(PUTUO_HEAD "0.95\t\t\t\t\t\t\t\t\t\t0.95\t\n\n"
                              "2024年度“三公”经费财政拨款支出决算为0.50万元，主要原因是厉行节约。\n");
    const fl_finding *f = expect(run, "sangong/empty-table-narrative", 12, FL_SEV_ERROR, "0.00", "0.50");
    ck_assert_ptr_nonnull(strstr(f->message, "决算数"));
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_WARNING), 1);
    fl_test_run_free(run);
}
END_TEST

/* Shanghai's budget 三公 table (sh-putuo-caizheng-2025-budget p21). */
#define SH_BUDGET_TABLE(row) \
    BUDGET_TITLE "2025年部门“三公”经费和机关运行经费预算表\n\n单位：万元\n\n" \
    "| 合计 | 因公出国（境）费 | 公务接待费 | 公务用车购置及运行费 | 购置费 | 运行费 | 机关运行经费预算数 |\n" \
    "|---|---|---|---|---|---|---|\n" row "\n"

START_TEST(empty_table_narrative_amount)
{
    fl_test_run *run = run_text(SH_BUDGET_TABLE("| - | - | - | - | - | - | 229.43 |")
                                "2025年“三公”经费预算数为0.95万元，比2024年预算增加0.95万元，"
                                "主要原因是新增公务接待。\n");
    const fl_finding *f = expect(run, "sangong/empty-table-narrative", 10, FL_SEV_ERROR, "0.00", "0.95");
    ck_assert_ptr_nonnull(strstr(f->message, "预算数"));
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 1);
    fl_test_run_free(run);
    /* Explicit zeros: still one finding, not a narrative-table one too. */
    run = run_text(SH_BUDGET_TABLE("| 0.00 | 0.00 | 0.00 | 0.00 | 0.00 | 0.00 | 229.43 |")
                   "2025年“三公”经费预算数为0.95万元。\n");
    expect(run, "sangong/empty-table-narrative", 10, FL_SEV_ERROR, "0.00", "0.95");
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_INFO), 1);
    fl_test_run_free(run);
    /* Correct twin: the narrative says there is none. */
    run = run_text(SH_BUDGET_TABLE("| - | - | - | - | - | - | 229.43 |")
                   "本部门2025年无“三公”经费预算。2025年“三公”经费预算数为0万元。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(empty_table_without_data_row_is_info)
{
    /* template-national-2024 p12: headers only; the row may be lost. */
    fl_test_run *run = run_text(
        FINAL_TITLE "财政拨款“三公”经费支出决算表\n\n单位：万元\n\n"
        "合计\t\t因公出国（境）费\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务接待费\t\n"
        "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n\n"
        "2024年度“三公”经费支出决算数为1.20万元，国内公务接待2批次，10人次。\n");
    expect(run, "sangong/empty-table-narrative", 10, FL_SEV_INFO, "0.00", "1.20");
    ck_assert_uint_eq(fl_test_count(run, CHECK_ID, FL_SEV_WARNING), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_denies_table_note)
{
    /* sh-putuo-wanli-2024-budget p31: the note under a filled table. */
    static const char table[] =
        "上海市普陀区2024年区级部门预算\n\n部门“三公”经费和机关运行经费预算表\n\n单位：万元\n\n"
        "| 合计 | 因公出国（境）费 | 公务接待费 | 公务用车购置及运行费 | 机关运行经费预算数 |\n"
        "|---|---|---|---|---|\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", table,
             "| 47.91 | 0 | 1.35 | 46.56 | 443.18 |\n\n"
             "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。\n");
    fl_test_run *run = run_text(text);
    const fl_finding *f = expect(run, "sangong/narrative-denies-table", 11, FL_SEV_ERROR, "47.91", "0.00");
    ck_assert_ptr_nonnull(strstr(f->message, "无“三公”经费和机关运行经费预算"));
    fl_test_run_free(run);
    /* Correct twin: the table is empty indeed. */
    snprintf(text, sizeof text, "%s%s", table,
             "| 0 | 0 | 0 | 0 | 443.18 |\n\n"
             "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。\n");
    run = run_text(text);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
    /* The template's condition is no statement. */
    snprintf(text, sizeof text, "%s%s", table,
             "| 47.91 | 0 | 1.35 | 46.56 | 443.18 |\n\n"
             "无“三公”经费财政拨款支出的部门，作下述说明：2023年无“三公”经费预算。\n");
    run = run_text(text);
    ck_assert_uint_eq(fl_test_count(run, "sangong/narrative-denies-table", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_denies_table_item)
{
    /* js-gaoyuan-2017 / car-split wording against a table that buys a car. */
    static const char table[] =
        BUDGET_TITLE "“三公”经费预算表\n\n"
        "| 项目 | 预算数 |\n|---|---|\n| 合计 | 75.00 |\n| 因公出国（境）费 | 0.00 |\n"
        "| 公务用车购置及运行维护费 | 70.00 |\n| 公务用车购置费 | %s |\n"
        "| 公务用车运行维护费 | 20.00 |\n| 公务接待费 | 5.00 |\n\n"
        "2025年“三公”经费预算数为75.00万元。其中：公务用车运行维护费20.00万元，"
        "无公务用车购置预算安排。\n";
    char text[2048];
    snprintf(text, sizeof text, table, "50.00");
    fl_test_run *run = run_text(text);
    const fl_finding *f = expect(run, "sangong/narrative-denies-table", 14, FL_SEV_ERROR, "50.00", "0.00");
    ck_assert_ptr_nonnull(strstr(f->message, "公务用车购置费预算数为50.00万元"));
    fl_test_run_free(run);
    /* 公务用车 running costs only: the sentence is right (and the table's
     * 合计 no longer adds up, which is sum's business). */
    snprintf(text, sizeof text, table, "0.00");
    run = run_text(text);
    ck_assert_uint_eq(fl_test_count(run, "sangong/narrative-denies-table", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(meeting_training_in_narrative_total)
{
    /* 4.00 + 10.00 + 6.00 = 20.00 三公; 30.00 adds 会议费 and 培训费. */
    fl_test_run *run = run_text(BUDGET_TITLE
                                "2025年“三公”经费预算数合计30.00万元，其中：因公出国（境）费4.00万元，"
                                "公务用车购置及运行费10.00万元（其中：公务用车购置费0万元，公务用车运行费10.00万元），"
                                "公务接待费6.00万元，会议费6.00万元，培训费4.00万元。\n");
    const fl_finding *f = expect(run, "sangong/meeting-training-in-total", 3, FL_SEV_ERROR, "20.00", "30.00");
    ck_assert_uint_eq(f->naddends, 3);
    ck_assert_uint_eq(fl_test_count(run, "sangong/sum", FL_SEV_INFO), 0);
    fl_test_run_free(run);
    /* Correct twins: the subject names them, or the total leaves them out. */
    run = run_text(BUDGET_TITLE "2025年“三公”经费及会议费、培训费预算合计30.00万元，其中：因公出国（境）费"
                                "4.00万元，公务用车购置及运行费10.00万元（其中：公务用车购置费0万元，公务用车"
                                "运行费10.00万元），公务接待费6.00万元，会议费6.00万元，培训费4.00万元。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
    run = run_text(BUDGET_TITLE "2025年“三公”经费预算数合计20.00万元，其中：因公出国（境）费4.00万元，"
                                "公务用车购置及运行费10.00万元（其中：公务用车购置费0万元，公务用车运行费10.00万元），"
                                "公务接待费6.00万元。另安排会议费6.00万元，培训费4.00万元。\n");
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

START_TEST(meeting_training_in_table_total)
{
    static const char table[] =
        "江苏省某厅2018年度部门预算\n\n%s\n\n单位：万元\n\n"
        "| 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 | 公务接待费 | 会议费 | 培训费 |\n"
        "|---|---|---|---|---|---|\n"
        "| 1,452.35 | 110.00 | 317.80 | 156.55 | 168.00 | 700.00 |\n";
    char text[2048];
    /* Titled 三公 only: its 合计 is the 三公 合计, and it counts 868.00 of
     * 会议费 and 培训费. */
    snprintf(text, sizeof text, table, "一般公共预算“三公”经费支出预算表");
    fl_test_run *run = run_text(text);
    const fl_finding *f = expect(run, "sangong/meeting-training-in-total", 9, FL_SEV_ERROR, "584.35", "1452.35");
    ck_assert_ptr_nonnull(strstr(f->message, "868.00"));
    ck_assert_uint_eq(fl_test_count(run, "sangong/sum", FL_SEV_INFO), 0);
    fl_test_run_free(run);
    /* Jiangsu's “三公”经费、会议费、培训费支出预算表: the 合计 is the grand
     * total, no 三公 figure. */
    snprintf(text, sizeof text, table, "十一、一般公共预算“三公”经费、会议费、培训费支出预算表");
    run = run_text(text);
    expect_none(run, FL_SEV_INFO);
    fl_test_run_free(run);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sangong");
    TCase *seeds = tcase_create("seeds");
    tcase_add_test(seeds, seed_002_unexplained_difference);
    tcase_add_test(seeds, seed_001_no_error);
    tcase_add_test(seeds, seed_003_no_error);
    tcase_add_test(seeds, seed_000_nothing);
    suite_add_tcase(s, seeds);

    TCase *layouts = tcase_create("layouts");
    tcase_add_test(layouts, clean_tab_rows);
    tcase_add_test(layouts, clean_one_cell_per_line);
    tcase_add_test(layouts, clean_markdown);
    tcase_add_test(layouts, tab_sum_error_and_rounding);
    tcase_add_test(layouts, tab_other_rules);
    tcase_add_test(layouts, option_rounding_per_addend);
    tcase_add_test(layouts, option_details_off);
    tcase_add_test(layouts, cells_over_budget_and_rate);
    tcase_add_test(layouts, markdown_sums_and_over_budget);
    tcase_add_test(layouts, markdown_rows_in_yuan);
    tcase_add_test(layouts, row_labels_total_words);
    tcase_add_test(layouts, untitled_table_items_above_lanci);
    suite_add_tcase(s, layouts);

    TCase *narr = tcase_create("narrative");
    tcase_add_test(narr, narrative_reason_in_next_sentence);
    tcase_add_test(narr, narrative_placeholder_reason);
    tcase_add_test(narr, narrative_over_budget);
    tcase_add_test(narr, unknown_kind_only_universal_rules);
    tcase_add_test(narr, narrative_sum);
    tcase_add_test(narr, narrative_difference_rate);
    tcase_add_test(narr, narrative_completion_rate);
    tcase_add_test(narr, narrative_adjusted_budget);
    tcase_add_test(narr, narrative_not_sangong);
    tcase_add_test(narr, narrative_named_by_any_item_keyword);
    tcase_add_test(narr, narrative_item_mark_wherever_it_stands);
    tcase_add_test(narr, narrative_semicolon_ends_sentence);
    tcase_add_test(narr, narrative_role_from_last_word);
    tcase_add_test(narr, garbage_input);
    suite_add_tcase(s, narr);

    TCase *real = tcase_create("real-wordings");
    tcase_add_test(real, budget_no_final_details);
    tcase_add_test(real, budget_car_split_says_budget);
    tcase_add_test(real, budget_compared_with_last_year);
    tcase_add_test(real, reason_after_item_list);
    tcase_add_test(real, car_split_zero_purchase);
    tcase_add_test(real, previous_year_in_parentheses);
    tcase_add_test(real, total_under_sangong_not_grand_total);
    tcase_add_test(real, sangong_figures_only_from_sangong_parts);
    tcase_add_test(real, narrative_scoped_to_sangong_sections);
    suite_add_tcase(s, real);

    TCase *against = tcase_create("table-against-narrative");
    tcase_add_test(against, paired_columns_read_final);
    tcase_add_test(against, putuo_blank_final_no_spending);
    tcase_add_test(against, empty_table_narrative_amount);
    tcase_add_test(against, empty_table_without_data_row_is_info);
    tcase_add_test(against, narrative_denies_table_note);
    tcase_add_test(against, narrative_denies_table_item);
    tcase_add_test(against, meeting_training_in_narrative_total);
    tcase_add_test(against, meeting_training_in_table_total);
    suite_add_tcase(s, against);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
