/* cs-doc.c — what the consistency rules share about one document (the
 * years of its titles, the lines of its listing sections), read in one
 * pass over the lines (the listing sections when asked); every rule used
 * to read them again for itself. */
#include <stdlib.h>
#include <string.h>

#include "cs.h"

/* Headings of sections that legitimately name other units or years. */
static const char *const listing[] = {
    "单位构成", "机构设置", "所属单位", "下属单位", "内设机构", "人员情况",
    "编制范围", "名词解释", "单位范围",
};

fl_matcher *cs_listing_words_new(void)
{
    return fl_matcher_new(listing, sizeof listing / sizeof listing[0]);
}

static int stop_at_first(void *ctx, size_t word, size_t offset)
{
    (void)ctx;
    (void)word;
    (void)offset;
    return 1;
}

int cs_has_any(const fl_matcher *m, const char *text, size_t len)
{
    return fl_matcher_scan(m, text, len, stop_at_first, NULL) > 0;
}

void cs_section_memo_init(cs_section_memo *memo, const fl_matcher *words)
{
    memo->words = words;
    memo->depth = 0;
}

static int section_answer(cs_section_memo *m, const fl_section *s)
{
    for (size_t k = m->depth; k-- > 0;)
        if (m->chain[k].section == s) {
            m->depth = k + 1; /* what was within s is done with */
            return m->chain[k].inside;
        }
    /* The parent first: it leaves the chain ending at the parent (empty
     * for a top-level section), so that s goes on its own enclosing ones. */
    const fl_section *parent = fl_section_parent(s);
    int parent_inside = 0;
    if (parent != NULL)
        parent_inside = section_answer(m, parent);
    else
        m->depth = 0;
    const char *heading = fl_section_heading(s);
    int inside = parent_inside || cs_has_any(m->words, heading, strlen(heading));
    if (m->depth < CS_MEMO_DEPTH) {
        m->chain[m->depth].section = s;
        m->chain[m->depth].inside = inside;
        m->depth++;
    }
    return inside;
}

int cs_in_section_with(cs_section_memo *memo, const fl_document *doc, size_t line)
{
    const fl_section *s = fl_doc_section_at(doc, line);
    return s != NULL && section_answer(memo, s);
}

/* The document's heading lines, read in order: a section starts at its
 * heading, sections are listed by line, and the lines are asked about in
 * order, so one step along the list answers where a lookup of the line's
 * section and of its first line cost two calls at every line. */
typedef struct headings {
    const fl_document *doc;
    size_t next, count; /* the next section to read, of count */
    size_t line;        /* the heading line last read, 0 before any */
} headings;

/* 1 when line n (no less than the last asked) is a heading. */
static int is_heading(headings *h, size_t n)
{
    while (h->line < n && h->next < h->count)
        h->line = fl_section_line(fl_doc_section(h->doc, h->next++));
    return h->line == n;
}

/* 1 when line n cannot be a title, told by one short scan instead of a
 * search per mark: a table row (a TAB or '|': cs_compact_title() refuses
 * it), or a line that is no heading and has a comma, semicolon or full
 * stop (making it compact keeps them).  Table rows and most narrative
 * show such a mark within a few characters, so the rest of the line is
 * not read.  *heading is -1, or whether the line is a heading once a mark
 * made it ask. */
static int cannot_be_title(headings *h, size_t n, const char *norm, int *heading)
{
    for (const char *p = norm + strcspn(norm, "\t|,;\xE3"); *p != '\0';
         p += 1 + strcspn(p + 1, "\t|,;\xE3")) {
        if (*p == '\t' || *p == '|')
            return 1;
        if (*p == '\xE3' && !fl_str_starts(p, "。"))
            continue;
        if (*heading < 0)
            *heading = is_heading(h, n);
        if (!*heading)
            return 1;
    }
    return 0;
}

/* Room for one more title at the end of d->titles; -1 when out of memory. */
static int titles_room(cs_doc *d, size_t used, size_t *cap)
{
    if (*cap - used >= CS_TITLE_MAX)
        return 0;
    size_t grown = *cap * 2 + CS_TITLE_MAX;
    char *p = realloc(d->titles, grown);
    if (p == NULL)
        return -1;
    d->titles = p;
    *cap = grown;
    return 0;
}

int cs_doc_read(cs_doc *d, const fl_document *doc, const cs_words *words)
{
    memset(d, 0, sizeof *d);
    d->doc = doc;
    d->words = words;
    d->nlines = fl_doc_line_count(doc);
    d->title_at = malloc((d->nlines + 1) * sizeof *d->title_at);
    d->title_year = calloc(d->nlines + 1, sizeof *d->title_year);
    d->norm = malloc((d->nlines + 1) * sizeof *d->norm);
    if (d->title_at == NULL || d->title_year == NULL || d->norm == NULL) {
        cs_doc_free(d);
        return -1;
    }
    int report_year = fl_doc_year(doc);
    cs_section_memo_init(&d->listing, words->listing);
    size_t used = 0, cap = 0;
    headings h = { doc, 0, fl_doc_section_count(doc), 0 };
    d->title_at[0] = SIZE_MAX;
    d->norm[0] = NULL;
    for (size_t n = 1; n <= d->nlines; n++) {
        d->title_at[n] = SIZE_MAX;
        const char *norm = d->norm[n] = fl_doc_line_norm(doc, n);
        int heading = -1;
        /* Blank lines are a third of a report: one is a title (with an
         * empty compact title) only as a heading. */
        if (norm == NULL || (*norm == '\0' ? !is_heading(&h, n) : cannot_be_title(&h, n, norm, &heading)))
            continue;
        if (titles_room(d, used, &cap) != 0) {
            cs_doc_free(d);
            return -1;
        }
        char *title = d->titles + used;
        if (cs_compact_title(norm, title, CS_TITLE_MAX) != 0)
            continue;
        /* A title: a heading, or a short line (cannot_be_title() saw that
         * a line no heading has no comma or full stop). */
        if (heading < 0)
            heading = is_heading(&h, n);
        if (!heading && (title[0] == '\0' || !cs_chars_at_most(title, 40)))
            continue;
        d->title_at[n] = used;
        used += strlen(title) + 1;
        int year;
        if (cs_title_year(doc, words, title, &year)) {
            d->title_year[n] = year;
            if (year == report_year)
                d->confirmations++;
        }
    }
    return 0;
}

void cs_doc_free(cs_doc *d)
{
    free(d->titles);
    free(d->title_at);
    free(d->title_year);
    free(d->norm);
    memset(d, 0, sizeof *d);
}
