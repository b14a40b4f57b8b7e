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

/* ---- tables without borders ------------------------------------------ */

/* Many reports align table cells by position only.  On what is left of a
 * page after the ruled tables, runs of lines with wide gaps become tables:
 * the cells of a line are its pieces between gaps ("chunks"), columns are
 * the x-extents of chunks aligned across rows (amounts align on their
 * right edge, text on its left), and a cell a row lacks stays empty. */

#define CHUNK_GAP 1.0      /* a gap this many text heights apart splits cells */
#define ROW_GAP 2.5        /* rows of one table are at most this far apart */
#define ANCHOR_TOL 0.5     /* aligned edges differ by less (text heights) */
#define MAX_HEAD 3         /* header lines above the first row of amounts */
#define MAX_CHUNKS 4000    /* larger pages are left as text (bounded work) */

typedef struct chunk {
    size_t first, count;   /* glyph range */
    double x0, x1;
    char *text;            /* owned */
    int num, amount;       /* a number; one with decimals, separators or % */
    size_t col;
} chunk;

/* 1 when s is a number ("1,234.56", "-3.20", "12%", "208"); *amount is 1
 * when it has decimals, thousands separators or a percent sign (codes and
 * page numbers have none). */
static int numeric(const char *s, int *amount)
{
    size_t digits = 0;
    int marks = 0;
    *amount = 0;
    if (*s == '-' || *s == '+')
        s++;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if ((*s == ',' || *s == '.') && digits)
            marks = 1;
        else if (*s == '%' && digits && !s[1])
            marks = 1;
        else
            return 0;
    }
    *amount = digits && marks;
    return digits > 0;
}

/* The line starts a new row: a code, an ordinal ("一、", "（一）") or a
 * number.  Other text under a row continues one of its cells. */
static int starts_row(const char *s)
{
    unsigned char c = (unsigned char)*s;
    if (c >= '0' && c <= '9')
        return 1;
    return !strncmp(s, "（", 3) || *s == '(' || !strncmp(s, "其中", 6)
           || (strstr(s, "、") && strstr(s, "、") - s <= 9);
}

static double overlap(double a0, double a1, double b0, double b1)
{
    double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

/* Split every line into chunks.  lstart[i]..lstart[i+1] are line i's. */
static size_t split_chunks(const pl_glyph *g, const gline *lines, size_t nl, size_t *lstart,
                           chunk **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < nl; i++) {
        const gline *l = &lines[i];
        lstart[i] = n;
        size_t from = l->first, end = l->first + l->count;
        for (size_t k = from + 1; k <= end; k++) {
            if (k < end && g[k].x0 - g[k - 1].x1 <= CHUNK_GAP * l->size)
                continue;
            *out = xgrow(*out, &cap, n + 1, sizeof **out);
            chunk *c = &(*out)[n++];
            gline part = *l;
            part.first = from;
            part.count = k - from;
            fl_buf b = {0};
            line_text(g, &part, &b);
            c->first = from;
            c->count = k - from;
            c->x0 = g[from].x0;
            c->x1 = g[k - 1].x1;
            for (size_t q = from; q < k; q++) {
                if (g[q].x0 < c->x0) c->x0 = g[q].x0;
                if (g[q].x1 > c->x1) c->x1 = g[q].x1;
            }
            c->text = b.data ? fl_buf_steal(&b) : xstrdup("");
            c->num = numeric(c->text, &c->amount);
            c->col = 0;
            from = k;
        }
    }
    lstart[nl] = n;
    return n;
}

/* A column: the extent of its chunks, and the edge they align on. */
typedef struct bcol {
    double x0, x1, anchor;
    size_t n, amounts;
} bcol;

static int by_col_x(const void *a, const void *b)
{
    double d = ((const bcol *)a)->x0 - ((const bcol *)b)->x0;
    return (d > 0) - (d < 0);
}

/* Does chunk c span two cells of line `o` (a merged or centred cell
 * over several columns)?  Such chunks do not define columns. */
static int spans(const chunk *c, const chunk *ch, size_t o0, size_t o1)
{
    size_t hit = 0;
    for (size_t k = o0; k < o1; k++)
        hit += overlap(c->x0, c->x1, ch[k].x0, ch[k].x1) > 0;
    return hit >= 2;
}

/* Columns from the chunks of the body lines: chunks whose extents overlap
 * or whose aligned edges match are one column.  Returns the number of
 * columns (sorted by x); *out owned by the caller. */
