/* Large problems: exact Hessian-vector products on every path, truncated
 * Newton (line search and Steihaug-Toint), L-BFGS, Newton with a known
 * pattern, the final test without a dense Hessian, and the memory each
 * method takes. Truth is independent: Hessians and minimizers worked out by
 * hand, the passes an objective counts itself making, the formulas of the
 * documentation. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

/* ---- a banded objective with a Hessian by hand ---------------------------------
 * f = Σ_{i < n-2} (x_{i+2} - x_i²)² + Σ_i sin(x_i): half-bandwidth 2. */
HD_GENERIC_OBJECTIVE_N(band2, T, x, n, ctx,
    T s = (T){0};
    for (size_t i = 0; i + 2 < n; i++) s = hd_add(s, hd_sq(hd_sub(x[i + 2], hd_sq(x[i]))));
    for (size_t i = 0; i < n; i++) s = hd_add(s, hd_sin(x[i]));
    return s;
)

static void band2_derivatives(size_t n, const double *x, double *g, double *h /* n*n */)
{
    memset(g, 0, n * sizeof *g);
    memset(h, 0, n * n * sizeof *h);
    for (size_t i = 0; i + 2 < n; i++) {
        const double u = x[i + 2] - x[i] * x[i];
        g[i] += -4 * x[i] * u;
        g[i + 2] += 2 * u;
        h[i * n + i] += 12 * x[i] * x[i] - 4 * x[i + 2];
        h[i * n + i + 2] += -4 * x[i];
        h[(i + 2) * n + i] += -4 * x[i];
        h[(i + 2) * n + i + 2] += 2;
    }
    for (size_t i = 0; i < n; i++) {
        g[i] += cos(x[i]);
        h[i * n + i] += -sin(x[i]);
    }
}

static void fill(size_t n, double *x, double *v)
{
    for (size_t i = 0; i < n; i++) {
        x[i] = 0.3 + 0.1 * (double)(i % 5) - 0.07 * (double)(i % 3);
        v[i] = 1.0 - 0.25 * (double)(i % 4);
    }
}

/* H·v on every path that can do it, against the Hessian by hand, and the
 * passes each path costs: n hyper-dual passes, ceil(n/8) hyperv passes, or
 * one recorded pass and one sweep whatever n is. */
START_TEST(hessian_vector_paths_match_hand_formulas)
{
    const size_t sizes[] = {2, 5, 20, 64};
    const hd_path paths[] = {HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES, HD_PATH_TAPE};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        const size_t n = sizes[k];
        double x[64], v[64], g[64], h[64 * 64], hv[64], gg[64], fx;
        fill(n, x, v);
        band2_derivatives(n, x, g, h);
        const hd_objective obj = band2_objective(n, NULL);
        for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
            hd_counts c = {0};
            ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, v, &fx, gg, hv, paths[p], &c), HD_OK);
            for (size_t i = 0; i < n; i++) {
                double e = 0;
                for (size_t j = 0; j < n; j++) e += h[i * n + j] * v[j];
                ck_assert_msg(fabs(hv[i] - e) <= 1e-12 * (1 + fabs(e)), "n %zu path %d: (Hv)_%zu %.17g, want %.17g",
                              n, (int)paths[p], i, hv[i], e);
                ck_assert_double_eq_tol(gg[i], g[i], 1e-12 * (1 + fabs(g[i])));
            }
            if (paths[p] == HD_PATH_SCALAR) ck_assert_int_eq(c.hyper_calls, (long)n);
            if (paths[p] == HD_PATH_LANES) ck_assert_int_eq(c.hyperv_calls, (long)((n + 7) / 8));
            if (paths[p] == HD_PATH_TAPE || (paths[p] == HD_PATH_AUTO && n >= 20)) {
                ck_assert_int_eq(c.taped_calls, 1);
                ck_assert_int_eq(c.tape_sweeps, 1);
                ck_assert_int_eq(hd_counts_passes(&c), 1);
            }
        }
        /* hd_hessian_vector is the automatic path */
        double hv2[64];
        ck_assert_int_eq(hd_hessian_vector(&obj, x, v, NULL, NULL, hv2), HD_OK);
        hd_counts c = {0};
        ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, v, NULL, NULL, hv, HD_PATH_AUTO, &c), HD_OK);
        for (size_t i = 0; i < n; i++) ck_assert_double_eq(hv2[i], hv[i]);
    }
    /* a path the objective or the operation does not have */
    const hd_objective obj = band2_objective(4, NULL);
    double x[4] = {1, 2, 3, 4}, v[4] = {1, 0, 0, 0}, hv[4];
    ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, v, NULL, NULL, hv, HD_PATH_SPARSE, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, v, NULL, NULL, hv, HD_PATH_PACKED, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, v, NULL, NULL, hv, HD_PATH_NARROW, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, NULL, NULL, NULL, hv, HD_PATH_AUTO, NULL), HD_EINVAL);
}
END_TEST

