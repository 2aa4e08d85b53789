/**
 * @file hyperdual/rules.h
 * @brief THE derivative rule table: one row per function. Every kernel, every
 *        _Generic dispatch, the expression engine, the docs table
 *        (doc/rules.md) and the per-function tests are driven from these rows.
 *
 * Unary rows:  X(name, class, F, D, DD, NOTE)
 *   F    f(x), in terms of x
 *   D    f'(x), in terms of x and f (the value already computed)
 *   DD   f''(x), in terms of x, f and d (the first derivative already computed)
 *   NOTE domain, edges and the convention at kinks (goes into doc/rules.md)
 *
 * Binary rows: X(name, class, F, FX, FY, FXX, FXY, FYY, NOTE)
 *   expressions in x (first argument), y (second argument) and f.
 *
 * Classes say which derivative parts are structurally zero, so kernels skip
 * them (faster, and an infinite tangent never meets a 0 coefficient to make
 * a spurious NaN) and sparsity detection knows what couples:
 *   unary:  SMOOTH (f'' may be nonzero), LINEAR (f'' == 0 wherever it exists;
 *           includes piecewise-linear kinks), STEP (f' == 0 wherever it exists)
 *   binary: SMOOTH (all second partials), QUOT (fxx == 0), BILINEAR (only fxy),
 *           LINEAR (no second partials), POWER (SMOOTH, but a partial never
 *           multiplies a zero tangent component: pow's d/dy is NaN at x < 0,
 *           where a constant exponent must stay exact)
 * Adding a function is one row here, one line in generic.h and its tests.
 */
#ifndef HYPERDUAL_RULES_H
#define HYPERDUAL_RULES_H

#include <math.h>
#include "export.h"

HD_BEGIN_DECLS

/** @brief Digamma ψ(x) = Γ'(x)/Γ(x); NaN at the poles x = 0, -1, -2, ...
 *  @param x any double
 *  @return ψ(x): relative error below 1e-13 for x > 0 (a series about the
 *  positive root 1.46163 keeps it there too); for x < 0, by reflection, the
 *  same except near the roots of ψ between the poles, where the error is
 *  about 1e-16·log|x| absolute. */
HD_API HD_CONST_FN double hd_digamma(double x);
/** @brief Trigamma ψ₁(x) = ψ'(x).
 *  @param x any double
 *  @return ψ₁(x), +inf at the poles x = 0, -1, -2, ...; relative error below 1e-13. */
HD_API HD_CONST_FN double hd_trigamma(double x);
/** @brief ln|Γ(x)|, reentrant (lgamma_r: no write to signgam).
 *  @param x any double
 *  @return the same value as libm's lgamma(x), bit for bit; +inf at the poles. */
HD_API HD_CONST_FN double hd_lgamma_value(double x);

HD_END_DECLS

/* Constants, spelt out because C11 has no M_PI. */
#define HD__PI        3.14159265358979323846264338327950288
#define HD__LN2       0.693147180559945309417232121458176568
#define HD__LN10      2.30258509299404568401799145468436421
#define HD__2_SQRTPI  1.12837916709551257389615890312154517 /* 2/sqrt(pi) */

/* ---- helpers used by the rows (private, pure) ----------------------------- */

/* sign with sign0(0) == 0 and NaN propagated: the derivative of |x|. */
static inline double hd__sign0(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x; }
/* relu value: NaN propagated, relu(-0) = 0. */
static inline double hd__relu_value(double x) { return x > 0 ? x : x <= 0 ? 0.0 : x; }
/* relu' : 1 for x > 0, 0 for x <= 0 (0 at the kink), NaN for NaN. */
static inline double hd__step(double x) { return x > 0 ? 1.0 : x <= 0 ? 0.0 : x; }
/* 1/x for the logarithms, whose domain is x >= 0: +inf at either zero (the
 * one-sided derivative; 1/-0 would give -inf) and NaN below the domain, where
 * the value is NaN too (1/x would give a finite slope for a NaN value). */
