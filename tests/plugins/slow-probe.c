/* slow-probe.c — a check that takes 1.5 seconds on a document that says
 * SLOW (as crashy does), then reports one info: with crashy, two checks
 * that each stay within a time limit their sum passes. */
#include <time.h>

#include <fislint/plugin.h>

static int slow_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    for (size_t n = 1; n <= fl_doc_line_count(doc); n++)
        if (fl_str_starts(fl_doc_line_norm(doc, n), "SLOW")) {
            struct timespec t = { 1, 500000000 };
            while (nanosleep(&t, &t) != 0)
                ;
            break;
        }
    fl_finding *f = fl_report_add(rep, "ran", FL_SEV_INFO, "慢探针检查项已运行");
    fl_finding_set_line(f, 1, 1);
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "slow-probe",
    .version = "1.0",
    .summary = "测试用慢探针",
    .check = slow_check,
};
