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

#endif
