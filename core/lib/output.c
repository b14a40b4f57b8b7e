/* output.c — what the writers share: the table of formats, counting and
 * freeing results. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

/* The one place a format name meets its writer: cmd-check only looks up
 * here, so a new format is one line. */
static const fl_output_format formats[] = {
    { "text", "txt", fl_output_text, NULL },
    { "json", "json", fl_output_json, NULL },
    { "jsonl", "jsonl", fl_output_jsonl, fl_output_jsonl_doc },
    { "csv", "csv", fl_output_csv, NULL },
    { "html", "html", fl_output_html, NULL },
    { "sarif", "sarif", fl_output_sarif, NULL },
};

const fl_output_format *fl_output_find(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

const char *fl_output_names(void)
{
    return "text|json|jsonl|csv|html|sarif";
}

fl_summary fl_summarize(const fl_doc_result *docs, size_t n)
{
    fl_summary s = { 0 };
    s.documents = n;
    for (size_t d = 0; d < n; d++) {
        if (docs[d].rep == NULL) {
            s.unreadable++;
            continue;
        }
        for (size_t i = 0; i < docs[d].rep->count; i++) {
            s.findings++;
            switch (docs[d].rep->items[i]->severity) {
            case FL_SEV_ERROR: s.errors++; break;
            case FL_SEV_WARNING: s.warnings++; break;
            case FL_SEV_INFO: s.infos++; break;
            }
        }
    }
    return s;
}

void fl_doc_result_free(fl_doc_result *r)
{
    free(r->source);
    free(r->format);
    free(r->title);
    free(r->unit);
    free(r->error);
    free(r->text);
    fl_report_free(r->rep);
}

const char *fl_doc_kind_name_of(const char *name)
{
    for (int k = 0; name != NULL && k < FL_KIND_COUNT; k++)
        if (strcmp(name, fl_doc_kind_name((fl_doc_kind)k)) == 0)
            return fl_doc_kind_name((fl_doc_kind)k);
    return NULL;
}
