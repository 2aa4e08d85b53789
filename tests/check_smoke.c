/* Smoke test: the umbrella header, a generic objective and the drivers,
 * against Rosenbrock's hand-derived gradient and Hessian. */
#include <config.h>
#include <stdio.h>
#include <hyperdual.h>
#include "tests.h"

HD_GENERIC_OBJECTIVE(smoke_rosen, T, x, ctx,
    T a = hd_sub(1, x[0]);
    T b = hd_sub(x[1], hd_sq(x[0]));
    return hd_add(hd_sq(a), hd_mul(100, hd_sq(b)));
)

START_TEST(rosenbrock_derivatives_match_hand_formulas)
{
    const hd_objective obj = smoke_rosen_objective(2, NULL);
    const double x[2] = {-1.2, 1.0};
    double f, g[2], h[4];
    ck_assert_int_eq(hd_hessian(&obj, x, &f, g, h), HD_OK);
    const double x0 = x[0], x1 = x[1];
    ck_assert_double_eq_tol(f, (1 - x0) * (1 - x0) + 100 * (x1 - x0 * x0) * (x1 - x0 * x0), 1e-12);
    ck_assert_double_eq_tol(g[0], -2 * (1 - x0) - 400 * x0 * (x1 - x0 * x0), 1e-12);
    ck_assert_double_eq_tol(g[1], 200 * (x1 - x0 * x0), 1e-12);
    ck_assert_double_eq_tol(h[0], 2 - 400 * x1 + 1200 * x0 * x0, 1e-9);
    ck_assert_double_eq_tol(h[1], -400 * x0, 1e-12);
    ck_assert_double_eq(h[1], h[2]);
    ck_assert_double_eq_tol(h[3], 200, 1e-12);
}
END_TEST

/* The header's version is the package's (configure.ac): two places, one number. */
START_TEST(header_version_is_the_package_version)
{
    char macro[32];
    snprintf(macro, sizeof macro, "%d.%d.%d", HD_VERSION_MAJOR, HD_VERSION_MINOR, HD_VERSION_PATCH);
    ck_assert_str_eq(HD_VERSION_STRING, PACKAGE_VERSION);
    ck_assert_str_eq(macro, PACKAGE_VERSION);
    ck_assert_str_eq(hd_version(), PACKAGE_VERSION);
}
END_TEST

Suite *make_smoke_suite(void)
{
    Suite *s = suite_create("smoke");
    TCase *tc = tcase_create("drivers");
    tcase_add_test(tc, rosenbrock_derivatives_match_hand_formulas);
    tcase_add_test(tc, header_version_is_the_package_version);
    suite_add_tcase(s, tc);
    return s;
}
