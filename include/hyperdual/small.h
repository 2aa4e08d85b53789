/**
 * @file hyperdual/small.h
 * @brief hd_gradient() and hd_hessian() for small n, inline: ONE pass of the
 *        two-lane, four-lane or packed kind, seeded and read in the caller's
 *        translation unit. Included by diff.h; nothing here is for direct
 *        use.
 *
 * Up to n = HD__SMALL_MAX_N (4) a gradient is one hd_dual2 or hd_dual4
 * pass and a Hessian one hd_hyper2 (n <= 2) or hd_hyper4 pass, and up to
 * n = HD_LANES a gradient is one hd_dualv pass, which is also what the
 * library's automatic choice takes there (paths.h). Through the exported
 * function such a call also pays for the call itself, the checks and the
 * walk of the table of paths, and reaches the body through a pointer: about
 * half of an n = 2 gradient of a cheap function. Here hd_gradient and hd_hessian are
 * macros for hd__gradient_small and hd__hessian_small, which make that one
 * pass themselves when the objective offers the kind (an HD_GENERIC_OBJECTIVE
 * does) and call the exported functions otherwise, with the same results
 * either way. When the objective is built where it is used, the compiler
 * sees its table and calls, or inlines, the generated body directly.
 * `(hd_gradient)(...)` or a pointer to it still reaches the exported
 * function; define HD_NO_INLINE_DRIVERS before including the header to call
 * it always.
 */
#ifndef HYPERDUAL_SMALL_H
#define HYPERDUAL_SMALL_H

#include <stddef.h>
#include <string.h>
#include "kinds.h"
#include "diff.h" /* which includes this file at its end, for its drivers */

HD_BEGIN_DECLS

/* Up to this n the automatic gradient is one hd_dual2 (n <= 2) or hd_dual4
 * pass, and the automatic Hessian one hd_hyper2 (n <= 2) or hd_hyper4
 * pass: the thresholds the table of paths shares with these drivers
 * (lib/diff/path_kinds.h, where the others are, names them from here,
 * since an installed header cannot include the library's own). */
#define HD__SMALL_MAX_N 4
#define HD__DUAL2_MAX_N 2
#define HD__HYPER2_MAX_N 2 /* the Hessian's pass is hd_hyper2 up to here */

/* Always inlined, so that where the caller built the objective the compiler
 * sees the body's address before it decides what to inline (and can inline
 * the body too); each is a few tests and one pass's seeding. */
#if defined(__GNUC__) || defined(__clang__)
#  define HD__SMALL_INLINE __attribute__((always_inline)) static inline
#else
#  define HD__SMALL_INLINE static inline
#endif

/* obj's body of kind S, or a null pointer: the table may lack it, or be
 * too short to hold it (built against an older header). */
