/* test-formats.h — suites of the format readers' tests. */
#ifndef FL_TEST_FORMATS_H
#define FL_TEST_FORMATS_H

#include <check.h>

Suite *suite_formats_layout(void);
Suite *suite_formats_files(void);

#endif
