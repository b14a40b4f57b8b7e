/* pdf-layout.c — one page's glyphs and ruling lines to text lines and
 * tables, in reading order (top to bottom).  The tables themselves are
 * found in pdf-grid.c (with borders) and pdf-borderless.c (without). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "pdf-layout-internal.h"

double pl_cy(const pl_glyph *g) { return (g->y0 + g->y1) / 2; }
double pl_cx(const pl_glyph *g) { return (g->x0 + g->x1) / 2; }
static double gh(const pl_glyph *g) { return g->y1 - g->y0; }

static int by_cy(const void *a, const void *b)
{
    double d = pl_cy(a) - pl_cy(b);
    return (d > 0) - (d < 0);
}

static int by_x(const void *a, const void *b)
{
    double d = ((const pl_glyph *)a)->x0 - ((const pl_glyph *)b)->x0;
    return (d > 0) - (d < 0);
}

int pl_by_double(const void *a, const void *b)
{
    double d = *(const double *)a - *(const double *)b;
    return (d > 0) - (d < 0);
}

/* Sort glyphs into lines (by vertical centre, then left to right).
 * Returns the number of lines; *out is owned by the caller. */
size_t pl_group_lines(pl_glyph *g, size_t n, gline **out)
{
    size_t nl = 0, cap = 0;
    *out = NULL;
    if (!n)
        return 0;
    qsort(g, n, sizeof *g, by_cy);
    size_t start = 0;
    double sum = pl_cy(&g[0]), hmax = gh(&g[0]);
    for (size_t i = 1; i <= n; i++) {
        if (i < n) {
            double mean = sum / (double)(i - start);
            double h = gh(&g[i]) > hmax ? gh(&g[i]) : hmax;
            if (fabs(pl_cy(&g[i]) - mean) <= 0.35 * h) {
                sum += pl_cy(&g[i]);
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
        qsort(hs, nh, sizeof *hs, pl_by_double);
        l->size = hs[nh / 2];
        if (i < n) {
            start = i;
            sum = pl_cy(&g[i]);
            hmax = gh(&g[i]);
        }
    }
    return nl;
}

/* Text of one line; a gap wider than about half a character is a space.
 * A glyph printed twice at the same place (fake bold) is taken once. */
void pl_line_text(const pl_glyph *g, const gline *l, fl_buf *b)
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
    size_t nl = pl_group_lines(g, n, &lines), gapped = 0;
    for (size_t i = 0; i < nl && gapped < 2; i++)
        for (size_t k = lines[i].first + 1; k < lines[i].first + lines[i].count; k++)
            if (g[k].x0 - g[k - 1].x1 > 1.5 * lines[i].size) {
                gapped++;
                break;
            }
    free(lines);
    return gapped >= 2;
}

pl_block *pl_new_block(pl_page *page, pl_kind kind)
{
    page->blocks = xgrow(page->blocks, &page->cap, page->nblocks + 1, sizeof *page->blocks);
    pl_block *b = &page->blocks[page->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* Drop spaces between two Chinese characters: a cell's text is often
 * spread over its width ("因 公 出 国"), which is layout, not text. */
void pl_squeeze_cjk_spaces(char *s)
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
char *pl_cell_text(pl_glyph *g, size_t n)
{
    gline *lines;
    size_t nl = pl_group_lines(g, n, &lines);
    fl_buf b = {0};
    for (size_t i = 0; i < nl; i++) {
        fl_buf one = {0};
        pl_line_text(g, &lines[i], &one);
        fl_canon_join(&b, one.data ? one.data : "");
        fl_buf_free(&one);
    }
    free(lines);
    char *t = fl_buf_steal(&b);
    pl_squeeze_cjk_spaces(t);
    return t;
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
    pl_find_tables(page, glyphs, n, used, hsegs, nh, vsegs, nv);

    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            glyphs[m++] = glyphs[i];
    free(used);

    gline *lines;
    size_t nl = pl_group_lines(glyphs, m, &lines);
    /* Ruled tables first; what is left may still hold tables drawn
     * without borders. */
    unsigned char *taken = xcalloc(nl ? nl : 1, 1);
    pl_find_borderless(page, glyphs, lines, nl, taken);
    for (size_t i = 0; i < nl; i++) {
        if (taken[i])
            continue;
        fl_buf b = {0};
        pl_line_text(glyphs, &lines[i], &b);
        if (!b.data || fl_canon_blank(b.data)) {
            fl_buf_free(&b);
            continue;
        }
        pl_block *blk = pl_new_block(page, PL_LINE);
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
