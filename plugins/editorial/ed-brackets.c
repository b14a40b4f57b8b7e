/* ed-brackets.c — unbalanced-bracket: within one paragraph (wrapped
 * lines and page breaks already joined by the reader), every "（" needs
 * its "）", every "“" its "”", every "《" its "》".  A paragraph that
 * ends a page with an open mark, or opens a page with a close mark, may
 * be cut by the reader (a footer, a table in between): not reported.  A
 * list marker "1)" "a)" at the start of a clause closes nothing.  The
 * pass over a paragraph runs doubled-punctuation (ed-punct.c) too. */
#include <stdlib.h>
#include <string.h>

#include "ed.h"

typedef struct pair {
    const char *open;
    size_t open_len;
    const char *close;
    size_t close_len;
    const char *shown_open, *shown_close;
} pair;

#define MARK(s) s, (sizeof(s) - 1)
static const pair pairs[] = {
    { MARK("("), MARK(")"), "（", "）" },
    { MARK("“"), MARK("”"), "“", "”" },
    { MARK("《"), MARK("》"), "《", "》" },
};
#undef MARK
#define NPAIRS (sizeof pairs / sizeof *pairs)

/* "1)" "12)" "a)" "一)" right after a clause start: a list marker. */
static int is_list_marker(const char *s, size_t close)
{
    size_t k = close, chars = 0;
    while (k > 0 && chars < 3) {
        size_t p = fl_utf8_prev(s, k);
        unsigned char c = (unsigned char)s[p];
        int digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        static const char *const cn[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
        for (size_t d = 0; !digit && d < sizeof cn / sizeof *cn; d++)
            digit = fl_str_starts(s + p, cn[d]);
        if (!digit)
            break;
        k = p;
        chars++;
    }
    if (chars == 0)
        return 0;
    if (k == 0)
        return 1;
    size_t p = fl_utf8_prev(s, k);
    return s[p] == ',' || s[p] == ';' || s[p] == ':' || s[p] == ' ' || fl_str_starts(s + p, "。");
}

/* First and last non-empty lines of the page holding `line`. */
static int is_page_edge(const fl_document *doc, size_t line, int last)
{
    int page = fl_doc_line_page(doc, line);
    if (page <= 0)
        return 0; /* no pages: nothing was cut */
    size_t n = fl_doc_line_count(doc);
    for (size_t l = line;;) {
        l = last ? l + 1 : l - 1;
        if (l < 1 || l > n)
            return 1;
        const char *t = fl_doc_line_norm(doc, l);
        if (t == NULL || *t == '\0')
            continue;
        return fl_doc_line_page(doc, l) != page;
    }
}

/* The nearest non-empty line before (dir -1) or after (dir 1) `line`,
 * or 0. */
static size_t neighbour_line(const fl_document *doc, size_t line, int dir)
{
    size_t n = fl_doc_line_count(doc);
    for (size_t l = line;;) {
        l = dir < 0 ? l - 1 : l + 1;
        if (l < 1 || l > n)
            return 0;
        const char *t = fl_doc_line_norm(doc, l);
        if (t != NULL && *t != '\0')
            return l;
    }
}

/* Opens minus closes of a pair in `t`. */
static long balance(const char *t, const pair *pr)
{
    long b = 0;
    for (size_t k = 0; t[k] != '\0';) {
        if (fl_str_starts(t + k, pr->open)) {
            b++;
            k += pr->open_len;
        } else if (fl_str_starts(t + k, pr->close)) {
            b--;
            k += pr->close_len;
        } else {
            k += fl_utf8_char_len((unsigned char)t[k]);
        }
    }
    return b;
}

/* 1 when the reader split the bracketed text: a paragraph left open is
 * closed by the line after it, or one that closes what it did not open
 * follows a line left open (a heading wrapped onto the next line, a
 * paragraph cut in two). */
static int split_by_reader(const fl_document *doc, const fl_paragraph *p, const pair *pr,
                           int is_open)
{
    size_t l = is_open ? neighbour_line(doc, fl_paragraph_end_line(p), 1)
                       : neighbour_line(doc, fl_paragraph_line(p), -1);
    if (l == 0)
        return 0;
    long b = balance(fl_doc_line_norm(doc, l), pr);
    return is_open ? b < 0 : b > 0;
}

/* What a paragraph leaves unmatched of one pair: the first close without
 * an open before it, else the first open still open at the end. */
typedef struct unmatched {
    size_t at;   /* offset of that mark, or NO_MARK */
    int is_open; /* which side it is */
} unmatched;
#define NO_MARK ((size_t)-1)

/* 1 when a mark of some pair starts at s (not at its end): *t is the
 * pair, *is_close the side.  Told by the marks' bytes, in the order of
 * pairs[]: ( ), “ ” (E2 80 9C, 9D), 《 》 (E3 80 8A, 8B); most of the
 * characters asked about are 。 and 、 (E3 80 82, 81). */
static int mark_at(const char *s, size_t *t, int *is_close)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == '(' || u[0] == ')') {
        *t = 0;
        *is_close = u[0] == ')';
        return 1;
    }
    if ((u[0] != 0xE2 && u[0] != 0xE3) || u[1] != 0x80)
        return 0;
    unsigned char open = u[0] == 0xE2 ? 0x9C : 0x8A;
    if (u[2] != open && u[2] != open + 1)
        return 0;
    *t = u[0] == 0xE2 ? 1 : 2;
    *is_close = u[2] != open;
    return 1;
}

