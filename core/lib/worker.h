/* worker.h — what the two kinds of worker process share: the document
 * workers of `check` (core/cli/doc-worker.c) and the check workers of guard.c.
 * Core-internal. */
#ifndef FL_WORKER_H
#define FL_WORKER_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Fork a worker.  In the child, returns 0 after making it die with its
 * parent (a worker whose parent was killed for a time limit must not go
 * on running a hung check) and limiting its address space to
 * `memory_mb` (0: no limit; never under ASan, which reserves terabytes).
 * In the parent, returns the child's pid, or -1 when fork failed.
 * Buffered output is flushed first, so nothing is written twice. */
pid_t fl_worker_fork(size_t memory_mb);

/* In a worker: lower its address-space limit to `memory_mb` when that is
 * below the present one (a document worker about to run its checks under
 * --check-memory); 0, or a higher limit, changes nothing.  Only the soft
 * limit is lowered.  Not under ASan. */
void fl_worker_lower_memory(size_t memory_mb);

/* Raise the soft limit back to the hard one (the document worker, done
 * with a document's checks, reads the next under --doc-memory). */
void fl_worker_restore_memory(void);

/* Name this process (Linux: its comm, at most 15 bytes, as ps and pgrep
 * show it), so that a user sees which fislint process does what. */
void fl_worker_name(const char *name);

/* Close each of fds[0..n) that is open (>= 0). */
void fl_close_fds(const int *fds, size_t n);

/* Write all of p[0..n) to fd, retrying after signals; 0 or -1. */
int fl_write_all(int fd, const char *p, size_t n);

/* Read n bytes at offset `off` of fd into buf, retrying after signals; 0,
 * or -1 when they are not all there. */
int fl_pread_all(int fd, char *buf, size_t n, off_t off);
/* Write all of p[0..n) at offset `off` of fd, retrying after signals; 0,
 * or -1 when it cannot (a full disk: some bytes may be written). */
int fl_pwrite_all(int fd, const char *p, size_t n, off_t off);

/* A new empty file, unlinked, opened for reading and appending: where a
 * worker's stderr (for one document, in a batch) is kept until its turn
 * comes.  A
 * memfd (no inode on disk to allocate: a batch makes one per document,
 * and on a busy ext4 /tmp tmpfile() cost 20 ms per thousand in the main
 * process), or tmpfile() where there is none.  NULL on failure. */
FILE *fl_log_file(void);

/* Seconds on the monotonic clock, for deadlines. */
double fl_now(void);

#endif
