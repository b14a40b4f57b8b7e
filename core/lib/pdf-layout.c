/* pdf-layout.c — one page's glyphs and ruling lines to text lines and
 * tables, in reading order (top to bottom). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "pdf-layout.h"

#define TOL 2.0   /* points: lines closer than this are the same border */

static double cy(const pl_glyph *g) { return (g->y0 + g->y1) / 2; }
static double cx(const pl_glyph *g) { return (g->x0 + g->x1) / 2; }
static double gh(const pl_glyph *g) { return g->y1 - g->y0; }

static int by_cy(const void *a, const void *b)
{
    double d = cy(a) - cy(b);
    return (d > 0) - (d < 0);
}

static int by_x(const void *a, const void *b)
{
    double d = ((const pl_glyph *)a)->x0 - ((const pl_glyph *)b)->x0;
    return (d > 0) - (d < 0);
}

static int by_double(const void *a, const void *b)
{
    double d = *(const double *)a - *(const double *)b;
    return (d > 0) - (d < 0);
}

/* A line of glyphs: the range g[first, first+count) after grouping. */
typedef struct gline {
    size_t first, count;
    double x0, y0, x1, y1, size;
} gline;

/* Sort glyphs into lines (by vertical centre, then left to right).
 * Returns the number of lines; *out is owned by the caller. */
static size_t group_lines(pl_glyph *g, size_t n, gline **out)
{
    size_t nl = 0, cap = 0;
    *out = NULL;
    if (!n)
        return 0;
    qsort(g, n, sizeof *g, by_cy);
    size_t start = 0;
    double sum = cy(&g[0]), hmax = gh(&g[0]);
    for (size_t i = 1; i <= n; i++) {
        if (i < n) {
            double mean = sum / (double)(i - start);
            double h = gh(&g[i]) > hmax ? gh(&g[i]) : hmax;
            if (fabs(cy(&g[i]) - mean) <= 0.35 * h) {
                sum += cy(&g[i]);
                if (gh(&g[i]) > hmax) hmax = gh(&g[i]);
                continue;
            }
        }
        *out = xgrow(*out, &cap, nl + 1, sizeof **out);
        gline *l = &(*out)[nl++];
        l->first = start;
        l->count = i - start;
        qsort(g + start, l->count, sizeof *g, by_x);
        l->x0 = g[start].x0;
        l->x1 = g[start].x1;
        l->y0 = g[start].y0;
        l->y1 = g[start].y1;
        double hs[64];
        size_t nh = 0;
        for (size_t k = start; k < i; k++) {
            if (g[k].x0 < l->x0) l->x0 = g[k].x0;
            if (g[k].x1 > l->x1) l->x1 = g[k].x1;
            if (g[k].y0 < l->y0) l->y0 = g[k].y0;
            if (g[k].y1 > l->y1) l->y1 = g[k].y1;
            if (nh < 64)
                hs[nh++] = gh(&g[k]);
        }
        qsort(hs, nh, sizeof *hs, by_double);
        l->size = hs[nh / 2];
        if (i < n) {
            start = i;
            sum = cy(&g[i]);
            hmax = gh(&g[i]);
        }
    }
    return nl;
}

/* Text of one line; a gap wider than about half a character is a space.
 * A glyph printed twice at the same place (fake bold) is taken once. */
static void line_text(const pl_glyph *g, const gline *l, fl_buf *b)
{
    const pl_glyph *prev = NULL;
    for (size_t k = l->first; k < l->first + l->count; k++) {
        const pl_glyph *c = &g[k];
        if (prev) {
            double w = prev->x1 - prev->x0;
            if (!strcmp(prev->u, c->u) && fabs(c->x0 - prev->x0) < 0.3 * (w > 1 ? w : 1))
                continue;
            /* A space in the PDF counts when it also shows as a gap.
             * Between Chinese and digits or Latin letters, WPS and
             * LibreOffice add "autospace" (sometimes as a space
             * character) that is layout, not text. */
            double gap = c->x0 - prev->x1;
            int mixed = ((unsigned char)prev->u[0] < 0x80) != ((unsigned char)c->u[0] < 0x80);
            if ((c->space_before && !mixed && gap > 0.23 * l->size) || gap > 0.45 * l->size)
                fl_buf_append(b, " ", 1);
        }
        fl_buf_puts(b, c->u);
        prev = c;
    }
}

int pl_may_have_table(pl_glyph *g, size_t n)
{
    gline *lines;
    size_t nl = group_lines(g, n, &lines), gapped = 0;
    for (size_t i = 0; i < nl && gapped < 2; i++)
        for (size_t k = lines[i].first + 1; k < lines[i].first + lines[i].count; k++)
            if (g[k].x0 - g[k - 1].x1 > 1.5 * lines[i].size) {
                gapped++;
                break;
            }
    free(lines);
    return gapped >= 2;
}

