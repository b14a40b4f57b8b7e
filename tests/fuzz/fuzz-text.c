/* fuzz-text.c — plain text (GBK, UTF-8, UTF-16 with BOM, anything) through
 * the text reader and the model parser: headings, paragraphs, amounts and
 * the three table layouts. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The binary formats have harnesses of their own. */
    if (fl_reader_pdf.detect("fuzz.txt", data, size) || fl_reader_ole.detect("fuzz.txt", data, size)
        || fl_reader_docx.detect("fuzz.txt", data, size)
        || fl_reader_xlsx.detect("fuzz.txt", data, size))
        return 0;
    fuzz_read("fuzz.txt", data, size, NULL);
    return 0;
}
