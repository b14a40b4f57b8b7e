/* pdf-paths.h — the ink a PDF page draws with its vector paths (table
 * borders, shaded cells), read with poppler's core library.
 *
 * poppler-glib gives a page's text but not its drawings, so this part of
 * the PDF module (pdf-paths.cc) is C++ over poppler's own classes.  It
 * runs the page's content stream with an output device that draws
 * nothing: it only notes the rectangles that filled paths cover and the
 * straight lines that stroked paths draw.  Text, images, shadings and
 * patterns are not ink here: a border is a line or a thin rectangle. */
#ifndef FL_PDF_PATHS_H
#define FL_PDF_PATHS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An area of ink, in points with y growing downwards (the coordinates of
 * poppler-glib's text boxes): a filled axis-aligned rectangle, or one
 * horizontal or vertical stroke with its width (a dashed stroke gives one
 * box per dash). */
typedef struct pl_box {
    double x0, y0, x1, y1;
} pl_box;

/* Above this many boxes a page is a drawing (a chart, a map), not a table
 * to read: its boxes are not kept, and the page is laid out by the
 * positions of its text alone.  A ruled table has a few hundred. */
#define PL_MAX_BOXES 100000

typedef struct pl_paths pl_paths;

/* Open the PDF in data[0..len) for reading paths.  The bytes are borrowed
 * and must outlive the returned handle.  NULL when poppler cannot open it
 * (or memory runs out). */
pl_paths *pl_paths_open(const unsigned char *data, size_t len);

/* The ink boxes of page `index` (0-based).  *out (NULL when there are
 * none) is malloc'd and owned by the caller.  Returns the number of
 * boxes; 0 for a page that cannot be read, and for a page over
 * PL_MAX_BOXES, for which *too_many is set to 1. */
size_t pl_paths_page(pl_paths *doc, int index, pl_box **out, int *too_many);

void pl_paths_close(pl_paths *doc);

#ifdef __cplusplus
}
#endif

#endif
