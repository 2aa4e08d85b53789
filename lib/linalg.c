/* The one file that talks to LAPACKE. Column-major storage throughout: the
 * symmetric inputs need no transposition copy, the least-squares callers
 * store their matrices column-major, and LAPACKE's row-major wrappers
 * (which allocate and transpose) are avoided. */
#include <config.h>
#include <limits.h>
#include <stdlib.h>
#ifdef HAVE_PTHREAD_H
#include <pthread.h>
#endif
#include <lapacke.h>
#include <hyperdual/error.h>
#include "linalg.h"

/* LAPACKE returns < 0 for an illegal argument (a bug on our side or an n that
 * does not fit) and LAPACK_WORK_MEMORY_ERROR / LAPACK_TRANSPOSE_MEMORY_ERROR
 * when its own workspace allocation fails, before LAPACK runs. */
static int memory_error(lapack_int info)
{
    return info == LAPACK_WORK_MEMORY_ERROR || info == LAPACK_TRANSPOSE_MEMORY_ERROR;
}

/* ---- OpenBLAS: one thread for our calls, and its buffer checked first -------------
 * The matrices here are Hessians of moderate size, factored once per
 * iteration. Two properties of OpenBLAS (the BLAS behind Debian's LAPACK)
 * make it hostile to that use:
 *
 * Threads. The pthread build runs dpotrf on its thread pool from n = 64 on,
 * and its idle workers spin on sched_yield. Where cores are busy (other
 * processes, or a caller's own threads each minimizing) that costs 30-60x:
 * 4 threads x Newton on extended Rosenbrock (n = 100) took 5.6 s against
 * 0.16 s with one BLAS thread (doc/performance.md, "Threaded callers"). Its
 * thread count is process-wide (openblas_set_num_threads_local, 0.3.27, sets
 * the same global), so while any of our calls is in flight the count is set
 * to 1 and the caller's value is restored when the last one leaves; a
 * program that sets OPENBLAS_NUM_THREADS (or GOTO_NUM_THREADS) keeps its
 * choice. Only the pthread build is changed: the serial one has nothing to
 * change, and in the OpenMP build the setter also rewrites the calling
 * thread's OpenMP thread count, which is not ours to touch.
 *
 * Memory. An OpenBLAS LAPACK or level-3 call takes a working buffer of 128
 * MiB of address space (134217728 bytes, measured with Debian 12's 0.3.21 on
 * x86-64; most of it never touched) from a table of buffers it keeps; when
 * the table has no free one it maps a new one, and when that mapping fails
 * (ulimit -v, strict overcommit) it retries forever (since OpenBLAS#5303, of
 * June 2025, it exits the process instead): Newton on
 * extended Rosenbrock at n = 2000 under ulimit -v 400000 spun in
 * blas_memory_alloc. So before a call that may need a new buffer -- the
 * first in this thread (builds that keep a table per thread), or more of our
 * calls in flight than ever before (builds with one shared table) -- the
 * same amount is allocated and freed again, and if that fails the call
 * returns HD_ENOMEM instead of entering OpenBLAS. A steady caller pays
 * nothing: the probe costs about 20 us (mmap and munmap of 128 MiB). A
 * buffer that other code's concurrent BLAS calls occupy is not seen.
 *
 * The controls are weak references, resolved when the process's BLAS is
 * OpenBLAS (shared, or a static link that pulls in its thread server) and
 * NULL otherwise; no BLAS is required to have them. The lock is a POSIX one,
 * not C11's mtx_t: clang 14's ThreadSanitizer (Debian 12) does not see
 * glibc's mtx_lock and reports the counters it guards as races. */
#define OPENBLAS_BUFFER_BYTES (((size_t)129) << 20)

#if defined(HAVE_WEAK_REFS) && defined(HAVE_PTHREAD_H)
extern int openblas_get_num_threads(void) __attribute__((weak));
extern void openblas_set_num_threads(int) __attribute__((weak));
extern int openblas_get_parallel(void) __attribute__((weak));

static pthread_mutex_t blas_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {            /* under blas_lock */
    int in_flight;         /* our calls inside OpenBLAS now */
    int most;              /* most of them ever in flight together, each one finished */
    int callers_count;     /* OpenBLAS's thread count before the first of those in flight */
} blas;
static int blas_set_threads; /* pthread OpenBLAS, and the program left the count to it */
static pthread_once_t blas_once = PTHREAD_ONCE_INIT;
static _Thread_local int blas_thread_has_buffer;

static void blas_init(void)
{
    blas_set_threads = openblas_set_num_threads && openblas_get_parallel &&
                       openblas_get_parallel() == 1 && !getenv("OPENBLAS_NUM_THREADS") &&
                       !getenv("GOTO_NUM_THREADS");
}

