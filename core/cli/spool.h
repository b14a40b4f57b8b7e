/* spool.h — the temporary file where the second pass (related.c) keeps
 * the first pass's results and texts until the end of the run.
 *
 * One unlinked file, shared by every process of the run: it is made
 * before the workers are forked, so they inherit it and leave the texts
 * there themselves instead of sending them through the main process.  A
 * writer reserves its range with an atomic counter in memory shared the
 * same way and writes there with pwrite(), so writers never wait for
 * each other; readers use pread().  Nothing is buffered: a write the
 * disk refuses fails at once, and the caller keeps its bytes. */
#ifndef FL_SPOOL_H
#define FL_SPOOL_H

#include <stddef.h>

typedef struct fl_spool fl_spool;

/* NULL (and errno) when no temporary file can be made. */
fl_spool *fl_spool_new(void);
/* Only in the process that made it, after the others are done. */
void fl_spool_free(fl_spool *sp);

/* Write data[0..len) into the spool: its offset, or -1 when the spool
 * could not take it (a full disk, a file size limit). */
long long fl_spool_put(fl_spool *sp, const char *data, size_t len);
/* Read len bytes at off into buf (room for len + 1: a NUL is added):
 * 0, or -1 when they cannot be read back. */
int fl_spool_get(const fl_spool *sp, long long off, size_t len, char *buf);

#endif
