/* history-reports.c — the reports of a unit that earlier runs recorded,
 * with their text, for the checks that compare a report with last year's
 * (fl_doc_related).  Only the latest recording of each kind and year is
 * read: an office re-checks a report many times, and the last reading is
 * the one it stands by. */
#include "history.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *kind_name(const char *s)
{
    const char *k = fl_doc_kind_name_of(s);
    return k != NULL ? k : fl_doc_kind_name(FL_KIND_UNKNOWN);
}

static int seen(const fl_hist_report *r, size_t n, const char *kind, int year)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].kind == kind && r[i].year == year)
            return 1;
    return 0;
}

int fl_history_unit_reports(fl_history *h, const char *unit, fl_hist_report **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    /* Newest year first; within a kind and year, the latest recording. */
    if (sqlite3_prepare_v2(fl_history_db(h),
                           "SELECT d.source, d.format, d.kind, d.year, t.text FROM documents d"
                           " JOIN texts t ON t.sha256 = d.text_sha256"
                           " WHERE d.unit = ? AND d.error IS NULL"
                           " ORDER BY d.year DESC, d.id DESC",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_TRANSIENT);
    fl_hist_report *r = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = kind_name((const char *)sqlite3_column_text(st, 2));
        int year = sqlite3_column_int(st, 3);
        if (seen(r, count, kind, year))
            continue;
        r = xgrow(r, &cap, count + 1, sizeof *r);
        fl_hist_report *e = &r[count++];
        e->source = xstrdup((const char *)sqlite3_column_text(st, 0));
        const char *format = (const char *)sqlite3_column_text(st, 1);
        e->format = xstrdup(format ? format : "text");
        e->kind = kind;
        e->year = year;
        const void *blob = sqlite3_column_blob(st, 4);
        e->len = (size_t)sqlite3_column_bytes(st, 4);
        e->text = xmalloc(e->len + 1);
        if (e->len > 0)
            memcpy(e->text, blob, e->len);
        e->text[e->len] = '\0';
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        fl_hist_reports_free(r, count);
        return -1;
    }
    *out = r;
    *n = count;
    return 0;
}

void fl_hist_reports_free(fl_hist_report *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].source);
        free(r[i].format);
        free(r[i].text);
    }
    free(r);
}
