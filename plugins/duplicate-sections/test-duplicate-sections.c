/* test-duplicate-sections.c — the duplicate-sections check on fixtures
 * (a copied section, copied paragraphs, text that legitimately repeats),
 * its options, the seeds, and a large document (no quadratic work). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tests/support/harness.h"
#include "ds.h"

#define FIX "plugins/duplicate-sections/fixtures/"
#define SECTION "duplicate-sections/duplicate-section"
#define PARAGRAPH "duplicate-sections/duplicate-paragraph"

static void assert_contains(const char *hay, const char *needle)
{
    ck_assert_ptr_nonnull(hay);
    ck_assert_msg(strstr(hay, needle) != NULL, "\"%s\" not in \"%s\"", needle, hay);
}

static char *read_fixture(const char *name)
{
    char *path = NULL;
    size_t n = strlen(FL_SRCDIR) + strlen(FIX) + strlen(name) + 2;
    path = malloc(n);
    ck_assert_ptr_nonnull(path);
    snprintf(path, n, "%s/%s%s", FL_SRCDIR, FIX, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    free(path);
    char *buf = malloc(1 << 16);
    ck_assert_ptr_nonnull(buf);
    size_t len = fread(buf, 1, (1 << 16) - 1, f);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* s with every `from` replaced by `to` (malloc'd). */
static char *replace_all(const char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = strstr(s, from); p; p = strstr(p + fl, from))
        n++;
    char *out = malloc(strlen(s) + n * (tl > fl ? tl - fl : 0) + 1), *w = out;
    ck_assert_ptr_nonnull(out);
    for (const char *p = s;;) {
        const char *hit = strstr(p, from);
        if (hit == NULL) {
            memcpy(w, p, strlen(p) + 1);
            break;
        }
        memcpy(w, p, (size_t)(hit - p));
        w += hit - p;
        memcpy(w, to, tl);
        w += tl;
        p = hit + fl;
    }
    return out;
}

START_TEST(section_copied_with_one_change)
{
    fl_test_run *r = fl_test_run_file("duplicate-sections", FIX "dup-section.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, SECTION, 21);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_WARNING);
    ck_assert_uint_eq(f->end_line, 27);
    assert_contains(f->message, "第10–16行");
    assert_contains(f->message, "二、养老机构等级评定项目");
    ck_assert_str_eq(f->actual_text, "99.31%");
    ck_assert_str_eq(f->expected_text, "低于90.00%");
    fl_test_run_free(r);
}
END_TEST

START_TEST(paragraphs_exact_and_near)
{
    fl_test_run *r = fl_test_run_file("duplicate-sections", FIX "dup-paragraph.txt", NULL);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 2);
    ck_assert_uint_eq(fl_test_count(r, SECTION, FL_SEV_INFO), 0);
    const fl_finding *f = fl_test_find(r, PARAGRAPH, 10);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    assert_contains(f->message, "第6行");
    ck_assert_str_eq(f->actual_text, "100.00%");
    /* "需进一步" vs "需要进一步": one character in 41. */
    f = fl_test_find(r, PARAGRAPH, 12);
    ck_assert_ptr_nonnull(f);
    assert_contains(f->message, "第8行");
    ck_assert_str_eq(f->actual_text, "97.56%");
    fl_test_run_free(r);
}
END_TEST

START_TEST(threshold_option)
{
    /* At 98 % the near copy (97.56 %) is no longer reported. */
    const char *opts[] = { "threshold=0.98", NULL };
    fl_test_run *r = fl_test_run_file("duplicate-sections", FIX "dup-paragraph.txt", opts);
    ck_assert_uint_eq(fl_test_count(r, PARAGRAPH, FL_SEV_INFO), 1);
    ck_assert_ptr_nonnull(fl_test_find(r, PARAGRAPH, 10));
    ck_assert_ptr_null(fl_test_find(r, PARAGRAPH, 12));
    fl_test_run_free(r);
    /* Given in per cent, the same. */
    const char *pct[] = { "threshold=98", NULL };
    r = fl_test_run_file("duplicate-sections", FIX "dup-paragraph.txt", pct);
    ck_assert_uint_eq(fl_test_count(r, PARAGRAPH, FL_SEV_INFO), 1);
    fl_test_run_free(r);
}
END_TEST

