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
#include "kinds.h"

HD_BEGIN_DECLS

/** Plain value of f at x[0..n-1]: the contract's member f. */
typedef double (*hd_fn)(const double *x, void *ctx);
/** f on dual numbers: one directional derivative per pass (member f_dual). */
typedef hd_dual (*hd_fn_dual)(const hd_dual *x, void *ctx);
/** f on hyper-dual numbers: one second directional derivative per pass (member f_hyper). */
typedef hd_hyper (*hd_fn_hyper)(const hd_hyper *x, void *ctx);

/* hd_body_S: a body of kind S in an objective's table. It also receives the
 * objective's n, so a body can know its dimension (HD_GENERIC_OBJECTIVE_N). */
#define HD__BODY_TYPE(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                  \
    typedef T (*hd_body_##S)(const T *x, size_t n, void *ctx);
HD__EVAL_KINDS(HD__BODY_TYPE, ~)
#define HD__BODY_MEMBER(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) hd_body_##S S;

/**
 * @brief An objective's bodies, one per kind of the list (kinds.h): value,
 *        dual, hyper, dual2, dual4, dualv, hyperv, taped, pattern, hyper4,
 *        hyper2.
 *
 * HD_GENERIC_OBJECTIVE builds one (a static table per objective); the
 * expression engine has its own. A NULL member is a kind the objective does
 * not offer. `size` is sizeof(hd_bodies) where the table was built: kinds
 * added to the list later are read only from tables that are large enough,
 * so a table built against an older header stays valid.
 */
typedef struct hd_bodies {
    size_t size;  /**< sizeof(hd_bodies) as the builder of the table saw it */
    HD__EVAL_KINDS(HD__BODY_MEMBER, ~)
} hd_bodies;

struct hd_sparsity;

/**
 * @brief A scalar objective f: R^n -> R.
 *
 * A hand-written objective gives f_hyper (required) and, for speed, f and
 * f_dual. HD_GENERIC_OBJECTIVE gives those and a table of bodies for the
 * library's faster kinds; HD_GENERIC_OBJECTIVE_N gives only the table (its
 * bodies need n), so call such an objective through the drivers. The
 * layout is fixed: a new kind goes into hd_bodies, never here. Initialise
 * with designated initialisers (or a constructor) so that unnamed members
 * start zero.
 */
typedef struct hd_objective {
    size_t      n;        /**< number of variables, >= 1 */
    hd_fn       f;        /**< optional: plain value */
    hd_fn_dual  f_dual;   /**< optional: gradient passes */
    hd_fn_hyper f_hyper;  /**< required (unless bodies has hyper): value, gradient, Hessian */
    void       *ctx;      /**< passed through untouched */
    const struct hd_sparsity *hess_sparsity; /**< optional: the Hessian's pattern
                               (sparse.h); hd_hessian then computes only its
                               non-zeros when that takes fewer passes */
    const hd_bodies *bodies; /**< optional: bodies of the faster kinds; its
                               value, dual and hyper serve where f, f_dual and
                               f_hyper are NULL (HD_GENERIC_OBJECTIVE_N) */
} hd_objective;

/**
 * @brief f(x), from the fastest member present (f, else f_dual, else f_hyper).
 * @param obj the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x   n values
 * @param fx  out: f(x)
 * @return HD_OK; HD_EINVAL for a NULL pointer, n == 0 or no hyper-dual body.
 *         A non-finite f(x) is returned as is (HD_OK): callers decide.
 */
HD_API HD_WARN_UNUSED int hd_value(const hd_objective *obj, const double *x, double *fx);

/**
 * @brief Value and exact gradient: n dual passes (or n hyper-dual passes
 *        without f_dual).
 * @param obj  in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x    in: n = obj->n values, the point
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives (with fx also NULL,
 *             nothing is computed)
 * @return HD_OK; HD_EINVAL for a NULL obj/x, n == 0 or no hyper-dual body; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_gradient(const hd_objective *obj, const double *x, double *fx,
                                      double *grad);

/**
 * @brief Value, gradient and exact Hessian from n(n+1)/2 hyper-dual passes;
 *        the gradient and value come from the same passes.
 * @param obj  in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x    in: n = obj->n values, the point
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives
 * @param hess out, not NULL: n*n, row-major, exactly symmetric
 * @return HD_OK; HD_EINVAL for a NULL obj/x/hess, n == 0 or no hyper-dual body;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian(const hd_objective *obj, const double *x, double *fx,
                                     double *grad, double *hess);

/* ---- Further drivers (lib/diff/extra.c) ----------------------------------------- */

/**
 * @brief f(x) and the directional derivative ∇f(x)·v from ONE dual pass
 *        (one hyper-dual pass without f_dual).
 * @param obj in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x   in: n = obj->n values, the point
 * @param v   in: n values, the direction
 * @param fx  out, may be NULL: f(x)
 * @param dv  out, may be NULL: ∇f(x)·v
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v, n == 0 or no hyper-dual body; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_directional(const hd_objective *obj, const double *x,
                                         const double *v, double *fx, double *dv);

/**
 * @brief Hessian-vector product H(x)·v, exact, with the value and gradient
 *        from the same work, on the cheapest path (hd_hessian_vector_ex()).
 *
 * With bodies->taped (every HD_GENERIC_OBJECTIVE has it), from n = 9 on:
 * one recorded pass and one forward-over-reverse sweep, a few evaluations'
 * cost whatever n is. Otherwise ceil(n/HD_HYPERV_LANES) hd_hyperv passes
 * (bodies->hyperv, n >= 3), else n hyper-dual passes (pass i seeds e_i and
 * v). Never stores H.
 * @param obj  in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x    in: n = obj->n values, the point
 * @param v    in: n values, the vector
 * @param fx   out, may be NULL: f(x)
 * @param grad out, may be NULL: n partial derivatives
 * @param hv   out, not NULL: n values, H(x)·v
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v/hv, n == 0 or no hyper-dual body; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian_vector(const hd_objective *obj, const double *x,
                                            const double *v, double *fx, double *grad,
                                            double *hv);

/**
 * @brief vᵀ H(x) w in ONE hyper-dual pass (seeds d1 = v, d2 = w), with f(x),
 *        ∇f·v and ∇f·w from the same pass.
 * @param obj in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x   in: n = obj->n values, the point
 * @param v   in: n values, the first direction
 * @param w   in: n values, the second direction
 * @param fx  out, may be NULL: f(x)
 * @param gv  out, may be NULL: ∇f(x)·v
 * @param gw  out, may be NULL: ∇f(x)·w
 * @param vhw out, may be NULL: vᵀ H(x) w
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v/w, n == 0 or no hyper-dual body; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_directional2(const hd_objective *obj, const double *x,
                                          const double *v, const double *w, double *fx,
                                          double *gv, double *gw, double *vhw);

/** Plain vector function F: R^n -> R^m; writes m outputs. */
typedef void (*hd_vfn)(const double *x, double *out, void *ctx);
/** F on dual numbers: one directional derivative of all m outputs per pass. */
typedef void (*hd_vfn_dual)(const hd_dual *x, hd_dual *out, void *ctx);

/* hd_vbody_S: a vector body of kind S in a vector objective's table: writes
 * the m outputs of kind S to out; it also receives n. */
#define HD__VBODY_TYPE(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                 \
    typedef void (*hd_vbody_##S)(const T *x, T *out, size_t n, void *ctx);
HD__EVAL_KINDS(HD__VBODY_TYPE, ~)
#define HD__VBODY_MEMBER(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) hd_vbody_##S S;

/**
 * @brief A vector function's bodies, one per kind of the list (kinds.h), as
 *        hd_bodies is for a scalar objective.
 *
 * HD_GENERIC_VECTOR_OBJECTIVE builds one per function (a static table), and
 * the library's adapters (hd_data_residuals()) have their own. A NULL
 * member is a kind the function does not offer; `size` is sizeof(hd_vbodies)
 * where the table was built, so kinds added to the list later are read only
 * from tables large enough to have them. hd_jacobian() takes its passes on
 * the widest kind present (doc/design.md, "The table of paths"), and
 * hd_sum_of_squares() needs the kinds of the drivers' Hessians.
 */
typedef struct hd_vbodies {
    size_t size;  /**< sizeof(hd_vbodies) as the builder of the table saw it */
    HD__EVAL_KINDS(HD__VBODY_MEMBER, ~)
} hd_vbodies;

/**
 * @brief A vector-valued function F: R^n -> R^m (residuals, constraints).
 *
 * Initialise with designated initialisers or HD_GENERIC_VECTOR_OBJECTIVE's
 * constructor, so that members added later start zero. A hand-written
 * function gives f_dual (and f, for speed); HD_GENERIC_VECTOR_OBJECTIVE
 * gives both and a table of the other kinds (bodies), which faster Jacobians
 * and hd_sum_of_squares() need.
 */
typedef struct hd_vector_objective {
    size_t      n;       /**< number of variables, >= 1 */
    size_t      m;       /**< number of outputs, >= 1 */
    hd_vfn      f;       /**< optional: plain values */
    hd_vfn_dual f_dual;  /**< required (unless bodies has dual): Jacobian passes */
    void       *ctx;     /**< passed through untouched */
    const hd_vbodies *bodies; /**< optional: bodies of every kind; its value and
                               dual serve where f and f_dual are NULL */
} hd_vector_objective;

/**
 * @brief F(x) and its exact Jacobian: on the fastest path the function has
 *        (HD_LANES columns per hd_dualv pass from n = 5 on, two or four per
 *        hd_dual2 / hd_dual4 pass below, else one per dual pass).
 * @param F   in: the function; F->n >= 1, F->m >= 1 and a dual body (f_dual or bodies->dual)
 * @param x   in: n = F->n values, the point
 * @param fx  out, may be NULL: m values F(x) (from the first pass)
 * @param jac out, not NULL: m*n, row-major, jac[i*n + j] = ∂F_i/∂x_j
 * @return HD_OK; HD_EINVAL for a NULL F/x/jac, n == 0, m == 0 or no dual body;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_jacobian(const hd_vector_objective *F, const double *x,
                                      double *fx, double *jac);

/**
 * @brief F(x) alone: one plain evaluation (f or bodies->value; a dual pass
 *        without either).
 * @param F   in: the function, as for hd_jacobian()
 * @param x   in: n = F->n values, the point
 * @param out out, not NULL: m values F(x)
 * @return HD_OK; HD_EINVAL for a NULL F/x/out, n == 0, m == 0 or no dual body;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_vector_value(const hd_vector_objective *F, const double *x,
                                          double *out);

/**
 * @brief The sum of squares f(x) = Σ F_i(x)² = ‖F(x)‖² as an objective, with
 *        its exact gradient 2 Jᵀ F and exact Hessian 2 (JᵀJ + Σ F_i ∇²F_i), so
 *        that every driver and every method of hd_minimize() runs on it, and
 *        Gauss–Newton and Levenberg–Marquardt find its residuals
 *        (hd_objective_residuals()).
 *
 * Each body of the objective evaluates F on the same kind and sums the
 * squares, so one pass of the objective is one pass of F (the counters
 * count it once). A residual that F leaves unwritten is NaN. F must outlive
 * obj, which points at it (obj->ctx); obj->f, f_dual and f_hyper are NULL:
 * evaluate it through the drivers, as an HD_GENERIC_OBJECTIVE_N objective.
 * Memory: a pass needs m numbers of its kind, on the stack up to 8 KiB, else
 * from malloc; if that fails the pass's value is NaN.
 * @param F   in: the residuals; n >= 1, m >= 1, and a dual and a hyper-dual
 *            body (HD_GENERIC_VECTOR_OBJECTIVE gives every kind; without
 *            every one the objective has dual and hyper bodies only, and
 *            its values cost a dual pass)
 * @param obj out: the objective (n = F->n); not written on error
 * @return HD_OK; HD_EINVAL for a NULL F/obj, n == 0, m == 0, or F without a
 *         dual or hyper-dual body.
 */
HD_API HD_WARN_UNUSED int hd_sum_of_squares(const hd_vector_objective *F, hd_objective *obj);

/**
 * @brief The residuals behind a sum of squares: an objective made by
 *        hd_sum_of_squares(), or a least-squares problem of the registry
 *        (problems.h), whose objective is the sum of the squares of its
 *        residuals.
 * @param obj in: the objective
 * @param F   out: the residuals it sums the squares of (a copy of the struct;
 *            its ctx and bodies are the originals')
 * @return HD_OK; HD_EINVAL for a NULL obj or F, or an objective that is no
 *         sum of squares
 */
HD_API HD_WARN_UNUSED int hd_objective_residuals(const hd_objective *obj, hd_vector_objective *F);

/**
 * @brief A model fitted to data: residuals r_i(θ) = g(θ, d_i) - y_i for
 *        rows i = 0..m-1, where g is an objective of p + k variables (the p
 *        parameters θ, then the k data values of a row).
 *
 * The data and observations are read, never copied: keep them (and this
 * struct) alive while the residuals are in use.
 */
typedef struct hd_data_model {
    const hd_objective *model; /**< g, with model->n == p + k */
    size_t        p;     /**< parameters, >= 1: the first p variables of g */
    size_t        k;     /**< data columns g reads: its last k variables (may be 0) */
    size_t        m;     /**< rows, >= 1 */
    const double *data;  /**< m*k values, row-major: row i is d_i (may be NULL when k == 0) */
    const double *y;     /**< m observations */
} hd_data_model;

/**
 * @brief The residuals of a data model as a vector function of θ, with a
 *        body of every kind the model has (every kind for an
 *        HD_GENERIC_OBJECTIVE or an expression, value, dual and hyper for a
 *        hand-written model), for hd_jacobian(), hd_sum_of_squares() and the
 *        least-squares methods.
 *
 * One pass of F evaluates g once per row on that kind, the data entering as
 * constants. F->ctx points at dm; dm, its model and its arrays must outlive F.
 * @param dm in: the model and the data
 * @param F  out: n = p, m = dm->m; not written on error
 * @return HD_OK; HD_EINVAL for a NULL dm/F/y (or data with k > 0), p == 0,
 *         m == 0, a model that is not a usable objective (n == 0, no
 *         hyper-dual body), model->n != p + k, or a model without a value
 *         and a dual body.
 */
HD_API HD_WARN_UNUSED int hd_data_residuals(const hd_data_model *dm, hd_vector_objective *F);

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
 * @param obj         in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x           in: n = obj->n values, the point
 * @param grad        in, may be NULL (to skip it): the user's gradient,
 *                    writes n values
 * @param hess        in, may be NULL (to skip it): the user's Hessian,
 *                    writes n*n values, row-major
 * @param tol         tolerance (>= 0, not NaN) of the mixed test above, e.g. 1e-8
 * @param grad_report out (may be NULL only when grad is NULL)
 * @param hess_report out (may be NULL only when hess is NULL)
 * @return HD_OK (read bad_entries for the verdict); HD_EINVAL for a NULL
 *         obj/x, n == 0, no hyper-dual body, tol < 0 or NaN, or a NULL report for a
 *         given callback; HD_ENOMEM; HD_ENONFINITE when the exact derivatives
 *         themselves are not finite at x, so no comparison is meaningful.
 */
HD_API HD_WARN_UNUSED int hd_check_derivatives(const hd_objective *obj, const double *x,
                                               hd_user_derivative grad, hd_user_derivative hess,
                                               double tol, hd_derivative_error *grad_report,
                                               hd_derivative_error *hess_report);

/* One instantiation of a vector body for kind S (type hd__K), with the
 * table's signature. The formal parameters of the public macros are
 * hd__-prefixed, so that whatever names the caller picks for T, x, out and
 * ctx (data, n, o_, ...) never rewrite a member name or a local of the
 * expansion. */
#define HD__VINSTANCE(hd__K, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name, hd__T,   \
                      hd__x, hd__out, hd__ctx, ...)                                            \
    static inline void name##__hd_v##S(const hd__K *hd__x, hd__K *hd__out, size_t hd__vn,     \
                                       void *hd__ctx)                                          \
    {                                                                                          \
        typedef hd__K hd__T;                                                                   \
        HD__UNUSED_TYPE(hd__T);                                                                \
        (void)(hd__x);                                                                         \
        (void)(hd__out);                                                                       \
        (void)(hd__vn);                                                                        \
        (void)(hd__ctx);                                                                       \
        __VA_ARGS__                                                                            \
    }
