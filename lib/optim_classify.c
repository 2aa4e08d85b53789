/* hd_classify: the kind of a stationary point from its Hessian's spectrum. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "optim_internal.h"
#include "linalg.h"
#include "size_check.h"

int hd_classify(size_t n, const double *hess, double *eigenvalues, hd_point_kind *kind)
{
    if (n < 1 || !hess || !kind) return HD_EINVAL;
    size_t nn, total, bytes;
    if (!hd__size_mul(n, n, &nn) || !hd__size_add(nn, n, &total) ||
        !hd__size_mul(total, sizeof(double), &bytes))
        return HD_ENOMEM;
    for (size_t i = 0; i < nn; i++)
        if (!isfinite(hess[i])) return HD_ENONFINITE;
    double *a = malloc(bytes);
    if (!a) return HD_ENOMEM;
    double *w = a + n * n;
    /* dsyev destroys its input, and the caller's matrix is const. */
    memcpy(a, hess, n * n * sizeof *a);
    const int st = hd__sym_eigen(n, a, w, 0);
    if (st == HD_OK) {
        *kind = hd__kind_from_eigenvalues(n, w);
        if (eigenvalues) memcpy(eigenvalues, w, n * sizeof *w);
    }
    free(a);
    return st;
}

/* ---- is the stationary point a minimum? ---------------------------------------- */

/* ||Lᵀ v||_2 = sqrt(vᵀ H v) for H = L Lᵀ (L lower, column-major): the length
 * of v in the metric of H, without the cancellation of forming vᵀ H v. */
static double energy_norm(size_t n, const double *L, const double *v)
{
    double s = 0.0;
    for (size_t j = 0; j < n; j++) {
        double t = 0.0;
        for (size_t i = j; i < n; i++) t += L[i + j * n] * v[i];
        s += t * t;
    }
    return sqrt(s);
}

int hd__minimum_shown(hd__run *rn, int *shown)
{
    const size_t n = rn->n;
    double *L = rn->work, *p = rn->p, *d = rn->s;
    *shown = 0;
    memcpy(L, rn->h, n * n * sizeof *L);
    int st = hd__cholesky(n, L);
    rn->res->factorizations++;
    if (st == HD__NOT_PD) return HD_OK; /* singular to working precision */
    if (st != HD_OK) return st;
    for (size_t i = 0; i < n; i++) p[i] = -rn->g[i];
    st = hd__cholesky_solve(n, L, p);
    if (st != HD_OK) return st;
    const int have_prev = rn->prev_valid;
    if (!have_prev) {
        /* The second point is the one the model calls the minimizer. */
        if (hd__trial_point(rn, 1.0)) {
            *shown = 1; /* x + p == x: x is the model's minimizer to rounding */
            return HD_OK;
        }
        double fz;
        /* Outside the budget, as classify_final's Hessian: the verdict needs it. */
        st = hd_hessian_ex(rn->ev.obj, rn->xt, &fz, rn->gt, rn->ht, HD_PATH_AUTO, &rn->ev.counts);
        if (st != HD_OK) return st;
        if (!hd__finite(n * n, rn->ht)) return HD_OK;
    }
    for (size_t i = 0; i < n; i++) d[i] = rn->xt[i] - rn->x[i];
    const double p_h = energy_norm(n, L, p), d_h = energy_norm(n, L, d);
    if (p_h == 0.0) { /* g == 0 (to rounding in H^-1 g) and H positive definite */
        *shown = 1;
        return HD_OK;
    }
    if (!(d_h > 0.0)) return HD_OK;
    /* M = L^-1 (H(z) - H(x)) L^-T, then its 2-norm from its eigenvalues. */
    double *m = rn->ht;
    for (size_t i = 0; i < n * n; i++) m[i] -= rn->h[i];
    st = hd__congruence(n, m, L);
    if (st == HD_OK) st = hd__sym_eigen(n, m, rn->eval, 0);
    rn->eig_valid = 0; /* rn->eval now holds M's spectrum */
    rn->res->factorizations++;
    if (st != HD_OK) return st;
    const double m_norm = fmax(fabs(rn->eval[0]), fabs(rn->eval[n - 1]));
    const double ratio = m_norm * (p_h / d_h);
    *shown = ratio <= HD__HESSIAN_CHANGE_MAX;
    return HD_OK;
}
