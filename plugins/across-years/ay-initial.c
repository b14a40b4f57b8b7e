/* ay-initial.c — rule initial-budget: the 年初预算 a 决算 states (for the
 * 一般公共预算财政拨款支出 total, each 类/款/项, the 三公 total) must be the
 * figure the same unit published in its budget of the same year.  The 决算
 * may state an adjusted budget as 年初, or the budget may have been
 * republished: a warning for the bureau to check. */
#include <stdio.h>
#include <string.h>

#include "ay.h"

/* The budget of the same year and level (部门决算 - 部门预算, 单位决算 -
 * 单位预算): a 部门 budget covers its subordinate units, a 单位 one not. */
static const fl_document *same_year_budget(const fl_document *doc)
{
    fl_doc_kind want = fl_doc_kind_of(doc) == FL_KIND_DEPT_FINAL ? FL_KIND_DEPT_BUDGET
                                                                 : FL_KIND_UNIT_BUDGET;
    int year = fl_doc_year(doc);
    for (size_t i = 0; i < fl_doc_related_count(doc); i++) {
        const fl_document *r = fl_doc_related(doc, i);
        if (r != NULL && year > 0 && fl_doc_year(r) == year && fl_doc_kind_of(r) == want)
            return r;
    }
    return NULL;
}

typedef struct ctx {
    const fl_document *doc, *budget;
    fl_report *rep;
    ay_budget *figures; /* the budget's, read at the first 年初预算 */
} ctx;

static fl_dec max_dec(fl_dec a, fl_dec b)
{
    return fl_dec_cmp(a, b) >= 0 ? a : b;
}

static int compare(void *arg, const ay_initial *s)
{
    ctx *c = arg;
    if (c->figures == NULL && (c->figures = ay_budget_new(c->budget)) == NULL)
        return -1;
    ay_budget_figure b;
    if (!ay_budget_find(c->figures, s, &b))
        return 0;
    /* both figures rounded as written: half a unit of the coarser, twice */
    fl_dec tol = fl_dec_mul(max_dec(s->value.half, b.half), fl_dec_from_int(2));
    if (fl_dec_cmp(fl_dec_abs(fl_dec_sub(s->value.wan, b.wan)), tol) <= 0)
        return 0;
    /* a budget in 元 is shown in 万元 as the 决算 writes it */
    int places = fl_dec_cmp(s->value.half, fl_dec_round(s->value.half, 3)) == 0 ? 2 : 6;
    fl_dec expected = fl_dec_cmp(b.half, s->value.half) < 0 ? fl_dec_round(b.wan, places) : b.wan;
    char subject[3 * AY_NAME_MAX + 16], sv[32], bv[32], where[64];
    ay_initial_subject(s, subject, sizeof subject);
    fl_dec_format(s->value.wan, 2, sv, sizeof sv);
    fl_dec_format(expected, 2, bv, sizeof bv);
    size_t line = fl_row_line(b.row);
    int page = fl_doc_line_page(c->budget, line);
    if (page > 0)
        snprintf(where, sizeof where, "第%zu行（第%d页）", line, page);
    else
        snprintf(where, sizeof where, "第%zu行", line);
    const char *title = fl_table_title(b.table);
    fl_finding *f = fl_report_add(
        c->rep, "initial-budget", FL_SEV_WARNING,
        "%s年初预算为%s万元，但%d年预算《%s》中%s%s所载为%s万元，两者不一致", subject, sv,
        fl_doc_year(c->budget), ay_doc_name(c->budget), title != NULL && title[0] ? title : "",
        where, bv);
    size_t at = fl_paragraph_line_at(s->paragraph, s->at);
    fl_finding_set_line(f, at, at);
    fl_finding_set_values(f, expected, s->value.wan);
    fl_finding_set_suggestion(f, "决算中的年初预算数应为年初批复并公开的预算数；如填列的是"
                                 "调整后预算，请改正，或在说明中写明调整情况");
    return 0;
}

int ay_rule_initial_budget(const fl_document *doc, fl_report *rep)
{
    if (!(FL_KIND_BIT(fl_doc_kind_of(doc)) & FL_KINDS_FINAL))
        return 0;
    ctx c = { doc, same_year_budget(doc), rep, NULL };
    if (c.budget == NULL)
        return 0;
    int rc = ay_initial_each(doc, compare, &c);
    ay_budget_free(c.figures);
    return rc;
}
