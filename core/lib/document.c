/* document.c — building a document model from UTF-8 text: split into
 * lines (pages at '\f'), normalise, then run the passes of parse.h. */
#include "document.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "text.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Small text helpers shared by the passes                              */
/* ------------------------------------------------------------------ */

int fl_text_is_blank(const char *s)
{
    size_t k;
    while (*s) {
        if ((k = fl_space_len(s)) == 0)
            return 0;
        s += k;
    }
    return 1;
}

const unsigned char fl_space_lead_or_end[256] = {
    [0] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, [0xC2] = 1, [0xE3] = 1,
};

void fl_trim_bounds(const char *s, size_t len, size_t *start, size_t *tlen)
{
    /* The last bytes of the spaces, with their lengths: most texts end in
     * none of them, told by one look. */
    static const unsigned char space_end[256] = {
        [' '] = 1, ['\t'] = 1, ['\r'] = 1, [0x80] = 3, [0xA0] = 2,
    };
    const unsigned char *p = (const unsigned char *)s;
    size_t a = 0, k;
    while (a < len && fl_space_lead_or_end[p[a]] && (k = fl_space_len(s + a)) > 0 &&
           a + k <= len)
        a += k;
    /* Trailing spaces, from the end.  Their first bytes (ASCII, 0xE3,
     * 0xC2) are never continuation bytes, so a space found backwards is
     * the one a forward scan would find. */
    size_t end = len;
    while (end > a) {
        switch (space_end[p[end - 1]]) {
        case 1:
            end--;
            continue;
        case 3:
            if (end - a >= 3 && p[end - 3] == 0xE3 && p[end - 2] == 0x80) {
                end -= 3;
                continue;
            }
            break;
        case 2:
            if (end - a >= 2 && p[end - 2] == 0xC2) {
                end -= 2;
                continue;
            }
            break;
        }
        break;
    }
    *start = a;
    *tlen = end - a;
}

char *fl_trim_dup(const char *s, size_t len)
{
    size_t a, n;
    fl_trim_bounds(s, len, &a, &n);
    return xstrndup(s + a, n);
}

/* The bytes a space (fl_space_len) can start with. */
size_t fl_strip_spaces_into(char *out, const char *s, size_t n)
{
    /* Runs of bytes that start no space are copied whole.  out may be s
     * (it only shortens), hence memmove. */
    size_t o = 0, i = 0, k;
    while (i < n) {
        size_t run = fl_next_space(s, i, n);
        memmove(out + o, s + i, run - i);
        o += run - i;
        i = run;
        if (i == n)
            break;
        if ((k = fl_space_len(s + i)) > 0)
            i += k;
        else
            out[o++] = s[i++];
    }
    out[o] = '\0';
    return o;
}

char *fl_strip_spaces_dup(const char *s)
{
    size_t n = strlen(s);
    char *out = xmalloc(n + 1);
    fl_strip_spaces_into(out, s, n);
    return out;
}

/* The last character of s[0..len), trimmed already; *start gets its
 * offset.  Returns its byte length, 0 when s is empty. */
static size_t last_char(const char *s, size_t len, size_t *start)
{
    if (len == 0)
        return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    *start = i;
    return len - i;
}

int fl_ends_sentence(const char *s, size_t len)
{
    /* The finals: ; : ! ? . ) ] and 。 ” ’ 」 』 】 》 …, told by their
     * bytes rather than compared one by one (every paragraph line asks). */
    size_t start = 0, n = last_char(s, len, &start);
    const unsigned char *c = (const unsigned char *)s + start;
    if (n == 1)
        return memchr(";:!?.)]", c[0], 7) != NULL;
    if (n != 3)
        return 0;
    switch ((uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2]) {
    case 0xE38082: /* 。 */
    case 0xE2809D: /* ” */
    case 0xE28099: /* ’ */
    case 0xE3808D: /* 」 */
    case 0xE3808F: /* 』 */
    case 0xE38091: /* 】 */
    case 0xE3808B: /* 》 */
    case 0xE280A6: /* … */
        return 1;
    default:
        return 0;
    }
}

