/* test-editorial.c — the editorial check: each rule on a fixture with
 * the real wordings (seed 002's 二、→六、, its “…”计划” and 。。), a tidy
 * counterpart with the look-alikes (……, 。。。, 1), a heading glued onto
 * a paragraph, a restart), and the real reports, where it stays quiet
 * on what the reader split. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"

#define FIX "plugins/editorial/fixtures/"
#define PUNCT "editorial/doubled-punctuation"
#define BRACKET "editorial/unbalanced-bracket"
#define GAP "editorial/numbering-gap"
#define SEED002 "examples/002_24d4cf092f85e5e3.txt"

static const fl_finding *expect(const fl_test_run *r, const char *rule, size_t line,
                                const char *expected, const char *actual)
{
    return fl_test_expect_text(r, rule, line, FL_SEV_INFO, expected, actual); /* editorial is info only */
}

START_TEST(fixture_slips)
{
    fl_test_run *r = fl_test_run_file("editorial", FIX "slips.txt", NULL);
    /* 。。 ，， ；； on one line: three places. */
    ck_assert_uint_eq(fl_test_count(r, PUNCT, FL_SEV_INFO), 3);
    expect(r, PUNCT, 4, NULL, "。。");
    /* 《…通知（…） without its 》; “乡村振兴，情系农民”计划” one ” too many. */
    expect(r, BRACKET, 7, "》", "《");
    expect(r, BRACKET, 8, "“", "”");
    ck_assert_uint_eq(fl_test_count(r, BRACKET, FL_SEV_INFO), 2);
    /* 二、 then 六、; （一） then （三）. */
    const fl_finding *f = expect(r, GAP, 10, "三、", "六、");
    ck_assert_ptr_nonnull(strstr(f->message, "缺少“三、”至“五、”"));
    f = expect(r, GAP, 14, "（二）", "（三）");
    ck_assert_ptr_nonnull(strstr(f->message, "“（一）基本支出”之后是“（三）项目支出”"));
    ck_assert_uint_eq(fl_test_count(r, GAP, FL_SEV_INFO), 2);
    /* Info only, never more. */
    ck_assert_uint_eq(fl_test_count(r, "editorial", FL_SEV_WARNING), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(fixture_tidy_is_quiet)
{
    fl_test_run *r = fl_test_run_file("editorial", FIX "tidy.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "editorial", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(seed002_real_slips)
{
    fl_test_run *r = fl_test_run_file("editorial", SEED002, NULL);
    /* 二、一般公共预算支出情况 then 六、资金使用及绩效情况.  七、 then 九、
     * is not a gap: "。八、下一步改进措施" is glued onto line 174. */
    expect(r, GAP, 47, "三、", "六、");
    ck_assert_uint_eq(fl_test_count(r, GAP, FL_SEV_INFO), 1);
    expect(r, PUNCT, 156, NULL, "。。"); /* 促进机构优化管理。。 */
    expect(r, BRACKET, 75, "“", "”"); /* “乡村振兴，情系农民”计划” */
    expect(r, BRACKET, 72, "”", "“"); /* 年初预算项目“创新基层…, never closed */
    ck_assert_uint_eq(fl_test_count(r, "editorial", FL_SEV_WARNING), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(seed000_glued_heading_no_gap)
{
    /* "…2万元。（三）产出指标完成情况分析" under 四、: (二)→(四) is whole. */
    fl_test_run *r = fl_test_run_file("editorial", "examples/000_043825adc2a1e450.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, GAP, FL_SEV_INFO), 0);
    /* 转发…通知》（省委办〔1982〕60号《…》（…）: a 《 and a ） missing. */
    expect(r, BRACKET, 37, NULL, "（");
    fl_test_run_free(r);
}
END_TEST

START_TEST(pdf_split_paragraphs_quiet)
{
    /* The template's "（其中，…正在整改的XX个）" is cut in two paragraphs
     * by the reader; the 检察院 heading "6.反贪污贿赂局(内设…、指" wraps
     * its ")" onto the next line. */
    fl_test_run *r = fl_test_run_file("editorial", "tests/real/pdf/template-national-2024.pdf", NULL);
    ck_assert_uint_eq(fl_test_count(r, "editorial", FL_SEV_INFO), 0);
    fl_test_run_free(r);
    r = fl_test_run_file("editorial", "tests/real/pdf/js-jianchayuan-2017-budget.pdf", NULL);
    ck_assert_uint_eq(fl_test_count(r, "editorial", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("editorial");
    TCase *tc = tcase_create("fixtures");
    tcase_add_test(tc, fixture_slips);
    tcase_add_test(tc, fixture_tidy_is_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("real");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, seed002_real_slips);
    tcase_add_test(tc, seed000_glued_heading_no_gap);
    tcase_add_test(tc, pdf_split_paragraphs_quiet);
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
