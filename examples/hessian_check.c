/* hessian_check: testing a hand-written gradient and Hessian against the
 * exact ones.
 *
 * Hand-derived derivatives are a classic source of silent bugs: an optimizer
 * fed a slightly wrong Hessian still runs, only worse. Comparing with finite
 * differences needs a tolerance loose enough for their truncation and
 * round-off error (1e-5 or so), which can hide a small mistake. The
 * hyper-dual derivatives are exact to rounding, so hd_check_derivatives can
 * use a tight tolerance and point at the wrong entry.
 *
 * f(x, y, z) = x^2 y + sin(y z) + exp(x z), with its derivatives by hand,
 * once right and once with a planted mistake: d2f/dxdz = (1 + xz) e^(xz)
 * written as xz e^(xz) (the product rule's first term forgotten).
 */
#include <math.h>
#include <stdio.h>
#include <hyperdual.h>

HD_GENERIC_OBJECTIVE(user_f, T, v, ctx,
    T x = v[0], y = v[1], z = v[2];
    return hd_add(hd_add(hd_mul(hd_sq(x), y), hd_sin(hd_mul(y, z))), hd_exp(hd_mul(x, z)));
)

static void gradient_by_hand(const double *v, double *g, void *ctx)
{
    (void)ctx;
    const double x = v[0], y = v[1], z = v[2], e = exp(x * z);
    g[0] = 2 * x * y + z * e;
    g[1] = x * x + z * cos(y * z);
    g[2] = y * cos(y * z) + x * e;
}

/* Fills the Hessian; `wrong_xz` plants the mistake. */
static void hessian_fill(const double *v, double *H, int wrong_xz)
{
    const double x = v[0], y = v[1], z = v[2], e = exp(x * z);
    const double xz = wrong_xz ? x * z * e : (1 + x * z) * e;
    const double rows[9] = {
        2 * y + z * z * e, 2 * x,                                 xz,
        2 * x,             -z * z * sin(y * z),                   cos(y * z) - y * z * sin(y * z),
        xz,                cos(y * z) - y * z * sin(y * z),       -y * y * sin(y * z) + x * x * e,
    };
    for (int i = 0; i < 9; i++) H[i] = rows[i];
}

static void hessian_by_hand(const double *v, double *H, void *ctx)
{
    (void)ctx;
    hessian_fill(v, H, 0);
}

static void hessian_with_mistake(const double *v, double *H, void *ctx)
{
    (void)ctx;
    hessian_fill(v, H, 1);
}

static void report(const char *what, const hd_derivative_error *e)
{
    /* Below 1e-14 the error is rounding, whose last bits depend on the order
     * of operations the drivers choose: print the bound, not the bits. */
    char err[32];
    if (e->max_abs_error < 1e-14) snprintf(err, sizeof err, "< 1e-14");
    else snprintf(err, sizeof err, "%.2g", e->max_abs_error);
    printf("%-28s  %-11zu  %-10s", what, e->bad_entries, err);
    if (e->bad_entries)
        printf("  worst at (%zu, %zu): yours %.12g, exact %.12g", e->worst_row, e->worst_col,
               e->worst_user, e->worst_exact);
    printf("\n");
}

int main(void)
{
    const hd_objective f = user_f_objective(3, NULL);
    const double x[3] = {0.5, -1.2, 0.8};
    const double tol = 1e-12;
    hd_derivative_error ge, he;

    printf("f(x, y, z) = x^2 y + sin(y z) + exp(x z) at (%g, %g, %g), tolerance %g\n\n", x[0], x[1],
           x[2], tol);
    printf("%-28s  %-11s  %-10s\n", "hand-written", "bad entries", "max error");
    if (hd_check_derivatives(&f, x, gradient_by_hand, hessian_by_hand, tol, &ge, &he) != HD_OK)
        return 1;
    report("gradient", &ge);
    report("Hessian", &he);
    if (hd_check_derivatives(&f, x, NULL, hessian_with_mistake, tol, NULL, &he) != HD_OK) return 1;
    report("Hessian with the mistake", &he);

    /* What a finite-difference check would have seen for that entry:
     * central differences of the exact gradient, step 1e-5. */
    const double h = 1e-5;
    double xp[3] = {x[0], x[1], x[2] + h}, xm[3] = {x[0], x[1], x[2] - h}, gp[3], gm[3], H[9];
    if (hd_gradient(&f, xp, NULL, gp) != HD_OK || hd_gradient(&f, xm, NULL, gm) != HD_OK) return 1;
    if (hd_hessian(&f, x, NULL, NULL, H) != HD_OK) return 1;
    const double fd = (gp[0] - gm[0]) / (2 * h);
    printf("\nd2f/dxdz: exact %.15g, central difference %.15g (error %.1g)\n", H[2], fd,
           fabs(fd - H[2]));
    return 0;
}
