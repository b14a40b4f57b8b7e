/* cmd-explain.c — `fislint explain RULE`: what a rule checks and how a
 * bureau fixes what it reports, from the rule's own declaration. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "util.h"

static void print_kinds(unsigned kinds)
{
    if ((kinds & FL_KINDS_ALL) == FL_KINDS_ALL) {
        printf("所有报告");
        return;
    }
    int first = 1;
    for (int k = 0; k < FL_KIND_COUNT; k++) {
        if (kinds & FL_KIND_BIT(k)) {
            printf("%s%s", first ? "" : "、", fl_doc_kind_name_zh((fl_doc_kind)k));
            first = 0;
        }
    }
}

static void explain_rule(const fl_plugin *d, const fl_rule *r)
{
    printf("%s/%s\n", d->id, r->name);
    printf("  严重程度：%s（%s）\n", fl_severity_name_zh(r->severity), fl_severity_name(r->severity));
    printf("  适用：");
    print_kinds(r->kinds);
    printf("\n  检查项：%s — %s\n", d->id, d->summary ? d->summary : "");
    if (r->summary != NULL)
        printf("  概要：%s\n", r->summary);
    printf("\n%s\n", r->help ? r->help : "（此规则没有详细说明；请参阅该检查项的文档。）");
}

/* A check id alone: its rules, one line each. */
static void explain_check(const fl_plugin *d)
{
    printf("%s — %s\n", d->id, d->summary ? d->summary : "");
    const fl_rule *rules = fl_plugin_rules(d);
    if (rules == NULL) {
        printf("（此检查项未声明规则）\n");
        return;
    }
    printf("规则（fislint explain %s/规则 查看详细说明）：\n", d->id);
    for (const fl_rule *r = rules; r->name != NULL; r++)
        printf("  %s/%s  %s  %s\n", d->id, r->name, fl_severity_name_zh(r->severity),
               r->summary ? r->summary : "");
}

/* 0 when `name` was found and explained. */
static int explain(const fl_plugin_set *set, const char *name)
{
    const char *slash = strchr(name, '/');
    for (size_t i = 0; i < set->count; i++) {
        const fl_plugin *d = set->items[i].desc;
        size_t n = strlen(d->id);
        if (slash == NULL) {
            if (strcmp(d->id, name) == 0) {
                explain_check(d);
                return 0;
            }
            continue;
        }
        if ((size_t)(slash - name) != n || strncmp(name, d->id, n) != 0)
            continue;
        const fl_rule *r = fl_rule_find(fl_plugin_rules(d), d->id, slash + 1);
        if (r != NULL) {
            explain_rule(d, r);
            return 0;
        }
    }
    return -1;
}

int cmd_explain(int argc, char **argv)
{
    enum { OPT_PLUGIN_DIR = 256 };
    static const struct option options[] = {
        { "plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    fl_plugin_options po = { 0 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_PLUGIN_DIR: fl_cli_add(&po.plugin_dirs, &po.nplugin_dirs, optarg); break;
        case 'h':
            printf("用法：fislint explain 检查项/规则 …（例如 fislint explain table-totals/code-hierarchy）\n"
                   "说明规则检查什么、常见原因以及单位如何改正；只给检查项 id 时列出其规则。\n");
            return FL_EXIT_OK;
        default:
            return FL_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "fislint: 请给出要说明的规则，例如 fislint explain table-totals/code-hierarchy"
                        "（fislint checks --rules 列出全部规则）\n");
        free(po.plugin_dirs);
        return FL_EXIT_USAGE;
    }
    fl_config_set *cfg = NULL;
    fl_plugin_set set = { 0 };
    int status = fl_cli_load_plugins(&po, &cfg, &set);
    for (int i = optind; status == 0 && i < argc; i++) {
        if (i > optind)
            printf("\n");
        if (explain(&set, argv[i]) == 0)
            continue;
        char *close = fl_plugins_suggest(&set, argv[i], 1);
        if (close == NULL && strchr(argv[i], '/') == NULL)
            close = fl_plugins_suggest(&set, argv[i], 0);
        fprintf(stderr, "fislint: 没有规则 '%s'%s%s%s\n", argv[i],
                close ? "；最接近的：" : "（fislint checks --rules 列出全部规则）", close ? close : "",
                close ? "" : "");
        free(close);
        status = FL_EXIT_USAGE;
    }
    fl_plugins_unload(&set);
    fl_config_set_free(cfg);
    free(po.plugin_dirs);
    return status;
}
