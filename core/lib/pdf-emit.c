/* pdf-emit.c — laid-out PDF pages to the canonical text: page headers and
 * footers dropped, wrapped lines rejoined, headings marked, tables
 * continued over a page break joined. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "pdf-layout.h"

#define ZONE 0.08          /* top and bottom share of the page for headers */
#define MAX_SIZES 64
#define HEADING_RATIO 1.25  /* a heading is this much larger than body text */

/* "3", "- 3 -", "第3页", "第 3 页 共 25 页", "3/25", "Page 3": page numbers. */
static int is_page_number(const char *s)
{
    int digits = 0;
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c >= '0' && c <= '9') {
            digits++;
            s++;
        } else if (strchr(" -/.", c) && c) {
            s++;
        } else if (!strncmp(s, "第", 3) || !strncmp(s, "页", 3) || !strncmp(s, "共", 3)
                   || !strncmp(s, "—", 3) || !strncmp(s, "－", 3)) {
            s += 3;
        } else if (!strncmp(s, "Page", 4) || !strncmp(s, "of", 2)) {
            s += (*s == 'P') ? 4 : 2;
        } else {
            return 0;
        }
    }
    return digits > 0;
}

/* Text with digits removed: a running header repeats it on every page. */
static char *no_digits(const char *s)
{
    char *r = xstrdup(s), *w = r;
    for (; *s; s++)
        if (!(*s >= '0' && *s <= '9') && *s != ' ')
            *w++ = *s;
    *w = '\0';
    return r;
}

static int in_zone(const pl_page *p, const pl_block *b)
{
    return b->kind == PL_LINE && (b->y1 < p->height * ZONE || b->y0 > p->height * (1 - ZONE));
}

/* Drop page numbers and lines repeated in the header/footer zone of many
 * pages. */
static void drop_headers(pl_page *pages, size_t npages)
{
    size_t nkeys = 0, cap = 0;
    char **keys = NULL;
    for (size_t p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].nblocks; i++)
            if (in_zone(&pages[p], &pages[p].blocks[i])) {
                keys = xgrow(keys, &cap, nkeys + 1, sizeof *keys);
                keys[nkeys++] = no_digits(pages[p].blocks[i].text);
            }
    size_t k = 0;
    for (size_t p = 0; p < npages; p++) {
        size_t keep = 0;
        for (size_t i = 0; i < pages[p].nblocks; i++) {
            pl_block *b = &pages[p].blocks[i];
            int drop = 0;
            if (in_zone(&pages[p], b)) {
                size_t same = 0;
                for (size_t j = 0; j < nkeys; j++)
                    same += !strcmp(keys[j], keys[k]);
                drop = is_page_number(b->text) || (same >= 3 && same * 3 >= npages && *keys[k]);
                k++;
            }
            if (drop) {
                free(b->text);
                continue;
            }
            pages[p].blocks[keep++] = *b;
        }
        pages[p].nblocks = keep;
    }
    for (size_t j = 0; j < nkeys; j++)
        free(keys[j]);
    free(keys);
}

static double round_half(double v) { return floor(v * 2 + 0.5) / 2; }

/* The body text size: the glyph height carrying most characters. */
static double body_size(const pl_page *pages, size_t npages)
{
    double sizes[MAX_SIZES];
    size_t weight[MAX_SIZES], n = 0, best = 0;
    for (size_t p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].nblocks; i++) {
            const pl_block *b = &pages[p].blocks[i];
            if (b->kind != PL_LINE)
                continue;
            double s = round_half(b->size);
            size_t k;
            for (k = 0; k < n && sizes[k] != s; k++)
                ;
            if (k == n) {
                if (n == MAX_SIZES)
                    continue;
                sizes[n] = s;
                weight[n++] = 0;
            }
            weight[k] += strlen(b->text);
        }
    for (size_t k = 1; k < n; k++)
        if (weight[k] > weight[best])
            best = k;
    return n ? sizes[best] : 10;
}

/* Heading level of a line by its size (1 for the largest), 0 for body. */
static int heading_level(const pl_block *b, double body, const double *hsizes, size_t nh)
{
    if (b->size < body * HEADING_RATIO || strlen(b->text) > 150)
        return 0;
    double s = round_half(b->size);
    for (size_t k = 0; k < nh; k++)
        if (s >= hsizes[k])
            return k < 2 ? (int)k + 1 : 3;
    return 3;
}

static int by_desc(const void *a, const void *b)
{
    double d = *(const double *)b - *(const double *)a;
    return (d > 0) - (d < 0);
}

static size_t heading_sizes(const pl_page *pages, size_t npages, double body, double *out)
{
    size_t n = 0;
    for (size_t p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].nblocks; i++) {
            const pl_block *b = &pages[p].blocks[i];
            if (b->kind != PL_LINE || b->size < body * HEADING_RATIO)
                continue;
            double s = round_half(b->size);
            size_t k;
            for (k = 0; k < n && out[k] != s; k++)
                ;
            if (k == n && n < MAX_SIZES)
                out[n++] = s;
        }
    qsort(out, n, sizeof *out, by_desc);
    return n;
}

