/* shelf.c — a worker's stream written in batches, the unwritten part kept
 * in shared memory (shelf.h). */
#include "shelf.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "worker.h"

/* The shared file: a head, then the records at DATA_AT. */
typedef struct shelf_head {
    _Atomic uint64_t start; /* the stream offset of the shelf's first byte */
    _Atomic uint64_t len;   /* the marked bytes on the shelf */
} shelf_head;

#define DATA_AT 64
/* The parent reads the head with pread() as two plain integers. */
_Static_assert(sizeof(shelf_head) == 2 * sizeof(uint64_t) && sizeof(shelf_head) <= DATA_AT,
               "the shelf's head is two 64-bit integers");
/* Room on the shelf (pages are only used as they are written); a record
 * larger than this goes straight down the pipe. */
#define SHELF_BYTES (1u << 20)
/* Marked bytes that are written at once rather than gathered further. */
#define MARK_BYTES (64u << 10)

struct fl_shelf {
    int fd;                 /* the pipe */
    shelf_head *head;       /* the shelf file, mapped; NULL: every mark writes `own` */
    char *data;             /* head's records: (char *)head + DATA_AT */
    size_t used;            /* bytes on the shelf, marked or not */
    uint64_t sent;          /* written to fd since the start */
    double last_write;
    fl_buf own;
};

int fl_shelf_file(void)
{
    FILE *f = fl_log_file();
    if (f == NULL)
        return -1;
    int fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 0);
    fclose(f);
    if (fd >= 0 && ftruncate(fd, DATA_AT + SHELF_BYTES) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

fl_shelf *fl_shelf_new(int fd, int shelf)
{
    fl_shelf *sh = xcalloc(1, sizeof *sh);
    sh->fd = fd;
    /* As if written long ago: the first mark writes.  So a record kept
     * back always follows a write, and the parent, which counts time
     * from the last bytes it read, never counts from too late. */
    sh->last_write = -1.0;
    if (shelf < 0)
        return sh;
    void *m = mmap(NULL, DATA_AT + SHELF_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, shelf, 0);
    close(shelf);
    if (m == MAP_FAILED)
        return sh;
    sh->head = m;
    sh->data = (char *)m + DATA_AT;
    return sh;
}

static int write_out(fl_shelf *sh, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (fl_write_all(sh->fd, p, n) != 0)
        return -1;
    sh->sent += n;
    sh->last_write = fl_now();
    return 0;
}

int fl_shelf_flush(fl_shelf *sh)
{
    if (sh->head == NULL) {
        int w = write_out(sh, sh->own.data, sh->own.len);
        sh->own.len = 0;
        return w;
    }
    int w = write_out(sh, sh->data, sh->used);
    sh->used = 0;
    /* Empty first, then the new start: a worker killed in between leaves
     * an empty shelf, never bytes the parent already has. */
    atomic_store_explicit(&sh->head->len, 0, memory_order_release);
    atomic_store_explicit(&sh->head->start, sh->sent, memory_order_release);
    return w;
}

int fl_shelf_put(fl_shelf *sh, const void *p, size_t n)
{
    if (sh->head == NULL) {
        fl_buf_append(&sh->own, p, n);
        return 0;
    }
    if (sh->used + n > SHELF_BYTES && fl_shelf_flush(sh) != 0)
        return -1;
    if (n > SHELF_BYTES) { /* straight down the pipe: the shelf, empty, starts after it */
        int w = write_out(sh, p, n);
        atomic_store_explicit(&sh->head->start, sh->sent, memory_order_release);
        return w;
    }
    memcpy(sh->data + sh->used, p, n);
    sh->used += n;
    return 0;
}

int fl_shelf_mark(fl_shelf *sh)
{
    if (sh->head == NULL)
        return fl_shelf_flush(sh);
    atomic_store_explicit(&sh->head->len, sh->used, memory_order_release);
    if (sh->used >= MARK_BYTES || fl_now() - sh->last_write >= FL_SHELF_SECONDS)
        return fl_shelf_flush(sh);
    return 0;
}

void fl_shelf_free(fl_shelf *sh)
{
    if (sh == NULL)
        return;
    if (sh->head != NULL)
        munmap(sh->head, DATA_AT + SHELF_BYTES);
    fl_buf_free(&sh->own);
    free(sh);
}

/* The shelf's head, read by the parent: 0 or -1. */
static int read_head(int shelf, uint64_t *start, uint64_t *len)
{
    uint64_t head[2];
    if (fl_pread_all(shelf, (char *)head, sizeof head, 0) != 0)
        return -1;
    *start = head[0];
    *len = head[1];
    return 0;
}

int fl_shelf_holds(int shelf, uint64_t received)
{
    uint64_t start = 0, len = 0; /* set by read_head() when it returns 0; gcc -O1 cannot tell */
    /* A head read while the worker writes is old or new in each part:
     * written-out bytes (start > received) or an emptied shelf say 0. */
    return read_head(shelf, &start, &len) == 0 && start == received && len > 0;
}

int fl_shelf_recover(int shelf, uint64_t received, fl_buf *out)
{
    uint64_t start, len;
    if (read_head(shelf, &start, &len) != 0)
        return -1;
    /* Bytes before the shelf that never came cannot be made up. */
    if (len > SHELF_BYTES || received < start)
        return -1;
    if (received >= start + len)
        return 0;
    size_t from = (size_t)(received - start), n = (size_t)len - from;
    char *p = xmalloc(n);
    int rc = fl_pread_all(shelf, p, n, (off_t)(DATA_AT + from));
    if (rc == 0)
        fl_buf_append(out, p, n);
    free(p);
    return rc;
}