/* Can OpenBLAS's buffer still be mapped? The pointer goes through a volatile
 * object so that the allocation is not optimised away. */
static int buffer_fits(void)
{
    void *volatile probe = malloc(OPENBLAS_BUFFER_BYTES);
    const int ok = probe != NULL;
    free(probe);
    return ok;
}

static void blas_leave(int level, lapack_int info);

/* Before a LAPACKE call: HD_OK, or HD_ENOMEM when OpenBLAS could not map the
 * buffer the call may need (then nothing was entered). *level receives our
 * calls in flight, this one included, for blas_leave (0: nothing to undo). */
static int blas_enter(int *level)
{
    *level = 0;
    if (!openblas_get_num_threads || pthread_once(&blas_once, blas_init) != 0) return HD_OK;
    pthread_mutex_lock(&blas_lock);
    *level = ++blas.in_flight;
    if (*level == 1 && blas_set_threads) {
        blas.callers_count = openblas_get_num_threads();
        if (blas.callers_count > 1) openblas_set_num_threads(1);
    }
    const int may_need_buffer = !blas_thread_has_buffer || *level > blas.most;
    pthread_mutex_unlock(&blas_lock);
    if (may_need_buffer && !buffer_fits()) {
        blas_leave(*level, LAPACK_WORK_MEMORY_ERROR);
        return HD_ENOMEM;
    }
    return HD_OK;
}

/* After it, with its info: a call that reached LAPACK leaves OpenBLAS
 * holding a buffer for this thread and for this many calls in flight. */
static void blas_leave(int level, lapack_int info)
{
    if (level == 0) return;
    pthread_mutex_lock(&blas_lock);
    if (!memory_error(info)) {
        blas_thread_has_buffer = 1;
        if (level > blas.most) blas.most = level;
    }
    if (--blas.in_flight == 0 && blas_set_threads && blas.callers_count > 1)
        openblas_set_num_threads(blas.callers_count);
    pthread_mutex_unlock(&blas_lock);
}
#else
static int blas_enter(int *level) { *level = 0; return HD_OK; }
static void blas_leave(int level, lapack_int info) { (void)level; (void)info; }
#endif

static int lapack_error(lapack_int info)
{
    return memory_error(info) ? HD_ENOMEM : HD_ELAPACK;
}

static int size_ok(size_t n) { return n >= 1 && n <= (size_t)INT_MAX; }

int hd__cholesky(size_t n, double *a)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    int level;
    const int st = blas_enter(&level);
    if (st != HD_OK) return st;
    const lapack_int info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', m, a, m);
    blas_leave(level, info);
    if (info > 0) return HD__NOT_PD;
    return info < 0 ? lapack_error(info) : HD_OK;
}

