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
    ck_assert_int_eq(P("9223372036854.775806").micros, FL_DEC_MAX_MICROS);
    ck_assert_int_eq(P("-9223372036854.775806").micros, -FL_DEC_MAX_MICROS);
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
    /* the out-of-range values are not configurable amounts */
    ck_assert_int_eq(fl_dec_parse("9223372036854.775807", &d), -1);
    ck_assert_int_eq(fl_dec_parse("-9223372036854.775807", &d), -1);
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

START_TEST(out_of_range_values)
{
    ck_assert(!fl_dec_out_of_range(D(FL_DEC_MAX_MICROS)));
    ck_assert(!fl_dec_out_of_range(D(-FL_DEC_MAX_MICROS)));
    ck_assert(!fl_dec_out_of_range(D(0)));
    ck_assert(fl_dec_out_of_range(D(INT64_MAX)));
    ck_assert(fl_dec_out_of_range(D(INT64_MIN)));
    ck_assert(fl_dec_out_of_range(D(INT64_MIN + 1)));
    ck_assert_int_eq(fl_dec_saturated(0).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_saturated(1).micros, INT64_MIN);
}
END_TEST

/* The wrapped sum of the fuzz report: 9×10^12 + 9×10^12 万元 printed as
 * -446744073709.551616.  Both ends saturate, never change sign. */
START_TEST(add_sub_saturate_at_both_ends)
{
    fl_dec nine = P("9000000000000");
    fl_dec r = fl_dec_add(nine, nine);
    ck_assert(fl_dec_out_of_range(r));
    ck_assert_int_eq(r.micros, INT64_MAX);
    r = fl_dec_add(fl_dec_sub(D(0), nine), fl_dec_sub(D(0), nine));
    ck_assert(fl_dec_out_of_range(r));
    ck_assert_int_eq(r.micros, INT64_MIN);
    r = fl_dec_sub(nine, fl_dec_sub(D(0), nine));
    ck_assert_int_eq(r.micros, INT64_MAX);
    r = fl_dec_sub(fl_dec_sub(D(0), nine), nine);
    ck_assert_int_eq(r.micros, INT64_MIN);
    /* exactly to the edge is still exact; one millionth more is not */
    r = fl_dec_add(D(FL_DEC_MAX_MICROS - 1), D(1));
    ck_assert_int_eq(r.micros, FL_DEC_MAX_MICROS);
    ck_assert(!fl_dec_out_of_range(r));
    ck_assert(fl_dec_out_of_range(fl_dec_add(r, D(1))));
    ck_assert_int_eq(fl_dec_sub(D(-FL_DEC_MAX_MICROS), D(1)).micros, INT64_MIN);
    /* sticky: a huge total less a small part is still out of range */
    ck_assert_int_eq(fl_dec_sub(D(INT64_MAX), P("1")).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_add(D(INT64_MIN), P("1")).micros, INT64_MIN);
    ck_assert_int_eq(fl_dec_sub(P("1"), D(INT64_MAX)).micros, INT64_MIN);
    ck_assert_int_eq(fl_dec_sub(P("1"), D(INT64_MIN)).micros, INT64_MAX);
    /* abs of either end: positive out of range, no -INT64_MIN */
    ck_assert_int_eq(fl_dec_abs(D(INT64_MIN)).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_abs(D(INT64_MIN + 1)).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_abs(D(-FL_DEC_MAX_MICROS)).micros, FL_DEC_MAX_MICROS);
    /* comparisons still order them beyond every exact amount */
    ck_assert_int_eq(fl_dec_cmp(D(INT64_MAX), D(FL_DEC_MAX_MICROS)), 1);
    ck_assert_int_eq(fl_dec_cmp(D(INT64_MIN), D(-FL_DEC_MAX_MICROS)), -1);
}
END_TEST

START_TEST(checked_add_and_sub)
{
    fl_dec r = { 42 };
    ck_assert_int_eq(fl_dec_checked_add(P("0.1"), P("0.2"), &r), 0);
    ck_assert_int_eq(fl_dec_cmp(r, P("0.3")), 0);
    ck_assert_int_eq(fl_dec_checked_add(P("9000000000000"), P("9000000000000"), &r), -1);
    ck_assert_int_eq(r.micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_checked_add(P("-9000000000000"), P("-9000000000000"), &r), -1);
    ck_assert_int_eq(r.micros, INT64_MIN);
    /* an out-of-range operand fails even when the sum would fit */
    ck_assert_int_eq(fl_dec_checked_add(D(INT64_MAX), P("-1"), &r), -1);
    ck_assert_int_eq(r.micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_checked_add(P("-1"), D(INT64_MIN), &r), -1);
    ck_assert_int_eq(r.micros, INT64_MIN);
    /* a result landing on an out-of-range value is not exact either */
    ck_assert_int_eq(fl_dec_checked_add(D(FL_DEC_MAX_MICROS), D(1), &r), -1);
    ck_assert_int_eq(fl_dec_checked_add(D(FL_DEC_MAX_MICROS), D(0), &r), 0);
    ck_assert_int_eq(fl_dec_checked_sub(P("5"), P("7"), &r), 0);
    ck_assert_int_eq(fl_dec_cmp(r, P("-2")), 0);
    ck_assert_int_eq(fl_dec_checked_sub(P("-9000000000000"), P("9000000000000"), &r), -1);
    ck_assert_int_eq(r.micros, INT64_MIN);
    ck_assert_int_eq(fl_dec_checked_sub(P("0"), D(INT64_MIN), &r), -1);
    ck_assert_int_eq(r.micros, INT64_MAX);
}
END_TEST

START_TEST(mul_div_round_from_int_saturate)
{
    int ok = 0;
    ck_assert_int_eq(fl_dec_from_int(9223372036854).micros, 9223372036854000000);
    ck_assert_int_eq(fl_dec_from_int(9223372036855).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_from_int(-9223372036855).micros, INT64_MIN);
    ck_assert_int_eq(fl_dec_from_int(INT64_MIN).micros, INT64_MIN);
    /* sticky through products, quotients and rounding */
    ck_assert_int_eq(fl_dec_mul(D(INT64_MAX), P("0.001")).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_mul(D(INT64_MAX), P("-1")).micros, INT64_MIN);
    ck_assert_int_eq(fl_dec_div(D(INT64_MIN), P("1000"), &ok).micros, INT64_MIN);
    ck_assert_int_eq(ok, 1);
    ck_assert_int_eq(fl_dec_div(P("1"), D(INT64_MAX), &ok).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_round(D(INT64_MIN + 1), 2).micros, INT64_MIN);
    /* rounding the largest exact value up past the edge */
    ck_assert_int_eq(fl_dec_round(D(FL_DEC_MAX_MICROS), 0).micros, INT64_MAX);
    ck_assert_int_eq(fl_dec_round(D(-FL_DEC_MAX_MICROS), 2).micros, INT64_MIN);
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
    tcase_add_test(tc, out_of_range_values);
    tcase_add_test(tc, add_sub_saturate_at_both_ends);
    tcase_add_test(tc, checked_add_and_sub);
    tcase_add_test(tc, mul_div_round_from_int_saturate);
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
