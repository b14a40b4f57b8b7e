/* doc-worker.h — the document workers of `check` (batch.c): processes that
 * read and check one document after another, as the main process orders.
 *
 * For each order a worker reads the file, sends a header saying what the
 * document is (finding-wire.h), then runs the checks itself and streams
 * each one's findings and a done record (fl_guard_stream), and waits for
 * the next order.  A worker that dies — a reader crashing on a hostile
 * file, a check crashing, or killed for a time limit — is replaced; the
 * parent knows from the stream how far the document got.
 * Core-internal (core/cli). */
#ifndef FL_DOC_WORKER_H
#define FL_DOC_WORKER_H

#include <stddef.h>

#include "check-doc.h"

/* Order a worker listening on `sock` (a SOCK_SEQPACKET socket) to read
 * `path` and run its checks from number `first` on.  `resumed`: an earlier
 * worker read the file and failed in a check; this one reads it quietly
 * and sends only a sign that its checks begin.  The worker writes its
 * messages about this document to `errfd` (the caller keeps its own).
 * 0, or -1 when the worker cannot be reached. */
int fl_doc_order_send(int sock, const char *path, size_t first, int resumed, int errfd);

/* In the worker: carry out the orders read from `orders` until the main
 * process hangs up, writing to `out` in batches kept on shelf file
 * `shelf` (shelf.h; -1: a write after each check); then exit.  Never
 * returns. */
_Noreturn void fl_doc_worker_serve(const fl_checker *c, size_t max_size, int out, int orders,
                                   int shelf);

#endif
