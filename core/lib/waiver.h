/* waiver.h — baselines and waivers: findings a bureau or an office has
 * accepted, listed by fingerprint, hidden from the next runs until they
 * expire.  One JSON format for both (docs/history.md): a --baseline FILE,
 * --write-baseline FILE, and a .fislint-waivers file beside the reports. */
#ifndef FL_WAIVER_H
#define FL_WAIVER_H

#include <stddef.h>

#include "output.h"

typedef struct fl_waiver {
    char *fingerprint, *rule, *unit, *message; /* unit and message may be NULL */
    char *who, *reason, *expires;              /* optional; expires "YYYY-MM-DD" */
    char *file;                                /* where it was read, for messages */
    int used;                                  /* matched a finding this run */
} fl_waiver;

/* What a finding is to the waivers. */
typedef enum { FL_WAIVE_NONE = 0, FL_WAIVE_HIDDEN, FL_WAIVE_EXPIRED } fl_waive_state;

typedef struct fl_waivers {
    fl_waiver *items;
    size_t count, cap;
    char **dirs;          /* directories whose .fislint-waivers was looked for */
    size_t ndirs, dirs_cap;
    char **units;         /* units checked this run (stale entries are only
                             those of a unit that was checked) */
    size_t nunits, units_cap;
    size_t hidden;        /* findings hidden this run */
    char today[11];       /* "YYYY-MM-DD", local time */
} fl_waivers;

/* The name of the file read beside the reports. */
#define FL_WAIVERS_FILE ".fislint-waivers"

void fl_waivers_init(fl_waivers *w);
void fl_waivers_free(fl_waivers *w);
/* Read the entries of `path` (a baseline or a waivers file).  Returns 0,
 * or -1 with a Chinese message naming the file in err. */
int fl_waivers_load(fl_waivers *w, const char *path, char *err, size_t errsize);
/* Read FL_WAIVERS_FILE in the directory of `source` (a local path), once
 * per directory; nothing for URLs, standard input or a missing file.
 * Returns 0, or -1 with a message in err when the file is there but bad. */
int fl_waivers_load_beside(fl_waivers *w, const char *source, char *err, size_t errsize);
/* What each finding of `r` is to the waivers, `fps` being its fingerprints
 * (fl_output_fingerprints, 17 bytes apart); marks the matched entries used
 * and notes r's unit as checked.  Caller frees the array; NULL when r has
 * no findings, or when fps is NULL (r unreadable, or no entries to match:
 * then only the unit is noted). */
fl_waive_state *fl_waivers_match(fl_waivers *w, const fl_doc_result *r, const char *fps);
/* Remove the hidden findings of `r` and add an info core/waiver-expired
 * after each expired one (states from fl_waivers_match, on the same
 * report).  The report is sorted again. */
void fl_waivers_apply(fl_waivers *w, fl_doc_result *r, const char *fps,
                      const fl_waive_state *states);
/* Entries of a checked unit (or of no unit) that matched nothing, as info
 * findings core/waiver-stale added to a report of their unit among `docs`
 * (the first one; else the first readable document).  Returns how many
 * could not be placed (no readable document): the caller reports those
 * with fl_waivers_stale_doc. */
size_t fl_waivers_stale(fl_waivers *w, fl_doc_result *docs, size_t n);
/* The stale entries as a result of their own whose source is the file
 * they came from (for streaming output, where the documents are gone);
 * 0 when there are none.  Caller frees r with fl_doc_result_free. */
int fl_waivers_stale_doc(fl_waivers *w, fl_doc_result *r);

/* ---- writing a baseline ---- */

typedef struct fl_baseline {
    fl_waiver *items;
    size_t count, cap;
} fl_baseline;

/* Add every finding of `r` (before waivers are applied; findings of core
 * are skipped) to the baseline. */
void fl_baseline_add(fl_baseline *b, const fl_doc_result *r, const char *fps);
/* Write `b` to `path`, keeping who/reason/expires of the entries of `w`
 * with the same fingerprint.  Returns 0, or -1 with a message in err. */
int fl_baseline_write(const fl_baseline *b, const fl_waivers *w, const char *path, char *err,
                      size_t errsize);
void fl_baseline_free(fl_baseline *b);

#endif
