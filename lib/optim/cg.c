/* Truncated conjugate gradients for Newton's equation H p = -g: the step of
 * Newton-CG (line search, N&W Alg. 7.1; trust region, Steihaug-Toint, N&W
 * Alg. 7.2) and of Newton with a sparse Hessian that is no band. The
 * operator is a hook (exact Hessian-vector products from the drivers, or a
 * product with stored values), so no n·n matrix is ever formed; the
 * optional preconditioner is the user's (hd_options.preconditioner). */
#include <config.h>
#include <math.h>
#include <string.h>
#include "internal.h"

/* N&W's forcing sequence (7.3), eta = min(0.5, sqrt(||g||)), with ||g||
 * measured relative to the start's, so that it does not depend on the scale
 * of f: as written, with ||g|| in the units of f, any gradient above 1/4
 * gives eta = 1/2, CG stops after a step or two however ill-conditioned H
 * is, and on Meyer's problem (||g|| from 1e2 to 1e8) the iterates zig-zag
 * for 272 iterations to a precision limit 2.8e3 above f* (dense Newton: 202
 * to f*). Relative, eta still -> 0 like sqrt(||g||) (superlinear). */
double hd__cg_tolerance(const hd__run *rn)
{
    const double gnorm = hd__norm2(rn->n, rn->g);
    const double g0 = rn->g0norm2 > 0.0 ? rn->g0norm2 : gnorm;
    return fmin(0.5, sqrt(gnorm / g0)) * gnorm;
}

size_t hd__cg_max_iter(const hd__run *rn)
{
    if (rn->opt.cg_max_iter > 0) return (size_t)rn->opt.cg_max_iter;
    return rn->n <= ((size_t)-1) / 2 ? 2 * rn->n : rn->n;
}

int hd__apply_exact(hd__run *rn, const double *v, double *hv)
{
    return hd__eval_hessian_vector(&rn->ev, rn->x, v, hv);
}

/* precondition: CG cannot go on in floating point (rᵀy overflowed or
 * underflowed); the iterate so far is the step. precondition's other
 * returns are HD_OK, HD_EINVAL and HD_STOPPED_BY_CALLBACK, never this. */
#define CG_BREAKDOWN 1
_Static_assert(CG_BREAKDOWN != HD_OK && CG_BREAKDOWN != HD_STOPPED_BY_CALLBACK, "a code of its own");

/* y = M⁻¹ r (a copy without a preconditioner); *ry = rᵀy, which must be
 * positive for a positive definite M: a finite rᵀy <= 0 for r != 0, or a
 * NaN, is the preconditioner's fault, a bad argument (HD_EINVAL). rᵀy = inf,
 * or 0 for r != 0 without a preconditioner, is the arithmetic's:
 * CG_BREAKDOWN (the initial r has entries below 1, so only a residual
 * grown by a step along a nearly flat direction overflows). */
static int precondition(hd__run *rn, const double *r, double *y, double *ry)
{
    const size_t n = rn->n;
    if (!rn->opt.preconditioner) {
        memcpy(y, r, n * sizeof *y);
    } else if (rn->opt.preconditioner(n, rn->x, r, y, rn->opt.preconditioner_data)) {
        return HD_STOPPED_BY_CALLBACK;
    }
    *ry = hd__dot(n, r, y);
    if (*ry > 0.0 && isfinite(*ry)) return HD_OK;
    /* r = 0 gives 0 whatever M is */
    if (*ry == 0.0 && hd__norm_inf(n, r) == 0.0) return HD_OK;
    if (*ry == INFINITY || (*ry == 0.0 && !rn->opt.preconditioner)) return CG_BREAKDOWN;
    return HD_EINVAL;
}

/* tau >= 0 with ||z + tau d||_M = radius, from zMz = ||z||²_M < radius²,
 * zMd = zᵀMd and dMd = ||d||²_M > 0 (the positive root; the product form
 * avoids cancellation when zMd > 0). */
