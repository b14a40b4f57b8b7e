/* ds-units.c — the units compared by duplicate-sections: one per narrative
 * line (tables left out), with what may legitimately repeat marked:
 * headings, table notes (注：1. … 5.), 名词解释 and short lines. */
#include <stdlib.h>
#include <string.h>

#include "ds.h"

/* Decode one UTF-8 sequence at s; bad bytes decode as themselves. */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
        return 2;
    }
    if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
        return 3;
    }
    if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
        (s[3] & 0xc0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
              ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
        return 4;
    }
    *cp = s[0];
    return 1;
}

/* 一二三四五六七八九十百零〇: a switch, which the compiler makes a few
 * comparisons rather than a walk through all 13. */
static int is_cn_numeral(uint32_t c)
{
    switch (c) {
    case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db: case 0x4e94: case 0x516d: case 0x4e03:
    case 0x516b: case 0x4e5d: case 0x5341: case 0x767e: case 0x96f6: case 0x3007:
        return 1;
    default:
        return 0;
    }
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

#define CP_COMMA_CN 0xff0c  /* ， (kept when not folded) */
#define CP_DUNHAO 0x3001    /* 、 */
#define CP_PERIOD_CN 0x3002 /* 。 */

/* Length of an outline number at the start of cp ("一、", "(一)", "1.",
 * "1、", "(1)"), or 0. */
static size_t outline_prefix(const uint32_t *cp, size_t n)
{
    size_t i = 0;
    if (n > 0 && cp[0] == '(') {
        i = 1;
        while (i < n && (is_cn_numeral(cp[i]) || is_digit(cp[i])))
            i++;
        return i > 1 && i < n && cp[i] == ')' ? i + 1 : 0;
    }
    if (n > 0 && is_cn_numeral(cp[0])) {
        while (i < n && is_cn_numeral(cp[i]))
            i++;
        return i < n && (cp[i] == CP_DUNHAO || cp[i] == '.') ? i + 1 : 0;
    }
    while (i < n && is_digit(cp[i]))
        i++;
    if (i == 0 || i >= n)
        return 0;
    if (cp[i] == CP_DUNHAO || cp[i] == ')')
        return i + 1;
    /* "1." but not the decimal "1.2". */
    if (cp[i] == '.' && !(i + 1 < n && is_digit(cp[i + 1])))
        return i + 1;
    return 0;
}

/* Length of a short label ending in ':' ("社会效益:"), or 0. */
static size_t label_prefix(const uint32_t *cp, size_t n)
{
    for (size_t i = 0; i < n && i < 12; i++) {
        /* Most characters lie between 。 and ，, where none of these is. */
        if (cp[i] - (CP_PERIOD_CN + 1) < CP_COMMA_CN - (CP_PERIOD_CN + 1))
            continue;
        if (cp[i] == ':')
            return i + 1;
        if (cp[i] == ',' || cp[i] == CP_COMMA_CN || cp[i] == CP_PERIOD_CN || cp[i] == ';')
            return 0;
    }
    return 0;
}

/* Whether t starts with s; most lines differ in the first byte, told
 * without a call. */
static int starts_with(const char *t, const char *s)
{
    return t[0] == s[0] && strncmp(t, s, strlen(s)) == 0;
}

/* A line starting a table note: "注:", "注1.", "注：1、", "备注". */
static int starts_note(const char *t)
{
    if (starts_with(t, "备注"))
        return 1;
    if (!starts_with(t, "注"))
        return 0;
    char c = t[strlen("注")];
    return c == ':' || (c >= '0' && c <= '9') || c == '.' || starts_with(t + strlen("注"), "、");
}

static int starts_numbered(const char *t)
{
    return (t[0] >= '0' && t[0] <= '9') || t[0] == '(';
}

/* A buffer reused from line to line: most lines (blank lines, table
 * rows) never become units, and a unit's own text is then stored once, at
 * its final size. */
typedef struct scratch {
    char *text;
    size_t cap;          /* bytes text holds */
} scratch;

/* Room most lines fit in at once: growing from the first line's size
 * took several reallocs per report, each copying the line before. */
#define SCRATCH_MIN 4096

static int scratch_fit(scratch *sc, size_t n)
{
    if (n <= sc->cap)
        return 0;
    size_t cap = n > 2 * sc->cap ? n : 2 * sc->cap;
    if (cap < SCRATCH_MIN)
        cap = SCRATCH_MIN;
    char *text = realloc(sc->text, cap);
    if (text == NULL)
        return -1;
    sc->text = text;
    sc->cap = cap;
    return 0;
}

#define NOT_A_UNIT ((size_t)-1)
#define NO_MEMORY ((size_t)-2)

/* The normalised line without spaces and markdown '#' marks, into
 * sc->text; returns its length, NOT_A_UNIT for a table row (a line with a
 * tab) or NO_MEMORY. */
static size_t plain_line(const char *norm, scratch *sc)
{
    size_t n = strlen(norm), j = 0;
    if (scratch_fit(sc, n + 8) != 0)
        return NO_MEMORY;
    if (memchr(norm, '\t', n) != NULL)
        return NOT_A_UNIT;
    size_t i = 0;
    while (norm[i] == ' ' || norm[i] == '#')
        i++;
    /* Spaces are few: copy the stretches between them whole. */
    while (i < n) {
        const char *space = memchr(norm + i, ' ', n - i);
        size_t end = space != NULL ? (size_t)(space - norm) : n;
        memcpy(sc->text + j, norm + i, end - i);
        j += end - i;
        for (i = end; i < n && norm[i] == ' '; i++)
            ;
    }
    memset(sc->text + j, '\0', 8); /* eight: see make_body */
    return j;
}

/* The units' text and code points are carved from large blocks and freed
 * together.  A check runs in a freshly forked worker, where small mallocs
 * reuse chunks the parent freed all over its heap: each would cost the
 * copy of a page. */
struct ds_block {
    ds_block *next;
    size_t used, size;
    uint32_t data[];     /* 4-byte aligned, for code points */
};

#define BLOCK_BYTES (64 * 1024)

/* n bytes, 4-byte aligned, that live until ds_units_free; NULL on OOM. */
static void *carve(ds_units *u, size_t n)
{
    size_t words = (n + sizeof(uint32_t) - 1) / sizeof(uint32_t);
    ds_block *b = u->blocks;
    if (b == NULL || b->size - b->used < words) {
        size_t size = words > BLOCK_BYTES / sizeof(uint32_t) ? words : BLOCK_BYTES / sizeof(uint32_t);
        b = malloc(sizeof *b + size * sizeof(uint32_t));
        if (b == NULL)
            return NULL;
        b->next = u->blocks;
        b->used = 0;
        b->size = size;
        u->blocks = b;
    }
    void *p = b->data + b->used;
    b->used += words;
    return p;
}

static int push(ds_units *u, const ds_unit *x)
{
    if (u->count == u->cap) {
        /* Larger reports outgrew 256 units, copying them all to grow. */
        size_t cap = u->cap ? u->cap * 2 : 1024;
        ds_unit *grown = realloc(u->items, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        u->items = grown;
        u->cap = cap;
    }
    u->items[u->count++] = *x;
    return 0;
}

/* The 8 bytes at p as one number, p[0] lowest. */
static uint64_t load_le64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* The three-byte character whose bytes are w's lowest three. */
static uint32_t three_byte(uint64_t w)
{
    return (uint32_t)((w & 0x0f) << 12 | (w & 0x3f00) >> 2 | (w & 0x3f0000) >> 16);
}

/* x->text and x->cp, the body of the plain line sc->text[0..n).  The
 * code points, at most n, are decoded straight into a block, and the room
 * they did not take is given back. */
static int make_body(ds_units *u, ds_unit *x, scratch *sc, size_t n)
{
    uint32_t *cp = carve(u, n * sizeof *cp);
    if (cp == NULL)
        return -1;
    /* Most characters are Chinese, three bytes: decoded here two at a
     * time from one load, without first asking decode's other questions.
     * plain_line ends the line with eight '\0's, so p[7] can always be
     * read, and a character is never found in them. */
    const unsigned char *p = (const unsigned char *)sc->text, *end = p + n;
    uint32_t *q = cp;
    while (p < end) {
        uint64_t w = load_le64(p);
        if ((w & 0xc0c0f0c0c0f0) == 0x8080e08080e0) {
            /* Both at once: three_byte's steps on each 24-bit half. */
            uint64_t both = (w & 0x0f00000f) << 12 | (w & 0x3f00003f00) >> 2 |
                            (w & 0x3f00003f0000) >> 16;
            q[0] = (uint32_t)(both & 0xffff);
            q[1] = (uint32_t)(both >> 24 & 0xffff);
            q += 2;
            p += 6;
        } else if ((w & 0xc0c0f0) == 0x8080e0) {
            *q++ = three_byte(w);
            p += 3;
        } else
            p += decode(p, q++);
    }
    size_t k = (size_t)(q - cp);
    u->blocks->used -= n - k; /* carve's block, the latest */
    size_t skip = outline_prefix(cp, k);
    skip += label_prefix(cp + skip, k - skip);
    x->cp = cp + skip;
    x->ncp = k - skip;
    x->text = carve(u, n + 1);
    if (x->text == NULL)
        return -1;
    memcpy(x->text, sc->text, n + 1);
    return 0;
}

static unsigned char *table_mask(const fl_document *doc, size_t nlines)
{
    unsigned char *mask = calloc(nlines + 2, 1);
    if (mask == NULL)
        return NULL;
    size_t nt = fl_doc_table_count(doc);
    for (size_t i = 0; i < nt; i++) {
        const fl_table *t = fl_doc_table(doc, i);
        size_t end = fl_table_end_line(t);
        for (size_t l = fl_table_line(t); l <= end && l <= nlines; l++)
            mask[l] = 1;
    }
    return mask;
}

int ds_units_collect(const fl_document *doc, const ds_options *o, ds_units *out)
{
    memset(out, 0, sizeof *out);
    size_t nlines = fl_doc_line_count(doc);
    unsigned char *in_table = table_mask(doc, nlines);
    if (in_table == NULL)
        return -1;
    scratch sc = { NULL, 0 };
    int in_note = 0;
    /* Whether the section of the line before is 名词解释: asked once a
     * section, not once a line. */
    const fl_section *last_section = NULL;
    int glossary = 0;
    for (size_t l = 1; l <= nlines; l++) {
        const char *norm = fl_doc_line_norm(doc, l);
        if (norm == NULL || in_table[l])
            continue;
        size_t n = plain_line(norm, &sc);
        if (n == NO_MEMORY)
            goto oom;
        if (n == NOT_A_UNIT || sc.text[0] == '\0' || sc.text[0] == '|' ||
            strspn(sc.text, "-=*_:|") == n)
            continue;
        ds_unit x;
        memset(&x, 0, sizeof x);
        x.line = l;
        const fl_section *s = fl_doc_section_at(doc, l);
        x.heading = (s != NULL && fl_section_line(s) == l) || norm[strspn(norm, " ")] == '#';
        /* Table notes run from "注：" over the numbered items after it. */
        if (starts_note(sc.text))
            in_note = 1;
        else if (in_note && !starts_numbered(sc.text))
            in_note = 0;
        if (s != last_section) {
            const char *path = s != NULL ? fl_section_path(s) : NULL;
            glossary = path != NULL && strstr(path, "名词解释") != NULL;
            last_section = s;
        }
        /* "本表反映…年度财政拨款支出预算安排情况。": the template's one-line
         * description of a table, alike for every table by design. */
        x.formulaic = in_note || glossary || starts_with(sc.text, "本表反映");
        if (make_body(out, &x, &sc, n) != 0)
            goto oom;
        if (x.ncp < o->min_length)
            x.formulaic = 1;
        x.substantial = !x.heading && !x.formulaic;
        x.copies = 1;
        if (push(out, &x) != 0)
            goto oom;
    }
    free(in_table);
    free(sc.text);
    return 0;
oom:
    free(in_table);
    free(sc.text);
    ds_units_free(out);
    return -1;
}

void ds_units_free(ds_units *u)
{
    for (ds_block *b = u->blocks, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(u->items);
    memset(u, 0, sizeof *u);
}
