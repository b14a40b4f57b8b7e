/* cmd-history.c — `fislint history --db FILE`: the runs recorded, and for
 * each the units checked with their counts of findings. */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "followup.h"

static void usage(FILE *out)
{
    fprintf(out, "用法：fislint history --db FILE [--last N]\n\n"
                 "  列出历史数据库中的各次运行（编号、时间、版本、参数）及各单位的问题数。\n"
                 "      --db FILE   历史数据库（fislint check --db 写入）\n"
                 "      --last N    只列出最近 N 次运行\n"
                 "  -h, --help      显示本帮助\n");
}

static const char *text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s != NULL ? s : "";
}

/* Per unit: documents, and findings by severity (waived ones apart). */
static int list_units(sqlite3 *db, long long run)
{
    sqlite3_stmt *st;
    const char *sql =
        "SELECT d.unit, count(DISTINCT d.id),"
        " count(CASE WHEN f.waived = 0 AND f.severity = 'error' THEN 1 END),"
        " count(CASE WHEN f.waived = 0 AND f.severity = 'warning' THEN 1 END),"
        " count(CASE WHEN f.waived = 0 AND f.severity = 'info' THEN 1 END),"
        " count(CASE WHEN f.waived = 1 THEN 1 END),"
        " count(DISTINCT CASE WHEN d.error IS NOT NULL THEN d.id END)"
        " FROM documents d LEFT JOIN findings f ON f.document_id = d.id"
        " WHERE d.run_id = ? GROUP BY d.unit ORDER BY d.unit";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, run);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        printf("    %s：%d 份文档，错误 %d，警告 %d，提示 %d", text(st, 0), sqlite3_column_int(st, 1),
               sqlite3_column_int(st, 2), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
        if (sqlite3_column_int(st, 5) > 0)
            printf("，已豁免 %d", sqlite3_column_int(st, 5));
        if (sqlite3_column_int(st, 6) > 0)
            printf("，无法读取 %d 份", sqlite3_column_int(st, 6));
        printf("\n");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int cmd_history(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "last", required_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *path = NULL;
    long last = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'n': {
            char *end;
            last = strtol(optarg, &end, 10);
            if (*end != '\0' || last <= 0) {
                fprintf(stderr, "fislint: --last 应为正整数，而不是 '%s'\n", optarg);
                return FL_EXIT_USAGE;
            }
            break;
        }
        case 'h': usage(stdout); return FL_EXIT_OK;
        default: usage(stderr); return FL_EXIT_USAGE;
        }
    }
    if (path == NULL || optind < argc) {
        fprintf(stderr, "fislint: 请用 --db FILE 给出历史数据库\n");
        usage(stderr);
        return FL_EXIT_USAGE;
    }
    char err[512];
    fl_history *h = fl_history_open(path, 0, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "fislint: %s\n", err);
        return FL_EXIT_USAGE;
    }
    sqlite3 *db = fl_history_db(h);
    sqlite3_stmt *st;
    const char *sql = "SELECT id, started, finished, version, args FROM runs WHERE id >"
                      " coalesce((SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?), 0)"
                      " ORDER BY id";
    int status = FL_EXIT_OK, rc = SQLITE_ERROR, nruns = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, last > 0 ? last : (long)1 << 30);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            long long id = sqlite3_column_int64(st, 0);
            nruns++;
            printf("运行 %lld  %s  fislint %s%s\n    参数：%s\n", id, text(st, 1), text(st, 3),
                   sqlite3_column_type(st, 2) == SQLITE_NULL ? "  （未完成）" : "", text(st, 4));
            if (list_units(db, id) != 0) {
                rc = SQLITE_ERROR;
                break;
            }
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "fislint: 历史数据库 %s：读取失败：%s\n", path, sqlite3_errmsg(db));
        status = FL_EXIT_USAGE;
    } else if (nruns == 0) {
        printf("%s 中还没有运行记录。\n", path);
    }
    fl_history_close(h);
    return status;
}
