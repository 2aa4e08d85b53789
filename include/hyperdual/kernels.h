/**
 * @file hyperdual/kernels.h
 * @brief static inline kernels generated from the rule table (rules.h) for every
 *        number type: hd_<name>_<type>(...), e.g. hd_sin_dual, hd_mul_hyper,
 *        hd_mul_hyper_r (number × real), hd_mul_r_hyper (real × number).
 *
 * A kernel evaluates f, f' (and f'' for hyper-duals) at the value part once
 * and applies the chain rule through the chain-rule primitives below, which
 * are the only code that knows a number type's layout.
 *
 * NaN-safe mode: compile with -DHD_NANSAFE and a zero derivative part stays
 * zero whatever the coefficient (log(0) of a constant has derivative 0, not
 * NaN). Default off; its cost is measured by `make bench` (doc/performance.md).
 */
#ifndef HYPERDUAL_KERNELS_H
#define HYPERDUAL_KERNELS_H

#include <math.h>
#include "kinds.h"
#include "rules.h"

#if defined(__GNUC__) || defined(__clang__)
#  define HD__LIKELY(c) __builtin_expect(!!(c), 1)
#else
#  define HD__LIKELY(c) (c)
#endif

#ifdef HD_NANSAFE
/* p·t, but 0 when the tangent t is 0 whatever p is. The test of t is needed
 * only when the coefficient p is not finite (p - p == 0 exactly for finite p),
 * and that branch is almost never taken, so the mode costs a predictable
 * branch per coefficient rather than a select per component (measured in
 * doc/performance.md). A finite p times a zero t gives a zero whose sign
 * follows IEEE (-0 for p < 0). */
static inline double hd__times_nansafe(double p, double t)
{
    return HD__LIKELY(p - p == 0) ? p * t : (t == 0 ? 0.0 : p * t);
}
#  define HD__TIMES(p, t) hd__times_nansafe((p), (t))
#else
#  define HD__TIMES(p, t) ((p) * (t))
#endif

/* ---- chain-rule primitives: hd_dual ---------------------------------------- */
static inline double hd__val_dual(hd_dual a) { return a.val; }
static inline hd_dual hd__lift_dual(double v) { return hd_dual_const(v); }
static inline hd_dual hd__id_dual(hd_dual a) { return a; }
static inline hd_dual hd__chain1_dual(hd_dual a, double f, double d)
{
    return hd_dual_make(f, HD__TIMES(d, a.d1));
}
static inline hd_dual hd__chain2_dual(hd_dual a, hd_dual b, double f, double fx, double fy)
{
    return hd_dual_make(f, HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1));
}

/* ---- chain-rule primitives: hd_dualv (HD_LANES tangent lanes), hd_dual4, hd_dual2 */
/* With GNU vectors all lanes are one expression; in NaN-safe mode that fast
 * path is taken whenever the coefficients are finite (the usual case), and
 * the per-lane loop, which is also the portable fallback, handles the rest. */
#ifdef HD__VECTOR_LANES
#  ifdef HD_NANSAFE
#    define HD__LANES_FAST(p) HD__LIKELY((p) - (p) == 0)
#  else
#    define HD__LANES_FAST(p) 1
#  endif
#endif
/* The primitives of a lane type (suffix S, K lanes in member d, lane k being
 * HD_LANE(d, k)). With GNU vectors the fast path applies the formula
 * once per register-sized pair of lanes, the pairs written out with
 * constant indices so that gcc keeps them in registers; the per-lane loop
 * is the portable fallback and NaN-safe mode's path for a non-finite
 * coefficient. */
