/* Least squares against independent truth: Jacobians and Hessians of sums of
 * squares by hand, the registry's residuals against its objectives, closed
 * forms of linear regression, MINPACK's lmder (Jacobian counts computed once
 * with scipy), and statuses that follow from the mathematics (a rank-one
 * Jacobian determines no Gauss-Newton step and no strict minimum; a saddle
 * of the sum of squares is no minimum). */
#include <float.h>
#include <math.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

/* A scalar objective with no residuals behind it. */
HD_GENERIC_OBJECTIVE(t_rosen, T, x, ctx,
    return hd_add(hd_sq(hd_sub(1, x[0])), hd_mul(100, hd_sq(hd_sub(x[1], hd_sq(x[0])))));
)

/* ---- Jacobians ------------------------------------------------------------- */

/* F_i(x) = (i+1) x_a² x_b + exp(x_c / (i+1)), a = i mod n, b = (i+1) mod n,
 * c = (i+2) mod n: three distinct variables per output for n >= 3. */
#define JM 9
HD_GENERIC_VECTOR_OBJECTIVE(t_wide, T, x, out, ctx,
    const size_t n = *(const size_t *)ctx;
    for (size_t i = 0; i < JM; i++) {
        const size_t a = i % n, b = (i + 1) % n, c = (i + 2) % n;
        out[i] = hd_add(hd_mul((double)(i + 1), hd_mul(hd_sq(x[a]), x[b])),
                        hd_exp(hd_div(x[c], (double)(i + 1))));
    }
)

static void wide_by_hand(size_t n, const double *x, double *f, double *jac)
{
    for (size_t i = 0; i < JM; i++) {
        const size_t a = i % n, b = (i + 1) % n, c = (i + 2) % n;
        const double w = (double)(i + 1), e = exp(x[c] / w);
        f[i] = w * x[a] * x[a] * x[b] + e;
        for (size_t j = 0; j < n; j++) jac[i * n + j] = 0.0;
        jac[i * n + a] = 2.0 * w * x[a] * x[b];
        jac[i * n + b] = w * x[a] * x[a];
        jac[i * n + c] = e / w;
    }
}

static void expect_close(const double *got, const double *want, size_t k, double tol, const char *what)
{
    for (size_t i = 0; i < k; i++)
        ck_assert_msg(fabs(got[i] - want[i]) <= tol * fmax(1.0, fabs(want[i])), "%s[%zu] = %.17g, expected %.17g",
                      what, i, got[i], want[i]);
}

/* Every path gives the hand Jacobian, with the passes its width implies. */
START_TEST(jacobian_paths_agree_with_hand_formulas)
{
    const size_t dims[] = {3, 4, 7, 13, 17};
    for (size_t d = 0; d < sizeof dims / sizeof dims[0]; d++) {
        size_t n = dims[d];
        const hd_vector_objective F = t_wide_vector_objective(n, JM, &n);
        double x[17], f[JM], jac[JM * 17], want_f[JM], want_j[JM * 17];
        for (size_t j = 0; j < n; j++) x[j] = 0.3 + 0.17 * (double)j - 0.05 * (double)(j % 3);
        wide_by_hand(n, x, want_f, want_j);
        const struct {
            hd_path path;
            hd_kind kind;
            long passes;
        } runs[] = {
            {HD_PATH_SCALAR, HD_KIND_DUAL, (long)n},
            {HD_PATH_NARROW, HD_KIND_DUAL4, (long)((n + 3) / 4)},
            {HD_PATH_LANES, HD_KIND_DUALV, (long)((n + HD_LANES - 1) / HD_LANES)},
        };
        for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
            hd_counts c = {0};
            ck_assert_int_eq(hd_jacobian_ex(&F, x, f, jac, runs[r].path, &c), HD_OK);
            expect_close(f, want_f, JM, 1e-15, "F");
            expect_close(jac, want_j, JM * n, 1e-14, "J");
            ck_assert_int_eq(hd_counts_passes(&c), runs[r].passes);
            ck_assert_int_eq(c.calls[runs[r].kind], runs[r].passes);
        }
        /* the automatic choice: lanes from n = 5, four columns per pass below */
        hd_counts c = {0};
        ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, HD_PATH_AUTO, &c), HD_OK);
        expect_close(jac, want_j, JM * n, 1e-14, "J");
        ck_assert_int_eq(n >= 5 ? c.dualv_calls : c.dual4_calls, n >= 5 ? (long)((n + 11) / 12) : 1);
        ck_assert_int_eq(hd_jacobian(&F, x, f, jac), HD_OK);
        expect_close(jac, want_j, JM * n, 1e-14, "J");
    }
}
END_TEST

START_TEST(jacobian_paths_need_their_kinds)
{
    size_t n = 5;
    hd_vector_objective F = t_wide_vector_objective(n, JM, &n);
    double x[5] = {0.1, 0.2, 0.3, 0.4, 0.5}, jac[JM * 5], want_f[JM], want_j[JM * 5];
    wide_by_hand(n, x, want_f, want_j);
    ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, HD_PATH_TAPE, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, HD_PATH_SPARSE, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, HD_PATH_PACKED, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, (hd_path)99, NULL), HD_EINVAL);
    /* the contract's members alone: no lanes; narrow falls back to dual passes */
    F.bodies = NULL;
    ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, HD_PATH_LANES, NULL), HD_EINVAL);
    hd_counts c = {0};
    ck_assert_int_eq(hd_jacobian_ex(&F, x, NULL, jac, HD_PATH_NARROW, &c), HD_OK);
    ck_assert_int_eq(c.dual_calls, 5);
    ck_assert_int_eq(hd_counts_passes(&c), 5);
    expect_close(jac, want_j, JM * n, 1e-14, "J");
    F.f_dual = NULL;
    ck_assert_int_eq(hd_jacobian(&F, x, NULL, jac), HD_EINVAL);
    ck_assert_int_eq(hd_jacobian(NULL, x, NULL, jac), HD_EINVAL);
}
END_TEST

