/* output-jsonl.c — JSON Lines: one object per finding, carrying the
 * document it belongs to, and one per unreadable document.  Each document
 * is written as soon as it is checked, so a batch of thousands of reports
 * never has to be held in memory. */
#include "output.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

/* The document's fields, first in every line of it. */
static json_t *doc_fields(const fl_doc_result *r, const char *type)
{
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "type", type, "source", r->source,
                     "format", str_or_null(r->format), "title", str_or_null(r->title), "kind",
                     str_or_null(r->kind), "year", r->year ? json_integer(r->year) : json_null(),
                     "unit", str_or_null(r->unit));
}

static void put_line(FILE *out, json_t *obj)
{
    json_dumpf(obj, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(obj);
}

void fl_output_jsonl_doc(FILE *out, const fl_doc_result *r)
{
    if (r->rep == NULL) {
        json_t *obj = doc_fields(r, "unreadable");
        json_object_set_new(obj, "error", str_or_null(r->error));
        put_line(out, obj);
        return;
    }
    char *fp = fl_output_fingerprints(r);
    for (size_t i = 0; i < r->rep->count; i++) {
        json_t *obj = doc_fields(r, "finding");
        json_t *f = fl_output_finding_json(r->rep->items[i], fp + 17 * i);
        json_object_update(obj, f);
        json_decref(f);
        put_line(out, obj);
    }
    free(fp);
    /* A pipe reader sees each document when it is done. */
    fflush(out);
}

void fl_output_jsonl(FILE *out, const fl_doc_result *docs, size_t n)
{
    for (size_t d = 0; d < n; d++)
        fl_output_jsonl_doc(out, &docs[d]);
}