/* The table's entry for kind S, when it is among `kinds` (bits 1u << hd_kind). */
#define HD__VTABLE_INIT(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name, kinds)      \
    .S = ((kinds) >> (KIND) & 1u) ? name##__hd_v##S : 0,
/* HD_GENERIC_VECTOR_OBJECTIVE whose table holds only the kinds in `kinds`
 * (the library's registry builds the kinds its sizes use); the others'
 * bodies are defined but never referenced, so never emitted. The table's
 * value and dual stay NULL: the members f and f_dual serve those kinds, and
 * a table entry beside them would be a second copy of the same code. */
#define HD__VCONTRACT_KINDS ((1u << HD_KIND_VALUE) | (1u << HD_KIND_DUAL))
#define HD__VECTOR_OBJECTIVE_OF_KINDS(name, kinds, hd__T, hd__x, hd__out, hd__ctx, ...)       \
    HD__EVAL_KINDS(HD__VINSTANCE, name, hd__T, hd__x, hd__out, hd__ctx, __VA_ARGS__)          \
    static inline void name##__hd_vf(const double *hd__a, double *hd__b, void *hd__c)         \
    {                                                                                          \
        name##__hd_vvalue(hd__a, hd__b, 0, hd__c);                                            \
    }                                                                                          \
    static inline void name##__hd_vfd(const hd_dual *hd__a, hd_dual *hd__b, void *hd__c)      \
    {                                                                                          \
        name##__hd_vdual(hd__a, hd__b, 0, hd__c);                                             \
    }                                                                                          \
    static inline hd_vector_objective name##_vector_objective(size_t hd__n, size_t hd__m,     \
                                                              void *hd__c)                     \
    {                                                                                          \
        static const hd_vbodies hd__vtable = {.size = sizeof(hd_vbodies),                      \
                                              HD__EVAL_KINDS(HD__VTABLE_INIT, name,            \
                                                             (kinds) & ~HD__VCONTRACT_KINDS)}; \
        const hd_vector_objective hd__o = {.n = hd__n, .m = hd__m, .f = name##__hd_vf,         \
                                           .f_dual = name##__hd_vfd, .ctx = hd__c,             \
                                           .bodies = &hd__vtable};                             \
        return hd__o;                                                                          \
    }

