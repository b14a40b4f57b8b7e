/* fetch-links.c — links in a page (libxml2's HTML parser), and which of
 * them are report attachments. */
#include "fetch-internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html-internal.h"
#include "util.h"

typedef struct link_list {
    fl_link *v;
    size_t n, cap;
    fl_strindex seen;  /* the URLs in v */
    char *base;
    int chrome;   /* depth of enclosing chrome elements */
} link_list;

/* Text of a node's subtree with white space collapsed.  Caller frees. */
static char *node_text(xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    fl_buf b = { 0 };
    int space = 0;
    if (raw != NULL) {
        for (const xmlChar *p = raw; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                space = b.len > 0;
                continue;
            }
            if (space)
                fl_buf_puts(&b, " ");
            space = 0;
            fl_buf_append(&b, (const char *)p, 1);
        }
        xmlFree(raw);
    }
    return b.data ? fl_buf_steal(&b) : xstrdup("");
}

static const char *link_url(const void *items, size_t i)
{
    return ((const fl_link *)items)[i].url;
}

static void add(link_list *l, const xmlChar *href, xmlNode *n)
{
    char *url = fl_url_resolve(l->base, (const char *)href);
    if (url == NULL)
        return;
    if (fl_strindex_find(&l->seen, l->v, link_url, url) != 0) {
        free(url);
        return;
    }
    char *text = node_text(n);
    if (*text == '\0') {
        xmlChar *title = xmlGetProp(n, BAD_CAST "title");
        if (title != NULL) {
            free(text);
            text = xstrdup((const char *)title);
            xmlFree(title);
        }
    }
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n].url = url;
    l->v[l->n].text = text;
    l->v[l->n].chrome = l->chrome > 0;
    fl_strindex_add(&l->seen, l->v, link_url, l->n);
    l->n++;
}

static const struct {
    const char *tag;
    const char *attr;
} link_attrs[] = {
    { "a", "href" }, { "area", "href" }, { "iframe", "src" },
    { "embed", "src" }, { "object", "data" }, { "frame", "src" },
};

static void walk(link_list *l, xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcasecmp(name, "base") == 0) {
            xmlChar *href = xmlGetProp(n, BAD_CAST "href");
            char *abs = href ? fl_url_resolve(l->base, (const char *)href) : NULL;
            if (abs != NULL) {
                free(l->base);
                l->base = abs;
            }
            xmlFree(href);
        }
        for (size_t i = 0; i < sizeof link_attrs / sizeof link_attrs[0]; i++) {
            if (strcasecmp(name, link_attrs[i].tag) != 0)
                continue;
            xmlChar *v = xmlGetProp(n, BAD_CAST link_attrs[i].attr);
            if (v != NULL)
                add(l, v, n);
            xmlFree(v);
        }
        int chrome = fl_html_is_chrome(n);
        l->chrome += chrome;
        walk(l, n->children);
        l->chrome -= chrome;
    }
}

int fl_html_is_chrome(xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    const char *name = (const char *)n->name;
    if (strcasecmp(name, "nav") == 0 || strcasecmp(name, "aside") == 0 ||
        strcasecmp(name, "header") == 0 || strcasecmp(name, "footer") == 0)
        return 1;
    static const char *const attrs[] = { "class", "id" };
    for (size_t a = 0; a < 2; a++) {
        xmlChar *v = xmlGetProp(n, BAD_CAST attrs[a]);
        int hit = v != NULL && fl_html_chrome_value((const char *)v);
        xmlFree(v);
        if (hit)
            return 1;
    }
    return 0;
}

size_t fl_html_links(const char *utf8, size_t len, const char *base_url, fl_link **out)
{
    link_list l = { 0 };
    l.base = xstrdup(base_url);
    *out = NULL;
    if (len > (size_t)0x7fffffff) {
        free(l.base);
        return 0;
    }
    htmlDocPtr doc = htmlReadMemory(utf8, (int)len, base_url, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_IGNORE_ENC);
    if (doc != NULL) {
        walk(&l, xmlDocGetRootElement(doc));
        xmlFreeDoc(doc);
    }
    free(l.base);
    fl_strindex_free(&l.seen);
    *out = l.v;
    return l.n;
}

void fl_links_free(fl_link *links, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(links[i].url);
        free(links[i].text);
    }
    free(links);
}

static const char *const doc_exts[] = { ".pdf", ".doc", ".docx", ".xls", ".xlsx",
                                        ".wps", ".et", ".ofd", ".zip", ".rar" };
static const char *const keywords[] = { "决算", "预算", "绩效", "三公", "附件", "下载" };
static const char *const page_exts[] = { ".html", ".htm", ".shtml", ".xhtml" };

/* 1 when s[0..n) ends with one of the extensions (case-insensitive). */
static int ends_with_any(const char *s, size_t n, const char *const *exts, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t e = strlen(exts[i]);
        if (n >= e && strncasecmp(s + n - e, exts[i], e) == 0)
            return 1;
    }
    return 0;
}

int fl_link_is_attachment(const fl_link *l)
{
    size_t pathlen = strcspn(l->url, "?#");
    const size_t ndoc = sizeof doc_exts / sizeof doc_exts[0];
    if (ends_with_any(l->url, pathlen, doc_exts, ndoc))
        return 1;
    size_t tlen = strlen(l->text);
    if (ends_with_any(l->text, tlen, doc_exts, ndoc))
        return 1;
    int keyword = 0;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strstr(l->text, keywords[i]) != NULL)
            keyword = 1;
    if (!keyword)
        return 0;
    /* A keyword link to another page is an article, not a download;
     * download handlers (download.jsp?id=…, /attach/123) are. */
    if (pathlen > 0 && l->url[pathlen - 1] == '/')
        return 0;
    if (ends_with_any(l->url, pathlen, page_exts, sizeof page_exts / sizeof page_exts[0]))
        return 0;
    return fl_str_contains(l->url, "download") || fl_str_contains(l->url, "attach") ||
           fl_str_contains(l->url, "file") || fl_str_contains(l->url, "down") ||
           strchr(l->url, '?') != NULL;
}
