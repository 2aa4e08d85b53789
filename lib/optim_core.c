/* hd_minimize: counted evaluations, the line-search loop shared by gradient
 * descent, BFGS and Newton, the stationary-point decision (classify, escape
 * along negative curvature, or report a saddle), and the result. The trust
 * region has its own loop (optim_trust.c) built from the same steps. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "optim_internal.h"
#include "diff/counted.h"
#include "size_check.h"

/* ---- counted evaluations ------------------------------------------------------ */

/* The drivers pick their usual path and count every pass they make, by
 * kind, into ev->counts. */
static void eval_init(hd__eval *ev, const hd_objective *obj, long max_evals)
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

int hd__eval_gradient(hd__eval *ev, const double *x, double *f, double *g)
{
    return exhausted(ev) ? HD__OUT_OF_EVALS
                         : hd_gradient_ex(ev->obj, x, f, g, HD_PATH_AUTO, &ev->counts);
}

int hd__eval_hessian(hd__eval *ev, const double *x, double *f, double *g, double *h)
{
    return exhausted(ev) ? HD__OUT_OF_EVALS
                         : hd_hessian_ex(ev->obj, x, f, g, h, HD_PATH_AUTO, &ev->counts);
}

/* What the method needs at x: value and gradient, plus the Hessian for Newton and TR. */
static int eval_full(hd__run *rn, const double *x, double *f, double *g, double *h)
{
    return rn->second_order ? hd__eval_hessian(&rn->ev, x, f, g, h)
                            : hd__eval_gradient(&rn->ev, x, f, g);
}

/* ---- vectors ------------------------------------------------------------------- */

double hd__norm_inf(size_t n, const double *v)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double a = fabs(v[i]);
        if (a > m || isnan(a)) m = a;
        if (isnan(m)) break;
    }
    return m;
}

double hd__dot(size_t n, const double *a, const double *b)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

int hd__finite(size_t n, const double *v)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) return 0;
    return 1;
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
    for (size_t i = 0; i < n; i++) dx = fmax(dx, fabs(rn->xt[i] - rn->x[i]));
    const double xn = hd__norm_inf(n, rn->x);
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

/* Callback and trace row for the current iterate; HD_STOPPED_BY_CALLBACK or 0.
 * The trace is a ring: row k goes to slot k mod trace_cap, and
 * order_trace puts the last trace_cap rows in order at the end. */
static int report(hd__run *rn)
{
    if (rn->opt.trace_cap > 0) {
        hd_trace_row *row = &rn->opt.trace[rn->trace_rows++ % rn->opt.trace_cap];
        row->iteration = rn->iter;
        row->f = rn->f;
        row->grad_norm = rn->gnorm;
        row->step = rn->step;
        row->tau = rn->tau;
        row->counts = rn->ev.counts;
    }
    if (!rn->opt.callback) return 0;
    const hd_iteration it = {
        .iteration = rn->iter, .n = rn->n, .x = rn->x, .f = rn->f, .grad_norm = rn->gnorm,
        .step = rn->step, .dx_norm = rn->dx_norm, .tau = rn->tau, .min_eigenvalue = rn->min_eig,
        .counts = rn->ev.counts,
    };
    return rn->opt.callback(&it, rn->opt.callback_data) ? HD_STOPPED_BY_CALLBACK : 0;
}

/* ---- curvature ------------------------------------------------------------------- */

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
static int classify_current(hd__run *rn, hd_point_kind *kind)
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

/* Search along the unit eigenvector u of the most negative eigenvalue
 * lambda (rn->evec/eval must be current), signed so that gᵀu <= 0, for a step
 * a with f(x + a u) <= f + c1 (a gᵀu + a² lambda / 2) and f(x + a u) < f_beat:
 * from a0 = max(a_min, 1, ||x||_inf) halve (at most max_halvings times)
 * until one is found, then double while f keeps falling. On success (1) rn->p = ±u, rn->xt = x + a p and
 * *a, *fa, *gu (= gᵀp) describe the step; 0 when no such step exists. The
 * opposite sign is tried too when both_signs (with g ~ 0 both may descend). */
