/* html-table.c — a table of an HTML page, recorded from its start to its
 * end (whether it is a data table or the page's layout shows only then),
 * then written: a data table as a pipe table with rowspan/colspan
 * resolved (merged cells empty), a layout table as the blocks it holds. */
#include "html-internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bounds that keep hostile spans from exhausting memory (the spans
 * themselves are bounded when read, html-sax.c). */
#define MAX_COLUMNS 256

/* ---- the record ---- */

static html_rec *push(html_log *g, unsigned char type)
{
    g->rec = xgrow(g->rec, &g->cap, g->n + 1, sizeof *g->rec);
    html_rec *r = &g->rec[g->n++];
    memset(r, 0, sizeof *r);
    r->type = type;
    return r;
}

void html_log_start(html_log *g, const html_el *el)
{
    g->open = xgrow(g->open, &g->capopen, g->nopen + 1, sizeof *g->open);
    g->open[g->nopen++] = g->n;
    html_rec *r = push(g, HTML_REC_START);
    r->name = el->name;
    r->chrome = el->chrome;
    r->rowspan = el->rowspan;
    r->colspan = el->colspan;
}

void html_log_end(html_log *g)
{
    if (g->nopen > 0)
        g->rec[g->open[--g->nopen]].a = (uint32_t)g->n;
}

void html_log_text(html_log *g, const char *s, size_t len)
{
    html_rec *r = push(g, HTML_REC_TEXT);
    r->a = (uint32_t)g->text.len;
    r->len = (uint32_t)len;
    fl_buf_append(&g->text, s, len);
}

void html_log_clear(html_log *g)
{
    g->n = 0;
    g->nopen = 0;
    g->text.len = 0;
}

void html_log_free(html_log *g)
{
    free(g->rec);
    free(g->open);
    fl_buf_free(&g->text);
    memset(g, 0, sizeof *g);
}

/* ---- walking the record ---- */

static int is(const html_rec *r, const char *name)
{
    return r->type == HTML_REC_START && strcasecmp(r->name, name) == 0;
}

static int is_section(const html_rec *r)
{
    return is(r, "tbody") || is(r, "thead") || is(r, "tfoot");
}

static int is_cell(const html_rec *r) { return is(r, "td") || is(r, "th"); }

/* The next sibling of the record at i (a START skips its subtree). */
static size_t next(const html_log *g, size_t i)
{
    return g->rec[i].type == HTML_REC_START ? g->rec[i].a : i + 1;
}

/* 1 when an element inside the START at i is a table, heading or list. */
static int holds_layout(const html_log *g, size_t i)
{
    static const char *const layout[] = { "table", "h1", "h2", "h3", "h4", "ul", "ol" };
    for (size_t k = i + 1; k < g->rec[i].a; k++)
        for (size_t j = 0; j < sizeof layout / sizeof layout[0]; j++)
            if (is(&g->rec[k], layout[j]))
                return 1;
    return 0;
}

/* Pages lay themselves out with tables; such a table is read as blocks:
 * one with a cell holding a table, heading or list, or with one cell. */
static int is_layout(const html_log *g, size_t table)
{
    int cells = 0;
    for (size_t s = table + 1; s < g->rec[table].a; s = next(g, s)) {
        if (g->rec[s].type != HTML_REC_START)
            continue;
        /* Rows are the table's children or its sections' (one level). */
        size_t from = is_section(&g->rec[s]) ? s + 1 : s;
        size_t to = is_section(&g->rec[s]) ? g->rec[s].a : s + 1;
        for (size_t tr = from; tr < to; tr = next(g, tr)) {
            if (!is(&g->rec[tr], "tr"))
                continue;
            for (size_t td = tr + 1; td < g->rec[tr].a; td = next(g, td))
                if (is_cell(&g->rec[td])) {
                    cells++;
                    if (holds_layout(g, td))
                        return 1;
                }
        }
    }
    return cells <= 1;
}

/* Text of the records [from, to) of a cell: everything but what is never
 * content, one line, '|' escaped; blocks and <br> separate like a space. */
static void cell_text(const html_log *lg, size_t from, size_t to, fl_buf *b, int *space)
{
    for (size_t k = from; k < to; k = next(lg, k)) {
        const html_rec *r = &lg->rec[k];
        if (r->type == HTML_REC_START) {
            if (fl_html_is_skipped(r->name))
                continue;
            int block = fl_html_is_block(r->name);
            if (block || strcasecmp(r->name, "br") == 0)
                *space = 1;
            cell_text(lg, k + 1, r->a, b, space);
            if (block)
                *space = 1;
            continue;
        }
        const unsigned char *p = (const unsigned char *)lg->text.data + r->a;
        const unsigned char *end = p + r->len;
        while (p < end && *p) {
            if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
                (p[0] == 0xc2 && p + 1 < end && p[1] == 0xa0)) {
                *space = 1;
                p += (*p == 0xc2) ? 2 : 1;
                continue;
            }
            if (*space && b->len > 0)
                fl_buf_puts(b, " ");
            *space = 0;
            if (*p == '|')
                fl_buf_puts(b, "\\");
            fl_buf_append(b, (const char *)p, 1);
            p++;
        }
    }
}

/* ---- the grid of a data table ---- */

