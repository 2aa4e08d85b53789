/* Levenberg-Marquardt as MINPACK's lmder (J. J. Moré, "The Levenberg-
 * Marquardt algorithm: implementation and theory", Numerical Analysis,
 * LNM 630, Springer 1978), a row of the table of methods (run.c) with its
 * own loop: a trust region of radius delta in the scaling D (the largest
 * column norms of J seen, "mode 1"), the step from the Levenberg-Marquardt
 * parameter (lmpar: Newton's method on ||D p(par)|| = delta with the bounds
 * parl, paru), the same ratio, radius and acceptance rules (factor 100,
 * rho < 1/4 shrinks, rho > 3/4 or par = 0 doubles, a step is taken when
 * rho >= 1e-4) and the same stop tests (lsq.c). Where lmder's qrsolv
 * eliminates sqrt(par) D with Givens rotations, this file factors the
 * stacked [R; sqrt(par) D P] with LAPACK's QR (lib/linalg.c): the same
 * solution and the same triangular factor up to the signs of its rows. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "../linalg.h"
#include "../status_lines.h"

#define FACTOR 100.0       /* lmder's initial radius: FACTOR·||D x0|| (FACTOR if 0) */
#define MAX_REJECTIONS 1100 /* each shrinks delta tenfold at least; about 330 reach 0 */

static double norm2(size_t n, const double *v) { return sqrt(hd__dot(n, v, v)); }

/* R_ij of J P = Q R. */
#define R_AT(ls, i, j) ((ls)->qr[(i) + (j) * (ls)->rows])

/* MINPACK's qrsolv: z minimizing ||[R; sqrt(par) D P] z - [Qᵀr; 0]|| into
 * x in the original order (x[perm[j]] = z_j), the factor S of the stacked
 * matrix left in ls->aug (leading dimension 2n). A zero diagonal entry of S
 * (possible only with par = 0 and R singular) zeroes z from there on, as
 * qrsolv does. */
static int qrsolv(hd__lsq *ls, size_t n, double sqrt_par, double *x)
{
    const size_t ld = 2 * n;
    double *a = ls->aug, *b = ls->rhs, *z = ls->w3;
    memset(a, 0, ld * n * sizeof *a);
    for (size_t j = 0; j < n; j++) {
        for (size_t i = 0; i <= j; i++) a[i + j * ld] = R_AT(ls, i, j);
        a[n + j + j * ld] = sqrt_par * ls->diag[ls->perm[j]];
        b[j] = ls->qtr[j];
        b[n + j] = 0.0;
    }
    int st = hd__qr(ld, n, a, ls->tau2);
    if (st == HD_OK) st = hd__qr_apply_qt(ld, n, a, ls->tau2, b);
    if (st != HD_OK) return st;
    size_t nsing = n;
    for (size_t j = 0; j < n && nsing == n; j++)
        if (a[j + j * ld] == 0.0) nsing = j;
    for (size_t j = 0; j < n; j++) z[j] = j < nsing ? b[j] : 0.0;
    if (nsing > 0 && (st = hd__triangular_solve(nsing, a, ld, 0, z)) != HD_OK) return st;
    for (size_t j = 0; j < n; j++) x[ls->perm[j]] = z[j];
    return HD_OK;
}

/* MINPACK's lmpar: the parameter par >= 0 and x with
 * (JᵀJ + par DᵀD) x = Jᵀr, such that par = 0 and ||D x|| <= 1.1 delta, or
 * par > 0 and | ||D x|| - delta | <= 0.1 delta (at most 10 iterations). The
 * step of the method is -x. *par is the previous value on entry. */
