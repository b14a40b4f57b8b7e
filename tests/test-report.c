/* test-report.c — the finding API: rule ids, defaults from the line,
 * numbers and ordering; the JSON strings of the streaming output; how the
 * text report groups a document's findings. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "finding-wire.h"
#include "json-write.h"
#include "output.h"
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

/* Messages and suggestions are formatted whole at every length: those
 * that fit the formatter's stack buffer (1 KB) and those just past it or
 * far past it, with multi-byte text on the boundary. */
START_TEST(messages_of_every_length_are_formatted_whole)
{
    fl_report *rep = fl_report_new(NULL);
    fl_report_set_check(rep, "demo");
    static const size_t lengths[] = { 0, 1, 1020, 1021, 1022, 1023, 1024, 1025, 1026, 4096, 100000 };
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        size_t n = lengths[i];
        /* "段" is 3 bytes: n bytes of ASCII padding then one, so that the
         * multi-byte character straddles 1 KB for some n. */
        char *pad = malloc(n + 1);
        memset(pad, 'x', n);
        pad[n] = '\0';
        fl_finding *f = fl_report_add(rep, "len", FL_SEV_INFO, "%s段%d", pad, 7);
        fl_finding_set_suggestion(f, "%s段%s", pad, "末");
        ck_assert_uint_eq(strlen(f->message), n + 3 + 1);
        ck_assert_int_eq(memcmp(f->message, pad, n), 0);
        ck_assert_str_eq(f->message + n, "段7");
        ck_assert_uint_eq(strlen(f->suggestion), n + 6);
        ck_assert_str_eq(f->suggestion + n, "段末");
        free(pad);
    }
    fl_report_free(rep);
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
    /* A whole record whose sizes lie (after the tag: the bytes of its
     * fields, then those its strings need) is refused, never read past
     * its block or its bytes; so is one whose fields end before it. */
    static const struct { size_t at; int64_t delta; } lies[] = {
        { 1, -1 }, { 1, 1 }, { 1, 1000 }, { 9, -1 }, { 9, -40 }, { 9, 1000 },
    };
    for (size_t i = 0; i < sizeof lies / sizeof lies[0]; i++) {
        char *copy = malloc(b.len);
        memcpy(copy, b.data, b.len);
        uint64_t v;
        memcpy(&v, copy + lies[i].at, sizeof v);
        v += (uint64_t)lies[i].delta;
        memcpy(copy + lies[i].at, &v, sizeof v);
        fl_wire_reader c = { copy, finding_len, 0 };
        g = NULL;
        ck_assert_msg(fl_wire_next(&c, &g, &k, &status) == FL_WIRE_TRUNCATED,
                      "size at %zu off by %lld read", lies[i].at, (long long)lies[i].delta);
        ck_assert_ptr_null(g);
        free(copy);
    }
    fl_buf_free(&b);
    fl_report_free(rep);
    fl_document_free(doc);
}
END_TEST

/* A finding read from the wire is one block with its strings
 * (fl_finding.packed): the parent may still set its fields, add addends
 * and complete it, and freeing it frees what was set later (under ASan a
 * wrong free or a leak fails this test). */
