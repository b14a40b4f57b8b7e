/* guard.h — running the checks on one document so that a check that
 * crashes, hangs, calls exit() or eats all memory costs only its own
 * findings on that document. */
#ifndef FL_GUARD_H
#define FL_GUARD_H

#include <stddef.h>

#include "finding-wire.h"
#include "loader.h"
#include "report.h"
#include "shelf.h"

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

/* The same from check number `first` on (the checks before it are not
 * run). */
size_t fl_guard_run_from(const fl_document *doc, const fl_plugin_set *set, size_t first,
                         fl_report *rep, const fl_guard_limits *lim, fl_guard_fail_fn on_fail,
                         void *ctx);

/* ---- The two ends of a check stream, for a document worker that runs its
 * document's checks itself (core/cli/batch.c) as the guard's worker does. */

/* In the worker: run the enabled checks of `set` from number `first` on,
 * in order, in this process; after each, put on `out` its findings
 * (completed against `doc`) and a done record with its number and the
 * status check() returned, and mark them whole (shelf.h: the shelf
 * decides when they are written).  0, or -1 when a write failed. */
int fl_guard_stream(const fl_document *doc, const fl_plugin_set *set, size_t first,
                    fl_shelf *out);

/* In the parent: what has come of a stream so far. */
typedef struct fl_guard_feed {
    const fl_plugin_set *set;
    size_t next;             /* the check now running (set->count: none left) */
    size_t failed;           /* checks that failed so far */
    fl_finding **pending;    /* findings of the check now running */
    size_t npending, pending_cap;
} fl_guard_feed;

/* A stream whose worker starts at check number `first`. */
void fl_guard_feed_init(fl_guard_feed *f, const fl_plugin_set *set, size_t first);

/* Read the records at r's position: a check's findings go to `rep` once
 * it is done; one whose check() returned non-zero is core/check-failed.
 * A record cut short stays unread (r->pos at its start) until more has
 * arrived.  Returns how many checks were reported done. */
size_t fl_guard_feed_read(fl_guard_feed *f, fl_wire_reader *r, fl_report *rep,
                          fl_guard_fail_fn on_fail, void *ctx);

/* The worker has ended (`wstatus` from waitpid; `timed_out`: killed for
 * the per-check limit).  When a check was running it has failed, for the
 * reason a user is given; returns the check to resume from in a new
 * worker (set->count: none). */
size_t fl_guard_feed_end(fl_guard_feed *f, fl_report *rep, int wstatus, int timed_out,
                         const fl_guard_limits *lim, fl_guard_fail_fn on_fail, void *ctx);

/* No worker can take over (the document cannot be read again): every
 * check from the one due on fails, for `reason`.  Returns set->count. */
size_t fl_guard_feed_abandon(fl_guard_feed *f, fl_report *rep, const char *reason,
                             fl_guard_fail_fn on_fail, void *ctx);

void fl_guard_feed_free(fl_guard_feed *f);

#endif