/**
 * @brief Define a vector function once; get its instantiations and a constructor.
 *
 * HD_GENERIC_VECTOR_OBJECTIVE(name, T, x, out, ctx, body...) works like
 * HD_GENERIC_OBJECTIVE, except that the body writes its m outputs to out[0..m-1]
 * (type `T *`) and returns nothing. It instantiates the body for double,
 * hd_dual and every other kind of the list (kinds.h) and defines
 *     static inline hd_vector_objective name_vector_objective(size_t n, size_t m, void *ctx);
 * whose function has f, f_dual and a table (bodies) of every other kind's
 * body (its value and dual are NULL: f and f_dual are those bodies). The
 * names given for T, x, out and ctx are the caller's choice.
 */
#define HD_GENERIC_VECTOR_OBJECTIVE(name, hd__T, hd__x, hd__out, hd__ctx, ...)                \
    HD__VECTOR_OBJECTIVE_OF_KINDS(name, ~0u, hd__T, hd__x, hd__out, hd__ctx, __VA_ARGS__)

HD_END_DECLS

/* ---- HD_GENERIC_OBJECTIVE -------------------------------------------------------- */

#define HD__UNUSED_TYPE(T) (void)sizeof(T)
#define HD__CAT_(a, b) a##b

/* The instance of a body for kind S (type hd__K). A kind with a member of
 * the contract (FACE CONTRACT) gets that member's signature (x, ctx) and
 * fills it; the others get the table's (x, n, ctx). HD__INSTANCE_N gives
 * every kind the table's signature, with n under the caller's name. */
