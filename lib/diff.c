/* The derivative drivers. Paths (hyperdual/paths.h):
 *   scalar  n dual passes for a gradient, n(n+1)/2 hyper-dual passes for a
 *           Hessian (the contract's path; value and gradient on the way);
 *   lanes   ceil(n/HD_LANES) hd_dualv passes for a gradient; for a Hessian,
 *           hd_hyperv passes that each give HD_HYPERV_LANES entries of one row of
 *           the upper triangle;
 *   sparse  (lib/sparse.c) only the structurally non-zero entries.
 * Inputs live in one buffer per call: on the stack for small n, else one
 * allocation; never one per pass. */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "diff_internal.h"


/* Thresholds measured by bench/bench_drivers (doc/performance.md). */
#define LANES_GRADIENT_MIN_N 5 /* hd_dualv gradient from this n on */
#define LANES_HESSIAN_MIN_N 3  /* hd_hyperv Hessian from this n on */
#define TAPE_GRADIENT_MIN_N (HD_LANES + 1) /* reverse sweep once lanes need two passes */
#define TAPE_HESSIAN_MIN_N 8   /* forward-over-reverse sweeps from this n on */
/* With a pattern attached, its hd_hyperv passes up to this many beat one
 * recorded pass and its sweeps (F1 at n = 10 and 16; F2 at n = 10 is 4, and
 * the tape is faster there). */
#define SPARSE_BEFORE_TAPE_PASSES 3

static int valid(const hd_objective *obj, const double *x)
{
    return obj && x && obj->n >= 1 && obj->f_hyper;
}

void *hd__diff_buffer(void *stack, size_t stack_bytes, size_t n, size_t elem)
{
    if (n * elem <= stack_bytes) return stack;
    if (n > (size_t)-1 / elem) return NULL;
    return malloc(n * elem);
}

void hd__diff_release(void *buf, void *stack)
{
    if (buf != stack) free(buf);
}

static void count(long *counter, long k)
{
    *counter += k;
}

int hd_value(const hd_objective *obj, const double *x, double *fx)
{
    if (!valid(obj, x) || !fx) return HD_EINVAL;
    if (obj->f) {
        *fx = obj->f(x, obj->ctx);
        return HD_OK;
    }
    const size_t n = obj->n;
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyper)];
    if (obj->f_dual) {
        hd_dual *xd = hd__diff_buffer(stack, sizeof stack, n, sizeof *xd);
        if (!xd) return HD_ENOMEM;
        for (size_t i = 0; i < n; i++) xd[i] = hd_dual_const(x[i]);
        *fx = obj->f_dual(xd, obj->ctx).val;
        hd__diff_release(xd, stack);
        return HD_OK;
    }
    hd_hyper *xh = hd__diff_buffer(stack, sizeof stack, n, sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) xh[i] = hd_hyper_const(x[i]);
    *fx = obj->f_hyper(xh, obj->ctx).val;
    hd__diff_release(xh, stack);
    return HD_OK;
}

/* ---- gradients ------------------------------------------------------------------ */

/* What a unit of passes (hd__run_units) reads and writes. */
typedef struct pass_job {
    const hd_objective *obj;
    const double *x;
    double *fx, *grad, *hess;
} pass_job;

/* n passes of a one-direction type T (suffix S), through member FN: unit i
 * seeds variable i. */
