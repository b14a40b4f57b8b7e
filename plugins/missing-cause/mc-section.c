/* mc-section.c — rule empty-deviation-section: "（五）偏离绩效目标的原因和
 * 下一步改进措施" answered with only "无" while the same project's own
 * figures show a deviation (spending below budget, 执行率 < 100 %, or
 * 未完成 wording).
 *
 * A narrative report repeats the outline （一）…（七） per project, so a
 * project's figures are the lines between the previous 偏离 section (or
 * the start of the enclosing top-level section) and this heading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc.h"

static int is_deviation_heading(const fl_section *s)
{
    const char *h = fl_section_heading(s);
    return strstr(h, "偏离") != NULL && strstr(h, "原因") != NULL;
}

/* The body of section s (its lines up to the next heading of any level),
 * spaces removed, in buf.  Returns 0 when it does not fit. */
static int section_body(const fl_document *doc, const fl_section *s, char *buf, size_t size)
{
    size_t j = 0, end = fl_section_end_line(s);
    for (size_t l = fl_section_line(s) + 1; l <= end; l++) {
        const fl_section *in = fl_doc_section_at(doc, l);
        if (in != NULL && fl_section_line(in) == l)
            break; /* a sub-heading starts: the body is what came before */
        const char *t = fl_doc_line_norm(doc, l);
        for (size_t i = 0; t != NULL && t[i]; i++) {
            if (t[i] == ' ' || t[i] == '\t')
                continue;
            if (j + 1 >= size)
                return 0;
            buf[j++] = t[i];
        }
    }
    buf[j] = '\0';
    return 1;
}

typedef struct figures {
    int has_budget, has_spent;
    mc_money budget, spent;   /* the largest of each */
    int has_rate;
    fl_dec rate;
    char rate_text[48];
    char wording[64];
    size_t line;              /* where the deviation shows */
    size_t budget_line, spent_line;
} figures;

typedef struct scan_ctx {
    figures *fig;
    size_t line;
} scan_ctx;

static void on_money(void *vctx, const mc_money *m)
{
    scan_ctx *c = vctx;
    figures *f = c->fig;
    if (m->kind == MC_BUDGET && (!f->has_budget || fl_dec_cmp(m->wan, f->budget.wan) > 0)) {
        f->budget = *m;
        f->has_budget = 1;
        f->budget_line = c->line;
    } else if (m->kind == MC_SPENT && (!f->has_spent || fl_dec_cmp(m->wan, f->spent.wan) > 0)) {
        f->spent = *m;
        f->has_spent = 1;
        f->spent_line = c->line;
    }
}

static const char *const missed_words[] = { "未完成", "未执行", "未支付", "未拨付", "未达到",
                                            "未达标", "未实施", "尚未" };

/* 执行率/完成率 X% in t, lowest wins. */
static void scan_rate(const char *t, figures *f, size_t line)
{
    static const char *const keys[] = { "执行率", "支出率", "完成率" };
    if (strstr(t, "率") == NULL)
        return; /* most paragraphs: one search, not three */
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        for (const char *hit = strstr(t, keys[k]); hit; hit = strstr(hit + 1, keys[k])) {
            const char *p = hit + strlen(keys[k]);
            while (*p == ' ' || *p == ':' || fl_str_starts(p, "为") || fl_str_starts(p, "达") ||
                   fl_str_starts(p, "到"))
                p += (unsigned char)*p < 0x80 ? 1 : 3;
            fl_number n;
            size_t used = fl_parse_number(p, &n);
            if (used == 0 || n.unit != FL_UNIT_PERCENT)
                continue;
            if (!f->has_rate || fl_dec_cmp(n.value, f->rate) < 0) {
                f->has_rate = 1;
                f->rate = n.value;
                size_t tl = used < sizeof f->rate_text - 1 ? used : sizeof f->rate_text - 1;
                memcpy(f->rate_text, p, tl);
                f->rate_text[tl] = '\0';
                if (fl_dec_cmp(n.value, fl_dec_from_int(100)) < 0)
                    f->line = line;
            }
        }
    }
}

/* 1 when the paragraphs come in the order of their lines (the reader
 * makes them so): a region's are then found by bisection, not by asking
 * every paragraph of the document for every 偏离 section. */
static int paragraphs_in_order(const fl_document *doc)
{
    size_t np = fl_doc_paragraph_count(doc), prev = 0;
    for (size_t i = 0; i < np; i++) {
        size_t line = fl_paragraph_line(fl_doc_paragraph(doc, i));
        if (prev > line)
            return 0;
        prev = line;
    }
    return 1;
}

