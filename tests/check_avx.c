/* The lane, path and kind suites built with -mavx2 (tests/local.mk), where
 * the lane parts of four lanes and more are four-lane registers (kinds.h):
 * the same results as the pair layout the other runner tests. A TAP skip
 * when the compiler had no AVX2 or the processor has none. */
#include <stdio.h>
#include <stdlib.h>
#include "tests.h"

const char *hd_test_data_dir(void)
{
    const char *dir = getenv("HD_TESTDATA");
    return dir && *dir ? dir : NULL;
}

int main(void)
{
#if !defined(__AVX2__) || HD__CHUNK_LANES != 4
    printf("1..0 # SKIP not built for AVX2\n");
    return 0;
#else
    if (!__builtin_cpu_supports("avx2")) {
        printf("1..0 # SKIP the processor has no AVX2\n");
        return 0;
    }
    SRunner *runner = srunner_create(make_lanes_suite());
    srunner_add_suite(runner, make_lanes_nansafe_suite());
    srunner_add_suite(runner, make_paths_suite());
    srunner_add_suite(runner, make_kinds_suite());
    srunner_run_all(runner, CK_ENV);
    const int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
#endif
}
