/* The packed path (HD_PATH_PACKED), for Hessians of small n: hd_hyper4
 * passes, each carrying a value, four gradient lanes and the packed
 * Hessian of those four directions (up to n = 2 one hd_hyper2 pass, the
 * same with two lanes and no idle one). Up to n = 4 one pass gives the value,
 * the gradient and the whole Hessian, each elemental f, f', f'' computed
 * once (the scalar path makes n(n+1)/2 hyper-dual passes, the lanes path
 * one per row). Beyond, the variables go in groups of two and each pass
 * seeds two groups, which gives their diagonal blocks and the block between
 * them: C(g, 2) passes for g = ceil(n/2) groups. */
#include <config.h>
#include "internal.h"

/* Unit u: the u-th pair (a, b), a < b, of the groups {2a, 2a + 1}: lanes 0
 * and 1 seed group a, lanes 2 and 3 group b. */
static long packed_unit(const void *job, void *buf, size_t *state, size_t u)
{
    const hd__pass_job *jb = job;
    hd_hyper4 *xv = buf;
    const size_t n = jb->obj->n, groups = (n + 1) / 2;
    size_t a = 0;
    (void)state;
    while (u >= groups - 1 - a) u -= groups - 1 - a++;
    const size_t b = a + 1 + u;
    size_t var[4], width = 0;
    for (size_t i = 2 * a; i < 2 * a + 2 && i < n; i++) var[width++] = i;
    for (size_t i = 2 * b; i < 2 * b + 2 && i < n; i++) var[width++] = i;
    for (size_t k = 0; k < width; k++) HD__PUT_LANE(&xv[var[k]].g, k, 1.0);
    const hd_hyper4 r = hd__call_hyper4(jb->obj, xv);
    for (size_t k = 0; k < width; k++) {
        HD__PUT_LANE(&xv[var[k]].g, k, 0.0);
        if (jb->grad) jb->grad[var[k]] = HD_LANE(r.g, k);
        for (size_t l = 0; l <= k; l++)
            jb->hess[var[k] * n + var[l]] = jb->hess[var[l] * n + var[k]] =
                HD_LANE(r.h, hd_hyper4_entry((int)k, (int)l));
    }
    if (jb->fx && a == 0 && b == 1) *jb->fx = r.val;
    return 1;
}

/* hd_hyper4 passes of the packed path for n variables. */
static size_t packed_passes(size_t n)
{
    const size_t groups = (n + 1) / 2;
    return groups <= 2 ? 1 : groups * (groups - 1) / 2;
}

int hd__hessian_packed(const hd_objective *obj, const double *x, double *fx, double *grad,
                       double *hess, hd_counts *c)
{
    const hd_kind one = hd__small_hessian_at(obj, x, fx, grad, hess); /* n <= 4: one pass */
    if (one != HD_KIND_VALUE) {
        c->calls[one]++;
        return HD_OK;
    }
    if (!hd__has_hyper4(obj)) return HD_EINVAL; /* forced, without the body it needs */
    const size_t n = obj->n;
    const hd__pass_job job = {obj, x, fx, grad, hess};
    const size_t passes = packed_passes(n);
    return hd__run_units(&job, passes, n, sizeof(hd_hyper4), x, hd__init_hyper4_array, packed_unit,
                         passes, &c->hyper4_calls);
}
