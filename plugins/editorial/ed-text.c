/* ed-text.c — UTF-8 helpers and excerpts for the editorial check. */
#include "ed.h"

static const char *display_mark(const char *s, size_t i)
{
    switch (s[i]) {
    case ',':
        /* 11,086.73 keeps its comma. */
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
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

static size_t put(char *buf, size_t j, size_t size, const char *src, size_t n)
{
    if (j + n + 1 > size)
        return j;
    memcpy(buf + j, src, n);
    return j + n;
}

char *ed_context(const char *s, size_t start, size_t end, size_t n, char *buf, size_t size)
{
    size_t from = start, to = end;
    for (size_t k = 0; k < n && from > 0; k++)
        from = fl_utf8_prev(s, from);
    for (size_t k = 0; k < n && s[to] != '\0'; k++)
        to += fl_utf8_char_len((unsigned char)s[to]);
    size_t j = 0;
    if (size == 0)
        return buf;
    if (from > 0 && n > 0)
        j = put(buf, j, size, "…", 3);
    for (size_t i = from; i < to;) {
        size_t len = fl_utf8_char_len((unsigned char)s[i]);
        const char *mark = display_mark(s, i);
        j = mark != NULL ? put(buf, j, size, mark, strlen(mark)) : put(buf, j, size, s + i, len);
        i += len;
    }
    if (s[to] != '\0' && n > 0)
        j = put(buf, j, size, "…", 3);
    buf[j] = '\0';
    return buf;
}
