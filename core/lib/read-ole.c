/* read-ole.c — the old binary Office formats (.doc, .xls, .wps, .et):
 * refused with a message that names the format and says how to convert.
 *
 * Why not read them: Debian has no maintained C library for the Word and
 * WPS binary text streams (libwv is unmaintained and antiword/catdoc are
 * programs, not libraries), and a half-right reading of amounts is worse
 * for a linter than an honest refusal.  LibreOffice converts all of them. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "read-formats.h"

static const unsigned char OLE_MAGIC[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };

static int ole_detect(const char *name, const unsigned char *data, size_t len)
{
    (void)name;
    return len >= 8 && !memcmp(data, OLE_MAGIC, 8);
}

/* A stream name in the compound file's directory (UTF-16LE). */
static int has_stream(const unsigned char *data, size_t len, const char *ascii)
{
    unsigned char w[64];
    size_t n = strlen(ascii);
    if (n * 2 > sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++) {
        w[2 * i] = (unsigned char)ascii[i];
        w[2 * i + 1] = 0;
    }
    return memmem(data, len, w, n * 2) != NULL;
}

static int ends_with(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && !strcasecmp(name + n - e, ext);
}

static int ole_read(const char *name, const unsigned char *data, size_t len,
                    fl_input *out, char *err, size_t errsize)
{
    (void)out;
    const char *what, *to;
    if (ends_with(name, ".wps")) {
        what = "WPS 文字旧格式（.wps）";
        to = "docx";
    } else if (ends_with(name, ".et")) {
        what = "WPS 表格旧格式（.et）";
        to = "xlsx";
    } else if (has_stream(data, len, "Workbook") || has_stream(data, len, "Book")
               || ends_with(name, ".xls")) {
        what = "Excel 97-2003 旧格式（.xls）";
        to = "xlsx";
    } else if (has_stream(data, len, "WordDocument") || ends_with(name, ".doc")) {
        what = "Word 97-2003 旧格式（.doc）";
        to = "docx";
    } else {
        what = "Office 旧二进制格式（OLE 复合文档）";
        to = "docx 或 xlsx";
    }
    snprintf(err, errsize, "这是%s，fislint 不读取旧二进制格式；请用 WPS/Office “另存为” .%s 或 PDF，"
             "或执行 libreoffice --headless --convert-to %s 文件名，再检查转换后的文件",
             what, to, strchr(to, ' ') ? "docx" : to);
    return -1;
}

const fl_reader fl_reader_ole = { "ole", ole_detect, ole_read };