START_TEST(a_finding_read_from_the_wire_can_be_changed_and_freed)
{
    fl_document *doc = fl_document_from_text("t.txt", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, "demo");
    fl_finding *f = fl_report_add(rep, "sum", FL_SEV_ERROR, "合计不等于各项之和");
    fl_finding_set_line(f, 4, 4);
    fl_finding_set_column(f, "本年收入合计");
    fl_finding_add_addend(f, "甲", fl_dec_from_int(99));
    fl_finding_set_suggestion(f, "核对");
    fl_buf b = { 0 };
    fl_wire_put_finding(&b, f);
    fl_report_free(rep);

    fl_wire_reader r = { b.data, b.len, 0 };
    fl_finding *g = NULL;
    size_t k = 0;
    int status = 0;
    ck_assert_int_eq(fl_wire_next(&r, &g, &k, &status), FL_WIRE_FINDING);
    ck_assert_uint_gt(g->packed, sizeof *g);
    fl_finding_set_column(g, "支出合计");  /* replaces a packed string */
    fl_finding_set_suggestion(g, "请核对%s", "合计");
    fl_finding_add_addend(g, "乙", fl_dec_from_int(1));
    fl_report *into = fl_report_new(doc);
    fl_report_take(into, g);
    fl_report_complete(into);              /* sets evidence and section */
    ck_assert_str_eq(g->column, "支出合计");
    ck_assert_str_eq(g->suggestion, "请核对合计");
    ck_assert_uint_eq(g->naddends, 2);
    ck_assert_str_eq(g->addends[0].label, "甲");
    ck_assert_str_eq(g->addends[1].label, "乙");
    ck_assert_str_eq(g->evidence, "第二行证据");
    ck_assert_str_eq(g->message, "合计不等于各项之和");
    fl_report_free(into);
    fl_buf_free(&b);
    fl_document_free(doc);
}
END_TEST

/* JSON Lines are written without jansson (json-write.c), but must read
 * byte for byte as jansson writes the JSON format's strings. */
START_TEST(json_strings_are_written_as_jansson_writes_them)
{
    static const char *const cases[] = {
        "", "plain ASCII", "引号“”与（）：三公经费", "a\"b\\c/d", "tab\tnl\ncr\rbs\bff\f",
        "\x01\x1f\x7f end", "4-byte \xF0\x9F\x98\x80 ok", "\xE3\x80\x80全角空格",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fl_buf b = { 0 };
        fl_json_str(&b, cases[i]);
        json_t *j = json_string(cases[i]);
        ck_assert_ptr_nonnull(j);
        char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
        ck_assert_str_eq(b.data, want);
        free(want);
        json_decref(j);
        fl_buf_free(&b);
    }
    /* Not UTF-8 (a GBK file name): U+FFFD, and the line still parses. */
    fl_buf b = { 0 };
    fl_json_str(&b, "\xB2\xC6\xD5\xFE.pdf \xE4\xB8");
    ck_assert_str_eq(b.data, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.pdf "
                             "\xEF\xBF\xBD\xEF\xBF\xBD\"");
    json_t *back = json_loads(b.data, JSON_DECODE_ANY, NULL);
    ck_assert_ptr_nonnull(back);
    json_decref(back);
    fl_buf_free(&b);
    fl_json_str_or_null(&b, NULL);
    fl_json_raw(&b, ",");
    fl_json_int(&b, -9223372036854775807LL - 1);
    ck_assert_str_eq(b.data, "null,-9223372036854775808");
    fl_buf_free(&b);
    fl_json_int(&b, 0);
    fl_json_raw(&b, ",");
    fl_json_int(&b, -7);
    fl_json_raw(&b, ",");
    fl_json_int(&b, 9223372036854775807LL);
    ck_assert_str_eq(b.data, "0,-7,9223372036854775807");
    fl_buf_free(&b);
}
END_TEST

/* The text report of `rep` (completed here) for a document "t.txt".
 * Caller frees. */
static char *text_report(fl_report *rep)
{
    fl_report_complete(rep);
    fl_doc_result r = { .source = "t.txt", .rep = rep };
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    fl_output_text(out, &r, 1);
    fclose(out);
    return buf;
}

/* The text report gives each kind of finding (rule, severity, advice) one
 * block, in the order of its first finding, however the kinds interleave:
 * identical findings list their places, others get a line each, and a
 * finding with addends keeps its own block. */
