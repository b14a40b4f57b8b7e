/* read-html.c — the HTML reader: libxml2's HTML parser streamed through
 * SAX (html-sax.c) into a walk that writes the canonical text of
 * reader.h as the page is parsed.  Headings become markdown '#' lines,
 * blocks become lines separated by blank lines, data tables become pipe
 * tables (html-table.c), and what is not content (scripts, styles,
 * navigation, page header and footer) is dropped.  Memory: the open
 * elements, the table being read and the text written, never a tree. */
#include "fetch-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "html-internal.h"
#include "read-formats.h"
#include "util.h"

/* What an element does when it ends. */
enum { END_NONE, END_BLOCK, END_LINE, END_PRE, END_SPACE, END_PLAIN };

typedef struct frame {
    unsigned char end;
    unsigned char block;   /* END_PLAIN: a block break after */
    unsigned char content; /* END_PLAIN: <article> or <main> */
    unsigned char ol;      /* the element is an <ol> */
    size_t li;             /* <li> children so far */
} frame;

typedef struct html_walker {
    html_writer w;
    frame *frames; /* the open elements that are walked */
    size_t nframes, capframes;
    size_t drop;   /* > 0: inside an element that is not content */
    size_t record; /* > 0: inside a table being recorded */
    html_log log;
    int root_started, root_closed, root_dropped;
    int doc_prior; /* a doctype, comment or PI came before the root */
} html_walker;

html_writer *html_walker_writer(html_walker *k) { return &k->w; }

static frame *push_frame(html_walker *k, unsigned char end)
{
    k->frames = xgrow(k->frames, &k->capframes, k->nframes + 1, sizeof *k->frames);
    frame *f = &k->frames[k->nframes++];
    memset(f, 0, sizeof *f);
    f->end = end;
    return f;
}

void html_walker_enter(html_walker *k) { push_frame(k, END_NONE); }
void html_walker_leave(html_walker *k) { k->nframes--; }

static int is(const html_el *el, const char *name) { return strcasecmp(el->name, name) == 0; }

/* The start of an element being walked.  1 when it is a table to write
 * (the caller records or replays it), else 0. */
static int walk_start(html_walker *k, const html_el *el)
{
    html_writer *w = &k->w;
    frame *parent = k->nframes ? &k->frames[k->nframes - 1] : NULL;
    int number = 0;
    if (parent && is(el, "li")) {
        parent->li++;
        number = parent->ol ? (int)parent->li : 0;
    }
    /* A second top-level element (after </html>): the tree builder made
     * it a child of the first, or its sibling if the document began with
     * something else. */
    int top = k->nframes == 0;
    if (top && k->root_closed && k->root_dropped && !k->doc_prior) {
        k->drop = 1;
        return 0;
    }
    int content = is(el, "article") || is(el, "main");
    if (fl_html_is_skipped(el->name) ||
        ((is(el, "header") || is(el, "footer")) && w->content_depth == 0) ||
        (!content && w->content_depth == 0 && el->chrome)) {
        k->drop = 1;
        if (top && !k->root_started)
            k->root_dropped = 1;
        k->root_started = 1;
        return 0;
    }
    k->root_started = 1;
    if (is(el, "br")) {
        if (html_line_has_text(w))
            html_end_line(w);
        else if (w->out.len > 0)
            w->blank = 1;
        push_frame(k, END_NONE);
        return 0;
    }
    if (is(el, "table"))
        return 1;
    const char *name = el->name;
    if (strlen(name) == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
        name[1] <= '6') {
        html_block_break(w);
        char prefix[8];
        int level = name[1] - '0';
        for (int i = 0; i < level; i++)
            prefix[i] = '#';
        prefix[level] = ' ';
        prefix[level + 1] = '\0';
        html_set_prefix(w, prefix);
        push_frame(k, END_BLOCK);
        return 0;
    }
    if (is(el, "li")) {
        html_end_line(w);
        char prefix[24];
        if (number > 0)
            snprintf(prefix, sizeof prefix, "%d. ", number);
        else
            snprintf(prefix, sizeof prefix, "- ");
        html_set_prefix(w, prefix);
        push_frame(k, END_LINE);
        return 0;
    }
    if (is(el, "pre")) {
        html_block_break(w);
        w->pre++;
        push_frame(k, END_PRE);
        return 0;
    }
    if (is(el, "td") || is(el, "th")) {
        /* A cell outside a table (broken markup) separates like a space. */
        w->space = 1;
        push_frame(k, END_SPACE);
        return 0;
    }
    int block = fl_html_is_block(name);
    if (block)
        html_block_break(w);
    w->content_depth += content;
    frame *f = push_frame(k, END_PLAIN);
    f->block = (unsigned char)block;
    f->content = (unsigned char)content;
    f->ol = (unsigned char)is(el, "ol");
    return 0;
}

