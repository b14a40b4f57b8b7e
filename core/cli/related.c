/* related.c — the second pass of `fislint check` (see related.h).
 *
 * Each kept result, its text included, is written to an unlinked spool
 * file in the wire format the document workers use (finding-wire.h); only
 * an index entry per document stays in memory.  At the end, for each
 * document in input order, the related reports are the other documents of
 * the same unit — one per kind and year, the first in input order, then
 * the history's — and the related checks run on the document rebuilt from
 * its text, with the related documents rebuilt from theirs.  The texts
 * were already read once by a worker under the document limits, and the
 * model is built the same way again. */
#include "related.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "document.h"
#include "finding-wire.h"
#include "util.h"
#include "worker.h"

typedef struct kept {
    long off;            /* of its record in the spool; -1: held in `mem` */
    size_t len;
    char *mem;           /* the record, when the spool could not take it */
    size_t failed;
    char *unit;          /* NULL: cannot be grouped */
    const char *kind;    /* fl_doc_kind_name() */
    int year;
} kept;

struct fl_related_pass {
    const fl_checker *checker;
    const fl_plugin_set *checks;
    fl_history *history;
    FILE *spool;
    kept *items;
    size_t n, cap;
    /* Item indices sorted by unit, then input order (fl_related_pass_finish):
     * a unit's reports are found without looking at every other one, which
     * matters at tens of thousands of reports. */
    size_t *by_unit;
    size_t *group;       /* group[i]: where item i's unit starts in by_unit */
};

fl_related_pass *fl_related_pass_new(const fl_checker *c, const fl_plugin_set *checks,
                                     fl_history *history)
{
    FILE *spool = tmpfile();
    if (spool == NULL) {
        perror("fislint: 无法创建临时文件，本次不做跨文档（跨年度）检查");
        return NULL;
    }
    fl_related_pass *rp = xcalloc(1, sizeof *rp);
    rp->checker = c;
    rp->checks = checks;
    rp->history = history;
    rp->spool = spool;
    return rp;
}

void fl_related_pass_keep(fl_related_pass *rp, fl_doc_result *r, size_t failed_checks)
{
    rp->items = xgrow(rp->items, &rp->cap, rp->n + 1, sizeof *rp->items);
    kept *k = &rp->items[rp->n++];
    memset(k, 0, sizeof *k);
    k->failed = failed_checks;
    k->unit = r->rep != NULL && r->unit != NULL && r->text != NULL ? xstrdup(r->unit) : NULL;
    k->kind = r->kind;
    k->year = r->year;
    fl_buf b = { 0 };
    fl_wire_put_result(&b, r, failed_checks);
    k->off = fseek(rp->spool, 0, SEEK_END) == 0 ? ftell(rp->spool) : -1;
    k->len = b.len;
    if (k->off < 0 || fwrite(b.data, 1, b.len, rp->spool) != b.len) {
        /* A full disk costs memory, not the result. */
        k->off = -1;
        k->mem = fl_buf_steal(&b);
    }
    fl_buf_free(&b);
    fl_doc_result_free(r);
    memset(r, 0, sizeof *r);
}

/* n bytes at `off` of fd; 0, or -1 when they are not all there. */
static int read_at(int fd, char *buf, size_t n, off_t off)
{
    while (n > 0) {
        ssize_t r = pread(fd, buf, n, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        buf += r;
        n -= (size_t)r;
        off += r;
    }
    return 0;
}

/* Result `i` back from the spool (or memory) into *r; -1 when it cannot
 * be read back, *r then says so. */
static int load(fl_related_pass *rp, size_t i, fl_doc_result *r)
{
    kept *k = &rp->items[i];
    char *data = k->mem;
    int ok = 1;
    if (data == NULL) {
        /* pread, not fseek: the helpers share the spool's file offset. */
        data = xmalloc(k->len ? k->len : 1);
        ok = read_at(fileno(rp->spool), data, k->len, k->off) == 0;
    }
    fl_wire_reader rd = { data, k->len, 0 };
    size_t failed;
    ok = ok && fl_wire_get_result(&rd, r, &failed) == 0;
    if (data != k->mem)
        free(data);
    if (!ok) {
        memset(r, 0, sizeof *r);
        r->source = xstrdup("?");
        r->error = xstrdup("无法从临时文件读回本文档的检查结果");
        return -1;
    }
    return 0;
}

/* A related report: where it came from and its text, before it is built. */
typedef struct candidate {
    size_t index;        /* in rp->items; SIZE_MAX for one from history */
    const char *kind;
    int year;
    const fl_hist_report *hist;
} candidate;

static int has(const candidate *c, size_t n, const char *kind, int year)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].kind == kind && c[i].year == year)
            return 1;
    return 0;
}

