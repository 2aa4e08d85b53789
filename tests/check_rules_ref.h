/* Independent references for the rule tests: every function of the rule table
 * with its first and second derivatives written out again here, in long
 * double, from the textbook formulas (not copied from rules.h, and where
 * rules.h uses a numerically clever form, a plain one here), plus a
 * Richardson-extrapolated finite-difference differentiator (Ridders' method)
 * that checks these references and the library in turn.
 *
 * On x86-64 long double has a 64-bit significand, so these references carry
 * about three more digits than the double results they judge. */
#ifndef HYPERDUAL_CHECK_RULES_REF_H
#define HYPERDUAL_CHECK_RULES_REF_H

#include <math.h>

#define REF_PI 3.14159265358979323846264338327950288L

/* Digamma and trigamma in long double: recurrence up to x >= 30, then the
 * asymptotic series to B_20; reflection below 1/2. Checked against mpmath
 * values in check_rules.c (digamma_trigamma_match_mpmath). */
static long double ref_digamma(long double x)
{
    if (x < 0.5L) return ref_digamma(1.0L - x) - REF_PI / tanl(REF_PI * x);
    long double shift = 0.0L;
    for (; x < 30.0L; x += 1.0L) shift -= 1.0L / x;
    const long double z = 1.0L / (x * x);
    /* B_2k / (2k): 1/12, -1/120, 1/252, -1/240, 1/132, -691/32760, 1/12, -3617/8160, 43867/14364, -174611/6600 */
    const long double b[] = {1.0L / 12, -1.0L / 120, 1.0L / 252, -1.0L / 240, 1.0L / 132,
                             -691.0L / 32760, 1.0L / 12, -3617.0L / 8160, 43867.0L / 14364,
                             -174611.0L / 6600};
    long double s = 0.0L, zk = z;
    for (int k = 0; k < 10; k++, zk *= z) s += b[k] * zk;
    return shift + logl(x) - 0.5L / x - s;
}

static long double ref_trigamma(long double x)
{
    if (x < 0.5L) {
        const long double s = sinl(REF_PI * x);
        return REF_PI * REF_PI / (s * s) - ref_trigamma(1.0L - x);
    }
    long double shift = 0.0L;
    for (; x < 30.0L; x += 1.0L) shift += 1.0L / (x * x);
    const long double z = 1.0L / (x * x);
    /* B_2k: 1/6, -1/30, 1/42, -1/30, 5/66, -691/2730, 7/6, -3617/510, 43867/798, -174611/330 */
    const long double b[] = {1.0L / 6, -1.0L / 30, 1.0L / 42, -1.0L / 30, 5.0L / 66,
                             -691.0L / 2730, 7.0L / 6, -3617.0L / 510, 43867.0L / 798,
                             -174611.0L / 330};
    long double s = 0.0L, zk = z / x;
    for (int k = 0; k < 10; k++, zk *= z) s += b[k] * zk;
    return shift + 1.0L / x + 0.5L / (x * x) + s;
}

/* ---- unary references: r = {f, f', f''} -------------------------------------- */
#define REF1(name, F, D, DD)                                                        \
    static void ref1_##name(long double x, long double r[3])                        \
    {                                                                               \
        r[0] = (F);                                                                 \
        r[1] = (D);                                                                 \
        r[2] = (DD);                                                                \
    }
#define LD_NAN ((long double)NAN)
#define LD_INF ((long double)INFINITY)
#define SQRT_PI 1.77245385090551602729816748334114518L
#define LN2_L 0.693147180559945309417232121458176568L
#define LN10_L 2.30258509299404568401799145468436421L
/* sigma(x) and sigma'(x) = 1/(4 cosh^2(x/2)): no cancellation in either tail. */
#define SIG(x) (1.0L / (1.0L + expl(-(x))))
#define SIGP(x) (1.0L / (4.0L * coshl((x) / 2) * coshl((x) / 2)))

REF1(neg, -x, -1.0L, 0.0L)
REF1(sq, x * x, 2 * x, 2.0L)
REF1(cube, x * x * x, 3 * x * x, 6 * x)
REF1(recip, 1 / x, -1 / (x * x), 2 / (x * x * x))
/* Convention: at either zero sqrt' = +inf (the one-sided derivative). */
REF1(sqrt, sqrtl(x), x == 0 ? LD_INF : 0.5L / sqrtl(x), x == 0 ? -LD_INF : -0.25L / (x * sqrtl(x)))
REF1(rsqrt, 1 / sqrtl(x), -0.5L * powl(x, -1.5L), 0.75L * powl(x, -2.5L))
REF1(cbrt, cbrtl(x), x == 0 ? LD_INF : 1 / (3 * cbrtl(x) * cbrtl(x)),
     x == 0 ? copysignl(LD_INF, -x) : -2 / (9 * x * cbrtl(x) * cbrtl(x)))
