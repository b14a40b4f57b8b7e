/* history.c — recording runs in SQLite.  WAL and a busy timeout let two
 * fislint processes write to one file at once (each document is one short
 * transaction, so neither waits long); the schema carries its version in
 * PRAGMA user_version and is migrated forward on open. */
#include "history.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build-config.h" /* PACKAGE_VERSION */
#include "report.h"
#include "util.h"

struct fl_history {
    sqlite3 *db;
    char *path;
    char err[512];
};

/* Migration i brings the schema from version i to i + 1.  Append only:
 * a released step never changes. */
static const char *const migrations[] = {
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  started TEXT NOT NULL,"      /* UTC, 2024-09-10T08:00:00Z */
    "  finished TEXT,"              /* NULL: interrupted */
    "  version TEXT NOT NULL,"
    "  args TEXT NOT NULL);"
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER NOT NULL REFERENCES runs(id),"
    "  source TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"         /* as grouped: 未识别单位 when unknown */
    "  kind TEXT, year INTEGER, format TEXT, title TEXT,"
    "  sha256 TEXT, sha256_of TEXT," /* 'bytes' or 'text' */
    "  error TEXT);"
    "CREATE TABLE findings ("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id),"
    "  fingerprint TEXT NOT NULL,"
    "  rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,"
    "  line INTEGER, page INTEGER, section TEXT,"
    "  table_name TEXT, row_name TEXT, column_name TEXT,"
    "  waived INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX documents_run ON documents(run_id);"
    "CREATE INDEX documents_unit ON documents(unit);"
    "CREATE INDEX findings_document ON findings(document_id);"
    "CREATE INDEX findings_fingerprint ON findings(fingerprint);",
    /* 2: the text each document was checked as, so that a later run can
     * compare a report with this one (fl_doc_related); one copy per
     * distinct text, however often it is re-checked. */
    "ALTER TABLE documents ADD COLUMN text_sha256 TEXT;"
    "CREATE TABLE texts ("
    "  sha256 TEXT PRIMARY KEY,"
    "  text BLOB NOT NULL);"
    "CREATE INDEX documents_unit_kind_year ON documents(unit, kind, year);",
};

static int fail(fl_history *h, const char *what)
{
    int code = sqlite3_errcode(h->db);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        snprintf(h->err, sizeof h->err, "历史数据库 %s 已损坏或不是 SQLite 数据库（%s）", h->path,
                 sqlite3_errmsg(h->db));
    else
        snprintf(h->err, sizeof h->err, "历史数据库 %s：%s失败：%s", h->path, what,
                 sqlite3_errmsg(h->db));
    return -1;
}

static int exec(fl_history *h, const char *sql, const char *what)
{
    return sqlite3_exec(h->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(h, what);
}

static int user_version(fl_history *h, int *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return fail(h, "读取版本");
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail(h, "读取版本");
}

/* A database that has tables but no version is somebody else's. */
static int foreign(fl_history *h)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK)
        return fail(h, "读取结构");
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (n < 0)
        return fail(h, "读取结构");
    return n > 0;
}

static int migrate(fl_history *h)
{
    const int latest = (int)(sizeof migrations / sizeof migrations[0]);
    int v;
    if (user_version(h, &v) != 0)
        return -1;
    if (v == latest)
        return 0;
    if (v > latest) {
        snprintf(h->err, sizeof h->err,
                 "历史数据库 %s 由更新版本的 fislint 创建（结构版本 %d，本程序支持到 %d），请升级 fislint",
                 h->path, v, latest);
        return -1;
    }
    /* IMMEDIATE: two processes creating the file at once migrate once. */
    if (exec(h, "BEGIN IMMEDIATE", "开始事务") != 0)
        return -1;
    if (user_version(h, &v) != 0)
        goto rollback;
    if (v == 0) {
        int f = foreign(h);
        if (f != 0) {
            if (f > 0)
                snprintf(h->err, sizeof h->err, "%s 不是 fislint 的历史数据库（已有其他表）", h->path);
            goto rollback;
        }
    }
    for (; v < latest; v++) {
        if (exec(h, migrations[v], "升级结构") != 0)
            goto rollback;
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (exec(h, sql, "升级结构") != 0)
            goto rollback;
    }
    return exec(h, "COMMIT", "提交");
rollback:
    sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* WAL mode, set once per file.  SQLite answers "locked" at once, without
 * the busy handler, when another process holds a lock on a file still in
 * rollback mode (two runs creating the file together): retry within the
 * busy timeout. */
static int set_wal(fl_history *h)
{
    for (int tries = 0;; tries++) {
        int rc = sqlite3_exec(h->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 1200)
            return fail(h, "设置 WAL");
        sqlite3_sleep(50);
    }
}

fl_history *fl_history_open(const char *path, int create, char *err, size_t errsize)
{
    fl_history *h = xcalloc(1, sizeof *h);
    h->path = xstrdup(path);
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &h->db, flags, NULL) != SQLITE_OK) {
        if (!create && h->db != NULL && sqlite3_errcode(h->db) == SQLITE_CANTOPEN)
            snprintf(h->err, sizeof h->err, "无法打开历史数据库 %s：文件不存在或无权限", path);
        else
            fail(h, "打开");
        goto bad;
    }
    sqlite3_busy_timeout(h->db, 60000);
    sqlite3_extended_result_codes(h->db, 0);
    /* Reading the version is the first real read: it is where a file that
     * is not a database, or a damaged one, shows. */
    int v;
    if (user_version(h, &v) != 0)
        goto bad;
    if (set_wal(h) != 0 ||
        exec(h, "PRAGMA foreign_keys = ON", "设置外键") != 0 || migrate(h) != 0)
        goto bad;
    return h;