static int newest_first(const void *a, const void *b)
{
    const fl_document *x = *(const fl_document *const *)a, *y = *(const fl_document *const *)b;
    if (fl_doc_year(x) != fl_doc_year(y))
        return fl_doc_year(x) < fl_doc_year(y) ? 1 : -1;
    return (int)fl_doc_kind_of(x) - (int)fl_doc_kind_of(y);
}

static fl_document *build(const char *source, const char *format, const char *text, size_t len,
                          const char *unit)
{
    fl_document *d = fl_document_from_text(source, format ? format : "text", text, len);
    fl_document_set_unit(d, unit);
    return d;
}

/* The related checks on document `i` (already loaded into *r), their
 * findings added to `into`; returns the number of checks that failed. */
static size_t check_one(fl_related_pass *rp, size_t i, const fl_doc_result *r, fl_report *into)
{
    kept *k = &rp->items[i];
    if (k->unit == NULL || r->text == NULL)
        return 0;
    candidate *cand = NULL;
    size_t nc = 0, cap = 0;
    for (size_t g = rp->group[i]; g < rp->n; g++) {
        size_t j = rp->by_unit[g];
        kept *o = &rp->items[j];
        if (o->unit == NULL || strcmp(o->unit, k->unit) != 0)
            break; /* past the unit's reports */
        if (j == i || (o->kind == k->kind && o->year == k->year) || has(cand, nc, o->kind, o->year))
            continue;
        cand = xgrow(cand, &cap, nc + 1, sizeof *cand);
        cand[nc++] = (candidate){ j, o->kind, o->year, NULL };
    }
    fl_hist_report *hist = NULL;
    size_t nh = 0;
    if (rp->history != NULL && fl_history_unit_reports(rp->history, k->unit, &hist, &nh) != 0)
        fprintf(stderr, "fislint: %s: 读取历史数据库中本单位的其他报告失败，跨年度检查只用本次输入\n",
                r->source);
    for (size_t h = 0; h < nh; h++) {
        if ((hist[h].kind == k->kind && hist[h].year == k->year) ||
            has(cand, nc, hist[h].kind, hist[h].year))
            continue;
        cand = xgrow(cand, &cap, nc + 1, sizeof *cand);
        cand[nc++] = (candidate){ SIZE_MAX, hist[h].kind, hist[h].year, &hist[h] };
    }
    size_t failed = 0;
    if (nc > 0) {
        fl_document **rel = xcalloc(nc, sizeof *rel);
        size_t nrel = 0;
        for (size_t c = 0; c < nc; c++) {
            if (cand[c].hist != NULL) {
                const fl_hist_report *hr = cand[c].hist;
                rel[nrel++] = build(hr->source, hr->format, hr->text, hr->len, k->unit);
                continue;
            }
            fl_doc_result o;
            if (load(rp, cand[c].index, &o) == 0 && o.text != NULL)
                rel[nrel++] = build(o.source, o.format, o.text, o.text_len, k->unit);
            fl_doc_result_free(&o);
        }
        qsort(rel, nrel, sizeof *rel, newest_first);
        fl_document *doc = build(r->source, r->format, r->text, r->text_len, k->unit);
        fl_document_set_related(doc, (const fl_document *const *)rel, nrel);
        fl_report *rep = fl_report_new(doc);
        failed = fl_guard_run(doc, rp->checks, rep, &rp->checker->limits, fl_say_check_failed,
                              r->source);
        fl_report_complete(rep);
        for (size_t f = 0; f < rep->count; f++)
            fl_report_take(into, rep->items[f]);
        rep->count = 0;
        fl_report_free(rep);
        fl_document_free(doc);
        for (size_t d = 0; d < nrel; d++)
            fl_document_free(rel[d]);
        free(rel);
    }
    free(cand);
    fl_hist_reports_free(hist, nh);
    return failed;
}

