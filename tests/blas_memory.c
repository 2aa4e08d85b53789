/* Under a tight address-space limit, a minimization that needs LAPACK
 * returns HD_ENOMEM (or succeeds): it never hangs (TAP).
 *
 * OpenBLAS maps a 128 MiB working buffer for a call when none of its buffers
 * is free, and retries that mapping forever when it fails
 * (ulimit -v): Newton spun in blas_memory_alloc. lib/linalg.c allocates the
 * same amount first and returns HD_ENOMEM when that fails. Here the limit is
 * set 48 MiB above what the process maps already: room for the
 * minimization's own arrays, not for OpenBLAS's buffer (measured once the
 * mapped size has settled: OpenBLAS's worker threads, started when it is
 * loaded, map memory of their own shortly after). An alarm turns a hang
 * into a failure. Then the limit is lifted and the same call must converge:
 * the guard must not refuse what fits. Linux only (/proc/self/statm); skipped
 * under the sanitizers, whose shadow memory cannot live under such a limit. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <hyperdual.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

enum { N = 100, HANG_SECONDS = 30 };

/* Newton on extended Rosenbrock from its standard start; its minimizer is (1, ..., 1). */
static int newton(double *x, hd_result *res)
{
    const hd_problem *p = hd_problem_find("extended_rosenbrock");
    if (!p) return HD_EINVAL;
    const hd_objective obj = p->objective(N);
    p->start(N, x);
    hd_options opt;
    hd_options_default(&opt, HD_NEWTON);
    *res = (hd_result){0};
    return hd_minimize(&obj, x, &opt, res);
}

/* Pages the process maps (/proc/self/statm), 0 if unknown. */
static unsigned long mapped_pages(void)
{
    unsigned long pages = 0;
    FILE *statm = fopen("/proc/self/statm", "r");
    if (statm && fscanf(statm, "%lu", &pages) != 1) pages = 0;
    if (statm) fclose(statm);
    return pages;
}

/* The mapped size once it has stayed the same for 100 ms (at most 5 s). */
static unsigned long settled_pages(void)
{
    const struct timespec tick = {0, 50 * 1000 * 1000};
    unsigned long pages = mapped_pages();
    for (int same = 0, i = 0; same < 2 && i < 100; i++) {
        nanosleep(&tick, NULL);
        const unsigned long now = mapped_pages();
        same = now == pages ? same + 1 : 0;
        pages = now;
    }
    return pages;
}

static int at_minimizer(const double *x)
{
    for (size_t i = 0; i < N; i++)
        if (!(fabs(x[i] - 1) <= 1e-6)) return 0;
    return 1;
}

int main(void)
{
    if (UNDER_SANITIZER) {
        printf("1..0 # SKIP a sanitizer's shadow memory does not fit under an address-space limit\n");
        return 0;
    }
    const unsigned long pages = settled_pages();
    struct rlimit original;
    if (pages == 0 || getrlimit(RLIMIT_AS, &original) != 0) {
        printf("1..0 # SKIP no /proc/self/statm or RLIMIT_AS here\n");
        return 0;
    }
    const rlim_t mapped = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
    const rlim_t tight = mapped + ((rlim_t)48 << 20);
    if (original.rlim_cur != RLIM_INFINITY && original.rlim_cur < tight + ((rlim_t)512 << 20)) {
        printf("1..0 # SKIP the address-space limit is already tight\n");
        return 0;
    }
    printf("1..2\n");
    fflush(stdout);
    alarm(HANG_SECONDS); /* a hang in OpenBLAS ends the test by SIGALRM: a failure */

    double x[N];
    hd_result res;
    struct rlimit limited = original;
    limited.rlim_cur = tight;
    if (setrlimit(RLIMIT_AS, &limited) != 0) {
        printf("not ok 1 - setrlimit failed\n");
        return 1;
    }
    int rc = newton(x, &res);
    setrlimit(RLIMIT_AS, &original);
    const int first_ok = (rc == HD_ENOMEM && res.status == HD_ENOMEM) ||
                         (rc == HD_OK && res.converged && at_minimizer(x));
    printf("%s 1 - 48 MiB above the mapped %lu MiB: Newton returns %s (status %s), no hang\n",
           first_ok ? "ok" : "not ok", (unsigned long)(mapped >> 20), hd_strerror(rc),
           hd_status_str(res.status));

    rc = newton(x, &res);
    const int second_ok = rc == HD_OK && res.converged && at_minimizer(x);
    printf("%s 2 - limit lifted: Newton returns %s and reaches the minimizer\n",
           second_ok ? "ok" : "not ok", hd_strerror(rc));
    return first_ok && second_ok ? 0 : 1;
}
