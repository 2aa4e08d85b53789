/* make bench: where one Newton iteration's time goes at small n (issue 13).
 * hd_minimize(HD_NEWTON, defaults) on the extended Rosenbrock function at
 * n = 2, 4, 10 from the standard start, timed whole and per iteration; then
 * its parts, each timed on its own at the iterates the run visited, as the
 * optimizer makes them:
 *   Hessian      hd_hessian_ex (value, gradient and Hessian; the exported
 *                driver, as lib/optim_core.c calls it), per Hessian the run
 *                made;
 *   Cholesky     LAPACKE_dpotrf + LAPACKE_dpotrs on a copy of the Hessian,
 *                per factorization the run made (lib/linalg.c's calls);
 *   line search  hd_directional (one dual pass: value and slope), per trial;
 *   classify     one LAPACKE_dsyev of the last Hessian per run (Newton
 *                classifies the point it returns);
 * (and, for comparison, the Cholesky through LAPACKE's _work variants, which
 * skip the NaN scan of the input)
 * and the rest: the run's time less the parts (the optimizer's own work:
 * tests, copies, the callback and trace machinery, choosing steps). Medians
 * of interleaved rounds, nanoseconds per iteration. */
#include <config.h>
#include <math.h>
#include <lapacke.h>
#include <hyperdual.h>
#include "bench_util.h"

#define ROUNDS 11
#define MAXIT 64
#define MAXN 10

typedef struct {
    size_t n;
    int k;                       /* iterates recorded */
    double x[MAXIT][MAXN];
    double g[MAXIT][MAXN], h[MAXIT][MAXN * MAXN]; /* at each iterate */
} visits;

static int record(const hd_iteration *it, void *user)
{
    visits *v = user;
    if (v->k < MAXIT) memcpy(v->x[v->k++], it->x, v->n * sizeof *it->x);
    return 0;
}

static volatile double sink;

/* Each part's time for one sweep over the visited points (ns per call). */
enum { P_RUN, P_HESSIAN, P_CHOLESKY, P_LINE, P_CLASSIFY, P_WORK, NPARTS };

static double time_part(int part, const hd_objective *obj, const hd_problem *p, const visits *v,
                        long reps)
{
    const lapack_int n = (lapack_int)v->n;
    double f, g[MAXN], h[MAXN * MAXN], x[MAXN];
    const double t0 = bench_now_ns();
    long calls = 0;
    for (long r = 0; r < reps; r++) {
        if (part == P_RUN) {
            hd_options o;
            hd_options_default(&o, HD_NEWTON);
            p->start(v->n, x);
            hd_result res = {0};
            if (hd_minimize(obj, x, &o, &res) != HD_OK) return NAN;
            sink += res.f;
            calls++;
            continue;
        }
        for (int k = part == P_CLASSIFY ? v->k - 1 : 0; k < v->k; k++, calls++) {
            switch (part) {
            case P_HESSIAN: (void)!hd_hessian_ex(obj, v->x[k], &f, g, h, HD_PATH_AUTO, NULL); break;
            case P_LINE: (void)!hd_directional(obj, v->x[k], v->g[k], &f, g); break;
            case P_CHOLESKY: /* as lib/optim_newton.c: copy, factor, solve */
                memcpy(h, v->h[k], (size_t)(n * n) * sizeof *h);
                memcpy(g, v->g[k], (size_t)n * sizeof *g);
                if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', n, h, n) == 0)
                    (void)LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', n, 1, h, n, g, n);
                break;
            case P_WORK: /* the same through the _work variants (no NaN scan) */
                memcpy(h, v->h[k], (size_t)(n * n) * sizeof *h);
                memcpy(g, v->g[k], (size_t)n * sizeof *g);
                if (LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', n, h, n) == 0)
                    (void)LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'L', n, 1, h, n, g, n);
                break;
            default: /* P_CLASSIFY: eigenvalues of the last Hessian */
                memcpy(h, v->h[k], (size_t)(n * n) * sizeof *h);
                (void)LAPACKE_dsyev(LAPACK_COL_MAJOR, 'N', 'L', n, h, n, g);
            }
            sink += h[0] + g[0];
        }
    }
    return (bench_now_ns() - t0) / (double)calls;
}

