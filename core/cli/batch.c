/* batch.c — many files, each read and checked in a document worker
 * process, up to `jobs` at once.  The worker builds the model, sends what
 * the document is (a header), then runs the checks itself, sending each
 * one's findings and a done record as guard.c's check worker does (guard.h)
 * — one fork a document, not two.  The parent hands results on in input
 * order, so the output of -j 8 is byte for byte the output of -j 1.  A
 * reader that crashes on a hostile file costs that file only; a check that
 * crashes, hangs, calls exit() or eats all memory costs its own findings on
 * that document only: the parent records it as failed and starts a new
 * worker for the same file at the check after it.  Workers are forked by
 * a spawner process (spawner.h) when one could be started, so that the
 * main process, which keeps writing its heap, is not forked again and
 * again. */
#include "check-doc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "document.h"
#include "finding-wire.h"
#include "source.h"
#include "spawner.h"
#include "util.h"
#include "worker.h"

typedef struct slot {
    fl_spawner *sp;      /* forks this slot's workers; NULL: fork here */
    pid_t pid;           /* 0 when not running */
    int fd;
    FILE *errf;          /* its workers' stderr, shown when its turn comes */
    fl_buf data;         /* received and not yet parsed from data.data + parsed */
    size_t parsed;
    double doc_deadline;   /* CLOCK_MONOTONIC seconds; 0 for none */
    double check_deadline; /* for the check now running; 0 for none */
    int doc_timed_out, check_timed_out;
    int resumed;         /* this worker starts after a failed check */
    int have_header;     /* this worker has sent its header */
    fl_doc_result doc;   /* the header and the findings of the checks done */
    fl_guard_feed feed;
    char *log;           /* what to print on stderr before its results */
    int done;            /* results parsed into `results` */
    fl_doc_result *results;
    size_t *failed;
    size_t nresults, cap, fcap;
} slot;

/* -- the worker -- */

typedef struct child_ctx {
    const fl_checker *c;
    size_t first;        /* the check to begin with */
    int resumed, fd, errfd;
    int status;          /* the worker's exit status */
} child_ctx;

static void child_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    child_ctx *cc = ctx;
    fl_doc_result r;
    fl_document *doc = fl_check_document_open(cc->c, source, input, error, &r);
    fl_buf b = { 0 };
    if (!cc->resumed) {
        fl_wire_put_result(&b, &r, 0);
    } else {
        if (doc == NULL) { /* read once, now not: the parent says so */
            cc->status = 4;
            return;
        }
        /* Only a sign that the checks begin: the parent has the rest. */
        fl_doc_result sign = { 0 };
        sign.source = r.source;
        sign.rep = r.rep;
        fl_wire_put_result(&b, &sign, 0);
        dup2(cc->errfd, STDERR_FILENO);
    }
    int w = fl_write_all(cc->fd, b.data, b.len);
    fl_buf_free(&b);
    if (w != 0) {
        cc->status = 3;
        return;
    }
    if (doc != NULL) {
        /* A check past --check-memory fails alone, as in a check worker. */
        fl_worker_lower_memory(cc->c->limits.memory_mb);
        if (fl_guard_stream(doc, cc->c->plugins, cc->first, cc->fd) != 0)
            cc->status = 3;
    }
    /* Nothing freed: the process ends now. */
}

static _Noreturn void worker(const fl_checker *c, const char *path, size_t max_size, size_t first,
                             int resumed, int fd, int errfd)
{
    /* A restarted worker reads the file again quietly: the first one's
     * messages about it are already in the log. */
    int err = resumed ? open("/dev/null", O_WRONLY) : errfd;
    if (err >= 0)
        dup2(err, STDERR_FILENO);
    child_ctx cc = { c, first, resumed, fd, errfd, 0 };
    fl_source_load_file(path, max_size, child_document, &cc);
    _exit(cc.status);
}

/* What a spawned worker is told: where to begin, then the file's path. */
typedef struct spawn_order {
    size_t first;
    int resumed;
} spawn_order;

/* The same for every worker of one batch; the spawner has its copy. */
typedef struct spawn_ctx {
    const fl_checker *c;
    size_t max_size;
} spawn_ctx;

static void spawned_worker(void *ctx, const void *msg, size_t len, int fd, int errfd)
{
    const spawn_ctx *sc = ctx;
    spawn_order o;
    if (len <= sizeof o)
        _exit(3);
    memcpy(&o, msg, sizeof o);
    char *path = xstrndup((const char *)msg + sizeof o, len - sizeof o);
    worker(sc->c, path, sc->max_size, o.first, o.resumed, fd, errfd);
}

