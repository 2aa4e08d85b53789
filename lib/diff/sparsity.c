/* Sparsity patterns (hyperdual/sparse.h): from a mask or detected from the
 * objective, with their colouring and the plan of the forward sparse path's
 * compressed passes (path_sparse.c). Detection uses the pattern kind's passes
 * or, without it, two dense lane Hessians (path_lanes.c). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "sparse_plan.h"
#include "../size_check.h"

#define NONE ((size_t)-1)

void hd_sparsity_free(hd_sparsity *sp)
{
    if (!sp) return;
    free(sp->row_start);
    free(sp->col);
    free(sp->color);
    if (sp->plan) {
        free(sp->plan->seed_start);
        free(sp->plan->seed_row);
        free(sp->plan->seed_pos);
        free(sp->plan->seed_mirror);
        free(sp->plan);
    }
    free(sp);
}

/* The pass plan: for colour c, every row i that owns an upper-triangle entry
 * (i, j), j >= i, of colour c is one seed. Rows that own none anywhere are
 * added to colour 0 as gradient-only seeds, so every gradient component is
 * produced by some lane. */
static int plan(hd_sparsity *sp)
{
    hd__sparse_plan *pl = calloc(1, sizeof *pl);
    if (!pl) return HD_ENOMEM;
    sp->plan = pl;
    const size_t n = sp->n, nc = sp->ncolors ? sp->ncolors : 1;
    sp->ncolors = nc;
    size_t cap = sp->nnz + n;
    pl->seed_start = calloc(nc + 1, sizeof *pl->seed_start);
    pl->seed_row = malloc(cap * sizeof *pl->seed_row);
    pl->seed_pos = malloc(cap * sizeof *pl->seed_pos);
    pl->seed_mirror = malloc(cap * sizeof *pl->seed_mirror);
    unsigned char *seen = calloc(n, 1);
    if (!pl->seed_start || !pl->seed_row || !pl->seed_pos || !pl->seed_mirror || !seen) {
        free(seen);
        return HD_ENOMEM;
    }
    size_t s = 0;
    sp->npasses = 0;
    for (size_t c = 0; c < nc; c++) {
        pl->seed_start[c] = s;
        for (size_t i = 0; i < n; i++) {
            for (size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++) {
                const size_t j = sp->col[t];
                if (j >= i && sp->color[j] == c) {
                    pl->seed_row[s] = i;
                    pl->seed_pos[s] = t;
                    pl->seed_mirror[s] = j == i ? NONE : hd__csr_position(sp, j, i);
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
                    pl->seed_row[s] = i;
                    pl->seed_pos[s] = pl->seed_mirror[s] = NONE;
                    seen[i] = 1;
                    s++;
                }
            }
        sp->npasses += (s - pl->seed_start[c] + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES;
    }
    pl->seed_start[nc] = s;
    pl->nseeds = s;
    free(seen);
    return HD_OK;
}

int hd_sparsity_from_mask(size_t n, const unsigned char *mask, hd_sparsity **out)
{
    if (!out) return HD_EINVAL;
    *out = NULL;
    if (n == 0 || !mask) return HD_EINVAL;
    /* The mask holds n·n bytes, so n·n must be a size (then n + 1 and the
     * arrays below, at most n·n entries, fit as well). */
    size_t nn;
    if (!hd__size_mul(n, n, &nn)) return HD_EINVAL;
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
    int rc = hd__colour_columns(n, sp->row_start, sp->col, sp->color, &sp->ncolors);
    if (rc == HD_OK) rc = plan(sp);
    if (rc != HD_OK) {
        hd_sparsity_free(sp);
        return rc;
    }
    *out = sp;
    return HD_OK;
}

/* The structural pattern: one pattern pass per pair of 64-variable blocks
 * A <= B, rows of A seeded in sa, columns of B in sb. */
static int detect_structure(const hd_objective *obj, const double *x, unsigned char *mask,
                            hd_counts *c)
{
    const size_t n = obj->n, nb = (n + HD_PATTERN_BLOCK - 1) / HD_PATTERN_BLOCK;
    if (n > (size_t)-1 / sizeof(hd_pattern)) return HD_ENOMEM;
    hd_pattern *xs = hd__malloc_array(n, sizeof *xs);
    if (!xs) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xs[i] = hd_pattern_const(x[i]);
    for (size_t ba = 0; ba < nb; ba++) {
        for (size_t bb = ba; bb < nb; bb++) {
            const size_t a0 = ba * HD_PATTERN_BLOCK, b0 = bb * HD_PATTERN_BLOCK;
            for (size_t i = a0; i < n && i < a0 + HD_PATTERN_BLOCK; i++)
                xs[i].sa = (uint64_t)1 << (i - a0);
            for (size_t j = b0; j < n && j < b0 + HD_PATTERN_BLOCK; j++)
                xs[j].sb = (uint64_t)1 << (j - b0);
            const hd_pattern r = hd__call_pattern(obj, xs);
            c->pattern_calls++;
            for (size_t i = a0; i < n && i < a0 + HD_PATTERN_BLOCK; i++) {
                xs[i].sa = 0;
                for (size_t j = b0; j < n && j < b0 + HD_PATTERN_BLOCK; j++)
                    if (r.m[i - a0] >> (j - b0) & 1u) mask[i * n + j] = 1;
            }
            for (size_t j = b0; j < n && j < b0 + HD_PATTERN_BLOCK; j++) xs[j].sb = 0;
        }
    }
    free(xs);
    return HD_OK;
}

/* The numeric pattern: entries non-zero (or NaN) in the dense Hessian at x or
 * at a nearby point where accidental zeros of H(x) are unlikely to recur. */
static int detect_numeric(const hd_objective *obj, const double *x, unsigned char *mask,
                          hd_counts *c)
{
    const size_t n = obj->n;
    if (n > (size_t)-1 / sizeof(double) / n / 2) return HD_ENOMEM;
    double *h = hd__malloc_array(2 * n * n, sizeof *h);
    double *xp = hd__malloc_array(n, sizeof *xp);
    int rc = (h && xp) ? HD_OK : HD_ENOMEM;
    if (rc == HD_OK) rc = hd__hessian_lanes(obj, x, NULL, NULL, h, c);
    if (rc == HD_OK) {
        for (size_t i = 0; i < n; i++)
            xp[i] = x[i] + 1e-3 * (1.0 + fabs(x[i])) * (0.5 + 0.5 * sin(1.0 + 2.0 * (double)i));
        rc = hd__hessian_lanes(obj, xp, NULL, NULL, h + n * n, c);
    }
    if (rc == HD_OK)
        for (size_t t = 0; t < n * n; t++) mask[t] = h[t] != 0 || h[n * n + t] != 0;
    free(h);
    free(xp);
    return rc;
}

int hd__sparsity_detect(const hd_objective *obj, const double *x, hd_sparsity **out,
                        hd_counts *c)
{
    *out = NULL;
    const size_t n = obj->n;
    if (n > (size_t)-1 / n) return HD_ENOMEM;
    unsigned char *mask = calloc(n * n, 1);
    if (!mask) return HD_ENOMEM;
    int rc = hd__has_pattern(obj) ? detect_structure(obj, x, mask, c) : detect_numeric(obj, x, mask, c);
    if (rc == HD_OK) rc = hd_sparsity_from_mask(n, mask, out);
    free(mask);
    return rc;
}

int hd_sparsity_detect(const hd_objective *obj, const double *x, hd_sparsity **out)
{
    if (!out) return HD_EINVAL;
    *out = NULL;
    if (!hd__objective_ok(obj) || !x || !hd__has_hyperv(obj)) return HD_EINVAL;
    hd_counts scratch;
    return hd__sparsity_detect(obj, x, out, hd__counts_or_scratch(NULL, &scratch));
}
