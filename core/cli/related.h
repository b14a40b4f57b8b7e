/* related.h — the second pass of `fislint check`: the checks that compare a
 * report with the same unit's other reports (FL_PLUGIN_RELATED in the
 * plugin ABI) run once every document of the run has been read, because a
 * document's related reports may come later in the input.  Until then the
 * results wait in a spool file, so memory does not grow with the batch
 * (unless the output keeps them all anyway: `hold` below). */
#ifndef FL_RELATED_H
#define FL_RELATED_H

#include <stddef.h>

#include "check-doc.h"
#include "history.h"

typedef struct fl_related_pass fl_related_pass;

/* A pass that runs the enabled plugins of `checks` (the related checks)
 * with the limits of `c`, finding related reports among the kept results
 * and, when `history` is not NULL, among the reports earlier runs
 * recorded.  With `hold`, the results (not their texts) are kept in
 * memory rather than in the spool: for an output that keeps them all
 * until the end anyway, writing each to the file and reading it back was
 * a fifth of the main process's time.  NULL (after saying why on stderr)
 * when no spool file can be made: the run then goes on without the
 * related checks. */
fl_related_pass *fl_related_pass_new(const fl_checker *c, const fl_plugin_set *checks,
                                     fl_history *history, int hold);
/* Where the first pass's workers leave the texts (fl_checker texts):
 * owned by the pass, alive until fl_related_pass_free(). */
fl_spool *fl_related_pass_texts(fl_related_pass *rp);
/* Keep a result of the first pass (its text included, or spooled:
 * fl_checker keep_text) until the end; takes ownership of *r. */
void fl_related_pass_keep(fl_related_pass *rp, fl_doc_result *r, size_t failed_checks);
/* Run the related checks on every kept document that has related
 * reports, adding their findings to its result, and hand each result to
 * `fn` in the order they were kept.  With `jobs` above 1 (and isolation
 * on, and no history database) the documents are shared among that many
 * helper processes; the results and stderr are those of one. */
void fl_related_pass_finish(fl_related_pass *rp, unsigned jobs, fl_result_fn fn, void *ctx);
void fl_related_pass_free(fl_related_pass *rp);

#endif