/* hd_vector_value: the plain body (one f_call), else a dual pass. */
START_TEST(vector_value_takes_the_cheapest_body)
{
    size_t n = 3;
    hd_vector_objective F = t_wide_vector_objective(n, JM, &n);
    const double x[3] = {0.4, -0.7, 1.1};
    double f[JM], want_f[JM], want_j[JM * 3];
    wide_by_hand(n, x, want_f, want_j);
    hd_counts c = {0};
    ck_assert_int_eq(hd_vector_value_ex(&F, x, f, &c), HD_OK);
    expect_close(f, want_f, JM, 1e-15, "F");
    ck_assert_int_eq(c.f_calls, 1);
    ck_assert_int_eq(hd_counts_passes(&c), 0);
    F.f = NULL;
    F.bodies = NULL;
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(hd_vector_value_ex(&F, x, f, &c), HD_OK);
    expect_close(f, want_f, JM, 1e-15, "F");
    ck_assert_int_eq(c.dual_calls, 1);
    ck_assert_int_eq(hd_vector_value(&F, x, NULL), HD_EINVAL);
}
END_TEST

/* ---- the sum of squares ----------------------------------------------------- */

/* r = (x0² - x1, exp(x0 x1) - 2, x0 + 3 x1 - 1) */
HD_GENERIC_VECTOR_OBJECTIVE(t_three, T, x, r, ctx,
    r[0] = hd_sub(hd_sq(x[0]), x[1]);
    r[1] = hd_sub(hd_exp(hd_mul(x[0], x[1])), 2);
    r[2] = hd_sub(hd_add(x[0], hd_mul(3, x[1])), 1);
)

/* f, 2 Jᵀ r and 2 (JᵀJ + Σ r_i ∇²r_i), by hand. */
static void three_by_hand(const double *x, double *f, double *g, double *h)
{
    const double e = exp(x[0] * x[1]);
    const double r[3] = {x[0] * x[0] - x[1], e - 2.0, x[0] + 3.0 * x[1] - 1.0};
    const double J[3][2] = {{2 * x[0], -1}, {x[1] * e, x[0] * e}, {1, 3}};
    const double H1[2][2] = {{x[1] * x[1] * e, (1 + x[0] * x[1]) * e}, {(1 + x[0] * x[1]) * e, x[0] * x[0] * e}};
    *f = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
    for (int j = 0; j < 2; j++) g[j] = 2 * (J[0][j] * r[0] + J[1][j] * r[1] + J[2][j] * r[2]);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            h[2 * i + j] = 2 * (J[0][i] * J[0][j] + J[1][i] * J[1][j] + J[2][i] * J[2][j] + r[1] * H1[i][j] +
                                (i == 0 && j == 0 ? 2 * r[0] : 0));
}

static void expect_sum_of_squares(const hd_objective *obj, const double *x, const hd_path *paths, size_t npaths)
{
    double f, g[2], h[4], wf, wg[2], wh[4];
    three_by_hand(x, &wf, wg, wh);
    ck_assert_int_eq(hd_value(obj, x, &f), HD_OK);
    ck_assert_double_eq_tol(f, wf, 1e-13 * wf);
    ck_assert_int_eq(hd_gradient(obj, x, &f, g), HD_OK);
    expect_close(g, wg, 2, 1e-13, "g");
    for (size_t k = 0; k < npaths; k++) {
        ck_assert_int_eq(hd_hessian_ex(obj, x, &f, g, h, paths[k], NULL), HD_OK);
        expect_close(h, wh, 4, 1e-12, "H");
        expect_close(g, wg, 2, 1e-13, "g");
    }
}