/* -- the parent -- */

static void add_result(slot *s, fl_doc_result *r, size_t failed)
{
    s->results = xgrow(s->results, &s->cap, s->nresults + 1, sizeof *s->results);
    s->failed = xgrow(s->failed, &s->fcap, s->nresults + 1, sizeof *s->failed);
    s->results[s->nresults] = *r;
    s->failed[s->nresults++] = failed;
}

/* A check failed: said in the document's log, where its worker would. */
static void note_failed(void *ctx, const char *check_id, const char *reason)
{
    slot *s = ctx;
    char *note = fl_check_failed_note(s->doc.source, check_id, reason);
    if (s->errf != NULL)
        fl_write_all(fileno(s->errf), note, strlen(note));
    else
        fputs(note, stderr);
    free(note);
}

static char *read_log(FILE *f)
{
    fl_buf b = { 0 };
    char chunk[4096];
    ssize_t r;
    off_t off = 0;
    while ((r = pread(fileno(f), chunk, sizeof chunk, off)) > 0) {
        fl_buf_append(&b, chunk, (size_t)r);
        off += r;
    }
    return b.data; /* NULL when empty */
}

static void close_slot(slot *s)
{
    if (s->errf != NULL)
        fclose(s->errf);
    s->errf = NULL;
    fl_guard_feed_free(&s->feed);
    fl_buf_free(&s->data);
    s->parsed = 0;
    s->done = 1;
}

/* Every check has run (or failed): the document's result is whole. */
static void complete(slot *s)
{
    if (s->doc.rep != NULL)
        fl_report_sort(s->doc.rep);
    add_result(s, &s->doc, s->feed.failed);
    memset(&s->doc, 0, sizeof s->doc);
    s->log = s->errf ? read_log(s->errf) : NULL;
    close_slot(s);
}

/* The worker was stopped for --doc-timeout, or died before it had read
 * the document: the file gets an error, and its log only that. */
static void unreadable(slot *s, const char *path, int wstatus)
{
    fl_doc_result_free(&s->doc);
    memset(&s->doc, 0, sizeof s->doc);
    fl_doc_result r = { 0 };
    r.source = xstrdup(path);
    if (s->doc_timed_out)
        r.error = xasprintf("读取和检查本文件超过时间上限（--doc-timeout），已终止");
    else if (WIFSIGNALED(wstatus))
        r.error = xasprintf("读取或检查本文件的进程异常结束（信号 %d：%s）：文件可能已损坏或被恶意构造",
                            WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
    else
        r.error = xasprintf("读取或检查本文件的进程异常结束（退出状态 %d）", WEXITSTATUS(wstatus));
    s->log = xasprintf("fislint: %s: %s\n", path, r.error);
    add_result(s, &r, 0);
    close_slot(s);
}

/* Start a worker for file `path` at check `first`; 0 or -1. */
static int start(slot *s, const fl_checker *c, const char *path, size_t max_size, size_t first,
                 int resumed)
{
    if (s->errf == NULL) {
        if ((s->errf = tmpfile()) == NULL)
            return -1;
        /* The parent adds its notes while a worker may be writing. */
        int fl = fcntl(fileno(s->errf), F_GETFL);
        if (fl >= 0)
            fcntl(fileno(s->errf), F_SETFL, fl | O_APPEND);
    }
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = -1;
    if (s->sp != NULL) {
        fl_buf order = { 0 };
        spawn_order o = { first, resumed };
        fl_buf_append(&order, (const char *)&o, sizeof o);
        fl_buf_append(&order, path, strlen(path));
        pid = fl_spawner_spawn(s->sp, c->doc_memory_mb, order.data, order.len, fds[1],
                               fileno(s->errf));
        fl_buf_free(&order);
    }
    if (pid < 0) { /* no spawner, or it is gone: fork here */
        s->sp = NULL;
        pid = fl_worker_fork(c->doc_memory_mb);
        if (pid < 0) {
            close(fds[0]);
            close(fds[1]);
            return -1;
        }
        if (pid == 0) {
            close(fds[0]);
            worker(c, path, max_size, first, resumed, fds[1], fileno(s->errf));
        }
    }
    close(fds[1]);
    s->pid = pid;
    s->fd = fds[0];
    s->resumed = resumed;
    s->have_header = 0;
    s->check_deadline = 0;
    s->check_timed_out = 0;
    s->data.len = 0;
    s->parsed = 0;
    return 0;
}

/* Why the checks after a failed one did not run, when the file could not
 * be read again to run them. */
#define REREAD_FAILED "前一检查项失败后，重新读取本文件未成功（文件可能已被移动、删除或修改），未能运行"

typedef struct resume_ctx {
    slot *s;
    const fl_checker *c;
    size_t first;
    int read;            /* the file was read again */
} resume_ctx;

static void resume_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    resume_ctx *rc = ctx;
    (void)error; /* read before; now gone: resume_here says so */
    if (input == NULL)
        return;
    rc->read = 1;
    fl_document *doc = fl_document_from_text(source, input->format, input->text, input->len);
    fl_report *rep = fl_report_new(doc);
    rc->s->feed.failed += fl_guard_run_from(doc, rc->c->plugins, rc->first, rep, &rc->c->limits,
                                            note_failed, rc->s);
    fl_report_complete(rep);
    for (size_t i = 0; i < rep->count; i++)
        fl_report_take(rc->s->doc.rep, rep->items[i]);
    rep->count = 0;
    fl_report_free(rep);
    fl_document_free(doc);
}

