/* related-probe.c — an FL_PLUGIN_RELATED plugin for the two-pass tests
 * (tests/cli-related.sh): on each document it is called for, it reports
 * one info per related document, saying which one, in the order the core
 * gives them, and one error if a related document claims related ones of
 * its own (they must not chain).  A document whose second line is CRASH or
 * HANG makes it crash or loop, for the tests of a failing related check. */
#include <fislint/plugin.h>

#include <signal.h>
#include <string.h>

static const fl_rule RULES[] = {
    { .name = "saw", .severity = FL_SEV_INFO, .kinds = FL_KINDS_ALL, .summary = "看到的相关报告" },
    { .name = "chained", .severity = FL_SEV_ERROR, .kinds = FL_KINDS_ALL, .summary = "相关报告又带相关报告" },
    { .name = NULL },
};

static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int probe_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    const char *how = fl_doc_line_count(doc) >= 2 ? fl_doc_line_norm(doc, 2) : "";
    if (strcmp(how, "CRASH") == 0)
        raise(SIGSEGV);
    if (strcmp(how, "HANG") == 0)
        for (volatile int spin = 1; spin;)
            ;
    for (size_t i = 0; i < fl_doc_related_count(doc); i++) {
        const fl_document *r = fl_doc_related(doc, i);
        fl_finding *f = fl_report_add(rep, "saw", FL_SEV_INFO, "%zu %s %d %s %s", i + 1,
                                      fl_doc_kind_name(fl_doc_kind_of(r)), fl_doc_year(r),
                                      fl_doc_unit(r) ? fl_doc_unit(r) : "-", base(fl_doc_source(r)));
        fl_finding_set_line(f, 1, 1);
        if (fl_doc_related_count(r) != 0)
            fl_report_add(rep, "chained", FL_SEV_ERROR, "%s", base(fl_doc_source(r)));
    }
    if (fl_doc_related(doc, fl_doc_related_count(doc)) != NULL)
        fl_report_add(rep, "chained", FL_SEV_ERROR, "past the end is not NULL");
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "related-probe",
    .version = "1.1",
    .summary = "测试用：列出本单位的其他报告",
    .check = probe_check,
    .rules = RULES,
    .flags = FL_PLUGIN_RELATED,
};
