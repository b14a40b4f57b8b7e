/* report.h — the findings of one document (core-internal view of the
 * fl_report / fl_finding types that plugins fill through plugin.h). */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <fislint/plugin.h>

typedef struct fl_addend {
    char *label;
    fl_dec value;
} fl_addend;

struct fl_finding {
    char *check;          /* "table-totals" */
    char *rule;           /* "table-totals/code-hierarchy" */
    fl_severity severity;
    char *message;
    size_t line, end_line;  /* 0 when unknown */
    int page;               /* 0 when unknown */
    char *section, *table, *row, *column, *evidence; /* NULL when not set */
    int has_values;
    fl_dec expected, actual;
    char *expected_text, *actual_text; /* free-form; NULL when not set */
    fl_addend *addends;
    size_t naddends, addends_cap;
    char *suggestion;
    /* Bytes of one block that holds the struct and its strings (not the
     * addends' array), when it was read from a worker (finding-wire.c):
     * one allocation rather than one per string, for the parent holds
     * every finding of a batch.  0 for a finding built field by field.
     * A string set later is allocated on its own. */
    size_t packed;
};

struct fl_loaded_plugin;
struct fl_plugin_set;

struct fl_report {
    const fl_document *doc;
    const char *check_id;   /* the check now running; borrowed */
    const fl_rule *rules;   /* its declared rules, or NULL; borrowed */
    const struct fl_loaded_plugin *plugin; /* its selection and severities (policy), or NULL */
    fl_finding **items;
    size_t count, cap;
    /* Findings of rules that do not apply to this kind of document: kept
     * only so the pointer the plugin got stays valid, never output. */
    fl_finding **dropped;
    size_t ndropped, dropped_cap;
};

/* A report for `doc` (which must outlive it).  Caller frees. */
fl_report *fl_report_new(const fl_document *doc);
void fl_report_free(fl_report *rep);
/* Findings are attributed to this check id until the next call. */
void fl_report_set_check(fl_report *rep, const char *check_id);
/* Append a finding built elsewhere (a worker's, see guard.c); the report
 * owns it from now on. */
void fl_report_take(fl_report *rep, fl_finding *f);
void fl_finding_free(fl_finding *f);
/* The rules the running check declared (fl_plugin.rules), or NULL: a
 * finding of a listed rule whose kinds do not meet the document's is
 * dropped. */
void fl_report_set_rules(fl_report *rep, const fl_rule *rules);
/* The declared rule `name` ("code-hierarchy" or "check/code-hierarchy")
 * of `rules`, or NULL. */
const fl_rule *fl_rule_find(const fl_rule *rules, const char *check_id, const char *name);
/* The checks and rules the user selected, their configured severities and
 * the minimum severity shown (a plugin set after fl_plugins_select and
 * fl_plugins_configure; borrowed, NULL for none).  Process-wide because
 * reports are made deep inside the checkers and their forked workers,
 * which inherit it; set once before any document is checked.  A finding
 * of a rule turned off, or below the minimum, is dropped like one of a
 * rule that does not apply.  A configured severity replaces the one the
 * check gives, except that an info the check gives to a rule it usually
 * reports higher ("could not read reliably") stays an info. */
void fl_report_set_policy(const struct fl_plugin_set *set);
const struct fl_plugin_set *fl_report_policy(void);
/* Fill what a finding's line implies (evidence, page, section path)
 * when the plugin did not set it.  Called after each check has run. */
void fl_report_complete(fl_report *rep);
/* Sort by line, then check id, then rule (stable output for diffing). */
void fl_report_sort(fl_report *rep);
const char *fl_severity_name(fl_severity sev);       /* "error", "warning", "info" */
const char *fl_severity_name_zh(fl_severity sev);    /* "错误", "警告", "提示" */
/* Parses "error" / "warning" / "info" (or 错误 / 警告 / 提示); returns 0
 * when unknown. */
fl_severity fl_severity_parse(const char *name);

#endif
