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
/* The registers of a lane part of 4, 8 or 12 lanes, HD__CHUNK_LANES each
 * (kinds.h), as X(j, a, b, c): the three arguments are passed through. */
#  if HD__CHUNK_LANES == 4
#    define HD__CHUNKS_4(X, a, b, c) X(0, a, b, c)
#    define HD__CHUNKS_8(X, a, b, c) X(0, a, b, c) X(1, a, b, c)
#    define HD__CHUNKS_12(X, a, b, c) X(0, a, b, c) X(1, a, b, c) X(2, a, b, c)
#  else
#    define HD__CHUNKS_4(X, a, b, c) X(0, a, b, c) X(1, a, b, c)
#    define HD__CHUNKS_8(X, a, b, c) HD__CHUNKS_4(X, a, b, c) X(2, a, b, c) X(3, a, b, c)
#    define HD__CHUNKS_12(X, a, b, c) HD__CHUNKS_8(X, a, b, c) X(4, a, b, c) X(5, a, b, c)
#  endif
#  define HD__PAIRS_dualv(X) HD__CHUNKS_12(X, ~, ~, ~)
#  define HD__PAIRS_dual4(X) HD__CHUNKS_4(X, ~, ~, ~)
#  define HD__PAIRS_dual2(X) X(0, ~, ~, ~) /* a two-lane part is one pair */
#  define HD__LANES_SCALE(j, u, v, w) r.d.c[j] = a.d.c[j] * d;
#  define HD__LANES_COMB(j, u, v, w) r.d.c[j] = a.d.c[j] * fx + b.d.c[j] * fy;
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

/* ---- chain-rule primitives of the second-order lane kinds --------------------------- */
/* hd_hyperv and hd_hyper4 carry lanes of hd_hyper's parts: a first-order part
 * (hd_hyperv's d2, hd_hyper4's g) and a second-order one (d12; the packed
 * Hessian h), each lane of the latter being hd_hyper's ε1ε2 part for the
 * ε1 and ε2 tangents I and J that belong to it (hd_hyperv: d1 and lane k of
 * d2; hd_hyper4: lanes i and j of g, for entry (i, j)). So one set of
 * formulas serves both, as macros of accessors D (a lane of the first-order
 * part), E (a lane of the second-order part), I and J of an operand, and a
 * product T:
 *   one argument:  D = d·D_a;           E = d·E_a + dd·I_a J_a
 *   two arguments: D = fx·D_a + fy·D_b; E = fx·E_a + fy·E_b + fxx·I_a J_a
 *                                           + fxy·(I_a J_b + J_a I_b) + fyy·I_b J_b
 * the terms summed in hd_hyper's order, so that a lane gives bit for bit
 * what hd_hyper gives for the same seeds, and a rule's class drops the
 * terms it knows are zero. With GNU vectors an accessor reads one register
 * pair of lanes, written out with constant indices so that gcc keeps them
 * in registers, and T is a plain product (one SIMD expression per pair);
 * the per-lane loop, used by the portable fallback and for a non-finite
 * coefficient in NaN-safe mode, reads lane k (or entry e) and takes
 * HD__TIMES. */
#define HD__SO_P1(D, E, I, J, T) T(d, D(a))
#define HD__SO_Q1LIN(D, E, I, J, T) T(d, E(a))
#define HD__SO_Q1(D, E, I, J, T) T(d, E(a)) + T(dd, I(a) * J(a))
#define HD__SO_P2(D, E, I, J, T) T(fx, D(a)) + T(fy, D(b))
#define HD__SO_Q2LIN(D, E, I, J, T) T(fx, E(a)) + T(fy, E(b))
#define HD__SO_FXX(I, J, T) T(fxx, I(a) * J(a))
#define HD__SO_FXY(I, J, T) T(fxy, I(a) * J(b) + J(a) * I(b))
#define HD__SO_FYY(I, J, T) T(fyy, I(b) * J(b))
#define HD__SO_Q2BIL(D, E, I, J, T) HD__SO_Q2LIN(D, E, I, J, T) + HD__SO_FXY(I, J, T)
#define HD__SO_Q2QUOT(D, E, I, J, T) HD__SO_Q2BIL(D, E, I, J, T) + HD__SO_FYY(I, J, T)
#define HD__SO_Q2(D, E, I, J, T)                                                                \
    HD__SO_Q2LIN(D, E, I, J, T) + HD__SO_FXX(I, J, T) + HD__SO_FXY(I, J, T) + HD__SO_FYY(I, J, T)