static int curvature_search(hd__run *rn, double a_min, double f_beat, int both_signs,
                            int max_halvings, double *a_out, double *f_out, double *gu_out)
{
    const size_t n = rn->n;
    const double lambda = rn->eval[0], c1 = 1e-4;
    memcpy(rn->p, rn->evec, n * sizeof *rn->p);
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

static int finish_step(hd__run *rn, double f0, double d0, double *alpha, double *ft);

/* From a stationary point with negative curvature: step along it (see
 * curvature_search). Returns 0 after moving, HD_SADDLE when f cannot be
 * decreased along it in floating point. */
static int escape_saddle(hd__run *rn)
{
    double a, fa, gu;
    int st = curvature_search(rn, 0.0, rn->f, 1, 60, &a, &fa, &gu);
    if (st < 0 || st == HD__OUT_OF_EVALS) return st;
    if (st == 0) return HD_SADDLE;
    st = finish_step(rn, rn->f, gu, &a, &fa);
    if (st) return st == HD_NONFINITE_VALUE || st == HD_NONFINITE_GRADIENT ||
                      st == HD_NONFINITE_HESSIAN ? HD_SADDLE : st;
    hd__accept(rn, fa, a);
    rn->res->saddle_escapes++;
    return 0;
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
    st = curvature_search(rn, newton_len, *ft, 0, 6, &a, &fa, &gu);
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

/* At ||g|| <= gtol without significant negative curvature (rn->eval
 * current): HD_CONVERGED when a minimum is shown (hd__minimum_shown), else
 * HD_STATIONARY; the point kind follows (minimum or degenerate). */
static int minimum_or_stationary(hd__run *rn)
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
    if (!rn->second_order) return HD_STATIONARY; /* classify_final decides later */
    hd_point_kind kind;
    const int st = classify_current(rn, &kind);
    if (st != HD_OK) return st;
    if (!hd__negative_curvature(rn)) return minimum_or_stationary(rn);
    /* Pure Newton is drawn back to the saddle it escaped from, so it reports it. */
    const int pure = rn->opt.method == HD_NEWTON && rn->opt.hessian_fix == HD_HESSIAN_AS_IS;
    if (!rn->opt.escape_saddles || pure) return HD_SADDLE;
    /* An escape is an iteration: none at the limit, which bounds the
     * escape loop of hd__iterate_checks by max_iter. */
    if (rn->iter >= rn->opt.max_iter) return HD_MAX_ITERATIONS;
    return escape_saddle(rn);
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
        int st = report(rn);
        if (st) return st;
        if (!(rn->gnorm <= rn->opt.gtol)) break;
        st = stationary(rn);
        if (st) return st;
        /* escaped: report the new iterate and test it again */
    }
    const double lim = rn->opt.divergence_limit;
    if (fabs(rn->f) > lim || hd__norm_inf(n, rn->x) > lim) return HD_DIVERGED;
    if (rn->runaway >= HD__RUNAWAY_STEPS) return HD_DIVERGED;
    if (rn->iter > 0) {
        const double df = fabs(rn->f_prev - rn->f);
        if (rn->opt.ftol > 0 && df <= rn->opt.ftol * fmax(fabs(rn->f), fabs(rn->f_prev)))
            return HD_STALLED;
        if (rn->opt.xtol > 0 && rn->dx_norm <= rn->opt.xtol * (1.0 + hd__norm_inf(n, rn->x)))
            return HD_STALLED;
    }
    if (rn->iter >= rn->opt.max_iter) return HD_MAX_ITERATIONS;
    return 0;
}

/* ---- the line-search loop ----------------------------------------------------- */

/* Derivatives at the accepted trial point. A non-finite value, gradient or
 * Hessian there does not end the run: the step is halved (keeping sufficient
 * decrease when there is a line search) until everything is finite. */
