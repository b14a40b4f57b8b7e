/* reader.c — pick the reader for an input by its content and run it. */
#include "reader.h"
#include "read-formats.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

/* Readers are tried in order; the first whose detect() accepts the bytes
 * reads them.  Binary formats come first: their magic bytes are exact.
 * The plain-text reader accepts everything and so comes last. */
extern const fl_reader fl_reader_text;
extern const fl_reader fl_reader_html; /* read-html.c */
/* -- reader table: one line per format; keep fl_reader_text last -- */
static const fl_reader *const readers[] = {
    &fl_reader_pdf,
    &fl_reader_ole,
    &fl_reader_docx,
    &fl_reader_xlsx,
    &fl_reader_html,
    &fl_reader_text,
};

/* fl_read_input(), and fl_read_input_take() when `own` is data. */
static int read_input(const char *name, const unsigned char *data, size_t len,
                      unsigned char *own, fl_input *out, char *err, size_t errsize)
{
    out->text = NULL;
    out->len = 0;
    out->format = NULL;
    out->encoding = NULL;
    if (len == 0) {
        snprintf(err, errsize, "文件为空");
        free(own);
        return -1;
    }
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        const fl_reader *r = readers[i];
        if (!r->detect(name, data, len))
            continue;
        out->format = r->format;
        int rc;
        if (own != NULL && r == &fl_reader_text) {
            rc = fl_decode_take(own, len, &out->text, &out->len, &out->encoding, err, errsize);
        } else {
            rc = r->read(name, data, len, out, err, errsize);
            free(own);
        }
        if (rc != 0) {
            fl_input_free(out);
            return -1;
        }
        return 0;
    }
    snprintf(err, errsize, "无法识别的文件格式");
    free(own);
    return -1;
}

int fl_read_input(const char *name, const unsigned char *data, size_t len,
                  fl_input *out, char *err, size_t errsize)
{
    return read_input(name, data, len, NULL, out, err, errsize);
}

int fl_read_input_take(const char *name, unsigned char *data, size_t len,
                       fl_input *out, char *err, size_t errsize)
{
    return read_input(name, data, len, data, out, err, errsize);
}

void fl_input_free(fl_input *in)
{
    free(in->text);
    in->text = NULL;
    in->len = 0;
}
