/* shelf.h — a worker's stream to its parent, written in batches, with
 * what it has not written yet kept where the parent can read it when the
 * worker dies.
 *
 * Each write to a pipe wakes the process reading it, which costs as much
 * as a cheap check: a document worker that wrote after every check spent
 * 5% of its time in write().  Batching
 * alone would lose, when a check crashes, the findings of the checks
 * before it and the knowledge of which check it was.  So the records
 * gathered are kept in a file that the parent makes (a memfd) and the
 * worker maps: when the worker dies, the parent reads there what the
 * stream did not carry, and knows as much as if the worker had written
 * after every check.
 *
 * The stream's bytes are the same either way; a shelf only decides when
 * they are written.  Core-internal. */
#ifndef FL_SHELF_H
#define FL_SHELF_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct fl_shelf fl_shelf;

/* In the parent: a new shelf file for one worker, or -1 (the worker then
 * writes at every mark).  The caller owns it. */
int fl_shelf_file(void);

/* In the worker: a stream to pipe `fd`, its records kept on shelf file
 * `shelf` (from fl_shelf_file(), which this maps and closes) until
 * fl_shelf_mark() finds enough or long enough, or fl_shelf_flush().
 * With `shelf` -1, or when it cannot be mapped, every mark writes.
 * Never NULL; fl_shelf_free() frees it (not `fd`). */
fl_shelf *fl_shelf_new(int fd, int shelf);

/* Add n bytes of records, not yet complete: they count once marked. */
int fl_shelf_put(fl_shelf *sh, const void *p, size_t n);

/* What was put so far is whole (a header, or a check's findings and its
 * done record).  Written now when the shelf does not batch, when 64 KB
 * have gathered, or when 0.5 s (FL_SHELF_SECONDS) have passed since the
 * last write; kept otherwise.  0, or -1 when a write failed. */
int fl_shelf_mark(fl_shelf *sh);

/* Write everything put, marked or not.  0 or -1. */
int fl_shelf_flush(fl_shelf *sh);

void fl_shelf_free(fl_shelf *sh);

/* The longest a batched stream stays silent after a mark: a parent that
 * kills a worker for silence allows this much more. */
#define FL_SHELF_SECONDS 0.5

/* In the parent, while the worker works: 1 when it has marked records
 * that it has not written, given that `received` bytes came down its
 * pipe; 0 when not (or not known).  Records it writes meanwhile may make
 * it 1 for a moment: the caller then looks whether bytes wait in the
 * pipe, after this call. */
int fl_shelf_holds(int shelf, uint64_t received);

/* In the parent, once the worker is gone: append to `out` the marked
 * bytes the worker kept on shelf file `shelf` and did not write, given
 * that `received` bytes came down its pipe in all (counted from the
 * worker's start).  0, or -1 when the shelf cannot be read (nothing
 * appended).  A shelf its worker never used gives nothing. */
int fl_shelf_recover(int shelf, uint64_t received, fl_buf *out);

#endif
