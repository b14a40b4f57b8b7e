/* html-internal.h — the pieces of the streaming HTML reader (read-html.c):
 * the SAX driver (html-sax.c) turns libxml2's parse into element and text
 * events, the walker (read-html.c) writes canonical text from them as
 * they come, and a table, whose reading depends on what it holds, is
 * recorded (html-table.c) until it closes.  Only the open elements and
 * the table being read are in memory, never a tree of the page. */
#ifndef FL_HTML_INTERNAL_H
#define FL_HTML_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* ---- names (html-write.c) ---- */

int fl_html_is_skipped(const char *name); /* script, style, nav, … */
int fl_html_is_block(const char *name);   /* p, div, section, … */
/* 1 when a class or id value holds a chrome word ("nav", "menu", …). */
int fl_html_chrome_value(const char *value);

/* ---- line output (html-write.c) ---- */

typedef struct html_writer {
    fl_buf out;
    fl_buf line;
    size_t prefix;     /* bytes of `line` that are a prefix ("## ", "- ") */
    int blank;         /* a blank line is due before the next line */
    int space;         /* a space is due before the next text */
    int pre;           /* inside <pre> */
    int content_depth; /* inside <article> or <main> */
} html_writer;

int html_line_has_text(const html_writer *w);
void html_end_line(html_writer *w);
void html_block_break(html_writer *w);
void html_set_prefix(html_writer *w, const char *prefix);
/* Append text to the line, collapsing white space (NBSP counts as space). */
void html_put_text(html_writer *w, const char *s, size_t len);

/* ---- one element as the walker and the table see it ---- */

typedef struct html_el {
    const char *name;         /* lower case, the parser's (valid while it runs) */
    unsigned char chrome;     /* class or id holds a chrome word */
    unsigned short rowspan;   /* 1..512 */
    unsigned short colspan;   /* 1..64 */
} html_el;

/* ---- a recorded table (html-table.c) ---- */

enum { HTML_REC_START, HTML_REC_TEXT };

/* One element (its subtree follows it) or one piece of text: 24 bytes,
 * so that a page of many small cells stays a small multiple of itself. */
typedef struct html_rec {
    const char *name;       /* START */
    uint32_t a;             /* START: index past its subtree; TEXT: offset in `text` */
    uint32_t len;           /* TEXT: bytes */
    unsigned char type;
    unsigned char chrome;   /* START: as html_el */
    unsigned short rowspan; /* START: as html_el */
    unsigned short colspan; /* START: as html_el */
} html_rec;

typedef struct html_log {
    html_rec *rec;
    size_t n, cap;
    fl_buf text;
    size_t *open; /* indexes of the STARTs not yet ended */
    size_t nopen, capopen;
} html_log;

void html_log_start(html_log *g, const html_el *el);
void html_log_end(html_log *g);
void html_log_text(html_log *g, const char *s, size_t len);
void html_log_clear(html_log *g); /* keeps the memory for the next table */
void html_log_free(html_log *g);

struct html_walker;
/* Write the table whose START is rec[i]: a layout table as blocks (its
 * content replayed through the walker), a data table as a pipe table. */
void html_table(struct html_walker *k, const html_log *g, size_t i);
/* Replay the records [from, to) (siblings and their subtrees). */
void html_replay(struct html_walker *k, const html_log *g, size_t from, size_t to);
/* Open and close an element around a replay, without its own effect. */
void html_walker_enter(struct html_walker *k);
void html_walker_leave(struct html_walker *k);
html_writer *html_walker_writer(struct html_walker *k);

/* ---- the SAX driver (html-sax.c) ---- */

typedef struct html_events {
    void (*start)(void *ud, const html_el *el);
    void (*end)(void *ud);
    void (*text)(void *ud, const char *s, size_t len);
    /* A DOCTYPE (doctype 1), or a comment or processing instruction
     * outside any element (0). */
    void (*doc_node)(void *ud, int doctype);
} html_events;

/* Parse `len` bytes of UTF-8 and deliver the events.  0, or -1 with err
 * (nesting too deep, a halted parse). */
int html_sax_parse(const char *utf8, size_t len, const char *name, const html_events *ev,
                   void *ud, char *err, size_t errsize);

#endif
