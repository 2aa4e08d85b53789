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
/** f on four-lane duals: a gradient of up to four variables in one pass. */
typedef hd_dual4 (*hd_fn_dual4)(const hd_dual4 *x, void *ctx);
/** f on two-lane duals: a gradient of one or two variables in one pass. */
typedef hd_dual2 (*hd_fn_dual2)(const hd_dual2 *x, void *ctx);
/** f on lane hyper-duals: HD_HYPERV_LANES entries of one Hessian row per pass. */
typedef hd_hyperv (*hd_fn_hyperv)(const hd_hyperv *x, void *ctx);
/** f on pattern numbers: one 64×64 block of the Hessian's structure per pass. */
typedef hd_pattern (*hd_fn_pattern)(const hd_pattern *x, void *ctx);
/** @brief An objective recorded on a tape (hd_taped); see hd_objective.f_taped. */
typedef hd_taped (*hd_fn_taped)(const hd_taped *x, void *ctx);

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
    hd_fn_dual4 f_dual4;  /**< optional: four gradient directions per pass (small n) */
    hd_fn_pattern f_pattern; /**< optional: the Hessian's structure for
                               hd_sparsity_detect (sparse.h) */
    hd_fn_taped f_taped;  /**< optional: one recorded pass, then reverse sweeps: the
                               gradient in O(1) evaluations and the Hessian in
                               O(colours) sweeps (doc/performance.md) */
    hd_fn_dual2 f_dual2;  /**< optional: two gradient directions per pass; hd_gradient
                               prefers it to f_dual and f_dual4 up to n = 2 (paths.h) */
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
 * @param obj  in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x    in: n = obj->n values, the point
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives (with fx also NULL,
 *             nothing is computed)
 * @return HD_OK; HD_EINVAL for a NULL obj/x, n == 0 or no f_hyper; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_gradient(const hd_objective *obj, const double *x, double *fx,
                                      double *grad);

/**
 * @brief Value, gradient and exact Hessian from n(n+1)/2 hyper-dual passes;
 *        the gradient and value come from the same passes.
 * @param obj  in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x    in: n = obj->n values, the point
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives
 * @param hess out, not NULL: n*n, row-major, exactly symmetric
 * @return HD_OK; HD_EINVAL for a NULL obj/x/hess, n == 0 or no f_hyper;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian(const hd_objective *obj, const double *x, double *fx,
                                     double *grad, double *hess);

/* ---- Further drivers (lib/diff_extra.c) ----------------------------------------- */

/**
 * @brief f(x) and the directional derivative ∇f(x)·v from ONE dual pass
 *        (one hyper-dual pass without f_dual).
 * @param obj in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x   in: n = obj->n values, the point
 * @param v   in: n values, the direction
 * @param fx  out, may be NULL: f(x)
 * @param dv  out, may be NULL: ∇f(x)·v
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v, n == 0 or no f_hyper; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_directional(const hd_objective *obj, const double *x,
                                         const double *v, double *fx, double *dv);

/**
 * @brief Hessian-vector product H(x)·v from n hyper-dual passes (pass i seeds
 *        e_i and v), with the value and gradient from the same passes.
 *
 * Costs n passes instead of the n(n+1)/2 of hd_hessian, and never stores H.
 * @param obj  in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x    in: n = obj->n values, the point
 * @param v    in: n values, the vector
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives
 * @param hv   out, not NULL: n values, H(x)·v
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v/hv, n == 0 or no f_hyper; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian_vector(const hd_objective *obj, const double *x,
                                            const double *v, double *fx, double *grad,
                                            double *hv);

/**
 * @brief vᵀ H(x) w in ONE hyper-dual pass (seeds d1 = v, d2 = w), with f(x),
 *        ∇f·v and ∇f·w from the same pass.
 * @param obj in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x   in: n = obj->n values, the point
 * @param v   in: n values, the first direction
 * @param w   in: n values, the second direction
 * @param fx  out, may be NULL: f(x)
 * @param gv  out, may be NULL: ∇f(x)·v
 * @param gw  out, may be NULL: ∇f(x)·w
 * @param vhw out, may be NULL: vᵀ H(x) w
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v/w, n == 0 or no f_hyper; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_directional2(const hd_objective *obj, const double *x,
                                          const double *v, const double *w, double *fx,
                                          double *gv, double *gw, double *vhw);

/** Plain vector function F: R^n -> R^m; writes m outputs. */
typedef void (*hd_vfn)(const double *x, double *out, void *ctx);
/** F on dual numbers: one directional derivative of all m outputs per pass. */
typedef void (*hd_vfn_dual)(const hd_dual *x, hd_dual *out, void *ctx);

/**
 * @brief A vector-valued function F: R^n -> R^m (residuals, constraints).
 *
 * Initialise with designated initialisers or HD_GENERIC_VECTOR_OBJECTIVE's
 * constructor, so that members added later start zero.
 */
typedef struct hd_vector_objective {
    size_t      n;       /**< number of variables, >= 1 */
    size_t      m;       /**< number of outputs, >= 1 */
    hd_vfn      f;       /**< optional: plain values */
    hd_vfn_dual f_dual;  /**< required: Jacobian passes */
    void       *ctx;     /**< passed through untouched */
} hd_vector_objective;

/**
 * @brief F(x) and its exact Jacobian from n dual passes (pass j gives column j).
 * @param F   in: the function; F->n >= 1, F->m >= 1 and F->f_dual non-NULL
 * @param x   in: n = F->n values, the point
 * @param fx  out, may be NULL: m values F(x) (from the first pass)
 * @param jac out, not NULL: m*n, row-major, jac[i*n + j] = ∂F_i/∂x_j
 * @return HD_OK; HD_EINVAL for a NULL F/x/jac, n == 0, m == 0 or no f_dual;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_jacobian(const hd_vector_objective *F, const double *x,
                                      double *fx, double *jac);

/** A user's hand-written derivative: writes the gradient (n) or Hessian (n*n, row-major). */
typedef void (*hd_user_derivative)(const double *x, double *out, void *ctx);

