/* Golden edge table: pow in every case of base and exponent, the kinks, signed
 * zeros, infinities and NaN, with the expected parts written down from the
 * mathematics (and IEEE 754 where the mathematics meets 0·inf), not taken
 * from running the code.
 *
 * Seeds: a variable is {x, 1, 1, 0}, so d1 = d2 = f' and d12 = f'·0 + f''.
 * Where f' is infinite that d12 is NaN by IEEE (inf·0), in the default mode;
 * check_nansafe.c shows the same cases giving f'' under -DHD_NANSAFE. */
#include <float.h>
#include <math.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

#define EULER 0.57721566490153286060651209008240243 /* γ */
#define PI_SQ_6 1.64493406684822643647241516664602519 /* π²/6 = ψ₁(1) */
#define LN2 0.693147180559945309417232121458176568

/* Exact for zeros, infinities and NaN; finite nonzero values within tol,
 * 2 ulps unless a case says otherwise (they are products of one or two
 * rounded constants). */
static int part_ok_tol(double got, double exp, double tol)
{
    if (isnan(exp)) return isnan(got);
    if (exp == 0 || isinf(exp)) return got == exp;
    return fabs(got - exp) <= tol * fabs(exp);
}
static int part_ok(double got, double exp) { return part_ok_tol(got, exp, 4.5e-16); }

static void gold_tol(const char *what, hd_hyper h, double v, double d1, double d2, double d12, double tol)
{
    ck_assert_msg(part_ok_tol(h.val, v, tol) && part_ok_tol(h.d1, d1, tol) && part_ok_tol(h.d2, d2, tol)
                      && part_ok_tol(h.d12, d12, tol),
                  "%s: got {%.17g, %.17g, %.17g, %.17g}, expected {%.17g, %.17g, %.17g, %.17g}", what, h.val,
                  h.d1, h.d2, h.d12, v, d1, d2, d12);
}
static void gold(const char *what, hd_hyper h, double v, double d1, double d2, double d12)
{
    gold_tol(what, h, v, d1, d2, d12, 4.5e-16);
}
/* f at a variable: {f, f', f', f''} (f' finite). */
static void gold_var(const char *what, hd_hyper h, double f, double d, double dd) { gold(what, h, f, d, d, dd); }

static int same_part(double a, double b) { return a == b || (isnan(a) && isnan(b)); }
static int same_parts(hd_hyper p, hd_hyper q)
{
    return same_part(p.val, q.val) && same_part(p.d1, q.d1) && same_part(p.d2, q.d2) && same_part(p.d12, q.d12);
}
static int negzero(double x) { return x == 0 && signbit(x); }
static int poszero(double x) { return x == 0 && !signbit(x); }

#define V(x) hd_hyper_var(x)
#define C(x) hd_hyper_const(x)

