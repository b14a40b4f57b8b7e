/* canon.c — writing the canonical text shared by the readers. */
#include <string.h>

#include "canon.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* U+3000 (ideographic space) and U+00A0 count as blank too. */
static size_t wide_space(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    if (u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    return 0;
}

int fl_canon_blank(const char *s)
{
    while (*s) {
        size_t w = wide_space(s);
        if (w)
            s += w;
        else if (is_space((unsigned char)*s))
            s++;
        else
            return 0;
    }
    return 1;
}

static void append_cell(fl_buf *b, const char *s)
{
    size_t len = strlen(s);
    while (len && is_space((unsigned char)s[len - 1]))
        len--;
    while (len && is_space((unsigned char)*s)) {
        s++;
        len--;
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '|')
            fl_buf_append(b, "\\|", 2);
        else if (is_space((unsigned char)c))
            fl_buf_append(b, " ", 1);
        else
            fl_buf_append(b, &c, 1);
    }
}

void fl_canon_row(fl_buf *b, char *const *cells, size_t n)
{
    fl_buf_append(b, "|", 1);
    for (size_t i = 0; i < n; i++) {
        fl_buf_append(b, " ", 1);
        append_cell(b, cells[i] ? cells[i] : "");
        fl_buf_append(b, " |", 2);
    }
    fl_buf_append(b, "\n", 1);
}

static int is_latin(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void fl_canon_join(fl_buf *b, const char *piece)
{
    if (b->len && *piece && is_latin((unsigned char)b->data[b->len - 1])
        && is_latin((unsigned char)*piece))
        fl_buf_append(b, " ", 1);
    fl_buf_puts(b, piece);
}
