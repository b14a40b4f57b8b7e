/* document.h — building and freeing documents (core-internal API used by
 * the CLI and the tests). */
#ifndef FL_DOCUMENT_H
#define FL_DOCUMENT_H

#include <stddef.h>

#include <fislint/plugin.h>

/* Build the model from UTF-8 text.  `source` is the path or URL shown to
 * the user; `format` is the name of the format the text came from.
 * '\f' in the text starts a new page.  Tables may be TAB-separated rows,
 * one cell per line (each line starting with a TAB, rows separated by
 * blank lines) or markdown pipe tables.  Never fails: text that is not a
 * report simply gives a model with few sections and no tables.  The caller
 * owns the result (fl_document_free). */
fl_document *fl_document_from_text(const char *source, const char *format,
                                   const char *utf8, size_t len);
void fl_document_free(fl_document *doc);

/* The unit the office gave for this document (an -i list), replacing the
 * one read from the cover; NULL keeps the cover's.  Copied. */
void fl_document_set_unit(fl_document *doc, const char *unit);
/* The same unit's other reports, for the checks that compare with them
 * (fl_doc_related()).  The array and the documents are borrowed: they must
 * outlive the checks' use of `doc`; NULL, 0 forgets them. */
void fl_document_set_related(fl_document *doc, const fl_document *const *docs, size_t n);

#endif
