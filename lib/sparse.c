/* Sparse Hessians (hyperdual/sparse.h): pattern, colouring, pass plan, and
 * the compressed hd_hyperv passes. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "diff_internal.h"
#include "size_check.h"

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

size_t hd__csr_position(const hd_sparsity *sp, size_t i, size_t j)
{
    size_t lo = sp->row_start[i], hi = sp->row_start[i + 1];
    while (lo < hi) { /* a hub's row is as long as n */
        const size_t mid = lo + (hi - lo) / 2;
        if (sp->col[mid] < j) lo = mid + 1;
        else hi = mid;
    }
    return lo < sp->row_start[i + 1] && sp->col[lo] == j ? lo : NONE;
}

/* Greedy distance-2 colouring: columns sharing a row get different colours. */
int hd__colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                       size_t *ncolors)
{
    size_t *mark = malloc(n * sizeof *mark); /* mark[c] == j: colour c is taken for j */
    if (!mark) return HD_ENOMEM;
    for (size_t c = 0; c < n; c++) mark[c] = NONE;
    *ncolors = 0;
    for (size_t j = 0; j < n; j++) {
        /* rows of column j = columns of row j (symmetric) */
        for (size_t t = row_start[j]; t < row_start[j + 1]; t++) {
            const size_t i = col[t];
            for (size_t u = row_start[i]; u < row_start[i + 1]; u++) {
                const size_t k = col[u];
                if (k < j) mark[color[k]] = j;
            }
        }
        size_t c = 0;
        while (mark[c] == j) c++;
        color[j] = c;
        if (c + 1 > *ncolors) *ncolors = c + 1;
    }
    free(mark);
    return HD_OK;
}

/* Greedy star colouring (Gebremedhin, Manne and Pothen, SIAM Review 47,
 * 2005): neighbours differ, and no path on four vertices takes only two
 * colours. Then every off-diagonal entry H_ij can be read off one of the
 * two compressed columns that hold it: (H s_c(j))_i when j is the only
 * neighbour of i in colour c(j), else (H s_c(i))_j (were both shared, a
 * k ~ i ~ j ~ l path would take two colours). A hub coupled to every other
 * variable costs 2 colours instead of n. Vertex v, coloured in order, may
 * not take the colour of x (a coloured neighbour of its coloured neighbour
 * w) when that would close a two-coloured path v-w-x-y (x has another
 * neighbour y of w's colour) or a-v-w-x (v has another neighbour a of w's
 * colour). O(Σ deg³). */
