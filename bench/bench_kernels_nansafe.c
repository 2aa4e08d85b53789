/* The same objectives and kernels as bench_kernels.c, compiled NaN-safe. */
#define HD_NANSAFE 1
#define BENCH_SET_NAME bench_set_nansafe
#define BENCH_SET_MODE "nansafe"
#include "bench_kernels.c"
