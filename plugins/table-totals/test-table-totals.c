/* test-table-totals.c — the table-totals check as a user sees it: which
 * rule fires, on which line, with which expected / actual numbers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "report.h"

#define FIX "plugins/table-totals/fixtures/"
#define SEED3 "examples/003_b8f3d489ed9ef61e.txt"
#define SEED1 "examples/001_aaa1171e4b8d576e.txt"

/* The finding of `rule` on `line` whose column is `column` (NULL: any). */
static const fl_finding *find(const fl_test_run *run, const char *rule,
                              size_t line, const char *column)
{
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *f = run->rep->items[i];
        if (strcmp(f->rule, rule) != 0 || (line != 0 && f->line != line))
            continue;
        if (column != NULL && (f->column == NULL || strcmp(f->column, column) != 0))
            continue;
        return f;
    }
    return NULL;
}

static void assert_values(const fl_finding *f, const char *expected,
                          const char *actual)
{
    ck_assert_ptr_nonnull(f);
    ck_assert(f->has_values);
    ck_assert_str_eq(fl_test_dec(f->expected), expected);
    ck_assert_str_eq(fl_test_dec(f->actual), actual);
}

static fl_test_run *run_file(const char *path)
{
    fl_test_run *run = fl_test_run_file("table-totals", path, NULL);
    fl_test_dump(run);
    return run;
}

/* ---- the three table layouts carry the same defects ---- */
static void check_expense_defects(const char *path)
{
    fl_test_run *run = run_file(path);
    /* 20802: 本年支出合计 250 but its 项 add to 100 + 140 */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/code-hierarchy", FL_SEV_ERROR), 1);
    const fl_finding *f = find(run, "table-totals/code-hierarchy", 0, "本年支出合计");
    assert_values(f, "240.00", "250.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->row, "20802"));
    ck_assert_uint_eq(f->naddends, 2);
    /* 2080299: 140 ≠ 0 + 150 */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/row-identity", FL_SEV_ERROR), 1);
    f = find(run, "table-totals/row-identity", 0, NULL);
    assert_values(f, "150.00", "140.00");
    ck_assert_ptr_nonnull(strstr(f->row, "2080299"));
    ck_assert_str_eq(f->column, "本年支出合计");
    /* 合计: 310 / 130 against 250 + 50 / 100 + 20 */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/total-row", FL_SEV_ERROR), 2);
    assert_values(find(run, "table-totals/total-row", 0, "本年支出合计"), "300.00", "310.00");
    assert_values(find(run, "table-totals/total-row", 0, "基本支出"), "120.00", "130.00");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 4);
    fl_test_run_free(run);
}

START_TEST(tab_rows)
{
    check_expense_defects(FIX "expense-tab.txt");
    /* TAB layout: the findings point at the rows' own lines */
    fl_test_run *run = run_file(FIX "expense-tab.txt");
    ck_assert_ptr_nonnull(find(run, "table-totals/code-hierarchy", 12, NULL));
    ck_assert_ptr_nonnull(find(run, "table-totals/row-identity", 14, NULL));
    ck_assert_ptr_nonnull(find(run, "table-totals/total-row", 10, NULL));
    fl_test_run_free(run);
}
END_TEST

START_TEST(cell_per_line)
{
    check_expense_defects(FIX "expense-cells.txt");
}
END_TEST

START_TEST(pipe_table)
{
    check_expense_defects(FIX "expense-pipe.txt");
}
END_TEST

/* Shanghai's layout: the code split over 类 | 款 | 项 columns. */
START_TEST(split_code_columns)
{
    fl_test_run *run = run_file(FIX "split-codes.txt");
    /* 20106 财政事务: 110 written, its 项 2010601 + 2010602 give 80 + 20 */
    const fl_finding *f = find(run, "table-totals/code-hierarchy", 5, "合计");
    assert_values(f, "100.00", "110.00");
    ck_assert_ptr_nonnull(strstr(f->row, "财政事务"));
    ck_assert_uint_eq(f->naddends, 2);
    assert_values(find(run, "table-totals/code-hierarchy", 5, "项目支出"), "20.00", "30.00");
    /* the 类 rows and the 合计 row add up */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/code-hierarchy", FL_SEV_ERROR), 2);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/total-row", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(clean_tables)
{
    static const char *const clean[] = {
        FIX "expense-clean.txt", FIX "summary-clean.txt", FIX "narrative-clean.txt",
    };
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        fl_test_run *run = run_file(clean[i]);
        ck_assert_msg(fl_test_count(run, "table-totals", FL_SEV_INFO) == 0,
                      "%s: expected no findings", clean[i]);
        fl_test_run_free(run);
    }
}
END_TEST

