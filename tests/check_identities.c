/* Identities in hyper-dual arithmetic. Both sides are computed by different
 * rules (sin^2 + cos^2 uses sin, cos, sq and add; its right side is the
 * constant 1), so an error in any part of any rule shows up as a mismatch in
 * that part. The seeds are generic, {x, a, b, c} with a != b and c != 0, so
 * the value, both first parts and the ε1ε2 part, with its f'·c and f''·a·b
 * terms, are all exercised (the seed {x, 1, 1, 0} would hide a rule that
 * swapped d1 and d2 or dropped the f'·c term).
 *
 * Tolerance: 1e-12·(1 + |expected part|), absolute near zero parts: the two
 * sides are different roundings of the same number. */
#include <math.h>
#include <hyperdual.h>
#include "tests.h"

typedef struct { hd_hyper lhs, rhs; } sides;
typedef sides (*identity)(hd_hyper x, hd_hyper y);

static hd_hyper one(void) { return hd_hyper_const(1.0); }

/* ---- one variable --------------------------------------------------------------- */
static sides pythagoras(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_add(hd_sq(hd_sin(x)), hd_sq(hd_cos(x))), one()};
}
static sides log_exp(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_log(hd_exp(x)), x}; }
static sides exp_log(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_exp(hd_log(hd_fabs(x))), hd_fabs(x)}; }
static sides cbrt_cubed(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_cube(hd_cbrt(x)), x}; }
static sides cbrt_powi(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_powi(hd_cbrt(x), 3), x}; }
static sides sqrt_squared(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_sq(hd_sqrt(hd_fabs(x))), hd_fabs(x)};
}
static sides rsqrt_is_recip_sqrt(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_rsqrt(hd_fabs(x)), hd_recip(hd_sqrt(hd_fabs(x)))};
}
static sides tanh_quotient(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_tanh(x), hd_div(hd_sinh(x), hd_cosh(x))}; }
static sides tan_quotient(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_tan(x), hd_div(hd_sin(x), hd_cos(x))}; }
static sides sigmoid_symmetry(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_add(hd_sigmoid(x), hd_sigmoid(hd_neg(x))), one()};
}
static sides sigmoid_formula(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_sigmoid(x), hd_recip(hd_add(1, hd_exp(hd_neg(x))))};
}
static sides softplus_difference(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_sub(hd_softplus(x), hd_softplus(hd_neg(x))), x};
}
static sides softplus_formula(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_softplus(x), hd_log1p(hd_exp(x))}; }
static sides logsigmoid_formula(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_logsigmoid(x), hd_log(hd_sigmoid(x))}; }
static sides exp2_formula(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_exp2(x), hd_exp(hd_mul(x, HD__LN2))}; }
static sides expm1_formula(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_expm1(x), hd_sub(hd_exp(x), 1)}; }
static sides log1p_formula(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_log1p(hd_fabs(x)), hd_log(hd_add(1, hd_fabs(x)))};
}
static sides log2_formula(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_log2(hd_fabs(x)), hd_div(hd_log(hd_fabs(x)), HD__LN2)};
}
static sides log10_formula(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_log10(hd_fabs(x)), hd_div(hd_log(hd_fabs(x)), HD__LN10)};
}
static sides asin_sin(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_asin(hd_sin(x)), x}; }
static sides acos_cos(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_acos(hd_cos(hd_fabs(x))), hd_fabs(x)}; }
static sides atan_tan(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_atan(hd_tan(x)), x}; }
static sides asinh_sinh(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_asinh(hd_sinh(x)), x}; }
static sides acosh_cosh(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_acosh(hd_cosh(hd_fabs(x))), hd_fabs(x)}; }
static sides atanh_tanh(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_atanh(hd_tanh(x)), x}; }
static sides atan2_angle(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_atan2(hd_sin(x), hd_cos(x)), x}; }
static sides erf_plus_erfc(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_add(hd_erf(x), hd_erfc(x)), one()}; }
/* Γ(x + 1) = x Γ(x): ln Γ(x + 1) - ln Γ(x) = ln x, so ψ(x + 1) - ψ(x) = 1/x and
 * ψ₁(x + 1) - ψ₁(x) = -1/x², which ties digamma and trigamma to the log rule. */
