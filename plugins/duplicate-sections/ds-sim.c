/* ds-sim.c — finding similar units without comparing all pairs.
 *
 * Units that share at least half of their (not too common) 3-grams
 * (ds-shingles.c) become candidates, and only candidates are compared with
 * a banded edit distance.  3-grams found in more than SHINGLE_CAP units say
 * nothing about copying and are left out, which also bounds the work per
 * 3-gram. */
#include <stdlib.h>
#include <string.h>

#include "ds.h"

#define SHINGLE_CAP 64        /* units per 3-gram before it is ignored */
#define MAX_CANDIDATES 64     /* verified per unit */
#define MAX_COMPARE_LEN 8000  /* longer bodies are only compared exactly */
/* Edit-distance cells one document may cost; past it, only exact copies
 * are recognised (keeps adversarial input from taking minutes). */
#define WORK_BUDGET 400000000ULL
#define MILLION 1000000LL
#define LOCAL_ROW 256         /* edit-distance row held on the stack */

size_t ds_edit_distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb,
                        size_t max_dist)
{
    size_t over = max_dist + 1;
    if ((la > lb ? la - lb : lb - la) > max_dist)
        return over;
    /* Most units are short: their two rows live on the stack, not in
     * two mallocs per comparison. */
    size_t local[2 * LOCAL_ROW];
    size_t *rows = lb < LOCAL_ROW ? local : malloc(2 * (lb + 1) * sizeof *rows);
    if (rows == NULL)
        return over; /* treated as "not similar": never crash on OOM */
    size_t *prev = rows, *cur = rows + lb + 1;
    /* Row 0 as far as row 1's band reads it. */
    for (size_t j = 0; j <= lb && j <= max_dist + 1; j++)
        prev[j] = j <= max_dist ? j : over;
    for (size_t i = 1; i <= la; i++) {
        size_t lo = i > max_dist ? i - max_dist : 1;
        size_t hi = i + max_dist < lb ? i + max_dist : lb;
        /* Only the band is computed; the cells just outside it are reset so
         * that the next row reads "too far" there.  Cells are not clamped
         * to `over`: any value above max_dist means the same. */
        cur[0] = i <= max_dist ? i : over;
        if (lo > 1)
            cur[lo - 1] = over;
        if (hi < lb)
            cur[hi + 1] = over;
        size_t row_min = cur[0];
        for (size_t j = lo; j <= hi; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > max_dist) {
            prev[lb] = over; /* the answer below */
            break;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[lb];
    if (rows != local)
        free(rows);
    return d > over ? over : d;
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* Next number (digits, with '.' or ',' between digits) at or after *i;
 * its span in [*start, *i).  Returns 0 at the end. */
static int next_number(const uint32_t *cp, size_t n, size_t *i, size_t *start)
{
    while (*i < n && !is_digit(cp[*i]))
        (*i)++;
    if (*i >= n)
        return 0;
    *start = *i;
    while (*i < n && (is_digit(cp[*i]) ||
                      ((cp[*i] == '.' || cp[*i] == ',') && *i + 1 < n && is_digit(cp[*i + 1]))))
        (*i)++;
    return 1;
}

#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

/* A hash of x's numbers in order, each followed by a space (found in no
 * number), computed the first time it is asked: most candidates quote
 * different numbers, told then without reading either unit again. */
static uint64_t numbers_hash(ds_unit *x)
{
    if (!x->has_numbers) {
        uint64_t h = FNV_BASIS;
        size_t i = 0, start;
        while (next_number(x->cp, x->ncp, &i, &start)) {
            for (size_t k = start; k < i; k++)
                h = (h ^ x->cp[k]) * FNV_PRIME;
            h = (h ^ ' ') * FNV_PRIME;
        }
        x->numbers = h;
        x->has_numbers = 1;
    }
    return x->numbers;
}

/* 1 when x and y quote the same numbers in the same order.  Parallel
 * template text ("儿童福利…431.37万元" / "老年福利…133.23万元", "见表6" /
 * "见表5") differs in its numbers; a copied paragraph keeps them. */
static int same_numbers(ds_unit *x, ds_unit *y)
{
    if (numbers_hash(x) != numbers_hash(y))
        return 0;
    size_t i = 0, j = 0, si, sj;
    for (;;) {
        int a = next_number(x->cp, x->ncp, &i, &si);
        int b = next_number(y->cp, y->ncp, &j, &sj);
        if (!a || !b)
            return a == b;
        if (i - si != j - sj || memcmp(x->cp + si, y->cp + sj, (i - si) * sizeof *x->cp) != 0)
            return 0;
    }
}

int64_t ds_similarity(ds_unit *x, ds_unit *y, int64_t threshold, size_t *dist)
{
    size_t maxlen = x->ncp > y->ncp ? x->ncp : y->ncp;
    if (maxlen == 0)
        return -1;
    if (x->ncp == y->ncp && memcmp(x->cp, y->cp, x->ncp * sizeof *x->cp) == 0) {
        *dist = 0;
        return MILLION;
    }
    size_t k = (size_t)((MILLION - threshold) * (int64_t)maxlen / MILLION);
    /* Most candidates differ in length by more than k edits: seen at once. */
    if ((x->ncp > y->ncp ? x->ncp - y->ncp : y->ncp - x->ncp) > k)
        return -1;
    if (maxlen > MAX_COMPARE_LEN || !same_numbers(x, y))
        return -1;
    size_t d = ds_edit_distance(x->cp, x->ncp, y->cp, y->ncp, k);
    if (d > k)
        return -1;
    int64_t sim = (int64_t)(maxlen - d) * MILLION / (int64_t)maxlen;
    if (sim < threshold)
        return -1;
    *dist = d;
    return sim;
}

static uint64_t hash_cps(const uint32_t *cp, size_t n)
{
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = (h ^ cp[i]) * FNV_PRIME;
    return h;
}

/* x's hash, computed the first time it is asked: most units are never a
 * candidate, and hashing every unit took a sixth of collecting them. */
static uint64_t unit_hash(ds_unit *x)
{
    if (!x->has_hash) {
        x->hash = hash_cps(x->cp, x->ncp);
        x->has_hash = 1;
    }
    return x->hash;
}

static int push_pair(ds_pairs *p, const ds_pair *x)
{
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        ds_pair *grown = realloc(p->items, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        p->items = grown;
        p->cap = cap;
    }
    p->items[p->count++] = *x;
    return 0;
}

static size_t find_root(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Group sizes of the similarity classes become each unit's `copies`. */
static int count_copies(ds_units *u, const ds_pairs *p)
{
    size_t *parent = malloc(u->count * sizeof *parent);
    size_t *size = calloc(u->count, sizeof *size);
    if (parent == NULL || size == NULL) {
        free(parent);
        free(size);
        return -1;
    }
    for (size_t i = 0; i < u->count; i++)
        parent[i] = i;
    for (size_t i = 0; i < p->count; i++) {
        size_t ra = find_root(parent, p->items[i].a), rb = find_root(parent, p->items[i].b);
        if (ra != rb)
            parent[ra] = rb;
    }
    for (size_t i = 0; i < u->count; i++)
        size[find_root(parent, i)]++;
    for (size_t i = 0; i < u->count; i++)
        u->items[i].copies = size[find_root(parent, i)];
    free(parent);
    free(size);
    return 0;
}

int ds_find_pairs(ds_units *u, const ds_options *o, ds_pairs *out)
{
    memset(out, 0, sizeof *out);
    ds_shared sh;
    size_t *cnt = calloc(u->count + 1, sizeof *cnt);
    size_t *touched = malloc((u->count + 1) * sizeof *touched);
    if (cnt == NULL || touched == NULL || ds_shared_build(u, SHINGLE_CAP, &sh) != 0) {
        free(cnt);
        free(touched);
        return -1;
    }
    int rc = 0;
    unsigned long long work = 0;
    for (size_t a = 0; a < u->count && rc == 0; a++) {
        /* Count the 3-grams a shares with each earlier unit. */
        size_t nt = 0;
        for (size_t k = sh.first[a]; k < sh.first[a + 1]; k++) {
            ds_span before = sh.earlier[k];
            for (size_t m = before.begin; m < before.end; m++) {
                size_t b = sh.units[m];
                touched[nt] = b; /* kept when first touched: no branch */
                nt += cnt[b]++ == 0;
            }
        }
        size_t verified = 0;
        for (size_t t = 0; t < nt; t++) {
            size_t b = touched[t];
            size_t need = sh.count[a] < sh.count[b] ? sh.count[a] : sh.count[b];
            if (cnt[b] * 2 >= need && verified < MAX_CANDIDATES) {
                verified++;
                ds_unit *x = &u->items[b], *y = &u->items[a];
                size_t len = x->ncp > y->ncp ? x->ncp : y->ncp;
                unsigned long long cost =
                    (unsigned long long)len * (len * (unsigned long long)(MILLION - o->threshold) /
                                                   MILLION * 2 + 1);
                int exact = x->ncp == y->ncp && unit_hash(x) == unit_hash(y);
                if (!exact && work + cost > WORK_BUDGET) {
                    cnt[b] = 0;
                    continue;
                }
                if (!exact)
                    work += cost;
                ds_pair p = { b, a, 0, 0 };
                p.sim = ds_similarity(x, y, o->threshold, &p.dist);
                if (p.sim >= 0 && push_pair(out, &p) != 0)
                    rc = -1;
            }
            cnt[b] = 0;
        }
    }
    ds_shared_free(&sh);
    free(cnt);
    free(touched);
    if (rc == 0)
        rc = count_copies(u, out);
    if (rc != 0) {
        free(out->items);
        memset(out, 0, sizeof *out);
    }
    return rc;
}
