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
#include "types.h"
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

/* ---- class plumbing -------------------------------------------------------- */
#define HD__CAT(a, b) HD__CAT_(a, b)
#define HD__CAT_(a, b) a##b
/* Unary class -> hyper chain call. STEP kernels still multiply by their zero
 * slope, so a NaN tangent stays visible. */
#define HD__HCHAIN1_SMOOTH(a, f, d, DD) hd__chain1_hyper(a, f, d, (DD))
#define HD__HCHAIN1_LINEAR(a, f, d, DD) hd__chain1_lin_hyper(a, f, d)
#define HD__HCHAIN1_STEP(a, f, d, DD)   hd__chain1_lin_hyper(a, f, d)
/* Binary class -> hyper chain call. */
#define HD__HCHAIN2_SMOOTH(a, b, f, FX, FY, FXX, FXY, FYY)   hd__chain2_hyper(a, b, f, (FX), (FY), (FXX), (FXY), (FYY))
#define HD__HCHAIN2_QUOT(a, b, f, FX, FY, FXX, FXY, FYY)     hd__chain2_quot_hyper(a, b, f, (FX), (FY), (FXY), (FYY))
#define HD__HCHAIN2_BILINEAR(a, b, f, FX, FY, FXX, FXY, FYY) hd__chain2_bil_hyper(a, b, f, (FX), (FY), (FXY))
#define HD__HCHAIN2_LINEAR(a, b, f, FX, FY, FXX, FXY, FYY)   hd__chain2_lin_hyper(a, b, f, (FX), (FY))
/* With one argument constant, which unary class remains. */
#define HD__LEFT_SMOOTH   SMOOTH
#define HD__LEFT_QUOT     LINEAR
#define HD__LEFT_BILINEAR LINEAR
#define HD__LEFT_LINEAR   LINEAR
#define HD__RIGHT_SMOOTH   SMOOTH
#define HD__RIGHT_QUOT     SMOOTH
#define HD__RIGHT_BILINEAR LINEAR
#define HD__RIGHT_LINEAR   LINEAR

/* ---- generators --------------------------------------------------------------- */
#define HD__DEFINE_UNARY(name, cls, F, D, DD, NOTE)                                  \
    static inline double hd__##name##_r(double x) { return (F); }                    \
    static inline hd_dual hd_##name##_dual(hd_dual a)                                \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        return hd__chain1_dual(a, f, (D));                                           \
    }                                                                                \
    static inline hd_hyper hd_##name##_hyper(hd_hyper a)                             \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        const double d = (D);                                                        \
        return HD__HCHAIN1_##cls(a, f, d, DD);                                       \
    }

#define HD__DEFINE_BINARY(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                 \
    static inline double hd__##name##_rr(double x, double y) { return (F); }         \
    static inline hd_dual hd_##name##_dual(hd_dual a, hd_dual b)                     \
    {                                                                                \
        const double x = a.val, y = b.val;                                           \
        const double f = (F);                                                        \
        return hd__chain2_dual(a, b, f, (FX), (FY));                                 \
    }                                                                                \
    static inline hd_dual hd_##name##_dual_r(hd_dual a, double y)                    \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        return hd__chain1_dual(a, f, (FX));                                          \
    }                                                                                \
    static inline hd_dual hd_##name##_r_dual(double x, hd_dual b)                    \
    {                                                                                \
        const double y = b.val;                                                      \
        const double f = (F);                                                        \
        return hd__chain1_dual(b, f, (FY));                                          \
    }                                                                                \
    static inline hd_hyper hd_##name##_hyper(hd_hyper a, hd_hyper b)                 \
    {                                                                                \
        const double x = a.val, y = b.val;                                           \
        const double f = (F);                                                        \
        return HD__HCHAIN2_##cls(a, b, f, FX, FY, FXX, FXY, FYY);                    \
    }                                                                                \
    static inline hd_hyper hd_##name##_hyper_r(hd_hyper a, double y)                 \
    {                                                                                \
        const double x = a.val;                                                      \
        const double f = (F);                                                        \
        const double d = (FX);                                                       \
        return HD__CAT(HD__HCHAIN1_, HD__LEFT_##cls)(a, f, d, FXX);                  \
    }                                                                                \
    static inline hd_hyper hd_##name##_r_hyper(double x, hd_hyper b)                 \
    {                                                                                \
        const double y = b.val;                                                      \
        const double f = (F);                                                        \
        const double d = (FY);                                                       \
        return HD__CAT(HD__HCHAIN1_, HD__RIGHT_##cls)(b, f, d, FYY);                 \
    }

HD_UNARY_RULES(HD__DEFINE_UNARY)
HD_BINARY_RULES(HD__DEFINE_BINARY)

/* ---- compositions of the rules (no rule of their own) -------------------------- */

/* x^n by binary powering: exact for negative x, one multiplication rule per
 * step; a negative n takes the reciprocal at the end. powi(x, 0) = 1 with zero
 * derivatives (also at x = 0). */
#define HD__DEFINE_POWI(T, S, id, unused)                                                 \
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
HD__NUMBER_TYPES_A(HD__DEFINE_POWI, ~)

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