static sides lgamma_recurrence(hd_hyper x, hd_hyper y)
{
    (void)y;
    const hd_hyper t = hd_fabs(x);
    return (sides){hd_sub(hd_lgamma(hd_add(t, 1)), hd_lgamma(t)), hd_log(t)};
}
static sides lgamma_reflection(hd_hyper x, hd_hyper y)
{
    (void)y; /* ln|Γ(x)| + ln|Γ(1 - x)| = ln π - ln|sin πx| */
    return (sides){hd_add(hd_lgamma(x), hd_lgamma(hd_sub(1, x))),
                   hd_sub(log(HD__PI), hd_log(hd_fabs(hd_sin(hd_mul(HD__PI, x)))))};
}
static sides tgamma_exp_lgamma(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_tgamma(hd_fabs(x)), hd_exp(hd_lgamma(hd_fabs(x)))};
}
static sides recip_times(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_mul(hd_recip(x), x), one()}; }
static sides sq_is_mul(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_sq(x), hd_mul(x, x)}; }
static sides cube_is_mul(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_cube(x), hd_mul(hd_mul(x, x), x)}; }
static sides fabs_is_sqrt_sq(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_fabs(x), hd_sqrt(hd_sq(x))}; }
static sides relu_is_fmax(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_relu(x), hd_fmax(x, 0)}; }
static sides neg_is_sub(hd_hyper x, hd_hyper y) { (void)y; return (sides){hd_neg(x), hd_sub(0, x)}; }
static sides powi_vs_pow(hd_hyper x, hd_hyper y)
{
    (void)y;
    hd_hyper lhs = hd_hyper_const(0), rhs = hd_hyper_const(0);
    for (int n = -3; n <= 5; n++) { /* a sum weighs every power */
        lhs = hd_add(lhs, hd_mul(n + 4, hd_powi(x, n)));
        rhs = hd_add(rhs, hd_mul(n + 4, hd_pow(x, n)));
    }
    return (sides){lhs, rhs};
}
static sides pow_half_is_sqrt(hd_hyper x, hd_hyper y)
{
    (void)y;
    return (sides){hd_pow(hd_fabs(x), 0.5), hd_sqrt(hd_fabs(x))};
}

/* ---- two variables -------------------------------------------------------------- */
static sides hypot_squared(hd_hyper x, hd_hyper y)
{
    return (sides){hd_sq(hd_hypot(x, y)), hd_add(hd_sq(x), hd_sq(y))};
}
static sides fma_is_mul_add(hd_hyper x, hd_hyper y)
{
    return (sides){hd_fma(x, y, hd_sin(x)), hd_add(hd_mul(x, y), hd_sin(x))};
}
static sides div_times(hd_hyper x, hd_hyper y) { return (sides){hd_mul(hd_div(x, y), y), x}; }
static sides sub_add(hd_hyper x, hd_hyper y) { return (sides){hd_add(hd_sub(x, y), y), x}; }
static sides pow_is_exp_log(hd_hyper x, hd_hyper y)
{
    const hd_hyper b = hd_fabs(x);
    return (sides){hd_pow(b, y), hd_exp(hd_mul(y, hd_log(b)))};
}
static sides logaddexp_formula(hd_hyper x, hd_hyper y)
{
    return (sides){hd_logaddexp(x, y), hd_log(hd_add(hd_exp(x), hd_exp(y)))};
}
static sides min_plus_max(hd_hyper x, hd_hyper y)
{
    return (sides){hd_add(hd_fmin(x, y), hd_fmax(x, y)), hd_add(x, y)};
}
static sides fdim_is_relu(hd_hyper x, hd_hyper y) { return (sides){hd_fdim(x, y), hd_relu(hd_sub(x, y))}; }
static sides copysign_is_sign_fabs(hd_hyper x, hd_hyper y)
{
    return (sides){hd_copysign(x, y), hd_mul(hd_val(y) < 0 ? -1 : 1, hd_fabs(x))};
}
static sides fmod_formula(hd_hyper x, hd_hyper y)
{
    const double n = trunc(hd_val(x) / hd_val(y));
    return (sides){hd_fmod(x, y), hd_sub(x, hd_mul(n, y))};
}
static sides atan2_of_scaled(hd_hyper x, hd_hyper y)
{
    /* the angle of (x, y) (|y| <= x) is atan(y / x) */
    return (sides){hd_atan2(y, hd_fabs(x)), hd_atan(hd_div(y, hd_fabs(x)))};
}

#define IDENTITIES(X)                                                                    \
    X(pythagoras) X(log_exp) X(exp_log) X(cbrt_cubed) X(cbrt_powi) X(sqrt_squared)        \
    X(rsqrt_is_recip_sqrt) X(tanh_quotient) X(tan_quotient) X(sigmoid_symmetry)          \
    X(sigmoid_formula) X(softplus_difference) X(softplus_formula) X(logsigmoid_formula)  \
    X(exp2_formula) X(expm1_formula) X(log1p_formula) X(log2_formula) X(log10_formula)   \
    X(asin_sin) X(acos_cos) X(atan_tan) X(asinh_sinh) X(acosh_cosh) X(atanh_tanh)        \
    X(atan2_angle) X(erf_plus_erfc) X(lgamma_recurrence) X(lgamma_reflection)            \
    X(tgamma_exp_lgamma) X(recip_times) X(sq_is_mul) X(cube_is_mul) X(fabs_is_sqrt_sq)   \
    X(relu_is_fmax) X(neg_is_sub) X(powi_vs_pow) X(pow_half_is_sqrt) X(hypot_squared)    \
    X(fma_is_mul_add) X(div_times) X(sub_add) X(pow_is_exp_log) X(logaddexp_formula)     \
    X(min_plus_max) X(fdim_is_relu) X(copysign_is_sign_fabs) X(fmod_formula)             \
    X(atan2_of_scaled)