int fl_looks_like_table_title(const char *norm)
{
    static const char *const words[] = { "决算表", "自评表", "汇总表", "明细表", "情况表" };
    size_t a, n;
    fl_trim_bounds(norm, strlen(norm), &a, &n);
    const char *s = norm + a;
    if (n == 0)
        return 0;
    /* "**表2. …**" and "表 1. …" */
    while (*s == '*' || *s == '#')
        s++;
    if (strncmp(s, "表", 3) == 0) {
        const char *q = s + 3;
        while (*q == ' ')
            q++;
        if (*q >= '0' && *q <= '9')
            return 1;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(norm, words[i]) != NULL)
            return 1;
    /* ends with 表 (ignoring trailing bold markers and spaces) */
    size_t end = a + n;
    while (end > a && norm[end - 1] == '*')
        end--;
    return end >= a + 3 && memcmp(norm + end - 3, "表", 3) == 0;
}

/* fl_strip_markdown into out, which has room for strlen(norm) + 1
 * bytes; returns the length. */
static size_t strip_markdown_into(const char *norm, char *out, int *md_level)
{
    size_t a, n;
    fl_trim_bounds(norm, strlen(norm), &a, &n);
    const char *s = norm + a;
    int level = 0;
    while (level < (int)n && s[level] == '#')
        level++;
    /* "#" must be followed by a space (or end) to be a markdown heading. */
    if (level > 0 && level <= 6 && (s[level] == ' ' || s[level] == '\0' || level == (int)n)) {
        s += level;
        n -= (size_t)level;
    } else {
        level = 0;
    }
    /* Removing "**" only shortens the text.  Most lines have no '*'. */
    size_t o = 0;
    int stars = 0;
    for (size_t i = 0; i < n;) {
        const char *star = memchr(s + i, '*', n - i);
        size_t run = star != NULL ? (size_t)(star - s) : n;
        memcpy(out + o, s + i, run - i);
        o += run - i;
        i = run;
        if (i == n)
            break;
        stars = 1;
        if (i + 1 < n && s[i + 1] == '*')
            i += 2;
        else
            out[o++] = s[i++];
    }
    out[o] = '\0';
    if (level == 0 && !stars) { /* most lines: the trimmed line, as is */
        if (md_level)
            *md_level = 0;
        return o;
    }
    /* A lone leading/trailing '*' left over from "*表2. …**". */
    size_t ra, rn;
    fl_trim_bounds(out, o, &ra, &rn);
    while (rn > 0 && out[ra] == '*') {
        ra++;
        rn--;
    }
    while (rn > 0 && out[ra + rn - 1] == '*')
        rn--;
    size_t ta, tn;
    fl_trim_bounds(out + ra, rn, &ta, &tn);
    memmove(out, out + ra + ta, tn);
    out[tn] = '\0';
    if (md_level)
        *md_level = level;
    return tn;
}

char *fl_strip_markdown(const char *norm, int *md_level)
{
    char *out = xmalloc(strlen(norm) + 1);
    strip_markdown_into(norm, out, md_level);
    return out;
}

const char *fl_strip_markdown_buf(const char *norm, fl_buf *scratch, int compact, int *md_level)
{
    size_t n = strip_markdown_into(norm, fl_buf_reset(scratch, strlen(norm)), md_level);
    if (compact)
        n = fl_strip_spaces_into(scratch->data, scratch->data, n); /* in place: it only shortens */
    scratch->len = n;
    return scratch->data;
}

/* ------------------------------------------------------------------ */
/* Lines and pages                                                      */
/* ------------------------------------------------------------------ */

/* Bytes of line n (0-based): lines sit one after the other in line_buf,
 * each ended by its NUL; all of them take `total` bytes. */
static size_t line_len(const fl_document *doc, size_t n, size_t total)
{
    const char *end = n + 1 < doc->nlines ? doc->lines[n + 1] : doc->line_buf + total;
    return (size_t)(end - doc->lines[n]) - 1;
}

/* The normalised lines.  Most lines of a report hold no character that
 * normalising changes (full-width forms, U+3000): those share the
 * original line, and only the others are normalised, packed in norm_buf. */
