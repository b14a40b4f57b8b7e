/* sw-keys.c — the copies of one source by project key.  A name is matched
 * to the copy with the same key, else to the one whose key contains it or
 * lies within it; comparing each name with every copy cost the product of
 * their numbers.  Here the distinct keys are hashed (a key is found, and
 * so is every key within a name, by looking up the name's substrings) and
 * all their suffixes sorted (the keys that contain a name have the
 * suffixes that begin with it, which sort next to each other).  Bytes
 * are compared as strstr() compares them.  The sort cost more than all
 * the rest, and most documents look for few names in part, or none: the
 * first names are compared with every key, until that has cost as much
 * as the sort would; only then are the suffixes sorted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw.h"

#define KEY_SIZE sizeof ((sw_copy *)0)->key

typedef struct suffix {
    const char *text;
    uint32_t key;       /* index in keys[] */
    uint32_t other;     /* the next suffix, in sorted order, of another key */
} suffix;

struct sw_keys {
    sw_key *keys;
    size_t nkeys;
    uint32_t *slots;    /* open addressing: index in keys[] + 1, 0 when free */
    size_t mask;
    suffix *sfx;        /* NULL until sorted */
    size_t nsfx;
    size_t longest;
    size_t scanned;     /* bytes compared by partial_scan() so far */
    size_t budget;      /* ... and at most: about what the sort costs */
    int oom;
    unsigned char has_len[KEY_SIZE];
};

/* FNV-1a, one byte at a time, so that a substring's hash grows with it. */
#define HASH_START UINT64_C(14695981039346656037)
static uint64_t hash_more(uint64_t h, unsigned char b)
{
    return (h ^ b) * UINT64_C(1099511628211);
}

static size_t slot_of(const sw_keys *ix, const char *s, size_t len, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 32)) & ix->mask;

    while (ix->slots[i]) {
        const sw_key *k = &ix->keys[ix->slots[i] - 1];
        if (k->hash == h && k->len == len && memcmp(k->key, s, len) == 0)
            break;
        i = (i + 1) & ix->mask;
    }
    return i;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const suffix *)a)->text, ((const suffix *)b)->text);
}

void sw_keys_free(sw_keys *ix)
{
    if (!ix)
        return;
    free(ix->keys);
    free(ix->slots);
    free(ix->sfx);
    free(ix);
}

sw_keys *sw_keys_new(const sw_copies *cs, sw_source src)
{
    sw_keys *ix = calloc(1, sizeof *ix);
    size_t n = 0, slots = 16;

    if (!ix)
        return NULL;
    for (size_t i = 0; i < cs->count; i++)
        n += cs->items[i].source == src && cs->items[i].key[0];
    while (slots < 2 * n)
        slots *= 2;
    ix->mask = slots - 1;
    ix->keys = malloc((n ? n : 1) * sizeof *ix->keys);
    ix->slots = calloc(slots, sizeof *ix->slots);
    if (!ix->keys || !ix->slots) {
        sw_keys_free(ix);
        return NULL;
    }
    for (size_t i = 0; i < cs->count; i++) {
        const sw_copy *c = &cs->items[i];
        size_t len = strlen(c->key), at;
        uint64_t h = HASH_START;
        if (c->source != src || len == 0)
            continue;
        for (size_t b = 0; b < len; b++)
            h = hash_more(h, (unsigned char)c->key[b]);
        at = slot_of(ix, c->key, len, h);
        if (ix->slots[at]) {
            sw_key *k = &ix->keys[ix->slots[at] - 1];
            k->last = i;
            k->count++;
            continue;
        }
        ix->keys[ix->nkeys] = (sw_key){ c->key, len, h, i, i, 1 };
        ix->slots[at] = (uint32_t)++ix->nkeys;
        ix->has_len[len] = 1;
        if (len > ix->longest)
            ix->longest = len;
        ix->nsfx += len;
    }
    for (size_t b = ix->nsfx; b > 0; b >>= 1)
        ix->budget += ix->nsfx;
    return ix;
}