static size_t find_columns(const chunk *ch, const size_t *lstart, const size_t *body,
                           size_t nbody, double size, bcol **out)
{
    size_t nseed = 0;
    size_t *seed = xmalloc((lstart[body[nbody - 1] + 1] - lstart[body[0]] + 1) * sizeof *seed);
    for (size_t b = 0; b < nbody; b++)
        for (size_t k = lstart[body[b]]; k < lstart[body[b] + 1]; k++) {
            int spanning = 0;
            for (size_t o = 0; o < nbody && !spanning; o++)
                spanning = o != b && spans(&ch[k], ch, lstart[body[o]], lstart[body[o] + 1]);
            if (!spanning)
                seed[nseed++] = k;
        }
    size_t *root = xmalloc((nseed ? nseed : 1) * sizeof *root);
    for (size_t i = 0; i < nseed; i++)
        root[i] = i;
    double tol = ANCHOR_TOL * size;
    for (size_t i = 0; i < nseed; i++)
        for (size_t j = i + 1; j < nseed; j++) {
            const chunk *a = &ch[seed[i]], *c = &ch[seed[j]];
            int same = overlap(a->x0, a->x1, c->x0, c->x1) > 0
                       || (a->num && c->num && fabs(a->x1 - c->x1) < tol)
                       || (!a->num && !c->num && fabs(a->x0 - c->x0) < tol);
            if (same)
                uf_union(root, i, j);
        }
    bcol *cols = xcalloc(nseed ? nseed : 1, sizeof *cols);
    size_t nc = 0;
    size_t *idx = xmalloc((nseed ? nseed : 1) * sizeof *idx);
    for (size_t i = 0; i < nseed; i++) {
        size_t r = uf_find(root, i);
        if (r == i) {
            idx[i] = nc;
            cols[nc].x0 = 1e9;
            cols[nc].x1 = -1e9;
            nc++;
        }
    }
    for (size_t i = 0; i < nseed; i++) {
        const chunk *c = &ch[seed[i]];
        bcol *col = &cols[idx[uf_find(root, i)]];
        if (c->x0 < col->x0) col->x0 = c->x0;
        if (c->x1 > col->x1) col->x1 = c->x1;
        col->n++;
        col->amounts += (size_t)c->amount;
    }
    /* Columns grown from different chunks may now overlap: one column. */
    qsort(cols, nc, sizeof *cols, by_col_x);
    size_t m = 0;
    for (size_t i = 0; i < nc; i++) {
        if (m && cols[i].x0 < cols[m - 1].x1) {
            if (cols[i].x1 > cols[m - 1].x1) cols[m - 1].x1 = cols[i].x1;
            cols[m - 1].n += cols[i].n;
            cols[m - 1].amounts += cols[i].amounts;
            continue;
        }
        cols[m++] = cols[i];
    }
    /* The edge a column aligns on: right for amounts, left for text. */
    for (size_t c = 0; c < m; c++) {
        int amounts = cols[c].amounts * 2 >= cols[c].n;
        cols[c].anchor = amounts ? -1e9 : 1e9;
        for (size_t i = 0; i < nseed; i++) {
            const chunk *k = &ch[seed[i]];
            if (k->x0 < cols[c].x0 || k->x1 > cols[c].x1)
                continue;
            if (amounts && k->amount && k->x1 > cols[c].anchor)
                cols[c].anchor = k->x1;
            else if (!amounts && k->x0 < cols[c].anchor)
                cols[c].anchor = k->x0;
        }
    }
    free(idx);
    free(root);
    free(seed);
    *out = cols;
    return m;
}

static int is_amount_col(const bcol *c) { return c->amounts * 2 >= c->n && c->amounts; }

/* The column a chunk belongs to (largest overlap, else nearest), and
 * how many columns it reaches into. */
static size_t column_of(const bcol *cols, size_t nc, const chunk *c, size_t *reach)
{
    size_t best = 0;
    double bestv = -1e18;
    *reach = 0;
    for (size_t k = 0; k < nc; k++) {
        double v = overlap(c->x0, c->x1, cols[k].x0, cols[k].x1);
        if (v > 0)
            (*reach)++;
        if (v > bestv) {
            bestv = v;
            best = k;
        }
    }
    return best;
}

/* Append `piece` to a cell: a space between chunks of one line, the
 * joining rule of wrapped text between lines. */
