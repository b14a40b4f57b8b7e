/* ed-brackets.c — unbalanced-bracket: within one paragraph (wrapped
 * lines and page breaks already joined by the reader), every "（" needs
 * its "）", every "“" its "”", every "《" its "》".  A paragraph that
 * ends a page with an open mark, or opens a page with a close mark, may
 * be cut by the reader (a footer, a table in between): not reported.  A
 * list marker "1)" "a)" at the start of a clause closes nothing. */
#include <stdlib.h>

#include "ed.h"

typedef struct pair {
    const char *open, *close;
    const char *shown_open, *shown_close;
} pair;

static const pair pairs[] = {
    { "(", ")", "（", "）" },
    { "“", "”", "“", "”" },
    { "《", "》", "《", "》" },
};

/* "1)" "12)" "a)" "一)" right after a clause start: a list marker. */
static int is_list_marker(const char *s, size_t close)
{
    size_t k = close, chars = 0;
    while (k > 0 && chars < 3) {
        size_t p = ed_prev(s, k);
        unsigned char c = (unsigned char)s[p];
        int digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        static const char *const cn[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
        for (size_t d = 0; !digit && d < sizeof cn / sizeof *cn; d++)
            digit = ed_starts(s + p, cn[d]);
        if (!digit)
            break;
        k = p;
        chars++;
    }
    if (chars == 0)
        return 0;
    if (k == 0)
        return 1;
    size_t p = ed_prev(s, k);
    return s[p] == ',' || s[p] == ';' || s[p] == ':' || s[p] == ' ' || ed_starts(s + p, "。");
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
        if (ed_starts(t + k, pr->open)) {
            b++;
            k += strlen(pr->open);
        } else if (ed_starts(t + k, pr->close)) {
            b--;
            k += strlen(pr->close);
        } else {
            k += ed_u8len((unsigned char)t[k]);
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

/* Offset of the first mark that has no partner, or (size_t)-1; *is_open
 * says which side it is. */
static size_t unmatched(const char *s, const pair *pr, int *is_open)
{
    size_t depth = 0, first_open = 0;
    size_t lo = strlen(pr->open), lc = strlen(pr->close);
    for (size_t k = 0; s[k] != '\0';) {
        if (ed_starts(s + k, pr->open)) {
            if (depth++ == 0)
                first_open = k;
            k += lo;
        } else if (ed_starts(s + k, pr->close)) {
            if (depth > 0)
                depth--;
            else if (!(*pr->close == ')' && is_list_marker(s, k))) {
                *is_open = 0;
                return k;
            }
            k += lc;
        } else {
            k += ed_u8len((unsigned char)s[k]);
        }
    }
    *is_open = 1;
    return depth > 0 ? first_open : (size_t)-1;
}

/* 1 when the paragraph next to paragraph i (after it when `is_open`)
 * leaves the other side of the pair unmatched: one paragraph the reader
 * cut in two. */
static int neighbour_paragraph_pairs(const fl_document *doc, size_t i, const pair *pr,
                                     int is_open)
{
    if (is_open ? i + 1 >= fl_doc_paragraph_count(doc) : i == 0)
        return 0;
    const fl_paragraph *q = fl_doc_paragraph(doc, is_open ? i + 1 : i - 1);
    int q_open = 0;
    if (unmatched(fl_paragraph_text(q), pr, &q_open) == (size_t)-1)
        return 0;
    return q_open != is_open;
}

int ed_rule_unbalanced_bracket(const fl_document *doc, fl_report *rep)
{
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        const char *s = fl_paragraph_text(p);
        for (size_t t = 0; t < sizeof pairs / sizeof *pairs; t++) {
            int is_open = 0;
            size_t at = unmatched(s, &pairs[t], &is_open);
            if (at == (size_t)-1)
                continue;
            if (is_open && is_page_edge(doc, fl_paragraph_end_line(p), 1))
                continue;
            if (!is_open && is_page_edge(doc, fl_paragraph_line(p), 0))
                continue;
            if (split_by_reader(doc, p, &pairs[t], is_open) ||
                neighbour_paragraph_pairs(doc, i, &pairs[t], is_open))
                continue;
            const char *mark = is_open ? pairs[t].shown_open : pairs[t].shown_close;
            const char *partner = is_open ? pairs[t].shown_close : pairs[t].shown_open;
            size_t len = strlen(is_open ? pairs[t].open : pairs[t].close);
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
