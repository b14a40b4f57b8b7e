/* output.h — writing findings for people (text, CSV, HTML) and programs
 * (JSON, JSON Lines, SARIF).  docs/output.md describes every format. */
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
    /* The canonical text the model was built from (reader.h), kept only
     * when the run needs it again: for the checks that compare a report
     * with the unit's other reports, and to store in the history (--db).
     * NULL otherwise. */
    char *text;
    size_t text_len;
    /* Or, with text NULL, where a document worker left it: text_len bytes
     * at text_off in the run's spool (core/cli/spool.h). */
    int text_spooled;
    long long text_off;
} fl_doc_result;

typedef struct fl_summary {
    size_t documents, findings, errors, warnings, infos, unreadable;
} fl_summary;

fl_summary fl_summarize(const fl_doc_result *docs, size_t n);
void fl_doc_result_free(fl_doc_result *r);
/* The static fl_doc_kind_name() string equal to `name` (read back from a
 * worker or the history), so results can hold it without owning it; NULL
 * when `name` is no kind's name. */
const char *fl_doc_kind_name_of(const char *name);

/* ---- The writers ---------------------------------------------------- */

/* Writes all results at once (every format). */
typedef void (*fl_output_fn)(FILE *out, const fl_doc_result *docs, size_t n);
/* Writes one document's part as soon as it is checked (formats whose
 * output needs nothing from the other documents: JSON Lines). */
typedef void (*fl_output_doc_fn)(FILE *out, const fl_doc_result *doc);

typedef struct fl_output_format {
    const char *name;        /* "text", "json", "jsonl", "csv", "html", "sarif" */
    const char *extension;   /* for files in --output-dir: "txt", "json" … */
    fl_output_fn write;
    fl_output_doc_fn write_doc; /* NULL when the format needs every result */
} fl_output_format;

/* The format called `name`, or NULL. */
const fl_output_format *fl_output_find(const char *name);
/* "text|json|jsonl|csv|html|sarif", for messages and --help. */
const char *fl_output_names(void);

/* Text for people, grouped by document, with a summary line. */
void fl_output_text(FILE *out, const fl_doc_result *docs, size_t n);
/* The JSON contract (docs/output.md). */
void fl_output_json(FILE *out, const fl_doc_result *docs, size_t n);
/* One JSON object a line: one per finding, one per unreadable document. */
void fl_output_jsonl(FILE *out, const fl_doc_result *docs, size_t n);
void fl_output_jsonl_doc(FILE *out, const fl_doc_result *doc);
/* CSV for Excel: UTF-8 with BOM, CRLF, one row per finding. */
void fl_output_csv(FILE *out, const fl_doc_result *docs, size_t n);
/* One self-contained HTML page, a section per unit (单位). */
void fl_output_html(FILE *out, const fl_doc_result *docs, size_t n);
/* The index page of a split report: unit i is in files[i]. */
void fl_output_html_index(FILE *out, const char *const *units, const char *const *files,
                          const fl_summary *sums, size_t n);
/* SARIF 2.1.0, one run. */
void fl_output_sarif(FILE *out, const fl_doc_result *docs, size_t n);

/* Writes `docs` in `fmt` into directory `dir` (created when missing): with
 * split_by_unit, one file per unit named after it plus index.html;
 * otherwise one file fislint-report.<ext>.  Returns 0, or -1 with a Chinese
 * message in err. */
int fl_output_to_dir(const fl_output_format *fmt, const char *dir, int split_by_unit,
                     const fl_doc_result *docs, size_t n, char *err, size_t errsize);

/* ---- Shared by the writers (output-common.c) ------------------------- */

/* The unit a document is grouped under: its unit, or "未识别单位". */
const char *fl_output_unit(const fl_doc_result *r);
/* Chinese name of a kind given by its ASCII name ("dept-final" -> "部门决算"),
 * "未识别" for NULL or unknown names. */
const char *fl_output_kind_zh(const char *kind);
/* A number of a finding as people should read it: at least 2 decimals,
 * and no more than 2 unless the evidence has it written with more (a
 * computed 77.484625 shows as 77.48; a written 16.232363 stays). */
char *fl_output_num(const fl_finding *f, fl_dec d, char *buf, size_t size);
/* actual − expected, with as many decimals as the two shown numbers:
 * `expected` and `actual` as fl_output_num() gave them. */
char *fl_output_diff(const fl_finding *f, const char *expected, const char *actual, char *buf,
                     size_t size);
/* Fingerprints of a document's findings, 16 hex digits each (see
 * docs/output.md): fp + 17 * i is finding i's.  Caller frees; NULL when the
 * document has no report. */
char *fl_output_fingerprints(const fl_doc_result *r);
/* The fingerprint of an unreadable document (of its source). */
void fl_output_error_fingerprint(const fl_doc_result *r, char out[17]);
/* A finding as the JSON contract's object (JSON and JSON Lines). */
struct json_t; /* jansson, included only by the JSON writers */
struct json_t *fl_output_finding_json(const fl_finding *f, const char *fingerprint);

/* s as a JSON string (null for NULL).  Bytes that are not UTF-8 (a GBK
 * file name) become U+FFFD: jansson refuses such a string, and the object
 * holding it would be dropped from the output without a word. */
struct json_t *fl_json_text(const char *s);

#endif
