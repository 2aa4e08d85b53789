/* The optimizers and hd_classify, against independent truth: minima and
 * saddle points known from the literature or solvable by hand, eigenvalues
 * known analytically, and statuses that follow from the mathematics (a
 * saddle is never a minimum, a step of 2/L or more diverges). */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

/* ---- objectives ---------------------------------------------------------- */

/* The classics (Rosenbrock, Beale, Powell badly scaled, Wood, the helical
 * valley, the saddle x^2 - y^2 + y^4/4 and sqrt(1 + x^2)) come from the
 * problem registry, whose definitions check_problems.c tests against the
 * published values; the objectives below exist only for these tests. */
static hd_objective registry(const char *name)
{
    const hd_problem *p = hd_problem_find(name);
    ck_assert_msg(p != NULL, "no registry problem %s", name);
    return p->objective(0);
}

/* f = 1/2 xᵀAx - bᵀx with A = [[4,1,0],[1,3,1],[0,1,2]] and b = A·(1,-2,3),
 * so the minimizer is (1,-2,3) and f* = -1/2 bᵀx*. */
static const double quad_xstar[3] = {1.0, -2.0, 3.0};
HD_GENERIC_OBJECTIVE(t_quad, T, x, ctx,
    static const double A[3][3] = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    T s = (T){0};
    for (int i = 0; i < 3; i++) {
        double bi = 0;
        for (int j = 0; j < 3; j++) bi += A[i][j] * quad_xstar[j];
        T axi = (T){0};
        for (int j = 0; j < 3; j++) axi = hd_add(axi, hd_mul(A[i][j], x[j]));
        s = hd_add(s, hd_sub(hd_mul(0.5, hd_mul(x[i], axi)), hd_mul(bi, x[i])));
    }
    return s;
)

/* 1000 x^2 - y^2 + y^4/4: the stiff x makes the Newton shift (beta scales
 * with max|h_ii|) damp the y direction; minima f = -1 at (0, ±sqrt 2). */
HD_GENERIC_OBJECTIVE(t_stiff_saddle, T, x, ctx,
    return hd_add(hd_sub(hd_mul(1000, hd_sq(x[0])), hd_sq(x[1])), hd_div(hd_sq(hd_sq(x[1])), 4));
)

/* Ill-conditioned quadratic: condition number 1e8. */
HD_GENERIC_OBJECTIVE(t_illquad, T, x, ctx,
    return hd_add(hd_sq(hd_sub(x[0], 2)), hd_mul(1e8, hd_sq(hd_add(x[1], 1))));
)

/* x^2 + 10 y^2: L = 20, so gradient descent with a step > 2/L = 0.1 diverges. */
HD_GENERIC_OBJECTIVE(t_bowl, T, x, ctx,
    return hd_add(hd_sq(x[0]), hd_mul(10, hd_sq(x[1])));
)

/* -log x + 10 x: NaN for x < 0; minimum at x = 0.1. */
HD_GENERIC_OBJECTIVE(t_logbar, T, x, ctx,
    return hd_add(hd_neg(hd_log(x[0])), hd_mul(10, x[0]));
)

/* -sqrt(1 - x^2 - y^2) + x/2: NaN outside the unit disc; minimum where
 * x/s = -1/2, y = 0 with s = sqrt(1 - x^2): x = -1/sqrt(5). */
HD_GENERIC_OBJECTIVE(t_dome, T, x, ctx,
    T s = hd_sqrt(hd_sub(1, hd_add(hd_sq(x[0]), hd_sq(x[1]))));
    return hd_add(hd_neg(s), hd_mul(0.5, x[0]));
)

/* (x - 0.1)^2 + e^x: the minimizer is irrational, so ||g|| cannot reach 0. */
HD_GENERIC_OBJECTIVE(t_irr, T, x, ctx,
    return hd_add(hd_sq(hd_sub(x[0], 0.1)), hd_exp(x[0]));
)

static hd_options opts(hd_method m)
{
    hd_options o;
    hd_options_default(&o, m);
    return o;
}

static hd_options pure_newton(void)
{
    hd_options o = opts(HD_NEWTON);
    o.hessian_fix = HD_HESSIAN_AS_IS;
    o.line_search = HD_LINESEARCH_NONE;
    return o;
}

static double value_at(const hd_objective *obj, const double *x)
{
    double f;
    ck_assert_int_eq(hd_value(obj, x, &f), HD_OK);
    return f;
}

/* ---- quadratics: Newton in one step --------------------------------------- */

START_TEST(newton_one_step_on_quadratics)
{
    const hd_objective q = t_quad_objective(3, NULL);
    const hd_method methods[] = {HD_NEWTON, HD_NEWTON_TRUST_REGION};
    for (int m = 0; m < 2; m++) {
        double x[3] = {10.0, 7.0, -5.0};
        hd_options o = opts(methods[m]);
        o.trust_radius = 100.0; /* the Newton step (length ~14) fits at once */
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&q, x, &o, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
        ck_assert_int_eq(r.converged, 1);
        ck_assert_int_eq(r.iterations, 1);
        for (int i = 0; i < 3; i++) ck_assert_double_eq_tol(x[i], quad_xstar[i], 1e-12);
        ck_assert_int_eq(r.point_kind, HD_POINT_MINIMUM);
    }
    /* Condition number 1e8: one step lands on the minimizer to rounding
     * (the gradient there is then ~1e8·eps, so the run is cut at one step). */
    const hd_objective ill = t_illquad_objective(2, NULL);
    double x[2] = {-3.0, 4.0};
    hd_options o = opts(HD_NEWTON);
    o.max_iter = 1;
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(&ill, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.iterations, 1);
    ck_assert_double_eq_tol(x[0], 2.0, 1e-14);
    ck_assert_double_eq_tol(x[1], -1.0, 1e-14);
}
END_TEST

