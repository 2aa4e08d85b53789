/* Trust-region Newton with the exact subproblem (Moré & Sorensen 1983;
 * Nocedal & Wright §4.3), solved on the eigen-decomposition H = Q Λ Qᵀ, so
 * ||p(lambda)||² = Σ (q_kᵀg)² / (lambda_k + lambda)² is exact and cheap, and
 * the hard case is recognised directly. Radius rules (N&W Alg. 4.1):
 * rho < 1/4 shrinks the radius to a quarter of the step, rho > 3/4 with a
 * step on the boundary doubles it; a step is taken when rho > 1e-4. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "../status_lines.h"

/* Write p = Σ coef_k q_k and the predicted reduction -(gᵀp + ½ pᵀHp). */
static void assemble(size_t n, const double *evec, const double *eval, const double *gt,
                     const double *coef, double *p, double *pred)
{
    memset(p, 0, n * sizeof *p);
    double m = 0.0;
    for (size_t k = 0; k < n; k++) {
        const double c = coef[k];
        if (c == 0.0) continue;
        m += gt[k] * c + 0.5 * eval[k] * c * c;
        for (size_t i = 0; i < n; i++) p[i] += c * evec[k * n + i];
    }
    *pred = -m;
}

/* ||p(lambda)|| with coefficients -gt_k / (eval_k + lambda). */
static double step_norm(size_t n, const double *eval, const double *gt, double lambda, double *dnorm)
{
    double s2 = 0.0, t = 0.0;
    for (size_t k = 0; k < n; k++) {
        if (gt[k] == 0.0) continue;
        const double d = eval[k] + lambda;
        const double c = gt[k] / d;
        s2 += c * c;
        t += c * c / d;
    }
    const double s = sqrt(s2);
    if (dnorm) *dnorm = s > 0.0 ? -t / s : 0.0; /* d||p||/dlambda */
    return s;
}

/* Exact solution of min gᵀp + ½pᵀHp, ||p|| <= radius, from the eigen-
 * decomposition (work: 2n); writes p and the predicted reduction. */
static int trust_subproblem(size_t n, const double *evec, const double *eval, const double *g,
                            double radius, double *p, double *pred, double *work)
{
    double *gt = work, *coef = work + n;
    double gg = 0.0, scale = 0.0;
    for (size_t k = 0; k < n; k++) {
        gt[k] = hd__dot(n, evec + k * n, g);
        gg += gt[k] * gt[k];
        scale = fmax(scale, fabs(eval[k]));
    }
    const double lam1 = eval[0];
    /* 1. The Newton step, when H is positive definite and the step fits. */
    if (lam1 > 0.0 && step_norm(n, eval, gt, 0.0, NULL) <= radius) {
        for (size_t k = 0; k < n; k++) coef[k] = -gt[k] / eval[k];
        assemble(n, evec, eval, gt, coef, p, pred);
        return HD_OK;
    }
    /* 2. The hard case: g (numerically) orthogonal to the eigenspace of lam1,
     * and the step with lambda = -lam1 inside the region. Then p is that step
     * plus the eigenvector to reach the boundary. */
    const double lo0 = fmax(0.0, -lam1);
    const double same = 1e-12 * fmax(1.0, scale);
    size_t k1 = 0;
    double g1 = 0.0;
    for (size_t k = 0; k < n && eval[k] - lam1 <= same; k++) g1 += gt[k] * gt[k];
    if (lam1 <= 0.0 && g1 <= (DBL_EPSILON * DBL_EPSILON) * fmax(gg, DBL_MIN)) {
        double s2 = 0.0;
        for (size_t k = 0; k < n; k++) {
            if (eval[k] - lam1 <= same) {
                coef[k] = 0.0;
                continue;
            }
            coef[k] = -gt[k] / (eval[k] - lam1);
            s2 += coef[k] * coef[k];
        }
        const double s = sqrt(s2);
        if (s <= radius) {
            /* sqrt(radius² - s²) without squaring a radius near DBL_MAX */
            const double t = radius * sqrt((1.0 - s / radius) * (1.0 + s / radius));
            coef[k1] = gt[k1] > 0.0 ? -t : t;
            assemble(n, evec, eval, gt, coef, p, pred);
            return HD_OK;
        }
    }
    /* 3. The boundary: ||p(lambda)|| = radius for lambda > max(0, -lam1).
     * Newton on 1/radius - 1/||p(lambda)|| (N&W Alg. 4.3), which is nearly
     * linear, safeguarded by bisection on the bracket [lo, hi]; at
     * hi = lo + ||g||/radius the step is inside the region. */
    double lo = lo0, hi = lo0 + sqrt(gg) / radius;
    if (!isfinite(hi)) {
        /* ||g||/radius overflows: p(lambda) -> -g/lambda, so the step is
         * -radius·g/||g|| to rounding (g scaled by its largest entry first,
         * as ||g||² may overflow too). */
        double gmax = 0.0, ss = 0.0;
        for (size_t k = 0; k < n; k++) gmax = fmax(gmax, fabs(gt[k]));
        for (size_t k = 0; k < n; k++) ss += (gt[k] / gmax) * (gt[k] / gmax);
        for (size_t k = 0; k < n; k++) coef[k] = -radius * (gt[k] / gmax) / sqrt(ss);
        assemble(n, evec, eval, gt, coef, p, pred);
        return HD_OK;
    }
    double lambda = lam1 > 0.0 ? 0.0 : 0.5 * (lo + hi);
    /* Bounded by its count; the bracket usually collapses in a few steps. */
    for (int it = 0; it < 200; it++) {
        double ds;
        const double s = step_norm(n, eval, gt, lambda, &ds);
        if (!isfinite(s) || s > radius) lo = lambda;
        else hi = lambda;
        if (isfinite(s) && fabs(s - radius) <= 1e-10 * radius) break;
        double next = NAN;
        if (isfinite(s) && ds < 0.0) next = lambda + (s / radius - 1.0) * s / -ds;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        if (next == lambda || hi - lo <= 4 * DBL_EPSILON * fmax(hi, DBL_MIN)) break;
        lambda = next;
    }
    if (lambda <= lo0 && lam1 <= 0.0) lambda = hi; /* never divide by eval + lambda = 0 */
    /* The loop ends on the boundary to 1e-10 or with a collapsed bracket;
     * were it to end outside the region, hi is inside (||p(hi)|| <= radius
     * holds from the start and is kept). */
    if (!(step_norm(n, eval, gt, lambda, NULL) <= (1.0 + 1e-6) * radius)) lambda = hi;
    for (size_t k = 0; k < n; k++) coef[k] = gt[k] == 0.0 ? 0.0 : -gt[k] / (eval[k] + lambda);
    assemble(n, evec, eval, gt, coef, p, pred);
    return HD_OK;
}

