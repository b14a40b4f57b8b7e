/* test-matcher.c — fl_matcher: every occurrence of many words in one pass,
 * in the order the contract of <fislint/plugin.h> promises. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "harness.h"

/* The occurrences a scan reported, as "word@offset" joined by spaces. */
typedef struct seen {
    char text[4096];
    size_t calls;
    size_t stop_after; /* 0: never stop */
} seen;

static int record(void *ctx, size_t word, size_t offset)
{
    seen *s = ctx;
    size_t n = strlen(s->text);
    snprintf(s->text + n, sizeof s->text - n, "%s%zu@%zu", n ? " " : "", word, offset);
    s->calls++;
    return s->stop_after != 0 && s->calls >= s->stop_after;
}

/* Scan `text` with `words` and return what was reported. */
static const char *scan(const char *const *words, size_t n, const char *text, size_t *count)
{
    static seen s;
    memset(&s, 0, sizeof s);
    fl_matcher *m = fl_matcher_new(words, n);
    ck_assert_ptr_nonnull(m);
    size_t c = fl_matcher_scan(m, text, strlen(text), record, &s);
    fl_matcher_free(m);
    ck_assert_uint_eq(c, s.calls);
    if (count != NULL)
        *count = c;
    return s.text;
}

START_TEST(overlapping_words)
{
    static const char *const w[] = { "he", "she", "his", "hers" };
    size_t c;
    /* ushers: she ends at 4 with he (longer first), hers at 5. */
    ck_assert_str_eq(scan(w, 4, "ushers", &c), "1@1 0@2 3@2");
    ck_assert_uint_eq(c, 3);
    ck_assert_str_eq(scan(w, 4, "hishers", NULL), "2@0 1@2 0@3 3@3");
}
END_TEST

START_TEST(chinese_shared_prefixes)
{
    static const char *const w[] = { "主要原因", "主要原因是", "原因" };
    /* 主要原因是: 原因 and 主要原因 end at byte 12 (longer first), then
     * 主要原因是 at 15. */
    ck_assert_str_eq(scan(w, 3, "主要原因是:", NULL), "0@0 2@6 1@0");
    ck_assert_str_eq(scan(w, 3, "增加的原因", NULL), "2@9");
    ck_assert_str_eq(scan(w, 3, "主要原主要原因", NULL), "0@9 2@15");
}
END_TEST

START_TEST(duplicates_both_reported)
{
    static const char *const w[] = { "原因", "因", "原因" };
    /* Equal words end together: both, in the order given. */
    ck_assert_str_eq(scan(w, 3, "原因", NULL), "0@0 2@0 1@3");
}
END_TEST

START_TEST(stop_early)
{
    static const char *const w[] = { "a", "aa" };
    seen s;
    memset(&s, 0, sizeof s);
    s.stop_after = 2;
    fl_matcher *m = fl_matcher_new(w, 2);
    size_t c = fl_matcher_scan(m, "aaaa", 4, record, &s);
    /* The occurrence whose callback said stop is counted; nothing after. */
    ck_assert_uint_eq(c, 2);
    ck_assert_str_eq(s.text, "0@0 1@0");
    memset(&s, 0, sizeof s);
    s.stop_after = 1;
    ck_assert_uint_eq(fl_matcher_scan(m, "xxa", 3, record, &s), 1);
    ck_assert_str_eq(s.text, "0@2");
    fl_matcher_free(m);
}
END_TEST

START_TEST(empty_text_and_end)
{
    static const char *const w[] = { "表", "决算表" };
    size_t c;
    ck_assert_str_eq(scan(w, 2, "", &c), "");
    ck_assert_uint_eq(c, 0);
    /* A word that ends on the last byte, and one that is cut off. */
    ck_assert_str_eq(scan(w, 2, "收支决算表", NULL), "1@6 0@12");
    ck_assert_str_eq(scan(w, 2, "收支决算", NULL), "");
    /* len bounds the scan: the text need not end there. */
    fl_matcher *m = fl_matcher_new(w, 2);
    seen s;
    memset(&s, 0, sizeof s);
    ck_assert_uint_eq(fl_matcher_scan(m, "决算表", 8, record, &s), 0);
    ck_assert_uint_eq(fl_matcher_scan(m, "决算表", 9, record, &s), 2);
    fl_matcher_free(m);
}
END_TEST