/* No new worker could be had after a failed check: the checks after it
 * run from here, each still in a check worker of its own (guard.c). */
static void resume_here(slot *s, const fl_checker *c, const char *path, size_t max_size, size_t first)
{
    resume_ctx rc = { s, c, first, 0 };
    fl_source_load_file(path, max_size, resume_document, &rc);
    if (!rc.read)
        fl_guard_feed_abandon(&s->feed, s->doc.rep, REREAD_FAILED, note_failed, s);
}

/* Parse what the worker has sent so far; 1 when its header or a done
 * record came (a check begins, with a deadline of its own). */
static int take(slot *s, const fl_checker *c)
{
    fl_wire_reader rd = { s->data.data, s->data.len, s->parsed };
    int began = 0;
    if (!s->have_header) {
        fl_doc_result h;
        size_t failed;
        if (fl_wire_get_result(&rd, &h, &failed) != 0)
            return 0; /* cut short: wait for the rest */
        s->have_header = began = 1;
        if (s->resumed) {
            fl_doc_result_free(&h);
        } else {
            s->doc = h;
            /* An unreadable document has no checks to wait for. */
            fl_guard_feed_init(&s->feed, c->plugins, h.rep != NULL ? 0 : c->plugins->count);
        }
    }
    if (s->doc.rep != NULL && fl_guard_feed_read(&s->feed, &rd, s->doc.rep, note_failed, s) > 0)
        began = 1;
    s->parsed = rd.pos;
    if (s->parsed == s->data.len)
        s->data.len = s->parsed = 0;
    return began;
}

/* The worker has ended.  It may have died in a check: that check has
 * failed, and a new worker takes the checks after it. */
static void ended(slot *s, const fl_checker *c, const char *path, size_t max_size, int wstatus)
{
    if (s->doc_timed_out || (!s->have_header && !s->resumed)) {
        unreadable(s, path, wstatus);
        return;
    }
    if (!s->have_header) { /* a worker taking over could not read the file again */
        fl_guard_feed_abandon(&s->feed, s->doc.rep, REREAD_FAILED, note_failed, s);
        complete(s);
        return;
    }
    size_t next = fl_guard_feed_end(&s->feed, s->doc.rep, wstatus, s->check_timed_out, &c->limits,
                                    note_failed, s);
    if (next < c->plugins->count) {
        if (start(s, c, path, max_size, next, 1) == 0)
            return;
        resume_here(s, c, path, max_size, next);
    }
    complete(s);
}

static void in_process_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    slot *s = ((void **)ctx)[0];
    const fl_checker *c = ((void **)ctx)[1];
    fl_doc_result r;
    size_t failed = fl_check_document(c, source, input, error, &r);
    add_result(s, &r, failed);
}

/* Run file `i` here, when no worker can be had or isolation is off. */
static void run_here(slot *s, const fl_checker *c, const char *path, size_t max_size)
{
    if (s->errf != NULL)
        fclose(s->errf);
    s->errf = NULL;
    void *ctx[2] = { s, (void *)c };
    fl_source_load_file(path, max_size, in_process_document, ctx);
    s->done = 1;
}

/* The worker sent everything it had to: its header and, for a document
 * that was read, a done record for every check. */
