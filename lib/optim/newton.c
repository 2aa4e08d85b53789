/* Line-search Newton, a row of the table of methods (run.c) run by the
 * line-search loop (loop.c): solve H p = -g with the Hessian made positive
 * definite by the chosen modification (or not at all, for pure Newton), and
 * in an indefinite region prefer a step along negative curvature when it
 * ends lower. */
#include <config.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "../linalg.h"
#include "../status_lines.h"

static void neg_gradient(hd__run *rn)
{
    for (size_t i = 0; i < rn->n; i++) rn->p[i] = -rn->g[i];
}

/* Pure Newton: the symmetric indefinite solve (Bunch-Kaufman) takes the
 * Newton step whatever the inertia, as the textbook method does. */
static int as_is(hd__run *rn)
{
    const size_t n = rn->n;
    memcpy(rn->work, rn->h, n * n * sizeof *rn->h);
    neg_gradient(rn);
    const int st = hd__sym_solve(n, rn->work, rn->p);
    rn->res->factorizations++;
    rn->tau = 0.0;
    return st == HD__SINGULAR ? HD_SINGULAR_HESSIAN : st;
}

/* Eigenvalue modification (N&W §3.4): p = -Q diag(1/max(|lambda|, delta)) Qᵀ g,
 * delta = 1e-12·max(1, max|lambda|): negative curvature is flipped, not
 * ignored, and an eigenvalue at rounding level cannot produce an unbounded
 * step. delta is kept that small on purpose: a larger one (sqrt(eps)·max)
 * modifies well-determined small eigenvalues of badly scaled problems and
 * turns Newton into a crawl (Powell badly scaled: no convergence in 1000
 * iterations). */
static int eigen_fix(hd__run *rn)
{
    const size_t n = rn->n;
    const int st = hd__eigen(rn);
    if (st != HD_OK) return st;
    double scale = 1.0;
    for (size_t k = 0; k < n; k++) scale = fmax(scale, fabs(rn->eval[k]));
    const double delta = 1e-12 * scale;
    memset(rn->p, 0, n * sizeof *rn->p);
    rn->tau = 0.0;
    rn->modified = 0;
    for (size_t k = 0; k < n; k++) {
        const double *q = rn->evec + k * n;
        const double lam = fmax(fabs(rn->eval[k]), delta);
        if (lam != rn->eval[k]) {
            rn->res->modifications++;
            rn->modified = 1;
        }
        const double c = -hd__dot(n, q, rn->g) / lam;
        for (size_t i = 0; i < n; i++) rn->p[i] += c * q[i];
    }
    return HD_OK;
}

/* The unmodified Hessian failed Cholesky although its diagonal is positive.
 * When no eigenvalue is below -HD__EIG_RTOL·max|lambda| (hd_classify's
 * tolerance) the matrix is positive semidefinite up to rounding, which happens
 * when its condition number nears 1/eps (Powell badly scaled): a shift of
 * beta = 1e-3·max|h_ii| would then damp a Newton step that is fine, so the
 * shift is kept at the rounding level, max(-2 lambda_min, HD__EIG_RTOL·max|lambda|).
 * Otherwise *tau is left alone. The decomposition is cached for the
 * negative-curvature step that follows a modified direction. */
static int rounding_shift(hd__run *rn, double *tau)
{
    const int st = hd__eigen(rn);
    if (st != HD_OK) return st;
    if (!hd__negative_curvature(rn))
        *tau = fmax(-2.0 * rn->eval[0], HD__EIG_RTOL * hd__eig_scale(rn));
    return HD_OK;
}

/* Cholesky with added multiple of the identity, N&W Alg. 3.3:
 * beta = 1e-3·max(1, max|h_ii|); tau starts at 0 when the diagonal is
 * positive (the unmodified Hessian is always tried first, so a positive
 * definite Hessian keeps the quadratic convergence), else at
 * -min h_ii + beta; on failure tau <- max(2 tau, beta). Warm start: after the
 * first failure the next tau is at least a quarter of the tau the previous
 * iterate needed, which saves factorizations when the curvature changes
 * slowly (on the helical valley: 24 factorizations instead of 41, and 9
 * iterations instead of 11), yet lets tau fall as the iterates leave the
 * indefinite region. A failure that is only rounding gets a rounding-level
 * shift instead (rounding_shift). */
