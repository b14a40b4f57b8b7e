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
} fl_loaded_plugin;

typedef struct fl_plugin_set {
    fl_loaded_plugin *items;
    size_t count, cap;
    size_t failures;         /* plugins that could not be loaded */
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
/* Enable plugins by a comma-separated list of globs, "-GLOB" disabling
 * ("*,-duplicate-*").  Returns -1 when the list selects nothing known
 * (message in err). */
int fl_plugins_select(fl_plugin_set *set, const char *spec, char *err, size_t errsize);
void fl_plugins_unload(fl_plugin_set *set);
/* The rules a plugin declares (ABI 1.1), or NULL for a 1.0 plugin or one
 * that lists none.  Borrowed from the plugin. */
const fl_rule *fl_plugin_rules(const fl_plugin *desc);

#endif
