/* related.c — the second pass of `fislint check` (see related.h).
 *
 * Each kept result is written to the run's spool (spool.h) in the wire
 * format the document workers use (finding-wire.h); its text is there
 * too, put by the worker that read it.  Only an index entry per
 * document stays in memory (or, when the output keeps every result to
 * the end anyway, the result without its text: fl_related_pass_new).  At
 * the end, for each document in input order, the related reports are the
 * other documents of the same unit — one per kind and year, the first in
 * input order, then the history's — and the related checks run on the
 * document rebuilt from its text, with the related documents rebuilt
 * from theirs.  The texts
 * were already read once by a worker under the document limits, and the
 * model is built the same way again. */
#include "related.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "document.h"
#include "finding-wire.h"
#include "pool.h"
#include "util.h"
#include "worker.h"

typedef struct kept {
    long long off;       /* of its record in the spool; -1: held in `mem` */
    size_t len;
    char *mem;           /* the record, when the spool could not take it */
    /* Or the result itself, without its text, when the pass holds results
     * (fl_related_pass_new); handed on by load().  In the entry, not
     * allocated apart: the helpers are forked before the results are
     * handed on, and freeing a block of its own per result made the main
     * process copy a shared page for each (1,100 faults in 1,000
     * documents).  Handing it on does not write here either (`handed`). */
    fl_doc_result held;
    int holding;
    /* Its text, apart from the record: only the checks need it, and the
     * main process reads every record back but not every text. */
    long long text_off;  /* in the spool; -1: held in text_mem */
    size_t text_len;
    char *text_mem;
    int has_text;
    size_t failed;
    char *unit;          /* NULL: cannot be grouped; in `strings` */
    const char *kind;    /* fl_doc_kind_name() */
    int year;
    /* What building its text needs besides, when the pass holds results
     * (its result may have been handed on); else it is read back.  In
     * `strings`. */
    char *source, *format;
} kept;

struct fl_related_pass {
    const fl_checker *checker;
    const fl_plugin_set *checks;
    fl_history *history;
    fl_spool *spool;
    int hold;            /* keep results in memory, not in the spool */
    kept *items;
    size_t n, cap;
    /* Item indices sorted by unit, then input order (fl_related_pass_finish):
     * a unit's reports are found without looking at every other one, which
     * matters at tens of thousands of reports. */
    size_t *by_unit;
    size_t *group;       /* group[i]: where item i's unit starts in by_unit */
    /* helper_of[i]: the helper that answers for item i (with helpers;
     * deal_units). */
    size_t *helper_of;
    /* This process's documents built lately, each the same whether it is
     * checked or is another's related report: a unit of k reports is
     * parsed k times, not k * k. */
    struct built *built;
    size_t nbuilt, capbuilt, built_bytes;
    unsigned long long turn;  /* with_related calls so far */
    /* A record encoded for the spool, or read back from it: one buffer for
     * them all (a fresh one each time was page-faulted in afresh). */
    fl_buf record;
    /* The entries' strings.  Freed one by one at the end, they cost the
     * main process a page fault a page: the pages were shared with the
     * helpers until these ended. */
    fl_pool strings;
    /* handed[i]: item i's held result is handed on (load).  Allocated
     * after the helpers' fork, for the same reason as the strings: clearing
     * each entry copied the pages of `items` the helpers share, a fault and
     * a flush of the other core's TLB each: a fifth of the main process's
     * time in the pass. */
    unsigned char *handed;
};

/* A document built from a kept result's text, owned by the cache. */
typedef struct built {
    size_t index;            /* in rp->items */
    fl_document *doc;
    size_t bytes;            /* its text's, a measure of the model's size */
    unsigned long long used; /* the with_related call that last used it */
} built;

/* The cache keeps documents of texts of at most this many bytes in all
 * (a model takes about 14 times its text: some 220 MB), beyond those the
 * current call uses: a unit's reports of many years fit. */
#define BUILT_MAX_BYTES ((size_t)16 << 20)