static void normalize_lines(fl_document *doc, size_t total)
{
    size_t nlines = doc->nlines;
    doc->norm = xmalloc((nlines ? nlines : 1) * sizeof *doc->norm);
    /* First which lines change (their lengths bound the packed buffer:
     * every fold shortens), then those lines alone are normalised.  The
     * folds are looked for in all the lines at once, lines and their NULs
     * being one run of bytes, from the line after each line found; the
     * lines before a fold are passed by their starts alone. */
    size_t *changed = xmalloc((nlines ? nlines : 1) * sizeof *changed), nchanged = 0;
    size_t room = 0;
    for (size_t n = 0; n < nlines; n++) {
        const char *fold = doc->line_buf + fl_next_fold(doc->line_buf,
                                                        (size_t)(doc->lines[n] - doc->line_buf),
                                                        total);
        while (n + 1 < nlines && doc->lines[n + 1] <= fold) {
            doc->norm[n] = doc->lines[n];
            n++;
        }
        if (fold == doc->line_buf + total) { /* no fold in the last lines */
            doc->norm[n] = doc->lines[n];
            continue;
        }
        /* A fold holds no NUL: it lies in line n. */
        changed[nchanged++] = n;
        room += line_len(doc, n, total) + 1;
    }
    char *packed = xmalloc(room ? room : 1);
    size_t w = 0;
    for (size_t k = 0; k < nchanged; k++) {
        size_t n = changed[k];
        doc->norm[n] = packed + w;
        w += fl_normalize_into(packed + w, doc->lines[n], line_len(doc, n, total)) + 1;
    }
    free(changed);
    doc->norm_buf = packed; /* its spare bytes are the ones folds saved */
}

/* Copy the input into one buffer of NUL-terminated lines: '\n' ends a
 * line, a '\r' before it is dropped, '\f' is removed (counting pages) and
 * NUL bytes become spaces.  One allocation for all lines; a text with
 * neither '\f' nor NUL (all but PDFs) is copied a line at a time, or in
 * one pass (fl_split_copy) when it has no '\r' either. */
static void split_lines(fl_document *doc, const char *text, size_t len, int no_cr)
{
    char *buf = xmalloc(len + 1);
    size_t nlines = 0, pages_cap = 0, o = 0;
    /* Room for lines of 32 bytes on average (a report's are longer), so
     * that the array seldom grows; it is trimmed below. */
    size_t cap = len / 32 + 16;
    char **lines = xmalloc(cap * sizeof *lines);
    int *pages = NULL;
    int has_ff = len > 0 && memchr(text, '\f', len) != NULL;
    int plain = !has_ff && (len == 0 || memchr(text, '\0', len) == NULL);
    int page = 1, next_page = 1;

    /* No empty line after a final newline, none for an empty text. */
    if (plain && no_cr) {
        /* Most texts: copied and cut at their newlines in one pass. */
        o = fl_split_copy(buf, text, len, &lines, &cap, &nlines);
    } else {
        for (size_t i = 0; i < len;) {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t end = nl ? (size_t)(nl - text) : len;
            size_t line_start = o;
            if (plain) {
                memcpy(buf + o, text + i, end - i);
                o += end - i;
            } else {
                for (size_t k = i; k < end; k++) {
                    char c = text[k];
                    if (c == '\f') {
                        /* At the start of a line the break belongs to this
                         * line's page; elsewhere the next line starts it. */
                        if (o == line_start)
                            page = ++next_page;
                        else
                            next_page++;
                        continue;
                    }
                    buf[o++] = c == '\0' ? ' ' : c;
                }
            }
            if (o > line_start && buf[o - 1] == '\r')
                o--;
            buf[o] = '\0';
            lines = xgrow(lines, &cap, nlines + 1, sizeof *lines);
            lines[nlines] = buf + line_start;
            if (has_ff) {
                if (pages_cap < cap) {
                    pages = xrealloc(pages, cap * sizeof *pages);
                    pages_cap = cap;
                }
                pages[nlines] = page;
            }
            nlines++;
            o++;
            page = next_page;
            i = end + 1;
        }
    }
    /* Trim the arrays to the lines there are. */
    if (cap > nlines && nlines > 0) {
        lines = xrealloc(lines, nlines * sizeof *lines);
        if (pages != NULL)
            pages = xrealloc(pages, nlines * sizeof *pages);
    }
    doc->line_buf = buf;
    doc->lines = lines;
    doc->nlines = nlines;
    doc->pages = pages;
    normalize_lines(doc, o); /* o: the bytes of all lines and their NULs */
}

