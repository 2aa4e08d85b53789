/* Instantiates the benchmark objectives; bench_kernels_nansafe.c includes this
 * file again with HD_NANSAFE defined, so the two sets differ only in the mode. */
#include "bench_objectives.h"
#include "bench_kernels.h"

#ifndef BENCH_SET_NAME
#  define BENCH_SET_NAME bench_set_plain
#  define BENCH_SET_MODE "plain"
#endif

const bench_kernel_set BENCH_SET_NAME = {
    BENCH_SET_MODE,
    {bench_rosen_objective, bench_f2_objective, bench_wood_objective, bench_helical_objective},
};
