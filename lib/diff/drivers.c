/* The public drivers: hd_value, hd_gradient, hd_hessian, hd_hessian_vector,
 * hd_jacobian (and their _ex forms with a chosen path and pass counts),
 * hd_sparse_hessian, hd_vector_value, and the small
 * functions on kinds and counters. A driver validates, then walks the table
 * of paths (path_table.h): a forced path answers (or, if it declines, the scalar
 * path does); the automatic choice takes the first row that can and wins,
 * and a row that declines passes the call down the table. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "path_table.h"

/* ---- kinds and counters ------------------------------------------------------------- */

#define KIND_NAME(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) [KIND] = #S,
static const char *const kind_names[HD_KIND_COUNT] = {HD__EVAL_KINDS(KIND_NAME, ~)};

const char *hd_kind_name(hd_kind kind)
{
    return (unsigned)kind < HD_KIND_COUNT ? kind_names[kind] : "?";
}

long hd_counts_passes(const hd_counts *c)
{
    long passes = 0;
    if (c)
        for (int k = 0; k < HD_KIND_COUNT; k++)
            if (k != HD_KIND_VALUE) passes += c->calls[k];
    return passes;
}

/* ---- value -------------------------------------------------------------------------- */

/* f(x) from the cheapest kind the objective has: value, dual, hyper. */
static int value(const hd_objective *obj, const double *x, double *fx, hd_counts *c)
{
    if (hd__has_value(obj)) {
        *fx = hd__call_value(obj, x);
        c->f_calls++;
        return HD_OK;
    }
    const size_t n = obj->n;
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyper)];
    if (hd__has_dual(obj)) {
        hd_dual *xd = hd__diff_buffer(stack, sizeof stack, n, sizeof *xd);
        if (!xd) return HD_ENOMEM;
        hd__init_dual_array(xd, x, n);
        *fx = hd__call_dual(obj, xd).val;
        c->dual_calls++;
        hd__diff_release(xd, stack);
        return HD_OK;
    }
    hd_hyper *xh = hd__diff_buffer(stack, sizeof stack, n, sizeof *xh);
    if (!xh) return HD_ENOMEM;
    hd__init_hyper_array(xh, x, n);
    *fx = hd__call_hyper(obj, xh).val;
    c->hyper_calls++;
    hd__diff_release(xh, stack);
    return HD_OK;
}

int hd_value_ex(const hd_objective *obj, const double *x, double *fx, hd_counts *counts)
{
    if (!hd__objective_ok(obj) || !x || !fx) return HD_EINVAL;
    hd_counts scratch;
    return value(obj, x, fx, hd__counts_or_scratch(counts, &scratch));
}

int hd_value(const hd_objective *obj, const double *x, double *fx)
{
    return hd_value_ex(obj, x, fx, NULL);
}

/* ---- gradients and Hessians ------------------------------------------------------------ */

/* The walk of the table for the drivers of an objective (gradient, Hessian,
 * H·v), written once: a forced path (`path`) must be able to take obj, or
 * HD_EINVAL, and where it declines the scalar path answers; the automatic
 * choice takes the first chosen row that does not decline (the scalar row
 * always answers, so the last line is not reached). MEMBER is the row's
 * function, ON its conditions, SCALAR the scalar path's function; the rest
 * are their arguments. Expanded in place, unrolled: the table is constant. */
#define WALK_PATHS(MEMBER, ON, SCALAR, ...)                                                         \
    do {                                                                                            \
        if (path != HD_PATH_AUTO) {                                                                 \
            const hd__path *forced = path_find(path);                                               \
            if (!forced || !forced->MEMBER || !hd__path_can(obj, &forced->ON)) return HD_EINVAL;    \
            const int rc = forced->MEMBER(__VA_ARGS__);                                             \
            return rc != HD__DECLINED ? rc : SCALAR(__VA_ARGS__);                                   \
        }                                                                                           \
        UNROLL_PATHS                                                                                \
        for (size_t i = 0; i < PATH_COUNT; i++) {                                                   \
            const hd__path *p = &paths[i];                                                          \
            if (!p->MEMBER || !hd__path_chosen(obj, &p->ON)) continue;                              \
            const int rc = p->MEMBER(__VA_ARGS__);                                                  \
            if (rc != HD__DECLINED) return rc;                                                      \
        }                                                                                           \
        return SCALAR(__VA_ARGS__);                                                                 \
    } while (0)

/* The exported drivers share these bodies instead of calling one another:
 * a call between exported functions of a shared library goes through the
 * PLT (they may be interposed), which costs more than the whole n = 2 pass. */
static int gradient(const hd_objective *obj, const double *x, double *fx, double *grad,
                    hd_path path, hd_counts *c)
{
    if (!hd__objective_ok(obj) || !x) return HD_EINVAL;
    if (!grad) return fx ? value(obj, x, fx, c) : HD_OK;
    WALK_PATHS(gradient, on_gradient, hd__gradient_scalar, obj, x, fx, grad, c);
}

int hd_gradient_ex(const hd_objective *obj, const double *x, double *fx, double *grad,
                   hd_path path, hd_counts *counts)
{
    hd_counts scratch;
    return gradient(obj, x, fx, grad, path, hd__counts_or_scratch(counts, &scratch));
}

int hd_gradient(const hd_objective *obj, const double *x, double *fx, double *grad)
{
    hd_counts scratch;
    return gradient(obj, x, fx, grad, HD_PATH_AUTO, hd__counts_or_scratch(NULL, &scratch));
}

static int hessian(const hd_objective *obj, const double *x, double *fx, double *grad,
                   double *hess, hd_path path, hd_counts *c)
{
    if (!hd__objective_ok(obj) || !x || !hess) return HD_EINVAL;
    WALK_PATHS(hessian, on_hessian, hd__hessian_scalar, obj, x, fx, grad, hess, c);
}

