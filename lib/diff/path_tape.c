/* The taped paths (HD_PATH_TAPE): one hd_taped pass records every operation
 * with its partials; a reverse sweep then gives the gradient, and
 * forward-over-reverse sweeps give H·S for a block of seed columns S. The
 * Hessian's pattern is read off the same tape, its columns are coloured
 * (a star colouring: each entry is read off its row or its mirror's), and a
 * banded Hessian
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
#ifndef __STDC_NO_THREADS__
#include <threads.h>
#endif
#include "internal.h"
#include "counted.h"

/* Above this many bit-set words (len × ceil(n/64), 32 MiB) the pattern is
 * not read off the tape and the Hessian is computed densely, in ceil(n/8)
 * sweeps (n = 4000 with 20 operations per variable is about the limit). */
#define PATTERN_WORDS_MAX ((size_t)1 << 22)

/* ---- scratch memory, kept per thread -------------------------------------------
 * A tape and its sweeps' arrays are a few hundred kilobytes at n = 200:
 * allocated afresh on every call they come from mmap (or a heap grown and
 * trimmed again) and every page faults in, which cost more than the sweeps.
 * So each thread keeps its last buffers (C11 thread-specific storage, freed
 * at thread exit). A call takes them out of the thread's slot and gives them
 * back when it returns, so an objective that itself calls a driver gets
 * fresh ones. Without C11 threads, every call allocates. */
enum { W_NODES, W_INPUTS, W_ADJ, W_TAN, W_ATAN, W_SET, W_ROWS, W_INDEX, W_COL, W_PREV, W_DIRECT,
       W_HULL, W_POINT, W_SLOTS };
typedef struct workspace {
    void *p[W_SLOTS];
    size_t bytes[W_SLOTS];
    /* The last colouring (W_INDEX, W_COL, W_DIRECT) and the pattern it is of (W_PREV):
     * an optimizer asks for the same pattern at every step, and colouring
     * costs about as much as reading the pattern. plan_n == 0: none. */
    size_t plan_n, plan_ngroups;
} workspace;

static void ws_free(void *v)
{
    workspace *w = v;
    if (!w) return;
    for (int k = 0; k < W_SLOTS; k++) free(w->p[k]);
    free(w);
}

/* Slot k with at least `bytes` (contents not kept); NULL if that fails. */
static void *ws_get(workspace *w, int k, size_t bytes)
{
    if (!w->p[k] || w->bytes[k] < bytes) { /* also 0 bytes: NULL means out of memory */
        free(w->p[k]);
        w->p[k] = malloc(bytes ? bytes : 1);
        w->bytes[k] = w->p[k] ? bytes : 0;
    }
    return w->p[k];
}

#ifndef __STDC_NO_THREADS__
static once_flag ws_once = ONCE_FLAG_INIT;
static tss_t ws_key;
static int ws_ready;
static void ws_init(void) { ws_ready = tss_create(&ws_key, ws_free) == thrd_success; }
static workspace *ws_take(void)
{
    call_once(&ws_once, ws_init);
    workspace *w = ws_ready ? tss_get(ws_key) : NULL;
    if (w && tss_set(ws_key, NULL) == thrd_success) return w;
    return calloc(1, sizeof(workspace));
}
static void ws_give(workspace *w)
{
    if (ws_ready && !tss_get(ws_key) && tss_set(ws_key, w) == thrd_success) return;
    ws_free(w);
}
#else
static workspace *ws_take(void) { return calloc(1, sizeof(workspace)); }
static void ws_give(workspace *w) { ws_free(w); }
#endif

