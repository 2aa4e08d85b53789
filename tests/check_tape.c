/* The taped path (HD_PATH_TAPE, lib/tape.c) against independent truth:
 * hand-derived gradients and Hessians, the contract's scalar path, and, at
 * points where a derivative is not finite, the scalar path exactly, NaN
 * where it has NaN (the documented fallback). The pass counts check that
 * the path really was taken (no silent fallback) and that colouring keeps
 * the number of sweeps of a banded Hessian independent of n.
 *
 * Tolerances: 1e-13 relative to the largest entry against hand formulas
 * (they sum in another order), 1e-14 against the scalar path, which applies
 * the same partials. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <hyperdual.h>
#include "tests.h"

/* F1, the extended Rosenbrock function (bench_rosen; ctx -> size_t n). */
#include "../bench/bench_objectives.h"

#define TOL_HAND 1e-13
#define TOL_SCALAR 1e-14

/* ck_assert_msg for loops over whole Hessians: Check records every passing
 * assertion (a write per call, slow under valgrind), this only a failure. */
#define EXPECT_ALL(cond, ...)                   \
    do {                                        \
        if (!(cond)) ck_abort_msg(__VA_ARGS__); \
    } while (0)

/* ---- helpers ------------------------------------------------------------------------ */

/* A value, gradient and Hessian of n variables (the Hessian only when asked). */
typedef struct { size_t n; double f, *g, *h; } result;

static result result_new(size_t n, int with_hessian)
{
    result r = {n, 0.0, calloc(n, sizeof(double)), with_hessian ? calloc(n * n, sizeof(double)) : NULL};
    ck_assert(r.g && (r.h || !with_hessian));
    return r;
}
static void result_free(result *r)
{
    free(r->g);
    free(r->h);
}

static double max_abs(const double *v, size_t m)
{
    double s = 0.0;
    for (size_t i = 0; i < m; i++) s = fmax(s, fabs(v[i]));
    return s;
}

/* |got - want| <= tol · max |want| entry by entry (exact when want is 0 everywhere). */
static void expect_close(const char *what, const double *got, const double *want, size_t m, double tol)
{
    const double scale = max_abs(want, m);
    for (size_t i = 0; i < m; i++)
        EXPECT_ALL(fabs(got[i] - want[i]) <= tol * scale, "%s [%zu]: %.17g, expected %.17g (tol %g of %g)", what,
                   i, got[i], want[i], tol, scale);
}

/* Exactly equal, any NaN equal to any NaN (NaN payloads, and the sign of
 * a zero, which a reverse sweep's sums need not keep, may differ). */
static void expect_same(const char *what, const double *got, const double *want, size_t m)
{
    for (size_t i = 0; i < m; i++)
        EXPECT_ALL(got[i] == want[i] || (isnan(got[i]) && isnan(want[i])), "%s [%zu]: %.17g, expected %.17g exactly",
                   what, i, got[i], want[i]);
}

/* Value, gradient and Hessian through `path`; the passes it took. */
static hd_counts hessian_by(const hd_objective *obj, const double *x, result *r, hd_path path)
{
    hd_counts c = {.f_calls = 0};
    ck_assert_int_eq(hd_hessian_ex(obj, x, &r->f, r->g, r->h, path, &c), HD_OK);
    return c;
}
static hd_counts gradient_by(const hd_objective *obj, const double *x, result *r, hd_path path)
{
    hd_counts c = {.f_calls = 0};
    ck_assert_int_eq(hd_gradient_ex(obj, x, &r->f, r->g, path, &c), HD_OK);
    return c;
}

/* The taped path was taken and not declined: one recording, no forward pass. */
static void expect_taped_only(const char *what, hd_counts c)
{
    ck_assert_msg(c.taped_calls == 1 && c.tape_sweeps >= 1 && c.f_calls == 0
                      && hd_counts_passes(&c) == 1,
                  "%s: counts taped %ld sweeps %ld f %ld dual %ld hyper %ld dualv %ld hyperv %ld dual4 %ld dual2 %ld",
                  what, c.taped_calls, c.tape_sweeps, c.f_calls, c.dual_calls, c.hyper_calls, c.dualv_calls,
                  c.hyperv_calls, c.dual4_calls, c.dual2_calls);
}

/* got against the hand formulas: value, gradient, and the Hessian when both have one. */
static void expect_result(const char *what, const result *got, const result *want, double tol)
{
    const size_t n = got->n;
    ck_assert_msg(fabs(got->f - want->f) <= tol * fabs(want->f), "%s: value %.17g, expected %.17g", what,
                  got->f, want->f);
    expect_close(what, got->g, want->g, n, tol);
    if (got->h && want->h) {
        expect_close(what, got->h, want->h, n * n, tol);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < i; j++)
                EXPECT_ALL(got->h[i * n + j] == got->h[j * n + i], "%s: H not symmetric at (%zu, %zu)", what, i, j);
    }
}

/* Value, gradient and Hessian by the taped and the scalar path, which must agree to tol. */
static hd_counts expect_taped_matches_scalar(const char *what, const hd_objective *obj, const double *x,
                                             double tol)
{
    result t = result_new(obj->n, 1), s = result_new(obj->n, 1);
    const hd_counts c = hessian_by(obj, x, &t, HD_PATH_TAPE);
    expect_taped_only(what, c);
    hessian_by(obj, x, &s, HD_PATH_SCALAR);
    expect_result(what, &t, &s, tol);
    result_free(&t);
    result_free(&s);
    return c;
}

