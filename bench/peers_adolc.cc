// ADOL-C: the function is taped once per configuration (on the first call;
// the taping is timed apart), then gradient() or hessian() replay the tape.
// One configuration per translation unit (-DPEER_FN, -DPEER_N,
// -DPEER_HESSIAN), like the other peers, though the replay's time is spent
// in libadolc.
#include <adolc/adolc.h>
#include <vector>
#include "peers.h"

namespace {
constexpr int FN = PEER_FN, N = PEER_N;
// A tag of its own for every configuration, the same for its gradient and
// its Hessian (ADOL-C keeps a Taylor buffer per tag, 32 at most); TIMING_TAG
// for timing the taping.
constexpr short TAG = (short)(1 + 10 * FN + 100 * N), TIMING_TAG = 1;
static_assert(10 * 3 + 100 * 200 + 1 < 32767, "tags fit a short");

void tape(short tag, const double *x)
{
    std::vector<adouble> ax(N);
    adouble ay;
    double y;
    trace_on(tag);
    for (int i = 0; i < N; i++) ax[i] <<= x[i];
    ay = peer_eval<FN>(ax.data(), N);
    ay >>= y;
    trace_off();
}

void taped_once(const double *x)
{
    static bool done = false;
    if (!done) tape(TAG, x);
    done = true;
}

void adolc_grad(const double *x, double *f, double *g, double *)
{
    taped_once(x);
    function(TAG, 1, N, const_cast<double *>(x), f);
    gradient(TAG, N, x, g);
}

void adolc_hess(const double *x, double *f, double *g, double *h)
{
    static double rows[N][N];
    static double *H[N];
    taped_once(x);
    for (int i = 0; i < N; i++) H[i] = rows[i];
    function(TAG, 1, N, const_cast<double *>(x), f);
    gradient(TAG, N, x, g);
    hessian(TAG, N, const_cast<double *>(x), H);
    for (int i = 0; i < N; i++)
        for (int j = 0; j <= i; j++) h[i * N + j] = h[j * N + i] = H[i][j];
}

// Taping cost, for the report (a tag no configuration uses).
double tape_ns(const double *x, int reps)
{
    timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < reps; r++) tape(TIMING_TAG, x);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / reps;
}
} // namespace

extern const peer_method PEER_THIS(adolc);
const peer_method PEER_THIS(adolc) = {"ADOL-C", PEER_HESSIAN, FN, N,
                                      PEER_HESSIAN ? adolc_hess : adolc_grad,
                                      PEER_HESSIAN ? nullptr : tape_ns};
