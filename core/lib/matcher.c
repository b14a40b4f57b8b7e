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
 * Speed.  A matcher of modest size (all those of our checks) gets a
 * complete table: one row per state, one entry per byte class (the bytes
 * of the words, each its own class, and one class for all other bytes).
 * A scan then costs one table load per byte, where the rows a larger one
 * gets (MAX_ROWS) cost a load of the state and then of its row, one after
 * the other; and a text
 * of 128 bytes or more is read in four stretches at once (scan_pieces):
 * 3.7 times as fast on long paragraphs, twice at 256 bytes. */
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
    size_t longest;      /* bytes of the longest word */
};

/* The complete table is built while it has at most this many entries,
 * of 16 bits: 64 KiB, about what a core's first-level cache holds, which
 * is where a table read at every byte must be (the largest of our checks
 * has 313 states x 66 classes, 41 KB).  A larger word list keeps to the
 * rows alone. */
#define FULL_MAX_ENTRIES (1u << 15)
#define FULL_HITS 0x8000u

/* Without a complete table, states with edges get a full row, shallowest
 * first, up to MAX_ROWS rows (1 KB each); states without edges share their
 * failure state's.  In
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
 * links are ready when a longer one needs them.  `queue` (room for every
 * state) keeps that order. */
static void build_links(fl_matcher *m, uint32_t *queue)
{
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

/* The complete table, when it is small enough: 1, else 0.  Class 0 holds
 * the bytes that are in no word: they lead every state to the root.
 * Breadth first (`order`, from build_links), a state's row is its failure
 * state's, already made, with its own edges put in: one copy per state,
 * where asking step() for every entry walked failure chains, and needed
 * the rows (a 1 KB row per state) to do it fast. */
static int build_table(fl_matcher *m, const uint32_t *order)
{
    uint32_t nclass = 1;
    for (size_t e = 0; e + 1 < m->nstates; e++) {
        uint8_t c = m->edge_byte[e];
        if (m->byte_class[c] == 0) /* at most 255 bytes: ids fit */
            m->byte_class[c] = (uint8_t)nclass++;
    }
    if (m->nstates > FULL_MAX_ENTRIES / nclass)
        return 0;
    m->nclass = nclass;
    m->full = xmalloc(m->nstates * nclass * sizeof *m->full);
    for (size_t q = 0; q < m->nstates; q++) {
        uint32_t s = order[q];
        const state *st = &m->states[s];
        uint16_t *row = m->full + (size_t)s * nclass;
        if (s == 0)
            memset(row, 0, nclass * sizeof *row);
        else
            memcpy(row, m->full + (size_t)st->fail * nclass, nclass * sizeof *row);
        for (uint32_t e = st->edge; e < st->edge + st->nedge; e++) {
            uint32_t to = m->edge_to[e];
            const state *t = &m->states[to];
            row[m->byte_class[m->edge_byte[e]]] =
                (uint16_t)(to * nclass | (t->nout || t->dict != NONE ? FULL_HITS : 0));
        }
    }
    return 1;
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
        if (depth[s] > m->longest)
            m->longest = depth[s];
    }
    build_edges(m, t);
    build_outputs(m, end_of, n);
    uint32_t *order = xmalloc(count * sizeof *order);
    build_links(m, order);
    /* The rows serve scans only when there is no complete table. */
    if (!build_table(m, order))
        build_rows(m);
    free(order);
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

/* A long text is read in PIECES stretches at once.  In scan_full each
 * byte's table load waits for the one before (the row to read depends on
 * it); four stretches give the processor four such chains to overlap.
 *
 * A stretch starts at the root `longest - 1` bytes before the first word
 * end it reports: from there on its state is the one a scan of the whole
 * text has (a state stands for at most `longest` bytes of text), so it
 * finds the same words.  The first stretch reports as it reads; the
 * others hold their words until the stretches before them have reported,
 * so the order is the one scan_full gives, and so is where a callback that
 * stops leaves off.  The stretches are cut from windows of at most
 * WINDOW_BYTES, so that the words a window holds are bounded: a stretch
 * that holds PIECE_HELD of them ends the window's joint reading, and the
 * window is finished one stretch at a time. */
#define PIECES 4
#define PIECE_MIN_BYTES 32  /* texts below PIECES times this are not split */
#define WINDOW_BYTES (PIECES * 4096)
#define PIECE_HELD 64

typedef struct {
    size_t pos, end;     /* the next byte to read; the end of the stretch */
    size_t report_from;  /* words ending before this byte are the last stretch's */
    uint32_t at;         /* the state's row offset */
    uint32_t nheld;
    uint32_t held_at[PIECE_HELD]; /* states at which words end, as report() takes */
    size_t held_end[PIECE_HELD];
} piece;

/* Hold the words at piece x's state `at`, ending at byte i.  Returns 1
 * when x can hold no more. */
static int hold(piece *x, uint32_t at, size_t i)
{
    if (i >= x->report_from) {
        x->held_at[x->nheld] = at;
        x->held_end[x->nheld++] = i;
    }
    return x->nheld == PIECE_HELD;
}

/* Report x's held words, then read the rest of it alone.  Returns 1 when
 * fn asks to stop. */
static int finish_piece(const fl_matcher *m, const unsigned char *p, piece *x, fl_match_fn fn,
                        void *ctx, size_t *found)
{
    for (uint32_t k = 0; k < x->nheld; k++)
        if (report(m, x->held_at[k] / m->nclass, x->held_end[k], fn, ctx, found))
            return 1;
    uint32_t at = x->at;
    for (size_t i = x->pos; i < x->end; i++) {
        uint32_t next = m->full[at + m->byte_class[p[i]]];
        at = next & (FULL_HITS - 1);
        if ((next & FULL_HITS) && i >= x->report_from &&
            report(m, at / m->nclass, i, fn, ctx, found))
            return 1;
    }
    return 0;
}

/* The stretches of window [from, to): each reports the ends in its share
 * and starts `warm` bytes before it (the text's first byte excepted). */
static void cut_window(size_t from, size_t to, size_t warm, piece pc[PIECES])
{
    size_t share = (to - from + PIECES - 1) / PIECES;
    for (size_t k = 0; k < PIECES; k++) {
        size_t first = from + k * share < to ? from + k * share : to;
        pc[k].report_from = first;
        pc[k].pos = first >= warm ? first - warm : 0;
        pc[k].end = first + share < to ? first + share : to;
        pc[k].at = 0;
        pc[k].nheld = 0;
    }
}

/* One window: the stretches together while each has bytes left, then each
 * alone.  Returns 1 when fn asks to stop. */
static int scan_window(const fl_matcher *m, const unsigned char *p, size_t from, size_t to,
                       fl_match_fn fn, void *ctx, size_t *found)
{
    piece pc[PIECES];
    cut_window(from, to, m->longest - 1, pc);
    size_t steps = SIZE_MAX;
    for (size_t k = 0; k < PIECES; k++)
        if (pc[k].end - pc[k].pos < steps)
            steps = pc[k].end - pc[k].pos;
    const uint16_t *full = m->full;
    const uint8_t *cls = m->byte_class;
    const unsigned char *q0 = p + pc[0].pos, *q1 = p + pc[1].pos, *q2 = p + pc[2].pos,
                        *q3 = p + pc[3].pos;
    uint32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    size_t t = 0;
    while (t < steps) {
        uint32_t n0 = full[a0 + cls[q0[t]]], n1 = full[a1 + cls[q1[t]]];
        uint32_t n2 = full[a2 + cls[q2[t]]], n3 = full[a3 + cls[q3[t]]];
        a0 = n0 & (FULL_HITS - 1);
        a1 = n1 & (FULL_HITS - 1);
        a2 = n2 & (FULL_HITS - 1);
        a3 = n3 & (FULL_HITS - 1);
        if (((n0 | n1 | n2 | n3) & FULL_HITS) == 0) {
            t++;
            continue;
        }
        size_t i0 = pc[0].pos + t;
        if ((n0 & FULL_HITS) && i0 >= pc[0].report_from &&
            report(m, a0 / m->nclass, i0, fn, ctx, found))
            return 1;
        int no_room = 0;
        if (n1 & FULL_HITS)
            no_room |= hold(&pc[1], a1, pc[1].pos + t);
        if (n2 & FULL_HITS)
            no_room |= hold(&pc[2], a2, pc[2].pos + t);
        if (n3 & FULL_HITS)
            no_room |= hold(&pc[3], a3, pc[3].pos + t);
        t++;
        if (no_room)
            break;
    }
    pc[0].at = a0;
    pc[1].at = a1;
    pc[2].at = a2;
    pc[3].at = a3;
    for (size_t k = 0; k < PIECES; k++) {
        pc[k].pos += t;
        if (finish_piece(m, p, &pc[k], fn, ctx, found))
            return 1;
    }
    return 0;
}

/* Windows of equal size, none above WINDOW_BYTES. */
static size_t scan_pieces(const fl_matcher *m, const unsigned char *p, size_t len,
                          fl_match_fn fn, void *ctx)
{
    size_t nwin = (len + WINDOW_BYTES - 1) / WINDOW_BYTES;
    size_t size = (len + nwin - 1) / nwin;
    size_t found = 0;
    for (size_t from = 0; from < len; from += size)
        if (scan_window(m, p, from, from + size < len ? from + size : len, fn, ctx, &found))
            break;
    return found;
}

size_t fl_matcher_scan(const fl_matcher *m, const char *text, size_t len, fl_match_fn fn,
                       void *ctx)
{
    if (m == NULL || text == NULL)
        return 0;
    const unsigned char *p = (const unsigned char *)text;
    if (m->full != NULL) {
        /* Pieces must be long beside their warm-up to gain. */
        if (len >= PIECES * PIECE_MIN_BYTES && len >= PIECES * m->longest)
            return scan_pieces(m, p, len, fn, ctx);
        return scan_full(m, p, len, fn, ctx);
    }
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