/* Writer state: one open paragraph or heading that may continue. */
typedef struct emitter {
    fl_buf *out;
    fl_buf para;           /* open paragraph text */
    int para_level;        /* its heading level, 0 for body */
    const pl_block *last;  /* last line added to it */
    double right;          /* right text margin of the page it ends on */
    size_t pending_ff;     /* page breaks to write before the next line */
    size_t ff_after;       /* page breaks inside the open paragraph */
    const pl_block *table; /* last table written, if nothing followed it */
} emitter;

static void put_line_start(emitter *e)
{
    for (; e->pending_ff; e->pending_ff--)
        fl_buf_append(e->out, "\f", 1);
}

/* Write the open paragraph.  A paragraph that went on over a page break
 * stays on the page where it starts; the break follows it. */
static void flush(emitter *e)
{
    if (e->para.len) {
        put_line_start(e);
        for (int i = 0; i < e->para_level; i++)
            fl_buf_append(e->out, "#", 1);
        if (e->para_level)
            fl_buf_append(e->out, " ", 1);
        fl_buf_append(e->out, e->para.data, e->para.len);
        fl_buf_append(e->out, "\n\n", 2);
        e->para.len = 0;
        e->para.data[0] = '\0';
    }
    e->pending_ff += e->ff_after;
    e->ff_after = 0;
    e->last = NULL;
}

/* Chinese numerals used in heading numbers. */
static size_t cn_digit(const char *s)
{
    static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八",
                                          "九", "十", "百", "零", "〇" };
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
        if (!strncmp(s, digits[i], strlen(digits[i])))
            return strlen(digits[i]);
    return 0;
}

/* The line starts with a heading or item number ("七、", "（三）", "2、",
 * "第二部分"): it begins something new, it does not continue a line. */
static int starts_numbered(const char *s)
{
    const char *p = s;
    int paren = 0;
    if (!strncmp(p, "（", 3) || *p == '(') {
        p += *p == '(' ? 1 : 3;
        paren = 1;
    } else if (!strncmp(p, "第", 3)) {
        p += 3;
    }
    size_t n = 0, k;
    if (*p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9') {
            p++;
            n++;
        }
    } else {
        while ((k = cn_digit(p)) != 0) {
            p += k;
            n++;
        }
    }
    if (!n)
        return 0;
    if (paren)
        return !strncmp(p, "）", 3) || *p == ')';
    return !strncmp(p, "、", 3) || !strncmp(p, "部分", 6) || !strncmp(p, "章", 3)
           || (*p == '.' && !(p[1] >= '0' && p[1] <= '9'));
}

/* Does `b` continue the open paragraph?  The previous line must reach
 * the right margin, `b` must not be indented and must follow closely. */
static int continues(const emitter *e, const pl_block *b, int level, int new_page, double left)
{
    const pl_block *p = e->last;
    if (!p || level != e->para_level || fabs(p->size - b->size) > 0.25 * b->size)
        return 0;
    if (starts_numbered(b->text))
        return 0;
    double sz = b->size > 1 ? b->size : 1;
    if (level)
        return !new_page && b->y0 - p->y1 < sz;
    /* A centred or right-aligned line (a title) ends its paragraph. */
    /* A number or Latin word is not broken, so the line before it may end
     * short by about its width. */
    unsigned char c0 = (unsigned char)b->text[0];
    double slack = ((c0 >= '0' && c0 <= '9') || (c0 | 0x20) >= 'a') && c0 < 0x80 ? 5.0 : 2.0;
    if (p->x1 < e->right - slack * sz || b->x0 > left + 0.8 * sz || p->x0 > left + 3.0 * sz)
        return 0;
    return new_page || b->y0 - p->y1 < 1.0 * sz;
}

/* Column of `master` that column c of `t` lies in (by its left border),
 * or -1. */
static long map_column(const pl_block *master, const pl_block *t, size_t c)
{
    for (size_t k = 0; k < master->ncols; k++)
        if (fabs(master->colx[k] - t->colx[c]) <= 3.0)
            return (long)k;
    /* Without borders a column empty on this page has no aligned edge,
     * only its repeated header. */
    if (t->borderless && t->nrows && master->nrows && *t->cells[c])
        for (size_t k = 0; k < master->ncols; k++)
            if (!strcmp(master->cells[k], t->cells[c]))
                return (long)k;
    return -1;
}

/* Does table t (first on a page) continue `master` from the page before?
 * Same outline, and each of its columns is one of the master's. */
