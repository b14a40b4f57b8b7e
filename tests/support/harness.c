/* harness.c — run one real plugin, loaded with dlopen from the build
 * tree, on a text or a file, for the Check tests. */
#include "harness.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "loader.h"
#include "source.h"
#include "util.h"

typedef struct load_ctx {
    fl_test_run *run;
    char error[1024];
} load_ctx;

static void on_load_error(void *ctx, const char *path, const char *message)
{
    load_ctx *lc = ctx;
    snprintf(lc->error, sizeof lc->error, "%s: %s", path, message);
}

static void run_plugin(fl_test_run *run, const char *check_id, const char *const *options)
{
    fl_config_set *cfg = fl_config_set_new();
    char err[1024];
    for (size_t i = 0; options != NULL && options[i] != NULL; i++) {
        char *setting = xasprintf("%s.%s", check_id, options[i]);
        int rc = fl_config_set_override(cfg, setting, err, sizeof err);
        free(setting);
        ck_assert_msg(rc == 0, "bad option %s: %s", options[i], err);
    }
    fl_plugin_set set = { 0 };
    load_ctx lc = { run, "" };
    char *path = xasprintf("%s/plugins/%s/.libs/%s.so", FL_BUILDDIR, check_id, check_id);
    int rc = fl_plugins_load_file(&set, path, cfg, on_load_error, &lc);
    free(path);
    ck_assert_msg(rc == 0, "cannot load plugin %s: %s", check_id, lc.error);
    run->rep = fl_report_new(run->doc);
    fl_report_set_check(run->rep, set.items[0].desc->id);
    fl_report_set_rules(run->rep, fl_plugin_rules(set.items[0].desc));
    rc = set.items[0].desc->check(run->doc, run->rep, set.items[0].state);
    ck_assert_msg(rc == 0, "check %s returned %d", check_id, rc);
    fl_report_set_check(run->rep, NULL);
    fl_report_complete(run->rep);
    fl_report_sort(run->rep);
    fl_plugins_unload(&set);
    fl_config_set_free(cfg);
}

fl_test_run *fl_test_run_text(const char *check_id, const char *text, const char *const *options)
{
    fl_test_run *run = xcalloc(1, sizeof *run);
    run->doc = fl_document_from_text("<test>", "text", text, strlen(text));
    run_plugin(run, check_id, options);
    return run;
}

typedef struct file_ctx {
    fl_document *doc;
    char error[1024];
} file_ctx;

static void on_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    file_ctx *fc = ctx;
    if (error != NULL) {
        snprintf(fc->error, sizeof fc->error, "%s", error);
        return;
    }
    fc->doc = fl_document_from_text(source, input->format, input->text, input->len);
}

static fl_document *read_file(const char *path)
{
    char *full = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", FL_SRCDIR, path);
    file_ctx fc = { NULL, "" };
    fl_source_load_file(full, FL_DEFAULT_MAX_INPUT, on_document, &fc);
    ck_assert_msg(fc.doc != NULL, "cannot read %s: %s", full, fc.error);
    free(full);
    return fc.doc;
}

fl_test_run *fl_test_run_file(const char *check_id, const char *path, const char *const *options)
{
    fl_test_run *run = xcalloc(1, sizeof *run);
    run->doc = read_file(path);
    run_plugin(run, check_id, options);
    return run;
}

fl_test_run *fl_test_run_related(const char *check_id, const char *path,
                                 const char *const *related, size_t n,
                                 const char *const *options)
{
    fl_test_run *run = xcalloc(1, sizeof *run);
    run->doc = read_file(path);
    run->related = xcalloc(n ? n : 1, sizeof *run->related);
    for (size_t i = 0; i < n; i++)
        run->related[i] = read_file(related[i]);
    run->nrelated = n;
    fl_document_set_related(run->doc, (const fl_document *const *)run->related, n);
    run_plugin(run, check_id, options);
    return run;
}

void fl_test_run_free(fl_test_run *run)
{
    if (run == NULL)
        return;
    fl_report_free(run->rep);
    fl_document_free(run->doc);
    for (size_t i = 0; i < run->nrelated; i++)
        fl_document_free(run->related[i]);
    free(run->related);
    free(run);
}

static int rule_matches(const fl_finding *f, const char *rule)
{
    if (rule == NULL)
        return 1;
    if (strchr(rule, '/') != NULL)
        return strcmp(f->rule, rule) == 0;
    return strcmp(f->check, rule) == 0;
}

size_t fl_test_count(const fl_test_run *run, const char *rule, fl_severity min_sev)
{
    size_t n = 0;
    for (size_t i = 0; i < run->rep->count; i++)
        if (rule_matches(run->rep->items[i], rule) && run->rep->items[i]->severity >= min_sev)
            n++;
    return n;
}

const fl_finding *fl_test_find(const fl_test_run *run, const char *rule, size_t line)
{
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *f = run->rep->items[i];
        if (rule_matches(f, rule) && (line == 0 || f->line == line))
            return f;
    }
    return NULL;
}

void fl_test_dump(const fl_test_run *run)
{
    char a[40], b[40];
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *f = run->rep->items[i];
        fprintf(stderr, "  %zu-%zu %s [%s] %s", f->line, f->end_line, fl_severity_name(f->severity),
                f->rule, f->message);
        if (f->has_values)
            fprintf(stderr, " (expected %s, actual %s)", fl_dec_format(f->expected, 2, a, sizeof a),
                    fl_dec_format(f->actual, 2, b, sizeof b));
        fputc('\n', stderr);
    }
}

unsigned long fl_test_random(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return *state;
}

size_t fl_test_random_text(unsigned long *state, const char *const *pieces, size_t npieces,
                           unsigned stop_one_in, char *text, size_t len, size_t limit,
                           size_t *npicked)
{
    size_t n = 0;
    while (len < limit) {
        unsigned long r = fl_test_random(state);
        const char *p = pieces[(r >> 33) % npieces];
        size_t k = strlen(p);
        memcpy(text + len, p, k + 1);
        len += k;
        n++;
        if ((r >> 40) % stop_one_in == 0)
            break;
    }
    if (npicked != NULL)
        *npicked = n;
    return len;
}

const char *fl_test_dec(fl_dec d)
{
    static char buf[40];
    return fl_dec_format(d, 2, buf, sizeof buf);
}

unsigned char *fl_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    size_t cap = 1 << 16, n = 0, r;
    unsigned char *buf = xmalloc(cap);
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0'; /* so the text can be searched as a string */
    *len = n;
    return buf;
}

const fl_finding *fl_test_expect_text(const fl_test_run *run, const char *rule, size_t line,
                                      fl_severity sev, const char *expected, const char *actual)
{
    const fl_finding *f = fl_test_find(run, rule, line);
    if (f == NULL)
        fl_test_dump(run);
    ck_assert_msg(f != NULL, "no %s finding on line %zu", rule, line);
    ck_assert_int_eq(f->severity, sev);
    if (expected != NULL) {
        ck_assert_ptr_nonnull(f->expected_text);
        ck_assert_str_eq(f->expected_text, expected);
    }
    if (actual != NULL) {
        ck_assert_ptr_nonnull(f->actual_text);
        ck_assert_str_eq(f->actual_text, actual);
    }
    return f;
}
