/* read-formats.h — the readers of published formats (PDF, DOCX, XLSX, and
 * the old binary Office formats, which are refused with advice). */
#ifndef FL_READ_FORMATS_H
#define FL_READ_FORMATS_H

#include "reader.h"

extern const fl_reader fl_reader_pdf;
extern const fl_reader fl_reader_docx;
extern const fl_reader fl_reader_xlsx;
extern const fl_reader fl_reader_ole;   /* .doc, .xls, .wps: message only */

/* The poppler half of the PDF reader lives in its own module,
 * fislint-pdf.so (pdf-poppler.c), which read-pdf.c loads with dlopen on
 * the first PDF: the module's entry has fl_reader.read's contract, for a
 * file already known to be a whole PDF. */
#define FL_PDF_MODULE_NAME "fislint-pdf.so"
#define FL_PDF_MODULE_SYMBOL "fl_pdf_module_read"
#define FL_PDF_MODULE_EXPORT __attribute__((visibility("default")))
typedef int (*fl_pdf_module_fn)(const char *name, const unsigned char *data, size_t len,
                                fl_input *out, char *err, size_t errsize);
int fl_pdf_module_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                       char *err, size_t errsize);

#endif