#ifdef HD__VECTOR_LANES
#  define HD__PAIRS_dualv(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#  define HD__PAIRS_dual4(X) X(0) X(1)
#  define HD__PAIRS_dual2(X) X(0)
#  define HD__LANES_SCALE(j) r.d.c[j] = a.d.c[j] * d;
#  define HD__LANES_COMB(j) r.d.c[j] = a.d.c[j] * fx + b.d.c[j] * fy;
#  define HD__LANES_FAST1(S) if (HD__LANES_FAST(d)) { HD__PAIRS_##S(HD__LANES_SCALE) return r; }
#  define HD__LANES_FAST2(S)                                                      \
    if (HD__LANES_FAST(fx) && HD__LANES_FAST(fy)) { HD__PAIRS_##S(HD__LANES_COMB) return r; }
#else
#  define HD__LANES_FAST1(S)
#  define HD__LANES_FAST2(S)
#endif
#define HD__DEFINE_LANE_PRIMITIVES(T, S, K, CONST)                                   \
    static inline double hd__val_##S(T a) { return a.val; }                          \
    static inline T hd__lift_##S(double v) { return CONST(v); }                      \
    static inline T hd__id_##S(T a) { return a; }                                    \
    static inline T hd__chain1_##S(T a, double f, double d)                          \
    {                                                                                \
        T r;                                                                         \
        r.val = f;                                                                   \
        HD__LANES_FAST1(S)                                                           \
        for (int k = 0; k < (K); k++)                                                \
            HD_LANE(r.d, k) = HD__TIMES(d, HD_LANE(a.d, k));               \
        return r;                                                                    \
    }                                                                                \
    static inline T hd__chain2_##S(T a, T b, double f, double fx, double fy)         \
    {                                                                                \
        T r;                                                                         \
        r.val = f;                                                                   \
        HD__LANES_FAST2(S)                                                           \
        for (int k = 0; k < (K); k++)                                                \
            HD_LANE(r.d, k) = HD__TIMES(fx, HD_LANE(a.d, k))               \
                                   + HD__TIMES(fy, HD_LANE(b.d, k));            \
        return r;                                                                    \
    }
HD__DEFINE_LANE_PRIMITIVES(hd_dualv, dualv, HD_LANES, hd_dualv_const)
HD__DEFINE_LANE_PRIMITIVES(hd_dual4, dual4, 4, hd_dual4_const)
HD__DEFINE_LANE_PRIMITIVES(hd_dual2, dual2, 2, hd_dual2_const)

/* ---- chain-rule primitives: hd_hyper --------------------------------------- */
static inline double hd__val_hyper(hd_hyper a) { return a.val; }
static inline hd_hyper hd__lift_hyper(double v) { return hd_hyper_const(v); }
static inline hd_hyper hd__id_hyper(hd_hyper a) { return a; }
/* f'' == 0: the ε1ε2 part is carried, never created. */
static inline hd_hyper hd__chain1_lin_hyper(hd_hyper a, double f, double d)
{
    return hd_hyper_make(f, HD__TIMES(d, a.d1), HD__TIMES(d, a.d2), HD__TIMES(d, a.d12));
}
static inline hd_hyper hd__chain1_hyper(hd_hyper a, double f, double d, double dd)
{
    return hd_hyper_make(f, HD__TIMES(d, a.d1), HD__TIMES(d, a.d2),
                         HD__TIMES(d, a.d12) + HD__TIMES(dd, a.d1 * a.d2));
}
static inline hd_hyper hd__chain2_lin_hyper(hd_hyper a, hd_hyper b, double f, double fx, double fy)
{
    return hd_hyper_make(f, HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1),
                         HD__TIMES(fx, a.d2) + HD__TIMES(fy, b.d2),
                         HD__TIMES(fx, a.d12) + HD__TIMES(fy, b.d12));
}
static inline hd_hyper hd__chain2_bil_hyper(hd_hyper a, hd_hyper b, double f, double fx, double fy,
                                            double fxy)
{
    return hd_hyper_make(f, HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1),
                         HD__TIMES(fx, a.d2) + HD__TIMES(fy, b.d2),
                         HD__TIMES(fx, a.d12) + HD__TIMES(fy, b.d12)
                             + HD__TIMES(fxy, a.d1 * b.d2 + a.d2 * b.d1));
}
static inline hd_hyper hd__chain2_quot_hyper(hd_hyper a, hd_hyper b, double f, double fx, double fy,
                                             double fxy, double fyy)
{
    return hd_hyper_make(f, HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1),
                         HD__TIMES(fx, a.d2) + HD__TIMES(fy, b.d2),
                         HD__TIMES(fx, a.d12) + HD__TIMES(fy, b.d12)
                             + HD__TIMES(fxy, a.d1 * b.d2 + a.d2 * b.d1)
                             + HD__TIMES(fyy, b.d1 * b.d2));
}
static inline hd_hyper hd__chain2_hyper(hd_hyper a, hd_hyper b, double f, double fx, double fy,
                                        double fxx, double fxy, double fyy)
{
    return hd_hyper_make(f, HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1),
                         HD__TIMES(fx, a.d2) + HD__TIMES(fy, b.d2),
                         HD__TIMES(fx, a.d12) + HD__TIMES(fy, b.d12)
                             + HD__TIMES(fxx, a.d1 * a.d2)
                             + HD__TIMES(fxy, a.d1 * b.d2 + a.d2 * b.d1)
                             + HD__TIMES(fyy, b.d1 * b.d2));
}

