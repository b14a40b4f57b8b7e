/* sg-detail.c — what the 三公 narrative must give besides amounts
 * (地方预决算公开操作规程): the car line split into 购置 and 运行维护
 * ("car-split"), groups and people for trips abroad ("abroad-detail"),
 * batches and people for receptions ("reception-detail").  Only checked
 * when the narrative goes into the items at all, and only for items whose
 * 决算数 is not zero.  Warnings. */
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

/* The item's 决算数 (narrative first, then table); 0 when unknown. */
static int final_of(const sg_ctx *c, int item, fl_dec *out, const sg_fig **fig)
{
    *fig = sg_narr_find(&c->narr, item, SG_R_FINAL, (size_t)-1);
    if (*fig) {
        *out = (*fig)->value;
        return 1;
    }
    if (c->ntables && c->tables[0].v[SG_FINAL][item].have) {
        *out = c->tables[0].v[SG_FINAL][item].wan;
        return 1;
    }
    return 0;
}

static void warn(sg_ctx *c, const char *rule, int item, fl_dec amount, const sg_fig *fig,
                 const char *what, const char *how)
{
    char b[32];
    fl_finding *f = fl_report_add(c->rep, rule, FL_SEV_WARNING,
                                  "%s决算数为%s万元，但情况说明未列明%s。", sg_item_name(item),
                                  sg_fmt(amount, b), what);
    if (fig)
        fl_finding_set_line(f, fig->line, fig->line);
    else if (c->ntables)
        sg_table_locate(f, &c->tables[0], SG_FINAL, item);
    fl_finding_set_suggestion(f, "%s", how);
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
    if (final_of(c, SG_CAR, &v, &fig) && fig && !fl_dec_is_zero(v) &&
        (!sg_narr_find(n, SG_CAR_BUY, SG_R_FINAL, (size_t)-1) ||
         !sg_narr_find(n, SG_CAR_RUN, SG_R_FINAL, (size_t)-1)))
        warn(c, "car-split", SG_CAR, v, fig, "公务用车购置费和公务用车运行维护费各是多少",
             "分别写明公务用车购置费和公务用车运行维护费的金额，以及购置车辆数和公务用车保有量。");
    if (final_of(c, SG_ABROAD, &v, &fig) && !fl_dec_is_zero(v) &&
        !(said(n, "团组") && said(n, "人次")))
        warn(c, "abroad-detail", SG_ABROAD, v, fig, "因公出国（境）团组数和人次",
             "写明全年安排的因公出国（境）团组数和人次，例如“因公出国（境）团组2个，6人次”。");
    if (final_of(c, SG_RECEPTION, &v, &fig) && !fl_dec_is_zero(v) &&
        !(said(n, "批次") && said(n, "人次")))
        warn(c, "reception-detail", SG_RECEPTION, v, fig, "公务接待批次和人次",
             "写明国内公务接待的批次和人次（含外事接待），例如“国内公务接待6批次，32人次”。");
}
