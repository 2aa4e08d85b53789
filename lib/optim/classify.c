/* hd_classify: the kind of a stationary point from its Hessian's spectrum. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "internal.h"
#include "../linalg.h"
#include "../size_check.h"

int hd_classify(size_t n, const double *hess, double *eigenvalues, hd_point_kind *kind)
{
    if (n < 1 || !hess || !kind) return HD_EINVAL;
    size_t nn, total, bytes;
    if (!hd__size_mul(n, n, &nn) || !hd__size_add(nn, n, &total) ||
        !hd__size_mul(total, sizeof(double), &bytes))
        return HD_ENOMEM;
    for (size_t i = 0; i < nn; i++)
        if (!isfinite(hess[i])) return HD_ENONFINITE;
    double *a = malloc(bytes);
    if (!a) return HD_ENOMEM;
    double *w = a + n * n;
    /* dsyev destroys its input, and the caller's matrix is const. */
    memcpy(a, hess, n * n * sizeof *a);
    const int st = hd__sym_eigen(n, a, w, 0);
    if (st == HD_OK) {
        *kind = hd__kind_from_eigenvalues(n, w);
        if (eigenvalues) memcpy(eigenvalues, w, n * sizeof *w);
    }
    free(a);
    return st;
}

const char *hd_point_kind_str(hd_point_kind kind)
{
    switch (kind) {
    case HD_POINT_MINIMUM: return "minimum";
    case HD_POINT_MAXIMUM: return "maximum";
    case HD_POINT_SADDLE: return "saddle";
    case HD_POINT_DEGENERATE: return "degenerate";
    default: return "unknown";
    }
}