/* ---- chain-rule primitives: hd_hyperv (HD_HYPERV_LANES second directions) ---------- */
/* Each primitive states its lane formulas once, as a macro of a lane accessor
 * L and a product T: with GNU vectors L is one pair of lanes and T a plain
 * product (one SIMD expression per pair); the per-lane loop, used by the
 * portable fallback and for a non-finite coefficient in NaN-safe mode, takes
 * lane k and HD__TIMES. */
/* The pairs written out (constant indices), so that gcc scalarizes them. */
#define HD__LC0(v) ((v).c[0])
#define HD__LC1(v) ((v).c[1])
#define HD__LC2(v) ((v).c[2])
#define HD__LC3(v) ((v).c[3])
#if HD_HYPERV_LANES == 2
#  define HD__HV_CHUNKS(r, D2, D12) (r).d2.c[0] = D2(HD__LC0, HD__TV); (r).d12.c[0] = D12(HD__LC0, HD__TV);
#elif HD_HYPERV_LANES == 4
#  define HD__HV_CHUNKS(r, D2, D12) (r).d2.c[0] = D2(HD__LC0, HD__TV); (r).d12.c[0] = D12(HD__LC0, HD__TV); \
    (r).d2.c[1] = D2(HD__LC1, HD__TV); (r).d12.c[1] = D12(HD__LC1, HD__TV);
#else
#  define HD__HV_CHUNKS(r, D2, D12) (r).d2.c[0] = D2(HD__LC0, HD__TV); (r).d12.c[0] = D12(HD__LC0, HD__TV); \
    (r).d2.c[1] = D2(HD__LC1, HD__TV); (r).d12.c[1] = D12(HD__LC1, HD__TV); \
    (r).d2.c[2] = D2(HD__LC2, HD__TV); (r).d12.c[2] = D12(HD__LC2, HD__TV); \
    (r).d2.c[3] = D2(HD__LC3, HD__TV); (r).d12.c[3] = D12(HD__LC3, HD__TV);
#endif
#define HD__LK(v) HD_LANE(v, k)
#define HD__TV(p, t) ((p) * (t))
#ifdef HD__VECTOR_LANES
#  define HD__HV_APPLY(r, FAST, D2, D12)                                          \
    do {                                                                         \
        if (FAST) {                                                              \
            HD__HV_CHUNKS(r, D2, D12)                                            \
            break;                                                               \
        }                                                                        \
        for (int k = 0; k < HD_HYPERV_LANES; k++) {                              \
            HD_LANE((r).d2, k) = D2(HD__LK, HD__TIMES);                   \
            HD_LANE((r).d12, k) = D12(HD__LK, HD__TIMES);                 \
        }                                                                        \
    } while (0)
#else
#  define HD__HV_APPLY(r, FAST, D2, D12)                                          \
    do {                                                                         \
        for (int k = 0; k < HD_HYPERV_LANES; k++) {                              \
            HD_LANE((r).d2, k) = D2(HD__LK, HD__TIMES);                   \
            HD_LANE((r).d12, k) = D12(HD__LK, HD__TIMES);                 \
        }                                                                        \
    } while (0)
#endif
#ifdef HD_NANSAFE
#  define HD__FINITE(p) HD__LIKELY((p) - (p) == 0)
#else
#  define HD__FINITE(p) 1
#endif
static inline double hd__val_hyperv(hd_hyperv a) { return a.val; }
static inline hd_hyperv hd__lift_hyperv(double v) { return hd_hyperv_const(v); }
static inline hd_hyperv hd__id_hyperv(hd_hyperv a) { return a; }
#define HD__HV1_D2(L, T) T(d, L(a.d2))
#define HD__HV1_D12LIN(L, T) T(d, L(a.d12))
#define HD__HV1_D12(L, T) T(d, L(a.d12)) + T(dd, a.d1 * L(a.d2))
static inline hd_hyperv hd__chain1_lin_hyperv(hd_hyperv a, double f, double d)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TIMES(d, a.d1);
    HD__HV_APPLY(r, HD__FINITE(d), HD__HV1_D2, HD__HV1_D12LIN);
    return r;
}
static inline hd_hyperv hd__chain1_hyperv(hd_hyperv a, double f, double d, double dd)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TIMES(d, a.d1);
    HD__HV_APPLY(r, HD__FINITE(d) && HD__FINITE(dd), HD__HV1_D2, HD__HV1_D12);
    return r;
}
#define HD__HV2_D2(L, T) T(fx, L(a.d2)) + T(fy, L(b.d2))
#define HD__HV2_D12LIN(L, T) T(fx, L(a.d12)) + T(fy, L(b.d12))
/* The terms are summed in the order of the hd_hyper primitives, so that a
 * lane gives bit for bit what hd_hyper gives for the same seeds. */