START_TEST(pow_constant_exponent)
{
    gold_var("x^2 at 0", hd_pow(V(0.0), 2), 0, 0, 2);
    gold_var("x^2 at -0", hd_pow(V(-0.0), 2), 0, 0, 2);
    gold_var("x^2 at -3", hd_pow(V(-3.0), 2), 9, -6, 2);
    gold_var("x^3 at -2", hd_pow(V(-2.0), 3), -8, 12, -12);
    gold_var("x^3 at 0", hd_pow(V(0.0), 3), 0, 0, 0);
    gold_var("x^-1 at -2", hd_pow(V(-2.0), -1), -0.5, -0.25, -0.25);
    gold_var("x^-2 at -2", hd_pow(V(-2.0), -2), 0.25, 0.25, 0.375);
    gold_var("x^0 at 0", hd_pow(V(0.0), 0), 1, 0, 0);
    gold_var("x^0 at -2", hd_pow(V(-2.0), 0), 1, 0, 0);
    gold_var("x^0 at NaN (pow(NaN, 0) = 1 in C)", hd_pow(V(NAN), 0), 1, 0, 0);
    gold_var("x^1 at 0", hd_pow(V(0.0), 1), 0, 1, 0);
    gold_var("x^1 at -2", hd_pow(V(-2.0), 1), -2, 1, 0);
    gold_var("x^1.5 at 0", hd_pow(V(0.0), 1.5), 0, 0, INFINITY);
    gold_var("x^2.5 at 0", hd_pow(V(0.0), 2.5), 0, 0, 0);
    gold_var("x^0.5 at 4", hd_pow(V(4.0), 0.5), 2, 0.25, -1.0 / 32);
    /* 0 < c < 1 at 0: finite value 0, infinite slope (not clamped) */
    gold("x^0.5 at 0", hd_pow(V(0.0), 0.5), 0, INFINITY, INFINITY, NAN);
    gold("x^0.25 at 0", hd_pow(V(0.0), 0.25), 0, INFINITY, INFINITY, NAN);
    ck_assert(hd_pow(hd_dual_var(0.0), 0.5).d1 == INFINITY);
    ck_assert(part_ok(hd_pow(hd_dual_var(1e-30), 0.5).d1, 0.5e15));
    /* a pole: 1/x at 0 */
    gold("x^-1 at 0", hd_pow(V(0.0), -1), INFINITY, -INFINITY, -INFINITY, NAN);
    gold("x^-1 at -0", hd_pow(V(-0.0), -1), -INFINITY, -INFINITY, -INFINITY, NAN);
    /* a non-integer power of a negative number is not real */
    gold("x^2.5 at -1", hd_pow(V(-1.0), 2.5), NAN, NAN, NAN, NAN);
    gold("x^0.5 at -0", hd_pow(V(-0.0), 0.5), 0, INFINITY, INFINITY, NAN);
    /* int, long and float exponents are the same constant */
    gold_var("x^3 (long) at -2", hd_pow(V(-2.0), 3L), -8, 12, -12);
    gold_var("x^3 (float) at -2", hd_pow(V(-2.0), 3.0f), -8, 12, -12);
    /* hd_dual agrees */
    ck_assert(hd_pow(hd_dual_var(-2.0), 3).d1 == 12);
    ck_assert(hd_pow(hd_dual_var(0.0), 2).d1 == 0);
}
END_TEST

START_TEST(pow_active_exponent)
{
    /* c^y: d/dy = c^y ln c, d2/dy2 = c^y ln^2 c */
    gold_var("2^y at 3", hd_pow(2, V(3.0)), 8, 8 * LN2, 8 * LN2 * LN2);
    gold_var("1^y at 5", hd_pow(1, V(5.0)), 1, 0, 0);
    /* base 0, y > 0: 0^y is identically 0 */
    gold_var("0^y at 2", hd_pow(0, V(2.0)), 0, 0, 0);
    gold_var("0^y at 0.5", hd_pow(0, V(0.5)), 0, 0, 0);
    /* negative base: x^y is not real off the integers, so d/dy is NaN */
    gold("(-2)^y at 3", hd_pow(-2, V(3.0)), -8, NAN, NAN, NAN);
    /* both active, base > 0, seeds x = {2,1,0,0}, y = {3,0,1,0}: d12 is the mixed partial
     * x^(y-1) (1 + y ln x) = 4 (1 + 3 ln 2) */
    gold("x^y at (2, 3), mixed", hd_pow(hd_hyper_make(2, 1, 0, 0), hd_hyper_make(3, 0, 1, 0)), 8, 12, 8 * LN2,
         4 * (1 + 3 * LN2));
    /* base 0, both active: x^y at (0, 2): f_x = 0, f_y = 0, f_xy = 0 */
    gold("x^y at (0, 2), mixed", hd_pow(hd_hyper_make(0, 1, 0, 0), hd_hyper_make(2, 0, 1, 0)), 0, 0, 0, 0);
    /* both active, seeded together: d12 = f_xx + 2 f_xy + f_yy at (2, 3):
     * f_xx = 6·2 = 12, f_xy = 4 + 12 ln 2, f_yy = 8 ln^2 2 */
    const hd_hyper t = hd_pow(V(2.0), V(3.0));
    ck_assert(part_ok(t.d1, 12 + 8 * LN2));
    ck_assert(fabs(t.d12 - (12 + 2 * (4 + 12 * LN2) + 8 * LN2 * LN2)) <= 1e-14 * t.d12);
    /* A constant exponent given as a number type (all derivative parts 0) is
     * a constant, although d/dy x^y is NaN at a negative base; likewise a
     * constant base 0 with an active exponent. The same numbers as the
     * real-operand kernels (up to the sign of a zero). */
    gold_var("x^C(3) at -2 (constant exponent as hd_hyper)", hd_pow(V(-2.0), C(3.0)), -8, 12, -12);
    gold_var("x^C(2) at 0", hd_pow(V(0.0), C(2.0)), 0, 0, 2);
    gold_var("C(0)^y at 0.5", hd_pow(C(0.0), V(0.5)), 0, 0, 0);
    ck_assert(hd_pow(hd_dual_var(-2.0), hd_dual_const(3.0)).d1 == 12);
    static const double bases[] = {-2.0, -0.5, 0.0, -0.0, 0.3, 2.0}, exps[] = {-1.0, 0.0, 0.5, 2.0, 3.0};
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++)
        for (size_t j = 0; j < sizeof exps / sizeof exps[0]; j++) {
            const hd_hyper a = hd_hyper_make(bases[i], 0.75, -1.25, 0.5);
            const hd_hyper p = hd_pow(a, C(exps[j])), q = hd_pow_hyper_r(a, exps[j]);
            ck_assert(same_parts(p, q));
            const hd_hyper r = hd_pow(C(bases[i]), hd_hyper_make(exps[j], 0.75, -1.25, 0.5));
            const hd_hyper t = hd_pow_r_hyper(bases[i], hd_hyper_make(exps[j], 0.75, -1.25, 0.5));
            ck_assert(same_parts(r, t));
        }
    /* an active exponent at a negative base is still NaN: not differentiable in y */
    gold("x^y at (-2, 3), both active", hd_pow(V(-2.0), V(3.0)), -8, NAN, NAN, NAN);
}
END_TEST

