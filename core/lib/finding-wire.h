/* finding-wire.h — findings serialised between a worker process and the
 * parent (guard.c).  Core-internal. */
#ifndef FL_FINDING_WIRE_H
#define FL_FINDING_WIRE_H

#include <stddef.h>

#include "output.h"
#include "report.h"
#include "util.h"

/* Append one finding / the end of check number `check_index` with the
 * status its check() returned. */
void fl_wire_put_finding(fl_buf *b, const fl_finding *f);
void fl_wire_put_done(fl_buf *b, size_t check_index, int status);

/* A whole document's result (a document worker's answer, see batch.c):
 * its header, its findings, and an end record.  `failed_checks` travels
 * with it. */
void fl_wire_put_result(fl_buf *b, const fl_doc_result *r, size_t failed_checks);

/* A block of text (a worker's messages), NULL allowed. */
void fl_wire_put_log(fl_buf *b, const char *text);

typedef struct fl_wire_reader {
    const char *data;
    size_t len, pos;
} fl_wire_reader;

typedef enum fl_wire_tag {
    FL_WIRE_END = 0,      /* nothing more */
    FL_WIRE_FINDING,      /* *finding is new, owned by the caller */
    FL_WIRE_DONE,         /* check *check_index ended with *status */
    FL_WIRE_TRUNCATED     /* the rest is cut or damaged: stop reading */
} fl_wire_tag;

fl_wire_tag fl_wire_next(fl_wire_reader *r, fl_finding **finding, size_t *check_index, int *status);

/* Read one whole result written by fl_wire_put_result into *out (zeroed
 * first; the caller frees it with fl_doc_result_free).  Returns 0, or -1
 * when the stream is cut or damaged (*out then holds nothing). */
/* The log block at the reader's position, or NULL when there is none or
 * it is empty; caller frees. */
char *fl_wire_get_log(fl_wire_reader *r);

int fl_wire_get_result(fl_wire_reader *r, fl_doc_result *out, size_t *failed_checks);

#endif