/* An objective that counts its own passes by kind: the counters must equal
 * what the body saw. */
HD_GENERIC_OBJECTIVE_N(counted, T, x, n, ctx,
    ((long *)ctx)[HD_TEST_KIND_OF(T)]++;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i++) {
        s = hd_add(s, hd_sq(hd_mul(10, hd_sub(x[i + 1], hd_sq(x[i])))));
        s = hd_add(s, hd_sq(hd_sub(1, x[i])));
    }
    return s;
)

static void assert_counts_seen(const long *seen, const hd_counts *c)
{
    for (int k = 0; k < HD_KIND_COUNT; k++)
        ck_assert_msg(seen[k] == c->calls[k], "%s: the body saw %ld passes, the counter says %ld",
                      hd_kind_name((hd_kind)k), seen[k], c->calls[k]);
}

START_TEST(hessian_vector_counts_are_the_passes_made)
{
    const size_t sizes[] = {2, 6, 40, 1000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        const size_t n = sizes[k];
        long seen[HD_KIND_COUNT] = {0};
        const hd_objective obj = counted_objective(n, seen);
        double *x = malloc(n * sizeof *x), *v = malloc(n * sizeof *v), *hv = malloc(n * sizeof *hv);
        fill(n, x, v);
        hd_counts c = {0};
        for (int r = 0; r < 3; r++)
            ck_assert_int_eq(hd_hessian_vector_ex(&obj, x, v, NULL, NULL, hv, HD_PATH_AUTO, &c), HD_OK);
        assert_counts_seen(seen, &c);
        free(x);
        free(v);
        free(hv);
    }
}
END_TEST

/* ---- truncated Newton and negative curvature -------------------------------------- */

static hd_objective registry(const char *name, size_t n)
{
    const hd_problem *p = hd_problem_find(name);
    ck_assert_msg(p != NULL, "no registry problem %s", name);
    return p->objective(n);
}

/* x² - y² + y⁴/4 from near its saddle (0, 0): CG meets the negative
 * curvature along y (at its first direction, once x is settled) and the run
 * steps along it to a minimum f = -1 at (0, ±√2), without ever reaching the
 * saddle (no escape from a stationary point was needed). */
START_TEST(negative_curvature_inside_cg_is_detected_and_used)
{
    const hd_objective s = registry("saddle", 0);
    const hd_method methods[] = {HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION};
    for (int m = 0; m < 2; m++) {
        double x[2] = {1.0, 1e-3};
        hd_options o;
        hd_options_default(&o, methods[m]);
        hd_result r;
        ck_assert_int_eq(hd_minimize(&s, x, &o, &r), HD_OK);
        ck_assert_msg(r.status == HD_CONVERGED, "%s: %s", hd_method_name(methods[m]), hd_status_str(r.status));
        ck_assert_double_eq_tol(r.f, -1.0, 1e-12);
        ck_assert_double_eq_tol(fabs(x[1]), sqrt(2.0), 1e-6);
        ck_assert_double_eq_tol(x[0], 0.0, 1e-6);
        ck_assert_int_eq(r.point_kind, HD_POINT_MINIMUM);
        ck_assert_int_ge(r.curvature_steps, 1);
        ck_assert_int_eq(r.saddle_escapes, 0);
        ck_assert_int_gt(r.hv_products, 0);
    }
    /* on the saddle itself (g = 0) CG has nothing to do: the final test finds
     * the curvature and escapes, unless told not to */
    for (int escape = 0; escape < 2; escape++) {
        double x[2] = {0.0, 0.0};
        hd_options o;
        hd_options_default(&o, HD_NEWTON_CG);
        o.escape_saddles = escape;
        hd_result r;
        ck_assert_int_eq(hd_minimize(&s, x, &o, &r), HD_OK);
        ck_assert_int_eq(r.status, escape ? HD_CONVERGED : HD_SADDLE);
        ck_assert_int_eq(r.saddle_escapes, escape);
        ck_assert_double_eq_tol(r.f, escape ? -1.0 : 0.0, 1e-12);
    }
}
END_TEST

/* n/2 copies of the saddle: beyond HD_DENSE_HESSIAN_MAX_N, so no n·n array;
 * the final test is banded (the Hessian is diagonal). */
