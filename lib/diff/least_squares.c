/* Objectives made from vector functions, and vector functions made from a
 * model and data, each with a body of every kind (generated from the list of
 * kinds), so that the drivers take the same fast paths as for a compiled
 * HD_GENERIC_OBJECTIVE:
 *   hd_sum_of_squares   f(x) = Σ F_i(x)², each pass one pass of F;
 *   hd_data_residuals   r_i(θ) = g(θ, d_i) - y_i, each pass m passes of g.
 * A sum of squares has a table for each set of kinds its F may offer and
 * offers exactly F's; a model's adapter has two, one with every kind
 * (chosen when the model has every kind) and one with the contract's value,
 * dual and hyper. A table of the sum of squares is how hd_minimize
 * recognises one and finds its residuals (hd_objective_residuals). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#ifndef __STDC_NO_THREADS__
#include <threads.h>
#endif
#include "internal.h"
#include "counted.h"

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

/* Σ F_i² on kind S: F on kind S, then the sum of the squares on kind S. A
 * residual F leaves unwritten is NaN, and so is f. */
#define DEFINE_SUM(T, S)                                                                        \
    static T sum_##S(const hd_vector_objective *F, const T *x)                                  \
    {                                                                                           \
        const size_t m = F->m;                                                                  \
        _Alignas(16) unsigned char stack[ADAPTER_STACK_BYTES];                                  \
        T *r = pass_buffer(stack, m, sizeof *r);                                                \
        if (!r) return hd_const(T, NAN);                                                        \
        for (size_t i = 0; i < m; i++) r[i] = hd_const(T, NAN);                                 \
        hd__vcall_##S(F, x, r);                                                                 \
        T s = hd_const(T, 0.0);                                                                 \
        for (size_t i = 0; i < m; i++) s = hd_add(s, hd_sq(r[i]));                              \
        hd__diff_release(r, stack);                                                             \
        return s;                                                                               \
    }                                                                                           \
    /* The body of kind S of a sum of squares: ctx is F */                                      \
    static T ssq_##S(const T *x, size_t n, void *ctx)                                           \
    {                                                                                           \
        (void)n;                                                                                \
        return sum_##S(ctx, x);                                                                 \
    }                                                                                           \
    /* ... and of a family's: ctx is the family, whose member for n is F */                     \
    static T fam_##S(const T *x, size_t n, void *ctx)                                           \
    {                                                                                           \
        const hd_vector_objective F = ((const hd__residual_family *)ctx)->at(n);                \
        return sum_##S(&F, x);                                                                  \
    }
#define SSQ_ROW(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) HD__DEFER(DEFINE_SUM)(T, S)
HD__EXPAND(HD__EVAL_KINDS(SSQ_ROW, ~))

#define EVERY_BODY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, prefix) .S = prefix##_##S,

/* A sum of squares offers exactly the kinds its F offers, so that the
 * drivers take the paths F's bodies allow (a registry problem's residuals
 * are built only for the kinds its sizes use). Its table is one of
 * ssq_tables[way], one per set of F's optional kinds: bit b of the index is
 * optional kind b (the list's kinds but dual and hyper, which every F has);
 * `way` says whether ctx is F (SUM_OF_F) or a family of them (SUM_OF_FAMILY).
 * The tables are filled once, on first use (their number follows the list
 * of kinds, which a macro cannot count). */
enum { SUM_OF_F, SUM_OF_FAMILY, SUM_WAYS };
#define OPTIONAL_KIND(k) ((k) != HD_KIND_DUAL && (k) != HD_KIND_HYPER)
/* The bit of kind k in a table's index: its rank among the optional kinds. */
#define OPTIONAL_BIT(k) ((k) - ((k) > HD_KIND_DUAL) - ((k) > HD_KIND_HYPER))
#define SSQ_TABLES (1u << (HD_KIND_COUNT - 2))
static hd_bodies ssq_tables[SUM_WAYS][SSQ_TABLES];
#define SSQ_BODY_IF(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                     \
    if (!OPTIONAL_KIND(KIND) || (set >> OPTIONAL_BIT(KIND) & 1u)) {                             \
        ssq_tables[SUM_OF_F][set].S = ssq_##S;                                                  \
        ssq_tables[SUM_OF_FAMILY][set].S = fam_##S;                                             \
    }
static void fill_ssq_tables(void)
{
    for (unsigned set = 0; set < SSQ_TABLES; set++) {
        ssq_tables[SUM_OF_F][set].size = ssq_tables[SUM_OF_FAMILY][set].size = sizeof(hd_bodies);
        HD__EVAL_KINDS(SSQ_BODY_IF, ~)
    }
}
#ifndef __STDC_NO_THREADS__
static once_flag ssq_once = ONCE_FLAG_INIT;
static void ssq_tables_ready(void) { call_once(&ssq_once, fill_ssq_tables); }
#else
/* Without C11 threads: every call writes the same values. */
static void ssq_tables_ready(void) { fill_ssq_tables(); }
#endif

/* The index of F's set of optional kinds. */
#define VHAS_BIT(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                        \
    | (OPTIONAL_KIND(KIND) && hd__vhas_##S(F) ? 1u << OPTIONAL_BIT(KIND) : 0u)
static unsigned optional_kinds_of(const hd_vector_objective *F)
{
    return 0u HD__EVAL_KINDS(VHAS_BIT, ~);
}
#define HAS_EVERY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) && hd__has_##S(obj)
static int has_every_kind(const hd_objective *obj)
{
    return 1 HD__EVAL_KINDS(HAS_EVERY, ~);
}

int hd_sum_of_squares(const hd_vector_objective *F, hd_objective *obj)
{
    ssq_tables_ready();
    if (!hd__vobjective_ok(F) || !hd__vhas_hyper(F) || !obj) return HD_EINVAL;
    const hd_objective o = {
        .n = F->n,
        .ctx = (void *)F, /* read, never written */
        .bodies = &ssq_tables[SUM_OF_F][optional_kinds_of(F)],
    };
    *obj = o;
    return HD_OK;
}

int hd__sum_of_squares_family(const hd__residual_family *family, size_t n, hd_objective *obj)
{
    ssq_tables_ready();
    const hd_vector_objective F = family->at(n);
    if (!hd__vobjective_ok(&F) || !hd__vhas_hyper(&F)) return HD_EINVAL;
    const hd_objective o = {
        .n = n,
        .ctx = (void *)family, /* read, never written */
        .bodies = &ssq_tables[SUM_OF_FAMILY][optional_kinds_of(&F)],
    };
    *obj = o;
    return HD_OK;
}

/* 0 for no sum of squares, else the way (1 + SUM_OF_*) its ctx gives F. */
static int sum_way(const hd_objective *obj)
{
    for (int way = 0; way < SUM_WAYS; way++)
        if (obj->bodies >= ssq_tables[way] && obj->bodies < ssq_tables[way] + SSQ_TABLES) return 1 + way;
    return 0;
}

int hd_objective_residuals(const hd_objective *obj, hd_vector_objective *F)
{
    const int way = obj && F ? sum_way(obj) : 0;
    if (!way) return HD_EINVAL;
    *F = way - 1 == SUM_OF_F ? *(const hd_vector_objective *)obj->ctx
                             : ((const hd__residual_family *)obj->ctx)->at(obj->n);
    return HD_OK;
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
