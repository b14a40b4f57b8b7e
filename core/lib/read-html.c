/* read-html.c — the HTML reader: libxml2's HTML parser, then a walk that
 * writes the canonical text of reader.h.  Headings become markdown '#'
 * lines, blocks become lines separated by blank lines, data tables become
 * pipe tables with rowspan/colspan resolved (merged cells empty), and
 * what is not content (scripts, styles, navigation, page header and
 * footer) is dropped. */
#include "fetch-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "util.h"

/* Bounds that keep hostile spans from exhausting memory. */
#define MAX_COLSPAN 64
#define MAX_ROWSPAN 512
#define MAX_COLUMNS 256

typedef struct writer {
    fl_buf out;
    fl_buf line;
    size_t prefix;     /* bytes of `line` that are a prefix ("## ", "- ") */
    int blank;         /* a blank line is due before the next line */
    int space;         /* a space is due before the next text */
    int pre;           /* inside <pre> */
    int content_depth; /* inside <article> or <main> */
} writer;

static int name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static int name_in(const xmlNode *n, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (name_is(n, names[i]))
            return 1;
    return 0;
}

static const char *const skipped[] = { "script", "style", "noscript", "template", "head",
                                       "nav", "aside", "select", "option", "button",
                                       "input", "textarea", "iframe", "object", "embed",
                                       "svg", "map", "frameset", "title" };
static const char *const blocks[] = { "p", "div", "section", "article", "main", "address",
                                      "blockquote", "center", "dl", "dt", "dd", "figure",
                                      "figcaption", "form", "fieldset", "hr", "body",
                                      "html", "details", "summary", "caption", "header",
                                      "footer", "ul", "ol" };
/* class/id words portals use for menus and page chrome. */
static const char *const chrome_words[] = { "nav", "navbar", "menu", "header", "footer",
                                            "breadcrumb", "crumb", "sidebar", "topbar" };

/* 1 when a class or id attribute holds one of the chrome words. */
static int has_chrome_word(xmlNode *n)
{
    static const char *const attrs[] = { "class", "id" };
    for (size_t a = 0; a < 2; a++) {
        xmlChar *v = xmlGetProp(n, BAD_CAST attrs[a]);
        if (v == NULL)
            continue;
        int hit = 0;
        const char *p = (const char *)v;
        while (*p && !hit) {
            while (*p == ' ' || *p == '\t')
                p++;
            size_t len = strcspn(p, " \t");
            for (size_t w = 0; w < sizeof chrome_words / sizeof chrome_words[0]; w++)
                if (strlen(chrome_words[w]) == len && strncasecmp(p, chrome_words[w], len) == 0)
                    hit = 1;
            p += len;
        }
        xmlFree(v);
        if (hit)
            return 1;
    }
    return 0;
}

int fl_html_is_chrome(xmlNode *n)
{
    return name_is(n, "nav") || name_is(n, "aside") || name_is(n, "header") ||
           name_is(n, "footer") || has_chrome_word(n);
}

/* ---- line output ---- */

static int line_has_text(const writer *w) { return w->line.len > w->prefix; }

static void end_line(writer *w)
{
    while (w->line.len > w->prefix && w->line.data[w->line.len - 1] == ' ')
        w->line.data[--w->line.len] = '\0';
    if (line_has_text(w)) {
        if (w->blank && w->out.len > 0)
            fl_buf_puts(&w->out, "\n");
        w->blank = 0;
        fl_buf_append(&w->out, w->line.data, w->line.len);
        fl_buf_puts(&w->out, "\n");
    }
    w->line.len = 0;
    if (w->line.data)
        w->line.data[0] = '\0';
    w->prefix = 0;
    w->space = 0;
}

static void block_break(writer *w)
{
    end_line(w);
    w->blank = 1;
}

static void set_prefix(writer *w, const char *prefix)
{
    end_line(w);
    fl_buf_puts(&w->line, prefix);
    w->prefix = w->line.len;
}