START_TEST(rounding_is_info)
{
    fl_test_run *run = run_file(FIX "rounding.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_WARNING), 0);
    const fl_finding *f = find(run, "table-totals/code-hierarchy", 0, "本年支出合计");
    assert_values(f, "1846.85", "1846.86");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    ck_assert_ptr_nonnull(strstr(f->message, "尾数误差"));
    ck_assert_uint_eq(f->naddends, 5);
    f = find(run, "table-totals/row-identity", 0, NULL);
    assert_values(f, "1153.12", "1153.11");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    fl_test_run_free(run);

    /* no allowance: the same differences are errors */
    static const char *const strict[] = { "rounding-per-addend=0", NULL };
    run = fl_test_run_file("table-totals", FIX "rounding.txt", strict);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/code-hierarchy", FL_SEV_ERROR), 1);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/row-identity", FL_SEV_ERROR), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(summary_identity)
{
    fl_test_run *run = run_file(FIX "summary-tab.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals/summary-identity", FL_SEV_ERROR), 2);
    /* 支出总计 1,200 against 1,110 + 0 + 70 */
    const fl_finding *f = NULL;
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *g = run->rep->items[i];
        if (strcmp(g->rule, "table-totals/summary-identity") == 0 && g->naddends == 3)
            f = g;
    }
    assert_values(f, "1180.00", "1200.00");
    ck_assert_uint_eq(f->line, 16);
    /* 收入总计 1,190 ≠ 支出总计 1,200 */
    f = find(run, "table-totals/summary-identity", 16, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 2);
    fl_test_run_free(run);
}
END_TEST

/* ---- budget twins of the 总表 ---- */
/* 江苏 收支预算总表: 1. 2. sub-lines are breakdowns of 一、财政拨款; the 支出
 * totals sit in the last (支出用途) amount column; 收入合计 1,050.00 (当年
 * 收入小计 1,020.00 + 上年结转资金 30.00) against 支出合计 1,020.00.  The
 * 上海 财务收支预算总表 (元) in the same file adds up. */
