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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "finding-wire.h"
#include "util.h"

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

/* Result `i` back from the spool (or memory) into *r; -1 when it cannot
 * be read back, *r then says so. */
static int load(fl_related_pass *rp, size_t i, fl_doc_result *r)
{
    kept *k = &rp->items[i];
    char *data = k->mem;
    int ok = 1;
    if (data == NULL) {
        data = xmalloc(k->len ? k->len : 1);
        ok = fseek(rp->spool, k->off, SEEK_SET) == 0 && fread(data, 1, k->len, rp->spool) == k->len;
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

/* The related checks on document `i` (already loaded into *r); returns
 * the number of checks that failed. */
static size_t check_one(fl_related_pass *rp, size_t i, fl_doc_result *r)
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
            fl_report_take(r->rep, rep->items[f]);
        rep->count = 0;
        fl_report_free(rep);
        fl_report_sort(r->rep);
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

void fl_related_pass_finish(fl_related_pass *rp, fl_result_fn fn, void *ctx)
{
    index_units(rp);
    for (size_t i = 0; i < rp->n; i++) {
        fl_doc_result r;
        size_t failed = rp->items[i].failed;
        if (load(rp, i, &r) == 0 && r.rep != NULL)
            failed += check_one(rp, i, &r);
        fn(ctx, &r, failed);
    }
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
