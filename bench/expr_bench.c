/* The expression engine against compiled code (issue 4, item 13; issue 12):
 *  1. the Hessian of a 203-node expression in 5 variables, through the engine
 *     (hd_expr_objective) and through the same function written with the hd_
 *     macros and compiled (HD_GENERIC_OBJECTIVE); target: engine within 3x;
 *  2. F1 (extended Rosenbrock) and F2 of bench/bench_objectives.h written as
 *     text, against the compiled bodies, through hd_gradient and hd_hessian
 *     at n = 10, 50 and 200 (so on the paths the drivers choose there: lanes,
 *     tape); target: text within 3x of compiled in every row;
 *  3. parsing 1 MiB of expression text; target: under 50 ms.
 * All are printed as ratios in the same run. The derivatives of text and
 * compiled code are compared first, so the timings are of the same work.
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hyperdual.h>
#include "bench_objectives.h"
#include "bench_util.h"

/* Generated once by a seeded random tree (arithmetic, hypot and bounded
 * transcendental functions, so every value is finite): 203 nodes, given as
 * the engine's text and as the same computation written with the hd_
 * macros, one node per statement. (Nested as one expression, the generic
 * macros would expand each operand twice per level: 2^depth tokens.) The
 * two are compared before timing. */
static const char expr_text[] =
    "hypot(cos(mul(sq(mul(x4, x1)), add(mul(x1, tanh(cos(x4))), 1.5))), "
    "atan(add(atan(sub(sub(mul(sub(x0, x3), softplus(exp(tanh(add(sub(mul(cos(hypot(x2, add(sq(2), "
    "sin(2)))), tanh(x3)), sigmoid(atan(add(x3, sigmoid(0.25))))), add(mul(x1, x1), "
    "tanh(sigmoid(x1)))))))), mul(mul(hypot(sq(x0), x3), cos(add(mul(mul(x1, sub(x3, x3)), "
    "add(cos(add(x1, softplus(x4))), sub(sigmoid(x1), mul(mul(1.5, exp(tanh(softplus(x0)))), x3)))), "
    "softplus(sub(cos(atan(mul(x2, cos(0.5)))), mul(tanh(x2), x3)))))), add(tanh(exp(tanh(mul(mul(x0, "
    "tanh(x1)), sub(x1, softplus(x3)))))), hypot(mul(mul(sin(mul(x1, tanh(x4))), x4), "
    "exp(tanh(mul(x2, x0)))), add(mul(sigmoid(add(sub(add(x3, x0), x3), cos(x2))), mul(sub(1.5, x0), "
    "x3)), atan(sq(sq(x1)))))))), sub(x3, sub(add(atan(0.5), sigmoid(tanh(tanh(hypot(mul(sub(x1, x0), "
    "x0), add(div(x2, add(1, sq(0.25))), 2)))))), hypot(1.5, x1))))), sigmoid(mul(sub(add(x4, "
    "add(0.5, sq(x4))), mul(x1, x1)), add(sigmoid(hypot(sigmoid(x2), x1)), "
    "exp(tanh(softplus(mul(sigmoid(tanh(sq(sigmoid(atan(x0))))), cos(sin(hypot(x4, hypot(x3, "
    "x4))))))))))))))";

