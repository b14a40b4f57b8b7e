/* fuzz-common.c — the reader path and the model walk shared by the
 * harnesses (see fuzz.h). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "text.h"

/* Everything read ends up here, so the compiler cannot drop the reads. */
static volatile size_t sink;

void fuzz_touch(const char *s)
{
    if (s != NULL)
        sink += strlen(s);
}

char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A string of the document model, which must be UTF-8: the plugins step
 * through text by its lead bytes (fl_utf8_char_len), and a character cut
 * at a string's end would step them past its NUL. */
static void touch_model(const char *s)
{
    if (s != NULL && !fl_utf8_valid((const unsigned char *)s, strlen(s), NULL)) {
        fprintf(stderr, "not UTF-8 in the model: \"%s\"\n", s);
        abort();
    }
    fuzz_touch(s);
}

static void walk_section(const fl_section *s)
{
    touch_model(fl_section_title(s));
    touch_model(fl_section_heading(s));
    touch_model(fl_section_path(s));
    sink += (size_t)fl_section_numbering(s) + (size_t)fl_section_number(s)
            + (size_t)fl_section_depth(s) + fl_section_line(s) + fl_section_end_line(s);
    for (const fl_section *p = fl_section_parent(s); p != NULL; p = fl_section_parent(p))
        sink++;
}

static void walk_table(const fl_table *t)
{
    touch_model(fl_table_title(t));
    touch_model(fl_table_label(t));
    sink += (size_t)fl_table_unit(t) + fl_table_line(t) + fl_table_end_line(t);
    if (fl_table_section(t) != NULL)
        touch_model(fl_section_title(fl_table_section(t)));
    size_t cols = fl_table_column_count(t);
    for (size_t c = 0; c < cols; c++) {
        touch_model(fl_table_column_label(t, c));
        sink += (size_t)fl_table_column_number(t, c);
    }
    sink += (size_t)fl_table_find_column(t, "合计");
    sink += (size_t)fl_table_find_column(t, "预算数");
    sink += fl_table_header_row_count(t);
    size_t rows = fl_table_row_count(t);
    for (size_t r = 0; r < rows; r++) {
        const fl_row *row = fl_table_row(t, r);
        sink += (size_t)fl_row_is_header(row) + fl_row_line(row);
        touch_model(fl_row_label(row));
        touch_model(fl_row_code(row));
        size_t n = fl_row_cell_count(row);
        /* One past the end too: the API promises NULL there. */
        for (size_t c = 0; c <= n; c++) {
            const fl_cell *cell = fl_row_cell(row, c);
            if (cell == NULL)
                continue;
            touch_model(fl_cell_text(cell));
            touch_model(fl_cell_norm(cell));
            fl_number num;
            if (fl_cell_number(cell, &num)) {
                fl_dec w;
                char buf[32];
                touch_model(fl_dec_format(num.value, num.decimals, buf, sizeof buf));
                if (fl_number_to_wanyuan(&num, &w) == 0)
                    sink += (size_t)w.micros;
            }
        }
    }
}

void fuzz_walk(const fl_document *doc)
{
    touch_model(fl_doc_source(doc));
    touch_model(fl_doc_format(doc));
    touch_model(fl_doc_title(doc));
    touch_model(fl_doc_unit(doc));
    sink += (size_t)fl_doc_kind_of(doc) + fl_doc_kinds(doc) + fl_doc_kind_line(doc)
            + (size_t)fl_doc_year(doc) + fl_doc_year_line(doc) + fl_doc_unit_line(doc);
    touch_model(fl_doc_kind_name(fl_doc_kind_of(doc)));
    touch_model(fl_doc_kind_name_zh(fl_doc_kind_of(doc)));
    size_t lines = fl_doc_line_count(doc);
    /* Lines 0 and count + 1 are out of range and must give NULL. */
    for (size_t n = 0; n <= lines + 1; n++) {
        touch_model(fl_doc_line(doc, n));
        touch_model(fl_doc_line_norm(doc, n));
        sink += (size_t)fl_doc_line_page(doc, n);
        const fl_section *s = fl_doc_section_at(doc, n);
        if (s != NULL)
            touch_model(fl_section_title(s));
    }
    for (size_t i = 0; i < fl_doc_section_count(doc); i++)
        walk_section(fl_doc_section(doc, i));
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        const char *text = fl_paragraph_text(p);
        touch_model(text);
        sink += fl_paragraph_line(p) + fl_paragraph_end_line(p);
        if (text != NULL)
            sink += fl_paragraph_line_at(p, strlen(text) / 2);
        if (fl_paragraph_section(p) != NULL)
            touch_model(fl_section_title(fl_paragraph_section(p)));
    }
    for (size_t i = 0; i < fl_doc_amount_count(doc); i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        touch_model(a->label);
        touch_model(a->text);
        sink += a->line + a->offset + (size_t)a->number.value.micros;
        /* The offset points at the number inside its paragraph. */
        if (a->paragraph != NULL) {
            const char *pt = fl_paragraph_text(a->paragraph);
            if (pt != NULL && a->offset > strlen(pt))
                abort();
        }
    }
    for (size_t i = 0; i < fl_doc_table_count(doc); i++)
        walk_table(fl_doc_table(doc, i));
}

void fuzz_read(const char *name, const uint8_t *data, size_t size, const fl_reader *only)
{
    if (only != NULL && !only->detect(name, data, size))
        return;
    fl_input in;
    char err[512];
    if (fl_read_input(name, data, size, &in, err, sizeof err) != 0) {
        /* A refusal must say why. */
        if (err[0] == '\0')
            abort();
        /* A module of this build that does not load would leave its
         * reader unfuzzed while every run looks clean.  Its message
         * starts so (module.c); the words anywhere else may be the
         * input's own, quoted in a reader's message (a sheet's name). */
        if (strncmp(err, "无法加载", strlen("无法加载")) == 0) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
        return;
    }
    fl_document *doc = fl_document_from_text(name, in.format, in.text, in.len);
    if (doc == NULL)
        abort(); /* "never fails" */
    fuzz_walk(doc);
    fl_document_free(doc);
    fl_input_free(&in);
}
