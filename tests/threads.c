/* Many threads at once get the bits one thread gets (TAP).
 *
 * The library keeps per-thread scratch (the taped path's buffers: Hessians
 * from n = 6) and process-wide state around its LAPACKE calls
 * (lib/linalg.c: OpenBLAS's thread count and buffer bookkeeping). Here
 * WORKERS threads repeat gradients, Hessians and minimizations for ROUNDS
 * rounds, and SHORT_LIVED threads each take one taped Hessian and exit
 * (their buffers are freed at thread exit); every answer must equal, bit
 * for bit, the one computed before any thread started. CI runs this
 * program under ThreadSanitizer (./configure --enable-tsan CC=clang),
 * which fails it on any data race. */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>

enum { N = 24, POINTS = 6, WORKERS = 4, ROUNDS = 40, SHORT_LIVED = 300, BATCH = 6 };

/* A chain with transcendental links: its Hessian is tridiagonal, taken on
 * the taped path at n = 24. */
HD_GENERIC_OBJECTIVE(chain, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i++) {
        const T d = hd_sub(x[i + 1], hd_sq(x[i]));
        s = hd_add(s, hd_add(hd_mul(10, hd_sq(d)), hd_log(hd_add(1, hd_sq(x[i])))));
        s = hd_add(s, hd_mul(0.1, hd_sin(hd_mul(x[i], x[i + 1]))));
    }
    return s;
)

static size_t chain_n = N;

/* Derivatives at one point, as plain bytes to compare. */
typedef struct {
    double fg, g[N], fh, gh[N], h[N * N];
} derivatives;

/* A minimization and what it returns. */
typedef struct {
    const char *problem;
    size_t n;
    hd_method method;
} min_case;
static const min_case min_cases[] = {
    {"extended_rosenbrock", 100, HD_NEWTON}, /* dpotrf at n = 100: OpenBLAS's threaded size */
    {"trigonometric", 10, HD_BFGS},
    {"helical_valley", 3, HD_NEWTON_TRUST_REGION},
    {"chebyquad", 8, HD_NEWTON},
};
enum { MIN_CASES = sizeof min_cases / sizeof min_cases[0] };
typedef struct {
    int rc, status, iterations;
    double f, x[100];
} min_outcome;

static derivatives ref_deriv[POINTS];
static min_outcome ref_min[MIN_CASES];

static void point(int k, double *x)
{
    for (size_t i = 0; i < N; i++) x[i] = 0.3 * (double)k - 0.7 + 0.11 * (double)i - 0.004 * (double)(i * i);
}

/* Everything but padding is written (the structs are zeroed first), so memcmp
 * compares the answers. */
static int derive(int k, derivatives *d)
{
    const hd_objective obj = chain_objective(N, &chain_n);
    double x[N];
    point(k, x);
    memset(d, 0, sizeof *d);
    return hd_gradient(&obj, x, &d->fg, d->g) == HD_OK &&
           hd_hessian(&obj, x, &d->fh, d->gh, d->h) == HD_OK;
}

static void minimize(int c, min_outcome *o)
{
    const hd_problem *p = hd_problem_find(min_cases[c].problem);
    memset(o, 0, sizeof *o);
    if (!p) {
        o->rc = HD_EINVAL;
        return;
    }
    const hd_objective obj = p->objective(min_cases[c].n);
    p->start(min_cases[c].n, o->x);
    hd_options opt;
    hd_options_default(&opt, min_cases[c].method);
    hd_result res = {0};
    o->rc = hd_minimize(&obj, o->x, &opt, &res);
    o->status = res.status;
    o->iterations = res.iterations;
    o->f = res.f;
}

typedef struct {
    int id, mismatches;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (int r = 0; r < ROUNDS; r++) {
        const int k = (w->id + r) % POINTS;
        derivatives d;
        if (!derive(k, &d) || memcmp(&d, &ref_deriv[k], sizeof d) != 0) w->mismatches++;
        if (r % 10 == w->id % 10) {
            const int c = (w->id + r / 10) % MIN_CASES;
            min_outcome o;
            minimize(c, &o);
            if (memcmp(&o, &ref_min[c], sizeof o) != 0) w->mismatches++;
        }
    }
    return NULL;
}

static void *one_hessian(void *arg)
{
    worker *w = arg;
    derivatives d;
    if (!derive(w->id % POINTS, &d) || memcmp(&d, &ref_deriv[w->id % POINTS], sizeof d) != 0)
        w->mismatches++;
    return NULL;
}

/* Runs `count` threads of fn, `at_once` at a time; the number of mismatches. */
static int run_threads(void *(*fn)(void *), int count, int at_once)
{
    int mismatches = 0;
    for (int first = 0; first < count; first += at_once) {
        pthread_t t[WORKERS > BATCH ? WORKERS : BATCH];
        worker w[WORKERS > BATCH ? WORKERS : BATCH];
        const int m = count - first < at_once ? count - first : at_once;
        int started = 0;
        for (int i = 0; i < m; i++) {
            w[i] = (worker){first + i, 0};
            if (pthread_create(&t[i], NULL, fn, &w[i]) != 0) {
                mismatches++;
                break;
            }
            started++;
        }
        for (int i = 0; i < started; i++) {
            pthread_join(t[i], NULL);
            mismatches += w[i].mismatches;
        }
    }
    return mismatches;
}

#ifdef HAVE_WEAK_REFS
extern int openblas_get_num_threads(void) __attribute__((weak));
#endif

int main(void)
{
#ifdef HAVE_WEAK_REFS
    const int blas_threads = openblas_get_num_threads ? openblas_get_num_threads() : -1;
#else
    const int blas_threads = -1;
#endif
    printf("1..4\n");
    int ok = 1;
    for (int k = 0; k < POINTS; k++) ok &= derive(k, &ref_deriv[k]);
    for (int c = 0; c < MIN_CASES; c++) {
        minimize(c, &ref_min[c]);
        ok &= ref_min[c].rc == HD_OK;
    }
    printf("%s 1 - single-threaded reference: %d points, %d minimizations\n", ok ? "ok" : "not ok",
           POINTS, MIN_CASES);

    int bad = run_threads(work, WORKERS, WORKERS);
    printf("%s 2 - %d threads x %d rounds of gradients, Hessians and minimizations: %d answers differ\n",
           bad ? "not ok" : "ok", WORKERS, ROUNDS, bad);
    ok &= bad == 0;

    bad = run_threads(one_hessian, SHORT_LIVED, BATCH);
    printf("%s 3 - %d short-lived threads, one taped Hessian each: %d answers differ\n",
           bad ? "not ok" : "ok", SHORT_LIVED, bad);
    ok &= bad == 0;

    /* lib/linalg.c sets OpenBLAS to one thread while its calls are in flight
     * and must give the program's count back when the last one leaves. */
    if (blas_threads < 0) {
        printf("ok 4 # SKIP the BLAS is not OpenBLAS\n");
    } else {
#ifdef HAVE_WEAK_REFS
        const int after = openblas_get_num_threads();
        printf("%s 4 - OpenBLAS's thread count is %d after the calls (%d before the first)\n",
               after == blas_threads ? "ok" : "not ok", after, blas_threads);
        ok &= after == blas_threads;
#endif
    }
    return ok ? 0 : 1;
}
