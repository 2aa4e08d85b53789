/* Limited-memory BFGS (N&W Alg. 7.4 and 7.5): a row of the table of
 * methods (run.c) run by the line-search loop (loop.c). Its state is the
 * last m step pairs (s, y) and their 1/(yᵀs), O(mn) memory; the direction
 * -H g comes from the two-loop recursion with H0 = gamma I, gamma = sᵀy/yᵀy
 * of the newest pair (N&W (7.20)). */
#include <config.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "../size_check.h"
#include "../status_lines.h"

/* The state, in rn->state: m pairs (s_k, y_k) of n doubles, then rho_k =
 * 1/(y_kᵀs_k) and the two-loop's alpha_k, m each. pairs and newest say
 * which slots hold pairs (a ring). */
typedef struct lbfgs_view {
    size_t m;
    double *s, *y, *rho, *alpha;
} lbfgs_view;

static lbfgs_view view(const hd__run *rn)
{
    const size_t n = rn->n, m = (size_t)rn->opt.lbfgs_memory;
    lbfgs_view v = {m, rn->state, rn->state + m * n, rn->state + 2 * m * n, rn->state + 2 * m * n + m};
    return v;
}

static int state_size(const hd__run *rn, size_t *doubles)
{
    /* 2mn + 2m */
    size_t mn;
    const size_t m = (size_t)rn->opt.lbfgs_memory;
    return hd__size_mul(m, rn->n, &mn) && hd__size_mul_add(2, mn, 2 * m, doubles);
}

/* The ring: pair k (k = 0 oldest .. pairs-1 newest) sits in slot (first + k) mod m. */
static size_t slot(const hd__run *rn, size_t k)
{
    return (rn->lbfgs_first + k) % (size_t)rn->opt.lbfgs_memory;
}

static void forget(hd__run *rn)
{
    rn->lbfgs_pairs = 0;
    rn->lbfgs_first = 0;
}

/* q += a·x, then yᵀq (four partial sums): one pass where the recursion
 * would make two, with the dot of the next pair (at n = 10 000 the
 * recursion's passes over q were a third of L-BFGS's time). */
static double axpy_dot(size_t n, double a, const double *x, double *q, const double *y)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        q[i] += a * x[i];
        q[i + 1] += a * x[i + 1];
        q[i + 2] += a * x[i + 2];
        q[i + 3] += a * x[i + 3];
        s0 += y[i] * q[i];
        s1 += y[i + 1] * q[i + 1];
        s2 += y[i + 2] * q[i + 2];
        s3 += y[i + 3] * q[i + 3];
    }
    for (; i < n; i++) {
        q[i] += a * x[i];
        s0 += y[i] * q[i];
    }
    return (s0 + s1) + (s2 + s3);
}

/* p = -H g by the two-loop recursion (N&W Alg. 7.4), H0 = gamma I, each
 * update of q fused with the dot the next pair needs. */
static void two_loop(hd__run *rn)
{
    const size_t n = rn->n, pairs = rn->lbfgs_pairs;
    const lbfgs_view v = view(rn);
    double *q = rn->p;
    for (size_t i = 0; i < n; i++) q[i] = -rn->g[i];
    if (pairs == 0) return;
    /* newest to oldest: alpha_k = rho_k s_kᵀq, q -= alpha_k y_k */
    double dot = axpy_dot(n, 0.0, q, q, v.s + slot(rn, pairs - 1) * n);
    for (size_t k = pairs; k-- > 0;) {
        const size_t j = slot(rn, k);
        v.alpha[j] = v.rho[j] * dot;
        const double *next = k > 0 ? v.s + slot(rn, k - 1) * n : v.y + slot(rn, 0) * n;
        /* after the oldest pair, the dot is the first of the second loop
         * (y_0ᵀq, before the scaling, scaled below) */
        dot = axpy_dot(n, -v.alpha[j], v.y + j * n, q, next);
    }
    for (size_t i = 0; i < n; i++) q[i] *= rn->lbfgs_gamma;
    dot *= rn->lbfgs_gamma;
    /* oldest to newest: beta = rho_k y_kᵀq, q += (alpha_k - beta) s_k */
    for (size_t k = 0; k < pairs; k++) {
        const size_t j = slot(rn, k);
        const double beta = v.rho[j] * dot;
        const double *next = v.y + slot(rn, k + 1 < pairs ? k + 1 : k) * n;
        dot = axpy_dot(n, v.alpha[j] - beta, v.s + j * n, q, next);
    }
}

static void start(hd__run *rn) { forget(rn); }

/* -H g; where rounding has lost the descent property, the memory is
 * dropped and the step is -g (with the first iteration's trial length). */
static int direction(hd__run *rn)
{
    two_loop(rn);
    if (!(hd__dot(rn->n, rn->g, rn->p) < 0.0)) {
        forget(rn);
        two_loop(rn);
    }
    return 0;
}

/* The first step has no scale (H0 = I): as BFGS, at most a unit move. */
static double first_trial(const hd__run *rn, double slope)
{
    (void)slope;
    return rn->lbfgs_pairs == 0 ? fmin(1.0, 1.0 / rn->gnorm) : 1.0;
}

/* Keep the new pair when it has positive curvature (always, with the strong
 * Wolfe search; with backtracking a pair without it is skipped, as BFGS
 * skips its update), dropping the oldest when the memory is full. */
static void after_step(hd__run *rn)
{
    const size_t n = rn->n, m = (size_t)rn->opt.lbfgs_memory;
    const double sy = hd__dot(n, rn->s, rn->y);
    const double ss = hd__dot(n, rn->s, rn->s), yy = hd__dot(n, rn->y, rn->y);
    if (!(sy > 1e-10 * sqrt(ss * yy))) return;
    const lbfgs_view v = view(rn);
    size_t j;
    if (rn->lbfgs_pairs < m) {
        j = slot(rn, rn->lbfgs_pairs++);
    } else {
        j = rn->lbfgs_first;
        rn->lbfgs_first = (rn->lbfgs_first + 1) % m;
    }
    memcpy(v.s + j * n, rn->s, n * sizeof *rn->s);
    memcpy(v.y + j * n, rn->y, n * sizeof *rn->y);
    v.rho[j] = 1.0 / sy;
    rn->lbfgs_gamma = sy / yy; /* H0 = gamma I, from the newest pair (N&W (7.20)) */
}

static int advice(int status, const hd_options *o)
{
    return status == HD_STATIONARY && !o->classify_final ? HD__FOR_NO_HESSIAN : HD__FOR_LBFGS;
}

static const hd__line_search_hooks steps = {
    .direction = direction, .first_trial = first_trial, .after_step = after_step, .keeps_pair = 1,
};
const hd__method hd__lbfgs = {
    .id = HD_LBFGS, .key = "lbfgs", .name = "l-bfgs", .default_max_iter = 1000,
    .default_line_search = HD_LINESEARCH_WOLFE, .state_size = state_size, .start = start,
    .run = hd__line_search_run, .steps = &steps, .advice = advice,
};
