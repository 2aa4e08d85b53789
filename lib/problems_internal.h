/* Private to the problem registry: the tables of lib/problems_mgh.c and
 * lib/problems_extra.c, joined by lib/problems.c, and the plumbing that lets a
 * generic body see its dimension n. */
#ifndef HYPERDUAL_PROBLEMS_INTERNAL_H
#define HYPERDUAL_PROBLEMS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <hyperdual.h>
#include "diff/path_kinds.h"
#include "diff/counted.h"

extern const hd_problem hd__problems_mgh[];
extern const size_t hd__problems_mgh_count;
extern const hd_problem hd__problems_extra[];
extern const size_t hd__problems_extra_count;

/* ---- objectives built for the kinds their sizes use --------------------------
 * HD_GENERIC_OBJECTIVE instantiates a body for every kind; a problem's
 * objective needs only the kinds the automatic paths call at its sizes
 * (diff/path_kinds.h), and the others (the wide lane kinds at small n, the
 * tape below its threshold, the pattern kind, which only
 * hd_sparsity_detect calls) were most of the registry's code.
 * HD__PROBLEM_OBJECTIVE(name, lo, hi, T, x, ctx, body...) is
 * HD_GENERIC_OBJECTIVE for n in lo..hi: its table holds only those kinds.
 * Every kind's body is still defined (static inline), so the body compiles
 * for each as a generic body must; the ones the table leaves out are never
 * referenced, so never emitted. The contract's members (f, f_dual, f_hyper)
 * are always filled. */
#define HD__PROBLEM_TABLE(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name, kinds)     \
    HD__CAT_(HD__PROBLEM_TABLE_, FACE)(S, KIND, name, kinds)
#define HD__PROBLEM_TABLE_CONTRACT(S, KIND, name, kinds)
#define HD__PROBLEM_TABLE_TABLE(S, KIND, name, kinds) .S = ((kinds) >> (KIND) & 1u) ? name##__hd_##S : 0,
#define HD__PROBLEM_OBJECTIVE(name, lo, hi, hd__T, hd__x, hd__ctx, ...)                         \
    HD__EVAL_KINDS(HD__INSTANCE, name, hd__T, hd__x, hd__ctx, __VA_ARGS__)                      \
    static hd_objective name##_objective(size_t hd__n, void *hd__c)                             \
    {                                                                                           \
        static const hd_bodies hd__table = {                                                    \
            .size = sizeof(hd_bodies), HD__KINDS(HD__PROBLEM_TABLE, name, HD__PATH_KINDS(lo, hi))}; \
        const hd_objective hd__o = {.n = hd__n, .ctx = hd__c,                                   \
                                    HD__EVAL_KINDS(HD__CONTRACT_INIT, name).bodies = &hd__table}; \
        return hd__o;                                                                           \
    }
/* A problem of fixed dimension N: its objective, and NAME##_N for the
 * plumbing below. */
