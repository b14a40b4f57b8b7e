/* report.c — collecting findings: the fl_report_add / fl_finding_set_*
 * half of the plugin API. */
#include "report.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "parse.h"
#include "text.h"
#include "util.h"

fl_report *fl_report_new(const fl_document *doc)
{
    fl_report *rep = xcalloc(1, sizeof *rep);
    rep->doc = doc;
    return rep;
}

/* Free a string of f unless it is in f's own block (fl_finding.packed). */
static void free_string(const fl_finding *f, char *p)
{
    uintptr_t at = (uintptr_t)p, base = (uintptr_t)f;
    if (f->packed == 0 || at < base || at >= base + f->packed)
        free(p);
}

void fl_finding_free(fl_finding *f)
{
    if (f == NULL)
        return;
    free_string(f, f->check);
    free_string(f, f->rule);
    free_string(f, f->message);
    free_string(f, f->section);
    free_string(f, f->table);
    free_string(f, f->row);
    free_string(f, f->column);
    free_string(f, f->evidence);
    free_string(f, f->expected_text);
    free_string(f, f->actual_text);
    for (size_t i = 0; i < f->naddends; i++)
        free_string(f, f->addends[i].label);
    free(f->addends);
    free_string(f, f->suggestion);
    free(f);
}

void fl_report_free(fl_report *rep)
{
    if (rep == NULL)
        return;
    for (size_t i = 0; i < rep->count; i++)
        fl_finding_free(rep->items[i]);
    free(rep->items);
    for (size_t i = 0; i < rep->ndropped; i++)
        fl_finding_free(rep->dropped[i]);
    free(rep->dropped);
    free(rep);
}

static const fl_plugin_set *policy;

void fl_report_set_policy(const fl_plugin_set *set)
{
    policy = set;
}

const fl_plugin_set *fl_report_policy(void)
{
    return policy;
}

void fl_report_set_check(fl_report *rep, const char *check_id)
{
    rep->check_id = check_id;
    rep->rules = NULL;
    rep->plugin = policy && check_id ? fl_plugins_find(policy, check_id) : NULL;
}

void fl_report_set_rules(fl_report *rep, const fl_rule *rules)
{
    rep->rules = rules;
}