START_TEST(refused_and_null)
{
    static const char *const w[] = { "a", "" };
    ck_assert_ptr_null(fl_matcher_new(w, 0));
    ck_assert_ptr_null(fl_matcher_new(w, 2));
    ck_assert_ptr_null(fl_matcher_new(NULL, 1));
    fl_matcher_free(NULL);
    ck_assert_uint_eq(fl_matcher_scan(NULL, "a", 1, record, NULL), 0);
    /* No callback: the occurrences are only counted. */
    fl_matcher *m = fl_matcher_new(w, 1);
    ck_assert_uint_eq(fl_matcher_scan(m, "aXa", 3, NULL, NULL), 2);
    fl_matcher_free(m);
}
END_TEST

START_TEST(bytes_not_characters)
{
    /* Words are bytes: one byte above 0x7f, and NUL-free binary text. */
    static const char *const w[] = { "\xe5", "\xe5\x8e\x9f" };
    ck_assert_str_eq(scan(w, 2, "原", NULL), "0@0 1@0");
}
END_TEST

/* -- property: the same occurrences, in the same order, as a naive scan -- */

static unsigned long rng = 12345;

static unsigned next_rand(void)
{
    return (unsigned)(fl_test_random(&rng) >> 33);
}

/* The contract's order by brute force: by end byte, then longer first,
 * then by index (equal words). */
static void naive(const char *const *w, size_t n, const char *t, size_t len, seen *s)
{
    for (size_t end = 1; end <= len; end++)
        for (size_t l = end; l > 0; l--)
            for (size_t k = 0; k < n; k++)
                if (strlen(w[k]) == l && memcmp(t + end - l, w[k], l) == 0)
                    record(s, k, end - l);
}

START_TEST(agrees_with_naive_scan)
{
    static const char alphabet[] = "ab\xe4";
    for (int round = 0; round < 400; round++) {
        char store[12][6];
        const char *w[12];
        size_t n = 1 + next_rand() % 12;
        for (size_t k = 0; k < n; k++) {
            size_t l = 1 + next_rand() % 5;
            for (size_t i = 0; i < l; i++)
                store[k][i] = alphabet[next_rand() % 3];
            store[k][l] = '\0';
            w[k] = store[k];
        }
        char text[160];
        size_t len = next_rand() % sizeof text;
        for (size_t i = 0; i < len; i++)
            text[i] = alphabet[next_rand() % 3];

        seen want, got;
        memset(&want, 0, sizeof want);
        memset(&got, 0, sizeof got);
        naive(w, n, text, len, &want);
        fl_matcher *m = fl_matcher_new(w, n);
        size_t c = fl_matcher_scan(m, text, len, record, &got);
        fl_matcher_free(m);
        ck_assert_str_eq(got.text, want.text);
        ck_assert_uint_eq(c, want.calls);
    }
}
END_TEST

/* A digest of the occurrences in report order, for scans with many. */
typedef struct trace {
    unsigned long long h;
    size_t calls;
} trace;

static int mix(void *ctx, size_t word, size_t offset)
{
    trace *t = ctx;
    t->h = (t->h ^ (word * 1000003u + offset)) * 1099511628211ull;
    t->calls++;
    return 0;
}

/* `nwords` random words of 1..MAXLEN bytes from `alphabet` (nalpha
 * bytes), and a text from the same bytes: the matcher reports what a
 * naive search does, in the same order. */
enum { MAXLEN = 6, TEXTLEN = 600 };
static void agree_on_many(const char *alphabet, size_t nalpha, size_t nwords)
{
    char(*store)[MAXLEN + 1] = malloc(nwords * sizeof *store);
    const char **w = malloc(nwords * sizeof *w);
    for (size_t k = 0; k < nwords; k++) {
        size_t l = 1 + next_rand() % MAXLEN;
        for (size_t i = 0; i < l; i++)
            store[k][i] = alphabet[next_rand() % nalpha];
        store[k][l] = '\0';
        w[k] = store[k];
    }
    char text[TEXTLEN];
    for (size_t i = 0; i < TEXTLEN; i++)
        text[i] = alphabet[next_rand() % nalpha];
    trace want = { 14695981039346656037ull, 0 }, got = want;
    for (size_t end = 1; end <= TEXTLEN; end++)
        for (size_t l = end < MAXLEN ? end : MAXLEN; l > 0; l--)
            for (size_t k = 0; k < nwords; k++)
                if (strlen(w[k]) == l && memcmp(text + end - l, w[k], l) == 0)
                    mix(&want, k, end - l);
    fl_matcher *m = fl_matcher_new(w, nwords);
    ck_assert_ptr_nonnull(m);
    size_t c = fl_matcher_scan(m, text, TEXTLEN, mix, &got);
    fl_matcher_free(m);
    ck_assert_uint_eq(c, want.calls);
    ck_assert_uint_eq(got.calls, want.calls);
    ck_assert(got.h == want.h);
    free(w);
    free(store);
}