/* The drivers choose scalar or lane passes by n; pow's per-component rule
 * gives the same gradient on every path: at a negative base the exponent's
 * slope is NaN and the base's is exact. */
HD_GENERIC_OBJECTIVE(edges_pow3, T, x, ctx,
    (void)ctx;
    return hd_add(hd_pow(x[0], x[1]), x[2]);
)
HD_GENERIC_OBJECTIVE(edges_pow2, T, x, ctx,
    (void)ctx;
    return hd_pow(x[0], x[1]);
)

START_TEST(pow_gradient_on_every_path)
{
    const double x[3] = {-2.0, 3.0, 0.5};
    for (size_t n = 2; n <= 3; n++) {
        const hd_objective obj = n == 2 ? edges_pow2_objective(2, NULL) : edges_pow3_objective(3, NULL);
        double f, g[3], h[9];
        ck_assert_int_eq(hd_gradient(&obj, x, &f, g), HD_OK);
        ck_assert(f == -8 + (n == 3 ? 0.5 : 0) && g[0] == 12 && isnan(g[1]));
        ck_assert_int_eq(hd_hessian(&obj, x, &f, g, h), HD_OK);
        ck_assert(g[0] == 12 && isnan(g[1]) && h[0] == -12 && isnan(h[1]) && isnan(h[n]) && isnan(h[n + 1]));
        if (n == 3) ck_assert(g[2] == 1 && h[8] == 0 && h[2] == 0);
    }
}
END_TEST

START_TEST(powi_by_multiplication)
{
    gold_var("powi(x, 3) at -2", hd_powi(V(-2.0), 3), -8, 12, -12);
    gold_var("powi(x, 2) at 0", hd_powi(V(0.0), 2), 0, 0, 2);
    gold_var("powi(x, 0) at 0", hd_powi(V(0.0), 0), 1, 0, 0);
    gold_var("powi(x, -1) at 2", hd_powi(V(2.0), -1), 0.5, -0.25, 0.25);
    gold_var("powi(x, -2) at -2", hd_powi(V(-2.0), -2), 0.25, 0.25, 0.375);
    gold_var("powi(x, 5) at -1", hd_powi(V(-1.0), 5), -1, 5, -20);
    ck_assert(hd_powi(-2.0, 3) == -8 && hd_powi(2, -2) == 0.25);
    ck_assert(hd_powi(hd_dual_var(-2.0), 3).d1 == 12);
}
END_TEST

