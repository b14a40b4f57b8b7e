/* batch.c — many files, read and checked in document worker processes
 * (doc-worker.h), up to `jobs` at once.  A worker builds the model, sends
 * what the document is (a header), then runs the checks itself, sending
 * each one's findings and a done record as guard.c's check worker does
 * (guard.h), but in batches, the rest kept on a shelf this process can
 * read if the worker dies (shelf.h); then it takes the next file.  The
 * parent hands results on in input order, so the output of -j 8 is byte
 * for byte the output of -j 1.  A reader that crashes on a hostile file
 * costs that file only; a check that crashes, hangs, calls exit() or eats
 * all memory costs its own findings on that document only: the parent
 * records it as failed and has a new worker take the same file at the
 * check after it.  Workers are forked by a spawner process (spawner.h)
 * when one could be started, so that the main process, which keeps
 * writing its heap, is not forked. */
#include "check-doc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "doc-worker.h"
#include "document.h"
#include "finding-wire.h"
#include "shelf.h"
#include "source.h"
#include "spawner.h"
#include "util.h"
#include "worker.h"

typedef struct slot slot;

/* A document worker, kept for many documents.  It has the file it works
 * on and, queued behind it in its order socket, the next one: a worker
 * that finishes a file starts the next at once instead of waiting for
 * the parent to read its results and send an order (that wait was 3% of
 * a worker's time at -j 1 and 7% at -j 2, where the parent shares the
 * cores with the workers). */
typedef struct proc {
    pid_t pid;           /* 0: none (not started yet, ended or retired) */
    int data;            /* its stream of headers and findings, read here */
    int orders;          /* where it takes its next file */
    fl_spawner *sp;      /* forked it; NULL: forked here */
    size_t docs;         /* files it was given */
    /* Received from `data` and not yet parsed: data_buf.data + parsed.
     * The worker's, not a file's: the bytes after one file's end are
     * the next one's, and the buffer is not remade for every file. */
    fl_buf data_buf;
    size_t parsed;
    slot *cur;           /* the file whose stream is being read; NULL: idle */
    slot *next;          /* its order queued behind cur's, or NULL */
    int shelf;           /* its shelf file (shelf.h), or -1 */
    uint64_t received;   /* bytes read from `data`, to read the shelf from */
    double last_read;    /* fl_now() after `data` last brought bytes; 0: never */
} proc;

/* Files in flight per worker: the one it works on and one queued. */
#define ORDERS_PER_WORKER 2

/* A worker's receive buffer larger than this is not kept between files
 * (a text sent inline, with --db, can be tens of MB). */
#define KEEP_BUF_BYTES (4u << 20)

/* The size asked for each worker's stream (Linux's default ceiling for
 * an unprivileged process, /proc/sys/fs/pipe-max-size). */
#define DATA_PIPE_BYTES (1 << 20)

/* A worker's memory is its own for this many files, then it is replaced:
 * what checks leak or fragment does not build up over a batch.  A
 * replacement costs more than its fork: the old worker's queue drains
 * first (no order is queued behind its last), and the new one faults its
 * heap in afresh.  Every 200 files that was 3-5% of a batch of ordinary
 * reports at -j 1; every 1,000, a fifth of it. */
#define DOCS_PER_WORKER 1000

/* Logs that files left empty, kept for the next files: making a log
 * (memfd_create, fdopen, two fcntl) and closing it were half of the main
 * process's system calls per file. */
#define SPARE_LOGS 8

typedef struct pool {
    const fl_checker *c;
    size_t max_size;
    fl_spawner *sp;      /* NULL when none could be started */
    int spawner_gone;    /* it stopped forking: workers are forked here */
    proc *procs;         /* one per job */
    size_t n;
    FILE *spare_logs[SPARE_LOGS];
    size_t nspare;
} pool;

