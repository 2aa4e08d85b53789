/**
 * @file hyperdual/kinds.h
 * @brief Every number kind the library evaluates an objective on, as ONE
 *        list (HD__KINDS), and the types of the library's faster kinds.
 *
 * Users create hd_dual and hd_hyper (types.h). The other kinds below (vector
 * lanes, the two-lane and four-lane duals, the lane hyper-dual, the packed
 * four- and two-direction hyper-duals, the pattern and the taped number) are the
 * library's own: HD_GENERIC_OBJECTIVE
 * instantiates a body for each of them in the user's translation unit, so
 * their types and kernels must be visible, but nothing else needs to touch
 * them.
 *
 * The list drives the _Generic dispatch (generic.h), the kernels (kernels.h),
 * the bodies HD_GENERIC_OBJECTIVE builds and the objective's table of them
 * (diff.h), the expression engine's evaluators, the drivers' seeding and the
 * pass counters (hd_counts, hd_result, hd_iteration, hd_trace_row). A new
 * kind is one row here, its type and chain-rule primitives (kernels.h), and
 * the path that uses it (doc/design.md, "Adding a kind").
 */
#ifndef HYPERDUAL_KINDS_H
#define HYPERDUAL_KINDS_H

#include <stddef.h>
#include <stdint.h>
#include "export.h"
#include "types.h"

/**
 * @brief Number of tangent lanes of hd_dualv (fixed: part of the library ABI).
 *
 * Chosen by measurement (doc/performance.md, make bench-peers): the drivers
 * use hd_dualv from n = 5 (below, one hd_dual2 or hd_dual4 pass) up to
 * n = HD_LANES, and the tape beyond, so the width is what one pass costs at
 * n = 5..12, where a lane that no variable fills costs as much as one that
 * one does: 12 lanes take 20-24% fewer instructions than 16 for F2's
 * gradient at n = 6, 8 and 10, and 8 or 10 lanes would need a second pass
 * or the tape from n = 9 or 11 (the tape at n = 10: 56% more than one
 * 12-lane pass).
 */
#define HD_LANES 12

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
/* Where the translation unit is compiled for AVX (-mavx, -march=native on
 * most x86-64 machines of the last decade), the lane parts of four lanes
 * and more are made of four-lane registers instead: one instruction where
 * pairs take two (Wood's gradient at -O3 -march=native: 10.1 -> 8.0 ns,
 * Ceres' Jet<double, 4> 7.1 in the same register). The layout stays
 * double[K], so units built with and without AVX share the library (a body
 * built with AVX reading seeds the library wrote as pairs waits for them,
 * a few ns per pass: build both alike). HD_NO_AVX_LANES keeps the pairs. */
#  if defined(__AVX__) && !defined(HD_NO_AVX_LANES)
__extension__ typedef double hd__quad
    __attribute__((vector_size(4 * sizeof(double)), aligned(sizeof(double))));
#    define HD__CHUNK hd__quad
#    define HD__CHUNK_LANES 4
#  else
#    define HD__CHUNK hd__pair
#    define HD__CHUNK_LANES 2
#  endif
typedef struct { HD__CHUNK c[HD_LANES / HD__CHUNK_LANES]; } hd__lanes;
typedef struct { HD__CHUNK c[HD_HYPERV_LANES / HD__CHUNK_LANES]; } hd__hlanes;
typedef struct { HD__CHUNK c[4 / HD__CHUNK_LANES]; } hd__lanes4;
typedef struct { hd__pair c[1]; } hd__lanes2;
typedef struct { hd__pair c[5]; } hd__packed4;
typedef struct { hd__pair c[2]; } hd__packed2;
/* The lanes of one register of a lane part. */
#  define HD__WIDTH(part) ((int)(sizeof (part).c[0] / sizeof(double)))
/** @brief Lane k of a lane part (hd_dualv.d, hd_dual4.d, hd_dual2.d,
 *  hd_hyperv.d2/d12, hd_hyper4.g/h, hd_hyper2.g/h), as an lvalue. */