#define HD__INSTANCE(hd__K, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name, hd__T,    \
                     hd__x, hd__ctx, ...)                                                     \
    HD__CAT_(HD__INSTANCE_, FACE)(hd__K, S, name, hd__T, hd__x, hd__ctx, __VA_ARGS__)
#define HD__INSTANCE_CONTRACT(hd__K, S, name, hd__T, hd__x, hd__ctx, ...)                      \
    static inline hd__K name##__hd_##S(const hd__K *hd__x, void *hd__ctx)                     \
    {                                                                                         \
        typedef hd__K hd__T;                                                                  \
        HD__UNUSED_TYPE(hd__T);                                                               \
        (void)(hd__x);                                                                        \
        (void)(hd__ctx);                                                                      \
        __VA_ARGS__                                                                           \
    }
#define HD__INSTANCE_TABLE(hd__K, S, name, hd__T, hd__x, hd__ctx, ...)                         \
    HD__INSTANCE_WITH_N(hd__K, S, name, hd__T, hd__x, hd__unused_n, hd__ctx, __VA_ARGS__)
#define HD__INSTANCE_N(hd__K, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name, hd__T,  \
                       hd__x, hd__n, hd__ctx, ...)                                            \
    HD__INSTANCE_WITH_N(hd__K, S, name, hd__T, hd__x, hd__n, hd__ctx, __VA_ARGS__)