static void walk_end(html_walker *k)
{
    html_writer *w = &k->w;
    if (k->drop > 0) {
        k->drop--;
    } else if (k->nframes > 0) {
        frame f = k->frames[--k->nframes];
        switch (f.end) {
        case END_BLOCK:
            html_block_break(w);
            break;
        case END_LINE:
            html_end_line(w);
            break;
        case END_PRE:
            w->pre--;
            html_block_break(w);
            break;
        case END_SPACE:
            w->space = 1;
            break;
        case END_PLAIN:
            w->content_depth -= f.content;
            if (f.block)
                html_block_break(w);
            break;
        default:
            break;
        }
    }
    if (k->nframes == 0 && k->drop == 0 && k->root_started)
        k->root_closed = 1;
}

static void walk_text(html_walker *k, const char *s, size_t len)
{
    /* Text outside every element was never in the tree. */
    if (k->drop == 0 && k->nframes > 0)
        html_put_text(&k->w, s, len);
}

void html_replay(html_walker *k, const html_log *g, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        const html_rec *r = &g->rec[i];
        if (r->type == HTML_REC_TEXT) {
            walk_text(k, g->text.data + r->a, r->len);
            i++;
            continue;
        }
        html_el el = { r->name, r->chrome, r->rowspan, r->colspan };
        if (walk_start(k, &el)) {
            html_table(k, g, i);
        } else if (k->drop > 0) {
            k->drop--; /* the element is not content: nor is what it holds */
        } else {
            html_replay(k, g, i + 1, r->a);
            walk_end(k);
        }
        i = r->a;
    }
}

/* ---- the events of the parse ---- */

static void ev_start(void *ud, const html_el *el)
{
    html_walker *k = ud;
    if (k->record > 0) {
        html_log_start(&k->log, el);
        k->record++;
    } else if (k->drop > 0) {
        k->drop++;
    } else if (walk_start(k, el)) {
        html_log_start(&k->log, el);
        k->record = 1;
    }
}

static void ev_end(void *ud)
{
    html_walker *k = ud;
    if (k->record == 0) {
        walk_end(k);
        return;
    }
    html_log_end(&k->log);
    if (--k->record == 0) {
        html_table(k, &k->log, 0);
        html_log_clear(&k->log);
    }
}

static void ev_text(void *ud, const char *s, size_t len)
{
    html_walker *k = ud;
    if (k->record > 0)
        html_log_text(&k->log, s, len);
    else
        walk_text(k, s, len);
}

/* The tree builder put a doctype first among the document's children,
 * a comment or PI where it came: before the root, it made a later
 * top-level element the root's sibling instead of its child. */
static void ev_doc_node(void *ud, int doctype)
{
    html_walker *k = ud;
    if (doctype || !k->root_started)
        k->doc_prior = 1;
}

int fl_html_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                 char *err, size_t errsize)
{
    char *utf8 = NULL;
    size_t ulen = 0;
    const char *encoding = NULL;
    if (fl_html_decode(data, len, NULL, &utf8, &ulen, &encoding, err, errsize) != 0)
        return -1;
    static const html_events events = { ev_start, ev_end, ev_text, ev_doc_node };
    html_walker k = { 0 };
    int rc = html_sax_parse(utf8, ulen, name, &events, &k, err, errsize);
    free(utf8);
    html_end_line(&k.w);
    fl_buf_free(&k.w.line);
    free(k.frames);
    html_log_free(&k.log);
    if (rc != 0) {
        fl_buf_free(&k.w.out);
        return -1;
    }
    out->len = k.w.out.len;
    out->text = k.w.out.data ? fl_buf_steal(&k.w.out) : xstrdup("");
    out->encoding = encoding;
    return 0;
}

