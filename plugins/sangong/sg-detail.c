/* sg-detail.c — what the 三公 narrative must give besides amounts
 * (地方预决算公开操作规程): the car line split into 购置 and 运行维护
 * ("car-split", 决算 and 预算), groups and people for trips abroad
 * ("abroad-detail", 决算 only), batches and people for receptions
 * ("reception-detail", 决算 only).  Only checked when the narrative goes
 * into the items at all, and only for items whose amount is not zero.
 * Warnings.  The kinds are declared in sangong.c; the core drops the
 * 决算-only rules on other documents. */
#include <string.h>

#include "sg.h"

/* 1 when some 三公 sentence contains `word`. */
static int said(const sg_narr *n, const char *word)
{
    for (size_t si = 0; si < n->nsents; si++) {
        size_t len;
        const char *s = sg_sent_text(n, si, &len);
        if (sg_contains(s, len, word))
            return 1;
    }
    return 0;
}

/* The item's 决算数 (预算数 on a budget): narrative first, then table;
 * 0 when unknown. */
static int amount_of(const sg_ctx *c, int item, fl_dec *out, const sg_fig **fig)
{
    int budget = c->narr.budget_doc;
    *fig = sg_narr_find(&c->narr, item, budget ? SG_R_BUDGET : SG_R_FINAL, (size_t)-1);
    if (*fig) {
        *out = (*fig)->value;
        return 1;
    }
    int g = budget ? SG_BUDGET : SG_FINAL;
    if (c->ntables && c->tables[0].v[g][item].have) {
        *out = c->tables[0].v[g][item].wan;
        return 1;
    }
    return 0;
}

static void warn(sg_ctx *c, const char *rule, int item, fl_dec amount, const sg_fig *fig,
                 const char *what, const char *how)
{
    char b[32];
    int budget = c->narr.budget_doc;
    fl_finding *f = fl_report_add(c->rep, rule, FL_SEV_WARNING, "%s%s为%s万元，但情况说明未列明%s。",
                                  sg_item_name(item), budget ? "预算数" : "决算数",
                                  sg_fmt(amount, b), what);
    if (fig)
        fl_finding_set_line(f, fig->line, fig->line);
    else if (c->ntables)
        sg_table_locate(f, &c->tables[0], budget ? SG_BUDGET : SG_FINAL, item);
    fl_finding_set_suggestion(f, "%s", how);
}

/* Figure of item in any amount role (预算数 or 决算数). */
static const sg_fig *any_amount(const sg_narr *n, int item)
{
    const sg_fig *f = sg_narr_find(n, item, SG_R_FINAL, (size_t)-1);
    return f ? f : sg_narr_find(n, item, SG_R_BUDGET, (size_t)-1);
}

/* Words that say no car was (to be) bought: the split is then given, all
 * of the car line is running cost. */
static const char *const no_purchase[] = {
    "无公务用车购置", "未安排公务用车购置", "没有公务用车购置", "无车辆购置", "未购置",
    "无购置", "未发生公务用车购置", "未安排购置", "不安排公务用车购置", "未新购",
};

static int lit_at(const char *s, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* 1 when "购置" is followed by a zero with no unit: "购置为0", "购置费0，". */
static int zero_purchase(const char *s, size_t len)
{
    static const char *const skip[] = { "费", "预算", "支出", "数", "为", "是", " ", ":" };
    const char *end = s + len;
    for (const char *p = s; p < end; p++) {
        if (!lit_at(p, end, "购置"))
            continue;
        const char *q = p + strlen("购置");
        for (int again = 1; again;) {
            again = 0;
            for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
                if (lit_at(q, end, skip[i])) {
                    q += strlen(skip[i]);
                    again = 1;
                }
        }
        if (q < end && *q == '0') {
            q++;
            if (q < end && *q == '.')
                for (q++; q < end && *q == '0'; q++)
                    ;
            if (q >= end || !(*q >= '0' && *q <= '9'))
                return 1;
        }
    }
    return 0;
}

/* 1 when the narrative splits the car line: both parts stated, a part
 * stated as the whole line (the other is then zero), or words that no car
 * was bought. */
static int car_split_given(const sg_narr *n, fl_dec car)
{
    const sg_fig *buy = any_amount(n, SG_CAR_BUY), *run = any_amount(n, SG_CAR_RUN);
    if (buy && run)
        return 1;
    if (buy && fl_dec_is_zero(buy->value))
        return 1;
    if ((run && fl_dec_cmp(run->value, car) == 0) || (buy && fl_dec_cmp(buy->value, car) == 0))
        return 1;
    for (size_t i = 0; i < sizeof no_purchase / sizeof no_purchase[0]; i++)
        if (said(n, no_purchase[i]))
            return 1;
    for (size_t si = 0; si < n->nsents; si++) {
        size_t len;
        const char *s = sg_sent_text(n, si, &len);
        if (zero_purchase(s, len))
            return 1;
    }
    return 0;
}

void sg_rule_details(sg_ctx *c)
{
    const sg_narr *n = &c->narr;
    int items = 0;
    for (size_t i = 0; i < n->nfigs; i++)
        items |= n->figs[i].item != SG_TOTAL;
    if (!items)
        return;
    fl_dec v;
    const sg_fig *fig;
    if (amount_of(c, SG_CAR, &v, &fig) && fig && !fl_dec_is_zero(v) && !car_split_given(n, v))
        warn(c, "car-split", SG_CAR, v, fig, "公务用车购置费和公务用车运行维护费各是多少",
             "分别写明公务用车购置费和公务用车运行维护费的金额，以及购置车辆数和公务用车保有量。");
    if (n->budget_doc)
        return; /* 团组/人次 and 批次/人次 are owed by a 决算 only */
    if (amount_of(c, SG_ABROAD, &v, &fig) && !fl_dec_is_zero(v) &&
        !(said(n, "团组") && said(n, "人次")))
        warn(c, "abroad-detail", SG_ABROAD, v, fig, "因公出国（境）团组数和人次",
             "写明全年安排的因公出国（境）团组数和人次，例如“因公出国（境）团组2个，6人次”。");
    if (amount_of(c, SG_RECEPTION, &v, &fig) && !fl_dec_is_zero(v) &&
        !(said(n, "批次") && said(n, "人次")))
        warn(c, "reception-detail", SG_RECEPTION, v, fig, "公务接待批次和人次",
             "写明国内公务接待的批次和人次（含外事接待），例如“国内公务接待6批次，32人次”。");
}
