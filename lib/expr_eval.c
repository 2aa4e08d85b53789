/* The expression engine's evaluators and the objective adapter for the
 * drivers and optimizers (the loops themselves are in expr_run.h):
 *   - double: one loop, the value only;
 *   - every kind of the list (kinds.h): two loops over each block of the
 *     program, the values and partials on doubles (the rules' formulas),
 *     then the kind's chain-rule primitives by shape (no rule in it);
 *   - the taped kind's second loop writes the tape's nodes straight from
 *     the partials (record_block). */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include "expr_internal.h"

/* ---- the taped kind's links -------------------------------------------------------
 * The recorder's stack carries a taped number's scale and node, not its
 * value and tape: every number is on the inputs' one tape or a constant. */
typedef struct {
    double scale;
    uint32_t id; /* 0: a constant, off the tape */
} hd__link;

static inline hd__link link_of(hd_taped v) { return (hd__link){v.scale, v.tape ? v.id : 0}; }

/* hd__tape_record (kernels.h) on links, on a tape with room for the node. */
static inline hd__link record_link(hd_tape_node *node, size_t *len, hd__link a, hd__link b,
                                   double fx, double fy, double fxx, double fxy, double fyy)
{
    if (!a.id && !b.id) return (hd__link){1.0, 0};
    hd__tape_put(&node[*len], a.id, a.id != 0, a.scale, b.id, b.id != 0, b.scale, fx, fy, fxx, fxy, fyy);
    return (hd__link){1.0, (uint32_t)(*len)++};
}

#include "expr_run.h"

/* ---- the interpreters ------------------------------------------------------------ */
HD__DEFINE_RUN_VALUE(run_value)
HD__DEFINE_PARTIALS(partials)
#define HD__CHAIN_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                  \
    HD__DEFINE_CHAIN(T, S, ORDER)
HD__KINDS(HD__CHAIN_KIND, ~)

/* The value stacks live on the C stack up to this many bytes (64 slots of
 * hd_hyperv and of doubles; far more pending operands than hand-written
 * formulas reach) and on the heap beyond, so deep programs cannot overflow a
 * thread's stack. */
#define HD__SMALL_STACK_BYTES (64 * (sizeof(hd_hyperv) + sizeof(double)))
/* Instructions per block: the partials of a block are computed, then applied,
 * so that they stay in the L1 cache whatever the program's length. */
#define HD__BLOCK 64

/* A stack of `slots` elements of `bytes` each: `small` when it fits, else
 * the heap (NULL if that fails). */
static void *stack_for(const hd_expr *e, size_t bytes, void *small, size_t small_bytes)
{
    if (e->max_stack <= small_bytes / bytes) return small;
    return e->max_stack > (size_t)-1 / bytes ? NULL : malloc(e->max_stack * bytes);
}

/* ---- the taped kind: the tape written straight from the partials -------------------
 * The drivers' taped path (the hot one from n = 6 for Hessians and n = 13
 * for gradients) gives inputs on one tape, each with its node (id > 0), or
 * constants (no tape, id 0). The recorder computes what the kernels'
 * primitives compute for them, bit for bit, with less traffic: the tape is
 * grown once for the program (by at most one node per instruction), and the
 * stack carries a number's scale and node, not its value and tape. */
#define HD__REC_OPERANDS(cls, label)                                                            \
    case HD__SH_B_##cls##_SA: b = acc; a = st[--sp]; goto label;                                \
    case HD__SH_B_##cls##_AX: a = acc; b = link_of(x[ip->idx]); goto label;                     \
    case HD__SH_B_##cls##_XA: a = link_of(x[ip->idx]); b = acc; goto label;                     \
    case HD__SH_B_##cls##_XX:                                                                   \
        st[sp++] = acc;                                                                         \
        a = link_of(x[ip->idx]);                                                                \
        b = link_of(x[ip->idx2]);                                                               \
        goto label;
