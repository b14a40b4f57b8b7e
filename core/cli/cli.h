/* cli.h — the fislint program's commands and what they share. */
#ifndef FL_CLI_H
#define FL_CLI_H

#include <stddef.h>

#include "config.h"
#include "loader.h"

/* Exit statuses (docs/cli.md). */
enum {
    FL_EXIT_OK = 0,
    FL_EXIT_FINDINGS = 1,
    FL_EXIT_USAGE = 2,
    FL_EXIT_INPUT = 3
};

int cmd_check(int argc, char **argv);
int cmd_checks(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_fetch(int argc, char **argv);

/* Options every command that loads plugins understands. */
typedef struct fl_plugin_options {
    const char **plugin_dirs;
    size_t nplugin_dirs;
    const char *config_path;    /* --config, NULL for the default file */
    const char **settings;      /* --set values */
    size_t nsettings;
    const char *checks;         /* --checks */
} fl_plugin_options;

/* Load configuration and plugins as the options say; prints problems on
 * stderr.  Returns 0, or FL_EXIT_USAGE for a configuration error. */
int fl_cli_load_plugins(const fl_plugin_options *o, fl_config_set **cfg, fl_plugin_set *set);
void fl_cli_add(const char ***list, size_t *n, const char *value);

/* Read a list of paths/URLs, one per line ('#' comments, blank lines
 * skipped; "-" reads standard input).  Appends to *items (strings owned by
 * the caller).  Returns 0 or -1 with a message in err. */
int fl_arglist_read(const char *path, char ***items, size_t *n, char *err, size_t errsize);

/* Parse the --max-size argument; on error prints why and returns -1. */
int fl_cli_max_size(const char *arg, size_t *out);

#endif
