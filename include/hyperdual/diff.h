/**
 * @file hyperdual/diff.h
 * @brief Objectives and the derivative drivers: value, gradient, Hessian.
 *
 * An objective is a function of n variables given as one or more
 * instantiations (double, hd_dual, hd_hyper). HD_GENERIC_OBJECTIVE writes all
 * of them from one body. The drivers seed the passes and gather the results;
 * they never print, abort or exit, and return HD_OK or a negative HD_E* code.
 */
#ifndef HYPERDUAL_DIFF_H
#define HYPERDUAL_DIFF_H

#include <stddef.h>
#include "export.h"
#include "error.h"
#include "types.h"

HD_BEGIN_DECLS

/** Plain value of f at x[0..n-1]. */
typedef double (*hd_fn)(const double *x, void *ctx);
/** f on dual numbers: one directional derivative per pass. */
typedef hd_dual (*hd_fn_dual)(const hd_dual *x, void *ctx);
/** f on hyper-dual numbers: one second directional derivative per pass. */
typedef hd_hyper (*hd_fn_hyper)(const hd_hyper *x, void *ctx);
/** f on vector duals: HD_LANES directional derivatives per pass. */
typedef hd_dualv (*hd_fn_lanes)(const hd_dualv *x, void *ctx);
/** f on lane hyper-duals: HD_HYPERV_LANES entries of one Hessian row per pass. */
typedef hd_hyperv (*hd_fn_hyperv)(const hd_hyperv *x, void *ctx);

struct hd_sparsity;

/**
 * @brief A scalar objective f: R^n -> R.
 *
 * Initialise with designated initialisers (or HD_GENERIC_OBJECTIVE's
 * constructor) so that members added in later versions start zero.
 */
typedef struct hd_objective {
    size_t      n;        /**< number of variables, >= 1 */
    hd_fn       f;        /**< optional: plain value */
    hd_fn_dual  f_dual;   /**< optional: gradient passes */
    hd_fn_hyper f_hyper;  /**< required: value, gradient, Hessian */
    void       *ctx;      /**< passed through untouched */
    hd_fn_lanes f_lanes;  /**< optional: gradient passes of HD_LANES directions each;
                               hd_gradient prefers it to f_dual when n > 1 */
    hd_fn_hyperv f_hyperv; /**< optional: Hessian passes of HD_HYPERV_LANES entries each */
    const struct hd_sparsity *hess_sparsity; /**< optional: the Hessian's pattern
                               (sparse.h); hd_hessian then computes only its
                               non-zeros when that takes fewer passes */
} hd_objective;

/**
 * @brief f(x), from the fastest member present (f, else f_dual, else f_hyper).
 * @param obj the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x   n values
 * @param fx  out: f(x)
 * @return HD_OK; HD_EINVAL for a NULL pointer, n == 0 or no f_hyper.
 *         A non-finite f(x) is returned as is (HD_OK): callers decide.
 */
HD_API HD_WARN_UNUSED int hd_value(const hd_objective *obj, const double *x, double *fx);

/**
 * @brief Value and exact gradient: n dual passes (or n hyper-dual passes
 *        without f_dual).
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives
 * @return HD_OK; HD_EINVAL for bad arguments.
 */
HD_API HD_WARN_UNUSED int hd_gradient(const hd_objective *obj, const double *x, double *fx,
                                      double *grad);

/**
 * @brief Value, gradient and exact Hessian from n(n+1)/2 hyper-dual passes;
 *        the gradient and value come from the same passes.
 * @param hess out: n*n, row-major, exactly symmetric
 * @return HD_OK; HD_EINVAL for bad arguments or a NULL hess.
 */
HD_API HD_WARN_UNUSED int hd_hessian(const hd_objective *obj, const double *x, double *fx,
                                     double *grad, double *hess);

HD_END_DECLS

/* ---- HD_GENERIC_OBJECTIVE -------------------------------------------------------- */

#define HD__UNUSED_TYPE(T) (void)sizeof(T)

/* One instantiation of the body for number type T_ (suffix S, return type R). */
#define HD__INSTANCE(name, S, T_, T, x, ctx, ...)                                     \
    static inline T_ name##__hd_##S(const T_ *x, void *ctx)                           \
    {                                                                                 \
        typedef T_ T;                                                                 \
        HD__UNUSED_TYPE(T);                                                           \
        (void)(x);                                                                    \
        (void)(ctx);                                                                  \
        __VA_ARGS__                                                                   \
    }

/**
 * @brief Define an objective once; get every instantiation and a constructor.
 *
 * HD_GENERIC_OBJECTIVE(name, T, x, ctx, body...) defines static inline
 * instantiations of `body` for double, hd_dual and hd_hyper (and any further
 * number type of the library), and
 *     static inline hd_objective name_objective(size_t n, void *ctx);
 * Inside the body T is the number type, x is `const T *` and ctx the void *
 * passed through. The body uses only the hd_ macros, `(T){0}` for a zero and
 * hd_val() for comparisons. It compiles without warnings whether or not it
 * uses T or ctx.
 */
#define HD_GENERIC_OBJECTIVE(name, T, x, ctx, ...)                                    \
    HD__INSTANCE(name, double, double, T, x, ctx, __VA_ARGS__)                        \
    HD__INSTANCE(name, dual, hd_dual, T, x, ctx, __VA_ARGS__)                         \
    HD__INSTANCE(name, hyper, hd_hyper, T, x, ctx, __VA_ARGS__)                       \
    HD__INSTANCE(name, dualv, hd_dualv, T, x, ctx, __VA_ARGS__)                       \
    HD__INSTANCE(name, hyperv, hd_hyperv, T, x, ctx, __VA_ARGS__)                     \
    static inline hd_objective name##_objective(size_t n_, void *ctx_)                \
    {                                                                                 \
        hd_objective o_ = {0, 0, 0, 0, 0, 0, 0, 0};                                         \
        o_.n = n_;                                                                    \
        o_.f = name##__hd_double;                                                     \
        o_.f_dual = name##__hd_dual;                                                  \
        o_.f_hyper = name##__hd_hyper;                                                \
        o_.ctx = ctx_;                                                                \
        o_.f_lanes = name##__hd_dualv;                                                \
        o_.f_hyperv = name##__hd_hyperv;                                              \
        return o_;                                                                    \
    }

#endif /* HYPERDUAL_DIFF_H */
