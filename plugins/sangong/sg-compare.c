/* sg-compare.c — rule "narrative-table": every 三公 预算数 / 决算数 the
 * narrative states equals the table's.  The narrative may round to fewer
 * decimals ("1.3万元" for 1.30): the table value rounded the same way must
 * then match. */
#include <stdio.h>

#include "sg.h"

/* 1 when the sentence of figure i states the same item and role again
 * with the table's value: 年初预算数 10万元，调整后预算数 12万元 against a
 * table holding the adjusted 12. */
static int sibling_matches(const sg_narr *n, size_t i, fl_dec table)
{
    const sg_fig *fig = &n->figs[i];
    for (size_t j = 0; j < n->nfigs; j++) {
        const sg_fig *o = &n->figs[j];
        if (j != i && o->sent == fig->sent && o->item == fig->item && o->role == fig->role &&
            fl_dec_cmp(fl_dec_round(table, o->decimals < 2 ? o->decimals : 2), o->value) == 0)
            return 1;
    }
    return 0;
}

void sg_rule_narrative_table(sg_ctx *c)
{
    if (c->ntables == 0)
        return;
    const sg_table *st = &c->tables[0];
    const sg_narr *n = &c->narr;
    size_t last_line = 0;
    int last_item = -1, last_group = -1;
    for (size_t i = 0; i < n->nfigs; i++) {
        const sg_fig *fig = &n->figs[i];
        int g = fig->role == SG_R_BUDGET ? SG_BUDGET : fig->role == SG_R_FINAL ? SG_FINAL : -1;
        if (g < 0)
            continue;
        const sg_tcell *v = &st->v[g][fig->item];
        /* Reported already by empty-table-narrative / meeting-training-in-total. */
        if (!v->have || c->empty_reported[g] || fig == c->mt_total[g])
            continue;
        fl_dec want = v->wan;
        if (fig->decimals < 2 && fig->decimals >= 0)
            want = fl_dec_round(want, fig->decimals);
        if (fl_dec_cmp(want, fig->value) == 0 || sibling_matches(n, i, v->wan))
            continue;
        if (fig->line == last_line && fig->item == last_item && g == last_group)
            continue; /* one finding per statement */
        last_line = fig->line;
        last_item = fig->item;
        last_group = g;
        char b1[32], b2[32];
        fl_finding *f = fl_report_add(
            c->rep, "narrative-table", FL_SEV_ERROR,
            "情况说明中%s%s为%s万元，与“三公”经费表中的%s万元不一致。", sg_item_name(fig->item),
            sg_group_name(g), sg_fmt(fig->value, b1), sg_fmt(v->wan, b2));
        fl_finding_set_values(f, v->wan, fig->value);
        fl_finding_set_line(f, fig->line, fig->line);
        fl_finding_set_table(f, st->table);
        char col[128];
        snprintf(col, sizeof col, "%s/%s", sg_group_name(g), sg_item_name(fig->item));
        fl_finding_set_column(f, col);
        fl_finding_set_suggestion(f, "核对“三公”经费表与情况说明，使文字中的%s%s与表中一致。",
                                  sg_item_name(fig->item), sg_group_name(g));
    }
}