START_TEST(roots_and_logs_at_zero)
{
    /* signed zeros of the values are IEEE's */
    ck_assert(negzero(hd_sqrt(-0.0)) && negzero(hd_sqrt(V(-0.0)).val) && poszero(hd_sqrt(V(0.0)).val));
    ck_assert(negzero(hd_cbrt(-0.0)) && negzero(hd_cbrt(V(-0.0)).val) && poszero(hd_cbrt(V(0.0)).val));
    /* sqrt at either zero: f' = +inf (one-sided), f'' = -inf */
    gold("sqrt at 0", hd_sqrt(V(0.0)), 0, INFINITY, INFINITY, NAN);
    gold("sqrt at -0", hd_sqrt(V(-0.0)), 0, INFINITY, INFINITY, NAN);
    gold("sqrt at -1", hd_sqrt(V(-1.0)), NAN, NAN, NAN, NAN);
    gold_var("sqrt at 4", hd_sqrt(V(4.0)), 2, 0.25, -1.0 / 32);
    gold("sqrt at +inf", hd_sqrt(V(INFINITY)), INFINITY, 0, 0, 0);
    ck_assert(hd_sqrt(hd_dual_var(0.0)).d1 == INFINITY && hd_sqrt(hd_dual_var(-0.0)).d1 == INFINITY);
    /* no clamping of small arguments: sqrt'(1e-300) = 0.5e150 */
    ck_assert(part_ok(hd_sqrt(hd_dual_var(1e-300)).d1, 0.5e150));
    /* cbrt: f' = 1/(3 x^(2/3)) = +inf at both zeros; f'' = -2/9 x^(-5/3): -inf at +0, +inf at -0 */
    gold("cbrt at 0", hd_cbrt(V(0.0)), 0, INFINITY, INFINITY, NAN);
    gold("cbrt at -0", hd_cbrt(V(-0.0)), 0, INFINITY, INFINITY, NAN);
    gold_var("cbrt at -8", hd_cbrt(V(-8.0)), -2, 1.0 / 12, 1.0 / 144);
    /* glibc's cbrt(27) is 3 + 1 ulp (libm is not correctly rounded; gcc folds
     * the constant exactly, clang calls libm): allow 2 ulps on 3 parts */
    gold_tol("cbrt at 27", hd_cbrt(V(27.0)), 3, 1.0 / 27, 1.0 / 27, -2.0 / 2187, 1e-15);
    /* log at either zero: -inf, f' = +inf; below 0 NaN in every part */
    gold("log at 0", hd_log(V(0.0)), -INFINITY, INFINITY, INFINITY, NAN);
    gold("log at -0", hd_log(V(-0.0)), -INFINITY, INFINITY, INFINITY, NAN);
    gold("log at -1", hd_log(V(-1.0)), NAN, NAN, NAN, NAN);
    gold("log at +inf", hd_log(V(INFINITY)), INFINITY, 0, 0, -0.0);
    gold_var("log at 1", hd_log(V(1.0)), 0, 1, -1);
    gold("log2 at -1", hd_log2(V(-1.0)), NAN, NAN, NAN, NAN);
    gold("log10 at 0", hd_log10(V(0.0)), -INFINITY, INFINITY, INFINITY, NAN);
    gold("log1p at -1", hd_log1p(V(-1.0)), -INFINITY, INFINITY, INFINITY, NAN);
    gold("log1p at -2", hd_log1p(V(-2.0)), NAN, NAN, NAN, NAN);
    gold("atanh at 2", hd_atanh(V(2.0)), NAN, NAN, NAN, NAN);
    gold("atanh at 1", hd_atanh(V(1.0)), INFINITY, INFINITY, INFINITY, NAN);
    gold("asin at 1", hd_asin(V(1.0)), asin(1.0), INFINITY, INFINITY, NAN);
    gold("acosh at 1", hd_acosh(V(1.0)), 0, INFINITY, INFINITY, NAN);
    gold("acosh at 0.5", hd_acosh(V(0.5)), NAN, NAN, NAN, NAN);
    gold("1/x at 0", hd_recip(V(0.0)), INFINITY, -INFINITY, -INFINITY, NAN);
    gold("exp at -inf", hd_exp(V(-INFINITY)), 0, 0, 0, 0);
}
END_TEST