#define HD__TV(p, t) ((p) * (t))
#ifdef HD_NANSAFE
#  define HD__FINITE(p) HD__LIKELY((p) - (p) == 0)
#else
#  define HD__FINITE(p) 1
#endif
/* APPLY(r, FAST, P, Q): the lanes of r from the formulas P and Q, through
 * the register pairs when FAST (the coefficients are finite: always 1
 * outside NaN-safe mode), else lane by lane. */
#ifdef HD__VECTOR_LANES
#  define HD__SO_APPLY(r, FAST, P, Q, PAIRS, LOOP)                                              \
    do {                                                                                        \
        if (FAST) {                                                                             \
            PAIRS(r, P, Q)                                                                      \
            break;                                                                              \
        }                                                                                       \
        LOOP(r, P, Q)                                                                           \
    } while (0)
#else
#  define HD__SO_APPLY(r, FAST, P, Q, PAIRS, LOOP)                                              \
    do {                                                                                        \
        LOOP(r, P, Q)                                                                           \
    } while (0)
#endif
/* The six primitives of a second-order lane kind S (type T) from its
 * APPLY(r, FAST, P, Q); ONE(r) and TWO(r) write what comes before the lanes
 * (hd_hyperv's d1). Each is HD__SO_FN: the value f, PRE, then the lanes. */
#define HD__SO_FN(T, S, NAME, PARAMS, APPLY, PRE, FAST, P, Q)                                    \
    static inline T hd__##NAME##_##S PARAMS                                                      \
    {                                                                                            \
        T r;                                                                                     \
        r.val = f;                                                                               \
        PRE(r);                                                                                  \
        APPLY(r, FAST, P, Q);                                                                    \
        return r;                                                                                \
    }
#define HD__DEFINE_SECOND_LANES(T, S, APPLY, ONE, TWO)                                           \
    static inline double hd__val_##S(T a) { return a.val; }                                      \
    static inline T hd__lift_##S(double v) { return hd_##S##_const(v); }                         \
    static inline T hd__id_##S(T a) { return a; }                                                \
    HD__SO_FN(T, S, chain1_lin, (T a, double f, double d), APPLY, ONE, HD__FINITE(d), HD__SO_P1, \
              HD__SO_Q1LIN)                                                                      \
    HD__SO_FN(T, S, chain1, (T a, double f, double d, double dd), APPLY, ONE,                    \
              HD__FINITE(d) && HD__FINITE(dd), HD__SO_P1, HD__SO_Q1)                             \
    HD__SO_FN(T, S, chain2_lin, (T a, T b, double f, double fx, double fy), APPLY, TWO,          \
              HD__FINITE(fx) && HD__FINITE(fy), HD__SO_P2, HD__SO_Q2LIN)                         \
    HD__SO_FN(T, S, chain2_bil, (T a, T b, double f, double fx, double fy, double fxy), APPLY,   \
              TWO, HD__FINITE(fx) && HD__FINITE(fy) && HD__FINITE(fxy), HD__SO_P2,               \
              HD__SO_Q2BIL)                                                                      \
    HD__SO_FN(T, S, chain2_quot, (T a, T b, double f, double fx, double fy, double fxy,          \
                                  double fyy),                                                   \
              APPLY, TWO, HD__FINITE(fx) && HD__FINITE(fy) && HD__FINITE(fxy) && HD__FINITE(fyy), \
              HD__SO_P2, HD__SO_Q2QUOT)                                                          \
    HD__SO_FN(T, S, chain2, (T a, T b, double f, double fx, double fy, double fxx, double fxy,   \
                             double fyy),                                                        \
              APPLY, TWO,                                                                        \
              HD__FINITE(fx) && HD__FINITE(fy) && HD__FINITE(fxx) && HD__FINITE(fxy)             \
                  && HD__FINITE(fyy),                                                            \
              HD__SO_P2, HD__SO_Q2)

