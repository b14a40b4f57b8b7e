/* cmd-diff.c — `fislint diff`: two runs compared unit by unit, the
 * 整改跟踪 list: what is new, what was fixed, what is still open.  The runs
 * come from the history (--db, by default its last two) or are two JSON
 * results of `fislint check -f json`. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "followup.h"
#include "report.h"

static void usage(FILE *out)
{
    fprintf(out, "用法：fislint diff --db FILE [运行A 运行B]\n"
                 "      fislint diff 旧结果.json 新结果.json\n\n"
                 "  按单位列出新增、已整改、仍未整改的问题（按指纹对应）。\n"
                 "  不给运行编号时比较最近两次完成的运行。\n"
                 "      --db FILE   历史数据库（fislint check --db 写入）\n"
                 "  -h, --help      显示本帮助\n"
                 "退出状态：0 比较完成；2 用法错误、文件无法读取或数据库损坏。\n");
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The findings of a JSON result (fislint check -f json). */
static int load_json(const char *path, fl_hist_set *out)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    json_t *docs = root != NULL ? json_object_get(root, "documents") : NULL;
    if (!json_is_array(docs)) {
        fprintf(stderr, "fislint: %s 不是 fislint check -f json 的结果%s%s\n", path,
                root == NULL ? "：" : "", root == NULL ? je.text : "");
        json_decref(root);
        return -1;
    }
    size_t i, k;
    json_t *d, *f;
    json_array_foreach(docs, i, d) {
        const char *unit = str(d, "unit");
        if (unit == NULL || *unit == '\0')
            unit = "未识别单位";
        if (!json_is_null(json_object_get(d, "error")))
            continue; /* not checked: none of its findings can be called fixed */
        fl_hist_set_unit(out, unit);
        json_array_foreach(json_object_get(d, "findings"), k, f) {
            json_t *loc = json_object_get(f, "location");
            fl_hist_finding h = { (char *)unit, (char *)str(f, "fingerprint"), (char *)str(f, "rule"),
                                  (char *)str(f, "severity"), (char *)str(f, "message"),
                                  (char *)str(d, "source"),
                                  (long)json_integer_value(json_object_get(loc, "line")),
                                  (int)json_integer_value(json_object_get(loc, "page")), 0 };
            if (h.fingerprint == NULL || h.rule == NULL || h.severity == NULL || h.message == NULL) {
                fprintf(stderr, "fislint: %s：第 %zu 份文档的问题缺少 fingerprint/rule/severity/message\n",
                        path, i + 1);
                json_decref(root);
                return -1;
            }
            fl_hist_set_add(out, &h);
        }
    }
    json_decref(root);
    return 0;
}

static const fl_hist_finding *find(const fl_hist_set *s, const fl_hist_finding *f)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i].fingerprint, f->fingerprint) == 0 && strcmp(s->items[i].unit, f->unit) == 0)
            return &s->items[i];
    return NULL;
}

static int has_unit(const fl_hist_set *s, const char *unit)
{
    for (size_t i = 0; i < s->nunits; i++)
        if (strcmp(s->units[i], unit) == 0)
            return 1;
    return 0;
}

static void print_finding(const fl_hist_finding *f)
{
    printf("    - [%s] %s：%s", fl_severity_name_zh(fl_severity_parse(f->severity)), f->rule, f->message);
    if (f->source != NULL) {
        printf("（%s", f->source);
        if (f->page > 0)
            printf(":第%d页", f->page);
        if (f->line > 0)
            printf(":第%ld行", f->line);
        printf("）");
    }
    printf(" %s\n", f->fingerprint);
}

typedef struct totals { size_t added, fixed, open, waived; } totals;

/* One unit: which list a finding of B or A falls in. */
static void diff_unit(const fl_hist_set *a, const fl_hist_set *b, const char *unit, totals *t)
{
    static const char *const titles[] = { "新增", "已整改", "仍未整改" };
    totals u = { 0, 0, 0, 0 };
    int in_b = has_unit(b, unit);
    printf("单位：%s%s\n", unit, in_b ? "" : "（本次运行未检查该单位，不作比较）");
    if (!in_b)
        return;
    for (int list = 0; list < 3; list++) {
        const fl_hist_set *from = list == 1 ? a : b;
        size_t shown = 0;
        for (size_t i = 0; i < from->count; i++) {
            const fl_hist_finding *f = &from->items[i];
            if (strcmp(f->unit, unit) != 0)
                continue;
            const fl_hist_finding *other = find(list == 1 ? b : a, f);
            int belongs = list == 0 ? (!f->waived && other == NULL)
                        : list == 1 ? (other == NULL)
                                    : (!f->waived && other != NULL);
            if (list == 0 && f->waived)
                u.waived++;
            if (!belongs)
                continue;
            if (shown++ == 0)
                printf("  %s：\n", titles[list]);
            print_finding(f);
        }
        *(list == 0 ? &u.added : list == 1 ? &u.fixed : &u.open) = shown;
    }
    printf("  小计：新增 %zu，已整改 %zu，仍未整改 %zu", u.added, u.fixed, u.open);
    if (u.waived > 0)
        printf("，已豁免 %zu", u.waived);
    printf("\n\n");
    t->added += u.added;
    t->fixed += u.fixed;
    t->open += u.open;
    t->waived += u.waived;
}

