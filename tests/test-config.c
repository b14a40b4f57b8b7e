/* test-config.c — configuration files and --set overrides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "test-core.h"
#include "util.h"

static char *write_temp(const char *content)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/fislint-conf-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

START_TEST(file_sections_and_overrides)
{
    char *path = write_temp("# comment\n[table-totals]\nrounding-per-addend = 0.02\n"
                            "[score-weight]\n grade-excellent=85 \n");
    fl_config_set *set = fl_config_set_new();
    char err[256];
    ck_assert_int_eq(fl_config_set_load(set, path, err, sizeof err), 0);
    const fl_config *tt = fl_config_section(set, "table-totals");
    fl_dec d = fl_config_get_dec(tt, "rounding-per-addend", fl_dec_from_int(9));
    ck_assert_int_eq(d.micros, 20000);
    ck_assert_str_eq(fl_config_get(fl_config_section(set, "score-weight"), "grade-excellent", "x"), "85");
    ck_assert_str_eq(fl_config_get(tt, "missing", "fallback"), "fallback");
    ck_assert_int_eq(fl_config_set_override(set, "table-totals.rounding-per-addend=0.05", err, sizeof err), 0);
    d = fl_config_get_dec(tt, "rounding-per-addend", fl_dec_from_int(9));
    ck_assert_int_eq(d.micros, 50000);
    unlink(path);
    fl_config_set_free(set);
}
END_TEST

START_TEST(errors_name_file_and_line)
{
    char *path = write_temp("[ok]\nkey = 1\nthis line has no equals\n");
    fl_config_set *set = fl_config_set_new();
    char err[512];
    ck_assert_int_eq(fl_config_set_load(set, path, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, path));
    ck_assert_ptr_nonnull(strstr(err, ":3:"));
    ck_assert_int_eq(fl_config_set_override(set, "novalue", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "--set"));
    ck_assert_int_eq(fl_config_set_load(set, "/nonexistent/fislint.conf", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/fislint.conf"));
    unlink(path);
    fl_config_set_free(set);
}
END_TEST

START_TEST(values_remember_where_they_came_from)
{
    char *path = write_temp("[table-totals]\n\nnarrative = off\n");
    fl_config_set *set = fl_config_set_new();
    char err[512];
    ck_assert_int_eq(fl_config_set_load(set, path, err, sizeof err), 0);
    ck_assert_str_eq(set->path, path);
    const fl_config *tt = fl_config_section(set, "table-totals");
    ck_assert_int_eq(tt->named, 1);
    ck_assert_uint_eq(tt->line, 1);
    char *where = fl_config_where(fl_config_entry_of(tt, "narrative"));
    char *want = xasprintf("%s:3", path);
    ck_assert_str_eq(where, want);
    free(where);
    free(want);
    ck_assert_int_eq(fl_config_set_override(set, "table-totals.narrative=on", err, sizeof err), 0);
    where = fl_config_where(fl_config_entry_of(tt, "narrative"));
    ck_assert_str_eq(where, "--set");
    free(where);
    /* A section only looked up is not the user's. */
    ck_assert_int_eq(fl_config_section(set, "sangong")->named, 0);
    unlink(path);
    fl_config_set_free(set);
}
END_TEST

START_TEST(typed_getters_refuse_bad_values)
{
    char *path = write_temp("[x]\nn = abc\nb = maybe\nok = yes\noff = 0\nneg = -1\n");
    fl_config_set *set = fl_config_set_new();
    char err[512];
    ck_assert_int_eq(fl_config_set_load(set, path, err, sizeof err), 0);
    const fl_config *x = fl_config_section(set, "x");
    ck_assert_int_eq(fl_config_get_dec(x, "n", fl_dec_from_int(7)).micros, 7 * FL_DEC_SCALE);
    ck_assert_int_eq(fl_config_get_bool(x, "b", 1), 1);
    ck_assert_int_eq(fl_config_get_bool(x, "ok", 0), 1);
    ck_assert_int_eq(fl_config_get_bool(x, "off", 1), 0);
    /* -1 is a number: whether it is allowed is the check's to say. */
    ck_assert_int_eq(fl_config_get_dec(x, "neg", fl_dec_from_int(0)).micros, -FL_DEC_SCALE);
    fl_config_reject(x, "neg", "应为不小于 %d 的数", 0);
    /* Asking twice does not say it twice. */
    fl_config_get_dec(x, "n", fl_dec_from_int(7));
    ck_assert_uint_eq(set->nerrors, 3);
    char *want = xasprintf("%s:2: [x] n = abc: 应为数字", path);
    ck_assert_ptr_nonnull(strstr(set->errors[0], want));
    free(want);
    want = xasprintf("%s:3: [x] b = maybe: 应为 on 或 off", path);
    ck_assert_ptr_nonnull(strstr(set->errors[1], want));
    free(want);
    want = xasprintf("%s:6: [x] neg = -1: 应为不小于 0 的数", path);
    ck_assert_str_eq(set->errors[2], want);
    free(want);
    unlink(path);
    fl_config_set_free(set);
}
END_TEST

START_TEST(defaults_are_recorded_for_fislint_config)
{
    fl_config_set *set = fl_config_set_new();
    const fl_config *c = fl_config_section(set, "c");
    fl_config_get_dec(c, "tolerance", fl_dec_from_int(5));
    fl_config_get_bool(c, "flag", 0);
    fl_config_get(c, "words", "甲,乙");
    ck_assert_str_eq(fl_config_default_of(c, "tolerance"), "5");
    ck_assert_str_eq(fl_config_default_of(c, "flag"), "off");
    ck_assert_str_eq(fl_config_default_of(c, "words"), "甲,乙");
    ck_assert_ptr_null(fl_config_default_of(c, "other"));
    /* Nothing a check may do with a NULL config breaks. */
    ck_assert_int_eq(fl_config_get_bool(NULL, "flag", 1), 1);
    fl_config_reject(NULL, "flag", "x");
    fl_config_set_free(set);
}
END_TEST

Suite *suite_config(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config");
    tcase_add_test(tc, file_sections_and_overrides);
    tcase_add_test(tc, errors_name_file_and_line);
    tcase_add_test(tc, values_remember_where_they_came_from);
    tcase_add_test(tc, typed_getters_refuse_bad_values);
    tcase_add_test(tc, defaults_are_recorded_for_fislint_config);
    suite_add_tcase(s, tc);
    return s;
}