#define HD__BODY_OF(o, S)                                                                       \
    ((o)->bodies && (o)->bodies->size >= offsetof(hd_bodies, S) + sizeof(hd_body_##S)          \
         ? (o)->bodies->S                                                                       \
         : (hd_body_##S)0)

/*
 * Seeds are written with stores as wide as the body's loads of them: 16
 * bytes at the 16-byte offsets of an element (val/d1, d2/d12), whole lane
 * pairs. A narrower store under a wider load defeats store-to-load
 * forwarding, which cost about 10 ns per pass at n = 2 (doc/performance.md).
 */
#ifdef HD__VECTOR_LANES
/* A vector-typed store: gcc splits a memcpy of a constant pair into two
 * 8-byte immediate stores, which is exactly what must not happen here. */
__extension__ typedef double hd__pair_store
    __attribute__((vector_size(16), aligned(sizeof(double)), may_alias));
#  if HD__CHUNK_LANES == 4
__extension__ typedef double hd__quad_store
    __attribute__((vector_size(32), aligned(sizeof(double)), may_alias));
#  endif
#endif
static inline void hd__put2(void *p, double a, double b)
{
#ifdef HD__VECTOR_LANES
    const hd__pair_store v = {a, b};
    *(hd__pair_store *)p = v;
#else
    const double v[2] = {a, b};
    memcpy(p, v, sizeof v);
#endif
}
/* Four lanes in one store where the lane parts are made of four-lane
 * registers (kinds.h), else two pairs. */
static inline void hd__put4(void *p, double a, double b, double c, double d)
{
#if defined(HD__VECTOR_LANES) && HD__CHUNK_LANES == 4
    const hd__quad_store v = {a, b, c, d};
    *(hd__quad_store *)p = v;
#else
    hd__put2(p, a, b);
    hd__put2((double *)p + 2, c, d);
#endif
}
/* Lane k of a lane part := v, through the register that holds it (w lanes:
 * its other lanes := 0, seeds never share a register of one element). */
static inline void hd__put_lane_w(void *part, size_t k, double v, size_t w)
{
    double *r = (double *)part + w * (k / w);
    const size_t i = k % w;
    if (w == 4) hd__put4(r, i == 0 ? v : 0.0, i == 1 ? v : 0.0, i == 2 ? v : 0.0, i == 3 ? v : 0.0);
    else hd__put2(r, i == 0 ? v : 0.0, i == 1 ? v : 0.0);
}
#ifdef HD__VECTOR_LANES
#  define HD__PART_WIDTH(part) (sizeof (part)->c[0] / sizeof(double))
#else
#  define HD__PART_WIDTH(part) 2
#endif
#define HD__PUT_LANE(part, k, v) hd__put_lane_w((part), (k), (v), HD__PART_WIDTH(part))
/* Four zero lanes, as the body loads them; eight, twelve. The stores are
 * written out: as a loop, gcc turns the zeroing into `rep stos`, whose
 * narrow stores then stall the body's loads (F1's gradient at n = 6 took
 * 94 ns instead of 29). */
#define HD__ZERO4(d) hd__put4((d), 0.0, 0.0, 0.0, 0.0)
#define HD__ZERO12(d) (HD__ZERO4(d), HD__ZERO4((d) + 4), HD__ZERO4((d) + 8))
/* Constants (every derivative part 0), written the same way. */
static inline void hd__init_hd_dual2(hd_dual2 *e, double x)
{
    e->val = x;
    hd__put2(&e->d, 0.0, 0.0);
}
static inline void hd__init_hd_dual4(hd_dual4 *e, double x)
{
    e->val = x;
    HD__ZERO4((double *)(void *)&e->d);
}
static inline void hd__init_hd_dualv(hd_dualv *e, double x)
{
    e->val = x;
    HD__ZERO12((double *)(void *)&e->d); /* HD_LANES = 12 (kinds.h) */
}
static inline void hd__init_hd_hyper2(hd_hyper2 *e, double x)
{
    double *h = (double *)(void *)&e->h;
    e->val = x;
    hd__put2(&e->g, 0.0, 0.0);
    hd__put2(h, 0.0, 0.0);
    hd__put2(h + 2, 0.0, 0.0);
}
static inline void hd__init_hd_hyper4(hd_hyper4 *e, double x)
{
    double *h = (double *)(void *)&e->h;
    e->val = x;
    HD__ZERO4((double *)(void *)&e->g);
    hd__put2(h, 0.0, 0.0);
    hd__put2(h + 2, 0.0, 0.0);
    hd__put2(h + 4, 0.0, 0.0);
    hd__put2(h + 6, 0.0, 0.0);
    hd__put2(h + 8, 0.0, 0.0);
}

/* One pass of the K-lane gradient kind S (type T) over n <= K variables,
 * lane k seeding variable k: f(x) into *fx (when fx is not NULL) and the
 * gradient into grad. For K <= 4 the K - n unused elements are set too,
 * which lets the compiler unroll the seeding (the body reads only n). */
#define HD__ONE_GRADIENT_PASS(T, S, K)                                                          \
    HD__SMALL_INLINE void hd__one_pass_##S(const hd_objective *obj, const double *x, size_t n, \
                                        double *fx, double *grad)                              \
    {                                                                                           \
        T xv[K];                                                                                \
        const size_t m = (K) <= 4 ? (K) : n; /* a constant count unrolls; the body reads n */   \
        for (size_t i = 0; i < m; i++) hd__init_##T(&xv[i], i < n ? x[i] : 0.0);                \
        for (size_t i = 0; i < n; i++) HD__PUT_LANE(&xv[i].d, i, 1.0);                          \
        const T r = obj->bodies->S(xv, obj->n, obj->ctx);                                       \
        for (size_t i = 0; i < n; i++) grad[i] = HD_LANE(r.d, i);                               \
        if (fx) *fx = r.val;                                                                    \
    }
HD__ONE_GRADIENT_PASS(hd_dual2, dual2, 2)
HD__ONE_GRADIENT_PASS(hd_dual4, dual4, 4)
HD__ONE_GRADIENT_PASS(hd_dualv, dualv, HD_LANES)

/*
 * The gradient of obj at x in one pass when n = obj->n <= HD__SMALL_MAX_N
 * and obj has the kind the automatic choice takes there: hd_dual2 up to
 * n = 2, hd_dual4 from n = 2 on (lib/diff/path_narrow.c). Returns the kind
 * of the pass, or HD_KIND_VALUE when it made none. obj, x and grad are not
 * NULL. (The library passes n as a constant where it can: the seeding then
 * has constant indices.)
 */
HD__SMALL_INLINE hd_kind hd__small_gradient(const hd_objective *obj, size_t n, const double *x,
                                            double *fx, double *grad)
{
    if (n <= HD__DUAL2_MAX_N && HD__BODY_OF(obj, dual2)) {
        hd__one_pass_dual2(obj, x, n, fx, grad);
        return HD_KIND_DUAL2;
    }
    if (n >= 2 && n <= HD__SMALL_MAX_N && HD__BODY_OF(obj, dual4)) {
        hd__one_pass_dual4(obj, x, n, fx, grad);
        return HD_KIND_DUAL4;
    }
    return HD_KIND_VALUE;
}

/* The gradient of obj at x in one hd_dualv pass when HD__SMALL_MAX_N < n =
 * obj->n <= HD_LANES and obj has that body, which is the automatic choice
 * there (lib/diff/path_lanes.c). Returns 1 when it made the pass. */
HD__SMALL_INLINE int hd__lanes_gradient(const hd_objective *obj, size_t n, const double *x,
                                        double *fx, double *grad)
{
    if (n <= HD__SMALL_MAX_N || n > HD_LANES || !HD__BODY_OF(obj, dualv)) return 0;
    hd__one_pass_dualv(obj, x, n, fx, grad);
    return 1;
}

/* The value, gradient and Hessian of obj at n <= K variables from ONE pass
 * of the packed kind S (type T, K lanes): lane k of g seeds variable k.
 * fx and grad may be NULL. */
#define HD__ONE_HESSIAN_PASS(T, S, K)                                                           \
    HD__SMALL_INLINE void hd__one_pass_##S(const hd_objective *obj, const double *x, size_t n, \
                                        double *fx, double *grad, double *hess)                \
    {                                                                                           \
        T xv[K];                                                                                \
        for (size_t i = 0; i < (K); i++) hd__init_##T(&xv[i], i < n ? x[i] : 0.0);              \
        for (size_t i = 0; i < n; i++) HD__PUT_LANE(&xv[i].g, i, 1.0);                          \
        const T r = obj->bodies->S(xv, obj->n, obj->ctx);                                       \
        if (fx) *fx = r.val;                                                                    \
        for (size_t i = 0; i < n; i++) {                                                        \
            if (grad) grad[i] = HD_LANE(r.g, i);                                                \
            for (size_t j = 0; j <= i; j++)                                                     \
                hess[i * n + j] = hess[j * n + i] = HD_LANE(r.h, T##_entry((int)i, (int)j));    \
        }                                                                                       \
    }
HD__ONE_HESSIAN_PASS(hd_hyper2, hyper2, 2)
HD__ONE_HESSIAN_PASS(hd_hyper4, hyper4, 4)

/* The Hessian of obj at x in one pass when n = obj->n <= HD__SMALL_MAX_N
 * and obj has the kind the packed path takes there (lib/diff/path_packed.c):
 * hd_hyper2 up to n = 2, else hd_hyper4. Returns the kind of the pass, or
 * HD_KIND_VALUE when it made none. obj, x and hess are not NULL. */
HD__SMALL_INLINE hd_kind hd__small_hessian(const hd_objective *obj, size_t n, const double *x,
                                           double *fx, double *grad, double *hess)
{
    if (n <= HD__HYPER2_MAX_N && HD__BODY_OF(obj, hyper2)) {
        hd__one_pass_hyper2(obj, x, n, fx, grad, hess);
        return HD_KIND_HYPER2;
    }
    if (n <= HD__SMALL_MAX_N && HD__BODY_OF(obj, hyper4)) {
        hd__one_pass_hyper4(obj, x, n, fx, grad, hess);
        return HD_KIND_HYPER4;
    }
    return HD_KIND_VALUE;
}

/* A usable objective as the exported drivers check it: n >= 1 and a
 * hyper-dual body (the contract's member or the table's). */
HD__SMALL_INLINE int hd__usable(const hd_objective *obj)
{
    return obj && obj->n >= 1 && (obj->f_hyper || HD__BODY_OF(obj, hyper));
}

/* The exported drivers on a copy of the objective. Out of line and taking
 * the objective by value, so that where the caller builds its objective
 * from constants nothing of it is stored to memory unless this call is
 * made (the copy is a few words beside a call that takes more than 50 ns). */
#if defined(__GNUC__) || defined(__clang__)
#  define HD__SMALL_COLD __attribute__((noinline, cold)) static
#else
#  define HD__SMALL_COLD static
#endif
HD__SMALL_COLD int hd__gradient_exported(hd_objective obj, const double *x, double *fx,
                                         double *grad)
{
    return hd_gradient(&obj, x, fx, grad);
}
HD__SMALL_COLD int hd__hessian_exported(hd_objective obj, const double *x, double *fx,
                                        double *grad, double *hess)
{
    return hd_hessian(&obj, x, fx, grad, hess);
}

/** @brief hd_gradient(), with the one pass for small n made inline
 *  (see the file's description); the same contract and results. */
HD_WARN_UNUSED HD__SMALL_INLINE int hd__gradient_small(const hd_objective *obj, const double *x,
                                                       double *fx, double *grad)
{
    if (hd__usable(obj) && x && grad
        && (hd__small_gradient(obj, obj->n, x, fx, grad) != HD_KIND_VALUE
            || hd__lanes_gradient(obj, obj->n, x, fx, grad)))
        return HD_OK;
    return obj ? hd__gradient_exported(*obj, x, fx, grad) : hd_gradient(obj, x, fx, grad);
}

/** @brief hd_hessian(), with the one pass for small n made inline
 *  (see the file's description); the same contract and results. */
HD_WARN_UNUSED HD__SMALL_INLINE int hd__hessian_small(const hd_objective *obj, const double *x,
                                                      double *fx, double *grad, double *hess)
{
    if (hd__usable(obj) && x && hess
        && hd__small_hessian(obj, obj->n, x, fx, grad, hess) != HD_KIND_VALUE)
        return HD_OK;
    return obj ? hd__hessian_exported(*obj, x, fx, grad, hess) : hd_hessian(obj, x, fx, grad, hess);
}

HD_END_DECLS

#if !defined(HD_BUILDING_LIBRARY) && !defined(HD_NO_INLINE_DRIVERS)
#  define hd_gradient(obj, x, fx, grad) hd__gradient_small(obj, x, fx, grad)
#  define hd_hessian(obj, x, fx, grad, hess) hd__hessian_small(obj, x, fx, grad, hess)
#endif

#endif /* HYPERDUAL_SMALL_H */
