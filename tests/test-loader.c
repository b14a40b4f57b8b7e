/* test-loader.c — the loader accepts good plugins and refuses broken ones
 * with a message naming the file and what was expected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "loader.h"
#include "report.h"
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

/* Run plugin `name` on `text`; returns the rule ids reported, joined by
 * spaces (caller frees). */
static char *rules_reported(const char *name, const char *text)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one(name, &e, &set), 0);
    fl_document *doc = fl_document_from_text("<test>", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, set.items[0].desc->id);
    fl_report_set_rules(rep, fl_plugin_rules(set.items[0].desc));
    ck_assert_int_eq(set.items[0].desc->check(doc, rep, set.items[0].state), 0);
    fl_buf out = { 0 };
    for (size_t i = 0; i < rep->count; i++)
        fl_buf_printf(&out, "%s%s", i ? " " : "", rep->items[i]->rule);
    fl_report_free(rep);
    fl_document_free(doc);
    fl_plugins_unload(&set);
    return out.data ? fl_buf_steal(&out) : xstrdup("");
}

START_TEST(rules_run_only_on_their_kinds)
{
    char *r = rules_reported("kind-probe", "上海市普陀区财政局\n2024年度部门决算\n");
    ck_assert_str_eq(r, "kind-probe/anywhere kind-probe/final-only");
    free(r);
    r = rules_reported("kind-probe", "上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n");
    ck_assert_str_eq(r, "kind-probe/anywhere kind-probe/budget-only");
    free(r);
    /* A document of unknown kind gets only what holds for every kind. */
    r = rules_reported("kind-probe", "关于做好有关工作的通知\n");
    ck_assert_str_eq(r, "kind-probe/anywhere");
    free(r);
}
END_TEST

/* Run kind-probe on a 决算 with --checks `spec` and the configuration
 * `settings` (--set style, may be NULL) in force; returns
 * "rule:severity" of each finding kept, joined by spaces. */
static char *with_policy(const char *spec, const char *const *settings)
{
    fl_plugin_set set = { 0 };
    errors e;
    fl_config_set *cfg = fl_config_set_new();
    char err[512];
    for (size_t i = 0; settings != NULL && settings[i] != NULL; i++)
        ck_assert_int_eq(fl_config_set_override(cfg, settings[i], err, sizeof err), 0);
    char *path = test_plugin("kind-probe");
    ck_assert_int_eq(fl_plugins_load_file(&set, path, cfg, on_error, &e), 0);
    free(path);
    fl_plugins_configure(&set, cfg);
    ck_assert_msg(cfg->nerrors == 0, "%s", cfg->nerrors ? cfg->errors[0] : "");
    ck_assert_int_eq(fl_plugins_select(&set, spec, err, sizeof err), 0);
    fl_report_set_policy(&set);
    const char *text = "上海市普陀区财政局\n2024年度部门决算\n";
    fl_document *doc = fl_document_from_text("<test>", "text", text, strlen(text));
    fl_report *rep = fl_report_new(doc);
    fl_report_set_check(rep, set.items[0].desc->id);
    fl_report_set_rules(rep, fl_plugin_rules(set.items[0].desc));
    ck_assert_int_eq(set.items[0].desc->check(doc, rep, set.items[0].state), 0);
    fl_buf out = { 0 };
    for (size_t i = 0; i < rep->count; i++)
        fl_buf_printf(&out, "%s%s:%s", i ? " " : "", rep->items[i]->rule,
                      fl_severity_name(rep->items[i]->severity));
    fl_report_free(rep);
    fl_document_free(doc);
    fl_plugins_unload(&set);
    ck_assert_ptr_null(fl_report_policy()); /* unloading the set forgets it */
    fl_config_set_free(cfg);
    return out.data ? fl_buf_steal(&out) : xstrdup("");
}

START_TEST(rules_are_selected_one_by_one)
{
    char *r = with_policy(NULL, NULL);
    ck_assert_str_eq(r, "kind-probe/anywhere:info kind-probe/final-only:warning");
    free(r);
    r = with_policy("kind-probe,-kind-probe/final-only", NULL);
    ck_assert_str_eq(r, "kind-probe/anywhere:info");
    free(r);
    /* A rule alone: its check runs, its other rules do not. */
    r = with_policy("kind-probe/final-only", NULL);
    ck_assert_str_eq(r, "kind-probe/final-only:warning");
    free(r);
    r = with_policy("-kind-probe/*", NULL);
    ck_assert_str_eq(r, "");
    free(r);
}
END_TEST

