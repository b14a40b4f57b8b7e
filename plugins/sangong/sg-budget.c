/* sg-budget.c — rules "over-budget" (决算数 above 预算数 with no reason:
 * error) and "unexplained-difference" (any other difference with no
 * reason: warning).
 *
 * The narrative's own statement of an item (预算数 and 决算数 in one
 * sentence) is judged where it stands; an item only the table compares is
 * judged at the table, and is covered by any narrative sentence about that
 * item (or, for a gap below budget, about the 三公 total) that gives a
 * reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

/* 1 when sentence `si` names `item` (三公 for the total). */
static int names_item(const sg_narr *n, size_t si, int item)
{
    size_t len;
    const char *s = sg_sent_text(n, si, &len);
    for (size_t i = 0; i < len; i++) {
        size_t k;
        if (sg_item_keyword_at(s + i, &k) == item)
            return 1;
    }
    return 0;
}

/* 2: a sentence about item and its budget gives a reason; 1: such a
 * sentence exists without one; 0: the narrative says nothing of it. */
static int narrative_reason(const sg_narr *n, int item)
{
    int found = 0;
    /* Every sentence may be asked: what lies ahead of each is learnt once. */
    unsigned char *memo = calloc(n->nsents ? n->nsents : 1, 1);
    if (memo == NULL)
        abort(); /* out of memory: the core's policy too */
    for (size_t si = 0; si < n->nsents; si++) {
        size_t len;
        const char *s = sg_sent_text(n, si, &len);
        if (!sg_contains(s, len, "预算") || !names_item(n, si, item)) /* cheaper first */
            continue;
        if (sg_narr_reason_near(n, si, memo)) {
            found = 2;
            break;
        }
        found = 1;
    }
    free(memo);
    return found;
}

static void report(sg_ctx *c, int item, fl_dec budget, fl_dec final, const sg_fig *at,
                   const sg_table *st)
{
    char b1[32], b2[32], b3[32];
    fl_dec diff = fl_dec_sub(final, budget);
    int over = diff.micros > 0;
    const char *unit = st && st->unit_is_yuan ? "元" : "万元";
    fl_finding *f;
    if (over)
        f = fl_report_add(c->rep, "over-budget", FL_SEV_ERROR,
                          "%s决算数%s%s超过预算数%s%s（超出%s%s），未说明超预算原因。",
                          sg_item_name(item), sg_fmt(final, b1), unit, sg_fmt(budget, b2), unit,
                          sg_fmt(diff, b3), unit);
    else {
        /* The rate the report should have stated, to help the bureau. */
        char rate[64] = "";
        int ok;
        fl_dec r = fl_dec_div(fl_dec_mul(diff, fl_dec_from_int(100)), budget, &ok);
        char b4[32];
        if (ok && !fl_dec_is_zero(budget))
            snprintf(rate, sizeof rate, "（差异率%s%%）", sg_fmt(fl_dec_round(r, 2), b4));
        f = fl_report_add(c->rep, "unexplained-difference", FL_SEV_WARNING,
                          "%s预算数%s%s，决算数%s%s，相差%s%s%s，未说明预决算差异原因。",
                          sg_item_name(item), sg_fmt(budget, b1), unit, sg_fmt(final, b2), unit,
                          sg_fmt(diff, b3), unit, rate);
    }
    fl_finding_set_values(f, budget, final);
    if (at) {
        fl_finding_set_line(f, at->line, at->line);
    } else {
        sg_table_locate(f, st, SG_FINAL, item);
    }
    if (over)
        fl_finding_set_suggestion(f, "“三公”经费决算数原则上不得超过预算数：请核实数据，或在情况说明中写明超支的原因"
                                     "（如按程序追加预算的依据），写成“主要原因是：……”。");
    else
        fl_finding_set_suggestion(f, "在“三公”经费情况说明中写明预算数与决算数的差异率及差异原因，"
                                     "例如“决算数小于预算数的主要原因是：厉行节约，压减公务接待支出”。");
}

void sg_rule_budget(sg_ctx *c)
{
    const sg_narr *n = &c->narr;
    for (int item = 0; item < SG_NITEMS; item++) {
        /* The narrative's own comparison, first one only.  A sentence
         * without the 决算数 is asked once, not once per 预算数 in it. */
        const sg_fig *b = NULL, *f = NULL;
        size_t asked = (size_t)-1;
        for (size_t i = 0; i < n->nfigs && f == NULL; i++) {
            if (n->figs[i].item != item || n->figs[i].role != SG_R_BUDGET ||
                n->figs[i].sent == asked)
                continue;
            b = &n->figs[i];
            asked = b->sent;
            f = sg_narr_find(n, item, SG_R_FINAL, b->sent);
        }
        if (f) {
            /* Of 年初预算数 and 调整后（全年）预算数 in the sentence, the
             * later one counts. */
            const sg_fig *from = &n->figs[n->sent_first[b->sent]];
            const sg_fig *end = &n->figs[n->sent_first[b->sent + 1]];
            for (const sg_fig *x = from; x < end; x++)
                if (x->item == item && x->role == SG_R_BUDGET && x->offset < f->offset)
                    b = x;
            if (fl_dec_cmp(b->value, f->value) != 0 && !sg_narr_reason_near(n, f->sent, NULL))
                report(c, item, b->value, f->value, f, NULL);
            continue;
        }
        if (c->ntables == 0)
            continue;
        const sg_table *st = &c->tables[0];
        const sg_tcell *tb = &st->v[SG_BUDGET][item], *tf = &st->v[SG_FINAL][item];
        if (!tb->have || !tf->have || fl_dec_cmp(tb->value, tf->value) == 0)
            continue;
        /* A general reason for the total covers an item's smaller gap, not
         * an item that went over its budget. */
        int over = fl_dec_cmp(tf->value, tb->value) > 0;
        int r = narrative_reason(n, item);
        if (r == 0 && item != SG_TOTAL && !over)
            r = narrative_reason(n, SG_TOTAL);
        if (r != 2)
            report(c, item, tb->value, tf->value, NULL, st);
    }
}
