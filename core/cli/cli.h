/* cli.h — the fislint program's commands and what they share. */
#ifndef FL_CLI_H
#define FL_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "fetch.h"
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
int cmd_config(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/* Options every command that loads plugins understands. */
typedef struct fl_plugin_options {
    const char **plugin_dirs;
    size_t nplugin_dirs;
    const char *config_path;    /* --config, NULL to look in the usual places */
    const char **settings;      /* --set values */
    size_t nsettings;
    const char *checks;         /* --checks */
    const char *min_severity;   /* --min-severity, NULL for the configuration's */
} fl_plugin_options;

/* Load configuration and plugins as the options say; prints problems on
 * stderr.  Returns 0, or FL_EXIT_USAGE for a configuration error: every
 * problem is printed, each naming its file and line (or the option).
 * On success the selection, severities and minimum severity are in force
 * for every report made afterwards (fl_report_set_policy). */
int fl_cli_load_plugins(const fl_plugin_options *o, fl_config_set **cfg, fl_plugin_set *set);
/* The configuration file fislint reads without --config: ./.fislint.conf,
 * then $XDG_CONFIG_HOME/fislint/fislint.conf (or
 * ~/.config/fislint/fislint.conf), then the installed one; NULL when none
 * exists.  Caller frees. */
char *fl_cli_find_config(void);
/* The places fl_cli_find_config() looks, in order, for messages. */
void fl_cli_print_config_search(FILE *out);
void fl_cli_add(const char ***list, size_t *n, const char *value);
/* Documents checked at once by default: the processors online. */
unsigned fl_cli_default_jobs(void);


/* The inputs of a command that reads documents: paths and URLs from the
 * command line and from -i lists, the size limit, the fetch options. */
typedef struct fl_cli_inputs {
    char **items;             /* owned */
    char **units;             /* owned, parallel to items: the unit an -i
                                 list names for the input, or NULL */
    size_t count, cap, units_cap;
    size_t max_size;
    fl_fetch_options *fetch;  /* owned */
} fl_cli_inputs;

/* getopt code of --max-size: below the fetch options' codes (>= 1000). */
enum { FL_OPT_MAX_SIZE = 900 };

void fl_cli_inputs_init(fl_cli_inputs *in);
/* Handle -i, --max-size or a fetch option (any other code is taken as a
 * fetch option).  Returns 0, or -1 after printing why. */
int fl_cli_inputs_option(fl_cli_inputs *in, int code, const char *arg);
/* Append argv[first..argc) to the inputs. */
void fl_cli_inputs_add_args(fl_cli_inputs *in, int argc, char **argv, int first);
void fl_cli_inputs_free(fl_cli_inputs *in);
/* The unit an -i list gave for input `source` (as it appears in items),
 * or NULL.  `hint` is where to look first (results come in input order):
 * it is advanced past the match. */
const char *fl_cli_inputs_unit(const fl_cli_inputs *in, const char *source, size_t *hint);

#endif