#define HD__HV2_FXX(L, T) T(fxx, a.d1 * L(a.d2))
#define HD__HV2_FXY(L, T) T(fxy, a.d1 * L(b.d2) + L(a.d2) * b.d1)
#define HD__HV2_FYY(L, T) T(fyy, b.d1 * L(b.d2))
#define HD__HV2_D12BIL(L, T) HD__HV2_D12LIN(L, T) + HD__HV2_FXY(L, T)
#define HD__HV2_D12QUOT(L, T) HD__HV2_D12BIL(L, T) + HD__HV2_FYY(L, T)
#define HD__HV2_D12(L, T) HD__HV2_D12LIN(L, T) + HD__HV2_FXX(L, T) + HD__HV2_FXY(L, T) + HD__HV2_FYY(L, T)
static inline hd_hyperv hd__chain2_lin_hyperv(hd_hyperv a, hd_hyperv b, double f, double fx,
                                              double fy)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1);
    HD__HV_APPLY(r, HD__FINITE(fx) && HD__FINITE(fy), HD__HV2_D2, HD__HV2_D12LIN);
    return r;
}
static inline hd_hyperv hd__chain2_bil_hyperv(hd_hyperv a, hd_hyperv b, double f, double fx,
                                              double fy, double fxy)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1);
    HD__HV_APPLY(r, HD__FINITE(fx) && HD__FINITE(fy) && HD__FINITE(fxy), HD__HV2_D2,
                 HD__HV2_D12BIL);
    return r;
}
static inline hd_hyperv hd__chain2_quot_hyperv(hd_hyperv a, hd_hyperv b, double f, double fx,
                                               double fy, double fxy, double fyy)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1);
    HD__HV_APPLY(r, HD__FINITE(fx) && HD__FINITE(fy) && HD__FINITE(fxy) && HD__FINITE(fyy),
                 HD__HV2_D2, HD__HV2_D12QUOT);
    return r;
}
static inline hd_hyperv hd__chain2_hyperv(hd_hyperv a, hd_hyperv b, double f, double fx,
                                          double fy, double fxx, double fxy, double fyy)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1);
    HD__HV_APPLY(r, HD__FINITE(fx) && HD__FINITE(fy) && HD__FINITE(fxx) && HD__FINITE(fxy)
                        && HD__FINITE(fyy),
                 HD__HV2_D2, HD__HV2_D12);
    return r;
}

/* ---- chain-rule primitives: hd_pattern (structure, no values) ------------------ */
/* The coefficients are ignored: a rule's class says which second derivatives
 * can be non-zero, and that holds at every point (a STEP rule is treated as
 * linear, so its sets pass on: a superset, never a miss). */
