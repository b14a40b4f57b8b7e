/* ed-numbering.c — numbering-gap: sibling headings numbered in the same
 * style under the same parent go 1, 2, 3 …; "二、" followed by "六、"
 * leaves 三、 to 五、 out.  Only a forward jump is reported: a restart
 * or a repeat is usually a second list (a table of contents, a copied
 * section) that another check looks at.  When a missing number does
 * stand in the text between the two headings ("…2万元。（三）产出指标"
 * glued onto a paragraph), the numbering is whole and the reader merely
 * missed a heading: not reported. */
#include <stdio.h>

#include "ed.h"

static const char *const cn_digits[] = { "", "一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", "十" };

/* s copied to p, unterminated: the end of the copy. */
static char *put(char *p, const char *s)
{
    size_t len = strlen(s);
    memcpy(p, s, len);
    return p + len;
}

/* Chinese numeral for 1..99 at p: 三, 十二, 二十, 二十三. */
static char *put_cn(char *p, int n)
{
    if (n <= 10)
        return put(p, cn_digits[n]);
    if (n >= 20)
        p = put(p, cn_digits[n / 10]);
    return put(put(p, "十"), cn_digits[n % 10]);
}

/* Arabic numeral for 1..99 at p. */
static char *put_arabic(char *p, int n)
{
    if (n >= 10)
        *p++ = (char)('0' + n / 10);
    *p++ = (char)('0' + n % 10);
    return p;
}

/* The heading marker of number n in a style: "三、" "(三)" "3." "(3)".
 * `alt` gives the second spelling of arabic numbers ("3、").  Written by
 * hand, not by snprintf (a thousand instructions a marker): at most 16
 * bytes, and buf holds 24. */
static int marker(fl_numbering style, int n, int alt, char *buf, size_t size)
{
    char *p = buf;
    if (n < 1 || n > 99 || size < 24)
        return 0;
    switch (style) {
    case FL_NUM_CN:
        if (alt)
            return 0;
        p = put(put_cn(p, n), "、");
        break;
    case FL_NUM_CN_PAREN:
        if (alt)
            return 0;
        *p++ = '(';
        p = put_cn(p, n);
        *p++ = ')';
        break;
    case FL_NUM_ARABIC:
        p = put(put_arabic(p, n), alt ? "、" : ".");
        break;
    case FL_NUM_ARABIC_PAREN:
        if (alt)
            return 0;
        *p++ = '(';
        p = put_arabic(p, n);
        *p++ = ')';
        break;
    default:
        return 0;
    }
    *p = '\0';
    return 1;
}

/* The markers of the numbers a gap leaves out: at most 98 numbers (1 to
 * 99 have one), two spellings each. */
#define MAX_MARKERS (2 * 98)

/* 1 when one of the markers m[0..n) starts at t. */
static int starts_any(const char *t, char (*m)[32], size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (fl_str_starts(t, m[k]))
            return 1;
    return 0;
}

/* 1 when one of the markers opens line text t (after spaces and
 * markdown #) or follows a "。" in it. */
static int line_has_marker(const char *t, char (*m)[32], size_t n)
{
    while (*t == ' ' || *t == '#' || *t == '\t')
        t++;
    if (starts_any(t, m, n))
        return 1;
    for (const char *p = strstr(t, "。"); p != NULL; p = strstr(p + 3, "。")) {
        const char *q = p + 3;
        while (*q == ' ')
            q++;
        if (starts_any(q, m, n))
            return 1;
    }
    return 0;
}

/* 1 when some number in (from, to) of `style` stands in the lines
 * strictly between the two headings.  The markers are written once, not
 * once per line (a gap over 10^5 table rows printed 2 × 10^7 of them). */
static int missing_number_in_text(const fl_document *doc, fl_numbering style, int from, int to,
                                  size_t first, size_t last)
{
    char m[MAX_MARKERS][32];
    size_t n = 0;
    for (int k = from + 1; k < to && k <= 99; k++)
        for (int alt = 0; alt < 2; alt++)
            if (marker(style, k, alt, m[n], sizeof m[n]))
                n++;
    if (n == 0)
        return 0;
    for (size_t l = first + 1; l < last; l++) {
        const char *t = fl_doc_line_norm(doc, l);
        if (t != NULL && line_has_marker(t, m, n))
            return 1;
    }
    return 0;
}

static int is_numbered(fl_numbering style)
{
    return style == FL_NUM_CN || style == FL_NUM_CN_PAREN || style == FL_NUM_ARABIC ||
           style == FL_NUM_ARABIC_PAREN;
}

/* The sibling before section i: the nearest earlier section with the
 * same parent and numbering style, or NULL. */
static const fl_section *previous_sibling(const fl_document *doc, size_t i)
{
    const fl_section *s = fl_doc_section(doc, i);
    for (size_t j = i; j > 0; j--) {
        const fl_section *o = fl_doc_section(doc, j - 1);
        if (o == fl_section_parent(s))
            return NULL; /* back at the parent: s is its first child */
        if (fl_section_parent(o) == fl_section_parent(s) &&
            fl_section_numbering(o) == fl_section_numbering(s))
            return o;
    }
    return NULL;
}

/* The number as the heading writes it: "三、" or "(3)". */
static void shown(fl_numbering style, int n, char *buf, size_t size)
{
    char m[32];
    if (!marker(style, n, 0, m, sizeof m))
        snprintf(m, sizeof m, "%d", n);
    size_t j = 0;
    for (const char *p = m; *p != '\0' && j + 4 < size; p++) {
        const char *c = *p == '(' ? "（" : *p == ')' ? "）" : NULL;
        if (c != NULL) {
            memcpy(buf + j, c, 3);
            j += 3;
        } else {
            buf[j++] = *p;
        }
    }
    buf[j] = '\0';
}

int ed_rule_numbering_gap(const fl_document *doc, fl_report *rep)
{
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        fl_numbering style = fl_section_numbering(s);
        if (!is_numbered(style))
            continue;
        const fl_section *prev = previous_sibling(doc, i);
        if (prev == NULL)
            continue;
        int a = fl_section_number(prev), b = fl_section_number(s);
        if (a <= 0 || b <= a + 1)
            continue;
        if (missing_number_in_text(doc, style, a, b, fl_section_line(prev), fl_section_line(s)))
            continue;
        char want[32], got[32], last[32], h1[512], h2[512];
        const char *t1 = fl_section_heading(prev), *t2 = fl_section_heading(s);
        ed_context(t1, 0, strlen(t1), 0, h1, sizeof h1);
        ed_context(t2, 0, strlen(t2), 0, h2, sizeof h2);
        shown(style, a + 1, want, sizeof want);
        shown(style, b, got, sizeof got);
        shown(style, b - 1, last, sizeof last);
        fl_finding *f;
        if (b == a + 2)
            f = fl_report_add(rep, "numbering-gap", FL_SEV_INFO,
                              "标题编号不连续：“%s”之后是“%s”，缺少“%s”", h1, h2, want);
        else
            f = fl_report_add(rep, "numbering-gap", FL_SEV_INFO,
                              "标题编号不连续：“%s”之后是“%s”，缺少“%s”至“%s”",
                              h1, h2, want, last);
        fl_finding_set_line(f, fl_section_line(s), fl_section_line(s));
        fl_finding_set_section(f, s);
        fl_finding_set_expected_text(f, want);
        fl_finding_set_actual_text(f, got);
        fl_finding_set_suggestion(f, "按顺序重新编号；若缺少的部分确应公开（如模板规定的章节），"
                                     "补齐该部分内容。");
    }
    return 0;
}
