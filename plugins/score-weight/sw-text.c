/* sw-text.c — small text and number helpers for the score-weight plugin. */
#include <string.h>

#include "sw.h"

int sw_contains(const char *s, const char *needle)
{
    return s && needle && strstr(s, needle) != NULL;
}

const char *sw_find_n(const char *text, const char *word, size_t lw, size_t from)
{
    const char *p;

    /* the loop compares the byte after `from` first: there must be one */
    if (from + 1 >= lw)
        return strstr(text, word);
    /* each place of the word's byte `from`, found by strchr(), which
     * reads (and under ASan checks) only up to it: strstr() of the rest
     * would cost the whole rest for every false hit */
    for (p = strchr(text, word[from]); p != NULL; p = strchr(p + 1, word[from]))
        if ((size_t)(p - text) >= from && p[1] == word[from + 1]
            && strncmp(p - from, word, lw) == 0)
            return p - from;
    return NULL;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

int sw_text_score(const char *text, fl_dec *v, int *decimals)
{
    fl_number n;
    size_t used;
    const char *rest;

    if (!text)
        return 0;
    used = fl_parse_number(text, &n);
    if (used == 0 || n.is_empty)
        return 0;
    if (n.unit != FL_UNIT_NONE && n.unit != FL_UNIT_POINTS)
        return 0;
    rest = skip_spaces(text + used);
    if (strncmp(rest, "分", strlen("分")) == 0)
        rest = skip_spaces(rest + strlen("分"));
    if (*rest != '\0')
        return 0;
    *v = n.value;
    if (decimals)
        *decimals = n.decimals;
    return 1;
}

int sw_text_percent(const char *text, fl_dec *v)
{
    fl_number n;
    size_t used;

    if (!text)
        return 0;
    used = fl_parse_number(text, &n);
    if (used == 0 || n.is_empty || n.unit != FL_UNIT_PERCENT)
        return 0;
    if (*skip_spaces(text + used) != '\0')
        return 0;
    *v = n.value;
    return 1;
}

void sw_copy_text(char *dst, size_t n, const char *src)
{
    size_t len = strnlen(src, n - 1);

    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* sw_squeeze() for n > 0, returning the length written.  Most texts have
 * no space or tab: the bytes up to the first one (or up to the end) are
 * found by strnlen() and memchr() and copied at once, and only the rest
 * is read byte by byte. */
static size_t squeeze_into(const char *src, char *dst, size_t n)
{
    size_t len, run, j;
    const char *at;

    if (!src) {
        dst[0] = '\0';
        return 0;
    }
    len = strnlen(src, n - 1);
    run = len;
    if ((at = memchr(src, ' ', run)) != NULL)
        run = (size_t)(at - src);
    if ((at = memchr(src, '\t', run)) != NULL)
        run = (size_t)(at - src);
    memcpy(dst, src, run);
    j = run;
    /* run < len: src[run] is a space or a tab */
    if (run < len) {
        for (src += run; *src && j + 1 < n; src++) {
            if (*src == ' ' || *src == '\t')
                continue;
            dst[j++] = *src;
        }
    }
    dst[j] = '\0';
    return j;
}

char *sw_squeeze(const char *src, char *dst, size_t n)
{
    if (n > 0)
        squeeze_into(src, dst, n);
    return dst;
}

/* Remove every occurrence of `word` from s. */
static void remove_word(char *s, const char *word)
{
    size_t lw = strlen(word);
    char *p;

    while ((p = strstr(s, word)) != NULL)
        memmove(p, p + lw, strlen(p + lw) + 1);
}

char *sw_project_key(const char *name, char *dst, size_t n)
{
#define SUFFIX(s) { s, sizeof s - 1 }
    static const struct { const char *text; size_t len; } suffixes[] = {
        SUFFIX(":"), SUFFIX("绩效自评综述"), SUFFIX("自评综述"), SUFFIX("综述"),
        SUFFIX("绩效自评"), SUFFIX("项目")
    };
#undef SUFFIX
    size_t len;
    int again = 1;

    if (n == 0)
        return dst;
    len = squeeze_into(name, dst, n);
    /* “ and ” begin with the byte 0xE2: most names have no quote at all
     * and are searched once instead of three times */
    if (memchr(dst, 0xE2, len) || memchr(dst, '"', len)) {
        remove_word(dst, "“");
        remove_word(dst, "”");
        remove_word(dst, "\"");
        len = strlen(dst);
    }
    /* each suffix in turn, again while one was removed; never the whole key */
    while (again) {
        again = 0;
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
            size_t lx = suffixes[i].len;
            if (len > lx && memcmp(dst + len - lx, suffixes[i].text, lx) == 0) {
                len -= lx;
                dst[len] = '\0';
                again = 1;
            }
        }
    }
    return dst;
}

const char *sw_fmt(fl_dec d)
{
    static _Thread_local char bufs[8][40];
    static _Thread_local unsigned next;
    char *b = bufs[next++ % 8];

    return fl_dec_format(d, 0, b, sizeof bufs[0]);
}
