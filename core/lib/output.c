/* output.c — what the writers share: counting and freeing results. */
#include "output.h"

#include <stdlib.h>

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
    fl_report_free(r->rep);
}