static int is_continuation(const pl_block *master, const pl_block *t)
{
    if (!master || master->borderless != t->borderless)
        return 0;
    /* Without borders the outline is only as wide as the text of the
     * page; the aligned edges of the columns are what must match. */
    if (!t->borderless && (fabs(master->x0 - t->x0) > 3.0 || fabs(master->x1 - t->x1) > 3.0))
        return 0;
    for (size_t c = 0; c < t->ncols; c++)
        if (map_column(master, t, c) < 0)
            return 0;
    return 1;
}

/* Write a table; when it continues e->table from the previous page its
 * cells are placed in the master's columns and the header rows it
 * repeats are left out. */
static void emit_table(emitter *e, const pl_block *t, int cont)
{
    const pl_block *m = cont ? e->table : t;
    char **row = xcalloc(m->ncols, sizeof *row);
    size_t same = 0;      /* leading rows equal to the master's */
    if (!cont) {
        if (e->table)
            fl_buf_append(e->out, "\n", 1);
        put_line_start(e);
        fl_buf_append(e->out, "\n", 1);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t k = 0; k < m->ncols; k++)
            row[k] = "";
        for (size_t c = 0; c < t->ncols; c++) {
            long k = cont ? map_column(m, t, c) : (long)c;
            row[k] = t->cells[r * t->ncols + c];
        }
        if (cont && same == r && r < m->nrows) {
            size_t k = 0;
            while (k < m->ncols && !strcmp(row[k], m->cells[r * m->ncols + k]))
                k++;
            if (k == m->ncols) {
                same++;
                continue;
            }
        }
        put_line_start(e);
        fl_canon_row(e->out, row, m->ncols);
    }
    free(row);
    if (!cont)
        e->table = t;
}

/* Most common value, in 2-point buckets, weighted by text length. */
typedef struct hist {
    double v[MAX_SIZES * 4];
    size_t w[MAX_SIZES * 4];
    size_t n;
} hist;

static void hist_add(hist *h, double v, size_t weight)
{
    double key = floor(v / 2) * 2;
    for (size_t k = 0; k < h->n; k++)
        if (h->v[k] == key) {
            h->w[k] += weight;
            return;
        }
    if (h->n < sizeof h->v / sizeof h->v[0]) {
        h->v[h->n] = key;
        h->w[h->n++] = weight;
    }
}

static double hist_mode(const hist *h, double fallback)
{
    size_t best = 0;
    for (size_t k = 1; k < h->n; k++)
        if (h->w[k] > h->w[best])
            best = k;
    return h->n ? h->v[best] : fallback;
}

/* Text margins of the document: where most body lines start and end
 * (full lines of justified text all end at the right margin). */
static void margins(const pl_page *pages, size_t npages, double body, double *left,
                    double *right)
{
    hist l = { .n = 0 }, r = { .n = 0 };
    for (size_t p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].nblocks; i++) {
            const pl_block *b = &pages[p].blocks[i];
            if (b->kind != PL_LINE || fabs(b->size - body) > 0.25 * body)
                continue;
            hist_add(&l, b->x0, strlen(b->text));
            hist_add(&r, b->x1, strlen(b->text));
        }
    *left = hist_mode(&l, 0);
    *right = hist_mode(&r, npages ? pages[0].width : 0) + 2;
}

void pl_emit(pl_page *pages, size_t npages, fl_buf *out)
{
    drop_headers(pages, npages);
    double body = body_size(pages, npages);
    double hsizes[MAX_SIZES];
    size_t nh = heading_sizes(pages, npages, body, hsizes);
    emitter e = { .out = out };
    size_t breaks = 0;     /* page breaks not yet placed */
    fl_buf_append(&e.para, "", 0);

    /* Margins of the whole document: a page of tables has few text lines
     * to measure them on. */
    double left, right;
    margins(pages, npages, body, &left, &right);
    for (size_t p = 0; p < npages; p++) {
        if (p)
            breaks++;
        for (size_t i = 0; i < pages[p].nblocks; i++) {
            const pl_block *b = &pages[p].blocks[i];
            int first = i == 0;
            if (b->kind == PL_TABLE) {
                int cont = first && breaks && !e.para.len && is_continuation(e.table, b);
                flush(&e);
                if (!cont && e.table) {
                    fl_buf_append(e.out, "\n", 1);
                    e.table = NULL;
                }
                e.pending_ff += breaks;
                breaks = 0;
                emit_table(&e, b, cont);
                continue;
            }
            int level = heading_level(b, body, hsizes, nh);
            if (continues(&e, b, level, first && breaks, left)) {
                e.ff_after += breaks;
                breaks = 0;
            } else {
                flush(&e);
                if (e.table) {
                    fl_buf_append(e.out, "\n", 1);
                    e.table = NULL;
                }
                e.pending_ff += breaks;
                breaks = 0;
                e.para_level = level;
            }
            fl_canon_join(&e.para, b->text);
            e.last = b;
            e.right = right;
        }
    }
    flush(&e);
    e.pending_ff += breaks;
    put_line_start(&e);
    fl_buf_free(&e.para);
}
