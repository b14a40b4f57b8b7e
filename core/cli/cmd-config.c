/* cmd-config.c — `fislint config`: the configuration in force, each value
 * with where it came from (file:line, --set, a command-line option or the
 * check's default), so an office can see what a run will do. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "util.h"

static void print_value(const char *key, const char *value, const char *origin)
{
    char *line = xasprintf("%s = %s", key, value);
    printf("%-40s # %s\n", line, origin);
    free(line);
}

/* One key of a section: the user's value and its place, or the default. */
static void print_entry(const fl_config *sec, const char *key, const char *fallback)
{
    const fl_config_entry *e = fl_config_entry_of(sec, key);
    if (e != NULL) {
        char *where = fl_config_where(e);
        print_value(key, e->value, where);
        free(where);
        return;
    }
    const char *def = fl_config_default_of(sec, key);
    print_value(key, def ? def : fallback ? fallback : "", "默认");
}

static void print_fislint(const fl_plugin_options *o, fl_config_set *cfg, const fl_plugin_set *set)
{
    const fl_config *sec = fl_config_section(cfg, "fislint");
    printf("[fislint]\n");
    if (o->checks != NULL)
        print_value("checks", o->checks, "--checks");
    else
        print_entry(sec, "checks", "*");
    if (o->min_severity != NULL)
        print_value("min-severity", o->min_severity, "--min-severity");
    else
        print_entry(sec, "min-severity", "info");
    /* What --checks left out, spelled out: a glob is easy to misread. */
    fl_buf off = { 0 };
    for (size_t i = 0; i < set->count; i++) {
        const fl_loaded_plugin *p = &set->items[i];
        if (!p->enabled) {
            fl_buf_printf(&off, "%s%s", off.len ? "、" : "", p->desc->id);
            continue;
        }
        const fl_rule *rules = fl_plugin_rules(p->desc);
        for (size_t k = 0; k < p->nrules; k++)
            if (!p->rule_on[k])
                fl_buf_printf(&off, "%s%s/%s", off.len ? "、" : "", p->desc->id, rules[k].name);
    }
    if (off.data != NULL)
        printf("# 不运行：%s\n", off.data);
    fl_buf_free(&off);
}

static void print_severity(fl_config_set *cfg)
{
    const fl_config *sec = fl_config_section(cfg, "severity");
    printf("\n[severity]\n");
    if (sec->count == 0)
        printf("# （无：各规则按检查项给定的严重程度报告）\n");
    for (size_t i = 0; i < sec->count; i++)
        print_entry(sec, sec->entries[i].key, NULL);
}

static void print_check(fl_config_set *cfg, const fl_loaded_plugin *p)
{
    const fl_config *sec = fl_config_section(cfg, p->desc->id);
    const char *const *keys = fl_plugin_option_keys(p->desc);
    printf("\n[%s]%s\n", p->desc->id, p->enabled ? "" : "    # 未选中，不运行");
    if (keys == NULL) {
        printf("# 此检查项未声明其选项\n");
        for (size_t i = 0; i < sec->count; i++)
            print_entry(sec, sec->entries[i].key, NULL);
        return;
    }
    if (keys[0] == NULL)
        printf("# 此检查项没有选项\n");
    for (size_t k = 0; keys[k] != NULL; k++)
        print_entry(sec, keys[k], NULL);
}

int cmd_config(int argc, char **argv)
{
    enum { OPT_PLUGIN_DIR = 256, OPT_CONFIG, OPT_SET, OPT_CHECKS, OPT_MIN_SEVERITY };
    static const struct option options[] = {
        { "plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR },
        { "config", required_argument, NULL, OPT_CONFIG },
        { "set", required_argument, NULL, OPT_SET },
        { "checks", required_argument, NULL, OPT_CHECKS },
        { "min-severity", required_argument, NULL, OPT_MIN_SEVERITY },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    fl_plugin_options po = { 0 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_PLUGIN_DIR: fl_cli_add(&po.plugin_dirs, &po.nplugin_dirs, optarg); break;
        case OPT_CONFIG: po.config_path = optarg; break;
        case OPT_SET: fl_cli_add(&po.settings, &po.nsettings, optarg); break;
        case OPT_CHECKS: po.checks = optarg; break;
        case OPT_MIN_SEVERITY: po.min_severity = optarg; break;
        case 'h':
            printf("用法：fislint config [--config FILE] [--set ID.KEY=VALUE] [--checks GLOB] "
                   "[--min-severity LEVEL] [--plugin-dir DIR]\n"
                   "显示生效的配置：每个值及其来源（文件:行、--set、命令行选项或默认）。\n"
                   "配置有误时与 fislint check 一样报告并以状态 2 退出。\n");
            return FL_EXIT_OK;
        default:
            return FL_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "fislint: config 不接受参数 '%s'\n", argv[optind]);
        free(po.plugin_dirs);
        free(po.settings);
        return FL_EXIT_USAGE;
    }
    fl_config_set *cfg = NULL;
    fl_plugin_set set = { 0 };
    int status = fl_cli_load_plugins(&po, &cfg, &set);
    if (status == 0) {
        printf("# 配置文件：%s\n", po.config_path ? po.config_path
                                 : cfg->path ? cfg->path : "（未找到，全部为默认值）");
        printf("# 查找顺序：");
        fl_cli_print_config_search(stdout);
        printf("\n\n");
        print_fislint(&po, cfg, &set);
        print_severity(cfg);
        for (size_t i = 0; i < set.count; i++)
            print_check(cfg, &set.items[i]);
    }
    fl_plugins_unload(&set);
    fl_config_set_free(cfg);
    free(po.plugin_dirs);
    free(po.settings);
    return status;
}
