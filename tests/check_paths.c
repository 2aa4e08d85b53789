/* Every derivative path (scalar, vector lanes, sparse, automatic) gives the
 * same value, gradient and Hessian as the contract's scalar path, to 1e-14
 * relative, on the benchmark functions and oracle-like bodies at several n;
 * F1's Hessian is also checked against its hand-derived formula, and the
 * pass counts against their closed forms. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

#define MAXN 50


/* F1, F2, Wood and the helical valley: the benchmark bodies (ctx -> size_t n). */
#include "../bench/bench_objectives.h"

/* Oracle-like mix: pow, sqrt, division, fmax, atan2, hypot, and a variable
 * (the last) that enters only linearly, so its Hessian row is empty. */
HD_GENERIC_OBJECTIVE(p_mix, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = hd_mul(0.5, x[n - 1]);
    for (size_t i = 0; i + 2 < n; i++) {
        T a = hd_div(hd_sqrt(hd_add(1, hd_sq(x[i]))), hd_add(2, hd_cos(x[i + 1])));
        T b = hd_mul(hd_pow(x[i], 3), hd_fmax(x[i + 1], hd_mul(0.5, x[i])));
        T c = hd_atan2(x[i + 1], hd_hypot(x[i], 1.5));
        s = hd_add(s, hd_add(a, hd_add(b, c)));
    }
    return s;
)
/* Dense: (Σ x_i)^2 exp(Σ x_i / n) + Π-like coupling through a sum of logs. */
HD_GENERIC_OBJECTIVE(p_dense, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0}, l = (T){0};
    for (size_t i = 0; i < n; i++) {
        s = hd_add(s, x[i]);
        l = hd_add(l, hd_log(hd_add(2, hd_sin(x[i]))));
    }
    return hd_add(hd_mul(hd_sq(s), hd_exp(hd_div(s, (double)n))), hd_sq(l));
)
typedef hd_objective (*maker)(size_t, void *);
static const struct { const char *name; maker make; size_t n; } cases[] = {
    {"rosen", bench_rosen_objective, 2},   {"rosen", bench_rosen_objective, 10},
    {"rosen", bench_rosen_objective, 50},  {"f2", bench_f2_objective, 2},
    {"f2", bench_f2_objective, 3},         {"f2", bench_f2_objective, 17},
    {"f2", bench_f2_objective, 50},        {"mix", p_mix_objective, 3},
    {"mix", p_mix_objective, 9},       {"mix", p_mix_objective, 24},
    {"dense", p_dense_objective, 1},   {"dense", p_dense_objective, 7},
    {"dense", p_dense_objective, 20},  {"wood", bench_wood_objective, 4},
    {"helical", bench_helical_objective, 3},
};
#define NCASES (sizeof cases / sizeof *cases)

static void point(size_t c, size_t n, double *x)
{
    for (size_t i = 0; i < n; i++) x[i] = 0.3 + 0.45 * sin(1.7 * (double)(i + 1) + (double)c);
}

static void same(const char *what, size_t c, size_t i, double got, double want)
{
    const double scale = fmax(fabs(got), fabs(want));
    ck_assert_msg(got == want || fabs(got - want) <= 1e-14 * scale,
                  "%s %s n=%zu [%zu]: %.17g vs scalar %.17g", what, cases[c].name, cases[c].n, i,
                  got, want);
}

static void compare(size_t c, const char *what, size_t n, double f, const double *g,
                    const double *h, double f0, const double *g0, const double *h0)
{
    same(what, c, 0, f, f0);
    for (size_t i = 0; i < n; i++) same(what, c, i, g[i], g0[i]);
    if (h)
        for (size_t i = 0; i < n * n; i++) same(what, c, i, h[i], h0[i]);
}

