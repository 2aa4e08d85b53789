/* The registry of built-in problems, against independent truth: published
 * values of f at the standard start and at published minimizers, identities
 * between problems written separately, and central differences of f (for the
 * exact gradient) and of the exact gradient (for the exact Hessian). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

#define MAXN 16 /* every default n in the registry is at most this */

/* ---- the registry itself ---------------------------------------------------- */

START_TEST(registry_is_complete_and_consistent)
{
    const size_t count = hd_problem_count();
    int seen_mgh[36] = {0};
    ck_assert_uint_ge(count, 41);
    ck_assert_ptr_null(hd_problem_at(count));
    ck_assert_ptr_null(hd_problem_find("no_such_problem"));
    ck_assert_ptr_null(hd_problem_find(NULL));
    for (size_t i = 0; i < count; i++) {
        const hd_problem *p = hd_problem_at(i);
        ck_assert_ptr_nonnull(p);
        ck_assert_msg(hd_problem_find(p->name) == p, "%s: names must be unique", p->name);
        ck_assert_ptr_nonnull(p->title);
        ck_assert_ptr_nonnull(p->f_star_note);
        ck_assert(p->objective != NULL);
        ck_assert(p->start != NULL);
        ck_assert(p->n_ok != NULL);
        ck_assert_msg(p->n >= 1 && p->n <= MAXN, "%s: default n", p->name);
        ck_assert_msg(p->n_ok(0) && p->n_ok(p->n), "%s: default n accepted", p->name);
        ck_assert_msg(p->f_star_tol >= 0, "%s", p->name);
        /* f* for the default n, by either route, is the advertised one */
        ck_assert_msg(hd_problem_f_star(p, 0) == p->f_star && hd_problem_f_star(p, p->n) == p->f_star,
                      "%s: f_star and hd_problem_f_star disagree", p->name);
        const hd_objective obj = p->objective(0);
        ck_assert_uint_eq(obj.n, p->n);
        ck_assert(obj.f_hyper != NULL || (obj.bodies && obj.bodies->hyper != NULL));
        if (p->mgh_number) {
            ck_assert_int_le(p->mgh_number, 35);
            ck_assert_msg(!seen_mgh[p->mgh_number], "MGH #%d twice", p->mgh_number);
            seen_mgh[p->mgh_number] = 1;
            ck_assert_msg(p->m >= p->n, "%s: m >= n", p->name);
        }
        if (!p->variable_n) ck_assert_msg(!p->n_ok(p->n + 1), "%s: fixed n", p->name);
        /* a dimension the problem rejects gives an objective the drivers reject */
        size_t bad = 1;
        while (bad < 64 && p->n_ok(bad)) bad++;
        if (bad < 64) {
            const hd_objective o = p->objective(bad);
            const double x[64] = {0};
            double f;
            ck_assert_msg(hd_value(&o, x, &f) == HD_EINVAL, "%s: n = %zu accepted", p->name, bad);
        }
    }
    for (int k = 1; k <= 35; k++) ck_assert_msg(seen_mgh[k], "MGH #%d missing", k);
}
END_TEST

START_TEST(required_problems_are_present)
{
    static const char *names[] = {
        "rosenbrock", "freudenstein_roth", "powell_badly_scaled", "brown_badly_scaled", "beale",
        "jennrich_sampson", "helical_valley", "bard", "gaussian", "meyer", "gulf", "box3d",
        "powell_singular", "wood", "kowalik_osborne", "brown_dennis", "osborne1", "biggs_exp6",
        "osborne2", "watson", "extended_rosenbrock", "extended_powell", "penalty1", "penalty2",
        "variably_dimensioned", "trigonometric", "brown_almost_linear", "discrete_boundary_value",
        "discrete_integral_equation", "broyden_tridiagonal", "broyden_banded", "linear_full_rank",
        "linear_rank1", "linear_rank1_zero", "chebyquad", "quadratic_well", "quadratic_ill",
        "himmelblau", "booth", "saddle", "pseudo_huber"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const hd_problem *p = hd_problem_find(names[i]);
        ck_assert_msg(p != NULL, "%s missing", names[i]);
        if (i < 35) ck_assert_int_eq(p->mgh_number, (int)i + 1);
    }
    ck_assert(isnan(hd_problem_f_star(NULL, 0)));
    ck_assert(isnan(hd_problem_f_star(hd_problem_find("rosenbrock"), 3)));
    ck_assert(isnan(hd_problem_f_star(hd_problem_find("watson"), 7)));
    ck_assert_double_eq(hd_problem_f_star(hd_problem_find("watson"), 12), 4.72238e-10);
    ck_assert_double_eq(hd_problem_f_star(hd_problem_find("chebyquad"), 9), 0.0);
}
END_TEST

