/* pool.c — a bump allocator for a document's strings (see pool.h).
 *
 * Chunks grow from 4 KiB to 256 KiB, so a small document costs little and
 * a large one few chunks; a string larger than a quarter of the chunk size
 * gets a chunk of its own, leaving the current one in use.  Under
 * AddressSanitizer every string is followed by a poisoned gap, so reading
 * past a cell's end is still caught as it would be with malloc. */
#include "pool.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#ifdef FL_UNDER_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE 16
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define FIRST_CHUNK 4096
#define LAST_CHUNK (256 * 1024)

struct fl_pool_chunk {
    fl_pool_chunk *next;
    size_t size;               /* bytes of data[] */
    char data[];
};

/* Chunks of released pools, kept for the next pools of this thread, up
 * to CACHE_BYTES: documents are read one after another, and without it
 * every document's strings went to pages malloc had just given back to
 * the kernel and must fault in again (5% of `dump`).  Kept chunks stay
 * poisoned under AddressSanitizer, as freed memory would be. */
#define CACHE_BYTES (1024 * 1024)
static _Thread_local fl_pool_chunk *cache;
static _Thread_local size_t cache_bytes;

/* A kept chunk of at least `size` bytes, or NULL. */
static fl_pool_chunk *cache_take(size_t size)
{
    for (fl_pool_chunk **at = &cache; *at != NULL; at = &(*at)->next) {
        fl_pool_chunk *c = *at;
        if (c->size >= size) {
            *at = c->next;
            cache_bytes -= c->size;
            return c;
        }
    }
    return NULL;
}

/* Keep c for a later pool, or free it when the cache is full. */
static void cache_give(fl_pool_chunk *c)
{
    if (c->size > LAST_CHUNK || cache_bytes + c->size > CACHE_BYTES) {
        UNPOISON(c->data, c->size);
        free(c);
        return;
    }
    POISON(c->data, c->size);
    c->next = cache;
    cache = c;
    cache_bytes += c->size;
}

static fl_pool_chunk *chunk_alloc(size_t size)
{
    fl_pool_chunk *c = xmalloc(sizeof *c + size);
    c->size = size;
    POISON(c->data, size);
    return c;
}

char *fl_pool_alloc(fl_pool *p, size_t n)
{
    if (n > SIZE_MAX / 2)
        return xmalloc(n); /* cannot be had: exits with the out-of-memory message */
    size_t need = n + REDZONE;
    if (p->at == NULL || (size_t)(p->end - p->at) < need) {
        if (p->next_size == 0)
            p->next_size = FIRST_CHUNK;
        if (need > p->next_size / 4) {
            /* A chunk of its own, put behind the one being filled, whose
             * free space is still used by the strings after this one. */
            fl_pool_chunk *own = chunk_alloc(need);
            if (p->at != NULL) {
                own->next = p->chunks->next;
                p->chunks->next = own;
            } else {
                own->next = p->chunks;
                p->chunks = own;
            }
            UNPOISON(own->data, n);
            return own->data;
        }
        fl_pool_chunk *c = cache_take(p->next_size);
        if (c == NULL)
            c = chunk_alloc(p->next_size);
        c->next = p->chunks;
        p->chunks = c;
        p->at = c->data;
        p->end = c->data + c->size;
        if (p->next_size < LAST_CHUNK)
            p->next_size *= 2;
    }
    char *s = p->at;
    p->at += need;
    p->last = s;
    UNPOISON(s, n);
    return s;
}

/* fl_pool_alloc's common case, inline for the two below (most of the
 * pool's strings and arrays): room left in the chunk being filled. */
static inline char *take(fl_pool *p, size_t n)
{
    if (p->at != NULL && n <= SIZE_MAX / 2 && (size_t)(p->end - p->at) >= n + REDZONE) {
        char *s = p->at;
        p->at += n + REDZONE;
        p->last = s;
        UNPOISON(s, n);
        return s;
    }
    return fl_pool_alloc(p, n);
}

void *fl_pool_alloc_array(fl_pool *p, size_t count, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    if (size != 0 && count > (SIZE_MAX / 2 - align) / size)
        return xmalloc(SIZE_MAX); /* exits with the out-of-memory message */
    /* Chunks start aligned; the bytes before the first aligned one go
     * unused. */
    char *s = take(p, count * size + align - 1);
    return s + (-(uintptr_t)s & (align - 1));
}

char *fl_pool_strndup(fl_pool *p, const char *s, size_t n)
{
    char *d = take(p, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *fl_pool_strdup(fl_pool *p, const char *s)
{
    return fl_pool_strndup(p, s, strlen(s));
}

void fl_pool_trim_last(fl_pool *p, char *s)
{
    if (s == NULL || s != p->last)
        return; /* not the last string of the chunk being filled */
    char *keep_end = s + strlen(s) + 1;
    if (keep_end + REDZONE >= p->at)
        return; /* nothing to give back */
    POISON(keep_end, (size_t)(p->at - REDZONE - keep_end));
    p->at = keep_end + REDZONE;
}

void fl_pool_release(fl_pool *p)
{
    for (fl_pool_chunk *c = p->chunks, *next; c != NULL; c = next) {
        next = c->next;
        cache_give(c);
    }
    memset(p, 0, sizeof *p);
}
