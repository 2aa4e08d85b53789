/* The taped paths (HD_PATH_TAPE): one hd_taped pass records every operation
 * with its partials; a reverse sweep then gives the gradient, and
 * forward-over-reverse sweeps give H·S for a block of seed columns S. The
 * Hessian's pattern is read off the same tape, its columns are coloured
 * (distance-2, so every entry is read off directly), and a banded Hessian
 * costs a fixed number of sweeps whatever n is: O(n) in all, where forward
 * seeding alone needs O(n²) (doc/performance.md).
 *
 * Exactness: the sweeps apply the same partials as the forward kernels, in
 * a different order, so results agree to rounding. Where the tape meets a
 * non-finite number, the path declines and the caller's forward path, whose
 * conventions at such points are documented, gives the answer. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "diff_internal.h"

/* Above this many bit-set words (len × ceil(n/64)) the pattern is not read
 * off the tape and the Hessian is computed densely. */
#define PATTERN_WORDS_MAX ((size_t)1 << 24)

int hd__tape_grow(hd_tape *t)
{
    size_t cap = t->cap ? 2 * t->cap : 64;
    if (t->failed || cap > UINT32_MAX || cap > (size_t)-1 / sizeof *t->node) {
        t->failed = 1;
        return HD_ENOMEM;
    }
    hd_tape_node *p = realloc(t->node, cap * sizeof *p);
    if (!p) {
        t->failed = 1;
        return HD_ENOMEM;
    }
    t->node = p;
    t->cap = cap;
    return HD_OK;
}

/* Node 0 (the constants) and the n inputs, nodes 1..n, with room for
 * `expect` operations after them. */
static int tape_open(hd_tape *t, size_t n, size_t expect, const double *x, hd_taped *xt)
{
    memset(t, 0, sizeof *t);
    if (n >= UINT32_MAX / 2) return HD_ENOMEM;
    const size_t cap = n + 1 + expect;
    t->node = malloc(cap * sizeof *t->node);
    if (!t->node) return HD_ENOMEM;
    t->cap = cap;
    memset(t->node, 0, (n + 1) * sizeof *t->node);
    t->len = n + 1;
    for (size_t i = 0; i < n; i++) {
        xt[i].val = x[i];
        xt[i].tape = t;
        xt[i].id = (uint32_t)(i + 1);
    }
    return HD_OK;
}

/* One recorded pass; *out is the result's node (0 for a constant result). */
static int record(const hd_objective *obj, const double *x, hd_tape *t, double *fx,
                  uint32_t *out, hd_counts *c)
{
    const size_t n = obj->n;
    hd_taped *xt = malloc(n * sizeof *xt);
    if (!xt) return HD_ENOMEM;
    int rc = tape_open(t, n, 16 * n + 64, x, xt);
    if (rc != HD_OK) {
        free(xt);
        return rc;
    }
    const hd_taped r = obj->f_taped(xt, obj->ctx);
    free(xt);
    c->taped_calls++;
    if (t->failed) return HD__DECLINED;
    *fx = r.val;
    *out = r.tape == t ? r.id : 0;
    return HD_OK;
}

/* adj[k] = ∂f/∂(node k) for k < len (len > out), by one reverse sweep. */
static void reverse(const hd_tape *t, uint32_t out, double *adj, size_t len)
{
    memset(adj, 0, len * sizeof *adj);
    if (out == 0) return;
    adj[out] = 1.0;
    for (uint32_t k = out; k > 0; k--) {
        const hd_tape_node *p = &t->node[k];
        const double w = adj[k];
        adj[p->a] += w * p->fx;
        adj[p->b] += w * p->fy;
    }
}

/* v[i]·0 is NaN exactly when v[i] is not finite; four sums keep the
 * additions independent. */
static int all_finite(const double *v, size_t n)
{
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; k++) s[k] += v[i + k] * 0.0;
    for (; i < n; i++) s[0] += v[i] * 0.0;
    return s[0] + s[1] + s[2] + s[3] == 0.0;
}

int hd__gradient_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                       hd_counts *c)
{
    const size_t n = obj->n;
    hd_tape t;
    uint32_t out = 0;
    double f = 0.0;
    int rc = record(obj, x, &t, &f, &out, c);
    if (rc == HD_OK) {
        const size_t len = (size_t)(out > n ? out : n) + 1;
        double *adj = malloc(len * sizeof *adj);
        if (!adj) {
            rc = HD_ENOMEM;
        } else {
            reverse(&t, out, adj, len);
            c->tape_sweeps++;
            if (!isfinite(f) || !all_finite(adj + 1, n)) {
                rc = HD__DECLINED;
            } else {
                memcpy(grad, adj + 1, n * sizeof *grad);
                if (fx) *fx = f;
            }
            free(adj);
        }
    }
    free(t.node);
    return rc;
}

/* ---- the Hessian's pattern, read off the tape --------------------------------- */

/* Index of the lowest set bit of a non-zero word. */
static inline size_t lowest_bit(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return (size_t)__builtin_ctzll(v);
#else
    size_t i = 0;
    while (!(v & 1u)) {
        v >>= 1;
        i++;
    }
    return i;
#endif
}

