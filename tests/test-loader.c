/* test-loader.c — the loader accepts good plugins and refuses broken ones
 * with a message naming the file and what was expected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "test-core.h"
#include "util.h"

typedef struct errors {
    char path[512];
    char message[1024];
    int count;
} errors;

static void on_error(void *ctx, const char *path, const char *message)
{
    errors *e = ctx;
    snprintf(e->path, sizeof e->path, "%s", path);
    snprintf(e->message, sizeof e->message, "%s", message);
    e->count++;
}

static char *test_plugin(const char *name)
{
    return xasprintf("%s/tests/plugins/.libs/%s.so", FL_BUILDDIR, name);
}

/* Load one file; returns the loader's result and fills *e. */
static int load_one(const char *name, errors *e, fl_plugin_set *set)
{
    char *path = test_plugin(name);
    memset(e, 0, sizeof *e);
    int rc = fl_plugins_load_file(set, path, NULL, on_error, e);
    free(path);
    return rc;
}

START_TEST(good_plugin_loads_and_runs)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("good-probe", &e, &set), 0);
    ck_assert_int_eq(set.count, 1);
    ck_assert_str_eq(set.items[0].desc->id, "good-probe");
    ck_assert_int_eq(e.count, 0);
    fl_plugins_unload(&set);
}
END_TEST

START_TEST(bad_magic_is_refused)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("bad-magic", &e, &set), -1);
    ck_assert_int_eq(set.count, 0);
    ck_assert_int_eq(set.failures, 1);
    ck_assert_ptr_nonnull(strstr(e.path, "bad-magic.so"));
    ck_assert_ptr_nonnull(strstr(e.message, "0x464c4348"));
    ck_assert_ptr_nonnull(strstr(e.message, "0xdeadbeef"));
}
END_TEST

START_TEST(wrong_abi_major_is_refused)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("bad-abi", &e, &set), -1);
    ck_assert_ptr_nonnull(strstr(e.message, "99.0"));
    ck_assert_ptr_nonnull(strstr(e.message, "1.x"));
}
END_TEST

START_TEST(missing_symbol_is_refused)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("no-symbol", &e, &set), -1);
    ck_assert_ptr_nonnull(strstr(e.message, "fislint_plugin"));
}
END_TEST

START_TEST(too_small_descriptor_is_refused)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("too-small", &e, &set), -1);
    ck_assert_ptr_nonnull(strstr(e.message, "12 字节"));
}
END_TEST

START_TEST(not_a_shared_object_is_refused)
{
    char dir[] = "/tmp/fislint-loader-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = xasprintf("%s/text.so", dir);
    FILE *f = fopen(path, "w");
    fputs("this is not ELF\n", f);
    fclose(f);
    fl_plugin_set set = { 0 };
    errors e = { 0 };
    ck_assert_int_eq(fl_plugins_load_file(&set, path, NULL, on_error, &e), -1);
    ck_assert_ptr_nonnull(strstr(e.message, "dlopen"));
    /* a directory named like a plugin is not a regular file */
    char *sub = xasprintf("%s/dir.so", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(fl_plugins_load_file(&set, sub, NULL, on_error, &e), -1);
    ck_assert_ptr_nonnull(strstr(e.message, "不是普通文件"));
    rmdir(sub);
    unlink(path);
    rmdir(dir);
    free(sub);
    free(path);
}
END_TEST

START_TEST(a_directory_with_broken_plugins_still_loads_the_good_one)
{
    char *dir = xasprintf("%s/tests/plugins/.libs", FL_BUILDDIR);
    const char *dirs[] = { dir };
    fl_plugin_set set = { 0 };
    errors e = { 0 };
    setenv("FISLINT_PLUGIN_PATH", "", 1);
    fl_plugins_load(&set, dirs, 1, NULL, on_error, &e);
    int found = 0;
    for (size_t i = 0; i < set.count; i++)
        found += strcmp(set.items[i].desc->id, "good-probe") == 0;
    ck_assert_int_eq(found, 1);
    ck_assert_int_ge(set.failures, 4); /* bad-magic, bad-abi, no-symbol, too-small */
    fl_plugins_unload(&set);
    free(dir);
}
END_TEST

START_TEST(select_by_globs)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("good-probe", &e, &set), 0);
    char err[256];
    ck_assert_int_eq(fl_plugins_select(&set, "good-*", err, sizeof err), 0);
    ck_assert_int_eq(set.items[0].enabled, 1);
    ck_assert_int_eq(fl_plugins_select(&set, "-good-probe", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "没有选中"));
    ck_assert_int_eq(fl_plugins_select(&set, "*,-good-probe,good-*", err, sizeof err), 0);
    ck_assert_int_eq(set.items[0].enabled, 1);
    fl_plugins_unload(&set);
}
END_TEST

Suite *suite_loader(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, good_plugin_loads_and_runs);
    tcase_add_test(tc, bad_magic_is_refused);
    tcase_add_test(tc, wrong_abi_major_is_refused);
    tcase_add_test(tc, missing_symbol_is_refused);
    tcase_add_test(tc, too_small_descriptor_is_refused);
    tcase_add_test(tc, not_a_shared_object_is_refused);
    tcase_add_test(tc, a_directory_with_broken_plugins_still_loads_the_good_one);
    tcase_add_test(tc, select_by_globs);
    suite_add_tcase(s, tc);
    return s;
}
