/* The optimizer's shared steps, below every method: counted evaluations,
 * vectors, accepting a step, the trace and callback, curvature (the eigen-
 * decomposition, classification, escaping a saddle), the checks at the top
 * of every iteration and the test that a stationary point is a minimum.
 * The loops (loop.c, trust.c) and the methods (gd.c, newton.c, bfgs.c) are
 * built from these; the run and the table of methods are in run.c. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "internal.h"
#include "../linalg.h"
#include "../diff/counted.h"
#include "../size_check.h"
#include "../status_lines.h"

/* ---- counted evaluations ------------------------------------------------------ */

/* The drivers pick their usual path and count every pass they make, by
 * kind, into ev->counts. */
void hd__eval_init(hd__eval *ev, const hd_objective *obj, long max_evals)
{
    memset(ev, 0, sizeof *ev);
    ev->obj = obj;
    ev->max_evals = max_evals;
}

/* The budget is checked before each evaluation, so a run stops at most one
 * evaluation (a gradient or Hessian: several passes) beyond max_evals. */
static int exhausted(const hd__eval *ev)
{
    return ev->max_evals > 0
           && ev->counts.f_calls + hd_counts_passes(&ev->counts) >= ev->max_evals;
}

int hd__eval_value(hd__eval *ev, const double *x, double *f)
{
    return exhausted(ev) ? HD__OUT_OF_EVALS : hd_value_ex(ev->obj, x, f, &ev->counts);
}

int hd__eval_directional(hd__eval *ev, const double *x, const double *v, double *f, double *dv)
{
    return exhausted(ev) ? HD__OUT_OF_EVALS
                         : hd__directional_counted(ev->obj, x, v, f, dv, &ev->counts);
}

void hd__eval_release(hd__eval *ev)
{
    hd__tape_session_close(ev->tape);
    ev->tape = NULL;
}

/* With keep_tape, from n > HD_LANES on (where the gradient's path is the
 * tape), the recording of the gradient is kept for the products at x. */
int hd__eval_gradient(hd__eval *ev, const double *x, double *f, double *g)
{
    if (exhausted(ev)) return HD__OUT_OF_EVALS;
    if (ev->keep_tape && ev->obj->n > HD_LANES) {
        hd__eval_release(ev);
        const int st = hd__tape_session_open(ev->obj, x, f, g, &ev->tape, &ev->counts);
        if (st != HD__DECLINED && st != HD_EINVAL) return st;
    }
    return hd_gradient_ex(ev->obj, x, f, g, HD_PATH_AUTO, &ev->counts);
}

int hd__eval_hessian(hd__eval *ev, const double *x, double *f, double *g, double *h)
{
    return exhausted(ev) ? HD__OUT_OF_EVALS
                         : hd_hessian_ex(ev->obj, x, f, g, h, HD_PATH_AUTO, &ev->counts);
}

/* Residuals alone (one plain evaluation, an f_call) and residuals with the
 * Jacobian (its passes by kind): least squares counts each kind of
 * evaluation too, and both count against max_evals through their passes. */
int hd__eval_residuals(hd__eval *ev, const hd_vector_objective *F, const double *x, double *r)
{
    if (exhausted(ev)) return HD__OUT_OF_EVALS;
    const int st = hd_vector_value_ex(F, x, r, &ev->counts);
    if (st == HD_OK) ev->residuals++;
    return st;
}

int hd__eval_jacobian(hd__eval *ev, const hd_vector_objective *F, const double *x, double *r,
                      double *jac)
{
    if (exhausted(ev)) return HD__OUT_OF_EVALS;
    const int st = hd_jacobian_ex(F, x, r, jac, HD_PATH_AUTO, &ev->counts);
    if (st == HD_OK) ev->jacobians++;
    return st;
}

int hd__eval_hessian_vector(hd__eval *ev, const double *x, const double *v, double *hv)
{
    if (exhausted(ev)) return HD__OUT_OF_EVALS;
    ev->hv_products++;
    if (ev->tape && hd__tape_session_hv(ev->tape, x, v, hv, &ev->counts) == HD_OK) return HD_OK;
    return hd_hessian_vector_ex(ev->obj, x, v, NULL, NULL, hv, HD_PATH_AUTO, &ev->counts);
}

/* What the method needs at x: value and gradient, plus the Hessian for Newton and TR;
 * least squares evaluates its residuals and Jacobian instead (its row's evaluate). */