#define EXPR_STATEMENTS \
    T t0 = hd_mul(x[4], x[1]); T t1 = hd_sq(t0); T t2 = hd_cos(x[4]); T t3 = hd_tanh(t2); \
    T t4 = hd_mul(x[1], t3); T t5 = hd_add(t4, 1.5); T t6 = hd_mul(t1, t5); T t7 = hd_cos(t6); \
    T t8 = hd_sub(x[0], x[3]); const double t9 = hd_sq(2); const double t10 = hd_sin(2); \
    const double t11 = hd_add(t9, t10); T t12 = hd_hypot(x[2], t11); T t13 = hd_cos(t12); \
    T t14 = hd_tanh(x[3]); T t15 = hd_mul(t13, t14); const double t16 = hd_sigmoid(0.25); \
    T t17 = hd_add(x[3], t16); T t18 = hd_atan(t17); T t19 = hd_sigmoid(t18); T t20 = hd_sub(t15, t19); \
    T t21 = hd_mul(x[1], x[1]); T t22 = hd_sigmoid(x[1]); T t23 = hd_tanh(t22); T t24 = hd_add(t21, t23); \
    T t25 = hd_add(t20, t24); T t26 = hd_tanh(t25); T t27 = hd_exp(t26); T t28 = hd_softplus(t27); \
    T t29 = hd_mul(t8, t28); T t30 = hd_sq(x[0]); T t31 = hd_hypot(t30, x[3]); T t32 = hd_sub(x[3], x[3]); \
    T t33 = hd_mul(x[1], t32); T t34 = hd_softplus(x[4]); T t35 = hd_add(x[1], t34); T t36 = hd_cos(t35); \
    T t37 = hd_sigmoid(x[1]); T t38 = hd_softplus(x[0]); T t39 = hd_tanh(t38); T t40 = hd_exp(t39); \
    T t41 = hd_mul(1.5, t40); T t42 = hd_mul(t41, x[3]); T t43 = hd_sub(t37, t42); T t44 = hd_add(t36, t43); \
    T t45 = hd_mul(t33, t44); const double t46 = hd_cos(0.5); T t47 = hd_mul(x[2], t46); \
    T t48 = hd_atan(t47); T t49 = hd_cos(t48); T t50 = hd_tanh(x[2]); T t51 = hd_mul(t50, x[3]); \
    T t52 = hd_sub(t49, t51); T t53 = hd_softplus(t52); T t54 = hd_add(t45, t53); T t55 = hd_cos(t54); \
    T t56 = hd_mul(t31, t55); T t57 = hd_tanh(x[1]); T t58 = hd_mul(x[0], t57); T t59 = hd_softplus(x[3]); \
    T t60 = hd_sub(x[1], t59); T t61 = hd_mul(t58, t60); T t62 = hd_tanh(t61); T t63 = hd_exp(t62); \
    T t64 = hd_tanh(t63); T t65 = hd_tanh(x[4]); T t66 = hd_mul(x[1], t65); T t67 = hd_sin(t66); \
    T t68 = hd_mul(t67, x[4]); T t69 = hd_mul(x[2], x[0]); T t70 = hd_tanh(t69); T t71 = hd_exp(t70); \
    T t72 = hd_mul(t68, t71); T t73 = hd_add(x[3], x[0]); T t74 = hd_sub(t73, x[3]); T t75 = hd_cos(x[2]); \
    T t76 = hd_add(t74, t75); T t77 = hd_sigmoid(t76); T t78 = hd_sub(1.5, x[0]); T t79 = hd_mul(t78, x[3]); \
    T t80 = hd_mul(t77, t79); T t81 = hd_sq(x[1]); T t82 = hd_sq(t81); T t83 = hd_atan(t82); \
    T t84 = hd_add(t80, t83); T t85 = hd_hypot(t72, t84); T t86 = hd_add(t64, t85); \
    T t87 = hd_mul(t56, t86); T t88 = hd_sub(t29, t87); const double t89 = hd_atan(0.5); \
    T t90 = hd_sub(x[1], x[0]); T t91 = hd_mul(t90, x[0]); const double t92 = hd_sq(0.25); \
    const double t93 = hd_add(1, t92); T t94 = hd_div(x[2], t93); T t95 = hd_add(t94, 2); \
    T t96 = hd_hypot(t91, t95); T t97 = hd_tanh(t96); T t98 = hd_tanh(t97); T t99 = hd_sigmoid(t98); \
    T t100 = hd_add(t89, t99); T t101 = hd_hypot(1.5, x[1]); T t102 = hd_sub(t100, t101); \
    T t103 = hd_sub(x[3], t102); T t104 = hd_sub(t88, t103); T t105 = hd_atan(t104); T t106 = hd_sq(x[4]); \
    T t107 = hd_add(0.5, t106); T t108 = hd_add(x[4], t107); T t109 = hd_mul(x[1], x[1]); \
    T t110 = hd_sub(t108, t109); T t111 = hd_sigmoid(x[2]); T t112 = hd_hypot(t111, x[1]); \
    T t113 = hd_sigmoid(t112); T t114 = hd_atan(x[0]); T t115 = hd_sigmoid(t114); T t116 = hd_sq(t115); \
    T t117 = hd_tanh(t116); T t118 = hd_sigmoid(t117); T t119 = hd_hypot(x[3], x[4]); \
    T t120 = hd_hypot(x[4], t119); T t121 = hd_sin(t120); T t122 = hd_cos(t121); \
    T t123 = hd_mul(t118, t122); T t124 = hd_softplus(t123); T t125 = hd_tanh(t124); T t126 = hd_exp(t125); \
    T t127 = hd_add(t113, t126); T t128 = hd_mul(t110, t127); T t129 = hd_sigmoid(t128); \
    T t130 = hd_add(t105, t129); T t131 = hd_atan(t130); T t132 = hd_hypot(t7, t131); \
    return t132;