START_TEST(every_path_agrees_with_the_scalar_path)
{
    const size_t c = (size_t)_i;
    size_t n = cases[c].n;
    const hd_objective obj = cases[c].make(n, &n);
    double x[MAXN], f0, g0[MAXN], h0[MAXN * MAXN], f, g[MAXN], h[MAXN * MAXN];
    point(c, n, x);
    ck_assert_int_eq(hd_hessian_ex(&obj, x, &f0, g0, h0, HD_PATH_SCALAR, NULL), HD_OK);

    static const hd_path hpaths[] = {HD_PATH_LANES, HD_PATH_SPARSE, HD_PATH_PACKED, HD_PATH_AUTO};
    static const char *const hname[] = {"hessian lanes", "hessian sparse", "hessian packed",
                                        "hessian auto"};
    for (int p = 0; p < 4; p++) {
        ck_assert_int_eq(hd_hessian_ex(&obj, x, &f, g, h, hpaths[p], NULL), HD_OK);
        compare(c, hname[p], n, f, g, h, f0, g0, h0);
    }
    /* with a pattern attached, the automatic path may go sparse */
    hd_sparsity *sp = NULL;
    ck_assert_int_eq(hd_sparsity_detect(&obj, x, &sp), HD_OK);
    hd_objective with = obj;
    with.hess_sparsity = sp;
    ck_assert_int_eq(hd_hessian(&with, x, &f, g, h), HD_OK);
    compare(c, "hessian auto+pattern", n, f, g, h, f0, g0, h0);
    /* CSR output: every stored entry is the scalar path's, every other one is 0 */
    double vals[MAXN * MAXN];
    ck_assert_int_eq(hd_sparse_hessian(&obj, sp, x, &f, g, vals, NULL), HD_OK);
    compare(c, "sparse csr", n, f, g, NULL, f0, g0, NULL);
    for (size_t i = 0; i < n; i++) {
        size_t t = sp->row_start[i];
        for (size_t j = 0; j < n; j++) {
            if (t < sp->row_start[i + 1] && sp->col[t] == j) same("csr", c, i * n + j, vals[t++], h0[i * n + j]);
            else ck_assert_msg(h0[i * n + j] == 0, "entry (%zu,%zu) outside the pattern", i, j);
        }
    }
    hd_sparsity_free(sp);

    static const hd_path gpaths[] = {HD_PATH_SCALAR, HD_PATH_LANES, HD_PATH_NARROW, HD_PATH_AUTO};
    for (int p = 0; p < 4; p++) {
        ck_assert_int_eq(hd_gradient_ex(&obj, x, &f, g, gpaths[p], NULL), HD_OK);
        compare(c, "gradient", n, f, g, NULL, f0, g0, NULL);
    }
    /* the narrow path with one of hd_dual2, hd_dual4 or hd_hyper pairs */
    hd_bodies b4, b2, bp;
    const hd_objective dual4_only = hd_test_without(obj, &b4, HD_TEST_KIND(DUAL2));
    const hd_objective dual2_only = hd_test_without(obj, &b2, HD_TEST_KIND(DUAL4));
    const hd_objective pairs_only = hd_test_without(obj, &bp, HD_TEST_KIND(DUAL2) | HD_TEST_KIND(DUAL4));
    const hd_objective *const narrow[] = {&dual4_only, &dual2_only, &pairs_only};
    static const char *const nname[] = {"gradient dual4", "gradient dual2", "gradient pairs"};
    for (int p = 0; p < 3; p++) {
        ck_assert_int_eq(hd_gradient_ex(narrow[p], x, &f, g, HD_PATH_NARROW, NULL), HD_OK);
        compare(c, nname[p], n, f, g, NULL, f0, g0, NULL);
    }
}
END_TEST

/* Independent truth for F1: the hand-derived Hessian, on every path. */
START_TEST(rosenbrock_hessian_matches_hand_formula_on_every_path)
{
    size_t n = 10;
    const hd_objective obj = bench_rosen_objective(n, &n);
    double x[10], h[100];
    for (size_t i = 0; i < n; i++) x[i] = i % 2 ? 1.0 + 0.1 * (double)i : -1.2 + 0.05 * (double)i;
    static const hd_path paths[] = {HD_PATH_SCALAR, HD_PATH_LANES, HD_PATH_SPARSE, HD_PATH_PACKED};
    for (int p = 0; p < 4; p++) {
        ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, paths[p], NULL), HD_OK);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                const size_t a = i & ~(size_t)1; /* the pair (a, a+1) holding i */
                double want = 0;
                if (i == j && i % 2 == 0) want = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                else if (i == j) want = 200;
                else if ((j & ~(size_t)1) == a) want = -400 * x[a];
                ck_assert_msg(fabs(h[i * n + j] - want) <= 1e-12 * fmax(1, fabs(want)),
                              "path %d (%zu,%zu): %.17g vs %.17g", p, i, j, h[i * n + j], want);
            }
    }
}
END_TEST

