/* harness.h — helpers for Check tests: run one real plugin (loaded with
 * dlopen from the build tree) on a text or a file, and look at what it
 * found.  Link with tests/support/libharness.la. */
#ifndef FL_HARNESS_H
#define FL_HARNESS_H

#include <stddef.h>

#include <fislint/plugin.h>
#include "report.h"
#include "document.h"

/* The whole file at `path`, NUL-terminated (*len does not count the NUL);
 * the test fails when it cannot be opened.  Caller frees. */
unsigned char *fl_test_slurp(const char *path, size_t *len);

typedef struct fl_test_run {
    fl_document *doc;
    fl_report *rep;
    fl_document **related;   /* fl_test_run_related's other documents */
    size_t nrelated;
} fl_test_run;

/* Run check `check_id` (the plugin built under plugins/<id>/) on `text`.
 * `options` is NULL or a NULL-terminated list of "key=value" settings for
 * the check.  Aborts the test with a message if the plugin cannot load. */
fl_test_run *fl_test_run_text(const char *check_id, const char *text,
                              const char *const *options);
/* Same, on a file read through the normal readers (any format).  A path
 * that is not absolute is taken relative to the source tree's top. */
fl_test_run *fl_test_run_file(const char *check_id, const char *path,
                              const char *const *options);
/* Run check `check_id` on `path` (any format, as fl_test_run_file) with
 * the documents at related[0..n) as the same unit's other reports
 * (fl_doc_related()), as `fislint check` gives them to an
 * FL_PLUGIN_RELATED check. */
fl_test_run *fl_test_run_related(const char *check_id, const char *path,
                                 const char *const *related, size_t n,
                                 const char *const *options);
void fl_test_run_free(fl_test_run *run);

/* Number of findings whose rule equals `rule` (or, when `rule` has no
 * '/', whose check equals it; NULL for any) with severity >= min_sev. */
size_t fl_test_count(const fl_test_run *run, const char *rule, fl_severity min_sev);
/* First finding of `rule` (as above) on `line` (0: any line), or NULL. */
const fl_finding *fl_test_find(const fl_test_run *run, const char *rule, size_t line);
/* The finding of `rule` on `line` (the test fails, after dumping what was
 * found, when there is none), with severity `sev` and, unless NULL, the
 * free-text expected and actual values given.  Returns it. */
const fl_finding *fl_test_expect_text(const fl_test_run *run, const char *rule, size_t line,
                                      fl_severity sev, const char *expected, const char *actual);
/* Print all findings to stderr (for debugging a failing test). */
void fl_test_dump(const fl_test_run *run);
/* A finding's expected/actual as text ("1846.85"), in a static buffer. */
const char *fl_test_dec(fl_dec d);

/* The next value of the tests' random generator (a 64-bit LCG; use its
 * high bits), *state advanced: the same sequence on every machine. */
unsigned long fl_test_random(unsigned long *state);

/* Random text for tests that hold a fast path to a plain one: pieces
 * picked by the generator *state are appended to text[len..] until it
 * holds `limit` bytes or more, or, after any piece, with a chance of one
 * in `stop_one_in`.  text has room for limit bytes and the longest piece.
 * Returns the new length; *npicked (unless NULL) gets the pieces added.
 * The same *state gives the same text on every machine. */
size_t fl_test_random_text(unsigned long *state, const char *const *pieces, size_t npieces,
                           unsigned stop_one_in, char *text, size_t len, size_t limit,
                           size_t *npicked);

#endif
