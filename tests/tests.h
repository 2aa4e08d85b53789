/* Shared declarations of the Check test suites: each area's check_<area>.c
 * exports make_<area>_suite(); check_main.c runs them all. */
#ifndef HYPERDUAL_TESTS_H
#define HYPERDUAL_TESTS_H

#include <check.h>

/* The suites; add one line here and one in check_main.c per area. */
#define HD_TEST_SUITES(X) \
    X(smoke) \
    X(expr) \
    X(problems) \
    X(paths) \
    X(lanes) \
    X(diff_extra) \
    X(optim) \
    X(rules) \
    X(edges) \
    X(identities) \
    X(tgmath) \
    X(lanes_nansafe) \
    X(tape)

#define HD__DECLARE_SUITE(area) Suite *make_##area##_suite(void);
HD_TEST_SUITES(HD__DECLARE_SUITE)

/* Directory of the shared oracle data (../shared/testdata), or NULL. */
const char *hd_test_data_dir(void);

#endif
