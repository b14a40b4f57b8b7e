/* test-dec.c — exact decimal arithmetic, parsing and formatting. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include <fislint/plugin.h>

static fl_dec D(int64_t micros)
{
    fl_dec d = { micros };
    return d;
}

static fl_dec P(const char *text)
{
    fl_dec d = { 0 };
    ck_assert_msg(fl_dec_parse(text, &d) == 0, "cannot parse %s", text);
    return d;
}

static const char *F(fl_dec d, int places)
{
    static char buf[32];
    return fl_dec_format(d, places, buf, sizeof buf);
}

START_TEST(format_examples)
{
    ck_assert_str_eq(F(D(1846850000), 2), "1846.85");
    ck_assert_str_eq(F(D(100000000), 2), "100.00");
    ck_assert_str_eq(F(D(500000), 0), "0.5");
    ck_assert_str_eq(F(D(0), 0), "0");
    ck_assert_str_eq(F(D(0), 2), "0.00");
    ck_assert_str_eq(F(D(-500000), 2), "-0.50");
    ck_assert_str_eq(F(D(-1846850000), 0), "-1846.85");
    ck_assert_str_eq(F(D(1), 0), "0.000001");
    ck_assert_str_eq(F(D(-1), 2), "-0.000001");
    ck_assert_str_eq(F(D(12345678), 6), "12.345678");
    /* Extremes still fit the documented 32 bytes. */
    ck_assert_str_eq(F(D(INT64_MIN), 0), "-9223372036854.775808");
    ck_assert_str_eq(F(D(INT64_MAX), 2), "9223372036854.775807");
}
END_TEST

START_TEST(format_small_buffer_truncates_safely)
{
    char buf[5];
    fl_dec_format(D(1846850000), 2, buf, sizeof buf);
    ck_assert_str_eq(buf, "1846");
}
END_TEST

START_TEST(parse_plain)
{
    ck_assert_int_eq(P("-1234.5").micros, -1234500000);
    ck_assert_int_eq(P("0.01").micros, 10000);
    ck_assert_int_eq(P("+7").micros, 7000000);
    ck_assert_int_eq(P(" 3.000001 ").micros, 3000001);
    ck_assert_int_eq(P(".5").micros, 500000);
    ck_assert_int_eq(P("9223372036854.775807").micros, INT64_MAX);
}
END_TEST

START_TEST(parse_rejects)
{
    fl_dec d = { 42 };
    ck_assert_int_eq(fl_dec_parse("", &d), -1);
    ck_assert_int_eq(fl_dec_parse("-", &d), -1);
    ck_assert_int_eq(fl_dec_parse("abc", &d), -1);
    ck_assert_int_eq(fl_dec_parse("1,234", &d), -1);
    ck_assert_int_eq(fl_dec_parse("12.", &d), -1);
    ck_assert_int_eq(fl_dec_parse("1.2345678", &d), -1); /* 7 decimals */
    ck_assert_int_eq(fl_dec_parse("1.2.3", &d), -1);
    ck_assert_int_eq(fl_dec_parse("12万元", &d), -1);
    ck_assert_int_eq(fl_dec_parse("9223372036855", &d), -1); /* overflow */
    ck_assert_int_eq(fl_dec_parse("99999999999999999999999999", &d), -1);
    ck_assert_int_eq(fl_dec_parse(NULL, &d), -1);
    ck_assert_int_eq(d.micros, 42); /* untouched on failure */
}
END_TEST

START_TEST(mul_rounds_half_away)
{
    /* 1.5 × 0.000001 = 0.0000015 -> 0.000002 ; negative -> -0.000002 */
    ck_assert_int_eq(fl_dec_mul(P("1.5"), D(1)).micros, 2);
    ck_assert_int_eq(fl_dec_mul(P("-1.5"), D(1)).micros, -2);
    ck_assert_int_eq(fl_dec_mul(P("1.4"), D(1)).micros, 1);
    ck_assert_int_eq(fl_dec_mul(P("12.5"), P("0.8")).micros, 10000000);
    ck_assert_int_eq(fl_dec_mul(P("-3"), P("-2.5")).micros, 7500000);
}
END_TEST

START_TEST(mul_large_values_do_not_overflow)
{
    /* 10^12 万元 × 1.5: the intermediate is 1.5 × 10^30, far past int64. */
    fl_dec big = P("1000000000000");
    ck_assert_str_eq(F(fl_dec_mul(big, P("1.5")), 2), "1500000000000.00");
    /* 10 000 × 10 000 万元 */
    ck_assert_str_eq(F(fl_dec_mul(P("10000"), P("10000")), 0), "100000000");
    /* Results beyond int64 saturate instead of wrapping to the other sign. */
    ck_assert_int_eq(fl_dec_mul(big, big).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_mul(big, P("-1000000")).micros, INT64_MIN);
}
END_TEST

