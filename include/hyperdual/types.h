/**
 * @file hyperdual/types.h
 * @brief The number types: hd_dual (first derivatives) and hd_hyper (first and
 *        second derivatives), their constructors, and the list of number types
 *        that the kernel generator and the _Generic dispatch iterate over.
 */
#ifndef HYPERDUAL_TYPES_H
#define HYPERDUAL_TYPES_H

#include <stddef.h>
#include <stdint.h>

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

/**
 * @brief Number of tangent lanes of hd_dualv (fixed: part of the library ABI).
 *
 * Chosen by measurement (doc/performance.md, make bench-peers): 16 lanes
 * beat 8 wherever the value is expensive (F2 at n = 10: 0.43 against
 * 0.93 µs) and 2 and 4 are slower still; up to n = 4 the drivers use one
 * hd_dual4 pass instead.
 */
#define HD_LANES 16

/**
 * @brief Number of second directions of hd_hyperv (fixed: part of the ABI).
 *
 * Eight, held as register-sized pairs (below): against two lanes, the
 * sparse and dense Hessians at n = 50 take 1.3-2x less time, as the value
 * is computed once per 8 entries; the small-n cases lose a little
 * (doc/performance.md). kernels.h writes the pairs out for 8.
 */
#define HD_HYPERV_LANES 8

/*
 * Lane storage. With gcc and clang a lane part is an array of register-sized
 * GNU vector pairs, aligned like a double, so that its layout is exactly
 * that of double[K], the portable fallback (define HD_NO_VECTOR_EXT to force
 * it). Not one wide vector: gcc keeps a vector wider than the target's
 * registers in memory and broadcasts scalars to it through the stack (an
 * 8-lane hd_hyperv pass cost 13 hyper-dual passes); pairs stay in registers.
 * No function takes or returns a bare vector (only structs holding it),
 * which keeps -Wpsabi quiet.
 */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(HD_NO_VECTOR_EXT)
#  define HD__VECTOR_LANES 1
/* Two lanes, one SSE2/NEON register. */
__extension__ typedef double hd__pair
    __attribute__((vector_size(2 * sizeof(double)), aligned(sizeof(double))));
typedef struct { hd__pair c[HD_LANES / 2]; } hd__lanes;
typedef struct { hd__pair c[HD_HYPERV_LANES / 2]; } hd__hlanes;
typedef struct { hd__pair c[2]; } hd__lanes4;
typedef struct { hd__pair c[1]; } hd__lanes2;
/** @brief Lane k of a lane part (hd_dualv.d, hd_dual4.d, hd_dual2.d, hd_hyperv.d2/d12), as an lvalue. */
#  define HD_LANE(part, k) ((part).c[(k) / 2][(k) % 2])
#else
typedef struct { double v[HD_LANES]; } hd__lanes;
typedef struct { double v[HD_HYPERV_LANES]; } hd__hlanes;
typedef struct { double v[4]; } hd__lanes4;
typedef struct { double v[2]; } hd__lanes2;
#  define HD_LANE(part, k) ((part).v[k])
#endif
#if HD_HYPERV_LANES != 8 || HD_LANES != 16
#  error "kernels.h writes out 4 pairs of hd_hyperv lanes and 8 of hd_dualv"
#endif

/**
 * @brief Vector dual number: one value and HD_LANES tangent lanes,
 *        val + Σ_k d_k·ε_k with ε_j·ε_k = 0 (lane k: HD_LANE(a.d, k)).
 *
 * f(hd_dualv){v, a} = {f(v), f'(v)·a}: one pass gives HD_LANES directional
 * derivatives and computes the value (and f') once for all of them, so a
 * gradient takes ceil(n / HD_LANES) passes instead of n.
 */
typedef struct { double val; hd__lanes d; } hd_dualv;

/** @brief A constant: value x, every lane 0. */
static inline hd_dualv hd_dualv_const(double x)
{
    hd_dualv r;
    r.val = x;
    for (int k = 0; k < HD_LANES; k++) HD_LANE(r.d, k) = 0.0;
    return r;
}
/** @brief The independent variable of lane k (0 <= k < HD_LANES): {x, e_k}. */
static inline hd_dualv hd_dualv_var(double x, int k)
{
    hd_dualv r = hd_dualv_const(x);
    HD_LANE(r.d, k) = 1.0;
    return r;
}

