/* test-wide.c — fl_wide, the exact decimals beyond fl_dec's range: reading
 * them with the amount syntax, the arithmetic around the 64-bit
 * boundaries, and the formatting, as <fislint/plugin.h> promises. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "document.h"

/* The value as fl_wide_format() writes it with 2 places at least. */
static const char *fmt(fl_wide w)
{
    static char buf[4][64];
    static int k;
    k = (k + 1) % 4;
    return fl_wide_format(w, 2, buf[k], sizeof buf[k]);
}

/* Parse `text`, requiring `len` bytes consumed; the value formatted. */
static const char *parse(const char *text, size_t len, fl_unit unit, int decimals)
{
    fl_wide w = { 7, 7 };
    fl_unit u = FL_UNIT_OTHER;
    int d = -1;
    ck_assert_uint_eq(fl_wide_parse(text, &w, &u, &d), len);
    ck_assert_int_eq(u, unit);
    ck_assert_int_eq(d, decimals);
    return fmt(w);
}

static fl_wide wide(const char *text)
{
    fl_wide w;
    ck_assert_uint_eq(fl_wide_parse(text, &w, NULL, NULL), strlen(text));
    return w;
}

static fl_wide micros(int64_t hi, uint64_t lo)
{
    fl_wide w = { hi, lo };
    return w;
}

START_TEST(parse_everyday_syntax)
{
    ck_assert_str_eq(parse("11,086.73", 9, FL_UNIT_NONE, 2), "11086.73");
    ck_assert_str_eq(parse("346.25元", 9, FL_UNIT_YUAN, 2), "346.25");
    ck_assert_str_eq(parse("32万元", 8, FL_UNIT_WANYUAN, 0), "32.00");
    ck_assert_str_eq(parse("1.2亿元", 9, FL_UNIT_YIYUAN, 1), "1.20");
    ck_assert_str_eq(parse("94.74%", 6, FL_UNIT_PERCENT, 2), "94.74");
    ck_assert_str_eq(parse("94.74％", 8, FL_UNIT_PERCENT, 2), "94.74");
    /* １２３，４５６．７８ (full-width digits, comma and point) */
    ck_assert_str_eq(parse("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x8C"
                           "\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x8E"
                           "\xEF\xBC\x97\xEF\xBC\x98", 30, FL_UNIT_NONE, 2),
                     "123456.78");
    /* "3." ends a sentence: the point is not read */
    ck_assert_str_eq(parse("3.", 1, FL_UNIT_NONE, 0), "3.00");
    /* the 7th decimal rounds half away from zero, as fl_parse_number */
    ck_assert_str_eq(parse("1.1234565", 9, FL_UNIT_NONE, 7), "1.123457");
    ck_assert_str_eq(parse("-1.1234565", 10, FL_UNIT_NONE, 7), "-1.123457");
    ck_assert_str_eq(parse("0.123456", 8, FL_UNIT_NONE, 6), "0.123456");
}
END_TEST

START_TEST(parse_signs_and_empty)
{
    ck_assert_str_eq(parse("+5", 2, FL_UNIT_NONE, 0), "5.00");
    ck_assert_str_eq(parse("-5.5", 4, FL_UNIT_NONE, 1), "-5.50");
    ck_assert_str_eq(parse("\xEF\xBC\x8D" "3", 4, FL_UNIT_NONE, 0), "-3.00"); /* －3 */
    ck_assert_str_eq(parse("\xE2\x88\x92" "7", 4, FL_UNIT_NONE, 0), "-7.00"); /* −7 */
    ck_assert_str_eq(parse("\xEF\xBC\x8B" "7", 4, FL_UNIT_NONE, 0), "7.00");  /* ＋7 */
    ck_assert_str_eq(parse("  42 元", 8, FL_UNIT_YUAN, 0), "42.00");
    /* an empty marker reads as 0 */
    ck_assert_str_eq(parse("-", 1, FL_UNIT_NONE, 0), "0.00");
    ck_assert_str_eq(parse("\xE2\x80\x94\xE2\x80\x94", 6, FL_UNIT_NONE, 0), "0.00"); /* —— */
    ck_assert_str_eq(parse(" / ", 3, FL_UNIT_NONE, 0), "0.00");
    /* no number */
    fl_wide w = { 9, 9 };
    ck_assert_uint_eq(fl_wide_parse("abc", &w, NULL, NULL), 0);
    ck_assert_uint_eq(fl_wide_parse("", &w, NULL, NULL), 0);
    ck_assert_uint_eq(fl_wide_parse(NULL, &w, NULL, NULL), 0);
    ck_assert_uint_eq(fl_wide_parse("-x", &w, NULL, NULL), 0);
    /* an identifier (more than 13 plain digits) is no number, as in
     * fl_parse_number */
    ck_assert_uint_eq(fl_wide_parse("12345678901234", &w, NULL, NULL), 0);
    ck_assert_int_eq(w.hi, 9);
    ck_assert_uint_eq(w.lo, 9);
}
END_TEST

