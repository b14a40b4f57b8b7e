/* cmd-report.c — `fislint report --db FILE --unit U`: the follow-up list
 * for one bureau — its findings still open in the latest run that checked
 * it, each with when it was first seen and how long it has been open —
 * as HTML to send or CSV for Excel. */
#include <errno.h>
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "followup.h"
#include "report.h"

static void usage(FILE *out)
{
    fprintf(out, "用法：fislint report --db FILE --unit 单位 [--year 年度] [--format html|csv] [-o FILE]\n\n"
                 "  该单位在最近一次检查中仍未整改的问题，附首次发现时间和已持续天数。\n"
                 "      --db FILE       历史数据库（fislint check --db 写入）\n"
                 "      --unit 单位     单位名称，与检查结果中的单位一致\n"
                 "      --year 年度     只列该年度报告的问题\n"
                 "  -f, --format FMT    html（默认）或 csv（UTF-8 带 BOM，Excel 可直接打开）\n"
                 "  -o, --output FILE   写入 FILE 而不是标准输出\n"
                 "  -h, --help          显示本帮助\n");
}

typedef struct row {
    const char *fingerprint, *rule, *severity, *message, *source, *first_seen;
    long line;
    int page, days;
} row;

static void html_text(FILE *out, const char *s)
{
    for (; s != NULL && *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
}

static void csv_field(FILE *out, const char *s, int last)
{
    fputc('"', out);
    for (; s != NULL && *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputs(last ? "\"\r\n" : "\",", out);
}

static void place(const row *r, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s", r->source);
    if (r->page > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, ":第%d页", r->page);
    if (r->line > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ":第%ld行", r->line);
}

static void date_of(const char *iso, char out[11])
{
    snprintf(out, 11, "%s", iso != NULL ? iso : "");
}

static void write_head(FILE *out, int csv, const char *unit, int year, const char *run_time)
{
    char day[11];
    date_of(run_time, day);
    if (csv) {
        fputs("\xEF\xBB\xBF", out);
        csv_field(out, "指纹", 0);
        csv_field(out, "规则", 0);
        csv_field(out, "级别", 0);
        csv_field(out, "问题", 0);
        csv_field(out, "位置", 0);
        csv_field(out, "首次发现", 0);
        csv_field(out, "已持续天数", 1);
        return;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>整改跟踪：", out);
    html_text(out, unit);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
          "td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}th{background:#eee}"
          "td.n{text-align:right}</style></head><body>\n<h1>整改跟踪清单：", out);
    html_text(out, unit);
    if (year > 0)
        fprintf(out, "（%d 年度）", year);
    fprintf(out, "</h1>\n<p>截至最近一次检查（%s）仍未整改的问题。</p>\n"
                 "<table><tr><th>级别</th><th>问题</th><th>规则</th><th>位置</th>"
                 "<th>首次发现</th><th>已持续天数</th><th>指纹</th></tr>\n",
            day);
}

static void write_row(FILE *out, int csv, const row *r)
{
    char where[1024], first[11], days[16];
    place(r, where, sizeof where);
    date_of(r->first_seen, first);
    snprintf(days, sizeof days, "%d", r->days);
    const char *sev = fl_severity_name_zh(fl_severity_parse(r->severity));
    if (csv) {
        csv_field(out, r->fingerprint, 0);
        csv_field(out, r->rule, 0);
        csv_field(out, sev, 0);
        csv_field(out, r->message, 0);
        csv_field(out, where, 0);
        csv_field(out, first, 0);
        csv_field(out, days, 1);
        return;
    }
    const char *cells[] = { sev, r->message, r->rule, where, first, days, r->fingerprint };
    fputs("<tr>", out);
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        fputs(i == 5 ? "<td class=\"n\">" : "<td>", out);
        html_text(out, cells[i]);
        fputs("</td>", out);
    }
    fputs("</tr>\n", out);
}

/* The latest finished run that checked `unit` (of `year`): 0 when none. */
static long long latest_run(sqlite3 *db, const char *unit, int year, int *rc)
{
    sqlite3_stmt *st;
    long long id = 0;
    *rc = sqlite3_prepare_v2(db,
                             "SELECT max(d.run_id) FROM documents d JOIN runs r ON r.id = d.run_id"
                             " WHERE r.finished IS NOT NULL AND d.error IS NULL AND d.unit = ?1"
                             " AND (?2 = 0 OR d.year = ?2)",
                             -1, &st, NULL);
    if (*rc != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    *rc = sqlite3_step(st);
    if (*rc == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return id;
}

/* First seen: the earliest finished run in which the same unit had the
 * same fingerprint (not the start of the latest open stretch). */
static const char open_sql[] =
    "SELECT f.fingerprint, f.rule, f.severity, f.message, d.source, f.line, f.page,"
    " (SELECT min(r2.started) FROM findings f2 JOIN documents d2 ON f2.document_id = d2.id"
    "   JOIN runs r2 ON r2.id = d2.run_id WHERE f2.fingerprint = f.fingerprint"
    "   AND d2.unit = d.unit AND r2.finished IS NOT NULL) AS first_seen,"
    " r.started"
    " FROM findings f JOIN documents d ON f.document_id = d.id JOIN runs r ON r.id = d.run_id"
    " WHERE d.run_id = ?1 AND d.unit = ?2 AND (?3 = 0 OR d.year = ?3) AND f.waived = 0"
    " ORDER BY d.source, f.line, f.id";

static int write_report(sqlite3 *db, FILE *out, int csv, const char *unit, int year, long long run)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, open_sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, year);
    int rc, n = 0;
    char *run_time = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *started = (const char *)sqlite3_column_text(st, 8);
        if (n++ == 0) {
            run_time = strdup(started);
            write_head(out, csv, unit, year, run_time);
        }
        row r = { (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                  (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                  (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 7),
                  (long)sqlite3_column_int64(st, 5), sqlite3_column_int(st, 6), 0 };
        /* Whole days between the first run that saw it and the latest. */
        sqlite3_stmt *d;
        if (sqlite3_prepare_v2(db, "SELECT CAST(julianday(?2) - julianday(?1) AS INTEGER)", -1, &d,
                               NULL) == SQLITE_OK) {
            sqlite3_bind_text(d, 1, r.first_seen, -1, SQLITE_STATIC);
            sqlite3_bind_text(d, 2, started, -1, SQLITE_STATIC);
            if (sqlite3_step(d) == SQLITE_ROW)
                r.days = sqlite3_column_int(d, 0);
            sqlite3_finalize(d);
        }
        write_row(out, csv, &r);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(run_time);
        return -1;
    }
    if (n == 0)
        write_head(out, csv, unit, year, NULL);
    if (!csv)
        fprintf(out, "</table>\n<p>共 %d 条未整改问题。</p>\n</body></html>\n", n);
    free(run_time);
    return 0;
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "unit", required_argument, NULL, 'u' },
        { "year", required_argument, NULL, 'y' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *path = NULL, *unit = NULL, *format = "html", *output = NULL;
    int year = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'u': unit = optarg; break;
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end != '\0' || y < 1949 || y > 2200) {
                fprintf(stderr, "fislint: --year 应为年份（如 2024），而不是 '%s'\n", optarg);
                return FL_EXIT_USAGE;
            }
            year = (int)y;
            break;
        }
        case 'h': usage(stdout); return FL_EXIT_OK;
        default: usage(stderr); return FL_EXIT_USAGE;
        }
    }
    if (path == NULL || unit == NULL || optind < argc) {
        fprintf(stderr, "fislint: 请给出 --db FILE 和 --unit 单位\n");
        usage(stderr);
        return FL_EXIT_USAGE;
    }
    if (strcmp(format, "html") != 0 && strcmp(format, "csv") != 0) {
        fprintf(stderr, "fislint: --format 应为 html 或 csv，而不是 '%s'\n", format);
        return FL_EXIT_USAGE;
    }
    char err[512];
    fl_history *h = fl_history_open(path, 0, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "fislint: %s\n", err);
        return FL_EXIT_USAGE;
    }
    int status = FL_EXIT_USAGE, rc;
    FILE *out = stdout;
    sqlite3 *db = fl_history_db(h);
    long long run = latest_run(db, unit, year, &rc);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "fislint: 历史数据库 %s：读取失败：%s\n", path, sqlite3_errmsg(db));
        goto out;
    }
    if (run == 0) {
        fprintf(stderr, "fislint: %s 中没有单位“%s”%s的检查记录（单位名称见 fislint history）\n", path,
                unit, year ? "该年度" : "");
        goto out;
    }
    if (output != NULL && strcmp(output, "-") != 0 && (out = fopen(output, "wb")) == NULL) {
        fprintf(stderr, "fislint: 无法写入 %s：%s\n", output, strerror(errno));
        out = stdout;
        goto out;
    }
    if (write_report(db, out, strcmp(format, "csv") == 0, unit, year, run) != 0) {
        fprintf(stderr, "fislint: 历史数据库 %s：读取失败：%s\n", path, sqlite3_errmsg(db));
        goto out;
    }
    status = FL_EXIT_OK;
out:
    if (out != stdout && fclose(out) != 0 && status == FL_EXIT_OK) {
        fprintf(stderr, "fislint: 写入 %s 时出错：%s\n", output, strerror(errno));
        status = FL_EXIT_USAGE;
    }
    fl_history_close(h);
    return status;
}
