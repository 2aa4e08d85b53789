/* Line-search Newton, a row of the table of methods (run.c) run by the
 * line-search loop (loop.c): solve H p = -g with the Hessian made positive
 * definite by the chosen modification (or not at all, for pure Newton), and
 * in an indefinite region prefer a step along negative curvature when it
 * ends lower. The Hessian is dense, or, when its pattern is known, a band
 * (banded Cholesky) or the values of the pattern (truncated CG): see
 * choose_form. */
#include <config.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "../linalg.h"
#include "../size_check.h"
#include "../status_lines.h"
#include "../diff/counted.h"

static void neg_gradient(hd__run *rn)
{
    for (size_t i = 0; i < rn->n; i++) rn->p[i] = -rn->g[i];
}

/* Pure Newton: the symmetric indefinite solve (Bunch-Kaufman; with a band,
 * banded LU with partial pivoting) takes the Newton step whatever the
 * inertia, as the textbook method does. */
static int as_is(hd__run *rn)
{
    const size_t n = rn->n;
    neg_gradient(rn);
    int st;
    if (rn->hform == HD__HESS_BAND) {
        st = hd__band_solve(n, rn->band, rn->band_h, rn->p);
    } else {
        memcpy(rn->work, rn->h, n * n * sizeof *rn->h);
        st = hd__sym_solve(n, rn->work, rn->p);
    }
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
/* H_ii, dense or banded. */
static double diagonal(const hd__run *rn, size_t i)
{
    return rn->hform == HD__HESS_BAND ? rn->band_h[i * (rn->band + 1)] : rn->h[i * rn->n + i];
}

/* Cholesky of H + tau I into the factor's array (work, or band_l). */
static int factor_shifted(hd__run *rn, double tau)
{
    const size_t n = rn->n;
    if (rn->hform == HD__HESS_BAND) {
        const size_t ld = rn->band + 1;
        memcpy(rn->band_l, rn->band_h, ld * n * sizeof *rn->band_l);
        for (size_t i = 0; i < n; i++) rn->band_l[i * ld] += tau;
        return hd__band_cholesky(n, rn->band, rn->band_l);
    }
    memcpy(rn->work, rn->h, n * n * sizeof *rn->h);
    for (size_t i = 0; i < n; i++) rn->work[i * n + i] += tau;
    return hd__cholesky(n, rn->work);
}

static int solve_factored(hd__run *rn)
{
    neg_gradient(rn);
    return rn->hform == HD__HESS_BAND ? hd__band_cholesky_solve(rn->n, rn->band, rn->band_l, rn->p)
                                      : hd__cholesky_solve(rn->n, rn->work, rn->p);
}

static int shift_fix(hd__run *rn)
{
    const size_t n = rn->n;
    double dmin = INFINITY, dmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double d = diagonal(rn, i);
        dmin = fmin(dmin, d);
        dmax = fmax(dmax, fabs(d));
    }
    const double beta = 1e-3 * fmax(1.0, dmax);
    double tau = dmin > 0.0 ? 0.0 : -dmin + beta;
    /* At most 200 factorizations: tau at least doubles after each failure. */
    for (int k = 0; k < 200; k++) {
        const int st = factor_shifted(rn, tau);
        rn->res->factorizations++;
        if (st == HD_OK) {
            const int sst = solve_factored(rn);
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
        if (dmin > 0.0 && rn->hform == HD__HESS_DENSE) { /* the spectrum is known only densely */
            const int rst = rounding_shift(rn, &tau);
            if (rst != HD_OK) return rst;
        }
    }
    return HD_ELAPACK; /* unreachable for a finite Hessian: tau dominates it */
}

/* ---- a known pattern: a band, or values for CG ------------------------------------ */

/* The half-bandwidth of a CSR pattern: max |i - j| over its entries. */
static size_t pattern_band(const hd_sparsity *sp)
{
    size_t b = 0;
    for (size_t i = 0; i < sp->n; i++)
        for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++) {
            const size_t j = sp->col[t], d = j > i ? j - i : i - j;
            if (d > b) b = d;
        }
    return b;
}

/* How Newton holds the Hessian. With a pattern attached to the objective
 * (hess_sparsity) it is used whatever n: a band of half-bandwidth b <=
 * HD_BAND_MAX is stored as one (from the tape, which checks the band at
 * every iterate), any other pattern as its values (hd_sparse_hessian),
 * solved by truncated CG. Without one, the dense Hessian up to
 * HD_DENSE_HESSIAN_MAX_N (its eigen-decomposition serves the curvature
 * steps), and beyond it the band the tape finds at the start, if it is that
 * narrow; else dense. */
