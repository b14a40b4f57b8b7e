/* narrative.c — rule narrative: the text against the tables and against
 * itself.  Conservative by design: a sentence is checked only when its
 * structure leaves no doubt about what is compared.
 *   - an amount quoted for a named item equals the table ("本年支出合计…")
 *   - "X万元,其中:A…、B…" adds up
 *   - "占Y%" equals part / whole (whole: the 其中 head, or the named base
 *     "占本年支出合计的Y%")
 *   - "增加/减少X万元,增长/下降Y%" agree with the current amount */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrative.h"

#define RULE "narrative"

static const char *text_at(const tt_mention *m, size_t off)
{
    return fl_paragraph_text(m->para) + off;
}

static const char *skip_sep(const char *s)
{
    while (*s == ' ')
        s++;
    if (*s == ',')
        return s + 1;
    if (fl_str_starts(s, "，"))
        return s + strlen("，");
    return NULL;
}

/* 1: "X万元,其中:" ; 2: "X万元,主要用于" ; 0 otherwise. */
static int list_head(const tt_mention *m)
{
    if (m->is_pct)
        return 0;
    const char *s = skip_sep(text_at(m, m->end));
    if (s == NULL)
        return 0;
    if (fl_str_starts(s, "其中"))
        return 1;
    if (fl_str_starts(s, "主要用于"))
        return 2;
    return 0;
}

/* Words that make an amount a comparison, not a part of the total. */
static int is_comparison(const char *label)
{
    static const char *const words[] = {
        "增加", "减少", "增长", "下降", "上年", "相比", "比", "预算", "较",
        "同比", "占", "差异", NULL
    };
    for (size_t i = 0; words[i] != NULL; i++)
        if (tt_str_has(label, words[i]))
            return 1;
    return 0;
}

static void locate(fl_finding *f, const tt_mention *m)
{
    size_t line = fl_paragraph_line_at(m->para, m->off);
    fl_finding_set_line(f, line, line);
    const fl_section *s = fl_paragraph_section(m->para);
    if (s != NULL)
        fl_finding_set_section(f, s);
}

/* 1 when a, b or r is too large to be exact: then the paragraph of m is
 * told once (out-of-range) and the comparison is skipped. */
static int beyond_range(tt_ctx *c, const tt_mention *m, fl_dec a, fl_dec b,
                        fl_dec r)
{
    fl_dec v[3] = { a, b, r };
    if (!tt_any_out_of_range(v, 3))
        return 0;
    tt_out_of_range(c, NULL, m->para, fl_paragraph_line_at(m->para, m->off));
    return 1;
}

/* ---- 其中 adds up ---- */
/* 1 when m, an amount written in 元, makes the list of `head` add up
 * read as 万元: value as written = value in 万元 × 10000. */
static int slip_fits(const tt_mention *head, const tt_mention *m, fl_dec sum,
                     fl_dec lim)
{
    fl_dec written = fl_dec_mul(m->value, fl_dec_from_int(10000));
    fl_dec alt = fl_dec_add(fl_dec_sub(sum, m->value), written);
    return fl_dec_cmp(fl_dec_abs(fl_dec_sub(alt, head->value)), lim) <= 0;
}

/* The amounts in 元 by sentence, value and position, made when the first
 * list asks: each list looked for one that fits among all those after
 * its head in the sentence, and a sentence may hold thousands of both.
 * Sentence numbers are the document's, so one names its paragraph. */
typedef struct yuan_amount {
    size_t sentence;
    int64_t micros;
    size_t k;
} yuan_amount;

typedef struct slip_index {
    yuan_amount *v;
    size_t n;
    int built;          /* 1 once tried; v NULL then means out of memory */
} slip_index;

