/* waiver.c — reading baselines and waivers, and applying them to the
 * findings of a run: hidden, shown again once expired, or listed as stale
 * when they match nothing any more. */
#include "waiver.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "loader.h"
#include "report.h"
#include "source.h"
#include "util.h"

void fl_waivers_init(fl_waivers *w)
{
    memset(w, 0, sizeof *w);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(w->today, sizeof w->today, "%Y-%m-%d", &tm);
}

static void waiver_free(fl_waiver *e)
{
    free(e->fingerprint);
    free(e->rule);
    free(e->unit);
    free(e->message);
    free(e->who);
    free(e->reason);
    free(e->expires);
    free(e->file);
}

void fl_waivers_free(fl_waivers *w)
{
    for (size_t i = 0; i < w->count; i++)
        waiver_free(&w->items[i]);
    free(w->items);
    for (size_t i = 0; i < w->ndirs; i++)
        free(w->dirs[i]);
    free(w->dirs);
    for (size_t i = 0; i < w->nunits; i++)
        free(w->units[i]);
    free(w->units);
    memset(w, 0, sizeof *w);
}

static char *opt_string(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL && s[0] != '\0' ? xstrdup(s) : NULL;
}

/* "YYYY-MM-DD", so that expiry is a string comparison. */
static int valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
            return 0;
    return 1;
}

static int valid_fingerprint(const char *s)
{
    if (strlen(s) != 16)
        return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return 0;
    return 1;
}

int fl_waivers_load(fl_waivers *w, const char *path, char *err, size_t errsize)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (root == NULL) {
        if (je.line <= 0)
            snprintf(err, errsize, "无法读取 %s：%s", path, je.text);
        else
            snprintf(err, errsize, "%s:%d：不是有效的 JSON：%s", path, je.line, je.text);
        return -1;
    }
    /* {"version":1,"waivers":[…]}, or just the array. */
    json_t *list = json_is_array(root) ? root : json_object_get(root, "waivers");
    if (!json_is_array(list)) {
        snprintf(err, errsize, "%s：应为 {\"waivers\": [...]} 或数组", path);
        json_decref(root);
        return -1;
    }
    size_t i;
    json_t *o;
    json_array_foreach(list, i, o) {
        const char *fp = json_string_value(json_object_get(o, "fingerprint"));
        const char *rule = json_string_value(json_object_get(o, "rule"));
        if (fp == NULL || !valid_fingerprint(fp) || rule == NULL) {
            snprintf(err, errsize, "%s：第 %zu 项缺少有效的 fingerprint（16 位十六进制）或 rule", path,
                     i + 1);
            json_decref(root);
            return -1;
        }
        char *expires = opt_string(o, "expires");
        if (expires != NULL && !valid_date(expires)) {
            snprintf(err, errsize, "%s：第 %zu 项的 expires 应为 YYYY-MM-DD，而不是 '%s'", path,
                     i + 1, expires);
            free(expires);
            json_decref(root);
            return -1;
        }
        w->items = xgrow(w->items, &w->cap, w->count + 1, sizeof *w->items);
        fl_waiver *e = &w->items[w->count++];
        memset(e, 0, sizeof *e);
        e->fingerprint = xstrdup(fp);
        e->rule = xstrdup(rule);
        e->unit = opt_string(o, "unit");
        e->message = opt_string(o, "message");
        e->who = opt_string(o, "who");
        e->reason = opt_string(o, "reason");
        e->expires = expires;
        e->file = xstrdup(path);
    }
    json_decref(root);
    return 0;
}