static void print_diff(const fl_hist_set *a, const fl_hist_set *b, const char *name_a, const char *name_b)
{
    totals t = { 0, 0, 0, 0 };
    printf("比较：%s → %s\n\n", name_a, name_b);
    for (size_t i = 0; i < b->nunits; i++)
        diff_unit(a, b, b->units[i], &t);
    for (size_t i = 0; i < a->nunits; i++)
        if (!has_unit(b, a->units[i]))
            diff_unit(a, b, a->units[i], &t);
    printf("合计：新增 %zu，已整改 %zu，仍未整改 %zu", t.added, t.fixed, t.open);
    if (t.waived > 0)
        printf("，已豁免 %zu", t.waived);
    printf("\n");
}

static int parse_run(const char *s, long long *id)
{
    char *end;
    *id = strtoll(s, &end, 10);
    if (*end != '\0' || *id <= 0) {
        fprintf(stderr, "fislint: 运行编号应为正整数，而不是 '%s'\n", s);
        return -1;
    }
    return 0;
}

static int diff_db(const char *path, int nargs, char **args)
{
    char err[512];
    fl_history *h = fl_history_open(path, 0, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "fislint: %s\n", err);
        return FL_EXIT_USAGE;
    }
    int status = FL_EXIT_USAGE;
    long long ids[2], *runs = NULL;
    size_t nruns = 0;
    fl_hist_set a = { 0 }, b = { 0 };
    if (nargs == 2) {
        if (parse_run(args[0], &ids[0]) != 0 || parse_run(args[1], &ids[1]) != 0)
            goto out;
        for (int i = 0; i < 2; i++) {
            int e = fl_history_run_exists(h, ids[i]);
            if (e <= 0) {
                fprintf(stderr, "fislint: %s\n",
                        e < 0 ? fl_history_error(h) : "历史数据库中没有这个运行编号（见 fislint history）");
                goto out;
            }
        }
    } else if (nargs == 0) {
        if (fl_history_runs(h, &runs, &nruns) != 0) {
            fprintf(stderr, "fislint: %s\n", fl_history_error(h));
            goto out;
        }
        if (nruns < 2) {
            fprintf(stderr, "fislint: %s 中完成的运行不足两次，无法比较\n", path);
            goto out;
        }
        ids[0] = runs[nruns - 2];
        ids[1] = runs[nruns - 1];
    } else {
        usage(stderr);
        goto out;
    }
    if (fl_history_load_run(h, ids[0], &a) != 0 || fl_history_load_run(h, ids[1], &b) != 0) {
        fprintf(stderr, "fislint: %s\n", fl_history_error(h));
        goto out;
    }
    char na[32], nb[32];
    snprintf(na, sizeof na, "运行 %lld", ids[0]);
    snprintf(nb, sizeof nb, "运行 %lld", ids[1]);
    print_diff(&a, &b, na, nb);
    status = FL_EXIT_OK;
out:
    free(runs);
    fl_hist_set_free(&a);
    fl_hist_set_free(&b);
    fl_history_close(h);
    return status;
}

int cmd_diff(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'h': usage(stdout); return FL_EXIT_OK;
        default: usage(stderr); return FL_EXIT_USAGE;
        }
    }
    if (db != NULL)
        return diff_db(db, argc - optind, argv + optind);
    if (argc - optind != 2) {
        usage(stderr);
        return FL_EXIT_USAGE;
    }
    fl_hist_set a = { 0 }, b = { 0 };
    int status = FL_EXIT_USAGE;
    if (load_json(argv[optind], &a) == 0 && load_json(argv[optind + 1], &b) == 0) {
        print_diff(&a, &b, argv[optind], argv[optind + 1]);
        status = FL_EXIT_OK;
    }
    fl_hist_set_free(&a);
    fl_hist_set_free(&b);
    return status;
}
