/* batch.c — many files, each read and checked in a document worker
 * process, up to `jobs` at once.  A worker sends its results down a pipe
 * (finding-wire.h) and exits; the parent hands them on in input order, so
 * the output of -j 8 is byte for byte the output of -j 1.  A reader that
 * crashes on a hostile file costs that file only. */
#include "check-doc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "finding-wire.h"

#include "source.h"
#include "util.h"
#include "worker.h"

typedef struct slot {
    pid_t pid;           /* 0 when not running */
    int fd;
    fl_buf data;         /* what the worker sent */
    char *log;           /* what it wrote on stderr, shown when its turn comes */
    double deadline;     /* CLOCK_MONOTONIC seconds; 0 for none */
    int timed_out;
    int done;            /* results parsed into `results` */
    fl_doc_result *results;
    size_t *failed;
    size_t nresults, cap, fcap;
} slot;

typedef struct child_ctx {
    const fl_checker *checker;
    fl_buf out;
} child_ctx;

static void child_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    child_ctx *cc = ctx;
    fl_doc_result r;
    size_t failed = fl_check_document(cc->checker, source, input, error, &r);
    fl_wire_put_result(&cc->out, &r, failed);
    fl_doc_result_free(&r);
}

/* Everything the worker writes on stderr (its messages, a plugin's), so
 * the parent can print it in input order, not interleaved. */
static char *captured_stderr(FILE *tmp)
{
    fflush(stderr);
    if (tmp == NULL || fseek(tmp, 0, SEEK_SET) != 0)
        return NULL;
    fl_buf b = { 0 };
    char chunk[4096];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, tmp)) > 0)
        fl_buf_append(&b, chunk, r);
    return b.data;
}

static _Noreturn void worker(const fl_checker *c, const char *path, size_t max_size, int fd)
{
    child_ctx cc = { c, { 0 } };
    FILE *tmp = tmpfile();
    if (tmp != NULL)
        dup2(fileno(tmp), STDERR_FILENO);
    fl_source_load_file(path, max_size, child_document, &cc);
    char *log = captured_stderr(tmp);
    fl_buf msg = { 0 };
    fl_wire_put_log(&msg, log);
    fl_buf_append(&msg, cc.out.data ? cc.out.data : "", cc.out.len);
    free(log);
    _exit(fl_write_all(fd, msg.data ? msg.data : "", msg.len) == 0 ? 0 : 3);
}

static void add_result(slot *s, fl_doc_result *r, size_t failed)
{
    s->results = xgrow(s->results, &s->cap, s->nresults + 1, sizeof *s->results);
    s->failed = xgrow(s->failed, &s->fcap, s->nresults + 1, sizeof *s->failed);
    s->results[s->nresults] = *r;
    s->failed[s->nresults++] = failed;
}

/* The worker has ended: turn what it sent into results; when it died
 * before sending them all, its file gets an error. */
static void finish(slot *s, const char *path, int wstatus)
{
    fl_wire_reader rd = { s->data.data, s->data.len, 0 };
    s->log = fl_wire_get_log(&rd);
    while (rd.pos < rd.len) {
        fl_doc_result r;
        size_t failed;
        if (fl_wire_get_result(&rd, &r, &failed) != 0)
            break;
        add_result(s, &r, failed);
    }
    int complete = rd.pos == rd.len && s->nresults > 0 && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
    if (!complete) {
        fl_doc_result r = { 0 };
        r.source = xstrdup(path);
        if (s->timed_out)
            r.error = xasprintf("读取和检查本文件超过时间上限（--doc-timeout），已终止");
        else if (WIFSIGNALED(wstatus))
            r.error = xasprintf("读取或检查本文件的进程异常结束（信号 %d：%s）：文件可能已损坏或被恶意构造",
                                WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
        else
            r.error = xasprintf("读取或检查本文件的进程异常结束（退出状态 %d）", WEXITSTATUS(wstatus));
        char *log = xasprintf("%sfislint: %s: %s\n", s->log ? s->log : "", path, r.error);
        free(s->log);
        s->log = log;
        /* Results already received are kept; the file is still unreadable. */
        add_result(s, &r, 0);
    }
    fl_buf_free(&s->data);
    s->done = 1;
}

static void in_process_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    slot *s = ((void **)ctx)[0];
    const fl_checker *c = ((void **)ctx)[1];
    fl_doc_result r;
    size_t failed = fl_check_document(c, source, input, error, &r);
    add_result(s, &r, failed);
}

static int start(slot *s, const fl_checker *c, const char *path, size_t max_size)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fl_worker_fork(c->doc_memory_mb);
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        worker(c, path, max_size, fds[1]);
    }
    close(fds[1]);
    s->pid = pid;
    s->fd = fds[0];
    s->deadline = c->doc_timeout_s ? fl_now() + c->doc_timeout_s : 0;
    return 0;
}

/* Run file `i` here, when no worker can be had or isolation is off. */
static void run_here(slot *s, const fl_checker *c, const char *path, size_t max_size)
{
    void *ctx[2] = { s, (void *)c };
    fl_source_load_file(path, max_size, in_process_document, ctx);
    s->done = 1;
}

