/* NaN-safe mode: this program is compiled with -DHD_NANSAFE (tests/local.mk),
 * so its inline kernels keep a zero derivative part zero whatever the
 * coefficient, while the library's exported mirrors (hd_call_*) are the
 * default kernels. It shows both halves of the mode's promise:
 *   - a constant never picks up NaN from an infinite slope (log(0), sqrt(0)),
 *     and a seed {x, 1, 1, 0} at such a point gives f'' in d12;
 *   - with nonzero tangents every result is bit for bit the default one.
 * Expected values are from the mathematics, as in check_edges.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include <check.h>

#ifndef HD_NANSAFE
#error "check_nansafe.c must be compiled with -DHD_NANSAFE"
#endif

static int same(double a, double b) { return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b)); }
static int is(double got, double exp) { return isnan(exp) ? isnan(got) : got == exp; }
#define PARTS(h, v, a, b, c) ck_assert(is((h).val, v) && is((h).d1, a) && is((h).d2, b) && is((h).d12, c))

START_TEST(constants_stay_constant)
{
    hd_hyper h = hd_log(hd_hyper_const(0.0));
    PARTS(h, -INFINITY, 0, 0, 0);
    h = hd_sqrt(hd_hyper_const(0.0));
    PARTS(h, 0, 0, 0, 0);
    h = hd_pow(hd_hyper_const(0.0), 0.5);
    PARTS(h, 0, 0, 0, 0);
    h = hd_recip(hd_hyper_const(0.0));
    PARTS(h, INFINITY, 0, 0, 0);
    const hd_dual d = hd_log(hd_dual_const(0.0));
    ck_assert(d.val == -INFINITY && d.d1 == 0);
    /* the default mode (the exported mirrors) gives NaN here: 0·inf */
    ck_assert(isnan(hd_call_log_dual(hd_dual_const(0.0)).d1));
}
END_TEST

START_TEST(second_derivative_at_an_infinite_slope)
{
    /* seed {x, 1, 1, 0}: d12 = f'·0 + f'' = f'' once 0·inf is 0 */
    hd_hyper h = hd_sqrt(hd_hyper_var(0.0));
    PARTS(h, 0, INFINITY, INFINITY, -INFINITY);
    h = hd_log(hd_hyper_var(0.0));
    PARTS(h, -INFINITY, INFINITY, INFINITY, -INFINITY);
    h = hd_pow(hd_hyper_var(0.0), 0.5);
    PARTS(h, 0, INFINITY, INFINITY, -INFINITY);
    h = hd_cbrt(hd_hyper_var(-0.0));
    PARTS(h, -0.0, INFINITY, INFINITY, INFINITY);
    /* a constant exponent lifted to hd_hyper at a negative base: exact */
    h = hd_pow(hd_hyper_var(-2.0), hd_hyper_const(3.0));
    PARTS(h, -8, 12, 12, -12);
}
END_TEST

START_TEST(nan_still_propagates)
{
    /* a NaN tangent is not zero: it still reaches its parts */
    const hd_hyper h = hd_exp(hd_hyper_make(0, NAN, 1, 0));
    ck_assert(isnan(h.d1) && h.d2 == 1 && isnan(h.d12));
    ck_assert(isnan(hd_sin(hd_hyper_var(NAN)).val));
}
END_TEST

/* Every row, at points with nonzero tangents: identical to the default kernels. */
static int unary_same(hd_hyper (*nansafe)(hd_hyper), hd_hyper (*dflt)(hd_hyper), double x)
{
    const hd_hyper a = hd_hyper_make(x, 0.75, -1.25, 0.5);
    const hd_hyper r = nansafe(a), s = dflt(a);
    return same(r.val, s.val) && same(r.d1, s.d1) && same(r.d2, s.d2) && same(r.d12, s.d12);
}
static int binary_same(hd_hyper (*nansafe)(hd_hyper, hd_hyper), hd_hyper (*dflt)(hd_hyper, hd_hyper), double x,
                       double y)
{
    const hd_hyper a = hd_hyper_make(x, 0.75, -1.25, 0.5), b = hd_hyper_make(y, 0.25, 1.5, -0.75);
    const hd_hyper r = nansafe(a, b), s = dflt(a, b);
    return same(r.val, s.val) && same(r.d1, s.d1) && same(r.d2, s.d2) && same(r.d12, s.d12);
}

START_TEST(ordinary_results_unchanged)
{
    static const double xs[] = {0.5, 1.5, -2.25};
#define UN_SAME(name, ...)                                                                   \
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)                                      \
        ck_assert_msg(unary_same(hd_##name##_hyper, hd_call_##name##_hyper, xs[i]), #name " at %g", xs[i]);
    HD_UNARY_RULES(UN_SAME)
#define BIN_SAME(name, ...)                                                                  \
    ck_assert_msg(binary_same(hd_##name##_hyper, hd_call_##name##_hyper, 0.7, 1.3), #name);  \
    ck_assert_msg(binary_same(hd_##name##_hyper, hd_call_##name##_hyper, -1.5, 0.4), #name);
    HD_BINARY_RULES(BIN_SAME)
}
END_TEST

int main(void)
{
    Suite *s = suite_create("nansafe");
    TCase *tc = tcase_create("HD_NANSAFE");
    tcase_add_test(tc, constants_stay_constant);
    tcase_add_test(tc, second_derivative_at_an_infinite_slope);
    tcase_add_test(tc, nan_still_propagates);
    tcase_add_test(tc, ordinary_results_unchanged);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_ENV);
    const int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
