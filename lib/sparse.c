/* Sparse Hessians (hyperdual/sparse.h): pattern, colouring, pass plan, and
 * the compressed hd_hyperv passes. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "diff_internal.h"

#define NONE ((size_t)-1)

void hd_sparsity_free(hd_sparsity *sp)
{
    if (!sp) return;
    free(sp->row_start);
    free(sp->col);
    free(sp->color);
    free(sp->seed_start);
    free(sp->seed_row);
    free(sp->seed_pos);
    free(sp->seed_mirror);
    free(sp);
}

/* CSR position of (i, j), or NONE. Rows are short: a linear scan. */
static size_t position(const hd_sparsity *sp, size_t i, size_t j)
{
    for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++)
        if (sp->col[t] == j) return t;
    return NONE;
}

/* Greedy distance-2 colouring: columns sharing a row get different colours. */
static int colour(hd_sparsity *sp)
{
    const size_t n = sp->n;
    size_t *mark = malloc(n * sizeof *mark); /* mark[c] == j: colour c is taken for j */
    if (!mark) return HD_ENOMEM;
    for (size_t c = 0; c < n; c++) mark[c] = NONE;
    sp->ncolors = 0;
    for (size_t j = 0; j < n; j++) {
        /* rows of column j = columns of row j (symmetric) */
        for (size_t t = sp->row_start[j]; t < sp->row_start[j + 1]; t++) {
            const size_t i = sp->col[t];
            for (size_t u = sp->row_start[i]; u < sp->row_start[i + 1]; u++) {
                const size_t k = sp->col[u];
                if (k < j) mark[sp->color[k]] = j;
            }
        }
        size_t c = 0;
        while (mark[c] == j) c++;
        sp->color[j] = c;
        if (c + 1 > sp->ncolors) sp->ncolors = c + 1;
    }
    free(mark);
    return HD_OK;
}

/* The pass plan: for colour c, every row i that owns an upper-triangle entry
 * (i, j), j >= i, of colour c is one seed. Rows that own none anywhere are
 * added to colour 0 as gradient-only seeds, so every gradient component is
 * produced by some lane. */
static int plan(hd_sparsity *sp)
{
    const size_t n = sp->n, nc = sp->ncolors ? sp->ncolors : 1;
    sp->ncolors = nc;
    size_t cap = sp->nnz + n;
    sp->seed_start = calloc(nc + 1, sizeof *sp->seed_start);
    sp->seed_row = malloc(cap * sizeof *sp->seed_row);
    sp->seed_pos = malloc(cap * sizeof *sp->seed_pos);
    sp->seed_mirror = malloc(cap * sizeof *sp->seed_mirror);
    unsigned char *seen = calloc(n, 1);
    if (!sp->seed_start || !sp->seed_row || !sp->seed_pos || !sp->seed_mirror || !seen) {
        free(seen);
        return HD_ENOMEM;
    }
    size_t s = 0;
    sp->npasses = 0;
    for (size_t c = 0; c < nc; c++) {
        sp->seed_start[c] = s;
        for (size_t i = 0; i < n; i++) {
            for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++) {
                const size_t j = sp->col[t];
                if (j >= i && sp->color[j] == c) {
                    sp->seed_row[s] = i;
                    sp->seed_pos[s] = t;
                    sp->seed_mirror[s] = j == i ? NONE : position(sp, j, i);
                    seen[i] = 1;
                    s++;
                    break; /* distance-2 colouring: at most one per row */
                }
            }
        }
        if (c == 0)
            for (size_t i = 0; i < n; i++) {
                int owns = 0;
                for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++)
                    if (sp->col[t] >= i) owns = 1;
                if (!owns) {
                    sp->seed_row[s] = i;
                    sp->seed_pos[s] = sp->seed_mirror[s] = NONE;
                    seen[i] = 1;
                    s++;
                }
            }
        sp->npasses += (s - sp->seed_start[c] + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES;
    }
    sp->seed_start[nc] = s;
    sp->nseeds = s;
    free(seen);
    return HD_OK;
}

int hd_sparsity_from_mask(size_t n, const unsigned char *mask, hd_sparsity **out)
{
    if (!out) return HD_EINVAL;
    *out = NULL;
    if (n == 0 || !mask) return HD_EINVAL;
    hd_sparsity *sp = calloc(1, sizeof *sp);
    if (!sp) return HD_ENOMEM;
    sp->n = n;
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) nnz += mask[i * n + j] || mask[j * n + i];
    sp->nnz = nnz;
    sp->row_start = malloc((n + 1) * sizeof *sp->row_start);
    sp->col = malloc((nnz ? nnz : 1) * sizeof *sp->col);
    sp->color = calloc(n, sizeof *sp->color);
    if (!sp->row_start || !sp->col || !sp->color) {
        hd_sparsity_free(sp);
        return HD_ENOMEM;
    }
    size_t t = 0;
    for (size_t i = 0; i < n; i++) {
        sp->row_start[i] = t;
        for (size_t j = 0; j < n; j++)
            if (mask[i * n + j] || mask[j * n + i]) sp->col[t++] = j;
    }
    sp->row_start[n] = t;
    int rc = colour(sp);
    if (rc == HD_OK) rc = plan(sp);
    if (rc != HD_OK) {
        hd_sparsity_free(sp);
        return rc;
    }
    *out = sp;
    return HD_OK;
}

