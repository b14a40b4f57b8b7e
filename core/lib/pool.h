/* pool.h — strings (and a few arrays) that all live as long as one
 * document (core-internal).
 *
 * A document holds thousands of small strings (every table cell's text
 * and normalised text, every row's label and code, every amount's label
 * and text), all freed together with the document: two thirds of the
 * parse's allocations.  From a pool each is a pointer bump, and the free
 * is one per chunk.  Nothing in a pool is freed alone: a string replaced
 * while the document is built stays until fl_pool_release. */
#ifndef FL_POOL_H
#define FL_POOL_H

#include <stddef.h>

typedef struct fl_pool_chunk fl_pool_chunk;

/* Zero-initialised ({ 0 }) it is an empty pool. */
typedef struct fl_pool {
    fl_pool_chunk *chunks;  /* newest first */
    char *at, *end;         /* free space in the newest chunk */
    char *last;             /* the string allocated last from it */
    size_t next_size;       /* bytes of the next chunk */
} fl_pool;

/* n bytes, unaligned (strings only), owned by the pool. */
char *fl_pool_alloc(fl_pool *p, size_t n);
/* An array of count items of `size` bytes, aligned for any type, owned by
 * the pool; exits on overflow as xmalloc does on failure. */
void *fl_pool_alloc_array(fl_pool *p, size_t count, size_t size);
/* A NUL-terminated copy of the n bytes at s, owned by the pool. */
char *fl_pool_strndup(fl_pool *p, const char *s, size_t n);
char *fl_pool_strdup(fl_pool *p, const char *s);
/* s now ends at its first NUL: when s is the string the pool returned
 * last, the bytes after it go back to the pool (otherwise nothing
 * happens). */
void fl_pool_trim_last(fl_pool *p, char *s);
/* Free every string of the pool; it is empty and usable again.  Up to
 * 1 MiB of its chunks are kept for the thread's next pools (pool.c). */
void fl_pool_release(fl_pool *p);

#endif