static void cell_add(fl_buf *cell, const char *piece, int wrapped)
{
    if (!cell->len || wrapped) {
        fl_canon_join(cell, piece);
        return;
    }
    fl_buf_append(cell, " ", 1);
    fl_buf_puts(cell, piece);
}

/* Has line i a number in an amount column; a chunk elsewhere? */
static void line_kind(const chunk *ch, const size_t *lstart, const bcol *cols, size_t i,
                      int *amounts, int *label)
{
    *amounts = *label = 0;
    for (size_t k = lstart[i]; k < lstart[i + 1]; k++) {
        if (is_amount_col(&cols[ch[k].col]) && ch[k].num)
            *amounts = 1;
        else
            *label = 1;
    }
}

/* Lay lines [from, to] out as a table with `cols`.  Header lines (above
 * `first_body`) are rows of their own; below, a line without amounts
 * that does not start a row continues the cells of the row above it (a
 * wrapped name), or of the row below when that row has amounts but no
 * name (a name wrapped round vertically centred amounts). */
static void emit_borderless(pl_page *page, const gline *lines, chunk *ch, const size_t *lstart,
                            size_t from, size_t to, size_t first_body, const bcol *cols, size_t nc)
{
    size_t nl = to - from + 1;
    fl_buf *cells = xcalloc(nl * nc, sizeof *cells);
    size_t nrows = 0, body_rows = 0;
    int pending = 0;       /* the last row is a name waiting for its amounts */
    for (size_t i = from; i <= to; i++) {
        int amounts, label, next_amounts = 0, next_label = 1;
        line_kind(ch, lstart, cols, i, &amounts, &label);
        if (i < to)
            line_kind(ch, lstart, cols, i + 1, &next_amounts, &next_label);
        int next_only_amounts = next_amounts && !next_label;
        int cont = 0;
        if (i >= first_body && body_rows) {
            if (pending && amounts && !label)
                cont = 1;
            else if (!amounts && !next_only_amounts && !starts_row(ch[lstart[i]].text))
                cont = 1;
        }
        fl_buf *row = cells + (cont ? nrows - 1 : nrows++) * nc;
        for (size_t k = lstart[i]; k < lstart[i + 1]; k++)
            cell_add(&row[ch[k].col], ch[k].text, cont);
        if (!cont && i >= first_body)
            body_rows++;
        pending = !cont && i >= first_body && !amounts && next_only_amounts;
    }
    pl_block *b = new_block(page, PL_TABLE);
    b->borderless = 1;
    b->y0 = lines[from].y0;
    b->y1 = lines[to].y1;
    b->x0 = cols[0].x0;
    b->x1 = cols[nc - 1].x1;
    b->nrows = nrows;
    b->ncols = nc;
    b->cells = xmalloc(nrows * nc * sizeof *b->cells);
    b->colx = xmalloc(nc * sizeof *b->colx);
    for (size_t c = 0; c < nc; c++)
        b->colx[c] = cols[c].anchor;
    for (size_t r = 0; r < nrows * nc; r++) {
        char *t = cells[r].data ? fl_buf_steal(&cells[r]) : xstrdup("");
        squeeze_cjk_spaces(t);
        b->cells[r] = t;
    }
    for (size_t r = nrows * nc; r < nl * nc; r++)
        fl_buf_free(&cells[r]);
    free(cells);
}

/* Try a table on lines [from, to] (a run of lines, most with gaps).  The
 * lines made a table are marked in `taken`; returns the next line to
 * look at. */
