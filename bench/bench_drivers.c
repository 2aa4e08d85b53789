/* make bench: hd_gradient and hd_hessian on each path (scalar, narrow, lanes,
 * sparse, taped, packed, automatic) against hand-written derivatives, on F1
 * (extended Rosenbrock) and F2 at n = 2, 3, 4, 6, 8, 10, 50, 200, the helical
 * valley and Wood. Microseconds per call, medians of interleaved
 * rounds; each path is checked against the hand-written result first. */
#include <config.h>
#include <math.h>
#include "bench_util.h"
#include "bench_kernels.h"

enum { G_SCALAR, G_NARROW, G_LANES, G_TAPE, G_AUTO, H_SCALAR, H_LANES, H_SPARSE, H_TAPE, H_PACKED,
       H_AUTO, H_HAND, NM };
static const char *const mname[NM] = {"grad scalar", "grad narrow", "grad lanes", "grad tape", "grad auto",
                                      "hess scalar", "hess lanes", "hess sparse", "hess tape",
                                      "hess packed", "hess auto", "hess hand"};
#define ROUNDS 11
#define MAXN 200

static volatile double sink;
static double x[MAXN], g[MAXN], h[MAXN * MAXN], gref[MAXN], href[MAXN * MAXN];

typedef struct {
    int fn;
    hd_objective obj, sparse_obj;
} bcase;

static int run(const bcase *c, int m)
{
    double f = 0;
    int rc = HD_OK;
    switch (m) {
    case G_SCALAR: rc = hd_gradient_ex(&c->obj, x, &f, g, HD_PATH_SCALAR, NULL); break;
    case G_NARROW: rc = hd_gradient_ex(&c->obj, x, &f, g, HD_PATH_NARROW, NULL); break;
    case G_LANES: rc = hd_gradient_ex(&c->obj, x, &f, g, HD_PATH_LANES, NULL); break;
    case G_TAPE: rc = hd_gradient_ex(&c->obj, x, &f, g, HD_PATH_TAPE, NULL); break;
    case G_AUTO: rc = hd_gradient(&c->obj, x, &f, g); break;
    case H_SCALAR: rc = hd_hessian_ex(&c->obj, x, &f, g, h, HD_PATH_SCALAR, NULL); break;
    case H_LANES: rc = hd_hessian_ex(&c->obj, x, &f, g, h, HD_PATH_LANES, NULL); break;
    case H_SPARSE: rc = hd_hessian_ex(&c->sparse_obj, x, &f, g, h, HD_PATH_SPARSE, NULL); break;
    case H_TAPE: rc = hd_hessian_ex(&c->obj, x, &f, g, h, HD_PATH_TAPE, NULL); break;
    case H_PACKED: rc = hd_hessian_ex(&c->obj, x, &f, g, h, HD_PATH_PACKED, NULL); break;
    case H_AUTO: rc = hd_hessian(&c->sparse_obj, x, &f, g, h); break;
    default:
        if (c->fn == BENCH_ROSEN) bench_rosen_hand_hessian(c->obj.n, x, &f, g, h);
        else if (c->fn == BENCH_F2) bench_f2_hand_hessian(c->obj.n, x, &f, g, h);
    }
    sink += f;
    return rc;
}

static int check(const bcase *c, int m)
{
    const size_t n = c->obj.n;
    if (run(c, m) != HD_OK) return 0;
    for (size_t i = 0; i < n; i++)
        if (fabs(g[i] - gref[i]) > 1e-10 * (1 + fabs(gref[i]))) return 0;
    if (m >= H_SCALAR)
        for (size_t i = 0; i < n * n; i++)
            if (fabs(h[i] - href[i]) > 1e-10 * (1 + fabs(href[i]))) return 0;
    return 1;
}

static double time_us(const bcase *c, int m, long reps)
{
    const double t0 = bench_now_ns();
    for (long r = 0; r < reps; r++) run(c, m);
    return (bench_now_ns() - t0) / (double)reps / 1e3;
}

/* hd_sparse_hessian (CSR output, the pattern attached) on F1 and F2 at
 * n = 50, 100, 200: the time and its growth exponent log(t200/t50)/log 4. */
static int sparse_growth(void)
{
    static const size_t ns[] = {50, 100, 200};
    static double values[MAXN * MAXN];
    printf("\nhd_sparse_hessian (CSR output), microseconds per call, median of %d rounds:\n\n"
           "| function | n = 50 | n = 100 | n = 200 | growth 50 -> 200 |\n|---|---:|---:|---:|---:|\n",
           ROUNDS);
    for (int fn = BENCH_ROSEN; fn <= BENCH_F2; fn++) {
        double med[3];
        for (int k = 0; k < 3; k++) {
            static size_t nbox;
            const size_t n = nbox = ns[k];
            hd_objective obj = bench_set_plain.make[fn](n, &nbox);
            for (size_t i = 0; i < n; i++) x[i] = fn == BENCH_ROSEN ? (i % 2 ? 1.0 : -1.2) : 0.5 * cos((double)i);
            hd_sparsity *sp = NULL;
            if (hd_sparsity_detect(&obj, x, &sp) != HD_OK) return 1;
            double f, t[ROUNDS];
            long reps = 1;
            for (;;) {
                const double t0 = bench_now_ns();
                for (long r = 0; r < reps; r++)
                    if (hd_sparse_hessian(&obj, sp, x, &f, g, values, NULL) != HD_OK) return 1;
                if (bench_now_ns() - t0 > 3e5) break;
                reps *= 2;
            }
            for (int r = 0; r < ROUNDS; r++) {
                const double t0 = bench_now_ns();
                for (long q = 0; q < reps; q++)
                    if (hd_sparse_hessian(&obj, sp, x, &f, g, values, NULL) != HD_OK) return 1;
                t[r] = (bench_now_ns() - t0) / (double)reps / 1e3;
            }
            med[k] = bench_median(t, ROUNDS);
            hd_sparsity_free(sp);
        }
        printf("| %s | %.3g | %.3g | %.3g | n^%.2f |\n", fn == BENCH_ROSEN ? "F1" : "F2", med[0], med[1],
               med[2], log(med[2] / med[0]) / log(4.0));
    }
    return 0;
}