#define SCALAR_GRADIENT(T, S, FN, COUNTER)                                              \
    static void init_##S(void *buf, const double *x, size_t n)                          \
    {                                                                                   \
        T *xs = buf;                                                                    \
        for (size_t i = 0; i < n; i++) hd__init_##S(&xs[i], x[i]);                     \
    }                                                                                   \
    static long gradient_unit_##S(const void *job, void *buf, size_t *state, size_t i)  \
    {                                                                                   \
        const pass_job *jb = job;                                                       \
        T *xs = buf;                                                                    \
        (void)state;                                                                    \
        hd__put2(&xs[i].val, jb->x[i], 1.0);                                            \
        const T r = jb->obj->FN(xs, jb->obj->ctx);                                      \
        hd__put2(&xs[i].val, jb->x[i], 0.0);                                            \
        jb->grad[i] = r.d1;                                                             \
        if (jb->fx && i == 0) *jb->fx = r.val;                                          \
        return 1;                                                                       \
    }                                                                                   \
    static int gradient_##S(const hd_objective *obj, const double *x, double *fx,       \
                            double *grad, hd_counts *c)                                 \
    {                                                                                   \
        const pass_job job = {obj, x, fx, grad, NULL};                                  \
        return hd__run_units(&job, obj->n, obj->n, sizeof(T), x, init_##S,              \
                             gradient_unit_##S, obj->n, &c->COUNTER);                   \
    }
SCALAR_GRADIENT(hd_dual, hd_dual, f_dual, dual_calls)
SCALAR_GRADIENT(hd_hyper, hd_hyper, f_hyper, hyper_calls)

/* Passes of a K-lane type T (suffix S) through member FN: pass p seeds lane
 * k of variable K·p + k, so up to n = K the gradient takes one pass and the
 * value is computed once. pass_S makes the pass over constants xv, seeding
 * variables base..base+width-1, and with `restore` leaves xv as it found it.
 * Up to n = K the inputs are a local array, and n == K gives the seeding a
 * constant width, which gcc unrolls into one store per variable; against a
 * buffer and loops for every n, F1's gradient at n = 2 went from 7.7 to 6.4
 * ns and Wood's (n = 4) from 14.6 to 10.4. */
#define NARROW_GRADIENT(T, S, K, FN, COUNTER)                                            \
    static inline void pass_##S(const hd_objective *obj, T *xv, size_t base,            \
                                size_t width, double *fx, double *grad, int restore)    \
    {                                                                                   \
        for (size_t k = 0; k < width; k++) hd__put_lane(&xv[base + k].d, k, 1.0);       \
        const T r = obj->FN(xv, obj->ctx);                                              \
        for (size_t k = 0; k < width; k++) {                                            \
            if (restore) hd__put_lane(&xv[base + k].d, k, 0.0);                         \
            grad[base + k] = HD_LANE(r.d, k);                                           \
        }                                                                               \
        if (fx && base == 0) *fx = r.val;                                               \
    }                                                                                   \
    static inline void one_pass_##S(const hd_objective *obj, const double *x, size_t n, \
                                    double *fx, double *grad)                           \
    {                                                                                   \
        T xv[K]; /* the K - n unused elements too: f reads through the pointer */       \
        for (size_t i = 0; i < (K); i++) hd__init_##T(&xv[i], i < n ? x[i] : 0.0);      \
        pass_##S(obj, xv, 0, n, fx, grad, 0);                                           \
    }                                                                                   \
    static int gradient_##S(const hd_objective *obj, const double *x, double *fx,       \
                            double *grad, hd_counts *c)                                 \
    {                                                                                   \
        const size_t n = obj->n;                                                        \
        if (n == (K)) {                                                                 \
            one_pass_##S(obj, x, (K), fx, grad);                                        \
        } else if (n < (K)) {                                                           \
            one_pass_##S(obj, x, n, fx, grad);                                          \
        } else {                                                                        \
            _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(T)];                  \
            T *xv = hd__diff_buffer(stack, sizeof stack, n, sizeof *xv);                \
            if (!xv) return HD_ENOMEM;                                                  \
            for (size_t i = 0; i < n; i++) hd__init_##T(&xv[i], x[i]);                  \
            for (size_t base = 0; base < n; base += (K))                                \
                pass_##S(obj, xv, base, n - base < (K) ? n - base : (K), fx, grad, 1);  \
            hd__diff_release(xv, stack);                                                \
        }                                                                               \
        count(&c->COUNTER, (long)((n + (K) - 1) / (K)));                                \
        return HD_OK;                                                                   \
    }