/* The suffixes of the keys, sorted, each with the next one of another
 * key.  Returns 0, or -1 when out of memory. */
static int sort_suffixes(sw_keys *ix)
{
    size_t j = 0;

    ix->sfx = malloc((ix->nsfx ? ix->nsfx : 1) * sizeof *ix->sfx);
    if (!ix->sfx)
        return -1;
    for (size_t k = 0; k < ix->nkeys; k++)
        for (size_t off = 0; off < ix->keys[k].len; off++)
            ix->sfx[j++] = (suffix){ ix->keys[k].key + off, (uint32_t)k, 0 };
    qsort(ix->sfx, ix->nsfx, sizeof *ix->sfx, by_text);
    for (j = ix->nsfx; j-- > 0;) {
        int next_other = j + 1 == ix->nsfx || ix->sfx[j + 1].key != ix->sfx[j].key;
        ix->sfx[j].other = next_other ? (uint32_t)(j + 1) : ix->sfx[j + 1].other;
    }
    return 0;
}

int sw_keys_oom(const sw_keys *ix)
{
    return ix->oom;
}

const sw_key *sw_keys_exact(const sw_keys *ix, const char *key)
{
    size_t len = strlen(key), at;
    uint64_t h = HASH_START;

    for (size_t b = 0; b < len; b++)
        h = hash_more(h, (unsigned char)key[b]);
    at = slot_of(ix, key, len, h);
    return ix->slots[at] ? &ix->keys[ix->slots[at] - 1] : NULL;
}

/* The first suffix that does not sort before those beginning with key
 * (upper = 0), or after them (upper = 1). */
static size_t bound(const sw_keys *ix, const char *key, size_t len, int upper)
{
    size_t lo = 0, hi = ix->nsfx;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(ix->sfx[mid].text, key, len);
        if (c < 0 || (upper && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* sw_keys_partial() by comparing key with every key (they are distinct). */
static const sw_key *partial_scan(const sw_keys *ix, const char *key, size_t len, size_t min)
{
    const sw_key *one = NULL;

    for (size_t i = 0; i < ix->nkeys; i++) {
        const sw_key *k = &ix->keys[i];
        int hit = k->len >= len ? memmem(k->key, k->len, key, len) != NULL
                                : k->len >= min && memmem(key, len, k->key, k->len) != NULL;
        if (!hit)
            continue;
        if (one)
            return NULL;
        one = k;
    }
    return one;
}

const sw_key *sw_keys_partial(sw_keys *ix, const char *key, size_t min)
{
    size_t len = strlen(key), lo, hi, cost;
    const sw_key *one = NULL;

    if (len < min || ix->oom)
        return NULL;
    cost = ix->nsfx + ix->nkeys * len;
    if (!ix->sfx && ix->scanned + cost <= ix->budget) {
        ix->scanned += cost;
        return partial_scan(ix, key, len, min);
    }
    if (!ix->sfx && sort_suffixes(ix) < 0) {
        ix->oom = 1;
        return NULL;
    }
    lo = bound(ix, key, len, 0);
    hi = bound(ix, key, len, 1);
    if (lo < hi) {
        if (ix->sfx[lo].other < hi)
            return NULL;
        one = &ix->keys[ix->sfx[lo].key];
    }
    for (size_t s = 0; s + min <= len; s++) {
        uint64_t h = HASH_START;
        for (size_t e = s; e < len && e - s < ix->longest; e++) {
            size_t l = e + 1 - s, at;
            const sw_key *k;
            h = hash_more(h, (unsigned char)key[e]);
            if (l < min || l == len || !ix->has_len[l])
                continue;
            at = slot_of(ix, key + s, l, h);
            if (!ix->slots[at])
                continue;
            k = &ix->keys[ix->slots[at] - 1];
            if (one && one != k)
                return NULL;
            one = k;
        }
    }
    return one;
}