/* Hand formulas: value, gradient and Hessian into a zeroed result. */
typedef void (*hand_fn)(const double *x, result *r);

/* The taped path's Hessian (with_hessian) or gradient against the hand
 * formulas; the passes it took. */
static hd_counts expect_taped_matches_hand(const char *what, const hd_objective *obj, const double *x,
                                           hand_fn hand, int with_hessian)
{
    result got = result_new(obj->n, with_hessian), want = result_new(obj->n, 1);
    const hd_counts c = with_hessian ? hessian_by(obj, x, &got, HD_PATH_TAPE)
                                     : gradient_by(obj, x, &got, HD_PATH_TAPE);
    expect_taped_only(what, c);
    hand(x, &want);
    expect_result(what, &got, &want, TOL_HAND);
    result_free(&got);
    result_free(&want);
    return c;
}

/* ---- extended Rosenbrock: banded, so the sweeps do not grow with n ---------------- */

/* Hand-derived: pairs (a, b) = (x_2k, x_2k+1), f = Σ 100 (b - a²)² + (1 - a)². */
static void rosen_hand(const double *x, result *r)
{
    const size_t n = r->n;
    for (size_t i = 0; i + 1 < n; i += 2) {
        const double a = x[i], b = x[i + 1], t = b - a * a;
        r->f += 100 * t * t + (1 - a) * (1 - a);
        r->g[i] = -400 * a * t - 2 * (1 - a);
        r->g[i + 1] = 200 * t;
        r->h[i * n + i] = 1200 * a * a - 400 * b + 2;
        r->h[i * n + i + 1] = r->h[(i + 1) * n + i] = -400 * a;
        r->h[(i + 1) * n + i + 1] = 200;
    }
}

static hd_counts rosen_at(size_t n)
{
    const hd_objective obj = bench_rosen_objective(n, &n);
    double *x = malloc(n * sizeof *x);
    ck_assert_ptr_nonnull(x);
    for (size_t i = 0; i < n; i++) x[i] = (i % 2 ? 1.0 : -1.2) + 0.3 * sin(0.7 * (double)i);
    const hd_counts c = expect_taped_matches_hand("rosenbrock", &obj, x, rosen_hand, 1);
    free(x);
    return c;
}

START_TEST(rosenbrock_hessian_in_a_fixed_number_of_sweeps)
{
    const hd_counts small = rosen_at(40), large = rosen_at(400);
    ck_assert_int_eq(small.tape_sweeps, large.tape_sweeps);
    /* the 2×2 blocks need two colours, so a sweep or two, far below one per
     * block of HD_TAPE_BLOCK columns */
    ck_assert_int_lt(large.tape_sweeps, 400 / HD_TAPE_BLOCK);
}
END_TEST

/* ---- a dense Hessian: (Σ x_i)² + Σ sin(x_i x_i+1) ---------------------------------- */
HD_GENERIC_OBJECTIVE(sum_sin, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0}, w = (T){0};
    for (size_t i = 0; i < n; i++) s = hd_add(s, x[i]);
    for (size_t i = 0; i + 1 < n; i++) w = hd_add(w, hd_sin(hd_mul(x[i], x[i + 1])));
    return hd_add(hd_sq(s), w);
)

/* Hand-derived. */
static void sum_sin_hand(const double *x, result *r)
{
    const size_t n = r->n;
    double s = 0.0, w = 0.0;
    for (size_t i = 0; i < n; i++) s += x[i];
    for (size_t i = 0; i < n; i++) r->g[i] = 2 * s;
    for (size_t i = 0; i < n * n; i++) r->h[i] = 2.0;
    for (size_t i = 0; i + 1 < n; i++) {
        const double a = x[i], b = x[i + 1], u = a * b;
        w += sin(u);
        r->g[i] += cos(u) * b;
        r->g[i + 1] += cos(u) * a;
        r->h[i * n + i] -= sin(u) * b * b;
        r->h[(i + 1) * n + i + 1] -= sin(u) * a * a;
        r->h[i * n + i + 1] += cos(u) - sin(u) * u;
        r->h[(i + 1) * n + i] += cos(u) - sin(u) * u;
    }
    r->f = s * s + w;
}

static void wavy_point(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) x[i] = 0.3 + 0.45 * sin(1.7 * (double)(i + 1));
}

START_TEST(dense_hessian_matches_hand_formulas_and_scalar_path)
{
    size_t n = 20;
    const hd_objective obj = sum_sin_objective(n, &n);
    double x[20];
    wavy_point(x, n);
    expect_taped_matches_scalar("sum_sin n=20", &obj, x, TOL_SCALAR);
    expect_taped_matches_hand("sum_sin n=20 (hand)", &obj, x, sum_sin_hand, 1);
}
END_TEST

/* ---- gradients: one recording, one reverse sweep ---------------------------------- */
START_TEST(gradients_match_hand_formulas)
{
    static const size_t ns[] = {1, 2, 33, 500};
    size_t n = ns[_i];
    double *x = malloc(n * sizeof *x);
    ck_assert_ptr_nonnull(x);
    wavy_point(x, n);
    const hd_objective obj = sum_sin_objective(n, &n);
    ck_assert_int_eq(expect_taped_matches_hand("sum_sin gradient", &obj, x, sum_sin_hand, 0).tape_sweeps, 1);
    if (n >= 2) {
        const hd_objective rosen = bench_rosen_objective(n, &n);
        expect_taped_matches_hand("rosenbrock gradient", &rosen, x, rosen_hand, 0);
    }
    free(x);
}
END_TEST

