/* Line searches along x + alpha p with phi(alpha) = f(x + alpha p),
 * phi(0) = f0, phi'(0) = d0 < 0. Every trial costs ONE dual pass, which gives
 * phi and phi' together (a plain f call would give phi only):
 *  - Armijo backtracking (c1 = 1e-4) with a safeguarded interpolating step:
 *    the minimizer of the cubic Hermite interpolant of phi(0), phi'(0),
 *    phi(a), phi'(a), kept in [0.1 a, 0.5 a] (Nocedal & Wright §3.5). With
 *    phi'(a) in hand the cubic is exact for cubics, which on curved valleys
 *    saves the trials a quadratic-from-values fit wastes. When the caller
 *    says the direction comes from a modified Hessian (so the unit step has
 *    no special meaning) and phi is still falling steeply at a = 1
 *    (phi'(1) < c2 phi'(0)), the step is doubled while f keeps falling;
 *    this leaves saddle regions in a few iterations instead of dozens;
 *  - strong Wolfe (Nocedal & Wright Alg. 3.5 with zoom, Alg. 3.6),
 *    c1 = 1e-4, c2 = 0.9, cubic interpolation (N&W 3.59) in the zoom; each
 *    trial costs ONE dual pass for phi and phi' together.
 * A non-finite phi at a trial point is treated as "too far" and shrinks the
 * step; it never ends the search. */
#include <config.h>
#include <math.h>
#include "internal.h"

#define C1 1e-4
#define C2 0.9
#define MAX_TRIALS 100
#define MAX_EXTRAPOLATIONS 10

/* Minimizer of the cubic through (a, fa, da) and (b, fb, db), N&W (3.59);
 * NaN when the cubic has no minimizer. */
static double cubic_min(double a, double fa, double da, double b, double fb, double db)
{
    const double d1 = da + db - 3.0 * (fa - fb) / (a - b);
    const double disc = d1 * d1 - da * db;
    if (!(disc >= 0.0)) return NAN;
    const double d2 = copysign(sqrt(disc), b - a);
    return b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
}

/* The first trial was accepted while phi is still falling steeply: keep
 * doubling while f keeps falling and the Armijo condition holds. */
static int extrapolate(hd__run *rn, double f0, double d0, double alpha, double ft, double dt,
                       double *alpha_io, double *ft_out)
{
    /* At most MAX_EXTRAPOLATIONS doublings. */
    for (int k = 0; k < MAX_EXTRAPOLATIONS && dt < C2 * d0; k++) {
        const double a = 2.0 * alpha;
        if (hd__trial_point(rn, a)) break;
        double fa, da;
        const int st = hd__eval_directional(&rn->ev, rn->xt, rn->p, &fa, &da);
        if (st != HD_OK) return st;
        rn->res->ls_trials++;
        if (!(isfinite(fa) && fa < ft && fa <= f0 + C1 * a * d0)) break;
        alpha = a;
        ft = fa;
        dt = da;
    }
    hd__trial_point(rn, alpha);
    *alpha_io = alpha;
    *ft_out = ft;
    return HD_OK;
}

int hd__backtrack(hd__run *rn, double f0, double d0, double *alpha_io, double *ft_out)
{
    const int expand = rn->modified;
    double alpha = *alpha_io;
    /* At most MAX_TRIALS trials (then the extrapolation's). */
    for (int k = 0; k < MAX_TRIALS; k++) {
        if (hd__trial_point(rn, alpha)) return HD_LINESEARCH_FAILED;
        double ft, dt;
        const int st = hd__eval_directional(&rn->ev, rn->xt, rn->p, &ft, &dt);
        if (st != HD_OK) return st;
        rn->res->ls_trials++;
        if (isfinite(ft) && ft <= f0 + C1 * alpha * d0) {
            if (k == 0 && expand) return extrapolate(rn, f0, d0, alpha, ft, dt, alpha_io, ft_out);
            *alpha_io = alpha;
            *ft_out = ft;
            return HD_OK;
        }
        double next = isfinite(ft) ? cubic_min(0.0, f0, d0, alpha, ft, dt) : 0.1 * alpha;
        if (!(next >= 0.1 * alpha)) next = isnan(next) ? 0.5 * alpha : 0.1 * alpha;
        if (next > 0.5 * alpha) next = 0.5 * alpha;
        alpha = next;
    }
    return HD_LINESEARCH_FAILED;
}