static double norm2(size_t n, const double *v) { return sqrt(hd__dot(n, v, v)); }

/* One trust-region iteration: solve, try, shrink until a step is accepted
 * (at most HD__TRUST_MAX_REJECTIONS trials). */
static int trust_step(hd__run *rn)
{
    const size_t n = rn->n;
    for (int k = 0; k < HD__TRUST_MAX_REJECTIONS; k++) {
        int st = hd__eigen(rn);
        if (st != HD_OK) return st;
        double pred;
        st = trust_subproblem(n, rn->evec, rn->eval, rn->g, rn->radius, rn->p, &pred, rn->work);
        if (st != HD_OK) return st;
        const double pnorm = norm2(n, rn->p);
        /* A step as long as the largest region, along a model that is
         * unbounded below (the Hessian not positive definite): if taken, a
         * step of a run that is diverging (see hd__trust_region_run). */
        const int unbounded_step = pnorm >= 0.99 * rn->opt.max_trust_radius &&
                                   !(rn->eval[0] > HD__EIG_RTOL * hd__eig_scale(rn));
        if (!(pred > 0.0) || hd__trial_point(rn, 1.0)) return hd__failed_step_status(rn);
        double ft;
        st = hd__eval_value(&rn->ev, rn->xt, &ft);
        if (st != HD_OK) return st;
        rn->res->ls_trials++;
        const double rho = hd__trust_ratio(rn, ft, pred, pnorm, pnorm >= 0.99 * rn->radius);
        if (rho > HD__TRUST_ETA) {
            st = hd__eval_hessian(&rn->ev, rn->xt, &ft, rn->gt, rn->ht);
            if (st != HD_OK) return st;
            if (isfinite(ft) && hd__finite(n, rn->gt) && hd__finite(n * n, rn->ht)) {
                const int runaway = unbounded_step ? rn->runaway + 1 : 0;
                hd__accept(rn, ft, 1.0);
                rn->runaway = runaway; /* hd__accept counts f rising, never here */
                rn->tau = rn->radius;
                return HD_OK;
            }
            rn->radius = 0.25 * fmin(rn->radius, pnorm);
        }
        rn->res->tr_rejected++;
    }
    return hd__failed_step_status(rn);
}

/* Divergence: f is decreased at every accepted step, so the runaway rule of
 * the fixed steps (f rising) never applies; instead HD__RUNAWAY_STEPS
 * consecutive accepted steps of the largest length along a model unbounded
 * below mean that f keeps falling as far as the region lets the run look:
 * hd__iterate_checks reports HD_DIVERGED, as Newton's line search does once
 * |f| passes divergence_limit. A far minimum with positive curvature is not
 * counted (its model is bounded), and a model that stops predicting well
 * shrinks the radius. */
static int trust_region_run(hd__run *rn)
{
    rn->tau = rn->radius;
    /* Bounded by max_iter: each pass accepts a step (iter + 1) or returns,
     * and hd__iterate_checks stops at max_iter. */
    for (;;) {
        /* The decomposition is needed for the step anyway; doing it first
         * lets the callback see the smallest eigenvalue of every iterate. */
        if (hd__finite(rn->n * rn->n, rn->h)) {
            const int est = hd__eigen(rn);
            if (est != HD_OK) return est;
        }
        int st = hd__iterate_checks(rn);
        if (st) return st;
        st = trust_step(rn);
        if (st) return st;
    }
}

const hd__method hd__trust_region = {
    .id = HD_NEWTON_TRUST_REGION, .key = "newton-tr", .name = "newton trust region",
    .second_order = 1, .default_max_iter = 1000, .default_line_search = HD_LINESEARCH_BACKTRACKING,
    .run = trust_region_run, .escapes_saddles = hd__escapes_always, .advice = hd__trust_region_advice,
};
