/* pdf-grid.c — PDF page layout: tables drawn with borders (ruled grids). */
#include <math.h>
#include <stdlib.h>

#include "pdf-layout-internal.h"

#define TOL 2.0   /* points: lines closer than this are the same border */
#define SEAM 1.0  /* points: glyphs this close are one word */
#define PIXEL 0.5 /* points: how far a rendered line may be from where it is drawn */

/* ---- grids ------------------------------------------------------------ */

size_t pl_uf_find(size_t *p, size_t i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

static int crosses(const pl_seg *hz, const pl_seg *vt)
{
    return vt->pos >= hz->a0 - TOL && vt->pos <= hz->a1 + TOL
        && hz->pos >= vt->a0 - TOL && hz->pos <= vt->a1 + TOL;
}

/* Sorted, de-duplicated border positions. */
static size_t unique_bounds(double *v, size_t n)
{
    qsort(v, n, sizeof *v, pl_by_double);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || v[i] - v[m - 1] > TOL)
            v[m++] = v[i];
    return m;
}

static size_t band(const double *b, size_t nb, double v)
{
    for (size_t i = 0; i + 1 < nb; i++)
        if (v < b[i + 1])
            return i;
    return nb - 2;
}

/* The rulings of one table. */
typedef struct grid {
    const pl_seg **h, **v;
    size_t nh, nv;
    double *xs, *ys;       /* column and row borders, sorted */
    size_t nx, ny;
} grid;

/* Where a border is looked for along a cell side: text boxes may hide
 * part of it (an amount written close to the line), never all of it. */
static const double SAMPLE[3] = { 0.1, 0.5, 0.9 };

/* Is there a vertical border at xs[k] along row band r? */
static int v_present(const grid *gr, size_t k, size_t r)
{
    for (int q = 0; q < 3; q++) {
        double y = gr->ys[r] + (gr->ys[r + 1] - gr->ys[r]) * SAMPLE[q];
        for (size_t i = 0; i < gr->nv; i++)
            if (fabs(gr->v[i]->pos - gr->xs[k]) <= TOL && gr->v[i]->a0 <= y && gr->v[i]->a1 >= y)
                return 1;
    }
    return 0;
}

static int h_present(const grid *gr, size_t k, size_t c)
{
    for (int q = 0; q < 3; q++) {
        double x = gr->xs[c] + (gr->xs[c + 1] - gr->xs[c]) * SAMPLE[q];
        for (size_t i = 0; i < gr->nh; i++)
            if (fabs(gr->h[i]->pos - gr->ys[k]) <= TOL && gr->h[i]->a0 <= x && gr->h[i]->a1 >= x)
                return 1;
    }
    return 0;
}

void pl_uf_union(size_t *p, size_t a, size_t b)
{
    a = pl_uf_find(p, a);
    b = pl_uf_find(p, b);
    /* The top-left cell (smallest index) stays the root: merged text is
     * written there and the other cells of the merge stay empty. */
    if (a < b)
        p[b] = a;
    else if (b < a)
        p[a] = b;
}

/* Build the table of one grid.  Cells without a border between them are
 * one merged cell.  Glyphs placed in it get used[i] = 1.  Tables of one
 * column are left to the text. */