/* ---- binary operations with both arguments on the tape ---------------------------- */
/* Σ x_i / x_i+1 + x_i^x_i+1: every second partial of a binary rule, fyy included. */
HD_GENERIC_OBJECTIVE(quot_pow, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i++) s = hd_add(s, hd_add(hd_div(x[i], x[i + 1]), hd_pow(x[i], x[i + 1])));
    return s;
)

static void quot_pow_hand(const double *x, result *r)
{
    const size_t n = r->n;
    for (size_t i = 0; i + 1 < n; i++) {
        const double a = x[i], b = x[i + 1], p = pow(a, b), l = log(a);
        r->f += a / b + p;
        r->g[i] += 1 / b + b * pow(a, b - 1);
        r->g[i + 1] += -a / (b * b) + p * l;
        r->h[i * n + i] += b * (b - 1) * pow(a, b - 2);
        r->h[(i + 1) * n + i + 1] += 2 * a / (b * b * b) + p * l * l;
        r->h[i * n + i + 1] += -1 / (b * b) + pow(a, b - 1) * (1 + b * l);
        r->h[(i + 1) * n + i] += -1 / (b * b) + pow(a, b - 1) * (1 + b * l);
    }
}

/* atan2, hypot, logaddexp, fmin, fdim, a quotient of computed nodes, the
 * compositions powi and fma, and chains of constant slopes. */
HD_GENERIC_OBJECTIVE(binary_mix, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i++) {
        const T a = x[i], b = x[i + 1];
        s = hd_add(s, hd_mul(hd_atan2(a, b), hd_hypot(a, hd_sub(b, 0.5))));
        s = hd_add(s, hd_sub(hd_logaddexp(a, hd_mul(2, b)), hd_fmin(hd_sq(a), b)));
        s = hd_add(s, hd_div(hd_exp(hd_mul(a, 0.3)), hd_add(2, hd_cos(hd_add(a, b)))));
        s = hd_add(s, hd_fdim(hd_cube(a), b));
        s = hd_add(s, hd_fma(hd_powi(a, -3), hd_powi(b, 5), hd_powi(hd_mul(a, b), 0)));
        /* chains of constant slopes, which only scale a node */
        s = hd_add(s, hd_mul(hd_neg(hd_div(hd_mul(3, hd_sub(a, 1)), 4)), hd_fabs(hd_sub(2, hd_mul(b, -2)))));
    }
    return s;
)

START_TEST(binary_rules_on_the_tape)
{
    static const size_t ns[] = {5, 12}; /* the dense plan, and the pattern read off the tape */
    for (int k = 0; k < 2; k++) {
        size_t n = ns[k];
        double x[12];
        for (size_t i = 0; i < n; i++) x[i] = 1.1 + 0.6 * sin(1.3 * (double)(i + 1));
        const hd_objective qp = quot_pow_objective(n, &n), mix = binary_mix_objective(n, &n);
        expect_taped_matches_hand("quot_pow", &qp, x, quot_pow_hand, 1);
        expect_taped_matches_scalar("binary mix", &mix, x, TOL_SCALAR);
    }
}
END_TEST

/* ---- edges of the recording ------------------------------------------------------- */
HD_GENERIC_OBJECTIVE(constant_body, T, x, ctx,
    T r = (T){0};
    return hd_add(r, 2.5);
)
HD_GENERIC_OBJECTIVE(input_body, T, x, ctx,
    return x[3];
)
HD_GENERIC_OBJECTIVE(scaled_input_body, T, x, ctx,
    return hd_div(hd_neg(hd_mul(3, x[3])), 4); /* -0.75 x3 */
)

/* Results that are no recorded operation: a constant, an input, and a
 * multiple of an input (constant slopes record nothing). Exact, with an
 * empty Hessian pattern (nothing to colour) at n = 12. */
/* The taped Hessian and gradient of obj at x are exactly `want`. */
static void expect_exactly(const char *what, const hd_objective *obj, const double *x,
                           const result *want)
{
    const size_t n = obj->n;
    char msg[4][64];
    snprintf(msg[0], sizeof msg[0], "%s value", what);
    snprintf(msg[1], sizeof msg[1], "%s gradient", what);
    snprintf(msg[2], sizeof msg[2], "%s Hessian", what);
    snprintf(msg[3], sizeof msg[3], "%s gradient (reverse)", what);
    result got = result_new(n, 1);
    got.f = NAN; /* so that an output the path leaves unwritten cannot pass */
    for (size_t i = 0; i < n; i++) got.g[i] = NAN;
    for (size_t i = 0; i < n * n; i++) got.h[i] = NAN;
    expect_taped_only(what, hessian_by(obj, x, &got, HD_PATH_TAPE));
    expect_same(msg[0], &got.f, &want->f, 1);
    expect_same(msg[1], got.g, want->g, n);
    expect_same(msg[2], got.h, want->h, n * n);
    for (size_t i = 0; i < n; i++) got.g[i] = NAN;
    expect_taped_only(msg[1], gradient_by(obj, x, &got, HD_PATH_TAPE));
    expect_same(msg[3], got.g, want->g, n);
    result_free(&got);
}

