/* plugins.c — loading configuration and plugins for a command. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"
#include "util.h"

void fl_cli_add(const char ***list, size_t *n, const char *value)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = value;
}

static void on_load_error(void *ctx, const char *path, const char *message)
{
    (void)ctx;
    fprintf(stderr, "fislint: 插件 %s：%s；已跳过\n", path, message);
}

/* The default configuration: the installed file, or the source tree's
 * when running uninstalled.  Missing is fine: every check has defaults. */
static const char *default_config(void)
{
    static const char *const candidates[] = {
        FL_SYSCONFDIR "/fislint/fislint.conf",
        FL_SRCDIR "/config/fislint.conf",
    };
    struct stat st;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (stat(candidates[i], &st) == 0 && S_ISREG(st.st_mode))
            return candidates[i];
    return NULL;
}

int fl_cli_load_plugins(const fl_plugin_options *o, fl_config_set **cfgp, fl_plugin_set *set)
{
    char err[1024];
    fl_config_set *cfg = fl_config_set_new();
    *cfgp = cfg;
    const char *path = o->config_path ? o->config_path : default_config();
    if (path != NULL && fl_config_set_load(cfg, path, err, sizeof err) != 0) {
        fprintf(stderr, "fislint: %s\n", err);
        return FL_EXIT_USAGE;
    }
    for (size_t i = 0; i < o->nsettings; i++) {
        if (fl_config_set_override(cfg, o->settings[i], err, sizeof err) != 0) {
            fprintf(stderr, "fislint: %s\n", err);
            return FL_EXIT_USAGE;
        }
    }
    fl_plugins_load(set, o->plugin_dirs, o->nplugin_dirs, cfg, on_load_error, NULL);
    if (set->count == 0) {
        fprintf(stderr, "fislint: 没有可用的检查项插件（查找顺序：--plugin-dir、FISLINT_PLUGIN_PATH、%s）\n",
                FL_PLUGINDIR);
        return FL_EXIT_USAGE;
    }
    const char *checks = o->checks ? o->checks : fl_config_get(fl_config_section(cfg, "fislint"), "checks", NULL);
    if (fl_plugins_select(set, checks, err, sizeof err) != 0) {
        fprintf(stderr, "fislint: %s\n", err);
        return FL_EXIT_USAGE;
    }
    return 0;
}
