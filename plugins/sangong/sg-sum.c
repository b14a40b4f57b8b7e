/* sg-sum.c — rule "sum": 合计 = 因公出国（境）费 + 公务用车购置及运行维护费
 * + 公务接待费, and 公务用车购置及运行维护费 = 购置费 + 运行维护费, for
 * 预算数 and 决算数, in the table and in the narrative.  A difference of at
 * most rounding-per-addend × addends is rounding (尾数误差): info only. */
#include <stdio.h>
#include <string.h>

#include "sg.h"

/* Where a sum's figures come from: a table or the narrative. */
typedef struct sum_src {
    const sg_table *st;          /* table, or NULL for the narrative */
    const sg_fig *fig[SG_NITEMS]; /* narrative figures */
    int group;
} sum_src;

static int have(const sum_src *s, int item)
{
    return s->st ? s->st->v[s->group][item].have : s->fig[item] != NULL;
}

static fl_dec value(const sum_src *s, int item)
{
    return s->st ? s->st->v[s->group][item].value : s->fig[item]->value;
}

void sg_out_of_range(sg_ctx *c, const sg_table *st, size_t line)
{
    const void *key = st != NULL ? (const void *)st->table : (const void *)&c->narr;
    for (size_t i = 0; i < c->oor_count; i++)
        if (c->oor_seen[i] == key)
            return;
    if (c->oor_count < sizeof c->oor_seen / sizeof c->oor_seen[0])
        c->oor_seen[c->oor_count++] = key;
    fl_finding *f = fl_report_add(c->rep, "out-of-range", FL_SEV_INFO,
        "%s中的金额超出可精确计算的范围（绝对值超过约9.2万亿，按所写单位计），"
        "涉及这些金额的“三公”经费合计、差额和比率未予核对",
        st != NULL ? "“三公”经费表" : "“三公”经费情况说明");
    if (st != NULL && st->table != NULL)
        fl_finding_set_table(f, st->table);
    if (line > 0)
        fl_finding_set_line(f, line, line);
    fl_finding_set_suggestion(f, "请核对这些金额是否多写了数位或用错了单位；"
                                 "如确为此数，请人工核对相关合计。");
}

static void check(sg_ctx *c, const sum_src *s, int whole, const int *parts, size_t n)
{
    if (!have(s, whole))
        return;
    fl_dec sum = { 0 };
    for (size_t i = 0; i < n; i++) {
        if (!have(s, parts[i]))
            return;
        sum = fl_dec_add(sum, value(s, parts[i]));
    }
    fl_dec total = value(s, whole);
    fl_dec diff = fl_dec_sub(total, sum);  /* out of range is sticky */
    if (fl_dec_out_of_range(diff)) {
        sg_out_of_range(c, s->st, s->st ? 0 : s->fig[whole]->line);
        return;
    }
    if (fl_dec_is_zero(diff))
        return;
    fl_dec tol = fl_dec_mul(c->opt->rounding_per_addend, fl_dec_from_int((int64_t)n));
    int rounding = fl_dec_cmp(fl_dec_abs(diff), tol) <= 0;
    const char *unit = s->st && s->st->unit_is_yuan ? "元" : "万元";
    const char *where = s->st ? "“三公”经费表" : "情况说明";
    char b1[32], b2[32], b3[32];
    fl_finding *f = fl_report_add(
        c->rep, "sum", rounding ? FL_SEV_INFO : FL_SEV_ERROR,
        "%s中%s%s为%s%s，各分项之和为%s%s，相差%s%s%s。", where,
        sg_item_name(whole), sg_group_name(s->group), sg_fmt(total, b1), unit,
        sg_fmt(sum, b2), unit, sg_fmt(diff, b3), unit,
        rounding ? "，在尾数误差范围内（单位换算时四舍五入所致）" : "");
    fl_finding_set_values(f, sum, total);
    for (size_t i = 0; i < n; i++)
        fl_finding_add_addend(f, sg_item_name(parts[i]), value(s, parts[i]));
    if (s->st) {
        sg_table_locate(f, s->st, s->group, whole);
    } else {
        fl_finding_set_line(f, s->fig[whole]->line, s->fig[whole]->line);
    }
    if (rounding)
        fl_finding_set_suggestion(f, "属尾数误差，可在表下注明“金额单位转换时可能存在尾数误差”，无需修改数据。");
    else
        fl_finding_set_suggestion(f, "核对%s及各分项金额，使%s等于各分项之和，并同步修改表格与情况说明。",
                                  sg_item_name(whole), sg_item_name(whole));
}

static void check_src(sg_ctx *c, const sum_src *s)
{
    static const int three[] = { SG_ABROAD, SG_CAR, SG_RECEPTION };
    static const int four[] = { SG_ABROAD, SG_CAR_BUY, SG_CAR_RUN, SG_RECEPTION };
    static const int car[] = { SG_CAR_BUY, SG_CAR_RUN };
    /* A 三公 合计 that counts 会议费 and 培训费 is meeting-training-in-total's. */
    int with_mt = s->st ? s->st->total_has_mt[s->group] : c->mt_total[s->group] != NULL;
    if (!with_mt && have(s, SG_CAR))
        check(c, s, SG_TOTAL, three, 3);
    else if (!with_mt)
        check(c, s, SG_TOTAL, four, 4);
    check(c, s, SG_CAR, car, 2);
}

void sg_rule_sum(sg_ctx *c)
{
    int table_has[SG_NGROUPS] = { 0, 0 };
    for (size_t t = 0; t < c->ntables; t++)
        for (int g = 0; g < SG_NGROUPS; g++) {
            sum_src s;
            memset(&s, 0, sizeof s);
            s.st = &c->tables[t];
            s.group = g;
            table_has[g] |= s.st->v[g][SG_TOTAL].have;
            check_src(c, &s);
        }
    /* The narrative on its own: when a table holds the same figures the
     * narrative-table rule already compares them one by one. */
    static const int roles[SG_NGROUPS] = { SG_R_BUDGET, SG_R_FINAL };
    for (int g = 0; g < SG_NGROUPS; g++) {
        if (table_has[g])
            continue;
        sum_src s;
        memset(&s, 0, sizeof s);
        s.group = g;
        for (int i = 0; i < SG_NITEMS; i++)
            s.fig[i] = sg_narr_find(&c->narr, i, roles[g], (size_t)-1);
        check_src(c, &s);
    }
}