int hd_hessian_ex(const hd_objective *obj, const double *x, double *fx, double *grad,
                  double *hess, hd_path path, hd_counts *counts)
{
    hd_counts scratch;
    return hessian(obj, x, fx, grad, hess, path, hd__counts_or_scratch(counts, &scratch));
}

int hd_hessian(const hd_objective *obj, const double *x, double *fx, double *grad, double *hess)
{
    hd_counts scratch;
    return hessian(obj, x, fx, grad, hess, HD_PATH_AUTO, hd__counts_or_scratch(NULL, &scratch));
}

/* H·v: the first row of the table that does it and is chosen (one sweep of
 * the tape, hd_hyperv passes, hyper-dual passes), as for the Hessian. */
static int hessian_vector(const hd_objective *obj, const double *x, const double *v, double *fx,
                          double *grad, double *hv, hd_path path, hd_counts *c)
{
    if (!hd__objective_ok(obj) || !x || !v || !hv) return HD_EINVAL;
    WALK_PATHS(hessian_vector, on_hessian_vector, hd__hessian_vector_scalar, obj, x, v, fx, grad, hv, c);
}

int hd_hessian_vector_ex(const hd_objective *obj, const double *x, const double *v, double *fx,
                         double *grad, double *hv, hd_path path, hd_counts *counts)
{
    hd_counts scratch;
    return hessian_vector(obj, x, v, fx, grad, hv, path, hd__counts_or_scratch(counts, &scratch));
}

int hd_hessian_vector(const hd_objective *obj, const double *x, const double *v, double *fx,
                      double *grad, double *hv)
{
    hd_counts scratch;
    return hessian_vector(obj, x, v, fx, grad, hv, HD_PATH_AUTO,
                          hd__counts_or_scratch(NULL, &scratch));
}

/* The non-zeros of a given pattern: the first row of the table that computes
 * them and does not decline (the tape, then the forward sparse passes). */
int hd_sparse_hessian(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                      double *fx, double *grad, double *values, hd_counts *counts)
{
    if (!hd__objective_ok(obj) || !sp || !x || !values || obj->n != sp->n || !hd__has_hyperv(obj))
        return HD_EINVAL;
    hd_counts scratch;
    hd_counts *c = hd__counts_or_scratch(counts, &scratch);
    int rc = HD_EINVAL;
    UNROLL_PATHS
    for (size_t i = 0; i < PATH_COUNT; i++) {
        const hd__path *p = &paths[i];
        if (!p->sparse_hessian || !hd__path_can(obj, &p->on_hessian)) continue;
        rc = p->sparse_hessian(obj, sp, x, fx, grad, values, c);
        if (rc != HD__DECLINED) return rc;
    }
    return rc;
}

/* ---- vector functions --------------------------------------------------------------- */

int hd_vector_value_ex(const hd_vector_objective *F, const double *x, double *out,
                       hd_counts *counts)
{
    if (!hd__vobjective_ok(F) || !x || !out) return HD_EINVAL;
    hd_counts scratch;
    hd_counts *c = hd__counts_or_scratch(counts, &scratch);
    if (hd__vhas_value(F)) {
        hd__vcall_value(F, x, out);
        c->f_calls++;
        return HD_OK;
    }
    const size_t n = F->n, m = F->m;
    hd_dual *xd = hd__malloc_array(n, sizeof *xd), *r = hd__malloc_array(m, sizeof *r);
    if (!xd || !r) {
        free(xd);
        free(r);
        return HD_ENOMEM;
    }
    hd__init_dual_array(xd, x, n);
    hd__vcall_dual(F, xd, r);
    c->dual_calls++;
    for (size_t i = 0; i < m; i++) out[i] = r[i].val;
    free(xd);
    free(r);
    return HD_OK;
}

int hd_vector_value(const hd_vector_objective *F, const double *x, double *out)
{
    return hd_vector_value_ex(F, x, out, NULL);
}

/* The Jacobian's walk: WALK_PATHS's rule, but a row is chosen by the
 * vector function's kinds and n (hd__vhas_kinds), not an objective's. */
static int jacobian(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                    hd_path path, hd_counts *c)
{
    if (!hd__vobjective_ok(F) || !x || !jac) return HD_EINVAL;
    if (path != HD_PATH_AUTO) {
        const hd__path *p = path_find(path);
        if (!p || !p->jacobian || !hd__vhas_kinds(F, p->on_jacobian.needs)) return HD_EINVAL;
        const int rc = p->jacobian(F, x, fx, jac, c);
        return rc != HD__DECLINED ? rc : hd__jacobian_scalar(F, x, fx, jac, c);
    }
    for (size_t i = 0; i < PATH_COUNT; i++) {
        const hd__path *p = &paths[i];
        if (!p->jacobian || F->n < p->on_jacobian.from_n || !hd__vhas_kinds(F, p->on_jacobian.needs))
            continue;
        const int rc = p->jacobian(F, x, fx, jac, c);
        if (rc != HD__DECLINED) return rc;
    }
    return hd__jacobian_scalar(F, x, fx, jac, c); /* not reached: scalar always answers */
}

int hd_jacobian_ex(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                   hd_path path, hd_counts *counts)
{
    hd_counts scratch;
    return jacobian(F, x, fx, jac, path, hd__counts_or_scratch(counts, &scratch));
}

int hd_jacobian(const hd_vector_objective *F, const double *x, double *fx, double *jac)
{
    hd_counts scratch;
    return jacobian(F, x, fx, jac, HD_PATH_AUTO, hd__counts_or_scratch(NULL, &scratch));
}
