/* util.h — allocation policy and small string helpers used across the core.
 *
 * Allocation failure is not recoverable for a command-line linter, so the
 * x* functions abort with a message instead of returning NULL (tmux's
 * policy): callers never check for NULL. */
#ifndef FL_UTIL_H
#define FL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* Defined in a build with AddressSanitizer (gcc or clang): its address
 * space and leak checks change what a process may do. */
#if defined(__SANITIZE_ADDRESS__)
#define FL_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FL_UNDER_ASAN 1
#endif
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* The slow path of xgrow: the array has no room for `need`. */
void *xgrow_to(void *p, size_t *cap, size_t need, size_t elem);
/* Grow an array to hold at least `need` elements of `elem` bytes;
 * *cap is updated.  Returns the (possibly moved) array.  Inline, so that
 * the common case (room left: it is asked for every line, row and cell
 * of a document) is one comparison. */
static inline void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap ? p : xgrow_to(p, cap, need, elem);
}
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* A growable NUL-terminated byte buffer. */
typedef struct fl_buf {
    char *data;
    size_t len;
    size_t cap;
} fl_buf;

/* Room for n more bytes and the NUL: the slow path of fl_buf_append. */
void fl_buf_grow(fl_buf *b, size_t n);
/* Inline, so that the common case (room left) is a copy, and so that
 * fl_buf_puts of a literal knows its length when compiled: the dump and
 * the wire format append a few bytes at a time, millions of times. */
static inline void fl_buf_append(fl_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n) /* also when nothing is allocated yet */
        fl_buf_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void fl_buf_puts(fl_buf *b, const char *s)
{
    fl_buf_append(b, s, strlen(s));
}
/* Empty b with room for n bytes and the NUL, for a caller that writes
 * into b->data itself (a scratch buffer used line after line); returns
 * b->data. */
static inline char *fl_buf_reset(fl_buf *b, size_t n)
{
    b->len = 0;
    if (b->cap <= n)
        fl_buf_grow(b, n);
    return b->data;
}
/* v in decimal, without a format string to parse (reports print many). */
/* v in decimal, written backwards to end at `end` (no NUL); returns
 * where it starts, at most FL_INT_TEXT_MAX bytes before end. */
#define FL_INT_TEXT_MAX 24
char *fl_int_text(char *end, long long v);
/* The same for an unsigned v (no sign). */
char *fl_uint_text(char *end, unsigned long long v);
void fl_buf_put_int(fl_buf *b, long long v);
void fl_buf_printf(fl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the contents to the caller (who frees them) and reset the buffer. */
char *fl_buf_steal(fl_buf *b);
void fl_buf_free(fl_buf *b);

/* Which of the caller's items has a given string key, found by hash in
 * constant time (a page with 100,000 links compared each with all before
 * it).  The index holds positions only; `key(items, i)` gives item i's
 * key, and the items may move (realloc) between calls. */
typedef struct fl_strindex {
    size_t *slot;        /* 1 + item position, 0 when free */
    size_t nslot, count;
} fl_strindex;
typedef const char *(*fl_strindex_key)(const void *items, size_t i);
/* 1 + the position of the item whose key equals s, or 0. */
size_t fl_strindex_find(const fl_strindex *ix, const void *items, fl_strindex_key key,
                        const char *s);
/* Index item i (no item with its key may be indexed already). */
void fl_strindex_add(fl_strindex *ix, const void *items, fl_strindex_key key, size_t i);
void fl_strindex_free(fl_strindex *ix);

/* 1 when `s` contains `needle`. */
int fl_str_contains(const char *s, const char *needle);

#endif