START_TEST(kinks)
{
    /* |x| and relu: derivative 0 at the kink, f'' = 0 */
    gold("fabs at 0", hd_fabs(V(0.0)), 0, 0, 0, 0);
    gold("fabs at -0", hd_fabs(V(-0.0)), 0, 0, 0, 0);
    ck_assert(poszero(hd_fabs(-0.0)) && poszero(hd_fabs(V(-0.0)).val));
    gold("fabs at -3", hd_fabs(V(-3.0)), 3, -1, -1, 0);
    gold("relu at 0", hd_relu(V(0.0)), 0, 0, 0, 0);
    gold("relu at -0", hd_relu(V(-0.0)), 0, 0, 0, 0);
    gold("relu at 2", hd_relu(V(2.0)), 2, 1, 1, 0);
    gold("relu at -2", hd_relu(V(-2.0)), 0, 0, 0, 0);
    /* fmin/fmax at a tie: every derivative part is the average:
     * max(x^2, 4) at 2: d1 = (4 + 0)/2 = 2, d12 = (2 + 0)/2 = 1 */
    gold("max(x^2, 4) at 2", hd_fmax(hd_sq(V(2.0)), 4), 4, 2, 2, 1);
    gold("min(x^2, 4) at 2", hd_fmin(hd_sq(V(2.0)), 4), 4, 2, 2, 1);
    gold("max(4, x^2) at 2", hd_fmax(4, hd_sq(V(2.0))), 4, 2, 2, 1);
    gold("max(x^2, 2x) at 2 (both active)", hd_fmax(hd_sq(V(2.0)), hd_mul(2, V(2.0))), 4, 3, 3, 1);
    gold("max(x, -x) at 0", hd_fmax(V(0.0), hd_neg(V(0.0))), 0, 0, 0, 0);
    gold("max(x^2, 4) at 3", hd_fmax(hd_sq(V(3.0)), 4), 9, 6, 6, 2);
    gold("min(x^2, 4) at 3", hd_fmin(hd_sq(V(3.0)), 4), 4, 0, 0, 0);
    ck_assert(hd_fmax(hd_dual_make(4, 4), 4).d1 == 2);
    /* fdim(x, y) = max(x - y, 0): halved slopes at the tie */
    gold("fdim(x, 2) at 2", hd_fdim(V(2.0), 2), 0, 0.5, 0.5, 0);
    gold("fdim(x, 2) at 3", hd_fdim(V(3.0), 2), 1, 1, 1, 0);
    gold("fdim(x, 2) at 1", hd_fdim(V(1.0), 2), 0, 0, 0, 0);
    /* copysign: |x| with y's sign, slope 0 at x = 0, no dependence on y */
    gold("copysign(x, -0.0) at 2", hd_copysign(V(2.0), -0.0), -2, -1, -1, 0);
    gold("copysign(x, 1) at -2", hd_copysign(V(-2.0), 1), 2, -1, -1, 0);
    gold("copysign(x, -1) at 0", hd_copysign(V(0.0), -1), 0, 0, 0, 0);
    /* (results in locals first: ck_assert would stringify the macro expansion) */
    const double cs_dual_zero = hd_copysign(V(0.0), -1).val, cs_zero = hd_copysign(0.0, -0.0);
    ck_assert(negzero(cs_dual_zero) && negzero(cs_zero));
    const double cs_neg = hd_copysign(3, -0.0), cs_pos = hd_copysign(-3, 0.0);
    ck_assert(cs_neg == -3 && cs_pos == 3);
    gold("copysign(3, y) at -1", hd_copysign(3, V(-1.0)), -3, 0, 0, 0);
    /* rounding: derivative 0, documented; the jumps are ignored */
    gold("floor at 2.5", hd_floor(V(2.5)), 2, 0, 0, 0);
    gold("round at 2.5", hd_round(V(2.5)), 3, 0, 0, 0);
    gold("ceil at -0.5", hd_ceil(V(-0.5)), -0.0, 0, 0, 0);
    ck_assert(negzero(hd_ceil(-0.5)) && negzero(hd_trunc(V(-0.5)).val));
    gold("fmod(x, 3) at 7", hd_fmod(V(7.0), 3), 1, 1, 1, 0);
    gold("fmod(7, y) at 3", hd_fmod(7, V(3.0)), 1, -2, -2, 0);
}
END_TEST