START_TEST(constant_and_input_results)
{
    static const size_t ns[] = {5, 12}; /* the dense plan, and the pattern read off the tape */
    for (int k = 0; k < 2; k++) {
        size_t n = ns[k];
        double x[12];
        wavy_point(x, n);
        result want = result_new(n, 1);
        const hd_objective c = constant_body_objective(n, &n);
        want.f = 2.5;
        expect_exactly("constant", &c, x, &want);

        const hd_objective in = input_body_objective(n, &n);
        want.f = x[3];
        want.g[3] = 1.0;
        expect_exactly("x[3]", &in, x, &want);

        const hd_objective sc = scaled_input_body_objective(n, &n);
        want.f = -0.75 * x[3];
        want.g[3] = -0.75;
        expect_exactly("-0.75 x[3]", &sc, x, &want);
        result_free(&want);
    }
}
END_TEST

/* f = x0 sin x1 + x2², with operations recorded before the result that it
 * does not use, and after it, on it: neither may count. */
HD_GENERIC_OBJECTIVE(extra_ops, T, x, ctx,
    const T unused = hd_exp(hd_mul(x[0], x[2]));
    const T r = hd_add(hd_mul(x[0], hd_sin(x[1])), hd_sq(x[2]));
    T later = hd_mul(r, r);
    later = hd_add(later, hd_mul(unused, x[1]));
    (void)later;
    return r;
)

static void extra_ops_hand(const double *x, result *r)
{
    const size_t n = r->n;
    r->f = x[0] * sin(x[1]) + x[2] * x[2];
    r->g[0] = sin(x[1]);
    r->g[1] = x[0] * cos(x[1]);
    r->g[2] = 2 * x[2];
    r->h[0 * n + 1] = r->h[1 * n + 0] = cos(x[1]);
    r->h[1 * n + 1] = -x[0] * sin(x[1]);
    r->h[2 * n + 2] = 2.0;
}

START_TEST(operations_after_the_result_are_ignored)
{
    static const size_t ns[] = {3, 10};
    for (int k = 0; k < 2; k++) {
        size_t n = ns[k];
        const hd_objective obj = extra_ops_objective(n, &n);
        double x[10];
        wavy_point(x, n);
        expect_taped_matches_hand("extra ops", &obj, x, extra_ops_hand, 1);
        expect_taped_matches_hand("extra ops gradient", &obj, x, extra_ops_hand, 0);
    }
}
END_TEST

/* 100000 operations on two variables: the tape, opened with room for a few
 * dozen, grows many times over. r_k+1 = 0.9999 r_k + 1e-4 sin(x0 x1). */
#define LONG_STEPS 25000
HD_GENERIC_OBJECTIVE(long_body, T, x, ctx,
    T r = x[0];
    for (int k = 0; k < LONG_STEPS; k++)
        r = hd_add(hd_mul(r, 0.9999), hd_mul(1e-4, hd_sin(hd_mul(x[0], x[1]))));
    return r;
)

START_TEST(a_long_body_grows_the_tape)
{
    const hd_objective obj = long_body_objective(2, NULL);
    const double x[2] = {0.7, -1.3};
    /* a sum of LONG_STEPS terms in another order: rounding grows with their number */
    expect_taped_matches_scalar("long body", &obj, x, LONG_STEPS * DBL_EPSILON);
    /* and by hand: r_N = q^N x0 + (1 - q^N) sin(x0 x1), q = 0.9999 */
    const double q = pow(0.9999, LONG_STEPS), u = x[0] * x[1];
    result got = result_new(2, 1);
    const result want = {2, q * x[0] + (1 - q) * sin(u),
                         (double[]){q + (1 - q) * cos(u) * x[1], (1 - q) * cos(u) * x[0]},
                         (double[]){-(1 - q) * sin(u) * x[1] * x[1], (1 - q) * (cos(u) - sin(u) * u),
                                    (1 - q) * (cos(u) - sin(u) * u), -(1 - q) * sin(u) * x[0] * x[0]}};
    hessian_by(&obj, x, &got, HD_PATH_TAPE);
    expect_result("long body (hand)", &got, &want, 1e-10);
    result_free(&got);
}
END_TEST

/* x0³ x1² through pow with constant exponents, at x0, x1 < 0: pow's d/dy is
 * NaN there, and must not reach the tape (a constant's partials are 0), so
 * the path is not declined and every derivative is exact. */
HD_GENERIC_OBJECTIVE(pow_const, T, x, ctx,
    const T three = hd_add((T){0}, 3), two = hd_add((T){0}, 2); /* constants of type T */
    return hd_mul(hd_pow(x[0], three), hd_pow(x[1], two));
)

START_TEST(pow_with_a_constant_exponent_below_zero)
{
    const hd_objective obj = pow_const_objective(2, NULL);
    const double x[2] = {-2.0, -1.5};
    /* f = -18; g = (3 x0² x1², 2 x0³ x1); H = [6 x0 x1², 6 x0² x1; ., 2 x0³], all exact */
    const result want = {2, -18.0, (double[]){27.0, 24.0}, (double[]){-27.0, -36.0, -36.0, -16.0}};
    result got = result_new(2, 1);
    expect_taped_only("pow", hessian_by(&obj, x, &got, HD_PATH_TAPE));
    expect_result("pow", &got, &want, 0.0);
    expect_taped_only("pow gradient", gradient_by(&obj, x, &got, HD_PATH_TAPE));
    expect_result("pow gradient", &got, &want, 0.0);
    result_free(&got);
}
END_TEST

