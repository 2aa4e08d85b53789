/* One runner for every suite. Under `make check` CK_TAP_LOG_FILE_NAME=- makes
 * Check print TAP, one line per test, read by automake's tap-driver. Check's
 * fork mode is kept so that a crash or sanitizer finding fails one test. */
#include <stdlib.h>
#include "tests.h"

const char *hd_test_data_dir(void)
{
    const char *dir = getenv("HD_TESTDATA");
    return dir && *dir ? dir : NULL;
}

int main(void)
{
    SRunner *runner = NULL;
#define HD__ADD_SUITE(area)                                       \
    if (!runner) runner = srunner_create(make_##area##_suite());  \
    else srunner_add_suite(runner, make_##area##_suite());
    HD_TEST_SUITES(HD__ADD_SUITE)
    srunner_run_all(runner, CK_ENV);
    const int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