/* hd_hyperv: D = lane of d2, E = lane of d12, I = d1, J = D (each a register
 * of HD__CHUNK_LANES lanes, kinds.h). */
#define HD__HVI(x) ((x).d1)
#define HD__HVD(x, j) ((x).d2.c[j])
#define HD__HVE(x, j) ((x).d12.c[j])
#define HD__HVD0(x) HD__HVD(x, 0)
#define HD__HVD1(x) HD__HVD(x, 1)
#define HD__HVD2(x) HD__HVD(x, 2)
#define HD__HVD3(x) HD__HVD(x, 3)
#define HD__HVE0(x) HD__HVE(x, 0)
#define HD__HVE1(x) HD__HVE(x, 1)
#define HD__HVE2(x) HD__HVE(x, 2)
#define HD__HVE3(x) HD__HVE(x, 3)
#define HD__HV_PAIR(j, r, P, Q)                                                                  \
    (r).d2.c[j] = P(HD__HVD##j, HD__HVE##j, HD__HVI, HD__HVD##j, HD__TV);                        \
    (r).d12.c[j] = Q(HD__HVD##j, HD__HVE##j, HD__HVI, HD__HVD##j, HD__TV);
#define HD__HV_PAIRS(r, P, Q) HD__CHUNKS_8(HD__HV_PAIR, r, P, Q)
#define HD__HVDK(x) HD_LANE((x).d2, k)
#define HD__HVEK(x) HD_LANE((x).d12, k)
#define HD__HV_LOOP_T(r, P, Q, T)                                                                \
    for (int k = 0; k < HD_HYPERV_LANES; k++) {                                                  \
        HD_LANE((r).d2, k) = P(HD__HVDK, HD__HVEK, HD__HVI, HD__HVDK, T);                        \
        HD_LANE((r).d12, k) = Q(HD__HVDK, HD__HVEK, HD__HVI, HD__HVDK, T);                       \
    }
#define HD__HV_LOOP(r, P, Q) HD__HV_LOOP_T(r, P, Q, HD__TIMES)
#define HD__HV_APPLY(r, FAST, P, Q) HD__SO_APPLY(r, FAST, P, Q, HD__HV_PAIRS, HD__HV_LOOP)
#define HD__HV_ONE(r) (r).d1 = HD__TIMES(d, a.d1)
#define HD__HV_TWO(r) (r).d1 = HD__TIMES(fx, a.d1) + HD__TIMES(fy, b.d1)
HD__DEFINE_SECOND_LANES(hd_hyperv, hyperv, HD__HV_APPLY, HD__HV_ONE, HD__HV_TWO)

/* hd_hyper4: D = lane k of g, E = entry e of the packed Hessian h, I and J
 * the lanes of g at e's row and column (HD__H4_ROW(e), HD__H4_COL(e)). With
 * GNU vectors E is pair p of h (entries 2p, 2p + 1) and I, J the pairs of
 * lanes that multiply into it, which the entries' order makes a register
 * pair of g or one shuffle of two. */
#define HD__H4D(x, j) ((x).g.c[j])
#define HD__H4D0(x) HD__H4D(x, 0)
#define HD__H4D1(x) HD__H4D(x, 1)
#define HD__H4E(x, p) ((x).h.c[p])
#define HD__H4E0(x) HD__H4E(x, 0)
#define HD__H4E1(x) HD__H4E(x, 1)
#define HD__H4E2(x) HD__H4E(x, 2)
#define HD__H4E3(x) HD__H4E(x, 3)
#define HD__H4E4(x) HD__H4E(x, 4)
/* A pair from two doubles (a compound literal is C only). */
#ifdef __cplusplus
#  define HD__PAIR_OF(a, b) (hd__pair{(a), (b)})
#else
#  define HD__PAIR_OF(a, b) ((hd__pair){(a), (b)})
#endif
/* The lanes of g at the rows (R = ROW) or columns (COL) of entries 2p, 2p + 1. */
#define HD__H4_PAIR(x, R, p)                                                                     \
    HD__PAIR_OF(HD_LANE((x).g, HD__H4_##R(2 * (p))), HD_LANE((x).g, HD__H4_##R(2 * (p) + 1)))
#define HD__H4I0(x) HD__H4_PAIR(x, ROW, 0)
#define HD__H4J0(x) HD__H4_PAIR(x, COL, 0)
#define HD__H4I1(x) HD__H4_PAIR(x, ROW, 1)
#define HD__H4J1(x) HD__H4_PAIR(x, COL, 1)
#define HD__H4I2(x) HD__H4_PAIR(x, ROW, 2)
#define HD__H4J2(x) HD__H4_PAIR(x, COL, 2)
#define HD__H4I3(x) HD__H4_PAIR(x, ROW, 3)
#define HD__H4J3(x) HD__H4_PAIR(x, COL, 3)
#define HD__H4I4(x) HD__H4_PAIR(x, ROW, 4)
#define HD__H4J4(x) HD__H4_PAIR(x, COL, 4)
#define HD__H4_GPAIR(j, r, P, u) (r).g.c[j] = P(HD__H4D##j, HD__H4E0, HD__H4I0, HD__H4J0, HD__TV);
#define HD__H4_HPAIR(r, Q, p) (r).h.c[p] = Q(HD__H4D0, HD__H4E##p, HD__H4I##p, HD__H4J##p, HD__TV);
#define HD__H4_PAIRS(r, P, Q)                                                                    \
    HD__CHUNKS_4(HD__H4_GPAIR, r, P, ~) HD__H4_HPAIR(r, Q, 0) HD__H4_HPAIR(r, Q, 1)              \
    HD__H4_HPAIR(r, Q, 2) HD__H4_HPAIR(r, Q, 3) HD__H4_HPAIR(r, Q, 4)
/* The per-lane loop of a packed kind (K lanes of g, E entries of h; IE and
 * JE read the g lanes of entry e's row and column), shared by hd_hyper4 and
 * hd_hyper2. */
#define HD__PKDK(x) HD_LANE((x).g, k)
#define HD__PKEE(x) HD_LANE((x).h, e)
#define HD__PACKED_LOOP_T(r, P, Q, T, K, E, IE, JE)                                              \
    for (int k = 0; k < (K); k++) HD_LANE((r).g, k) = P(HD__PKDK, HD__PKEE, IE, JE, T);          \
    for (int e = 0; e < (E); e++) HD_LANE((r).h, e) = Q(HD__PKDK, HD__PKEE, IE, JE, T);
#define HD__H4IE(x) HD_LANE((x).g, HD__H4_ROW(e))
#define HD__H4JE(x) HD_LANE((x).g, HD__H4_COL(e))
#define HD__H4_LOOP_T(r, P, Q, T) HD__PACKED_LOOP_T(r, P, Q, T, 4, 10, HD__H4IE, HD__H4JE)
#define HD__H4_LOOP(r, P, Q) HD__H4_LOOP_T(r, P, Q, HD__TIMES)
#define HD__H4_APPLY(r, FAST, P, Q) HD__SO_APPLY(r, FAST, P, Q, HD__H4_PAIRS, HD__H4_LOOP)
#define HD__H4_NONE(r) (void)0
HD__DEFINE_SECOND_LANES(hd_hyper4, hyper4, HD__H4_APPLY, HD__H4_NONE, HD__H4_NONE)

/* hd_hyper2: as hd_hyper4 with two lanes. g is one register pair [g0 g1];
 * h's pair 0 holds (0,0), (1,1): I = J = [g0 g1]; pair 1 holds (0,1),
 * (1,0): I = [g0 g1], J = [g1 g0], one shuffle. */
#define HD__H2D0(x) ((x).g.c[0])
#define HD__H2E0(x) ((x).h.c[0])
#define HD__H2E1(x) ((x).h.c[1])
#define HD__H2I0(x) HD__H2D0(x)
#define HD__H2J0(x) HD__H2D0(x)
#define HD__H2I1(x) HD__H2D0(x)
#define HD__H2J1(x) HD__PAIR_OF(HD_LANE((x).g, 1), HD_LANE((x).g, 0))
#define HD__H2_HPAIR(r, Q, p) (r).h.c[p] = Q(HD__H2D0, HD__H2E##p, HD__H2I##p, HD__H2J##p, HD__TV);
#define HD__H2_PAIRS(r, P, Q)                                                                    \
    (r).g.c[0] = P(HD__H2D0, HD__H2E0, HD__H2I0, HD__H2J0, HD__TV);                              \
    HD__H2_HPAIR(r, Q, 0) HD__H2_HPAIR(r, Q, 1)
#define HD__H2IE(x) HD_LANE((x).g, HD__H2_ROW(e))
#define HD__H2JE(x) HD_LANE((x).g, HD__H2_COL(e))
#define HD__H2_LOOP_T(r, P, Q, T) HD__PACKED_LOOP_T(r, P, Q, T, 2, 4, HD__H2IE, HD__H2JE)
#define HD__H2_LOOP(r, P, Q) HD__H2_LOOP_T(r, P, Q, HD__TIMES)
#define HD__H2_APPLY(r, FAST, P, Q) HD__SO_APPLY(r, FAST, P, Q, HD__H2_PAIRS, HD__H2_LOOP)
HD__DEFINE_SECOND_LANES(hd_hyper2, hyper2, HD__H2_APPLY, HD__H4_NONE, HD__H4_NONE)

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
/* The second-order lane kinds: the formulas of hd__chain2_S, every product
 * through HD__TP, lane by lane. */
#define HD__DEFINE_SECOND_POWER(T, S, APPLY_TP, TWO)                                             \
    HD__SO_FN(T, S, chain2_power, (T a, T b, double f, double fx, double fy, double fxx,         \
                                   double fxy, double fyy),                                      \
              APPLY_TP, TWO, 1, HD__SO_P2, HD__SO_Q2)
#define HD__HV_APPLY_TP(r, FAST, P, Q) HD__HV_LOOP_T(r, P, Q, HD__TP)
#define HD__H4_APPLY_TP(r, FAST, P, Q) HD__H4_LOOP_T(r, P, Q, HD__TP)
#define HD__HV_TWO_TP(r) (r).d1 = HD__TP(fx, a.d1) + HD__TP(fy, b.d1)
HD__DEFINE_SECOND_POWER(hd_hyperv, hyperv, HD__HV_APPLY_TP, HD__HV_TWO_TP)
HD__DEFINE_SECOND_POWER(hd_hyper4, hyper4, HD__H4_APPLY_TP, HD__H4_NONE)
#define HD__H2_APPLY_TP(r, FAST, P, Q) HD__H2_LOOP_T(r, P, Q, HD__TP)
HD__DEFINE_SECOND_POWER(hd_hyper2, hyper2, HD__H2_APPLY_TP, HD__H4_NONE)
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