REF1(exp, expl(x), expl(x), expl(x))
REF1(exp2, exp2l(x), exp2l(x) * LN2_L, exp2l(x) * LN2_L * LN2_L)
REF1(expm1, expm1l(x), expl(x), expl(x))
/* The logarithms: NaN slopes below the domain, +inf at either zero. */
REF1(log, logl(x), x < 0 ? LD_NAN : x == 0 ? LD_INF : 1 / x, x < 0 ? LD_NAN : -1 / (x * x))
REF1(log2, log2l(x), x < 0 ? LD_NAN : x == 0 ? LD_INF : 1 / (x * LN2_L), x < 0 ? LD_NAN : -1 / (x * x * LN2_L))
REF1(log10, log10l(x), x < 0 ? LD_NAN : x == 0 ? LD_INF : 1 / (x * LN10_L), x < 0 ? LD_NAN : -1 / (x * x * LN10_L))
REF1(log1p, log1pl(x), x < -1 ? LD_NAN : 1 / (1 + x), x < -1 ? LD_NAN : -1 / ((1 + x) * (1 + x)))
REF1(sin, sinl(x), cosl(x), -sinl(x))
REF1(cos, cosl(x), -sinl(x), -cosl(x))
REF1(tan, tanl(x), 1 / (cosl(x) * cosl(x)), 2 * sinl(x) / (cosl(x) * cosl(x) * cosl(x)))
REF1(asin, asinl(x), 1 / sqrtl(1 - x * x), x / powl(1 - x * x, 1.5L))
REF1(acos, acosl(x), -1 / sqrtl(1 - x * x), -x / powl(1 - x * x, 1.5L))
REF1(atan, atanl(x), 1 / (1 + x * x), -2 * x / (1 + x * x) / (1 + x * x))
REF1(sinh, sinhl(x), coshl(x), sinhl(x))
REF1(cosh, coshl(x), sinhl(x), coshl(x))
REF1(tanh, tanhl(x), 1 / (coshl(x) * coshl(x)), -2 * sinhl(x) / (coshl(x) * coshl(x) * coshl(x)))
REF1(asinh, asinhl(x), 1 / sqrtl(x * x + 1), -x / powl(x * x + 1, 1.5L))
REF1(acosh, acoshl(x), 1 / sqrtl(x * x - 1), -x / powl(x * x - 1, 1.5L))
REF1(atanh, atanhl(x), fabsl(x) > 1 ? LD_NAN : 1 / (1 - x * x), fabsl(x) > 1 ? LD_NAN : 2 * x / ((1 - x * x) * (1 - x * x)))
REF1(erf, erfl(x), 2 / SQRT_PI * expl(-x * x), -4 * x / SQRT_PI * expl(-x * x))
REF1(erfc, erfcl(x), -2 / SQRT_PI * expl(-x * x), 4 * x / SQRT_PI * expl(-x * x))
REF1(lgamma, lgammal(x), ref_digamma(x), ref_trigamma(x))
REF1(tgamma, tgammal(x), tgammal(x) * ref_digamma(x),
     tgammal(x) * (ref_digamma(x) * ref_digamma(x) + ref_trigamma(x)))
REF1(sigmoid, SIG(x), SIGP(x), SIGP(x) * (1 - 2 * SIG(x)))
REF1(softplus, log1pl(expl(x)), SIG(x), SIGP(x))
REF1(logsigmoid, -log1pl(expl(-x)), 1 / (1 + expl(x)), -SIGP(x))
/* Kink conventions of the contract: |x|' = 0 and relu' = 0 at 0. */
REF1(fabs, fabsl(x), x > 0 ? 1.0L : x < 0 ? -1.0L : 0.0L, 0.0L)
REF1(relu, x > 0 ? x : 0.0L, x > 0 ? 1.0L : 0.0L, 0.0L)
REF1(floor, floorl(x), 0.0L, 0.0L)
REF1(ceil, ceill(x), 0.0L, 0.0L)
REF1(trunc, truncl(x), 0.0L, 0.0L)
REF1(round, roundl(x), 0.0L, 0.0L)

/* ---- binary references: r = {f, fx, fy, fxx, fxy, fyy} ---------------------------- */
#define REF2(name, F, FX, FY, FXX, FXY, FYY)                                        \
    static void ref2_##name(long double x, long double y, long double r[6])         \
    {                                                                               \
        r[0] = (F);                                                                 \
        r[1] = (FX);                                                                \
        r[2] = (FY);                                                                \
        r[3] = (FXX);                                                               \
        r[4] = (FXY);                                                               \
        r[5] = (FYY);                                                               \
    }