/* ---- saddles ------------------------------------------------------------------ */

START_TEST(saddle_starts_are_never_minima)
{
    const hd_objective s = registry("saddle");
    const double starts[][2] = {{1.0, 0.0}, {0.0, 0.0}, {-2.5, 0.0}};
    for (int k = 0; k < 3; k++) {
        /* Newton and the trust region escape and reach a true minimum. */
        const hd_method esc[] = {HD_NEWTON, HD_NEWTON_TRUST_REGION};
        for (int m = 0; m < 2; m++) {
            double x[2] = {starts[k][0], starts[k][1]};
            hd_options o = opts(esc[m]);
            o.hessian_fix = k == 2 ? HD_HESSIAN_EIGEN : HD_HESSIAN_SHIFT;
            hd_result r = {0};
            ck_assert_int_eq(hd_minimize(&s, x, &o, &r), HD_OK);
            ck_assert_int_eq(r.status, HD_CONVERGED);
            ck_assert_double_eq_tol(r.f, -1.0, 1e-12);
            ck_assert_double_eq_tol(fabs(x[1]), sqrt(2.0), 1e-7);
            ck_assert_int_eq(r.point_kind, HD_POINT_MINIMUM);
            ck_assert(r.min_eigenvalue > 0);
        }
        /* Pure Newton and Newton without escape report the saddle. */
        for (int m = 0; m < 2; m++) {
            double x[2] = {starts[k][0], starts[k][1]};
            hd_options o = m == 0 ? pure_newton() : opts(HD_NEWTON);
            o.escape_saddles = 0;
            hd_result r = {0};
            ck_assert_int_eq(hd_minimize(&s, x, &o, &r), HD_OK);
            ck_assert_int_eq(r.status, HD_SADDLE);
            ck_assert_int_eq(r.converged, 0);
            ck_assert_int_ne(r.point_kind, HD_POINT_MINIMUM);
        }
        /* First-order methods with classify_final say so too. */
        const hd_method fo[] = {HD_GRADIENT_DESCENT, HD_BFGS};
        for (int m = 0; m < 2; m++) {
            double x[2] = {starts[k][0], starts[k][1]};
            hd_options o = opts(fo[m]);
            o.classify_final = 1;
            hd_result r = {0};
            ck_assert_int_eq(hd_minimize(&s, x, &o, &r), HD_OK);
            ck_assert_int_eq(r.status, HD_SADDLE);
            ck_assert_int_eq(r.converged, 0);
            ck_assert_int_eq(r.point_kind, HD_POINT_SADDLE);
            ck_assert_double_eq_tol(r.min_eigenvalue, -2.0, 1e-6);
            /* without classification the kind stays unknown, never "minimum" */
            double x2[2] = {starts[k][0], starts[k][1]};
            o.classify_final = 0;
            ck_assert_int_eq(hd_minimize(&s, x2, &o, &r), HD_OK);
            ck_assert_int_eq(r.point_kind, -1);
        }
    }
}
END_TEST

typedef struct {
    const char *name;
    hd_objective obj;
    double x0[4], xstar[4];
} known_problem;

static void classic(known_problem *p)
{
    p[0] = (known_problem){"beale", registry("beale"), {1, 1}, {3, 0.5}};
    p[1] = (known_problem){"powell", registry("powell_badly_scaled"), {0, 1}, {1.098159329699759e-05, 9.106146739867318}};
    p[2] = (known_problem){"wood", registry("wood"), {-3, -1, -3, -1}, {1, 1, 1, 1}};
}

/* Off the saddle's axis, the shifted Newton step and the negative-curvature
 * step compete; with escape_saddles = 0 only the former is taken. */
START_TEST(negative_curvature_steps_are_used_and_can_be_turned_off)
{
    const hd_objective s = t_stiff_saddle_objective(2, NULL);
    double x[2] = {1.0, 1e-3};
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(&s, x, NULL, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert(r.curvature_steps >= 1);
    ck_assert_double_eq_tol(x[1], sqrt(2.0), 1e-7);
    double y[2] = {1.0, 1e-3};
    hd_options o = opts(HD_NEWTON);
    o.escape_saddles = 0;
    ck_assert_int_eq(hd_minimize(&s, y, &o, &r), HD_OK);
    ck_assert_int_eq(r.curvature_steps, 0);
    ck_assert_int_eq(r.saddle_escapes, 0);
    /* the shifted steps still find the minimum, only slower */
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert_double_eq_tol(y[1], sqrt(2.0), 1e-7);
}
END_TEST

START_TEST(pure_newton_lands_on_saddles_default_newton_does_not)
{
    known_problem p[3];
    classic(p);
    for (int k = 0; k < 3; k++) {
        const size_t n = p[k].obj.n;
        double x[4];
        memcpy(x, p[k].x0, sizeof x);
        hd_options o = pure_newton();
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&p[k].obj, x, &o, &r), HD_OK);
        ck_assert_msg(r.status == HD_SADDLE, "%s: pure Newton status %d", p[k].name, r.status);
        ck_assert_int_eq(r.converged, 0);
        ck_assert_msg(r.f_last > 0.1, "%s: pure Newton stopped at f = %g", p[k].name, r.f_last);

        memcpy(x, p[k].x0, sizeof x);
        ck_assert_int_eq(hd_minimize(&p[k].obj, x, NULL, &r), HD_OK);
        ck_assert_msg(r.status == HD_CONVERGED, "%s: Newton status %d", p[k].name, r.status);
        ck_assert(r.f <= 1e-20);
        ck_assert(r.grad_norm <= 1e-8);
        for (size_t i = 0; i < n; i++)
            ck_assert_double_eq_tol(x[i], p[k].xstar[i], 1e-6 * fmax(1.0, fabs(p[k].xstar[i])));
    }
}
END_TEST