START_TEST(cones_and_poles)
{
    /* atan2 and hypot at the origin: no derivative */
    gold("atan2 at (0, 0)", hd_atan2(V(0.0), C(0.0)), 0, NAN, NAN, NAN);
    gold("hypot at (0, 0)", hd_hypot(V(0.0), C(0.0)), 0, NAN, NAN, NAN);
    /* atan2(y, x) on the axes: d/dy = x/r^2, d/dx = -y/r^2 */
    gold("atan2(y, 0) at y = 1", hd_atan2(V(1.0), 0), HD__PI / 2, 0, 0, 0);
    gold("atan2(1, x) at x = 0", hd_atan2(1, V(0.0)), HD__PI / 2, -1, -1, 0);
    gold("hypot(x, 0) at -3", hd_hypot(V(-3.0), 0), 3, -1, -1, 0);
    gold("hypot(x, 4) at 3", hd_hypot(V(3.0), 4), 5, 0.6, 0.6, 16.0 / 125);
    /* lgamma: ln|Γ|, ψ and ψ₁ at 1 and 2; poles give +inf and a NaN slope */
    /* (digamma and trigamma are good to about 1e-15 here, promised 1e-13) */
    gold_tol("lgamma at 1", hd_lgamma(V(1.0)), 0, -EULER, -EULER, PI_SQ_6, 1e-14);
    gold_tol("lgamma at 2", hd_lgamma(V(2.0)), 0, 1 - EULER, 1 - EULER, PI_SQ_6 - 1, 1e-14);
    gold_tol("tgamma at 1", hd_tgamma(V(1.0)), 1, -EULER, -EULER, EULER * EULER + PI_SQ_6, 1e-14);
    gold("lgamma at 0", hd_lgamma(V(0.0)), INFINITY, NAN, NAN, NAN);
    gold("lgamma at -2", hd_lgamma(V(-2.0)), INFINITY, NAN, NAN, NAN);
    ck_assert(isnan(hd_digamma(0.0)) && isnan(hd_digamma(-3.0)) && hd_trigamma(0.0) == INFINITY);
    ck_assert(hd_digamma(INFINITY) == INFINITY && hd_trigamma(INFINITY) == 0);
    /* lgamma_value is reentrant and equals libm's lgamma where it is defined */
    ck_assert(hd_lgamma_value(-2.5) == lgamma(-2.5));
}
END_TEST