/* Thousands of words over four letters, two of them lead bytes of
 * Chinese: thousands of states with many edges and long failure chains,
 * each with its row of the complete table made from its failure state's
 * (matcher.c: build_table). */
START_TEST(many_words_agree_with_naive_scan)
{
    agree_on_many("a\xe4\xe5\xb8", 4, 3000);
}
END_TEST

/* A word list too large for the complete table (more than 2^15 entries:
 * some 20,000 states times 201 byte classes here): the scan keeps to the
 * rows, more states than get one, and the edge lists, and still agrees. */
START_TEST(word_list_beyond_the_complete_table)
{
    char alphabet[200];
    for (size_t i = 0; i < sizeof alphabet; i++)
        alphabet[i] = (char)(0x30 + i);
    agree_on_many(alphabet, sizeof alphabet, 12000);
}
END_TEST

/* Long texts are read in stretches at once (matcher.c: scan_pieces):
 * words across a stretch's border, words only a stretch's warm-up sees,
 * stretches with more words than they hold, and a callback that stops in
 * any of them must give what one plain scan gives.  Texts of 1 to 6 KB
 * from words of up to 12 bytes, some sparse (mostly 'z', no word's byte)
 * and some dense; every tenth text of 20 to 40 KB, beyond one window of
 * stretches. */
typedef struct stopper {
    trace t;
    size_t limit;
} stopper;

static int mix_until(void *ctx, size_t word, size_t offset)
{
    stopper *s = ctx;
    mix(&s->t, word, offset);
    return s->t.calls == s->limit;
}

START_TEST(long_texts_agree_with_naive_scan)
{
    enum { LONGEST = 12, MAXTEXT = 40000 };
    char *text = malloc(MAXTEXT);
    for (int round = 0; round < 60; round++) {
        char store[8][LONGEST + 1];
        const char *w[8];
        size_t n = 1 + next_rand() % 8;
        for (size_t k = 0; k < n; k++) {
            size_t l = 1 + next_rand() % LONGEST;
            for (size_t i = 0; i < l; i++)
                store[k][i] = "ab\xe4"[next_rand() % 3];
            store[k][l] = '\0';
            w[k] = store[k];
        }
        size_t len = round % 10 ? 1000 + next_rand() % 5000 : 20000 + next_rand() % 20000;
        unsigned sparse = round % 2 ? 97 : 0; /* in 100: 'z' */
        for (size_t i = 0; i < len; i++)
            text[i] = next_rand() % 100 < sparse ? 'z' : "ab\xe4"[next_rand() % 3];
        /* Every occurrence, then stopping at several of them. */
        trace want = { 14695981039346656037ull, 0 };
        trace *prefix = malloc((len * n + 1) * sizeof *prefix);
        prefix[0] = want;
        for (size_t end = 1; end <= len; end++)
            for (size_t l = end < LONGEST ? end : LONGEST; l > 0; l--)
                for (size_t k = 0; k < n; k++)
                    if (strlen(w[k]) == l && memcmp(text + end - l, w[k], l) == 0) {
                        mix(&want, k, end - l);
                        prefix[want.calls] = want;
                    }
        fl_matcher *m = fl_matcher_new(w, n);
        ck_assert_ptr_nonnull(m);
        trace got = { 14695981039346656037ull, 0 };
        ck_assert_uint_eq(fl_matcher_scan(m, text, len, mix, &got), want.calls);
        ck_assert(got.h == want.h);
        ck_assert_uint_eq(fl_matcher_scan(m, text, len, NULL, NULL), want.calls);
        for (size_t stop = 1; stop <= want.calls; stop += 1 + stop / 3 + next_rand() % 5) {
            stopper s = { { 14695981039346656037ull, 0 }, stop };
            ck_assert_uint_eq(fl_matcher_scan(m, text, len, mix_until, &s), stop);
            ck_assert(s.t.h == prefix[stop].h);
        }
        fl_matcher_free(m);
        free(prefix);
    }
    free(text);
}
END_TEST

static Suite *matcher_suite(void)
{
    Suite *s = suite_create("matcher");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, overlapping_words);
    tcase_add_test(tc, chinese_shared_prefixes);
    tcase_add_test(tc, duplicates_both_reported);
    tcase_add_test(tc, stop_early);
    tcase_add_test(tc, empty_text_and_end);
    tcase_add_test(tc, refused_and_null);
    tcase_add_test(tc, bytes_not_characters);
    tcase_add_test(tc, agrees_with_naive_scan);
    tcase_add_test(tc, many_words_agree_with_naive_scan);
    tcase_add_test(tc, word_list_beyond_the_complete_table);
    tcase_add_test(tc, long_texts_agree_with_naive_scan);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(matcher_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
