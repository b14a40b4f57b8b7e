/* test-missing-cause.c — the missing-cause check on small fixtures (each
 * rule firing, a clean counterpart, each table layout) and on the seeds. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/missing-cause/fixtures/"
#define SEED003 "examples/003_b8f3d489ed9ef61e.txt"

static void assert_text(const char *got, const char *want)
{
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
}

/* ---- empty-cause ---- */

START_TEST(cause_fires_on_each_form)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "cause-empty.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_ERROR), 6);
    /* "主要原因是。" and "主要原因是：。" */
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 4);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    assert_text(f->actual_text, "（空）");
    ck_assert_ptr_nonnull(strstr(f->message, "增加10.20万元"));
    ck_assert_ptr_nonnull(fl_test_find(r, "missing-cause/empty-cause", 5));
    /* "原因为：" at the end of its paragraph, a new heading after it. */
    ck_assert_ptr_nonnull(fl_test_find(r, "missing-cause/empty-cause", 7));
    /* Placeholders. */
    f = fl_test_find(r, "missing-cause/empty-cause", 9);
    ck_assert_ptr_nonnull(f);
    assert_text(f->actual_text, "无");
    f = fl_test_find(r, "missing-cause/empty-cause", 10);
    ck_assert_ptr_nonnull(f);
    /* Quoted with the report's own marks, as the rest of the message. */
    assert_text(f->actual_text, "增加（减少）XX");
    ck_assert_ptr_nonnull(strstr(f->message, "只有占位内容“增加（减少）XX”"));
    f = fl_test_find(r, "missing-cause/empty-cause", 11);
    ck_assert_ptr_nonnull(f);
    assert_text(f->actual_text, "XX");
    fl_test_run_free(r);
}
END_TEST

START_TEST(cause_clean_text_is_quiet)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "cause-clean.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* A cause that starts like a template and runs on past 159 bytes (no "。")
 * is quoted by its first 20 characters, not as an empty "“”". */
START_TEST(cause_long_placeholder_quoted)
{
    const char *text = "一、说明\n本年支出比上年增加2.00万元，主要原因是XX，经费主要用于社区养老服务"
                       "站点建设和日常运行维护，包括设备购置、人员培训、场地租赁以及其他与养老服务相关的"
                       "各项支出\n";
    fl_test_run *r = fl_test_run_text("missing-cause", text, NULL);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 2);
    ck_assert_ptr_nonnull(f);
    assert_text(f->actual_text, "XX，经费主要用于社区养老服务站点建设和…");
    ck_assert_ptr_nonnull(strstr(f->message, "只有占位内容“XX，经费主要用于社区养老服务站点建设和…”"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(cause_extra_placeholder_option)
{
    const char *text = "一、说明\n本年支出比上年增加2.00万元，主要原因是：待定。\n";
    fl_test_run *r = fl_test_run_text("missing-cause", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_INFO), 0);
    fl_test_run_free(r);
    const char *opts[] = { "placeholders=待定，未知", NULL };
    r = fl_test_run_text("missing-cause", text, opts);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 2);
    ck_assert_ptr_nonnull(f);
    assert_text(f->actual_text, "待定");
    fl_test_run_free(r);
}
END_TEST

START_TEST(cause_seed003_all_27)
{
    static const size_t lines[] = { 588, 590, 592, 594, 598, 600, 602, 604, 606,
                                    608, 610, 612, 616, 618, 620, 622, 624, 626,
                                    628, 630, 634, 636, 638, 640, 642, 644, 646 };
    fl_test_run *r = fl_test_run_file("missing-cause", SEED003, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_INFO), 27);
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", lines[i]);
        ck_assert_msg(f != NULL, "no empty-cause finding on line %zu", lines[i]);
        ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    }
    /* Item 2: the message quotes the difference it leaves unexplained. */
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 592);
    ck_assert_ptr_nonnull(strstr(f->message, "决算数小于年初预算数"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(cause_other_seeds_quiet)
{
    static const char *const seeds[] = { "examples/000_043825adc2a1e450.txt",
                                         "examples/001_aaa1171e4b8d576e.txt",
                                         "examples/002_24d4cf092f85e5e3.txt" };
    for (size_t i = 0; i < 3; i++) {
        fl_test_run *r = fl_test_run_file("missing-cause", seeds[i], NULL);
        if (fl_test_count(r, "missing-cause", FL_SEV_INFO) != 0)
            fl_test_dump(r);
        ck_assert_msg(fl_test_count(r, "missing-cause", FL_SEV_INFO) == 0, "findings in %s",
                      seeds[i]);
        fl_test_run_free(r);
    }
}
END_TEST

/* ---- empty-deviation-reason ---- */

START_TEST(reason_tab_rows)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "deviation-tab.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_WARNING),
                      3);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-reason", 7);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->has_values, 1);
    ck_assert_str_eq(fl_test_dec(f->expected), "5.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "4.50");
    assert_text(f->row, "保障人数");
    /* Full marks but 90% against ≥ 95%: the target was missed. */
    f = fl_test_find(r, "missing-cause/empty-deviation-reason", 8);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "90%"));
    /* A row shifted by a merged cell is still read: 8.00 of 10.00. */
    f = fl_test_find(r, "missing-cause/empty-deviation-reason", 11);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->actual), "8.00");
    /* The docked row with a reason is fine. */
    ck_assert_ptr_null(fl_test_find(r, "missing-cause/empty-deviation-reason", 10));
    fl_test_run_free(r);
}
END_TEST

