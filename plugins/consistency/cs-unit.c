/* cs-unit.c — unit-name: the unit named in titles ("上海市普陀区XX局2024年
 * 度部门决算表", "第一部分 上海市规划和自然资源局概况") and in labelled
 * fields ("部门：", "编制部门：", "预算主管部门：") must be the report's
 * unit (fl_doc_unit()).  Sections that list subordinate units
 * (部门决算单位构成, 机构设置) are not read. */
#include <stdlib.h>
#include <string.h>

#include "cs.h"

#define NAME_MAX_BYTES 120

/* Labels naming the department; a unit report also names itself with the
 * 单位 labels (in a department's report those may be a subordinate). */
static const char *const dept_labels[] = {
    "预算主管部门", "项目主管部门", "编制部门", "填报部门", "主管部门", "部门", NULL,
};
static const char *const unit_labels[] = {
    "单位名称", "编制单位", "预算单位", "填报单位", NULL,
};
/* Title endings after a unit name, with their lengths. */
#define WORD(s) { s, sizeof s - 1 }
static const struct {
    const char *text;
    size_t len;
} name_followers[] = {
    WORD("概况"), WORD("主要职能"), WORD("机构设置"), WORD("部门决算"),
    WORD("部门预算"), WORD("单位决算"), WORD("单位预算"),
};
#undef WORD

typedef struct found_name {
    size_t line;
    char name[NAME_MAX_BYTES];
    int from_label;
} found_name;

typedef struct name_list {
    found_name *items;
    size_t n, cap;
} name_list;

static int add_name(name_list *l, size_t line, const char *name, size_t len, int from_label)
{
    if (len >= NAME_MAX_BYTES)
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        found_name *grown = realloc(l->items, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        l->items = grown;
        l->cap = cap;
    }
    found_name *f = &l->items[l->n++];
    f->line = line;
    memcpy(f->name, name, len);
    f->name[len] = '\0';
    f->from_label = from_label;
    return 0;
}

static int name_ok(const char *name, size_t len)
{
    if (fl_str_starts(name, "关于")) /* callers strip it; never part of a name */
        return 0;
    return cs_is_unit_name(name, len);
}

/* "部门:济宁市兖州区民政局", "编制部门:上海市普陀区财政局 单位:元". */
static int labelled_names(const char *norm, size_t line, const char *const *labels, name_list *out)
{
    for (size_t k = 0; labels[k] != NULL; k++) {
        size_t ll = strlen(labels[k]);
        for (const char *at = strstr(norm, labels[k]); at != NULL; at = strstr(at + ll, labels[k])) {
            /* Whole label: not the tail of a longer word (主管部门 in 预算主管部门). */
            if (at > norm) {
                unsigned char prev = (unsigned char)at[-1];
                if (prev >= 0x80)
                    continue;
            }
            const char *p = at + ll;
            while (*p == ' ')
                p++;
            if (*p != ':')
                continue;
            p++;
            while (*p == ' ')
                p++;
            /* A name as long as NAME_MAX_BYTES is never kept: the walk
             * stops there, not at the end of a line of labels. */
            const char *e = p;
            while (*e && *e != ' ' && *e != '\t' && *e != '|' && *e != ',' && *e != ';' &&
                   !fl_str_starts(e, "。") && !fl_str_starts(e, "单位:") && !fl_str_starts(e, "金额单位") &&
                   (size_t)(e - p) < NAME_MAX_BYTES)
                e += cs_char_len(e);
            if ((size_t)(e - p) < NAME_MAX_BYTES && name_ok(p, (size_t)(e - p)) &&
                add_name(out, line, p, (size_t)(e - p), 1) != 0)
                return -1;
        }
    }
    return 0;
}

/* "上海市普陀区财政局2024年度部门决算表", "上海市XX局概况". */
static int title_name(const cs_doc *d, size_t line, name_list *out)
{
    const char *title = cs_doc_title(d, line);
    if (title == NULL)
        return 0;
    const char *name = title;
    if (fl_str_starts(name, "关于"))
        name += strlen("关于");
    /* Before the year of a report title ("…2024年度部门决算表"); a
     * heading like "上海市财政局2024年下达资金" is not one. */
    size_t end = 0;
    int year;
    /* Only a year-bearing title ends its name at a year. */
    for (size_t i = 0; d->title_year[line] != 0 && name[i]; i += cs_char_len(name + i)) {
        if (name[i] >= '0' && name[i] <= '9') {
            if (cs_year_at(name + i, &year) > 0)
                end = i;
            break;
        }
    }
    if (end == 0) {
        size_t len = strlen(name);
        for (size_t k = 0; k < sizeof name_followers / sizeof name_followers[0]; k++) {
            size_t fl = name_followers[k].len;
            if (len > fl && fl_str_starts(name + len - fl, name_followers[k].text)) {
                end = len - fl;
                break;
            }
        }
    }
    if (end > 0 && name_ok(name, end))
        return add_name(out, line, name, end, 0);
    return 0;
}