HD_GENERIC_OBJECTIVE_N(saddles, T, x, n, ctx,
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i += 2) {
        T y2 = hd_sq(x[i + 1]);
        s = hd_add(s, hd_add(hd_sub(hd_sq(x[i]), y2), hd_mul(0.25, hd_sq(y2))));
    }
    return s;
)

START_TEST(negative_curvature_at_large_n)
{
    const size_t n = 2000;
    const hd_objective s = saddles_objective(n, NULL);
    double *x = malloc(n * sizeof *x);
    const hd_method methods[] = {HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION, HD_NEWTON};
    for (int m = 0; m < 3; m++)
        for (int start = 0; start < 2; start++) {
            /* near the saddle (CG meets the curvature), then on it (g = 0: the
             * banded test finds the curvature by inverse iteration) */
            for (size_t i = 0; i < n; i++) x[i] = start ? 0.0 : (i % 2 ? 1e-3 : 1.0);
            hd_options o;
            hd_options_default(&o, methods[m]);
            hd_result r;
            ck_assert_int_eq(hd_minimize(&s, x, &o, &r), HD_OK);
            ck_assert_msg(r.status == HD_CONVERGED, "%s from %s: %s", hd_method_name(methods[m]),
                          start ? "the saddle" : "near it", hd_status_str(r.status));
            ck_assert_double_eq_tol(r.f, -(double)n / 2, 1e-9 * (double)n);
            for (size_t i = 1; i < n; i += 2) ck_assert_double_eq_tol(fabs(x[i]), sqrt(2.0), 1e-6);
            if (start) ck_assert_int_ge(r.saddle_escapes, 1);
            else if (methods[m] != HD_NEWTON) ck_assert_int_ge(r.curvature_steps, 1);
        }
    free(x);
}
END_TEST

/* Σ x_i⁴ has a singular Hessian at its minimum 0: no test can show it, and
 * neither the dense test (n = 10) nor the banded one (n = 1000) claims it. */
HD_GENERIC_OBJECTIVE_N(quartics, T, x, n, ctx,
    T s = (T){0};
    for (size_t i = 0; i < n; i++) s = hd_add(s, hd_sq(hd_sq(x[i])));
    return s;
)

START_TEST(a_singular_minimum_is_never_claimed)
{
    const size_t sizes[] = {10, 1000};
    const hd_method methods[] = {HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION, HD_LBFGS, HD_NEWTON};
    for (size_t k = 0; k < 2; k++)
        for (int m = 0; m < 4; m++) {
            const size_t n = sizes[k];
            const hd_objective q = quartics_objective(n, NULL);
            double *x = malloc(n * sizeof *x);
            for (size_t i = 0; i < n; i++) x[i] = 1.0;
            hd_options o;
            hd_options_default(&o, methods[m]);
            o.classify_final = 1;
            hd_result r;
            ck_assert_int_eq(hd_minimize(&q, x, &o, &r), HD_OK);
            ck_assert_msg(r.status == HD_STATIONARY, "n %zu, %s: %s", n, hd_method_name(methods[m]),
                          hd_status_str(r.status));
            ck_assert_int_eq(r.converged, 0);
            free(x);
        }
}
END_TEST

/* f = -sum 1/x_i^4 falls without bound towards x = 0, where the gradient
 * passes 1e154 and its squared norm overflows: a fact about f, not a bad
 * argument. Found by fuzz/fuzz_optim (Newton-CG's trust region returned
 * HD_EINVAL after 7 iterations at ||g|| = 4e158). Every method ends with a
 * status that describes an unbounded f, or a non-finite one, never a refusal. */
HD_GENERIC_OBJECTIVE_N(pole, T, x, n, ctx,
    (void)ctx;
    T s = hd_const(T, 0.0);
    for (size_t i = 0; i < n; i++) s = hd_sub(s, hd_div(1, hd_pow(x[i], 4)));
    return s;
)

START_TEST(a_gradient_past_1e154_is_no_refusal)
{
    const hd_method methods[] = {HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION, HD_LBFGS};
    for (size_t n = 1; n <= 3; n += 2)
        for (int m = 0; m < 3; m++) {
            const hd_objective obj = pole_objective(n, NULL);
            double x[3] = {-1.9375, -1.5, -1.25};
            hd_options o;
            hd_options_default(&o, methods[m]);
            o.max_iter = 40;
            o.classify_final = 0;
            hd_result r;
            ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
            ck_assert_msg(!r.converged && r.status != HD_STATIONARY && r.status != HD_SADDLE,
                          "%s, n = %zu: %s", hd_method_name(methods[m]), n, hd_status_str(r.status));
            ck_assert(r.f < -1.0);
        }
}
END_TEST

