/* xml-module.c — the entry of the module fislint-xml.so: the readers of
 * HTML (read-html.c), DOCX (read-docx.c) and XLSX (read-xlsx.c), which
 * read-xml.c finds with dlsym (read-formats.h). */
#include "read-formats.h"

__attribute__((visibility("default"))) const fl_xml_module fl_xml_module_entry = {
    fl_html_read, fl_docx_read, fl_xlsx_read
};