/* The first paragraph that may start at or after line `from`. */
static size_t first_paragraph(const fl_document *doc, size_t from, int in_order)
{
    size_t lo = 0, hi = in_order ? fl_doc_paragraph_count(doc) : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fl_paragraph_line(fl_doc_paragraph(doc, mid)) < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void scan_region(const fl_document *doc, size_t from, size_t to,
                        const fl_matcher *money_words, int in_order, figures *f)
{
    memset(f, 0, sizeof *f);
    size_t np = fl_doc_paragraph_count(doc);
    for (size_t i = first_paragraph(doc, from, in_order); i < np; i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        size_t pl = fl_paragraph_line(p);
        if (in_order && pl > to)
            break;
        if (pl < from || pl > to)
            continue;
        const char *t = fl_paragraph_text(p);
        scan_ctx c = { f, pl };
        mc_scan_money(t, money_words, on_money, &c);
        scan_rate(t, f, pl);
        /* Every missed word holds 未: most paragraphs are let go at once. */
        if (f->wording[0] || strstr(t, "未") == NULL)
            continue;
        for (size_t k = 0; k < sizeof missed_words / sizeof *missed_words && !f->wording[0]; k++) {
            const char *hit = strstr(t, missed_words[k]);
            if (hit == NULL)
                continue;
            /* Quote the clause around the word. */
            size_t at = (size_t)(hit - t);
            size_t start = mc_clause_start(t, at);
            size_t end = at;
            while (t[end] && !fl_str_starts(t + end, "，") && !fl_str_starts(t + end, "。") &&
                   t[end] != ',' && t[end] != ';')
                end += fl_utf8_char_len((unsigned char)t[end]);
            mc_excerpt_tail(t, start, end, 20, f->wording, sizeof f->wording);
            f->line = fl_paragraph_line_at(p, at);
        }
    }
}

static void check_section(const fl_document *doc, fl_report *rep, const fl_section *s,
                          size_t region_from, const mc_options *o, int in_order)
{
    char body[256];
    if (!section_body(doc, s, body, sizeof body))
        return;
    if (body[0] != '\0' && !mc_is_placeholder(body, strlen(body), o))
        return;
    size_t to = fl_section_line(s) > 0 ? fl_section_line(s) - 1 : 0;
    if (region_from > to)
        return;
    figures f;
    scan_region(doc, region_from, to, o->money_words, in_order, &f);
    char a[40], why[400];
    why[0] = '\0';
    int gap = f.has_budget && f.has_spent && fl_dec_cmp(f.spent.wan, f.budget.wan) < 0;
    if (gap)
        snprintf(why, sizeof why, "预算%s（第%zu行），实际支出%s（第%zu行），少%s万元", f.budget.text,
                 f.budget_line, f.spent.text, f.spent_line,
                 fl_dec_format(fl_dec_sub(f.budget.wan, f.spent.wan), 2, a, sizeof a));
    else if (f.has_rate && fl_dec_cmp(f.rate, fl_dec_from_int(100)) < 0)
        snprintf(why, sizeof why, "执行率为%s（第%zu行）", f.rate_text, f.line);
    else if (f.wording[0])
        snprintf(why, sizeof why, "文中写有“%s”（第%zu行）", f.wording, f.line);
    if (why[0] == '\0')
        return;
    char heading[256];
    snprintf(heading, sizeof heading, "%s", fl_section_heading(s));
    mc_display(heading, sizeof heading);
    fl_finding *fl = fl_report_add(rep, "empty-deviation-section", FL_SEV_WARNING,
                                   "“%s”只写了“%s”，但该项目存在偏离：%s", heading,
                                   body[0] ? body : "（空）", why);
    fl_finding_set_line(fl, fl_section_line(s), 0);
    fl_finding_set_section(fl, s);
    if (gap)
        fl_finding_set_values(fl, f.budget.wan, f.spent.wan);
    else if (f.has_rate)
        fl_finding_set_values(fl, fl_dec_from_int(100), f.rate);
    fl_finding_set_suggestion(fl, "说明预算未执行完（或目标未完成）的原因，以及下一步的改进措施；"
                                  "确无偏离的，写明各项指标均已完成。");
}

int mc_rule_deviation_section(const fl_document *doc, fl_report *rep, const mc_options *o)
{
    size_t n = fl_doc_section_count(doc);
    size_t prev_end = 0; /* last line of the previous 偏离 section */
    int in_order = -1; /* asked at the first 偏离 section: most documents have none */
    for (size_t i = 0; i < n; i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (!is_deviation_heading(s))
            continue;
        if (in_order < 0)
            in_order = paragraphs_in_order(doc);
        /* The project starts after the previous 偏离 section, and not
         * before the top-level section holding this one. */
        size_t from = prev_end + 1;
        const fl_section *top = s;
        while (fl_section_parent(top) != NULL)
            top = fl_section_parent(top);
        if (top != s && fl_section_line(top) + 1 > from)
            from = fl_section_line(top) + 1;
        check_section(doc, rep, s, from, o, in_order);
        prev_end = fl_section_end_line(s);
    }
    return 0;
}
