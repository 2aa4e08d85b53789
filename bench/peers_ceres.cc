// Ceres Jet<double, N> for a gradient, Jet<Jet<double, N>, N> for a Hessian:
// one configuration per translation unit (-DPEER_FN, -DPEER_N, -DPEER_HESSIAN).
#include <ceres/jet.h>
#include "peers.h"

namespace {
constexpr int FN = PEER_FN, N = PEER_N;
typedef ceres::Jet<double, N> J;

void jet_grad(const double *x, double *f, double *g, double *)
{
    J v[N];
    for (int i = 0; i < N; i++) v[i] = J(x[i], i);
    const J r = peer_eval<FN>(v, N);
    *f = r.a;
    for (int i = 0; i < N; i++) g[i] = r.v[i];
}

template <int M> void jet_hess(const double *x, double *f, double *g, double *h)
{
    typedef ceres::Jet<J, M> JJ;
    JJ v[M];
    for (int i = 0; i < M; i++) v[i] = JJ(J(x[i], i), i);
    const JJ r = peer_eval<FN, JJ, J>(v, M);
    *f = r.a.a;
    for (int i = 0; i < M; i++) {
        g[i] = r.a.v[i];
        for (int j = 0; j < M; j++) h[i * M + j] = r.v[i].v[j];
    }
}

constexpr peer_run run()
{
    if constexpr (!PEER_HESSIAN) return jet_grad;
    else if constexpr (N <= PEER_NESTED_MAX_N) return jet_hess<N>;
    else return nullptr;
}
} // namespace

extern const peer_method PEER_THIS(ceres);
const peer_method PEER_THIS(ceres) = {PEER_HESSIAN ? "Jet<Jet>" : "Jet", PEER_HESSIAN, FN, N, run(),
                                      nullptr};