bad:
    snprintf(err, errsize, "%s", h->err);
    fl_history_close(h);
    return NULL;
}

void fl_history_close(fl_history *h)
{
    if (h == NULL)
        return;
    sqlite3_close(h->db);
    free(h->path);
    free(h);
}

const char *fl_history_error(const fl_history *h)
{
    return h->err;
}

struct sqlite3 *fl_history_db(fl_history *h)
{
    return h->db;
}

static void now_utc(char buf[32])
{
    const char *env = getenv("FISLINT_NOW");
    time_t t = env != NULL && *env ? (time_t)strtoll(env, NULL, 10) : time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s != NULL)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_count(sqlite3_stmt *st, int i, long long v)
{
    if (v > 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

long long fl_history_begin_run(fl_history *h, const char *args)
{
    char now[32];
    now_utc(now);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "INSERT INTO runs(started, version, args) VALUES (?, ?, ?)", -1,
                           &st, NULL) != SQLITE_OK)
        return fail(h, "记录运行");
    bind_text(st, 1, now);
    bind_text(st, 2, PACKAGE_VERSION);
    bind_text(st, 3, args);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(h, "记录运行");
    return sqlite3_last_insert_rowid(h->db);
}

int fl_history_end_run(fl_history *h, long long run)
{
    char now[32];
    now_utc(now);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "UPDATE runs SET finished = ? WHERE id = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return fail(h, "记录运行结束");
    bind_text(st, 1, now);
    sqlite3_bind_int64(st, 2, run);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(h, "记录运行结束");
}

static int add_findings(fl_history *h, long long doc, const fl_doc_result *r, const char *fps,
                        const fl_waive_state *states)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db,
                           "INSERT INTO findings(document_id, fingerprint, rule, severity, message,"
                           " line, page, section, table_name, row_name, column_name, waived)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(h, "记录问题");
    int rc = SQLITE_DONE;
    for (size_t i = 0; r->rep != NULL && i < r->rep->count && rc == SQLITE_DONE; i++) {
        const fl_finding *f = r->rep->items[i];
        sqlite3_bind_int64(st, 1, doc);
        bind_text(st, 2, fps + 17 * i);
        bind_text(st, 3, f->rule);
        bind_text(st, 4, fl_severity_name(f->severity));
        bind_text(st, 5, f->message);
        bind_count(st, 6, (long long)f->line);
        bind_count(st, 7, f->page);
        bind_text(st, 8, f->section);
        bind_text(st, 9, f->table);
        bind_text(st, 10, f->row);
        bind_text(st, 11, f->column);
        sqlite3_bind_int(st, 12, states != NULL && states[i] == FL_WAIVE_HIDDEN);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(h, "记录问题");
}

