/* Teaching problems: two quadratics (one well, one badly conditioned), two
 * classics with known minima (Himmelblau, Booth), a start on a saddle's
 * stable manifold, and a function on which pure Newton diverges. Each body is
 * written once; minima are derived in the comments. */
#include <config.h>
#include <math.h>
#include "problems_internal.h"

/* ---- quadratic_well: sum_i (1 + i/n) (x_i - 1)^2, i = 0..n-1 ----------------
 * Hessian diag(2 (1 + i/n)): condition number < 2, so gradient descent with a
 * line search converges in a handful of steps and Newton in one. */
HD__VARIABLE_OBJECTIVE(quadratic_well, T, x, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    T s = (T){0};
    for (size_t i = 0; i < n; i++)
        s = hd_add(s, hd_mul(1.0 + (double)i / (double)n, hd_sq(hd_sub(x[i], 1))));
    return s;
)
static int quadratic_well_valid(size_t n) { return n >= 1; }
HD__VARIABLE_PROBLEM(quadratic_well, 4)
static void quadratic_well_start(size_t n, double *x0)
{
    if (n == 0) n = 4;
    for (size_t i = 0; i < n; i++) x0[i] = 0.0;
}
static int quadratic_well_xs(size_t n, double *x)
{
    if (n == 0) n = 4;
    for (size_t i = 0; i < n; i++) x[i] = 1.0;
    return 1;
}
static double zero_fs(size_t n) { (void)n; return 0.0; }

/* ---- quadratic_ill: (x1 + x2 - 2)^2 + 1e-3 (x1 - x2)^2 ----------------------
 * Hessian [[2.002, 1.998], [1.998, 2.002]], eigenvalues 4 and 0.004 (condition
 * number 1000) along the diagonals, so gradient descent zig-zags down a long
 * valley while Newton takes one step. Minimum 0 at (1, 1). */
HD__FIXED_OBJECTIVE(quadratic_ill, 2, T, x, ctx,
    T a = hd_sub(hd_add(x[0], x[1]), 2);
    T b = hd_sub(x[0], x[1]);
    return hd_add(hd_sq(a), hd_mul(1e-3, hd_sq(b)));
)
HD__FIXED_PROBLEM(quadratic_ill, 0.0, 3.0)
HD__X_STAR(quadratic_ill, 2, 1, 1)

/* ---- himmelblau: (x^2 + y - 11)^2 + (x + y^2 - 7)^2 ---------------------------
 * Four minima with f = 0, one at (3, 2); a local maximum near
 * (-0.2708, -0.9230) and four saddles. */
HD__FIXED_OBJECTIVE(himmelblau, 2, T, x, ctx,
    T a = hd_sub(hd_add(hd_sq(x[0]), x[1]), 11);
    T b = hd_sub(hd_add(x[0], hd_sq(x[1])), 7);
    return hd_add(hd_sq(a), hd_sq(b));
)
HD__FIXED_PROBLEM(himmelblau, 0.0, 0.0)
HD__X_STAR(himmelblau, 2, 3, 2)

/* ---- booth: (x + 2y - 7)^2 + (2x + y - 5)^2; minimum 0 at (1, 3) ------------- */
HD__FIXED_OBJECTIVE(booth, 2, T, x, ctx,
    T a = hd_sub(hd_add(x[0], hd_mul(2, x[1])), 7);
    T b = hd_sub(hd_add(hd_mul(2, x[0]), x[1]), 5);
    return hd_add(hd_sq(a), hd_sq(b));
)
HD__FIXED_PROBLEM(booth, 0.0, 0.0)
HD__X_STAR(booth, 2, 1, 3)

/* ---- saddle: x^2 - y^2 + y^4/4 ------------------------------------------------
 * Gradient (2x, -2y + y^3): a saddle at the origin (Hessian diag(2, -2)) and
 * minima f = -1 at (0, ±sqrt 2). The start (1, 0) has y = 0, so the gradient
 * never leaves the x axis: gradient descent and pure Newton go to the saddle. */
HD__FIXED_OBJECTIVE(saddle, 2, T, x, ctx,
    T y2 = hd_sq(x[1]);
    return hd_add(hd_sub(hd_sq(x[0]), y2), hd_mul(0.25, hd_sq(y2)));
)
HD__FIXED_PROBLEM(saddle, 1.0, 0.0)
HD__X_STAR(saddle, 2, 0, 1.4142135623730950488)

/* ---- pseudo_huber: sqrt(1 + x^2) ----------------------------------------------
 * f' = x/sqrt(1+x^2), f'' = (1+x^2)^(-3/2), so the pure Newton step maps x to
 * x - f'/f'' = -x^3: from |x0| > 1 (here 1.5) it diverges, from |x0| < 1 it
 * converges. Convex, minimum 1 at 0. */
HD__FIXED_OBJECTIVE(pseudo_huber, 1, T, x, ctx,
    return hd_sqrt(hd_add(1, hd_sq(x[0])));
)
HD__FIXED_PROBLEM(pseudo_huber, 1.5)
HD__X_STAR(pseudo_huber, 1, 0)

#define ENTRY(NAME, TITLE, N, VAR, FS, NOTE)                                        \
    .name = #NAME, .title = TITLE, .mgh_number = 0, .n = N, .m = 0, .variable_n = VAR, \
    .f_star = FS, .f_star_tol = 0.0, .f_star_note = NOTE, .objective = NAME##_obj,     \
    .n_ok = NAME##_n_ok, .start = NAME##_start, .x_star = NAME##_xs, .f_local = NAN

const hd_problem hd__problems_extra[] = {
    {ENTRY(quadratic_well, "Well-conditioned quadratic (condition < 2)", 4, 1, 0.0,
           "exact: f* = 0 at (1, ..., 1)"),
     .f_star_for = zero_fs},
    {ENTRY(quadratic_ill, "Ill-conditioned quadratic (condition 1000)", 2, 0, 0.0,
           "exact: f* = 0 at (1, 1)")},
    {ENTRY(himmelblau, "Himmelblau", 2, 0, 0.0,
           "exact: f* = 0 at (3, 2) and three other minima")},
    {ENTRY(booth, "Booth", 2, 0, 0.0, "exact: f* = 0 at (1, 3)")},
    {ENTRY(saddle, "Saddle x^2 - y^2 + y^4/4 from its stable manifold", 2, 0, -1.0,
           "exact: f* = -1 at (0, +-sqrt 2); saddle at the origin")},
    {ENTRY(pseudo_huber, "sqrt(1 + x^2): pure Newton diverges from 1.5", 1, 0, 1.0,
           "exact: f* = 1 at 0; the pure Newton step is x -> -x^3")},
};
const size_t hd__problems_extra_count = sizeof hd__problems_extra / sizeof hd__problems_extra[0];