static int finish_step(hd__run *rn, double f0, double d0, double *alpha, double *ft)
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
        const int st = eval_full(rn, rn->xt, &fe, rn->gt, rn->ht);
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

/* Barzilai-Borwein step sᵀs/sᵀy from the last step pair, or 0 when there is
 * none or the curvature along it is not positive. */
static double bb_step(const hd__run *rn)
{
    if (!rn->opt.barzilai_borwein || rn->iter == 0) return 0.0;
    const double sy = hd__dot(rn->n, rn->s, rn->y), ss = hd__dot(rn->n, rn->s, rn->s);
    const double a = ss / sy;
    return sy > 0.0 && isfinite(a) ? a : 0.0;
}

static double initial_step(hd__run *rn, double alpha_prev, double slope_prev, double slope)
{
    switch (rn->opt.method) {
    case HD_GRADIENT_DESCENT:
        if (bb_step(rn) > 0.0) return bb_step(rn);
        /* N&W (3.60): expect the same first-order change as last time. */
        if (rn->iter > 0 && alpha_prev > 0) {
            const double a = alpha_prev * slope_prev / slope;
            if (a > 0 && isfinite(a)) return a;
        }
        return fmin(1.0, 1.0 / rn->gnorm);
    case HD_BFGS:
        return rn->iter == 0 ? fmin(1.0, 1.0 / rn->gnorm) : 1.0;
    default:
        return 1.0;
    }
}

static int line_search_run(hd__run *rn)
{
    const size_t n = rn->n;
    double alpha_prev = 0.0, slope_prev = 0.0;
    int bfgs_fresh = 1;
    /* Bounded by max_iter: each pass accepts a step (iter + 1) or returns,
     * and hd__iterate_checks stops at max_iter. */
    for (;;) {
        int st = hd__iterate_checks(rn);
        if (st) return st;
        switch (rn->opt.method) {
        case HD_GRADIENT_DESCENT:
            for (size_t i = 0; i < n; i++) rn->p[i] = -rn->g[i];
            break;
        case HD_BFGS:
            hd__bfgs_direction(rn);
            break;
        default:
            st = hd__newton_direction(rn);
            if (st == HD_SINGULAR_HESSIAN && rn->runaway >= HD__RUNAWAY_SINGULAR) return HD_DIVERGED;
            if (st) return st;
            break;
        }
        double slope = hd__dot(n, rn->g, rn->p);
        if (!(slope < 0.0) && rn->opt.method == HD_BFGS) {
            /* A lost descent property (rounding in the update): restart. */
            bfgs_fresh = 1;
            hd__bfgs_update(rn, NULL, NULL, 1);
            hd__bfgs_direction(rn);
            slope = hd__dot(n, rn->g, rn->p);
        }
        double alpha, ft = NAN;
        if (rn->opt.line_search == HD_LINESEARCH_NONE) {
            alpha = rn->opt.method == HD_GRADIENT_DESCENT ? rn->opt.learning_rate : 1.0;
            if (bb_step(rn) > 0.0 && rn->opt.method == HD_GRADIENT_DESCENT) alpha = bb_step(rn);
            if (hd__trial_point(rn, alpha)) return hd__failed_step_status(rn);
        } else {
            if (!(slope < 0.0)) return HD_LINESEARCH_FAILED; /* only unmodified Newton */
            alpha = initial_step(rn, alpha_prev, slope_prev, slope);
            st = rn->opt.line_search == HD_LINESEARCH_WOLFE ? hd__wolfe(rn, rn->f, slope, &alpha, &ft)
                                                            : hd__backtrack(rn, rn->f, slope, &alpha, &ft);
            if (st == HD_LINESEARCH_FAILED) return hd__failed_step_status(rn);
            if (st) return st;
        }
        if (rn->opt.method == HD_NEWTON && rn->modified && rn->opt.escape_saddles &&
            rn->opt.hessian_fix == HD_HESSIAN_SHIFT && rn->opt.line_search != HD_LINESEARCH_NONE) {
            st = prefer_negative_curvature(rn, &alpha, &ft, &slope);
            if (st) return st;
        }
        st = finish_step(rn, rn->f, slope, &alpha, &ft);
        if (st) return st;
        if (rn->opt.method != HD_NEWTON)
            for (size_t i = 0; i < n; i++) {
                rn->s[i] = rn->xt[i] - rn->x[i];
                rn->y[i] = rn->gt[i] - rn->g[i];
            }
        alpha_prev = alpha;
        slope_prev = slope;
        hd__accept(rn, ft, alpha);
        if (rn->opt.method == HD_BFGS) {
            hd__bfgs_update(rn, rn->s, rn->y, bfgs_fresh);
            bfgs_fresh = 0;
        }
    }
}