/* Instructions ip..end-1 onto the tape's nodes node[*len..], from their
 * partials P[0..]; the stack st and the accumulator carry over. */
static void record_block(const hd__insn *ip, const hd__insn *const end, const hd_taped *x,
                         const hd__partials *P, hd__link *st, hd__link *accp, size_t *spp,
                         hd_tape_node *node, size_t *lenp)
{
    hd__link acc = *accp, a, b;
    size_t sp = *spp, len = *lenp;
    for (; ip != end; ip++, P++) {
        switch (ip->shape) {
        case HD__SH_LOADV: st[sp++] = acc; acc = link_of(x[ip->idx]); break;
        case HD__SH_LOADK: st[sp++] = acc; acc = (hd__link){0.0, 0}; break;
        case HD__SH_U_LIN_V: st[sp++] = acc; acc = link_of(x[ip->idx]); /* fall through */
        case HD__SH_U_LIN: acc.scale *= P->fx; break;
        case HD__SH_U_SMOOTH_V: st[sp++] = acc; acc = link_of(x[ip->idx]); /* fall through */
        case HD__SH_U_SMOOTH:
            acc = record_link(node, &len, acc, (hd__link){0.0, 0}, P->fx, 0.0, P->fxx, 0.0, 0.0);
            break;
        HD__REC_OPERANDS(LIN, lin)
        HD__REC_OPERANDS(BIL, bil)
        HD__REC_OPERANDS(QUOT, quot)
        HD__REC_OPERANDS(SMOOTH, smooth)
        HD__REC_OPERANDS(POWER, smooth)
        default: break;
        lin:
            if (!b.id) { /* a constant operand only scales the other one */
                acc = a;
                acc.scale *= P->fx;
            } else if (!a.id) {
                acc = b;
                acc.scale *= P->fy;
            } else {
                acc = record_link(node, &len, a, b, P->fx, P->fy, 0.0, 0.0, 0.0);
            }
            break;
        bil:
            acc = record_link(node, &len, a, b, P->fx, P->fy, 0.0, P->fxy, 0.0);
            break;
        quot:
            acc = record_link(node, &len, a, b, P->fx, P->fy, 0.0, P->fxy, P->fyy);
            break;
        smooth:
            acc = record_link(node, &len, a, b, P->fx, P->fy, P->fxx, P->fxy, P->fyy);
            break;
        }
    }
    *accp = acc;
    *spp = sp;
    *lenp = len;
}

/* The tape every input is on (NULL when none is: the program is a
 * constant), grown for the program; *ok = 0 when the inputs are on several
 * tapes or the tape cannot grow. */
static hd_tape *recorder_tape(const hd_expr *e, const hd_taped *x, int *ok)
{
    hd_tape *t = NULL;
    *ok = 1;
    for (size_t i = 0; i < e->nvars; i++) {
        if (x[i].tape && x[i].tape != t) {
            if (t) {
                *ok = 0;
                return NULL;
            }
            t = x[i].tape;
        }
    }
    if (!t) return NULL;
    const size_t need = t->len + e->ncode;
    while (t->cap < need && !t->failed)
        if (hd__tape_grow(t) != HD_OK) break;
    *ok = t->cap >= need && t->len > 0 && !t->failed;
    return t;
}

/* The program on taped inputs. A number on no tape is a constant, and one on
 * a tape with node 0 is a multiple of that tape's constants' node: either way
 * its partials are dropped, as the primitives drop a constant's. Inputs on
 * two tapes, a tape that cannot grow (hd__tape_grow has set t->failed) or a
 * stack that cannot be allocated give a NaN constant, and the driver
 * declines. */
