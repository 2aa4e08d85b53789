/**
 * @file hyperdual/generic.h
 * @brief The overloaded-by-macro layer: hd_sin(a), hd_mul(a, b), ... on double,
 *        hd_dual and hd_hyper, through C11 _Generic.
 *
 * Each operand may be any real arithmetic type, hd_dual or hd_hyper. A real
 * operand mixes with a number type as a constant and the result has the number
 * type; with only real operands the result is the plain double (the libm
 * function where there is one). Mixing hd_dual with hd_hyper in one call does
 * not compile: it selects hd__cannot_mix_number_types, which is not a function.
 *
 * This header needs C (not C++): _Generic is a C11 keyword, and in C++ it
 * defines nothing. C++ has the same names as overloaded functions, with
 * operators, in <hyperdual.hpp>.
 */
#ifndef HYPERDUAL_GENERIC_H
#define HYPERDUAL_GENERIC_H

#include "kernels.h"

#ifndef __cplusplus

/* Selected only when two different number types meet in one call; calling it
 * is a compile-time error ("called object is not a function"). */
extern const struct hd__cannot_mix_number_types { char never_defined; } hd__cannot_mix_number_types;

#define HD__A1(T, S, id, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name) T: hd_##name##_##S,
/** Dispatch a one-argument function from the rule table on its argument's type. */
#define HD__GENERIC1(name, a) _Generic((a), HD__KINDS(HD__A1, name) default: hd__##name##_r)(a)

/* Two operands dispatch on one code, 16·id(a) + id(b) (id 0 = real), so each
 * operand is written out twice, not once per type: nested calls stay small
 * after preprocessing. Only the valid pairs are listed (a number type with
 * itself or with a real), so the list grows linearly with the types; every
 * other pair mixes two number types and takes the default, the trap. (The
 * whole square of pairs made one hd_mul about 4.8 kB of text with eight
 * types, beyond the 4095 characters of a string literal that -Wpedantic
 * accepts, which an assertion macro stringifying an expanded call hits.) */
#define HD__ID1(T, S, id, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused) T: id,
#define HD__TYPE_ID(x) _Generic((x), HD__KINDS(HD__ID1, ~) default: 0)
#define HD__PAIR(a, b) (char (*)[16 * HD__TYPE_ID(a) + HD__TYPE_ID(b) + 1])0
#define HD__PAIR_TYPE(ida, idb) char (*)[16 * (ida) + (idb) + 1]
#define HD__B_ONE(T, S, id, O, L, C, K, F, M, name)                                   \
    HD__PAIR_TYPE(id, id): hd_##name##_##S,                                          \
    HD__PAIR_TYPE(0, id): hd_##name##_r_##S,                                         \
    HD__PAIR_TYPE(id, 0): hd_##name##_##S##_r,
/** Dispatch a two-argument function on both arguments' types. */
#define HD__GENERIC2(name, a, b)                                                    \
    _Generic(HD__PAIR(a, b), HD__KINDS(HD__B_ONE, name)                     \
             HD__PAIR_TYPE(0, 0): hd__##name##_rr,                                   \
             default: hd__cannot_mix_number_types)((a), (b))

/* Convert a real or number operand to the type of `target` (unevaluated). */
#define HD__L_ONE(T, S, id, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, x) T: _Generic((x), T: hd__id_##S, default: hd__lift_##S),
#define HD__LIFT_TO(target, x) _Generic((target), HD__KINDS_B(HD__L_ONE, x) default: hd__val_r)(x)

/**
 * @brief The constant v as a number of type T: double or any kind (every
 *        derivative part 0). In a generic body, `T two = hd_const(T, 2.0);`.
 */
#define hd_const(T, v) HD__LIFT_TO((T){0}, (v))

/* ---- arithmetic ---------------------------------------------------------------- */
/** @brief a + b */
#define hd_add(a, b) HD__GENERIC2(add, a, b)
/** @brief a - b */
#define hd_sub(a, b) HD__GENERIC2(sub, a, b)
/** @brief a · b */
#define hd_mul(a, b) HD__GENERIC2(mul, a, b)
/** @brief a / b */
#define hd_div(a, b) HD__GENERIC2(div, a, b)
/** @brief -a */
#define hd_neg(a) HD__GENERIC1(neg, a)
/** @brief a² (exact derivatives at 0: f' = 0, f'' = 2) */
#define hd_sq(a) HD__GENERIC1(sq, a)
/** @brief a³ */
#define hd_cube(a) HD__GENERIC1(cube, a)
/** @brief 1/a */
#define hd_recip(a) HD__GENERIC1(recip, a)
/** @brief a·b + c, the value rounded once (fma) */
#define hd_fma(a, b, c)                                                             \
    _Generic((hd_add(hd_add((a), (b)), (c))), HD__KINDS(HD__A1, fma)        \
             default: hd__fma_r)(HD__LIFT_TO(hd_add(hd_add((a), (b)), (c)), a),      \
                                 HD__LIFT_TO(hd_add(hd_add((a), (b)), (c)), b),      \
                                 HD__LIFT_TO(hd_add(hd_add((a), (b)), (c)), c))

/* ---- powers and roots ---------------------------------------------------------- */
/** @brief a^b; either argument may be a number type. A real exponent works for
 *  any base where the power is real (x^3 at -2, x^2 at 0 with f'' = 2). */
