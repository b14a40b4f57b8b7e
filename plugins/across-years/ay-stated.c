/* ay-stated.c — the 年初预算 a 决算's narrative states, and of what:
 *   一般公共预算财政拨款支出年初预算为2993.92万元,…          the total
 *   “三公”经费财政拨款支出年初预算为0.95万元,…              the 三公 total
 *   1、一般公共服务支出(类)财政事务(款)行政运行(项)。主要用于:…。
 *      年初预算为1560.05万元,…                              that 项
 *   2024年度一般公共预算财政拨款支出721.95万元,…。与年初预算相比,
 *      年初预算数699.39万元,…                               the total (the
 *                                                            paragraph's subject)
 * A 年初预算 whose subject is anything else, or could be two things, and a
 * fund's 项 (政府性基金, 国有资本经营), are left out. */
#include <stdio.h>
#include <string.h>

#include "ay.h"

static const char *const gpb_names[] = { "一般公共预算财政拨款支出", NULL };
static const char *const sangong_names[] = { "三公经费财政拨款支出", "财政拨款三公经费支出",
                                             NULL };
static const char *const quotes[] = { "“", "”", "‘", "’", "\"", "'", NULL };

void ay_name_norm(const char *in, size_t n, char *buf, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && in[i] && o + 1 < size;) {
        size_t len = fl_utf8_char_len((unsigned char)in[i]);
        int skip = in[i] == ' ';
        for (size_t k = 0; !skip && quotes[k] != NULL; k++)
            skip = fl_str_starts(in + i, quotes[k]);
        if (fl_str_starts(in + i, "其它")) {
            if (o + strlen("其他") + 1 >= size)
                break;
            memcpy(buf + o, "其他", strlen("其他"));
            o += strlen("其他");
            i += strlen("其它");
            continue;
        }
        if (!skip) {
            if (o + len + 1 >= size)
                break;
            memcpy(buf + o, in + i, len);
            o += len;
        }
        i += len;
    }
    buf[o] = '\0';
}

static int in_list(const char *s, const char *const *list)
{
    for (size_t k = 0; list[k] != NULL; k++)
        if (strcmp(s, list[k]) == 0)
            return 1;
    return 0;
}

static int is_cjk(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return c >= 0xe4 && c <= 0xe9;
}

/* Start of the name that ends at s[end]: CJK characters and bracketed
 * parts of a name (政府办公厅(室)及相关机构事务), never a level marker. */
static size_t name_start(const char *s, size_t end)
{
    size_t i = end;
    while (i > 0) {
        size_t p = fl_utf8_prev(s, i);
        if (is_cjk(s, p)) {
            i = p;
            continue;
        }
        if (s[p] != ')')
            break;
        size_t q = p;
        while (q > 0 && s[q] != '(')
            q = fl_utf8_prev(s, q);
        if (s[q] != '(' || q + 1 == p || fl_str_starts(s + q, "(类)") || fl_str_starts(s + q, "(款)") ||
            fl_str_starts(s + q, "(项)"))
            break;
        for (size_t k = q + 1; k < p; k += fl_utf8_char_len((unsigned char)s[k]))
            if (!is_cjk(s, k))
                return i;
        if (q == 0 || !is_cjk(s, fl_utf8_prev(s, q)))
            break; /* a name does not start with a bracket */
        i = q;
    }
    return i;
}

/* The chain 类名(类)款名(款)项名(项) that ends at s[end], names into out.
 * Returns where it starts, or (size_t)-1. */
static size_t chain_before(const char *s, size_t end, char out[3][AY_NAME_MAX])
{
    static const char *const marks[3] = { "(类)", "(款)", "(项)" };
    size_t e = end;
    for (int level = 2; level >= 0; level--) {
        size_t m = strlen(marks[level]);
        if (e < m || memcmp(s + e - m, marks[level], m) != 0)
            return (size_t)-1;
        size_t ne = e - m, ns = name_start(s, ne);
        if (ns == ne)
            return (size_t)-1;
        ay_name_norm(s + ns, ne - ns, out[level], AY_NAME_MAX);
        e = ns;
    }
    return e;
}

static int total_kind(const char *subject)
{
    char buf[AY_SUBJECT_MAX];
    ay_name_norm(subject, strlen(subject), buf, sizeof buf);
    size_t n = strlen(buf);
    if (n >= strlen("的") && strcmp(buf + n - strlen("的"), "的") == 0)
        buf[n - strlen("的")] = '\0';
    if (in_list(buf, gpb_names))
        return AY_INIT_GPB;
    if (in_list(buf, sangong_names))
        return AY_INIT_SANGONG;
    return -1;
}

/* After 年初预算 at text[i]: 数, 为/是/:, then the amount.  Its offset, or 0. */
static size_t stated_amount(const char *text, size_t i, ay_money *m)
{
    size_t j = i + strlen("年初预算");
    if (fl_str_starts(text + j, "数"))
        j += strlen("数");
    j = ay_skip_spaces(text, j);
    if (fl_str_starts(text + j, "为") || fl_str_starts(text + j, "是"))
        j += strlen("为");
    else if (text[j] == ':')
        j++;
    j = ay_skip_spaces(text, j);
    return ay_money_at(text, j, m) ? j : 0;
}