static inline double hd__log_slope(double x) { return x > 0 ? 1.0 / x : x == 0 ? INFINITY : NAN + x; }
/* atanh' = 1/(1 - x^2) on |x| <= 1, NaN outside, where atanh is NaN. */
static inline double hd__atanh_slope(double x)
{
    return fabs(x) <= 1 ? 1.0 / ((1.0 - x) * (1.0 + x)) : NAN + x;
}
/* tanh' = sech^2 x. (1 - f)(1 + f) from the value f = tanh x costs nothing
 * and is good to 2 ulps while 1 - |f| >= 0.238 (|x| < 1), but it cancels
 * beyond: at x = 10 it keeps 8 digits, past 19.1 none. There 4e/(1 + e)^2
 * with e = exp(-2|x|) is accurate for every x, at the price of one exp. */
static inline double hd__tanh_slope(double x, double f)
{
    if (fabs(x) < 1.0) return (1.0 - f) * (1.0 + f);
    const double e = exp(-2.0 * fabs(x));
    return 4.0 * e / ((1.0 + e) * (1.0 + e));
}

/* sigmoid through e = exp(-|x|) in (0, 1]: no overflow for any |x|. */
static inline double hd__sigmoid_value(double x)
{
    const double e = exp(-fabs(x));
    return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}
/* sigmoid'(x) = e/(1+e)^2, exact in the tails where 1 - sigmoid rounds to 0. */
static inline double hd__sigmoid_slope(double x)
{
    const double e = exp(-fabs(x));
    return e / ((1.0 + e) * (1.0 + e));
}
/* softplus = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)). */
static inline double hd__softplus_value(double x)
{
    return (x > 0 ? x : 0.0) + log1p(exp(-fabs(x)));
}

/* pow partials. Direct formulas through f/x keep full accuracy while f is a
 * normal number; at x == 0, at non-finite points and where f underflowed (a
 * subnormal f has lost digits) they switch to pow(x, y - k), so that x^2 at 0
 * has first derivative 0 and second derivative 2, x^0.5 at 0 an infinite
 * one, and x^0 and x^1 no spurious 0·inf. */
static inline int hd__pow_direct(double x, double f) { return x != 0 && isfinite(x) && isnormal(f); }
static inline double hd__pow_dx(double x, double y, double f)
{
    if (y == 0) return 0.0;
    if (hd__pow_direct(x, f)) return y * (f / x);
    return y * pow(x, y - 1.0);
}
static inline double hd__pow_dxx(double x, double y, double f)
{
    if (y == 0 || y == 1) return 0.0;
    if (hd__pow_direct(x, f)) return y * (y - 1.0) * (f / x / x);
    return y * (y - 1.0) * pow(x, y - 2.0);
}
/* d/dy x^y = x^y log x; 0^y is identically 0 for y > 0. */
static inline double hd__pow_dy(double x, double y, double f)
{
    return (x == 0 && y > 0) ? 0.0 : f * log(x);
}
static inline double hd__pow_dyy(double x, double y, double f)
{
    if (x == 0 && y > 0) return 0.0;
    const double l = log(x);
    return f * l * l;
}
/* d²/dxdy x^y = x^(y-1) (1 + y log x). */
static inline double hd__pow_dxy(double x, double y, double f)
{
    if (x == 0 && y > 1) return 0.0;
    const double p = hd__pow_direct(x, f) ? f / x : pow(x, y - 1.0);
    return p * (1.0 + y * log(x));
}

/* fmin/fmax weight of the first argument: 1 if it is chosen, 0 if the other
 * one is, 1/2 at a tie. libm's fmin/fmax return the non-NaN argument, so the
 * derivative follows it; when both are NaN the value is NaN and so are the
 * weights. */
