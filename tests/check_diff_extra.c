/* hd_directional, hd_hessian_vector, hd_directional2, hd_jacobian and
 * hd_check_derivatives against hand-derived formulas. */
#include <math.h>
#include <hyperdual.h>
#include "tests.h"

/* f(x, y, z) = x^2 y + sin(y z) + e^x */
HD_GENERIC_OBJECTIVE(dx_f, T, x, ctx,
    return hd_add(hd_add(hd_mul(hd_sq(x[0]), x[1]), hd_sin(hd_mul(x[1], x[2]))), hd_exp(x[0]));
)

static void dx_grad(const double *x, double *g, void *ctx)
{
    (void)ctx;
    g[0] = 2 * x[0] * x[1] + exp(x[0]);
    g[1] = x[0] * x[0] + x[2] * cos(x[1] * x[2]);
    g[2] = x[1] * cos(x[1] * x[2]);
}

static void dx_hess(const double *x, double *h, void *ctx)
{
    (void)ctx;
    const double c = cos(x[1] * x[2]), s = sin(x[1] * x[2]);
    h[0] = 2 * x[1] + exp(x[0]);
    h[1] = h[3] = 2 * x[0];
    h[2] = h[6] = 0;
    h[4] = -x[2] * x[2] * s;
    h[5] = h[7] = c - x[1] * x[2] * s;
    h[8] = -x[1] * x[1] * s;
}

/* The same Hessian with a planted slip: d2f/dxdy written as 2y instead of 2x,
 * in the upper triangle only. */
static void dx_hess_wrong(const double *x, double *h, void *ctx)
{
    dx_hess(x, h, ctx);
    h[1] = 2 * x[1];
}

static void dx_grad_wrong(const double *x, double *g, void *ctx)
{
    dx_grad(x, g, ctx);
    g[2] = x[2] * cos(x[1] * x[2]); /* y and z swapped */
}

static const double X[3] = {0.3, -1.1, 0.7};
static const double V[3] = {1.0, 2.0, -0.5};
static const double W[3] = {-0.4, 0.25, 3.0};

