/* output-json.c — the JSON findings contract (docs/output.md): every field
 * is always present, null when it does not apply.  Fields are only ever
 * added (fingerprint came later). */
#include "output.h"

#include <jansson.h>
#include <stdlib.h>

#include "build-config.h" /* PACKAGE_VERSION */
#include "json-write.h"
#include "text.h"

json_t *fl_json_text(const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *j = json_string(s);
    if (j == NULL) {
        char *repaired = fl_utf8_repair(s);
        j = json_string(repaired);
        free(repaired);
    }
    return j;
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
                            "section", fl_json_text(f->section),
                            "table", fl_json_text(f->table),
                            "row", fl_json_text(f->row),
                            "column", fl_json_text(f->column));
    json_t *expected, *actual, *difference;
    if (f->has_values) {
        expected = dec_string(f->expected);
        actual = dec_string(f->actual);
        difference = dec_string(fl_dec_sub(f->actual, f->expected));
    } else {
        expected = fl_json_text(f->expected_text);
        actual = fl_json_text(f->actual_text);
        difference = json_null();
    }
    json_t *addends = json_array();
    for (size_t i = 0; i < f->naddends; i++)
        json_array_append_new(addends, json_pack("{s:o, s:o}", "label", fl_json_text(f->addends[i].label),
                                                 "value", dec_string(f->addends[i].value)));
    return json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
                     "check", fl_json_text(f->check), "rule", fl_json_text(f->rule),
                     "severity", fl_severity_name(f->severity), "message", fl_json_text(f->message),
                     "location", loc, "evidence", fl_json_text(f->evidence),
                     "expected", expected, "actual", actual, "difference", difference,
                     "addends", addends, "suggestion", fl_json_text(f->suggestion),
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
                              json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "source",
                                        fl_json_text(r->source), "format", fl_json_text(r->format), "title",
                                        fl_json_text(r->title), "kind", fl_json_text(r->kind),
                                        "year", r->year ? json_integer(r->year) : json_null(),
                                        "unit", fl_json_text(r->unit), "error",
                                        fl_json_text(r->error), "findings", findings));
    }
    fl_summary s = fl_summarize(docs, n);
    json_t *root = json_pack(
        "{s:{s:s, s:s}, s:o, s:{s:I, s:I, s:I, s:I, s:I}}", "tool", "name", "fislint", "version",
        PACKAGE_VERSION, "documents", documents, "summary", "documents", (json_int_t)s.documents,
        "findings", (json_int_t)s.findings, "errors", (json_int_t)s.errors, "warnings",
        (json_int_t)s.warnings, "infos", (json_int_t)s.infos);
    fl_json_dump_file(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
}