/* Σ sq(x_i) x_i+1 + sq(x_i x_i+1) at points with zeros: partials that are 0
 * at the point (sq' at 0, the product's slope in a zero factor) must not
 * drop Hessian entries that are not. */
HD_GENERIC_OBJECTIVE(sq_times, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i++)
        s = hd_add(s, hd_add(hd_mul(hd_sq(x[i]), x[i + 1]), hd_sq(hd_mul(x[i], x[i + 1]))));
    return s;
)

static void sq_times_hand(const double *x, result *r)
{
    const size_t n = r->n;
    for (size_t i = 0; i + 1 < n; i++) {
        const double a = x[i], b = x[i + 1];
        r->f += a * a * b + a * a * b * b;
        r->g[i] += 2 * a * b + 2 * a * b * b;
        r->g[i + 1] += a * a + 2 * a * a * b;
        r->h[i * n + i] += 2 * b + 2 * b * b;
        r->h[(i + 1) * n + i + 1] += 2 * a * a;
        r->h[i * n + i + 1] += 2 * a + 4 * a * b;
        r->h[(i + 1) * n + i] += 2 * a + 4 * a * b;
    }
}

START_TEST(zero_partials_keep_their_entries)
{
    static const double pts[] = {0.0, 3.0, 0.0, 0.0, 1.5, -2.0, 0.0, 0.5, 0.0, -1.0, 0.0, 2.0};
    static const size_t ns[] = {2, 12};
    for (int k = 0; k < 2; k++) {
        size_t n = ns[k];
        const hd_objective obj = sq_times_objective(n, &n);
        /* at x0 = 0: f_x0 = 0, f_x0x0 = 2 x1 + 2 x1² = 24 */
        expect_taped_matches_hand("sq_times", &obj, pts, sq_times_hand, 1);
    }
}
END_TEST

/* Points where a derivative is not finite. The taped path must decline and
 * give what the scalar path gives, NaN where it gives NaN: sqrt at 0
 * (finite value, infinite slope), log at 0 (infinite value), x1·x0^1.5
 * at x0 = x1 = 0, whose infinite second partial sits on a node of zero
 * adjoint and slope (H_00 = 0·inf), and 1e-170/(fdim(x0, x1) + 1e-160) at
 * x0 < x1: finite slopes, an infinite second partial, and a denominator
 * whose slopes are 0, so that the pattern read off the tape leaves the
 * rows where the sweeps' NaN lands empty (the scalar path: NaN everywhere). */
HD_GENERIC_OBJECTIVE(nonfinite, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_add(hd_mul(hd_sqrt(x[0]), x[1]), hd_log(x[n - 1]));
    for (size_t i = 1; i + 1 < n; i++) s = hd_add(s, hd_mul(x[i], x[i + 1]));
    return s;
)
HD_GENERIC_OBJECTIVE(hidden_inf, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_mul(x[1], hd_pow(x[0], 1.5));
    for (size_t i = 1; i + 1 < n; i++) s = hd_add(s, hd_mul(x[i], x[i + 1]));
    return s;
)
HD_GENERIC_OBJECTIVE(tiny_quotient, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_div(1e-170, hd_add(hd_fdim(x[0], x[1]), 1e-160));
    for (size_t i = 2; i < n; i++) s = hd_add(s, hd_sq(x[i]));
    return s;
)

START_TEST(non_finite_derivatives_are_the_scalar_paths)
{
    static const size_t ns[] = {2, 10}; /* the dense plan, and the pattern read off the tape */
    static const struct { hd_objective (*make)(size_t, void *); size_t zero[2]; } cases[] = {
        {nonfinite_objective, {0, 0}}, /* sqrt at 0 */
        {nonfinite_objective, {9, 9}}, /* log at 0 (index clipped to n - 1) */
        {hidden_inf_objective, {0, 1}},
        {tiny_quotient_objective, {0, 0}},
    };
    for (int k = 0; k < 2; k++) {
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            size_t n = ns[k];
            const hd_objective obj = cases[c].make(n, &n);
            double x[10];
            for (size_t i = 0; i < n; i++) x[i] = 0.5 + 0.25 * (double)i;
            for (int z = 0; z < 2; z++) x[cases[c].zero[z] < n ? cases[c].zero[z] : n - 1] = 0.0;
            result t = result_new(n, 1), s = result_new(n, 1);
            hessian_by(&obj, x, &t, HD_PATH_TAPE);
            hessian_by(&obj, x, &s, HD_PATH_SCALAR);
            ck_assert_msg(!isfinite(s.h[0] + s.h[n * n - 1]), "case %zu: the point is meant to be singular", c);
            expect_same("value", &t.f, &s.f, 1);
            expect_same("gradient", t.g, s.g, n);
            expect_same("Hessian", t.h, s.h, n * n);
            gradient_by(&obj, x, &t, HD_PATH_TAPE);
            gradient_by(&obj, x, &s, HD_PATH_SCALAR);
            expect_same("reverse value", &t.f, &s.f, 1);
            expect_same("reverse gradient", t.g, s.g, n);
            result_free(&t);
            result_free(&s);
        }
    }
}
END_TEST

