/* pdf-layout-internal.h — what pdf-layout.c, pdf-grid.c and
 * pdf-borderless.c share (private to these three files). */
#ifndef FL_PDF_LAYOUT_INTERNAL_H
#define FL_PDF_LAYOUT_INTERNAL_H

#include <stddef.h>

#include "pdf-layout.h"
#include "util.h"

/* A line of glyphs: the range g[first, first+count) after grouping. */
typedef struct gline {
    size_t first, count;
    double x0, y0, x1, y1, size;
} gline;

/* Centre of a glyph. */
double pl_cy(const pl_glyph *g);
double pl_cx(const pl_glyph *g);

/* qsort comparator for doubles, ascending. */
int pl_by_double(const void *a, const void *b);

/* Sort glyphs into lines; returns the number of lines, *out owned by the
 * caller.  `g` is reordered. */
size_t pl_group_lines(pl_glyph *g, size_t n, gline **out);

/* Append the text of line `l` of `g` to `b`. */
void pl_line_text(const pl_glyph *g, const gline *l, fl_buf *b);

/* A new zeroed block at the end of the page; the page owns it, and the
 * pointer is valid until the next pl_new_block. */
pl_block *pl_new_block(pl_page *page, pl_kind kind);

/* Drop spaces between Chinese characters of `s`, in place. */
void pl_squeeze_cjk_spaces(char *s);

/* Text of a table cell from its glyphs; owned by the caller.  `g` is
 * reordered. */
char *pl_cell_text(pl_glyph *g, size_t n);

/* Union-find over indexes (pdf-grid.c): the root of i; merge two sets
 * keeping the smaller index as root. */
size_t pl_uf_find(size_t *p, size_t i);
void pl_uf_union(size_t *p, size_t a, size_t b);

/* Tables with borders (pdf-grid.c): adds a PL_TABLE block per ruled grid
 * and sets used[i] = 1 for the glyphs placed in it. */
void pl_find_tables(pl_page *page, pl_glyph *g, size_t n, unsigned char *used,
                    const pl_seg *hs, size_t nh, const pl_seg *vs, size_t nv);

/* Tables without borders (pdf-borderless.c): adds a PL_TABLE block per
 * run of aligned lines with amounts and sets taken[i] = 1 for its lines. */
void pl_find_borderless(pl_page *page, const pl_glyph *g, const gline *lines, size_t nl,
                        unsigned char *taken);

#endif
