/**
 * @file hyperdual/problems.h
 * @brief The registry of built-in test problems: the 35 Moré–Garbow–Hillstrom
 *        (1981) problems and teaching problems, each body written once with
 *        HD_GENERIC_OBJECTIVE, with standard start and known minimum.
 */
#ifndef HYPERDUAL_PROBLEMS_H
#define HYPERDUAL_PROBLEMS_H

#include <stddef.h>
#include "export.h"
#include "diff.h"

HD_BEGIN_DECLS

/** A built-in problem. Least-squares problems are f = sum of squared residuals,
 *  and expose them (residuals). */
typedef struct hd_problem {
    const char *name;       /**< short identifier, e.g. "rosenbrock", "powell_badly_scaled" */
    const char *title;      /**< e.g. "Rosenbrock (MGH #1)" */
    int         mgh_number; /**< 1..35, or 0 for the others */
    size_t      n;          /**< default dimension */
    size_t      m;          /**< residuals (MGH), 0 when not a least-squares problem */
    int         variable_n; /**< 1 when other n are allowed (see n_ok) */
    double      f_star;     /**< known minimum value (NaN if unknown) */
    const char *f_star_note;/**< where f_star comes from, or local-minimum remarks */
    /** Objective for dimension n (0 = default n); ctx is owned by the registry
     *  (nothing to free). For an n that n_ok rejects the objective has n = 0,
     *  which every driver rejects with HD_EINVAL. A least-squares problem's
     *  objective is the sum of the squares of its residuals (hd_objective_
     *  residuals() gives them back, so Gauss–Newton and Levenberg–Marquardt
     *  run on it directly); its bodies are in its table and f, f_dual and
     *  f_hyper are NULL: evaluate it through the drivers. */
    hd_objective (*objective)(size_t n);
    /** Write the standard start for dimension n (0 = default) into x0 (n values);
     *  n must satisfy n_ok. */
    void (*start)(size_t n, double *x0);
    /** 1 if this n is valid for the problem. */
    int (*n_ok)(size_t n);
    /* beyond the first version of this header */
    /** Absolute uncertainty of f_star: half a unit in the last published
     *  digit (0 when f_star is exact). A run has reached f_star when
     *  f - f_star <= max(1e-8·max(1, |f_star|), f_star_tol). */
    double      f_star_tol;
    /** Known minimum for dimension n (0 = default n), NaN if unknown;
     *  NULL when only the default n has one (f_star). Use hd_problem_f_star(). */
    double (*f_star_for)(size_t n);
    /** Write a published minimizer for dimension n (0 = default) into x and
     *  return 1, or return 0 when the literature gives none exactly enough
     *  (NULL = none). */
    int (*x_star)(size_t n, double *x);
    /** A documented local minimum (default n) where methods often stop, NaN
     *  if none is documented; f_local_tol is its precision, as f_star_tol. */
    double      f_local;
    double      f_local_tol;
    /** The residuals of a least-squares problem (m > 0) for dimension n
     *  (0 = default n): F with f = Σ F_i(x)² the objective's value (the same
     *  expressions, to rounding), for hd_sum_of_squares() and Gauss–Newton /
     *  Levenberg–Marquardt; NULL when the problem is not a sum of squares
     *  (m == 0). For an n that n_ok rejects, F.n is 0 (drivers: HD_EINVAL). */
    hd_vector_objective (*residuals)(size_t n);
} hd_problem;

/** @brief Number of problems in the registry. */
HD_API size_t hd_problem_count(void);
/** @brief Problem i (0 <= i < hd_problem_count()), or NULL. */
HD_API const hd_problem *hd_problem_at(size_t i);
/** @brief The problem of that name, or NULL. */
HD_API const hd_problem *hd_problem_find(const char *name);

/**
 * @brief The known minimum of problem p in dimension n (0 = default n).
 * @return f* (a local minimum where f_star_note says so), or NaN when it is
 *         unknown for that n, p is NULL or n is not valid for p.
 */
HD_API double hd_problem_f_star(const hd_problem *p, size_t n);

HD_END_DECLS

#endif /* HYPERDUAL_PROBLEMS_H */