/* Pass counts against their closed forms. */
START_TEST(passes_are_counted_honestly)
{
    size_t n = 10;
    const hd_objective obj = bench_rosen_objective(n, &n);
    double x[10], g[10], h[100];
    point(0, n, x);
    hd_counts k = {0};
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_SCALAR, &k), HD_OK);
    ck_assert_int_eq(k.dual_calls, 10);
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_LANES, &k), HD_OK);
    ck_assert_int_eq(k.dualv_calls, (10 + HD_LANES - 1) / HD_LANES);
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_NARROW, &k), HD_OK);
    ck_assert_int_eq(k.dual4_calls, 3); /* ceil(10 / 4) */
    ck_assert_int_eq(k.dual2_calls, 0);
    hd_bodies b2, bp;
    const hd_objective dual2_only = hd_test_without(obj, &b2, HD_TEST_KIND(DUAL4));
    ck_assert_int_eq(hd_gradient_ex(&dual2_only, x, NULL, g, HD_PATH_NARROW, &k), HD_OK);
    ck_assert_int_eq(k.dual2_calls, 5); /* ceil(10 / 2) */
    const hd_objective pairs_only = hd_test_without(dual2_only, &bp, HD_TEST_KIND(DUAL2));
    ck_assert_int_eq(hd_gradient_ex(&pairs_only, x, NULL, g, HD_PATH_NARROW, &k), HD_OK);
    ck_assert_int_eq(k.hyper_calls, 5);
    ck_assert_int_eq(k.dual2_calls, 5);
    ck_assert_int_eq(k.dual4_calls, 3);
    k.hyper_calls = 0;
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_SCALAR, &k), HD_OK);
    ck_assert_int_eq(k.hyper_calls, 55);
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_LANES, &k), HD_OK);
    long dense = 0;
    for (size_t i = 0; i < n; i++) dense += (long)((n - i + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES);
    ck_assert_int_eq(k.hyperv_calls, dense);
    /* five groups of two variables, one pass per pair of groups */
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_PACKED, &k), HD_OK);
    ck_assert_int_eq(k.hyper4_calls, 10);
    /* F1's Hessian is 2x2 block diagonal: 2 colours */
    hd_sparsity *sp = NULL;
    ck_assert_int_eq(hd_sparsity_detect(&obj, x, &sp), HD_OK);
    ck_assert_uint_eq(sp->ncolors, 2);
    ck_assert_uint_eq(sp->nnz, 20);
    /* with f_taped: one recorded pass, one sweep carrying both colours */
    k.hyperv_calls = k.taped_calls = k.tape_sweeps = 0;
    ck_assert_int_eq(hd_sparse_hessian(&obj, sp, x, NULL, NULL, h, &k), HD_OK);
    ck_assert_int_eq(k.taped_calls, 1);
    ck_assert_int_eq(k.tape_sweeps, 1);
    ck_assert_int_eq(k.hyperv_calls, 0);
    /* without: hd_hyperv passes, colour 0 seeds the even rows (5), colour 1
     * every row (10) */
    hd_bodies bu;
    const hd_objective untaped = hd_test_without(obj, &bu, HD_TEST_KIND(TAPED));
    k.taped_calls = k.tape_sweeps = 0;
    ck_assert_int_eq(hd_sparse_hessian(&untaped, sp, x, NULL, NULL, h, &k), HD_OK);
    ck_assert_int_eq(k.hyperv_calls, (long)((5 + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES + (10 + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES));
    ck_assert_int_eq(k.hyperv_calls, (long)sp->npasses);
    ck_assert_int_eq(k.taped_calls, 0);
    hd_sparsity_free(sp);
}
END_TEST

/* The automatic gradient's pass at small n: one hd_dual2 pass at n = 1 and
 * 2, one hd_dual4 pass at n = 3 and 4; without f_dual2 one hd_dual pass at
 * n = 1 and one hd_dual4 pass at n = 2 (doc/performance.md). */
START_TEST(small_gradients_take_one_pass)
{
    double x[4] = {0.3, -1.1, 0.7, 2.0}, g[4];
    for (size_t n = 1; n <= 4; n++) {
        size_t nbox = n;
        const hd_objective obj = bench_f2_objective(n, &nbox);
        hd_counts k = {.f_calls = 0};
        ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_AUTO, &k), HD_OK);
        ck_assert_int_eq(k.dual2_calls, n <= 2);
        ck_assert_int_eq(k.dual4_calls, n >= 3);
        ck_assert_int_eq(k.f_calls + hd_counts_passes(&k), 1);
        hd_bodies bn;
        const hd_objective no_dual2 = hd_test_without(obj, &bn, HD_TEST_KIND(DUAL2));
        hd_counts k4 = {.f_calls = 0};
        ck_assert_int_eq(hd_gradient_ex(&no_dual2, x, NULL, g, HD_PATH_AUTO, &k4), HD_OK);
        ck_assert_int_eq(k4.dual_calls, n == 1);
        ck_assert_int_eq(k4.dual4_calls, n >= 2);
        ck_assert_int_eq(k4.dual2_calls, 0);
    }
}
END_TEST

