/* pdf-page.h — what the PDF reader takes from poppler (pdf-page.cc): each
 * page's characters with their boxes, and the ink its vector paths draw
 * (table borders, shaded cells).
 *
 * poppler's text extraction and its output devices are C++ classes, so
 * this one part of the reader is C++; the rest (pdf-module.c, the layout
 * in pdf-layout.c) is C and sees only what is declared here.
 * Coordinates are points with y growing downwards, from the top left of
 * the page as it is shown (its rotation applied). */
#ifndef FL_PDF_PAGE_H
#define FL_PDF_PAGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One character of the page's text with its box. */
typedef struct pl_glyph {
    double x0, y0, x1, y1;
    char u[8];                 /* one character, UTF-8, NUL terminated */
    int space_before;          /* the PDF has a space before it */
} pl_glyph;

/* An area of ink: a filled axis-aligned rectangle, or one horizontal or
 * vertical stroke with its width (a dashed stroke gives one box per
 * dash).  Text, images, shadings, patterns and light colours are not
 * ink here: a border is a line or a thin rectangle. */
typedef struct pl_box {
    double x0, y0, x1, y1;
} pl_box;

/* Above this many boxes a page is a drawing (a chart, a map), not a table
 * to read: its boxes are not kept, and the page is laid out by the
 * positions of its text alone.  A ruled table has a few hundred. */
#define PL_MAX_BOXES 100000

/* One page as read. */
typedef struct pl_page_read {
    double width, height;      /* of the crop box, as shown */
    pl_glyph *glyphs;          /* in the order of the page's text, malloc'd */
    size_t nglyphs;
    pl_box *boxes;             /* malloc'd; NULL when there are none */
    size_t nboxes;
    int too_many;              /* 1: more than PL_MAX_BOXES, none kept */
} pl_page_read;

typedef struct pl_pdf pl_pdf;

/* Why a PDF could not be opened. */
typedef enum pl_pdf_error {
    PL_PDF_OK = 0,
    PL_PDF_ENCRYPTED,          /* needs a password */
    PL_PDF_DAMAGED,            /* no readable structure */
    PL_PDF_NO_CATALOG,         /* no document catalog */
    PL_PDF_FAILED              /* anything else, memory included */
} pl_pdf_error;

/* Open the PDF in data[0..len).  The bytes are borrowed and must outlive
 * the returned handle.  NULL, with *why set, when it cannot be read. */
pl_pdf *pl_pdf_open(const unsigned char *data, size_t len, pl_pdf_error *why);

int pl_pdf_page_count(pl_pdf *pdf);

/* Read page `index` (0-based) into *out, whose arrays the caller frees.
 * -1 (and *out empty) for a page the file does not have. */
int pl_pdf_read_page(pl_pdf *pdf, int index, pl_page_read *out);

void pl_pdf_close(pl_pdf *pdf);

#ifdef __cplusplus
}
#endif

#endif
