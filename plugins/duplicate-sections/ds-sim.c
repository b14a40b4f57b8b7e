/* ds-sim.c — finding similar units without comparing all pairs.
 *
 * Every substantial unit is cut into character 3-grams.  Units that share
 * at least half of their (not too common) 3-grams become candidates, and
 * only candidates are compared with a banded edit distance.  3-grams found
 * in more than SHINGLE_CAP units say nothing about copying and are left
 * out, which also bounds the work per 3-gram. */
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

size_t ds_edit_distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb,
                        size_t max_dist)
{
    size_t over = max_dist + 1;
    if ((la > lb ? la - lb : lb - la) > max_dist)
        return over;
    size_t *prev = malloc((lb + 1) * sizeof *prev);
    size_t *cur = malloc((lb + 1) * sizeof *cur);
    if (prev == NULL || cur == NULL) {
        free(prev);
        free(cur);
        return over; /* treated as "not similar": never crash on OOM */
    }
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j <= max_dist ? j : over;
    for (size_t i = 1; i <= la; i++) {
        size_t lo = i > max_dist ? i - max_dist : 1;
        size_t hi = i + max_dist < lb ? i + max_dist : lb;
        /* Only the band is computed; the cells just outside it are reset so
         * that the next row reads "too far" there. */
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
            cur[j] = best > over ? over : best;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > max_dist) {
            free(prev);
            free(cur);
            return over;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[lb];
    free(prev);
    free(cur);
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

/* 1 when x and y quote the same numbers in the same order.  Parallel
 * template text ("儿童福利…431.37万元" / "老年福利…133.23万元", "见表6" /
 * "见表5") differs in its numbers; a copied paragraph keeps them. */
static int same_numbers(const ds_unit *x, const ds_unit *y)
{
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

int64_t ds_similarity(const ds_unit *x, const ds_unit *y, int64_t threshold, size_t *dist)
{
    size_t maxlen = x->ncp > y->ncp ? x->ncp : y->ncp;
    if (maxlen == 0)
        return -1;
    if (x->hash == y->hash && x->ncp == y->ncp &&
        memcmp(x->cp, y->cp, x->ncp * sizeof *x->cp) == 0) {
        *dist = 0;
        return MILLION;
    }
    if (maxlen > MAX_COMPARE_LEN || !same_numbers(x, y))
        return -1;
    size_t k = (size_t)((MILLION - threshold) * (int64_t)maxlen / MILLION);
    size_t d = ds_edit_distance(x->cp, x->ncp, y->cp, y->ncp, k);
    if (d > k)
        return -1;
    int64_t sim = (int64_t)(maxlen - d) * MILLION / (int64_t)maxlen;
    if (sim < threshold)
        return -1;
    *dist = d;
    return sim;
}

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

/* Stable LSD radix sort on the hash, 16 bits a pass.  Entries are made
 * in unit order, so equal hashes end up in unit order too.  Returns 0,
 * -1 on OOM. */
static int sort_entries(entry *e, size_t n)
{
    entry *tmp = malloc((n + 1) * sizeof *tmp);
    size_t *count = malloc(65537 * sizeof *count);
    if (tmp == NULL || count == NULL) {
        free(tmp);
        free(count);
        return -1;
    }
    entry *src = e, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 16) {
        memset(count, 0, 65537 * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[((hash_of(&src[i]) >> shift) & 0xffff) + 1]++;
        for (size_t d = 0; d < 65536; d++)
            count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++)
            dst[count[(hash_of(&src[i]) >> shift) & 0xffff]++] = src[i];
        entry *t = src;
        src = dst;
        dst = t;
    }
    /* Four passes: the sorted data is back in e. */
    free(tmp);
    free(count);
    return 0;
}

static uint64_t shingle(const uint32_t *cp)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 3; i++) {
        h ^= cp[i];
        h *= 1099511628211ull;
    }
    return h;
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

/* Per unit, the 3-gram groups (ranges of `e` with one hash) it belongs
 * to.  A group ends where the hash changes: not stored, which saves a word
 * an entry. */
typedef struct groups {
    size_t *start;   /* per unit, offset into list */
    size_t *count;   /* per unit, number of groups */
    size_t *list;    /* group start indexes into e */
} groups;

static void free_groups(groups *g)
{
    free(g->start);
    free(g->count);
    free(g->list);
}

/* End of the group starting at e[i]. */
static size_t group_end(const entry *e, size_t ne, size_t i)
{
    size_t j = i;
    while (j < ne && hash_of(&e[j]) == hash_of(&e[i]))
        j++;
    return j;
}

static int build_groups(const entry *e, size_t ne, size_t nunits, groups *g)
{
    memset(g, 0, sizeof *g);
    g->start = calloc(nunits + 1, sizeof *g->start);
    g->count = calloc(nunits + 1, sizeof *g->count);
    if (!g->start || !g->count) {
        free_groups(g);
        return -1;
    }
    /* Count, then place: a two-pass bucket fill keeps it linear. */
    for (size_t i = 0, j; i < ne; i = j) {
        j = group_end(e, ne, i);
        if (j - i >= 2 && j - i <= SHINGLE_CAP)
            for (size_t k = i; k < j; k++)
                g->count[e[k].unit]++;
    }
    size_t off = 0;
    for (size_t u = 0; u < nunits; u++) {
        g->start[u] = off;
        off += g->count[u];
        g->count[u] = 0;
    }
    /* Only entries of groups that count are listed. */
    g->list = malloc((off + 1) * sizeof *g->list);
    if (!g->list) {
        free_groups(g);
        return -1;
    }
    for (size_t i = 0, j; i < ne; i = j) {
        j = group_end(e, ne, i);
        size_t len = j - i;
        if (len >= 2 && len <= SHINGLE_CAP)
            for (size_t k = i; k < i + len; k++) {
                size_t u = e[k].unit;
                g->list[g->start[u] + g->count[u]++] = i;
            }
    }
    return 0;
}

/* All distinct 3-grams of the substantial units, sorted. */
static entry *collect_shingles(const ds_units *u, size_t *ne_out)
{
    size_t total = 0;
    if (u->count > UINT32_MAX)
        return NULL; /* beyond an entry's unit index */
    for (size_t i = 0; i < u->count; i++)
        if (u->items[i].substantial && u->items[i].ncp >= 3)
            total += u->items[i].ncp - 2;
    entry *e = malloc((total + 1) * sizeof *e);
    if (e == NULL)
        return NULL;
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
            ne++;
        }
    }
    if (sort_entries(e, ne) != 0) {
        free(e);
        return NULL;
    }
    /* Drop repeats of the same 3-gram within one unit. */
    size_t w = 0;
    for (size_t i = 0; i < ne; i++)
        if (w == 0 || hash_of(&e[w - 1]) != hash_of(&e[i]) || e[w - 1].unit != e[i].unit)
            e[w++] = e[i];
    entry *fit = realloc(e, (w + 1) * sizeof *e);
    if (fit != NULL)
        e = fit;
    *ne_out = w;
    return e;
}