NARROW_GRADIENT(hd_dual2, dual2, 2, f_dual2, dual2_calls)
NARROW_GRADIENT(hd_dual4, dual4, 4, f_dual4, dual4_calls)

/* Narrow passes: up to n = 2 one hd_dual2 pass, which idles no lane (F2
 * at n = 2: 55.7 against 60.8 ns for one hd_dual4 pass, doc/performance.md);
 * else four directions per hd_dual4 pass when the objective has it, two per
 * hd_dual2 pass when it has only that; else two per hd_hyper pass (variable
 * 2p in ε1, 2p + 1 in ε2), which still costs less than two dual passes
 * (bench_eval: a hyper-dual pass is 1.2-1.6x a dual pass). */
static int gradient_narrow(const hd_objective *obj, const double *x, double *fx, double *grad,
                           hd_counts *c)
{
    if (obj->f_dual4 && (obj->n > 2 || !obj->f_dual2)) return gradient_dual4(obj, x, fx, grad, c);
    if (obj->f_dual2) return gradient_dual2(obj, x, fx, grad, c);
    const size_t n = obj->n;
    _Alignas(16) unsigned char stack[HD__STACK_N * sizeof(hd_hyper)];
    hd_hyper *xh = hd__diff_buffer(stack, sizeof stack, n, sizeof *xh);
    if (!xh) return HD_ENOMEM;
    for (size_t i = 0; i < n; i++) hd__init_hd_hyper(&xh[i], x[i]);
    for (size_t i = 0; i < n; i += 2) {
        const int two = i + 1 < n;
        hd__put2(&xh[i].val, x[i], 1.0);
        if (two) hd__put2(&xh[i + 1].d2, 1.0, 0.0);
        const hd_hyper r = obj->f_hyper(xh, obj->ctx);
        hd__put2(&xh[i].val, x[i], 0.0);
        if (two) hd__put2(&xh[i + 1].d2, 0.0, 0.0);
        grad[i] = r.d1;
        if (two) grad[i + 1] = r.d2;
        if (fx && i == 0) *fx = r.val;
    }
    count(&c->hyper_calls, (long)((n + 1) / 2));
    hd__diff_release(xh, stack);
    return HD_OK;
}

/* ---- independent units over OpenMP threads (serial loop: diff_internal.h) -------- */

#ifdef _OPENMP
#include <time.h>
/* The other units go to the threads when, at the speed of unit 0, they would
 * take this long serially: a parallel region costs 1-4 µs to fork and join
 * on the 2-core machine of doc/performance.md, and the second core paid
 * from about 5 µs of work on. */
#ifndef HD__OMP_MIN_NS
#define HD__OMP_MIN_NS 5000.0
#endif

static double now_ns(void)
{
    struct timespec t;
    if (!timespec_get(&t, TIME_UTC)) return 0;
    return 1e9 * (double)t.tv_sec + (double)t.tv_nsec;
}

/* Units first..units-1 over the threads, each with its own buffer. */
static int run_parallel(const void *job, size_t first, size_t units, size_t n, size_t elem,
                        const double *x, hd__init_fn init, hd__unit_fn fn, long *passes)
{
    int failed = 0;
    long total = 0;
    const size_t left = units - first;
    const int threads = (size_t)omp_get_max_threads() < left ? omp_get_max_threads() : (int)left;
#pragma omp parallel num_threads(threads) reduction(+ : total) reduction(| : failed)
    {
        size_t state = HD__NO_STATE;
        /* 16-byte seeds go to 16-byte offsets: malloc's alignment is enough. */
        void *buf = n > (size_t)-1 / elem ? NULL : malloc(n * elem);
        if (buf)
            init(buf, x, n);
        else
            failed = 1;
        /* Cyclic: Hessian rows shorten towards the end. */
#pragma omp for schedule(static, 1)
        for (size_t u = first; u < units; u++)
            if (buf) total += fn(job, buf, &state, u);
        free(buf);
    }
    if (failed) return HD_ENOMEM;
    *passes += total;
    return HD_OK;
}
#endif

