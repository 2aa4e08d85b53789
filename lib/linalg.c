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