int hd__star_colour_columns(size_t n, const size_t *row_start, const size_t *col, size_t *color,
                            size_t *ncolors)
{
    size_t *forbid = malloc(n * sizeof *forbid); /* forbid[c] == v: c is taken for v */
    size_t *seen = malloc(n * sizeof *seen);     /* v's coloured neighbours per colour */
    size_t *seen_at = malloc(n * sizeof *seen_at);
    if (!forbid || !seen || !seen_at) {
        free(forbid);
        free(seen);
        free(seen_at);
        return HD_ENOMEM;
    }
    for (size_t c = 0; c < n; c++) forbid[c] = seen_at[c] = NONE;
    *ncolors = 0;
    for (size_t v = 0; v < n; v++) {
        for (size_t t = row_start[v]; t < row_start[v + 1]; t++) {
            const size_t w = col[t];
            if (w >= v) continue; /* uncoloured, or v itself */
            forbid[color[w]] = v;
            if (seen_at[color[w]] != v) seen_at[color[w]] = v, seen[color[w]] = 0;
            seen[color[w]]++;
        }
        for (size_t t = row_start[v]; t < row_start[v + 1]; t++) {
            const size_t w = col[t];
            if (w >= v) continue;
            const size_t cw = color[w];
            const int v_shares = seen[cw] >= 2; /* another neighbour a of v has w's colour */
            for (size_t u = row_start[w]; u < row_start[w + 1]; u++) {
                const size_t x = col[u];
                if (x >= v || x == w || forbid[color[x]] == v) continue;
                int close = v_shares;
                for (size_t r = row_start[x]; !close && r < row_start[x + 1]; r++) {
                    const size_t y = col[r];
                    close = y < v && y != w && y != x && color[y] == cw;
                }
                if (close) forbid[color[x]] = v;
            }
        }
        size_t c = 0;
        while (forbid[c] == v) c++;
        color[v] = c;
        if (c + 1 > *ncolors) *ncolors = c + 1;
    }
    free(forbid);
    free(seen);
    free(seen_at);
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
                    sp->seed_mirror[s] = j == i ? NONE : hd__csr_position(sp, j, i);
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

/* The structural pattern: one f_pattern pass per pair of 64-variable blocks
 * A <= B, rows of A seeded in sa, columns of B in sb. */
static int detect_structure(const hd_objective *obj, const double *x, unsigned char *mask)
{
    const size_t n = obj->n, nb = (n + HD_PATTERN_BLOCK - 1) / HD_PATTERN_BLOCK;
    if (n > (size_t)-1 / sizeof(hd_pattern)) return HD_ENOMEM;
    hd_pattern *xs = malloc(n * sizeof *xs);
    if (!xs) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xs[i] = hd_pattern_const(x[i]);
    for (size_t ba = 0; ba < nb; ba++) {
        for (size_t bb = ba; bb < nb; bb++) {
            const size_t a0 = ba * HD_PATTERN_BLOCK, b0 = bb * HD_PATTERN_BLOCK;
            for (size_t i = a0; i < n && i < a0 + HD_PATTERN_BLOCK; i++)
                xs[i].sa = (uint64_t)1 << (i - a0);
            for (size_t j = b0; j < n && j < b0 + HD_PATTERN_BLOCK; j++)
                xs[j].sb = (uint64_t)1 << (j - b0);
            const hd_pattern r = obj->f_pattern(xs, obj->ctx);
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
static int detect_numeric(const hd_objective *obj, const double *x, unsigned char *mask)
{
    const size_t n = obj->n;
    if (n > (size_t)-1 / sizeof(double) / n / 2) return HD_ENOMEM;
    double *h = malloc(2 * n * n * sizeof *h);
    double *xp = malloc(n * sizeof *xp);
    int rc = (h && xp) ? HD_OK : HD_ENOMEM;
    if (rc == HD_OK) rc = hd_hessian_ex(obj, x, NULL, NULL, h, HD_PATH_LANES, NULL);
    if (rc == HD_OK) {
        for (size_t i = 0; i < n; i++)
            xp[i] = x[i] + 1e-3 * (1.0 + fabs(x[i])) * (0.5 + 0.5 * sin(1.0 + 2.0 * (double)i));
        rc = hd_hessian_ex(obj, xp, NULL, NULL, h + n * n, HD_PATH_LANES, NULL);
    }
    if (rc == HD_OK)
        for (size_t t = 0; t < n * n; t++) mask[t] = h[t] != 0 || h[n * n + t] != 0;
    free(h);
    free(xp);
    return rc;
}

int hd_sparsity_detect(const hd_objective *obj, const double *x, hd_sparsity **out)
{
    if (!out) return HD_EINVAL;
    *out = NULL;
    if (!obj || !x || obj->n == 0 || !obj->f_hyper || !obj->f_hyperv) return HD_EINVAL;
    const size_t n = obj->n;
    if (n > (size_t)-1 / n) return HD_ENOMEM;
    unsigned char *mask = calloc(n * n, 1);
    if (!mask) return HD_ENOMEM;
    int rc = obj->f_pattern ? detect_structure(obj, x, mask) : detect_numeric(obj, x, mask);
    if (rc == HD_OK) rc = hd_sparsity_from_mask(n, mask, out);
    free(mask);
    return rc;
}

/* What a compressed pass reads and writes; gseed[s] is seed s's ∂f/∂x_row
 * (copied to grad afterwards, so units never write one element twice). */
typedef struct sparse_job {
    const hd_objective *obj;
    const hd_sparsity *sp;
    const double *x;
    double *fx, *gseed, *values;
} sparse_job;

static void init_hyperv(void *buf, const double *x, size_t n)
{
    hd_hyperv *xv = buf;
    for (size_t i = 0; i < n; i++) hd__init_hd_hyperv(&xv[i], x[i]);
}

/* Compressed pass u: its colour's columns in ε1 (left seeded in the buffer
 * for the next pass, *state is that colour), HD_HYPERV_LANES of its rows in
 * the ε2 lanes; each result lane is stored through the seed plan. */
static long sparse_pass(const void *job, void *buf, size_t *state, size_t u)
{
    const sparse_job *jb = job;
    const hd_sparsity *sp = jb->sp;
    hd_hyperv *xv = buf;
    const size_t n = sp->n;
    size_t col = 0, s0 = sp->seed_start[0];
    for (size_t left = u;; col++) {
        const size_t here = (sp->seed_start[col + 1] - sp->seed_start[col] + HD_HYPERV_LANES - 1)
                            / HD_HYPERV_LANES;
        if (left < here) {
            s0 = sp->seed_start[col] + left * HD_HYPERV_LANES;
            break;
        }
        left -= here;
    }
    if (*state != col) {
        for (size_t j = 0; j < n; j++) hd__put2(&xv[j].val, jb->x[j], sp->color[j] == col);
        *state = col;
    }
    const size_t end = sp->seed_start[col + 1];
    const size_t width = end - s0 < HD_HYPERV_LANES ? end - s0 : HD_HYPERV_LANES;
    for (size_t k = 0; k < width; k++) hd__put_lane(&xv[sp->seed_row[s0 + k]].d2, k, 1.0);
    const hd_hyperv r = jb->obj->f_hyperv(xv, jb->obj->ctx);
    for (size_t k = 0; k < width; k++) {
        const size_t s = s0 + k;
        hd__put_lane(&xv[sp->seed_row[s]].d2, k, 0.0);
        const double h = HD_LANE(r.d12, k);
        if (jb->gseed) jb->gseed[s] = HD_LANE(r.d2, k);
        if (sp->seed_pos[s] != NONE) jb->values[sp->seed_pos[s]] = h;
        if (sp->seed_mirror[s] != NONE) jb->values[sp->seed_mirror[s]] = h;
    }
    if (jb->fx && u == 0) *jb->fx = r.val;
    return 1;
}

static int sparse_passes(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                         double *fx, double *grad, double *values, hd_counts *c)
{
    double *gseed = NULL;
    if (grad && !(gseed = malloc((sp->nseeds ? sp->nseeds : 1) * sizeof *gseed))) return HD_ENOMEM;
    const sparse_job job = {obj, sp, x, fx, gseed, values};
    const int rc = hd__run_units(&job, sp->npasses, sp->n, sizeof(hd_hyperv), x, init_hyperv,
                                 sparse_pass, sp->npasses, &c->hyperv_calls);
    if (rc == HD_OK && grad)
        for (size_t s = 0; s < sp->nseeds; s++) grad[sp->seed_row[s]] = gseed[s];
    free(gseed);
    return rc;
}

int hd_sparse_hessian(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                      double *fx, double *grad, double *values, hd_counts *counts)
{
    if (!obj || !sp || !x || !values || obj->n == 0 || obj->n != sp->n || !obj->f_hyper
        || !obj->f_hyperv)
        return HD_EINVAL;
    hd_counts scratch = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    hd_counts *c = counts ? counts : &scratch;
    if (obj->f_taped) { /* the same colouring, as sweeps over one recorded pass */
        const int rc = hd__sparse_hessian_taped(obj, sp, x, fx, grad, values, c);
        if (rc != HD__DECLINED) return rc;
    }
    return sparse_passes(obj, sp, x, fx, grad, values, c);
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