#ifdef _OPENMP
int hd__run_rest(const void *job, void *buf, void *stack, size_t units, size_t n, size_t elem,
                 const double *x, hd__init_fn init, hd__unit_fn fn, size_t total_passes,
                 long *passes)
{
    size_t state = HD__NO_STATE;
    /* Unit 0 serially, timed: the speed of this body at this n. */
    const double t0 = now_ns();
    long total = fn(job, buf, &state, 0);
    const double per_pass = (now_ns() - t0) / (double)(total > 0 ? total : 1);
    if (per_pass * ((double)total_passes - (double)total) >= HD__OMP_MIN_NS) {
        hd__diff_release(buf, stack);
        *passes += total;
        return run_parallel(job, 1, units, n, elem, x, init, fn, passes);
    }
    for (size_t u = 1; u < units; u++) total += fn(job, buf, &state, u);
    *passes += total;
    hd__diff_release(buf, stack);
    return HD_OK;
}
#endif

static void init_dualv(void *buf, const double *x, size_t n)
{
    hd_dualv *xv = buf;
    for (size_t i = 0; i < n; i++) hd__init_hd_dualv(&xv[i], x[i]);
}

static void init_hyperv(void *buf, const double *x, size_t n)
{
    hd_hyperv *xv = buf;
    for (size_t i = 0; i < n; i++) hd__init_hd_hyperv(&xv[i], x[i]);
}

/* Gradient unit u: one pass seeding lane k of variable u·HD_LANES + k. */
static long gradient_lanes_unit(const void *job, void *buf, size_t *state, size_t u)
{
    const pass_job *jb = job;
    hd_dualv *xv = buf;
    const size_t n = jb->obj->n, base = u * HD_LANES;
    const size_t width = n - base < HD_LANES ? n - base : HD_LANES;
    (void)state;
    for (size_t k = 0; k < width; k++) hd__put_unit(&xv[base + k].d, k);
    const hd_dualv r = jb->obj->f_lanes(xv, jb->obj->ctx);
    for (size_t k = 0; k < width; k++) {
        hd__put_zero(&xv[base + k].d);
        jb->grad[base + k] = HD_LANE(r.d, k);
    }
    if (jb->fx && u == 0) *jb->fx = r.val;
    return 1;
}

static int gradient_lanes(const hd_objective *obj, const double *x, double *fx, double *grad,
                          hd_counts *c)
{
    const pass_job job = {obj, x, fx, grad, NULL};
    const size_t units = (obj->n + HD_LANES - 1) / HD_LANES;
    return hd__run_units(&job, units, obj->n, sizeof(hd_dualv), x, init_dualv,
                         gradient_lanes_unit, units, &c->lanes_calls);
}

/* The exported drivers share these bodies instead of calling one another:
 * a call between exported functions of a shared library goes through the
 * PLT (they may be interposed), which costs more than the whole n = 2 pass. */