/* The automatic Hessian at small n: ONE hd_hyper2 pass up to n = 2 and ONE
 * hd_hyper4 pass up to n = 4, with a pattern attached too; three hd_hyper4
 * passes at n = 5 (groups {0,1}, {2,3}, {4}, a pass per pair of them); from
 * n = 6 the tape. Without the hd_hyper2 body, hd_hyper4 up to n = 2; without
 * either, another path (doc/performance.md has the crossovers). */
START_TEST(small_hessians_take_one_packed_pass)
{
    double x[6] = {0.3, -1.1, 0.7, 2.0, -0.4, 0.9}, g[6], h[36];
    for (size_t n = 1; n <= 6; n++) {
        size_t nbox = n;
        const hd_objective obj = bench_f2_objective(n, &nbox);
        hd_sparsity *sp = NULL;
        ck_assert_int_eq(hd_sparsity_detect(&obj, x, &sp), HD_OK);
        hd_objective with = obj;
        with.hess_sparsity = sp;
        const hd_objective *const objs[2] = {&obj, &with};
        for (int o = 0; o < 2; o++) {
            hd_counts k = {.f_calls = 0};
            ck_assert_int_eq(hd_hessian_ex(objs[o], x, NULL, g, h, HD_PATH_AUTO, &k), HD_OK);
            if (n <= 2) {
                ck_assert_int_eq(k.hyper2_calls, 1);
                ck_assert_int_eq(k.f_calls + hd_counts_passes(&k), 1);
            } else if (n <= 4) {
                ck_assert_int_eq(k.hyper4_calls, 1);
                ck_assert_int_eq(k.f_calls + hd_counts_passes(&k), 1);
            } else if (n == 5) {
                ck_assert_int_eq(k.hyper4_calls, 3);
                ck_assert_int_eq(k.f_calls + hd_counts_passes(&k), 3);
            } else {
                ck_assert_int_eq(k.hyper4_calls, 0);
                ck_assert_int_eq(k.taped_calls, o == 0); /* a few sparse passes may beat it */
            }
        }
        hd_sparsity_free(sp);
        hd_bodies b, b4;
        /* without hd_hyper2, hd_hyper4 answers up to n = 4 */
        const hd_objective four_only = hd_test_without(obj, &b4, HD_TEST_KIND(HYPER2));
        hd_counts k4 = {.f_calls = 0};
        ck_assert_int_eq(hd_hessian_ex(&four_only, x, NULL, g, h, HD_PATH_AUTO, &k4), HD_OK);
        ck_assert_int_eq(k4.hyper2_calls, 0);
        if (n <= 4) ck_assert_int_eq(k4.hyper4_calls, 1);
        const hd_objective no_packed =
            hd_test_without(obj, &b, HD_TEST_KIND(HYPER4) | HD_TEST_KIND(HYPER2));
        hd_counts k = {.f_calls = 0};
        ck_assert_int_eq(hd_hessian_ex(&no_packed, x, NULL, g, h, HD_PATH_AUTO, &k), HD_OK);
        ck_assert_int_eq(k.hyper4_calls + k.hyper2_calls, 0);
        ck_assert(hd_counts_passes(&k) >= 1);
        ck_assert_int_eq(hd_hessian_ex(&no_packed, x, NULL, g, h, HD_PATH_PACKED, NULL), HD_EINVAL);
        /* with hd_hyper2 alone, the packed path serves n <= 2 and refuses beyond */
        hd_bodies b2;
        const hd_objective two_only = hd_test_without(obj, &b2, HD_TEST_KIND(HYPER4));
        ck_assert_int_eq(hd_hessian_ex(&two_only, x, NULL, g, h, HD_PATH_PACKED, NULL),
                         n <= 2 ? HD_OK : HD_EINVAL);
    }
}
END_TEST