START_TEST(budget_summary)
{
    fl_test_run *run = run_file(FIX "budget-summary.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals/summary-identity", FL_SEV_ERROR), 1);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 1);
    const fl_finding *f = find(run, "table-totals/summary-identity", 16, NULL);
    assert_values(f, "1050.00", "1020.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->message, "收入总计应等于支出总计"));
    fl_test_run_free(run);

    /* the clean twin: 结转下年资金 30.00, 支出合计 1,050.00 */
    run = run_file(FIX "budget-summary-clean.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 0);
    fl_test_run_free(run);

    /* a sub-line is not an addend, a line missing from a side is found */
    run = fl_test_run_text("table-totals",
        "2025年度某局部门预算\n"
        "部门财务收支预算总表\n单位：万元\n"
        "本年收入\t\t本年支出\t\n"
        "项目\t预算数\t项目\t预算数\n"
        "一、财政拨款收入\t100.00\t一、一般公共服务支出\t80.00\n"
        "1、一般公共预算资金\t100.00\t二、卫生健康支出\t10.00\n"
        "二、事业收入\t10.00\t\t\n"
        "收入总计\t110.00\t支出总计\t110.00\n", NULL);
    fl_test_dump(run);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/summary-identity", FL_SEV_ERROR), 1);
    f = find(run, "table-totals/summary-identity", 0, "支出");
    assert_values(f, "90.00", "110.00");
    ck_assert_uint_eq(f->naddends, 2);
    fl_test_run_free(run);
}
END_TEST

START_TEST(cross_table)
{
    fl_test_run *run = run_file(FIX "cross-tab.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals/cross-table", FL_SEV_ERROR), 2);
    /* 支出决算表 合计 1,100 vs 总表 本年支出合计 1,120 (line 21) */
    assert_values(find(run, "table-totals/cross-table", 21, NULL), "1120.00", "1100.00");
    /* 05表 基本支出 300 vs 06表 200 + 90 (line 31) */
    const fl_finding *f = find(run, "table-totals/cross-table", 31, NULL);
    assert_values(f, "290.00", "300.00");
    ck_assert_uint_eq(f->naddends, 2);
    /* narrative: 本年支出合计 quoted as 1,150 (error), 499.99 (rounding) */
    f = find(run, "table-totals/narrative", 49, NULL);
    assert_values(f, "1120.00", "1150.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    f = find(run, "table-totals/narrative", 51, NULL);
    assert_values(f, "500.00", "499.99");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    /* 占本年支出合计的44.64%: the base is the table's 1,120, so it holds */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_INFO), 2);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 4);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_only)
{
    fl_test_run *run = run_file(FIX "narrative.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_ERROR), 3);
    /* 其中: 1,028.54 + 277.00 > 1,298.54 */
    const fl_finding *f = find(run, "table-totals/narrative", 7, NULL);
    assert_values(f, "1305.54", "1298.54");
    ck_assert_uint_eq(f->naddends, 2);
    /* 占45.00%: 400 / 1,000 = 40.00 % */
    f = find(run, "table-totals/narrative", 11, NULL);
    assert_values(f, "40.00", "45.00");
    /* 增加100, 增长25%: 100 / (400 − 100) = 33.33 % */
    f = find(run, "table-totals/narrative", 15, NULL);
    assert_values(f, "33.33", "25.00");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 3);
    fl_test_run_free(run);

    static const char *const off[] = { "narrative=off", NULL };
    run = fl_test_run_file("table-totals", FIX "narrative.txt", off);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

START_TEST(narrative_units_and_partial_lists)
{
    fl_test_run *run = run_file(FIX "narrative-unit.txt");
    /* 346.25元 among 万元: adds up only when read as 万元 */
    const fl_finding *f = find(run, "table-totals/narrative", 3, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_str_eq(f->expected_text, "万元");
    ck_assert_str_eq(f->actual_text, "元");
    /* 284.99 + 1600 < 1891.15: maybe a partial list, so a warning */
    f = find(run, "table-totals/narrative", 7, NULL);
    assert_values(f, "1884.99", "1891.15");
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 2);
    fl_test_run_free(run);
}
END_TEST

/* The paragraph scan reads eight bytes at a time: a list, a share and a
 * change must be found wherever they fall against those words, and up
 * to the paragraph's last byte. */
START_TEST(narrative_at_every_alignment)
{
    for (int pad = 0; pad < 8; pad++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "一、收入支出决算总体情况说明\n\n"
                 "%.*s本单位按照有关规定认真编制部门决算本年支出1,000.00万元，"
                 "其中：基本支出400.00万元，占45.00%%；项目支出600.00万元，"
                 "占60.00%%。\n\n"
                 "二、基本支出情况\n\n"
                 "%.*s基本支出400.00万元。与上年相比，增加100.00万元，增长25.00%%\n",
                 pad, "xxxxxxxx", 7 - pad, "yyyyyyyy");
        fl_test_run *run = fl_test_run_text("table-totals", text, NULL);
        /* 占45.00%: 400 / 1,000 = 40.00 %; 增长25%: 100 / 300 = 33.33 % */
        ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative",
                                        FL_SEV_ERROR), 2);
        const fl_finding *f = find(run, "table-totals/narrative", 3, NULL);
        assert_values(f, "40.00", "45.00");
        f = find(run, "table-totals/narrative", 7, NULL);
        assert_values(f, "33.33", "25.00");
        fl_test_run_free(run);
    }
}
END_TEST

