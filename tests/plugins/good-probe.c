/* good-probe.c — a minimal valid plugin for the loader tests: one info
 * finding per document, on line 1, so a test can see that it ran. */
#include <fislint/plugin.h>

static int probe_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    fl_finding *f = fl_report_add(rep, "ran", FL_SEV_INFO, "探针检查项已运行（共 %zu 行）",
                                  fl_doc_line_count(doc));
    fl_finding_set_line(f, 1, 1);
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "good-probe",
    .version = "1.0",
    .summary = "测试用探针",
    .check = probe_check,
};