HD_GENERIC_OBJECTIVE(bench_expr, T, x, ctx, EXPR_STATEMENTS)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static volatile double sink;

/* Seconds per Hessian: best of 5 batches of at least 0.1 s each. */
static double time_hessian(const hd_objective *obj, const double *x)
{
    double f, g[5], h[25], best = INFINITY;
    long reps = 1;
    for (;;) { /* calibrate */
        const double t0 = now();
        for (long r = 0; r < reps; r++) {
            if (hd_hessian(obj, x, &f, g, h) != HD_OK) return NAN;
            sink = h[7];
        }
        if (now() - t0 > 0.1) break;
        reps *= 2;
    }
    for (int b = 0; b < 5; b++) {
        const double t0 = now();
        for (long r = 0; r < reps; r++) {
            if (hd_hessian(obj, x, &f, g, h) != HD_OK) return NAN;
            sink = h[7];
        }
        const double t = (now() - t0) / (double)reps;
        if (t < best) best = t;
    }
    return best;
}

/* ---- text against compiled on F1 and F2 ------------------------------------ */

#define ROWS_MAXN 200
#define ROWS_ROUNDS 11

/* F1 or F2 of bench_objectives.h as text, term by term in the order of the
 * compiled loop, with the same operations (sq, not ^2), so that both compute
 * the same numbers. Returns a malloc'ed string. */
static char *objective_text(int f2, size_t n)
{
    const size_t cap = 96 * n + 16;
    char *s = malloc(cap);
    size_t len = 0;
    if (!s) return NULL;
    s[0] = '\0';
    if (!f2)
        for (size_t i = 0; i + 1 < n; i += 2)
            len += (size_t)snprintf(s + len, cap - len, "%s(100*sq(x%zu - sq(x%zu)) + sq(1 - x%zu))",
                                    i ? " + " : "", i + 1, i, i);
    else
        for (size_t i = 0; i < n; i++)
            len += (size_t)snprintf(s + len, cap - len, "%s(exp(sin(x%zu)*x%zu) + log(1 + sq(x%zu))*tanh(x%zu))",
                                    i ? " + " : "", i, i + 1 < n ? i + 1 : 0, i, i);
    return s;
}

typedef struct {
    const hd_objective *obj;
    int hessian;
} rows_call;

static double rows_x[ROWS_MAXN], rows_g[ROWS_MAXN], rows_h[ROWS_MAXN * ROWS_MAXN];

static int rows_run(const rows_call *c)
{
    double f;
    const int rc = c->hessian ? hd_hessian(c->obj, rows_x, &f, rows_g, rows_h)
                              : hd_gradient(c->obj, rows_x, &f, rows_g);
    sink = f;
    return rc;
}

