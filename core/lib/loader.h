/* loader.h — finding, loading and validating check plugins. */
#ifndef FL_LOADER_H
#define FL_LOADER_H

#include <stddef.h>

#include <fislint/plugin.h>
#include "config.h"

typedef struct fl_loaded_plugin {
    const fl_plugin *desc;   /* borrowed from the shared object */
    void *handle;            /* dlopen handle */
    char *path;
    void *state;             /* from init() */
    int enabled;             /* selected by --checks */
    /* Per declared rule (desc rules, in order): turned on by --checks, and
     * the severity the configuration gives it (0: the check's own). */
    size_t nrules;
    unsigned char *rule_on;
    fl_severity *rule_severity;
    int others_on;           /* rules the check reports without declaring */
} fl_loaded_plugin;

typedef struct fl_plugin_set {
    fl_loaded_plugin *items;
    size_t count, cap;
    size_t failures;         /* plugins that could not be loaded */
    fl_severity min_severity; /* findings below it are hidden; 0: none */
} fl_plugin_set;

/* Called once per plugin that fails to load, with a Chinese message that
 * names the file and what was expected. */
typedef void (*fl_load_error_fn)(void *ctx, const char *path, const char *message);

/* Search order: each of `dirs` (--plugin-dir), then the ':'-separated
 * FISLINT_PLUGIN_PATH, then — when running from the build tree — the
 * freshly built plugins, else the installed plugin directory.  The first
 * plugin with a given id wins; later ones with the same id are reported.
 * Each plugin's init() is called with its configuration section. */
void fl_plugins_load(fl_plugin_set *set, const char *const *dirs, size_t ndirs,
                     fl_config_set *cfg, fl_load_error_fn on_error, void *ctx);
/* Load one shared object (also used by the tests).  Returns 0 or -1 after
 * calling on_error. */
int fl_plugins_load_file(fl_plugin_set *set, const char *path, fl_config_set *cfg,
                         fl_load_error_fn on_error, void *ctx);
/* Enable checks and rules by a comma-separated list of globs, "-GLOB"
 * disabling: a glob without '/' matches check ids ("*,-duplicate-*"), one
 * with '/' matches rules ("table-totals,-table-totals/narrative").  A list
 * that starts with an inclusion first turns everything off.  Returns -1
 * (message in err, without where the list came from) when an entry
 * matches no loaded check or rule, or when nothing is left selected. */
int fl_plugins_select(fl_plugin_set *set, const char *spec, char *err, size_t errsize);
/* Check the configuration against the loaded checks, recording each
 * problem in cfg (fl_config_error): a section that is no check, a key a
 * check does not declare (fl_plugin.options), a [severity] entry naming
 * no check or rule or no severity, a bad [fislint] min-severity.  Applies
 * [severity] and min-severity to the set. */
void fl_plugins_configure(fl_plugin_set *set, fl_config_set *cfg);
/* The loaded plugin with this id, or NULL. */
fl_loaded_plugin *fl_plugins_find(const fl_plugin_set *set, const char *id);
/* Up to three loaded names closest to `name` ("table-totals/code-hierarchy"
 * style when `rules`, check ids otherwise), joined by "、"; NULL when
 * none is close.  Caller frees. */
char *fl_plugins_suggest(const fl_plugin_set *set, const char *name, int rules);
/* The option keys a plugin declares (ABI 1.1), or NULL when it does not say. */
const char *const *fl_plugin_option_keys(const fl_plugin *desc);
void fl_plugins_unload(fl_plugin_set *set);
/* The rules a plugin declares (ABI 1.1), or NULL for a 1.0 plugin or one
 * that lists none.  Borrowed from the plugin. */
const fl_rule *fl_plugin_rules(const fl_plugin *desc);
/* 1 when this program is one built in FL_BUILDDIR and not installed (a
 * test program included): plugins and the PDF module are then taken from
 * the build tree. */
int fl_running_uninstalled(void);
/* fl_plugin.flags, 0 for a descriptor older than the field. */
unsigned fl_plugin_flags(const fl_plugin *desc);
/* A view of `set` in which only the enabled plugins whose flags have
 * `flag` (with = 1) or lack it (with = 0) are enabled: how `check` runs
 * the ordinary checks and the related ones in two passes.  It shares the
 * plugins with `set`; release it with fl_plugins_view_free, never unload
 * it.  Returns the number of plugins enabled in the view. */
size_t fl_plugins_view(const fl_plugin_set *set, unsigned flag, int with, fl_plugin_set *view);
void fl_plugins_view_free(fl_plugin_set *view);

#endif
