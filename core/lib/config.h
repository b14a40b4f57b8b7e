/* config.h — the configuration file (INI style) and --set overrides.
 *
 *   # comment
 *   [fislint]
 *   min-severity = warning
 *   [severity]
 *   table-totals/narrative = warning
 *   [table-totals]
 *   rounding-per-addend = 0.01
 *
 * Every value remembers where it came from (file and line, or --set), so
 * that an error can name it and `fislint config` can show it.  Problems
 * found after loading (an unknown key, a value a check refuses) are
 * collected in the set: the program prints them all and exits 2. */
#ifndef FL_CONFIG_H
#define FL_CONFIG_H

#include <stddef.h>

#include <fislint/plugin.h>

typedef struct fl_config_set fl_config_set;

typedef struct fl_config_entry {
    char *key;
    char *value;
    char *file;     /* NULL when given by --set */
    size_t line;
} fl_config_entry;

/* A key a check asked for while its value was unset, with the default it
 * used (recorded by fl_config_get*, for `fislint config`). */
typedef struct fl_config_default {
    char *key;
    char *value;
} fl_config_default;

struct fl_config {
    char *name;
    fl_config_set *owner;
    char *file;     /* where the section was first named: file and line, */
    size_t line;    /* or NULL/0 for --set; */
    int named;      /* 0 when only looked up, never written by the user */
    fl_config_entry *entries;
    size_t count, cap;
    fl_config_default *defaults;
    size_t ndefaults, defaults_cap;
};

struct fl_config_set {
    fl_config **sections;
    size_t count, cap;
    char *path;     /* the file loaded, or NULL */
    char **errors;  /* each "WHERE: message", without the "fislint: " */
    size_t nerrors, errors_cap;
};

fl_config_set *fl_config_set_new(void);
void fl_config_set_free(fl_config_set *set);
/* Load a file; returns 0, or -1 with a message (naming file and line) in
 * err.  A syntax error stops the load; the meaning of keys is checked
 * later (loader.c), once the checks are known. */
int fl_config_set_load(fl_config_set *set, const char *path, char *err, size_t errsize);
/* "section.key=value" as given to --set; -1 with a message when malformed. */
int fl_config_set_override(fl_config_set *set, const char *assignment, char *err, size_t errsize);
/* The options of one section (a check id, "fislint" or "severity"); never
 * NULL (an empty section is made).  Borrowed. */
const fl_config *fl_config_section(fl_config_set *set, const char *section);
/* The entry of `key`, or NULL. */
const fl_config_entry *fl_config_entry_of(const fl_config *cfg, const char *key);
/* The default a check used for `key` while it was unset, or NULL. */
const char *fl_config_default_of(const fl_config *cfg, const char *key);
/* "FILE:LINE" or "--set" for an entry.  Caller frees. */
char *fl_config_where(const fl_config_entry *e);
/* Record a problem (printf-style, the whole line after "fislint: ").
 * The same text twice is kept once. */
void fl_config_error(fl_config_set *set, const char *fmt, ...) FISLINT_PRINTF(2, 3);

#endif
