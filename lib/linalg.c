/* The one file that talks to LAPACKE. Column-major storage throughout: the
 * inputs are symmetric, so no transposition copy is needed, and LAPACKE's
 * row-major wrappers (which allocate and transpose) are avoided. */
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

/* ---- band matrices: only the band is stored, O(b²n) work ---------------------- */

/* n and the band both fit a lapack_int, and b < n. */
static int band_ok(size_t n, size_t b) { return size_ok(n) && b < n && b < (size_t)INT_MAX / 3; }

int hd__band_cholesky(size_t n, size_t b, double *ab)
{
    if (!band_ok(n, b)) return HD_EINVAL;
    const lapack_int info =
        LAPACKE_dpbtrf(LAPACK_COL_MAJOR, 'L', (lapack_int)n, (lapack_int)b, ab, (lapack_int)b + 1);
    if (info > 0) return HD__NOT_PD;
    return info < 0 ? lapack_error(info) : HD_OK;
}

int hd__band_cholesky_solve(size_t n, size_t b, const double *factor, double *rhs)
{
    if (!band_ok(n, b)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info =
        LAPACKE_dpbtrs(LAPACK_COL_MAJOR, 'L', m, (lapack_int)b, 1, factor, (lapack_int)b + 1, rhs, m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__band_solve(size_t n, size_t b, const double *ab, double *rhs)
{
    if (!band_ok(n, b)) return HD_EINVAL;
    /* dgbsv's general band storage: row b + b + (i - j) of column j holds
     * A_ij for |i - j| <= b, with b more rows above for the fill-in. */
    const size_t ld = 3 * b + 1;
    if (n > ((size_t)-1) / sizeof(double) / ld) return HD_ENOMEM;
    double *g = calloc(ld * n, sizeof *g);
    lapack_int *ipiv = malloc(n * sizeof *ipiv);
    if (!g || !ipiv) {
        free(g);
        free(ipiv);
        return HD_ENOMEM;
    }
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k <= b && j + k < n; k++) {
            const double v = ab[k + j * (b + 1)];
            g[(2 * b + k) + j * ld] = v;                 /* A(j + k, j) */
            g[(2 * b - k) + (j + k) * ld] = v;           /* A(j, j + k) */
        }
    const lapack_int m = (lapack_int)n, kb = (lapack_int)b;
    const lapack_int info = LAPACKE_dgbsv(LAPACK_COL_MAJOR, m, kb, kb, 1, g, (lapack_int)ld, ipiv, rhs, m);
    free(g);
    free(ipiv);
    if (info > 0) return HD__SINGULAR;
    return info < 0 ? lapack_error(info) : HD_OK;
}