/* The 项 chain nearest before text[at] (after `after`), within two
 * sentences: its start, or (size_t)-1. */
static size_t chain_near(const char *text, size_t after, size_t at, char out[3][AY_NAME_MAX])
{
    size_t last = (size_t)-1;
    for (size_t i = after; i < at; i += fl_utf8_char_len((unsigned char)text[i]))
        if (fl_str_starts(text + i, "(项)"))
            last = i + strlen("(项)");
    if (last == (size_t)-1)
        return (size_t)-1;
    int breaks = 0;
    for (size_t i = last; i < at; i += fl_utf8_char_len((unsigned char)text[i]))
        if (ay_sentence_break(text, i))
            breaks++;
    if (breaks > 2)
        return (size_t)-1;
    size_t start = chain_before(text, last, out);
    return start != (size_t)-1 && start >= after ? start : (size_t)-1;
}

/* The paragraph's opening subject when it is a total: "2024年度一般公共
 * 预算财政拨款支出721.95万元" at the very start. */
static int opening_total(const char *text, const char *unit)
{
    for (size_t i = 0; text[i]; i += fl_utf8_char_len((unsigned char)text[i])) {
        ay_money m;
        if (!ay_money_at(text, i, &m))
            continue;
        char subject[AY_SUBJECT_MAX];
        if (ay_clause_start(text, i) != 0 || !ay_subject(text, i, unit, subject, sizeof subject))
            return -1;
        return total_kind(subject);
    }
    return -1;
}

/* A 项 of a fund (政府性基金, 国有资本经营) is no line of the 一般公共预算
 * table, even when its names happen to be the same: a 年初预算 at or after
 * the offset returned, where the paragraph's first fund name ends (0 in a
 * fund's section, (size_t)-1 when none).  Read once per paragraph, not
 * again from its start at every 年初预算. */
static size_t funds_end(const fl_paragraph *p, const char *text)
{
    static const char *const funds[] = { "政府性基金", "国有资本经营", NULL };
    const fl_section *sec = fl_paragraph_section(p);
    const char *path = sec != NULL ? fl_section_path(sec) : NULL;
    size_t end = (size_t)-1;
    for (size_t k = 0; funds[k] != NULL; k++) {
        if (path != NULL && strstr(path, funds[k]) != NULL)
            return 0;
        const char *hit = strstr(text, funds[k]);
        if (hit != NULL && (size_t)(hit - text) + strlen(funds[k]) < end)
            end = (size_t)(hit - text) + strlen(funds[k]);
    }
    return end;
}

static int paragraph_each(const fl_paragraph *p, const char *unit, ay_initial_fn fn, void *ctx)
{
    const char *text = fl_paragraph_text(p);
    size_t prev_end = 0; /* just after the previous statement */
    int first = 1;
    size_t funds = 0; /* funds_end(), read at the first 项 */
    int funds_read = 0;
    for (size_t i = 0; text[i]; i += fl_utf8_char_len((unsigned char)text[i])) {
        ay_money m;
        size_t at;
        if (!fl_str_starts(text + i, "年初预算") || (at = stated_amount(text, i, &m)) == 0)
            continue;
        ay_initial s;
        memset(&s, 0, sizeof s);
        s.value = m;
        s.paragraph = p;
        s.at = at;
        char subject[AY_SUBJECT_MAX];
        int specific = ay_subject(text, i, unit, subject, sizeof subject);
        int kind = specific ? total_kind(subject) : -1;
        size_t n = strlen(subject);
        if (kind >= 0) {
            s.kind = (ay_initial_kind)kind;
        } else if (specific && chain_before(subject, n, s.names) == 0) {
            s.kind = AY_INIT_ITEM;
        } else if (n == 0 && chain_near(text, prev_end, i, s.names) != (size_t)-1) {
            s.kind = AY_INIT_ITEM;
        } else if (n == 0 && first && (kind = opening_total(text, unit)) >= 0) {
            s.kind = (ay_initial_kind)kind;
        } else {
            prev_end = at + m.len;
            first = 0;
            continue;
        }
        prev_end = at + m.len;
        first = 0;
        if (s.kind == AY_INIT_ITEM) {
            if (!funds_read) {
                funds = funds_end(p, text);
                funds_read = 1;
            }
            if (funds <= i)
                continue;
        }
        int rc = fn(ctx, &s);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int ay_initial_each(const fl_document *doc, ay_initial_fn fn, void *ctx)
{
    const char *unit = fl_doc_unit(doc);
    size_t n = fl_doc_paragraph_count(doc);
    for (size_t i = 0; i < n; i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        int rc = p != NULL ? paragraph_each(p, unit, fn, ctx) : 0;
        if (rc != 0)
            return rc;
    }
    return 0;
}

void ay_initial_subject(const ay_initial *s, char *buf, size_t size)
{
    switch (s->kind) {
    case AY_INIT_GPB:
        snprintf(buf, size, "一般公共预算财政拨款支出");
        break;
    case AY_INIT_SANGONG:
        snprintf(buf, size, "“三公”经费财政拨款支出");
        break;
    default:
        snprintf(buf, size, "%s(类)%s(款)%s(项)", s->names[0], s->names[1], s->names[2]);
        break;
    }
}