static pl_block *new_block(pl_page *page, pl_kind kind)
{
    page->blocks = xgrow(page->blocks, &page->cap, page->nblocks + 1, sizeof *page->blocks);
    pl_block *b = &page->blocks[page->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* ---- grids ------------------------------------------------------------ */

static size_t uf_find(size_t *p, size_t i)
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
    qsort(v, n, sizeof *v, by_double);
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

/* Drop spaces between two Chinese characters: a cell's text is often
 * spread over its width ("因 公 出 国"), which is layout, not text. */
static void squeeze_cjk_spaces(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == ' ' && w > s && ((unsigned char)w[-1] & 0x80)) {
            char *q = r;
            while (*q == ' ')
                q++;
            if ((unsigned char)*q & 0x80) {
                r = q - 1;
                continue;
            }
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* Cell text: its glyphs as lines, joined (wrapped cells). */
static char *cell_text(pl_glyph *g, size_t n)
{
    gline *lines;
    size_t nl = group_lines(g, n, &lines);
    fl_buf b = {0};
    for (size_t i = 0; i < nl; i++) {
        fl_buf one = {0};
        line_text(g, &lines[i], &one);
        fl_canon_join(&b, one.data ? one.data : "");
        fl_buf_free(&one);
    }
    free(lines);
    char *t = fl_buf_steal(&b);
    squeeze_cjk_spaces(t);
    return t;
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

static void uf_union(size_t *p, size_t a, size_t b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
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
                uf_union(root, r * nc + c, r * nc + c + 1);
            if (r + 1 < nr && !h_present(gr, r + 1, c))
                uf_union(root, r * nc + c, (r + 1) * nc + c);
        }

    size_t *cell_of = xmalloc((n ? n : 1) * sizeof *cell_of);
    size_t *count = xcalloc(ncell, sizeof *count);
    for (size_t i = 0; i < n; i++) {
        double x = cx(&g[i]), y = cy(&g[i]);
        cell_of[i] = (size_t)-1;
        if (used[i] || x < xs[0] - 1 || x > xs[nx - 1] + 1 || y < ys[0] - 1 || y > ys[ny - 1] + 1)
            continue;
        cell_of[i] = uf_find(root, band(ys, ny, y) * nc + band(xs, nx, x));
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
        pl_block *b = new_block(page, PL_TABLE);
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
                b->cells[rmap[r] * kc + cmap[c]] = m ? cell_text(tmp, m) : xstrdup("");
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

static void find_tables(pl_page *page, pl_glyph *g, size_t n, unsigned char *used,
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
                size_t a = uf_find(parent, i), b = uf_find(parent, nh + j);
                if (a != b)
                    parent[a] = b;
            }
    grid gr;
    gr.xs = xmalloc((total + 2) * sizeof *gr.xs);
    gr.ys = xmalloc((total + 2) * sizeof *gr.ys);
    gr.h = xmalloc(total * sizeof *gr.h);
    gr.v = xmalloc(total * sizeof *gr.v);
    for (size_t root = 0; root < total; root++) {
        if (uf_find(parent, root) != root)
            continue;
        gr.nx = gr.ny = gr.nh = gr.nv = 0;
        double top = 1e9, bottom = -1e9, left = 1e9, right = -1e9;
        for (size_t i = 0; i < total; i++) {
            if (uf_find(parent, i) != root)
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

static int by_block_y(const void *a, const void *b)
{
    const pl_block *x = a, *y = b;
    double d = x->y0 - y->y0;
    if (fabs(d) < 0.5)
        d = x->x0 - y->x0;
    return (d > 0) - (d < 0);
}

void pl_layout_page(pl_page *page, pl_glyph *glyphs, size_t n,
                    const pl_seg *hsegs, size_t nh, const pl_seg *vsegs, size_t nv)
{
    unsigned char *used = xcalloc(n ? n : 1, 1);
    find_tables(page, glyphs, n, used, hsegs, nh, vsegs, nv);

    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            glyphs[m++] = glyphs[i];
    free(used);

    gline *lines;
    size_t nl = group_lines(glyphs, m, &lines);
    for (size_t i = 0; i < nl; i++) {
        fl_buf b = {0};
        line_text(glyphs, &lines[i], &b);
        if (!b.data || fl_canon_blank(b.data)) {
            fl_buf_free(&b);
            continue;
        }
        pl_block *blk = new_block(page, PL_LINE);
        blk->x0 = lines[i].x0;
        blk->x1 = lines[i].x1;
        blk->y0 = lines[i].y0;
        blk->y1 = lines[i].y1;
        blk->size = lines[i].size;
        blk->text = fl_buf_steal(&b);
    }
    free(lines);
    if (page->nblocks)
        qsort(page->blocks, page->nblocks, sizeof *page->blocks, by_block_y);
}

void pl_page_free(pl_page *page)
{
    for (size_t i = 0; i < page->nblocks; i++) {
        pl_block *b = &page->blocks[i];
        free(b->text);
        for (size_t k = 0; k < b->nrows * b->ncols; k++)
            free(b->cells[k]);
        free(b->cells);
        free(b->colx);
    }
    free(page->blocks);
    page->blocks = NULL;
    page->nblocks = page->cap = 0;
}
