/* guard.c — each document's checks run in a worker process forked after
 * the model is built (so the worker shares it for free).  The worker runs
 * the checks in order and sends each one's findings, then a "done" record,
 * down a pipe.  When it dies or stops answering, the check it was running
 * has failed: the parent records that and forks a new worker for the
 * checks after it.  A check's findings are kept only once it is done.
 * Both ends are public (guard.h) so that a document worker of `check`
 * (core/cli/batch.c) can be such a worker itself: one fork a document. */
#include "guard.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "finding-wire.h"
#include "shelf.h"
#include "util.h"
#include "worker.h"


static int run_one(const fl_document *doc, const fl_loaded_plugin *p, fl_report *rep)
{
    fl_report_set_check(rep, p->desc->id);
    fl_report_set_rules(rep, fl_plugin_rules(p->desc));
    int status = p->desc->check(doc, rep, p->state);
    fl_report_set_check(rep, NULL);
    return status;
}

static void fail(fl_report *rep, const char *id, const char *reason, fl_guard_fail_fn on_fail,
                 void *ctx)
{
    fl_report_set_check(rep, NULL);
    fl_report_add(rep, "check-failed", FL_SEV_ERROR,
                  "检查项“%s”未能完成本文档的检查：%s；该检查项在本文档上的结果缺失，其余检查项照常", id,
                  reason);
    if (on_fail)
        on_fail(ctx, id, reason);
}

static size_t first_enabled(const fl_plugin_set *set, size_t k)
{
    while (k < set->count && !set->items[k].enabled)
        k++;
    return k;
}

int fl_guard_stream(const fl_document *doc, const fl_plugin_set *set, size_t first,
                    fl_shelf *out)
{
    fl_buf b = { 0 };
    int w = 0;
    for (size_t k = first; k < set->count && w == 0; k++) {
        const fl_loaded_plugin *p = &set->items[k];
        if (!p->enabled)
            continue;
        fl_report *rep = fl_report_new(doc);
        int status = run_one(doc, p, rep);
        /* Here, where the document is: the parent may not have it. */
        fl_report_complete(rep);
        b.len = 0;
        for (size_t i = 0; i < rep->count; i++)
            fl_wire_put_finding(&b, rep->items[i]);
        fl_wire_put_done(&b, k, status);
        fl_report_free(rep);
        w = fl_shelf_put(out, b.data, b.len) != 0 || fl_shelf_mark(out) != 0;
    }
    fl_buf_free(&b);
    return w ? -1 : 0;
}

static void drop_pending(fl_guard_feed *f)
{
    for (size_t i = 0; i < f->npending; i++)
        fl_finding_free(f->pending[i]);
    f->npending = 0;
}

void fl_guard_feed_init(fl_guard_feed *f, const fl_plugin_set *set, size_t first)
{
    memset(f, 0, sizeof *f);
    f->set = set;
    f->next = first_enabled(set, first);
}

void fl_guard_feed_free(fl_guard_feed *f)
{
    drop_pending(f);
    free(f->pending);
    f->pending = NULL;
    f->pending_cap = 0;
}

size_t fl_guard_feed_read(fl_guard_feed *f, fl_wire_reader *r, fl_report *rep,
                          fl_guard_fail_fn on_fail, void *ctx)
{
    const fl_plugin_set *set = f->set;
    size_t done = 0;
    for (;;) {
        size_t start = r->pos, k;
        fl_finding *fd;
        int status;
        fl_wire_tag tag = fl_wire_next(r, &fd, &k, &status);
        if (tag == FL_WIRE_END || tag == FL_WIRE_TRUNCATED) {
            r->pos = start;
            return done;
        }
        if (tag == FL_WIRE_FINDING) {
            f->pending = xgrow(f->pending, &f->pending_cap, f->npending + 1, sizeof *f->pending);
            f->pending[f->npending++] = fd;
            continue;
        }
        if (k >= set->count || k < f->next) { /* cannot happen: stop trusting the stream */
            r->pos = r->len;
            return done;
        }
        if (status != 0) {
            drop_pending(f);
            char *why = xasprintf("check() 返回了 %d", status);
            fail(rep, set->items[k].desc->id, why, on_fail, ctx);
            free(why);
            f->failed++;
        } else {
            for (size_t i = 0; i < f->npending; i++)
                fl_report_take(rep, f->pending[i]);
            f->npending = 0;
        }
        f->next = first_enabled(set, k + 1);
        done++;
    }
}

