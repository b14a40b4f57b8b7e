/* source.h — from a command-line argument (a path or "-") to documents.
 * URLs go through fetch.h instead. */
#ifndef FL_SOURCE_H
#define FL_SOURCE_H

#include <stddef.h>

#include "reader.h"

/* Called once per document an argument yields.  On success `input` is
 * set and `error` is NULL; on failure `input` is NULL and `error` is a
 * Chinese message (without the source name, which is passed separately).
 * Both pointers are borrowed for the duration of the call. */
typedef void (*fl_document_fn)(void *ctx, const char *source, const fl_input *input,
                               const char *error);

/* Largest input accepted by default (bytes). */
#define FL_DEFAULT_MAX_INPUT (64u * 1024u * 1024u)

/* Read a file or standard input ("-") and convert it with the readers.
 * Returns 0, or 1 when the document could not be read (fn was called with
 * the error). */
int fl_source_load_file(const char *path, size_t max_bytes, fl_document_fn fn, void *ctx);

/* 1 when `arg` is a URL with a scheme ("http://…", "file://…"). */
int fl_source_is_url(const char *arg);

#endif