static int said_all(const slot *s, const fl_checker *c)
{
    return s->have_header && (s->doc.rep == NULL || s->feed.next >= c->plugins->count);
}

static double earliest(double a, double b)
{
    return b > 0 && (a == 0 || b < a) ? b : a;
}

/* Stop a worker past its deadline; the end of its pipe then reports it
 * like any other end. */
static void expire(slot *s, double now)
{
    if (s->pid <= 0 || s->doc_timed_out || s->check_timed_out)
        return;
    if (s->doc_deadline > 0 && now >= s->doc_deadline)
        s->doc_timed_out = 1;
    else if (s->check_deadline > 0 && now >= s->check_deadline)
        s->check_timed_out = 1;
    else
        return;
    kill(s->pid, SIGKILL);
}

/* Read from the running workers (all within slots[lo, hi)) until at
 * least one document is done; returns how many are. */
static size_t pump(slot *slots, size_t lo, size_t hi, const fl_checker *c, char *const *paths,
                   size_t max_size)
{
    size_t cap = hi - lo, np = 0, ended_n = 0;
    struct pollfd *pfd = xcalloc(cap ? cap : 1, sizeof *pfd);
    size_t *which = xcalloc(cap ? cap : 1, sizeof *which);
    for (size_t i = lo; i < hi; i++)
        if (slots[i].pid > 0) {
            pfd[np] = (struct pollfd){ slots[i].fd, POLLIN, 0 };
            which[np++] = i;
        }
    while (np > 0 && ended_n == 0) {
        double soonest = 0;
        for (size_t k = 0; k < np; k++) {
            slot *s = &slots[which[k]];
            if (s->pid > 0)
                soonest = earliest(earliest(soonest, s->doc_deadline), s->check_deadline);
        }
        int wait_ms = -1;
        if (soonest > 0) {
            double left = soonest - fl_now();
            wait_ms = left > 0 ? (int)(left * 1000) + 1 : 0;
        }
        int pr;
        while ((pr = poll(pfd, np, wait_ms)) < 0 && errno == EINTR)
            ;
        /* Checked on every wake: other workers' output must not keep a
         * hung one alive. */
        if (soonest > 0) {
            double now = fl_now();
            for (size_t k = 0; k < np; k++)
                expire(&slots[which[k]], now);
        }
        if (pr <= 0)
            continue;
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
                if (take(s, c))
                    s->check_deadline = c->limits.timeout_s ? fl_now() + c->limits.timeout_s : 0;
                continue;
            }
            close(s->fd);
            int wstatus = 0;
            if (s->sp != NULL && said_all(s, c))
                fl_spawner_forget(s->sp, s->pid); /* the next document need not wait for its exit */
            else if (s->sp != NULL)
                wstatus = fl_spawner_wait(s->sp, s->pid);
            else
                while (waitpid(s->pid, &wstatus, 0) < 0 && errno == EINTR)
                    ;
            s->pid = 0;
            ended(s, c, paths[which[k]], max_size, wstatus);
            if (s->done) {
                pfd[k].fd = -1; /* poll ignores it from now on */
                ended_n++;
            } else {
                pfd[k].fd = s->fd; /* a new worker for the checks left */
                pfd[k].revents = 0;
            }
        }
    }
    free(pfd);
    free(which);
    return ended_n;
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
    spawn_ctx sc = { c, max_size };
    fl_spawner *sp = c->limits.isolate && n > 0 ? fl_spawner_start(spawned_worker, &sc) : NULL;
    for (size_t i = 0; i < n; i++)
        slots[i].sp = sp;
    size_t next_start = 0, next_emit = 0, running = 0;
    if (jobs == 0)
        jobs = 1;
    while (next_emit < n) {
        while (next_start < n && running < jobs) {
            slot *s = &slots[next_start];
            /* Standard input cannot be shared with a worker reliably
             * once read: "-" is read here. */
            if (!c->limits.isolate || strcmp(paths[next_start], "-") == 0 ||
                start(s, c, paths[next_start], max_size, 0, 0) != 0) {
                run_here(s, c, paths[next_start], max_size);
            } else {
                s->doc_deadline = c->doc_timeout_s ? fl_now() + c->doc_timeout_s : 0;
                running++;
            }
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
            running -= pump(slots, next_emit, next_start, c, paths, max_size);
    }
    progress_clear(&pg);
    fl_spawner_stop(sp);
    free(slots);
}
