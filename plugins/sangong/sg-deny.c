/* sg-deny.c — rule "narrative-denies-table": the narrative says there is
 * no 三公 money (当年度无“三公”经费支出, 未安排“三公”经费预算, 无公务用车
 * 购置预算安排, “三公”经费支出为零) while the 三公 table holds a non-zero
 * amount for it.  A leftover template note under a filled table
 * (“本部门2024年无“三公”经费和机关运行经费预算，故本表为空表”) is the
 * usual cause.
 *
 * A denial counts only when the denial word stands right before the item
 * (filler such as 本年度 or a quote mark aside), in a clause that is not a
 * condition (如/若 …, 无…的部门) and not about an earlier year.  The
 * words from the denial to the end of its clause say which figure it
 * denies (预算/安排: the 预算数; 支出/决算/发生: the 决算数), else the
 * whole clause, else both.  In a budget every figure is a 预算数. */
#include <string.h>

#include "sg.h"

/* 1 when lit (not empty) starts at s, before end.  Called at every
 * character for a dozen words: the first byte, compared inline, rules
 * out nearly all of them. */
static int at(const char *s, const char *end, const char *lit)
{
    if (s >= end || *s != lit[0])
        return 0;
    size_t n = strlen(lit);
    return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* Length of the denial word at s, or 0. */
static size_t denial_at(const char *s, const char *end)
{
    static const char *const words[] = { "未安排", "未发生", "未列支", "不安排", "没有", "无" };
    /* 未 无 没 不 (E6 9C, E6 97, E6 B2, E4 B8): most characters are let
     * go at their first two bytes, without a call per word */
    if (end - s < 3 || ((unsigned char)s[0] != 0xE6 && (unsigned char)s[0] != 0xE4))
        return 0;
    unsigned char b = (unsigned char)s[1];
    if (b != 0x9C && b != 0x97 && b != 0xB2 && b != 0xB8)
        return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (at(s, end, words[i]))
            return strlen(words[i]);
    return 0;
}

/* Skips the words that may stand between a denial and its item. */
static const char *skip_filler(const char *s, const char *end)
{
    static const char *const filler[] = { "“", "”", "\"", " ", "本年度", "本年", "当年度", "当年",
                                          "年度", "财政拨款", "一般公共预算", "安排的", "安排" };
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof filler / sizeof filler[0]; i++)
            if (at(s, end, filler[i])) {
                s += strlen(filler[i]);
                again = 1;
            }
    }
    return s;
}

/* Clause boundaries around s: the comma-separated part of the sentence. */
static const char *clause_start(const char *from, const char *s)
{
    while (s > from && !at(s - 1, s, ",") && !(s - from >= 3 && at(s - 3, s, "。")))
        s--;
    return s;
}

static const char *clause_end(const char *s, const char *end)
{
    while (s < end && *s != ',' && *s != ';' && !at(s, end, "。"))
        s++;
    return s;
}

/* Groups a clause denies: bit 1 the 预算数, bit 2 the 决算数; 3 when it
 * does not say. */
static int clause_groups(const char *s, size_t len, int budget_doc)
{
    if (budget_doc)
        return 1;
    int g = 0;
    if (sg_contains(s, len, "预算") || sg_contains(s, len, "安排"))
        g |= 1;
    if (sg_contains(s, len, "支出") || sg_contains(s, len, "决算") || sg_contains(s, len, "发生") ||
        sg_contains(s, len, "开支") || sg_contains(s, len, "列支"))
        g |= 2;
    return g ? g : 3;
}

/* The table's non-zero amount for item in group g (the 三公 total: any
 * item), in *v and *item_out; 0 when there is none. */
static int table_amount(const sg_table *st, int g, int item, const sg_tcell **v, int *item_out)
{
    for (int i = item; i < SG_NITEMS; i++) {
        const sg_tcell *t = &st->v[g][i];
        if (t->have && !fl_dec_is_zero(t->value)) {
            *v = t;
            *item_out = i;
            return 1;
        }
        if (item != SG_TOTAL)
            break;
    }
    return 0;
}

