/* rt-missing.c — rules missing-table, listed-not-present and no-tables.
 *
 * How sure we are that a table is missing decides the severity:
 *   - no table of the set at all: the document is the text half of a
 *     report whose tables are published apart (js-*-budget-text.pdf), or
 *     its tables are images — one info, nothing per table;
 *   - the document says its tables are attached elsewhere (附后, 见附表):
 *     info;
 *   - most tables read and every page has text: error;
 *   - otherwise (few tables read, a page without text that may be an
 *     image of the missing table): warning. */
#include <stdio.h>

#include "rt.h"

/* "部门决算" "单位预算" …: the kind says whose tables they are. */
static const char *kind_name(const fl_document *doc)
{
    return fl_doc_kind_name_zh(fl_doc_kind_of(doc));
}

/* Where the tables start: the first one found. */
static size_t tables_line(const rt_scan *sc)
{
    size_t line = 0;
    for (size_t k = 0; k < sc->n; k++)
        if (sc->found[k].line != 0 && (line == 0 || sc->found[k].line < line))
            line = sc->found[k].line;
    return line;
}

static void no_tables(const fl_document *doc, fl_report *rep, const rt_scan *sc)
{
    size_t req = rt_required_count(sc->set);
    fl_finding *f;
    if (sc->separate_line != 0) {
        f = fl_report_add(rep, "no-tables", FL_SEV_INFO,
                          "文中没有%s表（应公开%zu张）；第%zu行说明报表另附，请在附件中核对是否齐全",
                          kind_name(doc), req, sc->separate_line);
        fl_finding_set_line(f, sc->separate_line, sc->separate_line);
    } else {
        f = fl_report_add(rep, "no-tables", FL_SEV_INFO,
                          "文中没有识别出%s表（应公开%zu张）：报表可能另册公开或为图片，未逐表检查",
                          kind_name(doc), req);
        size_t line = fl_doc_kind_line(doc);
        if (line != 0)
            fl_finding_set_line(f, line, line);
    }
    fl_finding_set_suggestion(f, "若报表另行公开，请与本文一并检查；若报表应在本文中，请补齐。");
}

int rt_rule_missing(const fl_document *doc, fl_report *rep, const rt_scan *sc)
{
    size_t n;
    const rt_entry *e = rt_catalog(sc->set, &n);
    size_t req = rt_required_count(sc->set), found = 0, read = 0;
    for (size_t k = 0; k < n; k++) {
        if (!e[k].required || sc->found[k].line == 0)
            continue;
        found++;
        read += sc->found[k].table != NULL;
    }
    if (found == 0) {
        no_tables(doc, rep, sc);
        return 0;
    }
    fl_severity sev = FL_SEV_ERROR;
    char why[160] = "";
    if (sc->separate_line != 0) {
        sev = FL_SEV_INFO;
        snprintf(why, sizeof why, "；第%zu行说明报表另附，请在附件中核对", sc->separate_line);
    } else if (sc->blank_page != 0) {
        sev = FL_SEV_WARNING;
        snprintf(why, sizeof why, "；第%d页没有文字（可能是图片），请核对该页", sc->blank_page);
    } else if (read * 2 < req) {
        sev = FL_SEV_WARNING;
        snprintf(why, sizeof why, "；只读出%zu张表，可能有表未能识别", read);
    }
    size_t start = tables_line(sc);
    for (size_t k = 0; k < n; k++) {
        if (sc->found[k].line != 0)
            continue;
        fl_finding *f;
        if (sc->listed[k] != 0) {
            f = fl_report_add(rep, "listed-not-present", sev,
                              "目录列有%s，但正文中没有这张表（已找到应公开的%zu张中的%zu张）%s",
                              e[k].name, req, found, why);
            fl_finding_set_line(f, sc->listed[k], sc->listed[k]);
        } else if (e[k].required) {
            f = fl_report_add(rep, "missing-table", sev,
                              "%s应公开%s，文中未找到（已找到应公开的%zu张中的%zu张）%s",
                              kind_name(doc), e[k].name, req, found, why);
            fl_finding_set_line(f, start, start);
        } else {
            continue;
        }
        fl_finding_set_expected_text(f, e[k].name);
        fl_finding_set_actual_text(f, "（缺）");
        fl_finding_set_suggestion(f,
                                  "补充公开%s；本部门（单位）没有相关收支的，仍须保留表格式，并在表下注明"
                                  "“本表无数据”及原因。",
                                  e[k].name);
    }
    return 0;
}