/* qsort's context, for by_unit_order (qsort_r is not portable). */
static const kept *sorting;

/* By unit (the ungrouped last), then input order. */
static int by_unit_order(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const char *ux = sorting[x].unit, *uy = sorting[y].unit;
    int c = ux == NULL || uy == NULL ? (ux == NULL) - (uy == NULL) : strcmp(ux, uy);
    return c != 0 ? c : (x > y) - (x < y);
}

static void index_units(fl_related_pass *rp)
{
    rp->by_unit = xcalloc(rp->n ? rp->n : 1, sizeof *rp->by_unit);
    rp->group = xcalloc(rp->n ? rp->n : 1, sizeof *rp->group);
    for (size_t i = 0; i < rp->n; i++)
        rp->by_unit[i] = i;
    sorting = rp->items;
    qsort(rp->by_unit, rp->n, sizeof *rp->by_unit, by_unit_order);
    sorting = NULL;
    size_t start = 0;
    for (size_t g = 0; g < rp->n; g++) {
        const char *u = rp->items[rp->by_unit[g]].unit;
        const char *first = rp->items[rp->by_unit[start]].unit;
        if (g > 0 && (u == NULL || first == NULL || strcmp(u, first) != 0))
            start = g;
        rp->group[rp->by_unit[g]] = start;
    }
}

/* -- the pass shared among helper processes --
 *
 * With -j N the documents that have a unit are dealt round-robin to N
 * helpers forked for the pass; each runs check_one (which still runs the
 * checks in check workers of its own, guard.c) on its share in input
 * order and sends back, per document, the findings and where its stderr
 * messages are in its log file.  The main process takes the answers in
 * input order, so output and stderr are those of -j 1.  A helper that
 * dies leaves its remaining documents to the main process. */

typedef struct answer_head {
    uint64_t index, failed;
    uint64_t log_off, log_len;   /* its messages, in the helper's log */
    uint64_t len;                /* finding records (finding-wire.h) follow */
} answer_head;

typedef struct helper {
    pid_t pid;
    int fd;                      /* its answers; -1 when it is gone */
    FILE *log;                   /* its stderr */
} helper;

static off_t log_size(FILE *log)
{
    struct stat st;
    return fstat(fileno(log), &st) == 0 ? st.st_size : 0;
}

static _Noreturn void helper_main(fl_related_pass *rp, size_t h, size_t nh, int fd, FILE *log)
{
    dup2(fileno(log), STDERR_FILENO);
    size_t m = 0;
    for (size_t i = 0; i < rp->n; i++) {
        if (rp->items[i].unit == NULL || m++ % nh != h)
            continue;
        answer_head a = { i, 0, (uint64_t)log_size(log), 0, 0 };
        fl_doc_result r;
        fl_report *found = fl_report_new(NULL);
        if (load(rp, i, &r) == 0 && r.rep != NULL)
            a.failed = check_one(rp, i, &r, found);
        fl_doc_result_free(&r);
        a.log_len = (uint64_t)log_size(log) - a.log_off;
        fl_buf b = { 0 };
        fl_buf_append(&b, (const char *)&a, sizeof a);
        for (size_t f = 0; f < found->count; f++)
            fl_wire_put_finding(&b, found->items[f]);
        ((answer_head *)(void *)b.data)->len = b.len - sizeof a;
        fl_report_free(found);
        if (fl_write_all(fd, b.data, b.len) != 0)
            _exit(3);
        fl_buf_free(&b);
    }
    _exit(0);
}

