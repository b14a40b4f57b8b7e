/* guard.h — running the checks on one document so that a check that
 * crashes, hangs, calls exit() or eats all memory costs only its own
 * findings on that document. */
#ifndef FL_GUARD_H
#define FL_GUARD_H

#include <stddef.h>

#include "loader.h"
#include "report.h"

typedef struct fl_guard_limits {
    int isolate;          /* 1: checks run in a worker process (the default) */
    unsigned timeout_s;   /* per check; 0 for none */
    size_t memory_mb;     /* address space of a worker; 0 for none */
} fl_guard_limits;

#define FL_GUARD_DEFAULT_TIMEOUT 300
#define FL_GUARD_DEFAULT_MEMORY_MB 8192

/* Told about each check that failed on the document, with a Chinese reason. */
typedef void (*fl_guard_fail_fn)(void *ctx, const char *check_id, const char *reason);

/* Run every enabled plugin of `set` on `doc`, in order, adding their
 * findings to `rep` (which must be for `doc`).  A check that fails —
 * returns non-zero, crashes, calls exit(), runs past the time limit or
 * past the memory limit — loses its findings on this document, gets one
 * error finding `core/check-failed` naming it, and the other checks run as
 * usual.  Returns the number of checks that failed. */
size_t fl_guard_run(const fl_document *doc, const fl_plugin_set *set, fl_report *rep,
                    const fl_guard_limits *lim, fl_guard_fail_fn on_fail, void *ctx);

#endif