static double value_at(const hd_problem *p, size_t n, const double *x)
{
    const hd_objective obj = p->objective(n);
    double f = NAN;
    ck_assert_int_eq(hd_value(&obj, x, &f), HD_OK);
    return f;
}

/* ---- f at the standard start ---------------------------------------------------
 * MW: f(x0) as tabulated for the Moré & Wild (2009) benchmark set (7
 * significant digits, estimagic's more_wild.py), which uses the same standard
 * starts and residual counts; atol is half a unit in the last digit.
 * CF: closed form at the start, derived here (atol 0). */
struct start_value {
    const char *name;
    size_t      n;     /* 0 = default */
    double      f0;
    double      atol;  /* half a unit in the last published digit */
};
static const struct start_value start_values[] = {
    {"rosenbrock", 0, 24.2, 0}, /* MW; CF 4.4^2 + 2.2^2 */
    {"freudenstein_roth", 0, 400.5, 0}, /* MW; CF 19.5^2 + 4.5^2 */
    {"helical_valley", 0, 2500, 0}, /* MW; CF theta = 1/2, r1 = -50 */
    {"powell_singular", 0, 215, 0}, /* MW; CF 49 + 5 + 1 + 160 */
    {"wood", 0, 19192, 0}, /* CF 10^4 + 16 + 9000 + 16 + 160 */
    {"beale", 0, 14.203125, 0}, /* CF 1.5^2 + 2.25^2 + 2.625^2 */
    {"brown_badly_scaled", 0, 999998000003.0, 0}, /* CF (1-1e6)^2 + (1-2e-6)^2 + 1 */
    {"jennrich_sampson", 0, 4171.306, 5e-4}, /* MW */
    {"bard", 0, 41.68170, 5e-6}, /* MW */
    {"kowalik_osborne", 0, 5.313172e-3, 5e-10}, /* MW */
    {"meyer", 0, 1.693608e9, 500}, /* MW */
    {"box3d", 0, 1031.154, 5e-4}, /* MW */
    {"brown_dennis", 0, 7.926693e6, 0.5}, /* MW */
    {"osborne2", 0, 2.093420, 5e-7}, /* MW */
    {"chebyquad", 8, 3.861770e-2, 5e-9}, /* MW */
    {"brown_almost_linear", 10, 273.2480, 5e-5}, /* MW */
    {"watson", 6, 30, 0}, /* CF x = 0: r_i = -1 (i <= 29), r30 = 0, r31 = -1 */
    {"extended_rosenbrock", 10, 121, 0}, /* CF 5 copies of 24.2 */
    {"extended_powell", 12, 645, 0}, /* CF 3 copies of 215 */
    {"penalty1", 4, 885.06264, 0}, /* CF 1e-5 (0+1+4+9) + (1+4+9+16 - 1/4)^2 */
    {"variably_dimensioned", 10, 2198551.1625, 0},
    /* CF x_j - 1 = -j/10: 3.85 + v^2 + v^4 with v = -38.5 */
    {"broyden_tridiagonal", 10, 21, 0}, /* CF r = -2, -1 (x8), -3 */
    {"broyden_banded", 10, 360, 0}, /* CF x(1 + x) = 0 at -1: r_i = -6 */
    {"linear_full_rank", 10, 50, 0}, /* CF m = 2n: r = -1 (n times), -2 (n times) */
    {"linear_rank1", 10, 8658670, 0}, /* CF sum_{i=1}^{20} (55 i - 1)^2 */
    {"linear_rank1_zero", 10, 4067996, 0},
    /* CF w = sum_{j=2}^{9} j = 44: 2 + sum_{i=2}^{19} (44 (i-1) - 1)^2 */
    {"quadratic_well", 4, 5.5, 0}, /* CF sum (1 + i/4) */
    {"quadratic_ill", 0, 1.009, 0}, /* CF 1 + 1e-3 * 9 */
    {"himmelblau", 0, 170, 0}, /* CF 121 + 49 */
    {"booth", 0, 74, 0}, /* CF 49 + 25 */
    {"saddle", 0, 1, 0},
};