static int by_sentence_value_position(const void *a, const void *b)
{
    const yuan_amount *x = a, *y = b;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    if (x->micros != y->micros)
        return x->micros < y->micros ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

static void slip_index_build(slip_index *ix, const tt_mentions *ms)
{
    ix->built = 1;
    ix->v = malloc((ms->count ? ms->count : 1) * sizeof *ix->v);
    if (ix->v == NULL)
        return;
    for (size_t k = 0; k < ms->count; k++) {
        const tt_mention *m = &ms->items[k];
        if (!m->is_pct && m->unit == FL_UNIT_YUAN)
            ix->v[ix->n++] = (yuan_amount){ m->sentence, m->value.micros, k };
    }
    qsort(ix->v, ix->n, sizeof *ix->v, by_sentence_value_position);
}

/* The first entry not before (sentence, micros, k). */
static size_t slip_find(const slip_index *ix, size_t sentence, int64_t micros, size_t k)
{
    yuan_amount key = { sentence, micros, k };
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by_sentence_value_position(&ix->v[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first mention after head h in its sentence that slip_fits, or
 * ms->count.  One fits only when 9999 × its value is within lim of
 * head − sum, and whether it fits depends on its value alone: so for
 * each value in that range (a few: lim is the rounding allowance) the
 * first mention after h is tried. */
static size_t first_slip(slip_index *ix, const tt_mentions *ms, size_t h,
                         fl_dec sum, fl_dec lim)
{
    const tt_mention *head = &ms->items[h];
    if (!ix->built)
        slip_index_build(ix, ms);
    fl_dec d = fl_dec_sub(head->value, sum);
    fl_dec lo = fl_dec_sub(d, lim), hi = fl_dec_add(d, lim);
    if (ix->v == NULL || fl_dec_out_of_range(lo) || fl_dec_out_of_range(hi)) {
        /* no memory for the index, or an allowance beyond fl_dec */
        for (size_t k = h + 1; k < ms->count; k++) {
            const tt_mention *m = &ms->items[k];
            if (m->sentence != head->sentence || m->para != head->para)
                break;
            if (!m->is_pct && m->unit == FL_UNIT_YUAN && slip_fits(head, m, sum, lim))
                return k;
        }
        return ms->count;
    }
    int64_t vlo = lo.micros / 9999 - 1, vhi = hi.micros / 9999 + 1;
    size_t best = ms->count, s = head->sentence;
    for (size_t i = slip_find(ix, s, vlo, 0);
         i < ix->n && ix->v[i].sentence == s && ix->v[i].micros <= vhi;) {
        int64_t v = ix->v[i].micros;
        size_t j = slip_find(ix, s, v, h + 1);
        if (j < ix->n && ix->v[j].sentence == s && ix->v[j].micros == v &&
            ix->v[j].k < best && slip_fits(head, &ms->items[ix->v[j].k], sum, lim))
            best = ix->v[j].k;
        i = slip_find(ix, s, v + 1, 0);
    }
    return best;
}

/* An item written in 元 that adds up once read as 万元 ("人员经费346.25元"
 * in a list of 万元): report the unit, the likely slip.  1 if reported. */
static int unit_slip(tt_ctx *c, const tt_mentions *ms, slip_index *ix, size_t h,
                     fl_dec sum, fl_dec lim)
{
    const tt_mention *head = &ms->items[h];
    size_t k = first_slip(ix, ms, h, sum, lim);
    if (k == ms->count)
        return 0;
    const tt_mention *m = &ms->items[k];
    fl_dec written = fl_dec_mul(m->value, fl_dec_from_int(10000));
    char a[32], b[32];
    fl_finding *f = fl_report_add(c->rep, RULE, FL_SEV_ERROR,
        "“%s%s元”的单位疑为“万元”：按万元计，其中各项之和才等于总数 %s 万元",
        m->name, fl_dec_format(written, 2, a, sizeof a),
        tt_fmt(head->value, b, sizeof b));
    fl_finding_set_values(f, head->value, sum);
    fl_finding_set_expected_text(f, "万元");
    fl_finding_set_actual_text(f, "元");
    fl_finding_set_suggestion(f, "请将该金额的单位改为“万元”，"
                                 "或核对金额是否少写了数位。");
    locate(f, m);
    return 1;
}

/* 1 when s starts with a unit that counts things, not money: "12辆",
 * "1200平方米", "2台（套）", "3个".  A 其中 list with such a count is an
 * inventory, not a sum. */
static int quantity_unit(const char *s)
{
    static const tt_word units[] = {
        TT_WORD("辆"), TT_WORD("台"), TT_WORD("套"), TT_WORD("个"),
        TT_WORD("平方米"), TT_WORD("㎡"), TT_WORD("m²"), TT_WORD("m2"),
        TT_WORD("人"), TT_WORD("次"), TT_WORD("家"), TT_WORD("处"),
        TT_WORD("栋"), TT_WORD("间"), TT_WORD("亩"), TT_WORD("公里"),
        TT_WORD("件"), TT_WORD("名"), TT_WORD("户"), TT_WORD("批"),
        TT_WORD("张"), { NULL, 0 }
    };
    for (size_t u = 0; units[u].s != NULL; u++)
        if (s[0] == units[u].s[0] && strncmp(s, units[u].s, units[u].len) == 0)
            return 1;
    return 0;
}

/* Mentions [from, to) of one paragraph: the "；" before each and the
 * counts starting before its end, in one walk, so that a list asks only
 * whether they changed between two mentions (each list read the text
 * from its head on again).  A mention of money ends in 元, which no walk
 * below stops inside: the counts between two mentions are the same
 * whether the walk starts at the paragraph or at the first of them. */
static void mark_text(tt_mentions *ms, size_t from, size_t to)
{
    const char *t = fl_paragraph_text(ms->items[from].para);
    size_t semi_at = 0, semis = 0, count_at = 0, counts = 0;
    for (size_t k = from; k < to; k++) {
        tt_mention *m = &ms->items[k];
        for (; semi_at < m->off; semi_at++)
            if (t[semi_at] == ';' ||
                ((unsigned char)t[semi_at] == 0xEF && strncmp(t + semi_at, "；", 3) == 0))
                semis++;
        m->semis = semis;
        /* a number, its spaces and a unit; the byte after it is passed over */
        while (count_at < m->end) {
            if (t[count_at] < '0' || t[count_at] > '9') {
                count_at++;
                continue;
            }
            size_t j = count_at;
            while ((t[j] >= '0' && t[j] <= '9') || t[j] == '.' || t[j] == ',')
                j++;
            while (t[j] == ' ')
                j++;
            counts += quantity_unit(t + j);
            count_at = j + 1;
        }
        m->counts = counts;
    }
}

/* What check_list asks of the mentions [from, to) of one paragraph,
 * worked out once (tt_mention): next_item and the text marks. */
static void mark_paragraph(tt_mentions *ms, size_t from, size_t to)
{
    for (size_t k = to; k-- > from;) {
        tt_mention *m = &ms->items[k];
        const tt_mention *next = k + 1 < to ? &ms->items[k + 1] : NULL;
        if (!m->is_pct && !m->prev_year && !is_comparison(m->label))
            m->next_item = k;
        else if (next != NULL && next->sentence == m->sentence)
            m->next_item = next->next_item;
        else
            m->next_item = k + 1;
    }
    mark_text(ms, from, to);
}

/* The mentions of the last paragraph marked, [from, to). */
typedef struct marked {
    size_t from, to;
} marked;

/* The end of list head h's paragraph, marked when its first head asks:
 * most paragraphs have none, and marking them all cost the check a third
 * more on the bench corpus.  Heads come in order, so a paragraph's start
 * is never looked for before the last one marked. */
static size_t mark_for_head(tt_mentions *ms, marked *mk, size_t h)
{
    if (h < mk->to)
        return mk->to;
    const fl_paragraph *para = ms->items[h].para;
    size_t from = h, to = h + 1;
    while (from > mk->to && ms->items[from - 1].para == para)
        from--;
    while (to < ms->count && ms->items[to].para == para)
        to++;
    mark_paragraph(ms, from, to);
    *mk = (marked){ from, to };
    return to;
}

/* The first mention from k that a list adds (or ends it at), in a
 * paragraph marked up to `end`. */
static size_t next_item(const tt_mentions *ms, size_t k, size_t end)
{
    return k < end ? ms->items[k].next_item : end;
}

/* Where the text before each list head stands, read once per paragraph
 * as the heads come in order: the end of its last "。" and its last "其中"
 * (each test a prefix of the head's clause would make).  Asking from the
 * start of the paragraph at every head made a long paragraph quadratic. */
typedef struct text_scan {
    const fl_paragraph *para;
    size_t limit;        /* bytes read: up to the last head's clause */
    size_t period_end;   /* just after the last "。", 0 if none */
    size_t qizhong;      /* start of the last "其中" + 1, 0 if none */
} text_scan;

static void scan_to(text_scan *ts, const fl_paragraph *para, size_t limit)
{
    if (ts->para != para || limit < ts->limit)
        *ts = (text_scan){ para, 0, 0, 0 };
    const char *t = fl_paragraph_text(para);
    /* "。" wholly before `limit` at i < limit - 2; "其中" at i < limit - 5:
     * a position is read once it fits. */
    for (size_t i = ts->limit >= 2 ? ts->limit - 2 : 0; i + 3 <= limit; i++)
        if (t[i] == "。"[0] && memcmp(t + i, "。", 3) == 0)
            ts->period_end = i + 3;
    for (size_t i = ts->limit >= 5 ? ts->limit - 5 : 0; i + 6 <= limit; i++)
        if (t[i] == "其中"[0] && memcmp(t + i, "其中", 6) == 0)
            ts->qizhong = i + 1;
    ts->limit = limit;
}

/* `prev_head`: the list head before mention h (ms->count if none);
 * `end`: mark_for_head(h). */
static void check_list(tt_ctx *c, const tt_mentions *ms, size_t h, size_t end,
                       size_t prev_head, text_scan *ts, slip_index *slips)
{
    const tt_mention *head = &ms->items[h];
    tt_addend add[32];
    size_t n = 0, last = h;    /* the last item, or the head */
    if (head->prev_year)
        return;
    /* a list inside a list ("…其中：A…；B 4万元，其中：B1、B2；C…") ends at
     * the next "；": what follows belongs to the outer list.  Mentions of
     * one sentence are consecutive, so an earlier head in this sentence
     * means the last head is in it. */
    int nested = prev_head < ms->count && ms->items[prev_head].sentence == head->sentence &&
                 ms->items[prev_head].para == head->para;
    if (!nested) {
        /* "…。其中：…A 4万元，其中：" — the outer 其中 may have no amount */
        scan_to(ts, head->para, head->clause);
        nested = ts->qizhong > ts->period_end;
    }
    for (size_t k = next_item(ms, h + 1, end); k < end && n < 32;
         k = next_item(ms, k + 1, end)) {
        const tt_mention *m = &ms->items[k];
        if (m->sentence != head->sentence || m->para != head->para)
            break;
        if (nested && m->semis > ms->items[last].semis)
            break;                  /* a "；" since the last item */
        if (tt_str_has(m->label, "其中") && k != h + 1)
            break;                  /* a nested list: stop before it */
        if (m->name[0] == '\0')
            return;                 /* an amount without a name: unclear */
        add[n] = (tt_addend){ m->name, m->value, NULL, 0 };
        n++;
        last = k;
        if (m->head == 1)
            break;
    }
    if (n < 2)
        return;
    /* an inventory (vehicles, m², sets) among the items: not a money sum */
    if (ms->items[last].counts > head->counts)
        return;
    fl_dec sum = { 0 };
    for (size_t k = 0; k < n; k++)
        sum = fl_dec_add(sum, add[k].value);  /* out of range is sticky */
    if (beyond_range(c, head, head->value, sum, sum))
        return;
    const char *name = head->name;
    char what[300];
    fl_dec diff = fl_dec_abs(fl_dec_sub(sum, head->value));
    fl_dec lim = { c->opt->per_addend.micros * (int64_t)n };
    if (unit_slip(c, ms, slips, h, sum, lim))
        return;
    if (fl_dec_cmp(sum, head->value) < 0 && fl_dec_cmp(diff, lim) > 0) {
        /* fewer listed than the total: maybe a partial list */
        char e[32], a[32], d[32];
        fl_finding *f = fl_report_add(c->rep, RULE, FL_SEV_WARNING,
            "“%s%s万元，其中：…”所列各项之和为 %s 万元，比总数少 %s 万元",
            name, tt_fmt(head->value, a, sizeof a), tt_fmt(sum, e, sizeof e),
            tt_fmt(diff, d, sizeof d));
        fl_finding_set_values(f, sum, head->value);
        for (size_t k = 0; k < n; k++)
            fl_finding_add_addend(f, add[k].label, add[k].value);
        fl_finding_set_suggestion(f,
            "如“其中”应列出全部组成项，请补全遗漏项或更正总数；"
            "如只列举部分项目，可改为“其中主要包括”。");
        locate(f, head);
        return;
    }
    snprintf(what, sizeof what, "说明中“%s”与其中所列各项之和", name);
    tt_where w = { .line = fl_paragraph_line_at(head->para, head->off),
                   .para = head->para };
    tt_check_sum(c, RULE, &w, what, head->value, add, n);
}

/* ---- percentages ---- */
/* Half a unit of the last written decimal, in 万元 for amounts: what the
 * rounding of a written figure may hide. */
static fl_dec half_unit(int decimals, fl_unit unit)
{
    if (decimals < 0)
        decimals = 0;
    int64_t u = FL_DEC_SCALE / 2;
    for (int i = 0; i < decimals && u > 0; i++)
        u /= 10;
    if (unit == FL_UNIT_YUAN)
        u /= 10000;
    else if (unit == FL_UNIT_YIYUAN)
        u *= 10000;
    fl_dec d = { u };
    return d;
}

static fl_dec amount_half(const tt_mention *m)
{
    return half_unit(m->decimals, m->unit);
}

/* The range of num / den × 100 as num and den vary within their rounding;
 * the range is given as the quotients at its two ends.  0 if undefined. */
typedef struct pct_range {
    fl_dec lo, hi;
    int ok;
} pct_range;

static fl_dec pct_of(fl_dec num, fl_dec den, int *ok)
{
    fl_dec r = { 0 };
    if (den.micros <= 0) {
        *ok = 0;
        return r;
    }
    int k;
    r = fl_dec_div(fl_dec_mul(num, fl_dec_from_int(100)), den, &k);
    if (!k)
        *ok = 0;
    return r;
}

static pct_range range_of(fl_dec num_lo, fl_dec den_hi, fl_dec num_hi,
                          fl_dec den_lo)
{
    pct_range r;
    r.ok = 1;
    if (num_lo.micros < 0)
        num_lo.micros = 0;
    r.lo = pct_of(num_lo, den_hi, &r.ok);
    r.hi = pct_of(num_hi, den_lo, &r.ok);
    return r;
}

/* stated vs computed percentage: 0 fine, 1 rounding, 2 wrong.  Rounding:
 * the stated figure (± half its last digit) meets the range the written
 * amounts allow, or it is one unit of its last digit off. */
static int pct_verdict(fl_dec stated, int decimals, fl_dec computed,
                       const pct_range *range)
{
    if (decimals < 0 || decimals > 4)
        decimals = 2;
    if (fl_dec_cmp(fl_dec_round(computed, decimals), stated) == 0)
        return 0;
    if (range != NULL && range->ok) {
        fl_dec h = half_unit(decimals, FL_UNIT_NONE);
        if (fl_dec_cmp(fl_dec_add(stated, h), range->lo) >= 0 &&
            fl_dec_cmp(fl_dec_sub(stated, h), range->hi) <= 0)
            return 1;
    }
    int64_t unit = FL_DEC_SCALE;
    for (int i = 0; i < decimals; i++)
        unit /= 10;
    fl_dec diff = fl_dec_abs(fl_dec_sub(stated, computed));
    return diff.micros <= unit ? 1 : 2;
}

/* The finding's subject is printf(desc_fmt, ...), made only when there
 * is a finding: most percentages hold. */
static void report_pct(tt_ctx *c, const tt_mention *pm, fl_dec computed,
                       const pct_range *range, const tt_addend *add,
                       size_t n, const char *desc_fmt, ...)
    FISLINT_PRINTF(7, 8);

static void report_pct(tt_ctx *c, const tt_mention *pm, fl_dec computed,
                       const pct_range *range, const tt_addend *add,
                       size_t n, const char *desc_fmt, ...)
{
    for (size_t k = 0; k < n; k++)
        if (beyond_range(c, pm, add[k].value, add[k].value, add[k].value))
            return;
    if (beyond_range(c, pm, pm->value, computed, computed))
        return;
    int v = pct_verdict(pm->value, pm->decimals, computed, range);
    if (v == 0)
        return;
    char desc[400];
    va_list ap;
    va_start(ap, desc_fmt);
    vsnprintf(desc, sizeof desc, desc_fmt, ap);
    va_end(ap);
    char s[32], e[32], lo[32], hi[32];
    int dec = pm->decimals > 0 ? pm->decimals : 2;
    fl_dec shown = fl_dec_round(computed, dec);
    fl_dec_format(pm->value, pm->decimals, s, sizeof s);
    fl_dec_format(shown, dec, e, sizeof e);
    fl_finding *f;
    if (v == 1 && range != NULL && range->ok) {
        fl_dec_format(fl_dec_round(range->lo, dec + 1), dec, lo, sizeof lo);
        fl_dec_format(fl_dec_round(range->hi, dec + 1), dec, hi, sizeof hi);
        f = fl_report_add(c->rep, RULE, FL_SEV_INFO,
                          "%s：写为 %s%%，按所列金额计算为 %s%%；所列金额经四舍五入，"
                          "实际比例可在 %s%%～%s%% 之间，属尾数误差",
                          desc, s, e, lo, hi);
        fl_finding_set_suggestion(f, "差异来自四舍五入，可不修改；如需一致，"
                                     "请按所列金额重新计算百分比。");
    } else if (v == 1) {
        f = fl_report_add(c->rep, RULE, FL_SEV_INFO,
                          "%s：写为 %s%%，按所列金额计算为 %s%%，属尾数误差",
                          desc, s, e);
        fl_finding_set_suggestion(f, "差异来自四舍五入，可不修改；如需一致，"
                                     "请按所列金额重新计算百分比。");
    } else {
        f = fl_report_add(c->rep, RULE, FL_SEV_ERROR,
                          "%s：写为 %s%%，按所列金额计算应为 %s%%",
                          desc, s, e);
        fl_finding_set_suggestion(f, "请按所列金额重新计算百分比，或核对"
                                     "分子、分母金额是否写错、口径是否一致。");
    }
    fl_finding_set_values(f, shown, pm->value);
    for (size_t k = 0; k < n; k++)
        fl_finding_add_addend(f, add[k].label, add[k].value);
    locate(f, pm);
}

/* Mention `k` follows mention `k-1` with only a separator between. */
static int adjacent(const tt_mentions *ms, size_t k)
{
    if (k == 0)
        return 0;
    const tt_mention *a = &ms->items[k - 1], *b = &ms->items[k];
    if (a->para != b->para || a->sentence != b->sentence)
        return 0;
    const char *s = skip_sep(text_at(a, a->end));
    return s != NULL && s == text_at(b, b->clause);
}

/* Whole for "占" with a named base: the table's figure when the tables
 * give it (they are the reference), else a narrative amount of that name. */
/* The mentions a share's whole can be (this year's amounts), by name
 * and then position, made when the first share asks: a share looks for
 * the first such mention with its whole's name, and a long text has
 * thousands of both. */
typedef struct named_mention {
    const char *name;
    size_t k;
} named_mention;

typedef struct whole_index {
    named_mention *v;
    size_t n;
    int built;          /* 1 once tried; v NULL then means out of memory */
} whole_index;

static int by_name_then_position(const void *a, const void *b)
{
    const named_mention *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : (x->k > y->k) - (x->k < y->k);
}

static void whole_index_build(whole_index *ix, const tt_mentions *ms)
{
    ix->built = 1;
    ix->v = malloc((ms->count ? ms->count : 1) * sizeof *ix->v);
    if (ix->v == NULL)
        return;
    for (size_t k = 0; k < ms->count; k++)
        if (!ms->items[k].is_pct && !ms->items[k].prev_year)
            ix->v[ix->n++] = (named_mention){ ms->items[k].name, k };
    qsort(ix->v, ix->n, sizeof *ix->v, by_name_then_position);
}

/* The first whole-able mention named `name`, or NULL. */
static const tt_mention *first_named(whole_index *ix, const tt_mentions *ms, const char *name)
{
    if (!ix->built)
        whole_index_build(ix, ms);
    if (ix->v == NULL) { /* no memory for the index: look at them all */
        for (size_t k = 0; k < ms->count; k++) {
            const tt_mention *m = &ms->items[k];
            if (!m->is_pct && !m->prev_year && strcmp(m->name, name) == 0)
                return m;
        }
        return NULL;
    }
    size_t lo = 0, hi = ix->n; /* the first entry not before name */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->v[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n && strcmp(ix->v[lo].name, name) == 0 ? &ms->items[ix->v[lo].k] : NULL;
}

static int named_whole(const tt_mentions *ms, whole_index *ix, const tt_facts *facts,
                       const char *base, fl_dec *out, fl_dec *half)
{
    const tt_fact *f = tt_fact_find(facts, base);
    if (f != NULL) {
        *out = f->value;
        *half = half_unit(2, FL_UNIT_WANYUAN);
        return 1;
    }
    const tt_mention *m = first_named(ix, ms, base);
    if (m != NULL) {
        *out = m->value;
        *half = amount_half(m);
        return 1;
    }
    return 0;
}

/* `head`: the last mention before k - 1 that heads a list (ms->count if
 * none), kept by the caller as it goes: looking back for it from every
 * share read a long sentence of shares once per share. */
static void check_share(tt_ctx *c, const tt_mentions *ms, whole_index *ix,
                        const tt_facts *facts, size_t k, size_t head)
{
    const tt_mention *pm = &ms->items[k];
    if (!fl_str_starts(pm->label, "占") || !adjacent(ms, k) || ms->items[k - 1].is_pct)
        return;
    const tt_mention *part = &ms->items[k - 1];
    fl_dec whole, whole_half = half_unit(2, FL_UNIT_WANYUAN);
    if (part->prev_year)
        return;
    char base[128];
    const char *rest = pm->label + strlen("占");
    const char *pname = part->name;
    if (rest[0] != '\0') {
        /* "占本年支出合计的" */
        if (!tt_str_ends(rest, "的"))
            return;
        size_t len = strlen(rest) - strlen("的");
        if (len == 0 || len >= sizeof base)
            return;
        memcpy(base, rest, len);
        base[len] = '\0';
        if (!named_whole(ms, ix, facts, base, &whole, &whole_half))
            return;
    } else {
        /* the head of the 其中 list this part belongs to: in its sentence
         * (a sentence's mentions are consecutive) */
        size_t h = head;
        if (h >= ms->count || ms->items[h].para != part->para ||
            ms->items[h].sentence != part->sentence)
            return;
        whole = ms->items[h].value;
        whole_half = amount_half(&ms->items[h]);
        tt_item_name(ms->items[h].label, base, sizeof base);
    }
    if (beyond_range(c, pm, part->value, whole, whole))
        return;
    if (fl_dec_is_zero(whole))
        return;
    int ok;
    fl_dec ratio = fl_dec_div(part->value, whole, &ok);
    if (!ok)
        return;
    fl_dec computed = fl_dec_mul(ratio, fl_dec_from_int(100));
    tt_addend add[2] = { { pname, part->value, NULL, 0 },
                         { base, whole, NULL, 0 } };
    fl_dec ph = amount_half(part);
    pct_range range = range_of(fl_dec_sub(part->value, ph),
                               fl_dec_add(whole, whole_half),
                               fl_dec_add(part->value, ph),
                               fl_dec_sub(whole, whole_half));
    report_pct(c, pm, computed, &range, add, 2, "“%s”占“%s”的比例", pname,
               base);
}

/* ---- 增加/减少 X, 增长/下降 Y% ---- */
/* The current amount of a change, kept as the mentions go by: each
 * change looked back through its sentence and the one before, and a
 * sentence of many changes was read once per change. */
typedef struct change_walk {
    const fl_paragraph *para;   /* NULL before the first mention */
    size_t sentence;            /* of the mentions passed */
    size_t plain;               /* its last amount neither a share, last
                                 * year's nor a change, or (size_t)-1 */
    size_t amounts, amount;     /* its amounts neither a share nor last
                                 * year's: how many, and the last */
    size_t prev_amounts, prev_amount; /* the same of the sentence just
                                 * before in the paragraph (0: none) */
} change_walk;

/* The current amount for a change at mention k: the nearest plain amount
 * before, in this sentence; else the previous sentence's when it holds
 * exactly one amount; else NULL.  Called for every k in order. */
static const tt_mention *change_base(change_walk *w, const tt_mentions *ms, size_t k)
{
    const tt_mention *x = &ms->items[k];
    if (x->para != w->para || x->sentence != w->sentence) {
        int follows = w->para == x->para && w->sentence + 1 == x->sentence;
        w->prev_amounts = follows ? w->amounts : 0;
        w->prev_amount = w->amount;
        w->para = x->para;
        w->sentence = x->sentence;
        w->plain = (size_t)-1;
        w->amounts = 0;
    }
    const tt_mention *cur = w->plain != (size_t)-1 ? &ms->items[w->plain] :
                            w->prev_amounts == 1 ? &ms->items[w->prev_amount] : NULL;
    if (!x->is_pct && !x->prev_year) {
        w->amounts++;
        w->amount = k;
        if (x->change == 0)
            w->plain = k;
    }
    return cur;
}

/* `cur`: change_base() for k. */
static void check_change(tt_ctx *c, const tt_mentions *ms, size_t k,
                         const tt_mention *cur)
{
    const tt_mention *x = &ms->items[k];
    int up;
    if (x->is_pct)
        return;
    if (x->change == 0)
        return;
    up = x->change > 0;
    if (k + 1 >= ms->count || !adjacent(ms, k + 1))
        return;
    const tt_mention *y = &ms->items[k + 1];
    if (!y->is_pct || strcmp(y->label, up ? "增长" : "下降") != 0)
        return;
    if (cur == NULL)
        return;
    fl_dec prev = up ? fl_dec_sub(cur->value, x->value)
                     : fl_dec_add(cur->value, x->value);
    if (beyond_range(c, y, cur->value, x->value, prev))
        return;
    if (prev.micros <= 0)
        return;
    int ok;
    fl_dec ratio = fl_dec_div(x->value, prev, &ok);
    if (!ok)
        return;
    fl_dec computed = fl_dec_mul(ratio, fl_dec_from_int(100));
    const char *name = cur->name;
    tt_addend add[2] = { { up ? "增加额" : "减少额", x->value, NULL, 0 },
                         { "上年数（本年数∓变动额）", prev, NULL, 0 } };
    /* x / (cur ∓ x) grows with x and falls with cur */
    fl_dec xh = amount_half(x), ch = amount_half(cur);
    fl_dec xlo = fl_dec_sub(x->value, xh), xhi = fl_dec_add(x->value, xh);
    fl_dec clo = fl_dec_sub(cur->value, ch), chi = fl_dec_add(cur->value, ch);
    pct_range range = up ? range_of(xlo, fl_dec_sub(chi, xlo),
                                    xhi, fl_dec_sub(clo, xhi))
                         : range_of(xlo, fl_dec_add(chi, xlo),
                                    xhi, fl_dec_add(clo, xhi));
    report_pct(c, y, computed, &range, add, 2, "“%s”%s幅度（%s额÷上年数）",
               name, up ? "增长" : "下降", up ? "增加" : "减少");
}

/* ---- quoted amounts against the tables ---- */
/* 1 when the narrative is a budget's ("收入预算总计" names a table). */
static int budget_text(const tt_ctx *c)
{
    unsigned kinds = fl_doc_kinds(c->doc);
    if (kinds & FL_KINDS_BUDGET)
        return 1;
    if (kinds & FL_KINDS_FINAL)
        return 0;
    const fl_table *t = tt_find_table(c, TT_SUMMARY);
    return t != NULL && tt_table_is_budget(t);
}

/* "0.3万元" where the table has 2,961.68 万元: read as 亿元 it comes close
 * (to the written precision), so the unit may be the slip; the message
 * says so, hedged.  1 if reported. */
static int yi_slip(tt_ctx *c, const tt_mention *m, const tt_fact *f,
                   const char *name)
{
    if (m->unit != FL_UNIT_WANYUAN || fl_dec_is_zero(m->value))
        return 0;
    fl_dec as_yi = fl_dec_mul(m->value, fl_dec_from_int(10000));
    fl_dec lim = half_unit(m->decimals, FL_UNIT_YIYUAN);
    if (fl_dec_cmp(fl_dec_abs(fl_dec_sub(as_yi, f->value)), lim) > 0)
        return 0;
    char w[32], e[32], d[32];
    fl_dec_format(m->value, m->decimals > 0 ? m->decimals : 0, w, sizeof w);
    fl_finding *x = fl_report_add(c->rep, RULE, FL_SEV_ERROR,
        "说明中的“%s%s万元”与%s%s %s 万元不一致，相差 %s 万元；"
        "若按“亿元”读则与表中数相近，单位可能写错",
        name, w, fl_table_title(f->table), f->where,
        tt_fmt(f->value, e, sizeof e),
        tt_fmt(fl_dec_sub(m->value, f->value), d, sizeof d));
    fl_finding_set_values(x, f->value, m->value);
    fl_finding_set_suggestion(x, "请按表中数字更正说明中的金额及单位"
                                 "（金额单位应为“万元”，保留两位小数）。");
    locate(x, m);
    return 1;
}

/* `budget`: budget_text(c), asked once: it looks through the tables. */
static void check_quote(tt_ctx *c, const tt_mention *m, const tt_facts *facts,
                        int budget)
{
    if (m->is_pct || m->prev_year)
        return;
    const char *name = m->name;
    const tt_fact *f = tt_fact_find(facts, name);
    if (f == NULL) {
        /* "上海市普陀区财政局2024年度财政拨款收入支出总计": a total named
         * with its unit and year */
        const char *key = tt_total_key(name, fl_doc_year(c->doc), budget,
                                       fl_doc_unit(c->doc));
        if (key != NULL)
            f = tt_fact_find(facts, key);
    }
    if (f == NULL)
        return;
    if (beyond_range(c, m, f->value, m->value, m->value))
        return;
    if (fl_dec_cmp(f->value, m->value) == 0)
        return;
    /* a figure written with fewer decimals ("6.2万元", "2995.4万元")
     * holds when the table rounds to it */
    fl_dec diff = fl_dec_abs(fl_dec_sub(f->value, m->value));
    if (m->decimals < 2 &&
        fl_dec_cmp(diff, half_unit(m->decimals, m->unit)) <= 0)
        return;
    char what[400], why[300];
    if (yi_slip(c, m, f, name))
        return;
    snprintf(what, sizeof what, "说明中的“%s”与%s%s不一致", name,
             fl_table_title(f->table), f->where);
    snprintf(why, sizeof why, "表中为");
    tt_where w = { .line = fl_paragraph_line_at(m->para, m->off),
                   .para = m->para };
    (void)tt_check_equal(c, RULE, &w, what, f->value, m->value,
                         f->addends, why);
}

void tt_rule_narrative(tt_ctx *c)
{
    tt_mentions ms;
    tt_facts facts;
    tt_mentions_collect(c->doc, &ms);
    for (size_t k = 0; k < ms.count; k++)
        ms.items[k].head = list_head(&ms.items[k]);
    tt_facts_collect(c, &facts);
    size_t prev_head = ms.count;
    text_scan ts = { 0 };
    whole_index wholes = { 0 };
    slip_index slips = { 0 };
    change_walk changes = { 0 };
    marked mk = { 0, 0 };
    int budget = budget_text(c);
    /* the last two mentions that head a list, before k */
    size_t any_head = ms.count, any_head_before = ms.count;
    for (size_t k = 0; k < ms.count; k++) {
        const tt_mention *m = &ms.items[k];
        check_quote(c, m, &facts, budget);
        int head = m->head;
        if (head == 1) {
            check_list(c, &ms, k, mark_for_head(&ms, &mk, k), prev_head, &ts, &slips);
            prev_head = k;
        }
        if (m->is_pct)
            check_share(c, &ms, &wholes, &facts, k,
                        any_head + 1 == k ? any_head_before : any_head);
        check_change(c, &ms, k, change_base(&changes, &ms, k));
        if (head != 0) {
            any_head_before = any_head;
            any_head = k;
        }
    }
    free(wholes.v);
    free(slips.v);
    tt_mentions_free(&ms);
}