#define HD__INSTANCE_WITH_N(hd__K, S, name, hd__T, hd__x, hd__n, hd__ctx, ...)                 \
    static inline hd__K name##__hd_##S(const hd__K *hd__x, size_t hd__n, void *hd__ctx)       \
    {                                                                                         \
        typedef hd__K hd__T;                                                                  \
        HD__UNUSED_TYPE(hd__T);                                                               \
        (void)(hd__x);                                                                        \
        (void)(hd__n);                                                                        \
        (void)(hd__ctx);                                                                      \
        __VA_ARGS__                                                                           \
    }

/* Initialisers of the table and of the contract's members. */
#define HD__TABLE_INIT(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)              \
    HD__CAT_(HD__TABLE_INIT_, FACE)(S, name)
#define HD__TABLE_INIT_CONTRACT(S, name)
#define HD__TABLE_INIT_TABLE(S, name) .S = name##__hd_##S,
#define HD__CONTRACT_INIT(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)           \
    HD__CAT_(HD__CONTRACT_INIT_, FACE)(MEMBER, S, name)
#define HD__CONTRACT_INIT_CONTRACT(MEMBER, S, name) .MEMBER = name##__hd_##S,
#define HD__CONTRACT_INIT_TABLE(MEMBER, S, name)
#define HD__TABLE_INIT_ALL(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)          \
    .S = name##__hd_##S,

