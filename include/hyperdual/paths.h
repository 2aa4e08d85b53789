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
                           without f_dual2 hd_dual4 passes, without f_dual4 ceil(n/2)
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
                           C(g, 2) passes for g = ceil(n/2) groups of two variables. Needs
                           bodies->hyper4 */
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
 * @param obj    in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x      in: n = obj->n values, the point
 * @param fx     out, may be NULL: f(x)
 * @param grad   out, may be NULL: n partial derivatives (with fx also NULL,
 *               nothing is computed)
 * @param path   HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES or HD_PATH_NARROW
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL obj/x, n == 0, no f_hyper, for HD_PATH_LANES without
 *         obj->bodies->dualv, or for HD_PATH_SPARSE; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_gradient_ex(const hd_objective *obj, const double *x, double *fx,
                                         double *grad, hd_path path, hd_counts *counts);

/**
 * @brief hd_hessian() with a chosen path and pass counts.
 * @param obj    in: the objective; obj->n >= 1 and obj->f_hyper non-NULL
 * @param x      in: n = obj->n values, the point
 * @param fx     out, may be NULL: f(x)
 * @param grad   out, may be NULL: n partial derivatives
 * @param hess   out, not NULL: n*n, row-major, exactly symmetric
 * @param path   any hd_path but HD_PATH_NARROW; HD_PATH_LANES and HD_PATH_SPARSE
 *               need obj->bodies->hyperv; HD_PATH_SPARSE uses obj->hess_sparsity, or
 *               detects the pattern (hd_sparsity_detect()) when it is NULL
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL obj/x/hess, n == 0, no f_hyper, or a
 *         path the objective cannot take (HD_PATH_NARROW, no bodies->hyperv, an
 *         attached pattern of another n); HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_hessian_ex(const hd_objective *obj, const double *x, double *fx,
                                        double *grad, double *hess, hd_path path,
                                        hd_counts *counts);

HD_END_DECLS

#endif /* HYPERDUAL_PATHS_H */