START_TEST(seed_003)
{
    fl_test_run *run = run_file(SEED3);
    /* 20810 社会福利: 1,846.86 against 1,846.85 — rounding only */
    const fl_finding *f = find(run, "table-totals/code-hierarchy", 247, "本年支出合计");
    assert_values(f, "1846.85", "1846.86");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    /* nothing above info in the tables' own arithmetic */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/code-hierarchy", FL_SEV_WARNING), 0);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/total-row", FL_SEV_WARNING), 0);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/row-identity", FL_SEV_WARNING), 0);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/cross-table", FL_SEV_WARNING), 0);
    /* 收入总计 = 支出总计 = 12,273.74 */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/summary-identity", FL_SEV_WARNING), 0);
    /* 11,086.72 in the text vs 11,086.73 in the table: rounding-level */
    f = find(run, "table-totals/narrative", 579, NULL);
    assert_values(f, "11086.73", "11086.72");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    /* 11,086.73 / 本年支出合计 12,256.27 is 90.46 %, not 90.33 % (a real
     * defect: the text divided by 支出总计) */
    f = find(run, "table-totals/narrative", 570, NULL);
    assert_values(f, "90.46", "90.33");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_ERROR), 1);
    fl_test_run_free(run);
}
END_TEST

START_TEST(seed_001)
{
    fl_test_run *run = run_file(SEED1);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/summary-identity", FL_SEV_WARNING), 0);
    /* 1,298.54 + 0.00 + 1,107.05 = 1,271.72 + 0.00 + 1,133.87 = 2,405.59 */
    ck_assert_ptr_null(find(run, "table-totals/narrative", 24, NULL));
    ck_assert_ptr_null(find(run, "table-totals/narrative", 25, NULL));
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_ERROR), 0);
    fl_test_run_free(run);
}
END_TEST

/* ---- narrative totals against every table total ---- */
/* The finding of `rule` whose actual (written) value is `actual`. */
static const fl_finding *find_actual(const fl_test_run *run, const char *rule,
                                     const char *actual)
{
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *f = run->rep->items[i];
        if (strcmp(f->rule, rule) == 0 && f->has_values &&
            strcmp(fl_test_dec(f->actual), actual) == 0)
            return f;
    }
    return NULL;
}

/* 上海市普陀区财政局 2024 部门决算, p13 财政拨款收入支出决算总表 as printed. */
#define PUTUO_FIN_TABLE \
    "# 上海市普陀区财政局2024年度部门决算\n\n" \
    "# 财政拨款收入支出决算总表\n\n金额单位：万元\n\n" \
    "收入\t\t\t支出\t\t\t\t\n" \
    "项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\n" \
    "栏次\t\t1\t栏次\t\t2\t3\t4\n" \
    "一、一般公共预算财政拨款\t1\t2,940.05\t一、一般公共服务支出\t30\t2,106.66\t2,106.66\t\n" \
    "二、政府性基金预算财政拨款\t2\t\t二、社会保障和就业支出\t31\t326.72\t326.72\t\n" \
    "\t\t\t三、卫生健康支出\t32\t60.99\t60.99\t\n" \
    "\t\t\t四、住房保障支出\t33\t445.69\t445.69\t\n" \
    "本年收入合计\t3\t2,940.05\t本年支出合计\t34\t2,940.05\t2,940.05\t\n" \
    "年初财政拨款结转和结余\t4\t21.63\t年末财政拨款结转和结余\t35\t21.63\t21.63\t\n" \
    "一、一般公共预算财政拨款\t5\t21.63\t\t\t\t\t\n" \
    "总计\t8\t2,961.68\t总计\t38\t2,961.68\t2,961.68\t\n\n" \
    "## 四、财政拨款收入支出决算总体情况说明\n\n"

