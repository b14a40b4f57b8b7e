/* html-sax.c — libxml2's HTML parser with a SAX handler of our own: the
 * same parse as htmlCtxtReadMemory (so the same elements, auto-closing
 * and text), delivered as events instead of a tree.  The tree builder
 * refused elements nested deeper than xmlParserMaxDepth; without it the
 * limit is ours, with the same message. */
#include "html-internal.h"

#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#define MAX_COLSPAN 64
#define MAX_ROWSPAN 512

typedef struct sax_state {
    htmlParserCtxtPtr ctxt;
    const html_events *ev;
    void *ud;
    size_t depth;   /* open elements */
    int too_deep;   /* an element past the depth limit was refused */
    int deep_line;  /* its line */
    int started;    /* the parse began a document */
} sax_state;

/* A span attribute as the reader counts it: digits up to `max`, else 1. */
static unsigned short span(const char *v, long max)
{
    long x = 0;
    for (const char *p = v; *p >= '0' && *p <= '9' && x <= max; p++)
        x = x * 10 + (*p - '0');
    if (x < 1)
        x = 1;
    return (unsigned short)(x > max ? max : x);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    sax_state *s = ((htmlParserCtxtPtr)ctx)->_private;
    if (s->depth > xmlParserMaxDepth) {
        s->too_deep = 1;
        s->deep_line = s->ctxt->input ? s->ctxt->input->line : 0;
        xmlStopParser(s->ctxt);
        return;
    }
    s->depth++;
    html_el el = { (const char *)name, 0, 1, 1 };
    for (size_t i = 0; atts != NULL && atts[i] != NULL; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];
        if (v == NULL)
            continue;
        if (strcmp(a, "class") == 0 || strcmp(a, "id") == 0)
            el.chrome |= (unsigned char)fl_html_chrome_value(v);
        else if (strcmp(a, "rowspan") == 0)
            el.rowspan = span(v, MAX_ROWSPAN);
        else if (strcmp(a, "colspan") == 0)
            el.colspan = span(v, MAX_COLSPAN);
    }
    s->ev->start(s->ud, &el);
}

static void on_end(void *ctx, const xmlChar *name)
{
    (void)name;
    sax_state *s = ((htmlParserCtxtPtr)ctx)->_private;
    if (s->depth == 0)
        return;
    s->depth--;
    s->ev->end(s->ud);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    sax_state *s = ((htmlParserCtxtPtr)ctx)->_private;
    if (len > 0)
        s->ev->text(s->ud, (const char *)ch, (size_t)len);
}

static void on_doc_node(sax_state *s)
{
    if (s->depth == 0 && s->ev->doc_node)
        s->ev->doc_node(s->ud, 0);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    (void)value;
    on_doc_node(((htmlParserCtxtPtr)ctx)->_private);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    (void)target, (void)data;
    on_doc_node(((htmlParserCtxtPtr)ctx)->_private);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *id, const xmlChar *sys)
{
    (void)name, (void)id, (void)sys;
    sax_state *s = ((htmlParserCtxtPtr)ctx)->_private;
    if (s->ev->doc_node)
        s->ev->doc_node(s->ud, 1);
}

static void on_start_doc(void *ctx)
{
    ((sax_state *)((htmlParserCtxtPtr)ctx)->_private)->started = 1;
}

/* White space the parser calls ignorable, and script and style content:
 * the tree builder dropped the one, the walk skipped the other. */
static void on_ignored(void *ctx, const xmlChar *value, int len)
{
    (void)ctx, (void)value, (void)len;
}

int html_sax_parse(const char *utf8, size_t len, const char *name, const html_events *ev,
                   void *ud, char *err, size_t errsize)
{
    if (len > (size_t)0x7fffffff) {
        snprintf(err, errsize, "HTML 文件过大");
        return -1;
    }
    /* A parser context of our own, so that a halted parse (it keeps what
     * came before) is seen: checking only the first part of a page would
     * report it clean. */
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL) {
        snprintf(err, errsize, "无法解析 HTML：内存不足");
        return -1;
    }
    htmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startDocument = on_start_doc;
    h.startElement = on_start;
    h.endElement = on_end;
    h.characters = on_text;
    h.ignorableWhitespace = on_ignored; /* as the tree builder */
    h.cdataBlock = on_ignored;
    h.comment = on_comment;
    h.processingInstruction = on_pi;
    h.internalSubset = on_doctype;
    memcpy(ctxt->sax, &h, sizeof h);
    sax_state s = { ctxt, ev, ud, 0, 0, 0, 0 };
    ctxt->_private = &s;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, name, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                            HTML_PARSE_IGNORE_ENC);
    if (doc != NULL)
        xmlFreeDoc(doc);
    int halted = ctxt->disableSAX != 0 || s.too_deep;
    int line = ctxt->lastError.line;
    htmlFreeParserCtxt(ctxt);
    if (s.too_deep) {
        snprintf(err, errsize,
                 "HTML 元素嵌套超过 %u 层（第 %d 行附近），无法完整读取，未检查；"
                 "请检查页面结构",
                 xmlParserMaxDepth, s.deep_line);
        return -1;
    }
    if (halted) {
        snprintf(err, errsize, "HTML 解析在第 %d 行附近中止，无法完整读取，未检查", line);
        return -1;
    }
    if (!s.started) {
        snprintf(err, errsize, "无法解析 HTML");
        return -1;
    }
    return 0;
}