START_TEST(trust_region_solves_powell_badly_scaled)
{
    const hd_objective o = registry("powell_badly_scaled");
    double x[2] = {0.0, 1.0};
    hd_options opt = opts(HD_NEWTON_TRUST_REGION);
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(&o, x, &opt, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert(r.f <= 1e-20);
    ck_assert_double_eq_tol(x[0], 1.098159329699759e-05, 1e-12);
    ck_assert_double_eq_tol(x[1], 9.106146739867318, 1e-7);
}
END_TEST

START_TEST(every_method_solves_rosenbrock_and_helical_valley)
{
    const hd_method methods[] = {HD_NEWTON, HD_NEWTON_TRUST_REGION, HD_BFGS};
    const hd_linesearch ls[] = {HD_LINESEARCH_BACKTRACKING, HD_LINESEARCH_WOLFE};
    const hd_objective rosen = registry("rosenbrock"), hel = registry("helical_valley");
    for (int m = 0; m < 3; m++)
        for (int l = 0; l < 2; l++) {
            double x[3] = {-1.2, 1.0, 0.0};
            hd_options o = opts(methods[m]);
            o.line_search = ls[l];
            hd_result r = {0};
            ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_OK);
            ck_assert_msg(r.status == HD_CONVERGED, "%s: status %d", hd_method_name(methods[m]), r.status);
            ck_assert_double_eq_tol(x[0], 1.0, 1e-7);
            ck_assert_double_eq_tol(x[1], 1.0, 1e-7);
            double y[3] = {-1.0, 0.0, 0.0};
            ck_assert_int_eq(hd_minimize(&hel, y, &o, &r), HD_OK);
            ck_assert_int_eq(r.status, HD_CONVERGED);
            ck_assert_double_eq_tol(y[0], 1.0, 1e-7);
            ck_assert_double_eq_tol(y[1], 0.0, 1e-7);
            ck_assert_double_eq_tol(y[2], 0.0, 1e-7);
        }
    /* gradient descent, both line searches, on the well-conditioned bowl */
    const hd_objective bowl = t_bowl_objective(2, NULL);
    for (int l = 0; l < 2; l++) {
        double x[2] = {3.0, -2.0};
        hd_options o = opts(HD_GRADIENT_DESCENT);
        o.line_search = ls[l];
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&bowl, x, &o, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
        ck_assert(fabs(x[0]) < 1e-8 && fabs(x[1]) < 1e-8);
    }
}
END_TEST

/* ---- gradient descent's fixed step --------------------------------------- */

