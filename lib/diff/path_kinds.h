/* The thresholds of the automatic paths (measured by bench/bench_drivers,
 * doc/performance.md) and, from them, the kinds the automatic paths call at
 * each n. The table of paths (path_table.h) and the narrow path read the
 * thresholds here; the registry of problems builds only the kinds its
 * problems' sizes use (lib/problems_internal.h). */
#ifndef HYPERDUAL_PATH_KINDS_H
#define HYPERDUAL_PATH_KINDS_H

#include <hyperdual/kinds.h>
#include <hyperdual/diff.h> /* hyperdual/small.h: the inline drivers' share of them */

/* The inline drivers (hyperdual/small.h) make the automatic gradient's one
 * pass up to n = HD_LANES and the Hessian's up to n = HD__SMALL_MAX_N in the
 * caller's unit, so the thresholds they apply too are values of that
 * installed header, named here; the table must choose as they do
 * (tests/check_paths.c compares the two). */
#define DUAL2_GRADIENT_MAX_N HD__DUAL2_MAX_N /* narrow: one hd_dual2 pass up to this n (2) */
#define LANES_GRADIENT_MIN_N (HD__SMALL_MAX_N + 1) /* hd_dualv gradient from this n on (5) */
#define PACKED_HESSIAN_MAX_N 5            /* hd_hyper4 passes up to this n: one up to
                                             HD__SMALL_MAX_N, three at 5 */
#define HYPER2_HESSIAN_MAX_N HD__HYPER2_MAX_N /* packed: one hd_hyper2 pass up to this n (2) */
#define LANES_HESSIAN_MIN_N 3             /* hd_hyperv Hessian from this n on (where the
                                             objective has no hd_hyper4 body, or the tape
                                             declines) */
#define TAPE_GRADIENT_MIN_N (HD_LANES + 1) /* reverse sweep once lanes need two passes */
#define TAPE_HESSIAN_MIN_N 6              /* forward-over-reverse sweeps from this n on */
#define NARROW_JACOBIAN_MIN_N 2           /* hd_dual2/hd_dual4 Jacobian from this n on */
#define LANES_JACOBIAN_MIN_N 5            /* hd_dualv Jacobian from this n on */
#define LANES_HV_MIN_N 3                  /* H·v from hd_hyperv passes from this n on */
#define TAPE_HV_MIN_N (HD_HYPERV_LANES + 1) /* H·v from one sweep once lanes need two passes */

/* The kinds (bits 1u << hd_kind) that the automatic gradient and Hessian
 * call for some n in lo..hi (1 <= lo <= hi), with the contract's (value,
 * dual, hyper): the narrow gradient's hd_dual2 up to DUAL2_GRADIENT_MAX_N
 * and hd_dual4 below the lanes, the packed Hessian's hd_hyper2 up to
 * HYPER2_HESSIAN_MAX_N and hd_hyper4 beyond it up to PACKED_HESSIAN_MAX_N,
 * the lanes from their thresholds on (hd_hyperv also serves H·v from
 * LANES_HV_MIN_N = LANES_HESSIAN_MIN_N), the tape from its own, and where
 * the tape declines the lanes answer. The sparse path needs
 * a pattern attached; the pattern kind serves hd_sparsity_detect only. */
#define HD__PATH_KIND(k) (1u << HD_KIND_##k)
#define HD__PATH_KINDS(lo, hi)                                                                  \
    (HD__PATH_KIND(VALUE) | HD__PATH_KIND(DUAL) | HD__PATH_KIND(HYPER)                          \
     | ((lo) <= DUAL2_GRADIENT_MAX_N ? HD__PATH_KIND(DUAL2) : 0u)                               \
     | ((lo) < LANES_GRADIENT_MIN_N && (hi) > DUAL2_GRADIENT_MAX_N ? HD__PATH_KIND(DUAL4) : 0u) \
     | ((hi) >= LANES_GRADIENT_MIN_N ? HD__PATH_KIND(DUALV) : 0u)                               \
     | ((lo) <= HYPER2_HESSIAN_MAX_N ? HD__PATH_KIND(HYPER2) : 0u)                              \
     | ((lo) <= PACKED_HESSIAN_MAX_N && (hi) > HYPER2_HESSIAN_MAX_N ? HD__PATH_KIND(HYPER4) : 0u) \
     | ((hi) >= LANES_HESSIAN_MIN_N ? HD__PATH_KIND(HYPERV) : 0u)                               \
     | ((hi) >= TAPE_GRADIENT_MIN_N || (hi) >= TAPE_HESSIAN_MIN_N ? HD__PATH_KIND(TAPED) : 0u))

/* The kinds the automatic Jacobian calls for some n in lo..hi: the narrow
 * passes' hd_dual2 (n = 2) and hd_dual4 (n = 3, 4), the lanes from their
 * threshold on, and the contract's value and dual. */
#define HD__JACOBIAN_KINDS(lo, hi)                                                              \
    (HD__PATH_KIND(VALUE) | HD__PATH_KIND(DUAL)                                                 \
     | ((lo) <= 2 && (hi) >= NARROW_JACOBIAN_MIN_N ? HD__PATH_KIND(DUAL2) : 0u)                 \
     | ((lo) <= 4 && (hi) >= 3 ? HD__PATH_KIND(DUAL4) : 0u)                                     \
     | ((hi) >= LANES_JACOBIAN_MIN_N ? HD__PATH_KIND(DUALV) : 0u))

#endif
