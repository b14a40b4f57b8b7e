/* sw-copies.c — the same project's score and grade in its table, in the
 * summary table and in the narrative must agree; counts such as
 * "17个项目自评等级为优" must match the tables. */
#include <stdio.h>
#include <string.h>

#include "sw.h"

static const char *source_name(sw_source s)
{
    switch (s) {
    case SW_SRC_TABLE: return "绩效自评表";
    case SW_SRC_SUMMARY: return "汇总表";
    default: return "文字说明";
    }
}

/* Index of the reference copy for c among the copies `refs` holds: equal
 * keys first, else the only one whose key contains the other.  -1 if none. */
static long find_ref(sw_keys *refs, const sw_copy *c)
{
    const sw_key *k;

    if (!c->key[0])
        return -1;
    k = sw_keys_exact(refs, c->key);
    if (k)
        return (long)k->first;
    /* at least three Chinese characters in common to avoid chance hits */
    k = sw_keys_partial(refs, c->key, 9);
    return k && k->count == 1 ? (long)k->first : -1;
}

static void compare(const sw_copy *ref, const sw_copy *c, const sw_options *o,
                    fl_report *rep)
{
    fl_finding *f;

    if (ref->has_score && c->has_score && fl_dec_cmp(ref->score, c->score) != 0) {
        f = fl_report_add(rep, "score-mismatch", FL_SEV_ERROR,
                          "“%s”的自评得分在%s中为%s分，与%s（第%zu行）的%s分不一致",
                          ref->name, source_name(c->source), sw_fmt(c->score),
                          source_name(ref->source), ref->line, sw_fmt(ref->score));
        if (c->table)
            fl_finding_set_table(f, c->table);
        if (c->row)
            fl_finding_set_row(f, c->row);
        else
            fl_finding_set_line(f, c->line, c->line);
        fl_finding_set_values(f, ref->score, c->score);
        fl_finding_set_suggestion(f, "同一项目的自评得分在绩效自评表、汇总表和文字说明中应一致，请以核实后的自评表为准统一更正。");
    }
    if (ref->grade && c->grade && strcmp(ref->grade, c->grade) != 0) {
        f = fl_report_add(rep, "grade-mismatch", FL_SEV_ERROR,
                          "“%s”的自评等级在%s中为“%s”，与%s（第%zu行）的“%s”不一致",
                          ref->name, source_name(c->source), c->grade,
                          source_name(ref->source), ref->line, ref->grade);
        if (c->table)
            fl_finding_set_table(f, c->table);
        if (c->row)
            fl_finding_set_row(f, c->row);
        else
            fl_finding_set_line(f, c->line, c->line);
        fl_finding_set_expected_text(f, ref->grade);
        fl_finding_set_actual_text(f, c->grade);
        fl_finding_set_suggestion(f, "同一项目的自评等级应一致，并与自评得分相符。");
    }
    (void)o;
}

/* Grades per project, as their scores earn them (a stated grade may itself
 * be wrong: that is grade-mismatch), from the evaluation tables or the
 * summary table, whichever lists more projects (the tables on a tie).
 * counts[] is 优, 良, 中, 差.  Returns the source used, or -1 when none. */
static int reference_counts(const sw_copies *cs, const sw_options *o, int counts[4])
{
    static const char *const names[4] = { "优", "良", "中", "差" };
    static const sw_source order[2] = { SW_SRC_TABLE, SW_SRC_SUMMARY };
    int tally[2][4] = { { 0 } }, total[2] = { 0, 0 }, pick;

    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < cs->count; i++) {
            const sw_copy *c = &cs->items[i];
            const char *g;
            if (c->source != order[k] || !c->has_score)
                continue;
            g = sw_grade_of(o, c->score);
            for (int j = 0; j < 4; j++)
                if (strcmp(g, names[j]) == 0) {
                    tally[k][j]++;
                    total[k]++;
                }
        }
    }
    if (total[0] == 0 && total[1] == 0)
        return -1;
    pick = total[1] > total[0] ? 1 : 0;
    memcpy(counts, tally[pick], sizeof tally[pick]);
    return (int)order[pick];
}

static void check_counts_in(const fl_paragraph *para, const int counts[4],
                            int src, fl_report *rep)
{
    static const char *const names[4] = { "优", "良", "中", "差" };
    static const char *const pat = "个项目自评等级为";
    const char *text = fl_paragraph_text(para);
    const char *p = text;

    while ((p = sw_find(p, pat, 2)) != NULL) {
        const char *d = p, *g = sw_grade_parse(p + strlen(pat));
        long n = 0, mul = 1;
        size_t line;

        while (d > text && d[-1] >= '0' && d[-1] <= '9' && mul < 100000) {
            d--;
            n += (d[0] - '0') * mul;
            mul *= 10;
        }
        p += strlen(pat);
        if (d == p - strlen(pat) || !g)
            continue;
        for (int j = 0; j < 4; j++) {
            fl_finding *f;
            if (strcmp(g, names[j]) != 0 || counts[j] == n)
                continue;
            line = fl_paragraph_line_at(para, (size_t)(d - text));
            f = fl_report_add(rep, "grade-count", FL_SEV_ERROR,
                              "文字说明称%ld个项目自评等级为%s，但按%s中的自评得分，等级为%s的项目有%d个（优%d个、良%d个、中%d个、差%d个）",
                              n, g, source_name((sw_source)src), g, counts[j],
                              counts[0], counts[1], counts[2], counts[3]);
            fl_finding_set_line(f, line, line);
            fl_finding_set_section(f, fl_paragraph_section(para));
            fl_finding_set_values(f, fl_dec_from_int(counts[j]), fl_dec_from_int(n));
            fl_finding_set_suggestion(f, "按各项目自评得分和评级标准重新统计各等级项目个数，并更正文字说明（以及与得分不符的自评等级）。");
        }
    }
}

void sw_check_copies(const fl_document *doc, const sw_options *o, const sw_copies *cs,
                     sw_keys *tables, sw_keys *summaries, fl_report *rep)
{
    int counts[4];
    int src;

    for (size_t i = 0; i < cs->count; i++) {
        const sw_copy *c = &cs->items[i];
        long ref;
        if (c->source == SW_SRC_TABLE)
            continue;
        ref = find_ref(tables, c);
        if (ref < 0 && c->source == SW_SRC_TEXT)
            ref = find_ref(summaries, c);
        if (ref >= 0)
            compare(&cs->items[ref], c, o, rep);
        if (c->source == SW_SRC_TEXT && c->grade && c->has_score
            && strcmp(c->grade, sw_grade_of(o, c->score)) != 0) {
            fl_finding *f = fl_report_add(rep, "grade-mismatch", FL_SEV_ERROR,
                                          "文字说明中自评得分%s分应评为“%s”，却写作“%s”",
                                          sw_fmt(c->score), sw_grade_of(o, c->score), c->grade);
            fl_finding_set_line(f, c->line, c->line);
            fl_finding_set_expected_text(f, sw_grade_of(o, c->score));
            fl_finding_set_actual_text(f, c->grade);
            fl_finding_set_suggestion(f, "按评分标准更正自评等级。");
        }
    }
    src = reference_counts(cs, o, counts);
    if (src < 0)
        return;
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++)
        check_counts_in(fl_doc_paragraph(doc, i), counts, src, rep);
}
