/* hd_fit_statistics: the statistics of a least-squares fit at a point, from
 * one Jacobian and its singular value decomposition (LAPACKE dgesvd through
 * lib/linalg.c): J = U Σ Vᵀ gives (JᵀJ)⁻¹ = V Σ⁻² Vᵀ without forming JᵀJ,
 * whose condition number is J's squared, and its null space names the
 * parameters the data do not determine. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "internal.h"
#include "../linalg.h"
#include "../size_check.h"

/* A parameter with at least this weight in J's null space is not determined. */
#define NULL_WEIGHT_MIN 1e-6

/* Rank, and the covariance s² V Σ⁻² Vᵀ or the null-space flags, from the
 * SVD of the m×p column-major jac (destroyed); work: p + p·p doubles. */
static int from_svd(size_t m, size_t p, double *jac, double s2, double *work, size_t *rank,
                    double *covariance, double *std_errors, int *identifiable)
{
    double *sv = work, *vt = work + p; /* min(m, p) <= p singular values; vt p×p */
    int st = hd__svd(m, p, jac, sv, vt);
    if (st != HD_OK) return st;
    const size_t k = m < p ? m : p;
    const double tol = DBL_EPSILON * (double)(m > p ? m : p) * sv[0];
    size_t r = 0;
    while (r < k && sv[r] > tol) r++;
    *rank = r;
    if (m <= p) return HD_EDOM;
    if (r < p) {
        /* row q of vt (vt[q + j·p]) is the q-th right singular vector; from
         * q = r on they span the null space (q >= k: exactly zero σ) */
        for (size_t j = 0; identifiable && j < p; j++) {
            double w = 0.0;
            for (size_t q = r; q < p; q++) w += vt[q + j * p] * vt[q + j * p];
            identifiable[j] = sqrt(w) < NULL_WEIGHT_MIN;
        }
        return HD_ESINGULAR;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            double c = 0.0;
            for (size_t q = 0; q < p; q++) c += vt[q + i * p] * vt[q + j * p] / (sv[q] * sv[q]);
            if (covariance) covariance[i * p + j] = s2 * c;
            if (std_errors && i == j) std_errors[i] = sqrt(s2 * c);
        }
    for (size_t j = 0; identifiable && j < p; j++) identifiable[j] = 1;
    return HD_OK;
}

int hd_fit_statistics(const hd_vector_objective *F, const double *x, hd_fit_stats *stats,
                      double *covariance, double *std_errors, int *identifiable)
{
    if (!F || !x || !stats || F->n < 1 || F->m < 1) return HD_EINVAL;
    const size_t m = F->m, p = F->n;
    size_t mp = 0, total = 0;
    /* r (m), J row-major (m·p), J column-major (m·p), σ and V (p + p·p) */
    if (!hd__size_mul(m, p, &mp) || !hd__size_mul_add(2, mp, m, &total) ||
        !hd__size_mul_add(p, p, total, &total) || !hd__size_add(total, p, &total))
        return HD_ENOMEM;
    double *buf = hd__malloc_array(total, sizeof *buf);
    if (!buf) return HD_ENOMEM;
    double *r = buf, *jac = r + m, *cm = jac + mp, *work = cm + mp;
    int st = hd_jacobian(F, x, r, jac);
    if (st == HD_OK) {
        double rss = 0.0;
        for (size_t i = 0; i < m; i++) rss += r[i] * r[i];
        if (!isfinite(rss) || !hd__finite(mp, jac)) {
            st = HD_ENONFINITE;
        } else {
            const hd_fit_stats s = {.m = m, .p = p, .dof = m > p ? m - p : 0, .rss = rss,
                                    .s2 = m > p ? rss / (double)(m - p) : NAN};
            *stats = s;
            for (size_t i = 0; i < m; i++)
                for (size_t j = 0; j < p; j++) cm[i + j * m] = jac[i * p + j];
            st = from_svd(m, p, cm, s.s2, work, &stats->rank, covariance, std_errors, identifiable);
        }
    }
    free(buf);
    return st;
}