/* f = 3/x0 + x1 + ... + x4 from ones: linear, so unbounded, along x1..x4,
 * and ever flatter along x0; CG's steps along the flat curvature overflow.
 * Found by fuzz/fuzz_optim: Newton-CG refused with HD_EINVAL after two
 * iterations (rᵀr = inf read as a preconditioner that is not positive
 * definite). */
HD_GENERIC_OBJECTIVE_N(reciprocal_plus_linear, T, x, n, ctx,
    (void)ctx;
    T s = hd_div(3, x[0]);
    for (size_t i = 1; i < n; i++) s = hd_add(s, x[i]);
    return s;
)

START_TEST(cg_overflow_along_a_flat_direction_is_no_refusal)
{
    const hd_objective obj = reciprocal_plus_linear_objective(5, NULL);
    const hd_method methods[] = {HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION};
    for (int m = 0; m < 2; m++)
        for (int ls = HD_LINESEARCH_NONE; ls <= HD_LINESEARCH_WOLFE; ls++)
            for (int limit = 1; limit <= 40; limit += 3) {
                double x[5] = {1, 1, 1, 1, 1};
                hd_options o;
                hd_options_default(&o, methods[m]);
                o.line_search = (hd_linesearch)ls;
                o.max_iter = limit;
                hd_result r;
                const int rc = hd_minimize(&obj, x, &o, &r);
                ck_assert_msg(rc == HD_OK, "%s, line search %d, max_iter %d: %s", hd_method_name(methods[m]), ls,
                              limit, hd_strerror(rc));
                ck_assert(!r.converged);
                ck_assert(r.f <= 7.0);
            }
}
END_TEST

/* ---- the targets' problem at n = 10 000 ------------------------------------------- */

START_TEST(extended_rosenbrock_at_ten_thousand)
{
    const size_t n = 10000;
    const hd_problem *p = hd_problem_find("extended_rosenbrock");
    const hd_objective obj = p->objective(n);
    double *x = malloc(n * sizeof *x);
    const hd_method methods[] = {HD_LBFGS, HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION, HD_NEWTON};
    for (int m = 0; m < 4; m++) {
        p->start(n, x);
        hd_options o;
        hd_options_default(&o, methods[m]);
        o.classify_final = 1; /* L-BFGS: the banded test at the end */
        hd_result r;
        ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
        ck_assert_msg(r.status == HD_CONVERGED, "%s: %s", hd_method_name(methods[m]), hd_status_str(r.status));
        ck_assert_double_lt(r.f, 1e-10);
        for (size_t i = 0; i < n; i++) ck_assert_double_eq_tol(x[i], 1.0, 1e-5);
        ck_assert_int_eq(r.point_kind, HD_POINT_MINIMUM);
        if (methods[m] == HD_NEWTON_CG || methods[m] == HD_NEWTON_CG_TRUST_REGION)
            ck_assert_int_gt(r.hv_products, 0);
        else
            ck_assert_int_eq(r.hv_products, 0);
    }
    /* without classify_final, L-BFGS has no Hessian: stationary, kind unknown */
    p->start(n, x);
    hd_options o;
    hd_options_default(&o, HD_LBFGS);
    hd_result r;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_STATIONARY);
    ck_assert_int_eq(r.point_kind, -1);
    ck_assert_double_lt(r.f, 1e-10);
    free(x);
}
END_TEST

/* The documented memory (optim.h), in doubles, against hd_minimize_memory:
 * extended Rosenbrock's Hessian is banded with b = 1. */