static inline double hd__min_weight(double x, double y)
{
    return isnan(x) ? (isnan(y) ? x : 0.0) : isnan(y) ? 1.0 : x < y ? 1.0 : x > y ? 0.0 : 0.5;
}
static inline double hd__max_weight(double x, double y)
{
    return isnan(x) ? (isnan(y) ? x : 0.0) : isnan(y) ? 1.0 : x > y ? 1.0 : x < y ? 0.0 : 0.5;
}
/* fdim(x, y) = max(x - y, 0): weight 1/2 at x == y like fmax; NaN propagated. */
static inline double hd__fdim_weight(double x, double y)
{
    return x > y ? 1.0 : x < y ? 0.0 : x == y ? 0.5 : x + y;
}
/* copysign(x, y) = |x|·sign(y): slope ±1, 0 at x == 0 as for fabs, NaN for
 * a NaN x (the value is NaN). */
static inline double hd__copysign_slope(double x, double y)
{
    return x == 0 ? 0.0 : isnan(x) ? x : (!signbit(x) == !signbit(y)) ? 1.0 : -1.0;
}
/* log(e^x + e^y) = max + log1p(e^-|x - y|); equal infinities (where x - y is
 * NaN) give that infinity, as log(e^x + e^x) = x + log 2 does. */
static inline double hd__logaddexp_value(double x, double y)
{
    return x == y ? x + HD__LN2 : fmax(x, y) + log1p(exp(-fabs(x - y)));
}
/* fmod(x, y) = x - n·y with n = trunc(x/y): d/dy = -n. */
static inline double hd__fmod_quotient(double x, double y, double f)
{
    return nearbyint((x - f) / y);
}
/* atan2 partials, scaled by s = max(|x|, |y|) so that x² + y² neither
 * overflows nor underflows. which: 1 = d/dx, 2 = d/dy, 11, 12, 22 second. */
static inline double hd__atan2_part(double x, double y, int which)
{
    const double s = fmax(fabs(x), fabs(y));
    const double u = x / s, v = y / s, q = u * u + v * v;
    switch (which) {
    case 1:  return v / q / s;
    case 2:  return -u / q / s;
    case 11: return -2.0 * u * v / (q * q) / (s * s);
    case 12: return (u * u - v * v) / (q * q) / (s * s);
    default: return 2.0 * u * v / (q * q) / (s * s);
    }
}

