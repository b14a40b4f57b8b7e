/* test-number.c — numbers with units as they are written in reports. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "harness.h"

/* Parse `text`, check the bytes consumed are the first `consumed` bytes
 * (given as the prefix string itself, so the test reads naturally). */
static fl_number parse_prefix(const char *text, const char *prefix)
{
    fl_number n;
    memset(&n, 0x5a, sizeof n);
    size_t used = fl_parse_number(text, &n);
    ck_assert_msg(used == strlen(prefix), "\"%s\": consumed %zu bytes, want %zu (\"%s\")",
                  text, used, strlen(prefix), prefix);
    ck_assert_msg(strncmp(text, prefix, used) == 0, "prefix mismatch for %s", text);
    return n;
}

static fl_number parse_all(const char *text)
{
    return parse_prefix(text, text);
}

static const char *F(fl_dec d)
{
    static char buf[32];
    return fl_dec_format(d, 0, buf, sizeof buf);
}

START_TEST(plain_and_separators)
{
    fl_number n = parse_all("11,086.73");
    ck_assert_str_eq(F(n.value), "11086.73");
    ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    ck_assert_int_eq(n.decimals, 2);
    ck_assert_int_eq(n.is_empty, 0);

    n = parse_all("1,234,567.5");
    ck_assert_str_eq(F(n.value), "1234567.5");
    n = parse_all("1，234，567"); /* full-width comma */
    ck_assert_str_eq(F(n.value), "1234567");
    ck_assert_int_eq(n.decimals, 0);
}
END_TEST

START_TEST(comma_not_a_group)
{
    /* "1,2": a list, not a thousands group */
    fl_number n = parse_prefix("1,2", "1");
    ck_assert_str_eq(F(n.value), "1");
    /* four digits after the comma: not a group either */
    n = parse_prefix("1,2345", "1");
    ck_assert_str_eq(F(n.value), "1");
    /* the unit ends the number before a sentence comma */
    n = parse_prefix("0.85万元，决算数0.85万元", "0.85万元");
    ck_assert_str_eq(F(n.value), "0.85");
    ck_assert_int_eq(n.unit, FL_UNIT_WANYUAN);
    /* comma then text */
    n = parse_prefix("12,其中", "12");
    ck_assert_str_eq(F(n.value), "12");
    /* a trailing comma after a group */
    n = parse_prefix("1,234,", "1,234");
    ck_assert_str_eq(F(n.value), "1234");
}
END_TEST

START_TEST(units)
{
    fl_number n = parse_all("346.25元");
    ck_assert_int_eq(n.unit, FL_UNIT_YUAN);
    ck_assert_str_eq(F(n.value), "346.25");
    n = parse_all("32万元");
    ck_assert_int_eq(n.unit, FL_UNIT_WANYUAN);
    ck_assert_str_eq(F(n.value), "32");
    n = parse_all("1.2亿元");
    ck_assert_int_eq(n.unit, FL_UNIT_YIYUAN);
    ck_assert_str_eq(F(n.value), "1.2");
    ck_assert_int_eq(n.decimals, 1);
    n = parse_all("94.74%");
    ck_assert_int_eq(n.unit, FL_UNIT_PERCENT);
    ck_assert_str_eq(F(n.value), "94.74");
    n = parse_all("100％");
    ck_assert_int_eq(n.unit, FL_UNIT_PERCENT);
    n = parse_all("98分");
    ck_assert_int_eq(n.unit, FL_UNIT_POINTS);
    ck_assert_str_eq(F(n.value), "98");
    n = parse_all("15人次");
    ck_assert_int_eq(n.unit, FL_UNIT_OTHER);
    n = parse_all("3辆");
    ck_assert_int_eq(n.unit, FL_UNIT_OTHER);
    n = parse_all("5分钟");
    ck_assert_int_eq(n.unit, FL_UNIT_OTHER);
    /* a year is a number with a unit word, not an amount */
    n = parse_prefix("2023年度部门决算", "2023年");
    ck_assert_int_eq(n.unit, FL_UNIT_OTHER);
    ck_assert_str_eq(F(n.value), "2023");
    /* spaces before a unit belong to the number; without a unit they do not */
    n = parse_all("1,923.33 万元");
    ck_assert_int_eq(n.unit, FL_UNIT_WANYUAN);
    n = parse_all("12\xE3\x80\x80%"); /* ideographic space */
    ck_assert_int_eq(n.unit, FL_UNIT_PERCENT);
    n = parse_prefix("12 其中", "12");
    ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    /* a bare 万 is not 万元 and not consumed */
    n = parse_prefix("3万人", "3");
    ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    /* a unit or space cut short by the end of the text (match() must stop
     * at the text's end, not read on in the literal) */
    n = parse_prefix("3万", "3");
    ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    n = parse_prefix("12\xE3\x80", "12");
    ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    n = parse_all("7亿元");
    ck_assert_int_eq(n.unit, FL_UNIT_YIYUAN);
    n = parse_prefix("7亿", "7");
    ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    n = parse_prefix("7分钟后", "7分钟");
    ck_assert_int_eq(n.unit, FL_UNIT_OTHER);
}
END_TEST

