/* json-write.h — JSON values written straight into a buffer, for the
 * streaming formats (JSON Lines): building a jansson tree per finding and
 * dumping it through stdio was most of the main process's time in a
 * batch.  The text is what jansson writes with JSON_COMPACT (strings in
 * UTF-8, '"', '\\' and control characters escaped, \u00XX in capitals),
 * so that both formats read the same.  Core-internal. */
#ifndef FL_JSON_WRITE_H
#define FL_JSON_WRITE_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "util.h"

/* `s` as a JSON string; bytes that are not UTF-8 become U+FFFD, so the
 * line stays valid JSON whatever a file name holds. */
void fl_json_str(fl_buf *b, const char *s);
/* The same, or null when s is NULL. */
void fl_json_str_or_null(fl_buf *b, const char *s);
void fl_json_int(fl_buf *b, int64_t v);
/* Literal JSON text: punctuation and keys ("{\"type\":"), which need no
 * escaping. */
void fl_json_raw(fl_buf *b, const char *text);

/* json_dumpf(root, out, flags), the text gathered in memory and written
 * 64 KB at a time: json_dumpf writes every token through fwrite, whose
 * call and lock cost a quarter of a large dump. */
void fl_json_dump_file(const json_t *root, FILE *out, size_t flags);

#endif