static int lmpar(hd__run *rn, double delta, double *par, double *x)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n, rows = ls->rows;
    const double *diag = ls->diag;
    double *wa1 = ls->w1, *wa2 = ls->w2;
    /* The Gauss-Newton direction (a least-squares solution where R has an
     * exactly zero diagonal entry). */
    size_t nsing = n;
    for (size_t j = 0; j < n; j++) {
        if (R_AT(ls, j, j) == 0.0 && nsing == n) nsing = j;
        wa1[j] = j < nsing ? ls->qtr[j] : 0.0;
    }
    int st = nsing > 0 ? hd__triangular_solve(nsing, ls->qr, rows, 0, wa1) : HD_OK;
    if (st != HD_OK) return st;
    for (size_t j = 0; j < n; j++) x[ls->perm[j]] = wa1[j];
    for (size_t j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
    double dxnorm = norm2(n, wa2), fp = dxnorm - delta;
    if (fp <= 0.1 * delta) {
        *par = 0.0;
        return HD_OK;
    }
    /* A lower bound parl from the Newton step (0 when J is rank deficient)... */
    double parl = 0.0;
    if (nsing == n) {
        for (size_t j = 0; j < n; j++) wa1[j] = diag[ls->perm[j]] * (wa2[ls->perm[j]] / dxnorm);
        if ((st = hd__triangular_solve(n, ls->qr, rows, 1, wa1)) != HD_OK) return st;
        const double t = norm2(n, wa1);
        parl = ((fp / delta) / t) / t;
    }
    /* ... an upper bound paru from ||D⁻¹ Jᵀ r||. */
    for (size_t j = 0; j < n; j++) {
        double sum = 0.0;
        for (size_t i = 0; i <= j; i++) sum += R_AT(ls, i, j) * ls->qtr[i];
        wa1[j] = sum / diag[ls->perm[j]];
    }
    const double gnorm = norm2(n, wa1);
    double paru = gnorm / delta;
    if (paru == 0.0) paru = DBL_MIN / fmin(delta, 0.1);
    double p = fmin(fmax(*par, parl), paru);
    if (p == 0.0) p = gnorm / dxnorm;
    for (int iter = 1;; iter++) {
        if (p == 0.0) p = fmax(DBL_MIN, 0.001 * paru);
        if ((st = qrsolv(ls, n, sqrt(p), x)) != HD_OK) return st;
        for (size_t j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
        dxnorm = norm2(n, wa2);
        const double fp_prev = fp;
        fp = dxnorm - delta;
        if (fabs(fp) <= 0.1 * delta || (parl == 0.0 && fp <= fp_prev && fp_prev < 0.0) || iter == 10)
            break;
        /* Newton's correction of par (S from qrsolv: Sᵀ w = D P (D x)/||D x||) */
        for (size_t j = 0; j < n; j++) wa1[j] = diag[ls->perm[j]] * (wa2[ls->perm[j]] / dxnorm);
        st = hd__triangular_solve(n, ls->aug, 2 * n, 1, wa1);
        if (st == HD__SINGULAR) break; /* not expected with par > 0 and D > 0 */
        if (st != HD_OK) return st;
        const double t = norm2(n, wa1);
        const double parc = ((fp / delta) / t) / t;
        if (fp > 0.0) parl = fmax(parl, p);
        if (fp < 0.0) paru = fmin(paru, p);
        p = fmax(parl, p + parc);
    }
    *par = p;
    return HD_OK;
}

/* ||J p|| = ||R Pᵀ p||. */
static double model_norm(const hd__lsq *ls, size_t n, const double *p, double *wa)
{
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = i; j < n; j++) s += R_AT(ls, i, j) * p[ls->perm[j]];
        wa[i] = s;
    }
    return norm2(n, wa);
}

/* The run's state between iterations: lmder's par, delta and xnorm. */
typedef struct {
    double par, delta, xnorm;
    int first; /* no step accepted yet (lmder's iter == 1) */
} lm_state;

/* One outer iteration of lmder from a factored J: trials until one is
 * accepted (0) or a test ends the run (its status or HD__STOP_*). */
