/**
 * @file hyperdual/paths.h
 * @brief Choosing how a gradient or Hessian is computed, and counting the
 *        passes it took.
 *
 * hd_gradient() and hd_hessian() pick the fastest path on their own (by n,
 * by the members the objective has, and by the thresholds measured in
 * doc/performance.md). The _ex variants let a caller force a path and
 * collect the number of objective evaluations of each kind.
 */
#ifndef HYPERDUAL_PATHS_H
#define HYPERDUAL_PATHS_H

#include <stddef.h>
#include "export.h"
#include "diff.h"

HD_BEGIN_DECLS

/** How a derivative driver computes its result. */
typedef enum hd_path {
    HD_PATH_AUTO = 0, /**< the fastest path for this objective and n (the default) */
    HD_PATH_SCALAR,   /**< the contract's path: n dual passes for a gradient (n hyper-dual
                           passes without f_dual), n(n+1)/2 hyper-dual passes for a Hessian */
    HD_PATH_LANES,    /**< vector lanes: ceil(n/HD_LANES) hd_dualv passes for a gradient;
                           for a Hessian, hd_hyperv passes of HD_HYPERV_LANES entries of one
                           row each, upper triangle only */
    HD_PATH_SPARSE,   /**< Hessian only: detect the sparsity pattern, colour the columns and
                           compute only the structurally non-zero entries (sparse.h) */
    HD_PATH_NARROW,   /**< gradient only: up to n = 2 one hd_dual2 pass (two lanes),
                           else ceil(n/4) hd_dual4 passes of four directions each;
                           without a dual2 body hd_dual4 passes, without a dual4 body ceil(n/2)
                           hd_dual2 passes, without either ceil(n/2) hd_hyper passes
                           (ε1 and ε2); the fastest up to n = 4, and on cheap bodies beyond */
    HD_PATH_TAPE,     /**< one hd_taped pass records the evaluation; a reverse sweep gives
                           the gradient, and forward-over-reverse sweeps over compressed
                           columns (the pattern read off the tape, star colouring)
                           give the Hessian. Needs bodies->taped. Falls back to the forward
                           paths where the tape meets a non-finite number */
    HD_PATH_PACKED    /**< Hessian only: hd_hyper4 passes, each carrying the value, four
                           gradient lanes and the packed Hessian of four directions: up to
                           n = 4 ONE pass, each elemental f, f', f'' computed once; beyond,
                           C(g, 2) passes for g = ceil(n/2) groups of two variables. Up to
                           n = 2 ONE hd_hyper2 pass (two lanes, the whole 2x2 Hessian)
                           where the objective has that body. Needs bodies->hyper4, or
                           bodies->hyper2 for n <= 2 */
} hd_path;