START_TEST(narrative_named_totals)
{
    /* the real p21 sentence: 0.3万元 where the table's 总计 is 2,961.68 */
    fl_test_run *run = run_file(FIX "narrative-total.txt");
    const fl_finding *f = find(run, "table-totals/narrative", 21, NULL);
    assert_values(f, "2961.68", "0.30");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->message, "财政拨款收入支出决算总表"));
    ck_assert_ptr_nonnull(strstr(f->message, "“总计”"));
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_ERROR), 1);
    fl_test_run_free(run);

    /* its correct twin: nothing to say */
    run = fl_test_run_text("table-totals", PUTUO_FIN_TABLE
        "上海市普陀区财政局2024年度财政拨款收入支出总计2,961.68万元。"
        "与2023年度相比，财政拨款收入支出总计持平。\n", NULL);
    fl_test_dump(run);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_INFO), 0);
    fl_test_run_free(run);

    run = fl_test_run_text("table-totals", PUTUO_FIN_TABLE
        /* wrong: an error, no 亿元 hint */
        "上海市普陀区财政局2024年度财政拨款收入支出总计2,900.00万元。\n\n"
        /* one cent off: rounding */
        "财政拨款收支总计2,961.67万元。\n\n"
        /* fewer decimals, as the table rounds: fine */
        "本部门2024年财政拨款收入支出总计2961.7万元。\n\n"
        /* another year, another fund, a change: not this total */
        "上海市普陀区财政局2023年度财政拨款收入支出总计3,000.00万元。\n\n"
        "政府性基金预算财政拨款收入支出总计5.00万元。\n\n"
        "比上年财政拨款收入支出总计减少10.00万元。\n", NULL);
    fl_test_dump(run);
    f = find_actual(run, "table-totals/narrative", "2900.00");
    assert_values(f, "2961.68", "2900.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_null(strstr(f->message, "亿元"));
    f = find_actual(run, "table-totals/narrative", "2961.67");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    ck_assert_ptr_null(find_actual(run, "table-totals/narrative", "2961.70"));
    ck_assert_ptr_null(find_actual(run, "table-totals/narrative", "3000.00"));
    ck_assert_ptr_null(find_actual(run, "table-totals/narrative", "5.00"));
    ck_assert_ptr_null(find_actual(run, "table-totals/narrative", "10.00"));
    /* fl_test_count counts at or above a severity: the error and the info */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_INFO), 2);
    fl_test_run_free(run);
}
END_TEST

/* Budget wording against the 财务收支预算总表 in 元 (上海): 31,214,205.80元
 * is 3,121.42万元. */
START_TEST(narrative_budget_totals)
{
    fl_test_run *run = fl_test_run_text("table-totals",
        "# 上海市普陀区财政局2025年部门预算\n\n"
        "# 2025年部门财务收支预算总表\n\n单位：元\n\n"
        "本年收入\t\t本年支出\t\n"
        "项目\t预算数\t项目\t预算数\n"
        "一、财政拨款收入\t31,214,205.80\t一、一般公共服务支出\t31,214,205.80\n"
        "收入总计\t31,214,205.80\t支出总计\t31,214,205.80\n\n"
        "## 二、收支预算总体情况\n\n"
        "2025年，上海市普陀区财政局收入预算3,121.42万元，其中：财政拨款收入3,121.42万元。\n\n"
        "2025年收入预算总计3,200.00万元。支出预算3,121.42万元。\n\n"
        "2025年支出预算总计3,121.4万元。2024年收入预算总计3,013.80万元。\n",
        NULL);
    fl_test_dump(run);
    const fl_finding *f = find(run, "table-totals/narrative", 16, NULL);
    assert_values(f, "3121.42", "3200.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->message, "收入总计"));
    /* 收入预算 3,121.42 (with the unit's name), 支出预算总计 3,121.4 (one
     * decimal) agree; 2024年… is last year's figure: the error alone */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_ERROR), 1);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_INFO), 1);
    fl_test_run_free(run);
}
END_TEST

/* ---- identities from the header (budget tables) ---- */
/* 合计 = every sibling column under the same header, not a fixed list:
 * Jiangsu's 支出预算总表 has 单位预留机动经费 and 结转下年资金 (28,849.38 =
 * 17,123.19 + 11,543.27 + 182.92); 收入预算总表 has 财政拨款收入, 事业收入,
 * 事业单位经营收入, 其他收入. */
