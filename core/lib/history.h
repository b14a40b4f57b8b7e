/* history.h — the history of runs in an SQLite file (fislint check --db):
 * which documents were checked when, and what was found, so an office can
 * follow each finding across runs (fislint history / diff / report).
 * docs/history.md describes the schema. */
#ifndef FL_HISTORY_H
#define FL_HISTORY_H

#include <stddef.h>

#include "history-sha256.h"
#include "output.h"
#include "waiver.h"

typedef struct fl_history fl_history;

/* Schema version (PRAGMA user_version) this fislint writes. */
#define FL_HISTORY_SCHEMA 2

/* Open (with create, creating) the history `path`, bringing an older
 * schema up to date.  NULL with a Chinese message naming the file in err
 * when it cannot be opened, is not a fislint history, is corrupt or comes
 * from a newer fislint. */
fl_history *fl_history_open(const char *path, int create, char *err, size_t errsize);
void fl_history_close(fl_history *h);
/* A last error message (naming the file), after a call returned -1. */
const char *fl_history_error(const fl_history *h);

/* Start a run now (or at $FISLINT_NOW, seconds since 1970, for tests and
 * imports): `args` is the command line.  Returns the run id, or -1. */
long long fl_history_begin_run(fl_history *h, const char *args);
/* Record one document of run `run` with its findings as checked (before
 * waivers: `states` says which are waived; NULL for none), and the
 * SHA-256 of its input (sha256 NULL when unknown; sha256_of "bytes" or
 * "text").  One transaction per document.  Returns 0 or -1. */
int fl_history_add_doc(fl_history *h, long long run, const fl_doc_result *r, const char *fps,
                       const fl_waive_state *states, const char *sha256, const char *sha256_of);
/* Mark run `run` finished (a run without it was interrupted). */
int fl_history_end_run(fl_history *h, long long run);

/* ---- reading ---- */

/* One finding as the follow-up commands see it. */
typedef struct fl_hist_finding {
    char *unit, *fingerprint, *rule, *severity, *message, *source;
    long line;           /* 0 when unknown */
    int page;            /* 0 when unknown */
    int waived;
} fl_hist_finding;

typedef struct fl_hist_set {
    fl_hist_finding *items;
    size_t count, cap;
    char **units;        /* the units checked (even those without findings) */
    size_t nunits, units_cap;
} fl_hist_set;

void fl_hist_set_add(fl_hist_set *s, const fl_hist_finding *f); /* copies */
void fl_hist_set_unit(fl_hist_set *s, const char *unit);        /* notes a checked unit */
void fl_hist_set_free(fl_hist_set *s);

/* The ids of the finished runs, oldest first.  Caller frees. -1 on error. */
int fl_history_runs(fl_history *h, long long **ids, size_t *n);
/* Whether run `id` exists (1), not (0), or -1 on error. */
int fl_history_run_exists(fl_history *h, long long id);
/* The findings of run `id`. */
int fl_history_load_run(fl_history *h, long long id, fl_hist_set *out);
/* A report recorded by an earlier run, with the text it was checked as:
 * what a check that compares with the unit's other reports reads. */
typedef struct fl_hist_report {
    char *source, *format;
    const char *kind;    /* fl_doc_kind_name(); "unknown" when not read */
    int year;
    char *text;          /* NUL-terminated; len bytes */
    size_t len;
} fl_hist_report;

/* The reports of `unit` whose text is stored (schema 2 on), the latest
 * recorded one for each kind and year, newest year first.  Fills *out
 * (caller frees with fl_hist_reports_free) and *n; -1 on error. */
int fl_history_unit_reports(fl_history *h, const char *unit, fl_hist_report **out, size_t *n);
void fl_hist_reports_free(fl_hist_report *r, size_t n);

/* The underlying sqlite3 handle, for the listing commands' own queries. */
struct sqlite3 *fl_history_db(fl_history *h);

#endif
