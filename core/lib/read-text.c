/* read-text.c — the plain-text reader: decoding only; the model parser
 * reads the three text table layouts itself. */
#include "reader.h"
#include "text.h"

static int detect_text(const char *name, const unsigned char *data, size_t len)
{
    (void)name;
    (void)data;
    (void)len;
    return 1; /* the fallback: fl_decode rejects what is not text */
}

static int read_text(const char *name, const unsigned char *data, size_t len,
                     fl_input *out, char *err, size_t errsize)
{
    (void)name;
    return fl_decode(data, len, &out->text, &out->len, &out->encoding, err, errsize);
}

const fl_reader fl_reader_text = {
    .format = "text",
    .detect = detect_text,
    .read = read_text,
};
