/* dump.c — `fislint dump`: the model as text for people and as JSON for
 * tools.  Line numbers are the ones findings use. */
#include "dump.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "json-write.h"
#include "model.h"
#include "output.h"
#include "text.h"
#include "util.h"

static const char *unit_name(fl_unit u)
{
    switch (u) {
    case FL_UNIT_NONE: return "";
    case FL_UNIT_YUAN: return "元";
    case FL_UNIT_WANYUAN: return "万元";
    case FL_UNIT_YIYUAN: return "亿元";
    case FL_UNIT_PERCENT: return "%";
    case FL_UNIT_POINTS: return "分";
    case FL_UNIT_OTHER: return "其他";
    }
    return "";
}

/* The page of a line, 0 when unknown (fl_doc_line_page without a call:
 * the dump asks for every row). */
static int page_of(const fl_document *doc, size_t line)
{
    return doc->pages != NULL && line >= 1 && line <= doc->nlines ? doc->pages[line - 1] : 0;
}

/* The text dump is written into memory through a cursor, o, with room up
 * to end: a piece costs a comparison and a copy (through stdio, every cell
 * paid for a call and a lock). */
typedef struct dump_out {
    char *o, *end;
    fl_buf b;        /* b.data is where the bytes start; b.len is not kept up */
    FILE *file;
} dump_out;

#define OUT_ROOM 65536

static void out_grow(dump_out *w, size_t n)
{
    w->b.len = w->b.data ? (size_t)(w->o - w->b.data) : 0;
    fl_buf_grow(&w->b, n);
    w->o = w->b.data + w->b.len;
    w->end = w->b.data + w->b.cap;
}

static void out_init(dump_out *w, FILE *file)
{
    *w = (dump_out){ .file = file };
    out_grow(w, OUT_ROOM);
}

static size_t out_len(const dump_out *w) { return (size_t)(w->o - w->b.data); }

/* Write what is there and start again at the buffer's start. */
static void out_flush(dump_out *w)
{
    fwrite(w->b.data, 1, out_len(w), w->file);
    w->o = w->b.data;
}

/* At the end of a line of the text dump: its buffer stays near OUT_ROOM
 * whatever the document's size. */
static void out_line_done(dump_out *w)
{
    if (out_len(w) >= OUT_ROOM)
        out_flush(w);
}

static inline void room(dump_out *w, size_t n)
{
    if ((size_t)(w->end - w->o) < n)
        out_grow(w, n);
}

static inline void put_n(dump_out *w, const char *s, size_t n)
{
    room(w, n);
    memcpy(w->o, s, n);
    w->o += n;
}

/* Inline, so that a literal's length is known when compiled. */
static inline void put(dump_out *w, const char *s) { put_n(w, s, strlen(s)); }

static void put_int(dump_out *w, long long v)
{
    char buf[FL_INT_TEXT_MAX], *end = buf + sizeof buf;
    char *p = fl_int_text(end, v);
    put_n(w, p, (size_t)(end - p));
}

/* ---- text ---- */

/* Bytes of the longest prefix of s within `max` bytes (max >= 3) that does
 * not cut a UTF-8 character (a cut one makes the dump unreadable as
 * UTF-8), characters taken as fl_utf8_len() steps over them from the start.
 * Such a step never passes a byte that is not a continuation byte, so the
 * cut is at s[max] itself unless a character begun at most three bytes
 * before (at the last byte that is not a continuation byte) runs past it. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t n = strnlen(s, max + 1), q = max;
    if (n <= max)
        return n;
    while (q > max - 3 && ((unsigned char)s[q] & 0xC0) == 0x80)
        q--;
    if (((unsigned char)s[q] & 0xC0) == 0x80)
        return max;
    return q + fl_utf8_len(s + q) > max ? q : max;
}

/* "\n== 章节 (12) ==": the heading of a part of the dump. */
static void put_part(dump_out *w, const char *name, size_t count)
{
    put(w, "\n== ");
    put(w, name);
    put(w, " (");
    put_int(w, (long long)count);
    put(w, ") ==\n");
}

static void print_where(dump_out *w, const fl_document *doc, size_t line)
{
    int page = page_of(doc, line);
    if (page > 0) {
        put(w, "p");
        put_int(w, page);
        put(w, " ");
    }
    put(w, "L");
    put_int(w, (long long)line);
}

static void dump_sections(dump_out *w, const fl_document *doc)
{
    put_part(w, "章节", doc->nsections);
    for (size_t i = 0; i < doc->nsections; i++) {
        const fl_section *s = doc->sections[i];
        for (int d = 0; d < s->depth; d++)
            put(w, "  ");
        print_where(w, doc, s->line);
        put(w, "-");
        put_int(w, (long long)s->end_line);
        put(w, "  ");
        put(w, s->heading);
        put(w, "\n");
        out_line_done(w);
    }
}

