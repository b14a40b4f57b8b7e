/* json-write.c — JSON values into a buffer (json-write.h). */
#include "json-write.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

/* Bytes that may be copied as they are: printable ASCII other than '"'
 * and '\\', and every byte of a valid multi-byte sequence. */
static int plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

void fl_json_str(fl_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    fl_buf_append(b, "\"", 1);
    const char *run = s;
    while (*s != '\0') {
        unsigned char c = (unsigned char)*s;
        if (plain(c)) {
            s++;
            continue;
        }
        if (c >= 0x80) {
            size_t n = fl_utf8_seq_len(s);
            if (n > 1) {
                s += n;
                continue;
            }
        }
        fl_buf_append(b, run, (size_t)(s - run));
        switch (c) {
        case '"': fl_buf_append(b, "\\\"", 2); break;
        case '\\': fl_buf_append(b, "\\\\", 2); break;
        case '\b': fl_buf_append(b, "\\b", 2); break;
        case '\f': fl_buf_append(b, "\\f", 2); break;
        case '\n': fl_buf_append(b, "\\n", 2); break;
        case '\r': fl_buf_append(b, "\\r", 2); break;
        case '\t': fl_buf_append(b, "\\t", 2); break;
        default:
            if (c >= 0x80) { /* not UTF-8 */
                fl_buf_append(b, "\xEF\xBF\xBD", 3);
            } else {
                char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
                fl_buf_append(b, u, sizeof u);
            }
        }
        run = ++s;
    }
    fl_buf_append(b, run, (size_t)(s - run));
    fl_buf_append(b, "\"", 1);
}

void fl_json_str_or_null(fl_buf *b, const char *s)
{
    if (s == NULL)
        fl_buf_append(b, "null", 4);
    else
        fl_json_str(b, s);
}

void fl_json_int(fl_buf *b, int64_t v)
{
    fl_buf_put_int(b, v);
}

void fl_json_raw(fl_buf *b, const char *text)
{
    fl_buf_append(b, text, strlen(text));
}

/* The dump's text gathered into blocks of about FLUSH_AT bytes. */
#define FLUSH_AT 65536

typedef struct dump_sink {
    fl_buf b;
    FILE *out;
} dump_sink;

static int append_to_sink(const char *text, size_t size, void *data)
{
    dump_sink *k = data;
    fl_buf_append(&k->b, text, size);
    if (k->b.len >= FLUSH_AT) {
        fwrite(k->b.data, 1, k->b.len, k->out);
        k->b.len = 0;
    }
    return 0;
}

void fl_json_dump_file(const json_t *root, FILE *out, size_t flags)
{
    dump_sink k = { .out = out };
    json_dump_callback(root, append_to_sink, &k, flags);
    fwrite(k.b.data, 1, k.b.len, out);
    fl_buf_free(&k.b);
}
