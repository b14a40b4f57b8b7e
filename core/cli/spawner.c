/* spawner.c — the process that forks document workers (spawner.h).
 *
 * Requests and answers are datagrams on a SOCK_SEQPACKET socket pair: a
 * request carries the worker's bytes and two descriptors (SCM_RIGHTS); the
 * spawner answers each with the worker's pid, and later says how each
 * worker ended.  SIGCHLD wakes its poll through a pipe to itself. */
#include "spawner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fd-message.h"
#include "util.h"
#include "worker.h"

enum { SPAWN = 1, FORKED, EXITED };

/* The fixed part of every datagram; a SPAWN request's bytes follow. */
typedef struct head {
    int32_t type;
    int32_t pid;         /* FORKED (-1: fork failed), EXITED */
    int32_t status;      /* EXITED: the waitpid() status */
    uint32_t memory_mb;  /* SPAWN */
} head;

#define MAX_REQUEST 65536

struct fl_spawner {
    pid_t pid;
    int sock;
    int gone;            /* the spawner has died or hung up */
    struct { pid_t pid; int status; } *ended;  /* reports not yet asked for */
    size_t nended, cap;
    pid_t *forgotten;    /* workers whose report is to be dropped */
    size_t nforgotten, fcap;
};

/* -- the spawner process -- */

static int chld_pipe[2] = { -1, -1 };

static void on_chld(int sig)
{
    (void)sig;
    int saved = errno;
    char b = 0;
    ssize_t w = write(chld_pipe[1], &b, 1); /* full pipe: a wake is pending anyway */
    (void)w;
    errno = saved;
}

static void send_head(int sock, int type, pid_t pid, int status)
{
    head h = { type, (int32_t)pid, status, 0 };
    while (send(sock, &h, sizeof h, MSG_NOSIGNAL) < 0 && errno == EINTR)
        ;
}

static void fork_worker(int sock, fl_spawn_body body, void *ctx, const char *buf, size_t n,
                        const int *fds)
{
    head h;
    memcpy(&h, buf, sizeof h);
    pid_t pid = fl_worker_fork(h.memory_mb);
    if (pid == 0) {
        close(sock);
        close(chld_pipe[0]);
        close(chld_pipe[1]);
        signal(SIGCHLD, SIG_DFL);
        body(ctx, buf + sizeof h, n - sizeof h, fds);
        _exit(3); /* a body returns only by mistake */
    }
    fl_close_fds(fds, FL_SPAWN_FDS);
    send_head(sock, FORKED, pid < 0 ? -1 : pid, 0);
}

static _Noreturn void serve(int sock, fl_spawn_body body, void *ctx)
{
    fl_worker_name("fislint-spawner");
    if (pipe(chld_pipe) != 0)
        _exit(3);
    fcntl(chld_pipe[0], F_SETFL, O_NONBLOCK);
    fcntl(chld_pipe[1], F_SETFL, O_NONBLOCK);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    char *buf = xmalloc(sizeof(head) + MAX_REQUEST);
    for (;;) {
        struct pollfd p[2] = { { sock, POLLIN, 0 }, { chld_pipe[0], POLLIN, 0 } };
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            _exit(3);
        }
        if (p[1].revents & POLLIN) {
            char drain[64];
            while (read(chld_pipe[0], drain, sizeof drain) > 0)
                ;
            int status;
            pid_t pid;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
                send_head(sock, EXITED, pid, status);
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            int fds[FL_SPAWN_FDS];
            ssize_t n = fl_fdmsg_recv(sock, buf, sizeof(head) + MAX_REQUEST, fds, FL_SPAWN_FDS);
            if (n <= 0) { /* the main process hung up: the batch is over */
                /* Its workers end as their orders do.  Reaped here, so
                 * that none outlives fislint: an orphan is left to init,
                 * and a container's first process may never reap it. */
                while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
                    ;
                _exit(0);
            }
            if ((size_t)n < sizeof(head) || fds[0] < 0) {
                fl_close_fds(fds, FL_SPAWN_FDS);
                send_head(sock, FORKED, -1, 0);
                continue;
            }
            fork_worker(sock, body, ctx, buf, (size_t)n, fds);
        }
    }
}

/* -- the main process -- */

fl_spawner *fl_spawner_start(fl_spawn_body body, void *ctx)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return NULL;
    pid_t pid = fl_worker_fork(0);
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    if (pid == 0) {
        close(sv[0]);
        serve(sv[1], body, ctx);
    }
    close(sv[1]);
    fl_spawner *sp = xcalloc(1, sizeof *sp);
    sp->pid = pid;
    sp->sock = sv[0];
    return sp;
}

/* The next answer from the spawner; -1 when it is gone. */
static int next_head(fl_spawner *sp, head *h)
{
    if (sp->gone)
        return -1;
    ssize_t n;
    while ((n = recv(sp->sock, h, sizeof *h, 0)) < 0 && errno == EINTR)
        ;
    if (n != (ssize_t)sizeof *h) {
        sp->gone = 1;
        return -1;
    }
    return 0;
}

static void keep_ended(fl_spawner *sp, const head *h)
{
    for (size_t i = 0; i < sp->nforgotten; i++)
        if (sp->forgotten[i] == h->pid) {
            sp->forgotten[i] = sp->forgotten[--sp->nforgotten];
            return;
        }
    sp->ended = xgrow(sp->ended, &sp->cap, sp->nended + 1, sizeof *sp->ended);
    sp->ended[sp->nended].pid = h->pid;
    sp->ended[sp->nended].status = h->status;
    sp->nended++;
}

pid_t fl_spawner_spawn(fl_spawner *sp, size_t memory_mb, const void *msg, size_t len,
                       const int *fds)
{
    if (sp == NULL || sp->gone || len > MAX_REQUEST)
        return -1;
    head h = { SPAWN, 0, 0, (uint32_t)memory_mb };
    struct iovec iov[2] = { { &h, sizeof h }, { (void *)msg, len } };
    ssize_t n = fl_fdmsg_send(sp->sock, iov, 2, fds, FL_SPAWN_FDS);
    if (n < 0) {
        sp->gone = 1;
        return -1;
    }
    head a;
    while (next_head(sp, &a) == 0) {
        if (a.type == FORKED)
            return a.pid > 0 ? (pid_t)a.pid : -1;
        if (a.type == EXITED)
            keep_ended(sp, &a);
    }
    return -1;
}

int fl_spawner_wait(fl_spawner *sp, pid_t pid)
{
    for (;;) {
        for (size_t i = 0; i < sp->nended; i++)
            if (sp->ended[i].pid == pid) {
                int status = sp->ended[i].status;
                sp->ended[i] = sp->ended[--sp->nended];
                return status;
            }
        head a;
        if (next_head(sp, &a) != 0)
            return SIGKILL; /* as waitpid() says of a process killed by SIGKILL */
        if (a.type == EXITED)
            keep_ended(sp, &a);
    }
}

void fl_spawner_forget(fl_spawner *sp, pid_t pid)
{
    for (size_t i = 0; i < sp->nended; i++)
        if (sp->ended[i].pid == pid) { /* already reported */
            sp->ended[i] = sp->ended[--sp->nended];
            return;
        }
    sp->forgotten = xgrow(sp->forgotten, &sp->fcap, sp->nforgotten + 1, sizeof *sp->forgotten);
    sp->forgotten[sp->nforgotten++] = pid;
}

void fl_spawner_stop(fl_spawner *sp)
{
    if (sp == NULL)
        return;
    close(sp->sock);
    while (waitpid(sp->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    free(sp->ended);
    free(sp->forgotten);
    free(sp);
}