START_TEST(start_values_match_published)
{
    const struct start_value *sv = &start_values[_i];
    const hd_problem *p = hd_problem_find(sv->name);
    ck_assert_msg(p != NULL, "%s", sv->name);
    ck_assert(p->n_ok(sv->n));
    double x0[MAXN];
    p->start(sv->n, x0);
    const double f = value_at(p, sv->n, x0);
    /* exact values: a few roundings in summing the residuals */
    const double tol = sv->atol + 1e-14 * fabs(sv->f0);
    ck_assert_msg(fabs(f - sv->f0) <= tol, "%s: f(x0) = %.17g, published %.17g",
                  sv->name, f, sv->f0);
}
END_TEST

/* Closed forms at the start that need libm: Powell badly scaled,
 * 1 + (e^-1 + 1 - 1.0001)^2, and the trigonometric function at x_j = 1/n,
 * sum_i (n (1 - cos(1/n)) + i (1 - cos(1/n)) - sin(1/n))^2, sqrt(1 + 1.5^2),
 * and bounds on the Gaussian problem near its minimum. */
START_TEST(start_values_in_closed_form)
{
    double x[MAXN];
    const hd_problem *p = hd_problem_find("powell_badly_scaled");
    p->start(0, x);
    const double r2 = exp(-1.0) - 1e-4;
    ck_assert_double_eq_tol(value_at(p, 0, x), 1.0 + r2 * r2, 1e-15);

    p = hd_problem_find("trigonometric");
    p->start(10, x);
    double want = 0;
    const double c = 1 - cos(0.1), s = sin(0.1);
    for (int i = 1; i <= 10; i++) want += (10 * c + i * c - s) * (10 * c + i * c - s);
    /* n - sum cos x_j cancels about three digits in the library's form */
    ck_assert_double_eq_tol(value_at(p, 10, x), want, 1e-11 * want);

    /* Gaussian: the data are the standard normal density at t = 3.5 ... -3.5
     * rounded to 4 decimals, so at (1/sqrt(2 pi), 1, 0) every residual is a
     * rounding error (<= 5e-5): f* <= f <= 15 (5e-5)^2. */
    p = hd_problem_find("gaussian");
    const double xg[3] = {1.0 / sqrt(2.0 * 3.14159265358979323846), 1.0, 0.0};
    ck_assert_double_ge(value_at(p, 0, xg), p->f_star);
    ck_assert_double_le(value_at(p, 0, xg), 15 * 5e-5 * 5e-5);

    p = hd_problem_find("pseudo_huber");
    p->start(0, x);
    ck_assert_double_eq(x[0], 1.5);
    ck_assert_double_eq_tol(value_at(p, 0, x), sqrt(3.25), 1e-15);
}
END_TEST

/* ---- f at published minimizers ------------------------------------------------
 * Exact minimizers give f* up to rounding in the residuals. Minimizers
 * published to 11 (NIST) or ~16 (Moré–Wild set) digits sit at a stationary
 * point, so f differs from f* only to second order in the rounding of x:
 * with relative rounding 5e-11, that is below 1e-9·f* for these problems.
 * f_star_tol adds the rounding of f* itself. */