START_TEST(machine_learning_tails)
{
    /* sigmoid, softplus, logsigmoid for |x| up to 1e300: no overflow, no NaN */
    static const double big[] = {1e300, 1e308, 800.0, DBL_MAX};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        const double x = big[i];
        gold("sigmoid at +big", hd_sigmoid(V(x)), 1, 0, 0, 0);
        gold("sigmoid at -big", hd_sigmoid(V(-x)), 0, 0, 0, 0);
        gold("softplus at +big", hd_softplus(V(x)), x, 1, 1, 0);
        gold("softplus at -big", hd_softplus(V(-x)), 0, 0, 0, 0);
        gold("logsigmoid at -big", hd_logsigmoid(V(-x)), -x, 1, 1, 0);
        gold("logsigmoid at +big", hd_logsigmoid(V(x)), 0, 0, 0, 0);
    }
    gold("sigmoid at 0", hd_sigmoid(V(0.0)), 0.5, 0.25, 0.25, 0);
    gold("softplus at 0", hd_softplus(V(0.0)), LN2, 0.5, 0.5, 0.25);
    gold("sigmoid at +inf", hd_sigmoid(V(INFINITY)), 1, 0, 0, 0);
    gold("softplus at -inf", hd_softplus(V(-INFINITY)), 0, 0, 0, 0);
    /* the tails keep their relative accuracy: sigmoid'(x) = e^-x/(1+e^-x)^2 ~ e^-x */
    ck_assert(fabs(hd_sigmoid(hd_dual_var(40.0)).d1 / exp(-40.0) - 1) < 1e-15);
    ck_assert(fabs(hd_softplus(-40.0) / exp(-40.0) - 1) < 1e-15);
    /* tanh' = sech^2 in the tail, where 1 - tanh^2 would round to 0 */
    ck_assert(fabs(hd_tanh(hd_dual_var(30.0)).d1 * cosh(30.0) * cosh(30.0) - 1) < 1e-14);
    /* logaddexp at equal infinities */
    const double lae_pos = hd_logaddexp(INFINITY, INFINITY), lae_neg = hd_logaddexp(-INFINITY, -INFINITY);
    ck_assert(lae_pos == INFINITY && lae_neg == -INFINITY);
    ck_assert(part_ok(hd_logaddexp(1000.0, 1000.0), 1000 + LN2));
}
END_TEST

START_TEST(nan_reaches_every_dependent_part)
{
    const hd_hyper n = hd_hyper_make(NAN, 1, 1, 0);
    gold("NaN + 1", hd_add(n, 1), NAN, 1, 1, 0); /* d/dx (x + 1) = 1 whatever x is */
    gold("NaN * x at 2", hd_mul(n, V(2.0)), NAN, NAN, NAN, NAN);
    gold("sin(NaN)", hd_sin(n), NAN, NAN, NAN, NAN);
    gold("fabs(NaN)", hd_fabs(n), NAN, NAN, NAN, NAN);
    gold("relu(NaN)", hd_relu(n), NAN, NAN, NAN, NAN);
    gold("sigmoid(NaN)", hd_sigmoid(n), NAN, NAN, NAN, NAN);
    gold("pow(NaN, 2)", hd_pow(n, 2), NAN, NAN, NAN, NAN);
    gold("pow(2, NaN)", hd_pow(2, n), NAN, NAN, NAN, NAN);
    /* fmax and fmin return the non-NaN argument (C99), derivative and all */
    gold("fmax(NaN, x) at 2", hd_fmax(C(NAN), V(2.0)), 2, 1, 1, 0);
    gold("fmax(NaN, NaN)", hd_fmax(n, C(NAN)), NAN, NAN, NAN, NAN);
    gold("fmin(NaN, NaN)", hd_fmin(n, n), NAN, NAN, NAN, NAN);
    /* a NaN tangent reaches the parts it feeds, also through zero slopes */
    gold("floor with a NaN tangent", hd_floor(hd_hyper_make(2.5, NAN, 1, 0)), 2, NAN, 0, 0);
    gold("exp with a NaN d12", hd_exp(hd_hyper_make(0, 1, 1, NAN)), 1, 1, 1, NAN);
    const hd_dual d = hd_mul(hd_dual_make(3, NAN), hd_dual_var(2));
    ck_assert(d.val == 6 && isnan(d.d1));
    /* the value path: plain doubles are libm's */
    ck_assert(isnan(hd_log(-1.0)) && isnan(hd_sqrt(-1.0)) && hd_log(0.0) == -INFINITY);
}
END_TEST

Suite *make_edges_suite(void)
{
    Suite *s = suite_create("edges");
    TCase *tc = tcase_create("golden");
    tcase_add_test(tc, pow_constant_exponent);
    tcase_add_test(tc, pow_active_exponent);
    tcase_add_test(tc, pow_gradient_on_every_path);
    tcase_add_test(tc, powi_by_multiplication);
    tcase_add_test(tc, roots_and_logs_at_zero);
    tcase_add_test(tc, kinks);
    tcase_add_test(tc, cones_and_poles);
    tcase_add_test(tc, machine_learning_tails);
    tcase_add_test(tc, nan_reaches_every_dependent_part);
    suite_add_tcase(s, tc);
    return s;
}
