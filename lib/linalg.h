/* Private: the only bridge to LAPACKE (lib/linalg.c is the one file that
 * includes lapacke.h). The symmetric matrices here are n*n and stored in
 * full, so row- and column-major storage coincide on input. Results that are
 * not symmetric (eigenvectors, Cholesky factors) are column-major: eigenvector
 * k is a[k*n .. k*n + n-1]; so are the m×n matrices of the least-squares
 * functions below. Return codes are HD_OK, the positive HD__NOT_PD /
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

/* ---- least squares: m×n column-major matrices, m >= n ---- */

/* QR factorization with column pivoting, a P = Q R (LAPACKE_dgeqp3): R in
 * the upper triangle of a (|R_00| >= |R_11| >= ...), Q as reflectors below
 * it and in tau (n values); perm[j] (0-based) is the column of the original
 * a that is column j of a P. */
int hd__qr_pivoted(size_t m, size_t n, double *a, double *tau, size_t *perm);

/* QR factorization without pivoting, a = Q R (LAPACKE_dgeqrf), stored as
 * hd__qr_pivoted's. */
int hd__qr(size_t m, size_t n, double *a, double *tau);

/* b <- Qᵀ b (m values) for the Q of hd__qr or hd__qr_pivoted
 * (LAPACKE_dormqr). */
int hd__qr_apply_qt(size_t m, size_t n, const double *qr, const double *tau, double *b);

/* Solve R x = b (transpose 0) or Rᵀ x = b (transpose 1) in place for the
 * upper triangle R of the n×n leading block of r (leading dimension ldr)
 * (LAPACKE_dtrtrs); HD__SINGULAR when a diagonal entry is exactly 0. */
int hd__triangular_solve(size_t n, const double *r, size_t ldr, int transpose, double *b);

/* Singular values s (min(m, n), descending) and the n×n matrix vt whose row
 * k (vt[k + j*n], j = 0..n-1) is the k-th right singular vector
 * (LAPACKE_dgesvd); a is destroyed. Any m, n >= 1. */
int hd__svd(size_t m, size_t n, double *a, double *s, double *vt);
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
