/* ds-runs.c — grow similar pairs into runs of consecutive units and report
 * them.  A copied section shows as pairs on one "diagonal" (unit i matches
 * unit i + d for consecutive i); headings and short lines inside it must
 * match exactly, long lines nearly.
 *
 * One finding per repeat, on the later copy (the one to delete), naming
 * the earlier copy's lines and the similarity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ds.h"

#define MILLION 1000000LL

static int cmp_diagonal(const void *pa, const void *pb)
{
    const ds_pair *a = pa, *b = pb;
    size_t da = a->b - a->a, db = b->b - b->a;
    if (da != db)
        return da < db ? -1 : 1;
    return (a->a > b->a) - (a->a < b->a);
}

/* Units x and y match inside a run; adds their edit distance to *dist and
 * the longer length to *len. */
static int units_match(ds_unit *x, ds_unit *y, const ds_options *o, size_t *dist,
                       size_t *len)
{
    size_t lx = x->ncp > y->ncp ? x->ncp : y->ncp;
    if (strcmp(x->text, y->text) == 0) {
        *len += lx;
        return 1;
    }
    if (x->heading || y->heading || x->ncp < o->min_length || y->ncp < o->min_length)
        return 0;
    size_t d;
    if (ds_similarity(x, y, o->threshold, &d) < 0)
        return 0;
    *dist += d;
    *len += lx;
    return 1;
}

static void percent_text(int64_t sim, char *buf, size_t size)
{
    /* millionths -> "99.93%", truncated so that a near copy never shows
     * as 100%. */
    int64_t hundredths = sim / 100;
    snprintf(buf, size, "%lld.%02lld%%", (long long)(hundredths / 100),
             (long long)(hundredths % 100));
}

typedef struct run {
    size_t a0, a1, b0, b1;    /* unit index ranges */
    size_t dist, len;
    size_t substantial, headings;
} run;

static void report_run(const fl_document *doc, fl_report *rep, const ds_units *u, const run *r,
                       const ds_options *o)
{
    const ds_unit *U = u->items;
    int64_t sim = r->len ? (int64_t)(r->len - r->dist) * MILLION / (int64_t)r->len : MILLION;
    char pct[32], thr[32];
    percent_text(sim, pct, sizeof pct);
    percent_text(o->threshold, thr, sizeof thr);
    size_t al0 = U[r->a0].line, al1 = U[r->a1].line, bl0 = U[r->b0].line, bl1 = U[r->b1].line;
    const fl_section *orig = fl_doc_section_at(doc, al0);
    const char *where = orig != NULL ? fl_section_path(orig) : NULL;
    char place[512];
    if (where != NULL && *where)
        snprintf(place, sizeof place, "（%s）", where);
    else
        place[0] = '\0';
    int section = r->headings > 0 && r->substantial >= 2;
    fl_finding *f;
    if (section)
        f = fl_report_add(rep, "duplicate-section", FL_SEV_WARNING,
                          "第%zu–%zu行与第%zu–%zu行%s内容重复，相似度%s：整节内容重复出现", bl0,
                          bl1, al0, al1, place, pct);
    else if (bl0 == bl1)
        f = fl_report_add(rep, "duplicate-paragraph", FL_SEV_INFO,
                          "第%zu行与第%zu行%s的段落重复，相似度%s", bl0, al0, place, pct);
    else
        f = fl_report_add(rep, "duplicate-paragraph", FL_SEV_INFO,
                          "第%zu–%zu行与第%zu–%zu行%s的段落重复，相似度%s", bl0, bl1, al0, al1,
                          place, pct);
    fl_finding_set_line(f, bl0, bl1);
    char expected[64], actual[64];
    snprintf(expected, sizeof expected, "低于%s", thr);
    snprintf(actual, sizeof actual, "%s", pct);
    fl_finding_set_expected_text(f, expected);
    fl_finding_set_actual_text(f, actual);
    if (section)
        fl_finding_set_suggestion(f, "删除重复的第%zu–%zu行，或改写为该处应有的内容；"
                                     "复制模板后请逐节核对。",
                                  bl0, bl1);
    else
        fl_finding_set_suggestion(f, "核对第%zu行与第%zu行：如为误复制，请删除或改写为该处应有的内容。",
                                  bl0, al0);
}

