/* output-text.c — findings as text: "FILE:LINE: severity [check] message",
 * then the evidence and the numbers, then one summary line. */
#include "output.h"

#include <string.h>

#include "text.h"

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
    for (size_t i = 0; i < n && s[i]; i++)
        fputc(s[i] == '\t' ? ' ' : s[i], out);
    if (s[n] != '\0')
        fputs(" …", out);
    fputc('\n', out);
}

static void print_location(FILE *out, const fl_finding *f)
{
    if (f->table == NULL && f->row == NULL && f->column == NULL && f->page == 0)
        return;
    fputs("    位置：", out);
    const char *sep = "";
    if (f->page > 0) {
        fprintf(out, "第 %d 页", f->page);
        sep = "，";
    }
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
        fprintf(out, "    应为 %s，实为 %s，相差 %s\n", fl_dec_format(f->expected, 2, a, sizeof a),
                fl_dec_format(f->actual, 2, b, sizeof b),
                fl_dec_format(fl_dec_sub(f->actual, f->expected), 2, c, sizeof c));
    } else if (f->expected_text != NULL || f->actual_text != NULL) {
        fprintf(out, "    应为 %s，实为 %s\n", f->expected_text ? f->expected_text : "—",
                f->actual_text ? f->actual_text : "—");
    }
    if (f->naddends > 0) {
        fputs("    加数：", out);
        for (size_t i = 0; i < f->naddends; i++)
            fprintf(out, "%s%s %s", i ? " + " : "", f->addends[i].label,
                    fl_dec_format(f->addends[i].value, 2, a, sizeof a));
        fputc('\n', out);
    }
}

void fl_output_text(FILE *out, const fl_doc_result *docs, size_t n)
{
    for (size_t d = 0; d < n; d++) {
        const fl_doc_result *r = &docs[d];
        if (r->error != NULL) {
            fprintf(out, "%s: 无法检查：%s\n", r->source, r->error);
            continue;
        }
        for (size_t i = 0; i < r->rep->count; i++) {
            const fl_finding *f = r->rep->items[i];
            if (f->line > 0)
                fprintf(out, "%s:%zu: %s [%s] %s\n", r->source, f->line,
                        fl_severity_name(f->severity), f->check, f->message);
            else
                fprintf(out, "%s: %s [%s] %s\n", r->source, fl_severity_name(f->severity),
                        f->check, f->message);
            if (f->evidence != NULL && *f->evidence)
                print_evidence(out, f->evidence);
            print_location(out, f);
            print_numbers(out, f);
            if (f->suggestion != NULL)
                fprintf(out, "    建议：%s\n", f->suggestion);
            fprintf(out, "    规则：%s\n", f->rule);
        }
    }
    fl_summary s = fl_summarize(docs, n);
    fprintf(out, "共检查 %zu 个文档，发现 %zu 个问题（错误 %zu，警告 %zu，提示 %zu）", s.documents,
            s.findings, s.errors, s.warnings, s.infos);
    if (s.unreadable > 0)
        fprintf(out, "，%zu 个文档无法读取", s.unreadable);
    fputs("。\n", out);
}