/* Nanoseconds per call over reps calls. */
static double rows_time(const rows_call *c, long reps)
{
    const double t0 = bench_now_ns();
    for (long r = 0; r < reps; r++) rows_run(c);
    return (bench_now_ns() - t0) / (double)reps;
}

/* The derivatives of text and compiled code agree: the largest difference
 * relative to 1 + |compiled|, or -1 when a driver fails. */
static double rows_agree(const hd_objective *text, const hd_objective *compiled, size_t n)
{
    static double gt[ROWS_MAXN], ht[ROWS_MAXN * ROWS_MAXN];
    double ft, fc, worst = 0;
    if (hd_hessian(text, rows_x, &ft, gt, ht) != HD_OK || hd_hessian(compiled, rows_x, &fc, rows_g, rows_h) != HD_OK)
        return -1;
    worst = fabs(ft - fc) / (1 + fabs(fc));
    for (size_t i = 0; i < n; i++) worst = fmax(worst, fabs(gt[i] - rows_g[i]) / (1 + fabs(rows_g[i])));
    for (size_t i = 0; i < n * n; i++) worst = fmax(worst, fabs(ht[i] - rows_h[i]) / (1 + fabs(rows_h[i])));
    if (hd_gradient(text, rows_x, &ft, gt) != HD_OK || hd_gradient(compiled, rows_x, &fc, rows_g) != HD_OK)
        return -1;
    for (size_t i = 0; i < n; i++) worst = fmax(worst, fabs(gt[i] - rows_g[i]) / (1 + fabs(rows_g[i])));
    return worst;
}

/* One table row per function, n and derivative: compiled and text times
 * (medians of interleaved rounds) and the median of the per-round ratios. */
static int text_rows(void)
{
    static const size_t ns[] = {10, 50, 200};
    printf("\ntext/compiled through hd_gradient and hd_hessian, F1 and F2 of bench_objectives.h as\n"
           "text; microseconds per call, medians of %d interleaved rounds, ratio within rounds\n"
           "(target <= 3):\n\n"
           "| function | n | derivative | compiled | text | text/compiled |\n|---|---:|---|---:|---:|---:|\n",
           ROWS_ROUNDS);
    for (int f2 = 0; f2 <= 1; f2++)
        for (size_t k = 0; k < sizeof ns / sizeof *ns; k++) {
            static size_t nbox;
            const size_t n = nbox = ns[k];
            char *text = objective_text(f2, n);
            const char **names = malloc(n * sizeof *names);
            char *store = malloc(8 * n);
            if (!text || !names || !store) return 1;
            for (size_t i = 0; i < n; i++) {
                snprintf(store + 8 * i, 8, "x%zu", i);
                names[i] = store + 8 * i;
                rows_x[i] = f2 ? 0.5 * cos((double)i) : (i % 2 ? 1.0 : -1.2);
            }
            hd_expr *e = NULL;
            hd_expr_error err;
            if (hd_expr_parse(text, strlen(text), names, n, &e, &err) != HD_OK) {
                fprintf(stderr, "expr_bench: %s n = %zu: %s\n", f2 ? "F2" : "F1", n, err.message);
                return 1;
            }
            const hd_objective te = hd_expr_objective(e);
            const hd_objective tc = f2 ? bench_f2_objective(n, &nbox) : bench_rosen_objective(n, &nbox);
            const double diff = rows_agree(&te, &tc, n);
            if (diff < 0 || diff > 1e-13) {
                fprintf(stderr, "expr_bench: %s n = %zu: text and compiled differ (%g)\n", f2 ? "F2" : "F1", n, diff);
                return 1;
            }
            for (int hess = 0; hess <= 1; hess++) {
                const rows_call calls[2] = {{&tc, hess}, {&te, hess}};
                long reps[2];
                for (int m = 0; m < 2; m++) {
                    reps[m] = 1;
                    while (rows_time(&calls[m], reps[m]) * (double)reps[m] < 2e5 && reps[m] < (1L << 22)) reps[m] *= 2;
                }
                double t[2][ROWS_ROUNDS], q[ROWS_ROUNDS];
                for (int r = 0; r < ROWS_ROUNDS; r++) {
                    for (int mm = 0; mm < 2; mm++) {
                        const int m = (mm + r) % 2;
                        t[m][r] = rows_time(&calls[m], reps[m]);
                    }
                    q[r] = t[1][r] / t[0][r];
                }
                printf("| %s | %zu | %s | %.3g | %.3g | %.2f |\n", f2 ? "F2" : "F1", n, hess ? "Hessian" : "gradient",
                       bench_median(t[0], ROWS_ROUNDS) / 1e3, bench_median(t[1], ROWS_ROUNDS) / 1e3,
                       bench_median(q, ROWS_ROUNDS));
                fflush(stdout);
            }
            hd_expr_free(e);
            free(text);
            free(names);
            free(store);
        }
    return 0;
}