/* Issue 11, item 8, and doc/rules.md: with every partial finite, the taped
 * path may still differ from the forward paths where a forward tangent
 * overflows and a zero later multiplies it. The taped path then gives the
 * exact derivative and the forward paths NaN. In x0·x1·x2·x3·x4 at
 * x0 = -DBL_MAX, x1 = 0, every first derivative is exactly 0 (each is a
 * product with a zero), but the forward paths form x0·x2 (overflow) before
 * a zero multiplies it; in (x0·x2)²·x1 at x2 = 1e155, x1 = 0 the
 * hyper-dual ε1ε2 part 2·x2² overflows before x1 = 0 multiplies it (the
 * other variables' squares make the pattern sparse at n = 12). */
HD_GENERIC_OBJECTIVE(product5, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_mul(hd_mul(hd_mul(hd_mul(x[0], x[1]), x[2]), x[3]), x[4]);
    for (size_t i = 5; i < n; i++) s = hd_add(s, hd_sq(x[i]));
    return s;
)
HD_GENERIC_OBJECTIVE(square_times, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_mul(hd_sq(hd_mul(x[0], x[2])), x[1]);
    for (size_t i = 5; i < n; i++) s = hd_add(s, hd_sq(x[i]));
    return s;
)

/* Hand formulas of square_times, ordered so that no product overflows
 * before a zero can multiply it. */
static void square_times_hand(const double *x, result *r)
{
    const size_t n = r->n;
    const double p = x[0] * x[2];
    r->f = p * p * x[1];
    r->g[0] = 2.0 * x[1] * p * x[2];
    r->g[1] = p * p;
    r->g[2] = 2.0 * x[1] * p * x[0];
    r->h[0 * n + 0] = 2.0 * x[1] * x[2] * x[2];
    r->h[0 * n + 1] = r->h[1 * n + 0] = 2.0 * p * x[2];
    r->h[0 * n + 2] = r->h[2 * n + 0] = 4.0 * x[1] * p;
    r->h[1 * n + 2] = r->h[2 * n + 1] = 2.0 * p * x[0];
    r->h[2 * n + 2] = 2.0 * x[1] * x[0] * x[0];
    for (size_t i = 5; i < n; i++) {
        r->f += x[i] * x[i];
        r->g[i] = 2.0 * x[i];
        r->h[i * n + i] = 2.0;
    }
}

/* Some entry of the scalar path's gradient (or Hessian) is not finite. */
static int scalar_path_overflows(const hd_objective *obj, const double *x, int hessian)
{
    result s = result_new(obj->n, 1);
    if (hessian) hessian_by(obj, x, &s, HD_PATH_SCALAR);
    else gradient_by(obj, x, &s, HD_PATH_SCALAR);
    size_t bad = 0;
    for (size_t i = 0; i < obj->n; i++) bad += !isfinite(s.g[i]);
    for (size_t i = 0; hessian && i < obj->n * obj->n; i++) bad += !isfinite(s.h[i]);
    result_free(&s);
    return bad > 0;
}

START_TEST(taped_derivatives_are_exact_where_a_forward_tangent_overflows)
{
    static const double products[][5] = {
        {-DBL_MAX, 0.0, 2.0, 0.0, 1.0}, /* x0·x2 overflows, then ·x3 = 0 */
        {-DBL_MAX, 0.0, 0.5, 4.0, 0.0}, /* one product later, then ·x4 = 0 */
    };
    static const size_t ns[] = {5, 12}; /* the dense plan, and the pattern read off the tape */
    for (int k = 0; k < 2; k++) {
        size_t n = ns[k];
        double x[12];
        wavy_point(x, n);
        const hd_objective prod = product5_objective(n, &n);
        for (size_t c = 0; c < 2; c++) {
            for (size_t i = 0; i < 5; i++) x[i] = products[c][i];
            ck_assert_msg(scalar_path_overflows(&prod, x, 0), "point %zu is meant to overflow", c);
            result t = result_new(n, 0);
            expect_taped_only("product gradient", gradient_by(&prod, x, &t, HD_PATH_TAPE));
            for (size_t i = 0; i < n; i++)
                ck_assert_msg(t.g[i] == (i < 5 ? 0.0 : 2.0 * x[i]), "point %zu: g[%zu] = %.17g", c, i,
                              t.g[i]);
            result_free(&t);
        }
        const double sq_point[5] = {1e-160, 0.0, 1e155, 1.0, 1.0};
        for (size_t i = 0; i < 5; i++) x[i] = sq_point[i];
        const hd_objective sq = square_times_objective(n, &n);
        ck_assert_msg(scalar_path_overflows(&sq, x, 1), "(x0·x2)²·x1 is meant to overflow");
        expect_taped_matches_hand("(x0·x2)²·x1", &sq, x, square_times_hand, 1);
    }
}
END_TEST

