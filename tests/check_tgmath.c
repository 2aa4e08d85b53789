/* <hyperdual/tgmath.h>: the standard names become type-generic over double,
 * hd_dual and hd_hyper. On double they are still libm's functions, bit for
 * bit; on the number types they are the hd_ kernels. */
#include <string.h>
#include <hyperdual.h>
#include <hyperdual/tgmath.h>
#include "tests.h"

static int same(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

START_TEST(standard_names_on_every_type)
{
    /* double: libm (called through the kernels' double versions) */
    const double x = 0.7;
    const double s = sin(x), e = exp(x), p = pow(x, 2.5); /* (each expands to a long _Generic) */
    ck_assert(same(s, hd__sin_r(x)) && same(e, hd__exp_r(x)) && same(p, hd__pow_rr(x, 2.5)));
    ck_assert_int_eq(_Generic(sin(x), double: 1, default: 0), 1);
    ck_assert_int_eq(_Generic(pow(2, 3), double: 1, default: 0), 1);
    /* hd_dual: d/dx sin x = cos x, exp, pow */
    const hd_dual d = hd_dual_var(x);
    const hd_dual ds = sin(d), de = exp(d), dp = pow(d, 3);
    ck_assert_int_eq(_Generic(ds, hd_dual: 1, default: 0), 1);
    ck_assert(same(ds.val, hd__sin_r(x)) && same(ds.d1, hd__cos_r(x)));
    ck_assert(same(de.val, de.d1));
    ck_assert(fabs(dp.d1 - 3 * x * x) <= 1e-15);
    /* hd_hyper: second derivatives sin'' = -sin, exp'' = exp, (x^3)'' = 6x */
    const hd_hyper h = hd_hyper_var(x);
    const hd_hyper hs = sin(h), he = exp(h), hp = pow(h, 3), hq = pow(2.0, h);
    ck_assert_int_eq(_Generic(hs, hd_hyper: 1, default: 0), 1);
    ck_assert(same(hs.d12, -hs.val) && same(he.d12, he.val));
    ck_assert(fabs(hp.d12 - 6 * x) <= 1e-15);
    ck_assert(fabs(hq.d1 - hq.val * log(2.0)) <= 1e-15);
    /* and a composite body written with the standard names */
    const hd_hyper g = sqrt(fabs(atan2(h, cos(h))));
    const double gv = sqrt(fabs(atan2(x, cos(x))));
    ck_assert(g.val == gv);
}
END_TEST

Suite *make_tgmath_suite(void)
{
    Suite *s = suite_create("tgmath");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, standard_names_on_every_type);
    suite_add_tcase(s, tc);
    return s;
}
