/* cmd-checks.c — `fislint checks`: the loaded checks, one per line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "loader.h"
#include "report.h"
#include "util.h"

/* "所有报告", or the kinds a rule applies to: "部门决算、单位决算". */
static char *kinds_text(unsigned kinds)
{
    if ((kinds & FL_KINDS_ALL) == FL_KINDS_ALL)
        return xstrdup("所有报告");
    fl_buf b = { 0 };
    for (int k = 0; k < FL_KIND_COUNT; k++)
        if (kinds & FL_KIND_BIT(k))
            fl_buf_printf(&b, "%s%s", b.len ? "、" : "", fl_doc_kind_name_zh((fl_doc_kind)k));
    return b.data ? fl_buf_steal(&b) : xstrdup("（无）");
}

/* The rules of a loaded check as they will run: those --checks left on,
 * with the severity the configuration gives them. */
static void print_rules(const fl_loaded_plugin *p)
{
    const fl_plugin *desc = p->desc;
    const fl_rule *rules = fl_plugin_rules(desc);
    if (rules == NULL) {
        printf("  （此检查项未声明规则：其规则适用于所有报告）\n");
        return;
    }
    size_t k = 0;
    for (const fl_rule *r = rules; r->name != NULL; r++, k++) {
        if (k < p->nrules && p->rule_on != NULL && !p->rule_on[k])
            continue;
        fl_severity sev = k < p->nrules && p->rule_severity ? p->rule_severity[k] : r->severity;
        char *kinds = kinds_text(r->kinds);
        printf("  %s/%-28s %s  适用：%s  %s\n", desc->id, r->name, fl_severity_name_zh(sev), kinds,
               r->summary ? r->summary : "");
        free(kinds);
    }
}

int cmd_checks(int argc, char **argv)
{
    enum { OPT_PLUGIN_DIR = 256, OPT_CONFIG, OPT_SET, OPT_CHECKS, OPT_RULES };
    static const struct option options[] = {
        { "plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR },
        { "config", required_argument, NULL, OPT_CONFIG },
        { "set", required_argument, NULL, OPT_SET },
        { "checks", required_argument, NULL, OPT_CHECKS },
        { "rules", no_argument, NULL, OPT_RULES },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    fl_plugin_options po = { 0 };
    int c, with_rules = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case OPT_PLUGIN_DIR: fl_cli_add(&po.plugin_dirs, &po.nplugin_dirs, optarg); break;
        case OPT_CONFIG: po.config_path = optarg; break;
        case OPT_SET: fl_cli_add(&po.settings, &po.nsettings, optarg); break;
        case OPT_CHECKS: po.checks = optarg; break;
        case OPT_RULES: with_rules = 1; break;
        case 'h':
            printf("用法：fislint checks [--plugin-dir DIR] [--checks GLOB] [--rules]\n"
                   "列出已加载的检查项（id、版本、说明）；--rules 另列出每条规则的严重程度和适用的报告类型。\n");
            return FL_EXIT_OK;
        default:
            return FL_EXIT_USAGE;
        }
    }
    fl_config_set *cfg = NULL;
    fl_plugin_set set = { 0 };
    int status = fl_cli_load_plugins(&po, &cfg, &set);
    if (status == 0) {
        for (size_t i = 0; i < set.count; i++) {
            const fl_loaded_plugin *p = &set.items[i];
            if (p->enabled)
                printf("%-20s %-6s %s\n", p->desc->id, p->desc->version ? p->desc->version : "-",
                       p->desc->summary ? p->desc->summary : "");
            if (p->enabled && with_rules)
                print_rules(p);
        }
    }
    fl_plugins_unload(&set);
    fl_config_set_free(cfg);
    free(po.plugin_dirs);
    free(po.settings);
    return status;
}