#define hd_pow(a, b) HD__GENERIC2(pow, a, b)
/** @brief a^n for an int n, by repeated multiplication (valid for any real a). */
#define hd_powi(a, n) _Generic((a), HD__KINDS(HD__A1, powi) default: hd__powi_r)((a), (n))
/** @brief √a */
#define hd_sqrt(a) HD__GENERIC1(sqrt, a)
/** @brief 1/√a */
#define hd_rsqrt(a) HD__GENERIC1(rsqrt, a)
/** @brief ∛a (real for negative a) */
#define hd_cbrt(a) HD__GENERIC1(cbrt, a)
/** @brief √(a² + b²) without overflow */
#define hd_hypot(a, b) HD__GENERIC2(hypot, a, b)

/* ---- exponentials and logarithms ---------------------------------------------- */
#define hd_exp(a) HD__GENERIC1(exp, a)         /**< @brief e^a */
#define hd_exp2(a) HD__GENERIC1(exp2, a)       /**< @brief 2^a */
#define hd_expm1(a) HD__GENERIC1(expm1, a)     /**< @brief e^a - 1 */
#define hd_log(a) HD__GENERIC1(log, a)         /**< @brief ln a */
#define hd_log2(a) HD__GENERIC1(log2, a)       /**< @brief log₂ a */
#define hd_log10(a) HD__GENERIC1(log10, a)     /**< @brief log₁₀ a */
#define hd_log1p(a) HD__GENERIC1(log1p, a)     /**< @brief ln(1 + a) */
#define hd_logaddexp(a, b) HD__GENERIC2(logaddexp, a, b) /**< @brief ln(e^a + e^b) */

/* ---- trigonometric and hyperbolic --------------------------------------------- */
#define hd_sin(a) HD__GENERIC1(sin, a)         /**< @brief sine */
#define hd_cos(a) HD__GENERIC1(cos, a)         /**< @brief cosine */
#define hd_tan(a) HD__GENERIC1(tan, a)         /**< @brief tangent */
#define hd_asin(a) HD__GENERIC1(asin, a)       /**< @brief arcsine */
#define hd_acos(a) HD__GENERIC1(acos, a)       /**< @brief arccosine */
#define hd_atan(a) HD__GENERIC1(atan, a)       /**< @brief arctangent */
#define hd_atan2(y, x) HD__GENERIC2(atan2, y, x) /**< @brief angle of (x, y) */
#define hd_sinh(a) HD__GENERIC1(sinh, a)       /**< @brief hyperbolic sine */
#define hd_cosh(a) HD__GENERIC1(cosh, a)       /**< @brief hyperbolic cosine */
#define hd_tanh(a) HD__GENERIC1(tanh, a)       /**< @brief hyperbolic tangent */
#define hd_asinh(a) HD__GENERIC1(asinh, a)     /**< @brief inverse hyperbolic sine */
#define hd_acosh(a) HD__GENERIC1(acosh, a)     /**< @brief inverse hyperbolic cosine */
#define hd_atanh(a) HD__GENERIC1(atanh, a)     /**< @brief inverse hyperbolic tangent */

/* ---- special functions -------------------------------------------------------- */
#define hd_erf(a) HD__GENERIC1(erf, a)         /**< @brief error function */
#define hd_erfc(a) HD__GENERIC1(erfc, a)       /**< @brief complementary error function */
#define hd_lgamma(a) HD__GENERIC1(lgamma, a)   /**< @brief ln|Γ(a)| (reentrant) */
#define hd_tgamma(a) HD__GENERIC1(tgamma, a)   /**< @brief Γ(a) */

/* ---- piecewise (conventions at the kinks in rules.h and doc/rules.md) --------- */
#define hd_fabs(a) HD__GENERIC1(fabs, a)       /**< @brief |a|, derivative 0 at 0 */
#define hd_relu(a) HD__GENERIC1(relu, a)       /**< @brief max(a, 0), derivative 0 at 0 */
#define hd_fmin(a, b) HD__GENERIC2(fmin, a, b) /**< @brief minimum; average derivative at a tie */
#define hd_fmax(a, b) HD__GENERIC2(fmax, a, b) /**< @brief maximum; average derivative at a tie */
#define hd_fdim(a, b) HD__GENERIC2(fdim, a, b) /**< @brief max(a - b, 0) */
#define hd_copysign(a, b) HD__GENERIC2(copysign, a, b) /**< @brief |a| with the sign of b */
#define hd_fmod(a, b) HD__GENERIC2(fmod, a, b) /**< @brief remainder of a/b towards zero */
#define hd_floor(a) HD__GENERIC1(floor, a)     /**< @brief floor, derivative 0 */
#define hd_ceil(a) HD__GENERIC1(ceil, a)       /**< @brief ceiling, derivative 0 */
#define hd_trunc(a) HD__GENERIC1(trunc, a)     /**< @brief truncation, derivative 0 */
#define hd_round(a) HD__GENERIC1(round, a)     /**< @brief rounding half away from 0, derivative 0 */

/* ---- machine learning ----------------------------------------------------------- */
#define hd_sigmoid(a) HD__GENERIC1(sigmoid, a)       /**< @brief 1/(1 + e^-a), stable */
#define hd_softplus(a) HD__GENERIC1(softplus, a)     /**< @brief ln(1 + e^a), stable */
#define hd_logsigmoid(a) HD__GENERIC1(logsigmoid, a) /**< @brief ln sigmoid(a), stable */

/* ---- access --------------------------------------------------------------------- */
#define HD__VAL1(T, S, id, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused) T: hd__val_##S,
/** @brief The value part as a double, for any operand type (for comparisons). */
#define hd_val(a) _Generic((a), HD__KINDS(HD__VAL1, ~) default: hd__val_r)(a)

#endif /* !__cplusplus */

#endif /* HYPERDUAL_GENERIC_H */