/* The section of `line` whose title names a source of money: "财政拨款"
 * (without 一般公共预算) gives 1, "一般公共预算" gives 2, else 0.  The
 * innermost such section counts. */
static int money_source(const fl_document *doc, size_t line)
{
    for (const fl_section *s = fl_doc_section_at(doc, line); s != NULL;
         s = fl_section_parent(s)) {
        const char *t = fl_section_title(s);
        if (t == NULL)
            continue;
        if (strstr(t, "一般公共预算"))
            return 2;
        if (strstr(t, "财政拨款"))
            return 1;
    }
    return 0;
}

/* 1 when the two copies stand in the 财政拨款 section and the 一般公共预算
 * section: when a unit has no 政府性基金 or 国有资本经营 money the two are
 * the same money, and the template makes their explanations identical. */
static int template_twins(const fl_document *doc, size_t line_a, size_t line_b)
{
    int a = money_source(doc, line_a), b = money_source(doc, line_b);
    return a != 0 && b != 0 && a != b;
}

int ds_report_runs(const fl_document *doc, fl_report *rep, ds_units *u, ds_pairs *p,
                   const ds_options *o)
{
    ds_unit *U = u->items; /* units_match keeps their number hashes */
    if (p->count > 1)
        qsort(p->items, p->count, sizeof *p->items, cmp_diagonal);
    size_t last_diag = (size_t)-1, last_end = 0;
    /* A later copy is reported once, against the nearest earlier one. */
    unsigned char *reported = calloc(u->count + 1, 1);
    if (reported == NULL)
        return -1;
    for (size_t i = 0; i < p->count; i++) {
        const ds_pair *pr = &p->items[i];
        size_t d = pr->b - pr->a;
        if (d == last_diag && pr->a <= last_end)
            continue; /* inside a run already reported */
        const ds_unit *x = &U[pr->a], *y = &U[pr->b];
        /* Template text repeated many times is not a copy-paste slip. */
        if (!x->substantial || !y->substantial || x->copies > o->max_copies ||
            reported[pr->b])
            continue;
        run r = { pr->a, pr->a, pr->b, pr->b, pr->dist, 0, 0, 0 };
        r.len = x->ncp > y->ncp ? x->ncp : y->ncp;
        while (r.a0 > 0 && units_match(&U[r.a0 - 1], &U[r.b0 - 1], o, &r.dist, &r.len)) {
            r.a0--;
            r.b0--;
        }
        while (r.a1 + 1 < r.b0 && r.b1 + 1 < u->count &&
               units_match(&U[r.a1 + 1], &U[r.b1 + 1], o, &r.dist, &r.len)) {
            r.a1++;
            r.b1++;
        }
        /* A run does not start on a short formulaic line ("无") that only
         * happens to equal the line before the other copy. */
        while (r.a0 < r.a1 && !U[r.a0].substantial && !U[r.a0].heading) {
            r.a0++;
            r.b0++;
        }
        for (size_t k = r.a0; k <= r.a1; k++) {
            if (U[k].substantial && U[k].copies <= o->max_copies)
                r.substantial++;
            if (U[k].heading)
                r.headings++;
        }
        last_diag = d;
        last_end = r.a1;
        if (r.substantial == 0)
            continue;
        for (size_t k = r.b0; k <= r.b1; k++)
            reported[k] = 1;
        if (template_twins(doc, U[r.a0].line, U[r.b0].line))
            continue;
        report_run(doc, rep, u, &r, o);
    }
    free(reported);
    return 0;
}
