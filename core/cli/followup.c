/* followup.c — the follow-up half of `fislint check`: waivers, baselines
 * and the history database, between checking and output. */
#include "followup.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "source.h"
#include "util.h"

const char fl_followup_help[] =
    "      --baseline FILE        隐藏 FILE（基线/豁免文件，JSON）中列出的问题\n"
    "      --write-baseline FILE  把本次的全部问题写成基线文件 FILE\n"
    "      --no-waivers           不读取报告所在目录中的 .fislint-waivers\n"
    "      --db FILE              把本次运行、文档和问题记入历史数据库 FILE（SQLite）\n";

int fl_followup_option(fl_followup *fu, int code, const char *arg)
{
    switch (code) {
    case FL_OPT_BASELINE: fu->baseline = arg; return 1;
    case FL_OPT_WRITE_BASELINE: fu->write_baseline = arg; return 1;
    case FL_OPT_DB: fu->db_path = arg; return 1;
    case FL_OPT_NO_WAIVERS: fu->no_waivers = 1; return 1;
    default: return 0;
    }
}

/* The command line as one string, for the runs table. */
static char *join_args(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = xmalloc(len), *p = s;
    for (int i = 0; i < argc; i++)
        p += sprintf(p, "%s%s", i ? " " : "", argv[i]);
    *p = '\0';
    return s;
}

int fl_followup_start(fl_followup *fu, int argc, char **argv)
{
    char err[512];
    fl_waivers_init(&fu->waivers);
    if (fu->baseline != NULL && fl_waivers_load(&fu->waivers, fu->baseline, err, sizeof err) != 0) {
        fprintf(stderr, "fislint: %s\n", err);
        return -1;
    }
    if (fu->db_path != NULL) {
        fu->db = fl_history_open(fu->db_path, 1, err, sizeof err);
        if (fu->db == NULL) {
            fprintf(stderr, "fislint: %s\n", err);
            return -1;
        }
        char *args = join_args(argc, argv);
        fu->run = fl_history_begin_run(fu->db, args);
        free(args);
        if (fu->run < 0) {
            fprintf(stderr, "fislint: %s\n", fl_history_error(fu->db));
            return -1;
        }
    }
    return 0;
}

/* SHA-256 of a local file's bytes; 0 when it could not be read again. */
static int file_sha(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f == NULL)
        return 0;
    int ok = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        unsigned char *data = xmalloc((size_t)st.st_size + 1);
        if (fread(data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
            fl_history_sha256(data, (size_t)st.st_size, out);
            ok = 1;
        }
        free(data);
    }
    fclose(f);
    return ok;
}

void fl_followup_doc(fl_followup *fu, fl_doc_result *r, const char *text_sha)
{
    char err[512];
    if (!fu->no_waivers && fl_waivers_load_beside(&fu->waivers, r->source, err, sizeof err) != 0) {
        fprintf(stderr, "fislint: %s\n", err);
        fu->failed = 1;
    }
    /* Fingerprints of the findings as checked, before any is hidden: the
     * repeat ordinals (#2, #3) must not shift with the waivers.  Not made
     * when nothing takes them (no entries, no history, no baseline to
     * write): the output formats make their own. */
    int wanted = fu->waivers.count > 0 || fu->db != NULL || fu->write_baseline != NULL;
    char *fps = wanted ? fl_output_fingerprints(r) : NULL;
    fl_waive_state *states = fl_waivers_match(&fu->waivers, r, fps);
    if (fu->db != NULL && !fu->failed) {
        char sha[65];
        const char *hash = NULL, *of = NULL;
        if (strcmp(r->source, "-") != 0 && !fl_source_is_url(r->source) && file_sha(r->source, sha)) {
            hash = sha;
            of = "bytes";
        } else if (text_sha != NULL) {
            hash = text_sha;
            of = "text";
        }
        if (fl_history_add_doc(fu->db, fu->run, r, fps, states, hash, of) != 0) {
            fprintf(stderr, "fislint: %s\n", fl_history_error(fu->db));
            fu->failed = 1;
        }
    }
    if (fu->write_baseline != NULL && fps != NULL)
        fl_baseline_add(&fu->collected, r, fps);
    if (fps != NULL)
        fl_waivers_apply(&fu->waivers, r, fps, states);
    free(states);
    free(fps);
}

int fl_followup_finish(fl_followup *fu, fl_doc_result *docs, size_t n,
                       void (*write_doc)(FILE *, const fl_doc_result *), FILE *out)
{
    char err[512];
    if (write_doc != NULL) {
        fl_doc_result extra;
        if (fl_waivers_stale_doc(&fu->waivers, &extra)) {
            write_doc(out, &extra);
            fl_doc_result_free(&extra);
        }
    } else if (fl_waivers_stale(&fu->waivers, docs, n) > 0) {
        fl_doc_result extra;
        /* No readable document to hold them: never lose them silently. */
        if (fl_waivers_stale_doc(&fu->waivers, &extra)) {
            for (size_t i = 0; i < extra.rep->count; i++)
                fprintf(stderr, "fislint: %s：%s\n", extra.source, extra.rep->items[i]->message);
            fl_doc_result_free(&extra);
        }
    }
    if (fu->write_baseline != NULL &&
        fl_baseline_write(&fu->collected, &fu->waivers, fu->write_baseline, err, sizeof err) != 0) {
        fprintf(stderr, "fislint: %s\n", err);
        fu->failed = 1;
    }
    if (fu->db != NULL && !fu->failed && fl_history_end_run(fu->db, fu->run) != 0) {
        fprintf(stderr, "fislint: %s\n", fl_history_error(fu->db));
        fu->failed = 1;
    }
    return fu->failed ? -1 : 0;
}

void fl_followup_summary(const fl_followup *fu, FILE *out)
{
    if (out != NULL && fu->waivers.hidden > 0)
        fprintf(out, "按基线/豁免隐藏 %zu 条问题。\n", fu->waivers.hidden);
}

void fl_followup_free(fl_followup *fu)
{
    fl_waivers_free(&fu->waivers);
    fl_baseline_free(&fu->collected);
    fl_history_close(fu->db);
    fu->db = NULL;
}