START_TEST(fullwidth)
{
    fl_number n = parse_all("１２３．４５万元");
    ck_assert_str_eq(F(n.value), "123.45");
    ck_assert_int_eq(n.unit, FL_UNIT_WANYUAN);
    ck_assert_int_eq(n.decimals, 2);
    n = parse_all("－１，０００．５");
    ck_assert_str_eq(F(n.value), "-1000.5");
    n = parse_all("＋７");
    ck_assert_str_eq(F(n.value), "7");
    n = parse_all("\xE2\x88\x92" "3.5"); /* U+2212 minus */
    ck_assert_str_eq(F(n.value), "-3.5");
}
END_TEST

START_TEST(signs_and_spaces)
{
    fl_number n = parse_all("  -0.5万元");
    ck_assert_str_eq(F(n.value), "-0.5");
    n = parse_all("+12");
    ck_assert_str_eq(F(n.value), "12");
    n = parse_all("\xE3\x80\x80" "8"); /* leading U+3000 */
    ck_assert_str_eq(F(n.value), "8");
    /* a sign alone, or a sign before text, is no number */
    ck_assert_uint_eq(fl_parse_number("-a", NULL), 0);
    ck_assert_uint_eq(fl_parse_number("+", NULL), 0);
    ck_assert_uint_eq(fl_parse_number("- 5", NULL), 0);
}
END_TEST

START_TEST(decimals)
{
    fl_number n = parse_all("1.30");
    ck_assert_int_eq(n.decimals, 2);
    ck_assert_int_eq(n.value.micros, 1300000);
    n = parse_all("0.123456");
    ck_assert_int_eq(n.decimals, 6);
    ck_assert_int_eq(n.value.micros, 123456);
    /* more than 6 decimals: rounded half away from zero, count as written */
    n = parse_all("0.1234565");
    ck_assert_int_eq(n.decimals, 7);
    ck_assert_int_eq(n.value.micros, 123457);
    n = parse_all("-0.1234565");
    ck_assert_int_eq(n.value.micros, -123457);
    n = parse_all("0.12345649999");
    ck_assert_int_eq(n.value.micros, 123456);
    n = parse_all("0.9999999");
    ck_assert_int_eq(n.value.micros, 1000000);
    /* a point without a digit after it ends the number */
    n = parse_prefix("3.", "3");
    ck_assert_int_eq(n.decimals, 0);
    n = parse_prefix("3。", "3");
    ck_assert_int_eq(n.value.micros, 3000000);
    /* every count of decimals scales to millionths: "7.1", "7.12" … */
    const char *digits = "12345678";
    for (int d = 1; d <= 8; d++) {
        char text[16];
        int64_t want = 7000000, place = 100000;
        snprintf(text, sizeof text, "7.%.*s", d, digits);
        for (int i = 0; i < d && i < 6; i++, place /= 10)
            want += (digits[i] - '0') * place;
        if (d > 6 && digits[6] >= '5')
            want++;
        n = parse_all(text);
        ck_assert_int_eq(n.decimals, d);
        ck_assert_int_eq(n.value.micros, want);
    }
}
END_TEST