static inline double hd__val_pattern(hd_pattern a) { return a.val; }
static inline hd_pattern hd__lift_pattern(double v) { return hd_pattern_const(v); }
static inline hd_pattern hd__id_pattern(hd_pattern a) { return a; }
/* m |= sa ⊗ sb */
static inline void hd__pattern_outer(hd_pattern *r, uint64_t sa, uint64_t sb)
{
    if (!sb) return;
    for (int i = 0; i < HD_PATTERN_BLOCK; i++)
        if (sa >> i & 1u) r->m[i] |= sb;
}
static inline hd_pattern hd__chain1_lin_pattern(hd_pattern a, double f, double d)
{
    (void)d;
    a.val = f;
    return a;
}
static inline hd_pattern hd__chain1_pattern(hd_pattern a, double f, double d, double dd)
{
    (void)d;
    (void)dd;
    a.val = f;
    hd__pattern_outer(&a, a.sa, a.sb);
    return a;
}
static inline hd_pattern hd__chain2_lin_pattern(hd_pattern a, hd_pattern b, double f, double fx,
                                                double fy)
{
    (void)fx;
    (void)fy;
    a.val = f;
    a.sa |= b.sa;
    a.sb |= b.sb;
    for (int i = 0; i < HD_PATTERN_BLOCK; i++) a.m[i] |= b.m[i];
    return a;
}
static inline hd_pattern hd__chain2_bil_pattern(hd_pattern a, hd_pattern b, double f, double fx,
                                                double fy, double fxy)
{
    hd_pattern r = hd__chain2_lin_pattern(a, b, f, fx, fy);
    (void)fxy;
    hd__pattern_outer(&r, a.sa, b.sb);
    hd__pattern_outer(&r, b.sa, a.sb);
    return r;
}
static inline hd_pattern hd__chain2_quot_pattern(hd_pattern a, hd_pattern b, double f, double fx,
                                                 double fy, double fxy, double fyy)
{
    hd_pattern r = hd__chain2_bil_pattern(a, b, f, fx, fy, fxy);
    (void)fyy;
    hd__pattern_outer(&r, b.sa, b.sb);
    return r;
}
static inline hd_pattern hd__chain2_pattern(hd_pattern a, hd_pattern b, double f, double fx,
                                            double fy, double fxx, double fxy, double fyy)
{
    hd_pattern r = hd__chain2_lin_pattern(a, b, f, fx, fy);
    (void)fxx;
    (void)fxy;
    (void)fyy;
    hd__pattern_outer(&r, r.sa, r.sb);
    return r;
}
static inline hd_pattern hd__chain2_power_pattern(hd_pattern a, hd_pattern b, double f, double fx,
                                                  double fy, double fxx, double fxy, double fyy)
{
    return hd__chain2_pattern(a, b, f, fx, fy, fxx, fxy, fyy);
}

/* ---- chain-rule primitives: hd_taped (record the partials) ------------------- */
HD_BEGIN_DECLS
/**
 * @brief Make room for one more node on a tape (called by the hd_taped
 *        kernels when the tape is full; lib/diff/path_tape.c). Exported
 *        because the inline kernels, compiled into the caller, call it.
 * @param t the tape
 * @return HD_OK; HD_ENOMEM when it cannot grow, and t->failed is then set,
 *         so that the driver recording it takes another path.
 */
HD_API int hd__tape_grow(hd_tape *t);
HD_END_DECLS
static inline double hd__val_taped(hd_taped a) { return a.val; }
static inline hd_taped hd__lift_taped(double v) { return hd_taped_const(v); }
static inline hd_taped hd__id_taped(hd_taped a) { return a; }
/* Node φ(a, b) at p, its partials taken through the operands' scales sa,
 * sb; an operand off the tape (a_on or b_on 0: a constant) gets zero
 * partials. (The expression engine's recorder writes its nodes with it too.) */
static inline void hd__tape_put(hd_tape_node *p, uint32_t a, int a_on, double sa, uint32_t b,
                                int b_on, double sb, double fx, double fy, double fxx, double fxy,
                                double fyy)
{
    if (a_on) {
        fx *= sa;
        fxx *= sa * sa;
        fxy *= sa;
    } else {
        fx = fxx = fxy = 0.0;
    }
    if (b_on) {
        fy *= sb;
        fyy *= sb * sb;
        fxy *= sb;
    } else {
        fy = fyy = fxy = 0.0;
    }
    p->a = a;
    p->b = b;
    p->fx = fx;
    p->fy = fy;
    p->fxx = fxx;
    p->fxy = fxy;
    p->fyy = fyy;
}
/* Append node φ(a, b). A tape that cannot grow records nothing more: the
 * result is then a constant and the driver, seeing t->failed, takes another
 * path. */