#define HD__FIXED_OBJECTIVE(name, N, hd__T, hd__x, hd__ctx, ...)                                \
    enum { name##_N = (N) };                                                                    \
    HD__PROBLEM_OBJECTIVE(name, N, N, hd__T, hd__x, hd__ctx, __VA_ARGS__)
/* A problem of variable dimension (its n_ok says which): the kinds of every
 * n, all but the pattern kind. */
#define HD__VARIABLE_OBJECTIVE(name, hd__T, hd__x, hd__ctx, ...)                                \
    HD__PROBLEM_OBJECTIVE(name, 1, SIZE_MAX, hd__T, hd__x, hd__ctx, __VA_ARGS__)

/* A problem's residuals (hd_problem.residuals), built for the kinds its
 * sizes use: the automatic Jacobian's, and the scalar paths' (a sum of
 * squares of them, hd_sum_of_squares, takes every path its residuals
 * offer). NAME##_r_vector_objective, after NAME's objective. */
#define HD__FIXED_RESIDUALS_OF(NAME, N, hd__T, hd__x, hd__out, hd__ctx, ...)                   \
    enum { NAME##_N = (N) };                                                                    \
    HD__VECTOR_OBJECTIVE_OF_KINDS(NAME##_r, HD__JACOBIAN_KINDS(N, N) | HD__PATH_KINDS(N, N),    \
                                  hd__T, hd__x, hd__out, hd__ctx, __VA_ARGS__)
#define HD__VARIABLE_RESIDUALS_OF(NAME, hd__T, hd__x, hd__out, hd__ctx, ...)                   \
    HD__VECTOR_OBJECTIVE_OF_KINDS(NAME##_r, HD__JACOBIAN_KINDS(1, SIZE_MAX)                     \
                                  | HD__PATH_KINDS(1, SIZE_MAX),                                \
                                  hd__T, hd__x, hd__out, hd__ctx, __VA_ARGS__)

/* A generic body sees only x, T and ctx; variable-n problems carry n in the
 * ctx pointer itself, so there is nothing to allocate, free or share. */
#define HD__N_TO_CTX(n) ((void *)(uintptr_t)(n))
#define HD__CTX_TO_N(ctx) ((size_t)(uintptr_t)(ctx))

/* Accumulate a squared residual: least-squares problems are f = sum r_i^2. */
#define HD__SSQ(s, r) ((s) = hd_add((s), hd_sq(r)))

/* Registry plumbing for a problem of fixed dimension (HD__FIXED_OBJECTIVE):
 * objective, start, n_ok. The start is the listed values. An n the problem
 * does not accept gives an objective with n = 0, which every driver rejects
 * (HD_EINVAL) before the body could index past x. */
#define HD__FIXED_PROBLEM(NAME, ...)                                                 \
    static hd_objective NAME##_obj(size_t n)                                         \
    {                                                                                \
        return NAME##_objective(n == 0 || n == NAME##_N ? NAME##_N : 0, NULL);       \
    }                                                                                \
    static void NAME##_start(size_t n, double *x0)                                   \
    {                                                                                \
        static const double s_[NAME##_N] = {__VA_ARGS__};                            \
        (void)n;                                                                     \
        memcpy(x0, s_, sizeof s_);                                                   \
    }                                                                                \
    static int NAME##_n_ok(size_t n) { return n == 0 || n == NAME##_N; }

/* x_star for a published minimizer of dimension N (0 = default = N). */
#define HD__X_STAR(NAME, N, ...)                                                     \
    static int NAME##_xs(size_t n, double *x)                                        \
    {                                                                                \
        static const double s_[N] = {__VA_ARGS__};                                   \
        if (n != 0 && n != (N)) return 0;                                            \
        memcpy(x, s_, sizeof s_);                                                    \
        return 1;                                                                    \
    }

/* Registry plumbing for a variable-n problem with default DEFAULT_N: the
 * objective carries n in ctx; NAME##_valid(n) must be defined before. */
#define HD__VARIABLE_PROBLEM(NAME, DEFAULT_N)                                        \
    static hd_objective NAME##_obj(size_t n)                                         \
    {                                                                                \
        if (n == 0) n = (DEFAULT_N);                                                 \
        if (!NAME##_valid(n)) n = 0;                                                 \
        return NAME##_objective(n, HD__N_TO_CTX(n));                                 \
    }                                                                                \
    static int NAME##_n_ok(size_t n) { return n == 0 || NAME##_valid(n); }

/* Residuals of a sum-of-squares problem (hd_problem.residuals): NAME##_res(n)
 * from the vector body NAME##_r (HD_GENERIC_VECTOR_OBJECTIVE), with M
 * residuals for fixed dimension N, or M_OF_N (an expression in n) for a
 * variable-n problem, whose n travels in ctx as for its objective. An n the
 * problem does not accept gives n = 0, which every driver rejects. */
#define HD__FIXED_RESIDUALS(NAME, N, M)                                              \
    static hd_vector_objective NAME##_res(size_t n)                                  \
    {                                                                                \
        return NAME##_r_vector_objective(n == 0 || n == (N) ? (N) : 0, (M), NULL);   \
    }                                                                                \
    HD__SUM_OF_SQUARES(NAME)
#define HD__VARIABLE_RESIDUALS(NAME, DEFAULT_N, M_OF_N)                              \
    static hd_vector_objective NAME##_res(size_t n)                                  \
    {                                                                                \
        if (n == 0) n = (DEFAULT_N);                                                 \
        if (!NAME##_valid(n)) n = 0;                                                 \
        return NAME##_r_vector_objective(n, (M_OF_N), HD__N_TO_CTX(n));              \
    }                                                                                \
    HD__SUM_OF_SQUARES(NAME)

/* A least-squares problem's objective is the sum of the squares of its
 * residuals, written once: NAME##_objective(n, ctx) (ctx unused) sums
 * NAME##_res(n)'s squares on every kind its residuals have, through the
 * family NAME##_res (lib/diff/least_squares.c), so it needs no body of its
 * own. An n of 0 (refused by n_ok) gives an objective of n = 0, which every
 * driver refuses. */
static inline hd_objective hd__problem_sum_of_squares(const hd__residual_family *family, size_t n)
{
    hd_objective o = {.n = 0};
    if (n == 0 || hd__sum_of_squares_family(family, n, &o) != HD_OK) o.n = 0;
    return o;
}
#define HD__SUM_OF_SQUARES(NAME)                                                     \
    static hd_objective NAME##_objective(size_t n, void *unused)                     \
    {                                                                                \
        static const hd__residual_family family = {NAME##_res};                      \
        (void)unused;                                                                \
        return hd__problem_sum_of_squares(&family, n);                               \
    }

#endif /* HYPERDUAL_PROBLEMS_INTERNAL_H */
