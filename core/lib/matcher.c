/* matcher.c — fl_matcher: many words found in one pass over a text
 * (Aho–Corasick over bytes).
 *
 * Built once: a trie of the words, then, breadth first, each state's
 * failure link (the state of its longest proper suffix that is also a
 * prefix of some word) and output link (the nearest state on the failure
 * chain where a word ends).  A scan reads each byte once; failure steps
 * only shorten the current match, so they are paid for by the bytes that
 * lengthened it, and output links reach each occurrence in one step:
 * time is linear in the text plus the occurrences.
 *
 * Memory.  Checks scan ordinary text in which most bytes start no word, so
 * the root (where the scan spends most of its time) has a dense 256-entry
 * table, one lookup per byte.  Every other state keeps only its own edges,
 * sorted by byte, in shared arrays: at most 33 bytes per byte of the words
 * (a 28-byte state and a 5-byte edge) plus 1 KiB for the root, e.g. 40 KiB
 * for 100 Chinese words of four characters, where dense tables would take
 * 1 KiB per state (1.2 MiB).  Deeper states have one or two edges, found
 * by a short linear search.
 *
 * Speed.  A matcher of modest size (all those of our checks) also gets a
 * complete table: one row per state, one entry per byte class (the bytes
 * of the words, each its own class, and one class for all other bytes).
 * A scan then costs one table load per byte, where the rows above cost a
 * load of the state and then of its row, one after the other. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "util.h"

#define NONE UINT32_MAX

typedef struct {
    uint32_t fail;       /* failure link; the root's is itself */
    uint32_t dict;       /* nearest state on the failure chain with words, or NONE */
    uint32_t edge;       /* first edge in m->edge_byte / m->edge_to */
    uint32_t nedge;
    uint32_t out;        /* first word index in m->outs */
    uint32_t nout;       /* words ending exactly here (duplicates of one word) */
    uint32_t depth;      /* bytes from the root: the length of those words */
    uint32_t row;        /* its full transition row in m->rows, or NONE */
} state;

struct fl_matcher {
    uint32_t root[256];  /* the root's transitions; 0 is the root itself */
    state *states;
    size_t nstates;
    uint8_t *edge_byte;
    uint32_t *edge_to;
    uint32_t *outs;      /* word indices, grouped by state, ascending in each */
    uint32_t *rows;      /* 256 next states per row (see build_rows) */
    /* The complete table (build_table), or NULL when too large: entry
     * [s * nclass + class] is the next state times nclass (its row's
     * offset), with FULL_HITS set when words end at that state or on its
     * output chain. */
    uint16_t *full;
    uint32_t nclass;
    uint8_t byte_class[256];
};

/* The complete table is built while it has at most this many entries,
 * of 16 bits: 64 KiB, about what a core's first-level cache holds, which
 * is where a table read at every byte must be (the largest of our checks
 * has 313 states x 66 classes, 41 KB).  A larger word list keeps to the
 * rows alone. */
#define FULL_MAX_ENTRIES (1u << 15)
#define FULL_HITS 0x8000u

/* States with edges get a full row, shallowest first, up to MAX_ROWS rows
 * (1 KB each); states without edges share their failure state's.  In
 * Chinese text most characters start with a byte that starts some word
 * too (E4..E9), and without a row every such character costs a walk along
 * that state's edges. */
#define MAX_ROWS 256

/* -- building -- */

/* The trie while it grows: children as sibling lists, sorted by byte. */
typedef struct {
    uint32_t child, sibling;
    uint8_t byte;
} tnode;

static uint32_t trie_child(const tnode *t, uint32_t s, uint8_t c)
{
    for (uint32_t k = t[s].child; k != NONE && t[k].byte <= c; k = t[k].sibling)
        if (t[k].byte == c)
            return k;
    return NONE;
}

/* Add child `k` (byte c) to s, keeping its siblings sorted by byte. */
static void trie_link(tnode *t, uint32_t s, uint32_t k, uint8_t c)
{
    uint32_t *at = &t[s].child;
    while (*at != NONE && t[*at].byte < c)
        at = &t[*at].sibling;
    t[k].byte = c;
    t[k].child = NONE;
    t[k].sibling = *at;
    *at = k;
}

/* The next state from s on byte c, following failure links: the build
 * uses it on states whose failure links are already set. */
static uint32_t step(const fl_matcher *m, uint32_t s, uint8_t c)
{
    for (;;) {
        if (s == 0)
            return m->root[c];
        const state *st = &m->states[s];
        if (st->row != NONE)
            return m->rows[(size_t)st->row * 256 + c];
        const uint8_t *b = m->edge_byte + st->edge;
        for (uint32_t k = 0; k < st->nedge && b[k] <= c; k++)
            if (b[k] == c)
                return m->edge_to[st->edge + k];
        s = st->fail;
    }
}