/* ---- hd_minimize ------------------------------------------------------------------ */

static int is_flag(int v) { return v == 0 || v == 1; }

static int finite_nonnegative(double v) { return v >= 0.0 && isfinite(v); }

/* Every option in its documented range (optim.h), whatever the method: an
 * option the method does not use is checked too, because a value out of
 * range there is the mark of an options struct that hd_options_default
 * never filled. NaN fails every test. */
static int options_valid(const hd_options *o)
{
    if (o->method < HD_GRADIENT_DESCENT || o->method > HD_BFGS) return 0;
    if (o->line_search < HD_LINESEARCH_NONE || o->line_search > HD_LINESEARCH_WOLFE) return 0;
    if (o->hessian_fix < HD_HESSIAN_AS_IS || o->hessian_fix > HD_HESSIAN_EIGEN) return 0;
    if (o->max_iter < 0 || o->max_evals < 0) return 0;
    if (o->trace_cap > 0 && !o->trace) return 0;
    if (!finite_nonnegative(o->gtol) || !finite_nonnegative(o->ftol) || !finite_nonnegative(o->xtol))
        return 0;
    if (!(o->learning_rate > 0.0 && isfinite(o->learning_rate))) return 0;
    if (!(o->divergence_limit > 0.0)) return 0; /* +inf: no limit */
    if (!is_flag(o->classify_final) || !is_flag(o->escape_saddles) || !is_flag(o->barzilai_borwein))
        return 0;
    /* Normal and finite radii: below DBL_MIN, ||g||/radius overflows before
     * any step is representable. */
    if (!(o->trust_radius >= DBL_MIN && o->trust_radius <= o->max_trust_radius &&
          isfinite(o->max_trust_radius)))
        return 0;
    return 1;
}

/* One allocation for every array the method uses: 8 vectors of n, and for
 * a method that needs Hessians 4 matrices of n·n and 3 more vectors (h, ht,
 * work with its 2n tail for the trust region, evec, eval); BFGS adds its
 * n·n inverse. Every size is checked, so an absurd n is HD_ENOMEM. */
static int allocate(hd__run *rn, double **block)
{
    const size_t n = rn->n;
    const int need_h = rn->second_order || rn->opt.classify_final;
    size_t nn = 0, total = 0, bytes = 0;
    if (!hd__size_mul(n, n, &nn) || !hd__size_mul(8, n, &total)) return HD_ENOMEM;
    if (need_h && !(hd__size_mul_add(4, nn, total, &total) && hd__size_mul_add(3, n, total, &total)))
        return HD_ENOMEM;
    if (rn->opt.method == HD_BFGS && !hd__size_add(total, nn, &total)) return HD_ENOMEM;
    if (!hd__size_mul(total, sizeof(double), &bytes)) return HD_ENOMEM;
    double *b = calloc(total, sizeof *b);
    if (!b) return HD_ENOMEM;
    *block = b;
    rn->x = b, b += n;
    rn->g = b, b += n;
    rn->xt = b, b += n;
    rn->gt = b, b += n;
    rn->p = b, b += n;
    rn->s = b, b += n;
    rn->y = b, b += n;
    rn->xbest = b, b += n;
    if (need_h) {
        rn->h = b, b += nn;
        rn->ht = b, b += nn;
        rn->work = b, b += nn + 2 * n;
        rn->evec = b, b += nn;
        rn->eval = b, b += n;
    }
    if (rn->opt.method == HD_BFGS) rn->binv = b;
    return HD_OK;
}