START_TEST(empty_markers)
{
    static const char *const markers[] = {
        "-", "—", "－", "——", "/", " - ", "\t—\t", "--", "－－", "-\n",
    };
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        fl_number n;
        size_t used = fl_parse_number(markers[i], &n);
        ck_assert_msg(used == strlen(markers[i]), "marker %zu: consumed %zu", i, used);
        ck_assert_int_eq(n.is_empty, 1);
        ck_assert_int_eq(n.value.micros, 0);
        ck_assert_int_eq(n.unit, FL_UNIT_NONE);
    }
    /* only when the marker is the whole input */
    fl_number n;
    ck_assert_uint_eq(fl_parse_number("—— 主要原因是", &n), 0);
    ck_assert_uint_eq(fl_parse_number("/人", &n), 0);
    ck_assert_uint_eq(fl_parse_number("-5", &n), 2);
    ck_assert_int_eq(n.is_empty, 0);
}
END_TEST

START_TEST(not_numbers)
{
    fl_number n = { { 99 }, FL_UNIT_OTHER, 1, 3 };
    ck_assert_uint_eq(fl_parse_number("", &n), 0);
    ck_assert_int_eq(n.is_empty, 0); /* reset even on failure */
    ck_assert_int_eq(n.value.micros, 0);
    ck_assert_uint_eq(fl_parse_number("   ", &n), 0);
    ck_assert_uint_eq(fl_parse_number("合计", &n), 0);
    ck_assert_uint_eq(fl_parse_number(".5", &n), 0);
    ck_assert_uint_eq(fl_parse_number(",123", &n), 0);
    ck_assert_uint_eq(fl_parse_number(NULL, &n), 0);
    ck_assert_uint_eq(fl_parse_number("５", NULL), 3); /* out may be NULL */
}
END_TEST

START_TEST(huge_numbers)
{
    /* the largest exact value */
    fl_number n = parse_all("9223372036854.775806");
    ck_assert_int_eq(n.value.micros, FL_DEC_MAX_MICROS);
    ck_assert(!fl_dec_out_of_range(n.value));
    n = parse_all("-9,223,372,036,854.775806");
    ck_assert_int_eq(n.value.micros, -FL_DEC_MAX_MICROS);
    /* one millionth more, or a 7th decimal rounding past it: out of range,
     * still one whole number with its unit */
    n = parse_all("9223372036854.775807");
    ck_assert(fl_dec_out_of_range(n.value));
    ck_assert_int_eq(n.value.micros, INT64_MAX);
    n = parse_all("9223372036854.7758065");
    ck_assert(fl_dec_out_of_range(n.value));
    n = parse_all("-9223372036855万元");
    ck_assert_int_eq(n.value.micros, INT64_MIN);
    ck_assert_int_eq(n.unit, FL_UNIT_WANYUAN);
    n = parse_all("99,999,999,999,999,999,999,999.00");
    ck_assert_int_eq(n.value.micros, INT64_MAX);
    ck_assert_int_eq(n.decimals, 2);
    n = parse_all("12345678901234567890.5元");
    ck_assert_int_eq(n.value.micros, INT64_MAX);
    ck_assert_int_eq(n.unit, FL_UNIT_YUAN);
    /* more than 13 plain digits: an account or ID number, no amount */
    ck_assert_uint_eq(fl_parse_number("622202123456789012345", &n), 0);
    ck_assert_uint_eq(fl_parse_number("31010519491231002X", &n), 0);
    ck_assert_uint_eq(fl_parse_number("92233720368550", &n), 0);
    /* 10^12 万元 is fine */
    n = parse_all("1,000,000,000,000.00万元");
    ck_assert_str_eq(F(n.value), "1000000000000");
    ck_assert(!fl_dec_out_of_range(n.value));
}
END_TEST