/**
 * @brief Define an objective once; get every instantiation and a constructor.
 *
 * HD_GENERIC_OBJECTIVE(name, T, x, ctx, body...) defines static inline
 * instantiations of `body` for double, hd_dual and hd_hyper and every other
 * kind of the list (kinds.h), and
 *     static inline hd_objective name_objective(size_t n, void *ctx);
 * Inside the body T is the number type, x is `const T *` and ctx the void *
 * passed through; the names given for T, x and ctx are the caller's choice
 * (any identifiers, `data`, `p` or `n` included). The body uses only the hd_
 * macros, `(T){0}` or hd_const(T, v) for constants, and hd_val() for
 * comparisons. It compiles without warnings under -Wall -Wextra whether or not
 * it uses T or ctx. The objective has f, f_dual and f_hyper (callable
 * directly) and a table of the other bodies (hd_objective.bodies).
 */
#define HD_GENERIC_OBJECTIVE(name, hd__T, hd__x, hd__ctx, ...)                                \
    HD__EVAL_KINDS(HD__INSTANCE, name, hd__T, hd__x, hd__ctx, __VA_ARGS__)                    \
    static inline hd_objective name##_objective(size_t hd__n, void *hd__c)                    \
    {                                                                                         \
        static const hd_bodies hd__table = {.size = sizeof(hd_bodies),                        \
                                            HD__KINDS(HD__TABLE_INIT, name)};                 \
        const hd_objective hd__o = {.n = hd__n, .ctx = hd__c,                                 \
                                    HD__EVAL_KINDS(HD__CONTRACT_INIT, name).bodies = &hd__table}; \
        return hd__o;                                                                         \
    }

/**
 * @brief HD_GENERIC_OBJECTIVE whose body also sees the dimension n.
 *
 * HD_GENERIC_OBJECTIVE_N(name, T, x, n, ctx, body...) is HD_GENERIC_OBJECTIVE
 * with one more name: inside the body `n` (whatever name the caller gives)
 * is the objective's number of variables, a size_t, so a body can loop over
 * x without carrying n in ctx. Every body lives in the objective's table and
 * f, f_dual and f_hyper are NULL: evaluate the objective through the drivers
 * (hd_value, hd_gradient, ...), which pass n.
 */
#define HD_GENERIC_OBJECTIVE_N(name, hd__T, hd__x, hd__n, hd__ctx, ...)                        \
    HD__EVAL_KINDS(HD__INSTANCE_N, name, hd__T, hd__x, hd__n, hd__ctx, __VA_ARGS__)           \
    static inline hd_objective name##_objective(size_t hd__dim, void *hd__c)                  \
    {                                                                                         \
        static const hd_bodies hd__table = {.size = sizeof(hd_bodies),                        \
                                            HD__EVAL_KINDS(HD__TABLE_INIT_ALL, name)};        \
        const hd_objective hd__o = {.n = hd__dim, .ctx = hd__c, .bodies = &hd__table};        \
        return hd__o;                                                                         \
    }

/* hd_gradient and hd_hessian at small n, inline. */
#include "small.h"

#endif /* HYPERDUAL_DIFF_H */
