/* crashy.c — a plugin that misbehaves on purpose, for the isolation tests:
 * the document's text says how (CRASH: SIGSEGV, ABORT, EXIT: exit(0) as a
 * careless plugin might, HANG: loops forever, FAIL: check() returns 1,
 * HOG: allocates until it cannot, VANISH: deletes the document's file and
 * aborts, so that it cannot be read again); otherwise it reports one info.
 * PID adds an info naming the process it ran in, to see workers reused;
 * CHDIR changes the working directory, as a careless check might; SLOW
 * takes 1.2 seconds, as a long document might. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fislint/plugin.h>

static int says(const fl_document *doc, const char *word)
{
    for (size_t n = 1; n <= fl_doc_line_count(doc); n++)
        if (strstr(fl_doc_line_norm(doc, n), word) != NULL)
            return 1;
    return 0;
}

static int crashy_check(const fl_document *doc, fl_report *rep, void *state)
{
    (void)state;
    /* A finding made before misbehaving must not survive the failure. */
    fl_finding *f = fl_report_add(rep, "ran", FL_SEV_INFO, "crashy 已运行");
    fl_finding_set_line(f, 1, 1);
    if (says(doc, "PID")) {
        char pid[32];
        snprintf(pid, sizeof pid, "%ld", (long)getpid());
        fl_finding_set_line(fl_report_add(rep, "pid", FL_SEV_INFO, pid), 1, 1);
    }
    if (says(doc, "CHDIR") && chdir("/") != 0)
        return 1;
    if (says(doc, "SLOW")) {
        struct timespec t = { 1, 200000000 };
        while (nanosleep(&t, &t) != 0)
            ;
    }
    if (says(doc, "CRASH"))
        raise(SIGSEGV);
    if (says(doc, "ABORT"))
        abort();
    if (says(doc, "VANISH")) {
        unlink(fl_doc_source(doc));
        abort();
    }
    if (says(doc, "EXIT"))
        exit(0);
    if (says(doc, "HANG"))
        for (volatile int spin = 1; spin;)
            ;
    if (says(doc, "FAIL"))
        return 1;
    if (says(doc, "HOG")) {
        /* 64 MB at a time, each touched; bounded so a build without the
         * memory limit (ASan) still ends. */
        for (int i = 0; i < 32; i++) {
            char *p = malloc((size_t)64 << 20);
            if (p == NULL)
                abort();
            memset(p, 1, (size_t)64 << 20);
        }
    }
    return 0;
}

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "crashy",
    .version = "1.0",
    .summary = "测试用：按文档内容故意崩溃、退出、死循环或失败",
    .check = crashy_check,
};
