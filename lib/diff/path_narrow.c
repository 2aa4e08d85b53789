/* The narrow path (HD_PATH_NARROW), for gradients of small n: two or four
 * directions per pass (hd_dual2, hd_dual4), or two per hyper-dual pass
 * (ε1 and ε2) for an objective with neither; Jacobians of vector functions
 * with four or two columns per pass. */
#include <config.h>
#include "internal.h"
#include "path_kinds.h"

/* Passes of a K-lane type T (suffix S): pass p seeds lane k of variable
 * K·p + k, so up to n = K the gradient takes one pass (hyperdual/small.h,
 * which the inline hd_gradient shares) and the value is computed once.
 * pass_S makes the pass over constants xv, seeding variables
 * base..base+width-1, and leaves xv as it found it. */
#define NARROW_GRADIENT(T, S, K, COUNTER)                                                \
    static inline void pass_##S(const hd_objective *obj, T *xv, size_t base,            \
                                size_t width, double *fx, double *grad)                 \
    {                                                                                   \
        for (size_t k = 0; k < width; k++) HD__PUT_LANE(&xv[base + k].d, k, 1.0);       \
        const T r = hd__call_##S(obj, xv);                                             \
        for (size_t k = 0; k < width; k++) {                                            \
            HD__PUT_LANE(&xv[base + k].d, k, 0.0);                                      \
            grad[base + k] = HD_LANE(r.d, k);                                           \
        }                                                                               \
        if (fx && base == 0) *fx = r.val;                                               \
    }                                                                                   \
    static int gradient_##S(const hd_objective *obj, const double *x, double *fx,       \
                            double *grad, hd_counts *c)                                 \
    {                                                                                   \
        const size_t n = obj->n;                                                        \
        if (n <= (K)) {                                                                 \
            hd__one_pass_##S(obj, x, n, fx, grad);                                      \
        } else {                                                                        \
            _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(T)];                  \
            T *xv = hd__diff_buffer(stack, sizeof stack, n, sizeof *xv);                \
            if (!xv) return HD_ENOMEM;                                                  \
            for (size_t i = 0; i < n; i++) hd__init_##T(&xv[i], x[i]);                  \
            for (size_t base = 0; base < n; base += (K))                                \
                pass_##S(obj, xv, base, n - base < (K) ? n - base : (K), fx, grad);     \
            hd__diff_release(xv, stack);                                                \
        }                                                                               \
        c->COUNTER += (long)((n + (K) - 1) / (K));                                      \
        return HD_OK;                                                                   \
    }
NARROW_GRADIENT(hd_dual2, dual2, 2, dual2_calls)
NARROW_GRADIENT(hd_dual4, dual4, 4, dual4_calls)

/* Narrow passes: up to n = 2 one hd_dual2 pass, which idles no lane (F2
 * at n = 2: 55.7 against 60.8 ns for one hd_dual4 pass, doc/performance.md);
 * else four directions per hd_dual4 pass when the objective has it, two per
 * hd_dual2 pass when it has only that; else two per hd_hyper pass (variable
 * 2p in ε1, 2p + 1 in ε2), which still costs less than two dual passes
 * (bench_eval: a hyper-dual pass is 1.2-1.6x a dual pass). */
int hd__gradient_narrow(const hd_objective *obj, const double *x, double *fx, double *grad,
                        hd_counts *c)
{
    const hd_kind one = hd__small_gradient_at(obj, x, fx, grad); /* n <= 4: one pass */
    if (one != HD_KIND_VALUE) {
        c->calls[one]++;
        return HD_OK;
    }
    const int dual2 = hd__has_dual2(obj), dual4 = hd__has_dual4(obj);
    if (dual4 && (obj->n > DUAL2_GRADIENT_MAX_N || !dual2)) return gradient_dual4(obj, x, fx, grad, c);
    if (dual2) return gradient_dual2(obj, x, fx, grad, c);
    const size_t n = obj->n;
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyper)];
    hd_hyper *xh = hd__diff_buffer(stack, sizeof stack, n, sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) hd__init_hd_hyper(&xh[i], x[i]);
    for (size_t i = 0; i < n; i += 2) {
        const int two = i + 1 < n;
        hd__put2(&xh[i].val, x[i], 1.0);
        if (two) hd__put2(&xh[i + 1].d2, 1.0, 0.0);
        const hd_hyper r = hd__call_hyper(obj, xh);
        hd__put2(&xh[i].val, x[i], 0.0);
        if (two) hd__put2(&xh[i + 1].d2, 0.0, 0.0);
        grad[i] = r.d1;
        if (two) grad[i + 1] = r.d2;
        if (fx && i == 0) *fx = r.val;
    }
    c->hyper_calls += (long)((n + 1) / 2);
    hd__diff_release(xh, stack);
    return HD_OK;
}

HD__JACOBIAN_PASSES(jacobian_dual4, hd_dual4, dual4, 4, dual4_calls, HD__LANE_SEED, HD__LANE_OF)
HD__JACOBIAN_PASSES(jacobian_dual2, hd_dual2, dual2, 2, dual2_calls, HD__LANE_SEED, HD__LANE_OF)

/* The gradient's choice: one hd_dual2 pass up to n = 2, else hd_dual4
 * passes; a function with neither is left to the scalar path. */
int hd__jacobian_narrow(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                        hd_counts *c)
{
    const int dual2 = hd__vhas_dual2(F), dual4 = hd__vhas_dual4(F);
    if (dual4 && (F->n > 2 || !dual2)) return jacobian_dual4(F, x, fx, jac, c);
    if (dual2) return jacobian_dual2(F, x, fx, jac, c);
    return HD__DECLINED;
}
