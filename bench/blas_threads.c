/* Threaded callers and OpenBLAS (doc/performance.md, "Threaded callers"):
 * wall time of Newton on extended Rosenbrock, from one calling thread and
 * from CALLERS threads at once, each running REPS minimizations. Rounds
 * interleave the two; medians per minimization are reported.
 *
 *     bench/blas_threads [n] [rounds]      (default n = 100, 7 rounds)
 *
 * Run it once per configuration to compare (OPENBLAS_NUM_THREADS=1, another
 * build of the library through LD_LIBRARY_PATH, ...). */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <pthread.h>
#include <hyperdual.h>
#include "bench_util.h"

enum { CALLERS = 4, REPS = 10, MAX_ROUNDS = 51 };

static size_t n_vars = 100;

static void *minimize_reps(void *failed)
{
    const hd_problem *p = hd_problem_find("extended_rosenbrock");
    const hd_objective obj = p->objective(n_vars);
    double *x = malloc(n_vars * sizeof *x);
    for (int r = 0; x && r < REPS; r++) {
        p->start(n_vars, x);
        hd_options opt;
        hd_options_default(&opt, HD_NEWTON);
        hd_result res = {0};
        if (hd_minimize(&obj, x, &opt, &res) != HD_OK || !res.converged) *(int *)failed = 1;
    }
    if (!x) *(int *)failed = 1;
    free(x);
    return NULL;
}

/* Wall time per minimization with `callers` threads running at once. */
static double per_minimization_ms(int callers, int *failed)
{
    pthread_t t[CALLERS];
    const double t0 = bench_now_ns();
    int started = 0;
    for (int i = 0; i < callers; i++) started += pthread_create(&t[i], NULL, minimize_reps, failed) == 0;
    for (int i = 0; i < started; i++) pthread_join(t[i], NULL);
    if (started < callers) *failed = 1;
    return (bench_now_ns() - t0) / 1e6 / (callers * REPS);
}

#ifdef HAVE_WEAK_REFS
extern char *openblas_get_config(void) __attribute__((weak));
extern int openblas_get_num_threads(void) __attribute__((weak));
#endif

int main(int argc, char **argv)
{
    if (argc > 1) n_vars = (size_t)strtoul(argv[1], NULL, 10);
    const int rounds = argc > 2 ? atoi(argv[2]) : 7;
    if (n_vars < 2 || n_vars % 2 || rounds < 1 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "usage: blas_threads [even n >= 2] [rounds 1..%d]\n", MAX_ROUNDS);
        return 2;
    }
    bench_print_cpu();
#ifdef HAVE_WEAK_REFS
    if (openblas_get_config)
        printf("BLAS: %s, %d threads\n", openblas_get_config(), openblas_get_num_threads());
#endif
    const char *env = getenv("OPENBLAS_NUM_THREADS");
    printf("OPENBLAS_NUM_THREADS=%s, hyperdual %s\n", env ? env : "(unset)", hd_version());
    double one[MAX_ROUNDS], many[MAX_ROUNDS];
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
        one[r] = per_minimization_ms(1, &failed);
        many[r] = per_minimization_ms(CALLERS, &failed);
    }
    if (failed) {
        fprintf(stderr, "blas_threads: a minimization failed\n");
        return 1;
    }
    const double m1 = bench_median(one, (size_t)rounds), m4 = bench_median(many, (size_t)rounds);
    printf("Newton, extended Rosenbrock n = %zu, %d minimizations per thread, median of %d rounds:\n",
           n_vars, REPS, rounds);
    printf("  1 calling thread:  %8.2f ms wall per minimization\n", m1);
    printf("  %d calling threads: %8.2f ms wall per minimization (all %d: %.0f ms)\n", CALLERS, m4,
           CALLERS * REPS, m4 * CALLERS * REPS);
    return 0;
}
