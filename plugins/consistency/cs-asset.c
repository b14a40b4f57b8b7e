/* cs-asset.c — asset-date: the 国有资产占用情况 of a 决算 is a snapshot at
 * the end of the report year (截至2024年12月31日 in a 2024 决算).  A
 * budget's snapshot is taken before the year (截至2024年8月31日 in a 2025
 * budget), so the rule is declared for 决算 only. */
#include <stdio.h>
#include <string.h>

#include "cs.h"

/* The year end after "YYYY年": 12月31日, 12月底, 12月末, 底, 末. */
static int is_year_end(const char *s)
{
    return fl_str_starts(s, "12月31日") || fl_str_starts(s, "12月底") || fl_str_starts(s, "12月末") ||
           fl_str_starts(s, "底") || fl_str_starts(s, "末");
}

static const char *const asset_words[] = { "车辆", "房屋", "资产", "土地", "平方米", NULL };
static const char *const eval_sections[] = { "绩效", "自评", "项目" };

fl_matcher *cs_eval_section_words_new(void)
{
    return fl_matcher_new(eval_sections, sizeof eval_sections / sizeof eval_sections[0]);
}

/* `first` is the first 截 in the paragraph's text. */
static void check_paragraph(const fl_document *doc, fl_report *rep, const fl_paragraph *p,
                            const char *first, int confirmed)
{
    const char *text = fl_paragraph_text(p);
    int y = fl_doc_year(doc);
    /* The "。" after the last candidate: the next one's is the same until
     * a candidate passes it, so text without "。" is searched once. */
    const char *stop_from = NULL, *stop = NULL;
    for (const char *at = first; at != NULL; at = cs_find_char3(at + strlen("截"), "截")) {
        const char *q = at + strlen("截");
        if (!fl_str_starts(q, "至") && !fl_str_starts(q, "止"))
            continue;
        q += strlen("至");
        if (fl_str_starts(q, "到") || fl_str_starts(q, "至"))
            q += strlen("到");
        while (*q == ' ')
            q++;
        int year;
        size_t took = cs_year_at(q, &year);
        if (took == 0 || year == y)
            continue;
        const char *after = q + took;
        while (*after == ' ')
            after++;
        if (!is_year_end(after))
            continue;
        /* The snapshot sentence counts vehicles, buildings or assets. */
        if (stop_from == NULL || (stop != NULL && after > stop)) {
            stop_from = after;
            stop = strstr(after, "。");
        }
        size_t sl = stop != NULL ? (size_t)(stop - after) : strlen(after);
        char sentence[1024];
        if (sl >= sizeof sentence)
            sl = sizeof sentence - 1;
        memcpy(sentence, after, sl);
        sentence[sl] = '\0';
        if (!cs_contains_any(sentence, asset_words))
            continue;
        size_t line = fl_paragraph_line_at(p, (size_t)(at - text));
        fl_finding *f = fl_report_add(rep, "asset-date",
                                      confirmed ? FL_SEV_ERROR : FL_SEV_INFO,
                                      "%d年度决算的资产情况写的是“截至%d年12月31日”，应为%d年12月31日%s",
                                      y, year, y,
                                      confirmed ? "" : "（报告年度只在一处读到，未能确认）");
        fl_finding_set_line(f, line, line);
        char buf[32];
        snprintf(buf, sizeof buf, "%d年12月31日", y);
        fl_finding_set_expected_text(f, buf);
        snprintf(buf, sizeof buf, "%d年", year);
        fl_finding_set_actual_text(f, buf);
        fl_finding_set_suggestion(f, "资产占用情况应反映%d年12月31日的数据，请更正时点并核对车辆、房屋等数字", y);
    }
}

int cs_rule_asset_date(const cs_doc *d, fl_report *rep)
{
    const fl_document *doc = d->doc;
    if (fl_doc_year(doc) == 0 || !(fl_doc_kinds(doc) & FL_KINDS_FINAL))
        return 0;
    int confirmed = d->confirmations > 0;
    cs_section_memo in_eval;
    cs_section_memo_init(&in_eval, d->words->eval_sections);
    /* Few paragraphs hold 截: the others are not asked about their
     * section (the memo answers the same when asked less often). */
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        const char *first = cs_find_char3(fl_paragraph_text(p), "截");
        if (first != NULL && !cs_in_section_with(&in_eval, doc, fl_paragraph_line(p)))
            check_paragraph(doc, rep, p, first, confirmed);
    }
    return 0;
}
