/* ds-shingles.c — the character 3-grams that units share.
 *
 * Every 3-gram of every substantial unit is hashed; a hash table (or, if
 * the hashes defeat it, sorting them all) brings the units of one 3-gram
 * together.  Only 3-grams found in 2 to `cap` units are kept: one unit's
 * 3-grams say nothing about copying, and those in many units are template
 * text.  The order of everything (3-grams
 * by hash, units by index) decides which candidates ds_find_pairs tries
 * first, so it is exact, not just a grouping. */
#include <stdlib.h>
#include <string.h>

#include "ds.h"

/* A 3-gram of a unit: its 64-bit hash in two halves, so that an entry
 * takes 12 bytes rather than 16 (there is one per character of text). */
typedef struct entry {
    uint32_t hash_lo, hash_hi;
    uint32_t unit;
} entry;

static uint64_t hash_of(const entry *x)
{
    return (uint64_t)x->hash_hi << 32 | x->hash_lo;
}

/* Stable LSD radix sort of e[0..n) on one 32-bit half of the hash,
 * RADIX_BITS a pass; tmp has room for n entries.  Small digits keep the
 * count tables in L1 and cheap to clear: with 16-bit digits their 512 KB
 * cost more than sorting a typical report's entries. */
#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES ((32 + RADIX_BITS - 1) / RADIX_BITS)

static uint32_t half_of(const entry *x, int high)
{
    return high ? x->hash_hi : x->hash_lo;
}

static size_t digit_of(const entry *x, int high, int pass)
{
    return (half_of(x, high) >> (pass * RADIX_BITS)) & (RADIX_SIZE - 1);
}

static void radix_sort_half(entry *e, entry *tmp, size_t n, int high)
{
    uint32_t count[RADIX_PASSES][RADIX_SIZE]; /* n <= UINT32_MAX: sorted_shingles */
    memset(count, 0, sizeof count);
    /* One read counts the digits of every pass. */
    for (size_t i = 0; i < n; i++)
        for (int pass = 0; pass < RADIX_PASSES; pass++)
            count[pass][digit_of(&e[i], high, pass)]++;
    entry *src = e, *dst = tmp;
    for (int pass = 0; pass < RADIX_PASSES; pass++) {
        /* Counts become each digit's first slot. */
        uint32_t slot = 0;
        for (size_t d = 0; d < RADIX_SIZE; d++) {
            uint32_t c = count[pass][d];
            count[pass][d] = slot;
            slot += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[pass][digit_of(&src[i], high, pass)]++] = src[i];
        entry *t = src;
        src = dst;
        dst = t;
    }
    if (src != e)
        memcpy(e, src, n * sizeof *e);
}

/* Stable radix sort on the whole hash; tmp has room for n entries.  The
 * high half alone almost always decides the order: only the rare runs of
 * one high half with different low halves are then sorted on the low
 * half. */
static void radix_sort(entry *e, entry *tmp, size_t n)
{
    radix_sort_half(e, tmp, n, 1);
    for (size_t i = 0, j; i < n; i = j) {
        int mixed = 0;
        for (j = i + 1; j < n && e[j].hash_hi == e[i].hash_hi; j++)
            mixed |= e[j].hash_lo != e[i].hash_lo;
        if (mixed)
            radix_sort_half(e + i, tmp, j - i, 0);
    }
}

/* Stable insertion sort of e[0..n) on the hash, unless it would take more
 * than `budget` moves: then 0, e left half sorted.  Equal hashes keep
 * their order at every step, so a stable sort can go on from there. */
static int insertion_sort(entry *e, size_t n, size_t budget)
{
    for (size_t i = 1; i < n; i++) {
        entry x = e[i];
        uint64_t h = hash_of(&x);
        size_t j = i;
        for (; j > 0 && hash_of(&e[j - 1]) > h; j--) {
            if (budget-- == 0) {
                e[j] = x; /* before the larger ones it passed */
                return 0;
            }
            e[j] = e[j - 1];
        }
        e[j] = x;
    }
    return 1;
}

/* A report's entries are spread over about n buckets by the top bits of
 * the hash, and the buckets, mostly one 3-gram each, are insertion sorted:
 * one scatter instead of the radix sort's three, whose count tables cost
 * more than a small report's entries.  When insertion would be quadratic
 * (one 3-gram in many units before others, or hashes chosen to collide)
 * the entries are radix sorted instead; so are large reports, whose
 * buckets would be large. */
