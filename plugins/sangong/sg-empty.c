/* sg-empty.c — rule "empty-table-narrative": the 三公 table holds no
 * amount for 预算数 (or 决算数) — its cells blank, 0 or "-" — while the
 * narrative states a 三公 预算数 (支出数) above zero.  One of the two is
 * wrong.  When the table has no data row at all the reader may have lost
 * it, so that case is only an info. */
#include <string.h>

#include "sg.h"

/* The narrative's first non-zero figure of `role`, the 三公 total first. */
static const sg_fig *stated(const sg_narr *n, int role)
{
    const sg_fig *any = NULL;
    for (size_t i = 0; i < n->nfigs; i++) {
        const sg_fig *f = &n->figs[i];
        if (f->role != role || f->value.micros <= 0)
            continue;
        if (f->item == SG_TOTAL)
            return f;
        if (any == NULL)
            any = f;
    }
    return any;
}

void sg_rule_empty(sg_ctx *c)
{
    static const int roles[SG_NGROUPS] = { SG_R_BUDGET, SG_R_FINAL };
    const sg_table *st = sg_main_table(c);
    if (st == NULL)
        return;
    for (int g = 0; g < SG_NGROUPS; g++) {
        if (!st->present[g] || !sg_table_group_zero(st, g))
            continue;
        const sg_fig *f = stated(&c->narr, roles[g]);
        if (f == NULL)
            continue;
        char b1[32];
        fl_severity sev = st->evidence ? FL_SEV_ERROR : FL_SEV_INFO;
        fl_finding *fd = fl_report_add(
            c->rep, "empty-table-narrative", sev,
            "“三公”经费表中%s%s，情况说明却写%s%s为%s万元。%s", sg_group_name(g),
            st->evidence ? "为空（空白、0或“-”）" : "未读到数字", sg_item_name(f->item),
            sg_group_name(g), sg_fmt(f->value, b1),
            st->evidence ? "" : "该表没有数据行，可能是表格未能正确读取，请人工核对。");
        fl_finding_set_values(fd, fl_dec_from_int(0), f->value);
        fl_finding_set_line(fd, f->line, f->line);
        fl_finding_set_table(fd, st->table);
        fl_finding_set_column(fd, sg_group_name(g));
        fl_finding_set_suggestion(fd, "核对“三公”经费表与情况说明：若确有“三公”经费%s，应在表中填列各项金额；"
                                      "若确无，情况说明应写明“无“三公”经费”并删除金额。",
                                  g == SG_BUDGET ? "预算" : "支出");
        c->empty_reported[g] = 1;
    }
}
