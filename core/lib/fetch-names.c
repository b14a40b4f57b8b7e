/* fetch-names.c — names for saved files.  A server chooses the name (URL,
 * Content-Disposition), so it is untrusted: nothing it says may lead a
 * write outside the output directory. */
#include "fetch-internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

char *fl_percent_decode(const char *s, size_t n, size_t *outlen)
{
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n &&
            (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
            (lo = hexval((unsigned char)s[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

/* Bytes to UTF-8: as they are when valid, else from GB18030 (a
 * superset of GBK).  NULL when neither works.  Caller frees. */
static char *bytes_to_utf8(const char *s, size_t n)
{
    char *out = NULL;
    size_t outlen;
    if (fl_iconv_to_utf8("UTF-8", (const unsigned char *)s, n, &out, &outlen, &(size_t){ 0 }) ==
        0)
        return out;
    if (fl_iconv_to_utf8("GB18030", (const unsigned char *)s, n, &out, &outlen,
                         &(size_t){ 0 }) == 0)
        return out;
    return NULL;
}

/* RFC 5987 ext-value: charset'lang'pct-encoded. */
static char *ext_value(const char *v, size_t n)
{
    const char *q1 = memchr(v, '\'', n);
    if (q1 == NULL)
        return NULL;
    const char *q2 = memchr(q1 + 1, '\'', n - (size_t)(q1 + 1 - v));
    if (q2 == NULL)
        return NULL;
    size_t rawlen;
    char *raw = fl_percent_decode(q2 + 1, n - (size_t)(q2 + 1 - v), &rawlen);
    const char *cs = fl_charset_canonical(v, (size_t)(q1 - v));
    char *out = NULL;
    size_t outlen;
    size_t bad;
    if (cs != NULL && strcmp(cs, "UTF-8") != 0) {
        const char *from = strcmp(cs, "BIG5") == 0 ? "BIG5"
                           : strcmp(cs, "WINDOWS-1252") == 0 ? "WINDOWS-1252"
                                                             : "GB18030";
        if (fl_iconv_to_utf8(from, (unsigned char *)raw, rawlen, &out, &outlen, &bad) != 0)
            out = NULL;
    } else {
        out = bytes_to_utf8(raw, rawlen);
    }
    free(raw);
    return out;
}

/* The value of parameter `name` (quoted-string unquoted) or NULL.
 * *n gets its length; quoted values are copied into an owned buffer. */
static char *param(const char *h, const char *name)
{
    size_t nlen = strlen(name);
    const char *p = h;
    while (*p) {
        /* Skip to the start of a parameter. */
        while (*p == ';' || *p == ' ' || *p == '\t')
            p++;
        const char *key = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        size_t klen = (size_t)(p - key);
        while (klen > 0 && (key[klen - 1] == ' ' || key[klen - 1] == '\t'))
            klen--;
        if (*p != '=') {
            continue;
        }
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        fl_buf val = { 0 };
        if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1])
                    p++;
                fl_buf_append(&val, p, 1);
                p++;
            }
            if (*p == '"')
                p++;
        } else {
            const char *v = p;
            while (*p && *p != ';')
                p++;
            size_t vlen = (size_t)(p - v);
            while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            fl_buf_append(&val, v, vlen);
        }
        if (klen == nlen && strncasecmp(key, name, nlen) == 0)
            return val.data ? fl_buf_steal(&val) : xstrdup("");
        fl_buf_free(&val);
    }
    return NULL;
}

char *fl_disposition_filename(const char *value)
{
    if (value == NULL)
        return NULL;
    char *v = param(value, "filename*");
    if (v != NULL) {
        char *out = ext_value(v, strlen(v));
        free(v);
        if (out != NULL && *out)
            return out;
        free(out);
    }
    v = param(value, "filename");
    if (v == NULL)
        return NULL;
    char *out = NULL;
    /* Servers percent-encode non-ASCII names in plain filename= too. */
    if (strchr(v, '%') != NULL) {
        size_t dlen;
        char *dec = fl_percent_decode(v, strlen(v), &dlen);
        out = bytes_to_utf8(dec, dlen);
        free(dec);
    }
    if (out == NULL)
        out = bytes_to_utf8(v, strlen(v));
    free(v);
    if (out != NULL && *out == '\0') {
        free(out);
        out = NULL;
    }
    return out;
}

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_seq(const unsigned char *s)
{
    size_t len;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2)
        len = 2;
    else if ((s[0] & 0xf0) == 0xe0)
        len = 3;
    else if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4)
        len = 4;
    else
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    /* No overlong forms, no surrogates, nothing past U+10FFFF (found by
     * tests/fuzz/fuzz-names.c). */
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
        return 0;
    return len;
}

char *fl_safe_file_name(const char *name, const char *ext)
{
    if (name == NULL)
        name = "";
    /* Only the last component of either kind of path counts. */
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    fl_buf b = { 0 };
    const unsigned char *s = (const unsigned char *)base;
    while (*s) {
        size_t n = utf8_seq(s);
        if (n == 0) {
            fl_buf_puts(&b, "_");
            s++;
        } else if (n == 1 && (*s < 0x20 || *s == 0x7f || strchr("<>:\"|?*", *s))) {
            fl_buf_puts(&b, "_");
            s++;
        } else {
            fl_buf_append(&b, (const char *)s, n);
            s += n;
        }
    }
    char *out = b.data ? fl_buf_steal(&b) : xstrdup("");
    /* No hidden files, no "." or "..", no trailing dots or spaces. */
    size_t start = 0;
    while (out[start] == '.' || out[start] == ' ')
        start++;
    memmove(out, out + start, strlen(out + start) + 1);
    size_t len = strlen(out);
    while (len > 0 && (out[len - 1] == '.' || out[len - 1] == ' '))
        out[--len] = '\0';
    if (len == 0) {
        free(out);
        out = xstrdup("download");
        len = strlen(out);
    }
    /* Keep the extension when cutting a long name. */
    const char *dot = strrchr(out, '.');
    size_t extlen = dot ? strlen(dot) : 0;
    if (extlen > 16)
        extlen = 0;
    const size_t limit = 150;
    if (len > limit) {
        size_t keep = limit - extlen;
        /* Back up to a character boundary. */
        while (keep > 0 && ((unsigned char)out[keep] & 0xc0) == 0x80)
            keep--;
        char *cut = xmalloc(keep + extlen + 1);
        memcpy(cut, out, keep);
        memcpy(cut + keep, out + len - extlen, extlen);
        cut[keep + extlen] = '\0';
        free(out);
        out = cut;
    }
    if (ext != NULL && *ext && strchr(out, '.') == NULL) {
        char *with = xasprintf("%s%s", out, ext);
        free(out);
        out = with;
    }
    return out;
}
