/**
 * @file hyperdual/types.h
 * @brief The number types users create: hd_dual (first derivatives) and
 *        hd_hyper (first and second derivatives), and their constructors.
 *
 * The library's faster kinds (lanes, pattern, tape) and the list of every
 * kind are in hyperdual/kinds.h.
 */
#ifndef HYPERDUAL_TYPES_H
#define HYPERDUAL_TYPES_H

#include <stddef.h>

/**
 * @brief Dual number val + d1·ε with ε² = 0.
 *
 * f(hd_dual){v, a} = {f(v), f'(v)·a}: one pass gives one directional derivative.
 */
typedef struct { double val, d1; } hd_dual;

/**
 * @brief Hyper-dual number val + d1·ε1 + d2·ε2 + d12·ε1ε2 with ε1² = ε2² = 0.
 *
 * f(hd_hyper){v, a, b, c} = {f(v), f'(v)·a, f'(v)·b, f'(v)·c + f''(v)·a·b}:
 * seeding a = e_i, b = e_j gives ∂²f/∂x_i∂x_j exactly, with no truncation error.
 */
typedef struct { double val, d1, d2, d12; } hd_hyper;

/** @brief {val, d1}. */
static inline hd_dual hd_dual_make(double val, double d1) { hd_dual r = {val, d1}; return r; }
/** @brief An independent variable: {x, 1}. */
static inline hd_dual hd_dual_var(double x) { return hd_dual_make(x, 1.0); }
/** @brief A constant: {x, 0}. */
static inline hd_dual hd_dual_const(double x) { return hd_dual_make(x, 0.0); }

/** @brief {val, d1, d2, d12}. */
static inline hd_hyper hd_hyper_make(double val, double d1, double d2, double d12)
{
    hd_hyper r = {val, d1, d2, d12};
    return r;
}
/** @brief A variable seeded in both directions, {x, 1, 1, 0}, so f(x).d12 == f''(x). */
static inline hd_hyper hd_hyper_var(double x) { return hd_hyper_make(x, 1.0, 1.0, 0.0); }
/** @brief A constant: {x, 0, 0, 0}. */
static inline hd_hyper hd_hyper_const(double x) { return hd_hyper_make(x, 0.0, 0.0, 0.0); }

#endif /* HYPERDUAL_TYPES_H */