/* Why the worker ended before finishing its check. */
static char *death_reason(int wstatus, int timed_out, const fl_guard_limits *lim)
{
    if (timed_out)
        return xasprintf("超过 %u 秒未完成，已终止", lim->timeout_s);
    if (WIFSIGNALED(wstatus))
        return xasprintf("检查项崩溃（信号 %d：%s）", WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
    if (WIFEXITED(wstatus))
        return xasprintf("检查项调用了 exit(%d)，或用尽了内存上限（%zu MB）", WEXITSTATUS(wstatus),
                         lim->memory_mb);
    return xstrdup("检查项异常结束");
}

size_t fl_guard_feed_end(fl_guard_feed *f, fl_report *rep, int wstatus, int timed_out,
                         const fl_guard_limits *lim, fl_guard_fail_fn on_fail, void *ctx)
{
    drop_pending(f);
    if (f->next < f->set->count) { /* the worker died while running check `next` */
        char *why = death_reason(wstatus, timed_out, lim);
        fail(rep, f->set->items[f->next].desc->id, why, on_fail, ctx);
        free(why);
        f->failed++;
        f->next = first_enabled(f->set, f->next + 1);
    }
    return f->next;
}

size_t fl_guard_feed_abandon(fl_guard_feed *f, fl_report *rep, const char *reason,
                             fl_guard_fail_fn on_fail, void *ctx)
{
    drop_pending(f);
    for (; f->next < f->set->count; f->next = first_enabled(f->set, f->next + 1)) {
        fail(rep, f->set->items[f->next].desc->id, reason, on_fail, ctx);
        f->failed++;
    }
    return f->next;
}

/* Without a worker (asked for, or no process could be made): a crash
 * here ends the run, so this is the fallback, not the default. */
static size_t in_process(const fl_document *doc, const fl_plugin_set *set, size_t from,
                         fl_report *rep, fl_guard_fail_fn on_fail, void *ctx)
{
    size_t failed = 0;
    for (size_t k = from; k < set->count; k++)
        if (set->items[k].enabled && run_one(doc, &set->items[k], rep) != 0) {
            fail(rep, set->items[k].desc->id, "check() 返回了非零值", on_fail, ctx);
            failed++;
        }
    return failed;
}

size_t fl_guard_run(const fl_document *doc, const fl_plugin_set *set, fl_report *rep,
                    const fl_guard_limits *lim, fl_guard_fail_fn on_fail, void *ctx)
{
    return fl_guard_run_from(doc, set, 0, rep, lim, on_fail, ctx);
}

size_t fl_guard_run_from(const fl_document *doc, const fl_plugin_set *set, size_t first,
                         fl_report *rep, const fl_guard_limits *lim, fl_guard_fail_fn on_fail,
                         void *ctx)
{
    if (!lim->isolate)
        return in_process(doc, set, first, rep, on_fail, ctx);
    fl_guard_feed f;
    fl_guard_feed_init(&f, set, first);
    while (f.next < set->count) {
        int fds[2];
        if (pipe(fds) != 0) {
            fprintf(stderr, "fislint: 无法创建管道（%s），其余检查项在主进程中运行\n", strerror(errno));
            break;
        }
        pid_t pid = fl_worker_fork(lim->memory_mb);
        if (pid < 0) {
            fprintf(stderr, "fislint: 无法创建子进程（%s），其余检查项在主进程中运行\n", strerror(errno));
            close(fds[0]);
            close(fds[1]);
            break;
        }
        if (pid == 0) {
            close(fds[0]);
            fl_worker_name("fislint-check");
            /* A write after every check: this parent knows no shelf. */
            _exit(fl_guard_stream(doc, set, f.next, fl_shelf_new(fds[1], -1)) == 0 ? 0 : 3);
        }
        close(fds[1]);
        fl_buf data = { 0 };
        size_t parsed = 0;
        int timed_out = 0;
        double deadline = lim->timeout_s ? fl_now() + lim->timeout_s : 0;
        for (;;) {
            int wait_ms = -1;
            if (deadline > 0) {
                double left = deadline - fl_now();
                wait_ms = left > 0 ? (int)(left * 1000) + 1 : 0;
            }
            struct pollfd pfd = { fds[0], POLLIN, 0 };
            int pr = poll(&pfd, 1, wait_ms);
            if (pr < 0 && errno == EINTR)
                continue;
            if (pr == 0) {
                timed_out = 1;
                kill(pid, SIGKILL);
                break;
            }
            char chunk[65536];
            ssize_t n = read(fds[0], chunk, sizeof chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            fl_buf_append(&data, chunk, (size_t)n);
            fl_wire_reader r = { data.data, data.len, parsed };
            if (fl_guard_feed_read(&f, &r, rep, on_fail, ctx) > 0 && deadline > 0)
                deadline = fl_now() + lim->timeout_s; /* the limit is per check */
            parsed = r.pos;
        }
        close(fds[0]);
        int wstatus = 0;
        while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
            ;
        fl_buf_free(&data);
        fl_guard_feed_end(&f, rep, wstatus, timed_out, lim, on_fail, ctx);
    }
    size_t failed = f.failed, next = f.next;
    fl_guard_feed_free(&f);
    if (next < set->count) /* no worker could be had */
        failed += in_process(doc, set, next, rep, on_fail, ctx);
    return failed;
}
