/* gd_vs_newton: why curvature lets Newton's method take smarter steps.
 *
 * Gradient descent steps against the gradient; Newton's method also uses the
 * Hessian (second derivatives) and steps to the minimum of the local
 * quadratic model. Four experiments:
 *  1. a quadratic: Newton in one step; gradient descent in many, as many as
 *     its contraction factor (kappa-1)/(kappa+1) predicts from the condition
 *     number kappa;
 *  2. Rosenbrock's valley: iterations and evaluations of each, passes included;
 *  3. sqrt(1 + x^2) from 1.5: pure Newton diverges (x -> -x^3), the
 *     safeguarded default converges;
 *  4. a saddle: the gradient is zero, but the Hessian's eigenvalues say it is
 *     not a minimum, and Newton escapes along the negative curvature.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <hyperdual.h>
#include "scalar_passes.h"

/* 1. f = (x^2 + kappa y^2) / 2, with kappa passed in ctx. */
HD_GENERIC_OBJECTIVE(quadratic, T, x, ctx,
    const double kappa = *(const double *)ctx;
    return hd_mul(0.5, hd_add(hd_sq(x[0]), hd_mul(kappa, hd_sq(x[1]))));
)

/* 2. Rosenbrock: (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1). */
HD_GENERIC_OBJECTIVE(rosenbrock, T, x, ctx,
    T a = hd_sub(1, x[0]);
    T b = hd_sub(x[1], hd_sq(x[0]));
    return hd_add(hd_sq(a), hd_mul(100, hd_sq(b)));
)

/* 3. sqrt(1 + x^2): convex, minimum 1 at 0, but its curvature
 *    (1 + x^2)^(-3/2) fades so fast that the full Newton step overshoots. */
HD_GENERIC_OBJECTIVE(hump, T, x, ctx,
    return hd_sqrt(hd_add(1, hd_sq(x[0])));
)

/* 4. x^2 - y^2 + y^4/4: a saddle at (0, 0), minima -1 at (0, ±sqrt 2). */
HD_GENERIC_OBJECTIVE(saddle, T, x, ctx,
    return hd_add(hd_sub(hd_sq(x[0]), hd_sq(x[1])), hd_mul(0.25, hd_sq(hd_sq(x[1]))));
)

static int print_iterate(const hd_iteration *it, void *user)
{
    (void)user;
    const double x = it->x[0];
    printf("  %-9d  %-24.17g  %.17g\n", it->iteration, x, -x * x * x);
    return 0;
}

/* The status in a word or two: hd_status_str's text up to its colon (the
 * rest is the remedy). */
static int status_len(const char *s) { return (int)strcspn(s, ":"); }

static void row(const char *method, const hd_result *r, const double *x)
{
    printf("%-20s  %-10d  %-6ld  %-6ld  %-6ld  %-6ld  %-9.2g  (%.6f, %.6f)  %s\n", method,
           r->iterations, r->f_calls, r->dual_calls, r->hyper_calls, r->passes, r->f, x[0], x[1],
           r->converged ? "converged" : hd_status_str(r->status));
}

