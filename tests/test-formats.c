/* test-formats.c — runner for the PDF/DOCX/XLSX reader tests. */
#include <stdlib.h>

#include "test-formats.h"

int main(void)
{
    SRunner *sr = srunner_create(suite_formats_layout());
    srunner_add_suite(sr, suite_formats_files());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
