/* BFGS on the inverse Hessian approximation (N&W §6.1): a row of the table
 * of methods (run.c) run by the line-search loop (loop.c); its state is the
 * n·n inverse (rn->state). */
#include <config.h>
#include <math.h>
#include "internal.h"
#include "../size_check.h"
#include "../status_lines.h"

static void bfgs_direction(hd__run *rn)
{
    const size_t n = rn->n;
    for (size_t i = 0; i < n; i++) rn->p[i] = -hd__dot(n, rn->state + i * n, rn->g);
}

/* Update with s = x_new - x_old, y = g_new - g_old; s == NULL resets to the
 * identity; first: rescale the identity by sᵀy/yᵀy before the update. */
static void bfgs_update(hd__run *rn, const double *s, const double *y, int first)
{
    const size_t n = rn->n;
    double *H = rn->state;
    if (!s) { /* reset to the identity */
        for (size_t i = 0; i < n * n; i++) H[i] = 0.0;
        for (size_t i = 0; i < n; i++) H[i * n + i] = 1.0;
        return;
    }
    const double sy = hd__dot(n, s, y);
    const double ss = hd__dot(n, s, s), yy = hd__dot(n, y, y);
    /* Without the curvature condition the update would lose positive
     * definiteness (possible with backtracking, not with Wolfe): skip it. */
    if (!(sy > 1e-10 * sqrt(ss * yy))) return;
    if (first) { /* N&W (6.20): scale H0 to the curvature just seen */
        const double gamma = sy / yy;
        for (size_t i = 0; i < n * n; i++) H[i] = 0.0;
        for (size_t i = 0; i < n; i++) H[i * n + i] = gamma;
    }
    double *hy = rn->p; /* free until the next direction */
    for (size_t i = 0; i < n; i++) hy[i] = hd__dot(n, H + i * n, y);
    const double yhy = hd__dot(n, y, hy);
    const double a = (sy + yhy) / (sy * sy);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            H[i * n + j] += a * s[i] * s[j] - (hy[i] * s[j] + s[i] * hy[j]) / sy;
}

static int state_size(const hd__run *rn, size_t *doubles) { return hd__size_mul(rn->n, rn->n, doubles); }

static void start(hd__run *rn)
{
    bfgs_update(rn, NULL, NULL, 1);
    rn->pair_fresh = 1;
}

/* -H g; where rounding in the updates has lost the descent property,
 * restart from the identity. */
static int direction(hd__run *rn)
{
    bfgs_direction(rn);
    if (!(hd__dot(rn->n, rn->g, rn->p) < 0.0)) {
        start(rn);
        bfgs_direction(rn);
    }
    return 0;
}

static double first_trial(const hd__run *rn, double slope)
{
    (void)slope;
    return rn->iter == 0 ? fmin(1.0, 1.0 / rn->gnorm) : 1.0;
}

static void after_step(hd__run *rn)
{
    bfgs_update(rn, rn->s, rn->y, rn->pair_fresh);
    rn->pair_fresh = 0;
}

static int advice(int status, const hd_options *o)
{
    return status == HD_STATIONARY && !o->classify_final ? HD__FOR_NO_HESSIAN : HD__FOR_BFGS;
}

static const hd__line_search_hooks steps = {
    .direction = direction, .first_trial = first_trial, .after_step = after_step, .keeps_pair = 1,
};
const hd__method hd__bfgs = {
    .id = HD_BFGS, .key = "bfgs", .name = "bfgs", .default_max_iter = 1000,
    .dense_test_max_n = (size_t)-1 /* its n·n inverse is there anyway */,
    .default_line_search = HD_LINESEARCH_WOLFE, .state_size = state_size, .start = start,
    .run = hd__line_search_run, .steps = &steps, .advice = advice,
};