START_TEST(gradient_descent_fixed_step_converges_or_diverges_as_theory_says)
{
    const hd_objective bowl = t_bowl_objective(2, NULL);
    const double x0[2] = {1.0, 1.0};
    double x[2] = {1.0, 1.0};
    hd_options o = opts(HD_GRADIENT_DESCENT);
    o.line_search = HD_LINESEARCH_NONE;
    o.learning_rate = 0.05; /* < 2/L = 0.1: contraction factors 0.9 and 0 */
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(&bowl, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert(fabs(x[0]) < 1e-8);

    /* Barzilai-Borwein steps solve a 2-d quadratic in a handful of steps,
     * where the fixed step needs about 180 */
    const int fixed_iterations = r.iterations;
    ck_assert(fixed_iterations > 100);
    memcpy(x, x0, sizeof x);
    o.barzilai_borwein = 1;
    ck_assert_int_eq(hd_minimize(&bowl, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert(r.iterations < 20);
    ck_assert(fabs(x[0]) < 1e-8 && fabs(x[1]) < 1e-8);
    o.barzilai_borwein = 0;

    memcpy(x, x0, sizeof x);
    o.learning_rate = 0.2; /* y <- (1 - 0.2·20) y = -3 y, x <- 0.6 x */
    ck_assert_int_eq(hd_minimize(&bowl, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_DIVERGED);
    ck_assert_int_eq(r.converged, 0);
    /* every step raises f and triples ||x||_inf: the documented runaway
     * rule (5 such steps) ends the run, at y = (-3)^5 */
    ck_assert_int_eq(r.iterations, 5);
    ck_assert_double_eq_tol(r.f_last, 0.36 * 0.36 * 0.36 * 0.36 * 0.36 + 10 * pow(3.0, 10), 1e-6);
    /* never worse than the start: here the start itself is the best point */
    ck_assert(r.f <= value_at(&bowl, x0));
    ck_assert_double_eq(x[0], x0[0]);
    ck_assert_double_eq(x[1], x0[1]);
}
END_TEST

/* Pure Newton on sqrt(1 + x^2) from 1.5 runs away as x <- -x^3 until the
 * Hessian rounds to 0; that is divergence, not a singular-Hessian failure. */
static int record_x(const hd_iteration *it, void *data)
{
    double *xs = data;
    if (it->iteration < 8) xs[it->iteration] = it->x[0];
    return 0;
}

START_TEST(pure_newton_divergence_is_reported_as_such)
{
    const hd_objective obj = registry("pseudo_huber");
    const double starts[] = {1.5, 1.1, -2.0};
    for (int k = 0; k < 3; k++) {
        double x = starts[k], xs[8] = {0};
        hd_options o = pure_newton();
        o.callback = record_x;
        o.callback_data = xs;
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&obj, &x, &o, &r), HD_OK);
        ck_assert_msg(r.status == HD_DIVERGED, "from %g: status %d", starts[k], r.status);
        ck_assert_int_eq(r.converged, 0);
        /* the returned point is the start, the best point seen */
        ck_assert_double_eq(x, starts[k]);
        ck_assert_double_eq_tol(r.f, sqrt(1 + starts[k] * starts[k]), 1e-15);
        /* the iterates are the analytic -x^3 sequence; the exact f'' = 1/s^3
         * is computed as 1/s - x^2/s^3, which loses about x^2 ulps */
        for (int i = 1; i <= 3 && i <= r.iterations; i++) {
            const double want = -xs[i - 1] * xs[i - 1] * xs[i - 1];
            ck_assert_double_eq_tol(xs[i], want, 1e-9 * fabs(want));
        }
    }
    /* from |x0| < 1 the same method converges (x <- -x^3 contracts) */
    double x = 0.9;
    hd_options o = pure_newton();
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(&obj, &x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert(fabs(x) < 1e-8);
}
END_TEST

/* ---- never worse than the start, whatever the method ------------------- */

START_TEST(returned_point_is_never_worse_than_the_start)
{
    known_problem p[3];
    classic(p);
    const hd_objective extra[] = {registry("rosenbrock"), registry("saddle"),
                                  registry("helical_valley"), t_bowl_objective(2, NULL)};
    const double extra_x0[][4] = {{-1.2, 1}, {1, 0.5}, {-1, 0, 0}, {1, 1}};
    hd_options os[7];
    os[0] = opts(HD_NEWTON);
    os[1] = opts(HD_NEWTON_TRUST_REGION);
    os[2] = opts(HD_BFGS);
    os[3] = pure_newton();
    os[4] = opts(HD_GRADIENT_DESCENT);
    os[4].line_search = HD_LINESEARCH_NONE;
    os[4].learning_rate = 0.3; /* far too large: every problem here diverges or oscillates */
    os[4].max_iter = 200;
    os[5] = opts(HD_GRADIENT_DESCENT);
    os[5].max_iter = 200;
    os[6] = opts(HD_NEWTON);
    os[6].hessian_fix = HD_HESSIAN_EIGEN;
    for (int k = 0; k < 7; k++) {
        const hd_objective *obj = k < 3 ? &p[k].obj : &extra[k - 3];
        const double *x0 = k < 3 ? p[k].x0 : extra_x0[k - 3];
        const double f0 = value_at(obj, x0);
        for (int m = 0; m < 7; m++) {
            double x[4];
            memcpy(x, x0, sizeof x);
            hd_result r = {0};
            ck_assert_int_eq(hd_minimize(obj, x, &os[m], &r), HD_OK);
            ck_assert_msg(r.f <= f0, "problem %d method %d: f %g > f0 %g", k, m, r.f, f0);
            ck_assert_double_eq(value_at(obj, x), r.f); /* f belongs to the returned x */
            ck_assert(r.status > 0);
            if (r.converged) ck_assert(r.grad_norm <= os[m].gtol);
        }
    }
}
END_TEST

/* ---- non-finite objectives ------------------------------------------------------ */

START_TEST(non_finite_objectives_never_crash)
{
    const hd_objective logbar = t_logbar_objective(1, NULL);
    const hd_objective dome = t_dome_objective(2, NULL);
    hd_options os[6];
    os[0] = opts(HD_NEWTON);
    os[1] = opts(HD_NEWTON_TRUST_REGION);
    os[2] = opts(HD_BFGS);
    os[3] = opts(HD_GRADIENT_DESCENT);
    os[4] = pure_newton();
    os[5] = opts(HD_GRADIENT_DESCENT);
    os[5].line_search = HD_LINESEARCH_NONE;
    os[5].learning_rate = 0.5; /* the first step leaves the domain */
    os[5].max_iter = 2000;
    for (int m = 0; m < 6; m++) {
        double x[2] = {1.0, 0.0};
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&logbar, x, &os[m], &r), HD_OK);
        ck_assert(isfinite(r.f) && r.f <= 10.0);
        if (r.converged) ck_assert_double_eq_tol(x[0], 0.1, 1e-8);

        double y[2] = {0.5, 0.5};
        ck_assert_int_eq(hd_minimize(&dome, y, &os[m], &r), HD_OK);
        ck_assert(isfinite(r.f) && r.f <= 0.25 - sqrt(0.5));
        if (r.converged) {
            ck_assert_double_eq_tol(y[0], -1.0 / sqrt(5.0), 1e-7);
            ck_assert_double_eq_tol(y[1], 0.0, 1e-7);
        }
    }
    /* the globalized methods recover */
    for (int m = 0; m < 4; m++) {
        double x[1] = {1.0};
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&logbar, x, &os[m], &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
    }
    /* a NaN start is reported, never called converged, and x is untouched */
    for (int m = 0; m < 6; m++) {
        double x[2] = {-1.0, 0.0};
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&logbar, x, &os[m], &r), HD_OK);
        ck_assert_int_eq(r.status, HD_NONFINITE_VALUE);
        ck_assert_int_eq(r.converged, 0);
        ck_assert_double_eq(x[0], -1.0);
    }
}
END_TEST