fl_related_pass *fl_related_pass_new(const fl_checker *c, const fl_plugin_set *checks,
                                     fl_history *history, int hold)
{
    fl_spool *spool = fl_spool_new();
    if (spool == NULL) {
        perror("fislint: 无法创建临时文件，本次不做跨文档（跨年度）检查");
        return NULL;
    }
    fl_related_pass *rp = xcalloc(1, sizeof *rp);
    rp->checker = c;
    rp->checks = checks;
    rp->history = history;
    rp->spool = spool;
    rp->hold = hold;
    return rp;
}

fl_spool *fl_related_pass_texts(fl_related_pass *rp)
{
    return rp->spool;
}

void fl_related_pass_keep(fl_related_pass *rp, fl_doc_result *r, size_t failed_checks)
{
    rp->items = xgrow(rp->items, &rp->cap, rp->n + 1, sizeof *rp->items);
    kept *k = &rp->items[rp->n++];
    memset(k, 0, sizeof *k);
    k->failed = failed_checks;
    k->has_text = r->text != NULL || r->text_spooled;
    k->unit = r->rep != NULL && r->unit != NULL && k->has_text ? fl_pool_strdup(&rp->strings, r->unit) : NULL;
    k->kind = r->kind;
    k->year = r->year;
    char *text = r->text;
    k->text_len = r->text_len;
    k->text_off = r->text_spooled ? r->text_off : -1;
    r->text = NULL;
    r->text_len = 0;
    r->text_spooled = 0;
    /* A text the worker could not spool, or read here. */
    if (text != NULL && (k->text_off = fl_spool_put(rp->spool, text, k->text_len)) < 0) {
        k->text_mem = text;
        text = NULL;
    }
    free(text);
    k->off = -1;
    if (rp->hold) {
        k->source = fl_pool_strdup(&rp->strings, r->source);
        k->format = r->format != NULL ? fl_pool_strdup(&rp->strings, r->format) : NULL;
        k->held = *r;
        k->holding = 1;
        memset(r, 0, sizeof *r);
        return;
    }
    fl_buf *b = &rp->record;
    b->len = 0;
    fl_wire_put_result(b, r, failed_checks);
    k->len = b->len;
    /* A full disk costs memory, not the result. */
    if ((k->off = fl_spool_put(rp->spool, b->data, b->len)) < 0) {
        k->mem = xmalloc(b->len + 1);
        memcpy(k->mem, b->data, b->len + 1); /* records hold NUL bytes */
    }
    fl_doc_result_free(r);
    memset(r, 0, sizeof *r);
}

/* Result `i` back from the spool (or memory) into *r, without its text;
 * -1 when it cannot be read back, *r then says so.  A held result is
 * handed on: a process loads each result once at most. */
static int load(fl_related_pass *rp, size_t i, fl_doc_result *r)
{
    kept *k = &rp->items[i];
    if (k->holding && !rp->handed[i]) {
        *r = k->held;
        rp->handed[i] = 1;
        return 0;
    }
    /* A held result is not in the spool: one handed on already is gone. */
    char *data = k->mem;
    int ok = !rp->hold;
    if (ok && data == NULL) {
        data = fl_buf_reset(&rp->record, k->len);
        ok = fl_spool_get(rp->spool, k->off, k->len, data) == 0;
    }
    fl_wire_reader rd = { data, k->len, 0 };
    size_t failed;
    ok = ok && fl_wire_get_result(&rd, r, &failed) == 0;
    if (!ok) {
        memset(r, 0, sizeof *r);
        r->source = xstrdup("?");
        r->error = xstrdup("无法从临时文件读回本文档的检查结果");
        return -1;
    }
    return 0;
}

/* Result i's text into *r (loaded already); it stays NULL when the text
 * cannot be read back. */
