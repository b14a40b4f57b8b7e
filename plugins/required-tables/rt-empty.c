/* rt-empty.c — rules empty-table-no-note, empty-note-mismatch and
 * tables-unfilled.
 *
 * 《地方预决算公开操作规程》: a table with no data is still published, with
 * a note saying why (“本部门无国有资本经营预算财政拨款支出，故本表无数
 * 据”).  A table is empty when its body has no amount other than blank,
 * 0 or "-".  The note is looked for between the title and the table and in
 * the lines under it, up to the next table; one given only in the 情况说明
 * is worth an info.  When every table is empty the document is a blank
 * template: one info, nothing per table. */
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* How far under a table its note may be. */
#define RT_NOTE_WINDOW 15

/* Columns that hold numbers which are not amounts. */
static int counter_column(const fl_table *t, size_t col)
{
    static const char *const words[] = { "栏次", "行次", "序号", "编码", "代码", NULL };
    return rt_has_any(fl_table_column_label(t, col), words);
}

static int has_digit(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return 1;
    return 0;
}

/* 1 when a body cell holds a non-zero amount, or digits that are not a
 * clean number (a misread cell: never call such a table empty). */
static int has_data(const fl_table *t)
{
    for (size_t r = fl_table_header_row_count(t); r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        const char *label = fl_row_label(row);
        const char *code = fl_row_code(row);
        if (fl_str_starts(label, "栏次") || fl_str_starts(label, "行次"))
            continue;
        for (size_t c = 0; c < fl_row_cell_count(row); c++) {
            const fl_cell *cell = fl_row_cell(row, c);
            const char *norm = fl_cell_norm(cell);
            if (*norm == '\0' || counter_column(t, c) || (code != NULL && strcmp(norm, code) == 0))
                continue;
            fl_number num;
            if (fl_cell_number(cell, &num)) {
                if (!num.is_empty && !fl_dec_is_zero(num.value))
                    return 1;
            } else if (has_digit(norm)) {
                return 1;
            }
        }
    }
    return 0;
}

/* "本表无数据" "本部门无…" "没有…收支" "此表为空" "不涉及", or "无" before
 * the money it lacks ("本年度无国有资本经营预算财政拨款支出"). */
static int is_note(const char *s)
{
    static const char *const words[] = { "无数据", "本表无", "为空", "空表", "本部门无", "本单位无",
                                         "没有", "不涉及", "未安排", "无相关", NULL };
    static const char *const money[] = { "收入", "支出", "收支", "安排", "预算", "经费", NULL };
    if (rt_has_any(s, words))
        return 1;
    const char *no = strstr(s, "无");
    return no != NULL && rt_has_any(no, money);
}

/* The other fund, whose name in this table's note betrays a pasted note. */
static const char *other_topic(const char *topic)
{
    if (topic == NULL)
        return NULL;
    if (strcmp(topic, "政府性基金") == 0)
        return "国有资本经营";
    if (strcmp(topic, "国有资本经营") == 0)
        return "政府性基金";
    return NULL;
}

typedef struct rt_note {
    size_t line;  /* the note, 0 when none */
} rt_note;

/* The note of table i: above it (from its title) or under it. */
static rt_note find_note(const fl_document *doc, const rt_scan *sc, size_t i, size_t title_line)
{
    rt_note note = { 0 };
    const fl_table *t = fl_doc_table(doc, i);
    size_t lines = fl_doc_line_count(doc);
    size_t next = i + 1 < fl_doc_table_count(doc) ? fl_table_line(fl_doc_table(doc, i + 1))
                                                  : lines + 1;
    for (size_t n = title_line + 1; n < fl_table_line(t); n++)
        if (is_note(fl_doc_line_norm(doc, n))) {
            note.line = n;
            return note;
        }
    for (size_t n = fl_table_end_line(t) + 1;
         n < next && n <= lines && n <= fl_table_end_line(t) + RT_NOTE_WINDOW; n++) {
        const char *norm = fl_doc_line_norm(doc, n);
        char *name = rt_title_name(norm);
        int title = name != NULL && rt_classify(sc->set, name) >= 0;
        free(name);
        if (title)
            break; /* the next table's title */
        if (is_note(norm)) {
            note.line = n;
            return note;
        }
    }
    return note;
}

/* A sentence of the 情况说明 saying there is no such money. */
static size_t narrative_note(const fl_document *doc, const char *topic)
{
    if (topic == NULL)
        return 0;
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        const fl_section *s = fl_paragraph_section(p);
        /* Only the 情况说明: a note under another table is that table's. */
        if (s == NULL || strstr(fl_section_path(s), "说明") == NULL)
            continue;
        const char *text = fl_paragraph_text(p);
        const char *at = strstr(text, topic);
        if (at != NULL && is_note(text))
            return fl_paragraph_line_at(p, (size_t)(at - text));
    }
    return 0;
}

/* narrative_note() of each topic, read once: a report may have many
 * empty tables of one fund, and each read all the paragraphs. */
#define RT_TOPICS 3 /* 三公, 政府性基金, 国有资本经营 */
typedef struct rt_notes {
    const char *topic[RT_TOPICS];
    size_t line[RT_TOPICS];
    size_t n;
} rt_notes;

