/* sw-summary.c — the 绩效自评情况汇总表: one row per project with its
 * 自评得分 and 自评等级.  Each row becomes a copy of the project's score,
 * compared later with its own table and the narrative. */
#include <stdlib.h>
#include <string.h>

#include "sw.h"

int sw_copies_push(sw_copies *c, const sw_copy *item)
{
    if (c->count == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 32;
        sw_copy *n = realloc(c->items, ncap * sizeof *n);
        if (!n)
            return -1;
        c->items = n;
        c->cap = ncap;
    }
    c->items[c->count++] = *item;
    return 0;
}

void sw_copies_free(sw_copies *c)
{
    free(c->items);
    memset(c, 0, sizeof *c);
}

typedef struct sum_cols {
    long name, score, grade;
} sum_cols;

/* A header row naming 项目名称 and 自评得分 (and usually 自评等级). */
static int summary_header(const fl_row *r, sum_cols *c)
{
    size_t cnt = fl_row_cell_count(r);
    char t[128];

    c->name = c->score = c->grade = -1;
    /* most rows that name 得分 are no summary's header: without 项目名称
     * (even uncut) they are not copied and searched cell by cell */
    if (!sw_row_holds_squeezed(r, "项目名称"))
        return 0;
    for (size_t i = 0; i < cnt; i++) {
        sw_squeeze(sw_cell(r, (long)i), t, sizeof t);
        /* a column found is not looked for again: its test comes first */
        if (c->name < 0 && strstr(t, "项目名称"))
            c->name = (long)i;
        else if (c->score < 0 && strstr(t, "得分") && !strstr(t, "分值"))
            c->score = (long)i;
        else if (c->grade < 0 && strstr(t, "等级"))
            c->grade = (long)i;
    }
    return c->name >= 0 && c->score >= 0 && c->name != c->score;
}

static int summary_row(const fl_table *t, const fl_row *r, const sum_cols *c,
                       const sw_options *o, fl_report *rep, sw_copies *out)
{
    sw_copy cp;
    const char *name = sw_cell(r, c->name);
    int d;
    fl_finding *f;

    memset(&cp, 0, sizeof cp);
    if (!*name || !sw_text_score(sw_cell(r, c->score), &cp.score, &d))
        return 0;
    cp.source = SW_SRC_SUMMARY;
    cp.has_score = 1;
    sw_squeeze(name, cp.name, sizeof cp.name);
    sw_project_key(name, cp.key, sizeof cp.key);
    cp.line = fl_row_line(r);
    cp.table = t;
    cp.row = r;
    if (c->grade >= 0) {
        char g[32];
        sw_squeeze(sw_cell(r, c->grade), g, sizeof g);
        if (strlen(g) <= strlen("优秀"))
            cp.grade = sw_grade_parse(g);
    }
    if (fl_dec_cmp(cp.score, o->max_total) > 0) {
        f = fl_report_add(rep, "total-above-100", FL_SEV_ERROR,
                          "汇总表中“%s”自评得分%s超过满分%s", cp.name,
                          sw_fmt(cp.score), sw_fmt(o->max_total));
        fl_finding_set_table(f, t);
        fl_finding_set_row(f, r);
        fl_finding_set_column(f, "自评得分");
        fl_finding_set_values(f, o->max_total, cp.score);
        fl_finding_set_suggestion(f, "自评得分不能超过%s分，请与该项目绩效自评表核对后更正。",
                                  sw_fmt(o->max_total));
    }
    if (cp.grade && strcmp(cp.grade, sw_grade_of(o, cp.score)) != 0) {
        const char *g = sw_grade_of(o, cp.score);
        f = fl_report_add(rep, "grade-mismatch", FL_SEV_ERROR,
                          "汇总表中“%s”自评得分%s分应评为“%s”，表中为“%s”", cp.name,
                          sw_fmt(cp.score), g, cp.grade);
        fl_finding_set_table(f, t);
        fl_finding_set_row(f, r);
        fl_finding_set_column(f, "自评等级");
        fl_finding_set_expected_text(f, g);
        fl_finding_set_actual_text(f, cp.grade);
        fl_finding_set_suggestion(f, "按评分标准（优≥%s分，良≥%s分，中≥%s分）更正自评等级。",
                                  sw_fmt(o->excellent), sw_fmt(o->good), sw_fmt(o->pass));
    }
    return sw_copies_push(out, &cp);
}

int sw_summary_collect(const fl_document *doc, const sw_score_rows *rows, const sw_options *o,
                       fl_report *rep, sw_copies *out)
{
    size_t nt = fl_doc_table_count(doc);
    sum_cols cols = { -1, -1, -1 };
    int active = 0;
    size_t prev_end = 0;

    /* Rows are read only under a header, which names 得分. */
    if (rows->count == 0)
        return 0;
    for (size_t i = 0; i < nt; i++) {
        const fl_table *t = fl_doc_table(doc, i);
        const char *title = fl_table_title(t);
        size_t nr = fl_table_row_count(t);

        /* A summary split by a page break continues in an untitled table
         * that starts right after it. */
        if (active && (fl_table_line(t) > prev_end + 3 || (title && *title)))
            active = 0;
        for (size_t j = 0; j < nr; j++) {
            const fl_row *r = fl_table_row(t, j);
            sum_cols c;
            /* A header names its 得分 column: other rows are not searched
             * for the column words. */
            if (sw_score_row(rows, i, j) && summary_header(r, &c)) {
                cols = c;
                active = 1;
                continue;
            }
            if (active && summary_row(t, r, &cols, o, rep, out) < 0)
                return -1;
        }
        prev_end = fl_table_end_line(t);
    }
    return 0;
}
