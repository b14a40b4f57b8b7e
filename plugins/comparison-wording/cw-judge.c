/* cw-judge.c — a comparison word against the two amounts it compares, and
 * the finding when they disagree.  Amounts are compared exactly (fl_dec);
 * "equal" allows one unit of the last decimal written, which is what
 * rounding 元 to 万元 can do to two figures (never more). */
#include <stdio.h>
#include <string.h>

#include "cw.h"

/* Decimals of the amount once in 万元 ("25770元" has 0 in 元, 4 in 万元). */
static int wan_decimals(const fl_number *n)
{
    int d = n->decimals;
    if (n->unit == FL_UNIT_YUAN)
        d += 4;
    else if (n->unit == FL_UNIT_YIYUAN)
        d = d > 4 ? d - 4 : 0;
    return d > 6 ? 6 : d;
}

static fl_dec unit_of(int decimals)
{
    int64_t u = FL_DEC_SCALE;
    for (int i = 0; i < decimals; i++)
        u /= 10;
    fl_dec d = { u };
    return d;
}

/* |a-b| as a percentage of the larger of |a| and |b|. */
static fl_dec rel_percent(fl_dec a, fl_dec b)
{
    fl_dec big = fl_dec_cmp(fl_dec_abs(a), fl_dec_abs(b)) >= 0 ? fl_dec_abs(a) : fl_dec_abs(b);
    int ok = 0;
    fl_dec r = fl_dec_div(fl_dec_mul(fl_dec_abs(fl_dec_sub(a, b)), fl_dec_from_int(100)), big, &ok);
    return ok ? r : fl_dec_from_int(100);
}

cw_verdict cw_judge(cw_rel rel, fl_dec a, fl_dec b, int decimals, const cw_options *o,
                    cw_rel *right)
{
    int c = fl_dec_cmp(a, b);
    fl_dec diff = fl_dec_abs(fl_dec_sub(a, b));
    int within_unit = fl_dec_cmp(diff, unit_of(decimals)) <= 0;
    *right = c > 0 ? CW_REL_GT : c < 0 ? CW_REL_LT : CW_REL_EQ;
    switch (rel) {
    case CW_REL_GT:
        return c > 0 ? CW_OK : c == 0 ? CW_SAME : CW_ERR;
    case CW_REL_LT:
        return c < 0 ? CW_OK : c == 0 ? CW_SAME : CW_ERR;
    case CW_REL_EQ:
        if (within_unit)
            return CW_OK;
        return fl_dec_cmp(rel_percent(a, b), o->rough) <= 0 ? CW_WARN : CW_ERR;
    case CW_REL_ROUGH:
        if (within_unit || fl_dec_cmp(rel_percent(a, b), o->rough) <= 0)
            return CW_OK;
        return fl_dec_cmp(rel_percent(a, b), o->clear) <= 0 ? CW_WARN : CW_ERR;
    default:
        return CW_OK;
    }
}

const char *cw_rel_name(cw_rel rel, int change)
{
    switch (rel) {
    case CW_REL_GT:
        return change ? "增加" : "大于";
    case CW_REL_LT:
        return change ? "减少" : "小于";
    case CW_REL_EQ:
        return change ? "持平" : "等于";
    case CW_REL_ROUGH:
        return "基本持平";
    default:
        return "";
    }
}

/* The amount as written, without the spaces PDF text puts around it. */
static const char *shown(const cw_money *m, char *buf, size_t size)
{
    size_t j = 0;
    for (const char *p = m->a->text; *p && j + 1 < size; p++)
        if (*p != ' ')
            buf[j++] = *p;
    buf[j] = '\0';
    return buf;
}

void cw_report_claim(const cw_para *pp, fl_report *rep, const cw_options *o, const cw_claim *c)
{
    const fl_number *sn = &c->subj->a->number, *on = &c->obj->a->number;
    int da = wan_decimals(sn), db = wan_decimals(on);
    cw_rel right;
    cw_verdict v = cw_judge(c->rel, c->subj->wan, c->obj->wan, da > db ? da : db, o, &right);
    if (v == CW_OK)
        return;
    char diff[32], pct[32], sa[64], oa[64];
    const char *st = shown(c->subj, sa, sizeof sa), *ot = shown(c->obj, oa, sizeof oa);
    fl_dec_format(fl_dec_abs(fl_dec_sub(c->subj->wan, c->obj->wan)), 2, diff, sizeof diff);
    fl_dec_format(fl_dec_round(rel_percent(c->subj->wan, c->obj->wan), 2), 2, pct, sizeof pct);
    const char *says = right == CW_REL_GT ? "大于" : right == CW_REL_LT ? "小于" : "等于";
    fl_severity sev = v == CW_ERR ? FL_SEV_ERROR : v == CW_WARN ? FL_SEV_WARNING : FL_SEV_INFO;
    fl_finding *f;
    if (v == CW_SAME)
        f = fl_report_add(rep, c->rule, sev,
                          "文中说%s“%s”%s，但两个数字写出来相同（%s、%s），"
                          "可能是四舍五入前的差别，无法判断",
                          c->subj_name, c->word, c->obj_name, st, ot);
    else if (c->rel == CW_REL_GT || c->rel == CW_REL_LT)
        f = fl_report_add(rep, c->rule, sev, "%s（%s）%s%s（%s），文中却说“%s”", c->subj_name,
                          st, says, c->obj_name, ot, c->word);
    else
        f = fl_report_add(rep, c->rule, sev,
                          "文中说“%s”，但%s（%s）%s%s（%s），相差%s万元（%s%%）", c->word,
                          c->subj_name, st, says, c->obj_name, ot,
                          diff, pct);
    size_t line = fl_paragraph_line_at(pp->p, c->at);
    fl_finding_set_line(f, line, line);
    fl_finding_set_expected_text(f, cw_rel_name(right, c->change));
    fl_finding_set_actual_text(f, c->word);
    /* The two amounts are in the message; as addends they would read as a
     * sum ("加数：决算数 + 预算数"), which they are not. */
    if (v == CW_SAME)
        fl_finding_set_suggestion(f, "核对两个数字；若确实相同，应写“持平”或“相等”。");
    else if (v == CW_WARN && c->rel == CW_REL_EQ)
        fl_finding_set_suggestion(f, "两个数字并不相同：写明%s%s万元，或改为“基本持平”。",
                                  cw_rel_name(right, 1), diff);
    else
        fl_finding_set_suggestion(f, "将“%s”改为“%s”，并核对两个数字和所述原因。", c->word,
                                  cw_rel_name(right, c->change));
}