int hd__eval_full(hd__run *rn, const double *x, double *f, double *g, double *h)
{
    if (rn->second_order) return hd__eval_hessian(&rn->ev, x, f, g, h);
    return rn->method->evaluate ? rn->method->evaluate(rn, x, f, g)
                                : hd__eval_gradient(&rn->ev, x, f, g);
}

/* ---- vectors ------------------------------------------------------------------- */

/* NaN when an entry is NaN; the loop has no branch, so that it vectorises
 * (at n = 10 000 it ran at every accepted step). */
double hd__norm_inf(size_t n, const double *v)
{
    double m = 0.0;
    int nan = 0;
    for (size_t i = 0; i < n; i++) {
        const double a = fabs(v[i]);
        m = a > m ? a : m;
        nan |= a != a;
    }
    return nan ? NAN : m;
}

int hd__pow2_exponent(size_t n, const double *v)
{
    const double m = hd__norm_inf(n, v);
    int k = 0;
    if (m > 0.0 && isfinite(m)) (void)frexp(m, &k);
    /* 2^k and 2^-k both finite and normal */
    return k < -1000 ? -1000 : k > 1000 ? 1000 : k;
}

double hd__norm2(size_t n, const double *v)
{
    const int k = hd__pow2_exponent(n, v);
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double a = ldexp(v[i], -k);
        s += a * a;
    }
    return ldexp(sqrt(s), k);
}

double hd__dot(size_t n, const double *a, const double *b)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

/* v[i]·0 is NaN exactly when v[i] is not finite; the sum has no branch, so
 * that it vectorises (it checks every gradient and Hessian). */
int hd__finite(size_t n, const double *v)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += v[i] * 0.0;
    return s == 0.0;
}

int hd__trial_point(hd__run *rn, double alpha)
{
    int same = 1;
    rn->prev_valid = 0;
    for (size_t i = 0; i < rn->n; i++) {
        rn->xt[i] = rn->x[i] + alpha * rn->p[i];
        if (rn->xt[i] != rn->x[i]) same = 0;
    }
    return same;
}

/* ---- iterate bookkeeping --------------------------------------------------------- */

static void swap_ptr(double **a, double **b)
{
    double *t = *a;
    *a = *b;
    *b = t;
}

void hd__accept(hd__run *rn, double ft, double step)
{
    const size_t n = rn->n;
    double dx = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double d = fabs(rn->xt[i] - rn->x[i]);
        dx = d > dx ? d : dx;
    }
    const double xn = ft > rn->f ? hd__norm_inf(n, rn->x) : 0.0; /* only a rise can run away */
    const int away = ft > rn->f && xn > 0.0 && hd__norm_inf(n, rn->xt) >= 2.0 * xn;
    rn->runaway = away ? rn->runaway + 1 : 0;
    swap_ptr(&rn->x, &rn->xt);
    swap_ptr(&rn->g, &rn->gt);
    if (rn->second_order) swap_ptr(&rn->h, &rn->ht);
    rn->prev_valid = rn->second_order;
    rn->f_prev = rn->f;
    rn->f = ft;
    rn->gnorm = hd__norm_inf(n, rn->g);
    rn->iter++;
    rn->step = step;
    rn->dx_norm = dx;
    rn->eig_valid = 0;
    rn->kind = -1;
    rn->min_eig = NAN;
    /* Ties go to the newer iterate: at the precision floor an accepted step
     * may leave f unchanged while the gradient improves. */
    if (ft <= rn->fbest) {
        memcpy(rn->xbest, rn->x, n * sizeof *rn->x);
        rn->fbest = ft;
        rn->gbest = rn->gnorm;
        rn->best_is_current = 1;
    } else {
        rn->best_is_current = 0;
    }
}

/* The trace is a ring: row k goes to slot k mod trace_cap, and
 * order_trace puts the last trace_cap rows in order at the end. */