START_TEST(sum_of_squares_has_the_exact_derivatives)
{
    const hd_vector_objective F = t_three_vector_objective(2, 3, NULL);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    ck_assert_uint_eq(obj.n, 2);
    hd_vector_objective back;
    ck_assert_int_eq(hd_objective_residuals(&obj, &back), HD_OK);
    ck_assert(back.n == F.n && back.m == F.m && back.bodies == F.bodies && back.ctx == F.ctx);
    const double x[2] = {0.7, -0.4};
    const hd_path every[] = {HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES, HD_PATH_TAPE, HD_PATH_SPARSE,
                             HD_PATH_PACKED};
    expect_sum_of_squares(&obj, x, every, 6);
    /* one pass of the objective is one pass of F: a scalar Hessian is 3 passes */
    hd_counts c = {0};
    double h[4];
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_SCALAR, &c), HD_OK);
    ck_assert_int_eq(c.hyper_calls, 3);
    /* and the automatic Hessian at n = 2 one hd_hyper2 pass of F */
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_AUTO, &c), HD_OK);
    ck_assert_int_eq(c.hyper2_calls, 1);
    ck_assert_int_eq(hd_counts_passes(&c), 1);

    /* a function with only a dual and a hyper-dual body: dual and hyper for
     * the drivers, no faster kind */
    const hd_vbodies some = {.size = sizeof(hd_vbodies), .dual = t_three__hd_vdual, .hyper = t_three__hd_vhyper};
    const hd_vector_objective G = {.n = 2, .m = 3, .bodies = &some};
    hd_objective slow;
    ck_assert_int_eq(hd_sum_of_squares(&G, &slow), HD_OK);
    ck_assert_int_eq(hd_objective_residuals(&slow, &back), HD_OK);
    ck_assert(back.n == G.n && back.m == G.m && back.bodies == G.bodies);
    /* only the kinds G has: a table of the sum without the faster kinds */
    ck_assert(!slow.bodies->dualv && !slow.bodies->taped && !slow.bodies->hyper4 && !slow.bodies->hyper2
              && slow.bodies->hyper);
    const hd_path contract[] = {HD_PATH_AUTO, HD_PATH_SCALAR};
    expect_sum_of_squares(&slow, x, contract, 2);
    ck_assert_int_eq(hd_hessian_ex(&slow, x, NULL, NULL, h, HD_PATH_TAPE, NULL), HD_EINVAL);

    /* not a sum of squares, or not usable */
    const hd_objective plain = t_rosen_objective(2, NULL);
    ck_assert_int_eq(hd_objective_residuals(NULL, &back), HD_EINVAL);
    ck_assert_int_eq(hd_objective_residuals(&obj, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_objective_residuals(&plain, &back), HD_EINVAL);
    hd_objective copy = obj;
    copy.bodies = plain.bodies;
    ck_assert_int_eq(hd_objective_residuals(&copy, &back), HD_EINVAL);
    const hd_vector_objective no_hyper = {.n = 2, .m = 3, .f_dual = F.f_dual};
    ck_assert_int_eq(hd_sum_of_squares(&no_hyper, &obj), HD_EINVAL);
    hd_vector_objective bad = F;
    bad.m = 0;
    ck_assert_int_eq(hd_sum_of_squares(&bad, &obj), HD_EINVAL);
    ck_assert_int_eq(hd_sum_of_squares(&F, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_sum_of_squares(NULL, &obj), HD_EINVAL);
}
END_TEST

/* ---- a model and data ---------------------------------------------------------- */

/* g(θ, t, u) = θ0 exp(θ1 t) + u */
HD_GENERIC_OBJECTIVE(t_model, T, v, ctx,
    return hd_add(hd_mul(v[0], hd_exp(hd_mul(v[1], v[2]))), v[3]);
)

START_TEST(data_residuals_are_the_model_minus_the_data)
{
    const hd_objective model = t_model_objective(4, NULL);
    const double data[5 * 2] = {0, 1, 0.5, -1, 1, 0.25, 1.5, 2, 2, 0};
    const double y[5] = {1, 2, 3, 4, 5};
    const hd_data_model dm = {.model = &model, .p = 2, .k = 2, .m = 5, .data = data, .y = y};
    hd_vector_objective F;
    ck_assert_int_eq(hd_data_residuals(&dm, &F), HD_OK);
    ck_assert_uint_eq(F.n, 2);
    ck_assert_uint_eq(F.m, 5);
    const double th[2] = {1.3, -0.6};
    double r[5], J[10];
    const hd_path paths[] = {HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_NARROW, HD_PATH_LANES};
    for (size_t k = 0; k < 4; k++) {
        ck_assert_int_eq(hd_jacobian_ex(&F, th, r, J, paths[k], NULL), HD_OK);
        for (int i = 0; i < 5; i++) {
            const double t = data[2 * i], u = data[2 * i + 1], e = exp(th[1] * t);
            ck_assert_double_eq_tol(r[i], th[0] * e + u - y[i], 1e-14);
            ck_assert_double_eq_tol(J[2 * i], e, 1e-14);
            ck_assert_double_eq_tol(J[2 * i + 1], th[0] * t * e, 1e-14);
        }
    }
    /* its sum of squares has every kind, so the Hessian takes the tape too */
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    double hs[4], ht[4];
    ck_assert_int_eq(hd_hessian_ex(&obj, th, NULL, NULL, hs, HD_PATH_SCALAR, NULL), HD_OK);
    ck_assert_int_eq(hd_hessian_ex(&obj, th, NULL, NULL, ht, HD_PATH_TAPE, NULL), HD_OK);
    expect_close(ht, hs, 4, 1e-13, "H");

    hd_data_model bad = dm;
    bad.k = 1; /* model->n != p + k */
    ck_assert_int_eq(hd_data_residuals(&bad, &F), HD_EINVAL);
    bad = dm;
    bad.p = 0, bad.k = 4;
    ck_assert_int_eq(hd_data_residuals(&bad, &F), HD_EINVAL);
    bad = dm;
    bad.m = 0;
    ck_assert_int_eq(hd_data_residuals(&bad, &F), HD_EINVAL);
    bad = dm;
    bad.y = NULL;
    ck_assert_int_eq(hd_data_residuals(&bad, &F), HD_EINVAL);
    bad = dm;
    bad.data = NULL;
    ck_assert_int_eq(hd_data_residuals(&bad, &F), HD_EINVAL);
    ck_assert_int_eq(hd_data_residuals(NULL, &F), HD_EINVAL);
    ck_assert_int_eq(hd_data_residuals(&dm, NULL), HD_EINVAL);
}
END_TEST

/* ---- the registry's residuals ------------------------------------------------- */

/* Σ r_i² against the objective's f, and 2 Jᵀ r against its gradient, at the
 * start, at x* where published and at a point off both. */
static void expect_residuals_match(const hd_problem *p, size_t n)
{
    const hd_objective obj = p->objective(n);
    const hd_vector_objective F = p->residuals(n);
    ck_assert_uint_eq(F.n, obj.n);
    const size_t dim = obj.n, m = F.m;
    double x[3][64], r[256], J[256 * 64], g[64];
    ck_assert(dim <= 64 && m <= 256);
    p->start(n, x[0]);
    const int have_star = p->x_star && p->x_star(n, x[1]);
    for (size_t j = 0; j < dim; j++) x[2][j] = x[0][j] + 0.1 * (1.0 + fabs(x[0][j])) * (j % 2 ? 1 : -0.5);
    for (int k = 0; k < 3; k++) {
        if (k == 1 && !have_star) continue;
        double f, fg;
        ck_assert_int_eq(hd_value(&obj, x[k], &f), HD_OK);
        ck_assert_int_eq(hd_jacobian(&F, x[k], r, J), HD_OK);
        ck_assert_int_eq(hd_gradient(&obj, x[k], &fg, g), HD_OK);
        double s = 0.0, gmax = 0.0;
        for (size_t i = 0; i < m; i++) s += r[i] * r[i];
        ck_assert_msg(fabs(s - f) <= 1e-12 * fmax(1e-300, fabs(f)) + 1e-300, "%s (n = %zu), point %d: sum r^2 = %.17g, f = %.17g",
                      p->name, dim, k, s, f);
        for (size_t j = 0; j < dim; j++) gmax = fmax(gmax, fabs(g[j]));
        for (size_t j = 0; j < dim; j++) {
            double jr = 0.0;
            for (size_t i = 0; i < m; i++) jr += 2.0 * J[i * dim + j] * r[i];
            ck_assert_msg(fabs(jr - g[j]) <= 1e-10 * fmax(gmax, 1e-300), "%s, point %d: (2 J^T r)_%zu = %.17g, g = %.17g",
                          p->name, k, j, jr, g[j]);
        }
    }
}

START_TEST(registry_residuals_square_to_the_objectives)
{
    size_t with = 0;
    for (size_t i = 0; i < hd_problem_count(); i++) {
        const hd_problem *p = hd_problem_at(i);
        /* every MGH problem is a sum of squares, and only those have m > 0 */
        ck_assert_int_eq(p->residuals != NULL, p->mgh_number > 0);
        ck_assert_int_eq(p->m > 0, p->residuals != NULL);
        if (!p->residuals) continue;
        with++;
        ck_assert_uint_eq(p->residuals(0).m, p->m);
        expect_residuals_match(p, 0);
        if (p->variable_n && p->n_ok(8)) expect_residuals_match(p, 8);
        /* an n the problem refuses gives n = 0, which the drivers refuse */
        if (!p->n_ok(7)) {
            const hd_vector_objective F = p->residuals(7);
            double x[8] = {0}, r[64];
            ck_assert_uint_eq(F.n, 0);
            ck_assert_int_eq(hd_vector_value(&F, x, r), HD_EINVAL);
        }
    }
    ck_assert_uint_eq(with, 35);
}
END_TEST

/* ---- Levenberg-Marquardt against lmder ----------------------------------------- */

/* MINPACK's lmder from each standard start: its Jacobian evaluations (njev),
 * computed once with scipy 1.10.1 (Debian 12's python3-scipy),
 * scipy.optimize.least_squares(fun, x0, jac, method='lm', x_scale='jac',
 * ftol=1e-8, xtol=1e-8, gtol=1e-8), the residuals and exact Jacobian served
 * by bench/optim_report --serve NAME (bench/lmder_compare.py). */
static const struct {
    const char *name;
    long njev;
} lmder[] = {
    {"rosenbrock", 16}, {"freudenstein_roth", 8}, {"powell_badly_scaled", 17}, {"brown_badly_scaled", 15},
    {"beale", 7}, {"jennrich_sampson", 12}, {"helical_valley", 8}, {"bard", 5}, {"gaussian", 3},
    {"meyer", 116}, {"gulf", 18}, {"box3d", 6}, {"powell_singular", 37}, {"wood", 64},
    {"kowalik_osborne", 16}, {"brown_dennis", 247}, {"osborne1", 15}, {"biggs_exp6", 31},
    {"osborne2", 13}, {"watson", 7}, {"extended_rosenbrock", 16}, {"extended_powell", 36},
    {"penalty1", 23}, {"penalty2", 113}, {"variably_dimensioned", 10}, {"trigonometric", 16},
    {"brown_almost_linear", 13}, {"discrete_boundary_value", 4}, {"discrete_integral_equation", 4},
    {"broyden_tridiagonal", 5}, {"broyden_banded", 6}, {"linear_full_rank", 2}, {"linear_rank1", 2},
    {"linear_rank1_zero", 2}, {"chebyquad", 21},
};

/* The registry's criterion: f* to max(1e-8·max(1, |f*|), its precision), or
 * the documented local minimum to its precision. */
static int reached(const hd_problem *p, double f)
{
    const double fs = hd_problem_f_star(p, 0);
    if (f - fs <= fmax(1e-8 * fmax(1.0, fabs(fs)), p->f_star_tol)) return 1;
    return !isnan(p->f_local) && fabs(f - p->f_local) <= fmax(1e-8 * fmax(1.0, fabs(p->f_local)), p->f_local_tol);
}

START_TEST(levenberg_marquardt_matches_lmder_on_every_mgh_problem)
{
    ck_assert_uint_eq(sizeof lmder / sizeof lmder[0], 35);
    for (size_t k = 0; k < sizeof lmder / sizeof lmder[0]; k++) {
        const hd_problem *p = hd_problem_find(lmder[k].name);
        ck_assert_ptr_nonnull(p);
        const hd_vector_objective F = p->residuals(0);
        hd_objective obj;
        ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
        double x[64];
        p->start(0, x);
        hd_result res;
        hd_options opt;
        hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
        ck_assert_int_eq(hd_minimize(&obj, x, &opt, &res), HD_OK);
        ck_assert_msg(reached(p, res.f), "%s: f = %.17g, f* = %.17g (%s)", p->name, res.f, p->f_star,
                      hd_status_str(res.status));
        ck_assert_msg(res.jacobian_evals <= lmder[k].njev, "%s: %ld Jacobians, lmder %ld", p->name,
                      res.jacobian_evals, lmder[k].njev);
        /* every pass counted: the Jacobians' and the final Hessians' */
        ck_assert_int_eq(res.passes, hd_counts_passes(&res.counts));
        ck_assert_int_eq(res.f_calls, res.residual_evals);
        ck_assert(res.jacobian_evals >= 1);
    }
}
END_TEST

/* ---- statuses --------------------------------------------------------------------- */

/* The exponential decay of examples/curve_fit.c: 40 points of
 * 5 exp(-0.7 t) + 1 and deterministic noise. */
#define DM 40
typedef struct {
    double t[DM], y[DM];
} decay_data;
static void decay_fill(decay_data *d)
{
    for (int i = 0; i < DM; i++) {
        d->t[i] = 0.25 * i;
        d->y[i] = 5.0 * exp(-0.7 * d->t[i]) + 1.0 + 0.05 * sin(12.9898 * i + 78.233);
    }
}
HD_GENERIC_VECTOR_OBJECTIVE(t_decay, T, p, r, data,
    const decay_data *d = data;
    for (int i = 0; i < DM; i++)
        r[i] = hd_sub(hd_add(hd_mul(p[0], hd_exp(hd_mul(-d->t[i], p[1]))), p[2]), d->y[i]);
)

static hd_result decay_run(hd_method method, double gtol, double ftol, double xtol, int classify, double *x)
{
    static decay_data d;
    decay_fill(&d);
    static hd_vector_objective F;
    F = t_decay_vector_objective(3, DM, &d);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    hd_options opt;
    hd_options_default(&opt, method);
    opt.gtol = gtol, opt.ftol = ftol, opt.xtol = xtol, opt.classify_final = classify;
    x[0] = 2.0, x[1] = 1.0, x[2] = 0.0;
    hd_result res;
    ck_assert_int_eq(hd_minimize(&obj, x, &opt, &res), HD_OK);
    return res;
}

/* Each MINPACK test ends a run as "converged" (its own status) only with a
 * minimum shown, and all three reach the same minimum. */
START_TEST(each_convergence_test_has_its_status)
{
    double xg[3], xr[3], xs[3];
    const hd_result g = decay_run(HD_LEVENBERG_MARQUARDT, 1e-8, 1e-8, 1e-8, 1, xg);
    const hd_result r = decay_run(HD_LEVENBERG_MARQUARDT, 0.0, 1e-8, 0.0, 1, xr);
    const hd_result s = decay_run(HD_LEVENBERG_MARQUARDT, 0.0, 0.0, 1e-8, 1, xs);
    ck_assert_int_eq(g.status, HD_CONVERGED);
    ck_assert_int_eq(r.status, HD_CONVERGED_REDUCTION);
    ck_assert_int_eq(s.status, HD_CONVERGED_SMALL_STEP);
    const hd_result *all[3] = {&g, &r, &s};
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(all[k]->converged, 1);
        ck_assert_int_eq(hd_status_converged(all[k]->status), 1);
        ck_assert_int_eq(all[k]->point_kind, HD_POINT_MINIMUM);
        ck_assert(strncmp(hd_status_str(all[k]->status), "converged", 9) == 0);
    }
    ck_assert_int_eq(strncmp(hd_status_str(HD_CONVERGED_REDUCTION), "converged (small reduction):", 28), 0);
    ck_assert_int_eq(strncmp(hd_status_str(HD_CONVERGED_SMALL_STEP), "converged (small step):", 23), 0);
    for (int j = 0; j < 3; j++) {
        ck_assert_double_eq_tol(xr[j], xg[j], 1e-7 * fmax(1.0, fabs(xg[j])));
        ck_assert_double_eq_tol(xs[j], xg[j], 1e-7 * fmax(1.0, fabs(xg[j])));
    }
    /* Gauss-Newton reaches the same minimum */
    double xn[3];
    const hd_result n = decay_run(HD_GAUSS_NEWTON, 1e-8, 1e-8, 1e-8, 1, xn);
    ck_assert(n.converged);
    for (int j = 0; j < 3; j++) ck_assert_double_eq_tol(xn[j], xg[j], 1e-7 * fmax(1.0, fabs(xg[j])));
    /* without the final Hessian nothing is shown: never converged */
    double xc[3];
    const hd_result c = decay_run(HD_LEVENBERG_MARQUARDT, 0.0, 1e-8, 0.0, 0, xc);
    ck_assert_int_eq(c.status, HD_STALLED);
    ck_assert_int_eq(c.converged, 0);
    ck_assert_int_eq(c.hyper_calls + c.hyperv_calls + c.taped_calls, 0);
    const hd_result c2 = decay_run(HD_LEVENBERG_MARQUARDT, 1e-4, 0.0, 0.0, 0, xc);
    ck_assert_int_eq(c2.status, HD_STATIONARY);
    hd_options o;
    hd_options_default(&o, HD_LEVENBERG_MARQUARDT);
    o.classify_final = 0;
    ck_assert_ptr_nonnull(strstr(hd_status_advice(HD_STATIONARY, &o), "classify_final = 1"));
}
END_TEST