/* 1 when a ':' from `colon` on stands after `word`, spaces between: where
 * labelled_names() reads a label ending in it.  Most lines with a colon
 * have one or two, read back from instead of searching the line. */
static int colon_after(const char *norm, const char *colon, const char *word)
{
    size_t wl = strlen(word);
    for (; colon != NULL; colon = strchr(colon + 1, ':')) {
        const char *e = colon;
        while (e > norm && e[-1] == ' ')
            e--;
        if ((size_t)(e - norm) >= wl && memcmp(e - wl, word, wl) == 0)
            return 1;
    }
    return 0;
}

static int collect(cs_doc *d, name_list *out)
{
    const fl_document *doc = d->doc;
    fl_doc_kind kind = fl_doc_kind_of(doc);
    int unit_report = kind == FL_KIND_UNIT_FINAL || kind == FL_KIND_UNIT_BUDGET;
    for (size_t n = 1; n <= d->nlines; n++) {
        const char *norm = d->norm[n];
        if (norm == NULL || *norm == '\0') /* a blank line names nothing */
            continue;
        /* A label is followed by ':', which few lines hold: the others
         * are not searched for labels.  Every department label ends in
         * 部门, so a line is searched for them only where 部门 stands
         * before a ':'; every unit label holds 单位, which most of the
         * rest lack.  A search for ':' finds no false starts, where one
         * for a Chinese word stops at every character sharing its first
         * byte. */
        const char *colon = strchr(norm, ':');
        size_t before = out->n;
        if ((colon && colon_after(norm, colon, "部门") && labelled_names(norm, n, dept_labels, out) != 0) ||
            (colon && unit_report && strstr(norm, "单位") != NULL &&
             labelled_names(norm, n, unit_labels, out) != 0) ||
            title_name(d, n, out) != 0)
            return -1;
        /* Sections listing subordinate units are not read; asked only of
         * the few lines that name a unit. */
        if (out->n > before && cs_doc_in_listing(d, n))
            out->n = before;
    }
    return 0;
}

int cs_rule_unit_name(cs_doc *d, fl_report *rep)
{
    const fl_document *doc = d->doc;
    const char *unit = fl_doc_unit(doc);
    /* A template (上海市XX局) or a bare organ (民政局) cannot be compared. */
    if (unit == NULL || cs_is_placeholder_name(unit) || !cs_starts_with_region(unit))
        return 0;
    name_list names = { 0 };
    if (collect(d, &names) != 0) {
        free(names.items);
        return -1;
    }
    size_t confirmations = 0;
    for (size_t i = 0; i < names.n; i++)
        if (names.items[i].line != fl_doc_unit_line(doc) && cs_same_unit(names.items[i].name, unit))
            confirmations++;
    for (size_t i = 0; i < names.n; i++) {
        const found_name *f = &names.items[i];
        /* Only a full name (with its region) clearly names a unit. */
        if (!cs_starts_with_region(f->name) || cs_same_unit(f->name, unit))
            continue;
        fl_finding *x;
        const char *where = f->from_label ? "表头" : "标题";
        if (confirmations > 0)
            x = fl_report_add(rep, "unit-name", FL_SEV_ERROR,
                              "%s中的单位名称“%s”与本报告的单位“%s”不一致%s", where, f->name, unit,
                              cs_is_placeholder_name(f->name) ? "（模板占位未替换）" : "");
        else
            x = fl_report_add(rep, "unit-name", FL_SEV_INFO,
                              "%s中的单位名称“%s”与识别出的报告单位“%s”不一致；报告单位未在其他"
                              "标题或表头中得到印证，无法确认哪一个正确", where, f->name, unit);
        fl_finding_set_line(x, f->line, f->line);
        fl_finding_set_expected_text(x, unit);
        fl_finding_set_actual_text(x, f->name);
        fl_finding_set_suggestion(x, "将“%s”改为本单位名称“%s”，并核对该部分内容是否为本单位的",
                                  f->name, unit);
    }
    free(names.items);
    return 0;
}