START_TEST(directional_derivatives_match_hand_formulas)
{
    const hd_objective f = dx_f_objective(3, NULL);
    double g[3], h[9];
    dx_grad(X, g, NULL);
    dx_hess(X, h, NULL);
    const double f0 = X[0] * X[0] * X[1] + sin(X[1] * X[2]) + exp(X[0]);

    double fx, dv;
    ck_assert_int_eq(hd_directional(&f, X, V, &fx, &dv), HD_OK);
    ck_assert_double_eq_tol(fx, f0, 1e-14);
    ck_assert_double_eq_tol(dv, g[0] * V[0] + g[1] * V[1] + g[2] * V[2], 1e-13);

    double hv[3], gg[3];
    ck_assert_int_eq(hd_hessian_vector(&f, X, V, &fx, gg, hv), HD_OK);
    ck_assert_double_eq_tol(fx, f0, 1e-14);
    for (int i = 0; i < 3; i++) {
        double e = 0;
        for (int j = 0; j < 3; j++) e += h[i * 3 + j] * V[j];
        ck_assert_double_eq_tol(hv[i], e, 1e-13);
        ck_assert_double_eq_tol(gg[i], g[i], 1e-13);
    }

    double gv, gw, vhw;
    ck_assert_int_eq(hd_directional2(&f, X, V, W, &fx, &gv, &gw, &vhw), HD_OK);
    double e = 0, egv = 0, egw = 0;
    for (int i = 0; i < 3; i++) {
        egv += g[i] * V[i];
        egw += g[i] * W[i];
        for (int j = 0; j < 3; j++) e += V[i] * h[i * 3 + j] * W[j];
    }
    ck_assert_double_eq_tol(fx, f0, 1e-14);
    ck_assert_double_eq_tol(gv, egv, 1e-13);
    ck_assert_double_eq_tol(gw, egw, 1e-13);
    ck_assert_double_eq_tol(vhw, e, 1e-13);
    /* outputs are optional */
    ck_assert_int_eq(hd_directional2(&f, X, V, W, NULL, NULL, NULL, NULL), HD_OK);

    /* without f_dual the directional derivative comes from a hyper-dual pass */
    hd_objective only_hyper = f;
    only_hyper.f = NULL;
    only_hyper.f_dual = NULL;
    ck_assert_int_eq(hd_directional(&only_hyper, X, V, &fx, &dv), HD_OK);
    ck_assert_double_eq_tol(dv, egv, 1e-13);

    ck_assert_int_eq(hd_directional(&f, X, NULL, &fx, &dv), HD_EINVAL);
    ck_assert_int_eq(hd_hessian_vector(&f, X, V, NULL, NULL, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_directional2(&f, X, V, NULL, NULL, NULL, NULL, NULL), HD_EINVAL);
    hd_objective bad = f;
    bad.n = 0;
    ck_assert_int_eq(hd_directional(&bad, X, V, &fx, &dv), HD_EINVAL);
}
END_TEST

/* F(x, y) = (x^2 y, 5x + sin y, e^{xy}) */
HD_GENERIC_VECTOR_OBJECTIVE(dx_F, T, x, out, ctx,
    out[0] = hd_mul(hd_sq(x[0]), x[1]);
    out[1] = hd_add(hd_mul(5, x[0]), hd_sin(x[1]));
    out[2] = hd_exp(hd_mul(x[0], x[1]));
)

START_TEST(jacobian_matches_hand_formulas)
{
    const hd_vector_objective F = dx_F_vector_objective(2, 3, NULL);
    const double x = 0.7, y = -1.3, p[2] = {0.7, -1.3};
    double fx[3], J[6];
    ck_assert_int_eq(hd_jacobian(&F, p, fx, J), HD_OK);
    ck_assert_double_eq_tol(fx[0], x * x * y, 1e-15);
    ck_assert_double_eq_tol(fx[1], 5 * x + sin(y), 1e-15);
    ck_assert_double_eq_tol(fx[2], exp(x * y), 1e-15);
    const double e[6] = {2 * x * y, x * x, 5, cos(y), y * exp(x * y), x * exp(x * y)};
    for (int i = 0; i < 6; i++) ck_assert_double_eq_tol(J[i], e[i], 1e-14);
    /* the plain instantiation computes the same values */
    double plain[3];
    F.f(p, plain, NULL);
    for (int i = 0; i < 3; i++) ck_assert_double_eq(plain[i], fx[i]);
    ck_assert_int_eq(hd_jacobian(&F, p, NULL, J), HD_OK);
    hd_vector_objective bad = F;
    bad.m = 0;
    ck_assert_int_eq(hd_jacobian(&bad, p, fx, J), HD_EINVAL);
    /* the generated table leaves value and dual to f and f_dual ... */
    ck_assert(F.bodies->value == NULL && F.bodies->dual == NULL && F.bodies->dual4 != NULL);
    /* ... and a table's dual body serves where f_dual is NULL */
    const hd_vbodies with_dual = {.size = sizeof(hd_vbodies), .dual = dx_F__hd_vdual};
    bad = F;
    bad.f_dual = NULL;
    bad.bodies = &with_dual;
    ck_assert_int_eq(hd_jacobian(&bad, p, fx, J), HD_OK);
    for (int i = 0; i < 6; i++) ck_assert_double_eq_tol(J[i], e[i], 1e-14);
    bad.bodies = NULL; /* no dual body at all */
    ck_assert_int_eq(hd_jacobian(&bad, p, fx, J), HD_EINVAL);
    ck_assert_int_eq(hd_jacobian(&F, p, fx, NULL), HD_EINVAL);
}
END_TEST

START_TEST(checker_passes_correct_and_catches_planted_errors)
{
    const hd_objective f = dx_f_objective(3, NULL);
    hd_derivative_error ge, he;
    ck_assert_int_eq(hd_check_derivatives(&f, X, dx_grad, dx_hess, 1e-10, &ge, &he), HD_OK);
    ck_assert_uint_eq(ge.bad_entries, 0);
    ck_assert_uint_eq(he.bad_entries, 0);
    ck_assert(ge.max_abs_error < 1e-12 && he.max_abs_error < 1e-12);

    ck_assert_int_eq(hd_check_derivatives(&f, X, dx_grad_wrong, dx_hess_wrong, 1e-10, &ge, &he), HD_OK);
    ck_assert_uint_eq(ge.bad_entries, 1);
    ck_assert_uint_eq(ge.worst_row, 2);
    ck_assert_double_eq_tol(ge.worst_exact, X[1] * cos(X[1] * X[2]), 1e-13);
    ck_assert_double_eq_tol(ge.worst_user, X[2] * cos(X[1] * X[2]), 1e-13);
    ck_assert_uint_eq(he.bad_entries, 1);
    ck_assert_uint_eq(he.worst_row, 0);
    ck_assert_uint_eq(he.worst_col, 1);
    ck_assert_double_eq_tol(he.worst_exact, 2 * X[0], 1e-13);
    ck_assert_double_eq_tol(he.worst_user, 2 * X[1], 1e-13);
    ck_assert_double_eq_tol(he.max_abs_error, fabs(2 * X[1] - 2 * X[0]), 1e-13);
    ck_assert_double_eq_tol(he.max_rel_error, fabs(2 * X[1] - 2 * X[0]) / (2 * fabs(X[1])), 1e-13);

    /* gradient only */
    ck_assert_int_eq(hd_check_derivatives(&f, X, dx_grad, NULL, 1e-10, &ge, NULL), HD_OK);
    ck_assert_uint_eq(ge.bad_entries, 0);
    ck_assert_int_eq(hd_check_derivatives(&f, X, dx_grad, NULL, 1e-10, NULL, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_check_derivatives(&f, X, dx_grad, NULL, -1.0, &ge, NULL), HD_EINVAL);
}
END_TEST

/* sqrt at 0: the exact derivative is infinite, so no comparison is meaningful. */
HD_GENERIC_OBJECTIVE(dx_root, T, x, ctx, return hd_sqrt(x[0]);)

static void root_grad(const double *x, double *g, void *ctx)
{
    (void)ctx;
    g[0] = 0.5 / sqrt(x[0]);
}

START_TEST(checker_refuses_non_finite_exact_derivatives)
{
    const hd_objective f = dx_root_objective(1, NULL);
    const double x0[1] = {0.0};
    hd_derivative_error ge;
    ck_assert_int_eq(hd_check_derivatives(&f, x0, root_grad, NULL, 1e-8, &ge, NULL), HD_ENONFINITE);
}
END_TEST

Suite *make_diff_extra_suite(void)
{
    Suite *s = suite_create("diff_extra");
    TCase *tc = tcase_create("drivers");
    tcase_add_test(tc, directional_derivatives_match_hand_formulas);
    tcase_add_test(tc, jacobian_matches_hand_formulas);
    tcase_add_test(tc, checker_passes_correct_and_catches_planted_errors);
    tcase_add_test(tc, checker_refuses_non_finite_exact_derivatives);
    suite_add_tcase(s, tc);
    return s;
}