int hd__report(hd__run *rn)
{
    if (rn->opt.trace_cap > 0) {
        hd_trace_row *row = &rn->opt.trace[rn->trace_rows++ % rn->opt.trace_cap];
        row->iteration = rn->iter;
        row->f = rn->f;
        row->grad_norm = rn->gnorm;
        row->step = rn->step;
        row->tau = rn->tau;
        row->counts = rn->ev.counts;
        row->jacobian_evals = rn->ev.jacobians;
        row->residual_evals = rn->ev.residuals;
        row->hv_products = rn->ev.hv_products;
    }
    if (!rn->opt.callback) return 0;
    const hd_iteration it = {
        .iteration = rn->iter, .n = rn->n, .x = rn->x, .f = rn->f, .grad_norm = rn->gnorm,
        .step = rn->step, .dx_norm = rn->dx_norm, .tau = rn->tau, .min_eigenvalue = rn->min_eig,
        .counts = rn->ev.counts, .jacobian_evals = rn->ev.jacobians,
        .residual_evals = rn->ev.residuals, .hv_products = rn->ev.hv_products,
    };
    return rn->opt.callback(&it, rn->opt.callback_data) ? HD_STOPPED_BY_CALLBACK : 0;
}

/* ---- curvature ------------------------------------------------------------------- */

/* Eigen-decomposition of rn->h, cached per iterate. */
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

hd_point_kind hd__kind_from_eigenvalues(size_t n, const double *w)
{
    double scale = 0.0;
    for (size_t i = 0; i < n; i++) scale = fmax(scale, fabs(w[i]));
    const double zero = HD__EIG_RTOL * scale;
    size_t pos = 0, neg = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] > zero) pos++;
        else if (w[i] < -zero) neg++;
    }
    if (pos == n) return HD_POINT_MINIMUM;
    if (neg == n) return HD_POINT_MAXIMUM;
    if (pos && neg) return HD_POINT_SADDLE;
    return HD_POINT_DEGENERATE;
}

/* Classify the current iterate by its Hessian (no evaluations). */
int hd__classify_current(hd__run *rn, hd_point_kind *kind)
{
    const int st = hd__eigen(rn);
    if (st != HD_OK) return st;
    rn->min_eig = rn->eval[0];
    *kind = hd__kind_from_eigenvalues(rn->n, rn->eval);
    rn->kind = (int)*kind;
    return HD_OK;
}

double hd__eig_scale(const hd__run *rn)
{
    double scale = 0.0;
    for (size_t i = 0; i < rn->n; i++) scale = fmax(scale, fabs(rn->eval[i]));
    return scale;
}

int hd__negative_curvature(const hd__run *rn)
{
    return rn->eval[0] < -HD__EIG_RTOL * hd__eig_scale(rn);
}

/* Search along the unit vector u of curvature lambda = uᵀHu < 0 (the
 * eigenvector of the most negative eigenvalue, or a direction CG met),
 * signed so that gᵀu <= 0, for a step
 * a with f(x + a u) <= f + c1 (a gᵀu + a² lambda / 2) and f(x + a u) < f_beat:
 * from a0 = max(a_min, 1, ||x||_inf) halve (at most max_halvings times)
 * until one is found, then double while f keeps falling. On success (1) rn->p = ±u, rn->xt = x + a p and
 * *a, *fa, *gu (= gᵀp) describe the step; 0 when no such step exists. The
 * opposite sign is tried too when both_signs (with g ~ 0 both may descend). */
int hd__curvature_search(hd__run *rn, const double *u, double lambda, double a_min, double f_beat,
                         int both_signs, int max_halvings, double *a_out, double *f_out,
                         double *gu_out)
{
    const size_t n = rn->n;
    const double c1 = 1e-4;
    memcpy(rn->p, u, n * sizeof *rn->p);
    if (hd__dot(n, rn->g, rn->p) > 0.0)
        for (size_t i = 0; i < n; i++) rn->p[i] = -rn->p[i];
    /* At most 2 signs × 60 trials (halvings, then doublings). */
    for (int sign = 0; sign < (both_signs ? 2 : 1); sign++) {
        if (sign)
            for (size_t i = 0; i < n; i++) rn->p[i] = -rn->p[i];
        const double gu = hd__dot(n, rn->g, rn->p);
        double a = fmax(a_min, fmax(1.0, hd__norm_inf(n, rn->x))), best_a = 0.0, best_f = f_beat;
        for (int k = 0, halvings = 0; k < 60 && halvings <= max_halvings; k++) {
            if (hd__trial_point(rn, a)) break;
            double fa;
            const int st = hd__eval_value(&rn->ev, rn->xt, &fa);
            if (st != HD_OK) return st;
            rn->res->ls_trials++;
            if (isfinite(fa) && fa < best_f && fa <= rn->f + c1 * (a * gu + 0.5 * a * a * lambda)) {
                best_a = a;
                best_f = fa;
                a *= 2.0;
            } else if (best_a > 0.0) {
                break;
            } else {
                a *= 0.5;
                halvings++;
            }
        }
        if (best_a > 0.0) {
            hd__trial_point(rn, best_a);
            *a_out = best_a;
            *f_out = best_f;
            *gu_out = gu;
            return 1;
        }
    }
    return 0;
}

