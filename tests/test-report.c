/* test-report.c — the finding API: rule ids, defaults from the line,
 * numbers and ordering. */
#include <string.h>

#include "document.h"
#include "finding-wire.h"
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

/* A finding crosses the worker's pipe intact; a stream cut anywhere stops
 * the reader cleanly (a worker that died mid-write). */
START_TEST(findings_cross_the_wire_and_a_cut_stream_is_refused)
{
    fl_document *doc = fl_document_from_text("t.txt", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, "demo");
    fl_finding *f = fl_report_add(rep, "sum", FL_SEV_WARNING, "合计不等于各项之和");
    fl_finding_set_line(f, 3, 4);
    fl_finding_set_page(f, 7);
    fl_finding_set_column(f, "本年收入合计");
    fl_finding_set_values(f, fl_dec_from_int(-5), fl_dec_from_int(100));
    fl_finding_set_actual_text(f, "优");
    fl_finding_add_addend(f, "甲", fl_dec_from_int(99));
    fl_finding_add_addend(f, "乙", fl_dec_from_int(1));
    fl_finding_set_suggestion(f, "核对");
    fl_buf b = { 0 };
    fl_wire_put_finding(&b, f);
    fl_wire_put_done(&b, 3, -1);

    fl_wire_reader r = { b.data, b.len, 0 };
    fl_finding *g = NULL;
    size_t k = 0;
    int status = 0;
    ck_assert_int_eq(fl_wire_next(&r, &g, &k, &status), FL_WIRE_FINDING);
    ck_assert_str_eq(g->rule, "demo/sum");
    ck_assert_str_eq(g->message, "合计不等于各项之和");
    ck_assert_int_eq(g->severity, FL_SEV_WARNING);
    ck_assert_uint_eq(g->line, 3);
    ck_assert_uint_eq(g->end_line, 4);
    ck_assert_int_eq(g->page, 7);
    ck_assert_str_eq(g->column, "本年收入合计");
    ck_assert_ptr_null(g->table);
    ck_assert_int_eq(g->expected.micros, -5000000);
    ck_assert_str_eq(g->actual_text, "优");
    ck_assert_uint_eq(g->naddends, 2);
    ck_assert_str_eq(g->addends[1].label, "乙");
    ck_assert_str_eq(g->suggestion, "核对");
    fl_finding_free(g);
    ck_assert_int_eq(fl_wire_next(&r, &g, &k, &status), FL_WIRE_DONE);
    ck_assert_uint_eq(k, 3);
    ck_assert_int_eq(status, -1);
    ck_assert_int_eq(fl_wire_next(&r, &g, &k, &status), FL_WIRE_END);

    size_t finding_len = b.len - 17; /* the done record is 1 + 8 + 8 bytes */
    for (size_t cut = 1; cut < finding_len; cut++) {
        fl_wire_reader c = { b.data, cut, 0 };
        ck_assert_int_eq(fl_wire_next(&c, &g, &k, &status), FL_WIRE_TRUNCATED);
    }
    fl_buf_free(&b);
    fl_report_free(rep);
    fl_document_free(doc);
}
END_TEST

Suite *suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, rule_is_prefixed_and_line_fills_evidence);
    tcase_add_test(tc, findings_cross_the_wire_and_a_cut_stream_is_refused);
    suite_add_tcase(s, tc);
    return s;
}