START_TEST(budget_header_identities)
{
    fl_test_run *run = run_file(FIX "budget-columns.txt");
    ck_assert_ptr_null(find(run, "table-totals/row-identity", 8, NULL));
    /* 208: 60.00 written, 40 + 10 + 0 + 5 = 55.00; the error is real and
     * repeated on its 款 and 项, so it stays three errors */
    ck_assert_uint_eq(fl_test_count(run, "table-totals/row-identity", FL_SEV_ERROR), 3);
    const fl_finding *f = find(run, "table-totals/row-identity", 19, "合计");
    assert_values(f, "55.00", "60.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_uint_eq(f->naddends, 4);
    ck_assert_ptr_nonnull(strstr(f->row, "208"));
    ck_assert_ptr_nonnull(strstr(f->message, "事业单位经营收入"));
    ck_assert_ptr_null(find(run, "table-totals/unreliable-table", 0, NULL));
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 3);
    fl_test_run_free(run);

    /* the same in one row of text: a group 基本支出 with 人员经费 and 公用经费
     * counts through its leaves */
    run = fl_test_run_text("table-totals",
        "支出预算总表\n单位：万元\n"
        "合计\t基本支出\t基本支出\t项目支出\t单位预留机动经费\n"
        "\t人员经费\t公用经费\t\t\n"
        "100.00\t50.00\t20.00\t25.00\t4.00\n", NULL);
    f = find(run, "table-totals/row-identity", 0, "合计");
    assert_values(f, "99.00", "100.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    fl_test_run_free(run);
}
END_TEST

/* ---- doubt is not an error ---- */
START_TEST(unreliable_table)
{
    fl_test_run *run = run_file(FIX "unreliable.txt");
    /* no cascade of errors: one info per misread table */
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_WARNING), 0);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/unreliable-table", FL_SEV_INFO), 2);
    /* 8 of 18 identities fail: more than a third */
    const fl_finding *f = find(run, "table-totals/unreliable-table", 7, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    ck_assert_str_eq(f->expected_text, "0/18");
    ck_assert_str_eq(f->actual_text, "8/18");
    ck_assert_ptr_nonnull(strstr(f->message, "一般公共预算支出功能分类预算表"));
    /* 行政运行 600.00 = 2 × (300.00 + 0): exactly double */
    f = find(run, "table-totals/unreliable-table", 21, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->actual_text, "2/8");
    ck_assert_ptr_nonnull(strstr(f->message, "一倍"));
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 2);
    fl_test_run_free(run);
}
END_TEST

/* ---- narrative: rounding ranges, previous years, inventories ---- */
START_TEST(narrative_prev_year_and_rounding)
{
    fl_test_run *run = run_file(FIX "narrative-prev.txt");
    /* （上年为500.00万元） and 2016年为250.00万元 are not this year's base */
    ck_assert_ptr_null(find(run, "table-totals/narrative", 3, NULL));
    ck_assert_ptr_null(find(run, "table-totals/narrative", 5, NULL));
    /* 0.12 / (1.23 − 0.12) = 10.81 %, but the rounded amounts allow
     * 10.27 %–11.36 %: 11.00 % is rounding, at most info */
    const fl_finding *f = find(run, "table-totals/narrative", 7, NULL);
    assert_values(f, "10.81", "11.00");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    ck_assert_ptr_nonnull(strstr(f->message, "尾数误差"));
    /* 单价50万元以上 / 100万元以上 are thresholds, 辆 and 平方米 an
     * inventory: nothing to add up */
    ck_assert_ptr_null(find(run, "table-totals/narrative", 9, NULL));
    ck_assert_ptr_null(find(run, "table-totals/narrative", 11, NULL));
    /* beyond what rounding allows: errors (js-renda-2018 p21, js-gaoyuan-2017 p22) */
    f = find(run, "table-totals/narrative", 13, NULL);
    assert_values(f, "1212.56", "1312.56");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    f = find(run, "table-totals/narrative", 15, NULL);
    assert_values(f, "79.09", "79.05");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    /* 上年结转 is this year's item: its 其中 list is still checked */
    f = find(run, "table-totals/narrative", 17, NULL);
    assert_values(f, "250.00", "300.00");
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_ERROR), 2);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 4);
    fl_test_run_free(run);
}
END_TEST