/* In an indefinite region the Newton step (shifted, or truncated by CG) can
 * crawl; a step along a direction u of negative curvature lambda, when it
 * ends lower than the line search along p did, is taken instead (the spirit
 * of Moré & Sorensen 1979). Leaves rn->p, rn->xt and *alpha, *ft, *slope
 * describing whichever step wins; rn->y is overwritten (free in the methods
 * that call this). */
int hd__prefer_curvature(hd__run *rn, const double *u, double lambda, double *alpha, double *ft,
                         double *slope)
{
    const size_t n = rn->n;
    const double step_len = *alpha * sqrt(hd__dot(n, rn->p, rn->p));
    memcpy(rn->y, rn->p, n * sizeof *rn->p);
    double a, fa, gu;
    /* A curvature step far shorter than the step found cannot beat it by
     * much; a few halvings decide. */
    const int st = hd__curvature_search(rn, u, lambda, step_len, *ft, 0, 6, &a, &fa, &gu);
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

/* The trust region's ratio rho of the actual to the predicted decrease of a
 * step of length pnorm, and the radius rules of N&W Alg. 4.1: rho < 1/4
 * shrinks the radius to a quarter of the step, rho > 3/4 with a step on the
 * boundary doubles it (up to max_trust_radius). A predicted decrease below
 * the rounding of f makes rho noise; a step that does not increase f is then
 * as good as it gets (rho = 1/2). */
double hd__trust_ratio(hd__run *rn, double ft, double pred, double pnorm, int boundary)
{
    double rho = isfinite(ft) ? (rn->f - ft) / pred : -INFINITY;
    if (pred <= 8 * DBL_EPSILON * fabs(rn->f) && ft <= rn->f) rho = 0.5;
    if (!(rho >= 0.25)) rn->radius = 0.25 * fmin(rn->radius, pnorm); /* NaN rho too */
    else if (rho > 0.75 && boundary) rn->radius = fmin(2.0 * rn->radius, rn->opt.max_trust_radius);
    return rho;
}

/* From a stationary point with negative curvature: step along it (see
 * curvature_search). Returns 0 after moving, HD_SADDLE when f cannot be
 * decreased along it in floating point. An escape is an iteration: none at
 * the limit, which bounds the escape loop of hd__iterate_checks by max_iter. */
int hd__escape_saddle(hd__run *rn, const double *u, double lambda)
{
    if (rn->iter >= rn->opt.max_iter) return HD_MAX_ITERATIONS;
    double a, fa, gu;
    int st = hd__curvature_search(rn, u, lambda, 0.0, rn->f, 1, 60, &a, &fa, &gu);
    if (st < 0 || st == HD__OUT_OF_EVALS) return st;
    if (st == 0) return HD_SADDLE;
    st = hd__finish_step(rn, rn->f, gu, &a, &fa);
    if (st) return st == HD_NONFINITE_VALUE || st == HD_NONFINITE_GRADIENT ||
                      st == HD_NONFINITE_HESSIAN ? HD_SADDLE : st;
    hd__accept(rn, fa, a);
    rn->res->saddle_escapes++;
    return 0;
}

/* At ||g|| <= gtol without significant negative curvature (rn->eval
 * current): HD_CONVERGED when a minimum is shown (hd__minimum_shown), else
 * HD_STATIONARY; the point kind follows (minimum or degenerate). */
int hd__minimum_or_stationary(hd__run *rn)
{
    int shown;
    const int st = hd__minimum_shown(rn, &shown);
    if (st != HD_OK) return st;
    rn->kind = shown ? HD_POINT_MINIMUM : HD_POINT_DEGENERATE;
    return shown ? HD_CONVERGED : HD_STATIONARY;
}

/* At ||g|| <= gtol: HD_CONVERGED, HD_STATIONARY, HD_SADDLE, 0 after an
 * escape (keep iterating), or an error / limit code. */
static int stationary(hd__run *rn)
{
    /* Without a Hessian at every iterate: the method's final test, or none
     * (GD and BFGS: classify_final decides later). */
    if (!rn->second_order) return rn->at_stationary ? rn->at_stationary(rn) : HD_STATIONARY;
    hd_point_kind kind;
    const int st = hd__classify_current(rn, &kind);
    if (st != HD_OK) return st;
    if (!hd__negative_curvature(rn)) return hd__minimum_or_stationary(rn);
    if (!rn->opt.escape_saddles || !rn->method->escapes_saddles(&rn->opt)) return HD_SADDLE;
    return hd__escape_saddle(rn, rn->evec, rn->eval[0]);
}

int hd__failed_step_status(const hd__run *rn)
{
    /* "Tiny" is relative to the start, so that the test does not depend on
     * the scale of f: the gradient has shrunk by a factor 1e8 already. */
    const double tiny = sqrt(DBL_EPSILON) * fmax(1.0, rn->g0norm);
    return rn->gnorm <= tiny ? HD_PRECISION_LIMIT : HD_LINESEARCH_FAILED;
}

/* Checks at the top of every iteration, in the order that makes the status
 * honest: a non-finite iterate first, then the gradient test (which may still
 * escape a saddle), then divergence, stalling and the iteration limit.
 * Returns 0 to take another step. */
int hd__iterate_checks(hd__run *rn)
{
    const size_t n = rn->n;
    if (!isfinite(rn->f)) return HD_NONFINITE_VALUE;
    if (!hd__finite(n, rn->g)) return HD_NONFINITE_GRADIENT;
    if (rn->second_order && !hd__finite(n * n, rn->h)) return HD_NONFINITE_HESSIAN;
    /* Bounded by max_iter: each pass returns or escapes (iter + 1, only
     * below max_iter; see stationary). */
    for (;;) {
        int st = hd__report(rn);
        if (st) return st;
        if (!(rn->gnorm <= rn->opt.gtol)) break;
        st = stationary(rn);
        if (st) return st;
        /* escaped: report the new iterate and test it again */
    }
    const double lim = rn->opt.divergence_limit;
    if (fabs(rn->f) > lim || hd__norm_inf(n, rn->x) > lim) return HD_DIVERGED;
    if (rn->runaway >= HD__RUNAWAY_STEPS) return HD_DIVERGED;
    if (rn->iter > 0 && !rn->method->own_tolerances) {
        const double df = fabs(rn->f_prev - rn->f);
        if (rn->opt.ftol > 0 && df <= rn->opt.ftol * fmax(fabs(rn->f), fabs(rn->f_prev)))
            return HD_STALLED;
        if (rn->opt.xtol > 0 && rn->dx_norm <= rn->opt.xtol * (1.0 + hd__norm_inf(n, rn->x)))
            return HD_STALLED;
    }
    if (rn->iter >= rn->opt.max_iter) return HD_MAX_ITERATIONS;
    return 0;
}

/* ---- the end of a step ---------------------------------------------------------- */

/* Derivatives at the accepted trial point. A non-finite value, gradient or
 * Hessian there does not end the run: the step is halved (keeping sufficient
 * decrease when there is a line search) until everything is finite. */
int hd__finish_step(hd__run *rn, double f0, double d0, double *alpha, double *ft)
{
    const size_t n = rn->n;
    const int fixed = rn->opt.line_search == HD_LINESEARCH_NONE;
    int bad = HD_NONFINITE_VALUE;
    /* At most 80 halvings (2^-80 of the step: below the rounding of x). */
    for (int k = 0; k < 80; k++) {
        if (k > 0) {
            *alpha *= 0.5;
            if (hd__trial_point(rn, *alpha)) break;
            rn->res->ls_trials++;
        }
        double fe;
        const int st = hd__eval_full(rn, rn->xt, &fe, rn->gt, rn->ht);
        if (st != HD_OK) return st;
        if (!isfinite(fe)) bad = HD_NONFINITE_VALUE;
        else if (!hd__finite(n, rn->gt)) bad = HD_NONFINITE_GRADIENT;
        else if (rn->second_order && !hd__finite(n * n, rn->ht)) bad = HD_NONFINITE_HESSIAN;
        else if (fixed || fe <= f0 + 1e-4 * *alpha * d0) {
            *ft = fe;
            return HD_OK;
        }
    }
    return bad;
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

/* ---- small pieces of the rows ------------------------------------------------------ */

int hd__escapes_always(const hd_options *o)
{
    (void)o;
    return 1;
}

int hd__trust_region_advice(int status, const hd_options *o)
{
    return status == HD_SADDLE && !o->escape_saddles ? HD__FOR_NO_ESCAPE : HD__FOR_TRUST_REGION;
}
