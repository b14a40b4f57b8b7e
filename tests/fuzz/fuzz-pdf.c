/* fuzz-pdf.c — PDF files through fl_read_input and the model.  Bytes
 * the PDF reader does not recognise are skipped. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read("fuzz.pdf", data, size, &fl_reader_pdf);
    return 0;
}