START_TEST(min_length_option)
{
    const char *opts[] = { "min-length=60", NULL };
    fl_test_run *r = fl_test_run_file("duplicate-sections", FIX "dup-paragraph.txt", opts);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

START_TEST(legitimate_repeats_are_quiet)
{
    fl_test_run *r = fl_test_run_file("duplicate-sections", FIX "dup-clean.txt", NULL);
    if (fl_test_count(r, NULL, FL_SEV_INFO) != 0)
        fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 0);
    fl_test_run_free(r);
}
END_TEST

/* Each exclusion in dup-clean.txt is what keeps it quiet: without it the
 * same text is reported. */
START_TEST(exclusions_are_load_bearing)
{
    char *text = read_fixture("dup-clean.txt");
    /* Template sentence in three projects: reported once three copies are allowed. */
    const char *opts[] = { "max-copies=3", NULL };
    fl_test_run *r = fl_test_run_text("duplicate-sections", text, opts);
    ck_assert_uint_ge(fl_test_count(r, PARAGRAPH, FL_SEV_INFO), 1);
    fl_test_run_free(r);
    /* Definitions outside a 名词解释 part. */
    char *plain = replace_all(text, "名词解释", "其他说明");
    r = fl_test_run_text("duplicate-sections", plain, NULL);
    const fl_finding *f = fl_test_find(r, "duplicate-sections", 43);
    ck_assert_ptr_nonnull(f);
    assert_contains(f->message, "第40–41行");
    fl_test_run_free(r);
    free(plain);
    /* Table notes without their "注：" are ordinary repeated text. */
    char *nonote = replace_all(text, "注：1. ", "");
    r = fl_test_run_text("duplicate-sections", nonote, NULL);
    ck_assert_uint_ge(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 1);
    fl_test_run_free(r);
    free(nonote);
    free(text);
}
END_TEST

/* js-gaoyuan-2017-budget p22–24: with no fund money the 财政拨款 and the
 * 一般公共预算 explanations are the same by template, not a paste. */
START_TEST(template_twin_sections_are_quiet)
{
    static const char body[] =
        "江苏省高级人民法院2017年财政拨款基本支出预算25906.30万元，其中：人员经费20152.26万元，"
        "主要包括基本工资、津贴补贴、奖金；公用经费5754.04万元，主要包括办公费、印刷费、水电费。\n\n"
        "人员经费和公用经费均按照定员定额标准核定，与上年相比增加312.50万元，主要原因是人员增加。\n\n";
    char text[4096];
    snprintf(text, sizeof text, "六、财政拨款基本支出预算表情况说明\n\n%s"
                                "八、一般公共预算基本支出预算表情况说明\n\n%s", body, body);
    fl_test_run *r = fl_test_run_text("duplicate-sections", text, NULL);
    if (fl_test_count(r, "duplicate-sections", FL_SEV_INFO) != 0)
        fl_test_dump(r);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 0);
    fl_test_run_free(r);
    /* The same two paragraphs under two other headings are reported. */
    snprintf(text, sizeof text, "六、基本支出预算情况说明\n\n%s"
                                "八、项目支出预算情况说明\n\n%s", body, body);
    r = fl_test_run_text("duplicate-sections", text, NULL);
    const fl_finding *f = fl_test_find(r, "duplicate-sections/duplicate-paragraph", 9);
    if (f == NULL)
        fl_test_dump(r);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, FL_SEV_INFO);
    ck_assert_uint_eq(f->end_line, 11);
    ck_assert_str_eq(f->actual_text, "100.00%");
    fl_test_run_free(r);
}
END_TEST

