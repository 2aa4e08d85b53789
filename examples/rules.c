/* rules: each building block's derivative, and the chain rule.
 *
 * A dual number x + 1·ε carries the derivative along: every operation
 * applies its own rule (sum, product, power, exp, log, relu), and a
 * composition multiplies the rules' factors level by level, which is the
 * chain rule. Each block below is evaluated on a dual number and printed
 * beside its textbook formula; then a composition five levels deep is
 * checked against its derivative written by hand.
 */
#include <math.h>
#include <stdio.h>
#include <hyperdual.h>

/* f(x) = log(1 + exp(sin(x^2))), written once. */
HD_GENERIC_OBJECTIVE(nested, T, x, ctx,
    return hd_log(hd_add(1, hd_exp(hd_sin(hd_sq(x[0])))));
)

static void row(const char *expr, const char *rule, hd_dual r, double by_hand)
{
    printf("%-10s  %-14s  %-12.10g  %-12.10g  %-12.10g  %s\n", expr, rule, r.val, r.d1, by_hand,
           fabs(r.d1 - by_hand) <= 1e-15 * fabs(by_hand) ? "agree" : "DIFFERENT");
}

int main(void)
{
    const double a = 1.5;
    const hd_dual x = hd_dual_var(a);

    printf("building blocks on the dual number x = %g + 1e\n\n", a);
    printf("%-10s  %-14s  %-12s  %-12s  %-12s  %s\n", "f(x)", "f'(x) by rule", "value", "dual f'",
           "rule's f'", "");
    row("x + 2", "1", hd_add(x, 2), 1.0);
    row("x * x", "x*1 + 1*x", hd_mul(x, x), a + a);
    row("5 * x", "5", hd_mul(5, x), 5.0);
    row("x / 4", "1/4", hd_div(x, 4), 0.25);
    row("x^3", "3x^2", hd_pow(x, 3), 3 * a * a);
    row("2^x", "2^x ln 2", hd_pow(2, x), pow(2, a) * log(2.0));
    row("exp(x)", "exp(x)", hd_exp(x), exp(a));
    row("log(x)", "1/x", hd_log(x), 1 / a);
    const double kinks[] = {-1.0, 0.0, 2.0};
    for (size_t i = 0; i < sizeof kinks / sizeof kinks[0]; i++) {
        char expr[32];
        snprintf(expr, sizeof expr, "relu(%g)", kinks[i]);
        row(expr, kinks[i] > 0 ? "1 (x > 0)" : "0 (x <= 0)", hd_relu(hd_dual_var(kinks[i])),
            kinks[i] > 0 ? 1.0 : 0.0);
    }
    printf("(relu has no derivative at 0; the library uses 0 there, as most ML frameworks do)\n\n");

    /* The chain rule, level by level: each level multiplies by its own
     * derivative at the value it receives. */
    printf("chain rule through f(x) = log(1 + exp(sin(x^2))) at x = %g\n\n", a);
    printf("%-18s  %-12s  %-16s  %s\n", "level", "value", "this level's f'", "derivative so far");
    const hd_dual u1 = hd_sq(x);
    const hd_dual u2 = hd_sin(u1);
    const hd_dual u3 = hd_exp(u2);
    const hd_dual u4 = hd_add(1, u3);
    const hd_dual u5 = hd_log(u4);
    printf("%-18s  %-12.10g  %-16.10g  %.10g\n", "u1 = x^2", u1.val, 2 * a, u1.d1);
    printf("%-18s  %-12.10g  %-16.10g  %.10g\n", "u2 = sin(u1)", u2.val, cos(u1.val), u2.d1);
    printf("%-18s  %-12.10g  %-16.10g  %.10g\n", "u3 = exp(u2)", u3.val, exp(u2.val), u3.d1);
    printf("%-18s  %-12.10g  %-16.10g  %.10g\n", "u4 = 1 + u3", u4.val, 1.0, u4.d1);
    printf("%-18s  %-12.10g  %-16.10g  %.10g\n", "u5 = log(u4)", u5.val, 1 / u4.val, u5.d1);

    /* The same function as one objective, against the derivative by hand:
     * f'(x) = exp(sin(x^2)) cos(x^2) 2x / (1 + exp(sin(x^2))). */
    const hd_objective f = nested_objective(1, NULL);
    double fx, grad;
    if (hd_gradient(&f, &a, &fx, &grad) != HD_OK) return 1;
    const double e = exp(sin(a * a));
    const double by_hand = e * cos(a * a) * 2 * a / (1 + e);
    printf("\nhd_gradient:  f(%g) = %.15g, f'(%g) = %.15g\n", a, fx, a, grad);
    printf("by hand:      f'(%g) = %.15g  (%s to 1e-15 relative)\n", a, by_hand,
           fabs(grad - by_hand) <= 1e-15 * fabs(by_hand) ? "agree" : "DIFFERENT");
    return 0;
}
