/* test-core.c — runs the core's suites (one file per area). */
#include <stdlib.h>

#include "test-core.h"

int main(void)
{
    SRunner *sr = srunner_create(suite_loader());
    srunner_add_suite(sr, suite_report());
    srunner_add_suite(sr, suite_config());
    srunner_add_suite(sr, suite_shelf());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
