/* The line-search loop that gradient descent, BFGS and Newton share: check,
 * take the method's direction (its hooks, from the table of methods in
 * run.c), search along it (or take the fixed step), let the method refine
 * the step, finish it, accept. A method supplies only its hooks. */
#include <config.h>
#include <math.h>
#include "internal.h"

int hd__line_search_run(hd__run *rn)
{
    const hd__line_search_hooks *m = rn->method->steps;
    const size_t n = rn->n;
    /* Bounded by max_iter: each pass accepts a step (iter + 1) or returns,
     * and hd__iterate_checks stops at max_iter. */
    for (;;) {
        int st = hd__iterate_checks(rn);
        if (st) return st;
        st = m->direction(rn);
        if (st) return st;
        double slope = hd__dot(n, rn->g, rn->p);
        double alpha, ft = NAN;
        if (rn->opt.line_search == HD_LINESEARCH_NONE) {
            alpha = m->fixed_step ? m->fixed_step(rn) : 1.0;
            if (hd__trial_point(rn, alpha)) return hd__failed_step_status(rn);
        } else {
            if (!(slope < 0.0)) return HD_LINESEARCH_FAILED; /* only unmodified Newton */
            alpha = m->first_trial ? m->first_trial(rn, slope) : 1.0;
            st = rn->opt.line_search == HD_LINESEARCH_WOLFE ? hd__wolfe(rn, rn->f, slope, &alpha, &ft)
                                                            : hd__backtrack(rn, rn->f, slope, &alpha, &ft);
            if (st == HD_LINESEARCH_FAILED) return hd__failed_step_status(rn);
            if (st) return st;
            if (m->refine) {
                st = m->refine(rn, &alpha, &ft, &slope);
                if (st) return st;
            }
        }
        st = hd__finish_step(rn, rn->f, slope, &alpha, &ft);
        if (st) return st;
        if (m->keeps_pair)
            for (size_t i = 0; i < n; i++) {
                rn->s[i] = rn->xt[i] - rn->x[i];
                rn->y[i] = rn->gt[i] - rn->g[i];
            }
        rn->alpha_prev = alpha;
        rn->slope_prev = slope;
        hd__accept(rn, ft, alpha);
        if (m->after_step) m->after_step(rn);
    }
}