int main(void)
{
    hd_expr *e = NULL;
    hd_expr_error err;
    static const char *const vars[] = {"x0", "x1", "x2", "x3", "x4"};
    if (hd_expr_parse(expr_text, strlen(expr_text), vars, 5, &e, &err) != HD_OK) {
        fprintf(stderr, "expr_bench: parse error at column %zu: %s\n", err.column, err.message);
        return 1;
    }
    const hd_objective engine = hd_expr_objective(e);
    const hd_objective compiled = bench_expr_objective(5, NULL);
    const double x[5] = {0.3, -0.7, 1.1, 0.45, -1.3};

    /* same function, same numbers */
    double fe, ge[5], he[25], fc, gc[5], hc[25];
    if (hd_hessian(&engine, x, &fe, ge, he) != HD_OK || hd_hessian(&compiled, x, &fc, gc, hc) != HD_OK) {
        fprintf(stderr, "expr_bench: hd_hessian failed\n");
        return 1;
    }
    for (int i = 0; i < 25; i++)
        if (!(fabs(he[i] - hc[i]) <= 1e-13 * (1 + fabs(hc[i])))) {
            fprintf(stderr, "expr_bench: Hessians differ at %d: %.17g vs %.17g\n", i, he[i], hc[i]);
            return 1;
        }

    const double tc = time_hessian(&compiled, x), te = time_hessian(&engine, x);
    printf("expr_bench: Hessian of a 203-node expression in 5 variables (%zu instructions after folding)\n",
           hd_expr_size(e));
    printf("  compiled (hd_ macros)  %9.2f us per Hessian\n", 1e6 * tc);
    printf("  engine (hd_expr)       %9.2f us per Hessian\n", 1e6 * te);
    printf("  ratio engine/compiled  %9.2f   (target <= 3)\n", te / tc);

    if (text_rows() != 0) return 1;

    /* 1 MiB: copies of the expression joined by " + " */
    const size_t cap = HD_EXPR_MAX_LENGTH, one = strlen(expr_text);
    char *big = malloc(cap);
    if (!big) return 1;
    size_t len = 0, copies = 0;
    while (len + one + 3 <= cap) {
        if (copies++) memcpy(big + len, " + ", 3), len += 3;
        memcpy(big + len, expr_text, one);
        len += one;
    }
    double best = INFINITY;
    size_t size = 0;
    for (int b = 0; b < 5; b++) {
        hd_expr *p = NULL;
        const double t0 = now();
        const int rc = hd_expr_parse(big, len, vars, 5, &p, &err);
        const double t = now() - t0;
        if (rc != HD_OK) {
            fprintf(stderr, "expr_bench: 1 MiB parse failed: %s\n", err.message);
            return 1;
        }
        size = hd_expr_size(p);
        hd_expr_free(p);
        if (t < best) best = t;
    }
    printf("\nparse %zu bytes (%zu copies, %zu instructions)  %.2f ms   ratio to the 50 ms target %.2f\n", len,
           copies, size, 1e3 * best, 1e3 * best / 50.0);
    free(big);
    hd_expr_free(e);
    return 0;
}
