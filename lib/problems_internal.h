/* Private to the problem registry: the tables of lib/problems_mgh.c and
 * lib/problems_extra.c, joined by lib/problems.c, and the plumbing that lets a
 * generic body see its dimension n. */
#ifndef HYPERDUAL_PROBLEMS_INTERNAL_H
#define HYPERDUAL_PROBLEMS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <hyperdual.h>

extern const hd_problem hd__problems_mgh[];
extern const size_t hd__problems_mgh_count;
extern const hd_problem hd__problems_extra[];
extern const size_t hd__problems_extra_count;

/* A generic body sees only x, T and ctx; variable-n problems carry n in the
 * ctx pointer itself, so there is nothing to allocate, free or share. */
#define HD__N_TO_CTX(n) ((void *)(uintptr_t)(n))
#define HD__CTX_TO_N(ctx) ((size_t)(uintptr_t)(ctx))

/* Accumulate a squared residual: least-squares problems are f = sum r_i^2. */
#define HD__SSQ(s, r) ((s) = hd_add((s), hd_sq(r)))

/* Registry plumbing for a problem of fixed dimension N: objective, start,
 * n_ok. The body is NAME (from HD_GENERIC_OBJECTIVE), the start the listed
 * values. An n the problem does not accept gives an objective with n = 0,
 * which every driver rejects (HD_EINVAL) before the body could index past x. */
#define HD__FIXED_PROBLEM(NAME, N, ...)                                              \
    static hd_objective NAME##_obj(size_t n)                                         \
    {                                                                                \
        return NAME##_objective(n == 0 || n == (N) ? (N) : 0, NULL);                 \
    }                                                                                \
    static void NAME##_start(size_t n, double *x0)                                   \
    {                                                                                \
        static const double s_[N] = {__VA_ARGS__};                                   \
        (void)n;                                                                     \
        memcpy(x0, s_, sizeof s_);                                                   \
    }                                                                                \
    static int NAME##_n_ok(size_t n) { return n == 0 || n == (N); }

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
    }
#define HD__VARIABLE_RESIDUALS(NAME, DEFAULT_N, M_OF_N)                              \
    static hd_vector_objective NAME##_res(size_t n)                                  \
    {                                                                                \
        if (n == 0) n = (DEFAULT_N);                                                 \
        if (!NAME##_valid(n)) n = 0;                                                 \
        return NAME##_r_vector_objective(n, (M_OF_N), HD__N_TO_CTX(n));              \
    }

#endif /* HYPERDUAL_PROBLEMS_INTERNAL_H */