int main(void)
{
    hd_options gd, newton;
    hd_result res = {0};

    /* ---- 1. quadratic ---------------------------------------------------- */
    printf("1. f = (x^2 + kappa y^2)/2 from (1, 1), stop when |grad|_inf <= 1e-8\n");
    printf("   gradient descent with the best fixed step 2/(1 + kappa) shrinks the gradient\n");
    printf("   by (kappa - 1)/(kappa + 1) per step; Newton solves the quadratic exactly\n\n");
    printf("%-8s  %-14s  %-14s  %s\n", "kappa", "GD iterations", "GD predicted", "Newton iterations");
    const double kappas[] = {10, 100, 1000};
    for (size_t i = 0; i < sizeof kappas / sizeof kappas[0]; i++) {
        const double kappa = kappas[i];
        const hd_objective q = quadratic_objective(2, (void *)&kappas[i]);
        hd_options_default(&gd, HD_GRADIENT_DESCENT);
        gd.line_search = HD_LINESEARCH_NONE;
        gd.learning_rate = 2 / (1 + kappa);
        gd.gtol = 1e-8;
        /* |grad|_inf starts at kappa and shrinks by r per step. */
        const double r = (kappa - 1) / (kappa + 1);
        const int predicted = (int)ceil(log(gd.gtol / kappa) / log(r));
        double x[2] = {1, 1};
        if (hd_minimize(&q, x, &gd, &res) != HD_OK) return 1;
        const int gd_iters = res.iterations;
        hd_options_default(&newton, HD_NEWTON);
        newton.gtol = 1e-8;
        x[0] = x[1] = 1;
        if (hd_minimize(&q, x, &newton, &res) != HD_OK) return 1;
        printf("%-8g  %-14d  %-14d  %d\n", kappa, gd_iters, predicted, res.iterations);
    }

    /* ---- 2. Rosenbrock ---------------------------------------------------- */
    printf("\n2. Rosenbrock from (-1.2, 1); minimum 0 at (1, 1)\n");
    printf("   passes as hd_minimize counts them: a Hessian of 2 variables is 3 hyper-dual\n"
           "   passes (n(n+1)/2), a gradient 1 (two directions per hyper-dual pass)\n\n");
    printf("%-20s  %-10s  %-6s  %-6s  %-6s  %-6s  %-9s  %-20s  %s\n", "method", "iterations", "f",
           "dual", "hyper", "passes", "final f", "final x", "status");
    const hd_objective rosen = scalar_passes(rosenbrock_objective(2, NULL));
    const hd_method methods[] = {HD_GRADIENT_DESCENT, HD_NEWTON, HD_NEWTON_TRUST_REGION, HD_BFGS};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        hd_options opt;
        hd_options_default(&opt, methods[i]);
        opt.classify_final = 1; /* GD and BFGS: Hessians at the end show the minimum */
        double x[2] = {-1.2, 1};
        if (hd_minimize(&rosen, x, &opt, &res) != HD_OK) return 1;
        row(hd_method_name(methods[i]), &res, x);
    }

    /* ---- 3. sqrt(1 + x^2) ------------------------------------------------- */
    const hd_objective h = hump_objective(1, NULL);
    printf("\n3. f = sqrt(1 + x^2) from x = 1.5; minimum 1 at x = 0\n");
    printf("   f' = x/sqrt(1 + x^2), f'' = (1 + x^2)^(-3/2): the full Newton step lands on -x^3\n\n");
    printf("pure Newton (full step, Hessian as is):\n");
    printf("  %-9s  %-24s  %s\n", "iteration", "x", "-x^3 (next x predicted)");
    hd_options_default(&newton, HD_NEWTON);
    newton.line_search = HD_LINESEARCH_NONE;
    newton.hessian_fix = HD_HESSIAN_AS_IS;
    newton.max_iter = 8;
    newton.callback = print_iterate;
    double x1 = 1.5;
    if (hd_minimize(&h, &x1, &newton, &res) != HD_OK) return 1;
    printf("  stopped: %.*s\n", status_len(hd_status_str(res.status)), hd_status_str(res.status));
    printf("  (the returned x is the best point seen, never worse than the start: x = %g)\n\n", x1);
    hd_options_default(&newton, HD_NEWTON);
    x1 = 1.5;
    if (hd_minimize(&h, &x1, &newton, &res) != HD_OK) return 1;
    printf("default Newton (line search): |x| < 1e-12: %s, f = %.17g after %d iterations: %s\n",
           fabs(x1) < 1e-12 ? "yes" : "no", res.f, res.iterations,
           res.converged ? "converged" : hd_status_str(res.status));

    /* ---- 4. the saddle ---------------------------------------------------- */
    printf("\n4. f = x^2 - y^2 + y^4/4 at (0, 0): a stationary point, but which kind?\n");
    const hd_objective s = saddle_objective(2, NULL);
    double x[2] = {0, 0}, f, g[2], H[4], eig[2];
    hd_point_kind kind;
    if (hd_hessian(&s, x, &f, g, H) != HD_OK) return 1;
    if (hd_classify(2, H, eig, &kind) != HD_OK) return 1;
    printf("   gradient (%g, %g), Hessian eigenvalues %g and %g: %s\n", g[0], g[1], eig[0], eig[1],
           hd_point_kind_str(kind));
    hd_options_default(&gd, HD_GRADIENT_DESCENT);
    gd.classify_final = 1;
    if (hd_minimize(&s, x, &gd, &res) != HD_OK) return 1;
    printf("   gradient descent from (0, 0): %d iterations, stays at (%g, %g): %.*s\n", res.iterations,
           x[0], x[1], status_len(hd_status_str(res.status)), hd_status_str(res.status));
    hd_options_default(&newton, HD_NEWTON);
    x[0] = x[1] = 0;
    if (hd_minimize(&s, x, &newton, &res) != HD_OK) return 1;
    if (hd_hessian(&s, x, &f, g, H) != HD_OK || hd_classify(2, H, eig, &kind) != HD_OK) return 1;
    printf("   Newton from (0, 0): x = (%.6f, %.6f), f = %.12g after %d iterations: %s\n", x[0], x[1],
           f, res.iterations, res.converged ? "converged" : hd_status_str(res.status));
    printf("   there: Hessian eigenvalues %.6g and %.6g: %s\n", eig[0], eig[1], hd_point_kind_str(kind));
    return 0;
}