/**
 * @brief How far a hand-written derivative is from the exact one
 *        (filled by hd_check_derivatives).
 *
 * For user value u and exact value e, the absolute error is |u - e|, the
 * relative error |u - e| / max(|u|, |e|) (0 when both are 0), and an entry is
 * bad when |u - e| > tol · max(1, |e|). A non-finite u counts as an infinite
 * error.
 */
typedef struct hd_derivative_error {
    double max_abs_error;  /**< largest absolute error */
    double max_rel_error;  /**< largest relative error */
    size_t worst_row;      /**< entry with the largest |u - e| / max(1, |e|): row (gradient: index) */
    size_t worst_col;      /**< its column (gradient: 0) */
    double worst_user;     /**< the user's value there */
    double worst_exact;    /**< the exact value there */
    size_t bad_entries;    /**< entries beyond tol; 0 means the check passed */
} hd_derivative_error;

/**
 * @brief Check a hand-written gradient and/or Hessian against the exact ones
 *        at x (like Ceres' GradientChecker, but with no finite-difference noise).
 *
 * The user's callbacks receive obj->ctx. Costs one hd_hessian (or hd_gradient
 * when hess is NULL).
 * @param obj         in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x           in: n = obj->n values, the point
 * @param grad        in, may be NULL (to skip it): the user's gradient,
 *                    writes n values
 * @param hess        in, may be NULL (to skip it): the user's Hessian,
 *                    writes n*n values, row-major
 * @param tol         tolerance (>= 0, not NaN) of the mixed test above, e.g. 1e-8
 * @param grad_report out (may be NULL only when grad is NULL)
 * @param hess_report out (may be NULL only when hess is NULL)
 * @return HD_OK (read bad_entries for the verdict); HD_EINVAL for a NULL
 *         obj/x, n == 0, no f_hyper, tol < 0 or NaN, or a NULL report for a
 *         given callback; HD_ENOMEM; HD_ENONFINITE when the exact derivatives
 *         themselves are not finite at x, so no comparison is meaningful.
 */
HD_API HD_WARN_UNUSED int hd_check_derivatives(const hd_objective *obj, const double *x,
                                               hd_user_derivative grad, hd_user_derivative hess,
                                               double tol, hd_derivative_error *grad_report,
                                               hd_derivative_error *hess_report);

/* One instantiation of a vector body for number type T_. */
#define HD__VINSTANCE(name, S, T_, T, x, out, ctx, ...)                               \
    static inline void name##__hd_v##S(const T_ *x, T_ *out, void *ctx)               \
    {                                                                                 \
        typedef T_ T;                                                                 \
        HD__UNUSED_TYPE(T);                                                           \
        (void)(x);                                                                    \
        (void)(out);                                                                  \
        (void)(ctx);                                                                  \
        __VA_ARGS__                                                                   \
    }

/**
 * @brief Define a vector function once; get its instantiations and a constructor.
 *
 * HD_GENERIC_VECTOR_OBJECTIVE(name, T, x, out, ctx, body...) works like
 * HD_GENERIC_OBJECTIVE, except that the body writes its m outputs to out[0..m-1]
 * (type `T *`) and returns nothing. It defines
 *     static inline hd_vector_objective name_vector_objective(size_t n, size_t m, void *ctx);
 */
#define HD_GENERIC_VECTOR_OBJECTIVE(name, T, x, out, ctx, ...)                        \
    HD__VINSTANCE(name, double, double, T, x, out, ctx, __VA_ARGS__)                  \
    HD__VINSTANCE(name, dual, hd_dual, T, x, out, ctx, __VA_ARGS__)                   \
    static inline hd_vector_objective name##_vector_objective(size_t n_, size_t m_,   \
                                                              void *ctx_)             \
    {                                                                                 \
        hd_vector_objective o_ = {0, 0, 0, 0, 0};                                     \
        o_.n = n_;                                                                    \
        o_.m = m_;                                                                    \
        o_.f = name##__hd_vdouble;                                                    \
        o_.f_dual = name##__hd_vdual;                                                 \
        o_.ctx = ctx_;                                                                \
        return o_;                                                                    \
    }

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
    HD__INSTANCE(name, dual4, hd_dual4, T, x, ctx, __VA_ARGS__)                       \
    HD__INSTANCE(name, pattern, hd_pattern, T, x, ctx, __VA_ARGS__)                   \
    HD__INSTANCE(name, taped, hd_taped, T, x, ctx, __VA_ARGS__)                       \
    HD__INSTANCE(name, dual2, hd_dual2, T, x, ctx, __VA_ARGS__)                       \
    static inline hd_objective name##_objective(size_t n_, void *ctx_)                \
    {                                                                                 \
        hd_objective o_ = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};                       \
        o_.n = n_;                                                                    \
        o_.f = name##__hd_double;                                                     \
        o_.f_dual = name##__hd_dual;                                                  \
        o_.f_hyper = name##__hd_hyper;                                                \
        o_.ctx = ctx_;                                                                \
        o_.f_lanes = name##__hd_dualv;                                                \
        o_.f_hyperv = name##__hd_hyperv;                                              \
        o_.f_dual4 = name##__hd_dual4;                                                \
        o_.f_pattern = name##__hd_pattern;                                            \
        o_.f_taped = name##__hd_taped;                                                \
        o_.f_dual2 = name##__hd_dual2;                                                \
        return o_;                                                                    \
    }

#endif /* HYPERDUAL_DIFF_H */