int fl_waivers_load_beside(fl_waivers *w, const char *source, char *err, size_t errsize)
{
    if (source == NULL || strcmp(source, "-") == 0 || fl_source_is_url(source))
        return 0;
    const char *slash = strrchr(source, '/');
    char *dir = slash != NULL ? xstrndup(source, slash == source ? 1 : (size_t)(slash - source))
                              : xstrdup(".");
    for (size_t i = 0; i < w->ndirs; i++)
        if (strcmp(w->dirs[i], dir) == 0) {
            free(dir);
            return 0;
        }
    w->dirs = xgrow(w->dirs, &w->dirs_cap, w->ndirs + 1, sizeof *w->dirs);
    w->dirs[w->ndirs++] = dir;
    size_t len = strlen(dir) + sizeof FL_WAIVERS_FILE + 2;
    char *path = xmalloc(len);
    snprintf(path, len, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", FL_WAIVERS_FILE);
    struct stat st;
    int rc = 0;
    if (stat(path, &st) == 0)
        rc = fl_waivers_load(w, path, err, errsize);
    else if (errno != ENOENT) {
        snprintf(err, errsize, "无法读取 %s：%s", path, strerror(errno));
        rc = -1;
    }
    free(path);
    return rc;
}

static void note_unit(fl_waivers *w, const char *unit)
{
    for (size_t i = 0; i < w->nunits; i++)
        if (strcmp(w->units[i], unit) == 0)
            return;
    w->units = xgrow(w->units, &w->units_cap, w->nunits + 1, sizeof *w->units);
    w->units[w->nunits++] = xstrdup(unit);
}

static int same_unit(const fl_waiver *e, const char *unit)
{
    return e->unit == NULL || strcmp(e->unit, unit) == 0;
}

fl_waive_state *fl_waivers_match(fl_waivers *w, const fl_doc_result *r, const char *fps)
{
    const char *unit = fl_output_unit(r);
    note_unit(w, unit);
    if (r->rep == NULL || r->rep->count == 0 || fps == NULL)
        return NULL;
    fl_waive_state *st = xcalloc(r->rep->count, sizeof *st);
    for (size_t i = 0; i < r->rep->count; i++)
        for (size_t k = 0; k < w->count; k++) {
            fl_waiver *e = &w->items[k];
            /* The fingerprint already covers the unit; the entry's unit is
             * checked too so an entry copied to another bureau's file does
             * not silently apply there. */
            if (strcmp(e->fingerprint, fps + 17 * i) != 0 || !same_unit(e, unit))
                continue;
            e->used = 1;
            int expired = e->expires != NULL && strcmp(e->expires, w->today) < 0;
            if (expired) {
                if (st[i] == FL_WAIVE_NONE)
                    st[i] = FL_WAIVE_EXPIRED;
            } else {
                st[i] = FL_WAIVE_HIDDEN;
            }
        }
    return st;
}

static const fl_waiver *entry_for(const fl_waivers *w, const char *fp, const char *unit)
{
    const fl_waiver *found = NULL;
    for (size_t k = 0; k < w->count; k++)
        if (strcmp(w->items[k].fingerprint, fp) == 0 && same_unit(&w->items[k], unit))
            found = &w->items[k];
    return found;
}

/* An info of the core about a waiver; `key` keeps its fingerprint apart
 * from the other infos of the same rule. */
static fl_finding *core_info(const char *rule, char *message, const char *key, const char *file,
                             char *suggestion)
{
    fl_finding *f = xcalloc(1, sizeof *f);
    f->check = xstrdup("core");
    f->rule = xstrdup(rule);
    f->severity = FL_SEV_INFO;
    f->message = message;
    f->expected_text = xstrdup(key);
    f->actual_text = xstrdup(file);
    f->suggestion = suggestion;
    return f;
}

static int infos_shown(void)
{
    const fl_plugin_set *p = fl_report_policy();
    return p == NULL || p->min_severity <= FL_SEV_INFO;
}

void fl_waivers_apply(fl_waivers *w, fl_doc_result *r, const char *fps,
                      const fl_waive_state *states)
{
    if (r->rep == NULL || states == NULL)
        return;
    const char *unit = fl_output_unit(r);
    fl_report *rep = r->rep;
    size_t n = rep->count, kept = 0;
    fl_finding **items = rep->items;
    fl_finding **added = NULL;
    size_t nadded = 0, added_cap = 0;
    for (size_t i = 0; i < n; i++) {
        fl_finding *f = items[i];
        if (states[i] == FL_WAIVE_HIDDEN) {
            fl_finding_free(f);
            w->hidden++;
            continue;
        }
        items[kept++] = f;
        if (states[i] == FL_WAIVE_EXPIRED && infos_shown()) {
            const fl_waiver *e = entry_for(w, fps + 17 * i, unit);
            char msg[1024];
            snprintf(msg, sizeof msg, "豁免已于 %s 到期，该问题重新列出（%s%s%s%s）", e->expires,
                     e->who ? "批准人：" : "", e->who ? e->who : "", e->who && e->reason ? "，" : "",
                     e->reason ? e->reason : "");
            /* No who and no reason: drop the empty brackets. */
            if (e->who == NULL && e->reason == NULL)
                msg[strlen(msg) - strlen("（）")] = '\0';
            fl_finding *x = core_info("core/waiver-expired", xstrdup(msg), fps + 17 * i, e->file,
                                      xstrdup("请整改该问题，或在豁免文件中延长 expires 并写明理由。"));
            x->line = f->line;
            x->end_line = f->end_line;
            x->page = f->page;
            added = xgrow(added, &added_cap, nadded + 1, sizeof *added);
            added[nadded++] = x;
        }
    }
    rep->count = kept;
    for (size_t i = 0; i < nadded; i++)
        fl_report_take(rep, added[i]);
    free(added);
    fl_report_sort(rep);
}

static int unit_checked(const fl_waivers *w, const fl_waiver *e)
{
    if (e->unit == NULL)
        return 1;
    for (size_t i = 0; i < w->nunits; i++)
        if (strcmp(w->units[i], e->unit) == 0)
            return 1;
    return 0;
}

static fl_finding *stale_finding(const fl_waiver *e)
{
    char msg[1024];
    snprintf(msg, sizeof msg, "豁免条目 %s（%s%s%s）本次没有对应的问题：问题可能已整改，或报告已变动",
             e->fingerprint, e->rule, e->message ? "：" : "", e->message ? e->message : "");
    size_t len = strlen(e->file) + 64;
    char *sugg = xmalloc(len);
    snprintf(sugg, len, "确认已整改后，从 %s 中删除该条目。", e->file);
    return core_info("core/waiver-stale", xstrdup(msg), e->fingerprint, e->file, sugg);
}

/* Each stale entry once, even when two files list the same fingerprint. */
static int is_stale(const fl_waivers *w, size_t k)
{
    const fl_waiver *e = &w->items[k];
    if (e->used || !unit_checked(w, e))
        return 0;
    for (size_t j = 0; j < k; j++)
        if (strcmp(w->items[j].fingerprint, e->fingerprint) == 0 && strcmp(w->items[j].file, e->file) == 0)
            return 0;
    return 1;
}

size_t fl_waivers_stale(fl_waivers *w, fl_doc_result *docs, size_t n)
{
    size_t unplaced = 0;
    if (!infos_shown())
        return 0;
    for (size_t k = 0; k < w->count; k++) {
        if (!is_stale(w, k))
            continue;
        fl_waiver *e = &w->items[k];
        fl_doc_result *home = NULL;
        for (size_t d = 0; d < n && home == NULL; d++)
            if (docs[d].rep != NULL && e->unit != NULL && strcmp(fl_output_unit(&docs[d]), e->unit) == 0)
                home = &docs[d];
        for (size_t d = 0; d < n && home == NULL; d++)
            if (docs[d].rep != NULL)
                home = &docs[d];
        if (home == NULL) {
            unplaced++;
            continue;
        }
        fl_report_take(home->rep, stale_finding(e));
        e->used = 1; /* reported */
        fl_report_sort(home->rep);
    }
    return unplaced;
}

int fl_waivers_stale_doc(fl_waivers *w, fl_doc_result *r)
{
    memset(r, 0, sizeof *r);
    if (!infos_shown())
        return 0;
    for (size_t k = 0; k < w->count; k++) {
        if (!is_stale(w, k))
            continue;
        fl_waiver *e = &w->items[k];
        if (r->rep == NULL) {
            r->source = xstrdup(e->file);
            r->rep = fl_report_new(NULL);
        }
        fl_report_take(r->rep, stale_finding(e));
        e->used = 1;
    }
    return r->rep != NULL;
}