/* ---- the unary table --------------------------------------------------------- */
#define HD_UNARY_RULES(X) \
X(neg,     LINEAR, -x,                      -1.0,                          0.0,                        "all reals") \
X(sq,      SMOOTH, x * x,                   2.0 * x,                       2.0,                        "all reals; sq(0) has f' = 0, f'' = 2") \
X(cube,    SMOOTH, x * x * x,               3.0 * x * x,                   6.0 * x,                    "all reals") \
X(recip,   SMOOTH, 1.0 / x,                 -f * f,                        -2.0 * f * d,               "x != 0; at 0: f = inf, f' = -inf") \
X(sqrt,    SMOOTH, sqrt(x),                 0.5 / fabs(f),                 -2.0 * d * d * d,           "x >= 0; at 0 (either sign): f' = +inf, f'' = -inf; x < 0: NaN") \
X(rsqrt,   SMOOTH, 1.0 / sqrt(x),           -0.5 * f / x,                  -1.5 * d / x,               "x > 0; 1/sqrt(x)") \
X(cbrt,    SMOOTH, cbrt(x),                 1.0 / (3.0 * f * f),           -2.0 * d * d / f,           "all reals; at ±0: f' = +inf, f'' = ∓inf") \
X(exp,     SMOOTH, exp(x),                  f,                             f,                          "all reals; overflows to inf above 709.78") \
X(exp2,    SMOOTH, exp2(x),                 f * HD__LN2,                   d * HD__LN2,                "all reals") \
X(expm1,   SMOOTH, expm1(x),                exp(x),                        d,                          "all reals; accurate near 0") \
X(log,     SMOOTH, log(x),                  hd__log_slope(x),              -d * d,                     "x > 0; at ±0: f = -inf, f' = +inf, f'' = -inf; x < 0: NaN in every part") \
X(log2,    SMOOTH, log2(x),                 hd__log_slope(x) / HD__LN2,    -d * (d * HD__LN2),         "x > 0; as log at 0 and below") \
X(log10,   SMOOTH, log10(x),                hd__log_slope(x) / HD__LN10,   -d * (d * HD__LN10),        "x > 0; as log at 0 and below") \
X(log1p,   SMOOTH, log1p(x),                hd__log_slope(1.0 + x),        -d * d,                     "x > -1; accurate near 0; at -1: f = -inf, f' = +inf") \
X(sin,     SMOOTH, sin(x),                  cos(x),                        -f,                         "all reals") \
X(cos,     SMOOTH, cos(x),                  -sin(x),                       -f,                         "all reals") \
X(tan,     SMOOTH, tan(x),                  1.0 + f * f,                   2.0 * f * d,                "x != pi/2 + k pi") \
X(asin,    SMOOTH, asin(x),                 1.0 / sqrt((1.0 - x) * (1.0 + x)), x * d * d * d,          "|x| <= 1; at ±1: f' = +inf") \
X(acos,    SMOOTH, acos(x),                 -1.0 / sqrt((1.0 - x) * (1.0 + x)), x * d * d * d,         "|x| <= 1; at ±1: f' = -inf") \
X(atan,    SMOOTH, atan(x),                 1.0 / (1.0 + x * x),           -2.0 * x * d * d,           "all reals") \
X(sinh,    SMOOTH, sinh(x),                 cosh(x),                       f,                          "all reals") \
X(cosh,    SMOOTH, cosh(x),                 sinh(x),                       f,                          "all reals") \
X(tanh,    SMOOTH, tanh(x),                 hd__tanh_slope(x, f),          -2.0 * f * d,               "all reals; f' accurate in the tails, where 1 - f^2 rounds to 0") \
X(asinh,   SMOOTH, asinh(x),                1.0 / hypot(x, 1.0),           -x * d * d * d,             "all reals") \
X(acosh,   SMOOTH, acosh(x),                1.0 / (sqrt(x - 1.0) * sqrt(x + 1.0)), -x * d * d * d,     "x >= 1; at 1: f' = +inf") \
X(atanh,   SMOOTH, atanh(x),                hd__atanh_slope(x),            2.0 * x * d * d,            "|x| < 1; at ±1: f = ±inf, f' = +inf; |x| > 1: NaN in every part") \
X(erf,     SMOOTH, erf(x),                  HD__2_SQRTPI * exp(-x * x),    -2.0 * x * d,               "all reals") \
X(erfc,    SMOOTH, erfc(x),                 -HD__2_SQRTPI * exp(-x * x),   -2.0 * x * d,               "all reals; accurate in the right tail") \
X(lgamma,  SMOOTH, hd_lgamma_value(x),      hd_digamma(x),                 hd_trigamma(x),             "x not in {0, -1, -2, ...}; ln|Gamma(x)|, f' = digamma, f'' = trigamma") \
X(tgamma,  SMOOTH, tgamma(x),               f * hd_digamma(x),             f * (hd_digamma(x) * hd_digamma(x) + hd_trigamma(x)), "x not in {0, -1, -2, ...}") \
X(sigmoid, SMOOTH, hd__sigmoid_value(x),    hd__sigmoid_slope(x),          -d * tanh(0.5 * x),         "all reals; stable for |x| up to 1e308") \
X(softplus,SMOOTH, hd__softplus_value(x),   hd__sigmoid_value(x),          hd__sigmoid_slope(x),       "all reals; log(1 + exp(x)) without overflow") \
X(logsigmoid, SMOOTH, -hd__softplus_value(-x), hd__sigmoid_value(-x),      -hd__sigmoid_slope(x),      "all reals; log(sigmoid(x)) without underflow") \
X(fabs,    LINEAR, fabs(x),                 hd__sign0(x),                  0.0,                        "all reals; convention: f'(0) = 0") \
X(relu,    LINEAR, hd__relu_value(x),       hd__step(x),                   0.0,                        "all reals; f' = 1 for x > 0, else 0 (0 at the kink)") \
X(floor,   STEP,   floor(x),                0.0,                           0.0,                        "derivative 0 everywhere (the jumps are ignored)") \
X(ceil,    STEP,   ceil(x),                 0.0,                           0.0,                        "derivative 0 everywhere (the jumps are ignored)") \
X(trunc,   STEP,   trunc(x),                0.0,                           0.0,                        "derivative 0 everywhere (the jumps are ignored)") \
X(round,   STEP,   round(x),                0.0,                           0.0,                        "derivative 0 everywhere (the jumps are ignored)")

