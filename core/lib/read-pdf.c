/* read-pdf.c — the PDF reader as the core sees it: recognising a PDF and
 * refusing a cut one here; reading it in the module fislint-pdf.so
 * (pdf-module.c), loaded once, on the first PDF.  A run over text, HTML,
 * DOCX and XLSX never maps poppler: it starts faster and each document
 * worker forks from a smaller process. */
#include <stdio.h>
#include <string.h>

#include "module.h"
#include "read-formats.h"

static int pdf_detect(const char *name, const unsigned char *data, size_t len)
{
    (void)name;
    size_t lim = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= lim; i++)
        if (!memcmp(data + i, "%PDF-", 5))
            return 1;
    return 0;
}

/* 1 when the file ends with its end-of-file marker: poppler repairs a cut
 * file silently, and half a report must not pass for a whole one. */
static int has_eof_marker(const unsigned char *data, size_t len)
{
    size_t from = len > 4096 ? len - 4096 : 0;
    for (size_t i = from; i + 5 <= len; i++)
        if (!memcmp(data + i, "%%EOF", 5))
            return 1;
    return 0;
}

static fl_module pdf_module = { FL_PDF_MODULE_NAME, FL_PDF_MODULE_SYMBOL, " PDF 读取模块",
                                 "PDF 无法读取", NULL, 0, "" };

static int pdf_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                    char *err, size_t errsize)
{
    if (!has_eof_marker(data, len)) {
        snprintf(err, errsize, "PDF 文件已损坏或不完整（缺少文件结尾标记 %%%%EOF，"
                 "可能下载或复制时被截断），无法读取；请重新获取完整文件");
        return -1;
    }
    void *entry = fl_module_entry(&pdf_module, err, errsize);
    if (entry == NULL)
        return -1;
    /* ISO C has no function-from-object-pointer cast; POSIX guarantees
     * dlsym's result converts. */
    fl_pdf_module_fn read;
    memcpy(&read, &entry, sizeof read);
    return read(name, data, len, out, err, errsize);
}

const fl_reader fl_reader_pdf = { "pdf", pdf_detect, pdf_read };