static int choose_form(hd__run *rn, const double *x)
{
    const hd_objective *obj = rn->ev.obj;
    const hd_sparsity *sp = obj->hess_sparsity;
    rn->hform = HD__HESS_DENSE;
    if (sp && sp->n == rn->n) {
        /* the attached pattern is trusted, as hd_hessian trusts it; a band
         * needs the taped body (HD_EINVAL without one) */
        const size_t b = pattern_band(sp);
        size_t found = 0;
        const int st = b <= HD_BAND_MAX ? hd__tape_bandwidth(obj, x, b, &found, &rn->ev.counts) : HD_EINVAL;
        if (st < 0 && st != HD_EINVAL) return st;
        rn->hform = st == HD_OK ? HD__HESS_BAND : HD__HESS_CSR;
        rn->band = b;
    } else if (rn->n > HD_DENSE_HESSIAN_MAX_N) {
        size_t b;
        const int st = hd__tape_bandwidth(obj, x, HD_BAND_MAX, &b, &rn->ev.counts);
        if (st < 0 && st != HD_EINVAL) return st;
        if (st == HD_OK) {
            rn->hform = HD__HESS_BAND;
            rn->band = b;
        }
    }
    if (rn->hform != HD__HESS_DENSE) rn->second_order = 0;
    return HD_OK;
}

/* Dense: nothing of its own. Band and pattern: CG's 5n (the pattern's
 * solver, and the band's when the band at an iterate is wider than at the
 * start); the pattern's values. */
static int state_size(const hd__run *rn, size_t *doubles)
{
    if (rn->hform == HD__HESS_DENSE) {
        *doubles = 0;
        return 1;
    }
    const size_t nnz = rn->hform == HD__HESS_CSR ? rn->ev.obj->hess_sparsity->nnz : 0;
    return hd__size_mul_add(5, rn->n, nnz, doubles);
}

/* y = H v with the pattern's values (after CG's 5n in the state). */
static int apply_values(hd__run *rn, const double *v, double *hv)
{
    const hd_sparsity *sp = rn->ev.obj->hess_sparsity;
    const double *values = rn->state + 5 * rn->n;
    for (size_t i = 0; i < sp->n; i++) {
        double t = 0.0;
        for (size_t q = sp->row_start[i]; q < sp->row_start[i + 1]; q++) t += values[q] * v[sp->col[q]];
        hv[i] = t;
    }
    return HD_OK;
}

/* The pattern's values at x (counted, within the budget), then truncated CG. */
static int values_direction(hd__run *rn)
{
    const hd__eval *ev = &rn->ev;
    if (ev->max_evals > 0 && ev->counts.f_calls + hd_counts_passes(&ev->counts) >= ev->max_evals)
        return HD__OUT_OF_EVALS;
    const int st = hd_sparse_hessian(ev->obj, ev->obj->hess_sparsity, rn->x, NULL, NULL,
                                     rn->state + 5 * rn->n, &rn->ev.counts);
    if (st != HD_OK) return st;
    rn->tau = 0.0;
    return hd__cg_direction(rn, apply_values);
}

/* The band at x (counted, within the budget); where it is wider than at the
 * start (the body's branches changed) or not finite, this iterate's step
 * comes from truncated CG with exact products instead. */
static int band_direction(hd__run *rn, int (*solve)(hd__run *rn))
{
    const hd__eval *ev = &rn->ev;
    if (ev->max_evals > 0 && ev->counts.f_calls + hd_counts_passes(&ev->counts) >= ev->max_evals)
        return HD__OUT_OF_EVALS;
    const int st = hd__hessian_band_taped(ev->obj, rn->x, rn->band, NULL, NULL, rn->band_h,
                                          &rn->ev.counts);
    if (st == HD__DECLINED) {
        rn->tau = 0.0;
        return hd__cg_direction(rn, hd__apply_exact);
    }
    if (st != HD_OK) return st;
    rn->curv_u = 0.0;
    return solve(rn);
}

static int newton_direction(hd__run *rn)
{
    if (rn->hform == HD__HESS_CSR) return values_direction(rn);
    if (rn->hform == HD__HESS_BAND)
        return band_direction(rn, rn->opt.hessian_fix == HD_HESSIAN_AS_IS ? as_is : shift_fix);
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
 * damps every direction): the step along the most negative curvature, when
 * it ends lower (hd__prefer_curvature). */
static int prefer_negative_curvature(hd__run *rn, double *alpha, double *ft, double *slope)
{
    const int st = hd__eigen(rn);
    if (st != HD_OK) return st;
    if (!hd__negative_curvature(rn)) return 0;
    return hd__prefer_curvature(rn, rn->evec, rn->eval[0], alpha, ft, slope);
}

/* After a line search: the curvature step, where the shifted Newton step
 * came from a modified Hessian and saddles are to be escaped; with a
 * pattern, where CG met negative curvature (its direction; a shifted band
 * has no eigenvector at hand). */
static int refine(hd__run *rn, double *alpha, double *ft, double *slope)
{
    if (!rn->modified || !rn->opt.escape_saddles) return 0;
    if (rn->curv_u < 0.0) return hd__cg_refine(rn, alpha, ft, slope);
    if (rn->hform != HD__HESS_DENSE || rn->opt.hessian_fix != HD_HESSIAN_SHIFT) return 0;
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
    .id = HD_NEWTON, .key = "newton", .name = "newton", .second_order = 1,
    .tests_minimum = 1 /* with a band or pattern */, .default_max_iter = 1000,
    .default_line_search = HD_LINESEARCH_BACKTRACKING, .choose_form = choose_form,
    .state_size = state_size, .run = hd__line_search_run, .steps = &steps,
    .escapes_saddles = escapes_saddles, .advice = advice,
};
