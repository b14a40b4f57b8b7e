/* doc-worker.c — a document worker's loop, and the orders it takes
 * (doc-worker.h).  One worker checks many documents: forking a process
 * per document cost more CPU than most checks (page faults of a fresh
 * process, fork and exit), so the pool in batch.c keeps its workers. */
#include "doc-worker.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "document.h"
#include "fd-message.h"
#include "finding-wire.h"
#include "shelf.h"
#include "source.h"
#include "util.h"
#include "worker.h"

/* An order's fixed part; the path's bytes follow. */
typedef struct order {
    uint64_t first;
    int32_t resumed;
} order;

#define MAX_ORDER 65536
/* After a document this large the worker gives its free memory back, so
 * that one big file does not keep a worker large for the rest of a batch. */
#define TRIM_AFTER_BYTES (8u << 20)

int fl_doc_order_send(int sock, const char *path, size_t first, int resumed, int errfd)
{
    size_t len = strlen(path);
    if (len > MAX_ORDER - sizeof(order))
        return -1;
    order o = { first, resumed };
    struct iovec iov[2] = { { &o, sizeof o }, { (void *)path, len } };
    return fl_fdmsg_send(sock, iov, 2, &errfd, 1) == (ssize_t)(sizeof o + len) ? 0 : -1;
}

typedef struct doc_ctx {
    const fl_checker *c;
    size_t first;        /* the check to begin with */
    int resumed, errfd;
    fl_shelf *out;
    size_t input_len;
    int status;          /* non-zero: the worker exits with it */
} doc_ctx;

static void one_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    doc_ctx *dc = ctx;
    fl_doc_result r;
    fl_document *doc = fl_check_document_open(dc->c, source, input, error, &r);
    dc->input_len = input != NULL ? input->len : 0;
    fl_buf b = { 0 };
    if (!dc->resumed) {
        fl_wire_put_result(&b, &r, 0);
    } else if (doc == NULL) { /* read once, now not: the parent says so */
        dc->status = 4;
    } else {
        /* Only a sign that the checks begin: the parent has the rest. */
        fl_doc_result sign = { 0 };
        sign.source = r.source;
        sign.rep = r.rep;
        fl_wire_put_result(&b, &sign, 0);
        dup2(dc->errfd, STDERR_FILENO);
    }
    /* The header is marked like a check's records: kept back only when
     * this worker wrote less than FL_SHELF_SECONDS ago.  The parent's time
     * limit for the checks starts when it comes or, kept back, from that
     * write (batch.c: expire).  Sent at once, it cost a write and a wake
     * of the parent per file.  A file that was not read ends here. */
    if (dc->status == 0 && (fl_shelf_put(dc->out, b.data, b.len) != 0 || fl_shelf_mark(dc->out) != 0 ||
                            (doc == NULL && fl_shelf_flush(dc->out) != 0)))
        dc->status = 3;
    fl_buf_free(&b);
    if (dc->status == 0 && doc != NULL) {
        /* A check past --check-memory fails alone, as in a check worker. */
        fl_worker_lower_memory(dc->c->limits.memory_mb);
        if (fl_guard_stream(doc, dc->c->plugins, dc->first, dc->out) != 0 ||
            fl_shelf_flush(dc->out) != 0)
            dc->status = 3;
        fl_worker_restore_memory();
    }
    fl_doc_result_free(&r);
    fl_document_free(doc);
}

_Noreturn void fl_doc_worker_serve(const fl_checker *c, size_t max_size, int out, int orders,
                                   int shelf)
{
    fl_worker_name("fislint-doc");
#ifdef __GLIBC__
    /* Keep the memory of one document for the next: by default glibc
     * maps each block over 128 KB afresh and gives back the top of the
     * heap at every free, and each document took it again page by page
     * (35,000 page faults on the 1,000 documents of bench/; 13,000 so,
     * and 1.5% less time).  A worker then holds up to 8 MB it does not
     * use; after a large file it trims (TRIM_AFTER_BYTES). */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
    char *buf = xmalloc(MAX_ORDER + 1);
    /* Paths are relative to where fislint started: a check that changes
     * directory must not make the next file unreadable. */
    int home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    fl_shelf *out_shelf = fl_shelf_new(out, shelf);
    for (;;) {
        if (home >= 0 && fchdir(home) != 0)
            _exit(3);
        int errfd;
        ssize_t n = fl_fdmsg_recv(orders, buf, MAX_ORDER, &errfd, 1);
        if (n <= 0)
            _exit(0); /* the batch is over, or this worker retires */
        order o;
        if ((size_t)n <= sizeof o || errfd < 0)
            _exit(3);
        memcpy(&o, buf, sizeof o);
        buf[n] = '\0';
        const char *path = buf + sizeof o;
        /* A worker taking over reads the file again quietly: the first
         * one's messages about it are already in the log. */
        int err = o.resumed ? open("/dev/null", O_WRONLY | O_CLOEXEC) : errfd;
        if (err >= 0)
            dup2(err, STDERR_FILENO);
        if (err != errfd && err >= 0)
            close(err);
        doc_ctx dc = { c, (size_t)o.first, o.resumed != 0, errfd, out_shelf, 0, 0 };
        fl_source_load_file(path, max_size, one_document, &dc);
        close(errfd);
        if (dc.status != 0)
            _exit(dc.status);
#ifdef __GLIBC__
        if (dc.input_len >= TRIM_AFTER_BYTES)
            malloc_trim(0);
#endif
    }
}
