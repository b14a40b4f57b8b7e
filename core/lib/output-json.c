/* output-json.c — the JSON findings contract (docs/output.md): every field
 * is always present, null when it does not apply.  Fields are only ever
 * added (fingerprint came later). */
#include "output.h"

#include <jansson.h>
#include <stdlib.h>

#include "build-config.h" /* PACKAGE_VERSION */

static json_t *str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *dec_string(fl_dec d)
{
    char buf[40];
    return json_string(fl_dec_format(d, 2, buf, sizeof buf));
}

json_t *fl_output_finding_json(const fl_finding *f, const char *fingerprint)
{
    json_t *loc = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                            "line", f->line ? json_integer((json_int_t)f->line) : json_null(),
                            "end_line", f->line ? json_integer((json_int_t)f->end_line) : json_null(),
                            "page", f->page ? json_integer(f->page) : json_null(),
                            "section", str_or_null(f->section),
                            "table", str_or_null(f->table),
                            "row", str_or_null(f->row),
                            "column", str_or_null(f->column));
    json_t *expected, *actual, *difference;
    if (f->has_values) {
        expected = dec_string(f->expected);
        actual = dec_string(f->actual);
        difference = dec_string(fl_dec_sub(f->actual, f->expected));
    } else {
        expected = str_or_null(f->expected_text);
        actual = str_or_null(f->actual_text);
        difference = json_null();
    }
    json_t *addends = json_array();
    for (size_t i = 0; i < f->naddends; i++)
        json_array_append_new(addends, json_pack("{s:s, s:o}", "label", f->addends[i].label,
                                                 "value", dec_string(f->addends[i].value)));
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
                     "check", f->check, "rule", f->rule,
                     "severity", fl_severity_name(f->severity), "message", f->message,
                     "location", loc, "evidence", str_or_null(f->evidence),
                     "expected", expected, "actual", actual, "difference", difference,
                     "addends", addends, "suggestion", str_or_null(f->suggestion),
                     "fingerprint", fingerprint);
}

void fl_output_json(FILE *out, const fl_doc_result *docs, size_t n)
{
    json_t *documents = json_array();
    for (size_t d = 0; d < n; d++) {
        const fl_doc_result *r = &docs[d];
        json_t *findings = json_array();
        char *fp = fl_output_fingerprints(r);
        if (r->rep != NULL)
            for (size_t i = 0; i < r->rep->count; i++)
                json_array_append_new(findings,
                                      fl_output_finding_json(r->rep->items[i], fp + 17 * i));
        free(fp);
        json_array_append_new(documents,
                              json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "source",
                                        r->source, "format", str_or_null(r->format), "title",
                                        str_or_null(r->title), "kind", str_or_null(r->kind),
                                        "year", r->year ? json_integer(r->year) : json_null(),
                                        "unit", str_or_null(r->unit), "error",
                                        str_or_null(r->error), "findings", findings));
    }
    fl_summary s = fl_summarize(docs, n);
    json_t *root = json_pack(
        "{s:{s:s, s:s}, s:o, s:{s:I, s:I, s:I, s:I, s:I}}", "tool", "name", "fislint", "version",
        PACKAGE_VERSION, "documents", documents, "summary", "documents", (json_int_t)s.documents,
        "findings", (json_int_t)s.findings, "errors", (json_int_t)s.errors, "warnings",
        (json_int_t)s.warnings, "infos", (json_int_t)s.infos);
    json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
}