START_TEST(minimizers_give_f_star)
{
    const hd_problem *p = hd_problem_at((size_t)_i);
    double x[MAXN];
    if (!p->x_star || !p->x_star(0, x)) return;
    const double f = value_at(p, 0, x);
    const double tol = p->f_star_tol + 1e-9 * fmax(1e-20, fabs(p->f_star)) + 1e-24;
    ck_assert_msg(fabs(f - p->f_star) <= tol, "%s: f(x*) = %.17g, f* = %.17g", p->name, f,
                  p->f_star);
}
END_TEST

/* Documented local minima lie above f*; Freudenstein and Roth's is at the
 * point the Moré–Wild set gives, (11.4127789219781, -0.8968052599835741). */
START_TEST(local_minima)
{
    for (size_t i = 0; i < hd_problem_count(); i++) {
        const hd_problem *p = hd_problem_at(i);
        if (isnan(p->f_local)) continue;
        ck_assert_msg(p->f_local > p->f_star && p->f_local_tol >= 0, "%s", p->name);
    }
    const hd_problem *p = hd_problem_find("freudenstein_roth");
    const double x[2] = {11.4127789219781, -0.8968052599835741};
    ck_assert_double_eq_tol(value_at(p, 0, x), p->f_local, p->f_local_tol + 1e-12 * p->f_local);
    /* Brown almost-linear's f = 1 at (0, ..., 0, n + 1) */
    p = hd_problem_find("brown_almost_linear");
    double y[10] = {0};
    y[9] = 11;
    ck_assert_double_eq(value_at(p, 10, y), p->f_local);
}
END_TEST

/* The same problems in other dimensions, where f* is a formula in n. */
START_TEST(minimizers_in_other_dimensions)
{
    static const struct { const char *name; size_t n; } cases[] = {
        {"extended_rosenbrock", 4}, {"extended_powell", 8}, {"variably_dimensioned", 3},
        {"trigonometric", 5},       {"brown_almost_linear", 5}, {"linear_full_rank", 3},
        {"linear_rank1", 4},        {"linear_rank1_zero", 5},   {"quadratic_well", 7}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const hd_problem *p = hd_problem_find(cases[k].name);
        double x[MAXN];
        ck_assert(p->n_ok(cases[k].n));
        ck_assert(p->x_star(cases[k].n, x));
        const double fs = hd_problem_f_star(p, cases[k].n);
        ck_assert_msg(fabs(value_at(p, cases[k].n, x) - fs) <= 1e-13 * fmax(1, fabs(fs)), "%s n=%zu",
                      cases[k].name, cases[k].n);
    }
    /* linear full rank, m = 2n: f* = m - n = n; rank 1 (n = 4, m = 8): 56/34 */
    ck_assert_double_eq(hd_problem_f_star(hd_problem_find("linear_full_rank"), 3), 3.0);
    ck_assert_double_eq_tol(hd_problem_f_star(hd_problem_find("linear_rank1"), 4), 56.0 / 34.0, 1e-15);
    ck_assert(!hd_problem_find("extended_rosenbrock")->n_ok(5));
    ck_assert(!hd_problem_find("extended_powell")->n_ok(6));
    ck_assert(!hd_problem_find("watson")->n_ok(32));
}
END_TEST

/* Problems written separately that must agree: the extended problems with one
 * block are their classic forms, at arbitrary points. */
