/* kind-probe.c — an ABI 1.1 plugin for the loader tests: it reports one
 * finding of each of three rules on every document, and declares that
 * "final-only" holds for 决算 only, "budget-only" for 预算 only and
 * "anywhere" for every kind; the core must drop what does not apply. */
#include <fislint/plugin.h>

/* Designated initialisers: fields added to fl_rule later stay zero. */
static const fl_rule RULES[] = {
    { .name = "anywhere", .severity = FL_SEV_INFO, .kinds = FL_KINDS_ALL, .summary = "任何报告都适用" },
    { .name = "final-only", .severity = FL_SEV_WARNING, .kinds = FL_KINDS_FINAL, .summary = "只适用于决算" },
    { .name = "budget-only", .severity = FL_SEV_WARNING, .kinds = FL_KINDS_BUDGET, .summary = "只适用于预算" },
    { .name = NULL },
};

static int probe_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    for (const fl_rule *r = RULES; r->name != NULL; r++) {
        /* The finding of a dropped rule must still be safe to fill in. */
        fl_finding *f = fl_report_add(rep, r->name, r->severity, "%s：%s", r->summary,
                                      fl_doc_kind_name(fl_doc_kind_of(doc)));
        fl_finding_set_line(f, 1, 1);
        fl_finding_set_values(f, fl_dec_from_int(1), fl_dec_from_int(2));
    }
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "kind-probe",
    .version = "1.1",
    .summary = "测试用：按文档类型适用的规则",
    .check = probe_check,
    .rules = RULES,
};