const fl_rule *fl_rule_find(const fl_rule *rules, const char *check_id, const char *name)
{
    if (rules == NULL || name == NULL)
        return NULL;
    size_t n = check_id ? strlen(check_id) : 0;
    if (n > 0 && strncmp(name, check_id, n) == 0 && name[n] == '/')
        name += n + 1;
    for (const fl_rule *r = rules; r->name != NULL; r++)
        if (strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

/* A rule listed by its check with kinds that this document is not. */
static int rule_applies(const fl_report *rep, const char *rule)
{
    const fl_rule *r = fl_rule_find(rep->rules, rep->check_id, rule);
    return r == NULL || (r->kinds & fl_doc_kinds(rep->doc)) != 0;
}

/* What the user configured for this rule: 0 when it is turned off, else 1
 * with *sev adjusted to the configured severity. */
static int rule_policy(const fl_report *rep, const char *rule, fl_severity *sev)
{
    const fl_loaded_plugin *p = rep->plugin;
    if (p == NULL)
        return 1;
    const fl_rule *rules = fl_plugin_rules(p->desc);
    const fl_rule *r = fl_rule_find(rules, p->desc->id, rule);
    if (r == NULL)
        return p->others_on;
    size_t k = (size_t)(r - rules);
    if (k >= p->nrules || !p->rule_on[k])
        return 0;
    fl_severity want = p->rule_severity[k];
    if (want != 0 && !(*sev == FL_SEV_INFO && r->severity > FL_SEV_INFO))
        *sev = want;
    return 1;
}

/* "check/rule", copied by hand: asprintf cost ten times the copy, once for
 * every finding. */
static char *qualified_rule(const char *check, const char *rule)
{
    size_t c = strlen(check), r = strlen(rule);
    char *s = xmalloc(c + 1 + r + 1);
    memcpy(s, check, c);
    s[c] = '/';
    memcpy(s + c + 1, rule, r + 1);
    return s;
}

fl_finding *fl_report_add(fl_report *rep, const char *rule, fl_severity sev, const char *fmt, ...)
{
    fl_finding *f = xcalloc(1, sizeof *f);
    const char *check = rep->check_id ? rep->check_id : "core";
    f->check = xstrdup(check);
    if (rule == NULL || *rule == '\0')
        f->rule = xstrdup(check);
    else if (strchr(rule, '/') != NULL)
        f->rule = xstrdup(rule); /* already qualified */
    else
        f->rule = qualified_rule(check, rule);
    if (sev < FL_SEV_INFO || sev > FL_SEV_ERROR)
        sev = FL_SEV_ERROR;
    int wanted = rule_policy(rep, rule, &sev);
    if (policy != NULL && sev < policy->min_severity)
        wanted = 0;
    f->severity = sev;
    va_list ap;
    va_start(ap, fmt);
    f->message = xvasprintf(fmt, ap);
    va_end(ap);
    if (!wanted || !rule_applies(rep, rule)) {
        rep->dropped = xgrow(rep->dropped, &rep->dropped_cap, rep->ndropped + 1, sizeof *rep->dropped);
        rep->dropped[rep->ndropped++] = f;
        return f;
    }
    rep->items = xgrow(rep->items, &rep->cap, rep->count + 1, sizeof *rep->items);
    rep->items[rep->count++] = f;
    return f;
}

void fl_report_take(fl_report *rep, fl_finding *f)
{
    rep->items = xgrow(rep->items, &rep->cap, rep->count + 1, sizeof *rep->items);
    rep->items[rep->count++] = f;
}

static void replace(fl_finding *f, char **slot, const char *value)
{
    free_string(f, *slot);
    *slot = value ? xstrdup(value) : NULL;
}

void fl_finding_set_line(fl_finding *f, size_t line, size_t end_line)
{
    f->line = line;
    f->end_line = end_line >= line ? end_line : line;
    /* evidence, page and section follow from the line: fl_report_complete()
     * fills them, as the finding does not know its document */
}

void fl_finding_set_page(fl_finding *f, int page)
{
    f->page = page;
}

void fl_finding_set_section(fl_finding *f, const fl_section *s)
{
    replace(f, &f->section, s ? fl_section_path(s) : NULL);
}

void fl_finding_set_table(fl_finding *f, const fl_table *t)
{
    replace(f, &f->table, fl_table_title(t));
    if (f->line == 0)
        fl_finding_set_line(f, fl_table_line(t), fl_table_end_line(t));
    if (f->section == NULL && fl_table_section(t) != NULL)
        fl_finding_set_section(f, fl_table_section(t));
}

void fl_finding_set_row(fl_finding *f, const fl_row *r)
{
    replace(f, &f->row, fl_row_label(r));
    if (f->line == 0 || f->line != f->end_line) /* a row is more precise than a table */
        fl_finding_set_line(f, fl_row_line(r), fl_row_line(r));
}

void fl_finding_set_row_label(fl_finding *f, const char *label)
{
    replace(f, &f->row, label);
}

void fl_finding_set_column(fl_finding *f, const char *column)
{
    replace(f, &f->column, column);
}

void fl_finding_set_evidence(fl_finding *f, const char *text)
{
    replace(f, &f->evidence, text);
}

void fl_finding_set_values(fl_finding *f, fl_dec expected, fl_dec actual)
{
    f->has_values = 1;
    f->expected = expected;
    f->actual = actual;
}

void fl_finding_set_expected_text(fl_finding *f, const char *expected)
{
    replace(f, &f->expected_text, expected);
}

void fl_finding_set_actual_text(fl_finding *f, const char *actual)
{
    replace(f, &f->actual_text, actual);
}

void fl_finding_add_addend(fl_finding *f, const char *label, fl_dec value)
{
    f->addends = xgrow(f->addends, &f->addends_cap, f->naddends + 1, sizeof *f->addends);
    f->addends[f->naddends].label = xstrdup(label ? label : "");
    f->addends[f->naddends].value = value;
    f->naddends++;
}

void fl_finding_set_suggestion(fl_finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free_string(f, f->suggestion);
    f->suggestion = xvasprintf(fmt, ap);
    va_end(ap);
}

/* A line as evidence, cut to EVIDENCE_MAX bytes on a character boundary:
 * a converted PDF or DOCX can hold a paragraph of megabytes on one line,
 * and hundreds of findings on it must not copy it hundreds of times. */
#define EVIDENCE_MAX 4096

static char *evidence_of(const char *line)
{
    size_t n = 0;
    while (line[n] != '\0') {
        size_t k = fl_utf8_len(line + n);
        if (n + k > EVIDENCE_MAX)
            return xasprintf("%.*s…", (int)n, line);
        n += k;
    }
    return xstrdup(line);
}

void fl_report_complete(fl_report *rep)
{
    const fl_document *doc = rep->doc;
    for (size_t i = 0; i < rep->count; i++) {
        fl_finding *f = rep->items[i];
        if (f->line == 0 || doc == NULL || f->line > fl_doc_line_count(doc))
            continue;
        /* A blank line (the empty first cell of a row written one cell
         * per line) is no evidence. */
        if (f->evidence == NULL && !fl_text_is_blank(fl_doc_line(doc, f->line)))
            f->evidence = evidence_of(fl_doc_line(doc, f->line));
        if (f->page == 0)
            f->page = fl_doc_line_page(doc, f->line);
        if (f->section == NULL && fl_doc_section_at(doc, f->line) != NULL)
            f->section = xstrdup(fl_section_path(fl_doc_section_at(doc, f->line)));
    }
}

static int compare_findings(const void *a, const void *b)
{
    const fl_finding *x = *(const fl_finding *const *)a;
    const fl_finding *y = *(const fl_finding *const *)b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    int c = strcmp(x->check, y->check);
    if (c != 0)
        return c;
    c = strcmp(x->rule, y->rule);
    if (c != 0)
        return c;
    return 0;
}

/* Merge the sorted runs a[lo, mid) and a[mid, hi) through tmp. */
static void merge(fl_finding **a, fl_finding **tmp, size_t lo, size_t mid, size_t hi)
{
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = compare_findings(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
}

void fl_report_sort(fl_report *rep)
{
    /* Stable, so findings of one rule on one line keep the order the check
     * reported them in; a bottom-up merge sort, because a hostile document
     * can have hundreds of thousands of findings (an insertion sort took
     * minutes). */
    size_t n = rep->count;
    if (n < 2)
        return;
    fl_finding **tmp = xmalloc(n * sizeof *tmp);
    for (size_t width = 1; width < n; width *= 2)
        for (size_t lo = 0; lo + width < n; lo += 2 * width)
            merge(rep->items, tmp, lo, lo + width, lo + 2 * width < n ? lo + 2 * width : n);
    free(tmp);
}

const char *fl_severity_name(fl_severity sev)
{
    switch (sev) {
    case FL_SEV_INFO: return "info";
    case FL_SEV_WARNING: return "warning";
    case FL_SEV_ERROR: return "error";
    }
    return "error";
}

const char *fl_severity_name_zh(fl_severity sev)
{
    switch (sev) {
    case FL_SEV_INFO: return "提示";
    case FL_SEV_WARNING: return "警告";
    case FL_SEV_ERROR: return "错误";
    }
    return "错误";
}

fl_severity fl_severity_parse(const char *name)
{
    if (strcmp(name, "info") == 0)
        return FL_SEV_INFO;
    if (strcmp(name, "warning") == 0)
        return FL_SEV_WARNING;
    if (strcmp(name, "error") == 0)
        return FL_SEV_ERROR;
    if (strcmp(name, "提示") == 0)
        return FL_SEV_INFO;
    if (strcmp(name, "警告") == 0)
        return FL_SEV_WARNING;
    if (strcmp(name, "错误") == 0)
        return FL_SEV_ERROR;
    return (fl_severity)0;
}