/* Words ending at each state, grouped (a counting sort keeps the indices
 * ascending within a state). */
static void build_outputs(fl_matcher *m, const uint32_t *end_of, size_t n)
{
    for (size_t i = 0; i < n; i++)
        m->states[end_of[i]].nout++;
    uint32_t at = 0;
    for (size_t s = 0; s < m->nstates; s++) {
        m->states[s].out = at;
        at += m->states[s].nout;
        m->states[s].nout = 0;
    }
    m->outs = xmalloc((n ? n : 1) * sizeof *m->outs);
    for (size_t i = 0; i < n; i++) {
        state *st = &m->states[end_of[i]];
        m->outs[st->out + st->nout++] = (uint32_t)i;
    }
}

/* Edges into one shared array, in state order, and the root's table. */
static void build_edges(fl_matcher *m, const tnode *t)
{
    size_t nedges = m->nstates - 1;
    m->edge_byte = xmalloc(nedges ? nedges : 1);
    m->edge_to = xmalloc((nedges ? nedges : 1) * sizeof *m->edge_to);
    uint32_t at = 0;
    for (size_t s = 0; s < m->nstates; s++) {
        m->states[s].edge = at;
        for (uint32_t k = t[s].child; k != NONE; k = t[k].sibling) {
            m->edge_byte[at] = t[k].byte;
            m->edge_to[at++] = k;
        }
        m->states[s].nedge = at - m->states[s].edge;
    }
    for (uint32_t k = t[0].child; k != NONE; k = t[k].sibling)
        m->root[t[k].byte] = k;
}

/* Failure and output links, breadth first so that every shorter state's
 * links are ready when a longer one needs them. */
static void build_links(fl_matcher *m)
{
    uint32_t *queue = xmalloc(m->nstates * sizeof *queue);
    size_t head = 0, tail = 0;
    m->states[0].fail = 0;
    m->states[0].dict = NONE;
    queue[tail++] = 0;
    while (head < tail) {
        uint32_t s = queue[head++];
        const state *st = &m->states[s];
        for (uint32_t k = 0; k < st->nedge; k++) {
            uint32_t v = m->edge_to[st->edge + k];
            uint32_t f = s == 0 ? 0 : step(m, st->fail, m->edge_byte[st->edge + k]);
            m->states[v].fail = f;
            m->states[v].dict = m->states[f].nout ? f : m->states[f].dict;
            queue[tail++] = v;
        }
    }
    free(queue);
}

/* Full rows for the states that have edges, shallowest first.  Each
 * row is what step() answers for every byte; a row is filled before it is
 * used, so rows filled earlier may answer for the failure states. */
static void build_rows(fl_matcher *m)
{
    /* The states by depth (a counting sort: linear however long a word). */
    uint32_t maxdepth = 0, want = 0;
    for (size_t s = 1; s < m->nstates; s++) {
        if (m->states[s].depth > maxdepth)
            maxdepth = m->states[s].depth;
        want += m->states[s].nedge > 0;
    }
    if (want == 0)
        return;
    size_t *first = xcalloc((size_t)maxdepth + 2, sizeof *first);
    uint32_t *by_depth = xmalloc(m->nstates * sizeof *by_depth);
    for (size_t s = 1; s < m->nstates; s++)
        first[m->states[s].depth + 1]++;
    for (uint32_t d = 1; d <= maxdepth; d++)
        first[d + 1] += first[d];
    for (size_t s = 1; s < m->nstates; s++)
        by_depth[first[m->states[s].depth]++] = (uint32_t)s;
    size_t nsorted = m->nstates - 1;
    free(first);

    if (want > MAX_ROWS)
        want = MAX_ROWS;
    m->rows = xmalloc((size_t)want * 256 * sizeof *m->rows);
    uint32_t nrows = 0;
    for (size_t k = 0; k < nsorted && nrows < want; k++) {
        state *st = &m->states[by_depth[k]];
        if (st->nedge == 0)
            continue;
        uint32_t *row = m->rows + (size_t)nrows * 256;
        for (unsigned c = 0; c < 256; c++)
            row[c] = step(m, by_depth[k], (uint8_t)c);
        st->row = nrows++;
    }
    /* A state without edges goes wherever its failure state goes: it
     * shares that row.  Failure states are shallower, so by depth. */
    for (size_t k = 0; k < nsorted; k++) {
        state *st = &m->states[by_depth[k]];
        if (st->nedge == 0 && st->row == NONE)
            st->row = m->states[st->fail].row;
    }
    free(by_depth);
}

/* The complete table, from step() (every link is ready).  Class 0 holds
 * the bytes that are in no word: they lead every state to the root. */
