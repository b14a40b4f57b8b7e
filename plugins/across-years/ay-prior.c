/* ay-prior.c — rule prior-year-figure: the figure a sentence implies for
 * last year (A ∓ D, or A when 与上年一致) must be the figure last year's
 * report of the same kind printed for the same subject.  Either report may
 * be wrong, so it is a warning; a sentence that says the basis changed
 * (口径) is only an info. */
#include <stdio.h>
#include <string.h>

#include "ay.h"

/* The end of the sentence after the one holding text[from]: where a cause
 * that says the basis changed would be (…减少62.94%。主要原因是…口径…。).
 * `first` and `second` keep the breaks found for the paragraph's next
 * claim: a paragraph of claims and no 。 was read to its end for each. */
static size_t cause_end(ay_next *first, ay_next *second, const char *text, size_t from)
{
    size_t b = ay_next_break(first, text, from);
    if (!text[b])
        return b;
    return ay_next_break(second, text, b + fl_utf8_char_len((unsigned char)text[b]));
}

static fl_dec max_dec(fl_dec a, fl_dec b)
{
    return fl_dec_cmp(a, b) >= 0 ? a : b;
}

static void report(const fl_document *doc, fl_report *rep, const fl_amount *a,
                   const char *subject, const ay_claim *c, const ay_figure *prev, int basis)
{
    char av[32], implied[32], pv[32], where[64] = "";
    fl_dec_format(c->a.wan, 2, av, sizeof av);
    fl_dec_format(c->implied, 2, implied, sizeof implied);
    fl_dec_format(prev->value.wan, 2, pv, sizeof pv);
    int page = fl_doc_line_page(prev->doc, prev->line);
    if (page > 0)
        snprintf(where, sizeof where, "第%zu行（第%d页）", prev->line, page);
    else
        snprintf(where, sizeof where, "第%zu行", prev->line);
    const char *said = c->change == AY_SAME ? "与上年" : "与上年相比";
    fl_finding *f;
    if (basis)
        f = fl_report_add(rep, "prior-year-figure", FL_SEV_INFO,
                          "“%s”本年%s万元，%s%s，据此上年为%s万元；%d年报告《%s》%s为%s万元。"
                          "本段说明统计口径或科目有变化，上年数可能已按新口径调整，仅供核对",
                          subject, av, said, c->words, implied, fl_doc_year(prev->doc),
                          ay_doc_name(prev->doc), where, pv);
    else
        f = fl_report_add(rep, "prior-year-figure", FL_SEV_WARNING,
                          "“%s”本年%s万元，%s%s，据此上年为%s万元；但%d年报告《%s》%s所载"
                          "为%s万元，两者不一致",
                          subject, av, said, c->words, implied, fl_doc_year(prev->doc),
                          ay_doc_name(prev->doc), where, pv);
    size_t line = fl_paragraph_line_at(a->paragraph, a->offset);
    fl_finding_set_line(f, line, line);
    fl_finding_set_values(f, prev->value.wan, c->implied);
    if (!basis)
        fl_finding_set_suggestion(f, "请核对本年报告的增减额与上年报告的数字，更正有误的一方；"
                                     "如上年数已按新口径调整，请在说明中注明");
    (void)doc;
}

int ay_rule_prior_year(const fl_document *doc, fl_report *rep)
{
    unsigned bit = FL_KIND_BIT(fl_doc_kind_of(doc));
    unsigned family = (bit & FL_KINDS_BUDGET) ? FL_KINDS_BUDGET
                    : (bit & FL_KINDS_FINAL)  ? FL_KINDS_FINAL
                                              : 0;
    int year = fl_doc_year(doc);
    const fl_document *last[8];
    size_t nlast = family && year > 0 ? ay_last_year_docs(doc, family, last, 8) : 0;
    if (nlast == 0)
        return 0;
    ay_index before = { 0 }, own = { 0 };
    ay_next first = { 0 }, second = { 0 }, basis_words[AY_BASIS_WORDS] = { { 0 } };
    int rc = 0;
    for (size_t i = 0; i < nlast && rc == 0; i++)
        rc = ay_index_add_doc(&before, last[i]);
    if (rc == 0)
        rc = ay_index_add_doc(&own, doc);
    const char *unit = fl_doc_unit(doc);
    size_t n = rc == 0 ? fl_doc_amount_count(doc) : 0;
    for (size_t i = 0; i < n; i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        if (a == NULL || a->paragraph == NULL)
            continue;
        const char *text = fl_paragraph_text(a->paragraph);
        char subject[AY_SUBJECT_MAX];
        ay_claim c;
        ay_money m;
        /* a claim is about money: the subject of any other amount (1人)
         * is not looked for, as its clause reaches back past every such
         * amount before it */
        if (!ay_money_at(text, a->offset, &m) ||
            !ay_subject(text, a->offset, unit, subject, sizeof subject) ||
            !ay_claim_at(text, a->offset, family == FL_KINDS_FINAL, year, subject, &c))
            continue;
        const ay_figure *mine = ay_index_find(&own, subject);
        const ay_figure *prev = ay_index_find(&before, subject);
        if (mine == NULL || mine->ambiguous || prev == NULL || prev->ambiguous)
            continue;
        /* each figure is rounded as written: allow half a unit of the
         * least precise one for each number in the sum */
        fl_dec half = max_dec(c.a.half, prev->value.half);
        int terms = 2;
        if (c.change != AY_SAME) {
            half = max_dec(half, c.d.half);
            terms = 3;
        }
        fl_dec tol = fl_dec_mul(half, fl_dec_from_int(terms));
        fl_dec diff = fl_dec_abs(fl_dec_sub(c.implied, prev->value.wan));
        if (fl_dec_cmp(diff, tol) <= 0)
            continue;
        int basis = ay_basis_changed(basis_words, text, ay_clause_start(text, a->offset),
                                     cause_end(&first, &second, text, c.end));
        report(doc, rep, a, subject, &c, prev, basis);
    }
    ay_index_free(&before);
    ay_index_free(&own);
    return rc;
}
