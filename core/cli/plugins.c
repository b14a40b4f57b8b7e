/* plugins.c — loading configuration and plugins for a command, and
 * refusing a configuration that would silently mean something else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "report.h"
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

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The user's file: $XDG_CONFIG_HOME (when absolute, as the XDG spec
 * says), else ~/.config.  NULL without a home.  Caller frees. */
static char *user_config(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg != NULL && xdg[0] == '/')
        return xasprintf("%s/fislint/fislint.conf", xdg);
    const char *home = getenv("HOME");
    if (home != NULL && home[0] != '\0')
        return xasprintf("%s/.config/fislint/fislint.conf", home);
    return NULL;
}

/* The installed file, or the source tree's when it is not installed. */
static const char *const installed[] = {
    FL_SYSCONFDIR "/fislint/fislint.conf",
    FL_SRCDIR "/config/fislint.conf",
};

char *fl_cli_find_config(void)
{
    if (is_file(".fislint.conf"))
        return xstrdup("./.fislint.conf");
    char *user = user_config();
    if (user != NULL && is_file(user))
        return user;
    free(user);
    for (size_t i = 0; i < sizeof installed / sizeof installed[0]; i++)
        if (is_file(installed[i]))
            return xstrdup(installed[i]);
    return NULL;
}

void fl_cli_print_config_search(FILE *out)
{
    char *user = user_config();
    fprintf(out, "--config FILE；./.fislint.conf；%s；%s", user ? user : "~/.config/fislint/fislint.conf",
            installed[0]);
    free(user);
}

/* Where [fislint] checks came from, for an error in it. */
static char *checks_origin(const fl_plugin_options *o, fl_config_set *cfg, const char **spec)
{
    if (o->checks != NULL) {
        *spec = o->checks;
        return xstrdup("--checks");
    }
    const fl_config_entry *e = fl_config_entry_of(fl_config_section(cfg, "fislint"), "checks");
    if (e == NULL) {
        *spec = NULL;
        return NULL;
    }
    *spec = e->value;
    char *where = fl_config_where(e);
    char *origin = xasprintf("%s: [fislint] checks = %s", where, e->value);
    free(where);
    return origin;
}

/* Errors in file order (by line), then those of the command line. */
static const char *sort_path;

static unsigned long error_line(const char *e)
{
    size_t n = sort_path ? strlen(sort_path) : 0;
    if (n == 0 || strncmp(e, sort_path, n) != 0 || e[n] != ':')
        return (unsigned long)-1;
    return strtoul(e + n + 1, NULL, 10);
}

static int compare_errors(const void *a, const void *b)
{
    unsigned long x = error_line(*(char *const *)a), y = error_line(*(char *const *)b);
    return (x > y) - (x < y);
}

static void sort_errors(fl_config_set *cfg)
{
    /* insertion sort: stable, and there are few */
    sort_path = cfg->path;
    for (size_t i = 1; i < cfg->nerrors; i++) {
        char *cur = cfg->errors[i];
        size_t j = i;
        while (j > 0 && compare_errors(&cfg->errors[j - 1], &cur) > 0) {
            cfg->errors[j] = cfg->errors[j - 1];
            j--;
        }
        cfg->errors[j] = cur;
    }
}

int fl_cli_load_plugins(const fl_plugin_options *o, fl_config_set **cfgp, fl_plugin_set *set)
{
    char err[1024];
    fl_config_set *cfg = fl_config_set_new();
    *cfgp = cfg;
    char *found = o->config_path ? NULL : fl_cli_find_config();
    const char *path = o->config_path ? o->config_path : found;
    int rc = path != NULL ? fl_config_set_load(cfg, path, err, sizeof err) : 0;
    free(found);
    if (rc != 0) {
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
    fl_plugins_configure(set, cfg);
    if (o->min_severity != NULL) {
        fl_severity sev = fl_severity_parse(o->min_severity);
        if (sev == 0)
            fl_config_error(cfg, "--min-severity 应为 error、warning 或 info，而不是 '%s'", o->min_severity);
        else
            set->min_severity = sev;
    }
    const char *spec = NULL;
    char *origin = checks_origin(o, cfg, &spec);
    if (fl_plugins_select(set, spec, err, sizeof err) != 0)
        fl_config_error(cfg, "%s: %s", origin, err);
    free(origin);
    sort_errors(cfg);
    for (size_t i = 0; i < cfg->nerrors; i++)
        fprintf(stderr, "fislint: %s\n", cfg->errors[i]);
    if (cfg->nerrors > 0)
        return FL_EXIT_USAGE;
    fl_report_set_policy(set);
    return 0;
}
