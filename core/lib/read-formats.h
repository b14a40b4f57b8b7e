/* read-formats.h — the readers of published formats (PDF, DOCX, XLSX, and
 * the old binary Office formats, which are refused with advice). */
#ifndef FL_READ_FORMATS_H
#define FL_READ_FORMATS_H

#include "reader.h"

extern const fl_reader fl_reader_pdf;
extern const fl_reader fl_reader_docx;
extern const fl_reader fl_reader_xlsx;
extern const fl_reader fl_reader_ole;   /* .doc, .xls, .wps: message only */

#endif
