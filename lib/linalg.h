/* Private: the only bridge to LAPACKE (lib/linalg.c is the one file that
 * includes lapacke.h). Every matrix here is n*n, symmetric and stored in
 * full, so row- and column-major storage coincide on input. Results that are
 * not symmetric (eigenvectors, Cholesky factors) are column-major: eigenvector
 * k is a[k*n .. k*n + n-1]. Return codes are HD_OK, the positive HD__NOT_PD /
 * HD__SINGULAR for the expected "no" answers, or a negative HD_E* code. */
#ifndef HYPERDUAL_LIB_LINALG_H
#define HYPERDUAL_LIB_LINALG_H

#include <stddef.h>

#define HD__NOT_PD 1    /* Cholesky met a non-positive pivot */
#define HD__SINGULAR 2  /* the symmetric indefinite factorization met a zero pivot */

/* Cholesky factorization in place (LAPACKE_dpotrf, lower). On HD__NOT_PD the
 * contents of a are unspecified. */
int hd__cholesky(size_t n, double *a);

/* Solve A x = b in place with the factor from hd__cholesky (LAPACKE_dpotrs). */
int hd__cholesky_solve(size_t n, const double *factor, double *b);

/* Eigenvalues of the symmetric a into w (ascending); with vectors != 0 a is
 * overwritten by the orthonormal eigenvectors (LAPACKE_dsyev), else a is
 * destroyed. */
int hd__sym_eigen(size_t n, double *a, double *w, int vectors);

/* a <- L^-1 a L^-T with the Cholesky factor L from hd__cholesky
 * (LAPACKE_dsygst, itype 1): a symmetric a seen in the metric of the
 * factored matrix. Only the lower triangle of a is read and written. */
int hd__congruence(size_t n, double *a, const double *factor);

/* Solve A x = b in place for a symmetric, possibly indefinite A (LAPACKE_dsysv,
 * Bunch-Kaufman); a is destroyed. HD__SINGULAR when a pivot is exactly zero. */
int hd__sym_solve(size_t n, double *a, double *b);

/* ---- band matrices ----------------------------------------------------------
 * A symmetric band matrix of half-bandwidth b in LAPACK's lower band storage:
 * ab[(i - j) + j·(b + 1)] = A_ij for j <= i <= min(n - 1, j + b), column-major,
 * (b + 1)·n doubles; b < n. */

/* Cholesky factorization in place (LAPACKE_dpbtrf, lower); HD__NOT_PD when
 * a pivot is not positive (the contents are then unspecified). */
int hd__band_cholesky(size_t n, size_t b, double *ab);

/* Solve A x = rhs in place with the factor from hd__band_cholesky (LAPACKE_dpbtrs). */
int hd__band_cholesky_solve(size_t n, size_t b, const double *factor, double *rhs);

/* Solve A x = rhs in place for a possibly indefinite band A (LU with partial
 * pivoting, LAPACKE_dgbsv, on a copy of (3b + 1)·n doubles and n pivots that
 * it allocates); HD__SINGULAR when a pivot is exactly zero. */
int hd__band_solve(size_t n, size_t b, const double *ab, double *rhs);

#endif
