/* test-pool.c — the document's string pool (core/lib/pool.c): what it
 * hands out is distinct, intact and NUL-terminated, however the strings'
 * sizes mix, a trimmed string gives its spare bytes to the next, and a
 * released pool's chunks serve the next pool. */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

START_TEST(many_small_strings_stay_intact)
{
    fl_pool p = { 0 };
    enum { N = 20000 };
    char **s = malloc(N * sizeof *s);
    char want[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(want, sizeof want, "单元格%d", i);
        s[i] = fl_pool_strndup(&p, want, (size_t)n);
    }
    for (int i = 0; i < N; i++) {
        snprintf(want, sizeof want, "单元格%d", i);
        ck_assert_str_eq(s[i], want);
    }
    free(s);
    fl_pool_release(&p);
    ck_assert_ptr_null(p.chunks);
}
END_TEST

/* A string larger than a quarter of a chunk gets a chunk of its own; the
 * strings before and after it are still intact and the chunk being filled
 * goes on being used. */
START_TEST(large_strings_between_small_ones)
{
    fl_pool p = { 0 };
    size_t big_n = 1 << 20;
    char *big_src = malloc(big_n + 1);
    memset(big_src, 'x', big_n);
    big_src[big_n] = '\0';
    char *a = fl_pool_strdup(&p, "前");
    char *big = fl_pool_strdup(&p, big_src);
    char *b = fl_pool_strdup(&p, "后");
    ck_assert_str_eq(a, "前");
    ck_assert_str_eq(b, "后");
    ck_assert_uint_eq(strlen(big), big_n);
    ck_assert_int_eq(memcmp(big, big_src, big_n), 0);
    /* "后" went into the chunk "前" is in, just after it */
    ck_assert(b > a && (size_t)(b - a) < 64);
    /* a large string as the pool's very first */
    fl_pool q = { 0 };
    char *first = fl_pool_strdup(&q, big_src);
    char *after = fl_pool_strdup(&q, "表");
    ck_assert_uint_eq(strlen(first), big_n);
    ck_assert_str_eq(after, "表");
    fl_pool_release(&q);
    free(big_src);
    fl_pool_release(&p);
}
END_TEST

START_TEST(trim_last_gives_back_the_tail)
{
    fl_pool p = { 0 };
    char *s = fl_pool_alloc(&p, 100);
    strcpy(s, "合计");
    fl_pool_trim_last(&p, s);
    char *t = fl_pool_strdup(&p, "小计");
    ck_assert_str_eq(s, "合计");
    ck_assert_str_eq(t, "小计");
    ck_assert((size_t)(t - s) < 100); /* the 100 bytes were not all kept */
    /* trimming a string that is not the last one changes nothing */
    fl_pool_trim_last(&p, s);
    char *u = fl_pool_strdup(&p, "总计");
    ck_assert_str_eq(t, "小计");
    ck_assert_str_eq(u, "总计");
    ck_assert(u > t);
    fl_pool_release(&p);
}
END_TEST

START_TEST(released_pool_is_usable_again)
{
    fl_pool p = { 0 };
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 5000; i++)
            ck_assert_str_eq(fl_pool_strdup(&p, "预算数"), "预算数");
        ck_assert_str_eq(fl_pool_strndup(&p, "决算数abc", 9), "决算数");
        ck_assert_str_eq(fl_pool_strndup(&p, "", 0), "");
        fl_pool_release(&p);
    }
}
END_TEST

/* The chunks a released pool keeps for later go to one pool at a time:
 * two pools filled side by side after a release never share bytes. */
START_TEST(kept_chunks_serve_one_pool_each)
{
    fl_pool p = { 0 }, q = { 0 }, r = { 0 };
    for (int i = 0; i < 20000; i++)
        fl_pool_strdup(&p, "上年结转");
    fl_pool_release(&p);
    enum { N = 20000 };
    char **a = malloc(N * sizeof *a), **b = malloc(N * sizeof *b);
    char want[32];
    for (int i = 0; i < N; i++) {
        snprintf(want, sizeof want, "甲%d", i);
        a[i] = fl_pool_strdup(&q, want);
        snprintf(want, sizeof want, "乙%d", i);
        b[i] = fl_pool_strdup(&r, want);
    }
    for (int i = 0; i < N; i++) {
        snprintf(want, sizeof want, "甲%d", i);
        ck_assert_str_eq(a[i], want);
        snprintf(want, sizeof want, "乙%d", i);
        ck_assert_str_eq(b[i], want);
    }
    free(a);
    free(b);
    fl_pool_release(&q);
    fl_pool_release(&r);
}
END_TEST

/* Arrays come aligned for any type, between strings of odd lengths. */
START_TEST(arrays_are_aligned)
{
    fl_pool p = { 0 };
    for (size_t i = 1; i < 200; i++) {
        fl_pool_strndup(&p, "零一二三四五六七八九", i % 30);
        long double *v = fl_pool_alloc_array(&p, i, sizeof *v);
        ck_assert_uint_eq((uintptr_t)v % _Alignof(max_align_t), 0);
        for (size_t k = 0; k < i; k++)
            v[k] = (long double)k;
        ck_assert(v[i - 1] == (long double)(i - 1));
    }
    fl_pool_release(&p);
}
END_TEST

static Suite *pool_suite(void)
{
    Suite *s = suite_create("pool");
    TCase *tc = tcase_create("pool");
    tcase_add_test(tc, many_small_strings_stay_intact);
    tcase_add_test(tc, large_strings_between_small_ones);
    tcase_add_test(tc, trim_last_gives_back_the_tail);
    tcase_add_test(tc, released_pool_is_usable_again);
    tcase_add_test(tc, kept_chunks_serve_one_pool_each);
    tcase_add_test(tc, arrays_are_aligned);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pool_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