static double to_boundary(double zMz, double zMd, double dMd, double radius)
{
    const double c = (radius - sqrt(zMz)) * (radius + sqrt(zMz)); /* radius² - zMz >= 0 */
    const double disc = sqrt(zMd * zMd + dMd * fmax(c, 0.0));
    return zMd > 0.0 ? fmax(c, 0.0) / (zMd + disc) : (disc - zMd) / dMd;
}

/* The unit direction of d, signed so that gᵀu <= 0, into cg->u, with its
 * curvature dHd / ||d||². */
static void keep_negative(hd__run *rn, hd__cg *cg, double dHd)
{
    const size_t n = rn->n;
    const double dd = hd__dot(n, cg->d, cg->d), scale = 1.0 / sqrt(dd);
    const double sign = hd__dot(n, rn->g, cg->d) > 0.0 ? -scale : scale;
    for (size_t i = 0; i < n; i++) cg->u[i] = sign * cg->d[i];
    cg->negative = 1;
    cg->u_curv = dHd / dd;
}

/* CG runs on H p~ = -g~ with g~ = g / 2^k, 2^(k-1) <= ||g||_inf < 2^k, and
 * p = p~ 2^k: the products are linear, and dividing by a power of two is
 * exact, so where nothing overflows the iterates are the unscaled ones bit
 * for bit; but a gradient past 1e154, whose squared norm overflows, is no
 * failure (its rᵀr would be inf). The radius, the tolerance, the model and
 * ||p|| are scaled alike; the direction of negative curvature is a unit
 * vector and its curvature a ratio, the same either way. */
static int scaled_cg(hd__run *rn, hd__cg *cg, double *p, int k);

int hd__truncated_cg(hd__run *rn, hd__cg *cg, double *p)
{
    const size_t n = rn->n;
    const int k = hd__pow2_exponent(n, rn->g);
    const int st = scaled_cg(rn, cg, p, k);
    if (st) return st;
    for (size_t i = 0; i < n; i++) p[i] = ldexp(p[i], k);
    cg->pred = ldexp(cg->pred, 2 * k);
    cg->p_norm = ldexp(cg->p_norm, k);
    return HD_OK;
}

