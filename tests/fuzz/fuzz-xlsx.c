/* fuzz-xlsx.c — XLSX files through fl_read_input and the model.  An input
 * that starts like a zip is read as a whole file; any other input is the
 * XML of the workbook, its relationships, the shared strings, the first
 * sheet and the styles separated by NUL bytes, stored in a fresh archive
 * (see fuzz-zip.h). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-zip.h"

static const char *const parts[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml", "xl/styles.xml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        fuzz_read("fuzz.xlsx", data, size, &fl_reader_xlsx);
        return 0;
    }
    size_t len = 0;
    unsigned char *zip = fuzz_zip_parts(parts, sizeof parts / sizeof parts[0], data, size, &len);
    if (zip != NULL)
        fuzz_read("fuzz.xlsx", zip, len, &fl_reader_xlsx);
    free(zip);
    return 0;
}