#define BUCKET_MIN_BITS 4
#define BUCKET_MAX_BITS 14       /* a 64 KB count table */
#define BUCKETED_MAX ((size_t)1 << 15)  /* entries */
#define MOVES_PER_ENTRY 16

static unsigned bucket_bits(size_t n)
{
    unsigned bits = BUCKET_MIN_BITS;
    while (bits < BUCKET_MAX_BITS && ((size_t)1 << bits) < n)
        bits++;
    return bits;
}

/* Stable sort of e[0..n) into out (n <= BUCKETED_MAX); e is then scratch.
 * start[b + 1] counts the entries in bucket b of bucket_bits(n) (counted
 * as the entries were made); start is used up. */
static void bucket_sort(entry *e, entry *out, size_t n, uint32_t *start)
{
    unsigned bits = bucket_bits(n);
    size_t nb = (size_t)1 << bits;
    for (size_t b = 0; b < nb; b++)
        start[b + 1] += start[b];
    for (size_t i = 0; i < n; i++)
        out[start[e[i].hash_hi >> (32 - bits)]++] = e[i];
    /* Entries only move inside their bucket: one pass sorts them all,
     * with no loop over the buckets, most of them empty. */
    if (!insertion_sort(out, n, MOVES_PER_ENTRY * n))
        radix_sort(out, e, n);
}

/* Stable sort on the whole hash, given the bucket counts of bucket_sort.
 * Entries are made in unit order, so equal hashes end up in unit order
 * too.  Returns the sorted entries (e or a new array; the other is freed),
 * NULL on OOM. */
static entry *sort_entries(entry *e, size_t n, uint32_t *start)
{
    entry *tmp = malloc((n + 1) * sizeof *tmp);
    if (tmp == NULL) {
        free(e);
        return NULL;
    }
    if (n > BUCKETED_MAX) {
        radix_sort(e, tmp, n);
        free(tmp);
        return e;
    }
    bucket_sort(e, tmp, n, start);
    free(e);
    return tmp;
}

#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

/* FNV-1a of 3 code points, written out: the loop's counter cost as much
 * as the hash. */
static uint64_t shingle(const uint32_t *cp)
{
    uint64_t h = (FNV_BASIS ^ cp[0]) * FNV_PRIME;
    h = (h ^ cp[1]) * FNV_PRIME;
    return (h ^ cp[2]) * FNV_PRIME;
}

/* The number of 3-grams of the substantial units, or (size_t)-1 when
 * they or the units are too many for the 32-bit counts and indexes (and
 * 48 GB of entries). */
static size_t count_shingles(const ds_units *u)
{
    size_t total = 0;
    if (u->count > UINT32_MAX)
        return (size_t)-1;
    for (size_t i = 0; i < u->count; i++)
        if (u->items[i].substantial && u->items[i].ncp >= 3)
            total += u->items[i].ncp - 2;
    return total < UINT32_MAX ? total : (size_t)-1;
}

/* All `total` 3-grams of the substantial units, sorted; NULL on OOM. */
static entry *sorted_shingles(const ds_units *u, size_t total)
{
    /* The buckets of bucket_sort are counted as the entries are made (a
     * large report's radix sort ignores them). */
    unsigned bits = bucket_bits(total);
    uint32_t *start = calloc(((size_t)1 << bits) + 1, sizeof *start);
    entry *e = malloc((total + 1) * sizeof *e);
    if (e == NULL || start == NULL) {
        free(start);
        free(e);
        return NULL;
    }
    size_t ne = 0;
    for (size_t i = 0; i < u->count; i++) {
        const ds_unit *x = &u->items[i];
        if (!x->substantial || x->ncp < 3)
            continue;
        for (size_t k = 0; k + 3 <= x->ncp; k++) {
            uint64_t h = shingle(x->cp + k);
            e[ne].hash_lo = (uint32_t)h;
            e[ne].hash_hi = (uint32_t)(h >> 32);
            e[ne].unit = (uint32_t)i;
            start[(e[ne].hash_hi >> (32 - bits)) + 1]++;
            ne++;
        }
    }
    e = sort_entries(e, ne, start);
    free(start);
    return e;
}

/* Whether the run units[begin .. w) is kept: 2 to cap units (cap >= 2;
 * below 2 and 0 or 1 units wrap round past cap - 2). */
static size_t run_kept(size_t begin, size_t w, size_t cap)
{
    return w - begin - 2 <= cap - 2;
}

/* The runs: each 3-gram's distinct units, kept when 2 to cap of them.
 * One step per entry, with selects rather than branches: the 3-gram
 * changes every second entry or so, which no branch predictor follows. */