/* CG on g / 2^k, with the radius and the tolerance scaled alike. */
static int scaled_cg(hd__run *rn, hd__cg *cg, double *p, int k)
{
    const size_t n = rn->n;
    const double radius = ldexp(cg->radius, -k), tol = ldexp(cg->tol, -k);
    const int trust = isfinite(radius);
    double *r = cg->r, *y = cg->y, *d = cg->d, *hd = cg->hd;
    cg->negative = 0;
    cg->u_curv = 0.0;
    cg->iterations = 0;
    cg->boundary = 0;
    memset(p, 0, n * sizeof *p);
    for (size_t i = 0; i < n; i++) r[i] = ldexp(rn->g[i], -k);
    double ry;
    int st = precondition(rn, r, y, &ry);
    /* g's entries are below 1 here, so only a preconditioner's M⁻¹g can
     * overflow: its fault, as a NaN would be */
    if (st == CG_BREAKDOWN) return HD_EINVAL;
    if (st) return st;
    for (size_t i = 0; i < n; i++) d[i] = -y[i];
    /* The model m(p) = gᵀp + ½pᵀHp of the iterate p, and the M-norms the
     * trust region needs (Conn, Gould & Toint 2000, §7.5.1): zMz = ||p||²_M,
     * zMd = pᵀMd, dMd = ||d||²_M, by recurrences (M is never applied). */
    double model = 0.0, zMz = 0.0, zMd = 0.0, dMd = ry;
    /* At most max_iter products. */
    for (size_t j = 0; j < cg->max_iter; j++) {
        st = cg->apply(rn, d, hd);
        if (st) return st;
        cg->iterations++;
        const double dHd = hd__dot(n, d, hd);
        if (!isfinite(dHd) || !hd__finite(n, hd)) return HD_NONFINITE_HESSIAN;
        if (dHd <= 0.0) {
            keep_negative(rn, cg, dHd);
            if (trust) {
                /* along d to the boundary: the model falls all the way */
                const double tau = to_boundary(zMz, zMd, dMd, radius);
                for (size_t i = 0; i < n; i++) p[i] += tau * d[i];
                model += -tau * ry + 0.5 * tau * tau * dHd;
                cg->boundary = 1;
                zMz = radius * radius;
            } else if (j == 0) {
                /* N&W Alg. 7.1: the (preconditioned) steepest descent step */
                for (size_t i = 0; i < n; i++) p[i] = -y[i];
                model = -ry + 0.5 * dHd;
                zMz = dMd;
            }
            break;
        }
        const double alpha = ry / dHd;
        const double zMz_next = zMz + 2.0 * alpha * zMd + alpha * alpha * dMd;
        if (!trust && !(isfinite(alpha) && isfinite(zMz_next))) {
            /* H is so flat along d that the step overflows: stop with the
             * iterate so far, and at the first direction take the
             * (preconditioned) steepest descent step, as for d's curvature
             * <= 0 */
            if (j == 0) {
                for (size_t i = 0; i < n; i++) p[i] = -y[i];
                model = -ry + 0.5 * dHd;
                zMz = dMd;
            }
            break;
        }
        if (trust && !(zMz_next < radius * radius)) { /* NaN: overflowed, the boundary */
            const double tau = to_boundary(zMz, zMd, dMd, radius);
            for (size_t i = 0; i < n; i++) p[i] += tau * d[i];
            model += -tau * ry + 0.5 * tau * tau * dHd;
            cg->boundary = 1;
            zMz = radius * radius;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            p[i] += alpha * d[i];
            r[i] += alpha * hd[i];
        }
        model -= 0.5 * alpha * ry;
        zMz = zMz_next;
        if (sqrt(hd__dot(n, r, r)) <= tol) break;
        double ry_next;
        st = precondition(rn, r, y, &ry_next);
        if (st == CG_BREAKDOWN) break; /* p is this step's iterate, finite */
        if (st) return st;
        if (ry_next == 0.0) break; /* r = 0: p solves the system */
        const double beta = ry_next / ry;
        for (size_t i = 0; i < n; i++) d[i] = -y[i] + beta * d[i];
        zMd = beta * (zMd + alpha * dMd);
        dMd = ry_next + beta * beta * dMd;
        ry = ry_next;
    }
    cg->pred = -model;
    cg->p_norm = sqrt(fmax(zMz, 0.0));
    return HD_OK;
}

hd__cg hd__cg_setup(hd__run *rn, int (*apply)(hd__run *rn, const double *v, double *hv),
                    double radius)
{
    const size_t n = rn->n;
    hd__cg cg = {
        .apply = apply, .tol = hd__cg_tolerance(rn), .radius = radius,
        .max_iter = hd__cg_max_iter(rn), .r = rn->state, .y = rn->state + n,
        .d = rn->state + 2 * n, .hd = rn->state + 3 * n, .u = rn->state + 4 * n,
    };
    return cg;
}

int hd__cg_direction(hd__run *rn, int (*apply)(hd__run *rn, const double *v, double *hv))
{
    hd__cg cg = hd__cg_setup(rn, apply, INFINITY);
    const int st = hd__truncated_cg(rn, &cg, rn->p);
    /* Stopped by negative curvature, p is no Newton step: the line search may
     * extrapolate, and the step along the curvature is tried after it. */
    rn->modified = cg.negative;
    rn->curv_u = cg.negative ? cg.u_curv : 0.0;
    rn->cg_first_negative = cg.negative && cg.iterations == 1;
    return st;
}

/* A step along negative curvature is counted (curvature_steps) when the
 * curvature search wins, or when CG's first direction, -M⁻¹g, already had
 * negative curvature and is the step taken. */
int hd__cg_refine(hd__run *rn, double *alpha, double *ft, double *slope)
{
    if (!rn->modified) return 0;
    const long before = rn->res->curvature_steps;
    int st = 0;
    if (rn->opt.escape_saddles && rn->curv_u < 0.0)
        st = hd__prefer_curvature(rn, rn->state + 4 * rn->n, rn->curv_u, alpha, ft, slope);
    if (st == 0 && rn->res->curvature_steps == before && rn->cg_first_negative) rn->res->curvature_steps++;
    return st;
}
