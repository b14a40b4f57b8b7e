/* read-pdf.c — the PDF reader as the core sees it: recognising a PDF and
 * refusing a cut one here; reading it in the module fislint-pdf.so
 * (pdf-poppler.c), loaded once, on the first PDF.  A run over text, HTML,
 * DOCX and XLSX never maps poppler, cairo and glib: it starts faster and
 * each document worker forks from a smaller process. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "loader.h"
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

/* The module's entry, or NULL with why in err.  Loaded from the build
 * tree when this program is the one built there, else from the installed
 * readers directory; kept for the life of the process. */
static fl_pdf_module_fn module_entry(char *err, size_t errsize)
{
    static fl_pdf_module_fn entry;
    static char failure[4096 + 512];
    if (entry != NULL)
        return entry;
    if (failure[0] == '\0') {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s",
                 fl_running_uninstalled() ? FL_BUILDDIR "/core/lib/.libs" : FL_READERDIR,
                 FL_PDF_MODULE_NAME);
        void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        void *sym = handle != NULL ? dlsym(handle, FL_PDF_MODULE_SYMBOL) : NULL;
        if (sym != NULL) {
            /* ISO C has no function-from-object-pointer cast; POSIX
             * guarantees dlsym's result converts. */
            memcpy(&entry, &sym, sizeof entry);
            return entry;
        }
        const char *why = dlerror();
        snprintf(failure, sizeof failure, "无法加载 PDF 读取模块 %s（%s），PDF 无法读取；请检查 fislint 的安装",
                 path, why != NULL ? why : "缺少入口");
    }
    snprintf(err, errsize, "%s", failure);
    return NULL;
}

static int pdf_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                    char *err, size_t errsize)
{
    if (!has_eof_marker(data, len)) {
        snprintf(err, errsize, "PDF 文件已损坏或不完整（缺少文件结尾标记 %%%%EOF，"
                 "可能下载或复制时被截断），无法读取；请重新获取完整文件");
        return -1;
    }
    fl_pdf_module_fn read = module_entry(err, errsize);
    return read != NULL ? read(name, data, len, out, err, errsize) : -1;
}

const fl_reader fl_reader_pdf = { "pdf", pdf_detect, pdf_read };
