/* spool.c — the run's shared temporary file (spool.h). */
#include "spool.h"

#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"
#include "worker.h"

struct fl_spool {
    FILE *file;
    int fd;
    /* The end of the reserved ranges, in a page shared with every process
     * forked after it was made. */
    _Atomic unsigned long long *end;
};

fl_spool *fl_spool_new(void)
{
    FILE *f = tmpfile();
    void *page = f != NULL ? mmap(NULL, sizeof(_Atomic unsigned long long), PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0)
                           : MAP_FAILED;
    if (page == MAP_FAILED) {
        int e = errno;
        if (f != NULL)
            fclose(f);
        errno = e;
        return NULL;
    }
    fl_spool *sp = xcalloc(1, sizeof *sp);
    sp->file = f;
    sp->fd = fileno(f);
    sp->end = page;
    atomic_init(sp->end, 0);
    return sp;
}

void fl_spool_free(fl_spool *sp)
{
    if (sp == NULL)
        return;
    munmap((void *)sp->end, sizeof *sp->end);
    fclose(sp->file);
    free(sp);
}

long long fl_spool_put(fl_spool *sp, const char *data, size_t len)
{
    unsigned long long off = atomic_fetch_add(sp->end, (unsigned long long)len);
    if (off + len > (unsigned long long)LLONG_MAX)
        return -1;
    /* A range left half written (a full disk) is never read: the caller
     * keeps its bytes. */
    if (fl_pwrite_all(sp->fd, data, len, (off_t)off) != 0)
        return -1;
    return (long long)off;
}

int fl_spool_get(const fl_spool *sp, long long off, size_t len, char *buf)
{
    if (off < 0 || fl_pread_all(sp->fd, buf, len, (off_t)off) != 0)
        return -1;
    buf[len] = '\0';
    return 0;
}