/* A 其中 inside a 其中 ends at "；": 公务接待费 belongs to the outer list
 * (and the outer list, with 个 and 人次 in it, is an inventory). */
START_TEST(narrative_nested_list)
{
    fl_test_run *run = fl_test_run_text("table-totals",
        "2024年度“三公”经费决算数6.00万元。其中：因公出国（境）费1.00万元，"
        "组织出国团组1个，2人次；公务用车购置及运行维护费4.00万元，其中："
        "公务用车购置费0.00万元，公务用车运行维护费4.00万元；公务接待费1.00万元，"
        "接待5批次，40人次。\n", NULL);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 0);
    fl_test_run_free(run);
}
END_TEST

/* ---- amounts beyond fl_dec (9.2 × 10^12), computed exactly ---- */
static void assert_texts(const fl_finding *f, const char *expected,
                         const char *actual)
{
    ck_assert_ptr_nonnull(f);
    ck_assert(!f->has_values); /* an fl_dec cannot hold them */
    ck_assert_str_eq(f->expected_text, expected);
    ck_assert_str_eq(f->actual_text, actual);
}

START_TEST(huge_yuan_total)
{
    /* 合计 10^15 元 = 6 × 10^14 + 4 × 10^14, 208 = its two 款 */
    fl_test_run *run = run_file(FIX "huge-yuan.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 0);
    fl_test_run_free(run);

    /* 210 off by 0.01: within the default allowance, one exact info */
    run = run_file(FIX "huge-yuan-off.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 1);
    const fl_finding *f = find(run, "table-totals/total-row", 6, "金额");
    assert_texts(f, "999999999999999.99", "1000000000000000.00");
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    ck_assert_ptr_nonnull(strstr(f->message,
        "填列 1000000000000000.00，各组成项合计为 999999999999999.99，相差 0.01"));
    ck_assert_uint_eq(f->naddends, 0); /* 6 × 10^14 is no fl_dec */
    fl_test_run_free(run);

    /* without the allowance the cent is one error, on the 合计 line */
    static const char *const strict[] = { "rounding-per-addend=0", NULL };
    run = fl_test_run_file("table-totals", FIX "huge-yuan-off.txt", strict);
    fl_test_dump(run);
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 1);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/total-row", FL_SEV_ERROR), 1);
    f = find(run, "table-totals/total-row", 6, "金额");
    assert_texts(f, "999999999999999.99", "1000000000000000.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->message, "相差 0.01"));
    fl_test_run_free(run);
}
END_TEST

START_TEST(huge_code_hierarchy)
{
    /* 208 = 9 × 10^12 + 9 × 10^12 万元 and 合计 = 208 + 210: both sums
     * overflow an fl_dec, both hold */
    fl_test_run *run = run_file(FIX "huge-hierarchy.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 0);
    fl_test_run_free(run);

    /* 20802 one 万元 more: one error on 208's line, exact */
    run = run_file(FIX "huge-hierarchy-off.txt");
    ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_INFO), 1);
    const fl_finding *f = find(run, "table-totals/code-hierarchy", 7, "金额");
    assert_texts(f, "18000000000001.00", "18000000000000.00");
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(f->row, "208"));
    ck_assert_ptr_nonnull(strstr(f->message,
        "填列 18000000000000.00，各组成项合计为 18000000000001.00，相差 -1.00"));
    /* the addends fit an fl_dec: listed as usual */
    ck_assert_uint_eq(f->naddends, 2);
    ck_assert_str_eq(fl_test_dec(f->addends[1].value), "9000000000001.00");
    fl_test_run_free(run);
}
END_TEST

/* An amount followed by 以上, （含）以上 or 及以上 is a threshold, not an
 * item of the list; one after 单价 too, whatever follows. */
