/* pdf-borderless.c — PDF page layout: tables drawn without borders. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "pdf-layout-internal.h"

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
            pl_line_text(g, &part, &b);
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
                pl_uf_union(root, i, j);
        }
    bcol *cols = xcalloc(nseed ? nseed : 1, sizeof *cols);
    size_t nc = 0;
    size_t *idx = xmalloc((nseed ? nseed : 1) * sizeof *idx);
    for (size_t i = 0; i < nseed; i++) {
        size_t r = pl_uf_find(root, i);
        if (r == i) {
            idx[i] = nc;
            cols[nc].x0 = 1e9;
            cols[nc].x1 = -1e9;
            nc++;
        }
    }
    for (size_t i = 0; i < nseed; i++) {
        const chunk *c = &ch[seed[i]];
        bcol *col = &cols[idx[pl_uf_find(root, i)]];
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
    pl_block *b = pl_new_block(page, PL_TABLE);
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
        pl_squeeze_cjk_spaces(t);
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
void pl_find_borderless(pl_page *page, const pl_glyph *g, const gline *lines, size_t nl,
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