static void dump_table(dump_out *w, const fl_document *doc, size_t index, const fl_table *t)
{
    put(w, "\n-- 表 ");
    put_int(w, (long long)(index + 1));
    put(w, "：");
    put(w, *t->title ? t->title : "(无标题)");
    if (t->label != NULL) {
        put(w, "（");
        put(w, t->label);
        put(w, "）");
    }
    put(w, "  ");
    print_where(w, doc, t->line);
    put(w, "-");
    put_int(w, (long long)t->end_line);
    if (t->unit != FL_UNIT_NONE) {
        put(w, "  单位：");
        put(w, unit_name(t->unit));
    }
    put(w, "\n   列：");
    for (size_t c = 0; c < t->ncols; c++) {
        put(w, c ? " | [" : "[");
        put_int(w, (long long)c);
        put(w, "] ");
        put(w, fl_table_column_label(t, c));
        if (fl_table_column_number(t, c) > 0) {
            put(w, " (栏");
            put_int(w, fl_table_column_number(t, c));
            put(w, ")");
        }
    }
    put(w, "\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const fl_row *row = &t->rows[r];
        put(w, "   ");
        print_where(w, doc, row->line);
        put(w, row->is_header ? " 表头 " : "      ");
        if (row->code != NULL) {
            put(w, "{");
            put(w, row->code);
            put(w, "} ");
        }
        put(w, "«");
        put(w, row->label ? row->label : "");
        put(w, "»");
        for (size_t c = 0; c < row->ncells; c++) {
            put(w, " | ");
            put(w, row->cells[c].norm);
        }
        put(w, "\n");
        out_line_done(w);
    }
}

static void dump_amounts(dump_out *w, const fl_document *doc)
{
    put_part(w, "文中金额", doc->namounts);
    for (size_t i = 0; i < doc->namounts; i++) {
        const fl_amount *a = &doc->amounts[i];
        put(w, "  ");
        print_where(w, doc, a->line);
        put(w, "  ");
        put(w, a->label);
        put(w, "  ");
        char value[40];
        put(w, fl_dec_format(a->number.value, 0, value, sizeof value));
        put(w, " ");
        put(w, unit_name(a->number.unit));
        put(w, "\n");
        out_line_done(w);
    }
}

/* "类型：部门预算（p1 L2）": a value and where it was read. */
static void print_identity(dump_out *w, const fl_document *doc, const char *name, const char *value,
                           size_t line)
{
    put(w, name);
    put(w, "：");
    put(w, value);
    if (line > 0) {
        put(w, "（");
        print_where(w, doc, line);
        put(w, "）");
    }
    put(w, "\n");
}

static void dump_paragraphs(dump_out *w, const fl_document *doc)
{
    put_part(w, "段落", doc->nparagraphs);
    for (size_t i = 0; i < doc->nparagraphs; i++) {
        const fl_paragraph *p = doc->paragraphs[i];
        put(w, "  ");
        print_where(w, doc, p->line);
        put(w, "-");
        put_int(w, (long long)p->end_line);
        put(w, "  ");
        put_n(w, p->text, utf8_prefix(p->text, 90));
        put(w, "\n");
        out_line_done(w);
    }
}

void fl_dump_text(FILE *file, const fl_document *doc)
{
    dump_out w;
    out_init(&w, file);
    put(&w, "文档：");
    put(&w, doc->source);
    put(&w, "\n格式：");
    put(&w, doc->format);
    put(&w, "\n标题：");
    put(&w, doc->title ? doc->title : "(未找到)");
    put(&w, "\n");
    fl_doc_kind kind = fl_doc_kind_of(doc);
    char kind_text[128], year_text[16];
    snprintf(kind_text, sizeof kind_text, "%s (%s)", fl_doc_kind_name_zh(kind), fl_doc_kind_name(kind));
    print_identity(&w, doc, "类型", kind_text, doc->kind_line);
    for (int k = 0; k < FL_KIND_COUNT; k++)
        if (k != (int)kind && k != FL_KIND_UNKNOWN && (doc->kinds & FL_KIND_BIT(k))) {
            put(&w, "另含：");
            put(&w, fl_doc_kind_name_zh((fl_doc_kind)k));
            put(&w, " (");
            put(&w, fl_doc_kind_name((fl_doc_kind)k));
            put(&w, ")\n");
        }
    if (doc->year > 0)
        snprintf(year_text, sizeof year_text, "%d", doc->year);
    print_identity(&w, doc, "年度", doc->year > 0 ? year_text : "(未找到)", doc->year_line);
    print_identity(&w, doc, "单位", doc->unit ? doc->unit : "(未找到)", doc->unit_line);
    put(&w, "行数：");
    put_int(&w, (long long)doc->nlines);
    put(&w, "\n");
    dump_sections(&w, doc);
    put_part(&w, "表格", doc->ntables);
    for (size_t i = 0; i < doc->ntables; i++)
        dump_table(&w, doc, i, doc->tables[i]);
    dump_paragraphs(&w, doc);
    dump_amounts(&w, doc);
    out_flush(&w);
    fl_buf_free(&w.b);
}

static json_t *opt_int(size_t v)
{
    return v ? json_integer((json_int_t)v) : json_null();
}

