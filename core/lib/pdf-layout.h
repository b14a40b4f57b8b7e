/* pdf-layout.h — from positioned glyphs and ruling lines to lines and
 * tables in reading order (core-internal; used by read-pdf.c).
 *
 * Kept free of poppler so that the geometry can be tested with made-up
 * pages.  Coordinates are PDF points with y growing downwards (poppler's
 * convention). */
#ifndef FL_PDF_LAYOUT_H
#define FL_PDF_LAYOUT_H

#include <stddef.h>

#include "pdf-page.h"
#include "util.h"

/* A ruling line: horizontal ones run from a0 to a1 along x at y = pos;
 * vertical ones from a0 to a1 along y at x = pos. */
typedef struct pl_seg {
    double a0, a1, pos;
} pl_seg;

typedef enum pl_kind { PL_LINE, PL_TABLE } pl_kind;

/* One block of a page: a text line or a table. */
typedef struct pl_block {
    pl_kind kind;
    double x0, y0, x1, y1;
    double size;               /* typical glyph height of the line */
    char *text;                /* PL_LINE: the line, owned */
    size_t nrows, ncols;
    char **cells;              /* PL_TABLE: nrows * ncols strings, owned */
    double *colx;              /* PL_TABLE: left border of each column (for a
                                  table without borders: the edge its cells
                                  align on, right for amounts), owned */
    int borderless;            /* PL_TABLE: rebuilt from positions alone */
} pl_block;

typedef struct pl_page {
    double width, height;
    pl_block *blocks;          /* in reading order, owned */
    size_t nblocks, cap;
} pl_page;

/* Lay out one page: glyphs inside a ruled grid become table cells (empty
 * cells kept, wrapped cells joined); runs of lines aligned in columns
 * with amounts become tables too (tables without borders); the others
 * text lines.  The inputs
 * are borrowed; `glyphs` is reordered. */
void pl_layout_page(pl_page *page, pl_glyph *glyphs, size_t nglyphs,
                    const pl_seg *hsegs, size_t nh, const pl_seg *vsegs, size_t nv);

/* 1 when some lines of the page have wide gaps between their words, as
 * table rows do: only such pages are worth reading for borders.
 * `g` is reordered. */
int pl_may_have_table(pl_glyph *g, size_t n);

/* The ruling lines among a page's ink boxes: horizontal ones when
 * `horizontal` is 1, else vertical ones.  A thin box is a line along its
 * length, a thick one (a filled area) gives its two edges; marks shorter
 * than a border are dropped and the pieces of one border joined.  Returns
 * the number of segments; *out is owned by the caller. */
size_t pl_rules_from_boxes(const pl_box *boxes, size_t nboxes, int horizontal, pl_seg **out);

/* Write the canonical text of all pages: '\f' between pages, headers and
 * footers dropped, wrapped lines rejoined, headings as '#' lines, tables
 * as pipe tables, a table continued on the next page joined with its
 * repeated header rows left out. */
void pl_emit(pl_page *pages, size_t npages, fl_buf *out);

void pl_page_free(pl_page *page);

#endif
