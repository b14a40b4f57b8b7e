/* test-report.c — the finding API: rule ids, defaults from the line,
 * numbers and ordering. */
#include <string.h>

#include "document.h"
#include "report.h"
#include "test-core.h"

static const char text[] = "第一部分 概况\n一、收入\n本年收入合计100.00万元。\n第二行证据\n";

START_TEST(rule_is_prefixed_and_line_fills_evidence)
{
    fl_document *doc = fl_document_from_text("t.txt", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, "demo");
    fl_finding *f = fl_report_add(rep, "sum", FL_SEV_ERROR, "合计不等于%s", "各项之和");
    fl_finding_set_line(f, 4, 4);
    fl_finding_set_values(f, fl_dec_from_int(99), fl_dec_from_int(100));
    fl_finding_add_addend(f, "甲", fl_dec_from_int(99));
    fl_finding *g = fl_report_add(rep, "other/qualified", FL_SEV_INFO, "x");
    fl_finding_set_line(g, 1, 1);
    fl_report_complete(rep);
    fl_report_sort(rep);
    ck_assert_int_eq(rep->count, 2);
    ck_assert_str_eq(rep->items[0]->rule, "other/qualified");
    const fl_finding *e = rep->items[1];
    ck_assert_str_eq(e->rule, "demo/sum");
    ck_assert_str_eq(e->check, "demo");
    ck_assert_str_eq(e->message, "合计不等于各项之和");
    ck_assert_str_eq(e->evidence, "第二行证据");
    ck_assert_ptr_nonnull(e->section);
    ck_assert_ptr_nonnull(strstr(e->section, "一、收入"));
    ck_assert_int_eq(e->naddends, 1);
    ck_assert_int_eq(fl_dec_sub(e->actual, e->expected).micros, 1000000);
    fl_report_free(rep);
    fl_document_free(doc);
}
END_TEST

Suite *suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, rule_is_prefixed_and_line_fills_evidence);
    suite_add_tcase(s, tc);
    return s;
}
