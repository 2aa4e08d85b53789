// Eigen AutoDiffScalar, fixed size: gradient, and nested for the Hessian.
#include <Eigen/Dense>
#include <unsupported/Eigen/AutoDiff>
#include "peers.h"

template <int N> using Grad = Eigen::AutoDiffScalar<Eigen::Matrix<double, N, 1>>;
template <int N> using Nested = Eigen::AutoDiffScalar<Eigen::Matrix<Grad<N>, N, 1>>;

template <int FN, int N> static void eigen_grad(const double *x, double *f, double *g, double *)
{
    Grad<N> v[N];
    for (int i = 0; i < N; i++) v[i] = Grad<N>(x[i], N, i);
    const Grad<N> r = peer_eval(FN, v, N);
    *f = r.value();
    for (int i = 0; i < N; i++) g[i] = r.derivatives()[i];
}
template <int FN, int N> static void eigen_hess(const double *x, double *f, double *g, double *h)
{
    Nested<N> v[N];
    for (int i = 0; i < N; i++) {
        v[i].value() = Grad<N>(x[i], N, i);
        v[i].derivatives() = Eigen::Matrix<Grad<N>, N, 1>::Unit(N, i);
        for (int j = 0; j < N; j++) v[i].derivatives()(j).derivatives().setZero();
    }
    const Nested<N> r = peer_eval(FN, v, N);
    *f = r.value().value();
    for (int i = 0; i < N; i++) {
        g[i] = r.value().derivatives()[i];
        for (int j = 0; j < N; j++) h[i * N + j] = r.derivatives()(i).derivatives()[j];
    }
}
template <int FN, int N> constexpr peer_run eigen_nested()
{
    if constexpr (N <= PEER_NESTED_MAX_N) return eigen_hess<FN, N>;
    else return nullptr;
}
#define EIGEN_ROW(fn, n) {"Eigen", 0, fn, n, eigen_grad<fn, n>}, {"Eigen nested", 1, fn, n, eigen_nested<fn, n>()},
const peer_method peers_eigen[] = {PEER_CONFIGS(EIGEN_ROW)};
const int peers_eigen_count = sizeof peers_eigen / sizeof *peers_eigen;
