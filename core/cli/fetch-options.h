/* fetch-options.h — the fetch options shared by `fislint check` and
 * `fislint fetch` (docs/fetch.md). */
#ifndef FL_FETCH_OPTIONS_H
#define FL_FETCH_OPTIONS_H

#include <getopt.h>
#include <stddef.h>

#include "fetch.h"

/* getopt_long entries for the fetch options (codes >= 1000), ended by a
 * zero entry.  --max-size is not among them: each command has its own,
 * passed to the fetch functions as max_bytes. */
extern const struct option fl_fetch_long_options[];

/* Apply option `code` with `arg` to o; 0, or -1 with a Chinese message
 * in err. */
int fl_fetch_apply_option(fl_fetch_options *o, int code, const char *arg, char *err,
                          size_t errsize);

/* A command's own options (ended by a zero entry) followed by the fetch
 * options, for getopt_long.  The caller frees the array. */
struct option *fl_fetch_merge_options(const struct option *own);

/* Lines for --help. */
extern const char fl_fetch_options_help[];

#endif