/* "- 1 -", "— 12 —": a page number left by a PDF conversion. */
static int is_page_number(const char *norm)
{
    /* Asked of every line: most start with neither. */
    const char *first = norm + fl_skip_spaces(norm);
    if (*first != '-' && (unsigned char)*first != 0xE2)
        return 0;
    size_t a, n;
    fl_trim_bounds(norm, strlen(norm), &a, &n);
    const char *s = norm + a, *end = norm + a + n;
    size_t k;
    if (s < end && *s == '-')
        k = 1;
    else if (strncmp(s, "\xE2\x80\x94", 3) == 0) /* — */
        k = 3;
    else
        return 0;
    s += k;
    while (s < end && *s == ' ')
        s++;
    int digits = 0;
    while (s < end && *s >= '0' && *s <= '9') {
        s++;
        digits++;
    }
    while (s < end && *s == ' ')
        s++;
    if (digits == 0 || digits > 4)
        return 0;
    return (end - s == 1 && *s == '-') || (end - s == 3 && strncmp(s, "\xE2\x80\x94", 3) == 0);
}

fl_document *fl_document_from_text(const char *source, const char *format,
                                   const char *utf8, size_t len)
{
    fl_document *doc = xcalloc(1, sizeof *doc);
    doc->source = xstrdup(source ? source : "");
    doc->format = xstrdup(format ? format : "text");
    if (utf8 == NULL)
        len = 0;
    fl_parse p = { 0 };
    p.doc = doc;
    p.no_cr = utf8 == NULL || len == 0 || memchr(utf8, '\r', len) == NULL;
    split_lines(doc, utf8 ? utf8 : "", len, p.no_cr);

    p.no_lt = utf8 == NULL || len == 0 || memchr(utf8, '<', len) == NULL;
    p.kind = xcalloc(doc->nlines ? doc->nlines : 1, 1);
    for (size_t i = 0; i < doc->nlines; i++) {
        /* Most lines start with a byte that starts no space, '-' or —. */
        unsigned char b = (unsigned char)doc->norm[i][0];
        if (!fl_space_lead_or_end[b] && b != '-' && b != 0xE2)
            continue;
        if (fl_text_is_blank(doc->norm[i]) || is_page_number(doc->norm[i]))
            p.kind[i] = FL_LINE_BLANK;
    }

    fl_parse_tables(&p);
    fl_parse_sections(&p);
    for (size_t i = 0; i < doc->ntables; i++) {
        fl_table *t = doc->tables[i];
        if (t->line >= 1 && t->line <= doc->nlines)
            t->section = doc->line_section[t->line - 1];
    }
    fl_parse_identity(&p);
    fl_parse_paragraphs(&p);
    fl_parse_amounts(&p);
    free(p.kind);
    return doc;
}

void fl_document_set_unit(fl_document *doc, const char *unit)
{
    if (unit == NULL)
        return;
    free(doc->unit);
    doc->unit = xstrdup(unit);
}

void fl_document_set_related(fl_document *doc, const fl_document *const *docs, size_t n)
{
    doc->related = n > 0 ? docs : NULL;
    doc->nrelated = n > 0 ? n : 0;
}

void fl_document_free(fl_document *doc)
{
    if (doc == NULL)
        return;
    free(doc->sections); /* each section and its strings are in doc->strings */
    free(doc->paragraphs); /* each paragraph is in doc->strings */
    free(doc->amounts); /* their label and text are in doc->strings */
    for (size_t i = 0; i < doc->ntables; i++)
        fl_table_free(doc->tables[i]);
    free(doc->tables);
    fl_pool_release(&doc->strings);
    free(doc->line_section);
    free(doc->lines);
    free(doc->norm);
    free(doc->line_buf);
    free(doc->norm_buf);
    free(doc->pages);
    free(doc->title);
    free(doc->unit);
    free(doc->source);
    free(doc->format);
    free(doc);
}