static inline hd_taped hd__tape_record(hd_taped a, hd_taped b, double f, double fx, double fy,
                                       double fxx, double fxy, double fyy)
{
    hd_tape *t = a.tape ? a.tape : b.tape;
    hd_taped r = {f, 1.0, 0, 0};
    if (!t) return r;
    if (t->len == t->cap && hd__tape_grow(t) != 0) return r;
    hd__tape_put(&t->node[t->len], a.id, a.tape != 0, a.scale, b.id, b.tape != 0, b.scale, fx, fy,
                 fxx, fxy, fyy);
    r.tape = t;
    r.id = (uint32_t)t->len++;
    return r;
}
/* A constant slope d: the same node, scaled (constants stay constants). */
static inline hd_taped hd__chain1_lin_taped(hd_taped a, double f, double d)
{
    a.val = f;
    a.scale *= d;
    return a;
}
static inline hd_taped hd__chain1_taped(hd_taped a, double f, double d, double dd)
{
    return hd__tape_record(a, hd_taped_const(0.0), f, d, 0.0, dd, 0.0, 0.0);
}
static inline hd_taped hd__chain2_lin_taped(hd_taped a, hd_taped b, double f, double fx, double fy)
{
    if (!b.tape) return hd__chain1_lin_taped(a, f, fx);
    if (!a.tape) return hd__chain1_lin_taped(b, f, fy);
    return hd__tape_record(a, b, f, fx, fy, 0.0, 0.0, 0.0);
}
static inline hd_taped hd__chain2_bil_taped(hd_taped a, hd_taped b, double f, double fx, double fy,
                                            double fxy)
{
    return hd__tape_record(a, b, f, fx, fy, 0.0, fxy, 0.0);
}
static inline hd_taped hd__chain2_quot_taped(hd_taped a, hd_taped b, double f, double fx,
                                             double fy, double fxy, double fyy)
{
    return hd__tape_record(a, b, f, fx, fy, 0.0, fxy, fyy);
}
static inline hd_taped hd__chain2_taped(hd_taped a, hd_taped b, double f, double fx, double fy,
                                        double fxx, double fxy, double fyy)
{
    return hd__tape_record(a, b, f, fx, fy, fxx, fxy, fyy);
}
/* pow: a constant operand's partials are already dropped by the recorder. */
static inline hd_taped hd__chain2_power_taped(hd_taped a, hd_taped b, double f, double fx,
                                              double fy, double fxx, double fxy, double fyy)
{
    return hd__tape_record(a, b, f, fx, fy, fxx, fxy, fyy);
}

/* ---- class plumbing -------------------------------------------------------- */
#define HD__CAT(a, b) HD__CAT_(a, b)
#define HD__CAT_(a, b) a##b
/* Unary class -> chain call of a second-order type S. STEP kernels still
 * multiply by their zero slope, so a NaN tangent stays visible. */
#define HD__HCHAIN1_SMOOTH(S, a, f, d, DD) hd__chain1_##S(a, f, d, (DD))
#define HD__HCHAIN1_LINEAR(S, a, f, d, DD) hd__chain1_lin_##S(a, f, d)
#define HD__HCHAIN1_STEP(S, a, f, d, DD)   hd__chain1_lin_##S(a, f, d)
/* Binary class -> chain call of a second-order type S. */
#define HD__HCHAIN2_SMOOTH(S, a, b, f, FX, FY, FXX, FXY, FYY)   hd__chain2_##S(a, b, f, (FX), (FY), (FXX), (FXY), (FYY))
#define HD__HCHAIN2_QUOT(S, a, b, f, FX, FY, FXX, FXY, FYY)     hd__chain2_quot_##S(a, b, f, (FX), (FY), (FXY), (FYY))
#define HD__HCHAIN2_BILINEAR(S, a, b, f, FX, FY, FXX, FXY, FYY) hd__chain2_bil_##S(a, b, f, (FX), (FY), (FXY))
#define HD__HCHAIN2_LINEAR(S, a, b, f, FX, FY, FXX, FXY, FYY)   hd__chain2_lin_##S(a, b, f, (FX), (FY))
/* Binary class -> chain call of a first-order type S: every class but POWER
 * is the plain chain rule. */
#define HD__DCHAIN2_SMOOTH(S, a, b, f, FX, FY) hd__chain2_##S(a, b, f, (FX), (FY))
#define HD__DCHAIN2_QUOT HD__DCHAIN2_SMOOTH
#define HD__DCHAIN2_BILINEAR HD__DCHAIN2_SMOOTH
#define HD__DCHAIN2_LINEAR HD__DCHAIN2_SMOOTH

/* POWER (pow): SMOOTH, except that a partial never multiplies a tangent
 * component that is exactly zero: x^y at x < 0 has d/dy = NaN, and a constant
 * exponent (a number type with zero derivative parts), or a direction in
 * which the exponent does not move, must still give the exact x-derivatives
 * instead of NaN·0 = NaN (x^3 at -2, or C(0)^y for 0^y). Per component, so
 * lanes and scalars agree. For finite partials the result is bit for bit the
 * plain chain rule (p - p == 0 picks p·t); a NaN tangent still propagates. */
