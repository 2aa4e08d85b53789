/* What an exact Hessian-vector product costs, in evaluations of f: H·v on
 * each path (hd_hessian_vector_ex: n hyper-dual passes, ceil(n/8) hd_hyperv
 * passes, one taped pass and one sweep) and vᵀHw (hd_directional2, one
 * hyper-dual pass), against one plain evaluation, for the two benchmark
 * objectives (bench_objectives.h) at n from 2 to 10 000. The crossovers set
 * the H·v thresholds of the table of paths (lib/diff/path_table.h); the
 * n = 10, 100, 10 000 rows are doc/performance.md's.
 *
 *   bench_hv [--quick]     (--quick: n = 10, 100, 10 000 only) */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "bench_objectives.h"
#include "bench_util.h"

typedef struct {
    const hd_objective *obj;
    const double *x, *v, *w;
    double *out, *grad;
    hd_path path;
    int what; /* 0 f, 1 H·v, 2 vᵀHw */
} job;

static double sink;

static void once(const job *j)
{
    double fx = 0, gv, gw, vhw = 0;
    int rc = HD_OK;
    if (j->what == 0) rc = hd_value(j->obj, j->x, &fx);
    else if (j->what == 1) rc = hd_hessian_vector_ex(j->obj, j->x, j->v, NULL, NULL, j->out, j->path, NULL);
    else rc = hd_directional2(j->obj, j->x, j->v, j->w, &fx, &gv, &gw, &vhw);
    if (rc != HD_OK) {
        fprintf(stderr, "bench_hv: error %d\n", rc);
        exit(1);
    }
    sink += fx + vhw + j->out[0];
}

/* Nanoseconds per call: the median of 5 rounds of enough calls to take
 * about 20 ms (one call when a call takes longer). */
static double time_ns(const job *j)
{
    double t0 = bench_now_ns();
    once(j);
    const double one = bench_now_ns() - t0;
    long reps = one > 2e7 ? 1 : (long)(2e7 / fmax(one, 1.0)) + 1;
    double rounds[5];
    const int nrounds = one > 2e8 ? 1 : 5;
    for (int r = 0; r < nrounds; r++) {
        t0 = bench_now_ns();
        for (long k = 0; k < reps; k++) once(j);
        rounds[r] = (bench_now_ns() - t0) / (double)reps;
    }
    return bench_median(rounds, (size_t)nrounds);
}

int main(int argc, char **argv)
{
    const int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const size_t all[] = {2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 100, 1000, 10000};
    static const size_t few[] = {10, 100, 10000};
    const size_t *sizes = quick ? few : all;
    const size_t nsizes = quick ? sizeof few / sizeof few[0] : sizeof all / sizeof all[0];
    bench_print_cpu();
    printf("\nH·v and vᵀHw in evaluations of f (time of one call / time of one plain f):\n\n");
    printf("| objective | n | f (ns) | H·v auto | tape | lanes | scalar | vᵀHw |\n");
    printf("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (int which = 0; which < 2; which++)
        for (size_t k = 0; k < nsizes; k++) {
            size_t n = sizes[k];
            if (which == 0 && n % 2) continue; /* F1 pairs its variables */
            const hd_objective obj = which == 0 ? bench_rosen_objective(n, &n) : bench_f2_objective(n, &n);
            double *buf = malloc(5 * n * sizeof *buf);
            if (!buf) return 1;
            double *x = buf, *v = buf + n, *w = buf + 2 * n, *out = buf + 3 * n;
            for (size_t i = 0; i < n; i++) {
                x[i] = i % 2 ? 1.0 : -1.2;
                v[i] = 1.0 - 0.1 * (double)(i % 7);
                w[i] = 0.5 + 0.05 * (double)(i % 5);
            }
            job j = {&obj, x, v, w, out, buf + 4 * n, HD_PATH_AUTO, 0};
            const double f = time_ns(&j);
            printf("| %s | %zu | %.0f |", which == 0 ? "F1" : "F2", n, f);
            const hd_path paths[] = {HD_PATH_AUTO, HD_PATH_TAPE, HD_PATH_LANES, HD_PATH_SCALAR};
            for (int p = 0; p < 4; p++) {
                j.what = 1;
                j.path = paths[p];
                /* the scalar path at n = 10 000 is 10 000 passes of 10 000 variables */
                if (paths[p] == HD_PATH_SCALAR && n > 1000) {
                    printf(" — |");
                    continue;
                }
                printf(" %.1f |", time_ns(&j) / f);
            }
            j.what = 2;
            printf(" %.1f |\n", time_ns(&j) / f);
            free(buf);
        }
    return sink == 12345.678 ? 1 : 0;
}