typedef struct cell {
    uint32_t td; /* the cell's START + 1 where its text goes, 0 under a span */
    uint32_t used;
} cell;

/* Rows grow to the columns they use: a page of many one-cell rows costs
 * one cell a row, not MAX_COLUMNS (a 9 MB page of <tr><td>1 took 4.7 GB
 * when every row was allocated full width). */
typedef struct grid_row {
    cell *cells;
    uint32_t n, cap;
} grid_row;

typedef struct grid {
    grid_row *rows;
    size_t nrows, cap;
} grid;

static cell *at(grid *g, size_t r, size_t c)
{
    if (r >= g->nrows) {
        size_t old = g->cap;
        g->rows = xgrow(g->rows, &g->cap, r + 1, sizeof *g->rows);
        memset(g->rows + old, 0, (g->cap - old) * sizeof *g->rows);
        g->nrows = r + 1;
    }
    grid_row *row = &g->rows[r];
    if (c >= row->n) {
        /* From one cell up, doubling: most rows are narrow. */
        if (c >= row->cap) {
            uint32_t cap = row->cap ? row->cap : 1;
            while (cap <= c)
                cap *= 2;
            row->cells = xrealloc(row->cells, cap * sizeof *row->cells);
            memset(row->cells + row->cap, 0, (cap - row->cap) * sizeof *row->cells);
            row->cap = cap;
        }
        row->n = (uint32_t)c + 1;
    }
    return &row->cells[c];
}

static int used(const grid *g, size_t r, size_t c)
{
    return r < g->nrows && c < g->rows[r].n && g->rows[r].cells[c].used;
}

static void place_cell(grid *g, size_t r, const html_log *lg, size_t td)
{
    size_t c = 0;
    while (c < MAX_COLUMNS && used(g, r, c))
        c++;
    if (c >= MAX_COLUMNS)
        return;
    long rs = lg->rec[td].rowspan, cs = lg->rec[td].colspan;
    for (long i = 0; i < rs; i++)
        for (long j = 0; j < cs && c + (size_t)j < MAX_COLUMNS; j++) {
            cell *x = at(g, r + (size_t)i, c + (size_t)j);
            if (x->used)
                continue;
            x->used = 1;
            if (i == 0 && j == 0)
                x->td = (uint32_t)td + 1;
        }
}

/* Rows of the table itself, not of tables nested in its cells. */
static void collect_rows(grid *g, const html_log *lg, size_t from, size_t to, size_t *row)
{
    for (size_t n = from; n < to; n = next(lg, n)) {
        const html_rec *r = &lg->rec[n];
        if (is(r, "tr")) {
            int any = 0;
            for (size_t c = n + 1; c < r->a; c = next(lg, c))
                if (is_cell(&lg->rec[c])) {
                    at(g, *row, 0); /* the row exists even if spans filled it */
                    place_cell(g, *row, lg, c);
                    any = 1;
                }
            if (any)
                (*row)++;
        } else if (is_section(r)) {
            collect_rows(g, lg, n + 1, r->a, row);
        }
    }
}

static void write_grid(html_writer *w, grid *g, const html_log *lg)
{
    fl_buf text = { 0 };
    html_block_break(w);
    for (size_t r = 0; r < g->nrows; r++) {
        const grid_row *row = &g->rows[r];
        size_t width = 0;
        for (size_t c = 0; c < row->n; c++)
            if (row->cells[c].used)
                width = c + 1;
        if (width == 0)
            continue;
        fl_buf_puts(&w->out, w->out.len > 0 && w->blank ? "\n|" : "|");
        w->blank = 0;
        for (size_t c = 0; c < width; c++) {
            const cell *x = &row->cells[c];
            fl_buf_puts(&w->out, " ");
            text.len = 0;
            if (x->td > 0) {
                int space = 0;
                size_t td = x->td - 1;
                cell_text(lg, td + 1, lg->rec[td].a, &text, &space);
            }
            if (text.len > 0) {
                fl_buf_append(&w->out, text.data, text.len);
                fl_buf_puts(&w->out, " ");
            }
            fl_buf_puts(&w->out, "|");
        }
        fl_buf_puts(&w->out, "\n");
    }
    fl_buf_free(&text);
    for (size_t r = 0; r < g->nrows; r++)
        free(g->rows[r].cells);
    free(g->rows);
    w->blank = 1;
}

/* Walk the children of the START at i as blocks of the page. */
static void replay_block(struct html_walker *k, const html_log *g, size_t i)
{
    html_writer *w = html_walker_writer(k);
    html_block_break(w);
    html_walker_enter(k);
    html_replay(k, g, i + 1, g->rec[i].a);
    html_walker_leave(k);
    html_block_break(w);
}

void html_table(struct html_walker *k, const html_log *g, size_t i)
{
    if (is_layout(g, i)) {
        replay_block(k, g, i);
        return;
    }
    for (size_t c = i + 1; c < g->rec[i].a; c = next(g, c))
        if (is(&g->rec[c], "caption"))
            replay_block(k, g, c);
    grid grd = { 0 };
    size_t nrows = 0;
    collect_rows(&grd, g, i + 1, g->rec[i].a, &nrows);
    write_grid(html_walker_writer(k), &grd, g);
}