static void build_table(fl_matcher *m)
{
    uint32_t nclass = 1;
    uint8_t byte_of[256];
    for (size_t e = 0; e + 1 < m->nstates; e++) {
        uint8_t c = m->edge_byte[e];
        if (m->byte_class[c] == 0) { /* at most 255 bytes: ids fit */
            byte_of[nclass] = c;
            m->byte_class[c] = (uint8_t)nclass++;
        }
    }
    if (m->nstates > FULL_MAX_ENTRIES / nclass)
        return;
    m->nclass = nclass;
    m->full = xmalloc(m->nstates * nclass * sizeof *m->full);
    for (size_t s = 0; s < m->nstates; s++) {
        uint16_t *row = m->full + s * nclass;
        row[0] = 0;
        for (uint32_t k = 1; k < nclass; k++) {
            uint32_t to = step(m, (uint32_t)s, byte_of[k]);
            const state *st = &m->states[to];
            row[k] = (uint16_t)(to * nclass | (st->nout || st->dict != NONE ? FULL_HITS : 0));
        }
    }
}

fl_matcher *fl_matcher_new(const char *const *words, size_t n)
{
    if (words == NULL || n == 0 || n >= NONE)
        return NULL;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (words[i] == NULL || words[i][0] == '\0')
            return NULL;
        total += strlen(words[i]);
        if (total >= NONE)
            return NULL;
    }

    tnode *t = xmalloc((total + 1) * sizeof *t);
    uint32_t *end_of = xmalloc(n * sizeof *end_of);
    uint32_t *depth = xmalloc((total + 1) * sizeof *depth);
    uint32_t count = 1;
    t[0].child = NONE;
    t[0].sibling = NONE;
    depth[0] = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = 0;
        for (const unsigned char *p = (const unsigned char *)words[i]; *p; p++) {
            uint32_t k = trie_child(t, s, *p);
            if (k == NONE) {
                k = count++;
                trie_link(t, s, k, *p);
                depth[k] = depth[s] + 1;
            }
            s = k;
        }
        end_of[i] = s;
    }

    fl_matcher *m = xcalloc(1, sizeof *m);
    m->nstates = count;
    m->states = xcalloc(count, sizeof *m->states);
    for (uint32_t s = 0; s < count; s++) {
        m->states[s].depth = depth[s];
        m->states[s].row = NONE; /* build_rows gives some one */
    }
    build_edges(m, t);
    build_outputs(m, end_of, n);
    build_links(m);
    build_rows(m);
    build_table(m);
    free(depth);
    free(end_of);
    free(t);
    return m;
}

void fl_matcher_free(fl_matcher *m)
{
    if (m == NULL)
        return;
    free(m->states);
    free(m->edge_byte);
    free(m->edge_to);
    free(m->outs);
    free(m->rows);
    free(m->full);
    free(m);
}

/* -- scanning -- */

/* Report the words ending at state s, whose last byte is text[i]: along
 * the output chain the words get shorter, so longer first.  Returns 1
 * when fn asks to stop. */
static int report(const fl_matcher *m, uint32_t s, size_t i, fl_match_fn fn, void *ctx,
                  size_t *found)
{
    const state *st = &m->states[s];
    for (uint32_t o = st->nout ? s : st->dict; o != NONE; o = m->states[o].dict) {
        const state *os = &m->states[o];
        size_t start = i + 1 - os->depth;
        for (uint32_t k = 0; k < os->nout; k++) {
            ++*found;
            if (fn != NULL && fn(ctx, m->outs[os->out + k], start) != 0)
                return 1;
        }
    }
    return 0;
}

/* The scan over the complete table: one load per byte. */
static size_t scan_full(const fl_matcher *m, const unsigned char *p, size_t len,
                        fl_match_fn fn, void *ctx)
{
    size_t found = 0;
    uint32_t at = 0; /* the state's row offset */
    for (size_t i = 0; i < len; i++) {
        uint32_t next = m->full[at + m->byte_class[p[i]]];
        at = next & (FULL_HITS - 1);
        if ((next & FULL_HITS) && report(m, at / m->nclass, i, fn, ctx, &found))
            break;
    }
    return found;
}

size_t fl_matcher_scan(const fl_matcher *m, const char *text, size_t len, fl_match_fn fn,
                       void *ctx)
{
    if (m == NULL || text == NULL)
        return 0;
    const unsigned char *p = (const unsigned char *)text;
    if (m->full != NULL)
        return scan_full(m, p, len, fn, ctx);
    size_t found = 0;
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        /* At the root, skip the bytes that start no word without leaving
         * this loop: most bytes of most texts. */
        if (s == 0) {
            while (i < len && m->root[p[i]] == 0)
                i++;
            if (i == len)
                break;
            s = m->root[p[i]];
        } else {
            const state *from = &m->states[s];
            s = from->row != NONE ? m->rows[(size_t)from->row * 256 + p[i]] : step(m, s, p[i]);
        }
        if (report(m, s, i, fn, ctx, &found))
            break;
    }
    return found;
}
