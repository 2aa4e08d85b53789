/* Objectives made from vector functions, and vector functions made from a
 * model and data, each with a body of every kind (generated from the list of
 * kinds), so that the drivers take the same fast paths as for a compiled
 * HD_GENERIC_OBJECTIVE:
 *   hd_sum_of_squares   f(x) = Σ F_i(x)², each pass one pass of F;
 *   hd_data_residuals   r_i(θ) = g(θ, d_i) - y_i, each pass m passes of g.
 * Each adapter has two static tables: one with every kind, chosen when the
 * function it wraps has every kind, and one with the contract's kinds only
 * (dual and hyper for a sum of squares, whose values then come from dual
 * passes; value, dual and hyper for a model), for a hand-written function
 * (or a table built before a kind was added). A table of the adapter is how hd_minimize recognises a sum of
 * squares and finds its residuals (hd_objective_residuals). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "internal.h"

/* Numbers of one pass on the stack up to this size (the m residuals of a
 * sum of squares, the p + k inputs of a model); beyond it, malloc. */
#define ADAPTER_STACK_BYTES 8192

/* A buffer of count numbers of `size` bytes: stack when it fits, else
 * malloc; NULL when that fails. */
static void *pass_buffer(void *stack, size_t count, size_t size)
{
    return hd__diff_buffer(stack, ADAPTER_STACK_BYTES, count, size);
}

/* ---- f = Σ F_i² ------------------------------------------------------------------ */

/* Body of kind S: F on kind S, then the sum of the squares on kind S. A
 * residual F leaves unwritten is NaN, and so is f. */
#define DEFINE_SSQ(T, S)                                                                        \
    static T ssq_##S(const T *x, size_t n, void *ctx)                                           \
    {                                                                                           \
        const hd_vector_objective *F = ctx;                                                     \
        const size_t m = F->m;                                                                  \
        (void)n;                                                                                \
        _Alignas(16) unsigned char stack[ADAPTER_STACK_BYTES];                                  \
        T *r = pass_buffer(stack, m, sizeof *r);                                                \
        if (!r) return hd_const(T, NAN);                                                        \
        for (size_t i = 0; i < m; i++) r[i] = hd_const(T, NAN);                                 \
        hd__vcall_##S(F, x, r);                                                                 \
        T s = hd_const(T, 0.0);                                                                 \
        for (size_t i = 0; i < m; i++) s = hd_add(s, hd_sq(r[i]));                              \
        hd__diff_release(r, stack);                                                             \
        return s;                                                                               \
    }
#define SSQ_ROW(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) HD__DEFER(DEFINE_SSQ)(T, S)
HD__EXPAND(HD__EVAL_KINDS(SSQ_ROW, ~))

#define EVERY_BODY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, prefix) .S = prefix##_##S,
static const hd_bodies ssq_every = {.size = sizeof(hd_bodies), HD__EVAL_KINDS(EVERY_BODY, ssq)};
/* F's dual and hyper-dual bodies, which hd_sum_of_squares requires; the
 * drivers take values from dual passes (F may have no plain body). */
static const hd_bodies ssq_contract = {.size = sizeof(hd_bodies), .dual = ssq_dual,
                                       .hyper = ssq_hyper};

/* 1 when F has every kind of the list (or obj every kind: the same test on
 * the scalar side). */
#define VHAS_EVERY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) && hd__vhas_##S(F)
static int vhas_every_kind(const hd_vector_objective *F)
{
    return 1 HD__EVAL_KINDS(VHAS_EVERY, ~);
}
#define HAS_EVERY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) && hd__has_##S(obj)
static int has_every_kind(const hd_objective *obj)
{
    return 1 HD__EVAL_KINDS(HAS_EVERY, ~);
}

int hd_sum_of_squares(const hd_vector_objective *F, hd_objective *obj)
{
    if (!hd__vobjective_ok(F) || !hd__vhas_hyper(F) || !obj) return HD_EINVAL;
    const hd_objective o = {
        .n = F->n,
        .ctx = (void *)F, /* read, never written */
        .bodies = vhas_every_kind(F) ? &ssq_every : &ssq_contract,
    };
    *obj = o;
    return HD_OK;
}

const hd_vector_objective *hd_objective_residuals(const hd_objective *obj)
{
    if (!obj || (obj->bodies != &ssq_every && obj->bodies != &ssq_contract)) return NULL;
    return obj->ctx;
}

/* ---- r_i(θ) = g(θ, d_i) - y_i --------------------------------------------------- */

/* Vector body of kind S: the inputs are θ (as given: seeded by the caller)
 * followed by row i's data as constants; one pass of g per row. Without
 * memory every residual is NaN. */
#define DEFINE_DATA(T, S)                                                                       \
    static void data_##S(const T *theta, T *out, size_t n, void *ctx)                           \
    {                                                                                           \
        const hd_data_model *dm = ctx;                                                          \
        const size_t p = dm->p, k = dm->k;                                                      \
        (void)n;                                                                                \
        _Alignas(16) unsigned char stack[ADAPTER_STACK_BYTES];                                  \
        T *in = pass_buffer(stack, p + k, sizeof *in);                                          \
        if (!in) {                                                                              \
            for (size_t i = 0; i < dm->m; i++) out[i] = hd_const(T, NAN);                       \
            return;                                                                             \
        }                                                                                       \
        for (size_t j = 0; j < p; j++) in[j] = theta[j];                                        \
        for (size_t i = 0; i < dm->m; i++) {                                                    \
            for (size_t j = 0; j < k; j++) in[p + j] = hd_const(T, dm->data[i * k + j]);       \
            out[i] = hd_sub(hd__call_##S(dm->model, in), dm->y[i]);                             \
        }                                                                                       \
        hd__diff_release(in, stack);                                                            \
    }
#define DATA_ROW(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) HD__DEFER(DEFINE_DATA)(T, S)
HD__EXPAND(HD__EVAL_KINDS(DATA_ROW, ~))

static const hd_vbodies data_every = {.size = sizeof(hd_vbodies), HD__EVAL_KINDS(EVERY_BODY, data)};
static const hd_vbodies data_contract = {.size = sizeof(hd_vbodies), .value = data_value,
                                         .dual = data_dual, .hyper = data_hyper};

int hd_data_residuals(const hd_data_model *dm, hd_vector_objective *F)
{
    if (!dm || !F || !dm->y || (dm->k > 0 && !dm->data) || dm->p == 0 || dm->m == 0) return HD_EINVAL;
    const hd_objective *obj = dm->model;
    if (!hd__objective_ok(obj) || dm->k > obj->n || obj->n - dm->k != dm->p) return HD_EINVAL;
    if (!hd__has_value(obj) || !hd__has_dual(obj)) return HD_EINVAL;
    const hd_vector_objective o = {
        .n = dm->p,
        .m = dm->m,
        .ctx = (void *)dm, /* read, never written */
        .bodies = has_every_kind(obj) ? &data_every : &data_contract,
    };
    *F = o;
    return HD_OK;
}
