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

static void print_evidence(FILE *out, const char *s)
{
    size_t n = 0;
    while (s[n] != '\0' && n < EVIDENCE_MAX) {
        size_t k = fl_utf8_len(s + n);
        n += k;
    }
    fputs("    | ", out);
    /* A table row's tabs as spaces; the text between them in one write,
     * not a byte at a time (fputc takes the stream's lock for each). */
    for (size_t i = 0; i < n;) {
        size_t run = strcspn(s + i, "\t");
        if (run > n - i)
            run = n - i;
        fwrite(s + i, 1, run, out);
        i += run;
        if (i < n) {
            fputc(' ', out);
            i++;
        }
    }
    if (s[n] != '\0')
        fputs(" …", out);
    fputc('\n', out);
}

static void print_location(FILE *out, const fl_finding *f)
{
    if ((f->table == NULL || !*f->table) && (f->row == NULL || !*f->row) &&
        (f->column == NULL || !*f->column))
        return;
    fputs("    位置：", out);
    const char *sep = "";
    if (f->table != NULL && *f->table) {
        fprintf(out, "%s表「%s」", sep, f->table);
        sep = "，";
    }
    if (f->row != NULL && *f->row) {
        fprintf(out, "%s行「%s」", sep, f->row);
        sep = "，";
    }
    if (f->column != NULL && *f->column)
        fprintf(out, "%s列「%s」", sep, f->column);
    fputc('\n', out);
}

static void print_numbers(FILE *out, const fl_finding *f)
{
    char a[40], b[40], c[40];
    if (f->has_values) {
        fprintf(out, "    应为 %s，实为 %s，相差 %s\n", fl_output_num(f, f->expected, a, sizeof a),
                fl_output_num(f, f->actual, b, sizeof b), fl_output_diff(f, c, sizeof c));
    } else if (f->expected_text != NULL || f->actual_text != NULL) {
        fprintf(out, "    应为 %s，实为 %s\n", f->expected_text ? f->expected_text : "—",
                f->actual_text ? f->actual_text : "—");
    }
    if (f->naddends > 0) {
        fputs("    加数：", out);
        for (size_t i = 0; i < f->naddends; i++)
            fprintf(out, "%s%s %s", i ? " + " : "", f->addends[i].label,
                    fl_output_num(f, f->addends[i].value, a, sizeof a));
        fputc('\n', out);
    }
}

/* "FILE:588: " or, for a PDF, "FILE:第3页:第120行: " (the page is what a
 * reader of a PDF looks for first). */
static void print_where(FILE *out, const char *source, const fl_finding *f)
{
    fprintf(out, "%s:", source);
    if (f->page > 0) {
        fprintf(out, "第%d页:", f->page);
        if (f->line > 0)
            fprintf(out, "第%zu行:", f->line);
    } else if (f->line > 0) {
        fprintf(out, "%zu:", f->line);
    }
    fputc(' ', out);
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

static void print_place(FILE *out, const fl_finding *f)
{
    if (f->page > 0)
        fprintf(out, "第%d页", f->page);
    if (f->line > 0)
        fprintf(out, "第%zu行", f->line);
}

/* Where the repeats of one finding are: "共 27 处：第588行、第590行 …". */
#define PLACES_MAX 200

static void print_places(FILE *out, const fl_report *rep, const size_t *members, size_t total)
{
    fprintf(out, "    共 %zu 处：", total);
    size_t shown = 0;
    for (; shown < total && shown < PLACES_MAX; shown++) {
        fputs(shown ? "、" : "", out);
        print_place(out, rep->items[members[shown]]);
    }
    if (shown < total)
        fprintf(out, " 等（另有 %zu 处）", total - shown);
    fputc('\n', out);
}

/* A repeat whose message differs: one line with its place, message and
 * numbers. */
static void print_item(FILE *out, const fl_finding *f)
{
    char a[40], b[40], c[40];
    fputs("    - ", out);
    print_place(out, f);
    fprintf(out, "：%s", f->message);
    if (f->has_values)
        fprintf(out, "（应为 %s，实为 %s，相差 %s）", fl_output_num(f, f->expected, a, sizeof a),
                fl_output_num(f, f->actual, b, sizeof b), fl_output_diff(f, c, sizeof c));
    else if (f->expected_text != NULL || f->actual_text != NULL)
        fprintf(out, "（应为 %s，实为 %s）", f->expected_text ? f->expected_text : "—",
                f->actual_text ? f->actual_text : "—");
    fputc('\n', out);
}

static void print_details(FILE *out, const fl_finding *f)
{
    if (f->evidence != NULL && *f->evidence)
        print_evidence(out, f->evidence);
    print_location(out, f);
    print_numbers(out, f);
}

static void print_advice(FILE *out, const fl_finding *f)
{
    if (f->suggestion != NULL)
        fprintf(out, "    建议：%s\n", f->suggestion);
    fprintf(out, "    规则：%s\n", f->rule);
}

/* A group: identical findings list their places under one message;
 * findings of one kind with different messages get a line each.
 * members[0..total) are the group's findings in report order. */
static void print_group(FILE *out, const char *source, const fl_report *rep, const size_t *members,
                        size_t total)
{
    const fl_finding *f = rep->items[members[0]];
    print_where(out, source, f);
    fprintf(out, "%s [%s] ", fl_severity_name_zh(f->severity), f->check);
    int identical = 1;
    for (size_t m = 1; m < total && identical; m++)
        if (!same_finding(f, rep->items[members[m]]))
            identical = 0;
    if (identical || total == 1) {
        fprintf(out, "%s\n", f->message);
        if (total > 1)
            print_places(out, rep, members, total);
        print_details(out, f);
    } else {
        fprintf(out, "同类问题共 %zu 处：\n", total);
        for (size_t m = 0; m < total; m++)
            print_item(out, rep->items[members[m]]);
    }
    print_advice(out, f);
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

static void print_document(FILE *out, const fl_doc_result *r)
{
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
        print_group(out, r->source, rep, members, m);
    }
    free(groups);
    free(slots);
    free(next);
}

void fl_output_text(FILE *out, const fl_doc_result *docs, size_t n)
{
    for (size_t d = 0; d < n; d++)
        print_document(out, &docs[d]);
    fl_summary s = fl_summarize(docs, n);
    fprintf(out, "共检查 %zu 个文档，发现 %zu 个问题（错误 %zu，警告 %zu，提示 %zu）", s.documents,
            s.findings, s.errors, s.warnings, s.infos);
    if (s.unreadable > 0)
        fprintf(out, "，%zu 个文档无法读取", s.unreadable);
    fputs("。\n", out);
}