struct slot {
    pool *pool;          /* set when a worker is first asked; NULL: never */
    proc *w;             /* the worker given this slot's file; NULL: none */
    size_t first;        /* the check its order begins with */
    int begun;           /* its worker has come to it (the deadline runs) */
    FILE *errf;          /* its workers' stderr, shown when its turn comes */
    double doc_deadline;   /* CLOCK_MONOTONIC seconds; 0 for none */
    double check_deadline; /* for the check now running; 0 for none */
    double peek_at;        /* no header yet: when to look whether the checks
                            * began (expire); 0 for never */
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
};

/* -- the workers -- */

/* The same for every worker of one batch; the spawner has its copy. */
typedef struct spawn_ctx {
    const fl_checker *c;
    size_t max_size;
} spawn_ctx;

static void spawned_worker(void *ctx, const void *msg, size_t len, const int *fds)
{
    const spawn_ctx *sc = ctx;
    (void)msg;
    (void)len;
    fl_doc_worker_serve(sc->c, sc->max_size, fds[0], fds[1], fds[2]);
}

/* A new worker on `p`; 0 or -1. */
static int proc_start(pool *pl, proc *p)
{
    /* Its stream, its orders, and the shelf it keeps unwritten records on. */
    int data[2] = { -1, -1 }, sv[2] = { -1, -1 };
    int shelf = fl_shelf_file();
    if (shelf < 0 || pipe(data) != 0 || socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) {
        int fds[] = { shelf, data[0], data[1], sv[0], sv[1] };
        fl_close_fds(fds, 5);
        return -1;
    }
    /* Room for a file's header and findings, so that a worker seldom
     * waits for this process to read: 64 KB filled up whenever the
     * parent, sharing the cores, came late.  Linux only; a smaller pipe
     * only costs time. */
#ifdef F_SETPIPE_SZ
    (void)fcntl(data[1], F_SETPIPE_SZ, DATA_PIPE_BYTES);
#endif
    pid_t pid = -1;
    p->sp = NULL;
    if (pl->sp != NULL && !pl->spawner_gone) {
        int fds[FL_SPAWN_FDS] = { data[1], sv[1], shelf };
        pid = fl_spawner_spawn(pl->sp, pl->c->doc_memory_mb, "w", 1, fds);
        if (pid > 0)
            p->sp = pl->sp;
        else
            pl->spawner_gone = 1;
    }
    if (pid < 0) { /* no spawner, or it is gone: fork here */
        pid = fl_worker_fork(pl->c->doc_memory_mb);
        if (pid == 0) {
            close(data[0]);
            close(sv[0]);
            /* The other workers must see their orders end when this
             * process ends them, not when this worker does. */
            for (size_t i = 0; i < pl->n; i++)
                if (pl->procs[i].pid > 0 && &pl->procs[i] != p) {
                    close(pl->procs[i].data);
                    close(pl->procs[i].orders);
                    close(pl->procs[i].shelf);
                }
            fl_doc_worker_serve(pl->c, pl->max_size, data[1], sv[1], shelf);
        }
    }
    close(data[1]);
    close(sv[1]);
    if (pid < 0) {
        int fds[] = { shelf, data[0], sv[0] };
        fl_close_fds(fds, 3);
        return -1;
    }
    fl_buf buf = p->data_buf; /* its room is kept for the next worker */
    buf.len = 0;
    *p = (proc){ pid, data[0], sv[0], p->sp, 0, buf, 0, NULL, NULL, shelf, 0, 0 };
    return 0;
}

/* Done with worker `p`: it ends (an idle one when its orders end).
 * Returns how it ended when `want_status`, else 0 without waiting. */
