/* fuzz-docx.c — DOCX files through fl_read_input and the model.  An input
 * that starts like a zip is read as a whole file; any other input is the
 * XML of word/document.xml, word/styles.xml and word/numbering.xml
 * separated by NUL bytes, stored in a fresh archive (see fuzz-zip.h). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-zip.h"

static const char *const parts[] = {
    "word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        fuzz_read("fuzz.docx", data, size, &fl_reader_docx);
        return 0;
    }
    size_t len = 0;
    unsigned char *zip = fuzz_zip_parts(parts, sizeof parts / sizeof parts[0], data, size, &len);
    if (zip != NULL)
        fuzz_read("fuzz.docx", zip, len, &fl_reader_docx);
    free(zip);
    return 0;
}
