/* check-doc.h — checking one document that a reader produced, and
 * checking many files with document workers (batch.c). */
#ifndef FL_CHECK_DOC_H
#define FL_CHECK_DOC_H

#include <stddef.h>

#include "guard.h"
#include "loader.h"
#include "output.h"
#include "reader.h"
#include "spool.h"

typedef struct fl_checker {
    const fl_plugin_set *plugins;
    fl_guard_limits limits;
    int progress;        /* 1: show progress on stderr (batch.c) */
    /* One document's worker, reading included (batch.c): seconds and MB
     * of address space, 0 for no limit. */
    unsigned doc_timeout_s;
    size_t doc_memory_mb;
    /* 1: each result keeps the document's canonical text (for the related
     * checks' second pass and the history). */
    int keep_text;
    /* With keep_text: where the text goes (the worker writes it, and the
     * result says where); NULL: the result holds it.  The spool is the
     * second pass's, which takes only the texts of reports naming their
     * unit. */
    fl_spool *texts;
} fl_checker;

#define FL_DOC_DEFAULT_TIMEOUT 1800
#define FL_DOC_DEFAULT_MEMORY_MB 8192

/* Fill `r` (zeroed) for one document: its source, and either the reader's
 * error or the model's identity and the findings of every enabled check,
 * completed and sorted.  Messages go to stderr.  Returns the number of
 * checks that failed on it. */
size_t fl_check_document(const fl_checker *c, const char *source, const fl_input *input,
                         const char *error, fl_doc_result *r);

/* An fl_guard_fail_fn: "fislint: SOURCE: 检查项 'ID' 未能完成检查：REASON" on
 * stderr, `ctx` being the document's source. */
void fl_say_check_failed(void *ctx, const char *check_id, const char *reason);

/* Its first half (a document worker runs the checks itself, batch.c):
 * `r` filled as above but with an empty report for the model, which is
 * returned (the caller frees it); NULL when `error` is set. */
fl_document *fl_check_document_open(const fl_checker *c, const char *source, const fl_input *input,
                                    const char *error, fl_doc_result *r);

/* The stderr line saying that a check failed on `source`; caller frees. */
char *fl_check_failed_note(const char *source, const char *check_id, const char *reason);

/* Receives each result in input order; takes ownership of *r. */
typedef void (*fl_result_fn)(void *ctx, fl_doc_result *r, size_t failed_checks);

/* Read and check the files `paths` ("-" for standard input), each in a
 * document worker process, up to `jobs` at a time; results reach `fn` in
 * the order of `paths`, whatever the order they finish in.  A worker that
 * dies (a reader crashing on a hostile file) gives its file an error
 * result.  With limits.isolate off, everything runs in this process. */
void fl_batch_files(const fl_checker *c, char *const *paths, size_t n, size_t max_size,
                    unsigned jobs, fl_result_fn fn, void *ctx);

#endif
