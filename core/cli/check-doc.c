/* check-doc.c — one document: build the model, run the checks guarded,
 * keep the findings and what the document is. */
#include "check-doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "util.h"

char *fl_check_failed_note(const char *source, const char *check_id, const char *reason)
{
    return xasprintf("fislint: %s: 检查项 '%s' 未能完成检查：%s\n", source, check_id, reason);
}

void fl_say_check_failed(void *ctx, const char *check_id, const char *reason)
{
    char *note = fl_check_failed_note(ctx, check_id, reason);
    fputs(note, stderr);
    free(note);
}

fl_document *fl_check_document_open(const fl_checker *c, const char *source, const fl_input *input,
                                    const char *error, fl_doc_result *r)
{
    memset(r, 0, sizeof *r);
    r->source = xstrdup(source);
    if (error != NULL) {
        r->error = xstrdup(error);
        fprintf(stderr, "fislint: %s: %s\n", source, error);
        return NULL;
    }
    r->format = xstrdup(input->format);
    fl_document *doc = fl_document_from_text(source, input->format, input->text, input->len);
    if (fl_doc_title(doc) != NULL)
        r->title = xstrdup(fl_doc_title(doc));
    r->kind = fl_doc_kind_name(fl_doc_kind_of(doc));
    r->year = fl_doc_year(doc);
    if (fl_doc_unit(doc) != NULL)
        r->unit = xstrdup(fl_doc_unit(doc));
    /* The history keeps every text; the second pass (c->texts) pairs only
     * reports that name their unit, and the others' texts would be
     * written for nothing. */
    if (c->keep_text && input->text != NULL && (c->texts == NULL || r->unit != NULL)) {
        /* In the run's spool when it takes it, else in the result. */
        long long at = c->texts != NULL ? fl_spool_put(c->texts, input->text, input->len) : -1;
        r->text_len = input->len;
        if (at >= 0) {
            r->text_spooled = 1;
            r->text_off = at;
        } else {
            r->text = xmalloc(input->len + 1);
            memcpy(r->text, input->text, input->len);
            r->text[input->len] = '\0';
        }
    }
    r->rep = fl_report_new(doc);
    return doc;
}

size_t fl_check_document(const fl_checker *c, const char *source, const fl_input *input,
                         const char *error, fl_doc_result *r)
{
    fl_document *doc = fl_check_document_open(c, source, input, error, r);
    if (doc == NULL)
        return 0;
    size_t failed = fl_guard_run(doc, c->plugins, r->rep, &c->limits, fl_say_check_failed, (void *)source);
    fl_report_complete(r->rep);
    fl_report_sort(r->rep);
    r->rep->doc = NULL; /* findings now hold copies of all they need */
    fl_document_free(doc);
    return failed;
}