/* A header read through its second choices: 二级指标 (no 三级), 权重 (no
 * 分值), 未完成原因 (no 偏差), 目标值 and 业绩值; a cell naming both 得分
 * and 分值 is neither, and 目标值 in a cell that also says 实际 is not
 * the target. */
START_TEST(reason_header_second_choices)
{
    const char *text = "某局2024年度项目支出绩效自评报告\n\n一、绩效自评表\n\n"
                       "二级指标\t实际目标值\t目标值\t业绩值\t得分/分值\t权重\t得分\t未完成原因\n"
                       "保障人数\t-\t≥ 180人\t163人\t-\t5\t4.5\t\n"
                       "发放准确率\t-\t≥ 95%\t90%\t-\t5\t5\t\n"
                       "满意度\t-\t≥ 90%\t95%\t-\t5\t5\t\n"
                       "合计\t\t\t\t\t15\t14.5\t\n";
    fl_test_run *r = fl_test_run_text("missing-cause", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_INFO), 2);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-reason", 6);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->expected), "5.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "4.50");
    assert_text(f->row, "保障人数");
    f = fl_test_find(r, "missing-cause/empty-deviation-reason", 7);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "实际完成值90%未达到年度指标值≥95%"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(reason_one_cell_per_line)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "deviation-cells.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_WARNING),
                      1);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-reason", 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(f->line, 27);
    ck_assert_str_eq(fl_test_dec(f->expected), "100.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "96.84");
    assert_text(f->row, "服务验收合格率");
    fl_test_run_free(r);
}
END_TEST

START_TEST(reason_pipe_table)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "deviation-pipe.md", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_WARNING),
                      2);
    /* "/" in the reason cell is no reason. */
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-reason", 5);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->actual), "7.70");
    /* ≤ 10个工作日 but 12个工作日: missed, full marks, no reason. */
    f = fl_test_find(r, "missing-cause/empty-deviation-reason", 6);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "12个工作日"));
    fl_test_run_free(r);
}
END_TEST

/* Seed 003 (TAB rows): 周边群众满意度 met its ≥ 95% target at 98% yet got
 * 8 of 10 points, with nothing in the reason cell.  It is the only
 * indicator row of the 21 tables without a reason. */
START_TEST(reason_seed003)
{
    fl_test_run *r = fl_test_run_file("missing-cause", SEED003, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-reason", 1127);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->expected), "10.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "8.00");
    assert_text(f->row, "周边群众满意度");
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-section", FL_SEV_INFO), 0);
    fl_test_run_free(r);
    /* The docked rows that do give a reason are read too: declared
     * placeholders, their reasons no longer count. */
    const char *opts[] = { "placeholders=实际救助人数,按实际人数据实拨付,实际办理登记业务数量",
                           NULL };
    r = fl_test_run_file("missing-cause", SEED003, opts);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_INFO), 5);
    f = fl_test_find(r, "missing-cause/empty-deviation-reason", 1336);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->expected), "6.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "0.70");
    ck_assert_ptr_nonnull(fl_test_find(r, "missing-cause/empty-deviation-reason", 992));
    ck_assert_ptr_nonnull(fl_test_find(r, "missing-cause/empty-deviation-reason", 1244));
    ck_assert_ptr_nonnull(fl_test_find(r, "missing-cause/empty-deviation-reason", 1421));
    fl_test_run_free(r);
}
END_TEST

