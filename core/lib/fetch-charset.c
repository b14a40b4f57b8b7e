/* fetch-charset.c — which encoding an HTML page is in, and decoding it.
 * Government portals still serve GBK/GB2312 pages, often mislabelled, so
 * a declared charset that fails to decode falls back to detection. */
#include "fetch-internal.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* Labels we accept, mapped to a canonical name and the iconv name.  GBK
 * and GB2312 are decoded as GB18030, their superset: pages labelled
 * gb2312 routinely contain GBK-only characters. */
static const struct charset_entry {
    const char *label;
    const char *canonical;
    const char *iconv_name;
} charsets[] = {
    { "utf-8", "UTF-8", "UTF-8" },
    { "utf8", "UTF-8", "UTF-8" },
    { "gbk", "GBK", "GB18030" },
    { "x-gbk", "GBK", "GB18030" },
    { "cp936", "GBK", "GB18030" },
    { "windows-936", "GBK", "GB18030" },
    { "gb2312", "GB2312", "GB18030" },
    { "euc-cn", "GB2312", "GB18030" },
    { "csgb2312", "GB2312", "GB18030" },
    { "gb_2312-80", "GB2312", "GB18030" },
    { "gb18030", "GB18030", "GB18030" },
    { "big5", "BIG5", "BIG5" },
    { "us-ascii", "WINDOWS-1252", "WINDOWS-1252" },
    { "iso-8859-1", "WINDOWS-1252", "WINDOWS-1252" },
    { "latin1", "WINDOWS-1252", "WINDOWS-1252" },
    { "windows-1252", "WINDOWS-1252", "WINDOWS-1252" },
};

static const struct charset_entry *lookup(const char *label, size_t n)
{
    while (n > 0 && (isspace((unsigned char)*label) || *label == '"' || *label == '\'')) {
        label++;
        n--;
    }
    while (n > 0 && (isspace((unsigned char)label[n - 1]) || label[n - 1] == '"' ||
                     label[n - 1] == '\''))
        n--;
    for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++)
        if (strlen(charsets[i].label) == n && strncasecmp(charsets[i].label, label, n) == 0)
            return &charsets[i];
    return NULL;
}

const char *fl_charset_canonical(const char *label, size_t n)
{
    const struct charset_entry *e = lookup(label, n);
    return e ? e->canonical : NULL;
}

static const char *iconv_name(const char *canonical)
{
    for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++)
        if (strcmp(charsets[i].canonical, canonical) == 0)
            return charsets[i].iconv_name;
    return canonical;
}

/* Find "charset=" in s[0..n) and return the canonical name of its value. */
static const char *charset_param(const char *s, size_t n)
{
    for (size_t i = 0; i + 8 <= n; i++) {
        if (strncasecmp(s + i, "charset", 7) != 0)
            continue;
        size_t j = i + 7;
        while (j < n && isspace((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && (isspace((unsigned char)s[j]) || s[j] == '"' || s[j] == '\''))
            j++;
        size_t k = j;
        while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' ||
                         s[k] == ':' || s[k] == '.'))
            k++;
        return fl_charset_canonical(s + j, k - j);
    }
    return NULL;
}

const char *fl_charset_from_content_type(const char *content_type)
{
    if (content_type == NULL)
        return NULL;
    return charset_param(content_type, strlen(content_type));
}

const char *fl_html_meta_charset(const unsigned char *data, size_t len)
{
    const char *s = (const char *)data;
    size_t n = len < 4096 ? len : 4096;
    /* Look inside each <meta …> tag only, so that text mentioning
     * "charset=" elsewhere is not taken for a declaration. */
    for (size_t i = 0; i + 5 < n; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
            continue;
        size_t end = i + 5;
        while (end < n && s[end] != '>')
            end++;
        const char *cs = charset_param(s + i, end - i);
        if (cs != NULL)
            return cs;
        i = end;
    }
    return NULL;
}

int fl_iconv_to_utf8(const char *from, const unsigned char *data, size_t len, char **out,
                     size_t *outlen, size_t *bad_offset)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *bad_offset = 0;
        return -1;
    }
    size_t cap = len * 2 + 16;
    char *buf = xmalloc(cap + 1);
    char *in = (char *)data;
    size_t inleft = len;
    char *o = buf;
    size_t oleft = cap;
    int rc = 0;
    while (inleft > 0) {
        if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            size_t used = (size_t)(o - buf);
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
            o = buf + used;
            oleft = cap - used;
            continue;
        }
        *bad_offset = (size_t)(in - (char *)data);
        rc = -1;
        break;
    }
    iconv_close(cd);
    if (rc != 0) {
        free(buf);
        return -1;
    }
    *o = '\0';
    *out = buf;
    *outlen = (size_t)(o - buf);
    return 0;
}

static int utf8_valid(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            len = 2;
            min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            min = 0x10000;
        } else {
            *bad = i;
            return 0;
        }
        if (i + len > n) {
            *bad = i;
            return 0;
        }
        unsigned cp = c & (0x7f >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                *bad = i;
                return 0;
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            *bad = i;
            return 0;
        }
        i += len;
    }
    return 1;
}

static int try_decode(const char *canonical, const unsigned char *data, size_t len, char **out,
                      size_t *outlen)
{
    size_t bad;
    if (strcmp(canonical, "UTF-8") == 0) {
        if (!utf8_valid(data, len, &bad))
            return -1;
        *out = xstrndup((const char *)data, len);
        *outlen = len;
        return 0;
    }
    return fl_iconv_to_utf8(iconv_name(canonical), data, len, out, outlen, &bad);
}

int fl_html_decode(const unsigned char *data, size_t len, const char *declared, char **out,
                   size_t *outlen, const char **encoding, char *err, size_t errsize)
{
    if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf) {
        *encoding = "UTF-8";
        if (try_decode("UTF-8", data + 3, len - 3, out, outlen) == 0)
            return 0;
    }
    const char *meta = fl_html_meta_charset(data, len);
    /* A Latin-1 label on a Chinese portal is nearly always a server
     * default, so it only wins when nothing else decodes. */
    const char *order[5] = { declared, meta, "UTF-8", "GB18030", "WINDOWS-1252" };
    for (size_t i = 0; i < 5; i++) {
        if (order[i] == NULL || (i < 2 && strcmp(order[i], "WINDOWS-1252") == 0))
            continue;
        if (try_decode(order[i], data, len, out, outlen) == 0) {
            *encoding = order[i];
            return 0;
        }
    }
    size_t bad = 0;
    utf8_valid(data, len, &bad);
    snprintf(err, errsize, "第 %zu 字节处有无效的字节序列 (0x%02x)：既不是 UTF-8 也不是 GBK/GB18030",
             bad, bad < len ? data[bad] : 0);
    return -1;
}