START_TEST(extended_problems_reduce_to_the_classics)
{
    const hd_problem *er = hd_problem_find("extended_rosenbrock"), *r = hd_problem_find("rosenbrock");
    const hd_problem *ep = hd_problem_find("extended_powell"), *ps = hd_problem_find("powell_singular");
    const double a[4] = {0.3, -1.7, 2.5, 0.125}, b[4] = {-2.0, 0.5, 1.25, -0.75};
    ck_assert_double_eq(value_at(er, 2, a), value_at(r, 0, a));
    ck_assert_double_eq(value_at(er, 2, b), value_at(r, 0, b));
    ck_assert_double_eq(value_at(ep, 4, a), value_at(ps, 0, a));
    ck_assert_double_eq(value_at(ep, 4, b), value_at(ps, 0, b));
    /* two blocks: the sum of the blocks */
    const double ab[4] = {a[0], a[1], b[0], b[1]};
    ck_assert_double_eq_tol(value_at(er, 4, ab), value_at(r, 0, a) + value_at(r, 0, b), 1e-12);
}
END_TEST

/* ---- exact derivatives against central differences -----------------------------
 * Step h_j = 1e-5·max(1, |x_j|), and Richardson's combination of the central
 * differences with steps h and h/2, (4 D(h/2) - D(h))/3, which cancels the
 * h² term: the truncation error is O(h⁴·|fifth derivative|), negligible even
 * where a variable's natural scale is far below 1 (Osborne 1's rates, 0.01,
 * against times up to 320, where the plain central difference is off by 2e-6
 * relative). The rounding error is about 3·eps·F/h, F the largest |value| in
 * the stencil. We allow
 *   1e-6·max(1, ||exact||_inf) + 1e3·eps·F/h,
 * 300 times the rounding term and far above the truncation term, yet 10^6
 * times below a real error in a derivative (a wrong coefficient or sign moves
 * it by O(||exact||)). */
static double step(double x) { return 1e-5 * fmax(1.0, fabs(x)); }

/* Richardson-extrapolated central difference of the n-vector function F
 * (value: n = 1, gradient: n = obj->n) along coordinate j, into d; the
 * largest |F| seen goes to *fmax_seen. */
static void central(const hd_objective *obj, int gradient, double *x, size_t j, double *d,
                    double *fmax_seen)
{
    const size_t m = gradient ? obj->n : 1;
    const double h = step(x[j]), xj = x[j];
    double fp[MAXN], fm[MAXN], D1[MAXN];
    for (int pass = 0; pass < 2; pass++) {
        const double hh = pass ? h / 2 : h;
        x[j] = xj + hh;
        ck_assert_int_eq(gradient ? hd_gradient(obj, x, NULL, fp) : hd_value(obj, x, fp), HD_OK);
        x[j] = xj - hh;
        ck_assert_int_eq(gradient ? hd_gradient(obj, x, NULL, fm) : hd_value(obj, x, fm), HD_OK);
        x[j] = xj;
        for (size_t i = 0; i < m; i++) {
            const double Dh = (fp[i] - fm[i]) / (2 * hh);
            if (pass == 0) D1[i] = Dh;
            else d[i] = (4 * Dh - D1[i]) / 3;
            *fmax_seen = fmax(*fmax_seen, fmax(fabs(fp[i]), fabs(fm[i])));
        }
    }
}

/* Two points per problem: the standard start and a nearby generic point (so
 * that symmetric starts such as x = 0 do not hide a wrong term). */
static void test_point(const hd_problem *p, int which, double *x)
{
    p->start(0, x);
    if (which == 0) return;
    for (size_t j = 0; j < p->n; j++) x[j] += 0.05 * (1.0 + fabs(x[j])) * sin(1.0 + 2.0 * (double)j);
}

static double max_abs(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, fabs(v[i]));
    return m;
}

