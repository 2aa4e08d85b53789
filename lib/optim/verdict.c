/* The final test of a run that holds no dense Hessian at every iterate
 * (Newton-CG, L-BFGS and gradient descent with classify_final, Newton with a
 * sparse Hessian): at ||g|| <= gtol, is the point a minimum, a saddle, or
 * neither shown? Dense where n allows (core.c's test, unchanged); with a band
 * beyond, the same Newton-Kantorovich test decided by banded Cholesky
 * factorizations; otherwise nothing is claimed (HD_STATIONARY). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "../linalg.h"
#include "../diff/counted.h"

/* The dense test: one Hessian at x (outside the budget, as classify_final's:
 * the verdict needs it), its eigen-decomposition, then an escape, HD_SADDLE
 * or core.c's test of a minimum. */
static int dense_verdict(hd__run *rn, int escape)
{
    double f;
    int st = hd_hessian_ex(rn->ev.obj, rn->x, &f, NULL, rn->h, HD_PATH_AUTO, &rn->ev.counts);
    if (st != HD_OK) return st;
    if (!hd__finite(rn->n * rn->n, rn->h)) return HD_STATIONARY;
    rn->eig_valid = 0;
    rn->prev_valid = 0;
    hd_point_kind kind;
    st = hd__classify_current(rn, &kind);
    if (st != HD_OK) return st;
    if (!hd__negative_curvature(rn)) return hd__minimum_or_stationary(rn);
    return escape ? hd__escape_saddle(rn, rn->evec, rn->eval[0]) : HD_SADDLE;
}

/* y = A v for A in lower band storage of half-bandwidth b. */
static void band_apply(size_t n, size_t b, const double *ab, const double *v, double *y)
{
    const size_t ld = b + 1;
    memset(y, 0, n * sizeof *y);
    for (size_t j = 0; j < n; j++) {
        y[j] += ab[j * ld] * v[j];
        for (size_t k = 1; k <= b && j + k < n; k++) {
            const double a = ab[k + j * ld];
            y[j + k] += a * v[j];
            y[j] += a * v[j + k];
        }
    }
}

/* ||Lᵀ v||_2 = sqrt(vᵀ A v) for the band factor L of A (no cancellation). */
static double band_energy_norm(size_t n, size_t b, const double *l, const double *v)
{
    double s = 0.0;
    for (size_t j = 0; j < n; j++) {
        double t = 0.0;
        for (size_t k = 0; k <= b && j + k < n; k++) t += l[k + j * (b + 1)] * v[j + k];
        s += t * t;
    }
    return sqrt(s);
}

/* out = alpha·a + beta·c (band storage, len doubles). */
static void band_combine(size_t len, double alpha, const double *a, double beta, const double *c,
                         double *out)
{
    for (size_t i = 0; i < len; i++) out[i] = alpha * a[i] + beta * c[i];
}

/* Cholesky of the band in rn->band_w: 1 when it is positive definite. */
static int positive_definite(hd__run *rn, int *pd)
{
    const int st = hd__band_cholesky(rn->n, rn->band, rn->band_w);
    rn->res->factorizations++;
    if (st != HD_OK && st != HD__NOT_PD) return st;
    *pd = st == HD_OK;
    return HD_OK;
}

/* Inverse iterations on the band H + tau I (its factor in band_l, tau
 * making it positive definite): they converge to the eigenvector of the
 * smallest eigenvalue of H, at the rate of the gap, from a fixed start. */
#define INVERSE_ITERATIONS 30

/* H (rn->band_h) failed Cholesky: look for a witness of negative curvature,
 * a unit u with uᵀHu < -HD__EIG_RTOL·G, G = max_i Σ_j |H_ij| >= ||H||_2
 * (stricter than the dense rule, which scales by max|lambda| <= G). Found:
 * escape along it, or HD_SADDLE; not found: HD_STATIONARY (singular or
 * nearly so; nothing shown). u is kept in band_w, H u in band_z. */
