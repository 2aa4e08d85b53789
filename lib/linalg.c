/* The one file that talks to LAPACKE. Column-major storage throughout: the
 * symmetric inputs need no transposition copy, the least-squares callers
 * store their matrices column-major, and LAPACKE's row-major wrappers
 * (which allocate and transpose) are avoided. */
#include <config.h>
#include <limits.h>
#include <stdlib.h>
#include <lapacke.h>
#include <hyperdual/error.h>
#include "linalg.h"

/* LAPACKE returns < 0 for an illegal argument (a bug on our side or an n that
 * does not fit) and LAPACK_WORK_MEMORY_ERROR / LAPACK_TRANSPOSE_MEMORY_ERROR
 * when its own workspace allocation fails. */
static int lapack_error(lapack_int info)
{
    if (info == LAPACK_WORK_MEMORY_ERROR || info == LAPACK_TRANSPOSE_MEMORY_ERROR)
        return HD_ENOMEM;
    return HD_ELAPACK;
}

static int size_ok(size_t n) { return n >= 1 && n <= (size_t)INT_MAX; }

int hd__cholesky(size_t n, double *a)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', m, a, m);
    if (info > 0) return HD__NOT_PD;
    return info < 0 ? lapack_error(info) : HD_OK;
}

int hd__cholesky_solve(size_t n, const double *factor, double *b)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', m, 1, factor, m, b, m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__sym_eigen(size_t n, double *a, double *w, int vectors)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info = LAPACKE_dsyev(LAPACK_COL_MAJOR, vectors ? 'V' : 'N', 'L', m, a, m, w);
    /* info > 0: the QR iteration did not converge, which LAPACK documents as
     * possible only for pathological input; report it rather than guess. */
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__congruence(size_t n, double *a, const double *factor)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info = LAPACKE_dsygst(LAPACK_COL_MAJOR, 1, 'L', m, a, m, factor, m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__sym_solve(size_t n, double *a, double *b)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    lapack_int *ipiv = malloc(n * sizeof *ipiv);
    if (!ipiv) return HD_ENOMEM;
    const lapack_int info = LAPACKE_dsysv(LAPACK_COL_MAJOR, 'L', m, 1, a, m, ipiv, b, m);
    free(ipiv);
    if (info > 0) return HD__SINGULAR;
    return info < 0 ? lapack_error(info) : HD_OK;
}

/* ---- least squares ------------------------------------------------------------------ */

static int sizes_ok(size_t m, size_t n) { return size_ok(m) && size_ok(n); }

int hd__qr_pivoted(size_t m, size_t n, double *a, double *tau, size_t *perm)
{
    if (!sizes_ok(m, n) || m < n) return HD_EINVAL;
    lapack_int *jpvt = calloc(n, sizeof *jpvt); /* 0: every column free to move */
    if (!jpvt) return HD_ENOMEM;
    const lapack_int info =
        LAPACKE_dgeqp3(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, a, (lapack_int)m, jpvt, tau);
    for (size_t j = 0; j < n && info == 0; j++) perm[j] = (size_t)(jpvt[j] - 1);
    free(jpvt);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__qr(size_t m, size_t n, double *a, double *tau)
{
    if (!sizes_ok(m, n) || m < n) return HD_EINVAL;
    const lapack_int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, a,
                                           (lapack_int)m, tau);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__qr_apply_qt(size_t m, size_t n, const double *qr, const double *tau, double *b)
{
    if (!sizes_ok(m, n) || m < n) return HD_EINVAL;
    const lapack_int info = LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', (lapack_int)m, 1,
                                           (lapack_int)n, qr, (lapack_int)m, tau, b, (lapack_int)m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__triangular_solve(size_t n, const double *r, size_t ldr, int transpose, double *b)
{
    if (!sizes_ok(ldr, n) || ldr < n) return HD_EINVAL;
    const lapack_int info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, 'U', transpose ? 'T' : 'N', 'N',
                                           (lapack_int)n, 1, r, (lapack_int)ldr, b, (lapack_int)n);
    if (info > 0) return HD__SINGULAR;
    return info < 0 ? lapack_error(info) : HD_OK;
}

int hd__svd(size_t m, size_t n, double *a, double *s, double *vt)
{
    if (!sizes_ok(m, n)) return HD_EINVAL;
    const size_t k = m < n ? m : n;
    double *superb = malloc((k > 1 ? k - 1 : 1) * sizeof *superb);
    if (!superb) return HD_ENOMEM;
    double u_unused = 0.0; /* jobu 'N': U is not referenced */
    const lapack_int info = LAPACKE_dgesvd(LAPACK_COL_MAJOR, 'N', 'A', (lapack_int)m, (lapack_int)n,
                                           a, (lapack_int)m, s, &u_unused, 1, vt, (lapack_int)n,
                                           superb);
    free(superb);
    /* info > 0: the bidiagonal QR iteration did not converge (pathological
     * input, as for dsyev); reported, not guessed around. */
    return info != 0 ? lapack_error(info) : HD_OK;
}
