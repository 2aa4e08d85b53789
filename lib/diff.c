/* The scalar derivative drivers: n dual passes for a gradient, n(n+1)/2
 * hyper-dual passes for a Hessian (value and gradient from the same passes). */
#include <config.h>
#include <stdlib.h>
#include <hyperdual.h>

static int valid(const hd_objective *obj, const double *x)
{
    return obj && x && obj->n >= 1 && obj->f_hyper;
}

int hd_value(const hd_objective *obj, const double *x, double *fx)
{
    if (!valid(obj, x) || !fx) return HD_EINVAL;
    if (obj->f) {
        *fx = obj->f(x, obj->ctx);
        return HD_OK;
    }
    const size_t n = obj->n;
    if (obj->f_dual) {
        hd_dual *xd = malloc(n * sizeof *xd);
        if (!xd) return HD_ENOMEM;
        for (size_t i = 0; i < n; i++) xd[i] = hd_dual_const(x[i]);
        *fx = obj->f_dual(xd, obj->ctx).val;
        free(xd);
        return HD_OK;
    }
    hd_hyper *xh = malloc(n * sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xh[i] = hd_hyper_const(x[i]);
    *fx = obj->f_hyper(xh, obj->ctx).val;
    free(xh);
    return HD_OK;
}

int hd_gradient(const hd_objective *obj, const double *x, double *fx, double *grad)
{
    if (!valid(obj, x)) return HD_EINVAL;
    const size_t n = obj->n;
    if (!grad) return fx ? hd_value(obj, x, fx) : HD_OK;
    if (obj->f_dual) {
        hd_dual *xd = malloc(n * sizeof *xd);
        if (!xd) return HD_ENOMEM;
        for (size_t i = 0; i < n; i++) xd[i] = hd_dual_const(x[i]);
        for (size_t i = 0; i < n; i++) {
            xd[i].d1 = 1.0;
            const hd_dual r = obj->f_dual(xd, obj->ctx);
            xd[i].d1 = 0.0;
            grad[i] = r.d1;
            if (fx && i == 0) *fx = r.val;
        }
        free(xd);
        return HD_OK;
    }
    hd_hyper *xh = malloc(n * sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xh[i] = hd_hyper_const(x[i]);
    for (size_t i = 0; i < n; i++) {
        xh[i].d1 = 1.0;
        const hd_hyper r = obj->f_hyper(xh, obj->ctx);
        xh[i].d1 = 0.0;
        grad[i] = r.d1;
        if (fx && i == 0) *fx = r.val;
    }
    free(xh);
    return HD_OK;
}

int hd_hessian(const hd_objective *obj, const double *x, double *fx, double *grad, double *hess)
{
    if (!valid(obj, x) || !hess) return HD_EINVAL;
    const size_t n = obj->n;
    hd_hyper *xh = malloc(n * sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xh[i] = hd_hyper_const(x[i]);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i; j < n; j++) {
            xh[i].d1 = 1.0;
            xh[j].d2 = 1.0;
            const hd_hyper r = obj->f_hyper(xh, obj->ctx);
            xh[i].d1 = 0.0;
            xh[j].d2 = 0.0;
            hess[i * n + j] = hess[j * n + i] = r.d12;
            if (i == j && grad) grad[i] = r.d1;
            if (fx && i == 0 && j == 0) *fx = r.val;
        }
    }
    free(xh);
    return HD_OK;
}