#define R2 (x * x + y * y)
#define HYP sqrtl(x * x + y * y)
/* fmin/fmax/fdim: the chosen argument's slope, 1/2 each at a tie. */
#define PICK(c, t) ((c) ? 1.0L : (t) ? 0.5L : 0.0L)
/* log(e^x + e^y) and its partials, shifted by m = max(x, y) so that no
 * exponential overflows (x = 800 is beyond even long double's e^x when long
 * double is only double, as under valgrind) */
#define LSE_M fmaxl(x, y)
#define LSE (LSE_M + logl(expl(x - LSE_M) + expl(y - LSE_M)))
#define LSE_W(u, v) (1 / (1 + expl((v) - (u))))

REF2(add, x + y, 1, 1, 0, 0, 0)
REF2(sub, x - y, 1, -1, 0, 0, 0)
REF2(mul, x * y, y, x, 0, 1, 0)
REF2(div, x / y, 1 / y, -x / (y * y), 0, -1 / (y * y), 2 * x / (y * y * y))
/* x^0 is the constant 1 and 0^y (y > 0) the constant 0: their derivatives are
 * 0 although the general formulas give 0·inf there. */
REF2(pow, powl(x, y),
     y == 0 ? 0.0L : y * powl(x, y - 1),
     x == 0 && y > 0 ? 0.0L : powl(x, y) * logl(x),
     y == 0 || y == 1 ? 0.0L : y * (y - 1) * powl(x, y - 2),
     x == 0 && y > 1 ? 0.0L : powl(x, y - 1) * (1 + y * logl(x)),
     x == 0 && y > 0 ? 0.0L : powl(x, y) * logl(x) * logl(x))
/* atan2(x, y): angle of the point (y, x). */
/* (divisions one at a time: r^4 and r^3 overflow a double-wide long double at 1e150) */
REF2(atan2, atan2l(x, y), y / R2, -x / R2, -2 * x * y / R2 / R2, (x * x - y * y) / R2 / R2, 2 * x * y / R2 / R2)
REF2(hypot, HYP, x / HYP, y / HYP, y * y / HYP / HYP / HYP, -x * y / HYP / HYP / HYP, x * x / HYP / HYP / HYP)
REF2(fmin, fminl(x, y), PICK(x < y, x == y), PICK(y < x, x == y), 0, 0, 0)
REF2(fmax, fmaxl(x, y), PICK(x > y, x == y), PICK(y > x, x == y), 0, 0, 0)
REF2(fdim, fdiml(x, y), PICK(x > y, x == y), -PICK(x > y, x == y), 0, 0, 0)
REF2(copysign, copysignl(x, y), x == 0 ? 0.0L : (signbit(x) != 0) == (signbit(y) != 0) ? 1.0L : -1.0L,
     0, 0, 0, 0)
REF2(fmod, fmodl(x, y), 1, -truncl(x / y), 0, 0, 0)
REF2(logaddexp, LSE, LSE_W(x, y), LSE_W(y, x), LSE_W(x, y) * LSE_W(y, x), -LSE_W(x, y) * LSE_W(y, x),
     LSE_W(x, y) * LSE_W(y, x))

/* ---- Ridders' method: Richardson extrapolation of central differences ------------- */
/* q(ctx, h) is a difference quotient whose error is a series in h^2; the
 * tableau extrapolates h -> 0 with step ratio 1.4 and returns the entry with
 * the smallest estimated error (Numerical Recipes' dfridr). */
typedef long double (*ref_quotient)(const void *ctx, long double h);

static long double ref_ridders(ref_quotient q, const void *ctx, long double h)
{
    enum { NTAB = 10 };
    const long double con2 = 1.4L * 1.4L;
    long double a[NTAB][NTAB], best = 0.0L, err = LD_INF;
    a[0][0] = q(ctx, h);
    for (int i = 1; i < NTAB; i++) {
        h /= 1.4L;
        a[0][i] = q(ctx, h);
        long double fac = con2;
        for (int j = 1; j <= i; j++) {
            a[j][i] = (a[j - 1][i] * fac - a[j - 1][i - 1]) / (fac - 1.0L);
            fac *= con2;
            const long double e = fmaxl(fabsl(a[j][i] - a[j - 1][i]), fabsl(a[j][i] - a[j - 1][i - 1]));
            if (e <= err) {
                err = e;
                best = a[j][i];
            }
        }
        if (fabsl(a[i][i] - a[i - 1][i - 1]) >= 2.0L * err) break;
    }
    return best;
}

#endif /* HYPERDUAL_CHECK_RULES_REF_H */
