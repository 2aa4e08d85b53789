/* The table of paths: what each computes, what it needs, and when it is the
 * automatic choice. The drivers (drivers.c, its only includer) walk it; a
 * new path is one file and one row here (doc/design.md, "Adding a path").
 * The thresholds were measured by bench/bench_drivers (doc/performance.md).
 * The table is static in the drivers' translation unit so that the compiler
 * folds the walk into a few comparisons: a driver's choice must cost next
 * to nothing beside an n = 2 gradient of a few nanoseconds. */
#ifndef HYPERDUAL_PATH_TABLE_H
#define HYPERDUAL_PATH_TABLE_H

#include <stdint.h>
#include "internal.h"
#include "path_kinds.h" /* the thresholds */
/* With a pattern attached, its hd_hyperv passes up to this many beat one
 * recorded pass and its sweeps (F1 at n = 10 and 16; F2 at n = 10 is 4, and
 * the tape is faster there). */
#define SPARSE_BEFORE_TAPE_PASSES 3

/* The tape's Hessian, unless an attached pattern's few passes beat it. */
static int tape_beats_pattern(const hd_objective *obj)
{
    return !(hd__sparse_is_faster(obj) && obj->hess_sparsity->npasses <= SPARSE_BEFORE_TAPE_PASSES);
}
/* At n = 1 one hd_dual2 pass beats one dual pass (doc/performance.md); without
 * a two-lane body the scalar path's one dual pass is the fastest. */
static int narrow_beats_dual(const hd_objective *obj)
{
    return obj->n >= 2 || !hd__has_dual(obj) || hd__has_dual2(obj);
}

/* One hd_hyper2 pass up to n = 2, hd_hyper4 passes (the whole Hessian in one
 * up to n = 4) up to PACKED_HESSIAN_MAX_N: the row needs either kind, so it
 * names none and asks here (a forced packed path without them is refused
 * by hd__hessian_packed). */
static int packed_fits(const hd_objective *obj)
{
    return obj->n <= PACKED_HESSIAN_MAX_N
           && (hd__has_hyper4(obj) || (obj->n <= HYPER2_HESSIAN_MAX_N && hd__has_hyper2(obj)));
}

#define BIT(k) HD__KIND_BIT(HD_KIND_##k)
/* The order is the order of preference; the scalar path, last, always
 * answers (every objective has a hyper-dual body). */
static const hd__path paths[] = {
    {.id = HD_PATH_PACKED, .name = "packed",
     .on_hessian = {0, 1, packed_fits}, .hessian = hd__hessian_packed},
    {.id = HD_PATH_TAPE, .name = "tape",
     .on_gradient = {BIT(TAPED), TAPE_GRADIENT_MIN_N, NULL},
     .on_hessian = {BIT(TAPED), TAPE_HESSIAN_MIN_N, tape_beats_pattern},
     .on_hessian_vector = {BIT(TAPED), TAPE_HV_MIN_N, NULL},
     .gradient = hd__gradient_taped, .hessian = hd__hessian_taped,
     .sparse_hessian = hd__sparse_hessian_taped, .hessian_vector = hd__hessian_vector_taped},
    {.id = HD_PATH_SPARSE, .name = "sparse",
     .on_hessian = {BIT(HYPERV), 1, hd__sparse_is_faster},
     .hessian = hd__hessian_sparse, .sparse_hessian = hd__sparse_hessian_passes},
    {.id = HD_PATH_LANES, .name = "lanes",
     .on_gradient = {BIT(DUALV), LANES_GRADIENT_MIN_N, NULL},
     .on_hessian = {BIT(HYPERV), LANES_HESSIAN_MIN_N, NULL},
     .on_hessian_vector = {BIT(HYPERV), LANES_HV_MIN_N, NULL},
     .gradient = hd__gradient_lanes, .hessian = hd__hessian_lanes,
     .hessian_vector = hd__hessian_vector_lanes,
     .on_jacobian = {BIT(DUALV), LANES_JACOBIAN_MIN_N, NULL}, .jacobian = hd__jacobian_lanes},
    {.id = HD_PATH_NARROW, .name = "narrow",
     .on_gradient = {0, 1, narrow_beats_dual}, .gradient = hd__gradient_narrow,
     .on_jacobian = {0, NARROW_JACOBIAN_MIN_N, NULL}, .jacobian = hd__jacobian_narrow},
    {.id = HD_PATH_SCALAR, .name = "scalar",
     .on_gradient = {0, 1, NULL}, .on_hessian = {0, 1, NULL}, .on_hessian_vector = {0, 1, NULL},
     .gradient = hd__gradient_scalar, .hessian = hd__hessian_scalar,
     .hessian_vector = hd__hessian_vector_scalar,
     .on_jacobian = {0, 1, NULL}, .jacobian = hd__jacobian_scalar},
};
#define PATH_COUNT (sizeof paths / sizeof paths[0])
#undef BIT

/* The row of path id, or NULL. */
static const hd__path *path_find(hd_path id)
{
    for (size_t i = 0; i < PATH_COUNT; i++)
        if (paths[i].id == id) return &paths[i];
    return NULL;
}

/* The walk, unrolled: the table is a compile-time constant. */
#if defined(__clang__)
#  define UNROLL_PATHS _Pragma("clang loop unroll(full)")
#elif defined(__GNUC__)
#  define UNROLL_PATHS _Pragma("GCC unroll 16")
#else
#  define UNROLL_PATHS
#endif

#endif
