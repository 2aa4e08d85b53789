/* The scalar path (HD_PATH_SCALAR), the contract's: a gradient from n dual
 * passes (n hyper-dual passes without a dual body), pass i seeding x_i; a
 * Hessian from n(n+1)/2 hyper-dual passes, pass (i, j) seeding x_i in ε1
 * and x_j in ε2, with the value and gradient on the way; a Jacobian from n
 * dual passes of the vector function, pass j giving column j. */
#include <config.h>
#include "internal.h"

/* n passes of a one-direction kind S (type T): unit i seeds variable i. */
#define SCALAR_GRADIENT(T, S, COUNTER)                                                  \
    static long gradient_unit_##S(const void *job, void *buf, size_t *state, size_t i)  \
    {                                                                                   \
        const hd__pass_job *jb = job;                                                   \
        T *xs = buf;                                                                    \
        (void)state;                                                                    \
        hd__put2(&xs[i].val, jb->x[i], 1.0);                                            \
        const T r = hd__call_##S(jb->obj, xs);                                          \
        hd__put2(&xs[i].val, jb->x[i], 0.0);                                            \
        jb->grad[i] = r.d1;                                                             \
        if (jb->fx && i == 0) *jb->fx = r.val;                                          \
        return 1;                                                                       \
    }                                                                                   \
    static int gradient_##S(const hd_objective *obj, const double *x, double *fx,       \
                            double *grad, hd_counts *c)                                 \
    {                                                                                   \
        const hd__pass_job job = {obj, x, fx, grad, NULL};                              \
        return hd__run_units(&job, obj->n, obj->n, sizeof(T), x, hd__init_##S##_array,  \
                             gradient_unit_##S, obj->n, &c->COUNTER);                   \
    }
SCALAR_GRADIENT(hd_dual, dual, dual_calls)
SCALAR_GRADIENT(hd_hyper, hyper, hyper_calls)

int hd__gradient_scalar(const hd_objective *obj, const double *x, double *fx, double *grad,
                        hd_counts *c)
{
    return hd__has_dual(obj) ? gradient_dual(obj, x, fx, grad, c) : gradient_hyper(obj, x, fx, grad, c);
}

/* Hessian unit: row i, one hd_hyper pass per entry j >= i. */
static long hessian_scalar_row(const void *job, void *buf, size_t *state, size_t i)
{
    const hd__pass_job *jb = job;
    hd_hyper *xh = buf;
    const size_t n = jb->obj->n;
    (void)state;
    hd__put2(&xh[i].val, jb->x[i], 1.0);
    for (size_t j = i; j < n; j++) {
        hd__put2(&xh[j].d2, 1.0, 0.0);
        const hd_hyper r = hd__call_hyper(jb->obj, xh);
        hd__put2(&xh[j].d2, 0.0, 0.0);
        jb->hess[i * n + j] = jb->hess[j * n + i] = r.d12;
        if (i == j && jb->grad) jb->grad[i] = r.d1;
        if (jb->fx && i == 0 && j == 0) *jb->fx = r.val;
    }
    hd__put2(&xh[i].val, jb->x[i], 0.0);
    return (long)(n - i);
}

int hd__hessian_scalar(const hd_objective *obj, const double *x, double *fx, double *grad,
                       double *hess, hd_counts *c)
{
    const hd__pass_job job = {obj, x, fx, grad, hess};
    return hd__run_units(&job, obj->n, obj->n, sizeof(hd_hyper), x, hd__init_hyper_array,
                         hessian_scalar_row, obj->n * (obj->n + 1) / 2, &c->hyper_calls);
}

/* Jacobian: pass j seeds d1 of x_j and reads column j from every output's d1. */
#define DUAL_SEED(e, k, v) hd__put2(&(e).val, (e).val, (v))
#define DUAL_OF(r, k) ((void)(k), (r).d1)
HD__JACOBIAN_PASSES(jacobian_dual, hd_dual, dual, 1, dual_calls, DUAL_SEED, DUAL_OF)

int hd__jacobian_scalar(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                        hd_counts *c)
{
    return jacobian_dual(F, x, fx, jac, c);
}

/* H·v: ε2 carries v in every pass and pass i seeds ε1 with e_i, so d12 is
 * e_iᵀ H v and d1 the gradient component: n passes. */
int hd__hessian_vector_scalar(const hd_objective *obj, const double *x, const double *v,
                              double *fx, double *grad, double *hv, hd_counts *c)
{
    const size_t n = obj->n;
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyper)];
    hd_hyper *xh = hd__diff_buffer(stack, sizeof stack, n, sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        hd__put2(&xh[i].val, x[i], 0.0);
        hd__put2(&xh[i].d2, v[i], 0.0);
    }
    for (size_t i = 0; i < n; i++) {
        hd__put2(&xh[i].val, x[i], 1.0);
        const hd_hyper r = hd__call_hyper(obj, xh);
        hd__put2(&xh[i].val, x[i], 0.0);
        c->hyper_calls++;
        hv[i] = r.d12;
        if (grad) grad[i] = r.d1;
        if (fx && i == 0) *fx = r.val;
    }
    hd__diff_release(xh, stack);
    return HD_OK;
}