int hd__tape_grow(hd_tape *t)
{
    size_t cap = t->cap ? 2 * t->cap : 64;
    if (t->limit && cap > t->limit) cap = t->limit > t->cap ? t->limit : t->cap;
    if (t->failed || cap == t->cap || cap > UINT32_MAX || cap > (size_t)-1 / sizeof *t->node) {
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

/* One recorded pass: the tape, the value f, and the result as seed·(node
 * out), out = 0 for a constant result. Nodes past max(out, n) = top were
 * computed but not returned and take no part in the sweeps. */
typedef struct recording {
    hd_tape t;
    double f, seed;
    uint32_t out, top;
} recording;

/* Record on the workspace's node buffer: node 0 (the constants), the
 * inputs (nodes 1..n), then the body's operations. The buffer, grown or
 * not, goes back to the workspace. */
static int record_limited(const hd_objective *obj, const double *x, workspace *w, recording *rec,
                          size_t limit, hd_counts *c)
{
    const size_t n = obj->n;
    hd_tape *t = &rec->t;
    memset(rec, 0, sizeof *rec);
    t->limit = limit;
    /* room for the inputs and about 16 operations per input to start with */
    if (n >= UINT32_MAX / 32 || n > (size_t)-1 / 32 / sizeof(hd_tape_node)) return HD_ENOMEM;
    if (limit && limit < n + 1) return HD__DECLINED;
    hd_taped *xt = ws_get(w, W_INPUTS, n * sizeof *xt);
    size_t cap = w->bytes[W_NODES] / sizeof *t->node;
    if (cap < 17 * n + 65) cap = 17 * n + 65;
    if (limit && cap > limit) cap = limit;
    t->node = ws_get(w, W_NODES, cap * sizeof *t->node);
    if (!xt || !t->node) return HD_ENOMEM;
    t->cap = cap;
    /* Nodes 0..n (the constants and the inputs) have no arguments and are
     * never read: every sweep starts at node n + 1. */
    t->len = n + 1;
    for (size_t i = 0; i < n; i++) {
        xt[i].val = x[i];
        xt[i].scale = 1.0;
        xt[i].tape = t;
        xt[i].id = (uint32_t)(i + 1);
    }
    const hd_taped r = hd__call_taped(obj, xt);
    w->p[W_NODES] = t->node; /* hd__tape_grow may have moved it */
    w->bytes[W_NODES] = t->cap * sizeof *t->node;
    c->taped_calls++;
    if (t->failed) return HD__DECLINED;
    rec->f = r.val;
    rec->out = r.tape == t ? r.id : 0;
    rec->seed = r.tape == t ? r.scale : 0.0;
    rec->top = rec->out > n ? rec->out : (uint32_t)n;
    return HD_OK;
}

static int record(const hd_objective *obj, const double *x, workspace *w, recording *rec,
                  hd_counts *c)
{
    return record_limited(obj, x, w, rec, 0, c);
}

/* adj[k] = ∂f/∂(node k) for k < len (len > out), by one reverse sweep;
 * f = seed·(node out). */
static void reverse(const hd_tape *t, uint32_t out, double seed, double *adj, size_t len, size_t n)
{
    memset(adj, 0, len * sizeof *adj);
    if (out == 0) return;
    adj[out] = seed;
    /* A constant argument is node 0; writing its adjoint anyway would chain
     * every one-argument node through that one memory cell. The inputs
     * (nodes 1..n) have no arguments. */
    for (uint32_t k = out; k > n; k--) {
        const hd_tape_node *p = &t->node[k];
        const double w = adj[k];
        if (p->a) adj[p->a] += w * p->fx;
        if (p->b) adj[p->b] += w * p->fy;
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
    workspace *w = ws_take();
    if (!w) return HD__DECLINED;
    recording rec;
    int rc = record(obj, x, w, &rec, c);
    if (rc == HD_OK) {
        const size_t len = (size_t)rec.top + 1;
        double *adj = ws_get(w, W_ADJ, len * sizeof *adj);
        if (!adj) {
            rc = HD_ENOMEM;
        } else {
            reverse(&rec.t, rec.out, rec.seed, adj, len, n);
            c->tape_sweeps++;
            if (!isfinite(rec.f) || !all_finite(adj + 1, n)) {
                rc = HD__DECLINED;
            } else {
                memcpy(grad, adj + 1, n * sizeof *grad);
                if (fx) *fx = rec.f;
            }
        }
    }
    ws_give(w);
    return rc == HD_ENOMEM ? HD__DECLINED : rc; /* the forward paths need less memory */
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

#if defined(__GNUC__) || defined(__clang__)
#  define ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#  define ALWAYS_INLINE inline
#endif

/* rows[i] |= v for every input i in u (bit sets of w words). */
static ALWAYS_INLINE void couple(uint64_t *rows, size_t w, const uint64_t *u, const uint64_t *v)
{
    for (size_t q = 0; q < w; q++)
        for (uint64_t bits = u[q]; bits; bits &= bits - 1) {
            uint64_t *row = rows + (q * 64 + lowest_bit(bits)) * w;
            for (size_t r = 0; r < w; r++) row[r] |= v[r];
        }
}

/* rows[i] (w words each, zeroed by the caller) := the columns j with H_ij
 * structurally non-zero at this point. Node k depends on the inputs in
 * set[k], those of the arguments it has a non-zero partial in; a node with
 * non-zero second partials couples its arguments' sets. A zero partial only
 * ever multiplies, so leaving its argument out is exact where every partial
 * is finite. Where a first partial is not, the adjoints at the inputs are
 * not finite either (an adjoint reaches every argument through its
 * partial, and 0·inf and 0·NaN are NaN), and the caller declines. A second
 * partial is not in the adjoints, and the NaN it makes in the sweeps may
 * land only in rows this pattern leaves empty (x/y at tiny y, where y's
 * slopes are 0): so the return value, Σ p·0 over the second partials, is
 * NaN when one of them is not finite, and the caller declines then too. */
static ALWAYS_INLINE double pattern(const hd_tape *t, uint32_t top, size_t n, uint64_t *set,
                                    uint64_t *rows, size_t w)
{
    double nonfinite = 0.0;
    memset(set, 0, ((size_t)top + 1) * w * sizeof *set);
    for (size_t i = 0; i < n; i++) set[(i + 1) * w + i / 64] = (uint64_t)1 << (i % 64);
    for (uint32_t k = (uint32_t)n + 1; k <= top; k++) {
        const hd_tape_node *p = &t->node[k];
        uint64_t *s = set + (size_t)k * w;
        const uint64_t *sa = set + (size_t)p->a * w, *sb = set + (size_t)p->b * w;
        if (p->fx != 0)
            for (size_t q = 0; q < w; q++) s[q] |= sa[q];
        if (p->fy != 0)
            for (size_t q = 0; q < w; q++) s[q] |= sb[q];
        if (p->fxx != 0) couple(rows, w, sa, sa);
        if (p->fxy != 0) {
            couple(rows, w, sa, sb);
            couple(rows, w, sb, sa);
        }
        if (p->fyy != 0) couple(rows, w, sb, sb);
        nonfinite += p->fxx * 0.0 + p->fxy * 0.0 + p->fyy * 0.0;
    }
    return nonfinite;
}

/* The columns grouped for the sweeps, with the pattern (CSR, columns
 * ascending) that says which entries to read; col == NULL: one group per
 * column, every entry read. */
typedef struct plan {
    const size_t *row_start, *col, *group;
    const unsigned char *direct; /* per CSR entry (i, j): read in row i (1) or
                                    in row j (0); NULL: all in their own row */
    size_t ngroups;
    size_t band;                 /* band output: every entry has |i - j| <= band */
} plan;

/* Group the columns: by a star colouring of the pattern read off the tape,
 * or one group per column when the pattern is dense (colouring would not
 * save sweeps) or too large to read. */
static int make_plan(const hd_tape *t, uint32_t top, size_t n, workspace *ws, plan *pl)
{
    const size_t w = (n + 63) / 64;
    size_t *index = ws_get(ws, W_INDEX, (2 * n + 1) * sizeof *index);
    if (!index) return HD_ENOMEM;
    size_t *group = index, *row_start = index + n;
    pl->group = group;
    pl->row_start = row_start;
    pl->col = NULL;
    pl->direct = NULL;
    uint64_t *set = NULL, *rows = NULL;
    if (((size_t)top + 1) <= PATTERN_WORDS_MAX / w) {
        set = ws_get(ws, W_SET, ((size_t)top + 1) * w * sizeof *set);
        rows = ws_get(ws, W_ROWS, n * w * sizeof *rows);
    }
    size_t nnz = n * n;
    if (set && rows) {
        memset(rows, 0, n * w * sizeof *rows);
        const double nonfinite = w == 1 ? pattern(t, top, n, set, rows, 1) /* n <= 64: one word per set */
                                        : pattern(t, top, n, set, rows, w);
        if (nonfinite != 0.0) return HD__DECLINED;
        nnz = 0;
        for (size_t q = 0; q < n * w; q++)
            for (uint64_t bits = rows[q]; bits; bits &= bits - 1) nnz++;
    }
    if (nnz > n * n / 2) {
        for (size_t j = 0; j < n; j++) group[j] = j;
        pl->ngroups = n;
        ws->plan_n = 0;
        return HD_OK;
    }
    uint64_t *prev = ws->plan_n == n ? ws->p[W_PREV] : NULL;
    if (prev && memcmp(prev, rows, n * w * sizeof *rows) == 0) {
        pl->col = ws->p[W_COL];
        pl->direct = ws->p[W_DIRECT];
        pl->ngroups = ws->plan_ngroups;
        return HD_OK;
    }
    ws->plan_n = 0;
    size_t *col = ws_get(ws, W_COL, nnz * sizeof *col);
    unsigned char *direct = ws_get(ws, W_DIRECT, nnz);
    prev = ws_get(ws, W_PREV, n * w * sizeof *prev);
    if (!col || !direct || !prev) return HD_ENOMEM;
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        row_start[i] = pos;
        for (size_t q = 0; q < w; q++)
            for (uint64_t bits = rows[i * w + q]; bits; bits &= bits - 1)
                col[pos++] = q * 64 + lowest_bit(bits);
    }
    row_start[n] = pos;
    pl->col = col;
    pl->direct = direct;
    const int rc = hd__star_colour_columns(n, row_start, col, group, &pl->ngroups);
    if (rc != HD_OK) return rc;
    memcpy(prev, rows, n * w * sizeof *rows);
    /* (i, j) is direct when j is the only column of its colour in row i;
     * `rows`, copied, serves as the per-colour count */
    size_t *count = (size_t *)(void *)rows;
    _Static_assert(sizeof(size_t) <= sizeof(uint64_t), "a count per word of rows");
    memset(count, 0, pl->ngroups * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        for (size_t q = row_start[i]; q < row_start[i + 1]; q++) count[group[col[q]]]++;
        for (size_t q = row_start[i]; q < row_start[i + 1]; q++)
            direct[q] = count[group[col[q]]] == 1;
        for (size_t q = row_start[i]; q < row_start[i + 1]; q++) count[group[col[q]]] = 0;
    }
    ws->plan_n = n;
    ws->plan_ngroups = pl->ngroups;
    return rc;
}

/* Lane arithmetic of the sweeps: pairs of doubles in one SSE2/NEON register
 * with GNU vectors (gcc at -O2 does not vectorise these short loops by
 * itself), one double at a time otherwise. */
#ifdef HD__VECTOR_LANES
typedef hd__pair lanes_t;
#  define LANE_WIDTH 2
static inline lanes_t splat(double v) { return (lanes_t){v, v}; }
#else
typedef double lanes_t;
#  define LANE_WIDTH 1
static inline lanes_t splat(double v) { return v; }
#endif
static inline lanes_t ld(const double *p)
{
    lanes_t v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void st(double *p, lanes_t v) { memcpy(p, &v, sizeof v); }

/* The seeds of a sweep of width W: input i in its group's lane when its
 * group is one of first..first+W-1 (compressed Hessian columns), every
 * other tangent of the inputs (and of node 0, the constants) zero. */
static void seed_groups(size_t n, size_t width, const size_t *group, size_t first, double *tan)
{
    memset(tan, 0, (n + 1) * width * sizeof *tan);
    for (size_t i = 0; i < n; i++)
        if (group[i] >= first && group[i] < first + width)
            tan[(i + 1) * width + (group[i] - first)] = 1.0;
}

/* One forward-over-reverse sweep for the W seed columns S already in the
 * inputs' tangents (tan[0 .. (n+1)W), seed_groups or a vector's): tan[k] =
 * the tangents of node k along them, then the reverse sweep of the
 * adjoints' tangents gives, at input i, lane l: (H s_l)_i. The first sweep also accumulates the adjoints
 * adj (zero but adj[out] = the result's scale on entry). A node without second partials
 * (sums, products by constants) needs only the first-order update. Written
 * per width so that the lane loops unroll. */
#define DEFINE_SWEEP(W, L, LW, LD, ST, SPLAT)                                               \
    static void sweep##W(const hd_tape *t, uint32_t top, size_t n, double *adj, int with_adj, \
                         double *tan, double *atan)                                         \
    {                                                                                       \
        enum { P = (W) / (LW) };                                                            \
        memset(atan, 0, ((size_t)top + 1) * (W) * sizeof *atan);                            \
        for (uint32_t k = (uint32_t)n + 1; k <= top; k++) {                                 \
            const hd_tape_node *p = &t->node[k];                                            \
            const double *ta = tan + (size_t)p->a * (W), *tb = tan + (size_t)p->b * (W);    \
            const L fx = SPLAT(p->fx), fy = SPLAT(p->fy);                                   \
            L v[P];                                                                         \
            for (int q = 0; q < P; q++)                                                     \
                v[q] = fx * LD(ta + q * (LW)) + fy * LD(tb + q * (LW));                     \
            for (int q = 0; q < P; q++) ST(tan + (size_t)k * (W) + q * (LW), v[q]);         \
        }                                                                                   \
        for (uint32_t k = top; k > n; k--) {                                                \
            const hd_tape_node *p = &t->node[k];                                            \
            const double w = adj[k];                                                        \
            if (with_adj) {                                                                 \
                if (p->a) adj[p->a] += w * p->fx;                                           \
                if (p->b) adj[p->b] += w * p->fy;                                           \
            }                                                                               \
            const L fx = SPLAT(p->fx), fy = SPLAT(p->fy);                                   \
            double *aa = atan + (size_t)p->a * (W), *ab = atan + (size_t)p->b * (W);        \
            const double *ak = atan + (size_t)k * (W);                                      \
            L da[P], db[P];                                                                 \
            if (p->fxx == 0 && p->fxy == 0 && p->fyy == 0) {                                \
                for (int q = 0; q < P; q++) {                                               \
                    const L a = LD(ak + q * (LW));                                          \
                    da[q] = a * fx;                                                         \
                    db[q] = a * fy;                                                         \
                }                                                                           \
            } else {                                                                        \
                const L vw = SPLAT(w), fxx = SPLAT(p->fxx), fxy = SPLAT(p->fxy),            \
                              fyy = SPLAT(p->fyy);                                          \
                const double *ta = tan + (size_t)p->a * (W), *tb = tan + (size_t)p->b * (W); \
                for (int q = 0; q < P; q++) {                                               \
                    const L a = LD(ak + q * (LW)), u = LD(ta + q * (LW)),                   \
                                  v = LD(tb + q * (LW));                                    \
                    da[q] = a * fx + vw * (fxx * u + fxy * v);                              \
                    db[q] = a * fy + vw * (fxy * u + fyy * v);                              \
                }                                                                           \
            }                                                                               \
            if (p->a)                                                                       \
                for (int q = 0; q < P; q++)                                                 \
                    ST(aa + q * (LW), LD(aa + q * (LW)) + da[q]);                           \
            if (p->b)                                                                       \
                for (int q = 0; q < P; q++)                                                 \
                    ST(ab + q * (LW), LD(ab + q * (LW)) + db[q]);                           \
        }                                                                                   \
    }
DEFINE_SWEEP(2, lanes_t, LANE_WIDTH, ld, st, splat)
DEFINE_SWEEP(4, lanes_t, LANE_WIDTH, ld, st, splat)
DEFINE_SWEEP(8, lanes_t, LANE_WIDTH, ld, st, splat)
/* One lane in plain doubles: a product with a single vector (H·v) moves half
 * the tangents of the narrowest pair sweep. */
static inline double ld1(const double *p) { return *p; }
static inline void st1(double *p, double v) { *p = v; }
static inline double splat1(double v) { return v; }
DEFINE_SWEEP(1, double, 1, ld1, st1, splat1)
#undef DEFINE_SWEEP

/* Where the sweeps' results go: a dense n×n matrix, the values of a CSR
 * pattern (sp), or LAPACK's lower band storage of half-bandwidth ab_band
 * (column-major, ab[(i - j) + j·(ab_band + 1)] = H_ij for j <= i <= j + ab_band). */
typedef struct sink {
    double *hess;
    const hd_sparsity *sp;
    double *values;
    double *ab;
    size_t ab_band;
} sink;

/* The entries (i, j), j >= i, whose compressed column (c(j) read in row i,
 * or c(i) read in row j) is in groups first..first+W-1, stored with their
 * mirror, so the result is exactly symmetric. Returns Σ v·0 over them: NaN
 * when one is not finite. */
static double recover(const plan *pl, size_t n, size_t first, size_t width, const double *atan,
                      const sink *out)
{
    double nonfinite = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double *hs = atan + (i + 1) * width;
        if (!pl->col) { /* one group per column: dense output */
            for (size_t j = first > i ? first : i; j < first + width && j < n; j++) {
                out->hess[i * n + j] = out->hess[j * n + i] = hs[j - first];
                nonfinite += hs[j - first] * 0.0;
            }
            continue;
        }
        for (size_t q = pl->row_start[i]; q < pl->row_start[i + 1]; q++) {
            const size_t j = pl->col[q];
            if (j < i) continue;
            /* star colouring: shared in row i, then direct in row j */
            const int mirror = pl->direct && !pl->direct[q];
            const size_t g = pl->group[mirror ? i : j];
            if (g < first || g >= first + width) continue;
            const double v = mirror ? atan[(j + 1) * width + (g - first)] : hs[g - first];
            nonfinite += v * 0.0;
            if (out->hess) {
                out->hess[i * n + j] = out->hess[j * n + i] = v;
            } else {
                out->values[q] = v;
                if (j != i) {
                    const size_t m = hd__csr_position(out->sp, j, i);
                    if (m != (size_t)-1) out->values[m] = v;
                }
            }
        }
    }
    return nonfinite;
}

/* The band entries (i, j), i - band <= j <= i, whose column's group is in
 * first..first+W-1: with the colouring of band_plan, lane group[j] of row i
 * is H_ij alone. Returns Σ v·0 over them: NaN when one is not finite. */
static double recover_band(const plan *pl, size_t n, size_t first, size_t width, const double *atan,
                           const sink *out)
{
    double nonfinite = 0.0;
    const size_t ld = out->ab_band + 1;
    for (size_t i = 0; i < n; i++) {
        const double *hs = atan + (i + 1) * width;
        for (size_t j = i > pl->band ? i - pl->band : 0; j <= i; j++) {
            const size_t g = pl->group[j];
            if (g < first || g >= first + width) continue;
            const double v = hs[g - first];
            out->ab[(i - j) + j * ld] = v;
            nonfinite += v * 0.0;
        }
    }
    return nonfinite;
}

/* Bit sets of the dependences are n/64 words per node; an interval is two.
 * lo[k], hi[k]: the least and greatest input node k depends on (through
 * non-zero partials, as in `pattern`; lo > hi for none). The Hessian is
 * Σ over nodes of products of their arguments' dependences, so entry (i, j)
 * is structurally non-zero only if some node with a second partial couples
 * i and j: i, j in the set of a (f_aa), of b (f_bb), or one in each (f_ab).
 * The greatest |i - j| such a node allows is read off the intervals exactly,
 * since their ends belong to the sets: the structural half-bandwidth at this
 * point. Stops past `cap` (returns cap + 1); *nonfinite as in `pattern`. */
static size_t structural_band(const hd_tape *t, uint32_t top, size_t n, uint32_t *lo, uint32_t *hi,
                              size_t cap, double *nonfinite)
{
    size_t band = 0;
    lo[0] = UINT32_MAX;
    hi[0] = 0;
    for (size_t i = 1; i <= n; i++) lo[i] = hi[i] = (uint32_t)(i - 1);
    for (uint32_t k = (uint32_t)n + 1; k <= top; k++) {
        const hd_tape_node *p = &t->node[k];
        const uint32_t la = lo[p->a], ha = hi[p->a], lb = lo[p->b], hb = hi[p->b];
        lo[k] = UINT32_MAX;
        hi[k] = 0;
        if (p->fx != 0 && la <= ha) {
            lo[k] = la;
            hi[k] = ha;
        }
        if (p->fy != 0 && lb <= hb) {
            if (lb < lo[k]) lo[k] = lb;
            if (hb > hi[k]) hi[k] = hb;
        }
        size_t w = 0;
        if (p->fxx != 0 && la <= ha && ha - la > w) w = ha - la;
        if (p->fyy != 0 && lb <= hb && hb - lb > w) w = hb - lb;
        if (p->fxy != 0 && la <= ha && lb <= hb) {
            if (ha > lb && ha - lb > w) w = ha - lb;
            if (hb > la && hb - la > w) w = hb - la;
        }
        *nonfinite += p->fxx * 0.0 + p->fxy * 0.0 + p->fyy * 0.0;
        if (w > band) band = w;
        if (band > cap) return cap + 1;
    }
    return band;
}

/* The band's colouring: columns j and j' share a group when |j - j'| > 2b,
 * group j mod (2b + 1), so no row of a band of half-width b has two
 * non-zeros in one group and each entry is read off its own row. Declines
 * when the structural band exceeds `cap` or a second partial is not finite. */
static int band_plan(const hd_tape *t, uint32_t top, size_t n, size_t cap, workspace *ws, plan *pl,
                     size_t *band)
{
    uint32_t *hull = ws_get(ws, W_HULL, 2 * ((size_t)top + 1) * sizeof *hull);
    size_t *group = ws_get(ws, W_INDEX, n * sizeof *group);
    if (!hull || !group) return HD_ENOMEM;
    ws->plan_n = 0; /* W_INDEX no longer holds make_plan's colouring */
    double nonfinite = 0.0;
    *band = structural_band(t, top, n, hull, hull + (size_t)top + 1, cap, &nonfinite);
    if (*band > cap || nonfinite != 0.0) return HD__DECLINED;
    const size_t colours = 2 * *band + 1;
    for (size_t j = 0; j < n; j++) group[j] = j % colours;
    pl->group = group;
    pl->ngroups = colours < n ? colours : n;
    pl->band = *band;
    return HD_OK;
}

/* Record, plan (given, the band's, or from the tape), sweep and recover into `out`. */
static int hessian_taped(const hd_objective *obj, const double *x, const hd_sparsity *given,
                         double *fx, double *grad, const sink *out, hd_counts *c)
{
    const size_t n = obj->n;
    workspace *ws = ws_take();
    if (!ws) return HD__DECLINED;
    recording rec;
    plan pl = {0, 0, 0, 0, 0, 0};
    int rc = record(obj, x, ws, &rec, c);
    const uint32_t top = rec.top;
    const size_t len = (size_t)top + 1;
    if (rc == HD_OK && !isfinite(rec.f)) rc = HD__DECLINED;
    if (rc == HD_OK && given) {
        pl.row_start = given->row_start;
        pl.col = given->col;
        pl.group = given->color;
        pl.ngroups = given->ncolors;
    } else if (rc == HD_OK && out->ab) {
        size_t band;
        rc = band_plan(&rec.t, top, n, out->ab_band, ws, &pl, &band);
    } else if (rc == HD_OK) {
        rc = make_plan(&rec.t, top, n, ws, &pl);
    }
    const size_t width = pl.ngroups <= 2 ? 2 : pl.ngroups <= 4 ? 4 : 8;
    double *adj = NULL, *tan = NULL, *atan = NULL;
    if (rc == HD_OK) {
        adj = ws_get(ws, W_ADJ, len * sizeof *adj);
        tan = ws_get(ws, W_TAN, len * width * sizeof *tan);
        atan = ws_get(ws, W_ATAN, len * width * sizeof *atan);
        if (!adj || !tan || !atan) rc = HD_ENOMEM;
    }
    if (rc == HD_OK) {
        memset(adj, 0, len * sizeof *adj);
        if (rec.out > 0) adj[rec.out] = rec.seed;
        if (out->hess) memset(out->hess, 0, n * n * sizeof *out->hess);
        else if (out->ab) memset(out->ab, 0, (out->ab_band + 1) * n * sizeof *out->ab);
        else memset(out->values, 0, out->sp->nnz * sizeof *out->values);
        double nonfinite = 0.0;
        for (size_t first = 0; first < pl.ngroups || first == 0; first += width) {
            void (*sweep)(const hd_tape *, uint32_t, size_t, double *, int, double *, double *) =
                width == 2 ? sweep2 : width == 4 ? sweep4 : sweep8;
            seed_groups(n, width, pl.group, first, tan);
            sweep(&rec.t, top, n, adj, first == 0, tan, atan);
            nonfinite += out->ab ? recover_band(&pl, n, first, width, atan, out)
                                 : recover(&pl, n, first, width, atan, out);
            c->tape_sweeps++;
        }
        if (!all_finite(adj + 1, n) || nonfinite != 0.0) rc = HD__DECLINED;
    }
    if (rc == HD_OK) {
        if (grad) memcpy(grad, adj + 1, n * sizeof *grad);
        if (fx) *fx = rec.f;
    }
    ws_give(ws);
    return rc == HD_ENOMEM ? HD__DECLINED : rc; /* the forward paths need less memory */
}

int hd__hessian_taped(const hd_objective *obj, const double *x, double *fx, double *grad,
                      double *hess, hd_counts *c)
{
    const sink out = {hess, NULL, NULL, NULL, 0};
    return hessian_taped(obj, x, NULL, fx, grad, &out, c);
}

int hd__sparse_hessian_taped(const hd_objective *obj, const hd_sparsity *sp, const double *x,
                             double *fx, double *grad, double *values, hd_counts *c)
{
    const sink out = {NULL, sp, values, NULL, 0};
    return hessian_taped(obj, x, sp, fx, grad, &out, c);
}

int hd__hessian_band_taped(const hd_objective *obj, const double *x, size_t band, double *fx,
                           double *grad, double *ab, hd_counts *c)
{
    if (!hd__objective_ok(obj) || !x || !ab || !hd__has_taped(obj) || band >= obj->n)
        return HD_EINVAL;
    const sink out = {NULL, NULL, NULL, ab, band};
    return hessian_taped(obj, x, NULL, fx, grad, &out, c);
}

int hd__tape_bandwidth(const hd_objective *obj, const double *x, size_t cap, size_t *band,
                       hd_counts *c)
{
    if (!hd__objective_ok(obj) || !x || !band || !hd__has_taped(obj)) return HD_EINVAL;
    const size_t n = obj->n;
    workspace *ws = ws_take();
    if (!ws) return HD__DECLINED;
    recording rec;
    int rc = record(obj, x, ws, &rec, c);
    if (rc == HD_OK) {
        uint32_t *hull = ws_get(ws, W_HULL, 2 * ((size_t)rec.top + 1) * sizeof *hull);
        double nonfinite = 0.0;
        if (!hull) rc = HD__DECLINED;
        else *band = structural_band(&rec.t, rec.top, n, hull, hull + (size_t)rec.top + 1, cap, &nonfinite);
        if (rc == HD_OK && (*band > cap || nonfinite != 0.0)) rc = HD__DECLINED;
    }
    ws_give(ws);
    return rc == HD_ENOMEM ? HD__DECLINED : rc;
}

int hd__hessian_vector_taped(const hd_objective *obj, const double *x, const double *v,
                             double *fx, double *grad, double *hv, hd_counts *c)
{
    const size_t n = obj->n;
    workspace *ws = ws_take();
    if (!ws) return HD__DECLINED;
    recording rec;
    int rc = record(obj, x, ws, &rec, c);
    if (rc == HD_OK && !isfinite(rec.f)) rc = HD__DECLINED;
    const size_t len = (size_t)rec.top + 1;
    double *adj = NULL, *tan = NULL, *atan = NULL;
    if (rc == HD_OK) {
        adj = ws_get(ws, W_ADJ, len * sizeof *adj);
        tan = ws_get(ws, W_TAN, len * sizeof *tan);
        atan = ws_get(ws, W_ATAN, len * sizeof *atan);
        if (!adj || !tan || !atan) rc = HD_ENOMEM;
    }
    if (rc == HD_OK) {
        tan[0] = 0.0;
        memcpy(tan + 1, v, n * sizeof *v);
        memset(adj, 0, len * sizeof *adj);
        if (rec.out > 0) adj[rec.out] = rec.seed;
        sweep1(&rec.t, rec.top, n, adj, 1, tan, atan);
        c->tape_sweeps++;
        if (!all_finite(adj + 1, n) || !all_finite(atan + 1, n)) rc = HD__DECLINED;
    }
    if (rc == HD_OK) {
        memcpy(hv, atan + 1, n * sizeof *hv);
        if (grad) memcpy(grad, adj + 1, n * sizeof *grad);
        if (fx) *fx = rec.f;
    }
    ws_give(ws);
    return rc == HD_ENOMEM ? HD__DECLINED : rc; /* the forward paths need less memory */
}

/* ---- a recording kept for several products ------------------------------------- */

/* One recording at a point, its adjoints (the gradient's reverse sweep) and
 * a copy of the point, holding its workspace out of the thread's slot until
 * closed (a driver called meanwhile gets fresh buffers). */
struct hd__tape_session {
    workspace *ws;
    recording rec;
    size_t n;
};

void hd__tape_session_close(hd__tape_session *s)
{
    if (!s) return;
    ws_give(s->ws);
    free(s);
}

int hd__tape_session_open(const hd_objective *obj, const double *x, double *fx, double *grad,
                          hd__tape_session **out, hd_counts *c)
{
    const size_t n = obj->n;
    *out = NULL;
    if (!hd__objective_ok(obj) || !x || !grad || !hd__has_taped(obj)) return HD_EINVAL;
    hd__tape_session *s = calloc(1, sizeof *s);
    workspace *ws = s ? ws_take() : NULL;
    if (!ws) {
        free(s);
        return HD__DECLINED;
    }
    s->ws = ws;
    s->n = n;
    int rc = record(obj, x, ws, &s->rec, c);
    const size_t len = (size_t)s->rec.top + 1;
    double *adj = rc == HD_OK ? ws_get(ws, W_ADJ, len * sizeof *adj) : NULL;
    double *point = rc == HD_OK ? ws_get(ws, W_POINT, n * sizeof *point) : NULL;
    if (rc == HD_OK && (!adj || !point)) rc = HD__DECLINED;
    if (rc == HD_OK) {
        reverse(&s->rec.t, s->rec.out, s->rec.seed, adj, len, n);
        c->tape_sweeps++;
        if (!isfinite(s->rec.f) || !all_finite(adj + 1, n)) rc = HD__DECLINED;
    }
    if (rc != HD_OK) {
        hd__tape_session_close(s);
        return rc == HD_ENOMEM ? HD__DECLINED : rc;
    }
    memcpy(point, x, n * sizeof *point);
    memcpy(grad, adj + 1, n * sizeof *grad);
    if (fx) *fx = s->rec.f;
    *out = s;
    return HD_OK;
}

int hd__tape_session_hv(hd__tape_session *s, const double *x, const double *v, double *hv,
                        hd_counts *c)
{
    const size_t n = s->n, len = (size_t)s->rec.top + 1;
    workspace *ws = s->ws;
    if (memcmp(ws->p[W_POINT], x, n * sizeof *x) != 0) return HD__DECLINED;
    double *tan = ws_get(ws, W_TAN, len * sizeof *tan);
    double *atan = ws_get(ws, W_ATAN, len * sizeof *atan);
    if (!tan || !atan) return HD__DECLINED;
    tan[0] = 0.0;
    memcpy(tan + 1, v, n * sizeof *v);
    /* the adjoints are those of the gradient's sweep: only their tangents move */
    sweep1(&s->rec.t, s->rec.top, n, ws->p[W_ADJ], 0, tan, atan);
    c->tape_sweeps++;
    if (!all_finite(atan + 1, n)) return HD__DECLINED;
    memcpy(hv, atan + 1, n * sizeof *hv);
    return HD_OK;
}

/* What the taped path's buffers take for a recording of `nodes` nodes of
 * n inputs, the sweeps at their widest (HD_TAPE_BLOCK lanes): the nodes,
 * the inputs, the adjoints, the tangents and their adjoints, the band's
 * intervals, the colourings' indices; and the bit sets of a dense Hessian's
 * pattern where they are read (make_plan). */
static size_t tape_bytes(size_t nodes, size_t n)
{
    const size_t per_node = sizeof(hd_tape_node) + sizeof(double) * (1 + 2 * HD_TAPE_BLOCK) + 2 * sizeof(uint32_t);
    const size_t per_input = sizeof(hd_taped) + 3 * sizeof(size_t) + sizeof(double);
    const size_t w = (n + 63) / 64;
    const size_t words = nodes <= PATTERN_WORDS_MAX / w ? (nodes + n) * w : 0;
    if (nodes > ((size_t)-1 - per_input * n - sizeof(uint64_t) * words) / per_node) return (size_t)-1;
    return per_node * nodes + per_input * n + sizeof(uint64_t) * words;
}

int hd_tape_memory(const hd_objective *obj, const double *x, size_t max_bytes, size_t *bytes)
{
    if (!hd__objective_ok(obj) || !x || !bytes) return HD_EINVAL;
    const size_t n = obj->n;
    *bytes = 0;
    if (!hd__has_taped(obj)) return HD_OK;
    /* the most nodes whose buffers fit in max_bytes */
    size_t lo = 0, hi = UINT32_MAX;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo + 1) / 2;
        if (tape_bytes(mid, n) <= max_bytes) lo = mid;
        else hi = mid - 1;
    }
    if (lo < n + 1) return HD_ENOMEM;
    /* The thread's buffers: a run that follows finds the tape's in place.
     * A recording that did not fit gives its buffer back. */
    workspace *ws = ws_take();
    if (!ws) return HD_ENOMEM;
    recording rec;
    hd_counts scratch;
    const int rc = record_limited(obj, x, ws, &rec, lo, hd__counts_or_scratch(NULL, &scratch));
    if (rc == HD_OK) {
        *bytes = tape_bytes(rec.t.len, n);
    } else {
        free(ws->p[W_NODES]);
        ws->p[W_NODES] = NULL;
        ws->bytes[W_NODES] = 0;
    }
    ws_give(ws);
    return rc == HD_OK ? HD_OK : HD_ENOMEM;
}