/* Every answer has been read: the helpers are ending. */
static void helpers_stop(helper *hs, size_t n)
{
    for (size_t h = 0; h < n; h++) {
        if (hs[h].fd >= 0)
            close(hs[h].fd);
        while (waitpid(hs[h].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        fclose(hs[h].log);
    }
}

/* Start up to `n` helpers; returns how many started (0: none, the pass
 * runs here). */
static size_t helpers_start(fl_related_pass *rp, helper *hs, size_t n)
{
    size_t started = 0;
    for (size_t h = 0; h < n; h++) {
        int fds[2];
        FILE *log = tmpfile();
        if (log == NULL || pipe(fds) != 0) {
            if (log != NULL)
                fclose(log);
            break;
        }
        pid_t pid = fl_worker_fork(0);
        if (pid == 0) {
            close(fds[0]);
            for (size_t o = 0; o < started; o++)
                close(hs[o].fd);
            helper_main(rp, h, n, fds[1], log);
        }
        close(fds[1]);
        if (pid < 0) {
            close(fds[0]);
            fclose(log);
            break;
        }
        hs[started++] = (helper){ pid, fds[0], log };
    }
    if (started > 0 && started < n) {
        /* The documents were dealt for n: without all of them, none. */
        helpers_stop(hs, started);
        return 0;
    }
    return started;
}

static int read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Helper h's answer for document i: its findings into r's report, its
 * messages to stderr.  -1 when the helper is gone (or says nonsense). */
static int take_answer(helper *hp, size_t i, fl_doc_result *r, size_t *failed)
{
    answer_head a;
    if (hp->fd < 0 || read_all(hp->fd, &a, sizeof a) != 0 || a.index != i || a.len > SIZE_MAX / 2)
        return -1;
    char *body = xmalloc(a.len ? a.len : 1);
    if (read_all(hp->fd, body, a.len) != 0) {
        free(body);
        return -1;
    }
    fl_wire_reader rd = { body, a.len, 0 };
    fl_finding *f;
    size_t k;
    int status;
    while (fl_wire_next(&rd, &f, &k, &status) == FL_WIRE_FINDING) {
        if (r->rep != NULL)
            fl_report_take(r->rep, f);
        else
            fl_finding_free(f);
    }
    free(body);
    if (a.log_len > 0 && a.log_len < SIZE_MAX) {
        char *msg = xmalloc(a.log_len);
        if (read_at(fileno(hp->log), msg, a.log_len, (off_t)a.log_off) == 0)
            fwrite(msg, 1, a.log_len, stderr);
        free(msg);
    }
    *failed += a.failed;
    return 0;
}

static void gone(helper *hp)
{
    if (hp->fd >= 0)
        close(hp->fd);
    hp->fd = -1;
}

void fl_related_pass_finish(fl_related_pass *rp, unsigned jobs, fl_result_fn fn, void *ctx)
{
    index_units(rp);
    fflush(rp->spool);
    size_t grouped = 0;
    for (size_t i = 0; i < rp->n; i++)
        grouped += rp->items[i].unit != NULL;
    /* SQLite connections must not be used across fork(): with a history,
     * the pass runs here. */
    size_t nh = jobs > 1 && rp->checker->limits.isolate && rp->history == NULL && grouped > 1
                    ? (jobs < grouped ? jobs : grouped) : 0;
    helper *hs = xcalloc(nh ? nh : 1, sizeof *hs);
    nh = helpers_start(rp, hs, nh);
    size_t m = 0;
    for (size_t i = 0; i < rp->n; i++) {
        fl_doc_result r;
        size_t failed = rp->items[i].failed;
        int loaded = load(rp, i, &r) == 0;
        if (rp->items[i].unit != NULL) {
            helper *hp = nh ? &hs[m++ % nh] : NULL;
            size_t before = r.rep != NULL ? r.rep->count : 0;
            if (hp != NULL && take_answer(hp, i, &r, &failed) != 0)
                gone(hp);
            if ((hp == NULL || hp->fd < 0) && loaded && r.rep != NULL)
                failed += check_one(rp, i, &r, r.rep);
            if (r.rep != NULL && r.rep->count != before)
                fl_report_sort(r.rep);
        }
        fn(ctx, &r, failed);
    }
    helpers_stop(hs, nh);
    free(hs);
}

void fl_related_pass_free(fl_related_pass *rp)
{
    if (rp == NULL)
        return;
    for (size_t i = 0; i < rp->n; i++) {
        free(rp->items[i].unit);
        free(rp->items[i].mem);
    }
    free(rp->items);
    free(rp->by_unit);
    free(rp->group);
    fclose(rp->spool);
    free(rp);
}