START_TEST(text_report_groups_findings_of_one_kind)
{
    fl_document *doc = fl_document_from_text("t.txt", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, "demo");
    static const struct { const char *rule; fl_severity sev; const char *msg; int line, addend; } add[] = {
        { "a", FL_SEV_ERROR, "甲有误", 1, 0 },   { "b", FL_SEV_WARNING, "乙有误", 2, 0 },
        { "a", FL_SEV_WARNING, "甲有误", 2, 0 }, { "a", FL_SEV_ERROR, "甲有误", 3, 0 },   { "a", FL_SEV_ERROR, "甲有误", 3, 1 },
        { "b", FL_SEV_WARNING, "乙有误", 4, 0 }, { "a", FL_SEV_ERROR, "甲另有误", 4, 0 },
    };
    for (size_t i = 0; i < sizeof add / sizeof *add; i++) {
        fl_finding *f = fl_report_add(rep, add[i].rule, add[i].sev, "%s", add[i].msg);
        fl_finding_set_line(f, (size_t)add[i].line, (size_t)add[i].line);
        if (add[i].addend)
            fl_finding_add_addend(f, "丙", fl_dec_from_int(99));
    }
    char *buf = text_report(rep);
    const char *a = strstr(buf, "t.txt:1: 错误 [demo] 同类问题共 3 处：\n"
                                "    - 第1行：甲有误\n    - 第3行：甲有误\n    - 第4行：甲另有误\n");
    const char *b = strstr(buf, "t.txt:2: 警告 [demo] 乙有误\n    共 2 处：第2行、第4行\n");
    const char *w = strstr(buf, "t.txt:2: 警告 [demo] 甲有误\n"); /* same rule, not severity */
    const char *c = strstr(buf, "t.txt:3: 错误 [demo] 甲有误\n");
    ck_assert_msg(a && b && w && c, "%s", buf);
    ck_assert(a < b && b < w && w < c);
    ck_assert_ptr_nonnull(strstr(c, "    加数：丙 "));
    ck_assert_ptr_nonnull(strstr(buf, "共检查 1 个文档，发现 7 个问题（错误 4，警告 3，提示 0）。\n"));
    free(buf);
    fl_report_free(rep);
    fl_document_free(doc);
}
END_TEST

/* Evidence in the text report: a table row's tabs as spaces, and a long
 * text cut after 240 bytes (whole characters) with "…". */
START_TEST(text_report_evidence_shows_tabs_as_spaces_and_is_cut)
{
    fl_document *doc = fl_document_from_text("t.txt", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, "demo");
    fl_finding *f = fl_report_add(rep, "row", FL_SEV_ERROR, "行有误");
    fl_finding_set_evidence(f, "合计\t\t1,200.00\t30%");
    char long_text[3 * 300 + 1];
    for (size_t i = 0; i < 300; i++)
        memcpy(long_text + 3 * i, "长", 3);
    long_text[3 * 300] = '\0';
    f = fl_report_add(rep, "long", FL_SEV_ERROR, "段落有误");
    fl_finding_set_evidence(f, long_text);
    char *buf = text_report(rep);
    ck_assert_msg(strstr(buf, "    | 合计  1,200.00 30%\n") != NULL, "%s", buf);
    char cut[6 + 3 * 80 + 6] = "    | ";
    for (size_t i = 0; i < 80; i++)
        memcpy(cut + 6 + 3 * i, "长", 3);
    strcpy(cut + 6 + 3 * 80, " …\n");
    ck_assert_msg(strstr(buf, cut) != NULL, "%s", buf);
    free(buf);
    fl_report_free(rep);
    fl_document_free(doc);
}
END_TEST

Suite *suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, rule_is_prefixed_and_line_fills_evidence);
    tcase_add_test(tc, messages_of_every_length_are_formatted_whole);
    tcase_add_test(tc, text_report_evidence_shows_tabs_as_spaces_and_is_cut);
    tcase_add_test(tc, findings_cross_the_wire_and_a_cut_stream_is_refused);
    tcase_add_test(tc, a_finding_read_from_the_wire_can_be_changed_and_freed);
    tcase_add_test(tc, json_strings_are_written_as_jansson_writes_them);
    tcase_add_test(tc, text_report_groups_findings_of_one_kind);
    suite_add_tcase(s, tc);
    return s;
}
