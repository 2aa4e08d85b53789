/* Shared between the drivers (diff.c) and the sparse Hessian (sparse.c). */
#ifndef HYPERDUAL_DIFF_INTERNAL_H
#define HYPERDUAL_DIFF_INTERNAL_H

#include <stddef.h>
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

#endif
