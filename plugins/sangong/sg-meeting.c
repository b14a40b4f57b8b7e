/* sg-meeting.c — rule "meeting-training-in-total": 会议费 and 培训费 are
 * not 三公经费.  Reported when
 *   - the table's 三公 合计 (labelled 三公, or in a table whose title names
 *     only 三公) equals the three items plus the 会议费 and 培训费 columns
 *     (sg-table.c settles that; the grand 合计 of a “三公”经费、会议费、
 *     培训费 table is no 三公 figure and is left alone);
 *   - the narrative's 三公 合计 equals the items plus the 会议费 / 培训费
 *     amounts the same paragraph gives after it
 *     (“三公”经费合计X万元，其中：…会议费D万元，培训费E万元).
 * “三公”经费及会议费、培训费合计X万元 names them in its subject: X is no
 * 三公 figure (sg-narrative.c). */
#include <string.h>

#include "sg.h"

static int at(const char *s, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* The amount right after a 会议费 / 培训费 keyword at s (a few words such
 * as 支出, 预算数, 为 may stand between), in 万元. */
static int amount_after(const char *s, const char *end, fl_dec *out)
{
    static const char *const filler[] = { "预算数", "决算数", "支出", "预算", "决算", "合计", "安排",
                                          "共计", "数", "为", "是", ":", " " };
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof filler / sizeof filler[0]; i++)
            if (at(s, end, filler[i])) {
                s += strlen(filler[i]);
                again = 1;
            }
    }
    if (s >= end || !(*s >= '0' && *s <= '9'))
        return 0;
    fl_number n;
    if (fl_parse_number(s, &n) == 0 || n.is_empty ||
        !(n.unit == FL_UNIT_WANYUAN || n.unit == FL_UNIT_YUAN || n.unit == FL_UNIT_YIYUAN))
        return 0;
    return fl_number_to_wanyuan(&n, out) == 0;
}

/* 会议费 (k = 0) and 培训费 (k = 1) stated in paragraph text[from..). */
static void meeting_training(const char *text, size_t from, fl_dec *v, int *have)
{
    static const char *const words[2] = { "会议费", "培训费" };
    const char *end = text + strlen(text);
    for (int k = 0; k < 2; k++) {
        have[k] = 0;
        for (const char *q = strstr(text + from, words[k]); q && !have[k]; q = strstr(q + 1, words[k]))
            have[k] = amount_after(q + strlen(words[k]), end, &v[k]);
    }
}

/* The narrative's three items of `role` in paragraph `para`. */
static int narrative_three(const sg_narr *n, size_t para, int role, fl_dec *sum)
{
    const sg_fig *f[SG_NITEMS] = { 0 };
    for (size_t i = 0; i < n->nfigs; i++)
        if (n->figs[i].para == para && n->figs[i].role == role && f[n->figs[i].item] == NULL)
            f[n->figs[i].item] = &n->figs[i];
    if (!f[SG_ABROAD] || !f[SG_RECEPTION])
        return 0;
    *sum = fl_dec_add(f[SG_ABROAD]->value, f[SG_RECEPTION]->value);
    if (f[SG_CAR])
        *sum = fl_dec_add(*sum, f[SG_CAR]->value);
    else if (f[SG_CAR_BUY] && f[SG_CAR_RUN])
        *sum = fl_dec_add(*sum, fl_dec_add(f[SG_CAR_BUY]->value, f[SG_CAR_RUN]->value));
    else
        return 0;
    return 1;
}