/* ---- precision limit and stalling ------------------------------------------- */

/* The root of 2(x - 0.1) + e^x by bisection, independent of the optimizer. */
static double irr_root(void)
{
    double lo = -2.0, hi = 2.0;
    for (int k = 0; k < 200; k++) {
        const double mid = 0.5 * (lo + hi);
        if (2 * (mid - 0.1) + exp(mid) > 0) hi = mid;
        else lo = mid;
    }
    return 0.5 * (lo + hi);
}

START_TEST(precision_limit_and_stall_are_not_convergence)
{
    const hd_objective irr = t_irr_objective(1, NULL);
    const hd_method methods[] = {HD_GRADIENT_DESCENT, HD_NEWTON_TRUST_REGION, HD_BFGS};
    for (int m = 0; m < 3; m++) {
        double x[1] = {2.0};
        hd_options o = opts(methods[m]);
        o.gtol = 0.0; /* unattainable unless rounding makes g exactly 0 */
        hd_result r = {0};
        ck_assert_int_eq(hd_minimize(&irr, x, &o, &r), HD_OK);
        if (r.grad_norm > 0) {
            ck_assert_int_eq(r.status, HD_PRECISION_LIMIT);
            ck_assert_int_eq(r.converged, 0);
        }
        ck_assert_double_eq_tol(x[0], irr_root(), 1e-8);
    }
    /* a loose ftol stops gradient descent early: stalled, not converged */
    const hd_objective rosen = registry("rosenbrock");
    double x[2] = {-1.2, 1.0};
    hd_options o = opts(HD_GRADIENT_DESCENT);
    o.ftol = 1e-3;
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_STALLED);
    ck_assert_int_eq(r.converged, 0);
    ck_assert(r.grad_norm > o.gtol);
}
END_TEST

/* ---- counters, callback, trace, limits ---------------------------------------- */

typedef struct {
    int calls, stop_at, last_iter;
    double last_f;
    int monotone;
    long last_hyper;
} cb_state;

static int record(const hd_iteration *it, void *user)
{
    cb_state *s = user;
    if (s->calls > 0 && it->f > s->last_f) s->monotone = 0;
    s->calls++;
    s->last_iter = it->iteration;
    s->last_f = it->f;
    s->last_hyper = it->hyper_calls + it->hyper4_calls;
    return s->stop_at >= 0 && it->iteration >= s->stop_at;
}

/* The smallest eigenvalue of Rosenbrock's Hessian at x, by the 2x2 formula. */
static int rosen_min_eig_checked(const hd_iteration *it, void *user)
{
    const double x = it->x[0], y = it->x[1];
    const double a = 2 - 400 * (y - x * x) + 800 * x * x, b = -400 * x, c = 200;
    const double lmin = 0.5 * (a + c) - sqrt(0.25 * (a - c) * (a - c) + b * b);
    int *bad = user;
    if (!(fabs(it->min_eigenvalue - lmin) <= 1e-9 * fmax(1.0, fabs(a) + fabs(c)))) ++*bad;
    return 0;
}

