/* What the layers above the drivers (the optimizer, lib/optim/; the
 * registry, lib/problems*.c) use of the derivative layer beyond the public
 * API: counted forms of the drivers that have no _ex form, the objective
 * check they share, and sums of squares of families of residuals. */
#ifndef HYPERDUAL_DIFF_COUNTED_H
#define HYPERDUAL_DIFF_COUNTED_H

#include <hyperdual.h>

/* 1 for a usable objective: n >= 1 and a hyper-dual body. */
int hd__objective_valid(const hd_objective *obj);
/* hd_directional, adding its pass to *c. */
int hd__directional_counted(const hd_objective *obj, const double *x, const double *v, double *fx,
                            double *dv, hd_counts *c);

/* A family of residual functions, one for each n (a registry problem's,
 * whose m and ctx follow n): at(n) gives it. */
typedef struct hd__residual_family {
    hd_vector_objective (*at)(size_t n);
} hd__residual_family;
/* hd_sum_of_squares of family->at(n), without keeping that struct: the
 * objective's ctx is the family (which must outlive it) and its bodies ask
 * the family for F at the n they are called with. HD_OK, or HD_EINVAL when
 * family->at(n) has no dual or hyper-dual body or n is 0. */
int hd__sum_of_squares_family(const hd__residual_family *family, size_t n, hd_objective *obj);

#endif
