/* Gauss-Newton with a backtracking line search, a row of the table of
 * methods (run.c) with its own loop: the step p minimizes ||r + J p||,
 * from the QR factorization of J with column pivoting (lsq.c), and the
 * line search backtracks on f = ||r||² with residual evaluations only (the
 * slope gᵀp = 2 rᵀJ p is known). A Jacobian of numerical rank below n
 * leaves the step undetermined: HD_SINGULAR_JACOBIAN (Levenberg-Marquardt
 * damps it). The stop tests are MINPACK's (lsq.c). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include "internal.h"
#include "../linalg.h"
#include "../status_lines.h"

/* Trials per line search (step halvings at least: 2^-60 is below the
 * rounding of any step). */
#define MAX_TRIALS 60
#define C1 1e-4

/* The Gauss-Newton step into rn->p from the factorization; its model's
 * decrease of f at the full step, ||Q1ᵀ r||², into *pred. 0, or
 * HD_SINGULAR_JACOBIAN when |R_kk| <= eps·max(m, n)·|R_00| for some k (the
 * rank threshold of numpy's lstsq and scipy's curve_fit). */
static int gauss_newton_step(hd__run *rn, double *pred)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n, rows = ls->rows;
    const double tol = DBL_EPSILON * (double)rows * fabs(ls->qr[0]);
    double *z = ls->w1, s = 0.0;
    for (size_t k = 0; k < n; k++) {
        if (!(fabs(ls->qr[k + k * rows]) > tol)) return HD_SINGULAR_JACOBIAN;
        z[k] = ls->qtr[k];
        s += z[k] * z[k];
    }
    const int st = hd__triangular_solve(n, ls->qr, rows, 0, z);
    if (st == HD__SINGULAR) return HD_SINGULAR_JACOBIAN;
    if (st != HD_OK) return st;
    for (size_t j = 0; j < n; j++) rn->p[ls->perm[j]] = -z[j];
    *pred = s;
    return 0;
}

/* A backtracking step along rn->p: accept the first trial with sufficient
 * decrease (any finite one with the full step of HD_LINESEARCH_NONE);
 * shrink by the safeguarded quadratic interpolation, by 10 (search) or 2
 * (fixed step) at a non-finite one. The MINPACK tests may end the run at
 * the accepted point before its Jacobian is computed. 0 after a step. */
static int search(hd__run *rn, double pred, double slope)
{
    hd__lsq *ls = rn->own;
    const int fixed = rn->opt.line_search == HD_LINESEARCH_NONE;
    const double f = rn->f;
    double alpha = 1.0;
    for (int k = 0; k < MAX_TRIALS; k++) {
        if (hd__trial_point(rn, alpha)) return hd__failed_step_status(rn);
        double ft;
        int st = hd__lsq_trial(rn, &ft);
        if (st != HD_OK) return st;
        if (isfinite(ft) && (fixed || ft <= f + C1 * alpha * slope)) {
            const double actred = f > 0.0 ? (f - ft) / f : 0.0;
            const double prered = f > 0.0 ? alpha * (2.0 - alpha) * pred / f : 0.0;
            const double ratio = prered != 0.0 ? actred / prered : 0.0;
            const double step = fabs(alpha) * hd__lsq_scaled_norm(ls, rn->p);
            const int stop = hd__lsq_stop_test(rn, actred, prered, ratio, step,
                                               hd__lsq_scaled_norm(ls, rn->xt));
            st = hd__lsq_accept(rn, ft, alpha, !stop);
            if (st == HD_OK) return stop;
            if (st != HD_NONFINITE_GRADIENT) return st;
            alpha *= 0.5; /* the Jacobian is not finite there: shorter */
            continue;
        }
        if (!isfinite(ft)) alpha *= fixed ? 0.5 : 0.1;
        else {
            /* minimizer of the quadratic through phi(0), phi'(0), phi(alpha) */
            const double q = -slope * alpha * alpha / (2.0 * (ft - f - slope * alpha));
            alpha = fmin(0.5 * alpha, fmax(0.1 * alpha, q));
        }
    }
    return fixed ? HD_NONFINITE_VALUE : hd__failed_step_status(rn);
}

static int gauss_newton_run(hd__run *rn)
{
    for (int first = 1;; first = 0) {
        int st = hd__iterate_checks(rn);
        if (st) return hd__lsq_finish(rn, st);
        st = hd__lsq_factor(rn, first);
        double pred = 0.0;
        if (st == HD_OK) st = gauss_newton_step(rn, &pred);
        if (st) return hd__lsq_finish(rn, st);
        const double slope = hd__dot(rn->n, rn->g, rn->p);
        st = slope < 0.0 ? search(rn, pred, slope) : hd__failed_step_status(rn);
        if (st) return hd__lsq_finish(rn, st);
    }
}

static int advice(int status, const hd_options *o)
{
    return hd__lsq_advice(status, o,
                          o->line_search == HD_LINESEARCH_NONE ? HD__FOR_GN_FIXED : HD__FOR_GN);
}

const hd__method hd__gauss_newton = {
    .id = HD_GAUSS_NEWTON, .key = "gn", .name = "gauss-newton", .default_max_iter = 1000,
    .default_line_search = HD_LINESEARCH_BACKTRACKING, .run = gauss_newton_run, .advice = advice,
    .defaults = hd__lsq_defaults, .prepare = hd__lsq_prepare, .own_bytes = hd__lsq_own_bytes,
    .dense_test_max_n = SIZE_MAX, /* the final test always dense: the Jacobian is m x n anyway */ .release = hd__lsq_release,
    .evaluate = hd__lsq_evaluate, .own_tolerances = 1, .classifies_itself = 1,
};