/**
 * @brief Dual number with four tangent lanes, val + Σ_k d_k·ε_k, k < 4.
 *
 * The gradient of a function of up to four variables in one pass, with at
 * most two lanes wasted (hd_dualv carries HD_LANES).
 */
typedef struct { double val; hd__lanes4 d; } hd_dual4;

/** @brief A constant: value x, every lane 0. */
static inline hd_dual4 hd_dual4_const(double x)
{
    hd_dual4 r;
    r.val = x;
    for (int k = 0; k < 4; k++) HD_LANE(r.d, k) = 0.0;
    return r;
}
/** @brief The independent variable of lane k (0 <= k < 4): {x, e_k}. */
static inline hd_dual4 hd_dual4_var(double x, int k)
{
    hd_dual4 r = hd_dual4_const(x);
    HD_LANE(r.d, k) = 1.0;
    return r;
}

/**
 * @brief Dual number with two tangent lanes, val + d_0·ε_0 + d_1·ε_1: the
 *        lanes are one SSE2/NEON register.
 *
 * The gradient of a function of one or two variables in one pass, with no
 * lane wasted at n = 2 (hd_dual4 would idle two).
 */
typedef struct { double val; hd__lanes2 d; } hd_dual2;

/** @brief A constant: value x, both lanes 0. */
static inline hd_dual2 hd_dual2_const(double x)
{
    hd_dual2 r;
    r.val = x;
    for (int k = 0; k < 2; k++) HD_LANE(r.d, k) = 0.0;
    return r;
}
/** @brief The independent variable of lane k (0 <= k < 2): {x, e_k}. */
static inline hd_dual2 hd_dual2_var(double x, int k)
{
    hd_dual2 r = hd_dual2_const(x);
    HD_LANE(r.d, k) = 1.0;
    return r;
}

/**
 * @brief Hyper-dual number with HD_HYPERV_LANES second directions:
 *        val + d1·ε1 + Σ_k d2_k·ε2k + Σ_k d12_k·ε1ε2k
 *        (lane k of a part: HD_LANE(a.d2, k)).
 *
 * f(hd_hyperv){v, a, b, c} = {f(v), f'(v)·a, f'(v)·b, f'(v)·c + f''(v)·a·b}
 * lane by lane: seeding d1 = e_i and lane k's d2 = e_j gives HD_HYPERV_LANES
 * entries ∂²f/∂x_i∂x_j of one Hessian row in one pass.
 */
typedef struct { double val, d1; hd__hlanes d2, d12; } hd_hyperv;

/** @brief A constant: value x, every derivative part 0. */
static inline hd_hyperv hd_hyperv_const(double x)
{
    hd_hyperv r;
    r.val = x;
    r.d1 = 0.0;
    for (int k = 0; k < HD_HYPERV_LANES; k++) HD_LANE(r.d2, k) = HD_LANE(r.d12, k) = 0.0;
    return r;
}

/** @brief Variables per block of hd_pattern (one bit each in a 64-bit word). */
#define HD_PATTERN_BLOCK 64

/**
 * @brief Structural Hessian pattern of one 64×64 block (rows in block A,
 *        columns in block B), propagated through a generic body.
 *
 * sa and sb are the variables of A and of B the number depends on (bit i:
 * the i-th variable of the block); m[i] has bit j set when ∂²/∂x_{A+i}∂x_{B+j}
 * is structurally non-zero. Linear rules union the operands' sets, products
 * add sa(a)⊗sb(b) | sa(b)⊗sb(a), and every rule with f'' != 0 for some
 * argument adds the outer product of the sets of its argument(s); the value
 * is carried so that the body's branches take the path they take at x.
 * Built for hd_sparsity_detect() (sparse.h); no derivative values.
 */
typedef struct {
    double val;                       /**< the value at the point */
    uint64_t sa;                      /**< dependence on the variables of block A */
    uint64_t sb;                      /**< dependence on the variables of block B */
    uint64_t m[HD_PATTERN_BLOCK];     /**< the A×B block of the Hessian pattern */
} hd_pattern;

/** @brief A constant: value x, no dependence. */
static inline hd_pattern hd_pattern_const(double x)
{
    hd_pattern r;
    r.val = x;
    r.sa = r.sb = 0;
    for (int i = 0; i < HD_PATTERN_BLOCK; i++) r.m[i] = 0;
    return r;
}