/* rows[i] |= v for every input i in u (bit sets of w words). */
static void couple(uint64_t *rows, size_t w, const uint64_t *u, const uint64_t *v)
{
    for (size_t q = 0; q < w; q++)
        for (uint64_t bits = u[q]; bits; bits &= bits - 1) {
            uint64_t *row = rows + (q * 64 + lowest_bit(bits)) * w;
            for (size_t r = 0; r < w; r++) row[r] |= v[r];
        }
}

/* rows[i] (w words each) := the columns j with H_ij structurally non-zero at
 * this point. Node k depends on the inputs in set[k]: those of the
 * arguments it has a non-zero partial in. A node with a non-zero adjoint
 * and non-zero second partials couples its arguments' sets. A zero partial
 * only ever multiplies (all partials are finite here), so leaving its
 * argument out is exact. */
static int pattern(const hd_tape *t, uint32_t out, size_t n, const double *adj, uint64_t *rows,
                   size_t w)
{
    uint64_t *set = calloc(((size_t)out + 1) * w, sizeof *set);
    if (!set) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) set[(i + 1) * w + i / 64] = (uint64_t)1 << (i % 64);
    for (uint32_t k = (uint32_t)n + 1; k <= out; k++) {
        const hd_tape_node *p = &t->node[k];
        uint64_t *s = set + (size_t)k * w;
        const uint64_t *sa = set + (size_t)p->a * w, *sb = set + (size_t)p->b * w;
        if (p->fx != 0)
            for (size_t q = 0; q < w; q++) s[q] |= sa[q];
        if (p->fy != 0)
            for (size_t q = 0; q < w; q++) s[q] |= sb[q];
        if (adj[k] == 0) continue;
        if (p->fxx != 0) couple(rows, w, sa, sa);
        if (p->fxy != 0) {
            couple(rows, w, sa, sb);
            couple(rows, w, sb, sa);
        }
        if (p->fyy != 0) couple(rows, w, sb, sb);
    }
    free(set);
    return HD_OK;
}

/* The pattern as CSR (rows ascending), coloured. */
typedef struct plan {
    size_t *row_start, *col, *group, ngroups;
} plan;

static void plan_free(plan *pl)
{
    free(pl->row_start);
    free(pl->col);
    free(pl->group);
}

/* Columns grouped for the sweeps: by a distance-2 colouring of the pattern
 * read off the tape, or one group per column when the pattern is dense
 * (colouring would not save sweeps) or too large to read. */
static int make_plan(const hd_tape *t, uint32_t out, size_t n, const double *adj, plan *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->group = malloc(n * sizeof *pl->group);
    pl->row_start = malloc((n + 1) * sizeof *pl->row_start);
    if (!pl->group || !pl->row_start) return HD_ENOMEM;
    const size_t w = (n + 63) / 64;
    uint64_t *rows = NULL;
    if (n > HD_TAPE_BLOCK && ((size_t)out + 1) <= PATTERN_WORDS_MAX / w)
        rows = calloc(n * w, sizeof *rows);
    size_t nnz = 0;
    if (rows) {
        if (pattern(t, out, n, adj, rows, w) != HD_OK) {
            free(rows);
            rows = NULL;
        } else {
            for (size_t q = 0; q < n * w; q++)
                for (uint64_t bits = rows[q]; bits; bits &= bits - 1) nnz++;
        }
    }
    if (!rows || nnz > n * n / 4) {
        free(rows);
        for (size_t j = 0; j < n; j++) pl->group[j] = j;
        pl->ngroups = n;
        return HD_OK; /* row_start unused: every entry is computed */
    }
    pl->col = malloc((nnz ? nnz : 1) * sizeof *pl->col);
    if (!pl->col) {
        free(rows);
        return HD_ENOMEM;
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        pl->row_start[i] = pos;
        for (size_t q = 0; q < w; q++)
            for (uint64_t bits = rows[i * w + q]; bits; bits &= bits - 1)
                pl->col[pos++] = q * 64 + lowest_bit(bits);
    }
    pl->row_start[n] = pos;
    free(rows);
    return hd__colour_columns(n, pl->row_start, pl->col, pl->group, &pl->ngroups);
}

/* One forward-over-reverse sweep for the column groups first..first+W-1:
 * tan[k] = the tangents of node k along those seeds (input i seeded in its
 * group's lane), then the reverse sweep of the adjoints' tangents gives, at
 * input i, lane l: (H s_l)_i. Written per width so the lane loops unroll. */