static void load_text(fl_related_pass *rp, size_t i, fl_doc_result *r)
{
    kept *k = &rp->items[i];
    if (!k->has_text || r->text != NULL)
        return;
    char *text = xmalloc(k->text_len + 1);
    if (k->text_mem != NULL) {
        memcpy(text, k->text_mem, k->text_len);
        text[k->text_len] = '\0';
    } else if (fl_spool_get(rp->spool, k->text_off, k->text_len, text) != 0) {
        free(text);
        return;
    }
    r->text = text;
    r->text_len = k->text_len;
}

/* Both. */
static int load_with_text(fl_related_pass *rp, size_t i, fl_doc_result *r)
{
    if (load(rp, i, r) != 0)
        return -1;
    load_text(rp, i, r);
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

/* Drop the least recently used documents not used by the current call
 * until there is room for `bytes` more. */
static void built_make_room(fl_related_pass *rp, size_t bytes)
{
    while (rp->nbuilt > 0 && rp->built_bytes + bytes > BUILT_MAX_BYTES) {
        size_t old = SIZE_MAX;
        for (size_t b = 0; b < rp->nbuilt; b++)
            if (rp->built[b].used != rp->turn &&
                (old == SIZE_MAX || rp->built[b].used < rp->built[old].used))
                old = b;
        if (old == SIZE_MAX)
            return; /* all in use: the cache grows for this call */
        fl_document_free(rp->built[old].doc);
        rp->built_bytes -= rp->built[old].bytes;
        rp->built[old] = rp->built[--rp->nbuilt];
    }
}

/* Kept result i built as a document (owned by the cache), from `have`
 * when it is loaded with its text already; NULL when its text cannot be
 * read back. */
static fl_document *built_doc(fl_related_pass *rp, size_t i, const fl_doc_result *have,
                              const char *unit)
{
    for (size_t b = 0; b < rp->nbuilt; b++)
        if (rp->built[b].index == i) {
            rp->built[b].used = rp->turn;
            return rp->built[b].doc;
        }
    /* Another's related report needs its text alone, not its result: a
     * held one may have been handed on already (load). */
    const kept *k = &rp->items[i];
    fl_doc_result o = { 0 };
    const fl_doc_result *r = have;
    if (r == NULL && rp->hold) {
        o.source = k->source;
        o.format = k->format;
        load_text(rp, i, &o);
        r = &o;
    } else if (r == NULL) {
        if (load_with_text(rp, i, &o) != 0) {
            fl_doc_result_free(&o); /* it says why it could not */
            return NULL;
        }
        r = &o;
    }
    fl_document *doc = r->text != NULL ? build(r->source, r->format, r->text, r->text_len, unit)
                                       : NULL;
    size_t bytes = r->text_len;
    if (r == &o && rp->hold)
        free(o.text);
    else if (r == &o)
        fl_doc_result_free(&o);
    if (doc == NULL)
        return NULL;
    built_make_room(rp, bytes);
    rp->built = xgrow(rp->built, &rp->capbuilt, rp->nbuilt + 1, sizeof *rp->built);
    rp->built[rp->nbuilt++] = (built){ i, doc, bytes, rp->turn };
    rp->built_bytes += bytes;
    return doc;
}

/* Per unit (by the start of its group), how many of its reports this
 * process has still to check: those dealt to helper h, or all with
 * h == SIZE_MAX.  Owned by the caller. */
static size_t *units_left(const fl_related_pass *rp, size_t h)
{
    size_t *left = xcalloc(rp->n ? rp->n : 1, sizeof *left);
    for (size_t i = 0; i < rp->n; i++)
        if (rp->items[i].unit != NULL && (h == SIZE_MAX || rp->helper_of[i] == h))
            left[rp->group[i]]++;
    return left;
}

/* Report i is checked (or passed over): when it was its unit's last here,
 * the unit's documents leave the cache.  Kept until the cache was full,
 * every unit's models stayed behind it and each new one took fresh pages
 * (30,000 page faults for 1,000 reports in units of 5, most of the
 * pass); dropped, their memory serves the next unit. */
static void unit_done(fl_related_pass *rp, size_t *left, size_t i)
{
    if (rp->items[i].unit == NULL || left[rp->group[i]] == 0 || --left[rp->group[i]] > 0)
        return;
    for (size_t b = 0; b < rp->nbuilt;) {
        if (rp->group[rp->built[b].index] != rp->group[i]) {
            b++;
            continue;
        }
        fl_document_free(rp->built[b].doc);
        rp->built_bytes -= rp->built[b].bytes;
        rp->built[b] = rp->built[--rp->nbuilt];
    }
}

static void built_free(fl_related_pass *rp)
{
    for (size_t b = 0; b < rp->nbuilt; b++)
        fl_document_free(rp->built[b].doc);
    free(rp->built);
    rp->built = NULL;
    rp->nbuilt = rp->capbuilt = rp->built_bytes = 0;
}

/* What is done with a document built with its related reports: the
 * related checks are run on it, here or in a helper. */
typedef size_t (*related_run_fn)(void *ctx, const fl_document *doc);

/* Build document `i` (already loaded into *r) with its related reports and
 * pass it to `run`; returns what run returned (the checks that failed),
 * or 0 when the document has no related reports or no text (run is not
 * called).  Its text is read into *r only once it has related reports:
 * reading every text back cost the pass more than its checks. */
static size_t with_related(fl_related_pass *rp, size_t i, fl_doc_result *r, related_run_fn run,
                           void *ctx)
{
    kept *k = &rp->items[i];
    if (k->unit == NULL)
        return 0;
    candidate *cand = NULL;
    size_t nc = 0, cap = 0;
    /* Another report's candidate of this kind and year is the unit's
     * first: only that one is worth keeping built after this call. */
    int first_of_kind_year = 1, past_self = 0;
    for (size_t g = rp->group[i]; g < rp->n; g++) {
        size_t j = rp->by_unit[g];
        kept *o = &rp->items[j];
        if (o->unit == NULL || strcmp(o->unit, k->unit) != 0)
            break; /* past the unit's reports */
        int same = o->kind == k->kind && o->year == k->year;
        if (same && j != i && !past_self)
            first_of_kind_year = 0; /* an earlier one is the candidate */
        past_self |= j == i;
        if (j == i || same || has(cand, nc, o->kind, o->year))
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
    if (nc > 0)
        load_text(rp, i, r);
    if (nc > 0 && r->text != NULL) {
        rp->turn++;
        const fl_document **rel = xcalloc(nc, sizeof *rel);
        fl_document **from_history = xcalloc(nc, sizeof *from_history);
        size_t nrel = 0, nhist = 0;
        for (size_t c = 0; c < nc; c++) {
            if (cand[c].hist != NULL) {
                const fl_hist_report *hr = cand[c].hist;
                fl_document *d = build(hr->source, hr->format, hr->text, hr->len, k->unit);
                rel[nrel++] = from_history[nhist++] = d;
                continue;
            }
            const fl_document *d = built_doc(rp, cand[c].index, NULL, k->unit);
            if (d != NULL)
                rel[nrel++] = d;
        }
        qsort(rel, nrel, sizeof *rel, newest_first);
        /* The cache's document, lent for this call: its related reports
         * are taken back after, for it may be another's related report.
         * One that cannot be is freed at once, and its memory serves the
         * next: kept, every report of a large unit took fresh pages
         * until the cache was full. */
        fl_document *doc = first_of_kind_year ? built_doc(rp, i, r, k->unit)
                                              : build(r->source, r->format, r->text, r->text_len, k->unit);
        if (doc != NULL) {
            fl_document_set_related(doc, rel, nrel);
            failed = run(ctx, doc);
            fl_document_set_related(doc, NULL, 0);
        }
        if (!first_of_kind_year)
            fl_document_free(doc);
        for (size_t d = 0; d < nhist; d++)
            fl_document_free(from_history[d]);
        free(from_history);
        free(rel);
    }
    free(cand);
    fl_hist_reports_free(hist, nh);
    return failed;
}

/* Running the related checks here, each in a check worker (guard.c). */
typedef struct guarded {
    fl_related_pass *rp;
    size_t first;        /* the check to begin with */
    fl_report *into;     /* gets their findings */
} guarded;

static size_t run_guarded(void *ctx, const fl_document *doc)
{
    guarded *g = ctx;
    fl_report *rep = fl_report_new(doc);
    size_t failed = fl_guard_run_from(doc, g->rp->checks, g->first, rep, &g->rp->checker->limits,
                                      fl_say_check_failed, (void *)fl_doc_source(doc));
    fl_report_complete(rep);
    for (size_t f = 0; f < rep->count; f++)
        fl_report_take(g->into, rep->items[f]);
    rep->count = 0;
    fl_report_free(rep);
    return failed;
}

/* The related checks on document `i` from check `first` on, here. */
static size_t check_here(fl_related_pass *rp, size_t i, fl_doc_result *r, size_t first)
{
    guarded g = { rp, first, r->rep };
    return with_related(rp, i, r, run_guarded, &g);
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

/* -- the pass in helper processes --
 *
 * The documents that have a unit are dealt to N helpers (N is -j, one at
 * -j 1) forked for the pass, all of a unit's to one helper (deal_units).
 * A helper runs the related checks itself, in order, as a document
 * worker does (fl_guard_stream): per document it sends a head, then for
 * a document with related reports each check's findings and a done
 * record, then a tail saying where its stderr messages for it are in its
 * log file.  A fork per document cost more than the checks.  The main
 * process reads the answers in input order, so output and stderr do not
 * depend on -j.  When a helper dies — a check crashed, or ran past
 * --check-timeout and was killed — the check that was running fails, and
 * the main process does the rest of that document and of the helper's
 * share itself, in check workers (guard.c).
 * The time limit counts from when the main process turns to a document,
 * so a hung check may run for up to twice the limit. */

typedef struct answer_head {
    uint64_t index;
    uint64_t log_off;            /* its stderr messages start here in the log */
    uint64_t streamed;           /* 1: the checks' records follow */
} answer_head;

typedef struct answer_tail {
    uint64_t log_end;
} answer_tail;

typedef struct helper {
    pid_t pid;
    int fd;                      /* its answers; -1 when it is gone */
    FILE *log;                   /* its stderr */
    fl_buf in;                   /* read from fd, from in.data + pos on unused */
    size_t pos;
} helper;

static off_t log_size(FILE *log)
{
    struct stat st;
    return fstat(fileno(log), &st) == 0 ? st.st_size : 0;
}

/* In the helper: what with_related gives a document to. */
typedef struct streaming {
    fl_related_pass *rp;
    size_t index;
    int fd;
    FILE *log;
    int ran;
} streaming;

static int put_head(int fd, size_t index, FILE *log, int streamed)
{
    answer_head h = { index, (uint64_t)log_size(log), (uint64_t)streamed };
    return fl_write_all(fd, (const char *)&h, sizeof h);
}

static size_t run_streamed(void *ctx, const fl_document *doc)
{
    streaming *st = ctx;
    st->ran = 1;
    if (put_head(st->fd, st->index, st->log, 1) != 0)
        _exit(3);
    fl_worker_lower_memory(st->rp->checker->limits.memory_mb);
    /* A write after every check: when a helper dies, the main process
     * learns from its stream alone which check was running. */
    fl_shelf *out = fl_shelf_new(st->fd, -1);
    if (fl_guard_stream(doc, st->rp->checks, 0, out) != 0)
        _exit(3);
    fl_shelf_free(out);
    fl_worker_restore_memory();
    return 0;
}

static _Noreturn void helper_main(fl_related_pass *rp, size_t h, int fd, FILE *log)
{
    fl_worker_name("fislint-related");
    dup2(fileno(log), STDERR_FILENO);
    size_t *left = units_left(rp, h);
    for (size_t i = 0; i < rp->n; i++) {
        if (rp->items[i].unit == NULL || rp->helper_of[i] != h)
            continue;
        streaming st = { rp, i, fd, log, 0 };
        if (rp->hold) {
            /* The held result is only looked at: it is on the main
             * process's pages, shared since the fork, and freeing it
             * would copy each of them (a page fault a page) for nothing,
             * the helper exiting after the pass. */
            const kept *k = &rp->items[i];
            fl_doc_result r = { 0 };
            r.source = k->source;
            r.format = k->format;
            if (k->holding && k->held.rep != NULL)
                with_related(rp, i, &r, run_streamed, &st);
            free(r.text);
        } else {
            fl_doc_result r;
            if (load(rp, i, &r) == 0 && r.rep != NULL)
                with_related(rp, i, &r, run_streamed, &st);
            fl_doc_result_free(&r);
        }
        unit_done(rp, left, i);
        answer_tail t = { (uint64_t)log_size(log) };
        if ((!st.ran && put_head(fd, i, log, 0) != 0) ||
            fl_write_all(fd, (const char *)&t, sizeof t) != 0)
            _exit(3);
    }
    _exit(0);
}

/* Every answer has been read, or the helper is given up: it ends. */
static void helpers_stop(helper *hs, size_t n)
{
    for (size_t h = 0; h < n; h++) {
        if (hs[h].fd >= 0) {
            close(hs[h].fd);
            while (waitpid(hs[h].pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
        fclose(hs[h].log);
        fl_buf_free(&hs[h].in);
    }
}

/* A unit to deal: where its reports start in by_unit, how many, and the
 * work they make. */
typedef struct unit_share {
    size_t g, count;
    unsigned long long work;
} unit_share;

/* Heaviest first; ties by unit order, so the deal does not depend on
 * qsort. */
static int heavier_first(const void *a, const void *b)
{
    const unit_share *x = a, *y = b;
    if (x->work != y->work)
        return x->work < y->work ? 1 : -1;
    return (x->g > y->g) - (x->g < y->g);
}

/* The work in a unit's reports: the bytes of their texts, each built and
 * checked, or none when all are of one kind and year, for then no report
 * has another to be compared with (without a history, which keeps the
 * pass out of helpers).  Dealt by bytes alone, in the order of their
 * names, three of the four units that held all the work of the bench's
 * 1,000 reports went to one of two helpers. */
static unsigned long long unit_work(const fl_related_pass *rp, size_t g, size_t count)
{
    const kept *first = &rp->items[rp->by_unit[g]];
    if (first->unit == NULL)
        return 0;
    unsigned long long bytes = 0;
    int mixed = 0;
    for (size_t k = g; k < g + count; k++) {
        const kept *o = &rp->items[rp->by_unit[k]];
        bytes += o->text_len + 1;
        mixed |= o->kind != first->kind || o->year != first->year;
    }
    return mixed ? bytes : 0;
}

/* Deal the units among n helpers, each unit whole, heaviest first, to the
 * helper with the least work so far.  A document's related reports are
 * its unit's others, each built from its text in the helper that needs
 * it: dealt by document, every helper would build nearly every report. */
static void deal_units(fl_related_pass *rp, size_t n)
{
    rp->helper_of = xcalloc(rp->n ? rp->n : 1, sizeof *rp->helper_of);
    unit_share *units = xmalloc((rp->n ? rp->n : 1) * sizeof *units);
    size_t nunits = 0;
    for (size_t g = 0, end; g < rp->n; g = end) {
        size_t start = rp->group[rp->by_unit[g]];
        for (end = g + 1; end < rp->n && rp->group[rp->by_unit[end]] == start; end++)
            ;
        units[nunits++] = (unit_share){ g, end - g, unit_work(rp, g, end - g) };
    }
    qsort(units, nunits, sizeof *units, heavier_first);
    unsigned long long *load = xcalloc(n, sizeof *load);
    for (size_t u = 0; u < nunits; u++) {
        size_t least = 0;
        for (size_t h = 1; h < n; h++)
            if (load[h] < load[least])
                least = h;
        for (size_t k = units[u].g; k < units[u].g + units[u].count; k++)
            rp->helper_of[rp->by_unit[k]] = least;
        load[least] += units[u].work;
    }
    free(load);
    free(units);
}

/* Start `n` helpers; returns how many started (0: none, the pass runs
 * here). */
static size_t helpers_start(fl_related_pass *rp, helper *hs, size_t n)
{
    size_t started = 0;
    for (size_t h = 0; h < n; h++) {
        int fds[2];
        FILE *log = fl_log_file();
        if (log == NULL || pipe(fds) != 0) {
            if (log != NULL)
                fclose(log);
            break;
        }
        pid_t pid = fl_worker_fork(rp->checker->doc_memory_mb);
        if (pid == 0) {
            close(fds[0]);
            for (size_t o = 0; o < started; o++)
                close(hs[o].fd);
            helper_main(rp, h, fds[1], log);
        }
        close(fds[1]);
        if (pid < 0) {
            close(fds[0]);
            fclose(log);
            break;
        }
        hs[started++] = (helper){ pid, fds[0], log, { 0 }, 0 };
    }
    if (started > 0 && started < n) {
        /* The documents were dealt for n: without all of them, none. */
        for (size_t h = 0; h < started; h++)
            kill(hs[h].pid, SIGKILL);
        helpers_stop(hs, started);
        return 0;
    }
    return started;
}

/* More of helper hp's answers, waiting until `deadline` (0: none).
 * 1 when some came, 0 past the deadline, -1 when it has ended. */
static int fill(helper *hp, double deadline)
{
    if (hp->pos == hp->in.len)
        hp->in.len = hp->pos = 0;
    for (;;) {
        int wait_ms = -1;
        if (deadline > 0) {
            double left = deadline - fl_now();
            wait_ms = left > 0 ? (int)(left * 1000) + 1 : 0;
        }
        struct pollfd p = { hp->fd, POLLIN, 0 };
        int pr = poll(&p, 1, wait_ms);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            return 0;
        char chunk[65536];
        ssize_t r = read(hp->fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        fl_buf_append(&hp->in, chunk, (size_t)r);
        return 1;
    }
}

/* The next n bytes of hp's answers into buf; 0, or -1 when it ended. */
static int take_bytes(helper *hp, void *buf, size_t n)
{
    while (hp->in.len - hp->pos < n)
        if (fill(hp, 0) < 0)
            return -1;
    memcpy(buf, hp->in.data + hp->pos, n);
    hp->pos += n;
    return 0;
}

/* The helper is given up: what it did not answer is done here. */
static void give_up(helper *hp, int timed_out, int *wstatus)
{
    if (timed_out)
        kill(hp->pid, SIGKILL);
    close(hp->fd);
    hp->fd = -1;
    while (waitpid(hp->pid, wstatus, 0) < 0 && errno == EINTR)
        ;
}

/* Helper hp's answer for document i: the findings into r's report, the
 * failed checks into *failed, its messages to stderr.  Returns the check
 * to go on from here (the set's count: none left), or 0 when the helper
 * was gone before it began the document. */
static size_t take_answer(fl_related_pass *rp, helper *hp, size_t i, fl_doc_result *r, size_t *failed)
{
    const fl_plugin_set *set = rp->checks;
    answer_head h;
    if (hp->fd < 0)
        return 0;
    if (take_bytes(hp, &h, sizeof h) != 0 || h.index != i) {
        give_up(hp, 0, &(int){ 0 });
        return 0;
    }
    if (h.streamed) {
        fl_guard_feed feed;
        fl_guard_feed_init(&feed, set, 0);
        const fl_guard_limits *lim = &rp->checker->limits;
        double deadline = lim->timeout_s ? fl_now() + lim->timeout_s : 0;
        for (;;) {
            fl_wire_reader rd = { hp->in.data, hp->in.len, hp->pos };
            if (fl_guard_feed_read(&feed, &rd, r->rep, fl_say_check_failed, r->source) > 0)
                deadline = lim->timeout_s ? fl_now() + lim->timeout_s : 0;
            hp->pos = rd.pos;
            if (feed.next >= set->count)
                break;
            int got = fill(hp, deadline);
            if (got <= 0) {
                int wstatus = 0;
                give_up(hp, got == 0, &wstatus);
                size_t next = fl_guard_feed_end(&feed, r->rep, wstatus, got == 0, lim,
                                                fl_say_check_failed, r->source);
                *failed += feed.failed;
                fl_guard_feed_free(&feed);
                return next;
            }
        }
        *failed += feed.failed;
        fl_guard_feed_free(&feed);
    }
    answer_tail t;
    if (take_bytes(hp, &t, sizeof t) != 0) {
        give_up(hp, 0, &(int){ 0 });
        return set->count; /* all its checks were done */
    }
    if (t.log_end > h.log_off && t.log_end - h.log_off < SIZE_MAX) {
        size_t len = (size_t)(t.log_end - h.log_off);
        char *msg = xmalloc(len);
        if (fl_pread_all(fileno(hp->log), msg, len, (off_t)h.log_off) == 0)
            fwrite(msg, 1, len, stderr);
        free(msg);
    }
    return set->count;
}

void fl_related_pass_finish(fl_related_pass *rp, unsigned jobs, fl_result_fn fn, void *ctx)
{
    index_units(rp);
    size_t grouped = 0;
    for (size_t i = 0; i < rp->n; i++)
        grouped += rp->items[i].unit != NULL;
    /* SQLite connections must not be used across fork(): with a history,
     * the pass runs here. */
    size_t nh = rp->checker->limits.isolate && rp->history == NULL && grouped > 1
                    ? (jobs < 1 ? 1 : jobs < grouped ? jobs : grouped) : 0;
    helper *hs = xcalloc(nh ? nh : 1, sizeof *hs);
    if (nh)
        deal_units(rp, nh);
    nh = helpers_start(rp, hs, nh);
    rp->handed = xcalloc(rp->n ? rp->n : 1, 1);
    size_t *left = units_left(rp, SIZE_MAX);
    for (size_t i = 0; i < rp->n; i++) {
        fl_doc_result r;
        size_t failed = rp->items[i].failed;
        int loaded = load(rp, i, &r) == 0;
        if (rp->items[i].unit != NULL && loaded && r.rep != NULL) {
            size_t before = r.rep->count;
            size_t next = nh ? take_answer(rp, &hs[rp->helper_of[i]], i, &r, &failed) : 0;
            if (next < rp->checks->count) {
                failed += check_here(rp, i, &r, next);
            }
            if (r.rep->count != before)
                fl_report_sort(r.rep);
        } else if (rp->items[i].unit != NULL && nh) {
            /* Keep the helper's answers in step; it could not load it either. */
            fl_doc_result none = { 0 };
            none.rep = fl_report_new(NULL);
            take_answer(rp, &hs[rp->helper_of[i]], i, &none, &failed);
            fl_doc_result_free(&none);
        }
        if (loaded && rp->history != NULL)
            load_text(rp, i, &r); /* the history records it */
        fn(ctx, &r, failed);
        unit_done(rp, left, i);
    }
    free(left);
    helpers_stop(hs, nh);
    free(hs);
}

void fl_related_pass_free(fl_related_pass *rp)
{
    if (rp == NULL)
        return;
    for (size_t i = 0; i < rp->n; i++) {
        free(rp->items[i].mem);
        free(rp->items[i].text_mem);
        if (rp->items[i].holding && (rp->handed == NULL || !rp->handed[i]))
            fl_doc_result_free(&rp->items[i].held);
    }
    free(rp->items);
    free(rp->handed);
    free(rp->by_unit);
    free(rp->group);
    free(rp->helper_of);
    built_free(rp);
    fl_spool_free(rp->spool);
    fl_buf_free(&rp->record);
    fl_pool_release(&rp->strings);
    free(rp);
}