START_TEST(div_exact_and_rounded)
{
    int ok = -1;
    /* An execution rate: 1846.85 / 1900 = 0.97202631… -> 0.972026 */
    ck_assert_int_eq(fl_dec_div(P("1846.85"), P("1900"), &ok).micros, 972026);
    ck_assert_int_eq(ok, 1);
    /* 2 / 3 = 0.666667 ; -2 / 3 = -0.666667 ; 2 / -3 likewise */
    ck_assert_int_eq(fl_dec_div(P("2"), P("3"), &ok).micros, 666667);
    ck_assert_int_eq(fl_dec_div(P("-2"), P("3"), &ok).micros, -666667);
    ck_assert_int_eq(fl_dec_div(P("2"), P("-3"), &ok).micros, -666667);
    /* half: 0.000001 / 2 = 0.0000005 -> 0.000001 */
    ck_assert_int_eq(fl_dec_div(D(1), P("2"), &ok).micros, 1);
    ck_assert_int_eq(fl_dec_div(D(-1), P("2"), &ok).micros, -1);
    /* 10^12 万元 / 0.5: the scaled numerator is 10^30. */
    ck_assert_str_eq(F(fl_dec_div(P("1000000000000"), P("0.5"), &ok), 0), "2000000000000");
    ck_assert_int_eq(ok, 1);
    ck_assert_int_eq(fl_dec_div(P("1000000000000"), D(1), &ok).micros, INT64_MAX);
}
END_TEST

START_TEST(div_by_zero)
{
    int ok = 1;
    fl_dec r = fl_dec_div(P("5"), D(0), &ok);
    ck_assert_int_eq(ok, 0);
    ck_assert_int_eq(r.micros, 0);
    /* ok may be NULL */
    ck_assert_int_eq(fl_dec_div(P("5"), D(0), NULL).micros, 0);
}
END_TEST

START_TEST(round_places)
{
    ck_assert_str_eq(F(fl_dec_round(P("94.745"), 2), 2), "94.75");
    ck_assert_str_eq(F(fl_dec_round(P("-94.745"), 2), 2), "-94.75");
    ck_assert_str_eq(F(fl_dec_round(P("94.744999"), 2), 2), "94.74");
    ck_assert_str_eq(F(fl_dec_round(P("2.5"), 0), 0), "3");
    ck_assert_str_eq(F(fl_dec_round(P("-2.5"), 0), 0), "-3");
    ck_assert_str_eq(F(fl_dec_round(P("0.000004"), 5), 0), "0");
    ck_assert_str_eq(F(fl_dec_round(P("0.000005"), 5), 0), "0.00001");
    ck_assert_str_eq(F(fl_dec_round(P("1.234567"), 6), 0), "1.234567");
    ck_assert_str_eq(F(fl_dec_round(P("1.234567"), 9), 0), "1.234567");
    ck_assert_str_eq(F(fl_dec_round(P("1.5"), -1), 0), "2");
    /* Rounding near the top saturates rather than wrapping. */
    ck_assert_int_eq(fl_dec_round(D(INT64_MAX), 0).micros, INT64_MAX);
}
END_TEST

START_TEST(inline_helpers)
{
    ck_assert_int_eq(fl_dec_from_int(32).micros, 32000000);
    ck_assert_int_eq(fl_dec_cmp(P("1.30"), P("1.3")), 0);
    ck_assert_int_eq(fl_dec_cmp(P("1.29"), P("1.3")), -1);
    ck_assert_int_eq(fl_dec_abs(P("-0.01")).micros, 10000);
    /* The classic double trap: 0.1 + 0.2 == 0.3 exactly here. */
    ck_assert_int_eq(fl_dec_cmp(fl_dec_add(P("0.1"), P("0.2")), P("0.3")), 0);
}
END_TEST

static Suite *dec_suite(void)
{
    Suite *s = suite_create("dec");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, format_examples);
    tcase_add_test(tc, format_small_buffer_truncates_safely);
    tcase_add_test(tc, parse_plain);
    tcase_add_test(tc, parse_rejects);
    tcase_add_test(tc, mul_rounds_half_away);
    tcase_add_test(tc, mul_large_values_do_not_overflow);
    tcase_add_test(tc, div_exact_and_rounded);
    tcase_add_test(tc, div_by_zero);
    tcase_add_test(tc, round_places);
    tcase_add_test(tc, inline_helpers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dec_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