/* ---- the binary table -------------------------------------------------------- */
#define HD_BINARY_RULES(X) \
X(add,      LINEAR,   x + y,          1.0,  1.0,  0.0, 0.0, 0.0, "all reals") \
X(sub,      LINEAR,   x - y,          1.0,  -1.0, 0.0, 0.0, 0.0, "all reals") \
X(mul,      BILINEAR, x * y,          y,    x,    0.0, 1.0, 0.0, "all reals") \
X(div,      QUOT,     x / y,          1.0 / y, -f / y, 0.0, -1.0 / y / y, 2.0 * (f / y) / y, "y != 0") \
X(pow,      POWER,    pow(x, y),      hd__pow_dx(x, y, f), hd__pow_dy(x, y, f), hd__pow_dxx(x, y, f), hd__pow_dxy(x, y, f), hd__pow_dyy(x, y, f), \
  "a real exponent c works wherever x^c is real: x^2 at 0 has f' = 0, f'' = 2, x^3 at -2 is exact, x^0 = 1 with zero derivatives, 0 < c < 1 at 0 gives f = 0, f' = inf; " \
  "an active exponent needs x > 0, or x = 0 with y > 0 (0^y = 0, zero derivatives); a partial never multiplies a zero tangent " \
  "component (class POWER), so a constant exponent given as a number type is exact at x < 0 too") \
X(atan2,    SMOOTH,   atan2(x, y),    hd__atan2_part(x, y, 1), hd__atan2_part(x, y, 2), hd__atan2_part(x, y, 11), hd__atan2_part(x, y, 12), hd__atan2_part(x, y, 22), \
  "hd_atan2(y, x), the angle of the point (x, y): the first argument is the ordinate; at (0, 0) the derivatives are NaN") \
X(hypot,    SMOOTH,   hypot(x, y),    x / f, y / f, ((y / f) * (y / f)) / f, -((x / f) * (y / f)) / f, ((x / f) * (x / f)) / f, \
  "all reals, no overflow; at (0, 0): NaN derivatives (a cone)") \
X(fmin,     LINEAR,   fmin(x, y),     hd__min_weight(x, y), hd__min_weight(y, x), 0.0, 0.0, 0.0, \
  "at a tie x == y every derivative part is the average of the two arguments'") \
X(fmax,     LINEAR,   fmax(x, y),     hd__max_weight(x, y), hd__max_weight(y, x), 0.0, 0.0, 0.0, \
  "at a tie x == y every derivative part is the average of the two arguments'") \
X(fdim,     LINEAR,   fdim(x, y),     hd__fdim_weight(x, y), -hd__fdim_weight(x, y), 0.0, 0.0, 0.0, \
  "max(x - y, 0); at x == y the slopes are halved (1/2, -1/2), as for fmax") \
X(copysign, LINEAR,   copysign(x, y), hd__copysign_slope(x, y), 0.0, 0.0, 0.0, 0.0, \
  "|x| with the sign of y; slope 0 at x == 0 as for fabs; d/dy = 0") \
X(fmod,     LINEAR,   fmod(x, y),     1.0, -hd__fmod_quotient(x, y, f), 0.0, 0.0, 0.0, \
  "x - trunc(x/y)·y; the jumps are ignored") \
X(logaddexp, SMOOTH,  hd__logaddexp_value(x, y), hd__sigmoid_value(x - y), hd__sigmoid_value(y - x), \
  hd__sigmoid_slope(x - y), -hd__sigmoid_slope(x - y), hd__sigmoid_slope(x - y), \
  "log(exp(x) + exp(y)) without overflow")

#endif /* HYPERDUAL_RULES_H */