#  define HD_LANE(part, k) ((part).c[(k) / HD__WIDTH(part)][(k) % HD__WIDTH(part)])
#else
typedef struct { double v[HD_LANES]; } hd__lanes;
typedef struct { double v[HD_HYPERV_LANES]; } hd__hlanes;
typedef struct { double v[4]; } hd__lanes4;
typedef struct { double v[2]; } hd__lanes2;
typedef struct { double v[10]; } hd__packed4;
typedef struct { double v[4]; } hd__packed2;
#  define HD_LANE(part, k) ((part).v[k])
#endif
#if HD_HYPERV_LANES != 8 || HD_LANES != 12
#  error "kernels.h writes out 4 pairs of hd_hyperv lanes and 6 of hd_dualv (small.h too)"
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

/**
 * @brief The second-order Taylor data of four directions at once: a value,
 *        four gradient lanes and the ten entries of the packed symmetric
 *        4×4 Hessian (lane k of g: HD_LANE(a.g, k); Hessian entry (i, j):
 *        HD_LANE(a.h, hd_hyper4_entry(i, j))).
 *
 * f(hd_hyper4){v, g, H} = {f(v), f'(v)·g, f'(v)·H + f''(v)·g gᵀ}: seeding
 * g = e_k in variable k gives the value, gradient and whole Hessian of a
 * function of up to four variables in ONE pass, each elemental f, f', f''
 * computed once, where hd_hyper takes n(n+1)/2 passes and hd_hyperv one
 * per row. The entries are stored so that each register pair of h is a
 * product of two pairs of g lanes (kernels.h).
 */
typedef struct { double val; hd__lanes4 g; hd__packed4 h; } hd_hyper4;

/** @brief A constant: value x, every derivative part 0. */
static inline hd_hyper4 hd_hyper4_const(double x)
{
    hd_hyper4 r;
    r.val = x;
    for (int k = 0; k < 4; k++) HD_LANE(r.g, k) = 0.0;
    for (int e = 0; e < 10; e++) HD_LANE(r.h, e) = 0.0;
    return r;
}

/*
 * The packed entries in storage order: entry e (0..9) is (HD__H4_ROW(e),
 * HD__H4_COL(e)), four bits each in a constant. Pair p of h (entries 2p and
 * 2p + 1) is then the product of the g lanes (row, row') and (col, col'):
 * the diagonal as [g0 g1]·[g0 g1] and [g2 g3]·[g2 g3], then [g0 g1]·[g2 g3],
 * [g0 g1]·[g3 g2] and [g0 g2]·[g1 g3] (kernels.h).
 */
#define HD__H4_ROW(e) ((int)((0x2010103210ULL >> (4 * (e))) & 15))
#define HD__H4_COL(e) ((int)((0x3123323210ULL >> (4 * (e))) & 15))

/** @brief The index in hd_hyper4.h of Hessian entry (i, j) = (j, i), 0 <= i, j < 4. */
static inline int hd_hyper4_entry(int i, int j)
{
    return (int)((0x3956927457186480ULL >> (4 * (4 * i + j))) & 15);
}

/**
 * @brief hd_hyper4 for two variables: a value, two gradient lanes and the
 *        whole 2×2 Hessian (lane k of g: HD_LANE(a.g, k); entry (i, j):
 *        HD_LANE(a.h, hd_hyper2_entry(i, j))).
 *
 * The same algebra as hd_hyper4 on 7 doubles where hd_hyper4 carries 15:
 * at n = 2 one pass gives the value, gradient and Hessian with each
 * elemental f, f', f'' computed once and no idle lane. h holds (0,0),
 * (1,1), (0,1) and (1,0), so that each register pair of h is [g0 g1]
 * times [g0 g1] or [g1 g0] (kernels.h). The (1,0) slot only fills the
 * pair: it sums the same products in the other order, which a compiler
 * that fuses multiply-adds may round differently, so hd_hyper2_entry()
 * gives (0,1) for both, the entry hd_hyper computes with d1 = lane 0 and
 * d2 = lane 1, bit for bit.
 */
