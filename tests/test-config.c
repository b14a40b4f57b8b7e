/* test-config.c — configuration files and --set overrides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "test-core.h"

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

Suite *suite_config(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config");
    tcase_add_test(tc, file_sections_and_overrides);
    tcase_add_test(tc, errors_name_file_and_line);
    suite_add_tcase(s, tc);
    return s;
}