/* GD/BFGS with classify_final: one Hessian at the returned point, which
 * becomes the current iterate, classifies it; where the gradient test was
 * met there (HD_STATIONARY so far), it is a saddle, a minimum shown (one
 * more Hessian, at the Newton point) or stays stationary. */
static int classify_final(hd__run *rn, int *status)
{
    const size_t n = rn->n;
    double f;
    memcpy(rn->x, rn->xbest, n * sizeof *rn->x);
    /* Outside the budget on purpose: the caller asked for this Hessian. */
    int st = hd_hessian_ex(rn->ev.obj, rn->x, &f, rn->g, rn->h, HD_PATH_AUTO, &rn->ev.counts);
    if (st != HD_OK) return st;
    if (!hd__finite(n * n, rn->h)) return HD_OK;
    rn->eig_valid = 0;
    rn->prev_valid = 0;
    hd_point_kind kind;
    st = classify_current(rn, &kind);
    if (st != HD_OK || *status != HD_STATIONARY) return st;
    if (hd__negative_curvature(rn)) {
        *status = HD_SADDLE;
        return HD_OK;
    }
    st = minimum_or_stationary(rn);
    if (st < 0) return st;
    *status = st;
    return HD_OK;
}

/* Oldest row first: rotate the ring left by the slot of the oldest row
 * (three reversals), and say how many rows it holds. */
static void reverse_rows(hd_trace_row *a, size_t n)
{
    for (size_t i = 0; i + 1 < n - i; i++) {
        const hd_trace_row t = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = t;
    }
}

static size_t order_trace(hd_trace_row *rows, size_t cap, size_t written)
{
    if (written <= cap) return written;
    const size_t oldest = written % cap;
    reverse_rows(rows, oldest);
    reverse_rows(rows + oldest, cap - oldest);
    reverse_rows(rows, cap);
    return cap;
}

/* Writes every member, reads none: an uninitialised result is fine. */
static void init_result(hd_result *res)
{
    memset(res, 0, sizeof *res);
    res->point_kind = -1;
    res->min_eigenvalue = NAN;
    res->f = res->f_last = res->grad_norm = NAN;
}

/* Statuses that describe the iterate where the run stopped: it met the
 * gradient test, or no step from it is representable while its gradient is
 * tiny. */
static int about_last_iterate(int status)
{
    return status == HD_CONVERGED || status == HD_STATIONARY || status == HD_SADDLE ||
           status == HD_PRECISION_LIMIT;
}

/* Every status describes the returned point. The line searches and the
 * trust region only accept decreasing steps, so their last iterate is the
 * best point; fixed steps (HD_LINESEARCH_NONE) may stop at an iterate worse
 * than a point they passed. When the status is about that iterate, it is
 * returned instead (x then is not the lowest point seen, but never worse than
 * the start); when it is worse than the start, the fixed steps have left the
 * start for a worse region and settled there: HD_DIVERGED, and the best
 * point seen is returned. Returns the status for the point in rn->xbest. */
static int settle_returned_point(hd__run *rn, int status)
{
    if (!about_last_iterate(status) || rn->best_is_current) return status;
    if (!(rn->f <= rn->f0)) return HD_DIVERGED;
    memcpy(rn->xbest, rn->x, rn->n * sizeof *rn->x);
    rn->fbest = rn->f;
    rn->gbest = rn->gnorm;
    rn->best_is_current = 1;
    return status;
}