/* Seed 001 (one cell per line): 服务对象满意度 94.74 % completion has a
 * reason; with that reason declared a placeholder the row is reported. */
START_TEST(reason_seed001)
{
    const char *opts[] = { "placeholders=因年初目标值设置不合理,实际满意度90%,因此产生偏差。",
                           NULL };
    fl_test_run *r = fl_test_run_file("missing-cause", "examples/001_aaa1171e4b8d576e.txt", opts);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-reason", 0);
    ck_assert_ptr_nonnull(f);
    assert_text(f->row, "服务对象满意度");
    ck_assert_str_eq(fl_test_dec(f->actual), "94.74");
    fl_test_run_free(r);
}
END_TEST

START_TEST(reason_clean_table)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "deviation-clean.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* ---- empty-deviation-section ---- */

START_TEST(section_fires)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "section-deviation.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-section", FL_SEV_WARNING),
                      3);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-deviation-section", 11);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->expected), "32.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "29.50");
    ck_assert_ptr_nonnull(strstr(f->message, "32万元"));
    ck_assert_ptr_nonnull(strstr(f->message, "29.50万元"));
    f = fl_test_find(r, "missing-cause/empty-deviation-section", 20);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fl_test_dec(f->actual), "85.00");
    f = fl_test_find(r, "missing-cause/empty-deviation-section", 25);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "未完成"));
    fl_test_run_free(r);
}
END_TEST

START_TEST(section_clean)
{
    fl_test_run *r = fl_test_run_file("missing-cause", FIX "section-clean.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* ---- kinds: unknown documents get only the rules valid for every kind ---- */

#define MC_KIND_BODY                                                                          \
    "一、婚姻登记项目\n\n（一）指标完成情况\n\n"                                              \
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | "              \
    "偏差原因分析及改进措施 |\n"                                                              \
    "|---|---|---|---|---|---|---|---|\n"                                                     \
    "| 产出指标 | 数量指标 | 婚姻登记办理数量 | ≥5500对 | 4234对 | 10 | 7.7 | / |\n"          \
    "| 合计 | | | | | 10 | 7.7 | |\n\n"                                                       \
    "（二）资金执行情况\n"                                                                     \
    "该项目2024年预算资金30万元，实际支出25.50万元，比上年减少2.00万元，主要原因是：无。\n" \
    "（三）偏离绩效目标的原因和下一步改进措施\n无\n"

/* The three findings, `shift` lines below the untitled body's. */
static void expect_kind_rules(fl_test_run *r, size_t shift, int eval_rules)
{
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 11 + shift);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_ERROR);
    assert_text(f->actual_text, "无");
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_INFO), 1);
    if (!eval_rules) {
        ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-reason", FL_SEV_INFO), 0);
        ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-deviation-section", FL_SEV_INFO),
                          0);
        return;
    }
    f = fl_test_find(r, "missing-cause/empty-deviation-reason", 7 + shift);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_str_eq(fl_test_dec(f->expected), "10.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "7.70");
    f = fl_test_find(r, "missing-cause/empty-deviation-section", 12 + shift);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_str_eq(fl_test_dec(f->expected), "30.00");
    ck_assert_str_eq(fl_test_dec(f->actual), "25.50");
}

START_TEST(unknown_kind_only_universal_rules)
{
    /* A 绩效自评报告: every rule. */
    fl_test_run *r =
        fl_test_run_text("missing-cause", "某局2024年度项目支出绩效自评报告\n\n" MC_KIND_BODY, NULL);
    expect_kind_rules(r, 2, 1);
    fl_test_run_free(r);
    /* A 决算 whose 自评 part the core does not see as one (no table
     * titled 绩效自评): the 自评 rules still hold. */
    r = fl_test_run_text("missing-cause", "某局2024年度部门决算\n\n" MC_KIND_BODY, NULL);
    expect_kind_rules(r, 2, 1);
    fl_test_run_free(r);
    /* No title: unknown kind, only empty-cause (FL_KINDS_ALL) runs. */
    r = fl_test_run_text("missing-cause", MC_KIND_BODY, NULL);
    ck_assert_int_eq(fl_doc_kind_of(r->doc), FL_KIND_UNKNOWN);
    expect_kind_rules(r, 0, 0);
    fl_test_run_free(r);
}
END_TEST

