/* The references of make bench-peers (peers_ref.c), callable from C++: the
 * hand-written derivatives, central differences, hd_hessian with a
 * pattern attached and hyperdual's scalar path, one function per
 * configuration. */
#ifndef HYPERDUAL_BENCH_PEERS_REF_H
#define HYPERDUAL_BENCH_PEERS_REF_H
#ifdef __cplusplus
extern "C" {
#endif
enum { PEERS_HD_HESSIAN_PATTERN, PEERS_HAND_GRADIENT, PEERS_HAND_HESSIAN, PEERS_CD_GRADIENT,
       PEERS_SCALAR_HESSIAN };
typedef void (*peers_ref_fn)(const double *x, double *f, double *g, double *h);
/* The reference `what` on function fn (P_F1 ...) at n, or NULL where it
 * does not exist (hand-written and central differences: F1 and F2 only). */
peers_ref_fn peers_ref_find(int fn, int n, int what);
#ifdef __cplusplus
}
#endif
#endif