START_TEST(gradient_matches_central_differences)
{
    const hd_problem *p = hd_problem_at((size_t)_i / 2);
    const hd_objective obj = p->objective(0);
    const size_t n = obj.n;
    double x[MAXN], g[MAXN], f;
    test_point(p, _i % 2, x);
    ck_assert_int_eq(hd_gradient(&obj, x, &f, g), HD_OK);
    ck_assert_msg(isfinite(f), "%s: f not finite", p->name);
    ck_assert_double_eq(f, value_at(p, 0, x)); /* value from the same passes */
    const double gscale = fmax(1.0, max_abs(g, n));
    for (size_t j = 0; j < n; j++) {
        double fd, F = fabs(f);
        central(&obj, 0, x, j, &fd, &F);
        const double tol = 1e-6 * gscale + 1e3 * DBL_EPSILON * F / step(x[j]);
        ck_assert_msg(fabs(fd - g[j]) <= tol, "%s point %d: df/dx%zu exact %.17g, central %.17g",
                      p->name, _i % 2, j, g[j], fd);
    }
}
END_TEST

START_TEST(hessian_matches_central_differences_of_gradient)
{
    const hd_problem *p = hd_problem_at((size_t)_i / 2);
    const hd_objective obj = p->objective(0);
    const size_t n = obj.n;
    double x[MAXN], g[MAXN], gh[MAXN], col[MAXN], H[MAXN * MAXN], f, fh;
    test_point(p, _i % 2, x);
    ck_assert_int_eq(hd_gradient(&obj, x, &f, g), HD_OK);
    ck_assert_int_eq(hd_hessian(&obj, x, &fh, gh, H), HD_OK);
    /* value and gradient of the Hessian passes are those of the other drivers;
     * the taped path sums in another order, so to rounding */
    const double gscale = max_abs(g, n);
    ck_assert(fabs(fh - f) <= 1e-14 * fabs(f));
    for (size_t i = 0; i < n; i++) ck_assert(fabs(gh[i] - g[i]) <= 1e-14 * gscale);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            ck_assert_msg(H[i * n + j] == H[j * n + i], "%s: H not symmetric", p->name);
    const double hscale = fmax(1.0, max_abs(H, n * n));
    for (size_t j = 0; j < n; j++) {
        double G = max_abs(g, n);
        central(&obj, 1, x, j, col, &G);
        for (size_t i = 0; i < n; i++) {
            const double fd = col[i];
            const double tol = 1e-6 * hscale + 1e3 * DBL_EPSILON * G / step(x[j]);
            ck_assert_msg(fabs(fd - H[i * n + j]) <= tol,
                          "%s point %d: H[%zu][%zu] exact %.17g, central %.17g", p->name, _i % 2,
                          i, j, H[i * n + j], fd);
        }
    }
}
END_TEST

/* Variable-n problems at a second dimension: n reaches the body through ctx. */
START_TEST(variable_n_derivatives_in_another_dimension)
{
    const hd_problem *p = hd_problem_at((size_t)_i);
    if (!p->variable_n) return;
    size_t n = 0;
    for (size_t k = 2; k <= MAXN && !n; k++)
        if (k != p->n && p->n_ok(k)) n = k;
    ck_assert_msg(n != 0, "%s: no second dimension", p->name);
    const hd_objective obj = p->objective(n);
    ck_assert_uint_eq(obj.n, n);
    double x[MAXN], g[MAXN], H[MAXN * MAXN], f;
    p->start(n, x);
    for (size_t j = 0; j < n; j++) x[j] += 0.03 * cos((double)j);
    ck_assert_int_eq(hd_hessian(&obj, x, &f, g, H), HD_OK);
    for (size_t j = 0; j < n; j++) {
        const double h = step(x[j]);
        double fd, F = fabs(f), col[MAXN], G = max_abs(g, n);
        central(&obj, 0, x, j, &fd, &F);
        ck_assert_msg(fabs(fd - g[j]) <= 1e-6 * fmax(1, max_abs(g, n)) + 1e3 * DBL_EPSILON * F / h,
                      "%s n=%zu: gradient %zu", p->name, n, j);
        central(&obj, 1, x, j, col, &G);
        for (size_t i = 0; i < n; i++)
            ck_assert_msg(fabs(col[i] - H[i * n + j]) <=
                              1e-6 * fmax(1, max_abs(H, n * n)) + 1e3 * DBL_EPSILON * G / h,
                          "%s n=%zu: H[%zu][%zu]", p->name, n, i, j);
    }
}
END_TEST