/* The document's text, once per distinct text; its hash into text_sha. */
static int store_text(fl_history *h, const fl_doc_result *r, char text_sha[65])
{
    text_sha[0] = '\0';
    if (r->text == NULL)
        return 0;
    fl_history_sha256(r->text, r->text_len, text_sha);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "INSERT OR IGNORE INTO texts(sha256, text) VALUES (?, ?)", -1, &st,
                           NULL) != SQLITE_OK)
        return fail(h, "记录文档文本");
    sqlite3_bind_text(st, 1, text_sha, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(st, 2, r->text, r->text_len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(h, "记录文档文本");
}

int fl_history_add_doc(fl_history *h, long long run, const fl_doc_result *r, const char *fps,
                       const fl_waive_state *states, const char *sha256, const char *sha256_of)
{
    if (exec(h, "BEGIN IMMEDIATE", "开始事务") != 0)
        return -1;
    char text_sha[65];
    if (store_text(h, r, text_sha) != 0)
        goto rollback;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db,
                           "INSERT INTO documents(run_id, source, unit, kind, year, format, title,"
                           " sha256, sha256_of, error, text_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        fail(h, "记录文档");
        goto rollback;
    }
    sqlite3_bind_int64(st, 1, run);
    bind_text(st, 2, r->source);
    bind_text(st, 3, fl_output_unit(r));
    bind_text(st, 4, r->kind);
    bind_count(st, 5, r->year);
    bind_text(st, 6, r->format);
    bind_text(st, 7, r->title);
    bind_text(st, 8, sha256);
    bind_text(st, 9, sha256 != NULL ? sha256_of : NULL);
    bind_text(st, 10, r->error);
    bind_text(st, 11, text_sha[0] ? text_sha : NULL);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        fail(h, "记录文档");
        goto rollback;
    }
    if (add_findings(h, sqlite3_last_insert_rowid(h->db), r, fps, states) != 0)
        goto rollback;
    return exec(h, "COMMIT", "提交");
rollback:
    sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* ---- reading ---- */

static char *dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

void fl_hist_set_add(fl_hist_set *s, const fl_hist_finding *f)
{
    s->items = xgrow(s->items, &s->cap, s->count + 1, sizeof *s->items);
    fl_hist_finding *c = &s->items[s->count++];
    *c = *f;
    c->unit = xstrdup(f->unit);
    c->fingerprint = xstrdup(f->fingerprint);
    c->rule = xstrdup(f->rule);
    c->severity = xstrdup(f->severity);
    c->message = xstrdup(f->message);
    c->source = dup_or_null(f->source);
    fl_hist_set_unit(s, f->unit);
}

void fl_hist_set_unit(fl_hist_set *s, const char *unit)
{
    for (size_t i = 0; i < s->nunits; i++)
        if (strcmp(s->units[i], unit) == 0)
            return;
    s->units = xgrow(s->units, &s->units_cap, s->nunits + 1, sizeof *s->units);
    s->units[s->nunits++] = xstrdup(unit);
}

void fl_hist_set_free(fl_hist_set *s)
{
    for (size_t i = 0; i < s->count; i++) {
        fl_hist_finding *f = &s->items[i];
        free(f->unit);
        free(f->fingerprint);
        free(f->rule);
        free(f->severity);
        free(f->message);
        free(f->source);
    }
    free(s->items);
    for (size_t i = 0; i < s->nunits; i++)
        free(s->units[i]);
    free(s->units);
    memset(s, 0, sizeof *s);
}

int fl_history_runs(fl_history *h, long long **ids, size_t *n)
{
    sqlite3_stmt *st;
    *ids = NULL;
    *n = 0;
    size_t cap = 0;
    if (sqlite3_prepare_v2(h->db, "SELECT id FROM runs WHERE finished IS NOT NULL ORDER BY id", -1,
                           &st, NULL) != SQLITE_OK)
        return fail(h, "读取运行");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(h, "读取运行");
}

int fl_history_run_exists(fl_history *h, long long id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT 1 FROM runs WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return fail(h, "读取运行");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(h, "读取运行");
    return rc == SQLITE_ROW;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int fl_history_load_run(fl_history *h, long long id, fl_hist_set *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, "SELECT DISTINCT unit FROM documents WHERE run_id = ? AND error IS NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(h, "读取文档");
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fl_hist_set_unit(out, col(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(h, "读取文档");
    if (sqlite3_prepare_v2(h->db,
                           "SELECT d.unit, f.fingerprint, f.rule, f.severity, f.message, d.source,"
                           " f.line, f.page, f.waived FROM findings f JOIN documents d"
                           " ON f.document_id = d.id WHERE d.run_id = ? ORDER BY f.id",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(h, "读取问题");
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fl_hist_finding f = { (char *)col(st, 0), (char *)col(st, 1), (char *)col(st, 2),
                              (char *)col(st, 3), (char *)col(st, 4), (char *)col(st, 5),
                              sqlite3_column_int64(st, 6), sqlite3_column_int(st, 7),
                              sqlite3_column_int(st, 8) };
        fl_hist_set_add(out, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(h, "读取问题");
}
