/* The derivative layer's own header (lib/diff/): how a body of each kind is
 * called, the table of paths, and what the paths share (buffers, units of
 * passes, seeding). The layers, bottom up (doc/design.md):
 *   colour.c                 CSR lookups and column colourings
 *   passes.c                 buffers and units of passes (OpenMP)
 *   path_*.c                 one file per path: scalar, narrow, lanes, packed, sparse, tape
 *   path_table.h             the table of paths (in the drivers' unit)
 *   drivers.c extra.c sparsity.c   the public drivers
 * A file calls only files below it; nothing calls back up into the drivers. */
#ifndef HYPERDUAL_DIFF_INTERNAL_H
#define HYPERDUAL_DIFF_INTERNAL_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include <hyperdual/paths.h>
#include <hyperdual/sparse.h>
#include "../size_check.h"

/* ---- bodies, by kind (generated from the list of kinds) ------------------------- */

/* hd__has_S(obj): the objective offers kind S (a body in its table, or the
 * contract's member); hd__call_S(obj, x): one pass of kind S (the caller has
 * checked hd__has_S). A kind of the contract prefers its member, which the
 * plain HD_GENERIC_OBJECTIVE fills: one predictable branch. */
#define HD__TABLE_HAS(o, S) (HD__BODY_OF(o, S) != 0)
#define HD__KIND_CALLS(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                  \
    HD__KIND_CALLS_##FACE(T, S, MEMBER)
#define HD__KIND_CALLS_CONTRACT(T, S, MEMBER)                                                   \
    static inline int hd__has_##S(const hd_objective *o)                                        \
    {                                                                                           \
        return o->MEMBER || HD__TABLE_HAS(o, S);                                                \
    }                                                                                           \
    static inline T hd__call_##S(const hd_objective *o, const T *x)                             \
    {                                                                                           \
        return o->MEMBER ? o->MEMBER(x, o->ctx) : o->bodies->S(x, o->n, o->ctx);                \
    }
#define HD__KIND_CALLS_TABLE(T, S, MEMBER)                                                      \
    static inline int hd__has_##S(const hd_objective *o) { return HD__TABLE_HAS(o, S); }        \
    static inline T hd__call_##S(const hd_objective *o, const T *x)                             \
    {                                                                                           \
        return o->bodies->S(x, o->n, o->ctx);                                                   \
    }
HD__EVAL_KINDS(HD__KIND_CALLS, ~)

/* A usable objective: n >= 1 and a hyper-dual body (the contract's only
 * required member). */
static inline int hd__objective_ok(const hd_objective *obj)
{
    return obj && obj->n >= 1 && hd__has_hyper(obj);
}

/* ---- counters ---------------------------------------------------------------------- */

/* The counters a driver adds to: the caller's, or *scratch zeroed when the
 * caller passes none (the paths always add to one). Zeroed by a copy of
 * this constant, not written as `= {0}`: gcc zeroes a struct of this size
 * with `rep stos`, whose startup cost F1's forced gradient at n = 2 about
 * 13 ns of 28 (bench_drivers, doc/performance.md); a copy is a few vector
 * loads and stores, and none is made when the caller counts. */
static const hd_counts hd__zero_counts;
static inline hd_counts *hd__counts_or_scratch(hd_counts *counts, hd_counts *scratch)
{
    if (counts) return counts;
    *scratch = hd__zero_counts;
    return scratch;
}

/* ---- one pass at small n (hyperdual/small.h) ------------------------------------------ */

/* hd__small_gradient and hd__small_hessian with n a constant where it is 2
 * or 4, so that the seeding has constant indices (F1's gradient at n = 4:
 * 25% fewer instructions). */
static inline hd_kind hd__small_gradient_at(const hd_objective *obj, const double *x, double *fx,
                                            double *grad)
{
    const size_t n = obj->n;
    return n == 2   ? hd__small_gradient(obj, 2, x, fx, grad)
           : n == 4 ? hd__small_gradient(obj, 4, x, fx, grad)
                    : hd__small_gradient(obj, n, x, fx, grad);
}
static inline hd_kind hd__small_hessian_at(const hd_objective *obj, const double *x, double *fx,
                                           double *grad, double *hess)
{
    const size_t n = obj->n;
    return n == 2   ? hd__small_hessian(obj, 2, x, fx, grad, hess)
           : n == 4 ? hd__small_hessian(obj, 4, x, fx, grad, hess)
                    : hd__small_hessian(obj, n, x, fx, grad, hess);
}