static json_t *cell_json(const fl_cell *c)
{
    fl_number n;
    json_t *value = json_null();
    if (fl_cell_number(c, &n) && !n.is_empty) {
        char buf[40];
        value = json_string(fl_dec_format(n.value, 0, buf, sizeof buf));
    }
    return json_pack("{s:s, s:o}", "text", fl_cell_text(c), "value", value);
}

static json_t *table_json(const fl_document *doc, const fl_table *t)
{
    json_t *cols = json_array();
    for (size_t c = 0; c < fl_table_column_count(t); c++)
        json_array_append_new(cols, json_pack("{s:s, s:o}", "label", fl_table_column_label(t, c),
                                              "number", fl_table_column_number(t, c)
                                                  ? json_integer(fl_table_column_number(t, c))
                                                  : json_null()));
    json_t *rows = json_array();
    for (size_t r = 0; r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        json_t *cells = json_array();
        for (size_t c = 0; c < fl_row_cell_count(row); c++)
            json_array_append_new(cells, cell_json(fl_row_cell(row, c)));
        json_array_append_new(
            rows, json_pack("{s:I, s:o, s:b, s:s, s:o, s:o}", "line", (json_int_t)fl_row_line(row),
                            "page", opt_int((size_t)fl_doc_line_page(doc, fl_row_line(row))),
                            "header", fl_row_is_header(row), "label", fl_row_label(row), "code",
                            fl_row_code(row) ? json_string(fl_row_code(row)) : json_null(),
                            "cells", cells));
    }
    return json_pack("{s:s, s:o, s:s, s:I, s:I, s:o, s:o}", "title", fl_table_title(t), "label",
                     fl_table_label(t) ? json_string(fl_table_label(t)) : json_null(), "unit",
                     unit_name(fl_table_unit(t)), "line", (json_int_t)fl_table_line(t), "end_line",
                     (json_int_t)fl_table_end_line(t), "columns", cols, "rows", rows);
}

void fl_dump_json(FILE *out, const fl_document *doc)
{
    json_t *sections = json_array();
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        json_array_append_new(
            sections, json_pack("{s:s, s:s, s:i, s:i, s:I, s:I, s:o, s:s}", "heading",
                                fl_section_heading(s), "title", fl_section_title(s), "number",
                                fl_section_number(s), "depth", fl_section_depth(s), "line",
                                (json_int_t)fl_section_line(s), "end_line",
                                (json_int_t)fl_section_end_line(s), "page",
                                opt_int((size_t)fl_doc_line_page(doc, fl_section_line(s))), "path",
                                fl_section_path(s)));
    }
    json_t *tables = json_array();
    for (size_t i = 0; i < fl_doc_table_count(doc); i++)
        json_array_append_new(tables, table_json(doc, fl_doc_table(doc, i)));
    json_t *paragraphs = json_array();
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        json_array_append_new(paragraphs,
                              json_pack("{s:I, s:I, s:s}", "line", (json_int_t)fl_paragraph_line(p),
                                        "end_line", (json_int_t)fl_paragraph_end_line(p), "text",
                                        fl_paragraph_text(p)));
    }
    json_t *amounts = json_array();
    for (size_t i = 0; i < fl_doc_amount_count(doc); i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        char buf[40];
        json_array_append_new(amounts, json_pack("{s:I, s:s, s:s, s:s, s:s}", "line",
                                                 (json_int_t)a->line, "label", a->label, "text",
                                                 a->text, "value",
                                                 fl_dec_format(a->number.value, 0, buf, sizeof buf),
                                                 "unit", unit_name(a->number.unit)));
    }
    json_t *also = json_array();
    for (int k = 1; k < FL_KIND_COUNT; k++)
        if (k != (int)fl_doc_kind_of(doc) && (fl_doc_kinds(doc) & FL_KIND_BIT(k)))
            json_array_append_new(also, json_string(fl_doc_kind_name((fl_doc_kind)k)));
    json_t *identity = json_pack(
        "{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "kind", fl_doc_kind_name(fl_doc_kind_of(doc)),
        "kind_line", opt_int(fl_doc_kind_line(doc)), "also", also, "year",
        fl_doc_year(doc) > 0 ? json_integer(fl_doc_year(doc)) : json_null(), "year_line",
        opt_int(fl_doc_year_line(doc)), "unit",
        fl_doc_unit(doc) ? json_string(fl_doc_unit(doc)) : json_null(), "unit_line",
        opt_int(fl_doc_unit_line(doc)));
    json_t *root = json_pack("{s:o, s:s, s:o, s:o, s:I, s:o, s:o, s:o, s:o}", "source",
                             fl_json_text(fl_doc_source(doc)), "format", fl_doc_format(doc), "title",
                             fl_doc_title(doc) ? json_string(fl_doc_title(doc)) : json_null(),
                             "identity", identity,
                             "lines", (json_int_t)fl_doc_line_count(doc), "sections", sections,
                             "tables", tables, "paragraphs", paragraphs, "amounts", amounts);
    fl_json_dump_file(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
}