/* Read from the running workers (all within slots[lo, hi)) until at
 * least one ends; returns how many ended. */
static size_t pump(slot *slots, size_t lo, size_t hi, char *const *paths)
{
    size_t cap = hi - lo, np = 0, ended = 0;
    struct pollfd *pfd = xcalloc(cap ? cap : 1, sizeof *pfd);
    size_t *which = xcalloc(cap ? cap : 1, sizeof *which);
    for (size_t i = lo; i < hi; i++)
        if (slots[i].pid > 0) {
            pfd[np] = (struct pollfd){ slots[i].fd, POLLIN, 0 };
            which[np++] = i;
        }
    while (np > 0 && ended == 0) {
        /* Wake for the nearest deadline; a worker past its own is killed,
         * and the end of its pipe then reports it like any other end. */
        double soonest = 0;
        for (size_t k = 0; k < np; k++) {
            slot *s = &slots[which[k]];
            if (s->pid > 0 && s->deadline > 0 && (soonest == 0 || s->deadline < soonest))
                soonest = s->deadline;
        }
        int wait_ms = -1;
        if (soonest > 0) {
            double left = soonest - fl_now();
            wait_ms = left > 0 ? (int)(left * 1000) + 1 : 0;
        }
        int pr;
        while ((pr = poll(pfd, np, wait_ms)) < 0 && errno == EINTR)
            ;
        if (pr == 0) {
            for (size_t k = 0; k < np; k++) {
                slot *s = &slots[which[k]];
                if (s->pid > 0 && s->deadline > 0 && fl_now() >= s->deadline && !s->timed_out) {
                    s->timed_out = 1;
                    kill(s->pid, SIGKILL);
                }
            }
            continue;
        }
        for (size_t k = 0; k < np; k++) {
            slot *s = &slots[which[k]];
            if (s->pid == 0 || !(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[65536];
            ssize_t r = read(s->fd, chunk, sizeof chunk);
            if (r < 0 && errno == EINTR)
                continue;
            if (r > 0) {
                fl_buf_append(&s->data, chunk, (size_t)r);
                continue;
            }
            close(s->fd);
            pfd[k].fd = -1; /* poll ignores it from now on */
            int wstatus = 0;
            while (waitpid(s->pid, &wstatus, 0) < 0 && errno == EINTR)
                ;
            s->pid = 0;
            finish(s, paths[which[k]], wstatus);
            ended++;
        }
    }
    free(pfd);
    free(which);
    return ended;
}

/* "已检查 12/50 个文档 · 问题 34 · 当前：path" on one terminal line,
 * rewritten in place; cleared before anything else is printed. */
typedef struct progress {
    int on;
    size_t done, total, findings;
    int shown;
} progress;

static void progress_clear(progress *pg)
{
    if (pg->on && pg->shown) {
        fputs("\r\033[K", stderr);
        pg->shown = 0;
    }
}

static void progress_show(progress *pg, const char *current)
{
    if (!pg->on)
        return;
    const char *name = current ? strrchr(current, '/') : NULL;
    name = name ? name + 1 : current;
    fprintf(stderr, "\r\033[K已检查 %zu/%zu 个文档 · 问题 %zu%s%s", pg->done, pg->total,
            pg->findings, name ? " · 下一个：" : "", name ? name : "");
    fflush(stderr);
    pg->shown = 1;
}

void fl_batch_files(const fl_checker *c, char *const *paths, size_t n, size_t max_size,
                    unsigned jobs, fl_result_fn fn, void *ctx)
{
    progress pg = { c->progress && n > 0, 0, n, 0, 0 };
    slot *slots = xcalloc(n ? n : 1, sizeof *slots);
    size_t next_start = 0, next_emit = 0, running = 0;
    if (jobs == 0)
        jobs = 1;
    while (next_emit < n) {
        while (next_start < n && running < jobs) {
            slot *s = &slots[next_start];
            /* Standard input cannot be shared with a worker reliably
             * once read: "-" is read here. */
            if (!c->limits.isolate || strcmp(paths[next_start], "-") == 0 ||
                start(s, c, paths[next_start], max_size) != 0)
                run_here(s, c, paths[next_start], max_size);
            else
                running++;
            next_start++;
        }
        for (; next_emit < n && slots[next_emit].done; next_emit++) {
            slot *s = &slots[next_emit];
            if (s->log != NULL) {
                progress_clear(&pg);
                fputs(s->log, stderr);
                free(s->log);
            }
            for (size_t i = 0; i < s->nresults; i++) {
                pg.findings += s->results[i].rep ? s->results[i].rep->count : 0;
                fn(ctx, &s->results[i], s->failed[i]);
            }
            free(s->results);
            free(s->failed);
            pg.done++;
            progress_show(&pg, next_emit + 1 < n ? paths[next_emit + 1] : NULL);
        }
        if (next_emit < n && running > 0)
            running -= pump(slots, next_emit, next_start, paths);
    }
    progress_clear(&pg);
    free(slots);
}