/* ---- the kinds each problem is built for ------------------------------------------
 * The registry builds a problem's objective only for the kinds the automatic
 * paths call at its sizes. If one were missing, the drivers would answer
 * from a slower path and count its passes instead. The paths' choice by n,
 * as doc/performance.md states it: the gradient one hd_dual2 pass up to
 * n = 2, hd_dual4 passes up to 4, hd_dualv passes up to 12 (HD_LANES), the
 * tape beyond; the Hessian one hd_hyper2 pass up to n = 2, hd_hyper4 passes
 * up to n = 5 (one up to 4), the tape beyond. */
static void takes_the_fast_paths(const hd_problem *p, size_t n)
{
    const hd_objective obj = p->objective(n);
    ck_assert_uint_eq(obj.n, n);
    double x[64], g[64], f;
    static double H[64 * 64];
    p->start(n, x);
    hd_counts cg = {0}, ch = {0};
    ck_assert_int_eq(hd_gradient_ex(&obj, x, &f, g, HD_PATH_AUTO, &cg), HD_OK);
    ck_assert_int_eq(hd_hessian_ex(&obj, x, &f, g, H, HD_PATH_AUTO, &ch), HD_OK);
    const hd_kind grad = n <= 2 ? HD_KIND_DUAL2 : n <= 4 ? HD_KIND_DUAL4 : n <= 12 ? HD_KIND_DUALV
                                                                                     : HD_KIND_TAPED;
    const hd_kind hess = n <= 2 ? HD_KIND_HYPER2 : n <= 5 ? HD_KIND_HYPER4 : HD_KIND_TAPED;
    ck_assert_msg(cg.calls[grad] > 0 && hd_counts_passes(&cg) == cg.calls[grad],
                  "%s n=%zu: gradient not by %s passes alone", p->name, n, hd_kind_name(grad));
    ck_assert_msg(ch.calls[hess] > 0 && hd_counts_passes(&ch) == ch.calls[hess],
                  "%s n=%zu: Hessian not by %s passes alone", p->name, n, hd_kind_name(hess));
}

START_TEST(every_problem_takes_the_fast_paths_at_its_sizes)
{
    const hd_problem *p = hd_problem_at((size_t)_i);
    takes_the_fast_paths(p, p->n);
    if (!p->variable_n) return;
    static const size_t others[] = {1, 2, 3, 4, 5, 7, 8, 16, 17, 24, 31};
    for (size_t k = 0; k < sizeof others / sizeof *others; k++)
        if (p->n_ok(others[k])) takes_the_fast_paths(p, others[k]);
}
END_TEST

Suite *make_problems_suite(void)
{
    Suite *s = suite_create("problems");
    const int count = (int)hd_problem_count();
    TCase *tc = tcase_create("registry");
    tcase_add_test(tc, registry_is_complete_and_consistent);
    tcase_add_test(tc, required_problems_are_present);
    tcase_add_loop_test(tc, start_values_match_published, 0,
                        (int)(sizeof start_values / sizeof start_values[0]));
    tcase_add_test(tc, start_values_in_closed_form);
    tcase_add_loop_test(tc, minimizers_give_f_star, 0, count);
    tcase_add_test(tc, minimizers_in_other_dimensions);
    tcase_add_test(tc, local_minima);
    tcase_add_test(tc, extended_problems_reduce_to_the_classics);
    suite_add_tcase(s, tc);
    TCase *td = tcase_create("derivatives");
    tcase_add_loop_test(td, gradient_matches_central_differences, 0, 2 * count);
    tcase_add_loop_test(td, hessian_matches_central_differences_of_gradient, 0, 2 * count);
    tcase_add_loop_test(td, variable_n_derivatives_in_another_dimension, 0, count);
    tcase_add_loop_test(td, every_problem_takes_the_fast_paths_at_its_sizes, 0, count);
    suite_add_tcase(s, td);
    return s;
}
