/**
 * @file hyperdual/sparse.h
 * @brief Sparse Hessians: a sparsity pattern (CSR), its column colouring, and
 *        a Hessian that computes only the structurally non-zero entries.
 *
 * Typical use: detect (or give) the pattern once, attach it to the objective
 * (obj.hess_sparsity = sp), and let hd_hessian() use it whenever it needs
 * fewer passes than the dense path; or call hd_sparse_hessian() for the
 * non-zeros alone, in CSR order.
 *
 * How: the columns are coloured so that no row has two non-zeros of one
 * colour (structurally orthogonal columns, greedy distance-2 colouring).
 * One hd_hyperv pass seeds ε1 with all the columns of one colour c and its
 * HD_HYPERV_LANES second directions with HD_HYPERV_LANES rows i; lane k then holds
 * Σ_{j of colour c} H_ij, which is the one non-zero H_ij of that colour.
 * Only rows that own an upper-triangle entry of colour c are seeded, so a
 * Hessian costs Σ_c ceil(rows_c / HD_HYPERV_LANES) passes (F1, n = 50: 11 instead
 * of the 185 of the dense lane path and the 1275 of the scalar path).
 */
#ifndef HYPERDUAL_SPARSE_H
#define HYPERDUAL_SPARSE_H

#include <stddef.h>
#include "export.h"
#include "diff.h"
#include "paths.h"

HD_BEGIN_DECLS

struct hd__sparse_plan;

/**
 * @brief A symmetric sparsity pattern (CSR) with its column colouring.
 *
 * Made by hd_sparsity_from_mask() or hd_sparsity_detect(), freed by
 * hd_sparsity_free(); read the members, never write them.
 */
typedef struct hd_sparsity {
    size_t  n;          /**< number of variables */
    size_t  nnz;        /**< entries of the full symmetric pattern (both triangles) */
    size_t *row_start;  /**< n + 1 offsets into col */
    size_t *col;        /**< nnz column indices, ascending within each row */
    size_t  ncolors;    /**< number of column colours */
    size_t *color;      /**< n: the colour of each column */
    size_t  npasses;    /**< hd_hyperv passes of one hd_sparse_hessian() on the forward path */
    struct hd__sparse_plan *plan; /**< the library's pass plan (opaque) */
} hd_sparsity;

/**
 * @brief The pattern of H from a boolean n×n mask (row-major, non-zero = entry).
 *
 * The mask is symmetrised (an entry at (i, j) or (j, i) makes both).
 * @param n    the number of variables, >= 1
 * @param mask in: n*n bytes, row-major; non-zero marks an entry
 * @param out  out, not NULL: receives the pattern (NULL on failure); free it
 *             with hd_sparsity_free()
 * @return HD_OK; HD_EINVAL for n == 0 or a NULL mask/out; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_sparsity_from_mask(size_t n, const unsigned char *mask,
                                                hd_sparsity **out);

/**
 * @brief Detect the pattern of the Hessian of obj near x.
 *
 * With bodies->pattern (every HD_GENERIC_OBJECTIVE has it) the pattern is
 * structural: hd_pattern numbers are propagated through the body, one pass
 * per pair of 64-variable blocks, and an entry is in the pattern when some
 * rule on the way can make it non-zero (the branches the body takes at x
 * decide which rules run). It never misses an entry on that path; it may
 * hold entries that vanish identically (x - x, a STEP rule's zero slope).
 *
 * Without it the pattern is read from two dense Hessians, at x and
 * at a deterministic nearby point x' (x_i moved by about 1e-3·(1 + |x_i|));
 * an entry is in the pattern when it is non-zero (or NaN) at either point.
 * A structurally non-zero entry that vanishes at both points is missed:
 * give such patterns with hd_sparsity_from_mask().
 *
 * Structural detection costs, for F2 (bench/bench_objectives.h), 76 µs at
 * n = 50 and 2.0 ms at n = 200 against 1.2 and 70 ms numerically
 * (doc/performance.md); either way, do it once and attach the result.
 * @param obj in: the objective; obj->n >= 1, a hyper-dual body and
 *            bodies->hyperv (bodies->pattern optional, see above)
 * @param x   in: n = obj->n values, the point
 * @param out out, not NULL: receives the pattern (NULL on failure); free it
 *            with hd_sparsity_free()
 * @return HD_OK; HD_EINVAL for a NULL obj/x/out, n == 0, or an objective
 *         without a hyper-dual body or bodies->hyperv; HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_sparsity_detect(const hd_objective *obj, const double *x,
                                             hd_sparsity **out);

/** @brief Free a pattern (NULL is allowed). */
HD_API void hd_sparsity_free(hd_sparsity *sp);

/**
 * @brief The structurally non-zero Hessian entries, in CSR order of sp.
 *
 * With bodies->taped (every HD_GENERIC_OBJECTIVE has it) one recorded pass
 * and ceil(sp->ncolors / HD_TAPE_BLOCK) sweeps over it give every entry:
 * the cost of a banded Hessian then grows like n. Otherwise, or where the
 * tape meets a non-finite number, sp->npasses hd_hyperv passes.
 * @param obj    in: the objective; obj->n >= 1, a hyper-dual body and
 *               bodies->hyperv
 * @param sp     in, not NULL: the pattern of obj's Hessian (sp->n == obj->n)
 * @param x      in: n = obj->n values, the point
 * @param fx     out, may be NULL: f(x)
 * @param grad   out, may be NULL: the n partial derivatives
 * @param values out, not NULL: sp->nnz entries, values[t] = H(i, sp->col[t]) for
 *               sp->row_start[i] <= t < sp->row_start[i + 1]
 * @param counts in/out, may be NULL; otherwise incremented by the passes made
 * @return HD_OK; HD_EINVAL for a NULL obj/sp/x/values, n == 0, sp->n != obj->n,
 *         or no hyper-dual body or bodies->hyperv;
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_sparse_hessian(const hd_objective *obj, const hd_sparsity *sp,
                                            const double *x, double *fx, double *grad,
                                            double *values, hd_counts *counts);

HD_END_DECLS

#endif /* HYPERDUAL_SPARSE_H */