START_TEST(seed000_section_four_repeated)
{
    fl_test_run *r = fl_test_run_file("duplicate-sections", "examples/000_043825adc2a1e450.txt",
                                      NULL);
    ck_assert_uint_eq(fl_test_count(r, SECTION, FL_SEV_WARNING), 1);
    const fl_finding *f = fl_test_find(r, SECTION, 132);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(f->end_line, 152);
    assert_contains(f->message, "第87–107行");
    assert_contains(f->message, "四、张掖市养老机构等级评定项目");
    /* One character differs (金额额): at least 99 %, below 100 %. */
    ck_assert_ptr_nonnull(f->actual_text);
    ck_assert_msg(strncmp(f->actual_text, "99.", 3) == 0, "similarity %s", f->actual_text);
    /* Nothing else inside the copied section is reported on its own. */
    for (size_t line = 133; line <= 152; line++)
        ck_assert_ptr_null(fl_test_find(r, "duplicate-sections", line));
    /* The paragraphs copied within a project (社会效益 = 可持续影响, the
     * 时效指标 text = the 执行情况 text) are only noted. */
    ck_assert_uint_eq(fl_test_count(r, PARAGRAPH, FL_SEV_WARNING), 0);
    ck_assert_ptr_nonnull(fl_test_find(r, PARAGRAPH, 27));
    ck_assert_ptr_nonnull(fl_test_find(r, PARAGRAPH, 120));
    fl_test_run_free(r);
}
END_TEST

START_TEST(seeds_001_003_quiet)
{
    static const char *const seeds[] = { "examples/001_aaa1171e4b8d576e.txt",
                                         "examples/003_b8f3d489ed9ef61e.txt" };
    for (size_t i = 0; i < 2; i++) {
        fl_test_run *r = fl_test_run_file("duplicate-sections", seeds[i], NULL);
        if (fl_test_count(r, NULL, FL_SEV_INFO) != 0)
            fl_test_dump(r);
        ck_assert_msg(fl_test_count(r, "duplicate-sections", FL_SEV_INFO) == 0, "findings in %s",
                      seeds[i]);
        fl_test_run_free(r);
    }
    /* Seed 002 repeats one sentence for two 特困 projects: a note, no warning. */
    fl_test_run *r = fl_test_run_file("duplicate-sections", "examples/002_24d4cf092f85e5e3.txt",
                                      NULL);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_WARNING), 0);
    ck_assert_ptr_nonnull(fl_test_find(r, PARAGRAPH, 96));
    fl_test_run_free(r);
}
END_TEST

/* Append one pseudo-random line of `chars` CJK characters. */
static size_t random_line(char *w, uint32_t *seed, size_t chars)
{
    size_t n = 0;
    for (size_t i = 0; i < chars; i++) {
        *seed = *seed * 1103515245u + 12345u;
        uint32_t cp = 0x4e00 + (*seed >> 16) % 3000;
        w[n++] = (char)(0xe0 | (cp >> 12));
        w[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        w[n++] = (char)(0x80 | (cp & 0x3f));
    }
    w[n++] = '\n';
    return n;
}

/* 40,000 distinct paragraphs and one copy: found, and fast enough for the
 * test's timeout (an all-pairs comparison would not be). */
START_TEST(large_document)
{
    const size_t lines = 40000, chars = 40;
    char *text = malloc(lines * (chars * 3 + 1) + 4096);
    ck_assert_ptr_nonnull(text);
    size_t n = 0;
    uint32_t seed = 7;
    size_t copy_start = 0, copy_len = 0;
    for (size_t i = 0; i < lines; i++) {
        size_t k = random_line(text + n, &seed, chars);
        if (i == 99) {
            copy_start = n;
            copy_len = k;
        }
        n += k;
    }
    memcpy(text + n, text + copy_start, copy_len);
    n += copy_len;
    text[n] = '\0';
    fl_test_run *r = fl_test_run_text("duplicate-sections", text, NULL);
    ck_assert_uint_eq(fl_test_count(r, "duplicate-sections", FL_SEV_INFO), 1);
    const fl_finding *f = fl_test_find(r, PARAGRAPH, lines + 1);
    ck_assert_ptr_nonnull(f);
    assert_contains(f->message, "第100行");
    fl_test_run_free(r);
    free(text);
}
END_TEST

/* ds_shared_build against the obvious way: every (3-gram hash, unit) in
 * unit order, stably sorted by hash, runs of 2 to cap distinct units.  The
 * order of runs decides which candidates are tried first, so it must be
 * exact, whatever shortcuts the sort takes. */
static uint64_t ref_shingle(const uint32_t *cp)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 3; i++) {
        h ^= cp[i];
        h *= 1099511628211ull;
    }
    return h;
}

