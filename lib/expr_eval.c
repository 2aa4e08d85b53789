/* The expression engine's evaluators: one interpreter loop (expr_run.h) per
 * number type, each case a kernel generated from rules.h, and the objective
 * adapter for the drivers and optimizers. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "expr_internal.h"

/* ---- constant folding: the plain-double kernels ------------------------------ */
#define HD__APPLY1(name, ...) case HD__OP_U_##name: return hd__##name##_r(x);
double hd__apply1_double(unsigned op, double x)
{
    switch (op) {
    HD_UNARY_RULES(HD__APPLY1)
    default: return NAN;
    }
}
#define HD__APPLY2(name, ...) case HD__OP_B_##name: return hd__##name##_rr(x, y);
double hd__apply2_double(unsigned op, double x, double y)
{
    switch (op) {
    HD_BINARY_RULES(HD__APPLY2)
    default: return NAN;
    }
}

/* ---- the three interpreters ------------------------------------------------------ */
#define HD__RUN_T double
#define HD__RUN_NAME run_double
#define HD__RUN_LIFT(k) (k)
#define HD__RUN_K1(f, a) hd__##f##_r(a)
#define HD__RUN_K2(f, a, b) hd__##f##_rr(a, b)
#define HD__RUN_K2R(f, a, k) hd__##f##_rr(a, k)
#define HD__RUN_K2L(f, k, b) hd__##f##_rr(k, b)
#include "expr_run.h"

#define HD__RUN_T hd_dual
#define HD__RUN_S dual
#include "expr_run.h"

#define HD__RUN_T hd_hyper
#define HD__RUN_S hyper
#include "expr_run.h"

/* The lane types of the drivers' fast paths (several directions per pass). */
#define HD__RUN_T hd_dualv
#define HD__RUN_S dualv
#include "expr_run.h"

#define HD__RUN_T hd_hyperv
#define HD__RUN_S hyperv
#include "expr_run.h"

/* The recording type of the taped paths (reverse sweeps). */
#define HD__RUN_T hd_taped
#define HD__RUN_S taped
#include "expr_run.h"

/* The value stack lives on the C stack up to this many slots (64 levels of
 * pending operands, far more than hand-written formulas reach) and on the
 * heap beyond, so deep programs cannot overflow a thread's stack. */
#define HD__SMALL_STACK 64

#define HD__DEFINE_EVAL(T, fname, run, NANV)                                          \
    HD__EVAL_LINKAGE T fname(const hd_expr *e, const T *x)                            \
    {                                                                                 \
        if (!e) return NANV;                                                          \
        T small[HD__SMALL_STACK];                                                     \
        if (e->max_stack <= HD__SMALL_STACK) return run(e, x, small);                 \
        T *st = malloc(e->max_stack * sizeof *st);                                    \
        if (!st) return NANV;                                                         \
        const T r = run(e, x, st);                                                    \
        free(st);                                                                     \
        return r;                                                                     \
    }
#define HD__EVAL_LINKAGE
HD__DEFINE_EVAL(double, hd_expr_eval, run_double, NAN)
HD__DEFINE_EVAL(hd_dual, hd_expr_eval_dual, run_dual, hd_dual_make(NAN, NAN))
HD__DEFINE_EVAL(hd_hyper, hd_expr_eval_hyper, run_hyper, hd_hyper_make(NAN, NAN, NAN, NAN))
#undef HD__EVAL_LINKAGE
#define HD__EVAL_LINKAGE static
HD__DEFINE_EVAL(hd_dualv, eval_dualv, run_dualv, hd_dualv_const(NAN))
HD__DEFINE_EVAL(hd_hyperv, eval_hyperv, run_hyperv, hd_hyperv_const(NAN))
HD__DEFINE_EVAL(hd_taped, eval_taped, run_taped, hd_taped_const(NAN))

/* ---- as an objective --------------------------------------------------------------- */
static double objective_f(const double *x, void *ctx) { return hd_expr_eval(ctx, x); }
static hd_dual objective_dual(const hd_dual *x, void *ctx) { return hd_expr_eval_dual(ctx, x); }
static hd_hyper objective_hyper(const hd_hyper *x, void *ctx) { return hd_expr_eval_hyper(ctx, x); }
static hd_dualv objective_dualv(const hd_dualv *x, void *ctx) { return eval_dualv(ctx, x); }
static hd_hyperv objective_hyperv(const hd_hyperv *x, void *ctx) { return eval_hyperv(ctx, x); }
static hd_taped objective_taped(const hd_taped *x, void *ctx) { return eval_taped(ctx, x); }

/* Every member the drivers can use, so they pick the same paths as for a
 * compiled HD_GENERIC_OBJECTIVE. */
hd_objective hd_expr_objective(const hd_expr *expr)
{
    const hd_objective o = {
        .n = hd_expr_num_vars(expr),
        .f = objective_f,
        .f_dual = objective_dual,
        .f_hyper = objective_hyper,
        .f_lanes = objective_dualv,
        .f_hyperv = objective_hyperv,
        .f_taped = objective_taped,
        .ctx = (void *)expr, /* the drivers pass ctx back untouched; it is never written */
    };
    return o;
}
