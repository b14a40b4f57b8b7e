/* config.h — the configuration file (INI style) and --set overrides.
 *
 *   # comment
 *   [fislint]
 *   fail-on = warning
 *   [table-totals]
 *   rounding-per-addend = 0.01
 */
#ifndef FL_CONFIG_H
#define FL_CONFIG_H

#include <fislint/plugin.h>

typedef struct fl_config_set fl_config_set;

fl_config_set *fl_config_set_new(void);
void fl_config_set_free(fl_config_set *set);
/* Load a file; returns 0, or -1 with a message (naming file and line) in err. */
int fl_config_set_load(fl_config_set *set, const char *path, char *err, size_t errsize);
/* "section.key=value" as given to --set; -1 with a message when malformed. */
int fl_config_set_override(fl_config_set *set, const char *assignment, char *err, size_t errsize);
/* The options of one section (a check id, or "fislint"); never NULL.  Borrowed. */
const fl_config *fl_config_section(fl_config_set *set, const char *section);

#endif