START_TEST(memory_is_as_documented)
{
    const hd_problem *p = hd_problem_find("extended_rosenbrock");
    const size_t sizes[] = {10, 2000};
    for (size_t k = 0; k < 2; k++) {
        const size_t n = sizes[k];
        const hd_objective obj = p->objective(n);
        double *x = malloc(n * sizeof *x);
        p->start(n, x);
        const int dense = n <= HD_DENSE_HESSIAN_MAX_N;
        const size_t test = dense ? 4 * n * n + 3 * n : 4 * 2 * n; /* the final test's arrays */
        const struct {
            hd_method m;
            int classify, lbfgs_m;
            size_t doubles;
        } want[] = {
            {HD_GRADIENT_DESCENT, 0, 10, 8 * n},
            {HD_GRADIENT_DESCENT, 1, 10, 8 * n + test},
            {HD_BFGS, 0, 10, 8 * n + n * n},
            {HD_LBFGS, 0, 10, 8 * n + 2 * 10 * n + 2 * 10},
            {HD_LBFGS, 0, 3, 8 * n + 2 * 3 * n + 2 * 3},
            {HD_LBFGS, 1, 5, 8 * n + 2 * 5 * n + 2 * 5 + test},
            {HD_NEWTON_CG, 0, 10, 13 * n + test},
            {HD_NEWTON_CG_TRUST_REGION, 0, 10, 13 * n + test},
            {HD_NEWTON, 0, 10, dense ? 11 * n + 4 * n * n : 13 * n + 4 * 2 * n},
            {HD_NEWTON_TRUST_REGION, 0, 10, 11 * n + 4 * n * n},
        };
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            hd_options o;
            hd_options_default(&o, want[i].m);
            o.classify_final = want[i].classify;
            o.lbfgs_memory = want[i].lbfgs_m;
            size_t bytes = 0;
            ck_assert_int_eq(hd_minimize_memory(&obj, x, &o, &bytes), HD_OK);
            ck_assert_msg(bytes == want[i].doubles * sizeof(double), "n %zu, %s (classify %d, m %d): %zu bytes, "
                          "documented %zu", n, hd_method_name(want[i].m), want[i].classify, want[i].lbfgs_m,
                          bytes, want[i].doubles * sizeof(double));
        }
        /* Gauss-Newton and Levenberg-Marquardt on its m = n residuals: their
         * own arrays and n column indices besides, a header of a few hundred
         * bytes, and the final test dense at every n (classify_final, the
         * default, or not) */
        const size_t m = n, rows = m > n ? m : n;
        const size_t own = 2 * m + m * n + rows * (n + 1) + 2 * n * n + 10 * n;
        const hd_method lsq[] = {HD_GAUSS_NEWTON, HD_LEVENBERG_MARQUARDT};
        for (size_t i = 0; i < 2; i++)
            for (int classify = 0; classify <= 1; classify++) {
                hd_options o;
                hd_options_default(&o, lsq[i]);
                o.classify_final = classify;
                const size_t doubles = 8 * n + own + (classify ? 4 * n * n + 3 * n : 0);
                const size_t want_bytes = doubles * sizeof(double) + n * sizeof(size_t);
                size_t bytes = 0;
                ck_assert_int_eq(hd_minimize_memory(&obj, x, &o, &bytes), HD_OK);
                ck_assert_msg(bytes > want_bytes && bytes < want_bytes + 1024, "n %zu, %s (classify %d): %zu "
                              "bytes, documented %zu and a header", n, hd_method_name(lsq[i]), classify, bytes,
                              want_bytes);
            }
        free(x);
    }
    /* without residuals, refused as hd_minimize refuses it */
    {
        hd_objective plain = p->objective(10);
        plain.bodies = NULL;
        plain.f_dual = NULL;
        double x[10] = {0};
        hd_options o;
        hd_options_default(&o, HD_GAUSS_NEWTON);
        size_t bytes = 0;
        ck_assert_int_eq(hd_minimize_memory(&plain, x, &o, &bytes), HD_EINVAL);
    }
    /* the tape: recorded within the limit, or refused */
    const hd_objective obj = p->objective(1000);
    double x[1000];
    p->start(1000, x);
    size_t tape = 0;
    ck_assert_int_eq(hd_tape_memory(&obj, x, SIZE_MAX, &tape), HD_OK);
    ck_assert_uint_gt(tape, 1000 * 56);
    ck_assert_uint_lt(tape, 1000 * 56 + 20 * 1000 * 200 + 32 * 1000 * 1000);
    ck_assert_int_eq(hd_tape_memory(&obj, x, tape - 1, &tape), HD_ENOMEM);
}
END_TEST

/* Sizes whose arrays cannot exist: refused before x (one value) is read. */
START_TEST(absurd_sizes_are_refused)
{
    const hd_objective rosen = registry("extended_rosenbrock", 10);
    const size_t huge[] = {SIZE_MAX, SIZE_MAX - 15, SIZE_MAX / 2, SIZE_MAX / 64 + 1};
    const hd_method methods[] = {HD_LBFGS, HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION};
    for (size_t k = 0; k < sizeof huge / sizeof huge[0]; k++)
        for (int m = 0; m < 3; m++) {
            hd_objective big = rosen;
            big.n = huge[k];
            double x[1] = {0.5};
            hd_options o;
            hd_options_default(&o, methods[m]);
            o.classify_final = 1;
            hd_result r;
            ck_assert_int_eq(hd_minimize(&big, x, &o, &r), HD_ENOMEM);
            size_t bytes = 0;
            ck_assert_int_eq(hd_minimize_memory(&big, x, &o, &bytes), HD_OK);
            ck_assert_uint_eq(bytes, SIZE_MAX);
            ck_assert_double_eq(x[0], 0.5);
        }
}
END_TEST