START_TEST(tape_path_needs_f_taped)
{
    size_t n = 3;
    hd_bodies b;
    const hd_objective obj = hd_test_without(sum_sin_objective(n, &n), &b, HD_TEST_KIND(TAPED));
    const double x[3] = {0.1, 0.2, 0.3};
    double f, g[3], h[9];
    ck_assert_int_eq(hd_hessian_ex(&obj, x, &f, g, h, HD_PATH_TAPE, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_gradient_ex(&obj, x, &f, g, HD_PATH_TAPE, NULL), HD_EINVAL);
}
END_TEST

/* From the thresholds on, the automatic path is the taped one. And the
 * optional outputs are optional. */
START_TEST(auto_path_takes_the_tape_at_large_n)
{
    size_t n = 100;
    const hd_objective obj = sum_sin_objective(n, &n);
    double x[100];
    wavy_point(x, n);
    result a = result_new(n, 1), t = result_new(n, 1);
    expect_taped_only("auto Hessian", hessian_by(&obj, x, &a, HD_PATH_AUTO));
    hessian_by(&obj, x, &t, HD_PATH_TAPE);
    expect_same("auto value", &a.f, &t.f, 1);
    expect_same("auto gradient", a.g, t.g, n);
    expect_same("auto Hessian", a.h, t.h, n * n);
    expect_taped_only("auto gradient", gradient_by(&obj, x, &a, HD_PATH_AUTO));
    gradient_by(&obj, x, &t, HD_PATH_TAPE);
    expect_same("auto reverse gradient", a.g, t.g, n);
    /* without the optional outputs, the same Hessian; the counts add up */
    hd_counts c = {.f_calls = 0};
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, a.h, HD_PATH_TAPE, &c), HD_OK);
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, a.h, HD_PATH_TAPE, &c), HD_OK);
    expect_same("Hessian alone", a.h, t.h, n * n);
    ck_assert_int_eq(c.taped_calls, 2);
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, a.g, HD_PATH_TAPE, NULL), HD_OK);
    expect_same("gradient alone", a.g, t.g, n);
    result_free(&a);
    result_free(&t);
}
END_TEST

/* ---- patterns across the 64-variable words of the bit sets ------------------------ */
/* Dense: log(1 + (Σ c_i x_i)²) + Σ cos x_i. */
HD_GENERIC_OBJECTIVE(dense_log, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0}, c = (T){0};
    for (size_t i = 0; i < n; i++) {
        s = hd_add(s, hd_mul(x[i], 1.0 + 0.01 * (double)i));
        c = hd_add(c, hd_cos(x[i]));
    }
    return hd_add(hd_log(hd_add(1, hd_sq(s))), c);
)
/* Arrowhead: x0 couples with every variable, the rest only with themselves
 * (sparse, but every column needs its own colour). */
HD_GENERIC_OBJECTIVE(arrow, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_sq(x[0]);
    for (size_t i = 1; i < n; i++) s = hd_add(s, hd_add(hd_mul(x[0], hd_sin(x[i])), hd_mul(x[i], x[i])));
    return s;
)
/* Pentadiagonal, with a node on the same argument twice (x_i·x_i). */
HD_GENERIC_OBJECTIVE(band5, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i < n; i++) {
        s = hd_add(s, hd_mul(x[i], x[i]));
        if (i + 1 < n) s = hd_add(s, hd_exp(hd_mul(0.1, hd_mul(x[i], x[i + 1]))));
        if (i + 2 < n) s = hd_add(s, hd_mul(hd_sin(x[i]), hd_sq(x[i + 2])));
    }
    return s;
)

START_TEST(many_variables_agree_with_the_scalar_path)
{
    size_t n = 70;
    double x[129];
    wavy_point(x, 129);
    const hd_objective dense = dense_log_objective(n, &n), arrowhead = arrow_objective(n, &n);
    expect_taped_matches_scalar("dense n=70", &dense, x, TOL_SCALAR);
    expect_taped_matches_scalar("arrowhead n=70", &arrowhead, x, TOL_SCALAR);
    static const size_t band_n[] = {64, 65, 129}; /* one word of bits, just over, three words */
    long sweeps[3];
    for (int k = 0; k < 3; k++) {
        size_t m = band_n[k];
        const hd_objective band = band5_objective(m, &m);
        sweeps[k] = expect_taped_matches_scalar("band", &band, x, TOL_SCALAR).tape_sweeps;
    }
    ck_assert(sweeps[0] == sweeps[1] && sweeps[1] == sweeps[2]);
    ck_assert_int_lt(sweeps[2], 129 / HD_TAPE_BLOCK);
}
END_TEST

/* Star colouring: the arrowhead's hub shares a row with every column, so a
 * distance-2 colouring needs n colours, a star colouring 2 (the hub's
 * entries are read off the leaves' rows): one 2-lane sweep at any n. */
static void arrow_hand(const double *x, result *r)
{
    const size_t n = r->n;
    r->f = x[0] * x[0];
    r->g[0] = 2 * x[0];
    r->h[0] = 2;
    for (size_t i = 1; i < n; i++) {
        r->f += x[0] * sin(x[i]) + x[i] * x[i];
        r->g[0] += sin(x[i]);
        r->g[i] = x[0] * cos(x[i]) + 2 * x[i];
        r->h[i] = r->h[i * n] = cos(x[i]);
        r->h[i * n + i] = 2 - x[0] * sin(x[i]);
    }
}

START_TEST(a_hub_takes_two_colours)
{
    static const size_t sizes[] = {70, 200};
    static double x[200];
    wavy_point(x, 200);
    for (int k = 0; k < 2; k++) {
        size_t n = sizes[k];
        const hd_objective obj = arrow_objective(n, &n);
        const hd_counts c = expect_taped_matches_hand("arrowhead", &obj, x, arrow_hand, 1);
        ck_assert_int_eq(c.tape_sweeps, 1);
    }
}
END_TEST

/* Scattered pairs: rows where a colour repeats, so that entries are read
 * off their mirror's row. */