static int shift_fix(hd__run *rn)
{
    const size_t n = rn->n;
    double dmin = INFINITY, dmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double d = rn->h[i * n + i];
        dmin = fmin(dmin, d);
        dmax = fmax(dmax, fabs(d));
    }
    const double beta = 1e-3 * fmax(1.0, dmax);
    double tau = dmin > 0.0 ? 0.0 : -dmin + beta;
    /* At most 200 factorizations: tau at least doubles after each failure. */
    for (int k = 0; k < 200; k++) {
        memcpy(rn->work, rn->h, n * n * sizeof *rn->h);
        for (size_t i = 0; i < n; i++) rn->work[i * n + i] += tau;
        const int st = hd__cholesky(n, rn->work);
        rn->res->factorizations++;
        if (st == HD_OK) {
            neg_gradient(rn);
            const int sst = hd__cholesky_solve(n, rn->work, rn->p);
            if (sst != HD_OK) return sst;
            rn->tau = rn->tau_prev = tau;
            rn->modified = tau > 0.0;
            return HD_OK;
        }
        if (st != HD__NOT_PD) return st;
        rn->res->modifications++;
        tau = fmax(2.0 * tau, beta);
        if (k > 0) continue;
        tau = fmax(tau, 0.25 * rn->tau_prev);
        if (dmin > 0.0) {
            const int rst = rounding_shift(rn, &tau);
            if (rst != HD_OK) return rst;
        }
    }
    return HD_ELAPACK; /* unreachable for a finite Hessian: tau dominates it */
}

static int newton_direction(hd__run *rn)
{
    switch (rn->opt.hessian_fix) {
    case HD_HESSIAN_AS_IS: return as_is(rn);
    case HD_HESSIAN_EIGEN: return eigen_fix(rn);
    default: return shift_fix(rn);
    }
}

/* The Newton direction; a singular Hessian met after HD__RUNAWAY_SINGULAR
 * runaway steps ends the same divergence. */
static int direction(hd__run *rn)
{
    const int st = newton_direction(rn);
    if (st == HD_SINGULAR_HESSIAN && rn->runaway >= HD__RUNAWAY_SINGULAR) return HD_DIVERGED;
    return st;
}

/* In an indefinite region the shifted Newton step can crawl (a large shift
 * damps every direction); a step along the most negative curvature, when
 * it ends lower than the Newton step's line search did, is taken instead
 * (the spirit of Moré & Sorensen 1979). Leaves rn->p, rn->xt and *alpha,
 * *ft, *slope describing whichever step wins. */
static int prefer_negative_curvature(hd__run *rn, double *alpha, double *ft, double *slope)
{
    const size_t n = rn->n;
    int st = hd__eigen(rn);
    if (st != HD_OK) return st;
    if (!hd__negative_curvature(rn)) return 0;
    const double newton_len = *alpha * sqrt(hd__dot(n, rn->p, rn->p));
    memcpy(rn->y, rn->p, n * sizeof *rn->p); /* y is free in Newton runs */
    double a, fa, gu;
    /* A curvature step far shorter than the Newton step cannot beat it by
     * much; a few halvings decide. */
    st = hd__curvature_search(rn, newton_len, *ft, 0, 6, &a, &fa, &gu);
    if (st < 0 || st == HD__OUT_OF_EVALS) return st;
    if (st == 1) {
        *alpha = a;
        *ft = fa;
        *slope = gu;
        rn->res->curvature_steps++;
        return 0;
    }
    memcpy(rn->p, rn->y, n * sizeof *rn->p);
    hd__trial_point(rn, *alpha);
    return 0;
}


/* After a line search: the curvature step, where the shifted Newton step
 * came from a modified Hessian and saddles are to be escaped. */
static int refine(hd__run *rn, double *alpha, double *ft, double *slope)
{
    if (!rn->modified || !rn->opt.escape_saddles || rn->opt.hessian_fix != HD_HESSIAN_SHIFT) return 0;
    return prefer_negative_curvature(rn, alpha, ft, slope);
}

/* Pure Newton (the Hessian as is, or the full step) is drawn back to the
 * saddle it escaped from, so it stays and reports it. */
static int pure(const hd_options *o)
{
    return o->hessian_fix == HD_HESSIAN_AS_IS || o->line_search == HD_LINESEARCH_NONE;
}

static int escapes_saddles(const hd_options *o) { return o->hessian_fix != HD_HESSIAN_AS_IS; }

static int advice(int status, const hd_options *o)
{
    if (status == HD_SADDLE && !pure(o) && !o->escape_saddles) return HD__FOR_NO_ESCAPE;
    return pure(o) ? HD__FOR_NEWTON_FIXED : HD__FOR_NEWTON;
}

static const hd__line_search_hooks steps = {.direction = direction, .refine = refine};
const hd__method hd__newton = {
    .id = HD_NEWTON, .key = "newton", .name = "newton", .second_order = 1, .default_max_iter = 1000,
    .default_line_search = HD_LINESEARCH_BACKTRACKING, .run = hd__line_search_run, .steps = &steps,
    .escapes_saddles = escapes_saddles, .advice = advice,
};
