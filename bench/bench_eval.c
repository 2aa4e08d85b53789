/* make bench: the cost of one evaluation of each number type against plain
 * double code, on a cheap polynomial (extended Rosenbrock) and a
 * transcendental function (F2), at several n.
 *
 * Every method is timed in every round, rounds interleave the methods, and
 * each ratio is taken within a round before the median over rounds, so a
 * slow moment of a shared machine hits both sides of a ratio. All objectives
 * are called through function pointers into another translation unit, as the
 * drivers call them. */
#include <config.h>
#include <math.h>
#include "bench_util.h"
#include "bench_kernels.h"

enum { M_HAND, M_GENERIC, M_DUAL, M_HYPER, M_GENERIC_NS, M_DUAL_NS, M_HYPER_NS, M_COUNT };
static const char *const method_name[M_COUNT] = {
    "double(hand)", "double(generic)", "dual", "hyper",
    "double(generic,nansafe)", "dual(nansafe)", "hyper(nansafe)"};

#define ROUNDS 41
#define MAXN 64

static volatile double sink;

typedef struct {
    hd_fn hand;
    hd_objective plain, nansafe;
    double x[MAXN];
    hd_dual xd[MAXN];
    hd_hyper xh[MAXN];
} bench_case;

/* ns per evaluation of method m, over reps evaluations. */
static double time_method(const bench_case *c, int m, long reps)
{
    const hd_objective *o = m >= M_GENERIC_NS ? &c->nansafe : &c->plain;
    double acc = 0.0;
    const double t0 = bench_now_ns();
    switch (m) {
    case M_HAND:
        for (long r = 0; r < reps; r++) acc += c->hand(c->x, o->ctx);
        break;
    case M_GENERIC:
    case M_GENERIC_NS:
        for (long r = 0; r < reps; r++) acc += o->f(c->x, o->ctx);
        break;
    case M_DUAL:
    case M_DUAL_NS:
        for (long r = 0; r < reps; r++) acc += o->f_dual(c->xd, o->ctx).d1;
        break;
    default:
        for (long r = 0; r < reps; r++) acc += o->f_hyper(c->xh, o->ctx).d12;
        break;
    }
    const double t1 = bench_now_ns();
    sink += acc;
    return (t1 - t0) / (double)reps;
}

/* Enough repetitions that one batch of hand-written double code takes ~20 µs. */
static long calibrate(const bench_case *c)
{
    long reps = 1;
    while (reps < (1L << 24)) {
        if (time_method(c, M_HAND, reps) * (double)reps > 2e4) break;
        reps *= 2;
    }
    return reps;
}

static void run_case(int fn, size_t n, double med[M_COUNT], double ratio[M_COUNT])
{
    static size_t nbox;
    nbox = n;
    bench_case c;
    c.hand = fn == BENCH_ROSEN ? bench_rosen_hand : bench_f2_hand;
    c.plain = bench_set_plain.make[fn](n, &nbox);
    c.nansafe = bench_set_nansafe.make[fn](n, &nbox);
    for (size_t i = 0; i < n; i++) {
        c.x[i] = fn == BENCH_ROSEN ? (i % 2 ? 1.0 : -1.2) : 0.5 * cos((double)i);
        c.xd[i] = hd_dual_const(c.x[i]);
        c.xh[i] = hd_hyper_const(c.x[i]);
    }
    /* Seeded as the drivers seed: one gradient direction, one Hessian pair. */
    c.xd[0].d1 = 1.0;
    c.xh[0].d1 = 1.0;
    c.xh[n > 1 ? 1 : 0].d2 = 1.0;

    const long reps = calibrate(&c);
    double t[M_COUNT][ROUNDS], q[M_COUNT][ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        for (int m = 0; m < M_COUNT; m++) t[m][r] = time_method(&c, (m + r) % M_COUNT, reps);
        /* the rotation above started at (m + r): undo it */
        double tt[M_COUNT];
        for (int m = 0; m < M_COUNT; m++) tt[(m + r) % M_COUNT] = t[m][r];
        for (int m = 0; m < M_COUNT; m++) t[m][r] = tt[m];
        for (int m = 0; m < M_COUNT; m++) q[m][r] = t[m][r] / t[M_HAND][r];
    }
    for (int m = 0; m < M_COUNT; m++) {
        med[m] = bench_median(t[m], ROUNDS);
        ratio[m] = bench_median(q[m], ROUNDS);
    }
}

int main(void)
{
    static const size_t sizes[] = {2, 10, 50};
    static const char *const fname[] = {"F1 rosenbrock", "F2 transcendental"};
    bench_print_cpu();
    printf("bench_eval: ns per evaluation, median of %d interleaved rounds; ratios to\n"
           "hand-written double code taken within each round, then the median.\n\n", ROUNDS);
    double nansafe_dual[BENCH_NFUNCS] = {0}, nansafe_hyper[BENCH_NFUNCS] = {0};
    for (int fn = 0; fn <= BENCH_F2; fn++) {
        printf("%s\n", fname[fn]);
        printf("| n | method | ns/eval | ratio to double |\n|---:|---|---:|---:|\n");
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            double med[M_COUNT], ratio[M_COUNT];
            run_case(fn, sizes[k], med, ratio);
            for (int m = 0; m < M_COUNT; m++)
                printf("| %zu | %s | %.1f | %.3f |\n", sizes[k], method_name[m], med[m], ratio[m]);
            /* NaN-safe cost: its ratio over the plain kernel's, at the largest n */
            nansafe_dual[fn] = ratio[M_DUAL_NS] / ratio[M_DUAL];
            nansafe_hyper[fn] = ratio[M_HYPER_NS] / ratio[M_HYPER];
        }
        printf("\n");
    }
    printf("NaN-safe mode cost (n = %zu, nansafe/plain): F1 dual %.3f hyper %.3f, "
           "F2 dual %.3f hyper %.3f\n",
           sizes[sizeof sizes / sizeof *sizes - 1], nansafe_dual[0], nansafe_hyper[0],
           nansafe_dual[1], nansafe_hyper[1]);
    return 0;
}