static size_t narrative_note_of(rt_notes *notes, const fl_document *doc, const char *topic)
{
    if (topic == NULL)
        return 0;
    for (size_t k = 0; k < notes->n; k++)
        if (strcmp(notes->topic[k], topic) == 0)
            return notes->line[k];
    size_t line = narrative_note(doc, topic);
    if (notes->n < RT_TOPICS) {
        notes->topic[notes->n] = topic;
        notes->line[notes->n++] = line;
    }
    return line;
}

/* The next table, untitled and close, that carries the data: this one is
 * only the head of a table split by the reader. */
static int continued_with_data(const fl_document *doc, const rt_scan *sc, size_t i)
{
    if (i + 1 >= fl_doc_table_count(doc) || sc->table_entry[i + 1] >= 0)
        return 0;
    const fl_table *t = fl_doc_table(doc, i), *u = fl_doc_table(doc, i + 1);
    int end_page = fl_doc_line_page(doc, fl_table_end_line(t));
    int next_page = fl_doc_line_page(doc, fl_table_line(u));
    if (next_page > end_page + 1 || (end_page == 0 && fl_table_line(u) > fl_table_end_line(t) + 10))
        return 0;
    return has_data(u);
}

static void report_empty(const fl_document *doc, fl_report *rep, const rt_scan *sc, size_t i,
                         rt_notes *notes)
{
    size_t n;
    const rt_entry *e = rt_catalog(sc->set, &n);
    const rt_entry *en = &e[sc->table_entry[i]];
    const fl_table *t = fl_doc_table(doc, i);
    rt_note note = find_note(doc, sc, i, sc->table_title[i]);
    const char *other = other_topic(en->topic);
    fl_finding *f;
    if (note.line != 0) {
        const char *text = fl_doc_line_norm(doc, note.line);
        if (other == NULL || strstr(text, en->topic) != NULL || strstr(text, other) == NULL)
            return;
        f = fl_report_add(rep, "empty-note-mismatch", FL_SEV_WARNING,
                          "%s为空表，但表下说明写的是“%s”而不是“%s”，疑为照抄其他表的说明",
                          en->name, other, en->topic);
        fl_finding_set_line(f, note.line, note.line);
        fl_finding_set_table(f, t);
        fl_finding_set_expected_text(f, en->topic);
        fl_finding_set_actual_text(f, other);
        fl_finding_set_suggestion(f, "把说明改为本表的内容，例如“本部门无%s预算财政拨款支出，故本表无数据”。",
                                  en->topic);
        return;
    }
    size_t elsewhere = narrative_note_of(notes, doc, en->topic);
    if (elsewhere != 0) {
        f = fl_report_add(rep, "empty-table-no-note", FL_SEV_INFO,
                          "%s没有数据，表下未注明原因（第%zu行的说明部分已说明）", en->name,
                          elsewhere);
    } else if (sc->tables_only) {
        f = fl_report_add(rep, "empty-table-no-note", FL_SEV_INFO,
                          "%s没有数据，表下未注明原因；本文件只有报表，原因可能写在另册的文字说明中",
                          en->name);
    } else {
        f = fl_report_add(rep, "empty-table-no-note", FL_SEV_WARNING,
                          "%s没有数据，但表上下都没有说明为什么是空表", en->name);
    }
    fl_finding_set_table(f, t);
    fl_finding_set_line(f, fl_table_line(t), fl_table_end_line(t));
    fl_finding_set_expected_text(f, "注明“本表无数据”及原因");
    fl_finding_set_actual_text(f, "空表，无说明");
    fl_finding_set_suggestion(f, "在表下注明，例如“本部门无%s，故本表无数据。”",
                              en->topic != NULL ? "相关财政拨款支出" : "此项收支");
}

int rt_rule_empty(const fl_document *doc, fl_report *rep, const rt_scan *sc)
{
    size_t ntab = fl_doc_table_count(doc), known = 0, filled = 0;
    int *empty = calloc(ntab + 1, sizeof *empty);
    if (empty == NULL)
        return -1;
    for (size_t i = 0; i < ntab; i++) {
        if (sc->table_entry[i] < 0)
            continue;
        known++;
        if (has_data(fl_doc_table(doc, i)) || continued_with_data(doc, sc, i))
            filled++;
        else
            empty[i] = 1;
    }
    if (known >= 2 && filled == 0) {
        fl_finding *f = fl_report_add(rep, "tables-unfilled", FL_SEV_INFO,
                                      "识别出的%zu张表都没有数据：像是未填报的模板，未逐表检查空表说明",
                                      known);
        size_t first = 0;
        for (size_t i = 0; i < ntab && first == 0; i++)
            if (sc->table_entry[i] >= 0)
                first = fl_table_line(fl_doc_table(doc, i));
        fl_finding_set_line(f, first, first);
        fl_finding_set_suggestion(f, "填入本部门（单位）的数据后再公开。");
    } else {
        rt_notes notes = { 0 };
        for (size_t i = 0; i < ntab; i++)
            if (empty[i])
                report_empty(doc, rep, sc, i, &notes);
    }
    free(empty);
    return 0;
}