#define ENTRY(f) {#f, f},
static const struct { const char *name; identity f; } identities[] = {IDENTITIES(ENTRY)};
#define N_IDENTITIES ((int)(sizeof identities / sizeof identities[0]))

/* Points inside every identity's domain: |x| in (0.1, 1.2) keeps asin(sin x),
 * atan(tan x) and atan2(sin x, cos x) on their principal branches, and
 * x != y, |y| <= |x| away from the kinks of min, max, fdim and relu. */
static const double points[][2] = {{0.7, -0.45}, {-0.35, 0.3}, {1.15, 0.9}, {0.45, -0.2}};

static int part_close(double got, double exp, double tol) { return fabs(got - exp) <= tol * (1 + fabs(exp)); }

START_TEST(identity_holds_in_all_parts)
{
    const char *name = identities[_i].name;
    for (size_t p = 0; p < sizeof points / sizeof points[0]; p++) {
        const hd_hyper x = hd_hyper_make(points[p][0], 0.3, -1.1, 0.45);
        const hd_hyper y = hd_hyper_make(points[p][1], 0.6, 0.25, -0.35);
        const sides s = identities[_i].f(x, y);
        const double tol = 1e-12;
        ck_assert_msg(part_close(s.lhs.val, s.rhs.val, tol) && part_close(s.lhs.d1, s.rhs.d1, tol)
                          && part_close(s.lhs.d2, s.rhs.d2, tol) && part_close(s.lhs.d12, s.rhs.d12, tol),
                      "%s at (%g, %g): {%.17g, %.17g, %.17g, %.17g} vs {%.17g, %.17g, %.17g, %.17g}", name,
                      points[p][0], points[p][1], s.lhs.val, s.lhs.d1, s.lhs.d2, s.lhs.d12, s.rhs.val, s.rhs.d1,
                      s.rhs.d2, s.rhs.d12);
        /* and no identity is trivially satisfied by zero derivative parts */
        ck_assert_msg(s.lhs.d1 != 0 || s.rhs.d1 == 0, "%s", name);
    }
}
END_TEST

/* The seeds matter: an identity whose two sides have nonzero derivatives must
 * notice a rule that mixes up the parts, e.g. one that used f'' for f'·c.
 * Here the left side of log(exp x) = x is perturbed by hand in each part. */
START_TEST(identities_can_fail)
{
    const hd_hyper x = hd_hyper_make(0.7, 0.3, -1.1, 0.45), y = hd_hyper_make(0, 0, 0, 0);
    sides s = log_exp(x, y);
    ck_assert(part_close(s.lhs.d12, s.rhs.d12, 1e-12));
    s.lhs.d12 += 1e-9;
    ck_assert(!part_close(s.lhs.d12, s.rhs.d12, 1e-12));
    /* with the seed {x, 1, 1, 0}, a rule computing f'' a b but dropping f' c
     * would pass; the generic seed's c = 0.45 makes d12 = c for log(exp x) */
    ck_assert(log_exp(x, y).lhs.d12 > 0.44);
}
END_TEST

/* The same identities hold for hd_dual's first part (through hd_dual code). */
START_TEST(dual_agrees_with_hyper)
{
    const hd_dual x = hd_dual_make(0.7, 0.3);
    const hd_dual s = hd_add(hd_sq(hd_sin(x)), hd_sq(hd_cos(x)));
    ck_assert(fabs(s.val - 1) < 1e-15 && fabs(s.d1) < 1e-15);
    const hd_dual h = hd_sub(hd_sq(hd_hypot(x, hd_dual_make(-0.45, 0.6))),
                             hd_add(hd_sq(x), hd_sq(hd_dual_make(-0.45, 0.6))));
    ck_assert(fabs(h.val) < 1e-15 && fabs(h.d1) < 1e-15);
    const hd_dual f = hd_fma(x, hd_dual_make(-0.45, 0.6), 2);
    const hd_dual m = hd_add(hd_mul(x, hd_dual_make(-0.45, 0.6)), 2);
    ck_assert(f.d1 == m.d1 && f.val == fma(0.7, -0.45, 2));
    /* fma with real operands is libm's fma */
    const double r = hd_fma(0.1, 10, -1.0), v = hd_fma(hd_hyper_var(0.1), 10, -1.0).val;
    ck_assert(r == fma(0.1, 10, -1.0) && v == r);
}
END_TEST

Suite *make_identities_suite(void)
{
    Suite *s = suite_create("identities");
    TCase *tc = tcase_create("hyper");
    tcase_add_loop_test(tc, identity_holds_in_all_parts, 0, N_IDENTITIES);
    tcase_add_test(tc, identities_can_fail);
    tcase_add_test(tc, dual_agrees_with_hyper);
    suite_add_tcase(s, tc);
    return s;
}
