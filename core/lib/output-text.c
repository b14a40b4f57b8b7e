/* output-text.c — findings as text for people: "FILE:LINE: 错误 [check]
 * message" ("FILE:第N页:第M行:" for PDFs), then the evidence and the numbers;
 * the same finding repeated in a document is one block listing its lines;
 * one summary line at the end. */
#include "output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Evidence lines can be megabytes long: show the start only, cut on a
 * UTF-8 boundary. */
#define EVIDENCE_MAX 240

/* A document's part is built in memory and written with one fwrite: the
 * report is written at the end of a run, by the main process alone, and
 * fprintf's format parsing for every field of every finding was most of
 * that time. */
static void put(fl_buf *b, const char *s) { fl_buf_puts(b, s); }

static void put_int(fl_buf *b, long long v) { fl_buf_put_int(b, v); }

/* "第12页", "第588行:": an ordinal and what it counts (with what follows). */
static void put_ordinal(fl_buf *b, long long n, const char *unit)
{
    put(b, "第");
    put_int(b, n);
    put(b, unit);
}

static void print_evidence(fl_buf *b, const char *s)
{
    size_t n = 0;
    while (s[n] != '\0' && n < EVIDENCE_MAX) {
        size_t k = fl_utf8_len(s + n);
        n += k;
    }
    put(b, "    | ");
    /* A table row's tabs as spaces. */
    for (size_t i = 0; i < n;) {
        size_t run = strcspn(s + i, "\t");
        if (run > n - i)
            run = n - i;
        fl_buf_append(b, s + i, run);
        i += run;
        if (i < n) {
            put(b, " ");
            i++;
        }
    }
    if (s[n] != '\0')
        put(b, " …");
    put(b, "\n");
}

static void print_location(fl_buf *b, const fl_finding *f)
{
    if ((f->table == NULL || !*f->table) && (f->row == NULL || !*f->row) &&
        (f->column == NULL || !*f->column))
        return;
    put(b, "    位置：");
    const char *sep = "";
    if (f->table != NULL && *f->table) {
        put(b, sep);
        put(b, "表「");
        put(b, f->table);
        put(b, "」");
        sep = "，";
    }
    if (f->row != NULL && *f->row) {
        put(b, sep);
        put(b, "行「");
        put(b, f->row);
        put(b, "」");
        sep = "，";
    }
    if (f->column != NULL && *f->column) {
        put(b, sep);
        put(b, "列「");
        put(b, f->column);
        put(b, "」");
    }
    put(b, "\n");
}

/* "应为 A，实为 B，相差 C" (with_diff) or "应为 A，实为 B": the numbers, or
 * else the texts, of a finding. */
static void put_expected(fl_buf *b, const fl_finding *f)
{
    char x[40], y[40], z[40];
    if (f->has_values) {
        put(b, "应为 ");
        put(b, fl_output_num(f, f->expected, x, sizeof x));
        put(b, "，实为 ");
        put(b, fl_output_num(f, f->actual, y, sizeof y));
        put(b, "，相差 ");
        put(b, fl_output_diff(f, x, y, z, sizeof z));
    } else {
        put(b, "应为 ");
        put(b, f->expected_text ? f->expected_text : "—");
        put(b, "，实为 ");
        put(b, f->actual_text ? f->actual_text : "—");
    }
}

static void print_numbers(fl_buf *b, const fl_finding *f)
{
    char a[40];
    if (f->has_values || f->expected_text != NULL || f->actual_text != NULL) {
        put(b, "    ");
        put_expected(b, f);
        put(b, "\n");
    }
    if (f->naddends > 0) {
        put(b, "    加数：");
        for (size_t i = 0; i < f->naddends; i++) {
            put(b, i ? " + " : "");
            put(b, f->addends[i].label);
            put(b, " ");
            put(b, fl_output_num(f, f->addends[i].value, a, sizeof a));
        }
        put(b, "\n");
    }
}

/* "FILE:588: " or, for a PDF, "FILE:第3页:第120行: " (the page is what a
 * reader of a PDF looks for first). */
