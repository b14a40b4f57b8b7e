/* fetch-sniff.c — what a response is.  Portals mislabel downloads (a PDF
 * as text/html, a DOCX as application/octet-stream), so the first bytes
 * decide; the Content-Type and the URL only break ties. */
#include "fetch-internal.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct kind_info {
    const char *name;
    const char *ext;
    int readable;
} kinds[] = {
    [FL_KIND_UNKNOWN] = { "unknown", "", 0 },
    [FL_KIND_HTML] = { "html", ".html", 1 },
    [FL_KIND_TEXT] = { "text", ".txt", 1 },
    [FL_KIND_PDF] = { "pdf", ".pdf", 1 },
    [FL_KIND_DOCX] = { "docx", ".docx", 1 },
    [FL_KIND_XLSX] = { "xlsx", ".xlsx", 1 },
    [FL_KIND_ZIP] = { "zip", ".zip", 0 },
    [FL_KIND_OLE] = { "doc/xls/wps", ".doc", 0 },
    [FL_KIND_IMAGE] = { "image", "", 0 },
};

const char *fl_kind_name(fl_kind k) { return kinds[k].name; }
const char *fl_kind_ext(fl_kind k) { return kinds[k].ext; }
int fl_kind_readable(fl_kind k) { return kinds[k].readable; }

static int has(const unsigned char *d, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    return len >= n && memmem(d, len, needle, n) != NULL;
}

/* The start of the content after a BOM and white space, for markup tests. */
static int starts_markup(const unsigned char *d, size_t len)
{
    size_t i = 0;
    if (len >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
        i = 3;
    while (i < len && isspace(d[i]))
        i++;
    static const char *const tags[] = { "<!doctype html", "<html", "<head", "<body",
                                        "<meta", "<title", "<table", "<!--", "<div",
                                        "<p>", "<h1", "<h2", "<script", "<style" };
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
        size_t n = strlen(tags[t]);
        if (len - i >= n && strncasecmp((const char *)d + i, tags[t], n) == 0)
            return 1;
    }
    return 0;
}

static int ct_is(const char *ct, const char *type)
{
    if (ct == NULL)
        return 0;
    while (*ct == ' ')
        ct++;
    size_t n = strlen(type);
    return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int url_ends(const char *url, const char *ext)
{
    if (url == NULL)
        return 0;
    size_t n = strcspn(url, "?#");
    size_t e = strlen(ext);
    return n >= e && strncasecmp(url + n - e, ext, e) == 0;
}

fl_kind fl_sniff(const char *content_type, const unsigned char *d, size_t len, const char *url)
{
    /* PDF writers put junk before the header; readers accept it in the
     * first KiB, and so do we. */
    if (has(d, len < 1024 ? len : 1024, "%PDF-"))
        return FL_KIND_PDF;
    if (len >= 4 && memcmp(d, "PK\3\4", 4) == 0) {
        if (has(d, len, "word/document.xml"))
            return FL_KIND_DOCX;
        if (has(d, len, "xl/workbook.xml"))
            return FL_KIND_XLSX;
        return FL_KIND_ZIP;
    }
    if (len >= 8 && memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
        return FL_KIND_OLE;
    if ((len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) ||
        (len >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0) ||
        (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)))
        return FL_KIND_IMAGE;
    if (starts_markup(d, len))
        return FL_KIND_HTML;
    /* Binary data that no magic matched is nothing we can read. */
    if (memchr(d, '\0', len < 4096 ? len : 4096) != NULL)
        return FL_KIND_UNKNOWN;
    if (ct_is(content_type, "text/html") || ct_is(content_type, "application/xhtml+xml"))
        return FL_KIND_HTML;
    if (ct_is(content_type, "text/plain"))
        return FL_KIND_TEXT;
    if (url_ends(url, ".html") || url_ends(url, ".htm") || url_ends(url, ".shtml"))
        return FL_KIND_HTML;
    if (url_ends(url, ".txt") || content_type == NULL || ct_is(content_type, "text/"))
        return FL_KIND_TEXT;
    return FL_KIND_UNKNOWN;
}
