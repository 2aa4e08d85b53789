// Ceres Jet<double, N> for gradients and Jet<Jet<double, N>, N> for Hessians.
#include <ceres/jet.h>
#include "peers.h"

template <int FN, int N> static void jet_grad(const double *x, double *f, double *g, double *)
{
    typedef ceres::Jet<double, N> J;
    J v[N];
    for (int i = 0; i < N; i++) v[i] = J(x[i], i);
    const J r = peer_eval(FN, v, N);
    *f = r.a;
    for (int i = 0; i < N; i++) g[i] = r.v[i];
}
template <int FN, int N> static void jet_hess(const double *x, double *f, double *g, double *h)
{
    typedef ceres::Jet<double, N> J;
    typedef ceres::Jet<J, N> JJ;
    JJ v[N];
    for (int i = 0; i < N; i++) {
        v[i] = JJ(J(x[i], i), i);
    }
    const JJ r = peer_eval<JJ, J>(FN, v, N);
    *f = r.a.a;
    for (int i = 0; i < N; i++) {
        g[i] = r.a.v[i];
        for (int j = 0; j < N; j++) h[i * N + j] = r.v[i].v[j];
    }
}
template <int FN, int N> constexpr peer_run jet_nested()
{
    if constexpr (N <= PEER_NESTED_MAX_N) return jet_hess<FN, N>;
    else return nullptr;
}
#define JET_ROW(fn, n) {"Jet", 0, fn, n, jet_grad<fn, n>}, {"Jet<Jet>", 1, fn, n, jet_nested<fn, n>()},
const peer_method peers_ceres[] = {PEER_CONFIGS(JET_ROW)};
const int peers_ceres_count = sizeof peers_ceres / sizeof *peers_ceres;