/* ---- counting products ------------------------------------------------------------- */

/* A hand-written objective (no bodies table): its H·v takes the scalar path,
 * n hyper-dual passes per product, and the final test's dense Hessians
 * n(n+1)/2 each; the body counts what it is asked. f = Σ (x_i - i)^4 + (x_i - i)^2. */
static long hand_hyper_calls;
static double hand_f(const double *x, void *ctx)
{
    (void)ctx;
    double s = 0;
    for (int i = 0; i < 3; i++) {
        const double d = x[i] - i;
        s += d * d * d * d + d * d;
    }
    return s;
}
static hd_dual hand_dual(const hd_dual *x, void *ctx)
{
    (void)ctx;
    hd_dual s = hd_dual_const(0);
    for (int i = 0; i < 3; i++) {
        const hd_dual d = hd_sub(x[i], i);
        s = hd_add(s, hd_add(hd_sq(hd_sq(d)), hd_sq(d)));
    }
    return s;
}
static hd_hyper hand_hyper(const hd_hyper *x, void *ctx)
{
    (void)ctx;
    hand_hyper_calls++;
    hd_hyper s = hd_hyper_const(0);
    for (int i = 0; i < 3; i++) {
        const hd_hyper d = hd_sub(x[i], i);
        s = hd_add(s, hd_add(hd_sq(hd_sq(d)), hd_sq(d)));
    }
    return s;
}

START_TEST(counts_of_products_match_the_passes_made)
{
    const hd_objective obj = {.n = 3, .f = hand_f, .f_dual = hand_dual, .f_hyper = hand_hyper};
    const hd_method methods[] = {HD_NEWTON_CG, HD_NEWTON_CG_TRUST_REGION};
    for (int m = 0; m < 2; m++) {
        double x[3] = {3, -2, 5};
        hd_options o;
        hd_options_default(&o, methods[m]);
        hd_result r;
        hand_hyper_calls = 0;
        ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
        for (int i = 0; i < 3; i++) ck_assert_double_eq_tol(x[i], i, 1e-8);
        ck_assert_int_eq(r.hyper_calls, hand_hyper_calls);
        ck_assert_int_gt(r.hv_products, 0);
        /* products: 3 passes each (paths.h: n hyper-dual passes without lanes or
         * a tape); gradients at the start and each accepted step: ceil(3/2) = 2
         * (the narrow path without dual2 or dual4 bodies); the final test:
         * one or two Hessians of 3·4/2 = 6 */
        const long rest = r.hyper_calls - 3 * r.hv_products - 2 * (r.iterations + 1);
        ck_assert_msg(rest == 6 || rest == 12, "%s: %ld hyper-dual passes for %ld products and %d iterations",
                      hd_method_name(methods[m]), r.hyper_calls, r.hv_products, r.iterations);
        ck_assert_int_eq(r.passes, hd_counts_passes(&r.counts));
    }
    /* With a taped body (n = 40), the run keeps each iterate's recording: a
     * product is one sweep over it and no pass of its own. Every recording
     * (a gradient, or one of the final test's two Hessians, whose tridiagonal
     * pattern needs 3 colours: one sweep) is swept once, so the sweeps are
     * the recordings plus the products; the body saw every pass counted. */
    for (int m = 0; m < 2; m++) {
        long seen[HD_KIND_COUNT] = {0};
        const hd_objective c = counted_objective(40, seen);
        double x[40];
        for (int i = 0; i < 40; i++) x[i] = i % 2 ? 1.0 : -1.2;
        hd_options o;
        hd_options_default(&o, methods[m]);
        hd_result r;
        ck_assert_int_eq(hd_minimize(&c, x, &o, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
        assert_counts_seen(seen, &r.counts);
        ck_assert_int_gt(r.hv_products, 0);
        ck_assert_int_eq(r.tape_sweeps, r.taped_calls + r.hv_products);
    }
}
END_TEST

/* cg_max_iter = 1: one product per line-search step (CG stops after one
 * direction), so products equal iterations; the trace and the callback see
 * the products as they are made. */
static long cb_products;
static int watch_products(const hd_iteration *it, void *user)
{
    (void)user;
    ck_assert_int_ge(it->hv_products, cb_products);
    cb_products = it->hv_products;
    return 0;
}

START_TEST(cg_iteration_limit_bounds_the_products)
{
    const hd_objective obj = registry("extended_rosenbrock", 10);
    double x[10];
    hd_problem_find("extended_rosenbrock")->start(0, x);
    hd_trace_row rows[4000];
    hd_options o;
    hd_options_default(&o, HD_NEWTON_CG);
    o.cg_max_iter = 1;
    o.callback = watch_products;
    o.trace = rows;
    o.trace_cap = 4000;
    o.max_iter = 3000;
    hd_result r;
    cb_products = 0;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.hv_products, r.iterations);
    ck_assert_int_eq(cb_products, r.hv_products);
    ck_assert_uint_eq(r.trace_len, (size_t)r.iterations + 1);
    ck_assert_int_eq(rows[r.trace_len - 1].hv_products, r.hv_products);
    ck_assert_int_eq(rows[0].hv_products, 0);
    /* out of range */
    o.cg_max_iter = -1;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_EINVAL);
    hd_options_default(&o, HD_LBFGS);
    o.lbfgs_memory = 0;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_EINVAL);
}
END_TEST