static int minimize(const hd_objective *obj, double *x, const hd_options *opt, hd_result *res)
{
    if (!hd__objective_valid(obj) || !x) return HD_EINVAL;
    hd__run run;
    memset(&run, 0, sizeof run);
    hd__run *rn = &run;
    if (opt) rn->opt = *opt;
    else hd_options_default(&rn->opt, HD_NEWTON);
    if (!options_valid(&rn->opt)) return HD_EINVAL;
    rn->res = res;
    rn->n = obj->n;
    rn->second_order = rn->opt.method == HD_NEWTON || rn->opt.method == HD_NEWTON_TRUST_REGION;
    double *block = NULL;
    int st = allocate(rn, &block);
    if (st != HD_OK) return st;
    eval_init(&rn->ev, obj, rn->opt.max_evals);
    rn->kind = -1;
    rn->min_eig = NAN;
    rn->radius = rn->opt.trust_radius;
    rn->fbest = rn->f = NAN;
    const size_t n = rn->n;
    memcpy(rn->x, x, n * sizeof *x);
    memcpy(rn->xbest, x, n * sizeof *x);

    st = eval_full(rn, rn->x, &rn->f, rn->g, rn->h);
    int status = HD_OK;
    if (st == HD_OK) {
        rn->gnorm = rn->g0norm = hd__norm_inf(n, rn->g);
        rn->fbest = rn->f0 = rn->f;
        rn->gbest = rn->gnorm;
        rn->best_is_current = 1;
        if (rn->opt.method == HD_BFGS) hd__bfgs_update(rn, NULL, NULL, 1);
        /* A NaN start is never "better": fbest stays NaN and nothing beats it,
         * but iterate_checks stops at once with a non-finite status. */
        st = rn->opt.method == HD_NEWTON_TRUST_REGION ? hd__trust_region_run(rn)
                                                      : line_search_run(rn);
    }
    if (st == HD__OUT_OF_EVALS) st = HD_MAX_EVALUATIONS;
    if (st > 0) status = settle_returned_point(rn, st);

    if (status > 0 && rn->opt.classify_final && !rn->second_order) {
        const int cst = classify_final(rn, &status);
        if (cst < 0) st = cst;
    } else if (status > 0 && rn->second_order && rn->best_is_current && rn->kind < 0 &&
               hd__finite(n * n, rn->h)) {
        /* The Hessian at the returned point is at hand: classifying it costs
         * an eigen-decomposition and no evaluation. */
        hd_point_kind kind;
        const int cst = classify_current(rn, &kind);
        if (cst < 0) st = cst;
    }
    /* The curvature of the returned point: the current iterate's, or
     * classify_final's. Its kind only where it met the gradient test: the
     * kinds are kinds of stationary point, and a Hessian with positive
     * eigenvalues does not make a point with a large gradient a minimum. */
    if (rn->best_is_current || (rn->opt.classify_final && !rn->second_order)) {
        res->min_eigenvalue = rn->min_eig;
        if (status == HD_CONVERGED || status == HD_STATIONARY || status == HD_SADDLE)
            res->point_kind = rn->kind;
    }
    res->status = st < 0 ? st : status;
    res->converged = res->status == HD_CONVERGED;
    res->iterations = rn->iter;
    res->counts = rn->ev.counts;
    res->passes = hd_counts_passes(&rn->ev.counts);
    res->f = rn->fbest;
    res->grad_norm = rn->gbest;
    res->f_last = rn->f;
    res->trace_len = order_trace(rn->opt.trace, rn->opt.trace_cap, rn->trace_rows);
    memcpy(x, rn->xbest, n * sizeof *x);
    free(block);
    return st < 0 ? st : HD_OK;
}

int hd_minimize(const hd_objective *obj, double *x, const hd_options *opt, hd_result *res)
{
    hd_result local;
    if (!res) res = &local;
    init_result(res);
    const int st = minimize(obj, x, opt, res);
    if (st < 0) {
        res->status = st;
        res->converged = 0;
    }
    return st;
}