typedef struct ref_entry {
    uint64_t hash;
    size_t order, unit;
} ref_entry;

static int cmp_ref(const void *pa, const void *pb)
{
    const ref_entry *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

static void assert_shared_exact(const ds_units *u, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < u->count; i++)
        if (u->items[i].substantial && u->items[i].ncp >= 3)
            n += u->items[i].ncp - 2;
    ref_entry *e = malloc((n + 1) * sizeof *e);
    uint32_t *runs = malloc((n + 1) * sizeof *runs);
    size_t *starts = malloc((n + 2) * sizeof *starts);
    ck_assert(e != NULL && runs != NULL && starts != NULL);
    size_t ne = 0;
    for (size_t i = 0; i < u->count; i++) {
        const ds_unit *x = &u->items[i];
        if (!x->substantial || x->ncp < 3)
            continue;
        for (size_t k = 0; k + 3 <= x->ncp; k++, ne++)
            e[ne] = (ref_entry){ ref_shingle(x->cp + k), ne, i };
    }
    qsort(e, ne, sizeof *e, cmp_ref);
    size_t w = 0, nruns = 0;
    for (size_t i = 0, j; i < ne; i = j) {
        size_t begin = w;
        for (j = i; j < ne && e[j].hash == e[i].hash; j++)
            if (w == begin || runs[w - 1] != e[j].unit)
                runs[w++] = (uint32_t)e[j].unit;
        if (w - begin >= 2 && w - begin <= cap)
            starts[nruns++] = begin;
        else
            w = begin;
    }
    starts[nruns] = w;
    ds_shared sh;
    ck_assert_int_eq(ds_shared_build(u, cap, &sh), 0);
    ck_assert_uint_eq(sh.nruns, nruns);
    for (size_t r = 0; r <= nruns; r++)
        ck_assert_uint_eq(sh.run_start[r], starts[r]);
    for (size_t m = 0; m < w; m++)
        ck_assert_uint_eq(sh.units[m], runs[m]);
    for (size_t i = 0; i < u->count; i++) {
        size_t seen = 0, spans = 0;
        for (size_t r = 0; r < nruns; r++)
            for (size_t m = starts[r]; m < starts[r + 1]; m++)
                if (runs[m] == i) {
                    seen++;
                    if (m == starts[r])
                        continue; /* nothing before it */
                    ck_assert_uint_lt(sh.first[i] + spans, sh.first[i + 1]);
                    ds_span before = sh.earlier[sh.first[i] + spans];
                    ck_assert_uint_eq(before.begin, starts[r]);
                    ck_assert_uint_eq(before.end, m);
                    spans++;
                }
        ck_assert_uint_eq(seen, sh.count[i]);
        ck_assert_uint_eq(sh.first[i] + spans, sh.first[i + 1]);
    }
    ds_shared_free(&sh);
    free(e);
    free(runs);
    free(starts);
}

/* Units of code points taken from cps[0..n) in pieces of `len`. */
static void make_units(ds_units *u, uint32_t *cps, size_t n, size_t len)
{
    memset(u, 0, sizeof *u);
    u->cap = n / len + 1;
    u->items = calloc(u->cap, sizeof *u->items);
    ck_assert_ptr_nonnull(u->items);
    for (size_t i = 0; i + len <= n; i += len) {
        ds_unit *x = &u->items[u->count++];
        x->cp = cps + i;
        x->ncp = len;
        x->substantial = 1;
    }
}

static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

/* Small alphabets make many shared 3-grams; the sizes cover small reports
 * and reports too large for the bucketed sort. */
START_TEST(shared_shingles_exact_random)
{
    static const size_t sizes[][3] = { { 600, 20, 6 }, { 6000, 30, 12 }, { 60000, 40, 40 },
                                       { 400, 3, 2 } };
    uint32_t seed = 11;
    for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
        size_t n = sizes[t][0], len = sizes[t][1], alphabet = sizes[t][2];
        uint32_t *cps = malloc(n * sizeof *cps);
        ck_assert_ptr_nonnull(cps);
        for (size_t i = 0; i < n; i++)
            cps[i] = 0x4e00 + next_random(&seed) % alphabet;
        ds_units u;
        make_units(&u, cps, n, len);
        for (size_t i = 0; i < u.count; i += 7)
            u.items[i].substantial = 0;
        assert_shared_exact(&u, 64);
        assert_shared_exact(&u, 3);
        free(u.items);
        free(cps);
    }
}
END_TEST