/* hd_gradient and hd_hessian are inline at small n (hyperdual/small.h):
 * the same bits and return codes as the exported functions, reached as
 * (hd_gradient)(...), for every n, with kinds taken away, with a table too
 * short to hold the small kinds (built against an older header), and for
 * bad arguments. */
static void inline_matches_exported(const hd_objective *obj, const double *x)
{
    const size_t n = obj->n;
    double f[2] = {NAN, NAN}, g[2][6], h[2][36];
    ck_assert_int_eq(hd_gradient(obj, x, &f[0], g[0]), (hd_gradient)(obj, x, &f[1], g[1]));
    ck_assert(f[0] == f[1]);
    for (size_t i = 0; i < n; i++) ck_assert(g[0][i] == g[1][i]);
    ck_assert_int_eq(hd_hessian(obj, x, &f[0], g[0], h[0]), (hd_hessian)(obj, x, &f[1], g[1], h[1]));
    ck_assert(f[0] == f[1]);
    for (size_t i = 0; i < n * n; i++) ck_assert(h[0][i] == h[1][i]);
    ck_assert_int_eq(hd_gradient(obj, x, NULL, g[0]), HD_OK);
    ck_assert_int_eq(hd_hessian(obj, x, NULL, NULL, h[0]), HD_OK);
    for (size_t i = 0; i < n * n; i++) ck_assert(h[0][i] == h[1][i]);
}
START_TEST(inline_drivers_match_the_exported_ones)
{
    const double x[6] = {0.3, -1.1, 0.7, 2.0, -0.4, 0.9};
    for (size_t n = 1; n <= 6; n++) {
        size_t nbox = n;
        const hd_objective objs[2] = {bench_f2_objective(n, &nbox), p_mix_objective(n, &nbox)};
        for (int o = 0; o < 2; o++) {
            if (o == 1 && n < 3) continue; /* p_mix reads x[n - 1] and pairs */
            inline_matches_exported(&objs[o], x);
            hd_bodies b[5];
            const unsigned drop[5] = {
                HD_TEST_KIND(DUAL2), HD_TEST_KIND(HYPER2),
                HD_TEST_KIND(DUAL4) | HD_TEST_KIND(HYPER4),
                HD_TEST_KIND(HYPER2) | HD_TEST_KIND(HYPER4),
                HD_TEST_KIND(DUAL2) | HD_TEST_KIND(DUAL4) | HD_TEST_KIND(HYPER4) | HD_TEST_KIND(HYPER2)};
            for (int d = 0; d < 5; d++) {
                const hd_objective less = hd_test_without(objs[o], &b[d], drop[d]);
                inline_matches_exported(&less, x);
            }
            /* tables built against older headers: one that ends before the
             * small kinds, one that ends before hd_hyper2 (hd_hyper4 at n <= 2) */
            const size_t ends[2] = {offsetof(hd_bodies, dual2), offsetof(hd_bodies, hyper2)};
            for (int e = 0; e < 2; e++) {
                hd_bodies old = *objs[o].bodies;
                old.size = ends[e];
                hd_objective older = objs[o];
                older.bodies = &old;
                inline_matches_exported(&older, x);
            }
        }
    }
    size_t n = 2;
    hd_objective obj = bench_f2_objective(n, &n);
    double g[2], h[4];
    ck_assert_int_eq(hd_gradient(NULL, x, NULL, g), HD_EINVAL);
    ck_assert_int_eq(hd_gradient(&obj, NULL, NULL, g), HD_EINVAL);
    ck_assert_int_eq(hd_hessian(&obj, x, NULL, g, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_hessian(&obj, NULL, NULL, g, h), HD_EINVAL);
    obj.f_hyper = NULL;
    hd_bodies b;
    obj = hd_test_without(obj, &b, HD_TEST_KIND(HYPER));
    ck_assert_int_eq(hd_gradient(&obj, x, NULL, g), HD_EINVAL);
    ck_assert_int_eq(hd_hessian(&obj, x, NULL, g, h), HD_EINVAL);
    obj = bench_f2_objective(n, &n);
    obj.n = 0;
    ck_assert_int_eq(hd_gradient(&obj, x, NULL, g), HD_EINVAL);
    ck_assert_int_eq(hd_hessian(&obj, x, NULL, g, h), HD_EINVAL);
}
END_TEST

/* The inline drivers make the passes the table chooses: an objective that
 * counts the passes it is given, by kind, sees from the inline hd_gradient
 * and hd_hessian exactly the passes that hd_gradient_ex and hd_hessian_ex
 * (HD_PATH_AUTO, which walk the table) count and it sees, at every n from
 * 1 to HD_LANES + 2 and with the small kinds taken away. */
HD_GENERIC_OBJECTIVE_N(p_seen, T, x, n, ctx,
    ((long *)ctx)[HD_TEST_KIND_OF(T)]++;
    T s = (T){0};
    for (size_t i = 0; i < n; i++) s = hd_add(s, hd_mul(hd_sin(x[i]), x[(i + 1) % n]));
    return s;
)
/* The passes the inline call made (inline_seen) against the table's, which
 * the body also counts in seen (reset here before the call). */
static void same_passes(const char *what, size_t n, unsigned drop, const long *inline_seen,
                        long *seen, const hd_counts *c)
{
    for (int k = 0; k < HD_KIND_COUNT; k++) {
        ck_assert_msg(seen[k] == c->calls[k], "%s n=%zu drop %#x: %s counted %ld, the body saw %ld",
                      what, n, drop, hd_kind_name((hd_kind)k), c->calls[k], seen[k]);
        ck_assert_msg(inline_seen[k] == c->calls[k], "%s n=%zu drop %#x: %s inline %ld, table %ld",
                      what, n, drop, hd_kind_name((hd_kind)k), inline_seen[k], c->calls[k]);
    }
    ck_assert_int_gt(hd_counts_passes(c), 0);
}
START_TEST(inline_drivers_take_the_tables_choice)
{
    enum { N = HD_LANES + 2 };
    double x[N], g[N], h[N * N];
    for (size_t i = 0; i < N; i++) x[i] = 0.3 + 0.17 * (double)i;
    static const unsigned drops[] = {0, HD_TEST_KIND(DUAL2), HD_TEST_KIND(HYPER2),
                                     HD_TEST_KIND(DUAL4) | HD_TEST_KIND(HYPER4),
                                     HD_TEST_KIND(DUALV) | HD_TEST_KIND(HYPER4),
                                     HD_TEST_KIND(HYPER2) | HD_TEST_KIND(HYPER4)};
    for (size_t n = 1; n <= N; n++)
        for (size_t d = 0; d < sizeof drops / sizeof drops[0]; d++) {
            long seen[HD_KIND_COUNT], inline_seen[HD_KIND_COUNT];
            hd_bodies b;
            const hd_objective obj = hd_test_without(p_seen_objective(n, seen), &b, drops[d]);
            memset(seen, 0, sizeof seen);
            ck_assert_int_eq(hd_gradient(&obj, x, NULL, g), HD_OK);
            memcpy(inline_seen, seen, sizeof seen);
            memset(seen, 0, sizeof seen);
            hd_counts c = {.f_calls = 0};
            ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_AUTO, &c), HD_OK);
            same_passes("gradient", n, drops[d], inline_seen, seen, &c);
            memset(seen, 0, sizeof seen);
            ck_assert_int_eq(hd_hessian(&obj, x, NULL, g, h), HD_OK);
            memcpy(inline_seen, seen, sizeof seen);
            memset(seen, 0, sizeof seen);
            hd_counts ch = {.f_calls = 0};
            ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, g, h, HD_PATH_AUTO, &ch), HD_OK);
            same_passes("Hessian", n, drops[d], inline_seen, seen, &ch);
        }
}
END_TEST

