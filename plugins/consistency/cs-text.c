/* cs-text.c — UTF-8 and title helpers for the consistency check. */
#include <string.h>

#include "cs.h"

size_t cs_char_count(const char *s)
{
    size_t n = 0;
    while (*s) {
        s += cs_char_len(s);
        n++;
    }
    return n;
}

int cs_ends_with_any(const char *s, size_t len, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        size_t l = strlen(list[i]);
        /* the last bytes first: most words of a list differ there */
        if (l <= len && (l == 0 || s[len - 1] == list[i][l - 1]) && memcmp(s + len - l, list[i], l) == 0)
            return 1;
    }
    return 0;
}

int cs_contains_any(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strstr(s, list[i]) != NULL)
            return 1;
    return 0;
}

const char *cs_find_char3(const char *s, const char *c)
{
    for (const char *a = strchr(s, c[2]); a != NULL; a = strchr(a + 1, c[2]))
        if (a - s >= 2 && a[-2] == c[0] && a[-1] == c[1])
            return a - 2;
    return NULL;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

size_t cs_year_at(const char *s, int *year)
{
    if (s[0] != '2' || s[1] != '0' || !is_digit(s[2]) || !is_digit(s[3]) || is_digit(s[4]))
        return 0;
    const char *p = s + 4;
    while (*p == ' ')
        p++;
    if (!fl_str_starts(p, "年"))
        return 0;
    p += strlen("年");
    if (fl_str_starts(p, "度"))
        p += strlen("度");
    *year = (s[2] - '0') * 10 + (s[3] - '0') + 2000;
    return (size_t)(p - s);
}

/* Chinese numerals used in heading numbers (一 … 十, 〇, 零): 3 bytes, or
 * 0.  Told by their three bytes at once; a text that ends after one byte
 * is no numeral, and its second byte, NUL, is not read past. */
static size_t cn_digit(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0xE3 || u[0] > 0xE9 || u[1] == '\0')
        return 0;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE4B880: /* 一 */
    case 0xE4BA8C: /* 二 */
    case 0xE4B889: /* 三 */
    case 0xE59B9B: /* 四 */
    case 0xE4BA94: /* 五 */
    case 0xE585AD: /* 六 */
    case 0xE4B883: /* 七 */
    case 0xE585AB: /* 八 */
    case 0xE4B99D: /* 九 */
    case 0xE58D81: /* 十 */
    case 0xE38087: /* 〇 */
    case 0xE99BB6: /* 零 */
        return 3;
    default:
        return 0;
    }
}

/* Bytes of a leading heading number in s (no spaces in s), 0 if none. */
static size_t heading_number(const char *s)
{
    const char *p = s;
    size_t n;
    if (fl_str_starts(p, "第")) {
        p += strlen("第");
        const char *q = p;
        while ((n = cn_digit(q)) > 0 || is_digit(*q))
            q += n > 0 ? n : 1;
        if (q > p && (fl_str_starts(q, "部分") || fl_str_starts(q, "章")))
            return (size_t)(q - s) + (fl_str_starts(q, "部分") ? strlen("部分") : strlen("章"));
        return 0;
    }
    if (*p == '(') {
        const char *q = p + 1;
        while ((n = cn_digit(q)) > 0 || is_digit(*q))
            q += n > 0 ? n : 1;
        return q > p + 1 && *q == ')' ? (size_t)(q + 1 - s) : 0;
    }
    const char *q = p;
    int arabic = 0;
    while ((n = cn_digit(q)) > 0 || is_digit(*q)) {
        arabic |= n == 0;
        q += n > 0 ? n : 1;
    }
    if (q == p)
        return 0;
    if (fl_str_starts(q, "、"))
        return (size_t)(q - s) + strlen("、");
    if (arabic && *q == '.' && !is_digit(q[1]))
        return (size_t)(q + 1 - s);
    return 0;
}

int cs_compact_title(const char *norm, char *buf, size_t size)
{
    if (norm == NULL)
        return -1;
    /* Leading '#' and spaces go; then the runs between spaces are copied
     * whole, giving up at the first sign of a table row. */
    const char *p = norm;
    while (*p == ' ' || *p == '#')
        p++;
    size_t o = 0;
    for (;;) {
        size_t run = strcspn(p, " \t|");
        if (run >= size - o)
            return -1;
        memcpy(buf + o, p, run);
        o += run;
        p += run;
        if (*p == '\0')
            break;
        if (*p != ' ')
            return -1;
        p++;
    }
    buf[o] = '\0';
    size_t skip = o > 0 ? heading_number(buf) : 0; /* blank lines are many */
    if (skip > 0)
        memmove(buf, buf + skip, o - skip + 1);
    return 0;
}

int cs_chars_at_most(const char *s, size_t max)
{
    size_t n = 0;
    for (; *s; s += cs_char_len(s))
        if (++n > max)
            return 0;
    return 1;
}