/* 3-grams whose hashes share their top 20 bits land in one bucket of the
 * sort: one of them in 50 units, then 40 others each in two units, each
 * smaller than the first, too many moves for insertion. */
/* `wanted` 3-grams whose hashes times `mix` share their top 20 bits. */
static void colliding_grams(uint32_t (*grams)[3], size_t wanted, uint64_t mix)
{
    uint64_t target = 0;
    size_t found = 0;
    for (uint32_t a = 0x4e00; found < wanted; a++)
        for (uint32_t b = 0x4e00; b < 0x4e00 + 4096 && found < wanted; b++) {
            uint32_t g[3] = { a, b, 0x4e00 };
            uint64_t h = ref_shingle(g) * mix;
            if (found == 0)
                target = h;
            if (h >> 44 == target >> 44) {
                memcpy(grams[found], g, sizeof g);
                found++;
            }
        }
}

START_TEST(shared_shingles_exact_colliding)
{
    enum { WANTED = 41, COPIES = 50, OTHERS = 2 };
    uint32_t grams[WANTED][3];
    colliding_grams(grams, WANTED, 1);
    /* The largest hash first, in many units; the others after it. */
    size_t big = 0;
    for (size_t i = 1; i < WANTED; i++)
        if (ref_shingle(grams[i]) > ref_shingle(grams[big]))
            big = i;
    size_t n = 3 * (COPIES + (WANTED - 1) * OTHERS);
    uint32_t *cps = malloc(n * sizeof *cps), *w = cps;
    ck_assert_ptr_nonnull(cps);
    for (size_t c = 0; c < COPIES; c++, w += 3)
        memcpy(w, grams[big], sizeof grams[big]);
    for (size_t c = 0; c < OTHERS; c++)
        for (size_t i = 0; i < WANTED; i++)
            if (i != big) {
                memcpy(w, grams[i], sizeof grams[i]);
                w += 3;
            }
    ds_units u;
    make_units(&u, cps, n, 3);
    assert_shared_exact(&u, 64);
    free(u.items);
    free(cps);
}
END_TEST

/* 3-grams whose hashes, mixed as the table mixes them, share their top
 * 20 bits all want one slot of ds_shared_build's table: too many probes,
 * so it sorts every 3-gram instead, with the same result. */
START_TEST(shared_shingles_exact_table_colliding)
{
    enum { WANTED = 80, COPIES = 2 };
    uint32_t grams[WANTED][3];
    colliding_grams(grams, WANTED, 0x9e3779b97f4a7c15ull); /* ds-shingles.c's MIX */
    size_t n = 3 * WANTED * COPIES;
    uint32_t *cps = malloc(n * sizeof *cps), *w = cps;
    ck_assert_ptr_nonnull(cps);
    for (size_t c = 0; c < COPIES; c++)
        for (size_t i = 0; i < WANTED; i++, w += 3)
            memcpy(w, grams[i], sizeof grams[i]);
    ds_units u;
    make_units(&u, cps, n, 3);
    assert_shared_exact(&u, 64);
    free(u.items);
    free(cps);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("duplicate-sections");
    TCase *tc = tcase_create("fixtures");
    tcase_add_test(tc, section_copied_with_one_change);
    tcase_add_test(tc, paragraphs_exact_and_near);
    tcase_add_test(tc, threshold_option);
    tcase_add_test(tc, min_length_option);
    tcase_add_test(tc, legitimate_repeats_are_quiet);
    tcase_add_test(tc, exclusions_are_load_bearing);
    tcase_add_test(tc, template_twin_sections_are_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("seeds");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, seed000_section_four_repeated);
    tcase_add_test(tc, seeds_001_003_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("shingles");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, shared_shingles_exact_random);
    tcase_add_test(tc, shared_shingles_exact_colliding);
    tcase_add_test(tc, shared_shingles_exact_table_colliding);
    suite_add_tcase(s, tc);
    tc = tcase_create("scale");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, large_document);
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
