/*
 * empty-table-note.c — an example fislint check, built outside the fislint
 * tree with only the installed header (see docs/plugin-api.md).
 *
 * Rule (from 《地方预决算公开操作规程》): a published table with no data must
 * say so and why ("本表无数据" plus a reason, often in a 注 line).  This
 * check reports a table whose body has no non-zero amount when no line just
 * below it explains that.
 */
#include <fislint/plugin.h>
#include <string.h>

/* How many lines below a table we look for the explanation. */
#define NOTE_WINDOW 4

static int table_has_data(const fl_table *t)
{
    for (size_t r = fl_table_header_row_count(t); r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        for (size_t c = 0; c < fl_row_cell_count(row); c++) {
            fl_number n;
            if (fl_cell_number(fl_row_cell(row, c), &n) && !n.is_empty && !fl_dec_is_zero(n.value))
                return 1;
        }
    }
    return 0;
}

static int explained_below(const fl_document *doc, const fl_table *t)
{
    size_t last = fl_table_end_line(t) + NOTE_WINDOW;
    for (size_t n = fl_table_end_line(t) + 1; n <= last && n <= fl_doc_line_count(doc); n++) {
        const char *line = fl_doc_line_norm(doc, n); /* borrowed from the document */
        if (strstr(line, "无数据") != NULL || strstr(line, "没有") != NULL || strstr(line, "无此") != NULL)
            return 1;
    }
    return 0;
}

static int check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    for (size_t i = 0; i < fl_doc_table_count(doc); i++) {
        const fl_table *t = fl_doc_table(doc, i);
        if (fl_table_row_count(t) == fl_table_header_row_count(t) || table_has_data(t) ||
            explained_below(doc, t))
            continue;
        /* the finding belongs to the report; we only fill it in */
        fl_finding *f = fl_report_add(rep, "missing-note", FL_SEV_WARNING,
                                      "表「%s」没有数据，但表下未说明原因", fl_table_title(t));
        fl_finding_set_table(f, t);
        fl_finding_set_suggestion(f, "在表下注明“本表无数据”及原因，例如“本部门无国有资本经营预算财政拨款支出”。");
    }
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "empty-table-note",
    .version = "1.0",
    .summary = "空表须注明无数据及原因",
    .check = check,
};