int main(void)
{
    static const struct { int fn; size_t n; } cfg[] = {
        {BENCH_ROSEN, 2}, {BENCH_ROSEN, 3}, {BENCH_ROSEN, 4}, {BENCH_ROSEN, 6}, {BENCH_ROSEN, 8},
        {BENCH_ROSEN, 10}, {BENCH_ROSEN, 50}, {BENCH_ROSEN, 200},
        {BENCH_F2, 2},    {BENCH_F2, 3},    {BENCH_F2, 4},    {BENCH_F2, 6},    {BENCH_F2, 8},
        {BENCH_F2, 10},   {BENCH_F2, 50},   {BENCH_F2, 200},
        {BENCH_HELICAL, 3}, {BENCH_WOOD, 4}};
    static const char *const fname[BENCH_NFUNCS] = {"F1", "F2", "Wood", "helical"};
    bench_print_cpu();
    printf("bench_drivers: microseconds per call, median of %d interleaved rounds; the\n"
           "objectives are HD_GENERIC_OBJECTIVE bodies called through the drivers. The\n"
           "sparse path has the pattern attached (hd_sparsity_detect once, not timed);\n"
           "hess auto is hd_hessian() on that objective. HD_LANES = %d.\n\n", ROUNDS, HD_LANES);
    printf("| function | n |");
    for (int m = 0; m < NM; m++) printf(" %s |", mname[m]);
    printf(" auto/hand |\n|---|---:|");
    for (int m = 0; m <= NM; m++) printf("---:|");
    printf("\n");
    for (size_t k = 0; k < sizeof cfg / sizeof *cfg; k++) {
            static size_t nbox;
            const int fn = cfg[k].fn;
            const int hand = fn == BENCH_ROSEN || fn == BENCH_F2;
            const size_t n = nbox = cfg[k].n;
            bcase c = {fn, bench_set_plain.make[fn](n, &nbox), {0}};
            for (size_t i = 0; i < n; i++)
                x[i] = fn == BENCH_ROSEN ? (i % 2 ? 1.0 : -1.2)
                     : fn == BENCH_WOOD ? (i % 2 ? -1.0 : -3.0)
                     : fn == BENCH_HELICAL ? (i ? 0.5 : -1.0) : 0.5 * cos((double)i);
            double fref;
            if (fn == BENCH_ROSEN) bench_rosen_hand_hessian(n, x, &fref, gref, href);
            else if (fn == BENCH_F2) bench_f2_hand_hessian(n, x, &fref, gref, href);
            /* no hand-written code: the reference is the scalar path */
            else if (hd_hessian_ex(&c.obj, x, &fref, gref, href, HD_PATH_SCALAR, NULL) != HD_OK) return 1;
            hd_sparsity *sp = NULL;
            if (hd_sparsity_detect(&c.obj, x, &sp) != HD_OK) return 1;
            c.sparse_obj = c.obj;
            c.sparse_obj.hess_sparsity = sp;
            /* too slow to repeat: the O(n^2)-pass dense paths at n = 200, the
             * packed path's pairs of pairs from n = 50 */
            int skip[NM] = {0};
            if (n >= 200) skip[H_SCALAR] = skip[H_LANES] = 1;
            if (n >= 50) skip[H_PACKED] = 1;
            if (!hand) skip[H_HAND] = 1;
            long reps[NM];
            for (int m = 0; m < NM; m++) {
                if (skip[m]) continue;
                if (!check(&c, m)) {
                    printf("%s n=%zu: %s disagrees with the reference derivatives\n", fname[fn], n, mname[m]);
                    return 1;
                }
                reps[m] = 1;
                while (time_us(&c, m, reps[m]) * (double)reps[m] < 300 && reps[m] < (1L << 22)) reps[m] *= 2;
            }
            double t[NM][ROUNDS], q[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                for (int mm = 0; mm < NM; mm++) {
                    const int m = (mm + r) % NM;
                    t[m][r] = skip[m] ? 0 : time_us(&c, m, reps[m]);
                }
                q[r] = hand ? t[H_AUTO][r] / t[H_HAND][r] : 0;
            }
            printf("| %s | %zu |", fname[fn], n);
            for (int m = 0; m < NM; m++) {
                if (skip[m]) printf(" - |");
                else printf(" %.3g |", bench_median(t[m], ROUNDS));
            }
            if (hand) printf(" %.1f |\n", bench_median(q, ROUNDS));
            else printf(" - |\n");
            fflush(stdout);
            hd_sparsity_free(sp);
        }
    return sparse_growth();
}