static int proc_end(proc *p, int want_status)
{
    close(p->data);
    close(p->orders);
    if (p->shelf >= 0)
        close(p->shelf);
    p->shelf = -1;
    int wstatus = 0;
    if (p->sp != NULL && want_status)
        wstatus = fl_spawner_wait(p->sp, p->pid);
    else if (p->sp != NULL)
        fl_spawner_forget(p->sp, p->pid);
    else
        while (waitpid(p->pid, &wstatus, 0) < 0 && errno == EINTR)
            ;
    p->pid = 0;
    p->cur = p->next = NULL;
    p->data_buf.len = p->parsed = 0;
    return wstatus;
}

/* An idle worker has nothing to say: if its stream is readable, it ended
 * (killed from outside, or with its spawner) or misbehaves. */
static int proc_gone(const proc *p)
{
    struct pollfd pfd = { p->data, POLLIN, 0 };
    return poll(&pfd, 1, 0) != 0;
}

/* A worker for a new order: an idle one, or a new one in a free place;
 * else, when `may_queue`, one busy with a single file and not about to
 * retire, to queue the order behind it.  NULL when none could be
 * started, or with *all_busy set when every worker has its orders. */
static proc *proc_get(pool *pl, int may_queue, int *all_busy)
{
    *all_busy = 0;
    for (size_t i = 0; i < pl->n; i++) {
        proc *p = &pl->procs[i];
        if (p->cur != NULL)
            continue;
        if (p->pid > 0 && (p->docs >= DOCS_PER_WORKER || proc_gone(p)))
            proc_end(p, 0);
        if (p->pid == 0 && proc_start(pl, p) != 0)
            return NULL;
        return p;
    }
    for (size_t i = 0; may_queue && i < pl->n; i++) {
        proc *p = &pl->procs[i];
        if (p->next == NULL && p->docs < DOCS_PER_WORKER)
            return p;
    }
    *all_busy = 1;
    return NULL;
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
    s->done = 1;
}

/* A log for a new file: a spare one, else a new one; NULL on failure. */
static FILE *log_get(pool *pl)
{
    return pl->nspare > 0 ? pl->spare_logs[--pl->nspare] : fl_log_file();
}

/* The file is done: what its log holds is shown when its turn comes.  An
 * empty log serves another file: a worker writes to stderr only between
 * taking an order and sending its last record, and points stderr at the
 * new file's log before it reads that file. */
static void close_slot_keeping_log(slot *s)
{
    s->log = s->errf != NULL ? read_log(s->errf) : NULL;
    pool *pl = s->pool;
    if (s->log == NULL && s->errf != NULL && pl != NULL && pl->nspare < SPARE_LOGS) {
        pl->spare_logs[pl->nspare++] = s->errf;
        s->errf = NULL;
    }
    close_slot(s);
}