static inline double hd__times_power(double p, double t) { return p - p == 0 ? p * t : (t == 0 ? 0.0 : p * t); }
#define HD__TP hd__times_power
static inline hd_dual hd__chain2_power_dual(hd_dual a, hd_dual b, double f, double fx, double fy)
{
    return hd_dual_make(f, HD__TP(fx, a.d1) + HD__TP(fy, b.d1));
}
static inline hd_hyper hd__chain2_power_hyper(hd_hyper a, hd_hyper b, double f, double fx, double fy,
                                              double fxx, double fxy, double fyy)
{
    return hd_hyper_make(f, HD__TP(fx, a.d1) + HD__TP(fy, b.d1), HD__TP(fx, a.d2) + HD__TP(fy, b.d2),
                         HD__TP(fx, a.d12) + HD__TP(fy, b.d12) + HD__TP(fxx, a.d1 * a.d2)
                             + HD__TP(fxy, a.d1 * b.d2 + a.d2 * b.d1) + HD__TP(fyy, b.d1 * b.d2));
}
#define HD__DEFINE_POWER_LANES(T, S, K)                                             \
    static inline T hd__chain2_power_##S(T a, T b, double f, double fx, double fy)   \
    {                                                                                \
        T r;                                                                         \
        r.val = f;                                                                   \
        for (int k = 0; k < (K); k++)                                                \
            HD_LANE(r.d, k) = HD__TP(fx, HD_LANE(a.d, k)) + HD__TP(fy, HD_LANE(b.d, k)); \
        return r;                                                                    \
    }
HD__DEFINE_POWER_LANES(hd_dualv, dualv, HD_LANES)
HD__DEFINE_POWER_LANES(hd_dual4, dual4, 4)
HD__DEFINE_POWER_LANES(hd_dual2, dual2, 2)
#undef HD__DEFINE_POWER_LANES
static inline hd_hyperv hd__chain2_power_hyperv(hd_hyperv a, hd_hyperv b, double f, double fx, double fy,
                                                double fxx, double fxy, double fyy)
{
    hd_hyperv r;
    r.val = f;
    r.d1 = HD__TP(fx, a.d1) + HD__TP(fy, b.d1);
    for (int k = 0; k < HD_HYPERV_LANES; k++) {
        const double a2 = HD_LANE(a.d2, k), b2 = HD_LANE(b.d2, k);
        HD_LANE(r.d2, k) = HD__TP(fx, a2) + HD__TP(fy, b2);
        HD_LANE(r.d12, k) = HD__TP(fx, HD_LANE(a.d12, k)) + HD__TP(fy, HD_LANE(b.d12, k))
                            + HD__TP(fxx, a.d1 * a2) + HD__TP(fxy, a.d1 * b2 + a2 * b.d1)
                            + HD__TP(fyy, b.d1 * b2);
    }
    return r;
}
#undef HD__TP
#define HD__DCHAIN2_POWER(S, a, b, f, FX, FY) hd__chain2_power_##S(a, b, f, (FX), (FY))
#define HD__HCHAIN2_POWER(S, a, b, f, FX, FY, FXX, FXY, FYY)                         \
    hd__chain2_power_##S(a, b, f, (FX), (FY), (FXX), (FXY), (FYY))

/* With one argument constant, which unary class remains. */
#define HD__LEFT_POWER    SMOOTH
#define HD__RIGHT_POWER   SMOOTH
#define HD__LEFT_SMOOTH   SMOOTH
#define HD__LEFT_QUOT     LINEAR
#define HD__LEFT_BILINEAR LINEAR
#define HD__LEFT_LINEAR   LINEAR
#define HD__RIGHT_SMOOTH   SMOOTH
#define HD__RIGHT_QUOT     SMOOTH
#define HD__RIGHT_BILINEAR LINEAR
#define HD__RIGHT_LINEAR   LINEAR

/* ---- generators --------------------------------------------------------------- */
/* First-order kernels (hd_dual, hd_dualv): f and f' only. */
#define HD__DEFINE_UNARY_FIRST(T, S, name, F, D)                                     \
    static inline T hd_##name##_##S(T a)                                             \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        return hd__chain1_##S(a, f, (D));                                            \
    }
#define HD__DEFINE_BINARY_FIRST(T, S, name, cls, F, FX, FY)                          \
    static inline T hd_##name##_##S(T a, T b)                                        \
    {                                                                                \
        const double x = a.val, y = b.val;                                           \
        const double f = (F);                                                        \
        return HD__DCHAIN2_##cls(S, a, b, f, FX, FY);                                \
    }                                                                                \
    static inline T hd_##name##_##S##_r(T a, double y)                               \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        return hd__chain1_##S(a, f, (FX));                                           \
    }                                                                                \
    static inline T hd_##name##_r_##S(double x, T b)                                 \
    {                                                                                \
        const double y = b.val;                                                      \
        const double f = (F);                                                        \
        return hd__chain1_##S(b, f, (FY));                                           \
    }