static hd_result registry_run(const char *name, hd_method method, double *x)
{
    const hd_problem *p = hd_problem_find(name);
    ck_assert_ptr_nonnull(p);
    static hd_vector_objective F;
    F = p->residuals(0);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    p->start(0, x);
    hd_options opt;
    hd_options_default(&opt, method);
    hd_result res;
    ck_assert_int_eq(hd_minimize(&obj, x, &opt, &res), HD_OK);
    return res;
}

/* A rank-one Jacobian (MGH #33: r_i = i·Σ j x_j - 1) determines no
 * Gauss-Newton step, and its Hessian 2 JᵀJ is singular, so no strict
 * minimum can be shown however small f - f* is; the zero first column of
 * Beale's Jacobian at (1, 1) (∂r_i/∂x1 = -(1 - y^i) = 0) is singular too. */
START_TEST(singular_jacobians_are_named)
{
    double x[64];
    hd_result r = registry_run("linear_rank1", HD_GAUSS_NEWTON, x);
    ck_assert_int_eq(r.status, HD_SINGULAR_JACOBIAN);
    ck_assert_int_eq(r.converged, 0);
    ck_assert_int_eq(r.iterations, 0);
    r = registry_run("beale", HD_GAUSS_NEWTON, x);
    ck_assert_int_eq(r.status, HD_SINGULAR_JACOBIAN);
    ck_assert_ptr_nonnull(strstr(hd_status_str(HD_SINGULAR_JACOBIAN), "Levenberg-Marquardt"));
    /* LM's damping determines the step; f reaches f* but no minimum is shown */
    r = registry_run("linear_rank1", HD_LEVENBERG_MARQUARDT, x);
    const hd_problem *p = hd_problem_find("linear_rank1");
    ck_assert_double_eq_tol(r.f, p->f_star, 1e-12 * p->f_star);
    ck_assert(r.status == HD_STALLED || r.status == HD_STATIONARY);
    ck_assert_int_eq(r.converged, 0);
    /* Powell's singular problem: f -> 0 = f*, but its Hessian is singular there */
    r = registry_run("powell_singular", HD_LEVENBERG_MARQUARDT, x);
    ck_assert_int_eq(r.status, HD_STATIONARY);
    ck_assert(r.f < 1e-10);
}
END_TEST