static hd_taped recorded(const hd_expr *e, const hd_taped *x)
{
    int ok = 1;
    hd_tape *t = x ? recorder_tape(e, x, &ok) : NULL;
    _Alignas(16) unsigned char small[HD__SMALL_STACK_BYTES];
    void *mem = ok ? stack_for(e, sizeof(hd__link) + sizeof(double), small, sizeof small) : NULL;
    if (!mem) return hd_taped_const(NAN);
    hd__link *st = mem, acc = {0.0, 0};
    double *vst = (double *)(void *)(st + e->max_stack);
    hd__partials P[HD__BLOCK];
    hd__vstate vs = {0.0, 0};
    size_t sp = 0;
    hd_tape_node *const node = t ? t->node : NULL;
    size_t len = t ? t->len : 0;
    const char *xv = x ? (const char *)x + offsetof(hd_taped, val) : NULL;
    for (size_t i = 0; i < e->ncode; i += HD__BLOCK) {
        const hd__insn *b = e->code + i;
        const hd__insn *end = e->ncode - i > HD__BLOCK ? b + HD__BLOCK : e->code + e->ncode;
        partials(b, end, xv, sizeof *x, vst, &vs, P);
        record_block(b, end, x, P, st, &acc, &sp, node, &len);
    }
    if (t) t->len = len;
    if (mem != small) free(mem);
    const hd_taped r = {vs.acc, acc.scale, acc.id ? t : NULL, acc.id};
    return r;
}
/* The taped kind is recorded: HD__RECORDED(x) is 1 for it (then r is an
 * hd_taped), 0 for the others. */
#define HD__RECORDED(x) _Generic((x), const hd_taped *: 1, default: 0)
static void eval_recorded(const hd_expr *e, const void *x, void *r)
{
    *(hd_taped *)r = recorded(e, x);
}

/* ---- evaluation on each kind --------------------------------------------------------- */

/* eval_S(e, x): the program on kind S; every part NaN when e is NULL or the
 * value stacks cannot be allocated. */
static double eval_value(const hd_expr *e, const double *x)
{
    if (!e) return NAN;
    double small[HD__SMALL_STACK_BYTES / sizeof(double)];
    double *st = stack_for(e, sizeof *st, small, sizeof small);
    if (!st) return NAN;
    const double r = run_value(e, x, st);
    if (st != small) free(st);
    return r;
}
#define HD__DEFINE_EVAL(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                 \
    static T eval_##S(const hd_expr *e, const T *x)                                             \
    {                                                                                           \
        if (!e) return hd__lift_##S(NAN);                                                       \
        if (HD__RECORDED(x)) {                                                                  \
            T r;                                                                                \
            eval_recorded(e, x, &r);                                                            \
            return r;                                                                           \
        }                                                                                       \
        _Alignas(16) unsigned char small[HD__SMALL_STACK_BYTES];                                \
        void *mem = stack_for(e, sizeof(T) + sizeof(double), small, sizeof small);             \
        if (!mem) return hd__lift_##S(NAN);                                                     \
        T *st = mem;                                                                            \
        double *vst = (double *)(void *)(st + e->max_stack);                                    \
        hd__partials P[HD__BLOCK];                                                              \
        hd__vstate vs = {0.0, 0};                                                               \
        hd__state_##S cs = {.sp = 0}; /* the accumulator's first value is never read */         \
        const char *xv = x ? (const char *)x + offsetof(T, val) : NULL;                         \
        for (size_t i = 0; i < e->ncode; i += HD__BLOCK) {                                      \
            const hd__insn *b = e->code + i;                                                    \
            const hd__insn *end = e->ncode - i > HD__BLOCK ? b + HD__BLOCK : e->code + e->ncode; \
            partials(b, end, xv, sizeof(T), vst, &vs, P);                                       \
            chain_##S(b, end, x, P, st, &cs);                                                   \
        }                                                                                       \
        if (mem != small) free(mem);                                                            \
        return cs.acc;                                                                          \
    }
HD__KINDS(HD__DEFINE_EVAL, ~)

#define HD__DEFINE_BODY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                 \
    static T body_##S(const T *x, size_t n, void *ctx)                                          \
    {                                                                                           \
        (void)n;                                                                                \
        return eval_##S(ctx, x);                                                                \
    }
HD__EVAL_KINDS(HD__DEFINE_BODY, ~)

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
