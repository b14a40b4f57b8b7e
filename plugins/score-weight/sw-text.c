/* sw-text.c — small text and number helpers for the score-weight plugin. */
#include <string.h>

#include "sw.h"

int sw_contains(const char *s, const char *needle)
{
    return s && needle && strstr(s, needle) != NULL;
}

const char *sw_find(const char *text, const char *word, size_t from)
{
    const char *p = text;

    /* fewer than two bytes from there on: strstr() itself is as good */
    if (strnlen(word, from + 2) < from + 2)
        return strstr(text, word);
    /* the whole word at p - from, p at least `from` bytes in: the first
     * such p is the first place of the word */
    while ((p = strstr(p, word + from)) != NULL) {
        if ((size_t)(p - text) >= from && memcmp(p - from, word, from) == 0)
            return p - from;
        p++;
    }
    return NULL;
}

const char *sw_cell(const fl_row *r, long col)
{
    const fl_cell *c;
    const char *t;

    if (!r || col < 0)
        return "";
    c = fl_row_cell(r, (size_t)col);
    if (!c)
        return "";
    t = fl_cell_norm(c);
    return t ? t : "";
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

char *sw_squeeze(const char *src, char *dst, size_t n)
{
    size_t j = 0;

    if (n == 0)
        return dst;
    for (; src && *src && j + 1 < n; src++) {
        if (*src == ' ' || *src == '\t')
            continue;
        dst[j++] = *src;
    }
    dst[j] = '\0';
    return dst;
}

/* Remove `suffix` from the end of s when present; 1 if removed. */
static int strip_suffix(char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);

    if (ls > lx && strcmp(s + ls - lx, suffix) == 0) {
        s[ls - lx] = '\0';
        return 1;
    }
    return 0;
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
    static const char *const suffixes[] = {
        ":", "绩效自评综述", "自评综述", "综述", "绩效自评", "项目", NULL
    };
    int again = 1;

    sw_squeeze(name, dst, n);
    /* “ and ” begin with the byte 0xE2: most names have no quote at all
     * and are searched once instead of three times */
    if (strpbrk(dst, "\xE2\"")) {
        remove_word(dst, "“");
        remove_word(dst, "”");
        remove_word(dst, "\"");
    }
    while (again) {
        again = 0;
        for (size_t i = 0; suffixes[i]; i++)
            again |= strip_suffix(dst, suffixes[i]);
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