static void print_where(fl_buf *b, const char *source, const fl_finding *f)
{
    put(b, source);
    put(b, ":");
    if (f->page > 0) {
        put_ordinal(b, f->page, "页:");
        if (f->line > 0)
            put_ordinal(b, (long long)f->line, "行:");
    } else if (f->line > 0) {
        put_int(b, (long long)f->line);
        put(b, ":");
    }
    put(b, " ");
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* One defect repeated: same rule, severity and advice.  A finding with
 * addends keeps its own block (its sum is the point). */
static int same_kind(const fl_finding *a, const fl_finding *b)
{
    return a->severity == b->severity && strcmp(a->rule, b->rule) == 0 &&
           same_text(a->suggestion, b->suggestion) && a->naddends == 0 && b->naddends == 0;
}

/* Exactly the same finding but for where it is. */
static int same_finding(const fl_finding *a, const fl_finding *b)
{
    return same_kind(a, b) && strcmp(a->message, b->message) == 0 &&
           a->has_values == b->has_values &&
           (!a->has_values || (fl_dec_cmp(a->expected, b->expected) == 0 &&
                               fl_dec_cmp(a->actual, b->actual) == 0)) &&
           same_text(a->expected_text, b->expected_text) && same_text(a->actual_text, b->actual_text);
}

static void print_place(fl_buf *b, const fl_finding *f)
{
    if (f->page > 0)
        put_ordinal(b, f->page, "页");
    if (f->line > 0)
        put_ordinal(b, (long long)f->line, "行");
}

/* Where the repeats of one finding are: "共 27 处：第588行、第590行 …". */
#define PLACES_MAX 200

static void print_places(fl_buf *b, const fl_report *rep, const size_t *members, size_t total)
{
    put(b, "    共 ");
    put_int(b, (long long)total);
    put(b, " 处：");
    size_t shown = 0;
    for (; shown < total && shown < PLACES_MAX; shown++) {
        put(b, shown ? "、" : "");
        print_place(b, rep->items[members[shown]]);
    }
    if (shown < total) {
        put(b, " 等（另有 ");
        put_int(b, (long long)(total - shown));
        put(b, " 处）");
    }
    put(b, "\n");
}

/* A repeat whose message differs: one line with its place, message and
 * numbers. */
static void print_item(fl_buf *b, const fl_finding *f)
{
    put(b, "    - ");
    print_place(b, f);
    put(b, "：");
    put(b, f->message);
    if (f->has_values || f->expected_text != NULL || f->actual_text != NULL) {
        put(b, "（");
        put_expected(b, f);
        put(b, "）");
    }
    put(b, "\n");
}

static void print_details(fl_buf *b, const fl_finding *f)
{
    if (f->evidence != NULL && *f->evidence)
        print_evidence(b, f->evidence);
    print_location(b, f);
    print_numbers(b, f);
}

static void print_advice(fl_buf *b, const fl_finding *f)
{
    if (f->suggestion != NULL) {
        put(b, "    建议：");
        put(b, f->suggestion);
        put(b, "\n");
    }
    put(b, "    规则：");
    put(b, f->rule);
    put(b, "\n");
}

/* A group: identical findings list their places under one message;
 * findings of one kind with different messages get a line each.
 * members[0..total) are the group's findings in report order. */
static void print_group(fl_buf *b, const char *source, const fl_report *rep, const size_t *members,
                        size_t total)
{
    const fl_finding *f = rep->items[members[0]];
    print_where(b, source, f);
    put(b, fl_severity_name_zh(f->severity));
    put(b, " [");
    put(b, f->check);
    put(b, "] ");
    int identical = 1;
    for (size_t m = 1; m < total && identical; m++)
        if (!same_finding(f, rep->items[members[m]]))
            identical = 0;
    if (identical || total == 1) {
        put(b, f->message);
        put(b, "\n");
        if (total > 1)
            print_places(b, rep, members, total);
        print_details(b, f);
    } else {
        put(b, "同类问题共 ");
        put_int(b, (long long)total);
        put(b, " 处：\n");
        for (size_t m = 0; m < total; m++)
            print_item(b, rep->items[members[m]]);
    }
    print_advice(b, f);
}

/* s into h eight bytes at a time, its length last, so that "ab" + "c"
 * and "a" + "bc" differ.  A suggestion is a sentence or two: a byte at a
 * time, the hash was most of the text report's own time. */
static uint64_t hash_text(uint64_t h, const char *s)
{
    const uint64_t mul = 0x9E3779B97F4A7C15u;
    size_t n = strlen(s);
    for (size_t i = 0; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * mul;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    memcpy(&tail, s + (n & ~(size_t)7), n & 7);
    h = (h ^ tail ^ ((uint64_t)n << 56)) * mul;
    return h ^ (h >> 29);
}

/* What same_kind() compares, hashed; a finding with addends is a kind of
 * its own and is never hashed.  Only a bucket: same_kind() decides. */
static size_t kind_hash(const fl_finding *f)
{
    uint64_t h = 14695981039346656037u ^ (uint64_t)f->severity;
    h = hash_text(h, f->rule);
    h = f->suggestion != NULL ? hash_text(h, f->suggestion) : (h ^ 0xfe) * 1099511628211u;
    return (size_t)h;
}

/* A document's findings in groups of one kind (same_kind), the groups in
 * the order of their first finding.  A table of kinds gives each finding
 * its group directly: comparing each with every finding after it made the
 * text report quadratic in a document's findings. */
typedef struct kind_group {
    size_t first, last, total, hash;
} kind_group;

static void print_document(FILE *out, fl_buf *b, const fl_doc_result *r)
{
    b->len = 0;
    if (r->error != NULL) {
        fprintf(out, "%s: 无法检查：%s\n", r->source, r->error);
        return;
    }
    const fl_report *rep = r->rep;
    size_t n = rep->count, nslots = 16, ngroups = 0;
    while (nslots < 2 * n)
        nslots *= 2;
    kind_group *groups = xmalloc((n + 1) * sizeof *groups);
    size_t *slots = xcalloc(nslots, sizeof *slots); /* group + 1; 0: free */
    size_t *next = xmalloc((n + 1) * sizeof *next); /* the group's next finding */
    for (size_t i = 0; i < n; i++) {
        const fl_finding *f = rep->items[i];
        next[i] = SIZE_MAX;
        size_t g = SIZE_MAX, h = 0, at = 0;
        if (f->naddends == 0) {
            h = kind_hash(f);
            for (at = h & (nslots - 1); slots[at] != 0; at = (at + 1) & (nslots - 1)) {
                kind_group *k = &groups[slots[at] - 1];
                if (k->hash == h && same_kind(rep->items[k->first], f)) {
                    g = slots[at] - 1;
                    break;
                }
            }
        }
        if (g == SIZE_MAX) {
            groups[ngroups] = (kind_group){ i, i, 1, h };
            if (f->naddends == 0)
                slots[at] = ngroups + 1;
            ngroups++;
        } else {
            next[groups[g].last] = i;
            groups[g].last = i;
            groups[g].total++;
        }
    }
    size_t *members = slots; /* the table is done with: n <= nslots */
    for (size_t g = 0; g < ngroups; g++) {
        size_t m = 0;
        for (size_t i = groups[g].first; i != SIZE_MAX; i = next[i])
            members[m++] = i;
        print_group(b, r->source, rep, members, m);
    }
    free(groups);
    free(slots);
    free(next);
    fwrite(b->data, 1, b->len, out);
}

void fl_output_text(FILE *out, const fl_doc_result *docs, size_t n)
{
    fl_buf b = { 0 };
    fl_buf_append(&b, "", 0); /* a document without findings writes b's 0 bytes */
    for (size_t d = 0; d < n; d++)
        print_document(out, &b, &docs[d]);
    fl_buf_free(&b);
    fl_summary s = fl_summarize(docs, n);
    fprintf(out, "共检查 %zu 个文档，发现 %zu 个问题（错误 %zu，警告 %zu，提示 %zu）", s.documents,
            s.findings, s.errors, s.warnings, s.infos);
    if (s.unreadable > 0)
        fprintf(out, "，%zu 个文档无法读取", s.unreadable);
    fputs("。\n", out);
}
