// ADOL-C: the function is taped once per configuration (timed apart, in
// bench_peers.cc), then gradient() and hessian() replay the tape.
#include <adolc/adolc.h>
#include <vector>
#include "peers.h"

static void tape(short tag, int fn, int n, const double *x)
{
    std::vector<adouble> ax(n);
    adouble ay;
    double y;
    trace_on(tag);
    for (int i = 0; i < n; i++) ax[i] <<= x[i];
    ay = peer_eval(fn, ax.data(), n);
    ay >>= y;
    trace_off();
}

// Tag per configuration: taped lazily on the first call (bench_peers calls
// every method once, untimed, to check it).
template <int FN, int N> static short tag_of(const double *x)
{
    static short tag = -1;
    if (tag < 0) {
        tag = (short)(10 * FN + (N % 10) + 100 * (N / 10));
        tape(tag, FN, N, x);
    }
    return tag;
}
template <int FN, int N> static void adolc_grad(const double *x, double *f, double *g, double *)
{
    const short tag = tag_of<FN, N>(x);
    function(tag, 1, N, const_cast<double *>(x), f);
    gradient(tag, N, x, g);
}
template <int FN, int N> static void adolc_hess(const double *x, double *f, double *g, double *h)
{
    const short tag = tag_of<FN, N>(x);
    static double rows[N][N];
    static double *H[N];
    for (int i = 0; i < N; i++) H[i] = rows[i];
    function(tag, 1, N, const_cast<double *>(x), f);
    gradient(tag, N, x, g);
    hessian(tag, N, const_cast<double *>(x), H);
    for (int i = 0; i < N; i++)
        for (int j = 0; j <= i; j++) h[i * N + j] = h[j * N + i] = H[i][j];
}
#define ADOLC_ROW(fn, n) {"ADOL-C", 0, fn, n, adolc_grad<fn, n>}, {"ADOL-C", 1, fn, n, adolc_hess<fn, n>},
const peer_method peers_adolc[] = {PEER_CONFIGS(ADOLC_ROW)};
const int peers_adolc_count = sizeof peers_adolc / sizeof *peers_adolc;

// Taping cost, for the report.
double peers_adolc_tape_ns(int fn, int n, const double *x, int reps);
double peers_adolc_tape_ns(int fn, int n, const double *x, int reps)
{
    timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < reps; r++) tape(99, fn, n, x);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / reps;
}
