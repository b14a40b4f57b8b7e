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
 * fislint-pdf.so (pdf-module.c), which read-pdf.c loads with dlopen on
 * the first PDF: the module's entry has fl_reader.read's contract, for a
 * file already known to be a whole PDF. */
#define FL_PDF_MODULE_NAME "fislint-pdf.so"
#define FL_PDF_MODULE_SYMBOL "fl_pdf_module_read"
#define FL_PDF_MODULE_EXPORT __attribute__((visibility("default")))
typedef int (*fl_pdf_module_fn)(const char *name, const unsigned char *data, size_t len,
                                fl_input *out, char *err, size_t errsize);
int fl_pdf_module_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                       char *err, size_t errsize);

/* HTML, DOCX and XLSX are read in the module fislint-xml.so (libxml2 and
 * libzip, with ICU and four compression libraries behind them: 1.9 ms of
 * every start), which read-xml.c loads with dlopen on the first such
 * file; it recognises them itself.  The module's readers have
 * fl_reader.read's contract. */
#define FL_XML_MODULE_NAME "fislint-xml.so"
#define FL_XML_MODULE_SYMBOL "fl_xml_module_entry"
typedef int (*fl_read_fn)(const char *name, const unsigned char *data, size_t len, fl_input *out,
                          char *err, size_t errsize);
typedef struct fl_xml_module {
    fl_read_fn html, docx, xlsx;
} fl_xml_module;
/* In the module (read-html.c, read-docx.c, read-xlsx.c). */
int fl_html_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                 char *err, size_t errsize);
int fl_docx_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                 char *err, size_t errsize);
int fl_xlsx_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                 char *err, size_t errsize);

#endif