/* ---- the preconditioner ------------------------------------------------------------ */

/* Σ d_i (x_i - 1)², d_i from 1 to 1e6: CG alone needs many products per step;
 * with M = H (diagonal), one product gives the exact Newton step. */
HD_GENERIC_OBJECTIVE_N(spread, T, x, n, ctx,
    T s = (T){0};
    for (size_t i = 0; i < n; i++) s = hd_add(s, hd_mul(pow(10.0, 6.0 * (double)i / (double)(n - 1)),
                                                        hd_sq(hd_sub(x[i], 1))));
    return s;
)

static int jacobi(size_t n, const double *x, const double *r, double *z, void *user)
{
    (void)x;
    (void)user;
    for (size_t i = 0; i < n; i++) z[i] = r[i] / (2.0 * pow(10.0, 6.0 * (double)i / (double)(n - 1)));
    return 0;
}
static int indefinite(size_t n, const double *x, const double *r, double *z, void *user)
{
    (void)x;
    (void)user;
    for (size_t i = 0; i < n; i++) z[i] = -r[i];
    return 0;
}
static int refuse(size_t n, const double *x, const double *r, double *z, void *user)
{
    (void)n, (void)x, (void)r, (void)z, (void)user;
    return 1;
}

START_TEST(the_preconditioner_is_used_and_checked)
{
    const size_t n = 30;
    const hd_objective obj = spread_objective(n, NULL);
    double x[30];
    long plain = 0;
    for (int with = 0; with < 2; with++) {
        for (size_t i = 0; i < n; i++) x[i] = 0.0;
        hd_options o;
        hd_options_default(&o, HD_NEWTON_CG);
        if (with) o.preconditioner = jacobi;
        hd_result r;
        ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
        ck_assert_int_eq(r.status, HD_CONVERGED);
        for (size_t i = 0; i < n; i++) ck_assert_double_eq_tol(x[i], 1.0, 1e-9);
        if (!with) plain = r.hv_products;
        else {
            ck_assert_int_eq(r.iterations, 1);
            ck_assert_int_eq(r.hv_products, 1);
            ck_assert_int_gt(plain, 5);
        }
    }
    hd_options o;
    hd_options_default(&o, HD_NEWTON_CG);
    o.preconditioner = indefinite;
    hd_result r;
    for (size_t i = 0; i < n; i++) x[i] = 0.0;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_EINVAL);
    ck_assert_int_eq(r.status, HD_EINVAL);
    o.preconditioner = refuse;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_STOPPED_BY_CALLBACK);
}
END_TEST

/* ---- Newton with a known pattern ---------------------------------------------------- */

/* f = ½ xᵀAx - bᵀx, A tridiagonal (4 on the diagonal, 1 beside it) plus, in
 * the "arrow" variant, ARROW between x_0 and every x_j (A stays diagonally
 * dominant for n = 200): b = A·x*, x*_i = i mod 3 - 1. One Newton step from
 * anywhere lands on x*. */
#define ARROW 0.005
typedef struct {
    int arrow;
} shape;

HD_GENERIC_OBJECTIVE_N(patterned, T, x, n, ctx,
    const int arrow = ((const shape *)ctx)->arrow;
    T s = (T){0};
    for (size_t i = 0; i < n; i++) {
        const double xs = (double)(i % 3) - 1.0;
        double bi = 4 * xs;
        T ax = hd_mul(4, x[i]);
        if (i > 0) {
            ax = hd_add(ax, x[i - 1]);
            bi += (double)((i - 1) % 3) - 1.0;
        }
        if (i + 1 < n) {
            ax = hd_add(ax, x[i + 1]);
            bi += (double)((i + 1) % 3) - 1.0;
        }
        if (arrow && i > 0) {
            ax = hd_add(ax, hd_mul(ARROW, x[0]));
            bi += ARROW * -1.0;
        }
        if (arrow && i == 0)
            for (size_t j = 1; j < n; j++) {
                ax = hd_add(ax, hd_mul(ARROW, x[j]));
                bi += ARROW * ((double)(j % 3) - 1.0);
            }
        s = hd_add(s, hd_sub(hd_mul(0.5, hd_mul(x[i], ax)), hd_mul(bi, x[i])));
    }
    return s;
)

