/* canon.h — small helpers shared by the readers to write the canonical
 * text described in reader.h (pipe tables, wrapped text joined). */
#ifndef FL_CANON_H
#define FL_CANON_H

#include <stddef.h>

#include "util.h"

/* Append one pipe-table row "| a | b |\n": '|' in a cell becomes "\|",
 * line breaks and tabs become spaces, surrounding spaces are trimmed. */
void fl_canon_row(fl_buf *b, char *const *cells, size_t n);

/* Append `piece` to wrapped text in b: nothing between Chinese text (it
 * wraps anywhere), one space between two Latin letters or digits. */
void fl_canon_join(fl_buf *b, const char *piece);

/* 1 when s (UTF-8) has no visible character. */
int fl_canon_blank(const char *s);

#endif
