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

double hd_digamma(double x)
{
    if (isnan(x)) return x;
    if (is_nonpositive_integer(x)) return NAN;
    if (x == INFINITY) return INFINITY;
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