/* phi and phi' at alpha (one dual pass); *same when x + alpha p == x. */
static int phi(hd__run *rn, double alpha, double *f, double *d, int *same)
{
    *same = hd__trial_point(rn, alpha);
    if (*same) return HD_OK;
    const int st = hd__eval_directional(&rn->ev, rn->xt, rn->p, f, d);
    rn->res->ls_trials++;
    if (st == HD_OK && !(isfinite(*f) && isfinite(*d))) *f = INFINITY;
    return st;
}

typedef struct point { double a, f, d; } point;

/* N&W Alg. 3.6: lo satisfies sufficient decrease and has the lowest phi seen;
 * the minimizer satisfying strong Wolfe lies between lo and hi. */
static int zoom(hd__run *rn, double f0, double d0, point lo, point hi, point *out)
{
    /* At most MAX_TRIALS trials. */
    for (int k = 0; k < MAX_TRIALS; k++) {
        const double width = hi.a - lo.a;
        double a = isfinite(hi.f) ? cubic_min(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d) : NAN;
        /* keep the trial inside the middle 80% of the bracket */
        const double l = lo.a + 0.1 * width, r = hi.a - 0.1 * width;
        if (!(a >= fmin(l, r) && a <= fmax(l, r))) a = lo.a + 0.5 * width;
        point t = {a, 0.0, 0.0};
        int same;
        const int st = phi(rn, a, &t.f, &t.d, &same);
        if (st != HD_OK) return st;
        if (same || a == lo.a || a == hi.a) break; /* the bracket has collapsed */
        if (t.f > f0 + C1 * a * d0 || t.f >= lo.f) {
            hi = t;
        } else {
            if (fabs(t.d) <= -C2 * d0) {
                *out = t;
                return HD_OK;
            }
            if (t.d * (hi.a - lo.a) >= 0.0) hi = lo;
            lo = t;
        }
    }
    /* No strong-Wolfe point in floating point; lo still decreases f enough. */
    if (lo.a > 0.0) {
        *out = lo;
        return HD_OK;
    }
    return HD_LINESEARCH_FAILED;
}

int hd__wolfe(hd__run *rn, double f0, double d0, double *alpha_io, double *ft_out)
{
    const double a_max = 1e10 * fmax(1.0, *alpha_io);
    point prev = {0.0, f0, d0}, cur = {*alpha_io, 0.0, 0.0}, acc;
    int st = HD_LINESEARCH_FAILED;
    /* At most MAX_TRIALS bracketing trials, then one zoom. */
    for (int k = 0; k < MAX_TRIALS; k++) {
        int same;
        const int pst = phi(rn, cur.a, &cur.f, &cur.d, &same);
        if (pst != HD_OK) return pst;
        if (same) return HD_LINESEARCH_FAILED;
        if (cur.f > f0 + C1 * cur.a * d0 || (k > 0 && cur.f >= prev.f)) {
            st = zoom(rn, f0, d0, prev, cur, &acc);
            break;
        }
        if (fabs(cur.d) <= -C2 * d0) {
            acc = cur;
            st = HD_OK;
            break;
        }
        if (cur.d >= 0.0) {
            st = zoom(rn, f0, d0, cur, prev, &acc);
            break;
        }
        if (cur.a >= a_max) { /* unbounded along p as far as we look */
            acc = cur;
            st = HD_OK;
            break;
        }
        prev = cur;
        cur.a = fmin(2.0 * cur.a, a_max);
    }
    if (st != HD_OK) return st;
    hd__trial_point(rn, acc.a);
    *alpha_io = acc.a;
    *ft_out = acc.f;
    return HD_OK;
}