START_TEST(parse_beyond_fl_dec)
{
    /* 10^15 元, and 10^24 with decimals: exact */
    ck_assert_str_eq(parse("1,000,000,000,000,000.00元", 27, FL_UNIT_YUAN, 2),
                     "1000000000000000.00");
    ck_assert_str_eq(parse("999,999,999,999,999.99", 22, FL_UNIT_NONE, 2),
                     "999999999999999.99");
    ck_assert_str_eq(parse("-1,000,000,000,000,000,000,000,000.01", 37,
                           FL_UNIT_NONE, 2),
                     "-1000000000000000000000000.01");
    ck_assert_str_eq(parse("9000000000000.25", 16, FL_UNIT_NONE, 2),
                     "9000000000000.25");
    ck_assert_str_eq(parse("1234567890123456.123456", 23, FL_UNIT_NONE, 6),
                     "1234567890123456.123456");
    /* 10^25 is the largest; beyond it nothing is read */
    ck_assert_str_eq(parse("10,000,000,000,000,000,000,000,000", 34,
                           FL_UNIT_NONE, 0),
                     "10000000000000000000000000.00");
    fl_wide w;
    ck_assert_uint_eq(fl_wide_parse("10,000,000,000,000,000,000,000,000.01",
                                    &w, NULL, NULL), 0);
    ck_assert_uint_eq(fl_wide_parse("100,000,000,000,000,000,000,000,000",
                                    &w, NULL, NULL), 0);
    ck_assert_uint_eq(fl_wide_parse("1" "000000000000000000000000000000000000000000"
                                    ".5", &w, NULL, NULL), 0);
}
END_TEST

START_TEST(parse_agrees_with_fl_parse_number)
{
    static const char *const texts[] = {
        "0", "0.01", "-0.01", "11,086.73元", "1.2亿元", "（一）", "１２３", "3.",
        "12万元以上", "9223372036854.775806", "-9223372036854.775806",
        "5 人", "1,2345", "2024年", "－", "0.0000005", "9223372036854",
        "9999999999999",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fl_number n;
        fl_wide w;
        fl_unit u;
        int d;
        size_t a = fl_parse_number(texts[i], &n);
        size_t b = fl_wide_parse(texts[i], &w, &u, &d);
        ck_assert_msg(a == b, "%s: %zu vs %zu", texts[i], a, b);
        if (a == 0)
            continue;
        fl_dec back;
        if (fl_dec_out_of_range(n.value)) {
            /* beyond fl_dec, exact here */
            ck_assert_int_eq(fl_wide_to_dec(w, &back), -1);
            continue;
        }
        ck_assert_msg(fl_wide_to_dec(w, &back) == 0, "%s", texts[i]);
        ck_assert_msg(back.micros == n.value.micros, "%s", texts[i]);
        ck_assert_int_eq(u, n.unit);
        ck_assert_int_eq(d, n.decimals);
    }
}
END_TEST

START_TEST(add_sub_across_64_bits)
{
    fl_wide r;
    /* INT64_MAX millionths + 1: 2^63 */
    ck_assert_int_eq(fl_wide_add(wide("9223372036854.775807"), wide("0.000001"), &r), 0);
    ck_assert_int_eq(r.hi, 0);
    ck_assert_uint_eq(r.lo, (uint64_t)1 << 63);
    ck_assert_str_eq(fmt(r), "9223372036854.775808");
    /* 2^64 - 1 + 1: a carry into the high half */
    ck_assert_int_eq(fl_wide_add(wide("18446744073709.551615"), wide("0.000001"), &r), 0);
    ck_assert_int_eq(r.hi, 1);
    ck_assert_uint_eq(r.lo, 0);
    ck_assert_str_eq(fmt(r), "18446744073709.551616");
    /* and a borrow back */
    ck_assert_int_eq(fl_wide_sub(r, wide("0.000001"), &r), 0);
    ck_assert_int_eq(r.hi, 0);
    ck_assert_uint_eq(r.lo, UINT64_MAX);
    /* 0 - 2^64 */
    ck_assert_int_eq(fl_wide_sub(wide("0"), wide("18446744073709.551616"), &r), 0);
    ck_assert_int_eq(r.hi, -1);
    ck_assert_uint_eq(r.lo, 0);
    ck_assert_str_eq(fmt(r), "-18446744073709.551616");
    /* the sum: 9 × 10^12 + 9 × 10^12 + 0.01 */
    fl_wide s = wide("0");
    ck_assert_int_eq(fl_wide_add(s, wide("9,000,000,000,000.00"), &s), 0);
    ck_assert_int_eq(fl_wide_add(s, wide("9,000,000,000,000.00"), &s), 0);
    ck_assert_int_eq(fl_wide_add(s, wide("0.01"), &s), 0);
    ck_assert_str_eq(fmt(s), "18000000000000.01");
    /* 10^15 less a cent */
    ck_assert_int_eq(fl_wide_sub(wide("1000000000000000.00"), wide("0.01"), &r), 0);
    ck_assert_str_eq(fmt(r), "999999999999999.99");
}
END_TEST