static int gradient(const hd_objective *obj, const double *x, double *fx, double *grad,
                    hd_path path, hd_counts *counts)
{
    if (!valid(obj, x)) return HD_EINVAL;
    hd_counts scratch = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    hd_counts *c = counts ? counts : &scratch;
    if (!grad) {
        if (!fx) return HD_OK;
        const int rc = hd_value(obj, x, fx);
        if (rc == HD_OK) count(obj->f ? &c->f_calls : obj->f_dual ? &c->dual_calls : &c->hyper_calls, 1);
        return rc;
    }
    switch (path) {
    case HD_PATH_AUTO:
        if (obj->f_taped && obj->n >= TAPE_GRADIENT_MIN_N) {
            const int rc = hd__gradient_taped(obj, x, fx, grad, c);
            if (rc != HD__DECLINED) return rc;
        }
        if (obj->f_lanes && obj->n >= LANES_GRADIENT_MIN_N) return gradient_lanes(obj, x, fx, grad, c);
        /* n = 1 too: one hd_dual2 pass beats one dual pass (doc/performance.md) */
        if (obj->n >= 2 || !obj->f_dual || obj->f_dual2) return gradient_narrow(obj, x, fx, grad, c);
        return gradient_hd_dual(obj, x, fx, grad, c);
    case HD_PATH_NARROW:
        return gradient_narrow(obj, x, fx, grad, c);
    case HD_PATH_SCALAR:
        return obj->f_dual ? gradient_hd_dual(obj, x, fx, grad, c) : gradient_hd_hyper(obj, x, fx, grad, c);
    case HD_PATH_LANES:
        return obj->f_lanes ? gradient_lanes(obj, x, fx, grad, c) : HD_EINVAL;
    case HD_PATH_TAPE: {
        if (!obj->f_taped) return HD_EINVAL;
        const int rc = hd__gradient_taped(obj, x, fx, grad, c);
        return rc != HD__DECLINED ? rc : gradient(obj, x, fx, grad, HD_PATH_SCALAR, c);
    }
    default:
        return HD_EINVAL;
    }
}

int hd_gradient_ex(const hd_objective *obj, const double *x, double *fx, double *grad,
                   hd_path path, hd_counts *counts)
{
    return gradient(obj, x, fx, grad, path, counts);
}

int hd_gradient(const hd_objective *obj, const double *x, double *fx, double *grad)
{
    return gradient(obj, x, fx, grad, HD_PATH_AUTO, NULL);
}

/* ---- Hessians --------------------------------------------------------------------- */

/* Hessian unit: row i, one hd_hyper pass per entry j >= i. */
static long hessian_scalar_row(const void *job, void *buf, size_t *state, size_t i)
{
    const pass_job *jb = job;
    hd_hyper *xh = buf;
    const size_t n = jb->obj->n;
    (void)state;
    hd__put2(&xh[i].val, jb->x[i], 1.0);
    for (size_t j = i; j < n; j++) {
        hd__put2(&xh[j].d2, 1.0, 0.0);
        const hd_hyper r = jb->obj->f_hyper(xh, jb->obj->ctx);
        hd__put2(&xh[j].d2, 0.0, 0.0);
        jb->hess[i * n + j] = jb->hess[j * n + i] = r.d12;
        if (i == j && jb->grad) jb->grad[i] = r.d1;
        if (jb->fx && i == 0 && j == 0) *jb->fx = r.val;
    }
    hd__put2(&xh[i].val, jb->x[i], 0.0);
    return (long)(n - i);
}

static int hessian_scalar(const hd_objective *obj, const double *x, double *fx, double *grad,
                          double *hess, hd_counts *c)
{
    const pass_job job = {obj, x, fx, grad, hess};
    return hd__run_units(&job, obj->n, obj->n, sizeof(hd_hyper), x, init_hd_hyper,
                         hessian_scalar_row, obj->n * (obj->n + 1) / 2, &c->hyper_calls);
}

/* Hessian unit: row i, columns j..j+HD_HYPERV_LANES-1 (j >= i) per pass;
 * lane k's d2 is then ∂f/∂x_{j+k}, so the passes of row 0 give the whole
 * gradient. */
static long hessian_lanes_row(const void *job, void *buf, size_t *state, size_t i)
{
    const pass_job *jb = job;
    hd_hyperv *xv = buf;
    const size_t n = jb->obj->n;
    long passes = 0;
    (void)state;
    hd__put2(&xv[i].val, jb->x[i], 1.0);
    for (size_t base = i; base < n; base += HD_HYPERV_LANES) {
        const size_t width = n - base < HD_HYPERV_LANES ? n - base : HD_HYPERV_LANES;
        for (size_t k = 0; k < width; k++) hd__put_lane(&xv[base + k].d2, k, 1.0);
        const hd_hyperv r = jb->obj->f_hyperv(xv, jb->obj->ctx);
        for (size_t k = 0; k < width; k++) {
            const size_t j = base + k;
            hd__put_lane(&xv[j].d2, k, 0.0);
            jb->hess[i * n + j] = jb->hess[j * n + i] = HD_LANE(r.d12, k);
            if (jb->grad && i == 0) jb->grad[j] = HD_LANE(r.d2, k);
        }
        if (jb->fx && i == 0 && base == 0) *jb->fx = r.val;
        passes++;
    }
    hd__put2(&xv[i].val, jb->x[i], 0.0);
    return passes;
}

