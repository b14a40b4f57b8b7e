/* pdf-rules.c — ruling lines (table borders) from the ink boxes a page
 * draws (pdf-page.h).
 *
 * The borders are what tells one table cell from the next (wrapped cells,
 * vertically centred amounts, empty cells).  A thin box is a line; a
 * filled area has its edges for borders; pieces of one border are joined. */
#include <stdlib.h>

#include "pdf-layout.h"

#define MIN_LEN_PT 6.0           /* shorter marks are dots, ticks, debris */
#define MAX_THICK_PT 3.0         /* thicker means a filled area */
#define BRIDGE_PT 12.0           /* a border drawn cell by cell is one border */
#define MIN_SEG_PT 12.0          /* shorter segments are marks, not borders */

static void push_seg(pl_seg **out, size_t *n, size_t *cap, double a0, double a1, double pos)
{
    *out = xgrow(*out, cap, *n + 1, sizeof **out);
    (*out)[*n].a0 = a0;
    (*out)[*n].a1 = a1;
    (*out)[*n].pos = pos;
    (*n)++;
}

/* A box becomes one line, or for a filled area its two edges (the edges
 * of a shaded cell are its borders).  along0..along1 is its extent along
 * the line, across0..across1 across it. */
static void box_lines(double along0, double along1, double across0, double across1,
                      pl_seg **out, size_t *n, size_t *cap)
{
    if (along1 - along0 < MIN_LEN_PT)
        return;
    if (across1 - across0 <= MAX_THICK_PT) {
        push_seg(out, n, cap, along0, along1, (across0 + across1) / 2);
    } else {
        push_seg(out, n, cap, along0, along1, across0);
        push_seg(out, n, cap, along0, along1, across1);
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

/* Join the pieces of one border (drawn cell by cell, or dashed), then
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

size_t pl_rules_from_boxes(const pl_box *boxes, size_t nboxes, int horizontal, pl_seg **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < nboxes; i++) {
        const pl_box *b = &boxes[i];
        if (horizontal)
            box_lines(b->x0, b->x1, b->y0, b->y1, out, &n, &cap);
        else
            box_lines(b->y0, b->y1, b->x0, b->x1, out, &n, &cap);
    }
    return join_pieces(*out, n);
}