/* Every check has run (or failed): the document's result is whole. */
static void complete(slot *s)
{
    if (s->doc.rep != NULL)
        fl_report_sort(s->doc.rep);
    add_result(s, &s->doc, s->feed.failed);
    memset(&s->doc, 0, sizeof s->doc);
    close_slot_keeping_log(s);
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

/* The worker comes to this slot's file: its stream is read now, and the
 * document's time limit starts the first time (a worker taking over
 * after a failed check has no new limit). */
static void become_current(slot *s, const fl_checker *c)
{
    proc *p = s->w;
    p->cur = s;
    /* Its header may be kept back on the shelf, but only within
     * FL_SHELF_SECONDS of a write this process has read (a new worker's
     * first header is written at once). */
    s->peek_at = c->limits.timeout_s && p->last_read > 0
                     ? p->last_read + c->limits.timeout_s + FL_SHELF_SECONDS
                     : 0;
    if (!s->begun) {
        s->begun = 1;
        s->doc_deadline = c->doc_timeout_s ? fl_now() + c->doc_timeout_s : 0;
    }
}

/* Give file `path` to a worker, from check `first` on: 0; 1 when every
 * worker has its orders (try again when one finishes); -1 when no worker
 * can be had.  With `may_queue` the order may wait behind a worker's
 * current file. */
static int start(slot *s, pool *pl, const char *path, size_t first, int resumed, int may_queue)
{
    s->pool = pl;
    if (s->errf == NULL && (s->errf = log_get(pl)) == NULL)
        return -1;
    /* A worker that ended while idle is found when the order cannot be
     * sent; the file then goes to a new one.  One that died at work is
     * replaced when pump() reads the end of its stream: until then the
     * file waits (1) instead of being checked here, where its messages
     * would not keep the input order. */
    int died_at_work = 0;
    for (size_t attempt = 0; attempt <= 2 * pl->n; attempt++) {
        int all_busy;
        proc *p = proc_get(pl, may_queue, &all_busy);
        if (p == NULL)
            return all_busy || died_at_work ? 1 : -1;
        if (fl_doc_order_send(p->orders, path, first, resumed, fileno(s->errf)) != 0) {
            if (p->cur == NULL) {
                proc_end(p, 0);
            } else {
                /* No more orders for it meanwhile. */
                p->docs = DOCS_PER_WORKER;
                died_at_work = 1;
            }
            continue;
        }
        p->docs++;
        s->w = p;
        s->first = first;
        s->resumed = resumed;
        s->have_header = 0;
        s->check_deadline = 0;
        s->check_timed_out = 0;
        if (p->cur == NULL)
            become_current(s, pl->c);
        else
            p->next = s;
        return 0;
    }
    return died_at_work ? 1 : -1;
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
    proc *p = s->w;
    fl_wire_reader rd = { p->data_buf.data, p->data_buf.len, p->parsed };
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
    p->parsed = rd.pos;
    if (p->parsed == p->data_buf.len) {
        p->data_buf.len = p->parsed = 0;
        /* Room kept for the next file, but not that of one huge text. */
        if (p->data_buf.cap > KEEP_BUF_BYTES)
            fl_buf_free(&p->data_buf);
    } else if (p->parsed >= 65536) {
        /* A record cut by the read: move it to the front, so that the
         * buffer is no larger than what one read and one record need. */
        memmove(p->data_buf.data, p->data_buf.data + p->parsed, p->data_buf.len - p->parsed);
        p->data_buf.len -= p->parsed;
        p->parsed = 0;
    }
    return began;
}

static void in_process_document(void *ctx, const char *source, const fl_input *input, const char *error)
{
    slot *s = ((void **)ctx)[0];
    const fl_checker *c = ((void **)ctx)[1];
    fl_doc_result r;
    size_t failed = fl_check_document(c, source, input, error, &r);
    add_result(s, &r, failed);
}

/* Run the file here, when no worker can be had or isolation is off.  Its
 * messages on stderr go to the file's log, as a worker's would, and are
 * shown when its turn comes. */
static void run_here(slot *s, const fl_checker *c, const char *path, size_t max_size)
{
    if (s->errf == NULL)
        s->errf = fl_log_file();
    int saved = -1;
    if (s->errf != NULL) {
        fflush(stderr);
        saved = dup(STDERR_FILENO);
        if (saved >= 0 && dup2(fileno(s->errf), STDERR_FILENO) < 0) {
            close(saved);
            saved = -1;
        }
    }
    void *ctx[2] = { s, (void *)c };
    fl_source_load_file(path, max_size, in_process_document, ctx);
    if (saved >= 0) {
        fflush(stderr);
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
    close_slot_keeping_log(s);
}

/* Give the file to another worker, from check `first` on (`resumed`:
 * the checks before ran elsewhere); when none can be had, do the rest
 * here, and then the file is complete. */
static void hand_on(slot *s, pool *pl, const char *path, size_t first, int resumed)
{
    if (start(s, pl, path, first, resumed, 1) == 0)
        return;
    if (resumed) {
        resume_here(s, pl->c, path, pl->max_size, first);
        complete(s);
    } else {
        run_here(s, pl->c, path, pl->max_size);
    }
}

/* The worker has ended.  It may have died in a check: that check has
 * failed, and a new worker takes the checks after it. */
static void ended(slot *s, pool *pl, const char *path, int wstatus)
{
    const fl_checker *c = pl->c;
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
    if (next < c->plugins->count)
        hand_on(s, pl, path, next, 1);
    else
        complete(s);
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

/* Whether bytes wait in pipe `fd` (or it cannot be told). */
static int pipe_unread(int fd)
{
    int n = 0;
    return ioctl(fd, FIONREAD, &n) != 0 || n > 0;
}

/* Stop a worker past its deadline; the end of its stream then reports it
 * like any other end. */
static void expire(slot *s, double now)
{
    if (s->w == NULL || s->w->cur != s || s->doc_timed_out || s->check_timed_out)
        return;
    if (s->doc_deadline > 0 && now >= s->doc_deadline) {
        s->doc_timed_out = 1;
    } else if (s->check_deadline > 0 && now >= s->check_deadline) {
        s->check_timed_out = 1;
    } else if (!s->have_header && s->peek_at > 0 && now >= s->peek_at) {
        /* A header on the shelf, not written: the checks began before
         * peek_at less the time limit, and one has run past it.  None:
         * the file is still being read, and its header, so late, will be
         * written at once. */
        s->peek_at = 0;
        /* In this order: records written after the head was read wait
         * in the pipe, and are read before anything is decided. */
        if (!fl_shelf_holds(s->w->shelf, s->w->received) || pipe_unread(s->w->data))
            return;
        s->check_timed_out = 1;
    } else {
        return;
    }
    kill(s->w->pid, SIGKILL);
}

/* The worker has sent all of the file's: the result is whole, and the
 * worker goes on with the file queued behind it, if any, whose first
 * bytes may already be in the worker's buffer.  Returns that slot. */
static slot *finished(slot *s, const fl_checker *c)
{
    proc *p = s->w;
    slot *q = p->next;
    p->cur = p->next = NULL;
    s->w = NULL;
    if (q != NULL)
        become_current(q, c);
    complete(s);
    return q;
}

/* Parse what worker p's stream brought; returns the files it finished. */
static size_t absorb(proc *p, const fl_checker *c)
{
    size_t n = 0;
    for (slot *s = p->cur; s != NULL; n++) {
        /* A worker writes its records in batches, up to FL_SHELF_SECONDS
         * after the check that was done: the check now running has the
         * whole limit after that. */
        if (take(s, c))
            s->check_deadline =
                c->limits.timeout_s ? fl_now() + c->limits.timeout_s + FL_SHELF_SECONDS : 0;
        if (!said_all(s, c) || s->doc_timed_out || s->check_timed_out)
            break;
        s = finished(s, c);
    }
    return n;
}

/* Worker p is gone: what it had gathered and not written is on its
 * shelf (shelf.h).  Returns the files that finishes. */
static size_t recover_shelf(proc *p, const fl_checker *c)
{
    if (p->shelf < 0 || fl_shelf_recover(p->shelf, p->received, &p->data_buf) != 0)
        return 0;
    return absorb(p, c);
}

/* Worker p ended before it sent all of its file: it died, or was killed
 * for a time limit.  Its file goes on at the check after the failed one;
 * the file queued behind it, never begun, goes to another worker.
 * Returns the files this finished. */
static size_t died(proc *p, slot *slots, pool *pl, char *const *paths)
{
    size_t n = recover_shelf(p, pl->c);
    slot *s = p->cur, *q = p->next;
    if (s == NULL) { /* its shelf had the rest */
        proc_end(p, 0);
        return n;
    }
    int wstatus = proc_end(p, 1);
    s->w = NULL;
    ended(s, pl, paths[s - slots], wstatus);
    n += s->done;
    if (q == NULL)
        return n;
    q->w = NULL;
    hand_on(q, pl, paths[q - slots], q->first, q->resumed);
    return n + q->done;
}

/* One read of a worker's stream, straight onto the end of b (there is a
 * stream's worth of it a run, tens of MB). */
static ssize_t read_more(int fd, fl_buf *b)
{
    enum { CHUNK = 65536 };
    if (b->cap - b->len <= CHUNK)
        fl_buf_grow(b, CHUNK);
    ssize_t r = read(fd, b->data + b->len, CHUNK);
    if (r > 0) {
        b->len += (size_t)r;
        b->data[b->len] = '\0';
    }
    return r;
}

/* Read from the working workers until at least one file is done;
 * returns how many are. */
static size_t pump(slot *slots, pool *pl, char *const *paths)
{
    const fl_checker *c = pl->c;
    size_t ended_n = 0;
    struct pollfd *pfd = xcalloc(pl->n, sizeof *pfd);
    proc **who = xcalloc(pl->n, sizeof *who);
    while (ended_n == 0) {
        size_t np = 0;
        double soonest = 0;
        for (size_t i = 0; i < pl->n; i++) {
            proc *p = &pl->procs[i];
            if (p->pid <= 0 || p->cur == NULL)
                continue;
            pfd[np] = (struct pollfd){ p->data, POLLIN, 0 };
            who[np++] = p;
            soonest = earliest(earliest(soonest, p->cur->doc_deadline), p->cur->check_deadline);
            if (!p->cur->have_header)
                soonest = earliest(soonest, p->cur->peek_at);
        }
        if (np == 0)
            break;
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
                expire(who[k]->cur, now);
        }
        if (pr <= 0)
            continue;
        for (size_t k = 0; k < np; k++) {
            proc *p = who[k];
            if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t r = read_more(p->data, &p->data_buf);
            if (r < 0 && errno == EINTR)
                continue;
            if (r > 0) {
                p->received += (uint64_t)r;
                p->last_read = fl_now();
                ended_n += absorb(p, c);
                continue;
            }
            /* A death starts and ends workers: poll them afresh. */
            ended_n += died(p, slots, pl, paths);
            break;
        }
    }
    free(pfd);
    free(who);
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
    if (jobs == 0)
        jobs = 1;
    spawn_ctx sc = { c, max_size };
    pool pl = { c, max_size, NULL, 0, xcalloc(jobs, sizeof(proc)), jobs, { NULL }, 0 };
    if (c->limits.isolate && n > 0)
        pl.sp = fl_spawner_start(spawned_worker, &sc);
    /* After the spawner's fork: slots made before it (cleared, so touched)
     * were pages it shared, and every first write to one here was a copy
     * and a flush of the other core's TLB. */
    slot *slots = xcalloc(n ? n : 1, sizeof *slots);
    size_t next_start = 0, next_emit = 0, running = 0;
    while (next_emit < n) {
        while (next_start < n && running < (size_t)jobs * ORDERS_PER_WORKER) {
            slot *s = &slots[next_start];
            /* Standard input cannot be shared with a worker reliably
             * once read: "-" is read here. */
            /* The last files go to idle workers only: queued behind a
             * long one, a file would keep the run going while the other
             * workers have nothing left to do. */
            int may_queue = n - next_start > jobs;
            int rc = -1;
            if (c->limits.isolate && strcmp(paths[next_start], "-") != 0 &&
                (rc = start(s, &pl, paths[next_start], 0, 0, may_queue)) == 1)
                break; /* every worker has its orders */
            if (rc != 0)
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
            running -= pump(slots, &pl, paths);
    }
    progress_clear(&pg);
    for (size_t i = 0; i < pl.n; i++) {
        if (pl.procs[i].pid > 0)
            proc_end(&pl.procs[i], 0);
        fl_buf_free(&pl.procs[i].data_buf);
    }
    free(pl.procs);
    for (size_t i = 0; i < pl.nspare; i++)
        fclose(pl.spare_logs[i]);
    fl_spawner_stop(pl.sp);
    free(slots);
}
