/* The benchmark objectives compiled twice, in two translation units: plain
 * kernels (bench_kernels.c) and NaN-safe ones (bench_kernels_nansafe.c, the
 * same file with HD_NANSAFE defined), plus hand-written double versions. */
#ifndef HYPERDUAL_BENCH_KERNELS_H
#define HYPERDUAL_BENCH_KERNELS_H

#include <hyperdual.h>

enum { BENCH_ROSEN, BENCH_F2, BENCH_WOOD, BENCH_HELICAL, BENCH_NFUNCS };

typedef struct bench_kernel_set {
    const char *mode;                                /* "plain" or "nansafe" */
    hd_objective (*make[BENCH_NFUNCS])(size_t n, void *ctx);
} bench_kernel_set;

extern const bench_kernel_set bench_set_plain, bench_set_nansafe;

/* Hand-written double code for the same functions; ctx points to size_t n. */
double bench_rosen_hand(const double *x, void *ctx);
double bench_f2_hand(const double *x, void *ctx);



/* Hand-written value, gradient and dense Hessian (n*n, row-major); with
 * hess NULL, value and gradient only (a fair hand-written gradient). */
void bench_rosen_hand_hessian(size_t n, const double *x, double *fx, double *grad, double *hess);
void bench_f2_hand_hessian(size_t n, const double *x, double *fx, double *grad, double *hess);
#endif