/* r = (x, y² - 1): f = x² + (y² - 1)² has a saddle at the origin (Hessian
 * diag(2, -4)) and minima at y = ±1. From (1, 0), g_y = 0 keeps y at 0. */
HD_GENERIC_VECTOR_OBJECTIVE(t_saddle, T, x, r, ctx,
    r[0] = x[0];
    r[1] = hd_sub(hd_sq(x[1]), 1);
)

START_TEST(a_saddle_of_the_sum_of_squares_is_no_minimum)
{
    const hd_vector_objective F = t_saddle_vector_objective(2, 2, NULL);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    double x[2] = {1.0, 0.0};
    hd_options opt;
    hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
    hd_result r;
    ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_SADDLE);
    ck_assert_int_eq(r.point_kind, HD_POINT_SADDLE);
    ck_assert_double_eq_tol(r.min_eigenvalue, -4.0, 1e-12);
    ck_assert_double_eq_tol(x[0], 0.0, 1e-12);
    ck_assert_double_eq(x[1], 0.0);
    ck_assert_ptr_nonnull(strstr(hd_status_advice(HD_SADDLE, &opt), "Newton or the trust region"));
    /* Gauss-Newton: J = [[1, 0], [0, 2y]] is singular at y = 0 */
    double y[2] = {1.0, 0.0};
    hd_options_default(&opt, HD_GAUSS_NEWTON);
    ck_assert_int_eq(hd_minimize(&obj, y, &opt, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_SINGULAR_JACOBIAN);
}
END_TEST

