/* baseline.c — writing a baseline: every finding of this run, by
 * fingerprint, so that the next runs show only what is new.  Entries a
 * person annotated (who, reason, expires) keep their annotations. */
#include "waiver.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "util.h"

void fl_baseline_add(fl_baseline *b, const fl_doc_result *r, const char *fps)
{
    if (r->rep == NULL)
        return;
    for (size_t i = 0; i < r->rep->count; i++) {
        const fl_finding *f = r->rep->items[i];
        if (strncmp(f->rule, "core/", 5) == 0)
            continue;
        b->items = xgrow(b->items, &b->cap, b->count + 1, sizeof *b->items);
        fl_waiver *e = &b->items[b->count++];
        memset(e, 0, sizeof *e);
        e->fingerprint = xstrdup(fps + 17 * i);
        e->rule = xstrdup(f->rule);
        e->unit = xstrdup(fl_output_unit(r));
        e->message = xstrdup(f->message);
        e->file = xstrdup(r->source);
    }
}

void fl_baseline_free(fl_baseline *b)
{
    for (size_t i = 0; i < b->count; i++) {
        fl_waiver *e = &b->items[i];
        free(e->fingerprint);
        free(e->rule);
        free(e->unit);
        free(e->message);
        free(e->file);
    }
    free(b->items);
    memset(b, 0, sizeof *b);
}

static void set_opt(json_t *o, const char *key, const char *value)
{
    if (value != NULL)
        json_object_set_new(o, key, fl_json_text(value));
}

int fl_baseline_write(const fl_baseline *b, const fl_waivers *w, const char *path, char *err,
                      size_t errsize)
{
    json_t *list = json_array();
    for (size_t i = 0; i < b->count; i++) {
        const fl_waiver *e = &b->items[i];
        json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "fingerprint", fl_json_text(e->fingerprint),
                              "rule", fl_json_text(e->rule), "unit", fl_json_text(e->unit), "message",
                              fl_json_text(e->message), "source", fl_json_text(e->file));
        for (size_t k = 0; w != NULL && k < w->count; k++)
            if (strcmp(w->items[k].fingerprint, e->fingerprint) == 0) {
                set_opt(o, "who", w->items[k].who);
                set_opt(o, "reason", w->items[k].reason);
                set_opt(o, "expires", w->items[k].expires);
                break;
            }
        json_array_append_new(list, o);
    }
    json_t *root = json_pack("{s:i, s:o}", "version", 1, "waivers", list);
    /* Written beside and renamed, so a reader never sees half a file. */
    size_t len = strlen(path) + 8;
    char *tmp = xmalloc(len);
    snprintf(tmp, len, "%s.tmp", path);
    int rc = json_dump_file(root, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || rename(tmp, path) != 0) {
        snprintf(err, errsize, "无法写入基线文件 %s：%s", path, strerror(errno));
        remove(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
