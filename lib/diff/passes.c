/* Buffers of seeded inputs and units of passes, shared by the paths
 * (lib/diff/internal.h): one buffer per call, on the stack for small n,
 * else one allocation, never one per pass; with OpenMP, independent units
 * spread over the threads. */
#include <config.h>
#include <stdlib.h>
#include "internal.h"

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
        void *buf = hd__malloc_array(n, elem);
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