static void make_table(pl_page *page, pl_glyph *g, size_t n, unsigned char *used, grid *gr)
{
    gr->nx = unique_bounds(gr->xs, gr->nx);
    gr->ny = unique_bounds(gr->ys, gr->ny);
    size_t nx = gr->nx, ny = gr->ny;
    if (nx < 3 || ny < 2)
        return;
    const double *xs = gr->xs, *ys = gr->ys;
    size_t nr = ny - 1, nc = nx - 1, ncell = nr * nc;
    size_t *root = xmalloc(ncell * sizeof *root);
    for (size_t i = 0; i < ncell; i++)
        root[i] = i;
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            if (c + 1 < nc && !v_present(gr, c + 1, r))
                pl_uf_union(root, r * nc + c, r * nc + c + 1);
            if (r + 1 < nr && !h_present(gr, r + 1, c))
                pl_uf_union(root, r * nc + c, (r + 1) * nc + c);
        }

    size_t *cell_of = xmalloc((n ? n : 1) * sizeof *cell_of);
    size_t *count = xcalloc(ncell, sizeof *count);
    for (size_t i = 0; i < n; i++) {
        double x = pl_cx(&g[i]), y = pl_cy(&g[i]);
        cell_of[i] = (size_t)-1;
        if (used[i] || x < xs[0] - 1 || x > xs[nx - 1] + 1 || y < ys[0] - 1 || y > ys[ny - 1] + 1)
            continue;
        cell_of[i] = pl_uf_find(root, band(ys, ny, y) * nc + band(xs, nx, x));
        count[cell_of[i]]++;
    }
    /* Keep rows and columns that hold text (double borders and decorative
     * strips make empty bands). */
    size_t *rmap = xmalloc(nr * sizeof *rmap), *cmap = xmalloc(nc * sizeof *cmap);
    size_t kr = 0, kc = 0;
    for (size_t r = 0; r < nr; r++) {
        size_t sum = 0;
        for (size_t c = 0; c < nc; c++) sum += count[r * nc + c];
        rmap[r] = sum ? kr++ : (size_t)-1;
    }
    for (size_t c = 0; c < nc; c++) {
        size_t sum = 0;
        for (size_t r = 0; r < nr; r++) sum += count[r * nc + c];
        cmap[c] = sum ? kc++ : (size_t)-1;
    }
    if (kc >= 2 && kr >= 1) {
        pl_block *b = pl_new_block(page, PL_TABLE);
        b->x0 = xs[0];
        b->x1 = xs[nx - 1];
        b->y0 = ys[0];
        b->y1 = ys[ny - 1];
        b->nrows = kr;
        b->ncols = kc;
        b->cells = xcalloc(kr * kc, sizeof *b->cells);
        b->colx = xmalloc(kc * sizeof *b->colx);
        for (size_t c = 0; c < nc; c++)
            if (cmap[c] != (size_t)-1)
                b->colx[cmap[c]] = xs[c];
        pl_glyph *tmp = xmalloc((n ? n : 1) * sizeof *tmp);
        for (size_t r = 0; r < nr; r++) {
            for (size_t c = 0; c < nc; c++) {
                if (rmap[r] == (size_t)-1 || cmap[c] == (size_t)-1)
                    continue;
                size_t m = 0;
                for (size_t i = 0; i < n; i++)
                    if (cell_of[i] == r * nc + c)
                        tmp[m++] = g[i];
                b->cells[rmap[r] * kc + cmap[c]] = m ? pl_cell_text(tmp, m) : xstrdup("");
            }
        }
        free(tmp);
        for (size_t i = 0; i < n; i++)
            if (cell_of[i] != (size_t)-1)
                used[i] = 1;
    }
    free(rmap);
    free(cmap);
    free(count);
    free(cell_of);
    free(root);
}

/* Is `pos` inside the text of glyph i (across the segment)?  Inside its
 * box, give or take the pixel a rendered line is placed to (the tops of
 * digits and the side of a last 0 are at the edge of their box); or, for
 * a vertical segment, on the seam between it and the next glyph of the
 * same word (the ink of two digits meets there, outside the blanked part
 * of either box). */
static int inside_text(const pl_glyph *g, size_t n, size_t i, double pos, int horizontal)
{
    double lo = horizontal ? g[i].y0 : g[i].x0, hi = horizontal ? g[i].y1 : g[i].x1;
    if (pos > lo - PIXEL && pos < hi + PIXEL)
        return 1;
    if (horizontal || pos < hi || pos > hi + SEAM)
        return 0;
    double h = g[i].y1 - g[i].y0;
    for (size_t j = 0; j < n; j++)
        if (j != i && fabs(g[j].x0 - g[i].x1) < SEAM && fabs(pl_cy(&g[j]) - pl_cy(&g[i])) < 0.3 * h)
            return 1;
    return 0;
}

/* How much of segment `s` runs through text: the strokes of characters
 * (一, the bar of a 7, the sides of 0 and 9 in an amount) survive the
 * blanking of text boxes and, bridged from line to line, look like
 * borders; but a border runs between lines and words, not through them. */