int main(void)
{
    bench_print_cpu();
    printf("newton_report: one Newton iteration (hd_minimize, HD_NEWTON, defaults) on the\n"
           "extended Rosenbrock function from the standard start, and its parts timed on\n"
           "their own at the iterates the run visited; ns per iteration, median of %d\n"
           "interleaved rounds (doc/performance.md).\n\n",
           ROUNDS);
    printf("| n | iterations | per iteration | Hessian | Cholesky (dpotrf + dpotrs) | line search "
           "| classify (dsyev) | the rest |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    char notes[3][240];
    const hd_problem *p = hd_problem_find("extended_rosenbrock");
    static const size_t sizes[] = {2, 4, 10};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        const size_t n = sizes[s];
        const hd_objective obj = p->objective(n);
        static visits v;
        v.n = n;
        v.k = 0;
        double x[MAXN];
        p->start(n, x);
        hd_options o;
        hd_options_default(&o, HD_NEWTON);
        o.callback = record;
        o.callback_data = &v;
        hd_result res = {0};
        if (hd_minimize(&obj, x, &o, &res) != HD_OK || !res.converged) {
            printf("n = %zu: the run did not converge\n", n);
            return 1;
        }
        if (v.k >= MAXIT) {
            printf("n = %zu: more than %d iterates\n", n, MAXIT);
            return 1;
        }
        /* the Hessians at the iterates, and what one costs in passes, to
         * count the run's Hessians */
        hd_counts one = {0};
        double f;
        for (int k = 0; k < v.k; k++)
            (void)!hd_hessian_ex(&obj, v.x[k], &f, v.g[k], v.h[k], HD_PATH_AUTO, k ? NULL : &one);
        const double it = res.iterations;
        const double per[NPARTS] = {1.0 / it, (double)(res.passes - res.dual_calls) /
                                                  (double)hd_counts_passes(&one) / it,
                                    (double)(res.factorizations - 1) / it, (double)res.ls_trials / it,
                                    1.0 / it, (double)(res.factorizations - 1) / it};
        long reps[NPARTS];
        for (int q = 0; q < NPARTS; q++) {
            reps[q] = 1;
            while (reps[q] < (1L << 20)) {
                const double t0 = bench_now_ns();
                time_part(q, &obj, p, &v, reps[q]);
                if (bench_now_ns() - t0 > 2e5) break;
                reps[q] *= 2;
            }
        }
        double t[NPARTS][ROUNDS];
        for (int r = 0; r < ROUNDS; r++)
            for (int k = 0; k < NPARTS; k++) {
                const int q = (k + r) % NPARTS;
                t[q][r] = time_part(q, &obj, p, &v, reps[q]) * per[q];
            }
        double med[NPARTS], rest;
        for (int q = 0; q < NPARTS; q++) med[q] = bench_median(t[q], ROUNDS);
        rest = med[P_RUN] - med[P_HESSIAN] - med[P_CHOLESKY] - med[P_LINE] - med[P_CLASSIFY];
        /* P_WORK is for comparison only, not a part of the run */
        printf("| %zu | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |\n", n, res.iterations,
               med[P_RUN], med[P_HESSIAN], med[P_CHOLESKY], med[P_LINE], med[P_CLASSIFY], rest);
        snprintf(notes[s], sizeof notes[s],
                 "n = %zu: %.2f Hessians, %.2f Cholesky factorizations, %.2f line-search trials "
                 "per iteration; one Hessian %.0f ns, one factorization and solve %.0f ns "
                 "(%.0f through the _work variants)",
                 n, per[P_HESSIAN], per[P_CHOLESKY], per[P_LINE], med[P_HESSIAN] / per[P_HESSIAN],
                 med[P_CHOLESKY] / per[P_CHOLESKY], med[P_WORK] / per[P_WORK]);
    }
    printf("\n");
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) printf("%s\n", notes[s]);
    printf("Per iteration: the run's Hessians (one per iterate), its Cholesky factorizations\n"
           "(one per iterate where the Hessian is positive definite, more where a shift is\n"
           "needed) and line-search trials, and one classification per run, divided by the\n"
           "iterations.\n");
    return 0;
}
