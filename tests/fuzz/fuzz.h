/* fuzz.h — what the libFuzzer harnesses share: the reader path the
 * fislint program takes (bytes -> fl_read_input -> model), and a walk over
 * every part of the model so that a dangling or unterminated string is
 * read, and caught by AddressSanitizer, inside the harness. */
#ifndef FL_FUZZ_H
#define FL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Not <fislint/plugin.h>: fetch-internal.h, which some harnesses need,
 * has its own FL_KIND_UNKNOWN. */
#include "reader.h"
#include "read-formats.h"

/* libFuzzer's entry point (a prototype for -Wmissing-prototypes). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Not in a header: reader.c lists them itself. */
extern const fl_reader fl_reader_text;
extern const fl_reader fl_reader_html;

/* Read the bytes as the file `name` through fl_read_input and, when that
 * succeeds, build the model from the text and walk it.  When `only` is
 * not NULL, bytes that reader does not recognise are skipped, so each
 * harness spends its time in its own format. */
void fuzz_read(const char *name, const uint8_t *data, size_t size, const fl_reader *only);

/* Touch every line, section, paragraph, amount, table, row and cell. */
struct fl_document;
void fuzz_walk(const struct fl_document *doc);

/* A NUL-terminated copy of the bytes (caller frees). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* Fold a string into the sink, reading every byte. */
void fuzz_touch(const char *s);

#endif
