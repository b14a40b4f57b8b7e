/* pdf-rules.c — ruling lines (table borders) found in a rendered page.
 *
 * poppler-glib gives text with positions but not the drawn lines, and the
 * borders are what tells one table cell from the next (wrapped cells,
 * vertically centred amounts, empty cells).  So the page is rendered to a
 * small bitmap, text boxes are blanked out by the caller, and long thin
 * runs of ink are read back as segments. */
#include <stdlib.h>
#include <string.h>

#include "pdf-layout.h"

/* A run of ink growing into a segment across consecutive pixel rows. */
typedef struct run {
    int first, last;   /* rows (or columns) covered */
    int a0, a1;        /* extent along the run */
} run;

#define GAP_PX 2                 /* ink gaps bridged inside a run */
#define MIN_LEN_PT 6.0           /* shorter runs are glyph debris */
#define MAX_THICK_PT 3.0         /* thicker means a filled area */
#define BRIDGE_PT 12.0           /* a border cut by a text box is one border */
#define MIN_SEG_PT 12.0          /* shorter segments are strokes of glyphs */

static void push_seg(pl_seg **out, size_t *n, size_t *cap, double a0, double a1, double pos)
{
    *out = xgrow(*out, cap, *n + 1, sizeof **out);
    (*out)[*n].a0 = a0;
    (*out)[*n].a1 = a1;
    (*out)[*n].pos = pos;
    (*n)++;
}

/* A finished run becomes one line, or for a filled area its two edges
 * (the edges of a shaded cell are its borders). */
static void finish(const run *r, double scale, pl_seg **out, size_t *n, size_t *cap)
{
    double a0 = r->a0 / scale, a1 = (r->a1 + 1) / scale;
    double thick = (r->last - r->first + 1) / scale;
    if (thick <= MAX_THICK_PT) {
        push_seg(out, n, cap, a0, a1, (r->first + r->last + 1) / 2.0 / scale);
    } else {
        push_seg(out, n, cap, a0, a1, r->first / scale);
        push_seg(out, n, cap, a0, a1, (r->last + 1) / scale);
    }
}

static int by_pos(const void *a, const void *b)
{
    double d = ((const pl_seg *)a)->pos - ((const pl_seg *)b)->pos;
    return (d > 0) - (d < 0);
}

static int by_start(const void *a, const void *b)
{
    double d = ((const pl_seg *)a)->a0 - ((const pl_seg *)b)->a0;
    return (d > 0) - (d < 0);
}

/* Join pieces of one border cut apart where text boxes touch it, then
 * drop what is too short to be a border.  Pieces within a point of each
 * other across the line are the same border. */
static size_t join_pieces(pl_seg *s, size_t n)
{
    if (!n)
        return 0;
    qsort(s, n, sizeof *s, by_pos);
    size_t m = 0, i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && s[j].pos - s[j - 1].pos <= 1.0)
            j++;
        qsort(s + i, j - i, sizeof *s, by_start);
        size_t first = m;
        for (size_t k = i; k < j; k++) {
            if (m > first && s[k].a0 - s[m - 1].a1 <= BRIDGE_PT) {
                if (s[k].a1 > s[m - 1].a1)
                    s[m - 1].a1 = s[k].a1;
                continue;
            }
            s[m++] = s[k];
        }
        i = j;
    }
    size_t k = 0;
    for (i = 0; i < m; i++)
        if (s[i].a1 - s[i].a0 >= MIN_SEG_PT)
            s[k++] = s[i];
    return k;
}

/* The runs of ink along each row of a w × h bitmap, rows outermost. */
static size_t row_rules(const unsigned char *dark, int w, int h, double scale, pl_seg **out)
{
    int nouter = h, ninner = w;
    int minlen = (int)(MIN_LEN_PT * scale);
    run *active = NULL;
    size_t nactive = 0, capactive = 0, n = 0, cap = 0;
    *out = NULL;

    for (int o = 0; o < nouter; o++) {
        const unsigned char *row = dark + (size_t)o * (size_t)w;
        int i = 0;
        while (i < ninner) {
            /* Most of a page is paper: skip it at memchr's pace. */
            const unsigned char *ink = memchr(row + i, 1, (size_t)(ninner - i));
            if (ink == NULL)
                break;
            i = (int)(ink - row);
            int start = i, end = i, gap = 0;
            for (i++; i < ninner && gap <= GAP_PX; i++) {
                if (row[i]) {
                    end = i;
                    gap = 0;
                } else {
                    gap++;
                }
            }
            i = end + 1;
            if (end - start + 1 < minlen)
                continue;
            /* Extend a segment from the previous row that overlaps this run. */
            size_t k;
            for (k = 0; k < nactive; k++) {
                run *r = &active[k];
                int lo = r->a0 > start ? r->a0 : start, hi = r->a1 < end ? r->a1 : end;
                int shorter = (r->a1 - r->a0) < (end - start) ? (r->a1 - r->a0) : (end - start);
                if (r->last == o - 1 && hi - lo >= shorter / 2) {
                    r->last = o;
                    if (start < r->a0) r->a0 = start;
                    if (end > r->a1) r->a1 = end;
                    break;
                }
            }
            if (k == nactive) {
                active = xgrow(active, &capactive, nactive + 1, sizeof *active);
                active[nactive].first = active[nactive].last = o;
                active[nactive].a0 = start;
                active[nactive].a1 = end;
                nactive++;
            }
        }
        /* Runs not continued on this row are complete. */
        size_t keep = 0;
        for (size_t k = 0; k < nactive; k++) {
            if (active[k].last < o)
                finish(&active[k], scale, out, &n, &cap);
            else
                active[keep++] = active[k];
        }
        nactive = keep;
    }
    for (size_t k = 0; k < nactive; k++)
        finish(&active[k], scale, out, &n, &cap);
    free(active);
    return join_pieces(*out, n);
}

size_t pl_find_rules(const unsigned char *dark, int w, int h, double scale,
                     int horizontal, unsigned char *scratch, pl_seg **out)
{
    if (horizontal)
        return row_rules(dark, w, h, scale, out);
    /* Columns are read as the rows of the transposed bitmap: the same runs,
     * found along contiguous memory. */
    unsigned char *t = scratch ? scratch : xmalloc((size_t)w * (size_t)h + 1);
    enum { TILE = 64 }; /* tile by tile, so reads and writes stay in cache */
    for (int y0 = 0; y0 < h; y0 += TILE)
        for (int x0 = 0; x0 < w; x0 += TILE) {
            int y1 = y0 + TILE < h ? y0 + TILE : h, x1 = x0 + TILE < w ? x0 + TILE : w;
            for (int x = x0; x < x1; x++)
                for (int y = y0; y < y1; y++)
                    t[(size_t)x * (size_t)h + (size_t)y] = dark[(size_t)y * (size_t)w + (size_t)x];
        }
    size_t n = row_rules(t, h, w, scale, out);
    if (t != scratch)
        free(t);
    return n;
}