static int band_negative_curvature(hd__run *rn, int escape)
{
    const size_t n = rn->n, b = rn->band, ld = b + 1, len = ld * n;
    double gersh = 0.0, dmin = INFINITY;
    double *u = rn->band_w, *hu = rn->band_z;
    for (size_t i = 0; i < n; i++) {
        double s = 0.0; /* Σ_j |H_ij| over row i of the band */
        for (size_t k = 0; k <= b; k++) {
            if (i + k < n) s += fabs(rn->band_h[k + i * ld]);
            if (k > 0 && i >= k) s += fabs(rn->band_h[k + (i - k) * ld]);
        }
        gersh = fmax(gersh, s);
        dmin = fmin(dmin, rn->band_h[i * ld]);
    }
    /* The smallest shift that factors, as Newton's (N&W Alg. 3.3): at most 200 tries. */
    const double beta = 1e-3 * fmax(gersh, DBL_MIN);
    double tau = dmin > 0.0 ? beta : -dmin + beta;
    int factored = 0;
    for (int k = 0; k < 200 && !factored; k++, tau *= 2.0) {
        memcpy(rn->band_l, rn->band_h, len * sizeof *rn->band_l);
        for (size_t j = 0; j < n; j++) rn->band_l[j * ld] += tau;
        const int st = hd__band_cholesky(n, b, rn->band_l);
        rn->res->factorizations++;
        if (st != HD_OK && st != HD__NOT_PD) return st;
        factored = st == HD_OK;
    }
    if (!factored) return HD_STATIONARY;
    for (size_t i = 0; i < n; i++) u[i] = 1.0 + (double)(i % 7) / 7.0; /* no eigenvector is orthogonal to
                                                                       it but by accident */
    for (int it = 0; it < INVERSE_ITERATIONS; it++) {
        const int st = hd__band_cholesky_solve(n, b, rn->band_l, u);
        if (st != HD_OK) return st;
        const double norm = sqrt(hd__dot(n, u, u));
        if (!(norm > 0.0 && isfinite(norm))) return HD_STATIONARY;
        for (size_t i = 0; i < n; i++) u[i] /= norm;
    }
    band_apply(n, b, rn->band_h, u, hu);
    const double lambda = hd__dot(n, u, hu);
    if (!(lambda < -HD__EIG_RTOL * gersh)) return HD_STATIONARY;
    rn->kind = HD_POINT_SADDLE;
    return escape ? hd__escape_saddle(rn, u, lambda) : HD_SADDLE;
}

int hd__band_verdict(hd__run *rn, int escape)
{
    if (!rn->band_h) return HD_STATIONARY;
    const size_t n = rn->n, b = rn->band, len = (b + 1) * n;
    double f;
    /* Outside the budget, as the dense test's Hessians. */
    int st = hd__hessian_band_taped(rn->ev.obj, rn->x, b, &f, NULL, rn->band_h, &rn->ev.counts);
    if (st == HD__DECLINED) return HD_STATIONARY; /* the band grew, or a non-finite entry */
    if (st != HD_OK) return st;
    memcpy(rn->band_l, rn->band_h, len * sizeof *rn->band_l);
    st = hd__band_cholesky(n, b, rn->band_l);
    rn->res->factorizations++;
    if (st == HD__NOT_PD) return band_negative_curvature(rn, escape);
    if (st != HD_OK) return st;
    /* The Newton step p and the second point z = x + p, as in hd__minimum_shown. */
    double *p = rn->p, *d = rn->s;
    for (size_t i = 0; i < n; i++) p[i] = -rn->g[i];
    st = hd__band_cholesky_solve(n, b, rn->band_l, p);
    if (st != HD_OK) return st;
    rn->kind = HD_POINT_DEGENERATE;
    if (hd__trial_point(rn, 1.0)) { /* x + p == x: x is the model's minimizer to rounding */
        rn->kind = HD_POINT_MINIMUM;
        return HD_CONVERGED;
    }
    st = hd__hessian_band_taped(rn->ev.obj, rn->xt, b, &f, NULL, rn->band_z, &rn->ev.counts);
    if (st == HD__DECLINED) return HD_STATIONARY;
    if (st != HD_OK) return st;
    for (size_t i = 0; i < n; i++) d[i] = rn->xt[i] - rn->x[i];
    const double p_h = band_energy_norm(n, b, rn->band_l, p), d_h = band_energy_norm(n, b, rn->band_l, d);
    if (p_h == 0.0) {
        rn->kind = HD_POINT_MINIMUM;
        return HD_CONVERGED;
    }
    if (!(d_h > 0.0)) return HD_STATIONARY;
    /* ||M||_2 <= c, M = L⁻¹ (H(z) - H(x)) L⁻ᵀ, c = 1/4 · ||z - x||_H / ||p||_H,
     * exactly when c·H(x) ∓ (H(z) - H(x)) are both positive definite (M's
     * eigenvalues are those of the pencil (H(z) - H(x), H(x))): two banded
     * Cholesky factorizations decide what the dense test reads off M's
     * spectrum. */
    const double c = HD__HESSIAN_CHANGE_MAX * d_h / p_h;
    int above = 0, below = 0;
    band_combine(len, 1.0 + c, rn->band_h, -1.0, rn->band_z, rn->band_w);
    st = positive_definite(rn, &above);
    if (st != HD_OK) return st;
    band_combine(len, c - 1.0, rn->band_h, 1.0, rn->band_z, rn->band_w);
    st = above ? positive_definite(rn, &below) : HD_OK;
    if (st != HD_OK) return st;
    if (!(above && below)) return HD_STATIONARY;
    rn->kind = HD_POINT_MINIMUM;
    return HD_CONVERGED;
}

int hd__verdict(hd__run *rn, int escape)
{
    /* The Hessians below take the thread's tape buffers, which the kept
     * recording holds: given back, they need no fresh memory (and no page
     * faults); an escape records anew at its step. */
    hd__eval_release(&rn->ev);
    if (rn->h) return dense_verdict(rn, escape);
    return hd__band_verdict(rn, escape);
}

int hd__verdict_escaping(hd__run *rn)
{
    const int escape = rn->opt.escape_saddles && rn->method->escapes_saddles &&
                       rn->method->escapes_saddles(&rn->opt);
    return hd__verdict(rn, escape);
}