/**
 * @brief hd_value() with pass counts.
 * @param obj    in: the objective (as for hd_value)
 * @param x      in: n = obj->n values, the point
 * @param fx     out: f(x)
 * @param counts in/out, may be NULL; otherwise incremented by the evaluation made
 * @return HD_OK; HD_EINVAL for a NULL obj/x/fx, n == 0 or no hyper-dual body;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_value_ex(const hd_objective *obj, const double *x, double *fx,
                                      hd_counts *counts);

/**
 * @brief hd_gradient() with a chosen path and pass counts.
 * @param obj    in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x      in: n = obj->n values, the point
 * @param fx     out, may be NULL: f(x)
 * @param grad   out, may be NULL: n partial derivatives (with fx also NULL,
 *               nothing is computed)
 * @param path   HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES or HD_PATH_NARROW
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL obj/x, n == 0, no hyper-dual body, for HD_PATH_LANES without
 *         obj->bodies->dualv, or for HD_PATH_SPARSE or HD_PATH_PACKED (Hessians
 *         only); HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_gradient_ex(const hd_objective *obj, const double *x, double *fx,
                                         double *grad, hd_path path, hd_counts *counts);

/**
 * @brief hd_hessian() with a chosen path and pass counts.
 * @param obj    in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x      in: n = obj->n values, the point
 * @param fx     out, may be NULL: f(x)
 * @param grad   out, may be NULL: n partial derivatives
 * @param hess   out, not NULL: n*n, row-major, exactly symmetric
 * @param path   any hd_path but HD_PATH_NARROW; HD_PATH_LANES and HD_PATH_SPARSE
 *               need obj->bodies->hyperv, HD_PATH_PACKED obj->bodies->hyper4
 *               (or bodies->hyper2 up to n = 2);
 *               HD_PATH_SPARSE uses obj->hess_sparsity, or
 *               detects the pattern (hd_sparsity_detect()) when it is NULL
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL obj/x/hess, n == 0, no hyper-dual body, or a
 *         path the objective cannot take (HD_PATH_NARROW, no bodies->hyperv or
 *         bodies->hyper4 (bodies->hyper2 at n <= 2) for the path that needs
 *         it, an attached pattern of another n); HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian_ex(const hd_objective *obj, const double *x, double *fx,
                                        double *grad, double *hess, hd_path path,
                                        hd_counts *counts);

/**
 * @brief hd_jacobian() with a chosen path and pass counts.
 * @param F      in: the function; F->n >= 1, F->m >= 1 and a dual body (f_dual or bodies->dual)
 * @param x      in: n = F->n values, the point
 * @param fx     out, may be NULL: m values F(x)
 * @param jac    out, not NULL: m*n, row-major
 * @param path   HD_PATH_AUTO; HD_PATH_SCALAR (n dual passes); HD_PATH_NARROW
 *               (ceil(n/4) hd_dual4 passes, or one hd_dual2 pass up to n = 2;
 *               scalar passes for a function with neither); HD_PATH_LANES
 *               (ceil(n/HD_LANES) hd_dualv passes; needs bodies->dualv)
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL F/x/jac, n == 0, m == 0, no dual body, or
 *         a path the function cannot take (HD_PATH_LANES without bodies->dualv,
 *         HD_PATH_TAPE, HD_PATH_SPARSE, HD_PATH_PACKED); HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_jacobian_ex(const hd_vector_objective *F, const double *x,
                                         double *fx, double *jac, hd_path path,
                                         hd_counts *counts);

/**
 * @brief hd_vector_value() with pass counts (f_calls for a plain evaluation,
 *        dual_calls without one).
 * @param F      in: the function, as for hd_jacobian()
 * @param x      in: n = F->n values, the point
 * @param out    out, not NULL: m values F(x)
 * @param counts in/out, may be NULL; otherwise incremented by the evaluation made
 * @return HD_OK; HD_EINVAL for a NULL F/x/out, n == 0, m == 0 or no dual body;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_vector_value_ex(const hd_vector_objective *F, const double *x,
                                             double *out, hd_counts *counts);

/**
 * @brief hd_hessian_vector() with a chosen path and pass counts.
 *
 * The automatic choice (doc/performance.md): HD_PATH_TAPE from n = 9 on (one
 * taped pass and one sweep, counted in taped_calls and tape_sweeps),
 * HD_PATH_LANES from n = 3 on (ceil(n/HD_HYPERV_LANES) hd_hyperv passes),
 * else HD_PATH_SCALAR (n hyper-dual passes). The tape declines where it
 * meets a non-finite number, and a forward path answers.
 * @param obj    in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x      in: n = obj->n values, the point
 * @param v      in: n values, the vector
 * @param fx     out, may be NULL: f(x)
 * @param grad   out, may be NULL: n partial derivatives
 * @param hv     out, not NULL: n values, H(x)·v
 * @param path   HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES (needs bodies->hyperv) or
 *               HD_PATH_TAPE (needs bodies->taped)
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL obj/x/v/hv, n == 0, no hyper-dual body, or a path
 *         the objective cannot take (HD_PATH_NARROW, HD_PATH_SPARSE, HD_PATH_PACKED, a missing body);
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian_vector_ex(const hd_objective *obj, const double *x,
                                               const double *v, double *fx, double *grad,
                                               double *hv, hd_path path, hd_counts *counts);

/**
 * @brief The memory the taped path (HD_PATH_TAPE) takes for obj at x: one
 *        recorded evaluation and the arrays of its sweeps, at their widest.
 *
 * Found by recording once at x, with the recording never allowed past what
 * max_bytes would hold, so that a caller can refuse an n whose tape does
 * not fit before any run: without room for the tape, the drivers take the
 * forward paths, whose gradients cost O(n) passes of O(n) each. It grows
 * like the body's operations: about 200 bytes per recorded operation (an
 * operation that couples values or curves; a sum or product with a
 * constant records nothing) and 56 per variable, plus, up to n = 2000, the
 * bit sets of a dense Hessian's pattern (at most 32 MB).
 * @param obj       in: the objective; obj->n >= 1 and a hyper-dual body
 * @param x         in: n = obj->n values, the point
 * @param max_bytes the most memory the recording may use
 * @param bytes     out, not NULL: the bytes; 0 when the objective has no taped body
 *                  (bodies->taped), so that the taped path is never taken
 * @return HD_OK; HD_EINVAL for a NULL obj/x/bytes, n == 0 or no hyper-dual body;
 *         HD_ENOMEM when the tape needs more than max_bytes (or memory ran short)
 */
HD_API HD_WARN_UNUSED int hd_tape_memory(const hd_objective *obj, const double *x, size_t max_bytes,
                                         size_t *bytes);

HD_END_DECLS

#endif /* HYPERDUAL_PATHS_H */