/* Whether (i, j) is in the pattern sp. */
static int in_pattern(const hd_sparsity *sp, size_t i, size_t j)
{
    for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++)
        if (sp->col[t] == j) return 1;
    return 0;
}

/* The structure from hd_pattern passes equals the pattern read off the
 * formulas (F1: 2×2 blocks of the pairs; F2: tridiagonal plus the cyclic
 * corner), also across the 64-variable block boundaries. */
START_TEST(structural_pattern_matches_the_formulas)
{
    static const size_t sizes[] = {2, 3, 63, 64, 65, 130};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        double *x = malloc(n * sizeof *x);
        ck_assert_ptr_nonnull(x);
        point(k, n, x);
        for (int f = 0; f < 2; f++) {
            const hd_objective obj = f ? bench_f2_objective(n, &n) : bench_rosen_objective(n, &n);
            ck_assert(obj.bodies && obj.bodies->pattern != NULL);
            hd_sparsity *sp = NULL;
            ck_assert_int_eq(hd_sparsity_detect(&obj, x, &sp), HD_OK);
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++) {
                    const size_t d = i > j ? i - j : j - i;
                    /* F1: pairs (2p, 2p + 1) with 2p + 1 < n; an odd n's last
                     * variable is in no term */
                    const int expect = f ? d <= 1 || d == n - 1
                                         : i / 2 == j / 2 && i / 2 * 2 + 1 < n;
                    ck_assert_msg(in_pattern(sp, i, j) == expect, "%s n=%zu (%zu,%zu)",
                                  f ? "F2" : "F1", n, i, j);
                }
            hd_sparsity_free(sp);
        }
        free(x);
    }
}
END_TEST

