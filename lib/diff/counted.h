/* What the layers above the drivers (the optimizer, lib/optim/) use of the
 * derivative layer beyond the public API: counted forms of the drivers that
 * have no _ex form, and the objective check they share. */
#ifndef HYPERDUAL_DIFF_COUNTED_H
#define HYPERDUAL_DIFF_COUNTED_H

#include <hyperdual.h>

/* 1 for a usable objective: n >= 1 and a hyper-dual body. */
int hd__objective_valid(const hd_objective *obj);
/* hd_directional, adding its pass to *c. */
int hd__directional_counted(const hd_objective *obj, const double *x, const double *v, double *fx,
                            double *dv, hd_counts *c);

#endif