/**
 * @brief One recorded operation of a tape: node = φ(node a, node b), with
 *        φ's first and second partials at the point.
 *
 * Node 0 stands for every constant (its tangents are zero and its adjoint is
 * never read); a one-argument operation has b = 0. A constant operand's
 * partials are stored as 0, so a partial that is NaN there (pow's d/dy at
 * x < 0 with a constant exponent) never reaches a derivative.
 */
typedef struct hd_tape_node {
    uint32_t a, b;             /**< argument nodes (0: constant) */
    double fx, fy;             /**< ∂φ/∂a, ∂φ/∂b */
    double fxx, fxy, fyy;      /**< second partials (0 where the rule class says so) */
} hd_tape_node;

/**
 * @brief A tape: the operations of one evaluation, in order, for the
 *        drivers' reverse sweeps (lib/tape.c). Nodes 1..n are the inputs.
 */
typedef struct hd_tape {
    hd_tape_node *node;        /**< the recorded operations */
    size_t len;                /**< nodes in use (node 0 included) */
    size_t cap;                /**< nodes allocated */
    int failed;                /**< set when the tape could not grow */
} hd_tape;

/**
 * @brief A taped number: a value, and the tape node it is a multiple of.
 *
 * The number is scale·(node id) as far as derivatives go: operations whose
 * derivative is a constant factor (negation, a sum or product with a
 * constant, |x|, floor, ...) only change the scale and record nothing, so
 * the tape holds the operations that couple values or curve.
 * HD_GENERIC_OBJECTIVE instantiates every objective for it, and the drivers
 * use it for the reverse-mode gradient and the forward-over-reverse Hessian
 * (doc/performance.md). A constant has tape NULL (and id 0), so (T){0} is
 * the constant zero. Users do not normally create these themselves.
 */
typedef struct {
    double val;                /**< the value at the point */
    double scale;              /**< d(this)/d(node id) */
    hd_tape *tape;             /**< the tape it is recorded on; NULL for a constant */
    uint32_t id;               /**< the node it is a multiple of */
} hd_taped;

/** @brief A constant: value x, on no tape. */
static inline hd_taped hd_taped_const(double x)
{
    hd_taped r = {x, 0.0, 0, 0};
    return r;
}

/*
 * The number types, as X-macro lists of (type, suffix, id). Kernels are named
 * hd_<function>_<suffix>; the id (1..15, unique) encodes operand pairs in the
 * _Generic dispatch. A new number type is one entry in each list (the lists
 * are identical: hd_fma's dispatch nests them, and a macro cannot expand
 * inside its own expansion) and its chain-rule primitives in kernels.h.
 */
#define HD__NUMBER_TYPES_A(X, n) X(hd_dual, dual, 1, n) X(hd_hyper, hyper, 2, n) X(hd_dualv, dualv, 3, n) \
    X(hd_hyperv, hyperv, 4, n) X(hd_dual4, dual4, 5, n) X(hd_pattern, pattern, 6, n) \
    X(hd_taped, taped, 7, n) X(hd_dual2, dual2, 8, n)
#define HD__NUMBER_TYPES_B(X, n) X(hd_dual, dual, 1, n) X(hd_hyper, hyper, 2, n) X(hd_dualv, dualv, 3, n) \
    X(hd_hyperv, hyperv, 4, n) X(hd_dual4, dual4, 5, n) X(hd_pattern, pattern, 6, n) \
    X(hd_taped, taped, 7, n) X(hd_dual2, dual2, 8, n)
/* The first-order types (value and tangents, no second-order part): their
 * kernels need only f and f' (kernels.h). */
#define HD__FIRST_ORDER_TYPES(X, ...) X(hd_dual, dual, __VA_ARGS__) X(hd_dualv, dualv, __VA_ARGS__) \
    X(hd_dual4, dual4, __VA_ARGS__) X(hd_dual2, dual2, __VA_ARGS__)
/* The second-order types: their kernels use f'' through the rule classes. */
#define HD__SECOND_ORDER_TYPES(X, ...) X(hd_hyper, hyper, __VA_ARGS__) X(hd_hyperv, hyperv, __VA_ARGS__) \
    X(hd_pattern, pattern, __VA_ARGS__) X(hd_taped, taped, __VA_ARGS__)

#endif /* HYPERDUAL_TYPES_H */