static void report(sg_ctx *c, const sg_table *st, int g, int titem,
                   const sg_tcell *v, const char *word, size_t wlen, size_t line)
{
    char b1[32], quoted[160];
    size_t n = wlen < sizeof quoted - 1 ? wlen : sizeof quoted - 1;
    memcpy(quoted, word, n);
    quoted[n] = '\0';
    fl_finding *f = fl_report_add(
        c->rep, "narrative-denies-table", FL_SEV_ERROR,
        "情况说明称“%s”，但“三公”经费表中%s%s为%s%s。", quoted, sg_item_name(titem),
        sg_group_name(g), sg_fmt(v->value, b1), st->unit_is_yuan ? "元" : "万元");
    fl_finding_set_values(f, v->wan, fl_dec_from_int(0));
    fl_finding_set_line(f, line, line);
    sg_table_locate(f, st, g, titem);
    fl_finding_set_suggestion(f, "核对“三公”经费表与情况说明：若确有该项经费，删除“无……”的说明并写明金额；"
                                 "若确无，表中金额应为0。表下“本表为空表”等说明须与表格一致。");
}

/* Looks for one denial in sentence si; reports it at most once. */
static void scan_sentence(sg_ctx *c, const sg_table *st, size_t si)
{
    const sg_narr *n = &c->narr;
    size_t len;
    const char *s = sg_sent_text(n, si, &len);
    const char *end = s + len;
    const fl_paragraph *p = fl_doc_paragraph(c->doc, n->sents[si].para);
    const char *ptext = fl_paragraph_text(p);
    for (const char *q = s; q < end; q++) {
        /* Denial words and item keywords start with an ideograph, never
         * inside a UTF-8 sequence. */
        if (((unsigned char)*q & 0xC0) == 0x80)
            continue;
        size_t k, dn = denial_at(q, end);
        int item = SG_ITEM_NONE;
        const char *kw = NULL;
        if (dn) {
            kw = skip_filler(q + dn, end);
            item = sg_item_keyword_at(kw, &k);
        } else if ((item = sg_item_keyword_at(q, &k)) >= 0) {
            /* “三公”经费支出为零 / 零支出: no digit before the word. */
            const char *ce = clause_end(q + k, end), *z = q + k;
            while (z < ce && !(*z >= '0' && *z <= '9') && !at(z, ce, "为零") && !at(z, ce, "零支出"))
                z++;
            if (z >= ce || (*z >= '0' && *z <= '9'))
                item = SG_ITEM_NONE;
            kw = q;
        }
        if (item < 0)
            continue;
        const char *cs = clause_start(s, q), *ce = clause_end(kw + k, end);
        /* A condition (如本年度无…, 无…的部门) or an earlier year. */
        if (sg_contains(cs, (size_t)(q - cs), "如") || sg_contains(cs, (size_t)(q - cs), "若") ||
            sg_contains(kw, (size_t)(ce - kw), "的部门") || sg_contains(kw, (size_t)(ce - kw), "的单位") ||
            sg_prior_year(s, (size_t)(q - s), n->year))
            continue;
        /* What the denial itself says first (…的主要原因：当年度无“三公”
         * 经费支出 denies the spending, not the 预算数 named before it). */
        int groups = clause_groups(q, (size_t)(ce - q), n->budget_doc);
        if (groups == 3)
            groups = clause_groups(cs, (size_t)(ce - cs), n->budget_doc);
        for (int g = 0; g < SG_NGROUPS; g++) {
            const sg_tcell *v;
            int titem;
            if (!(groups & (1 << g)) || !table_amount(st, g, item, &v, &titem))
                continue;
            size_t off = (size_t)(q - ptext);
            report(c, st, g, titem, v, cs, (size_t)(ce - cs), fl_paragraph_line_at(p, off));
            return;
        }
        q = ce > q ? ce - 1 : q;
    }
}

void sg_rule_deny(sg_ctx *c)
{
    const sg_table *st = sg_main_table(c);
    if (st == NULL)
        return;
    for (size_t si = 0; si < c->narr.nsents; si++)
        scan_sentence(c, st, si);
}
