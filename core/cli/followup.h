/* followup.h — what `fislint check` does for following findings up across
 * runs: waivers and baselines (--baseline, --write-baseline, the
 * .fislint-waivers beside the reports) and the history (--db). */
#ifndef FL_FOLLOWUP_H
#define FL_FOLLOWUP_H

#include <stdio.h>

#include "history.h"
#include "output.h"
#include "waiver.h"

typedef struct fl_followup {
    const char *baseline;        /* --baseline FILE, or NULL */
    const char *write_baseline;  /* --write-baseline FILE, or NULL */
    const char *db_path;         /* --db FILE, or NULL */
    int no_waivers;              /* --no-waivers: ignore .fislint-waivers */
    fl_waivers waivers;
    fl_baseline collected;
    fl_history *db;
    long long run;
    int failed;                  /* recording or reading failed: exit 2 */
} fl_followup;

/* getopt codes of check's follow-up options, and their help text. */
enum { FL_OPT_BASELINE = 800, FL_OPT_WRITE_BASELINE, FL_OPT_DB, FL_OPT_NO_WAIVERS };
extern const char fl_followup_help[];

/* Handle one of the codes above; 1 if it was one, else 0. */
int fl_followup_option(fl_followup *fu, int code, const char *arg);
/* Read --baseline and open --db (recording `argc`/`argv` as the run's
 * arguments).  Returns 0, or -1 after printing why. */
int fl_followup_start(fl_followup *fu, int argc, char **argv);
/* For each result, before it is output: record it, collect it for the
 * baseline, apply the waivers.  A local file's bytes are hashed here;
 * for anything else `text_sha` is the SHA-256 of the text the reader gave
 * (a fetched document), or NULL when unknown (standard input). */
void fl_followup_doc(fl_followup *fu, fl_doc_result *r, const char *text_sha);
/* After the last result: stale entries onto `docs` (or, when the output
 * streamed, as a result of their own written with `write_doc`), the
 * baseline written, the run closed.  Returns 0 or -1 (printed). */
int fl_followup_finish(fl_followup *fu, fl_doc_result *docs, size_t n,
                       void (*write_doc)(FILE *, const fl_doc_result *), FILE *out);
/* The line the summary gets ("已按基线/豁免隐藏 N 条问题"), when some were. */
void fl_followup_summary(const fl_followup *fu, FILE *out);
void fl_followup_free(fl_followup *fu);

/* The follow-up commands (cmd-history.c, cmd-diff.c, cmd-report.c). */
int cmd_history(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