int hd__cholesky_solve(size_t n, const double *factor, double *b)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    int level;
    const int st = blas_enter(&level);
    if (st != HD_OK) return st;
    const lapack_int info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', m, 1, factor, m, b, m);
    blas_leave(level, info);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__sym_eigen(size_t n, double *a, double *w, int vectors)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    int level;
    const int st = blas_enter(&level);
    if (st != HD_OK) return st;
    const lapack_int info = LAPACKE_dsyev(LAPACK_COL_MAJOR, vectors ? 'V' : 'N', 'L', m, a, m, w);
    blas_leave(level, info);
    /* info > 0: the QR iteration did not converge, which LAPACK documents as
     * possible only for pathological input; report it rather than guess. */
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__congruence(size_t n, double *a, const double *factor)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info = LAPACKE_dsygst(LAPACK_COL_MAJOR, 1, 'L', m, a, m, factor, m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__sym_solve(size_t n, double *a, double *b)
{
    if (!size_ok(n)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    lapack_int *ipiv = malloc(n * sizeof *ipiv);
    if (!ipiv) return HD_ENOMEM;
    int level;
    const int st = blas_enter(&level);
    if (st != HD_OK) {
        free(ipiv);
        return st;
    }
    const lapack_int info = LAPACKE_dsysv(LAPACK_COL_MAJOR, 'L', m, 1, a, m, ipiv, b, m);
    blas_leave(level, info);
    free(ipiv);
    if (info > 0) return HD__SINGULAR;
    return info < 0 ? lapack_error(info) : HD_OK;
}

/* ---- least squares ------------------------------------------------------------------ */

static int sizes_ok(size_t m, size_t n) { return size_ok(m) && size_ok(n); }

int hd__qr_pivoted(size_t m, size_t n, double *a, double *tau, size_t *perm)
{
    if (!sizes_ok(m, n) || m < n) return HD_EINVAL;
    lapack_int *jpvt = calloc(n, sizeof *jpvt); /* 0: every column free to move */
    if (!jpvt) return HD_ENOMEM;
    const lapack_int info =
        LAPACKE_dgeqp3(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, a, (lapack_int)m, jpvt, tau);
    for (size_t j = 0; j < n && info == 0; j++) perm[j] = (size_t)(jpvt[j] - 1);
    free(jpvt);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__qr(size_t m, size_t n, double *a, double *tau)
{
    if (!sizes_ok(m, n) || m < n) return HD_EINVAL;
    const lapack_int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, a,
                                           (lapack_int)m, tau);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__qr_apply_qt(size_t m, size_t n, const double *qr, const double *tau, double *b)
{
    if (!sizes_ok(m, n) || m < n) return HD_EINVAL;
    const lapack_int info = LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', (lapack_int)m, 1,
                                           (lapack_int)n, qr, (lapack_int)m, tau, b, (lapack_int)m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__triangular_solve(size_t n, const double *r, size_t ldr, int transpose, double *b)
{
    if (!sizes_ok(ldr, n) || ldr < n) return HD_EINVAL;
    const lapack_int info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, 'U', transpose ? 'T' : 'N', 'N',
                                           (lapack_int)n, 1, r, (lapack_int)ldr, b, (lapack_int)n);
    if (info > 0) return HD__SINGULAR;
    return info < 0 ? lapack_error(info) : HD_OK;
}

int hd__svd(size_t m, size_t n, double *a, double *s, double *vt)
{
    if (!sizes_ok(m, n)) return HD_EINVAL;
    const size_t k = m < n ? m : n;
    double *superb = malloc((k > 1 ? k - 1 : 1) * sizeof *superb);
    if (!superb) return HD_ENOMEM;
    double u_unused = 0.0; /* jobu 'N': U is not referenced */
    const lapack_int info = LAPACKE_dgesvd(LAPACK_COL_MAJOR, 'N', 'A', (lapack_int)m, (lapack_int)n,
                                           a, (lapack_int)m, s, &u_unused, 1, vt, (lapack_int)n,
                                           superb);
    free(superb);
    /* info > 0: the bidiagonal QR iteration did not converge (pathological
     * input, as for dsyev); reported, not guessed around. */
    return info != 0 ? lapack_error(info) : HD_OK;
}
/* ---- band matrices: only the band is stored, O(b²n) work ---------------------- */

/* n and the band both fit a lapack_int, and b < n. */
static int band_ok(size_t n, size_t b) { return size_ok(n) && b < n && b < (size_t)INT_MAX / 3; }

int hd__band_cholesky(size_t n, size_t b, double *ab)
{
    if (!band_ok(n, b)) return HD_EINVAL;
    const lapack_int info =
        LAPACKE_dpbtrf(LAPACK_COL_MAJOR, 'L', (lapack_int)n, (lapack_int)b, ab, (lapack_int)b + 1);
    if (info > 0) return HD__NOT_PD;
    return info < 0 ? lapack_error(info) : HD_OK;
}

int hd__band_cholesky_solve(size_t n, size_t b, const double *factor, double *rhs)
{
    if (!band_ok(n, b)) return HD_EINVAL;
    const lapack_int m = (lapack_int)n;
    const lapack_int info =
        LAPACKE_dpbtrs(LAPACK_COL_MAJOR, 'L', m, (lapack_int)b, 1, factor, (lapack_int)b + 1, rhs, m);
    return info != 0 ? lapack_error(info) : HD_OK;
}

int hd__band_solve(size_t n, size_t b, const double *ab, double *rhs)
{
    if (!band_ok(n, b)) return HD_EINVAL;
    /* dgbsv's general band storage: row b + b + (i - j) of column j holds
     * A_ij for |i - j| <= b, with b more rows above for the fill-in. */
    const size_t ld = 3 * b + 1;
    if (n > ((size_t)-1) / sizeof(double) / ld) return HD_ENOMEM;
    double *g = calloc(ld * n, sizeof *g);
    lapack_int *ipiv = malloc(n * sizeof *ipiv);
    if (!g || !ipiv) {
        free(g);
        free(ipiv);
        return HD_ENOMEM;
    }
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k <= b && j + k < n; k++) {
            const double v = ab[k + j * (b + 1)];
            g[(2 * b + k) + j * ld] = v;                 /* A(j + k, j) */
            g[(2 * b - k) + (j + k) * ld] = v;           /* A(j, j + k) */
        }
    const lapack_int m = (lapack_int)n, kb = (lapack_int)b;
    const lapack_int info = LAPACKE_dgbsv(LAPACK_COL_MAJOR, m, kb, kb, 1, g, (lapack_int)ld, ipiv, rhs, m);
    free(g);
    free(ipiv);
    if (info > 0) return HD__SINGULAR;
    return info < 0 ? lapack_error(info) : HD_OK;
}