int hd_sparsity_detect(const hd_objective *obj, const double *x, hd_sparsity **out)
{
    if (!out) return HD_EINVAL;
    *out = NULL;
    if (!obj || !x || obj->n == 0 || !obj->f_hyper || !obj->f_hyperv) return HD_EINVAL;
    const size_t n = obj->n;
    if (n > (size_t)-1 / sizeof(double) / n / 2) return HD_ENOMEM;
    double *h = malloc(2 * n * n * sizeof *h);
    double *xp = malloc(n * sizeof *xp);
    unsigned char *mask = malloc(n * n);
    int rc = (h && xp && mask) ? HD_OK : HD_ENOMEM;
    if (rc == HD_OK) rc = hd_hessian_ex(obj, x, NULL, NULL, h, HD_PATH_LANES, NULL);
    if (rc == HD_OK) {
        /* a nearby point where accidental zeros of H(x) are unlikely to recur */
        for (size_t i = 0; i < n; i++)
            xp[i] = x[i] + 1e-3 * (1.0 + fabs(x[i])) * (0.5 + 0.5 * sin(1.0 + 2.0 * (double)i));
        rc = hd_hessian_ex(obj, xp, NULL, NULL, h + n * n, HD_PATH_LANES, NULL);
    }
    if (rc == HD_OK) {
        for (size_t t = 0; t < n * n; t++) mask[t] = h[t] != 0 || h[n * n + t] != 0;
        rc = hd_sparsity_from_mask(n, mask, out);
    }
    free(h);
    free(xp);
    free(mask);
    return rc;
}

/* The compressed passes; each result lane is stored through the seed plan. */
static int sparse_passes(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                         double *fx, double *grad, double *values, hd_counts *c)
{
    const size_t n = sp->n;
    _Alignas(16) unsigned char stack[16 * sizeof(hd_hyperv)];
    hd_hyperv *xv = hd__diff_buffer(stack, sizeof stack, n, sizeof *xv);
    if (!xv) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) hd__init_hd_hyperv(&xv[i], x[i]);
    long passes = 0;
    for (size_t col = 0; col < sp->ncolors; col++) {
        for (size_t j = 0; j < n; j++) hd__put2(&xv[j].val, x[j], sp->color[j] == col);
        for (size_t s0 = sp->seed_start[col]; s0 < sp->seed_start[col + 1]; s0 += HD_HYPERV_LANES) {
            const size_t end = sp->seed_start[col + 1];
            const size_t width = end - s0 < HD_HYPERV_LANES ? end - s0 : HD_HYPERV_LANES;
            for (size_t k = 0; k < width; k++) hd__put_lane(&xv[sp->seed_row[s0 + k]].d2, k, 1.0);
            const hd_hyperv r = obj->f_hyperv(xv, obj->ctx);
            for (size_t k = 0; k < width; k++) {
                const size_t s = s0 + k;
                hd__put_lane(&xv[sp->seed_row[s]].d2, k, 0.0);
                const double h = HD_LANE(r.d12, k);
                if (grad) grad[sp->seed_row[s]] = HD_LANE(r.d2, k);
                if (sp->seed_pos[s] != NONE) values[sp->seed_pos[s]] = h;
                if (sp->seed_mirror[s] != NONE) values[sp->seed_mirror[s]] = h;
            }
            if (fx && passes == 0) *fx = r.val;
            passes++;
        }
    }
    c->hyperv_calls += passes;
    hd__diff_release(xv, stack);
    return HD_OK;
}

int hd_sparse_hessian(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                      double *fx, double *grad, double *values, hd_counts *counts)
{
    if (!obj || !sp || !x || !values || obj->n == 0 || obj->n != sp->n || !obj->f_hyper
        || !obj->f_hyperv)
        return HD_EINVAL;
    hd_counts scratch = {0, 0, 0, 0, 0, 0};
    return sparse_passes(obj, sp, x, fx, grad, values, counts ? counts : &scratch);
}

int hd__sparse_is_faster(const hd_sparsity *sp, size_t n)
{
    return sp->n == n && sp->npasses < hd__dense_lane_passes(n);
}

int hd__hessian_sparse_dense_out(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                                 double *fx, double *grad, double *hess, hd_counts *c)
{
    hd_sparsity *own = NULL;
    if (!obj->f_hyperv) return HD_EINVAL;
    if (!sp) {
        const int rc = hd_sparsity_detect(obj, x, &own);
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
    int rc = sparse_passes(obj, sp, x, fx, grad, values, c);
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