/* Append text, collapsing white space (NBSP counts as space). */
static void put_text(writer *w, fl_buf *dst, int *space, const char *s, int keep_newlines)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int ws = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f';
        size_t n = 1;
        if (p[0] == 0xc2 && p[1] == 0xa0) {
            ws = 1;
            n = 2;
        }
        if (keep_newlines && *p == '\n') {
            end_line(w);
            p++;
            continue;
        }
        if (ws) {
            *space = 1;
            p += n;
            continue;
        }
        if (*space && dst->len > (dst == &w->line ? w->prefix : 0))
            fl_buf_puts(dst, " ");
        *space = 0;
        fl_buf_append(dst, (const char *)p, 1);
        p++;
    }
}

/* ---- tables ---- */

typedef struct cell {
    char *text;   /* NULL for a grid slot covered by a span */
    int used;
} cell;

/* Rows grow to the columns they use: a page of many one-cell rows costs
 * one cell a row, not MAX_COLUMNS (a 9 MB page of <tr><td>1 took 4.7 GB
 * when every row was allocated full width). */
typedef struct grid_row {
    cell *cells;
    size_t n, cap;
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
        size_t old = row->cap;
        row->cells = xgrow(row->cells, &row->cap, c + 1, sizeof *row->cells);
        memset(row->cells + old, 0, (row->cap - old) * sizeof *row->cells);
        row->n = c + 1;
    }
    return &row->cells[c];
}

static int used(const grid *g, size_t r, size_t c)
{
    return r < g->nrows && c < g->rows[r].n && g->rows[r].cells[c].used;
}

/* Text of a cell: everything inside, one line, '|' escaped. */
static void cell_text(xmlNode *n, fl_buf *b, int *space)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *s = (const char *)n->content;
            if (s == NULL)
                continue;
            for (const unsigned char *p = (const unsigned char *)s; *p;) {
                if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
                    (p[0] == 0xc2 && p[1] == 0xa0)) {
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
        } else if (n->type == XML_ELEMENT_NODE) {
            if (name_in(n, skipped, sizeof skipped / sizeof skipped[0]))
                continue;
            if (name_is(n, "br") || name_in(n, blocks, sizeof blocks / sizeof blocks[0]))
                *space = 1;
            cell_text(n->children, b, space);
            if (name_in(n, blocks, sizeof blocks / sizeof blocks[0]))
                *space = 1;
        }
    }
}

static long span(xmlNode *n, const char *attr, long max)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST attr);
    long x = 1;
    if (v != NULL) {
        x = 0;
        for (const xmlChar *p = v; *p >= '0' && *p <= '9' && x <= max; p++)
            x = x * 10 + (*p - '0');
        xmlFree(v);
    }
    if (x < 1)
        x = 1;
    return x > max ? max : x;
}

static void place_cell(grid *g, size_t r, xmlNode *td)
{
    size_t c = 0;
    while (c < MAX_COLUMNS && used(g, r, c))
        c++;
    if (c >= MAX_COLUMNS)
        return;
    long rs = span(td, "rowspan", MAX_ROWSPAN), cs = span(td, "colspan", MAX_COLSPAN);
    fl_buf b = { 0 };
    int space = 0;
    cell_text(td->children, &b, &space);
    for (long i = 0; i < rs; i++)
        for (long j = 0; j < cs && c + (size_t)j < MAX_COLUMNS; j++) {
            cell *x = at(g, r + (size_t)i, c + (size_t)j);
            if (x->used)
                continue;
            x->used = 1;
            if (i == 0 && j == 0)
                x->text = b.data ? fl_buf_steal(&b) : xstrdup("");
        }
    fl_buf_free(&b);
}

