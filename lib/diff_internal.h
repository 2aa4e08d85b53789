/* Shared between the drivers (diff.c) and the sparse Hessian (sparse.c). */
#ifndef HYPERDUAL_DIFF_INTERNAL_H
#define HYPERDUAL_DIFF_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include <hyperdual.h>
#include <hyperdual/paths.h>
#include <hyperdual/sparse.h>

/* A buffer of n elements: `stack` when it fits, else malloc (NULL if that fails). */
void *hd__diff_buffer(void *stack, size_t stack_bytes, size_t n, size_t elem);
/* Free a buffer from hd__diff_buffer (nothing when it is the stack). */
void hd__diff_release(void *buf, void *stack);
/* hd_hyperv passes of the dense lane Hessian for n variables. */
size_t hd__dense_lane_passes(size_t n);
/* Whether the sparse plan of sp needs fewer passes than the dense lane path. */
int hd__sparse_is_faster(const hd_sparsity *sp, size_t n);
/* The sparse path with a dense n×n output; sp == NULL detects the pattern first. */
int hd__hessian_sparse_dense_out(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                                 double *fx, double *grad, double *hess, hd_counts *c);

/*
 * Seeds are written with stores as wide as the objective's loads of them:
 * 16 bytes at the 16-byte offsets of an element (val/d1, d2/d12), whole lane
 * vectors. A narrower store under a wider load defeats store-to-load
 * forwarding, which cost about 10 ns per pass at n = 2 (doc/performance.md).
 */
#ifdef HD__VECTOR_LANES
__extension__ typedef double hd__pair __attribute__((vector_size(16)));
#endif
static inline void hd__put2(void *p, double a, double b)
{
#ifdef HD__VECTOR_LANES
    const hd__pair v = {a, b};
#else
    const double v[2] = {a, b};
#endif
    memcpy(p, &v, sizeof v);
}
/* Lane vectors are copied from constant memory: lane k of hd__unit + HD_LANES
 * - k is 1, every other 0; hd__unit + HD_LANES + 1 is all 0. Building them in
 * a stack temporary instead would put narrow stores under the copy's loads. */
static const double hd__unit[2 * HD_LANES + 1] = {[HD_LANES] = 1.0};
/* Lane vector d := e_k. */
static inline void hd__put_unit(hd__lanes *d, size_t k)
{
    memcpy(d, hd__unit + HD_LANES - k, sizeof *d);
}
/* Lane vector d := 0. */
static inline void hd__put_zero(hd__lanes *d)
{
    memcpy(d, hd__unit + HD_LANES + 1, sizeof *d);
}
/* Constants (every derivative part 0), written the same way. */
static inline void hd__init_hd_dual(hd_dual *e, double x) { hd__put2(e, x, 0.0); }
static inline void hd__init_hd_hyper(hd_hyper *e, double x)
{
    hd__put2(&e->val, x, 0.0);
    hd__put2(&e->d2, 0.0, 0.0);
}
static inline void hd__init_hd_dualv(hd_dualv *e, double x)
{
    e->val = x;
    hd__put_zero(&e->d);
}
static inline void hd__init_hd_hyperv(hd_hyperv *e, double x)
{
    hd__put2(&e->val, x, 0.0);
    hd__put2(&e->d2, 0.0, 0.0);
    hd__put2(&e->d12, 0.0, 0.0);
}
_Static_assert(HD_HYPERV_LANES == 2, "hd__put2 writes the two lanes of hd_hyperv");
_Static_assert(sizeof(hd_hyper) == 32 && sizeof(hd_hyperv) == 48, "16-byte element chunks");

#endif
