/* Drivers beyond value/gradient/Hessian: directional derivatives, vᵀHw
 * and the derivative checker (H·v and Jacobians walk the table of paths in
 * drivers.c). Each seeds the dual parts with
 * the directions the caller wants, so one pass replaces what a full gradient
 * or Hessian would cost. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "../size_check.h"
#include "counted.h"

int hd__objective_valid(const hd_objective *obj) { return hd__objective_ok(obj); }

int hd__directional_counted(const hd_objective *obj, const double *x, const double *v, double *fx,
                            double *dv, hd_counts *c)
{
    if (!hd__objective_ok(obj) || !x || !v) return HD_EINVAL;
    const size_t n = obj->n;
    double val, d1;
    if (hd__has_dual(obj)) {
        hd_dual *xd = hd__malloc_array(n, sizeof *xd);
        if (!xd) return HD_ENOMEM;
        for (size_t i = 0; i < n; i++) xd[i] = hd_dual_make(x[i], v[i]);
        const hd_dual r = hd__call_dual(obj, xd);
        c->dual_calls++;
        free(xd);
        val = r.val;
        d1 = r.d1;
    } else {
        hd_hyper *xh = hd__malloc_array(n, sizeof *xh);
        if (!xh) return HD_ENOMEM;
        for (size_t i = 0; i < n; i++) xh[i] = hd_hyper_make(x[i], v[i], 0.0, 0.0);
        const hd_hyper r = hd__call_hyper(obj, xh);
        c->hyper_calls++;
        free(xh);
        val = r.val;
        d1 = r.d1;
    }
    if (fx) *fx = val;
    if (dv) *dv = d1;
    return HD_OK;
}

int hd_directional(const hd_objective *obj, const double *x, const double *v, double *fx,
                   double *dv)
{
    hd_counts scratch;
    return hd__directional_counted(obj, x, v, fx, dv, hd__counts_or_scratch(NULL, &scratch));
}

int hd_directional2(const hd_objective *obj, const double *x, const double *v, const double *w,
                    double *fx, double *gv, double *gw, double *vhw)
{
    if (!hd__objective_ok(obj) || !x || !v || !w) return HD_EINVAL;
    const size_t n = obj->n;
    hd_hyper *xh = hd__malloc_array(n, sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xh[i] = hd_hyper_make(x[i], v[i], w[i], 0.0);
    const hd_hyper r = hd__call_hyper(obj, xh);
    free(xh);
    if (fx) *fx = r.val;
    if (gv) *gv = r.d1;
    if (gw) *gw = r.d2;
    if (vhw) *vhw = r.d12;
    return HD_OK;
}

/* Fold one (user, exact) pair into a report. NaN-proof: a non-finite user
 * value is an infinite error, so it always becomes the worst entry. */
static void compare_entry(hd_derivative_error *r, size_t row, size_t col, double u, double e,
                          double tol)
{
    double abs_err = fabs(u - e);
    if (!isfinite(u)) abs_err = INFINITY;
    const double big = fmax(fabs(u), fabs(e));
    const double rel_err = abs_err == 0.0 ? 0.0 : (isfinite(abs_err) ? abs_err / big : INFINITY);
    const double scaled = abs_err / fmax(1.0, fabs(e));
    const double worst_scaled = fabs(r->worst_user - r->worst_exact) / fmax(1.0, fabs(r->worst_exact));
    if (abs_err > r->max_abs_error) r->max_abs_error = abs_err;
    if (rel_err > r->max_rel_error) r->max_rel_error = rel_err;
    if (scaled > tol) r->bad_entries++;
    if (scaled > worst_scaled || (!isfinite(scaled) && isfinite(worst_scaled))) {
        r->worst_row = row;
        r->worst_col = col;
        r->worst_user = u;
        r->worst_exact = e;
    }
}

static int all_finite(size_t k, const double *a)
{
    for (size_t i = 0; i < k; i++)
        if (!isfinite(a[i])) return 0;
    return 1;
}

int hd_check_derivatives(const hd_objective *obj, const double *x, hd_user_derivative grad,
                         hd_user_derivative hess, double tol, hd_derivative_error *grad_report,
                         hd_derivative_error *hess_report)
{
    if (!hd__objective_ok(obj) || !x || !(tol >= 0.0)) return HD_EINVAL;
    if ((grad && !grad_report) || (hess && !hess_report)) return HD_EINVAL;
    const size_t n = obj->n;
    if (n > ((size_t)-1) / sizeof(double) / 2 / (n + 1)) return HD_ENOMEM;
    /* exact gradient, exact Hessian, and the user's copies of both */
    double *buf = malloc((2 * n + 2 * n * n) * sizeof *buf);
    if (!buf) return HD_ENOMEM;
    double *g = buf, *ug = g + n, *h = ug + n, *uh = h + n * n;
    const int rc = hess ? hd_hessian(obj, x, NULL, g, h) : hd_gradient(obj, x, NULL, g);
    if (rc != HD_OK || !all_finite(n, g) || (hess && !all_finite(n * n, h))) {
        free(buf);
        return rc != HD_OK ? rc : HD_ENONFINITE;
    }
    static const hd_derivative_error clean = {0};
    if (grad) {
        *grad_report = clean;
        grad_report->worst_user = grad_report->worst_exact = g[0];
        for (size_t i = 0; i < n; i++) ug[i] = NAN;
        grad(x, ug, obj->ctx);
        for (size_t i = 0; i < n; i++) compare_entry(grad_report, i, 0, ug[i], g[i], tol);
    }
    if (hess) {
        *hess_report = clean;
        hess_report->worst_user = hess_report->worst_exact = h[0];
        for (size_t i = 0; i < n * n; i++) uh[i] = NAN;
        hess(x, uh, obj->ctx);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) compare_entry(hess_report, i, j, uh[i * n + j], h[i * n + j], tol);
    }
    free(buf);
    return HD_OK;
}