#define DEFINE_SWEEP(W)                                                                    \
    static void sweep##W(const hd_tape *t, uint32_t out, size_t n, const double *adj,       \
                         const size_t *group, size_t first, double *tan, double *atan)      \
    {                                                                                      \
        memset(tan, 0, ((size_t)out + 1) * (W) * sizeof *tan);                             \
        memset(atan, 0, ((size_t)out + 1) * (W) * sizeof *atan);                           \
        for (size_t i = 0; i < n; i++)                                                     \
            if (group[i] >= first && group[i] < first + (W))                               \
                tan[(i + 1) * (W) + (group[i] - first)] = 1.0;                             \
        for (uint32_t k = (uint32_t)n + 1; k <= out; k++) {                                \
            const hd_tape_node *p = &t->node[k];                                           \
            const double *ta = tan + (size_t)p->a * (W), *tb = tan + (size_t)p->b * (W);   \
            double *tk = tan + (size_t)k * (W);                                            \
            for (int l = 0; l < (W); l++) tk[l] = p->fx * ta[l] + p->fy * tb[l];           \
        }                                                                                  \
        for (uint32_t k = out; k > n; k--) {                                               \
            const hd_tape_node *p = &t->node[k];                                           \
            const double w = adj[k];                                                       \
            const double *ta = tan + (size_t)p->a * (W), *tb = tan + (size_t)p->b * (W);   \
            const double *ak = atan + (size_t)k * (W);                                     \
            double *aa = atan + (size_t)p->a * (W), *ab = atan + (size_t)p->b * (W);       \
            double da[W], db[W];                                                           \
            for (int l = 0; l < (W); l++) {                                                \
                da[l] = ak[l] * p->fx + w * (p->fxx * ta[l] + p->fxy * tb[l]);             \
                db[l] = ak[l] * p->fy + w * (p->fxy * ta[l] + p->fyy * tb[l]);             \
            }                                                                              \
            for (int l = 0; l < (W); l++) aa[l] += da[l];                                  \
            for (int l = 0; l < (W); l++) ab[l] += db[l];                                  \
        }                                                                                  \
    }
DEFINE_SWEEP(4)
DEFINE_SWEEP(8)
#undef DEFINE_SWEEP

/* hess[i][j] for the columns j in groups first..first+W-1, j >= i, mirrored.
 * Returns 0 when every entry written is finite. */
static double recover(const plan *pl, size_t n, size_t first, size_t width, const double *atan,
                      double *hess)
{
    double nonfinite = 0.0; /* Σ v·0: NaN when some v is not finite */
    for (size_t i = 0; i < n; i++) {
        const double *hs = atan + (i + 1) * width;
        if (!pl->col) { /* one group per column */
            for (size_t j = first > i ? first : i; j < first + width && j < n; j++) {
                hess[i * n + j] = hess[j * n + i] = hs[j - first];
                nonfinite += hs[j - first] * 0.0;
            }
            continue;
        }
        for (size_t q = pl->row_start[i]; q < pl->row_start[i + 1]; q++) {
            const size_t j = pl->col[q], g = pl->group[j];
            if (j >= i && g >= first && g < first + width) {
                hess[i * n + j] = hess[j * n + i] = hs[g - first];
                nonfinite += hs[g - first] * 0.0;
            }
        }
    }
    return nonfinite;
}

int hd__hessian_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                      double *hess, hd_counts *c)
{
    const size_t n = obj->n;
    hd_tape t;
    uint32_t out = 0;
    double f = 0.0;
    plan pl = {0, 0, 0, 0};
    double *adj = NULL, *tan = NULL, *atan = NULL;
    int rc = record(obj, x, &t, &f, &out, c);
    if (rc != HD_OK) goto done;
    double nonfinite = 0.0; /* Σ p·0 over the partials: NaN when one is not finite */
    for (uint32_t k = (uint32_t)n + 1; k <= out; k++) {
        const hd_tape_node *p = &t.node[k];
        nonfinite += (p->fx * 0.0 + p->fy * 0.0) + (p->fxx * 0.0 + p->fxy * 0.0 + p->fyy * 0.0);
    }
    if (nonfinite != 0.0 || !isfinite(f)) {
        rc = HD__DECLINED;
        goto done;
    }
    /* nodes past the result (computed but not returned) take no part */
    const uint32_t top = out > n ? out : (uint32_t)n;
    const size_t len = (size_t)top + 1;
    adj = malloc(len * sizeof *adj);
    if (!adj) {
        rc = HD_ENOMEM;
        goto done;
    }
    reverse(&t, out, adj, len);
    c->tape_sweeps++;
    if ((rc = make_plan(&t, top, n, adj, &pl)) != HD_OK) goto done;
    const size_t width = pl.ngroups <= 4 ? 4 : 8;
    tan = malloc(len * width * sizeof *tan);
    atan = malloc(len * width * sizeof *atan);
    if (!tan || !atan) {
        rc = HD_ENOMEM;
        goto done;
    }
    memset(hess, 0, n * n * sizeof *hess);
    for (size_t first = 0; first < pl.ngroups; first += width) {
        if (width == 4)
            sweep4(&t, top, n, adj, pl.group, first, tan, atan);
        else
            sweep8(&t, top, n, adj, pl.group, first, tan, atan);
        nonfinite += recover(&pl, n, first, width, atan, hess);
        c->tape_sweeps++;
    }
    if (!all_finite(adj + 1, n) || nonfinite != 0.0) {
        rc = HD__DECLINED;
        goto done;
    }
    if (grad) memcpy(grad, adj + 1, n * sizeof *grad);
    if (fx) *fx = f;
done:
    plan_free(&pl);
    free(adj);
    free(tan);
    free(atan);
    free(t.node);
    return rc;
}