/* Second-order kernels (hd_hyper, hd_hyperv): the class picks the chain rule. */
#define HD__DEFINE_UNARY_SECOND(T, S, name, cls, F, D, DD)                           \
    static inline T hd_##name##_##S(T a)                                             \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        const double d = (D);                                                        \
        return HD__HCHAIN1_##cls(S, a, f, d, DD);                                    \
    }
#define HD__DEFINE_BINARY_SECOND(T, S, name, cls, F, FX, FY, FXX, FXY, FYY)          \
    static inline T hd_##name##_##S(T a, T b)                                        \
    {                                                                                \
        const double x = a.val, y = b.val;                                           \
        const double f = (F);                                                        \
        return HD__HCHAIN2_##cls(S, a, b, f, FX, FY, FXX, FXY, FYY);                 \
    }                                                                                \
    static inline T hd_##name##_##S##_r(T a, double y)                               \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        const double d = (FX);                                                       \
        return HD__CAT(HD__HCHAIN1_, HD__LEFT_##cls)(S, a, f, d, FXX);               \
    }                                                                                \
    static inline T hd_##name##_r_##S(double x, T b)                                 \
    {                                                                                \
        const double y = b.val;                                                      \
        const double f = (F);                                                        \
        const double d = (FY);                                                       \
        return HD__CAT(HD__HCHAIN1_, HD__RIGHT_##cls)(S, b, f, d, FYY);              \
    }

#define HD__DEFINE_UNARY(name, cls, F, D, DD, NOTE)                                  \
    static inline double hd__##name##_r(double x) { return (F); }                    \
    HD__FIRST_ORDER_KINDS(HD__DEFINE_UNARY_FIRST, name, F, D)                        \
    HD__SECOND_ORDER_KINDS(HD__DEFINE_UNARY_SECOND, name, cls, F, D, DD)

#define HD__DEFINE_BINARY(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                 \
    static inline double hd__##name##_rr(double x, double y) { return (F); }         \
    HD__FIRST_ORDER_KINDS(HD__DEFINE_BINARY_FIRST, name, cls, F, FX, FY)             \
    HD__SECOND_ORDER_KINDS(HD__DEFINE_BINARY_SECOND, name, cls, F, FX, FY, FXX, FXY, FYY)

HD_UNARY_RULES(HD__DEFINE_UNARY)
HD_BINARY_RULES(HD__DEFINE_BINARY)

/* ---- compositions of the rules (no rule of their own) -------------------------- */

/* x^n by binary powering: exact for negative x, one multiplication rule per
 * step; a negative n takes the reciprocal at the end. powi(x, 0) = 1 with zero
 * derivatives (also at x = 0). */
#define HD__DEFINE_POWI(T, S, id, O, L, C, K, F, M, unused)                           \
    static inline T hd_powi_##S(T a, int n)                                          \
    {                                                                                \
        unsigned long long k = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n; \
        T r = hd__lift_##S(1.0);                                                     \
        T p = a;                                                                     \
        while (k) {                                                                  \
            if (k & 1ULL) r = hd_mul_##S(r, p);                                      \
            k >>= 1;                                                                 \
            if (k) p = hd_sq_##S(p);                                                 \
        }                                                                            \
        return n < 0 ? hd_recip_##S(r) : r;                                          \
    }                                                                                \
    /* a·b + c with the value rounded once, as fma(). */                             \
    static inline T hd_fma_##S(T a, T b, T c)                                        \
    {                                                                                \
        T r = hd_add_##S(hd_mul_##S(a, b), c);                                       \
        r.val = fma(a.val, b.val, c.val);                                            \
        return r;                                                                    \
    }
HD__KINDS(HD__DEFINE_POWI, ~)

static inline double hd__powi_r(double x, int n)
{
    unsigned long long k = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    double r = 1.0, p = x;
    while (k) {
        if (k & 1ULL) r *= p;
        k >>= 1;
        if (k) p *= p;
    }
    return n < 0 ? 1.0 / r : r;
}
static inline double hd__fma_r(double a, double b, double c) { return fma(a, b, c); }
static inline double hd__val_r(double a) { return a; }

#endif /* HYPERDUAL_KERNELS_H */
