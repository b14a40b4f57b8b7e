/* dump.c — `fislint dump`: the model as text for people and as JSON for
 * tools.  Line numbers are the ones findings use. */
#include "dump.h"

#include <jansson.h>

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

/* Bytes of the longest prefix of s within `max` bytes that does not cut
 * a UTF-8 character (a cut one makes the dump unreadable as UTF-8). */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t n = 0;
    while (s[n] != '\0') {
        size_t k = fl_utf8_len(s + n);
        if (n + k > max)
            break;
        n += k;
    }
    return n;
}

/* The text dump is built in memory, one document at a time, and written
 * with one fwrite: through stdio, every cell paid for fprintf's format
 * parsing and a lock. */
static void put(fl_buf *b, const char *s) { fl_buf_puts(b, s); }

static void put_size(fl_buf *b, size_t v) { fl_buf_put_int(b, (long long)v); }

/* "\n== 章节 (12) ==": the heading of a part of the dump. */
static void put_part(fl_buf *b, const char *name, size_t count)
{
    put(b, "\n== ");
    put(b, name);
    put(b, " (");
    put_size(b, count);
    put(b, ") ==\n");
}

static void print_where(fl_buf *b, const fl_document *doc, size_t line)
{
    int page = fl_doc_line_page(doc, line);
    if (page > 0) {
        put(b, "p");
        put_size(b, (size_t)page);
        put(b, " ");
    }
    put(b, "L");
    put_size(b, line);
}

static void dump_sections(fl_buf *b, const fl_document *doc)
{
    put_part(b, "章节", fl_doc_section_count(doc));
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        for (int d = 0; d < fl_section_depth(s); d++)
            put(b, "  ");
        print_where(b, doc, fl_section_line(s));
        put(b, "-");
        put_size(b, fl_section_end_line(s));
        put(b, "  ");
        put(b, fl_section_heading(s));
        put(b, "\n");
    }
}

static void dump_table(fl_buf *b, const fl_document *doc, size_t index, const fl_table *t)
{
    put(b, "\n-- 表 ");
    put_size(b, index + 1);
    put(b, "：");
    put(b, *fl_table_title(t) ? fl_table_title(t) : "(无标题)");
    if (fl_table_label(t) != NULL) {
        put(b, "（");
        put(b, fl_table_label(t));
        put(b, "）");
    }
    put(b, "  ");
    print_where(b, doc, fl_table_line(t));
    put(b, "-");
    put_size(b, fl_table_end_line(t));
    if (fl_table_unit(t) != FL_UNIT_NONE) {
        put(b, "  单位：");
        put(b, unit_name(fl_table_unit(t)));
    }
    put(b, "\n   列：");
    for (size_t c = 0; c < fl_table_column_count(t); c++) {
        put(b, c ? " | [" : "[");
        put_size(b, c);
        put(b, "] ");
        put(b, fl_table_column_label(t, c));
        if (fl_table_column_number(t, c) > 0) {
            put(b, " (栏");
            put_size(b, (size_t)fl_table_column_number(t, c));
            put(b, ")");
        }
    }
    put(b, "\n");
    for (size_t r = 0; r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        put(b, "   ");
        print_where(b, doc, fl_row_line(row));
        put(b, fl_row_is_header(row) ? " 表头 " : "      ");
        if (fl_row_code(row) != NULL) {
            put(b, "{");
            put(b, fl_row_code(row));
            put(b, "} ");
        }
        put(b, "«");
        put(b, fl_row_label(row));
        put(b, "»");
        for (size_t c = 0; c < fl_row_cell_count(row); c++) {
            put(b, " | ");
            put(b, fl_cell_norm(fl_row_cell(row, c)));
        }
        put(b, "\n");
    }
}

static void dump_amounts(fl_buf *b, const fl_document *doc)
{
    put_part(b, "文中金额", fl_doc_amount_count(doc));
    for (size_t i = 0; i < fl_doc_amount_count(doc); i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        char buf[40];
        put(b, "  ");
        print_where(b, doc, a->line);
        put(b, "  ");
        put(b, a->label);
        put(b, "  ");
        put(b, fl_dec_format(a->number.value, 0, buf, sizeof buf));
        put(b, " ");
        put(b, unit_name(a->number.unit));
        put(b, "\n");
    }
}

/* "类型：部门预算（p1 L2）": a value and where it was read. */
static void print_identity(fl_buf *b, const fl_document *doc, const char *name, const char *value,
                           size_t line)
{
    put(b, name);
    put(b, "：");
    put(b, value);
    if (line > 0) {
        put(b, "（");
        print_where(b, doc, line);
        put(b, "）");
    }
    put(b, "\n");
}

static void dump_paragraphs(fl_buf *b, const fl_document *doc)
{
    put_part(b, "段落", fl_doc_paragraph_count(doc));
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        put(b, "  ");
        print_where(b, doc, fl_paragraph_line(p));
        put(b, "-");
        put_size(b, fl_paragraph_end_line(p));
        put(b, "  ");
        const char *text = fl_paragraph_text(p);
        fl_buf_append(b, text, utf8_prefix(text, 90));
        put(b, "\n");
    }
}

void fl_dump_text(FILE *out, const fl_document *doc)
{
    fl_buf b = { 0 };
    put(&b, "文档：");
    put(&b, fl_doc_source(doc));
    put(&b, "\n格式：");
    put(&b, fl_doc_format(doc));
    put(&b, "\n标题：");
    put(&b, fl_doc_title(doc) ? fl_doc_title(doc) : "(未找到)");
    put(&b, "\n");
    fl_doc_kind kind = fl_doc_kind_of(doc);
    char kind_text[128], year_text[16];
    snprintf(kind_text, sizeof kind_text, "%s (%s)", fl_doc_kind_name_zh(kind), fl_doc_kind_name(kind));
    print_identity(&b, doc, "类型", kind_text, fl_doc_kind_line(doc));
    for (int k = 0; k < FL_KIND_COUNT; k++)
        if (k != (int)kind && k != FL_KIND_UNKNOWN && (fl_doc_kinds(doc) & FL_KIND_BIT(k)))
            fl_buf_printf(&b, "另含：%s (%s)\n", fl_doc_kind_name_zh((fl_doc_kind)k),
                          fl_doc_kind_name((fl_doc_kind)k));
    if (fl_doc_year(doc) > 0)
        snprintf(year_text, sizeof year_text, "%d", fl_doc_year(doc));
    print_identity(&b, doc, "年度", fl_doc_year(doc) > 0 ? year_text : "(未找到)", fl_doc_year_line(doc));
    print_identity(&b, doc, "单位", fl_doc_unit(doc) ? fl_doc_unit(doc) : "(未找到)", fl_doc_unit_line(doc));
    put(&b, "行数：");
    put_size(&b, fl_doc_line_count(doc));
    put(&b, "\n");
    dump_sections(&b, doc);
    put_part(&b, "表格", fl_doc_table_count(doc));
    for (size_t i = 0; i < fl_doc_table_count(doc); i++)
        dump_table(&b, doc, i, fl_doc_table(doc, i));
    dump_paragraphs(&b, doc);
    dump_amounts(&b, doc);
    fwrite(b.data, 1, b.len, out);
    fl_buf_free(&b);
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
    json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
}
