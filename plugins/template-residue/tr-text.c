/* tr-text.c — UTF-8 helpers and excerpts for the template-residue check.
 * Everything works on normalised text (full-width ASCII folded). */
#include <string.h>

#include "tr.h"

/* A mark that ends a sentence or a cell: excerpts stop there. */
static int is_stop(const char *s)
{
    return *s == ';' || *s == '!' || *s == '?' || *s == '|' || *s == '\t' ||
           fl_str_starts(s, "。");
}

void tr_widen(const char *s, size_t start, size_t end, size_t n, size_t *from, size_t *to)
{
    size_t a = start;
    for (size_t k = 0; k < n && a > 0; k++) {
        size_t p = fl_utf8_prev(s, a);
        if (is_stop(s + p))
            break;
        a = p;
    }
    size_t b = end;
    for (size_t k = 0; k < n && s[b] != '\0'; k++) {
        if (is_stop(s + b)) {
            b += fl_utf8_char_len((unsigned char)s[b]); /* keep the full stop */
            break;
        }
        b += fl_utf8_char_len((unsigned char)s[b]);
    }
    *from = a;
    *to = b;
}

/* The Chinese mark shown for an ASCII one of normalised text, or NULL. */
static const char *display_mark(const char *s, size_t i, size_t from)
{
    switch (s[i]) {
    case ',':
        /* 11,086.73 keeps its comma. */
        if (i > from && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
            return NULL;
        return "，";
    case ':':
        return "：";
    case ';':
        return "；";
    case '(':
        return "（";
    case ')':
        return "）";
    default:
        return NULL;
    }
}

char *tr_excerpt(const char *s, size_t from, size_t to, size_t max_chars, char *buf,
                 size_t size)
{
    size_t j = 0, chars = 0, i = from;
    if (size == 0)
        return buf;
    while (i < to && s[i] != '\0' && chars < max_chars) {
        size_t len = fl_utf8_char_len((unsigned char)s[i]);
        const char *mark = display_mark(s, i, from);
        const char *src = mark != NULL ? mark : s + i;
        size_t out = mark != NULL ? strlen(mark) : len;
        if (j + out + 4 > size) /* room for "…" and the NUL */
            break;
        memcpy(buf + j, src, out);
        j += out;
        i += len;
        chars++;
    }
    if (i < to && s[i] != '\0' && j + 4 <= size) {
        memcpy(buf + j, "…", 3);
        j += 3;
    }
    buf[j] = '\0';
    return buf;
}
