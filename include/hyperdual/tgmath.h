/**
 * @file hyperdual/tgmath.h
 * @brief Opt-in: the standard names (sin, exp, pow, ...) become type-generic over
 *        double and every number kind, as C's <tgmath.h> does for complex.
 *
 * Never included by <hyperdual.h>. Include it last, in a source file of your
 * own: it redefines libm's names as macros for the rest of that file. The plain
 * double results are libm's.
 *
 * In C++ it defines no macro: it includes <hyperdual.hpp>, whose overloads of
 * the same names on every number kind are found by argument-dependent lookup
 * (and which needs C++11).
 */
#ifndef HYPERDUAL_TGMATH_H
#define HYPERDUAL_TGMATH_H

#include <math.h>

#ifndef __cplusplus
#include "generic.h"
#undef sqrt
#undef cbrt
#undef hypot
#undef pow
#undef exp
#undef exp2
#undef expm1
#undef log
#undef log2
#undef log10
#undef log1p
#undef sin
#undef cos
#undef tan
#undef asin
#undef acos
#undef atan
#undef atan2
#undef sinh
#undef cosh
#undef tanh
#undef asinh
#undef acosh
#undef atanh
#undef erf
#undef erfc
#undef lgamma
#undef tgamma
#undef fabs
#undef fmin
#undef fmax
#undef fdim
#undef fma
#undef fmod
#undef copysign
#undef floor
#undef ceil
#undef trunc
#undef round
#define sqrt(a) hd_sqrt(a)
#define cbrt(a) hd_cbrt(a)
#define hypot(a, b) hd_hypot(a, b)
#define pow(a, b) hd_pow(a, b)
#define exp(a) hd_exp(a)
#define exp2(a) hd_exp2(a)
#define expm1(a) hd_expm1(a)
#define log(a) hd_log(a)
#define log2(a) hd_log2(a)
#define log10(a) hd_log10(a)
#define log1p(a) hd_log1p(a)
#define sin(a) hd_sin(a)
#define cos(a) hd_cos(a)
#define tan(a) hd_tan(a)
#define asin(a) hd_asin(a)
#define acos(a) hd_acos(a)
#define atan(a) hd_atan(a)
#define atan2(a, b) hd_atan2(a, b)
#define sinh(a) hd_sinh(a)
#define cosh(a) hd_cosh(a)
#define tanh(a) hd_tanh(a)
#define asinh(a) hd_asinh(a)
#define acosh(a) hd_acosh(a)
#define atanh(a) hd_atanh(a)
#define erf(a) hd_erf(a)
#define erfc(a) hd_erfc(a)
#define lgamma(a) hd_lgamma(a)
#define tgamma(a) hd_tgamma(a)
#define fabs(a) hd_fabs(a)
#define fmin(a, b) hd_fmin(a, b)
#define fmax(a, b) hd_fmax(a, b)
#define fdim(a, b) hd_fdim(a, b)
#define fma(a, b, c) hd_fma(a, b, c)
#define fmod(a, b) hd_fmod(a, b)
#define copysign(a, b) hd_copysign(a, b)
#define floor(a) hd_floor(a)
#define ceil(a) hd_ceil(a)
#define trunc(a) hd_trunc(a)
#define round(a) hd_round(a)
#else
/* C++: the standard names as overloads, with the rest of the C++ face (and
 * nothing before it, so that a compiler older than C++11 is told that first:
 * the kernels do not compile there). */
#include "../hyperdual.hpp"
#endif /* !__cplusplus */

#endif /* HYPERDUAL_TGMATH_H */