START_TEST(counters_callback_and_trace_are_honest)
{
    const hd_objective rosen = registry("rosenbrock");
    double x[2] = {-1.2, 1.0};
    hd_trace_row rows[8];
    cb_state s = {0, -1, 0, 0, 1, 0};
    hd_options o = opts(HD_NEWTON);
    o.callback = record;
    o.callback_data = &s;
    hd_result r = {0};
    r.trace = rows;
    r.trace_cap = 8;
    ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    /* one callback per iterate, the start included */
    ck_assert_int_eq(s.calls, r.iterations + 1);
    ck_assert(s.monotone);
    /* one Hessian per iterate, ONE hd_hyper4 pass at n = 2; each
     * line-search trial is one dual pass */
    ck_assert_int_eq(r.hyper4_calls, r.iterations + 1);
    ck_assert_int_eq(r.hyper_calls, 0);
    ck_assert_int_eq(r.dual_calls, r.ls_trials);
    ck_assert_int_eq(r.f_calls, 0);
    ck_assert_int_eq(r.passes, r.dual_calls + r.hyper4_calls);
    ck_assert_int_eq(s.last_hyper, r.hyper4_calls);
    ck_assert(r.factorizations >= r.iterations);
    ck_assert_uint_eq(r.trace_len, 8);
    for (int i = 0; i < 8; i++) ck_assert_int_eq(rows[i].iteration, i);
    ck_assert_double_eq_tol(rows[0].f, 24.2, 1e-12);

    /* the trust region shows the smallest eigenvalue of every iterate */
    double v[2] = {-1.2, 1.0};
    int bad = 0;
    hd_options tr = opts(HD_NEWTON_TRUST_REGION);
    tr.callback = rosen_min_eig_checked;
    tr.callback_data = &bad;
    ck_assert_int_eq(hd_minimize(&rosen, v, &tr, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert_int_eq(bad, 0);
    ck_assert_double_eq_tol(r.min_eigenvalue, 501 - sqrt(501.0 * 501.0 - 400.0), 1e-6);

    /* the callback stops the run */
    double y[2] = {-1.2, 1.0};
    cb_state t = {0, 3, 0, 0, 1, 0};
    o.callback_data = &t;
    r.trace = NULL;
    ck_assert_int_eq(hd_minimize(&rosen, y, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_STOPPED_BY_CALLBACK);
    ck_assert_int_eq(r.iterations, 3);
    ck_assert_int_eq(r.converged, 0);

    /* iteration and evaluation limits */
    double z[2] = {-1.2, 1.0};
    o = opts(HD_GRADIENT_DESCENT);
    o.max_iter = 10;
    ck_assert_int_eq(hd_minimize(&rosen, z, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_MAX_ITERATIONS);
    ck_assert_int_eq(r.iterations, 10);
    double w[2] = {-1.2, 1.0};
    o = opts(HD_NEWTON);
    o.max_evals = 20;
    ck_assert_int_eq(hd_minimize(&rosen, w, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_MAX_EVALUATIONS);
    ck_assert(r.f_calls + r.passes >= 20);
    ck_assert(r.f_calls + r.dual_calls + r.hyper_calls <= 20 + 3);
}
END_TEST

/* The vector-lane paths (paths.h) change the cost, never the run: with and
 * without the faster kinds (kinds.h) the iterates, statuses and iteration counts are
 * those of the contract's scalar path, the line-search trials are the same
 * dual passes, and every Hessian costs what hd_hessian_ex counts for one. */
START_TEST(lane_paths_change_the_cost_not_the_run)
{
    const hd_objective full[2] = {registry("helical_valley"), registry("wood")};
    const double starts[2][4] = {{-1, 0, 0, 0}, {-3, -1, -3, -1}};
    const hd_method methods[3] = {HD_NEWTON, HD_NEWTON_TRUST_REGION, HD_BFGS};
    for (int k = 0; k < 2; k++) {
        ck_assert(full[k].bodies && full[k].bodies->dualv && full[k].bodies->hyperv);
        hd_bodies b;
        const hd_objective scalar =
            hd_test_without(full[k], &b, ~(HD_TEST_KIND(VALUE) | HD_TEST_KIND(DUAL) | HD_TEST_KIND(HYPER)));
        const size_t n = full[k].n;
        const long entries = (long)(n * (n + 1) / 2);
        /* what one Hessian costs on the path the drivers choose */
        double f, g[4], h[16];
        hd_counts one = {.f_calls = 0};
        ck_assert_int_eq(hd_hessian_ex(&full[k], starts[k], &f, g, h, HD_PATH_AUTO, &one), HD_OK);
        const long per_hessian = hd_counts_passes(&one);
        ck_assert(per_hessian >= 1 && per_hessian <= entries);
        for (int m = 0; m < 3; m++) {
            double xs[4], xl[4];
            memcpy(xs, starts[k], sizeof xs);
            memcpy(xl, starts[k], sizeof xl);
            hd_options o = opts(methods[m]);
            o.classify_final = 1;
            hd_result rs = {0}, rl = {0};
            ck_assert_int_eq(hd_minimize(&scalar, xs, &o, &rs), HD_OK);
            ck_assert_int_eq(hd_minimize(&full[k], xl, &o, &rl), HD_OK);
            ck_assert_int_eq(rs.status, HD_CONVERGED);
            ck_assert_int_eq(rl.status, rs.status);
            ck_assert_int_eq(rl.iterations, rs.iterations);
            for (size_t i = 0; i < n; i++) ck_assert_double_eq_tol(xl[i], xs[i], 1e-12);
            ck_assert_int_eq(rl.f_calls, rs.f_calls);
            ck_assert_int_eq(rs.passes, rs.dual_calls + rs.hyper_calls);
            ck_assert_int_eq(rl.passes, rl.dual_calls + rl.hyper_calls + rl.dual2_calls +
                                            rl.dual4_calls + rl.dualv_calls + rl.hyperv_calls +
                                            rl.taped_calls + rl.pattern_calls + rl.hyper4_calls);
            if (methods[m] == HD_BFGS) {
                /* gradients by lanes or several directions per pass: fewer passes */
                ck_assert(rl.passes < rs.passes);
                continue;
            }
            /* Newton and TR: one Hessian per iterate and per rejected trial; the
             * scalar run shows how many (each n(n+1)/2 hyper-dual passes) */
            ck_assert_int_eq(rs.hyper_calls % entries, 0);
            const long hessians = rs.hyper_calls / entries;
            ck_assert_int_eq(rl.hyper_calls + rl.hyperv_calls + rl.hyper4_calls, hessians * per_hessian);
            ck_assert_int_eq(rl.dual_calls, rs.dual_calls);
            ck_assert(rl.hyperv_calls + rl.hyper4_calls > 0);
        }
    }
}
END_TEST

START_TEST(bad_arguments_are_rejected)
{
    const hd_objective rosen = registry("rosenbrock");
    double x[2] = {-1.2, 1.0};
    hd_result r = {0};
    ck_assert_int_eq(hd_minimize(NULL, x, NULL, &r), HD_EINVAL);
    ck_assert_int_eq(hd_minimize(&rosen, NULL, NULL, &r), HD_EINVAL);
    hd_objective bad = rosen;
    bad.n = 0;
    ck_assert_int_eq(hd_minimize(&bad, x, NULL, &r), HD_EINVAL);
    bad = rosen;
    bad.f_hyper = NULL;
    ck_assert_int_eq(hd_minimize(&bad, x, NULL, &r), HD_EINVAL);
    hd_options o = opts(HD_GRADIENT_DESCENT);
    o.line_search = HD_LINESEARCH_NONE;
    o.learning_rate = 0.0;
    ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_EINVAL);
    o = opts(HD_NEWTON);
    o.max_iter = -1;
    ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_EINVAL);
    o = opts(HD_NEWTON);
    o.gtol = NAN;
    ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_EINVAL);
    o = opts(HD_NEWTON);
    o.method = (hd_method)42;
    ck_assert_int_eq(hd_minimize(&rosen, x, &o, &r), HD_EINVAL);
    ck_assert_double_eq(x[0], -1.2); /* untouched on error */
    /* res may be NULL */
    ck_assert_int_eq(hd_minimize(&rosen, x, NULL, NULL), HD_OK);
    ck_assert_double_eq_tol(x[0], 1.0, 1e-8);
}
END_TEST

START_TEST(defaults_and_strings)
{
    hd_options o;
    hd_options_default(&o, HD_NEWTON);
    ck_assert_int_eq(o.method, HD_NEWTON);
    ck_assert_double_eq(o.gtol, 1e-8);
    ck_assert_int_eq(o.line_search, HD_LINESEARCH_BACKTRACKING);
    ck_assert_int_eq(o.hessian_fix, HD_HESSIAN_SHIFT);
    ck_assert_int_eq(o.escape_saddles, 1);
    ck_assert_double_eq(o.ftol, 0.0);
    ck_assert_double_eq(o.xtol, 0.0);
    hd_options_default(&o, HD_GRADIENT_DESCENT);
    ck_assert_int_eq(o.max_iter, 100000);
    ck_assert_double_eq(o.learning_rate, 1e-3);
    ck_assert_str_eq(hd_method_name(HD_NEWTON), "newton");
    ck_assert_str_eq(hd_method_name(HD_GRADIENT_DESCENT), "gradient descent");
    ck_assert_str_eq(hd_point_kind_str(HD_POINT_SADDLE), "saddle");
    ck_assert_str_eq(hd_point_kind_str(HD_POINT_DEGENERATE), "degenerate");
}
END_TEST

/* Every code of the public enums, written out from error.h and optim.h rather
 * than taken from the library, so that a code the table lacks fails here. */
static const int error_codes[] = {HD_OK, HD_EINVAL, HD_ENOMEM, HD_ENONFINITE, HD_ELAPACK,
                                  HD_ESYNTAX, HD_ERANGE, HD_EDOM};
static const int status_codes[] = {HD_CONVERGED, HD_SADDLE, HD_STALLED, HD_PRECISION_LIMIT,
                                   HD_LINESEARCH_FAILED, HD_NONFINITE_VALUE,
                                   HD_NONFINITE_GRADIENT, HD_NONFINITE_HESSIAN,
                                   HD_MAX_ITERATIONS, HD_MAX_EVALUATIONS,
                                   HD_STOPPED_BY_CALLBACK, HD_DIVERGED, HD_SINGULAR_HESSIAN};
#define N_ERRORS (sizeof error_codes / sizeof error_codes[0])
#define N_STATUSES (sizeof status_codes / sizeof status_codes[0])
/* the fallbacks, as error.h and optim.h document them */
#define UNKNOWN_ERROR "unknown error code"
#define UNKNOWN_STATUS "unknown optimizer status"

/* hd_strerror and hd_status_str describe any code alike: every error and
 * status its own non-empty text, never a fallback. */
START_TEST(every_code_has_its_own_text)
{
    /* the lists above span the codes from HD_EDOM to HD_SINGULAR_HESSIAN
     * without a gap, as the enums do: a list that lost a code shows here */
    ck_assert_uint_eq(N_ERRORS + N_STATUSES, (size_t)(HD_SINGULAR_HESSIAN - HD_EDOM + 1));
    int all[N_ERRORS + N_STATUSES];
    for (size_t i = 0; i < N_ERRORS; i++) all[i] = error_codes[i];
    for (size_t i = 0; i < N_STATUSES; i++) all[N_ERRORS + i] = status_codes[i];
    for (size_t i = 0; i < N_ERRORS + N_STATUSES; i++) {
        const int c = all[i];
        const char *e = hd_strerror(c), *s = hd_status_str(c);
        ck_assert_msg(e != NULL && s != NULL, "code %d: NULL text", c);
        ck_assert_msg(e[0] != '\0', "code %d: empty text", c);
        ck_assert_msg(strcmp(e, UNKNOWN_ERROR) != 0 && strcmp(e, UNKNOWN_STATUS) != 0,
                      "code %d: the fallback \"%s\"", c, e);
        ck_assert_str_eq(s, e);
        for (size_t j = 0; j < i; j++) ck_assert_str_ne(e, hd_strerror(all[j]));
    }
    /* a status line also says what to do: longer than a bare name */
    for (size_t i = 0; i < N_STATUSES; i++) ck_assert(strlen(hd_status_str(status_codes[i])) > 20);
    ck_assert(strstr(hd_strerror(HD_DIVERGED), "diverged") != NULL);
    ck_assert_str_eq(hd_strerror(HD_OK), "success");
}
END_TEST

/* Just outside the enums, and at the ends of int: the sign picks the fallback. */
START_TEST(out_of_range_codes_get_the_fallback)
{
    const int below[] = {HD_EDOM - 1, -1000, INT_MIN + 1, INT_MIN};
    const int above[] = {HD_SINGULAR_HESSIAN + 1, 12345, 1 << 30, INT_MAX};
    for (size_t i = 0; i < sizeof below / sizeof below[0]; i++) {
        ck_assert_str_eq(hd_strerror(below[i]), UNKNOWN_ERROR);
        ck_assert_str_eq(hd_status_str(below[i]), UNKNOWN_ERROR);
    }
    for (size_t i = 0; i < sizeof above / sizeof above[0]; i++) {
        ck_assert_str_eq(hd_strerror(above[i]), UNKNOWN_STATUS);
        ck_assert_str_eq(hd_status_str(above[i]), UNKNOWN_STATUS);
    }
}
END_TEST

/* ---- hd_classify ------------------------------------------------------------------- */

START_TEST(classify_known_matrices)
{
    hd_point_kind k;
    double w[3];
    const double spd[4] = {2, 1, 1, 2}; /* eigenvalues 1, 3 */
    ck_assert_int_eq(hd_classify(2, spd, w, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_MINIMUM);
    ck_assert_double_eq_tol(w[0], 1.0, 1e-14);
    ck_assert_double_eq_tol(w[1], 3.0, 1e-14);
    const double ind[4] = {1, 2, 2, 1}; /* -1, 3 */
    ck_assert_int_eq(hd_classify(2, ind, w, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_SADDLE);
    ck_assert_double_eq_tol(w[0], -1.0, 1e-14);
    const double neg[4] = {-1, 0, 0, -4};
    ck_assert_int_eq(hd_classify(2, neg, NULL, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_MAXIMUM);
    const double sing[4] = {1, 1, 1, 1}; /* 0, 2 */
    ck_assert_int_eq(hd_classify(2, sing, w, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_DEGENERATE);
    ck_assert_double_eq_tol(w[0], 0.0, 1e-14);
    const double zero[4] = {0, 0, 0, 0};
    ck_assert_int_eq(hd_classify(2, zero, w, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_DEGENERATE);
    /* tridiag(-1, 2, -1): 2 - sqrt 2, 2, 2 + sqrt 2 */
    const double tri[9] = {2, -1, 0, -1, 2, -1, 0, -1, 2};
    ck_assert_int_eq(hd_classify(3, tri, w, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_MINIMUM);
    ck_assert_double_eq_tol(w[0], 2 - sqrt(2.0), 1e-14);
    ck_assert_double_eq_tol(w[1], 2.0, 1e-14);
    ck_assert_double_eq_tol(w[2], 2 + sqrt(2.0), 1e-14);
    /* relative tolerance: 1e-12 next to 1 counts as zero, 1e-8 does not */
    const double tiny[4] = {1, 0, 0, 1e-12}, small[4] = {1, 0, 0, 1e-8};
    ck_assert_int_eq(hd_classify(2, tiny, NULL, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_DEGENERATE);
    ck_assert_int_eq(hd_classify(2, small, NULL, &k), HD_OK);
    ck_assert_int_eq(k, HD_POINT_MINIMUM);
    const double bad[4] = {1, NAN, NAN, 1};
    ck_assert_int_eq(hd_classify(2, bad, w, &k), HD_ENONFINITE);
    ck_assert_int_eq(hd_classify(0, spd, w, &k), HD_EINVAL);
    ck_assert_int_eq(hd_classify(2, NULL, w, &k), HD_EINVAL);
    ck_assert_int_eq(hd_classify(2, spd, w, NULL), HD_EINVAL);
}
END_TEST

Suite *make_optim_suite(void)
{
    Suite *s = suite_create("optim");
    TCase *tc = tcase_create("minimize");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, newton_one_step_on_quadratics);
    tcase_add_test(tc, saddle_starts_are_never_minima);
    tcase_add_test(tc, pure_newton_lands_on_saddles_default_newton_does_not);
    tcase_add_test(tc, negative_curvature_steps_are_used_and_can_be_turned_off);
    tcase_add_test(tc, trust_region_solves_powell_badly_scaled);
    tcase_add_test(tc, every_method_solves_rosenbrock_and_helical_valley);
    tcase_add_test(tc, gradient_descent_fixed_step_converges_or_diverges_as_theory_says);
    tcase_add_test(tc, pure_newton_divergence_is_reported_as_such);
    tcase_add_test(tc, returned_point_is_never_worse_than_the_start);
    tcase_add_test(tc, non_finite_objectives_never_crash);
    tcase_add_test(tc, precision_limit_and_stall_are_not_convergence);
    tcase_add_test(tc, counters_callback_and_trace_are_honest);
    tcase_add_test(tc, lane_paths_change_the_cost_not_the_run);
    tcase_add_test(tc, bad_arguments_are_rejected);
    tcase_add_test(tc, defaults_and_strings);
    tcase_add_test(tc, every_code_has_its_own_text);
    tcase_add_test(tc, out_of_range_codes_get_the_fallback);
    suite_add_tcase(s, tc);
    TCase *tk = tcase_create("classify");
    tcase_add_test(tk, classify_known_matrices);
    suite_add_tcase(s, tk);
    return s;
}