/* On bodies with every kind of rule, the structure holds every entry that is
 * non-zero in the scalar path's Hessian at two points. */
START_TEST(structural_pattern_covers_the_numeric_hessian)
{
    for (size_t c = 0; c < NCASES; c++) {
        size_t n = cases[c].n;
        const hd_objective obj = cases[c].make(n, &n);
        double *x = malloc(n * sizeof *x), *h = malloc(n * n * sizeof *h);
        ck_assert(x && h);
        hd_sparsity *sp = NULL;
        point(c, n, x);
        ck_assert_int_eq(hd_sparsity_detect(&obj, x, &sp), HD_OK);
        for (int p = 0; p < 2; p++) {
            point(c + 7 * (size_t)p, n, x);
            ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_SCALAR, NULL), HD_OK);
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                    if (h[i * n + j] != 0)
                        ck_assert_msg(in_pattern(sp, i, j), "%s n=%zu (%zu,%zu)", cases[c].name,
                                      n, i, j);
        }
        hd_sparsity_free(sp);
        free(x);
        free(h);
    }
}
END_TEST

START_TEST(bad_arguments_are_refused)
{
    size_t n = 4;
    hd_objective obj = bench_wood_objective(n, &n);
    double x[4] = {1, 2, 3, 4}, h[16], g[4];
    hd_sparsity *sp = NULL;
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_SPARSE, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_NARROW, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_PACKED, NULL), HD_EINVAL);
    ck_assert_int_eq(hd_sparsity_from_mask(0, (const unsigned char *)"", &sp), HD_EINVAL);
    ck_assert_ptr_null(sp);
    ck_assert_int_eq(hd_sparsity_detect(NULL, x, &sp), HD_EINVAL);
    hd_bodies b;
    obj = hd_test_without(obj, &b, HD_TEST_KIND(HYPERV));
    ck_assert_int_eq(hd_hessian_ex(&obj, x, NULL, NULL, h, HD_PATH_LANES, NULL), HD_EINVAL);
    obj = hd_test_without(obj, &b, HD_TEST_KIND(DUALV));
    ck_assert_int_eq(hd_gradient_ex(&obj, x, NULL, g, HD_PATH_LANES, NULL), HD_EINVAL);
    /* a mismatched pattern is refused, never read out of bounds */
    static const unsigned char mask[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    ck_assert_int_eq(hd_sparsity_from_mask(3, mask, &sp), HD_OK);
    obj = bench_wood_objective(n, &n);
    ck_assert_int_eq(hd_sparse_hessian(&obj, sp, x, NULL, NULL, h, NULL), HD_EINVAL);
    hd_sparsity_free(sp);
}
END_TEST

Suite *make_paths_suite(void)
{
    Suite *s = suite_create("paths");
    TCase *tc = tcase_create("agreement");
    tcase_add_loop_test(tc, every_path_agrees_with_the_scalar_path, 0, (int)NCASES);
    tcase_add_test(tc, rosenbrock_hessian_matches_hand_formula_on_every_path);
    tcase_add_test(tc, passes_are_counted_honestly);
    tcase_add_test(tc, small_gradients_take_one_pass);
    tcase_add_test(tc, small_hessians_take_one_packed_pass);
    tcase_add_test(tc, inline_drivers_match_the_exported_ones);
    tcase_add_test(tc, inline_drivers_take_the_tables_choice);
    tcase_add_test(tc, bad_arguments_are_refused);
    tcase_add_test(tc, structural_pattern_matches_the_formulas);
    tcase_add_test(tc, structural_pattern_covers_the_numeric_hessian);
    suite_add_tcase(s, tc);
    return s;
}
