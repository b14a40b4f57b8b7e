/* spawner.h — a small process that forks the document workers of `check`
 * for the main process.
 *
 * Every fork makes the pages of the forking process copy-on-write, and the
 * main process of a batch writes its heap all the time (results, output):
 * forking each worker from it cost it some 160 page copies a document.
 * The spawner is forked once, before the first document, and then does
 * nothing but fork: its pages stay shared and clean.  It reaps its workers
 * and reports how each ended, since the main process cannot wait for a
 * grandchild.  Core-internal (core/cli). */
#ifndef FL_SPAWNER_H
#define FL_SPAWNER_H

#include <stddef.h>
#include <sys/types.h>

typedef struct fl_spawner fl_spawner;

/* Descriptors given to each worker. */
#define FL_SPAWN_FDS 3

/* What a worker does, in the forked process: `msg` is the request's bytes,
 * fds[0..FL_SPAWN_FDS) the descriptors sent with it (closed by the
 * spawner, owned by the worker).  It must not return. */
typedef void (*fl_spawn_body)(void *ctx, const void *msg, size_t len, const int *fds);

/* Fork the spawner; `body` and `ctx` are what its workers run (ctx is the
 * spawner's copy of the caller's memory as it is now).  NULL when it
 * cannot be started: the caller then forks workers itself. */
fl_spawner *fl_spawner_start(fl_spawn_body body, void *ctx);

/* Have the spawner fork a worker with an address-space limit of
 * `memory_mb` (0: none) that runs body(ctx, msg, len, its copies of
 * fds[0..FL_SPAWN_FDS)).  The caller keeps its own.  Returns the worker's
 * pid, or -1 (no worker: the spawner is gone or could not fork). */
pid_t fl_spawner_spawn(fl_spawner *sp, size_t memory_mb, const void *msg, size_t len,
                       const int *fds);

/* How worker `pid` ended (a waitpid() status); blocks until it has.  When
 * the spawner is gone, the worker died with it: reported as SIGKILL. */
int fl_spawner_wait(fl_spawner *sp, pid_t pid);

/* The caller will not ask how worker `pid` ended (its output says all):
 * the report is dropped when it comes, and nobody waits for it. */
void fl_spawner_forget(fl_spawner *sp, pid_t pid);

/* End the spawner and free `sp` (NULL is fine). */
void fl_spawner_stop(fl_spawner *sp);

#endif
