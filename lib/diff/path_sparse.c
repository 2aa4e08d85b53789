/* The forward sparse path (HD_PATH_SPARSE): compressed hd_hyperv passes over
 * the colouring of a pattern (sparsity.c made its plan). Pass u seeds ε1
 * with the columns of one colour and its HD_HYPERV_LANES second directions
 * with rows of that colour's plan; each result lane is one structurally
 * non-zero entry. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "sparse_plan.h"

#define NONE ((size_t)-1)

/* What a compressed pass reads and writes; gseed[s] is seed s's ∂f/∂x_row
 * (copied to grad afterwards, so units never write one element twice). */
typedef struct sparse_job {
    const hd_objective *obj;
    const hd_sparsity *sp;
    const double *x;
    double *fx, *gseed, *values;
} sparse_job;

/* Compressed pass u: its colour's columns in ε1 (left seeded in the buffer
 * for the next pass, *state is that colour), HD_HYPERV_LANES of its rows in
 * the ε2 lanes; each result lane is stored through the seed plan. */
static long sparse_pass(const void *job, void *buf, size_t *state, size_t u)
{
    const sparse_job *jb = job;
    const hd_sparsity *sp = jb->sp;
    const hd__sparse_plan *pl = sp->plan;
    hd_hyperv *xv = buf;
    const size_t n = sp->n;
    size_t col = 0, s0 = pl->seed_start[0];
    for (size_t left = u;; col++) {
        const size_t here = (pl->seed_start[col + 1] - pl->seed_start[col] + HD_HYPERV_LANES - 1)
                            / HD_HYPERV_LANES;
        if (left < here) {
            s0 = pl->seed_start[col] + left * HD_HYPERV_LANES;
            break;
        }
        left -= here;
    }
    if (*state != col) {
        for (size_t j = 0; j < n; j++) hd__put2(&xv[j].val, jb->x[j], sp->color[j] == col);
        *state = col;
    }
    const size_t end = pl->seed_start[col + 1];
    const size_t width = end - s0 < HD_HYPERV_LANES ? end - s0 : HD_HYPERV_LANES;
    for (size_t k = 0; k < width; k++) HD__PUT_LANE(&xv[pl->seed_row[s0 + k]].d2, k, 1.0);
    const hd_hyperv r = hd__call_hyperv(jb->obj, xv);
    for (size_t k = 0; k < width; k++) {
        const size_t s = s0 + k;
        HD__PUT_LANE(&xv[pl->seed_row[s]].d2, k, 0.0);
        const double h = HD_LANE(r.d12, k);
        if (jb->gseed) jb->gseed[s] = HD_LANE(r.d2, k);
        if (pl->seed_pos[s] != NONE) jb->values[pl->seed_pos[s]] = h;
        if (pl->seed_mirror[s] != NONE) jb->values[pl->seed_mirror[s]] = h;
    }
    if (jb->fx && u == 0) *jb->fx = r.val;
    return 1;
}

int hd__sparse_hessian_passes(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                              double *fx, double *grad, double *values, hd_counts *c)
{
    const hd__sparse_plan *pl = sp->plan;
    double *gseed = NULL;
    if (grad && !(gseed = malloc((pl->nseeds ? pl->nseeds : 1) * sizeof *gseed))) return HD_ENOMEM;
    const sparse_job job = {obj, sp, x, fx, gseed, values};
    const int rc = hd__run_units(&job, sp->npasses, sp->n, sizeof(hd_hyperv), x, hd__init_hyperv_array,
                                 sparse_pass, sp->npasses, &c->hyperv_calls);
    if (rc == HD_OK && grad)
        for (size_t s = 0; s < pl->nseeds; s++) grad[pl->seed_row[s]] = gseed[s];
    free(gseed);
    return rc;
}

int hd__sparse_is_faster(const hd_objective *obj)
{
    const hd_sparsity *sp = obj->hess_sparsity;
    return sp && sp->n == obj->n && hd__has_hyperv(obj)
           && sp->npasses < hd__dense_lane_passes(obj->n);
}

/* The sparse path with a dense n×n output; without an attached pattern the
 * pattern is detected first (and its passes counted). */
int hd__hessian_sparse(const hd_objective *obj, const double *x, double *fx, double *grad,
                       double *hess, hd_counts *c)
{
    const hd_sparsity *sp = obj->hess_sparsity;
    hd_sparsity *own = NULL;
    if (!sp) {
        const int rc = hd__sparsity_detect(obj, x, &own, c);
        if (rc != HD_OK) return rc;
        sp = own;
    }
    if (sp->n != obj->n) return HD_EINVAL;
    const size_t n = sp->n;
    double *values = malloc((sp->nnz ? sp->nnz : 1) * sizeof *values);
    if (!values) {
        hd_sparsity_free(own);
        return HD_ENOMEM;
    }
    int rc = hd__sparse_hessian_passes(obj, sp, x, fx, grad, values, c);
    if (rc == HD_OK) {
        memset(hess, 0, n * n * sizeof *hess);
        for (size_t i = 0; i < n; i++)
            for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++)
                hess[i * n + sp->col[t]] = values[t];
    }
    free(values);
    hd_sparsity_free(own);
    return rc;
}
