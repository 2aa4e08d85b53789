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
/*
 * Independent units of passes (a chunk of gradient directions, a Hessian row,
 * one compressed pass), each run with a buffer of n seeded inputs that the
 * unit leaves as it found it. `state` is the thread's own word (starts at
 * (size_t)-1) for units that leave a cheap-to-keep seed behind (the sparse
 * path's colour). Returns the number of objective passes made.
 */
typedef long (*hd__unit_fn)(const void *job, void *buf, size_t *state, size_t u);
/* Fill buf with the n constants x (every derivative part 0). */
typedef void (*hd__init_fn)(void *buf, const double *x, size_t n);
/*
 * Run units 0..units-1 in order. Built with OpenMP (configure --enable-openmp),
 * unit 0 is timed and, when the other total_passes would take more than
 * HD__OMP_MIN_NS at that speed, units 1.. are spread over the threads, each
 * with its own buffer. Units write disjoint outputs and each computes exactly
 * what it computes serially, so both give the same bits. Adds the passes made
 * to *passes. HD_OK or HD_ENOMEM.
 */
#define HD__NO_STATE ((size_t)-1)
/* Up to this n the seeded inputs live on the stack (hd_hyperv: 144 bytes). */
#define HD__STACK_N 16
#ifdef _OPENMP
#include <omp.h>
/* Work below which no clock is read: n × passes under this stays serial. */
#ifndef HD__OMP_MIN_WORK
#define HD__OMP_MIN_WORK 128
#endif
/* hd__run_units from unit 0 on, with buf initialised (lib/diff.c). */
int hd__run_rest(const void *job, void *buf, void *stack, size_t units, size_t n, size_t elem,
                 const double *x, hd__init_fn init, hd__unit_fn fn, size_t total_passes,
                 long *passes);
#endif
/* Inline, so that the constant init and fn are inlined into the serial loop:
 * as calls through pointers they cost 4 ns of a 20 ns Hessian at n = 2. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int hd__run_units(const void *job, size_t units, size_t n, size_t elem,
                                const double *x, hd__init_fn init, hd__unit_fn fn,
                                size_t total_passes, long *passes)
{
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyperv)];
    void *buf = hd__diff_buffer(stack, sizeof stack, n, elem);
    if (!buf) return HD_ENOMEM;
    init(buf, x, n);
#ifdef _OPENMP
    if (units >= 2 && n * total_passes >= HD__OMP_MIN_WORK && omp_get_max_threads() > 1
        && !omp_in_parallel())
        return hd__run_rest(job, buf, stack, units, n, elem, x, init, fn, total_passes, passes);
#else
    (void)total_passes;
#endif
    size_t state = HD__NO_STATE;
    long total = 0;
    for (size_t u = 0; u < units; u++) total += fn(job, buf, &state, u);
    *passes += total;
    hd__diff_release(buf, stack);
    return HD_OK;
}
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
/* A vector-typed store: gcc splits a memcpy of a constant pair into two
 * 8-byte immediate stores, which is exactly what must not happen here. */
__extension__ typedef double hd__pair_store
    __attribute__((vector_size(16), aligned(sizeof(double)), may_alias));
#endif
static inline void hd__put2(void *p, double a, double b)
{
#ifdef HD__VECTOR_LANES
    const hd__pair_store v = {a, b};
    *(hd__pair_store *)p = v;
#else
    const double v[2] = {a, b};
    memcpy(p, v, sizeof v);
#endif
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
static inline void hd__init_hd_dual4(hd_dual4 *e, double x)
{
    e->val = x;
    hd__put2(&e->d, 0.0, 0.0);
    hd__put2((double *)(void *)&e->d + 2, 0.0, 0.0);
}
static inline void hd__init_hd_dual2(hd_dual2 *e, double x)
{
    e->val = x;
    hd__put2(&e->d, 0.0, 0.0);
}
static inline void hd__init_hd_hyperv(hd_hyperv *e, double x)
{
    hd__put2(&e->val, x, 0.0);
    memcpy(&e->d2, hd__unit + HD_LANES + 1, sizeof e->d2);
    memcpy(&e->d12, hd__unit + HD_LANES + 1, sizeof e->d12);
}
/* Lane k of a lane part := v, through the 16-byte pair that holds it (the
 * other lane of the pair := 0: seeds never share a pair of one element). */
static inline void hd__put_lane(void *part, size_t k, double v)
{
    hd__put2((double *)(void *)part + 2 * (k / 2), k % 2 ? 0.0 : v, k % 2 ? v : 0.0);
}
_Static_assert(sizeof(hd__hlanes) <= (HD_LANES) * sizeof(double), "zeros from hd__unit");
_Static_assert(sizeof(hd_hyper) == 32 && sizeof(hd_hyperv) % 16 == 0, "16-byte element chunks");

/* CSR position of (i, j) in sp (columns ascending in each row), or
 * (size_t)-1 when (i, j) is not in the pattern (lib/sparse.c). */
size_t hd__csr_position(const hd_sparsity *sp, size_t i, size_t j);
/* Greedy distance-2 colouring of the symmetric CSR pattern (lib/sparse.c):
 * color[j] for every column, *ncolors in all. HD_OK or HD_ENOMEM. */
int hd__colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                       size_t *ncolors);
/* Greedy star colouring of the same (lib/sparse.c): each off-diagonal entry
 * is then direct in its row or in its mirror's, never shared in both.
 * HD_OK or HD_ENOMEM. */
int hd__star_colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                            size_t *ncolors);
/* The taped paths (lib/tape.c). HD_OK, or HD__DECLINED when memory ran
 * short or the tape met a non-finite number, so that the caller's forward
 * path (less memory; its conventions at non-finite points) gives the answer. */
#define HD__DECLINED 1
int hd__gradient_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                       hd_counts *c);
int hd__hessian_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                      double *hess, hd_counts *c);
/* The same on the pattern and colouring of sp, into its CSR values. */
int hd__sparse_hessian_taped(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                             double *fx, double *grad, double *values, hd_counts *c);

#endif
