/* Gradient descent, x <- x - step·g: a row of the table of methods
 * (run.c) run by the line-search loop (loop.c). Its step is a fixed
 * learning_rate, a Barzilai-Borwein step, or a line search whose first trial
 * expects the first-order change of the step before (N&W 3.60). */
#include <config.h>
#include <math.h>
#include "internal.h"
#include "../status_lines.h"

static int direction(hd__run *rn)
{
    for (size_t i = 0; i < rn->n; i++) rn->p[i] = -rn->g[i];
    return 0;
}

/* Barzilai-Borwein step sᵀs/sᵀy from the last step pair (Barzilai & Borwein
 * 1988), or 0 when there is none or the curvature along it is not positive. */
static double bb_step(const hd__run *rn)
{
    if (!rn->opt.barzilai_borwein || rn->iter == 0) return 0.0;
    const double sy = hd__dot(rn->n, rn->s, rn->y), ss = hd__dot(rn->n, rn->s, rn->s);
    const double a = ss / sy;
    return sy > 0.0 && isfinite(a) ? a : 0.0;
}

static double fixed_step(const hd__run *rn)
{
    const double bb = bb_step(rn);
    return bb > 0.0 ? bb : rn->opt.learning_rate;
}

static double first_trial(const hd__run *rn, double slope)
{
    const double bb = bb_step(rn);
    if (bb > 0.0) return bb;
    /* N&W (3.60): expect the same first-order change as last time. */
    if (rn->iter > 0 && rn->alpha_prev > 0) {
        const double a = rn->alpha_prev * rn->slope_prev / slope;
        if (a > 0 && isfinite(a)) return a;
    }
    return fmin(1.0, 1.0 / rn->gnorm);
}

static int advice(int status, const hd_options *o)
{
    if (status == HD_STATIONARY && !o->classify_final) return HD__FOR_NO_HESSIAN;
    return o->line_search == HD_LINESEARCH_NONE ? HD__FOR_GD_FIXED : HD__FOR_GD;
}

const hd__line_search_hooks hd__gd_steps = {
    .direction = direction, .fixed_step = fixed_step, .first_trial = first_trial,
    .keeps_pair = 1 /* the Barzilai-Borwein step reads it */,
};
const hd__method hd__gradient_descent = {
    .id = HD_GRADIENT_DESCENT, .key = "gd", .name = "gradient descent", .default_max_iter = 100000,
    .default_line_search = HD_LINESEARCH_BACKTRACKING, .run = hd__line_search_run,
    .steps = &hd__gd_steps, .advice = advice,
};
