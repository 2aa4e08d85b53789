/* Truncated Newton with exact Hessian-vector products: two rows of the
 * table of methods (run.c).
 *  - HD_NEWTON_CG, line search (N&W Alg. 7.1): CG on H p = -g to the
 *    forcing tolerance min(0.5, sqrt||g||)·||g||, stopped by negative
 *    curvature; the line-search loop (loop.c) then searches along p, and
 *    along the direction of negative curvature CG met when that ends lower.
 *  - HD_NEWTON_CG_TRUST_REGION (Steihaug-Toint, N&W Alg. 7.2): the same CG
 *    stopped at the trust region's boundary, where negative curvature takes
 *    the step; the radius rules of the trust region (trust.c).
 * Each product is one call of the drivers' H·v (one taped pass and one
 * sweep on the tape). No n·n array is formed; at ||g|| <= gtol the final
 * test (verdict.c) decides what the point is. */
#include <config.h>
#include <math.h>
#include "internal.h"
#include "../size_check.h"
#include "../status_lines.h"

/* The state: CG's residual, preconditioned residual, direction, product,
 * and the direction of negative curvature: 5n doubles. */
static int state_size(const hd__run *rn, size_t *doubles) { return hd__size_mul(5, rn->n, doubles); }

/* ---- line search: the CG step (cg.c), then the line-search loop ------------- */

static int direction(hd__run *rn) { return hd__cg_direction(rn, hd__apply_exact); }

static int advice_ls(int status, const hd_options *o)
{
    return status == HD_SADDLE && !o->escape_saddles ? HD__FOR_NO_ESCAPE : HD__FOR_NEWTON;
}

static const hd__line_search_hooks steps = {.direction = direction, .refine = hd__cg_refine};
const hd__method hd__newton_cg = {
    .id = HD_NEWTON_CG, .key = "newton-cg", .name = "newton-cg", .keeps_tape = 1, .tests_minimum = 1,
    .default_max_iter = 1000, .default_line_search = HD_LINESEARCH_BACKTRACKING,
    .state_size = state_size, .run = hd__line_search_run, .steps = &steps,
    .escapes_saddles = hd__escapes_always, .advice = advice_ls,
};

/* ---- trust region ----------------------------------------------------------------- */

/* One iteration: Steihaug-Toint's step, tried; the radius shrinks until a
 * step is accepted (at most HD__TRUST_MAX_REJECTIONS trials, each a CG solve). */
static int cg_trust_step(hd__run *rn)
{
    const size_t n = rn->n;
    for (int k = 0; k < HD__TRUST_MAX_REJECTIONS; k++) {
        hd__cg cg = hd__cg_setup(rn, hd__apply_exact, rn->radius);
        int st = hd__truncated_cg(rn, &cg, rn->p);
        if (st) return st;
        const double pred = cg.pred;
        /* A maximal step along negative curvature: the model is unbounded
         * below along it (the runaway rule of trust.c). */
        const int unbounded_step = cg.negative && cg.p_norm >= 0.99 * rn->opt.max_trust_radius;
        if (!(pred > 0.0) || hd__trial_point(rn, 1.0)) return hd__failed_step_status(rn);
        double ft;
        st = hd__eval_value(&rn->ev, rn->xt, &ft);
        if (st != HD_OK) return st;
        rn->res->ls_trials++;
        const double rho = hd__trust_ratio(rn, ft, pred, cg.p_norm, cg.boundary);
        if (rho > HD__TRUST_ETA) {
            st = hd__eval_gradient(&rn->ev, rn->xt, &ft, rn->gt);
            if (st != HD_OK) return st;
            if (isfinite(ft) && hd__finite(n, rn->gt)) {
                const int runaway = unbounded_step ? rn->runaway + 1 : 0;
                hd__accept(rn, ft, 1.0);
                rn->runaway = runaway;
                rn->tau = rn->radius;
                if (cg.negative) rn->res->curvature_steps++; /* a step along negative curvature */
                return HD_OK;
            }
            rn->radius = 0.25 * fmin(rn->radius, cg.p_norm);
        }
        rn->res->tr_rejected++;
    }
    return hd__failed_step_status(rn);
}

static int cg_trust_run(hd__run *rn)
{
    rn->tau = rn->radius;
    /* Bounded by max_iter: each pass accepts a step or returns. */
    for (;;) {
        int st = hd__iterate_checks(rn);
        if (st) return st;
        st = cg_trust_step(rn);
        if (st) return st;
    }
}

const hd__method hd__newton_cg_trust_region = {
    .id = HD_NEWTON_CG_TRUST_REGION, .key = "newton-cg-tr", .name = "newton-cg trust region",
    .keeps_tape = 1, .tests_minimum = 1, .default_max_iter = 1000,
    .default_line_search = HD_LINESEARCH_BACKTRACKING, .state_size = state_size, .run = cg_trust_run, .escapes_saddles = hd__escapes_always,
    .advice = hd__trust_region_advice,
};