/* Rows of the table itself, not of tables nested in its cells. */
static void collect_rows(grid *g, xmlNode *n, size_t *row)
{
    for (; n != NULL; n = n->next) {
        if (name_is(n, "tr")) {
            int any = 0;
            for (xmlNode *c = n->children; c; c = c->next)
                if (name_is(c, "td") || name_is(c, "th")) {
                    at(g, *row, 0); /* the row exists even if spans filled it */
                    place_cell(g, *row, c);
                    any = 1;
                }
            if (any)
                (*row)++;
        } else if (name_is(n, "thead") || name_is(n, "tbody") || name_is(n, "tfoot")) {
            collect_rows(g, n->children, row);
        }
    }
}

static int subtree_has(xmlNode *n, const char *const *names, size_t count)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (name_in(n, names, count) || subtree_has(n->children, names, count))
            return 1;
    }
    return 0;
}

/* Pages lay themselves out with tables; such a table is read as blocks. */
static int is_layout_table(xmlNode *table)
{
    static const char *const layout[] = { "table", "h1", "h2", "h3", "h4", "ul", "ol" };
    int cells = 0;
    for (xmlNode *sec = table->children; sec; sec = sec->next) {
        xmlNode *rows = (name_is(sec, "tbody") || name_is(sec, "thead") || name_is(sec, "tfoot"))
                            ? sec->children
                            : sec;
        for (xmlNode *tr = rows; tr; tr = (rows == sec ? NULL : tr->next)) {
            if (!name_is(tr, "tr"))
                continue;
            for (xmlNode *td = tr->children; td; td = td->next)
                if (name_is(td, "td") || name_is(td, "th")) {
                    cells++;
                    if (subtree_has(td->children, layout, sizeof layout / sizeof layout[0]))
                        return 1;
                }
        }
    }
    return cells <= 1;
}

static void write_table(writer *w, xmlNode *table)
{
    grid g = { 0 };
    size_t nrows = 0;
    collect_rows(&g, table->children, &nrows);
    block_break(w);
    for (size_t r = 0; r < g.nrows; r++) {
        const grid_row *row = &g.rows[r];
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
            if (x->text != NULL && *x->text) {
                fl_buf_puts(&w->out, x->text);
                fl_buf_puts(&w->out, " ");
            }
            fl_buf_puts(&w->out, "|");
        }
        fl_buf_puts(&w->out, "\n");
    }
    for (size_t r = 0; r < g.nrows; r++) {
        for (size_t c = 0; c < g.rows[r].n; c++)
            free(g.rows[r].cells[c].text);
        free(g.rows[r].cells);
    }
    free(g.rows);
    w->blank = 1;
}

/* ---- the walk ---- */

static void walk(writer *w, xmlNode *n);

static void element(writer *w, xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (name_in(n, skipped, sizeof skipped / sizeof skipped[0]))
        return;
    int content = name_is(n, "article") || name_is(n, "main");
    if ((name_is(n, "header") || name_is(n, "footer")) && w->content_depth == 0)
        return;
    if (!content && w->content_depth == 0 && has_chrome_word(n))
        return;
    if (name_is(n, "br")) {
        if (line_has_text(w))
            end_line(w);
        else if (w->out.len > 0)
            w->blank = 1;
        return;
    }
    if (name_is(n, "table")) {
        if (is_layout_table(n)) {
            block_break(w);
            walk(w, n->children);
            block_break(w);
        } else {
            for (xmlNode *c = n->children; c; c = c->next)
                if (name_is(c, "caption")) {
                    block_break(w);
                    walk(w, c->children);
                    block_break(w);
                }
            write_table(w, n);
        }
        return;
    }
    if (strlen(name) == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
        name[1] <= '6') {
        block_break(w);
        char prefix[8];
        int level = name[1] - '0';
        for (int i = 0; i < level; i++)
            prefix[i] = '#';
        prefix[level] = ' ';
        prefix[level + 1] = '\0';
        set_prefix(w, prefix);
        walk(w, n->children);
        block_break(w);
        return;
    }
    if (name_is(n, "li")) {
        end_line(w);
        int number = 0;
        if (n->parent && name_is(n->parent, "ol"))
            for (xmlNode *s = n; s; s = s->prev)
                number += name_is(s, "li");
        char prefix[24];
        if (number > 0)
            snprintf(prefix, sizeof prefix, "%d. ", number);
        else
            snprintf(prefix, sizeof prefix, "- ");
        set_prefix(w, prefix);
        walk(w, n->children);
        end_line(w);
        return;
    }
    if (name_is(n, "pre")) {
        block_break(w);
        w->pre++;
        walk(w, n->children);
        w->pre--;
        block_break(w);
        return;
    }
    if (name_is(n, "td") || name_is(n, "th")) {
        /* A cell outside a table (broken markup) separates like a space. */
        w->space = 1;
        walk(w, n->children);
        w->space = 1;
        return;
    }
    int block = name_in(n, blocks, sizeof blocks / sizeof blocks[0]);
    if (block)
        block_break(w);
    w->content_depth += content;
    walk(w, n->children);
    w->content_depth -= content;
    if (block)
        block_break(w);
}