static int make_runs(const entry *e, size_t ne, size_t cap, ds_shared *s)
{
    s->units = malloc((ne + 1) * sizeof *s->units);
    s->run_start = malloc((ne / 2 + 2) * sizeof *s->run_start); /* a run has 2 units */
    if (s->units == NULL || s->run_start == NULL)
        return -1;
    if (cap < 2)
        ne = 0; /* no run is kept */
    size_t w = 0, begin = 0, nruns = 0;
    uint64_t key = ne > 0 ? ~hash_of(&e[0]) : 0; /* the first entry is fresh */
    uint32_t last = 0;
    for (size_t j = 0; j < ne; j++) {
        uint64_t h = hash_of(&e[j]);
        size_t fresh = h != key;
        /* A new 3-gram closes the run before: kept, or its units taken
         * back.  run_start[nruns] may be written early: nruns <= j / 2. */
        size_t keep = fresh & run_kept(begin, w, cap);
        s->run_start[nruns] = begin;
        nruns += keep;
        w = (fresh & !keep) ? begin : w;
        begin = fresh ? w : begin;
        /* A unit's repeats of the 3-gram are next to each other. */
        s->units[w] = e[j].unit;
        w += fresh | (e[j].unit != last);
        last = e[j].unit;
        key = h;
    }
    if (run_kept(begin, w, cap))
        s->run_start[nruns++] = begin;
    else
        w = begin;
    s->run_start[nruns] = w;
    s->nruns = nruns;
    return 0;
}

/* Per unit, the runs it is in, in run order: count, then place.  Each is
 * kept as the span of the run's units before this one (units in a run
 * are in unit order), so that ds_find_pairs neither looks the run up nor
 * tests where this unit comes; the empty spans of the runs a unit starts
 * are left out.  Spans fit 32 bits: nlisted <= ne. */
static int index_units(size_t nunits, ds_shared *s)
{
    size_t nlisted = s->run_start[s->nruns];
    s->first = calloc(nunits + 1, sizeof *s->first);
    s->count = calloc(nunits + 1, sizeof *s->count);
    s->earlier = malloc((nlisted + 1) * sizeof *s->earlier);
    if (s->first == NULL || s->count == NULL || s->earlier == NULL)
        return -1;
    for (size_t m = 0; m < nlisted; m++)
        s->count[s->units[m]]++;
    for (size_t r = 0; r < s->nruns; r++)
        s->first[s->units[s->run_start[r]]]++; /* runs started, for now */
    size_t off = 0;
    for (size_t u = 0; u < nunits; u++) {
        size_t started = s->first[u];
        s->first[u] = off;
        off += s->count[u] - started;
    }
    s->first[nunits] = off;
    /* first[u] is u's next place while placing: it ends as first[u + 1]
     * was, and is shifted back. */
    for (size_t r = 0; r < s->nruns; r++)
        for (size_t m = s->run_start[r] + 1; m < s->run_start[r + 1]; m++) {
            ds_span before = { (uint32_t)s->run_start[r], (uint32_t)m };
            s->earlier[s->first[s->units[m]]++] = before;
        }
    for (size_t u = nunits; u > 0; u--)
        s->first[u] = s->first[u - 1];
    s->first[0] = 0;
    return 0;
}

/* The common way: a hash table finds each distinct 3-gram as the units
 * are read and counts its units, so that only the kept 3-grams are sorted
 * (on the sample, one distinct 3-gram in three: one for seven entries),
 * and a unit's occurrences are written once, to their run.  A 3-gram's
 * repeats in one unit count once, as in make_runs. */
typedef struct gram {
    uint64_t hash;
    uint32_t first;      /* the first unit: most 3-grams are in one unit */
    uint32_t last;       /* the last unit seen; then the next slot of its run */
    uint32_t units;      /* distinct units */
} gram;

typedef struct occurrence {
    uint32_t gram, unit;
} occurrence;

static int gram_kept(const gram *x, size_t cap)
{
    return cap >= 2 && run_kept(0, x->units, cap);
}

#define NO_SLOT UINT32_MAX
/* The top bits of FNV-1a over 3 code points are poorly mixed: the
 * table's slot is taken from the hash times an odd constant. */
#define MIX 0x9e3779b97f4a7c15ull
/* Probes past the first slot the table may take, per 3-gram of the
 * report, before it gives up for sorting all 3-grams: hashes chosen to
 * share their mixed top bits would make the probing quadratic. */
#define PROBES_PER_ENTRY 8

