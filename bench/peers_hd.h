/* The C side of make bench-peers (peers_hd.c), callable from C++. */
#ifndef HYPERDUAL_BENCH_PEERS_HD_H
#define HYPERDUAL_BENCH_PEERS_HD_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
enum { PEERS_HD_GRADIENT, PEERS_HD_HESSIAN, PEERS_HD_HESSIAN_PATTERN, PEERS_HAND_GRADIENT,
       PEERS_HAND_HESSIAN, PEERS_CD_GRADIENT };
/* fn: 0 F1, 1 F2, 2 helical, 3 Wood; returns 0, or non-zero when the method
 * does not exist for fn. */
int peers_hd_run(int fn, size_t n, int what, const double *x, double *f, double *g, double *h);
#ifdef __cplusplus
}
#endif
#endif
