/* The lane path (HD_PATH_LANES): a gradient from ceil(n/HD_LANES) hd_dualv
 * passes of HD_LANES directions each; a Hessian from hd_hyperv passes that
 * each give HD_HYPERV_LANES entries of one row of the upper triangle; a
 * Jacobian from ceil(n/HD_LANES) hd_dualv passes of the vector function. */
#include <config.h>
#include "internal.h"

/* Gradient unit u: one pass seeding lane k of variable u·HD_LANES + k. */
static long gradient_lanes_unit(const void *job, void *buf, size_t *state, size_t u)
{
    const hd__pass_job *jb = job;
    hd_dualv *xv = buf;
    const size_t n = jb->obj->n, base = u * HD_LANES;
    const size_t width = n - base < HD_LANES ? n - base : HD_LANES;
    (void)state;
    for (size_t k = 0; k < width; k++) hd__put_unit(&xv[base + k].d, k);
    const hd_dualv r = hd__call_dualv(jb->obj, xv);
    for (size_t k = 0; k < width; k++) {
        hd__put_zero(&xv[base + k].d);
        jb->grad[base + k] = HD_LANE(r.d, k);
    }
    if (jb->fx && u == 0) *jb->fx = r.val;
    return 1;
}

int hd__gradient_lanes(const hd_objective *obj, const double *x, double *fx, double *grad,
                       hd_counts *c)
{
    if (hd__lanes_gradient(obj, obj->n, x, fx, grad)) { /* 4 < n <= HD_LANES: hyperdual/small.h */
        c->dualv_calls++;
        return HD_OK;
    }
    const hd__pass_job job = {obj, x, fx, grad, NULL};
    const size_t units = (obj->n + HD_LANES - 1) / HD_LANES;
    return hd__run_units(&job, units, obj->n, sizeof(hd_dualv), x, hd__init_dualv_array,
                         gradient_lanes_unit, units, &c->dualv_calls);
}

/* Hessian unit: row i, columns j..j+HD_HYPERV_LANES-1 (j >= i) per pass;
 * lane k's d2 is then ∂f/∂x_{j+k}, so the passes of row 0 give the whole
 * gradient. */
static long hessian_lanes_row(const void *job, void *buf, size_t *state, size_t i)
{
    const hd__pass_job *jb = job;
    hd_hyperv *xv = buf;
    const size_t n = jb->obj->n;
    long passes = 0;
    (void)state;
    hd__put2(&xv[i].val, jb->x[i], 1.0);
    for (size_t base = i; base < n; base += HD_HYPERV_LANES) {
        const size_t width = n - base < HD_HYPERV_LANES ? n - base : HD_HYPERV_LANES;
        for (size_t k = 0; k < width; k++) HD__PUT_LANE(&xv[base + k].d2, k, 1.0);
        const hd_hyperv r = hd__call_hyperv(jb->obj, xv);
        for (size_t k = 0; k < width; k++) {
            const size_t j = base + k;
            HD__PUT_LANE(&xv[j].d2, k, 0.0);
            jb->hess[i * n + j] = jb->hess[j * n + i] = HD_LANE(r.d12, k);
            if (jb->grad && i == 0) jb->grad[j] = HD_LANE(r.d2, k);
        }
        if (jb->fx && i == 0 && base == 0) *jb->fx = r.val;
        passes++;
    }
    hd__put2(&xv[i].val, jb->x[i], 0.0);
    return passes;
}

int hd__hessian_lanes(const hd_objective *obj, const double *x, double *fx, double *grad,
                      double *hess, hd_counts *c)
{
    const hd__pass_job job = {obj, x, fx, grad, hess};
    return hd__run_units(&job, obj->n, obj->n, sizeof(hd_hyperv), x, hd__init_hyperv_array,
                         hessian_lanes_row, hd__dense_lane_passes(obj->n),
                         &c->hyperv_calls);
}

/* hd_hyperv passes of the lanes path: Σ_i ceil((n - i) / HD_HYPERV_LANES). */
size_t hd__dense_lane_passes(size_t n)
{
    size_t p = 0;
    for (size_t i = 0; i < n; i++) p += (n - i + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES;
    return p;
}

HD__JACOBIAN_PASSES(jacobian_dualv, hd_dualv, dualv, HD_LANES, dualv_calls, HD__LANE_SEED,
                    HD__LANE_OF)

int hd__jacobian_lanes(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                       hd_counts *c)
{
    return jacobian_dualv(F, x, fx, jac, c);
}

/* H·v: ε1 carries v in every pass and lane k of ε2 the unit vector of
 * variable base + k, so lane k's d12 is e_{base+k}ᵀ H v and its d2 the
 * gradient component: ceil(n / HD_HYPERV_LANES) passes for the whole
 * product and the gradient. */
int hd__hessian_vector_lanes(const hd_objective *obj, const double *x, const double *v,
                             double *fx, double *grad, double *hv, hd_counts *c)
{
    const size_t n = obj->n;
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyperv)];
    hd_hyperv *xv = hd__diff_buffer(stack, sizeof stack, n, sizeof *xv);
    if (!xv) return HD_ENOMEM;
    hd__init_hyperv_array(xv, x, n);
    for (size_t i = 0; i < n; i++) hd__put2(&xv[i].val, x[i], v[i]);
    for (size_t base = 0; base < n; base += HD_HYPERV_LANES) {
        const size_t width = n - base < HD_HYPERV_LANES ? n - base : HD_HYPERV_LANES;
        for (size_t k = 0; k < width; k++) HD__PUT_LANE(&xv[base + k].d2, k, 1.0);
        const hd_hyperv r = hd__call_hyperv(obj, xv);
        c->hyperv_calls++;
        for (size_t k = 0; k < width; k++) {
            HD__PUT_LANE(&xv[base + k].d2, k, 0.0);
            hv[base + k] = HD_LANE(r.d12, k);
            if (grad) grad[base + k] = HD_LANE(r.d2, k);
        }
        if (fx && base == 0) *fx = r.val;
    }
    hd__diff_release(xv, stack);
    return HD_OK;
}
