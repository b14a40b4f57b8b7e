/* output-jsonl.c — JSON Lines: one object per finding, carrying the
 * document it belongs to, and one per unreadable document.  Each document
 * is written as soon as it is checked, so a batch of thousands of reports
 * never has to be held in memory.  The fields and their order are those of
 * the JSON format (output-json.c, docs/output.md); the lines are written
 * directly (json-write.h), not through a jansson tree. */
#include "output.h"

#include <stdlib.h>

#include "json-write.h"

static void int_or_null(fl_buf *b, int present, int64_t v)
{
    if (present)
        fl_json_int(b, v);
    else
        fl_buf_append(b, "null", 4);
}

/* The document's fields, first in every line of it. */
static void doc_fields(fl_buf *b, const fl_doc_result *r, const char *type)
{
    fl_json_raw(b, "{\"type\":");
    fl_json_str(b, type);
    fl_json_raw(b, ",\"source\":");
    fl_json_str(b, r->source);
    fl_json_raw(b, ",\"format\":");
    fl_json_str_or_null(b, r->format);
    fl_json_raw(b, ",\"title\":");
    fl_json_str_or_null(b, r->title);
    fl_json_raw(b, ",\"kind\":");
    fl_json_str_or_null(b, r->kind);
    fl_json_raw(b, ",\"year\":");
    int_or_null(b, r->year != 0, r->year);
    fl_json_raw(b, ",\"unit\":");
    fl_json_str_or_null(b, r->unit);
}

static void dec(fl_buf *b, fl_dec d)
{
    char num[40];
    fl_json_str(b, fl_dec_format(d, 2, num, sizeof num));
}

/* A finding's fields, as fl_output_finding_json() has them. */
static void finding_fields(fl_buf *b, const fl_finding *f, const char *fingerprint)
{
    fl_json_raw(b, ",\"check\":");
    fl_json_str(b, f->check);
    fl_json_raw(b, ",\"rule\":");
    fl_json_str(b, f->rule);
    fl_json_raw(b, ",\"severity\":");
    fl_json_str(b, fl_severity_name(f->severity));
    fl_json_raw(b, ",\"message\":");
    fl_json_str(b, f->message);
    fl_json_raw(b, ",\"location\":{\"line\":");
    int_or_null(b, f->line != 0, (int64_t)f->line);
    fl_json_raw(b, ",\"end_line\":");
    int_or_null(b, f->line != 0, (int64_t)f->end_line);
    fl_json_raw(b, ",\"page\":");
    int_or_null(b, f->page != 0, f->page);
    fl_json_raw(b, ",\"section\":");
    fl_json_str_or_null(b, f->section);
    fl_json_raw(b, ",\"table\":");
    fl_json_str_or_null(b, f->table);
    fl_json_raw(b, ",\"row\":");
    fl_json_str_or_null(b, f->row);
    fl_json_raw(b, ",\"column\":");
    fl_json_str_or_null(b, f->column);
    fl_json_raw(b, "},\"evidence\":");
    fl_json_str_or_null(b, f->evidence);
    fl_json_raw(b, ",\"expected\":");
    if (f->has_values) {
        dec(b, f->expected);
        fl_json_raw(b, ",\"actual\":");
        dec(b, f->actual);
        fl_json_raw(b, ",\"difference\":");
        dec(b, fl_dec_sub(f->actual, f->expected));
    } else {
        fl_json_str_or_null(b, f->expected_text);
        fl_json_raw(b, ",\"actual\":");
        fl_json_str_or_null(b, f->actual_text);
        fl_json_raw(b, ",\"difference\":");
        fl_buf_append(b, "null", 4);
    }
    fl_json_raw(b, ",\"addends\":");
    fl_buf_append(b, "[", 1);
    for (size_t i = 0; i < f->naddends; i++) {
        fl_json_raw(b, i ? ",{\"label\":" : "{\"label\":");
        fl_json_str(b, f->addends[i].label);
        fl_json_raw(b, ",\"value\":");
        dec(b, f->addends[i].value);
        fl_buf_append(b, "}", 1);
    }
    fl_json_raw(b, "],\"suggestion\":");
    fl_json_str_or_null(b, f->suggestion);
    fl_json_raw(b, ",\"fingerprint\":");
    fl_json_str(b, fingerprint);
}

void fl_output_jsonl_doc(FILE *out, const fl_doc_result *r)
{
    fl_buf b = { 0 };
    if (r->rep == NULL) {
        doc_fields(&b, r, "unreadable");
        fl_json_raw(&b, ",\"error\":");
        fl_json_str_or_null(&b, r->error);
        fl_buf_append(&b, "}\n", 2);
    } else {
        char *fp = fl_output_fingerprints(r);
        for (size_t i = 0; i < r->rep->count; i++) {
            doc_fields(&b, r, "finding");
            finding_fields(&b, r->rep->items[i], fp + 17 * i);
            fl_buf_append(&b, "}\n", 2);
        }
        free(fp);
    }
    if (b.len > 0)
        fwrite(b.data, 1, b.len, out);
    fl_buf_free(&b);
    /* A pipe reader sees each document when it is done. */
    fflush(out);
}

void fl_output_jsonl(FILE *out, const fl_doc_result *docs, size_t n)
{
    for (size_t d = 0; d < n; d++)
        fl_output_jsonl_doc(out, &docs[d]);
}