START_TEST(to_wanyuan)
{
    fl_dec w;
    fl_number n = parse_all("1.2亿元");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_str_eq(F(w), "12000");
    n = parse_all("346.25元");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_str_eq(F(w), "0.034625");
    n = parse_all("0.05元"); /* 0.000005 万元, exact */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_int_eq(w.micros, 5);
    n = parse_all("0.005元"); /* 0.0000005 -> rounds away from zero */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_int_eq(w.micros, 1);
    n = parse_all("32万元");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_str_eq(F(w), "32");
    n = parse_all("11,086.73"); /* bare: taken as 万元 */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_str_eq(F(w), "11086.73");
    n = parse_all("-"); /* empty cell: zero */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_int_eq(w.micros, 0);

    w.micros = 77;
    n = parse_all("94.74%");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), -1);
    n = parse_all("98分");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), -1);
    n = parse_all("3辆");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), -1);
    ck_assert_int_eq(w.micros, 77); /* untouched on failure */
    /* 亿元 too large to express in 万元: out of range, not "not money" */
    n = parse_all("9000000000000亿元");
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert(fl_dec_out_of_range(w));
    n = parse_all("922337203.685477亿元"); /* the last one that fits */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_str_eq(F(w), "9223372036854.77");
    n = parse_all("-9223372036855万元"); /* out of range stays so */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert_int_eq(w.micros, INT64_MIN);
    n = parse_all("9223372036855元"); /* out of range stays so in 万元 too */
    ck_assert_int_eq(fl_number_to_wanyuan(&n, &w), 0);
    ck_assert(fl_dec_out_of_range(w));
    ck_assert_int_eq(fl_number_to_wanyuan(NULL, &w), -1);
}
END_TEST

/* A number right at the start of a text is read by a short path when it
 * is plain (ASCII digits, maybe decimals); after a space, always by the
 * general one.  Random texts from the pieces of numbers read the same
 * both ways: one byte more with the space, the same value, unit and
 * decimals. */
START_TEST(plain_numbers_read_as_the_general_path_reads_them)
{
    static const char *const pieces[] = {
        "0", "7", "12", "345", "9999", ".", ",", "\xEF\xBC\x8C" /* ， */, "\xEF\xBC\x8E" /* ． */,
        "\xEF\xBC\x93" /* ３ */, " ", "\xE3\x80\x80", "万元", "元", "%", "分", "人次", "-", "合",
    };
    unsigned long r = 2024;
    for (int round = 0; round < 20000; round++) {
        char text[96], spaced[100];
        size_t len = (size_t)snprintf(text, sizeof text, "%lu", (fl_test_random(&r) >> 33) % 100000);
        fl_test_random_text(&r, pieces, sizeof pieces / sizeof *pieces, 4, text, len, 60, NULL);
        snprintf(spaced, sizeof spaced, " %s", text);
        fl_number a, b;
        size_t na = fl_parse_number(text, &a), nb = fl_parse_number(spaced, &b);
        ck_assert_msg(nb == (na ? na + 1 : 0), "\"%s\": %zu bytes, %zu after a space", text, na, nb);
        ck_assert_msg(fl_dec_cmp(a.value, b.value) == 0 && a.unit == b.unit &&
                          a.decimals == b.decimals && a.is_empty == b.is_empty,
                      "\"%s\" reads otherwise after a space", text);
    }
    /* the short path's edges: twelve digits, six decimals, and one more */
    ck_assert_str_eq(F(parse_all("999999999999").value), "999999999999");
    ck_assert_str_eq(F(parse_all("1234567890123").value), "1234567890123");
    ck_assert_int_eq(fl_parse_number("12345678901234", NULL), 0); /* an identifier */
    ck_assert_str_eq(F(parse_all("1.123456").value), "1.123456");
    ck_assert_str_eq(F(parse_all("1.1234565").value), "1.123457");
    ck_assert_str_eq(F(parse_all("1.\xEF\xBC\x95").value), "1.5");
    ck_assert_str_eq(F(parse_all("1,234\xEF\xBC\x8C" "567").value), "1234567");
}
END_TEST

static Suite *number_suite(void)
{
    Suite *s = suite_create("number");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_and_separators);
    tcase_add_test(tc, comma_not_a_group);
    tcase_add_test(tc, units);
    tcase_add_test(tc, fullwidth);
    tcase_add_test(tc, signs_and_spaces);
    tcase_add_test(tc, decimals);
    tcase_add_test(tc, empty_markers);
    tcase_add_test(tc, not_numbers);
    tcase_add_test(tc, huge_numbers);
    tcase_add_test(tc, to_wanyuan);
    tcase_add_test(tc, plain_numbers_read_as_the_general_path_reads_them);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(number_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