/* sqrt(x - 1): NaN at the start 0. */
HD_GENERIC_VECTOR_OBJECTIVE(t_root, T, x, r, ctx,
    r[0] = hd_sqrt(hd_sub(x[0], 1));
    r[1] = hd_sub(x[0], 3);
)

static int stop_at_two(const hd_iteration *it, void *user)
{
    long *last = user;
    ck_assert(it->jacobian_evals >= *last); /* the counters only grow */
    *last = it->jacobian_evals;
    return it->iteration >= 2;
}

START_TEST(limits_callbacks_and_bad_starts_end_with_their_statuses)
{
    const hd_problem *p = hd_problem_find("rosenbrock");
    const hd_vector_objective F = p->residuals(0);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    const hd_method ms[] = {HD_GAUSS_NEWTON, HD_LEVENBERG_MARQUARDT};
    for (int k = 0; k < 2; k++) {
        double x[2];
        hd_options opt;
        hd_result r;
        hd_options_default(&opt, ms[k]);
        opt.max_iter = 3;
        p->start(0, x);
        ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_MAX_ITERATIONS);
        ck_assert_int_eq(r.iterations, 3);
        hd_options_default(&opt, ms[k]);
        opt.max_evals = 6;
        p->start(0, x);
        ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_MAX_EVALUATIONS);
        long last = 0;
        hd_options_default(&opt, ms[k]);
        opt.callback = stop_at_two;
        opt.callback_data = &last;
        p->start(0, x);
        ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_STOPPED_BY_CALLBACK);
        ck_assert_int_eq(last, r.jacobian_evals);
        /* a NaN start */
        const hd_vector_objective R = t_root_vector_objective(1, 2, NULL);
        hd_objective root;
        ck_assert_int_eq(hd_sum_of_squares(&R, &root), HD_OK);
        double z = 0.0;
        hd_options_default(&opt, ms[k]);
        ck_assert_int_eq(hd_minimize(&root, &z, &opt, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_NONFINITE_VALUE);
        ck_assert_double_eq(z, 0.0);
        /* from inside the domain, trial points outside it only shrink the step */
        z = 1.5;
        ck_assert_int_eq(hd_minimize(&root, &z, &opt, &r), HD_OK);
        ck_assert(isfinite(r.f));
        ck_assert(z >= 1.0);
    }
}
END_TEST

/* The final Newton step after a MINPACK stop is an iteration: none at the
 * limit. A huge xtol stops at the first step (found by fuzz/fuzz_optim:
 * LM with max_iter 1 reported 2 iterations). */
START_TEST(the_final_step_keeps_within_max_iter)
{
    const hd_problem *p = hd_problem_find("discrete_integral_equation");
    const hd_objective obj = p->objective(5);
    const hd_method ms[] = {HD_GAUSS_NEWTON, HD_LEVENBERG_MARQUARDT};
    for (int k = 0; k < 2; k++)
        for (int limit = 1; limit <= 4; limit++) {
            double x[5];
            p->start(5, x);
            hd_options opt;
            hd_options_default(&opt, ms[k]);
            opt.max_iter = limit;
            opt.xtol = 1e150;
            opt.ftol = 0.0;
            hd_result r;
            ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
            ck_assert_msg(r.iterations <= limit, "%s, max_iter %d: %d iterations", hd_method_name(ms[k]), limit,
                          r.iterations);
        }
}
END_TEST

/* Counters: residual vectors are plain evaluations (f_calls), a Jacobian of
 * n = 2 is one hd_dual2 pass, the two final Hessians one hd_hyper2 pass
 * each; the trace and the callback see the same counts. */