static int lm_iteration(hd__run *rn, lm_state *s)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n;
    const double fnorm = sqrt(rn->f);
    for (int k = 0; k < MAX_REJECTIONS; k++) {
        int st = lmpar(rn, s->delta, &s->par, ls->w4);
        if (st != HD_OK) return st;
        for (size_t j = 0; j < n; j++) rn->p[j] = -ls->w4[j];
        const double pnorm = hd__lsq_scaled_norm(ls, rn->p);
        if (s->first) s->delta = fmin(s->delta, pnorm);
        (void)hd__trial_point(rn, 1.0);
        double ft;
        if ((st = hd__lsq_trial(rn, &ft)) != HD_OK) return st;
        const double fnorm1 = sqrt(ft); /* inf when not finite */
        const double actred = 0.1 * fnorm1 < fnorm ? 1.0 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1.0;
        const double t1 = model_norm(ls, n, rn->p, ls->w3) / fnorm;
        const double t2 = sqrt(s->par) * pnorm / fnorm;
        const double prered = t1 * t1 + t2 * t2 / 0.5, dirder = -(t1 * t1 + t2 * t2);
        const double ratio = prered != 0.0 ? actred / prered : 0.0;
        /* lmder's radius rules */
        if (ratio <= 0.25) {
            double t = actred >= 0.0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
            if (!(0.1 * fnorm1 < fnorm) || t < 0.1) t = 0.1;
            s->delta = t * fmin(s->delta, pnorm / 0.1);
            s->par /= t;
        } else if (s->par == 0.0 || ratio >= 0.75) {
            s->delta = pnorm / 0.5;
            s->par *= 0.5;
        }
        int accepted = ratio >= 1e-4, stop = 0;
        if (accepted) {
            const double xnorm = hd__lsq_scaled_norm(ls, rn->xt);
            stop = hd__lsq_stop_test(rn, actred, prered, ratio, s->delta, xnorm);
            st = hd__lsq_accept(rn, ft, 1.0, !stop);
            if (st == HD_OK) {
                s->xnorm = xnorm;
                s->first = 0;
                rn->tau = s->delta;
                return stop;
            }
            if (st != HD_NONFINITE_GRADIENT) return st;
            /* the Jacobian is not finite there: a failed trial */
            s->delta = 0.1 * fmin(s->delta, pnorm / 0.1);
            s->par /= 0.1;
            accepted = 0;
        }
        rn->res->tr_rejected++;
        stop = hd__lsq_stop_test(rn, actred, prered, ratio, s->delta, s->xnorm);
        if (stop) return stop;
    }
    return hd__failed_step_status(rn);
}

static int levenberg_marquardt_run(hd__run *rn)
{
    hd__lsq *ls = rn->own;
    lm_state s = {.first = 1};
    for (;;) {
        int st = hd__iterate_checks(rn);
        if (st) return hd__lsq_finish(rn, st);
        if ((st = hd__lsq_factor(rn, s.first)) != HD_OK) return hd__lsq_finish(rn, st);
        if (s.first) {
            s.xnorm = hd__lsq_scaled_norm(ls, rn->x);
            s.delta = s.xnorm > 0.0 ? FACTOR * s.xnorm : FACTOR;
            rn->tau = s.delta;
        }
        st = lm_iteration(rn, &s);
        if (st) return hd__lsq_finish(rn, st);
    }
}

static int advice(int status, const hd_options *o) { return hd__lsq_advice(status, o, HD__FOR_LM); }

const hd__method hd__levenberg_marquardt = {
    .id = HD_LEVENBERG_MARQUARDT, .key = "lm", .name = "levenberg-marquardt",
    .default_max_iter = 1000, .default_line_search = HD_LINESEARCH_BACKTRACKING,
    .run = levenberg_marquardt_run, .advice = advice, .defaults = hd__lsq_defaults,
    .prepare = hd__lsq_prepare, .own_bytes = hd__lsq_own_bytes,
    .dense_test_max_n = SIZE_MAX, /* the final test always dense: the Jacobian is m x n anyway */ .release = hd__lsq_release, .evaluate = hd__lsq_evaluate,
    .own_tolerances = 1, .classifies_itself = 1,
};
