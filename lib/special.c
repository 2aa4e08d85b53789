/* Special functions that the rule table needs: digamma and trigamma (for the
 * derivatives of lgamma and tgamma) and a reentrant lgamma value. */
#include <config.h>
#include <math.h>
#include <hyperdual.h>

/* Below this, shift the argument up with the recurrences; above it the
 * asymptotic series has converged to double precision. */
#define HD_ASYMPTOTIC_FROM 10.0

static int is_nonpositive_integer(double x) { return x <= 0 && x == floor(x); }

/* pi / tan(pi x) with the argument reduced exactly to (-1/2, 1/2]. */
static double pi_cot_pi(double x)
{
    const double r = x - nearbyint(x);
    return HD__PI / tan(HD__PI * r);
}

/* The positive root of digamma, x0 = 1.4616321449683623412626595423257213...
 * (mpmath 1.3, findroot(digamma, 1.46) at 300 bits), split into a double and
 * the rest so that x - x0 is exact to double precision. */
#define HD_DIGAMMA_ROOT_HI 1.4616321449683622
#define HD_DIGAMMA_ROOT_LO 9.549995429965697e-17
/* Near x0 the recurrence below subtracts numbers near 2.35 to get a result
 * near 0 and loses all relative accuracy; there a Taylor series about x0 is
 * used instead. Its coefficients are psi^(k)(x0)/k!, k = 1..13 (mpmath 1.3,
 * polygamma(k, x0)/factorial(k) at 300 bits); within |x - x0| < 1/16 the
 * first omitted term is below 2e-17 of the sum. At the window's edge the
 * recurrence's error is about 2e-14 relative. */
static double digamma_near_root(double t)
{
    static const double c[] = {
        0.967672245447621170427,   -0.442763168983592106093,  0.258499760955651010624,
        -0.163942705442406527504,  0.107824050691262365757,   -0.0721995612564547109261,
        0.0488042881641431072251,  -0.0331611264748473592923, 0.0225976482322181046596,
        -0.0154247659049489591388, 0.0105387916166121753881,  -0.00720453438635686824097,
        0.00492678139572985344635,
    };
    double p = 0.0;
    for (int k = (int)(sizeof c / sizeof c[0]) - 1; k >= 0; k--) p = p * t + c[k];
    return p * t;
}

double hd_digamma(double x)
{
    if (isnan(x)) return x;
    if (is_nonpositive_integer(x)) return NAN;
    if (x == INFINITY) return INFINITY;
    if (fabs(x - HD_DIGAMMA_ROOT_HI) < 0.0625)
        return digamma_near_root((x - HD_DIGAMMA_ROOT_HI) - HD_DIGAMMA_ROOT_LO);
    if (x < 0) /* reflection: psi(x) = psi(1 - x) - pi cot(pi x) */
        return hd_digamma(1.0 - x) - pi_cot_pi(x);
    double shift = 0.0;
    while (x < HD_ASYMPTOTIC_FROM) {
        shift += 1.0 / x;
        x += 1.0;
    }
    /* psi(x) = ln x - 1/(2x) - sum B_2k / (2k x^2k) */
    const double z = 1.0 / (x * x);
    const double series =
        z * (1.0 / 12 - z * (1.0 / 120 - z * (1.0 / 252 - z * (1.0 / 240 - z * (1.0 / 132
        - z * (691.0 / 32760 - z * (1.0 / 12)))))));
    return log(x) - 0.5 / x - series - shift;
}

double hd_trigamma(double x)
{
    if (isnan(x)) return x;
    if (is_nonpositive_integer(x)) return INFINITY;
    if (x == INFINITY) return 0.0;
    if (x < 0) { /* reflection: psi1(x) = pi^2 / sin^2(pi x) - psi1(1 - x) */
        const double s = sin(HD__PI * (x - nearbyint(x)));
        return HD__PI * HD__PI / (s * s) - hd_trigamma(1.0 - x);
    }
    double shift = 0.0;
    while (x < HD_ASYMPTOTIC_FROM) {
        shift += 1.0 / (x * x);
        x += 1.0;
    }
    /* psi1(x) = 1/x + 1/(2x^2) + sum B_2k / x^(2k+1) */
    const double z = 1.0 / (x * x);
    const double series =
        z * (1.0 / 6 - z * (1.0 / 30 - z * (1.0 / 42 - z * (1.0 / 30 - z * (5.0 / 66
        - z * (691.0 / 2730 - z * (7.0 / 6)))))));
    return shift + (1.0 + 0.5 / x + series) / x;
}

double hd_lgamma_value(double x)
{
    int sign;
    return lgamma_r(x, &sign);
}