START_TEST(add_sub_overflow_refused)
{
    fl_wide max = micros(INT64_MAX, UINT64_MAX), min = micros(INT64_MIN, 0);
    fl_wide r = micros(5, 5), one = wide("0.000001");
    ck_assert_int_eq(fl_wide_add(max, one, &r), -1);
    ck_assert_int_eq(fl_wide_sub(min, one, &r), -1);
    ck_assert_int_eq(fl_wide_sub(wide("0"), min, &r), -1);
    ck_assert_int_eq(r.hi, 5); /* unchanged */
    ck_assert_uint_eq(r.lo, 5);
    ck_assert_int_eq(fl_wide_add(max, min, &r), 0);
    ck_assert_str_eq(fmt(r), "-0.000001");
}
END_TEST

START_TEST(compare_and_abs)
{
    ck_assert_int_eq(fl_wide_cmp(wide("-1"), wide("0")), -1);
    ck_assert_int_eq(fl_wide_cmp(wide("0"), wide("-1")), 1);
    ck_assert_int_eq(fl_wide_cmp(wide("18446744073709.551616"),
                                 wide("18446744073709.551615")), 1);
    ck_assert_int_eq(fl_wide_cmp(wide("-18446744073709.551616"),
                                 wide("-18446744073709.551615")), -1);
    ck_assert_int_eq(fl_wide_cmp(wide("1000000000000000.00"),
                                 wide("1,000,000,000,000,000")), 0);
    ck_assert_int_eq(fl_wide_cmp(micros(INT64_MIN, 0), micros(INT64_MAX, UINT64_MAX)), -1);
    ck_assert_str_eq(fmt(fl_wide_abs(wide("-1000000000000000000000000.01"))),
                     "1000000000000000000000000.01");
    ck_assert_str_eq(fmt(fl_wide_abs(wide("3.5"))), "3.50");
    ck_assert_str_eq(fmt(fl_wide_abs(wide("-18446744073709.551616"))),
                     "18446744073709.551616");
}
END_TEST

START_TEST(dec_round_trip)
{
    static const int64_t values[] = {
        0, 1, -1, 10000, -10000, 1234567890, FL_DEC_MAX_MICROS, -FL_DEC_MAX_MICROS,
        (int64_t)1 << 40, -((int64_t)1 << 53) - 7, 999999, 1000000, 100000000,
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        fl_dec d = { values[i] }, back = { 42 };
        int ok = -1;
        fl_wide w = fl_wide_from_dec(d, &ok);
        ck_assert_int_eq(ok, 1);
        ck_assert_int_eq(fl_wide_to_dec(w, &back), 0);
        ck_assert_int_eq(back.micros, d.micros);
        /* and it formats exactly as fl_dec_format does */
        for (int p = -1; p <= 7; p++) {
            char a[64], b[32];
            ck_assert_str_eq(fl_wide_format(w, p, a, sizeof a),
                             fl_dec_format(d, p, b, sizeof b));
        }
    }
    /* beyond fl_dec: refused, *out untouched */
    fl_dec out = { 42 };
    ck_assert_int_eq(fl_wide_to_dec(wide("9223372036854.775807"), &out), -1);
    ck_assert_int_eq(fl_wide_to_dec(wide("-9223372036854.775807"), &out), -1);
    ck_assert_int_eq(fl_wide_to_dec(wide("1000000000000000.00"), &out), -1);
    ck_assert_int_eq(fl_wide_to_dec(wide("-18446744073709.551616"), &out), -1);
    ck_assert_int_eq(out.micros, 42);
}
END_TEST

START_TEST(from_dec_out_of_range)
{
    int ok = 1;
    fl_wide w = fl_wide_from_dec(fl_dec_saturated(0), &ok);
    ck_assert_int_eq(ok, 0);
    ck_assert_str_eq(fmt(w), "0.00");
    ok = 1;
    w = fl_wide_from_dec(fl_dec_saturated(1), &ok);
    ck_assert_int_eq(ok, 0);
    ck_assert_str_eq(fmt(w), "0.00");
    /* ok may be NULL */
    fl_dec d = { -25 };
    ck_assert_str_eq(fmt(fl_wide_from_dec(d, NULL)), "-0.000025");
}
END_TEST

