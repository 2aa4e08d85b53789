// Eigen AutoDiffScalar, fixed size, for a gradient, and nested for a
// Hessian: one configuration per translation unit (-DPEER_FN, -DPEER_N,
// -DPEER_HESSIAN).
#include <Eigen/Dense>
#include <unsupported/Eigen/AutoDiff>
#include "peers.h"

namespace {
constexpr int FN = PEER_FN, N = PEER_N;
template <int M> using Grad = Eigen::AutoDiffScalar<Eigen::Matrix<double, M, 1>>;
template <int M> using Nested = Eigen::AutoDiffScalar<Eigen::Matrix<Grad<M>, M, 1>>;

void eigen_grad(const double *x, double *f, double *g, double *)
{
    Grad<N> v[N];
    for (int i = 0; i < N; i++) v[i] = Grad<N>(x[i], N, i);
    const Grad<N> r = peer_eval<FN>(v, N);
    *f = r.value();
    for (int i = 0; i < N; i++) g[i] = r.derivatives()[i];
}

template <int M> void eigen_hess(const double *x, double *f, double *g, double *h)
{
    Nested<M> v[M];
    for (int i = 0; i < M; i++) {
        v[i].value() = Grad<M>(x[i], M, i);
        v[i].derivatives() = Eigen::Matrix<Grad<M>, M, 1>::Unit(M, i);
        for (int j = 0; j < M; j++) v[i].derivatives()(j).derivatives().setZero();
    }
    const Nested<M> r = peer_eval<FN>(v, M);
    *f = r.value().value();
    for (int i = 0; i < M; i++) {
        g[i] = r.value().derivatives()[i];
        for (int j = 0; j < M; j++) h[i * M + j] = r.derivatives()(i).derivatives()[j];
    }
}

constexpr peer_run run()
{
    if constexpr (!PEER_HESSIAN) return eigen_grad;
    else if constexpr (N <= PEER_NESTED_MAX_N) return eigen_hess<N>;
    else return nullptr;
}
} // namespace

extern const peer_method PEER_THIS(eigen);
const peer_method PEER_THIS(eigen) = {PEER_HESSIAN ? "Eigen nested" : "Eigen", PEER_HESSIAN, FN, N,
                                      run(), nullptr};