/* The same for vector functions (hd_vector_objective): hd__vhas_S(F) and
 * hd__vcall_S(F, x, out). Only value and dual have members (f, f_dual);
 * every other kind, hyper included, lives in the table alone. */
#define HD__VTABLE_HAS(o, S)                                                                    \
    ((o)->bodies && (o)->bodies->size >= offsetof(hd_vbodies, S) + sizeof(hd_vbody_##S)        \
     && (o)->bodies->S)
#define HD__VKIND_CALLS(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                 \
    HD__VKIND_CALLS_##FACE(T, S, MEMBER)
#define HD__VKIND_CALLS_CONTRACT(T, S, MEMBER) HD__VKIND_CALLS_##MEMBER(T, S)
#define HD__VKIND_CALLS_f(T, S) HD__VKIND_CALLS_WITH(T, S, f)
#define HD__VKIND_CALLS_f_dual(T, S) HD__VKIND_CALLS_WITH(T, S, f_dual)
#define HD__VKIND_CALLS_f_hyper(T, S) HD__VKIND_CALLS_TABLE(T, S, -)
#define HD__VKIND_CALLS_WITH(T, S, MEMBER)                                                      \
    static inline int hd__vhas_##S(const hd_vector_objective *o)                                \
    {                                                                                           \
        return o->MEMBER || HD__VTABLE_HAS(o, S);                                               \
    }                                                                                           \
    static inline void hd__vcall_##S(const hd_vector_objective *o, const T *x, T *out)          \
    {                                                                                           \
        if (o->MEMBER) o->MEMBER(x, out, o->ctx);                                               \
        else o->bodies->S(x, out, o->n, o->ctx);                                                \
    }
#define HD__VKIND_CALLS_TABLE(T, S, MEMBER)                                                     \
    static inline int hd__vhas_##S(const hd_vector_objective *o) { return HD__VTABLE_HAS(o, S); } \
    static inline void hd__vcall_##S(const hd_vector_objective *o, const T *x, T *out)          \
    {                                                                                           \
        o->bodies->S(x, out, o->n, o->ctx);                                                     \
    }
HD__EVAL_KINDS(HD__VKIND_CALLS, ~)

/* A usable vector function: n >= 1, m >= 1 and a dual body (the Jacobian's
 * passes). */
static inline int hd__vobjective_ok(const hd_vector_objective *F)
{
    return F && F->n >= 1 && F->m >= 1 && hd__vhas_dual(F);
}

/* Code per kind that itself uses the generic macros (hd_add, ...) cannot be
 * written inside an expansion of the list of kinds, which those macros
 * expand again (a macro does not expand inside its own expansion). A row
 * names its definition deferred, HD__DEFER(DEFINE)(T, S), and
 * HD__EXPAND(HD__EVAL_KINDS(ROW, ~)) runs the definitions once the list is
 * done (as lib/expr_eval.c does for the interpreters). */
#define HD__EMPTY()
#define HD__DEFER(m) m HD__EMPTY()
#define HD__EXPAND(...) __VA_ARGS__

/* ---- the table of paths (path_table.h) ------------------------------------------------ */

/* HD__DECLINED: a path that cannot answer at this point (the tape met a
 * non-finite number, or memory ran short) returns it, and the next path of
 * the table answers instead. */
#ifndef HD__DECLINED
#define HD__DECLINED 1
#endif

typedef int (*hd__gradient_fn)(const hd_objective *obj, const double *x, double *fx,
                               double *grad, hd_counts *c);
typedef int (*hd__hessian_fn)(const hd_objective *obj, const double *x, double *fx,
                              double *grad, double *hess, hd_counts *c);
/* The m×n Jacobian of F (row-major) and F(x) when fx is not NULL. */
typedef int (*hd__jacobian_fn)(const hd_vector_objective *F, const double *x, double *fx,
                               double *jac, hd_counts *c);
/* The non-zeros of sp (CSR order) into values. */
typedef int (*hd__sparse_fn)(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                             double *fx, double *grad, double *values, hd_counts *c);
/* H(x)·v into hv (and f, the gradient on the way; fx, grad may be NULL). */
typedef int (*hd__hessian_vector_fn)(const hd_objective *obj, const double *x, const double *v,
                                     double *fx, double *grad, double *hv, hd_counts *c);

/* A set of kinds, as bits 1u << hd_kind. */
#define HD__KIND_BIT(k) (1u << (k))
/* 1 when obj has every kind of the set. */
#define HD__HAS_IN_SET(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                  \
    if ((kinds & HD__KIND_BIT(KIND)) && !hd__has_##S(obj)) return 0;
/* Always inline: with a constant set (a row of the table) it folds to the
 * one or two checks the set names. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int hd__has_kinds(const hd_objective *obj, unsigned kinds)
{
    if (!kinds) return 1;
    HD__EVAL_KINDS(HD__HAS_IN_SET, ~)
    return 1;
}

/*
 * One path: what it computes, what it needs, and when it is the automatic
 * choice. A NULL function is an operation the path does not do. A path can
 * serve an objective that has every kind of its `needs` set; the automatic
 * choice takes it from `from_n` variables on, if `prefers` (NULL: always;
 * asked before the kinds are checked, so it must not assume them) agrees. The drivers walk the table in order and
 * take the first row that can serve and is chosen; a row that declines
 * passes the call on down the table. Plain data with thresholds first, so
 * that at n = 2 the walk costs a few comparisons.
 */
typedef struct hd__path_op {
    unsigned needs;      /* kinds the path calls */
    size_t from_n;       /* automatic from this n on */
    int (*prefers)(const hd_objective *obj); /* a further condition, or NULL */
} hd__path_op;
typedef struct hd__path {
    hd_path id;
    const char *name;
    hd__path_op on_gradient, on_hessian, on_hessian_vector;
    hd__gradient_fn gradient;
    hd__hessian_fn hessian;
    hd__sparse_fn sparse_hessian; /* the non-zeros of a given pattern */
    /* The Jacobian of a vector function: the kinds it needs of the function
     * (hd__vhas_kinds) and the n from which it is chosen; `prefers` unused. */
    hd__path_op on_jacobian;
    hd__jacobian_fn jacobian;
    hd__hessian_vector_fn hessian_vector;
} hd__path;

/* 1 when the vector function F has every kind of the set. */
#define HD__VHAS_IN_SET(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                 \
    if ((kinds & HD__KIND_BIT(KIND)) && !hd__vhas_##S(F)) return 0;
static inline int hd__vhas_kinds(const hd_vector_objective *F, unsigned kinds)
{
    if (!kinds) return 1;
    HD__EVAL_KINDS(HD__VHAS_IN_SET, ~)
    return 1;
}

/* Whether row p serves obj for an operation: op is p->on_gradient, p->on_hessian
 * or p->on_hessian_vector. */
static inline int hd__path_can(const hd_objective *obj, const hd__path_op *op)
{
    return hd__has_kinds(obj, op->needs);
}
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int hd__path_chosen(const hd_objective *obj, const hd__path_op *op)
{
    return obj->n >= op->from_n && (!op->prefers || op->prefers(obj))
           && hd__has_kinds(obj, op->needs);
}


/* ---- the paths' functions (path_*.c) --------------------------------------------- */

/* path_scalar.c: n dual (or hyper-dual) passes; n(n+1)/2 hyper-dual passes;
 * H·v from n hyper-dual passes. */
int hd__gradient_scalar(const hd_objective *obj, const double *x, double *fx, double *grad,
                        hd_counts *c);
int hd__hessian_scalar(const hd_objective *obj, const double *x, double *fx, double *grad,
                       double *hess, hd_counts *c);
/* The scalar path's Jacobian: one column per dual pass. */
int hd__jacobian_scalar(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                        hd_counts *c);
int hd__hessian_vector_scalar(const hd_objective *obj, const double *x, const double *v,
                              double *fx, double *grad, double *hv, hd_counts *c);
/* path_narrow.c: two or four directions per pass. */
int hd__gradient_narrow(const hd_objective *obj, const double *x, double *fx, double *grad,
                        hd_counts *c);
/* Four (hd_dual4) or two (hd_dual2) columns per pass; HD__DECLINED without either. */
int hd__jacobian_narrow(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                        hd_counts *c);
/* path_lanes.c: HD_LANES directions per pass; HD_HYPERV_LANES entries of a row per pass. */
int hd__gradient_lanes(const hd_objective *obj, const double *x, double *fx, double *grad,
                       hd_counts *c);
int hd__hessian_lanes(const hd_objective *obj, const double *x, double *fx, double *grad,
                      double *hess, hd_counts *c);
/* HD_LANES columns per hd_dualv pass. */
int hd__jacobian_lanes(const hd_vector_objective *F, const double *x, double *fx, double *jac,
                       hd_counts *c);
/* H·v from ceil(n/HD_HYPERV_LANES) hd_hyperv passes (ε1 seeded with v). */
int hd__hessian_vector_lanes(const hd_objective *obj, const double *x, const double *v,
                             double *fx, double *grad, double *hv, hd_counts *c);
/* hd_hyperv passes of the dense lane Hessian for n variables. */
size_t hd__dense_lane_passes(size_t n);
/* path_sparse.c: the forward passes of sp's plan, into CSR values or a
 * dense matrix (obj->hess_sparsity, detected when NULL). */
int hd__sparse_hessian_passes(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                              double *fx, double *grad, double *values, hd_counts *c);
int hd__hessian_sparse(const hd_objective *obj, const double *x, double *fx, double *grad,
                       double *hess, hd_counts *c);
/* Whether the plan of the attached pattern needs fewer passes than the dense lanes. */
int hd__sparse_is_faster(const hd_objective *obj);
/* path_packed.c: one hd_hyper2 pass up to n = 2, hd_hyper4 passes beyond (one
 * up to n = 4, C(ceil(n/2), 2) beyond); HD_EINVAL without the body it needs. */
int hd__hessian_packed(const hd_objective *obj, const double *x, double *fx, double *grad,
                       double *hess, hd_counts *c);
/* path_tape.c: one recorded pass and sweeps; HD__DECLINED where the tape
 * meets a non-finite number or memory runs short. */
int hd__gradient_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                       hd_counts *c);
int hd__hessian_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                      double *hess, hd_counts *c);
int hd__sparse_hessian_taped(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                             double *fx, double *grad, double *values, hd_counts *c);
/* H·v from one recorded pass and one forward-over-reverse sweep. */
int hd__hessian_vector_taped(const hd_objective *obj, const double *x, const double *v,
                             double *fx, double *grad, double *hv, hd_counts *c);

/* ---- patterns (sparsity.c, below the paths) ---------------------------------- */
/* Detect obj's Hessian pattern at x into a new hd_sparsity (hd_sparsity_detect
 * without the argument checks). */
int hd__sparsity_detect(const hd_objective *obj, const double *x, hd_sparsity **out,
                        hd_counts *c);

/* ---- buffers and units of passes (passes.c) ---------------------------------------- */

/* What a unit of passes (hd__run_units) of the dense paths reads and writes. */
typedef struct hd__pass_job {
    const hd_objective *obj;
    const double *x;
    double *fx, *grad, *hess;
} hd__pass_job;

/* A buffer of n elements: `stack` when it fits, else malloc (NULL if that
 * fails). Inline: at n = 2 a call costs a visible part of a gradient. */
static inline void *hd__diff_buffer(void *stack, size_t stack_bytes, size_t n, size_t elem)
{
    return n <= stack_bytes / elem ? stack : hd__malloc_array(n, elem);
}
/* Free a buffer from hd__diff_buffer (nothing when it is the stack). */
static inline void hd__diff_release(void *buf, void *stack)
{
    if (buf != stack) free(buf);
}
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

/* Seeds are written with stores as wide as the body's loads of them
 * (hd__put2, HD__PUT_LANE and the constants of the narrow and packed kinds
 * are in hyperdual/small.h, which the inline drivers share). Lane vectors
 * are copied from constant memory: lane k of hd__unit + HD_LANES - k is 1,
 * every other 0; hd__unit + HD_LANES + 1 is all 0. Building them in a stack
 * temporary instead would put narrow stores under the copy's loads. */
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
/* The other kinds' constants (every derivative part 0), written the same way. */
static inline void hd__init_hd_dual(hd_dual *e, double x) { hd__put2(e, x, 0.0); }
static inline void hd__init_hd_hyper(hd_hyper *e, double x)
{
    hd__put2(&e->val, x, 0.0);
    hd__put2(&e->d2, 0.0, 0.0);
}
static inline void hd__init_hd_hyperv(hd_hyperv *e, double x)
{
    hd__put2(&e->val, x, 0.0);
    memcpy(&e->d2, hd__unit + HD_LANES + 1, sizeof e->d2);
    memcpy(&e->d12, hd__unit + HD_LANES + 1, sizeof e->d12);
}
static inline void hd__init_hd_taped(hd_taped *e, double x) { *e = hd_taped_const(x); }
static inline void hd__init_hd_pattern(hd_pattern *e, double x) { *e = hd_pattern_const(x); }
/* hd__init_S_array(buf, x, n): n constants x of kind S, every derivative part 0
 * (an hd__init_fn). */
#define HD__INIT_ARRAY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                  \
    static inline void hd__init_##S##_array(void *buf, const double *x, size_t n)               \
    {                                                                                           \
        T *e = buf;                                                                             \
        for (size_t i = 0; i < n; i++) hd__init_##T(&e[i], x[i]);                               \
    }
HD__KINDS(HD__INIT_ARRAY, ~)
_Static_assert(sizeof(hd__hlanes) <= (HD_LANES) * sizeof(double), "zeros from hd__unit");
_Static_assert(sizeof(hd_hyper) == 32 && sizeof(hd_hyperv) % 16 == 0, "16-byte element chunks");

/*
 * A Jacobian on kind S (type T) whose passes carry K directions: pass p
 * seeds direction k of variable K·p + k with SEED(element, k, 1), clears it
 * again with SEED(element, k, 0), and reads column K·p + k of output i as
 * LANE(out[i], k); F(x) comes from the first pass. Each pass is counted in
 * COUNTER. Defines static int NAME(F, x, fx, jac, c), an hd__jacobian_fn.
 * The passes run in order (no OpenMP units: each would need its own m
 * outputs, and a Jacobian of a fit is dominated by its m rows, not by n).
 */
#define HD__JACOBIAN_PASSES(NAME, T, S, K, COUNTER, SEED, LANE)                                 \
    static int NAME(const hd_vector_objective *F, const double *x, double *fx, double *jac,     \
                    hd_counts *c)                                                               \
    {                                                                                           \
        const size_t n = F->n, m = F->m;                                                        \
        _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(T)];                              \
        T *xs = hd__diff_buffer(stack, sizeof stack, n, sizeof *xs);                            \
        T *out = hd__malloc_array(m, sizeof *out);                                              \
        if (!xs || !out) {                                                                      \
            if (xs) hd__diff_release(xs, stack);                                                \
            free(out);                                                                          \
            return HD_ENOMEM;                                                                   \
        }                                                                                       \
        hd__init_##S##_array(xs, x, n);                                                         \
        for (size_t base = 0; base < n; base += (K)) {                                          \
            const size_t width = n - base < (K) ? n - base : (K);                               \
            for (size_t k = 0; k < width; k++) SEED(xs[base + k], k, 1.0);                      \
            hd__vcall_##S(F, xs, out);                                                          \
            for (size_t k = 0; k < width; k++) SEED(xs[base + k], k, 0.0);                      \
            for (size_t i = 0; i < m; i++) {                                                    \
                for (size_t k = 0; k < width; k++) jac[i * n + base + k] = LANE(out[i], k);    \
                if (fx && base == 0) fx[i] = out[i].val;                                        \
            }                                                                                   \
            c->COUNTER++;                                                                       \
        }                                                                                       \
        hd__diff_release(xs, stack);                                                            \
        free(out);                                                                              \
        return HD_OK;                                                                           \
    }
/* SEED and LANE for the lane kinds (hd_dual2, hd_dual4, hd_dualv). */
#define HD__LANE_SEED(e, k, v) HD__PUT_LANE(&(e).d, (k), (v))
#define HD__LANE_OF(r, k) HD_LANE((r).d, (k))

/* ---- CSR and colourings (colour.c) --------------------------------------------- */

/* CSR position of (i, j) in sp (columns ascending in each row), or
 * (size_t)-1 when (i, j) is not in the pattern. */
size_t hd__csr_position(const hd_sparsity *sp, size_t i, size_t j);
/* Greedy distance-2 colouring of the symmetric CSR pattern: color[j] for
 * every column, *ncolors in all. HD_OK or HD_ENOMEM. */
int hd__colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                       size_t *ncolors);
/* Greedy star colouring of the same: each off-diagonal entry is then direct
 * in its row or in its mirror's, never shared in both. HD_OK or HD_ENOMEM. */
int hd__star_colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                            size_t *ncolors);

#endif
