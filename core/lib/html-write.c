/* html-write.c — the line output of the HTML reader: lines with prefixes
 * ("## ", "- "), blank lines between blocks, white space collapsed; and
 * the element names that decide what is a block and what is dropped. */
#include "html-internal.h"

#include <string.h>
#include <strings.h>

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

static int in(const char *name, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcasecmp(name, names[i]) == 0)
            return 1;
    return 0;
}

int fl_html_is_skipped(const char *name)
{
    return in(name, skipped, sizeof skipped / sizeof skipped[0]);
}

int fl_html_is_block(const char *name)
{
    return in(name, blocks, sizeof blocks / sizeof blocks[0]);
}

int fl_html_chrome_value(const char *p)
{
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strcspn(p, " \t");
        for (size_t w = 0; w < sizeof chrome_words / sizeof chrome_words[0]; w++)
            if (strlen(chrome_words[w]) == len && strncasecmp(p, chrome_words[w], len) == 0)
                return 1;
        p += len;
    }
    return 0;
}

int html_line_has_text(const html_writer *w) { return w->line.len > w->prefix; }

void html_end_line(html_writer *w)
{
    while (w->line.len > w->prefix && w->line.data[w->line.len - 1] == ' ')
        w->line.data[--w->line.len] = '\0';
    if (html_line_has_text(w)) {
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

void html_block_break(html_writer *w)
{
    html_end_line(w);
    w->blank = 1;
}

void html_set_prefix(html_writer *w, const char *prefix)
{
    html_end_line(w);
    fl_buf_puts(&w->line, prefix);
    w->prefix = w->line.len;
}

void html_put_text(html_writer *w, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end && *p) {
        int ws = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f';
        size_t n = 1;
        if (p[0] == 0xc2 && p + 1 < end && p[1] == 0xa0) {
            ws = 1;
            n = 2;
        }
        if (w->pre > 0 && *p == '\n') {
            html_end_line(w);
            p++;
            continue;
        }
        if (ws) {
            w->space = 1;
            p += n;
            continue;
        }
        if (w->space && w->line.len > w->prefix)
            fl_buf_puts(&w->line, " ");
        w->space = 0;
        fl_buf_append(&w->line, (const char *)p, 1);
        p++;
    }
}
