/* read-xml.c — the readers of HTML, DOCX and XLSX as the core sees them:
 * recognising the file here, reading it in the module fislint-xml.so
 * (read-formats.h), loaded on the first such file; and the inflation
 * budget of zip parts, which the command line sets (--max-size) before
 * any module is loaded. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fetch-internal.h"
#include "module.h"
#include "read-formats.h"
#include "zip-entry.h"

static size_t default_budget = FL_ZIP_MIN_BUDGET;

size_t fl_zip_default_budget(void)
{
    return default_budget;
}

void fl_zip_set_default_budget(size_t bytes)
{
    default_budget = bytes > FL_ZIP_MIN_BUDGET ? bytes : FL_ZIP_MIN_BUDGET;
}

static fl_module xml_module = { FL_XML_MODULE_NAME, FL_XML_MODULE_SYMBOL,
                                " HTML/DOCX/XLSX 读取模块", "HTML、DOCX、XLSX 文件无法读取", NULL, 0,
                                "" };

/* The module's readers, or NULL with why in err. */
static const fl_xml_module *readers(char *err, size_t errsize)
{
    return fl_module_entry(&xml_module, err, errsize);
}

static int html_detect(const char *name, const unsigned char *data, size_t len)
{
    fl_kind k = fl_sniff(NULL, data, len, name);
    if (k == FL_KIND_HTML)
        return 1;
    /* A page saved as .html need not start with a tag (a BOM, a comment). */
    if (k == FL_KIND_TEXT && name != NULL) {
        const char *dot = strrchr(name, '.');
        return dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
    }
    return 0;
}

static int docx_detect(const char *name, const unsigned char *data, size_t len)
{
    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
        return memmem(data, len, "word/document.xml", 17) != NULL;
    /* A file named .docx that is not a zip is still ours: it gets a
     * message saying so instead of being read as text. */
    size_t n = strlen(name);
    return n > 5 && !strcasecmp(name + n - 5, ".docx");
}

static int xlsx_detect(const char *name, const unsigned char *data, size_t len)
{
    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
        return memmem(data, len, "xl/workbook.xml", 15) != NULL;
    size_t n = strlen(name);
    return n > 5 && !strcasecmp(name + n - 5, ".xlsx");
}

static int html_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                     char *err, size_t errsize)
{
    const fl_xml_module *m = readers(err, errsize);
    return m != NULL ? m->html(name, data, len, out, err, errsize) : -1;
}

static int docx_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                     char *err, size_t errsize)
{
    const fl_xml_module *m = readers(err, errsize);
    return m != NULL ? m->docx(name, data, len, out, err, errsize) : -1;
}

static int xlsx_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                     char *err, size_t errsize)
{
    const fl_xml_module *m = readers(err, errsize);
    return m != NULL ? m->xlsx(name, data, len, out, err, errsize) : -1;
}

const fl_reader fl_reader_html = { "html", html_detect, html_read };
const fl_reader fl_reader_docx = { "docx", docx_detect, docx_read };
const fl_reader fl_reader_xlsx = { "xlsx", xlsx_detect, xlsx_read };
