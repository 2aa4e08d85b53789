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
/* A path that cannot answer (lib/diff/internal.h's code, for the callers below). */
#ifndef HD__DECLINED
#define HD__DECLINED 1
#endif

/* Band Hessians from the tape (lib/diff/path_tape.c; bodies->taped needed,
 * else HD_EINVAL). A Hessian is banded with half-bandwidth b when every
 * structurally non-zero entry (i, j) has |i - j| <= b, read off one recorded
 * pass: exact where the body's branches at x are those it takes (the
 * tape's pattern, as hd_hessian reads it).
 * hd__tape_bandwidth: *band = that b at x (one taped pass), or HD__DECLINED
 * (1) when it exceeds cap, a second partial is not finite, or memory runs short. */
int hd__tape_bandwidth(const hd_objective *obj, const double *x, size_t cap, size_t *band,
                       hd_counts *c);
/* hd__hessian_band_taped: the Hessian at x in LAPACK's lower band storage of
 * half-bandwidth `band` (< n): ab[(i - j) + j·(band + 1)] = H_ij for
 * j <= i <= j + band, (band + 1)·n doubles; one taped pass and
 * ceil((2b + 1) / HD_TAPE_BLOCK) sweeps for the structural b; fx and grad
 * (may be NULL) on the way. HD__DECLINED (nothing usable written) when the
 * structural band at x exceeds `band`, or a value, first or second partial or
 * entry is not finite, or memory runs short. */
int hd__hessian_band_taped(const hd_objective *obj, const double *x, size_t band, double *fx,
                           double *grad, double *ab, hd_counts *c);

/* A recording kept for several H·v at one point (path_tape.c): the
 * optimizer's Newton-CG records once per iterate, with the gradient, and
 * each product is then one forward-over-reverse sweep.
 * hd__tape_session_open: one taped pass and its reverse sweep (counted),
 * f and the gradient into fx (may be NULL) and grad; HD__DECLINED (*out
 * NULL) without a taped body being usable: a non-finite value or adjoint,
 * or memory short; HD_EINVAL for bad arguments or no taped body.
 * hd__tape_session_hv: H·v at x by one sweep (counted in tape_sweeps);
 * HD__DECLINED when x is not the session's point or a product is not finite.
 * hd__tape_session_close: NULL is fine. */
typedef struct hd__tape_session hd__tape_session;
int hd__tape_session_open(const hd_objective *obj, const double *x, double *fx, double *grad,
                          hd__tape_session **out, hd_counts *c);
int hd__tape_session_hv(hd__tape_session *s, const double *x, const double *v, double *hv,
                        hd_counts *c);
void hd__tape_session_close(hd__tape_session *s);

#endif
