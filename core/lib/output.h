/* output.h — writing findings for people (text) and programs (JSON). */
#ifndef FL_OUTPUT_H
#define FL_OUTPUT_H

#include <stdio.h>

#include "report.h"

/* What one input gave: a report, or an error when it could not be read. */
typedef struct fl_doc_result {
    char *source;       /* path or URL as given */
    char *format;       /* NULL when unknown */
    char *title;        /* NULL when none */
    const char *kind;   /* fl_doc_kind_name(); NULL when not read */
    int year;           /* 0 when unknown */
    char *unit;         /* NULL when unknown */
    char *error;        /* NULL when the document was checked */
    fl_report *rep;     /* NULL when error is set; findings complete and sorted */
} fl_doc_result;

typedef struct fl_summary {
    size_t documents, findings, errors, warnings, infos, unreadable;
} fl_summary;

fl_summary fl_summarize(const fl_doc_result *docs, size_t n);
/* Text for people, grouped by document, with a summary line. */
void fl_output_text(FILE *out, const fl_doc_result *docs, size_t n);
/* The JSON contract (docs/output.md). */
void fl_output_json(FILE *out, const fl_doc_result *docs, size_t n);
void fl_doc_result_free(fl_doc_result *r);

#endif
