/* test-core.h — the suites of the core's test program. */
#ifndef FL_TEST_CORE_H
#define FL_TEST_CORE_H

#include <check.h>

Suite *suite_loader(void);
Suite *suite_report(void);
Suite *suite_config(void);
Suite *suite_shelf(void);

#endif