START_TEST(format)
{
    char buf[64];
    ck_assert_str_eq(fl_wide_format(wide("100"), 0, buf, sizeof buf), "100");
    ck_assert_str_eq(fl_wide_format(wide("100"), 2, buf, sizeof buf), "100.00");
    ck_assert_str_eq(fl_wide_format(wide("1.5"), 0, buf, sizeof buf), "1.5");
    ck_assert_str_eq(fl_wide_format(wide("1.5"), 6, buf, sizeof buf), "1.500000");
    ck_assert_str_eq(fl_wide_format(wide("-0.01"), 2, buf, sizeof buf), "-0.01");
    ck_assert_str_eq(fl_wide_format(wide("-1,000,000,000,000,000.10"), 0, buf, sizeof buf),
                     "-1000000000000000.1");
    /* beyond 64 bits of 元: digits taken 19 at a time keep their zeros */
    ck_assert_str_eq(fl_wide_format(micros(5421010, 15908979783594147840u), 0, buf, sizeof buf),
                     "100000000000000000000"); /* 10^26 micros */
    ck_assert_str_eq(fl_wide_format(micros(-1000001, 18446744073709051616u), 2, buf, sizeof buf),
                     "-18446744073709551616.50"); /* -(2^64 + 0.5) */
    ck_assert_str_eq(fl_wide_format(wide("18446744073709.551615"), 0, buf, sizeof buf),
                     "18446744073709.551615");
    ck_assert_str_eq(fl_wide_format(wide("18446744073709.551616"), 0, buf, sizeof buf),
                     "18446744073709.551616");
    /* the extremes fit the promised 64 bytes */
    ck_assert_str_eq(fl_wide_format(micros(INT64_MAX, UINT64_MAX), 6, buf, sizeof buf),
                     "170141183460469231731687303715884.105727");
    ck_assert_str_eq(fl_wide_format(micros(INT64_MIN, 0), 6, buf, sizeof buf),
                     "-170141183460469231731687303715884.105728");
    /* a short buffer is cut, still terminated */
    char small[6];
    ck_assert_str_eq(fl_wide_format(wide("123456.78"), 2, small, sizeof small), "12345");
    ck_assert_ptr_null(fl_wide_format(wide("1"), 2, NULL, 10));
}
END_TEST

START_TEST(cell_wide)
{
    static const char text[] =
        "# 支出表\n\n金额单位：元\n\n"
        "项目\t金额\t备注\n"
        "合计\t1,000,000,000,000,000.00\t说明\n"
        "甲\t12.5\t-\n";
    fl_document *doc = fl_document_from_text("<test>", "text", text, strlen(text));
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_ge(fl_doc_table_count(doc), 1);
    const fl_table *t = fl_doc_table(doc, 0);
    const fl_row *total = NULL, *first = NULL;
    for (size_t i = 0; i < fl_table_row_count(t); i++) {
        const fl_row *r = fl_table_row(t, i);
        const char *c0 = fl_cell_norm(fl_row_cell(r, 0));
        if (c0 != NULL && strcmp(c0, "合计") == 0)
            total = r;
        if (c0 != NULL && strcmp(c0, "甲") == 0)
            first = r;
    }
    ck_assert_ptr_nonnull(total);
    ck_assert_ptr_nonnull(first);
    fl_wide w;
    fl_number n;
    ck_assert_int_eq(fl_cell_wide(fl_row_cell(total, 1), &w), 1);
    ck_assert_str_eq(fmt(w), "1000000000000000.00");
    ck_assert_int_eq(fl_cell_number(fl_row_cell(total, 1), &n), 1);
    ck_assert(fl_dec_out_of_range(n.value));
    ck_assert_int_eq(fl_cell_wide(fl_row_cell(first, 1), &w), 1);
    ck_assert_str_eq(fmt(w), "12.50");
    ck_assert_int_eq(fl_cell_wide(fl_row_cell(first, 2), &w), 1); /* "-" */
    ck_assert_str_eq(fmt(w), "0.00");
    ck_assert_int_eq(fl_cell_wide(fl_row_cell(total, 2), &w), 0); /* text */
    ck_assert_int_eq(fl_cell_wide(NULL, &w), 0);
    fl_document_free(doc);
}
END_TEST

static Suite *wide_suite(void)
{
    Suite *s = suite_create("wide");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, parse_everyday_syntax);
    tcase_add_test(tc, parse_signs_and_empty);
    tcase_add_test(tc, parse_beyond_fl_dec);
    tcase_add_test(tc, parse_agrees_with_fl_parse_number);
    tcase_add_test(tc, add_sub_across_64_bits);
    tcase_add_test(tc, add_sub_overflow_refused);
    tcase_add_test(tc, compare_and_abs);
    tcase_add_test(tc, dec_round_trip);
    tcase_add_test(tc, from_dec_out_of_range);
    tcase_add_test(tc, format);
    tcase_add_test(tc, cell_wide);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(wide_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