START_TEST(narrative_thresholds)
{
    static const char text[] =
        "# 某局2024年度部门决算\n\n一、支出决算情况说明\n\n"
        "本年支出100.00万元，其中：基本支出40.00万元，单价50.00万元以上的设备购置支出5.00万元，项目支出60.00万元。\n\n"
        "本年支出100.00万元，其中：基本支出40.00万元，项目支出5.00万元（含）以上，其他支出60.00万元。\n\n"
        "本年支出100.00万元，其中：基本支出40.00万元，项目支出5.00万元及以上，其他支出60.00万元。\n\n"
        "本年支出100.00万元，其中：基本支出40.00万元，项目支出5.00万元，其他支出60.00万元。\n";
    fl_test_run *run = fl_test_run_text("table-totals", text, NULL);
    ck_assert_uint_eq(fl_test_count(run, "table-totals/narrative", FL_SEV_ERROR), 2);
    assert_values(find(run, "table-totals/narrative", 5, NULL), "105.00", "100.00");
    assert_values(find(run, "table-totals/narrative", 11, NULL), "105.00", "100.00");
    fl_test_run_free(run);
}
END_TEST

/* A header leaf is a total only as cleaned into 128 bytes: a numbering
 * of 130 digits before 合计 is cut there, not dropped. */
START_TEST(long_header_leaf)
{
    char ones[131], text[1024];
    memset(ones, '1', 130);
    ones[130] = '\0';
    static const char *const heads[] = { "", "、" };
    for (int k = 0; k < 2; k++) {
        snprintf(text, sizeof text,
                 "## 支出决算表\n\n金额单位：万元\n\n"
                 "科目编码\t科目名称\t%s%s合计\t基本支出\t项目支出\n"
                 "201\t一般公共服务支出\t100.00\t40.00\t50.00\n"
                 "20101\t人大事务\t100.00\t40.00\t50.00\n",
                 k == 0 ? "" : ones, heads[k]);
        fl_test_run *run = fl_test_run_text("table-totals", text, NULL);
        ck_assert_uint_eq(fl_test_count(run, "table-totals/row-identity", FL_SEV_ERROR),
                          k == 0 ? 2 : 0);
        fl_test_run_free(run);
    }
}
END_TEST

START_TEST(bad_input)
{
    static const char *const texts[] = {
        "",
        "\t\t\t\n\n|||\n",
        "合计\t-\t-\n208\t\t1\n20801\tx\t\n",
        "本年收入,其中:万元,占%。增加万元,增长%",
        "收入\t\t\t支出\n项目\t行次\t金额\n总计\t1\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fl_test_run *run = fl_test_run_text("table-totals", texts[i], NULL);
        ck_assert_uint_eq(fl_test_count(run, "table-totals", FL_SEV_ERROR), 0);
        fl_test_run_free(run);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("table-totals");
    TCase *tc = tcase_create("rules");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, tab_rows);
    tcase_add_test(tc, cell_per_line);
    tcase_add_test(tc, pipe_table);
    tcase_add_test(tc, split_code_columns);
    tcase_add_test(tc, clean_tables);
    tcase_add_test(tc, rounding_is_info);
    tcase_add_test(tc, summary_identity);
    tcase_add_test(tc, budget_summary);
    tcase_add_test(tc, cross_table);
    tcase_add_test(tc, narrative_only);
    tcase_add_test(tc, narrative_at_every_alignment);
    tcase_add_test(tc, narrative_units_and_partial_lists);
    tcase_add_test(tc, budget_header_identities);
    tcase_add_test(tc, unreliable_table);
    tcase_add_test(tc, narrative_prev_year_and_rounding);
    tcase_add_test(tc, narrative_nested_list);
    tcase_add_test(tc, narrative_named_totals);
    tcase_add_test(tc, narrative_budget_totals);
    tcase_add_test(tc, huge_yuan_total);
    tcase_add_test(tc, huge_code_hierarchy);
    tcase_add_test(tc, narrative_thresholds);
    tcase_add_test(tc, long_header_leaf);
    tcase_add_test(tc, bad_input);
    suite_add_tcase(s, tc);
    TCase *seeds = tcase_create("seeds");
    tcase_set_timeout(seeds, 30);
    tcase_add_test(seeds, seed_003);
    tcase_add_test(seeds, seed_001);
    suite_add_tcase(s, seeds);
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
