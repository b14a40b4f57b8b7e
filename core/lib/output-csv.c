/* output-csv.c — one row per finding for Excel: UTF-8 with a BOM (so Excel
 * does not read the Chinese as GBK), CRLF line ends and RFC 4180 quoting. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const columns[] = {
    "单位", "文件/网址", "页", "行", "表/段落", "检查项", "规则", "严重程度",
    "问题描述", "应为", "实为", "差额", "整改建议", "指纹",
};
#define NCOLS (sizeof columns / sizeof columns[0])

/* A field, quoted when it must be (RFC 4180).  Text from a document that
 * starts like a formula (= + - @) gets a leading apostrophe so Excel shows
 * it instead of evaluating it; numbers are written as they are. */
static void field(FILE *out, const char *s, int is_text, int last)
{
    if (s == NULL)
        s = "";
    int formula = is_text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                              s[0] == '\t' || s[0] == '\r');
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
    fputs(last ? "\r\n" : ",", out);
}

/* 表/段落: the table with its row and column, else the section. */
static char *place_of(const fl_finding *f)
{
    fl_buf b = { 0 };
    if (f->table != NULL && *f->table)
        fl_buf_printf(&b, "%s", f->table);
    if (f->row != NULL && *f->row)
        fl_buf_printf(&b, "%s行「%s」", b.len ? "，" : "", f->row);
    if (f->column != NULL && *f->column)
        fl_buf_printf(&b, "%s列「%s」", b.len ? "，" : "", f->column);
    if (b.len == 0 && f->section != NULL)
        fl_buf_puts(&b, f->section);
    fl_buf_puts(&b, "");
    return fl_buf_steal(&b);
}

static void finding_row(FILE *out, const fl_doc_result *r, const fl_finding *f, const char *fp)
{
    char page[16] = "", line[24] = "", e[40], a[40], d[40];
    if (f->page > 0)
        snprintf(page, sizeof page, "%d", f->page);
    if (f->line > 0)
        snprintf(line, sizeof line, "%zu", f->line);
    const char *exp = f->expected_text, *act = f->actual_text, *diff = NULL;
    if (f->has_values) {
        exp = fl_output_num(f, f->expected, e, sizeof e);
        act = fl_output_num(f, f->actual, a, sizeof a);
        diff = fl_output_diff(f, e, a, d, sizeof d);
    }
    char *place = place_of(f);
    field(out, r->unit, 1, 0);
    field(out, r->source, 1, 0);
    field(out, page, 0, 0);
    field(out, line, 0, 0);
    field(out, place, 1, 0);
    field(out, f->check, 1, 0);
    field(out, f->rule, 1, 0);
    field(out, fl_severity_name_zh(f->severity), 1, 0);
    field(out, f->message, 1, 0);
    field(out, exp, !f->has_values, 0);
    field(out, act, !f->has_values, 0);
    field(out, diff, 0, 0);
    field(out, f->suggestion, 1, 0);
    field(out, fp, 0, 1);
    free(place);
}

static void error_row(FILE *out, const fl_doc_result *r)
{
    char fp[17];
    fl_output_error_fingerprint(r, fp);
    char *msg = xasprintf("无法检查：%s", r->error ? r->error : "未知原因");
    const char *cells[NCOLS] = { r->unit, r->source, NULL, NULL, NULL, NULL, NULL,
                                 fl_severity_name_zh(FL_SEV_ERROR), msg, NULL, NULL, NULL,
                                 "请确认文件或网址可以打开，且是文字版（非扫描图片）的报告。", fp };
    for (size_t c = 0; c < NCOLS; c++)
        field(out, cells[c], c != NCOLS - 1, c == NCOLS - 1);
    free(msg);
}

void fl_output_csv(FILE *out, const fl_doc_result *docs, size_t n)
{
    fputs("\xEF\xBB\xBF", out);
    for (size_t c = 0; c < NCOLS; c++)
        field(out, columns[c], 0, c == NCOLS - 1);
    for (size_t d = 0; d < n; d++) {
        const fl_doc_result *r = &docs[d];
        if (r->rep == NULL) {
            error_row(out, r);
            continue;
        }
        char *fp = fl_output_fingerprints(r);
        for (size_t i = 0; i < r->rep->count; i++)
            finding_row(out, r, r->rep->items[i], fp + 17 * i);
        free(fp);
    }
}