static void walk(writer *w, xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE)
            element(w, n);
        else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            put_text(w, &w->line, &w->space, (const char *)n->content, w->pre > 0);
    }
}

static int html_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                     char *err, size_t errsize)
{
    char *utf8 = NULL;
    size_t ulen = 0;
    const char *encoding = NULL;
    if (fl_html_decode(data, len, NULL, &utf8, &ulen, &encoding, err, errsize) != 0)
        return -1;
    if (ulen > (size_t)0x7fffffff) {
        free(utf8);
        snprintf(err, errsize, "HTML 文件过大");
        return -1;
    }
    /* A parser context of our own, so that a halted parse (libxml2 stops
     * at xmlParserMaxDepth nested elements and keeps what came before) is
     * seen: checking only the first part of a page would report it clean. */
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL) {
        free(utf8);
        snprintf(err, errsize, "无法解析 HTML：内存不足");
        return -1;
    }
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8, (int)ulen, name, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                            HTML_PARSE_IGNORE_ENC);
    free(utf8);
    int halted = ctxt->disableSAX != 0;
    int depth = halted && ctxt->lastError.code == XML_ERR_INTERNAL_ERROR &&
                ctxt->lastError.message != NULL &&
                strstr(ctxt->lastError.message, "depth") != NULL;
    int line = ctxt->lastError.line;
    htmlFreeParserCtxt(ctxt);
    if (halted) {
        if (doc != NULL)
            xmlFreeDoc(doc);
        if (depth)
            snprintf(err, errsize,
                     "HTML 元素嵌套超过 %u 层（第 %d 行附近），无法完整读取，未检查；"
                     "请检查页面结构",
                     xmlParserMaxDepth, line);
        else
            snprintf(err, errsize, "HTML 解析在第 %d 行附近中止，无法完整读取，未检查",
                     line);
        return -1;
    }
    if (doc == NULL) {
        snprintf(err, errsize, "无法解析 HTML");
        return -1;
    }
    writer w = { 0 };
    walk(&w, xmlDocGetRootElement(doc));
    end_line(&w);
    xmlFreeDoc(doc);
    fl_buf_free(&w.line);
    out->len = w.out.len;
    out->text = w.out.data ? fl_buf_steal(&w.out) : xstrdup("");
    out->encoding = encoding;
    return 0;
}

static int html_detect(const char *name, const unsigned char *data, size_t len)
{
    fl_kind k = fl_sniff(NULL, data, len, name);
    if (k == FL_KIND_HTML)
        return 1;
    /* A page saved as .html need not start with a tag (a BOM, a comment). */
    if (k == FL_KIND_TEXT && name != NULL) {
        const char *dot = strrchr(name, '.');
        return dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
    }
    return 0;
}

const fl_reader fl_reader_html = { "html", html_detect, html_read };