typedef struct { size_t n, m, a[120], b[120]; } pairs;
HD_GENERIC_OBJECTIVE(scattered, T, x, ctx,
    const pairs *p = ctx;
    T s = (T){0};
    for (size_t i = 0; i < p->n; i++) s = hd_add(s, hd_sq(x[i]));
    for (size_t k = 0; k < p->m; k++) s = hd_add(s, hd_sin(hd_mul(x[p->a[k]], x[p->b[k]])));
    return s;
)

START_TEST(scattered_pairs_agree_with_the_scalar_path)
{
    pairs p = {60, 120, {0}, {0}};
    unsigned long long r = 12345;
    for (size_t k = 0; k < p.m; k++) { /* a fixed pseudo-random pattern */
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        p.a[k] = (size_t)(r >> 33) % p.n;
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        p.b[k] = (size_t)(r >> 33) % p.n;
    }
    p.a[0] = 0; /* and one hub-like variable */
    for (size_t k = 1; k < 20; k++) p.a[k] = 7;
    double x[60];
    wavy_point(x, 60);
    const hd_objective obj = scattered_objective(p.n, &p);
    expect_taped_matches_scalar("scattered pairs", &obj, x, TOL_SCALAR);
}
END_TEST

/* An objective that itself takes a taped Hessian (of band5 at n = 12, for a
 * coefficient): the outer recording and the inner call must not share
 * their per-thread buffers. */
HD_GENERIC_OBJECTIVE(nested, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    size_t m = 12;
    const hd_objective inner = band5_objective(m, &m);
    double xi[12], h[144];
    for (size_t i = 0; i < m; i++) xi[i] = 0.1 * (double)i;
    const double c = hd_hessian_ex(&inner, xi, NULL, NULL, h, HD_PATH_TAPE, NULL) == HD_OK ? h[1] : NAN;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i++) s = hd_add(s, hd_mul(c, hd_sin(hd_mul(x[i], x[i + 1]))));
    return s;
)

START_TEST(an_objective_may_call_the_taped_path_itself)
{
    size_t n = 20;
    const hd_objective obj = nested_objective(n, &n);
    double x[20];
    wavy_point(x, n);
    expect_taped_matches_scalar("nested", &obj, x, TOL_SCALAR);
    result t = result_new(n, 0), s = result_new(n, 0);
    expect_taped_only("nested gradient", gradient_by(&obj, x, &t, HD_PATH_TAPE));
    gradient_by(&obj, x, &s, HD_PATH_SCALAR);
    expect_result("nested gradient", &t, &s, TOL_SCALAR);
    result_free(&t);
    result_free(&s);
}
END_TEST

/* One thread keeps its last colouring and reuses it for the same pattern:
 * a pattern of the same n but another objective, or of the same objective
 * at a point where other partials vanish, must not get the old colouring. */
START_TEST(repeated_calls_recolour_when_the_pattern_changes)
{
    static const double zeros_a[] = {0.0, 3.0, 0.0, 0.0, 1.5, -2.0, 0.0, 0.5, 0.0, -1.0, 0.0, 2.0};
    static const double zeros_b[] = {1.0, 0.0, 0.0, 2.0, 0.0, -1.5, 0.5, 0.0, 0.0, 3.0, -1.0, 0.0};
    size_t n = 65, m = 12;
    double x[65];
    wavy_point(x, n);
    const hd_objective band = band5_objective(n, &n), arrowhead = arrow_objective(n, &n),
                       sq = sq_times_objective(m, &m);
    for (int round = 0; round < 2; round++) {
        expect_taped_matches_scalar("band n=65", &band, x, TOL_SCALAR);
        expect_taped_matches_scalar("arrowhead n=65", &arrowhead, x, TOL_SCALAR);
        expect_taped_matches_hand("sq_times, zeros a", &sq, zeros_a, sq_times_hand, 1);
        expect_taped_matches_hand("sq_times, zeros b", &sq, zeros_b, sq_times_hand, 1);
    }
}
END_TEST

Suite *make_tape_suite(void)
{
    Suite *s = suite_create("tape");
    TCase *tc = tcase_create("taped path");
    tcase_add_test(tc, rosenbrock_hessian_in_a_fixed_number_of_sweeps);
    tcase_add_test(tc, a_hub_takes_two_colours);
    tcase_add_test(tc, scattered_pairs_agree_with_the_scalar_path);
    tcase_add_test(tc, dense_hessian_matches_hand_formulas_and_scalar_path);
    tcase_add_loop_test(tc, gradients_match_hand_formulas, 0, 4);
    tcase_add_test(tc, binary_rules_on_the_tape);
    tcase_add_test(tc, constant_and_input_results);
    tcase_add_test(tc, operations_after_the_result_are_ignored);
    tcase_add_test(tc, a_long_body_grows_the_tape);
    tcase_add_test(tc, pow_with_a_constant_exponent_below_zero);
    tcase_add_test(tc, zero_partials_keep_their_entries);
    tcase_add_test(tc, non_finite_derivatives_are_the_scalar_paths);
    tcase_add_test(tc, taped_derivatives_are_exact_where_a_forward_tangent_overflows);
    tcase_add_test(tc, tape_path_needs_f_taped);
    tcase_add_test(tc, auto_path_takes_the_tape_at_large_n);
    tcase_add_test(tc, many_variables_agree_with_the_scalar_path);
    tcase_add_test(tc, repeated_calls_recolour_when_the_pattern_changes);
    tcase_add_test(tc, an_objective_may_call_the_taped_path_itself);
    suite_add_tcase(s, tc);
    return s;
}