static void check_narrative(sg_ctx *c, int g)
{
    static const int roles[SG_NGROUPS] = { SG_R_BUDGET, SG_R_FINAL };
    const sg_narr *n = &c->narr;
    const sg_fig *tot = sg_narr_find(n, SG_TOTAL, roles[g], (size_t)-1);
    if (tot == NULL || tot->value.micros <= 0)
        return;
    const char *text = fl_paragraph_text(fl_doc_paragraph(c->doc, tot->para));
    fl_dec mt[2] = { { 0 }, { 0 } };
    int have[2];
    meeting_training(text, tot->end, mt, have);
    if (!have[0] && !have[1])
        return;
    fl_dec extra = fl_dec_add(mt[0], mt[1]);
    fl_dec three;
    const char *whence = "各分项之和";
    if (!narrative_three(n, tot->para, roles[g], &three)) {
        const sg_table *st = c->ntables ? &c->tables[0] : NULL;
        if (st == NULL || !st->v[g][SG_TOTAL].have || st->total_has_mt[g])
            return;
        three = st->v[g][SG_TOTAL].wan;
        whence = "“三公”经费表中的合计";
    }
    fl_dec tol = fl_dec_mul(c->opt->rounding_per_addend, fl_dec_from_int(5));
    if (fl_dec_is_zero(extra) ||
        fl_dec_cmp(fl_dec_abs(fl_dec_sub(tot->value, three)), tol) <= 0 ||
        fl_dec_cmp(fl_dec_abs(fl_dec_sub(tot->value, fl_dec_add(three, extra))), tol) > 0)
        return;
    char b1[32], b2[32], b3[32];
    fl_finding *f = fl_report_add(
        c->rep, "meeting-training-in-total", FL_SEV_ERROR,
        "情况说明中“三公”经费合计%s为%s万元，等于%s%s万元加会议费、培训费%s万元；"
        "会议费、培训费不属于“三公”经费，“三公”经费合计应为%s万元。",
        sg_group_name(g), sg_fmt(tot->value, b1), whence, sg_fmt(three, b2), sg_fmt(extra, b3),
        sg_fmt(three, b2));
    fl_finding_set_values(f, three, tot->value);
    fl_finding_add_addend(f, "“三公”经费（因公出国（境）费、公务用车购置及运行维护费、公务接待费）", three);
    if (have[0])
        fl_finding_add_addend(f, "会议费", mt[0]);
    if (have[1])
        fl_finding_add_addend(f, "培训费", mt[1]);
    fl_finding_set_line(f, tot->line, tot->line);
    fl_finding_set_suggestion(f, "“三公”经费只包括因公出国（境）费、公务用车购置及运行维护费和公务接待费；"
                                 "会议费、培训费应单独说明，不计入“三公”经费合计。");
    c->mt_total[g] = tot;
}

static void check_table(sg_ctx *c, const sg_table *st, int g)
{
    if (!st->total_has_mt[g])
        return;
    const sg_tcell *tot = &st->v[g][SG_TOTAL];
    fl_dec three = fl_dec_sub(tot->value, st->mt[g]);
    const char *unit = st->unit_is_yuan ? "元" : "万元";
    char b1[32], b2[32], b3[32];
    fl_finding *f = fl_report_add(
        c->rep, "meeting-training-in-total", FL_SEV_ERROR,
        "“三公”经费表中“三公”经费合计%s为%s%s，包含了会议费、培训费%s%s；"
        "会议费、培训费不属于“三公”经费，“三公”经费合计应为%s%s。",
        sg_group_name(g), sg_fmt(tot->value, b1), unit, sg_fmt(st->mt[g], b2), unit,
        sg_fmt(three, b3), unit);
    fl_finding_set_values(f, three, tot->value);
    fl_finding_add_addend(f, "会议费、培训费", st->mt[g]);
    sg_table_locate(f, st, g, SG_TOTAL);
    fl_finding_set_suggestion(f, "“三公”经费合计只计因公出国（境）费、公务用车购置及运行维护费和公务接待费；"
                                 "会议费、培训费单独列示，不计入“三公”经费合计。");
}

void sg_rule_meeting(sg_ctx *c)
{
    for (int g = 0; g < SG_NGROUPS; g++) {
        if (c->ntables)
            check_table(c, &c->tables[0], g);
        check_narrative(c, g);
    }
}
