/* paragraphs.c — runs of narrative lines.
 *
 * A paragraph ends with a line that ends a sentence (。；：！？ or a
 * closing quote/bracket), or at a heading, a table or table furniture.
 * A line that stops mid-sentence is joined with the next narrative line,
 * even across blank lines — text converted from PDF breaks sentences
 * anywhere ("…年初预算\n\n数为0万元") — unless that line starts a new
 * numbered or list item.  Lines are joined without separators. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "text.h"
#include "util.h"

/* Blank lines a broken sentence may span. */
#define JOIN_MAX_BLANKS 3
/* A line this short without any punctuation stands alone ("项目支出情况"). */
#define STANDALONE_MAX_CHARS 16

static int starts_item(const char *norm)
{
    const char *s = norm + fl_skip_spaces(norm);
    if ((s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        return 1;
    while (*s == '*')
        s++;
    int value;
    size_t len;
    return fl_numbering_at(s, &value, &len) != FL_NUM_NONE;
}

static int has_any_punct(const char *s)
{
    static const char *const marks[] = {
        "\xE3\x80\x82", "\xE3\x80\x81", ",", ";", ":", "!", "?", "(", ")",
        "\xE2\x80\x9C", "\xE2\x80\x9D",
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strstr(s, marks[i]) != NULL)
            return 1;
    return 0;
}

/* The text a line adds to its paragraph: trimmed, without a markdown list
 * marker and without "**" bold markers.  Returns the trimmed line's
 * length, from norm + *start. */
static size_t append_line(fl_buf *b, const char *norm, size_t *start_out)
{
    size_t a, n;
    fl_trim_bounds(norm, strlen(norm), &a, &n);
    *start_out = a;
    size_t trimmed = n;
    const char *s = norm + a;
    if (n >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ') {
        s += 2;
        n -= 2;
        size_t k;
        while (n > 0 && (k = fl_space_len(s)) > 0 && k <= n) {
            s += k;
            n -= k;
        }
    }
    /* Most lines have no '*': memchr passes over them many bytes at a time. */
    size_t start = 0;
    for (const char *q = s; (q = memchr(q, '*', n - (size_t)(q - s))) != NULL;) {
        size_t i = (size_t)(q - s);
        if (i + 1 < n && s[i + 1] == '*') {
            fl_buf_append(b, s + start, i - start);
            start = i + 2;
            q = s + start;
        } else {
            q++;
        }
    }
    fl_buf_append(b, s + start, n - start);
    return trimmed;
}

typedef struct builder {
    fl_buf text;
    size_t first, last;      /* 0-based lines; first == SIZE_MAX: none open */
    size_t *offsets;
    size_t noffsets, cap;
} builder;

static void flush(fl_parse *p, builder *b)
{
    fl_document *doc = p->doc;
    if (b->first == (size_t)-1)
        return;
    /* The paragraph, its text and its offsets are the document's pool's;
     * b's buffers are used again for the next one. */
    fl_pool *pool = &doc->strings;
    fl_paragraph *par = fl_pool_alloc_array(pool, 1, sizeof *par);
    memset(par, 0, sizeof *par);
    par->text = fl_pool_strndup(pool, b->text.data ? b->text.data : "", b->text.len);
    b->text.len = 0;
    par->line = b->first + 1;
    par->end_line = b->last + 1;
    par->section = doc->line_section ? doc->line_section[b->first] : NULL;
    /* Keep only the offsets up to the last line (trailing blanks are not
     * part of the paragraph). */
    par->nline_offsets = b->last - b->first + 1;
    par->line_offsets = fl_pool_alloc_array(pool, par->nline_offsets, sizeof *par->line_offsets);
    memcpy(par->line_offsets, b->offsets, par->nline_offsets * sizeof *par->line_offsets);
    doc->paragraphs = xgrow(doc->paragraphs, &p->paragraphs_cap, doc->nparagraphs + 1,
                            sizeof *doc->paragraphs);
    doc->paragraphs[doc->nparagraphs++] = par;
    b->first = (size_t)-1;
    b->noffsets = 0;
}

static void add_offset(builder *b, size_t off)
{
    b->offsets = xgrow(b->offsets, &b->cap, b->noffsets + 1, sizeof *b->offsets);
    b->offsets[b->noffsets++] = off;
}

void fl_parse_paragraphs(fl_parse *p)
{
    fl_document *doc = p->doc;
    builder b = { .first = (size_t)-1 };
    int joinable = 0;   /* the open paragraph stopped mid-sentence */
    int blanks = 0;     /* blank lines since its last line */

    for (size_t i = 0; i < doc->nlines; i++) {
        const char *norm = doc->norm[i];
        switch (p->kind[i]) {
        case FL_LINE_BLANK:
            blanks++;
            if (b.first != (size_t)-1 && blanks > JOIN_MAX_BLANKS) {
                flush(p, &b);
                joinable = 0;
            }
            continue;
        case FL_LINE_TEXT:
            break;
        default: /* heading, table, table furniture */
            flush(p, &b);
            joinable = 0;
            continue;
        }
        if (b.first != (size_t)-1 && !(joinable && !starts_item(norm)))
            flush(p, &b);
        if (b.first == (size_t)-1) {
            b.first = i;
            b.noffsets = 0;
        }
        /* Blank lines inside the paragraph repeat the next line's offset. */
        while (b.first + b.noffsets < i)
            add_offset(&b, b.text.len);
        add_offset(&b, b.text.len);
        size_t ta, tn = append_line(&b.text, norm, &ta);
        b.last = i;
        blanks = 0;
        joinable = !fl_ends_sentence(norm + ta, tn) &&
                   !(fl_char_count(norm, STANDALONE_MAX_CHARS + 1) <= STANDALONE_MAX_CHARS &&
                     !has_any_punct(norm));
        if (!joinable)
            flush(p, &b);
    }
    flush(p, &b);
    fl_buf_free(&b.text);
    free(b.offsets);
}