START_TEST(newton_uses_a_known_pattern)
{
    const size_t n = 200;
    unsigned char *mask = calloc(n * n, 1);
    for (int arrow = 0; arrow < 2; arrow++) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                mask[i * n + j] = (i > j ? i - j : j - i) <= 1 || (arrow && (i == 0 || j == 0));
        hd_sparsity *sp = NULL;
        ck_assert_int_eq(hd_sparsity_from_mask(n, mask, &sp), HD_OK);
        shape sh = {arrow};
        hd_objective obj = patterned_objective(n, &sh);
        obj.hess_sparsity = sp;
        double x[200];
        for (size_t i = 0; i < n; i++) x[i] = 5.0 - (double)(i % 7);
        hd_options o;
        hd_options_default(&o, HD_NEWTON);
        size_t bytes;
        ck_assert_int_eq(hd_minimize_memory(&obj, x, &o, &bytes), HD_OK);
        /* a band (b = 1): 4 bands of 2n; the arrow: CG's 5n and the values;
         * and the final test's dense arrays (n <= HD_DENSE_HESSIAN_MAX_N) */
        const size_t own = arrow ? 5 * n + sp->nnz : 5 * n + 4 * 2 * n;
        ck_assert_uint_eq(bytes, (8 * n + own + 4 * n * n + 3 * n) * sizeof(double));
        hd_result r;
        ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
        ck_assert_msg(r.status == HD_CONVERGED, "%s: %s", arrow ? "arrow" : "band", hd_status_str(r.status));
        for (size_t i = 0; i < n; i++) ck_assert_double_eq_tol(x[i], (double)(i % 3) - 1.0, 1e-9);
        if (!arrow) ck_assert_int_eq(r.iterations, 1); /* the exact Newton step */
        ck_assert_int_eq(r.hv_products, 0);           /* stored values, no products */
        hd_sparsity_free(sp);
    }
    free(mask);
}
END_TEST

/* Beyond HD_DENSE_HESSIAN_MAX_N, Newton finds the band itself: the same
 * exact step, with (b + 1)·n doubles per matrix instead of n². */
START_TEST(newton_finds_a_band_at_large_n)
{
    const size_t n = 3000;
    shape sh = {0};
    const hd_objective obj = patterned_objective(n, &sh);
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) x[i] = 5.0 - (double)(i % 7);
    hd_options o;
    hd_options_default(&o, HD_NEWTON);
    size_t bytes;
    ck_assert_int_eq(hd_minimize_memory(&obj, x, &o, &bytes), HD_OK);
    ck_assert_uint_eq(bytes, (13 * n + 4 * 2 * n) * sizeof(double));
    hd_result r;
    ck_assert_int_eq(hd_minimize(&obj, x, &o, &r), HD_OK);
    ck_assert_int_eq(r.status, HD_CONVERGED);
    ck_assert_int_eq(r.iterations, 1);
    for (size_t i = 0; i < n; i++) ck_assert_double_eq_tol(x[i], (double)(i % 3) - 1.0, 1e-9);
    free(x);
}
END_TEST

Suite *make_large_suite(void)
{
    Suite *s = suite_create("large");
    TCase *tc = tcase_create("large");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, hessian_vector_paths_match_hand_formulas);
    tcase_add_test(tc, hessian_vector_counts_are_the_passes_made);
    tcase_add_test(tc, negative_curvature_inside_cg_is_detected_and_used);
    tcase_add_test(tc, negative_curvature_at_large_n);
    tcase_add_test(tc, a_singular_minimum_is_never_claimed);
    tcase_add_test(tc, extended_rosenbrock_at_ten_thousand);
    tcase_add_test(tc, memory_is_as_documented);
    tcase_add_test(tc, absurd_sizes_are_refused);
    tcase_add_test(tc, counts_of_products_match_the_passes_made);
    tcase_add_test(tc, cg_iteration_limit_bounds_the_products);
    tcase_add_test(tc, the_preconditioner_is_used_and_checked);
    tcase_add_test(tc, newton_uses_a_known_pattern);
    tcase_add_test(tc, newton_finds_a_band_at_large_n);
    tcase_add_test(tc, a_gradient_past_1e154_is_no_refusal);
    tcase_add_test(tc, cg_overflow_along_a_flat_direction_is_no_refusal);
    suite_add_tcase(s, tc);
    return s;
}