START_TEST(counters_add_up)
{
    const hd_problem *p = hd_problem_find("rosenbrock");
    const hd_vector_objective F = p->residuals(0);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    double x[2];
    hd_trace_row rows[64];
    hd_options opt;
    hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
    opt.trace = rows;
    opt.trace_cap = 64;
    p->start(0, x);
    hd_result r;
    ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert_int_eq(r.dual2_calls, r.jacobian_evals);
    ck_assert_int_eq(r.f_calls, r.residual_evals);
    /* a Hessian at the end, and one at the Newton point unless that is x */
    ck_assert(r.hyper2_calls == 1 || r.hyper2_calls == 2);
    ck_assert_int_eq(r.passes, r.dual2_calls + r.hyper2_calls);
    ck_assert_int_eq(r.passes, hd_counts_passes(&r.counts));
    ck_assert_uint_eq(r.trace_len, (size_t)r.iterations + 1);
    ck_assert_int_eq(rows[r.trace_len - 1].jacobian_evals, r.jacobian_evals);
    ck_assert_int_eq(rows[0].jacobian_evals, 1);
    ck_assert_int_eq(rows[0].residual_evals, 0);
    /* n = 11 (Osborne 2): one hd_dualv pass per Jacobian */
    hd_result o = registry_run("osborne2", HD_LEVENBERG_MARQUARDT, (double[64]){0});
    ck_assert_int_eq(o.dualv_calls, o.jacobian_evals);
    ck_assert_int_eq(o.passes, hd_counts_passes(&o.counts));
}
END_TEST

/* Gauss-Newton and Levenberg-Marquardt need residuals; the other methods
 * run on the sum of squares too. */
START_TEST(methods_and_objectives)
{
    ck_assert_str_eq(hd_method_key(HD_GAUSS_NEWTON), "gn");
    ck_assert_str_eq(hd_method_key(HD_LEVENBERG_MARQUARDT), "lm");
    ck_assert_str_eq(hd_method_name(HD_GAUSS_NEWTON), "gauss-newton");
    ck_assert_str_eq(hd_method_name(HD_LEVENBERG_MARQUARDT), "levenberg-marquardt");
    size_t listed = 0;
    hd_method m;
    for (size_t i = 0; hd_method_at(i, &m) == HD_OK; i++) {
        listed += m == HD_GAUSS_NEWTON || m == HD_LEVENBERG_MARQUARDT;
        ck_assert_int_eq(hd_method_needs_residuals(m), m == HD_GAUSS_NEWTON || m == HD_LEVENBERG_MARQUARDT);
    }
    ck_assert_uint_eq(listed, 2);
    ck_assert_int_eq(hd_method_needs_residuals((hd_method)-1), 0);
    hd_options opt;
    hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
    ck_assert_double_eq(opt.ftol, 1e-8);
    ck_assert_double_eq(opt.xtol, 1e-8);
    ck_assert_int_eq(opt.classify_final, 1);

    /* no residuals: refused, x untouched */
    const hd_objective plain = t_rosen_objective(2, NULL);
    const hd_method lsq[] = {HD_GAUSS_NEWTON, HD_LEVENBERG_MARQUARDT};
    for (int k = 0; k < 2; k++) {
        double x[2] = {-1.2, 1.0};
        hd_result r;
        hd_options_default(&opt, lsq[k]);
        ck_assert_int_eq(hd_minimize(&plain, x, &opt, &r), HD_EINVAL);
        ck_assert_int_eq(r.status, HD_EINVAL);
        ck_assert_int_eq(r.converged, 0);
        ck_assert_double_eq(x[0], -1.2);
        ck_assert_double_eq(x[1], 1.0);
    }
    /* every other method runs on a sum of squares and finds the same minimum */
    const hd_problem *p = hd_problem_find("rosenbrock");
    const hd_vector_objective F = p->residuals(0);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    const hd_method others[] = {HD_NEWTON, HD_NEWTON_TRUST_REGION, HD_BFGS};
    for (int k = 0; k < 3; k++) {
        double x[2] = {-1.2, 1.0};
        hd_result r;
        hd_options_default(&opt, others[k]);
        opt.classify_final = 1;
        ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
        ck_assert_double_eq_tol(x[0], 1.0, 1e-7);
        ck_assert_double_eq_tol(x[1], 1.0, 1e-7);
        ck_assert_int_eq(r.jacobian_evals, 0);
    }
    /* pure Gauss-Newton (the full step) solves Rosenbrock too */
    double x[2] = {-1.2, 1.0};
    hd_result r;
    hd_options_default(&opt, HD_GAUSS_NEWTON);
    opt.line_search = HD_LINESEARCH_NONE;
    ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert_double_eq_tol(x[0], 1.0, 1e-9);
}
END_TEST

/* ---- statistics --------------------------------------------------------------- */

/* Linear regression y = a + b t, whose estimates and standard errors have a
 * closed form. */
#define LN 10
static const double lt[LN] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
static const double ly[LN] = {2.1, 2.4, 3.2, 3.4, 4.1, 4.4, 5.1, 5.6, 5.9, 6.6};
HD_GENERIC_VECTOR_OBJECTIVE(t_line, T, p, r, ctx,
    for (int i = 0; i < LN; i++) r[i] = hd_sub(hd_add(p[0], hd_mul(p[1], lt[i])), ly[i]);
)
/* c + a·b·t: a and b enter only through their product */
HD_GENERIC_VECTOR_OBJECTIVE(t_product, T, p, r, ctx,
    for (int i = 0; i < LN; i++) r[i] = hd_sub(hd_add(p[2], hd_mul(hd_mul(p[0], p[1]), lt[i])), ly[i]);
)

