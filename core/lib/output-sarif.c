/* output-sarif.c — SARIF 2.1.0 (the static-analysis exchange format code
 * hosts and many viewers read): one run, a rule per rule id found,
 * a result per finding, unreadable documents as tool notifications. */
#include "output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "build-config.h" /* PACKAGE_VERSION */
#include "json-write.h"
#include "loader.h"
#include "report.h"
#include "util.h"

static const char *level_of(fl_severity s)
{
    return s == FL_SEV_ERROR ? "error" : s == FL_SEV_WARNING ? "warning" : "note";
}

/* A URI reference for a path or URL: bytes outside the unreserved set and
 * the path punctuation are percent-encoded (Chinese file names, spaces);
 * an absolute path becomes a file:// URI. */
static char *uri_of(const char *source)
{
    static const char keep[] = "-._~/:?#[]@!$&'()*+,;=%";
    int is_url = strstr(source, "://") != NULL;
    fl_buf b = { 0 };
    if (!is_url && source[0] == '/')
        fl_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)source; *p; p++) {
        int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || (*p < 0x80 && strchr(keep, *p) != NULL);
        /* In a path, ':' '%' '#' '?' are file name bytes, not URI syntax. */
        if (!is_url && (*p == '%' || *p == '#' || *p == '?' || *p == ':'))
            plain = 0;
        if (plain)
            fl_buf_append(&b, (const char *)p, 1);
        else
            fl_buf_printf(&b, "%%%02X", *p);
    }
    fl_buf_puts(&b, "");
    return fl_buf_steal(&b);
}

static json_t *location_of(const char *uri, const fl_finding *f)
{
    json_t *phys = json_pack("{s:{s:s}}", "artifactLocation", "uri", uri);
    if (f != NULL && f->line > 0) {
        json_t *region = json_pack("{s:I}", "startLine", (json_int_t)f->line);
        if (f->end_line > f->line)
            json_object_set_new(region, "endLine", json_integer((json_int_t)f->end_line));
        if (f->evidence != NULL)
            json_object_set_new(region, "snippet", json_pack("{s:s}", "text", f->evidence));
        json_object_set_new(phys, "region", region);
    }
    return json_pack("{s:o}", "physicalLocation", phys);
}

/* What the check says of the rule (fl_rule), when the loaded checks
 * declare it: NULL for core rules and undeclared ones. */
static const fl_rule *declared(const fl_finding *f)
{
    const fl_plugin_set *set = fl_report_policy();
    const fl_loaded_plugin *p = set != NULL && f->check != NULL ? fl_plugins_find(set, f->check) : NULL;
    return p != NULL ? fl_rule_find(fl_plugin_rules(p->desc), f->check, f->rule) : NULL;
}

/* The index of rule `id` in `rules`, adding it when new, with its one-line
 * summary and its explanation (`fislint explain`) when the check has them. */
static size_t rule_index(json_t *rules, const fl_finding *f)
{
    size_t i;
    json_t *r;
    json_array_foreach(rules, i, r)
        if (strcmp(json_string_value(json_object_get(r, "id")), f->rule) == 0)
            return i;
    json_t *rule = json_pack("{s:s, s:{s:s}, s:{s:s}}", "id", f->rule, "defaultConfiguration",
                             "level", level_of(f->severity), "properties", "check", f->check);
    const fl_rule *d = declared(f);
    if (d != NULL && d->summary != NULL)
        json_object_set_new(rule, "shortDescription", json_pack("{s:s}", "text", d->summary));
    if (d != NULL && d->help != NULL)
        json_object_set_new(rule, "fullDescription", json_pack("{s:s}", "text", d->help));
    json_array_append_new(rules, rule);
    return json_array_size(rules) - 1;
}

static json_t *result_of(json_t *rules, const char *uri, const fl_doc_result *r,
                         const fl_finding *f, const char *fp)
{
    char e[40], a[40], d[40];
    json_t *props = json_pack("{s:s, s:s}", "check", f->check, "kind",
                              r->kind ? r->kind : "unknown");
    if (r->unit != NULL)
        json_object_set_new(props, "unit", fl_json_text(r->unit));
    if (f->page > 0)
        json_object_set_new(props, "page", json_integer(f->page));
    /* A SARIF fix needs an edit to apply; ours is advice for people. */
    if (f->suggestion != NULL)
        json_object_set_new(props, "suggestion", fl_json_text(f->suggestion));
    if (f->has_values) {
        json_object_set_new(props, "expected", json_string(fl_output_num(f, f->expected, e, sizeof e)));
        json_object_set_new(props, "actual", json_string(fl_output_num(f, f->actual, a, sizeof a)));
        json_object_set_new(props, "difference", json_string(fl_output_diff(f, e, a, d, sizeof d)));
    }
    json_t *res = json_pack("{s:s, s:I, s:s, s:{s:s}, s:[o], s:{s:s}, s:o}", "ruleId", f->rule,
                            "ruleIndex", (json_int_t)rule_index(rules, f), "level",
                            level_of(f->severity), "message", "text", f->message, "locations",
                            location_of(uri, f), "partialFingerprints", "fislint/v1", fp,
                            "properties", props);
    return res;
}

void fl_output_sarif(FILE *out, const fl_doc_result *docs, size_t n)
{
    json_t *rules = json_array(), *results = json_array(), *notes = json_array();
    for (size_t d = 0; d < n; d++) {
        const fl_doc_result *r = &docs[d];
        char *uri = uri_of(r->source);
        if (r->rep == NULL) {
            json_array_append_new(notes, json_pack("{s:s, s:{s:s}, s:[o]}", "level", "error",
                                                   "message", "text",
                                                   r->error ? r->error : "无法检查",
                                                   "locations", location_of(uri, NULL)));
        } else {
            char *fp = fl_output_fingerprints(r);
            for (size_t i = 0; i < r->rep->count; i++)
                json_array_append_new(results,
                                      result_of(rules, uri, r, r->rep->items[i], fp + 17 * i));
            free(fp);
        }
        free(uri);
    }
    fl_summary s = fl_summarize(docs, n);
    json_t *root = json_pack(
        "{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:o, s:[{s:b, s:o}]}]}", "$schema",
        "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs", "tool",
        "driver", "name", "fislint", "version", PACKAGE_VERSION, "rules", rules, "results", results, "invocations",
        "executionSuccessful", s.unreadable == 0, "toolExecutionNotifications", notes);
    fl_json_dump_file(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
}
