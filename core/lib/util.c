/* util.c — the core's allocation policy and string buffer. */
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "fislint: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        out_of_memory(n);
    return q;
}

void *xgrow_to(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            out_of_memory(SIZE_MAX);
        n *= 2;
    }
    p = xrealloc(p, n * elem);
    *cap = n;
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    /* Formatted once into the stack, where nearly every message fits: a
     * first vsnprintf(NULL, 0) to measure cost as much as the formatting
     * (glibc writes it 64 bytes at a time into a scratch buffer), and
     * checks format a message and a suggestion per finding. */
    char local[1024];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(local, sizeof local, fmt, copy);
    va_end(copy);
    if (n < 0)
        return xstrdup("");
    char *p = xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof local)
        memcpy(p, local, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void fl_buf_grow(fl_buf *b, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        out_of_memory(SIZE_MAX);
    b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
}

char *fl_uint_text(char *end, unsigned long long v)
{
    /* Two digits a division: dumps write a line number or more per line. */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char *p = end;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        memcpy(p, pairs + 2 * r, 2);
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return p;
}

char *fl_int_text(char *end, long long v)
{
    /* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
    char *p = fl_uint_text(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
    if (v < 0)
        *--p = '-';
    return p;
}

void fl_buf_put_int(fl_buf *b, long long v)
{
    char buf[FL_INT_TEXT_MAX], *end = buf + sizeof buf;
    char *p = fl_int_text(end, v);
    fl_buf_append(b, p, (size_t)(end - p));
}

void fl_buf_printf(fl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    fl_buf_puts(b, s);
    free(s);
}

char *fl_buf_steal(fl_buf *b)
{
    char *p = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void fl_buf_free(fl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int fl_str_contains(const char *s, const char *needle)
{
    return s != NULL && strstr(s, needle) != NULL;
}

static size_t str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return (size_t)h;
}

/* The slot holding key s, or the free slot where it would go. */
static size_t probe(const fl_strindex *ix, const void *items, fl_strindex_key key, const char *s)
{
    size_t i = str_hash(s) & (ix->nslot - 1);
    while (ix->slot[i] != 0 && strcmp(key(items, ix->slot[i] - 1), s) != 0)
        i = (i + 1) & (ix->nslot - 1);
    return i;
}

size_t fl_strindex_find(const fl_strindex *ix, const void *items, fl_strindex_key key,
                        const char *s)
{
    return ix->nslot == 0 ? 0 : ix->slot[probe(ix, items, key, s)];
}

void fl_strindex_add(fl_strindex *ix, const void *items, fl_strindex_key key, size_t i)
{
    if (2 * (ix->count + 1) > ix->nslot) {
        size_t *old = ix->slot, nold = ix->nslot;
        ix->nslot = nold ? 2 * nold : 64;
        ix->slot = xcalloc(ix->nslot, sizeof *ix->slot);
        for (size_t k = 0; k < nold; k++)
            if (old[k] != 0)
                ix->slot[probe(ix, items, key, key(items, old[k] - 1))] = old[k];
        free(old);
    }
    ix->slot[probe(ix, items, key, key(items, i))] = i + 1;
    ix->count++;
}

void fl_strindex_free(fl_strindex *ix)
{
    free(ix->slot);
    ix->slot = NULL;
    ix->nslot = ix->count = 0;
}
