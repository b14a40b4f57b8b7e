/* reader.h — from a file's bytes to the canonical text the model parser
 * reads.  Each input format has a reader; the format is detected from the
 * content (magic bytes), not only from the name.
 *
 * The canonical text is UTF-8; '\f' starts a new page; headings may be
 * written as markdown '#' lines; tables are written as markdown pipe
 * tables ("| a | b |", a '|' inside a cell escaped as "\|", one row per
 * line, merged cells repeated as empty cells).  `fislint dump` line
 * numbers are lines of this text. */
#ifndef FL_READER_H
#define FL_READER_H

#include <stddef.h>

typedef struct fl_input {
    char *text;            /* canonical UTF-8 text; owned, free with fl_input_free */
    size_t len;
    const char *format;    /* "text", "html", "pdf", "docx", "xlsx"; static */
    const char *encoding;  /* of the original bytes, static; NULL if not text */
} fl_input;

/* Convert `data` (the bytes of `name`).  Returns 0 and fills *out, or -1
 * with a Chinese message in err that says what is wrong (the caller adds
 * the file name). */
int fl_read_input(const char *name, const unsigned char *data, size_t len,
                  fl_input *out, char *err, size_t errsize);
/* fl_read_input() of a malloc'd `data` with room for len + 1 bytes, which
 * it takes (frees, or keeps as out->text: plain UTF-8 text is not copied). */
int fl_read_input_take(const char *name, unsigned char *data, size_t len,
                       fl_input *out, char *err, size_t errsize);
void fl_input_free(fl_input *in);

/* One reader per format, tried in order by fl_read_input. */
typedef struct fl_reader {
    const char *format;
    /* 1 when the bytes look like this format. */
    int (*detect)(const char *name, const unsigned char *data, size_t len);
    /* Same contract as fl_read_input; out->format is set by the caller. */
    int (*read)(const char *name, const unsigned char *data, size_t len,
                fl_input *out, char *err, size_t errsize);
} fl_reader;

#endif
