/* nudge: what a derivative says about a small change.
 *
 * f(x) = x^2 at x = 3. Nudging x by h changes f by (3 + h)^2 - 9 = 6h + h^2:
 * for h = 0.001 that is 0.006001. The change per unit of nudge, 6 + h, tends
 * to 6 = f'(3) as h shrinks. So f'(x)*h predicts the change, and the sign of
 * f'(x) says which way f goes when x increases: to go downhill, step
 * against the derivative.
 */
#include <math.h>
#include <stdio.h>
#include <hyperdual.h>

HD_GENERIC_OBJECTIVE(square, T, x, ctx,
    return hd_sq(x[0]);
)

/* f'(x) from one dual pass. */
static double slope(const hd_objective *f, double x)
{
    const hd_dual xd = hd_dual_var(x);
    return f->f_dual(&xd, f->ctx).d1;
}

int main(void)
{
    const hd_objective f = square_objective(1, NULL);
    const double x = 3.0;
    const double fx = f.f(&x, NULL);

    printf("f(x) = x^2 at x = %g: f(x) = %g\n\n", x, fx);
    printf("%-8s  %-14s  %-14s  %s\n", "nudge h", "f(x+h) - f(x)", "change / h", "f'(x)*h");
    const double hs[] = {1.0, 0.1, 0.01, 0.001, 0.0001};
    const double d = slope(&f, x);
    for (size_t i = 0; i < sizeof hs / sizeof hs[0]; i++) {
        const double xh = x + hs[i];
        const double change = f.f(&xh, NULL) - fx;
        printf("%-8g  %-14.10g  %-14.10g  %.10g\n", hs[i], change, change / hs[i], d * hs[i]);
    }
    printf("\nexact rate from a dual pass: f'(%g) = %g\n\n", x, d);

    /* The sign says which way, the size how much. */
    printf("which way and how much, nudging by h = 0.01:\n");
    printf("%-6s  %-6s  %-26s  %-12s  %s\n", "x", "f'(x)", "increasing x makes f", "predicted", "actual");
    const double xs[] = {-2.0, 0.0, 0.5, 3.0};
    const double h = 0.01;
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        const double di = slope(&f, xs[i]);
        const double xi_h = xs[i] + h;
        const char *way = di > 0 ? "go up" : di < 0 ? "go down" : "flat (to first order)";
        printf("%-6g  %-6g  %-26s  %-12.6g  %.6g\n", xs[i], di, way, di * h,
               f.f(&xi_h, NULL) - f.f(&xs[i], NULL));
    }

    /* Downhill: x <- x - rate·f'(x). For x^2 and rate 0.25 each step halves x. */
    printf("\ngoing downhill from x = %g with x <- x - 0.25*f'(x):\n", x);
    double xk = x;
    for (int k = 0; k <= 5; k++) {
        printf("step %d: x = %-10g f(x) = %g\n", k, xk, f.f(&xk, NULL));
        xk -= 0.25 * slope(&f, xk);
    }
    return 0;
}