/* The unmatched mark of every pair, found in one pass over s (a pass per
 * pair read each paragraph three times).  With `rep`, the pass also runs
 * doubled-punctuation on paragraph p (whose text s is): the two rules'
 * marks share their first byte E3, and one pass stops at each once. */
static void find_unmatched(const char *s, unmatched out[NPAIRS], fl_report *rep,
                           const fl_paragraph *p)
{
    size_t depth[NPAIRS] = { 0 }, first_open[NPAIRS] = { 0 }, t;
    int is_close;
    /* The first bytes of the marks ( ) “ ” 《 》, and with `rep` those of
     * , ; 。 、: strcspn() skips the text between them many bytes at a
     * time.  Each is ASCII or a lead byte, so the skip always lands on
     * the start of a character. */
    const char *firsts = rep != NULL ? "()\xE2\xE3,;" : "()\xE2\xE3";
    for (t = 0; t < NPAIRS; t++)
        out[t].at = NO_MARK;
    for (size_t k = strcspn(s, firsts); s[k] != '\0'; k += strcspn(s + k, firsts)) {
        size_t len = rep != NULL ? ed_mark_len(s + k) : 0;
        if (len > 0) {
            /* A run of sentence marks holds no bracket: passed at once;
             * a mark alone, the most of them, is no slip. */
            k = ed_mark_len(s + k + len) == 0 ? k + len : ed_punct_run(rep, p, s, k);
            continue;
        }
        size_t at = k;
        k += fl_utf8_char_len((unsigned char)s[k]);
        if (!mark_at(s + at, &t, &is_close) || out[t].at != NO_MARK)
            continue; /* no mark, or its pair already has its answer */
        if (!is_close) {
            if (depth[t]++ == 0)
                first_open[t] = at;
        } else if (depth[t] > 0) {
            depth[t]--;
        } else if (!(*pairs[t].close == ')' && is_list_marker(s, at))) {
            out[t].at = at;
            out[t].is_open = 0;
        }
    }
    for (t = 0; t < NPAIRS; t++) {
        if (out[t].at == NO_MARK && depth[t] > 0) {
            out[t].at = first_open[t];
            out[t].is_open = 1;
        }
    }
}

/* 1 when the paragraph next to paragraph i (after it when `is_open`)
 * leaves the other side of pair t unmatched: one paragraph the reader
 * cut in two. */
static int neighbour_paragraph_pairs(const fl_document *doc, size_t i, size_t t, int is_open)
{
    if (is_open ? i + 1 >= fl_doc_paragraph_count(doc) : i == 0)
        return 0;
    const fl_paragraph *q = fl_doc_paragraph(doc, is_open ? i + 1 : i - 1);
    unmatched in_q[NPAIRS];
    find_unmatched(fl_paragraph_text(q), in_q, NULL, NULL);
    if (in_q[t].at == NO_MARK)
        return 0;
    return in_q[t].is_open != is_open;
}

int ed_rule_marks(const fl_document *doc, fl_report *rep)
{
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        const char *s = fl_paragraph_text(p);
        unmatched found[NPAIRS];
        find_unmatched(s, found, rep, p);
        for (size_t t = 0; t < NPAIRS; t++) {
            size_t at = found[t].at;
            int is_open = found[t].is_open;
            if (at == NO_MARK)
                continue;
            if (is_open && is_page_edge(doc, fl_paragraph_end_line(p), 1))
                continue;
            if (!is_open && is_page_edge(doc, fl_paragraph_line(p), 0))
                continue;
            if (split_by_reader(doc, p, &pairs[t], is_open) ||
                neighbour_paragraph_pairs(doc, i, t, is_open))
                continue;
            const char *mark = is_open ? pairs[t].shown_open : pairs[t].shown_close;
            const char *partner = is_open ? pairs[t].shown_close : pairs[t].shown_open;
            size_t len = is_open ? pairs[t].open_len : pairs[t].close_len;
            char ctx[256];
            ed_context(s, at, at + len, 12, ctx, sizeof ctx);
            fl_finding *f = fl_report_add(rep, "unbalanced-bracket", FL_SEV_INFO,
                                          "“%s”没有配对的“%s”：%s", mark, partner, ctx);
            size_t line = fl_paragraph_line_at(p, at);
            fl_finding_set_line(f, line, line);
            fl_finding_set_section(f, fl_paragraph_section(p));
            fl_finding_set_expected_text(f, partner);
            fl_finding_set_actual_text(f, mark);
            fl_finding_set_suggestion(f, "补上缺少的“%s”，或删去多余的“%s”。", partner, mark);
        }
    }
    return 0;
}