int ds_find_pairs(ds_units *u, const ds_options *o, ds_pairs *out)
{
    memset(out, 0, sizeof *out);
    size_t ne = 0;
    entry *e = collect_shingles(u, &ne);
    groups g;
    size_t *cnt = calloc(u->count + 1, sizeof *cnt);
    size_t *touched = malloc((u->count + 1) * sizeof *touched);
    if (e == NULL || cnt == NULL || touched == NULL || build_groups(e, ne, u->count, &g) != 0) {
        free(e);
        free(cnt);
        free(touched);
        return -1;
    }
    int rc = 0;
    unsigned long long work = 0;
    for (size_t a = 0; a < u->count && rc == 0; a++) {
        size_t nt = 0;
        for (size_t k = 0; k < g.count[a]; k++) {
            size_t gs = g.list[g.start[a] + k];
            for (size_t m = gs; m < ne && hash_of(&e[m]) == hash_of(&e[gs]) && e[m].unit < a; m++) {
                size_t b = e[m].unit;
                if (cnt[b]++ == 0)
                    touched[nt++] = b;
            }
        }
        size_t verified = 0;
        for (size_t t = 0; t < nt; t++) {
            size_t b = touched[t];
            size_t need = g.count[a] < g.count[b] ? g.count[a] : g.count[b];
            if (cnt[b] * 2 >= need && verified < MAX_CANDIDATES) {
                verified++;
                const ds_unit *x = &u->items[b], *y = &u->items[a];
                size_t len = x->ncp > y->ncp ? x->ncp : y->ncp;
                unsigned long long cost =
                    (unsigned long long)len * (len * (unsigned long long)(MILLION - o->threshold) /
                                                   MILLION * 2 + 1);
                int exact = x->hash == y->hash && x->ncp == y->ncp;
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
    free_groups(&g);
    free(e);
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