static double through_text(const pl_seg *s, int horizontal, const pl_glyph *g, size_t n)
{
    double len = 0;
    for (size_t i = 0; i < n; i++) {
        double b0 = horizontal ? g[i].x0 : g[i].y0, b1 = horizontal ? g[i].x1 : g[i].y1;
        double a = b0 > s->a0 ? b0 : s->a0, b = b1 < s->a1 ? b1 : s->a1;
        if (b > a && inside_text(g, n, i, s->pos, horizontal))
            len += b - a;
    }
    return len;
}

/* The segments that are borders, not strokes of text; owned by the
 * caller. */
static pl_seg *borders_only(const pl_seg *s, size_t n, int horizontal, const pl_glyph *g,
                            size_t ng, size_t *kept)
{
    pl_seg *out = xmalloc((n ? n : 1) * sizeof *out);
    *kept = 0;
    for (size_t i = 0; i < n; i++)
        if (through_text(&s[i], horizontal, g, ng) < 0.5 * (s[i].a1 - s[i].a0))
            out[(*kept)++] = s[i];
    return out;
}

static void find_grids(pl_page *page, pl_glyph *g, size_t n, unsigned char *used,
                       const pl_seg *hs, size_t nh, const pl_seg *vs, size_t nv);

void pl_find_tables(pl_page *page, pl_glyph *g, size_t n, unsigned char *used,
                    const pl_seg *hs, size_t nh, const pl_seg *vs, size_t nv)
{
    size_t kh, kv;
    pl_seg *h = borders_only(hs, nh, 1, g, n, &kh), *v = borders_only(vs, nv, 0, g, n, &kv);
    find_grids(page, g, n, used, h, kh, v, kv);
    free(h);
    free(v);
}

/* Each set of crossing borders is one grid, one table. */
static void find_grids(pl_page *page, pl_glyph *g, size_t n, unsigned char *used,
                       const pl_seg *hs, size_t nh, const pl_seg *vs, size_t nv)
{
    size_t total = nh + nv;
    if (!nh || !nv)
        return;
    size_t *parent = xmalloc(total * sizeof *parent);
    for (size_t i = 0; i < total; i++)
        parent[i] = i;
    for (size_t i = 0; i < nh; i++)
        for (size_t j = 0; j < nv; j++)
            if (crosses(&hs[i], &vs[j])) {
                size_t a = pl_uf_find(parent, i), b = pl_uf_find(parent, nh + j);
                if (a != b)
                    parent[a] = b;
            }
    grid gr;
    gr.xs = xmalloc((total + 2) * sizeof *gr.xs);
    gr.ys = xmalloc((total + 2) * sizeof *gr.ys);
    gr.h = xmalloc(total * sizeof *gr.h);
    gr.v = xmalloc(total * sizeof *gr.v);
    for (size_t root = 0; root < total; root++) {
        if (pl_uf_find(parent, root) != root)
            continue;
        gr.nx = gr.ny = gr.nh = gr.nv = 0;
        double top = 1e9, bottom = -1e9, left = 1e9, right = -1e9;
        for (size_t i = 0; i < total; i++) {
            if (pl_uf_find(parent, i) != root)
                continue;
            if (i < nh) {
                const pl_seg *sg = &hs[i];
                gr.h[gr.nh++] = sg;
                gr.ys[gr.ny++] = sg->pos;
                if (sg->a0 < left) left = sg->a0;
                if (sg->a1 > right) right = sg->a1;
            } else {
                const pl_seg *sg = &vs[i - nh];
                gr.v[gr.nv++] = sg;
                gr.xs[gr.nx++] = sg->pos;
                if (sg->a0 < top) top = sg->a0;
                if (sg->a1 > bottom) bottom = sg->a1;
            }
        }
        if (gr.nh < 1 || gr.nv < 2)
            continue;
        /* A table cut by a page break may lack its outer border. */
        gr.ys[gr.ny++] = top;
        gr.ys[gr.ny++] = bottom;
        gr.xs[gr.nx++] = left;
        gr.xs[gr.nx++] = right;
        make_table(page, g, n, used, &gr);
    }
    free(gr.xs);
    free(gr.ys);
    free(gr.h);
    free(gr.v);
    free(parent);
}
