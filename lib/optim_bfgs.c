/* BFGS on the inverse Hessian approximation (N&W §6.1). */
#include <config.h>
#include <math.h>
#include "optim_internal.h"

void hd__bfgs_direction(hd__run *rn)
{
    const size_t n = rn->n;
    for (size_t i = 0; i < n; i++) rn->p[i] = -hd__dot(n, rn->binv + i * n, rn->g);
}

void hd__bfgs_update(hd__run *rn, const double *s, const double *y, int first)
{
    const size_t n = rn->n;
    double *H = rn->binv;
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