static size_t try_borderless(pl_page *page, const gline *lines, chunk *ch, const size_t *lstart,
                             size_t from, size_t to, unsigned char *taken)
{
    size_t n = to - from + 1, nmulti = 0, nbody = 0;
    size_t *body = xmalloc(n * sizeof *body);
    for (size_t i = from; i <= to; i++) {
        size_t cnt = lstart[i + 1] - lstart[i];
        int amount = 0;
        for (size_t k = lstart[i]; k < lstart[i + 1]; k++)
            amount |= ch[k].amount;
        nmulti += cnt >= 2;
        if (cnt >= 2 && amount)
            body[nbody++] = i;
    }
    /* Amounts in most of the rows: aligned narrative or a list of
     * contents is not a table. */
    if (nbody < 3 || nbody * 2 < nmulti) {
        free(body);
        return to + 1;
    }
    double size = lines[body[0]].size;
    bcol *cols;
    size_t nc = find_columns(ch, lstart, body, nbody, size, &cols);
    size_t amount_cols = 0;
    for (size_t c = 0; c < nc; c++)
        amount_cols += is_amount_col(&cols[c]);
    if (nc < 2 || !amount_cols) {
        free(cols);
        free(body);
        return to + 1;
    }
    /* Header lines: up to MAX_HEAD lines with gaps right above the first
     * row of amounts; a line giving the unit is not one. */
    size_t first = body[0], start = first;
    while (start > from && first - (start - 1) <= MAX_HEAD
           && lstart[start] - lstart[start - 1] >= 2) {
        int unit = 0;
        for (size_t k = lstart[start - 1]; k < lstart[start]; k++)
            unit |= strstr(ch[k].text, "单位") != NULL;
        if (unit)
            break;
        start--;
    }
    /* A header over a column that is empty on this page (no amounts in
     * it here) is a column of its own. */
    for (size_t i = start; i < first; i++)
        for (size_t k = lstart[i]; k < lstart[i + 1]; k++) {
            size_t reach;
            column_of(cols, nc, &ch[k], &reach);
            if (reach)
                continue;
            cols = xrealloc(cols, (nc + 1) * sizeof *cols);
            cols[nc] = (bcol){ ch[k].x0, ch[k].x1, ch[k].x0, 0, 0 };
            nc++;
            qsort(cols, nc, sizeof *cols, by_col_x);
        }
    /* The end: the last row of amounts and the lines wrapped under it.
     * A line that is one piece reaching over several columns (text, a
     * note, a title) ends the table before it. */
    size_t end = body[nbody - 1], next = to + 1;
    for (size_t i = start; i <= to; i++) {
        int wide = 0, one = lstart[i + 1] - lstart[i] == 1;
        for (size_t k = lstart[i]; k < lstart[i + 1]; k++) {
            size_t reach;
            ch[k].col = column_of(cols, nc, &ch[k], &reach);
            wide |= one && reach >= 2;
        }
        if (wide) {
            if (i <= end) {
                end = i - 1;
                next = i + 1;
            }
            break;
        }
        if (i > end) {
            if (!one || starts_row(ch[lstart[i]].text))
                break;
            end = i;
        }
    }
    size_t rows = 0;
    for (size_t k = 0; k < nbody; k++)
        rows += body[k] <= end;
    if (end >= start && rows >= 3) {
        emit_borderless(page, lines, ch, lstart, start, end, first, cols, nc);
        for (size_t i = start; i <= end; i++)
            taken[i] = 1;
        next = end + 1;
    }
    free(cols);
    free(body);
    return next;
}

/* Find the runs of lines that may be borderless tables: lines with gaps,
 * close to each other, with at most two lines without gaps in between
 * (wrapped cells). */
static void find_borderless(pl_page *page, const pl_glyph *g, const gline *lines, size_t nl,
                            unsigned char *taken)
{
    size_t *lstart = xmalloc((nl + 1) * sizeof *lstart);
    chunk *ch;
    size_t nch = split_chunks(g, lines, nl, lstart, &ch);
    size_t i = 0;
    while (nch <= MAX_CHUNKS && i < nl) {
        if (lstart[i + 1] - lstart[i] < 2) {
            i++;
            continue;
        }
        size_t last = i, k = i + 1;
        while (k < nl && lines[k].y0 - lines[k - 1].y1 <= ROW_GAP * lines[k].size) {
            if (lstart[k + 1] - lstart[k] >= 2)
                last = k;
            else if (k - last > 2)
                break;
            k++;
        }
        /* Wrapped lines under the last row belong to it. */
        while (last + 1 < nl && lstart[last + 2] - lstart[last + 1] == 1 && last + 1 < k
               && lines[last + 1].y0 - lines[last].y1 <= 0.6 * lines[last].size)
            last++;
        size_t next = try_borderless(page, lines, ch, lstart, i, last, taken);
        i = next > i ? next : i + 1;
    }
    for (size_t c = 0; c < nch; c++)
        free(ch[c].text);
    free(ch);
    free(lstart);
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
    /* Ruled tables first; what is left may still hold tables drawn
     * without borders. */
    unsigned char *taken = xcalloc(nl ? nl : 1, 1);
    find_borderless(page, glyphs, lines, nl, taken);
    for (size_t i = 0; i < nl; i++) {
        if (taken[i])
            continue;
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
    free(taken);
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
