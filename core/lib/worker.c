/* worker.c — forking a worker process that dies with its parent and stays
 * within a memory limit; writing its answer; the file its stderr goes to;
 * the clock for deadlines. */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#include <sys/prctl.h>
#endif

#include "util.h"

pid_t fl_worker_fork(size_t memory_mb)
{
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) /* it died before prctl took effect */
        _exit(3);
#else
    (void)parent;
#endif
#ifndef FL_UNDER_ASAN
    if (memory_mb > 0) {
        struct rlimit rl = { memory_mb << 20, memory_mb << 20 };
        setrlimit(RLIMIT_AS, &rl);
    }
#else
    (void)memory_mb;
#endif
    return 0;
}

void fl_worker_lower_memory(size_t memory_mb)
{
#ifndef FL_UNDER_ASAN
    struct rlimit rl;
    rlim_t want = (rlim_t)memory_mb << 20;
    if (memory_mb == 0 || getrlimit(RLIMIT_AS, &rl) != 0)
        return;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= want)
        return;
    rl.rlim_cur = want; /* the hard limit stays: fl_worker_restore_memory */
    setrlimit(RLIMIT_AS, &rl);
#else
    (void)memory_mb;
#endif
}

void fl_worker_restore_memory(void)
{
#ifndef FL_UNDER_ASAN
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == rl.rlim_max)
        return;
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_AS, &rl);
#endif
}

void fl_worker_name(const char *name)
{
#ifdef __linux__
    prctl(PR_SET_NAME, name, 0, 0, 0);
#else
    (void)name;
#endif
}

void fl_close_fds(const int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

int fl_write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* n bytes at offset `off`: read into rbuf, or written from wbuf when
 * it is not NULL; retried after signals.  0, or -1 when they are not
 * all read or written. */
static int positioned_all(int fd, char *rbuf, const char *wbuf, size_t n, off_t off)
{
    for (size_t done = 0; done < n;) {
        off_t at = off + (off_t)done;
        ssize_t k = wbuf != NULL ? pwrite(fd, wbuf + done, n - done, at)
                                 : pread(fd, rbuf + done, n - done, at);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        done += (size_t)k;
    }
    return 0;
}

int fl_pwrite_all(int fd, const char *p, size_t n, off_t off)
{
    return positioned_all(fd, NULL, p, n, off);
}

int fl_pread_all(int fd, char *buf, size_t n, off_t off)
{
    return positioned_all(fd, buf, NULL, n, off);
}

FILE *fl_log_file(void)
{
    FILE *f = NULL;
#ifdef MFD_CLOEXEC
    int fd = memfd_create("fislint-log", MFD_CLOEXEC);
    if (fd >= 0 && (f = fdopen(fd, "w+")) == NULL)
        close(fd);
#endif
    if (f == NULL && (f = tmpfile()) == NULL)
        return NULL;
    /* The parent adds its notes while a worker may be writing. */
    int fl = fcntl(fileno(f), F_GETFL);
    if (fl >= 0)
        fcntl(fileno(f), F_SETFL, fl | O_APPEND);
    return f;
}

double fl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