typedef struct { double val; hd__lanes2 g; hd__packed2 h; } hd_hyper2;

/** @brief A constant: value x, every derivative part 0. */
static inline hd_hyper2 hd_hyper2_const(double x)
{
    hd_hyper2 r;
    r.val = x;
    for (int k = 0; k < 2; k++) HD_LANE(r.g, k) = 0.0;
    for (int e = 0; e < 4; e++) HD_LANE(r.h, e) = 0.0;
    return r;
}

/* Entry e (0..3) of hd_hyper2.h is (HD__H2_ROW(e), HD__H2_COL(e)). */
#define HD__H2_ROW(e) ((int)((e) & 1))
#define HD__H2_COL(e) ((int)((0x6 >> (e)) & 1))

/** @brief The index in hd_hyper2.h of Hessian entry (i, j) = (j, i), 0 <= i, j < 2. */
static inline int hd_hyper2_entry(int i, int j)
{
    return i == j ? i : 2;
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
 *        drivers' reverse sweeps (lib/diff/path_tape.c). Nodes 1..n are the inputs.
 */
typedef struct hd_tape {
    hd_tape_node *node;        /**< the recorded operations */
    size_t len;                /**< nodes in use (node 0 included) */
    size_t cap;                /**< nodes allocated */
    int failed;                /**< set when the tape could not grow */
    size_t limit;              /**< the most nodes it may hold; 0: as many as fit */
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
 * THE list of number kinds, one row each:
 *
 *   X(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, ...)
 *
 *   T        the C type
 *   S        the suffix of its kernels (hd_sin_S) and of its body in an
 *            objective's table (hd_bodies.S)
 *   ID       1..15, unique: the operand code of the two-operand _Generic
 *            dispatch (generic.h; 0 is a real operand)
 *   ORDER    FIRST (value and tangents: kernels use f and f') or SECOND
 *            (kernels use f'' through the rule classes)
 *   LANES    directions (or Hessian entries) one pass carries; 0: a whole
 *            recorded evaluation
 *   COUNTER  its member in hd_counts: the passes made on it
 *   KIND     its hd_kind enumerator (the index of its counter)
 *   FACE     CONTRACT when hd_objective has a member of the contract for it
 *            (MEMBER), else TABLE (only in the objective's hd_bodies)
 *   ...      passed through to X
 *
 * The order of the rows is the order of the counters (an ABI: new kinds go
 * at the end). HD__KINDS_B is the same list again, for a dispatch nested in
 * another (a macro cannot expand inside its own expansion); check_kinds
 * compares the two.
 */
#define HD__KINDS(X, ...)                                                                        \
    X(hd_dual, dual, 1, FIRST, 1, dual_calls, HD_KIND_DUAL, CONTRACT, f_dual, __VA_ARGS__)       \
    X(hd_hyper, hyper, 2, SECOND, 1, hyper_calls, HD_KIND_HYPER, CONTRACT, f_hyper, __VA_ARGS__) \
    X(hd_dual2, dual2, 3, FIRST, 2, dual2_calls, HD_KIND_DUAL2, TABLE, -, __VA_ARGS__)           \
    X(hd_dual4, dual4, 4, FIRST, 4, dual4_calls, HD_KIND_DUAL4, TABLE, -, __VA_ARGS__)           \
    X(hd_dualv, dualv, 5, FIRST, HD_LANES, dualv_calls, HD_KIND_DUALV, TABLE, -, __VA_ARGS__)    \
    X(hd_hyperv, hyperv, 6, SECOND, HD_HYPERV_LANES, hyperv_calls, HD_KIND_HYPERV, TABLE, -,     \
      __VA_ARGS__)                                                                               \
    X(hd_taped, taped, 7, SECOND, 0, taped_calls, HD_KIND_TAPED, TABLE, -, __VA_ARGS__)          \
    X(hd_pattern, pattern, 8, SECOND, HD_PATTERN_BLOCK, pattern_calls, HD_KIND_PATTERN, TABLE, -, \
      __VA_ARGS__)                                                                               \
    X(hd_hyper4, hyper4, 9, SECOND, 10, hyper4_calls, HD_KIND_HYPER4, TABLE, -, __VA_ARGS__)   \
    X(hd_hyper2, hyper2, 10, SECOND, 3, hyper2_calls, HD_KIND_HYPER2, TABLE, -, __VA_ARGS__)
#define HD__KINDS_B(X, ...)                                                                      \
    X(hd_dual, dual, 1, FIRST, 1, dual_calls, HD_KIND_DUAL, CONTRACT, f_dual, __VA_ARGS__)       \
    X(hd_hyper, hyper, 2, SECOND, 1, hyper_calls, HD_KIND_HYPER, CONTRACT, f_hyper, __VA_ARGS__) \
    X(hd_dual2, dual2, 3, FIRST, 2, dual2_calls, HD_KIND_DUAL2, TABLE, -, __VA_ARGS__)           \
    X(hd_dual4, dual4, 4, FIRST, 4, dual4_calls, HD_KIND_DUAL4, TABLE, -, __VA_ARGS__)           \
    X(hd_dualv, dualv, 5, FIRST, HD_LANES, dualv_calls, HD_KIND_DUALV, TABLE, -, __VA_ARGS__)    \
    X(hd_hyperv, hyperv, 6, SECOND, HD_HYPERV_LANES, hyperv_calls, HD_KIND_HYPERV, TABLE, -,     \
      __VA_ARGS__)                                                                               \
    X(hd_taped, taped, 7, SECOND, 0, taped_calls, HD_KIND_TAPED, TABLE, -, __VA_ARGS__)          \
    X(hd_pattern, pattern, 8, SECOND, HD_PATTERN_BLOCK, pattern_calls, HD_KIND_PATTERN, TABLE, -, \
      __VA_ARGS__)                                                                               \
    X(hd_hyper4, hyper4, 9, SECOND, 10, hyper4_calls, HD_KIND_HYPER4, TABLE, -, __VA_ARGS__)   \
    X(hd_hyper2, hyper2, 10, SECOND, 3, hyper2_calls, HD_KIND_HYPER2, TABLE, -, __VA_ARGS__)

/*
 * Every kind an objective is evaluated on: the plain value (double, counted
 * in f_calls, the contract's member f) first, then the number kinds.
 */
#define HD__EVAL_KINDS(X, ...)                                                                   \
    X(double, value, 0, VALUE, 0, f_calls, HD_KIND_VALUE, CONTRACT, f, __VA_ARGS__)              \
    HD__KINDS(X, __VA_ARGS__)

/* The rows of one ORDER only: HD__FIRST_ORDER_KINDS(M, ...) calls M(T, S, ...)
 * for each first-order kind, HD__SECOND_ORDER_KINDS for each second-order one. */
#define HD__ONLY_FIRST(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, M, ...)              \
    HD__ONLY_FIRST_##ORDER(M, T, S, __VA_ARGS__)
#define HD__ONLY_FIRST_FIRST(M, ...) M(__VA_ARGS__)
#define HD__ONLY_FIRST_SECOND(M, ...)
#define HD__ONLY_SECOND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, M, ...)             \
    HD__ONLY_SECOND_##ORDER(M, T, S, __VA_ARGS__)
#define HD__ONLY_SECOND_FIRST(M, ...)
#define HD__ONLY_SECOND_SECOND(M, ...) M(__VA_ARGS__)
#define HD__FIRST_ORDER_KINDS(M, ...) HD__KINDS(HD__ONLY_FIRST, M, __VA_ARGS__)
#define HD__SECOND_ORDER_KINDS(M, ...) HD__KINDS(HD__ONLY_SECOND, M, __VA_ARGS__)

#define HD__KIND_ENUMERATOR(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) KIND,
/**
 * @brief The kinds an objective is evaluated on, in the order of the list:
 *        the index of each kind's pass counter (hd_counts.calls).
 *
 * HD_KIND_VALUE is a plain double evaluation (f); every other kind is a
 * derivative pass. hd_kind_name() names each one ("value", "dual", ...).
 */
typedef enum hd_kind {
    HD__EVAL_KINDS(HD__KIND_ENUMERATOR, ~)
    HD_KIND_COUNT /**< the number of kinds */
} hd_kind;

/* The counters, one long per kind in the list's order, then the sweeps. */
#define HD__COUNT_MEMBER(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) long COUNTER;
#define HD__COUNT_MEMBERS HD__EVAL_KINDS(HD__COUNT_MEMBER, ~) long tape_sweeps;

/**
 * @brief Objective evaluations by kind, and the sweeps over tapes.
 *
 * Each counter counts evaluations of the objective (passes), whatever their
 * width: one hd_dualv pass computes HD_LANES directional derivatives and
 * counts 1 in dualv_calls. A counter is read by name (c.dual_calls) or by
 * kind (c.calls[HD_KIND_DUAL]); both name the same storage. The _ex drivers
 * ADD to the counters, so one struct can total a whole run. A derivative
 * pass is every kind but HD_KIND_VALUE: hd_counts_passes() sums them.
 *
 * Members: f_calls, dual_calls, hyper_calls, dual2_calls, dual4_calls,
 * dualv_calls, hyperv_calls, taped_calls, pattern_calls, hyper4_calls,
 * hyper2_calls (one per kind of the list, in its order), and tape_sweeps:
 * sweeps over a tape, one reverse sweep per taped gradient, one
 * forward-and-reverse sweep per block of up to HD_TAPE_BLOCK Hessian
 * columns (or colours).
 */
HD__ANONYMOUS_BEGIN
typedef struct hd_counts {
    union {
        long calls[HD_KIND_COUNT]; /**< by hd_kind */
        HD__EXTENSION struct { HD__COUNT_MEMBERS }; /**< the same, by name */
    };
} hd_counts;
HD__ANONYMOUS_END

/**
 * @brief A whole hd_counts as the first member of a struct the library
 *        writes (hd_result, hd_iteration, hd_trace_row): `counts` is the
 *        struct, and each counter is also a member of the enclosing struct
 *        by name (res.dual_calls), the contract's way.
 */
#define HD_COUNTS_MEMBERS                                                                        \
    union {                                                                                      \
        hd_counts counts; /**< every counter, for functions that take an hd_counts */           \
        HD__EXTENSION struct { HD__COUNT_MEMBERS };                                              \
    };

/** @brief Hessian columns (or colours) carried by one sweep of the taped path. */
#define HD_TAPE_BLOCK 8

HD_BEGIN_DECLS

/**
 * @brief The name of a kind: "value", "dual", "hyper", "dual2", "dual4",
 *        "dualv", "hyperv", "taped", "pattern", "hyper4", "hyper2" (the
 *        suffix of its kernels).
 * @param kind an hd_kind
 * @return a static string; "?" for a value outside 0..HD_KIND_COUNT-1
 */
HD_API const char *hd_kind_name(hd_kind kind);

/**
 * @brief The derivative passes counted in c: every counter but f_calls.
 * @param c the counters (NULL gives 0)
 * @return the sum of c->calls[k] over every kind k but HD_KIND_VALUE
 */
HD_API long hd_counts_passes(const hd_counts *c);

HD_END_DECLS

#endif /* HYPERDUAL_KINDS_H */
