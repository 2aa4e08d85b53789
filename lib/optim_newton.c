/* Newton directions: solve H p = -g with the Hessian made positive definite
 * by the chosen modification (or not at all, for pure Newton). */
#include <config.h>
#include <math.h>
#include <string.h>
#include "optim_internal.h"
#include "linalg.h"

int hd__eigen(hd__run *rn)
{
    if (rn->eig_valid) return HD_OK;
    const size_t n = rn->n;
    memcpy(rn->evec, rn->h, n * n * sizeof *rn->h);
    const int st = hd__sym_eigen(n, rn->evec, rn->eval, 1);
    rn->res->factorizations++;
    if (st != HD_OK) return st;
    rn->eig_valid = 1;
    rn->min_eig = rn->eval[0];
    return HD_OK;
}

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

int hd__newton_direction(hd__run *rn)
{
    switch (rn->opt.hessian_fix) {
    case HD_HESSIAN_AS_IS: return as_is(rn);
    case HD_HESSIAN_EIGEN: return eigen_fix(rn);
    default: return shift_fix(rn);
    }
}
