/* cmd-checks.c — `fislint checks`: the loaded checks, one per line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_checks(int argc, char **argv)
{
    enum { OPT_PLUGIN_DIR = 256, OPT_CONFIG, OPT_SET, OPT_CHECKS };
    static const struct option options[] = {
        { "plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR },
        { "config", required_argument, NULL, OPT_CONFIG },
        { "set", required_argument, NULL, OPT_SET },
        { "checks", required_argument, NULL, OPT_CHECKS },
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
        case 'h':
            printf("用法：fislint checks [--plugin-dir DIR] [--checks GLOB]\n列出已加载的检查项（id、版本、说明、文件）。\n");
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
        }
    }
    fl_plugins_unload(&set);
    fl_config_set_free(cfg);
    free(po.plugin_dirs);
    free(po.settings);
    return status;
}