/* Builds out from the table; 1 when the probes ran out (out untouched),
 * -1 on OOM, 0 done. */
static int table_runs(const ds_units *u, size_t total, size_t cap, ds_shared *out)
{
    unsigned bits = BUCKET_MIN_BITS;
    while (((size_t)1 << bits) < total)
        bits++;
    size_t mask = ((size_t)1 << bits) - 1;
    uint32_t *table = calloc(mask + 1, sizeof *table); /* gram index + 1, 0 free */
    gram *g = malloc((total + 1) * sizeof *g);
    occurrence *occ = malloc((total + 1) * sizeof *occ);
    int rc = -1;
    entry *kept = NULL;
    uint32_t *start = NULL;
    if (table == NULL || g == NULL || occ == NULL)
        goto done;
    size_t ng = 0, nocc = 0, probes = PROBES_PER_ENTRY * total + 64;
    for (size_t i = 0; i < u->count; i++) {
        const ds_unit *x = &u->items[i];
        if (!x->substantial || x->ncp < 3)
            continue;
        for (size_t k = 0; k + 3 <= x->ncp; k++) {
            uint64_t h = shingle(x->cp + k);
            size_t slot = (size_t)((h * MIX) >> (64 - bits));
            uint32_t id;
            while ((id = table[slot]) != 0 && g[id - 1].hash != h) {
                slot = (slot + 1) & mask;
                if (probes-- == 0) {
                    rc = 1;
                    goto done;
                }
            }
            if (id == 0) {
                g[ng++] = (gram){ h, (uint32_t)i, (uint32_t)i, 1 };
                table[slot] = (uint32_t)ng;
                continue;
            }
            if (g[id - 1].last == i)
                continue;
            g[id - 1].last = (uint32_t)i;
            g[id - 1].units++;
            occ[nocc++] = (occurrence){ id - 1, (uint32_t)i };
        }
    }
    /* The kept 3-grams, sorted by hash (all distinct) as bucket_sort
     * wants them: counted per bucket once they are known. */
    kept = malloc((ng + 1) * sizeof *kept);
    if (kept == NULL)
        goto done;
    size_t nk = 0;
    for (size_t j = 0; j < ng; j++) {
        if (gram_kept(&g[j], cap))
            kept[nk++] = (entry){ (uint32_t)g[j].hash, (uint32_t)(g[j].hash >> 32), (uint32_t)j };
        else
            g[j].last = NO_SLOT;
    }
    unsigned kbits = bucket_bits(nk);
    start = calloc(((size_t)1 << kbits) + 1, sizeof *start);
    out->units = malloc((nocc + ng + 1) * sizeof *out->units);
    out->run_start = malloc((nk + 1) * sizeof *out->run_start);
    if (start == NULL || out->units == NULL || out->run_start == NULL)
        goto done;
    for (size_t r = 0; r < nk; r++)
        start[(kept[r].hash_hi >> (32 - kbits)) + 1]++;
    kept = sort_entries(kept, nk, start);
    if (kept == NULL)
        goto done;
    /* Each kept 3-gram's run, in hash order, starting with its first
     * unit; then its other units, in unit order as they were met. */
    size_t w = 0;
    for (size_t r = 0; r < nk; r++) {
        gram *x = &g[kept[r].unit];
        out->run_start[r] = w;
        out->units[w] = x->first;
        x->last = (uint32_t)w + 1;
        w += x->units;
    }
    out->run_start[nk] = w;
    out->nruns = nk;
    for (size_t m = 0; m < nocc; m++) {
        gram *x = &g[occ[m].gram];
        if (x->last != NO_SLOT)
            out->units[x->last++] = occ[m].unit;
    }
    rc = 0;
done:
    free(table);
    free(g);
    free(occ);
    free(kept);
    free(start);
    return rc;
}

int ds_shared_build(const ds_units *u, size_t cap, ds_shared *out)
{
    memset(out, 0, sizeof *out);
    size_t total = count_shingles(u);
    if (total == (size_t)-1)
        return -1;
    int rc = table_runs(u, total, cap, out);
    if (rc == 1) {
        entry *e = sorted_shingles(u, total);
        rc = e != NULL ? make_runs(e, total, cap, out) : -1;
        free(e);
    }
    if (rc == 0)
        rc = index_units(u->count, out);
    if (rc != 0)
        ds_shared_free(out);
    return rc;
}

void ds_shared_free(ds_shared *s)
{
    free(s->units);
    free(s->run_start);
    free(s->first);
    free(s->count);
    free(s->earlier);
    memset(s, 0, sizeof *s);
}
