/* The expression engine's evaluators: one interpreter loop (expr_run.h) for
 * double and one per kind of the list (kinds.h), each case a kernel
 * generated from rules.h, and the objective adapter for the drivers and
 * optimizers. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "expr_internal.h"
#include "expr_run.h"

/* ---- the interpreters: double and every kind of the list ---------------------- */
HD__DEFINE_RUN(double, run_value)
/* The interpreters' cases dispatch through the generic macros, which expand
 * the list of kinds themselves; a macro cannot expand inside its own
 * expansion, so each row only names its HD__DEFINE_RUN, deferred, and
 * HD__EXPAND runs them once the list is done. */
#define HD__EMPTY()
#define HD__DEFER(m) m HD__EMPTY()
#define HD__EXPAND(...) __VA_ARGS__
#define HD__RUN_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                    \
    HD__DEFER(HD__DEFINE_RUN)(T, run_##S)
HD__EXPAND(HD__KINDS(HD__RUN_KIND, ~))

/* The value stack lives on the C stack up to this many bytes (64 slots of
 * hd_hyperv; far more pending operands than hand-written formulas reach) and
 * on the heap beyond, so deep programs cannot overflow a thread's stack. */
#define HD__SMALL_STACK_BYTES (64 * sizeof(hd_hyperv))

/* eval_S(e, x): the program on kind S; every part NaN when e is NULL or the
 * value stack cannot be allocated. */
#define HD__DEFINE_EVAL(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                 \
    static T eval_##S(const hd_expr *e, const T *x)                                             \
    {                                                                                           \
        if (!e) return hd_const(T, NAN);                                                        \
        _Alignas(16) unsigned char small[HD__SMALL_STACK_BYTES];                                \
        if (e->max_stack <= sizeof small / sizeof(T)) return run_##S(e, x, (T *)(void *)small); \
        T *st = malloc(e->max_stack * sizeof *st);                                              \
        if (!st) return hd_const(T, NAN);                                                       \
        const T r = run_##S(e, x, st);                                                          \
        free(st);                                                                               \
        return r;                                                                               \
    }                                                                                           \
    static T body_##S(const T *x, size_t n, void *ctx)                                          \
    {                                                                                           \
        (void)n;                                                                                \
        return eval_##S(ctx, x);                                                                \
    }
HD__EVAL_KINDS(HD__DEFINE_EVAL, ~)

double hd_expr_eval(const hd_expr *e, const double *x) { return eval_value(e, x); }
hd_dual hd_expr_eval_dual(const hd_expr *e, const hd_dual *x) { return eval_dual(e, x); }
hd_hyper hd_expr_eval_hyper(const hd_expr *e, const hd_hyper *x) { return eval_hyper(e, x); }

/* ---- as an objective --------------------------------------------------------------- */
static double objective_f(const double *x, void *ctx) { return eval_value(ctx, x); }
static hd_dual objective_dual(const hd_dual *x, void *ctx) { return eval_dual(ctx, x); }
static hd_hyper objective_hyper(const hd_hyper *x, void *ctx) { return eval_hyper(ctx, x); }

#define HD__BODY_INIT(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) .S = body_##S,
/* A body for every kind, so the drivers take the same paths as for a
 * compiled HD_GENERIC_OBJECTIVE. */
static const hd_bodies bodies = {.size = sizeof(hd_bodies), HD__EVAL_KINDS(HD__BODY_INIT, ~)};

hd_objective hd_expr_objective(const hd_expr *expr)
{
    const hd_objective o = {
        .n = hd_expr_num_vars(expr),
        .f = objective_f,
        .f_dual = objective_dual,
        .f_hyper = objective_hyper,
        .bodies = &bodies,
        .ctx = (void *)expr, /* the drivers pass ctx back untouched; it is never written */
    };
    return o;
}