START_TEST(severities_and_min_severity_apply)
{
    const char *const raise[] = { "severity.kind-probe/final-only=error", NULL };
    char *r = with_policy(NULL, raise);
    ck_assert_str_eq(r, "kind-probe/anywhere:info kind-probe/final-only:error");
    free(r);
    /* A whole check; and 警告 as well as warning. */
    const char *const all[] = { "severity.kind-probe=警告", NULL };
    r = with_policy(NULL, all);
    ck_assert_str_eq(r, "kind-probe/anywhere:warning kind-probe/final-only:warning");
    free(r);
    const char *const min[] = { "fislint.min-severity=warning", NULL };
    r = with_policy(NULL, min);
    ck_assert_str_eq(r, "kind-probe/final-only:warning");
    free(r);
}
END_TEST

START_TEST(unknown_names_are_errors_with_the_closest)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("kind-probe", &e, &set), 0);
    char err[512];
    ck_assert_int_eq(fl_plugins_select(&set, "kind-probe,-kind-probe/final-onyl", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "'kind-probe/final-onyl' 不是已加载的规则"));
    ck_assert_ptr_nonnull(strstr(err, "最接近的：kind-probe/final-only"));
    ck_assert_int_eq(fl_plugins_select(&set, "kind-prob", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "最接近的：kind-probe"));
    fl_config_set *cfg = fl_config_set_new();
    ck_assert_int_eq(fl_config_set_override(cfg, "severity.kind-probe/nope=error", err, sizeof err), 0);
    ck_assert_int_eq(fl_config_set_override(cfg, "severity.kind-probe/anywhere=loud", err, sizeof err), 0);
    ck_assert_int_eq(fl_config_set_override(cfg, "fislint.min-severity=some", err, sizeof err), 0);
    ck_assert_int_eq(fl_config_set_override(cfg, "no-such.key=1", err, sizeof err), 0);
    /* kind-probe does not declare its options: any key is accepted. */
    ck_assert_int_eq(fl_config_set_override(cfg, "kind-probe.anything=1", err, sizeof err), 0);
    fl_plugins_configure(&set, cfg);
    ck_assert_int_eq(cfg->nerrors, 4);
    ck_assert_str_eq(cfg->errors[0], "--set: [severity] 未知的规则 'kind-probe/nope'（可用 fislint checks --rules 查看）");
    ck_assert_ptr_nonnull(strstr(cfg->errors[1], "kind-probe/anywhere = loud"));
    ck_assert_ptr_nonnull(strstr(cfg->errors[2], "[fislint] min-severity = some"));
    ck_assert_ptr_nonnull(strstr(cfg->errors[3], "未知检查项 [no-such]"));
    fl_config_set_free(cfg);
    fl_plugins_unload(&set);
}
END_TEST

START_TEST(in_tree_plugins_declare_options_and_help)
{
    fl_plugin_set set = { 0 };
    errors e;
    char *path = xasprintf("%s/plugins/table-totals/.libs/table-totals.so", FL_BUILDDIR);
    ck_assert_int_eq(fl_plugins_load_file(&set, path, NULL, on_error, &e), 0);
    free(path);
    const char *const *keys = fl_plugin_option_keys(set.items[0].desc);
    ck_assert_ptr_nonnull(keys);
    ck_assert_str_eq(keys[0], "rounding-per-addend");
    ck_assert_str_eq(keys[1], "narrative");
    ck_assert_ptr_null(keys[2]);
    for (const fl_rule *r = fl_plugin_rules(set.items[0].desc); r->name != NULL; r++)
        ck_assert_msg(r->help != NULL && strlen(r->help) > 60, "%s has no help", r->name);
    fl_plugins_unload(&set);
}
END_TEST

START_TEST(abi_1_0_plugin_still_runs_everywhere)
{
    fl_plugin_set set = { 0 };
    errors e;
    ck_assert_int_eq(load_one("abi10-probe", &e, &set), 0);
    /* Its descriptor ends before `rules`: the loader must not read past it. */
    ck_assert_ptr_null(fl_plugin_rules(set.items[0].desc));
    ck_assert_ptr_null(fl_plugin_option_keys(set.items[0].desc));
    fl_plugins_unload(&set);
    char *r = rules_reported("abi10-probe", "2025年区级部门预算\n");
    ck_assert_str_eq(r, "abi10-probe/old");
    free(r);
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
    tcase_add_test(tc, rules_run_only_on_their_kinds);
    tcase_add_test(tc, abi_1_0_plugin_still_runs_everywhere);
    tcase_add_test(tc, rules_are_selected_one_by_one);
    tcase_add_test(tc, severities_and_min_severity_apply);
    tcase_add_test(tc, unknown_names_are_errors_with_the_closest);
    tcase_add_test(tc, in_tree_plugins_declare_options_and_help);
    suite_add_tcase(s, tc);
    return s;
}