static int hessian_lanes(const hd_objective *obj, const double *x, double *fx, double *grad,
                         double *hess, hd_counts *c)
{
    const pass_job job = {obj, x, fx, grad, hess};
    return hd__run_units(&job, obj->n, obj->n, sizeof(hd_hyperv), x, init_hyperv,
                         hessian_lanes_row, hd__dense_lane_passes(obj->n),
                         &c->hyperv_calls);
}

/* hd_hyperv passes of the lanes path: Σ_i ceil((n - i) / HD_HYPERV_LANES). */
size_t hd__dense_lane_passes(size_t n)
{
    size_t p = 0;
    for (size_t i = 0; i < n; i++) p += (n - i + HD_HYPERV_LANES - 1) / HD_HYPERV_LANES;
    return p;
}

static int hessian(const hd_objective *obj, const double *x, double *fx, double *grad,
                   double *hess, hd_path path, hd_counts *counts)
{
    if (!valid(obj, x) || !hess) return HD_EINVAL;
    hd_counts scratch = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    hd_counts *c = counts ? counts : &scratch;
    switch (path) {
    case HD_PATH_AUTO: {
        const hd_sparsity *sp = obj->hess_sparsity;
        const int sparse = obj->f_hyperv && sp && hd__sparse_is_faster(sp, obj->n);
        if (sparse && (!obj->f_taped || sp->npasses <= SPARSE_BEFORE_TAPE_PASSES))
            return hd__hessian_sparse_dense_out(obj, sp, x, fx, grad, hess, c);
        if (obj->f_taped && obj->n >= TAPE_HESSIAN_MIN_N) {
            const int rc = hd__hessian_taped(obj, x, fx, grad, hess, c);
            if (rc != HD__DECLINED) return rc;
        }
        if (sparse) return hd__hessian_sparse_dense_out(obj, sp, x, fx, grad, hess, c);
        if (obj->f_hyperv && obj->n >= LANES_HESSIAN_MIN_N)
            return hessian_lanes(obj, x, fx, grad, hess, c);
        return hessian_scalar(obj, x, fx, grad, hess, c);
    }
    case HD_PATH_SCALAR:
        return hessian_scalar(obj, x, fx, grad, hess, c);
    case HD_PATH_LANES:
        return obj->f_hyperv ? hessian_lanes(obj, x, fx, grad, hess, c) : HD_EINVAL;
    case HD_PATH_SPARSE:
        return hd__hessian_sparse_dense_out(obj, obj->hess_sparsity, x, fx, grad, hess, c);
    case HD_PATH_TAPE: {
        if (!obj->f_taped) return HD_EINVAL;
        const int rc = hd__hessian_taped(obj, x, fx, grad, hess, c);
        return rc != HD__DECLINED ? rc : hessian_scalar(obj, x, fx, grad, hess, c);
    }
    default:
        return HD_EINVAL;
    }
}

int hd_hessian_ex(const hd_objective *obj, const double *x, double *fx, double *grad,
                  double *hess, hd_path path, hd_counts *counts)
{
    return hessian(obj, x, fx, grad, hess, path, counts);
}

int hd_hessian(const hd_objective *obj, const double *x, double *fx, double *grad, double *hess)
{
    return hessian(obj, x, fx, grad, hess, HD_PATH_AUTO, NULL);
}