START_TEST(statistics_match_the_closed_form_of_linear_regression)
{
    double tm = 0, ym = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < LN; i++) tm += lt[i] / LN, ym += ly[i] / LN;
    for (int i = 0; i < LN; i++) sxx += (lt[i] - tm) * (lt[i] - tm), sxy += (lt[i] - tm) * (ly[i] - ym);
    const double b = sxy / sxx, a = ym - b * tm;
    double rss = 0;
    for (int i = 0; i < LN; i++) rss += (ly[i] - a - b * lt[i]) * (ly[i] - a - b * lt[i]);
    const double s2 = rss / (LN - 2);
    const double se_b = sqrt(s2 / sxx), se_a = sqrt(s2 * (1.0 / LN + tm * tm / sxx));

    const hd_vector_objective F = t_line_vector_objective(2, LN, NULL);
    hd_objective obj;
    ck_assert_int_eq(hd_sum_of_squares(&F, &obj), HD_OK);
    const hd_method ms[] = {HD_GAUSS_NEWTON, HD_LEVENBERG_MARQUARDT};
    for (int k = 0; k < 2; k++) {
        double x[2] = {0.0, 0.0};
        hd_options opt;
        hd_options_default(&opt, ms[k]);
        hd_result r;
        ck_assert_int_eq(hd_minimize(&obj, x, &opt, &r), HD_OK);
        ck_assert(r.converged);
        ck_assert_double_eq_tol(x[0], a, 1e-12);
        ck_assert_double_eq_tol(x[1], b, 1e-12);
        hd_fit_stats st;
        double cov[4], se[2];
        int id[2] = {-1, -1};
        ck_assert_int_eq(hd_fit_statistics(&F, x, &st, cov, se, id), HD_OK);
        ck_assert_uint_eq(st.m, LN);
        ck_assert_uint_eq(st.p, 2);
        ck_assert_uint_eq(st.dof, LN - 2);
        ck_assert_uint_eq(st.rank, 2);
        ck_assert_double_eq_tol(st.rss, rss, 1e-13);
        ck_assert_double_eq_tol(st.s2, s2, 1e-13);
        ck_assert_double_eq_tol(se[0], se_a, 1e-12);
        ck_assert_double_eq_tol(se[1], se_b, 1e-12);
        ck_assert_double_eq_tol(cov[1], -tm * s2 / sxx, 1e-13);
        ck_assert_double_eq(cov[1], cov[2]);
        ck_assert_int_eq(id[0], 1);
        ck_assert_int_eq(id[1], 1);
    }
    /* NULL outputs are allowed */
    const double x[2] = {a, b};
    hd_fit_stats st;
    ck_assert_int_eq(hd_fit_statistics(&F, x, &st, NULL, NULL, NULL), HD_OK);
    ck_assert_int_eq(hd_fit_statistics(NULL, x, &st, NULL, NULL, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_fit_statistics(&F, NULL, &st, NULL, NULL, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_fit_statistics(&F, x, NULL, NULL, NULL, NULL), HD_EINVAL);
}
END_TEST

START_TEST(unidentifiable_parameters_are_named_never_nan)
{
    const hd_vector_objective F = t_product_vector_objective(3, LN, NULL);
    const double x[3] = {2.0, 0.25, 2.0};
    hd_fit_stats st;
    double cov[9], se[3];
    int id[3] = {-1, -1, -1};
    for (int i = 0; i < 9; i++) cov[i] = 12345.0;
    ck_assert_int_eq(hd_fit_statistics(&F, x, &st, cov, se, id), HD_ESINGULAR);
    ck_assert_int_eq(id[0], 0);
    ck_assert_int_eq(id[1], 0);
    ck_assert_int_eq(id[2], 1);
    ck_assert_uint_eq(st.rank, 2);
    for (int i = 0; i < 9; i++) ck_assert_double_eq(cov[i], 12345.0); /* not written */
    ck_assert_str_ne(hd_strerror(HD_ESINGULAR), "unknown error code");
    /* no degrees of freedom: m = p (three residuals of three variables, the
     * third of which they do not read) */
    const hd_vector_objective T3 = t_three_vector_objective(3, 3, NULL);
    const double y[3] = {1.0, 1.0, 1.0};
    ck_assert_int_eq(hd_fit_statistics(&T3, y, &st, cov, se, id), HD_EDOM);
    ck_assert_uint_eq(st.dof, 0);
    ck_assert(isnan(st.s2));
    /* residuals that are not finite */
    const hd_vector_objective R = t_root_vector_objective(1, 2, NULL);
    const double z = 0.0;
    ck_assert_int_eq(hd_fit_statistics(&R, &z, &st, cov, se, id), HD_ENONFINITE);
}
END_TEST

Suite *make_lsq_suite(void)
{
    Suite *s = suite_create("lsq");
    TCase *tc = tcase_create("least squares");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, jacobian_paths_agree_with_hand_formulas);
    tcase_add_test(tc, jacobian_paths_need_their_kinds);
    tcase_add_test(tc, vector_value_takes_the_cheapest_body);
    tcase_add_test(tc, sum_of_squares_has_the_exact_derivatives);
    tcase_add_test(tc, data_residuals_are_the_model_minus_the_data);
    tcase_add_test(tc, registry_residuals_square_to_the_objectives);
    tcase_add_test(tc, levenberg_marquardt_matches_lmder_on_every_mgh_problem);
    tcase_add_test(tc, each_convergence_test_has_its_status);
    tcase_add_test(tc, singular_jacobians_are_named);
    tcase_add_test(tc, a_saddle_of_the_sum_of_squares_is_no_minimum);
    tcase_add_test(tc, limits_callbacks_and_bad_starts_end_with_their_statuses);
    tcase_add_test(tc, the_final_step_keeps_within_max_iter);
    tcase_add_test(tc, counters_add_up);
    tcase_add_test(tc, methods_and_objectives);
    tcase_add_test(tc, statistics_match_the_closed_form_of_linear_regression);
    tcase_add_test(tc, unidentifiable_parameters_are_named_never_nan);
    suite_add_tcase(s, tc);
    return s;
}