/* A paragraph whose first cause answers a form question (no difference
 * before it) and whose later ones follow a difference: the difference
 * word is looked for again after the first cause, and found. */
START_TEST(cause_difference_after_first_cause)
{
    const char *text = "一、说明\n"
                       "具体说明如下，偏离绩效目标的原因：无。本年支出比上年增加2.00万元，原因是：无。"
                       "项目支出比上年减少1.00万元，主要原因是。\n";
    fl_test_run *r = fl_test_run_text("missing-cause", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_INFO), 2);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 2);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "增加2.00万元"));
    assert_text(f->actual_text, "无");
    fl_test_run_free(r);
}
END_TEST

/* One paragraph of 2,000 sentences (about 150 KB), two of them with no
 * cause: each is found, quoting its own sentence, not one far before it
 * (clause and sentence starts are looked for back from the cause). */
START_TEST(cause_long_paragraph)
{
    const char *ok = "本年支出比上年增加2.00万元，主要原因是人员增加。";
    const char *mid = "本年项目支出比上年减少1.50万元，主要原因是：无。";
    const char *end = "本年公用经费比上年增长3.25万元，主要原因是。";
    size_t n = 2000, size = 64 + n * strlen(ok) + strlen(mid) + strlen(end);
    char *text = malloc(size);
    ck_assert_ptr_nonnull(text);
    char *at = text;
    at += sprintf(at, "一、说明\n");
    for (size_t i = 0; i < n; i++)
        at += sprintf(at, "%s", i == n / 2 ? mid : ok);
    sprintf(at, "%s\n", end);
    fl_test_run *r = fl_test_run_text("missing-cause", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_INFO), 2);
    const fl_finding *f = fl_test_find(r, "missing-cause/empty-cause", 2);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(strstr(f->message, "本年项目支出比上年减少1.50万元"));
    assert_text(f->actual_text, "无");
    ck_assert_ptr_null(strstr(f->message, "增加2.00万元"));
    fl_test_run_free(r);
    free(text);
}
END_TEST

/* Causes 4 KB apart in one paragraph, searched 4 KB at a time: every
 * one is found, those a window's end cuts too (the gaps grow a byte at a
 * time, from 4,088 to 4,127 bytes, so the end of the first window after
 * a cause falls at every byte of the next "原因"). */
START_TEST(cause_every_one_in_a_long_paragraph)
{
    const char *cause = "增加1.00万元，主要原因是。";
    size_t n = 40, size = 64 + n * (4200 + strlen(cause));
    char *text = malloc(size);
    ck_assert_ptr_nonnull(text);
    char *at = text;
    at += sprintf(at, "一、说明\n");
    for (size_t i = 0; i < n; i++) {
        memset(at, 'x', 4060 + i);
        at += 4060 + i;
        at += sprintf(at, "%s", cause);
    }
    sprintf(at, "\n");
    fl_test_run *r = fl_test_run_text("missing-cause", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "missing-cause/empty-cause", FL_SEV_INFO), n);
    fl_test_run_free(r);
    free(text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("missing-cause");
    TCase *tc = tcase_create("empty-cause");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, cause_fires_on_each_form);
    tcase_add_test(tc, cause_every_one_in_a_long_paragraph);
    tcase_add_test(tc, cause_clean_text_is_quiet);
    tcase_add_test(tc, cause_long_placeholder_quoted);
    tcase_add_test(tc, cause_extra_placeholder_option);
    tcase_add_test(tc, cause_seed003_all_27);
    tcase_add_test(tc, cause_other_seeds_quiet);
    tcase_add_test(tc, cause_long_paragraph);
    tcase_add_test(tc, cause_difference_after_first_cause);
    suite_add_tcase(s, tc);
    tc = tcase_create("empty-deviation-reason");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, reason_tab_rows);
    tcase_add_test(tc, reason_one_cell_per_line);
    tcase_add_test(tc, reason_header_second_choices);
    tcase_add_test(tc, reason_pipe_table);
    tcase_add_test(tc, reason_clean_table);
    tcase_add_test(tc, reason_seed003);
    tcase_add_test(tc, reason_seed001);
    suite_add_tcase(s, tc);
    tc = tcase_create("empty-deviation-section");
    tcase_add_test(tc, section_fires);
    tcase_add_test(tc, section_clean);
    suite_add_tcase(s, tc);
    tc = tcase_create("kinds");
    tcase_add_test(tc, unknown_kind_only_universal_rules);
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
