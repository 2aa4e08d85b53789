// make bench-peers: the benchmark functions as templates for the C++ peers,
// and the method each peer translation unit defines.
#ifndef HYPERDUAL_BENCH_PEERS_H
#define HYPERDUAL_BENCH_PEERS_H

#include <cmath>
#include <cstddef>

#include "peer_configs.h"

// The functions as the peers' documentation writes them: templates on the
// scalar type T, the sum started at T(0) and accumulated with +=. K is the
// type that constants take (double, or the inner Jet for Jet<Jet>, which
// has no double operators). The peers' functions are found by ADL.
template <class T, class K> T peer_f1(const T *x, int n)
{
    T s(K(0.0));
    for (int i = 0; i + 1 < n; i += 2) {
        T a = x[i + 1] - x[i] * x[i];
        T b = K(1.0) - x[i];
        s += K(100.0) * (a * a) + b * b;
    }
    return s;
}
template <class T, class K> T peer_f2(const T *x, int n)
{
    using std::exp; using std::log; using std::sin; using std::tanh;
    T s(K(0.0));
    for (int i = 0; i < n; i++) {
        const int j = i + 1 < n ? i + 1 : 0;
        s += exp(sin(x[i]) * x[j]) + log(K(1.0) + x[i] * x[i]) * tanh(x[i]);
    }
    return s;
}
// MGH helical valley; theta = atan2(x1, x0)/(2 pi), which is MGH's
// atan(x1/x0)/(2 pi) (+ 1/2 for x0 < 0) wherever x1 >= 0 (Eigen has no atan).
template <class T, class K> T peer_helical(const T *x, int)
{
    using std::atan2; using std::sqrt;
    T theta = atan2(x[1], x[0]) / K(2 * 3.14159265358979323846);
    T f1 = K(10.0) * (x[2] - K(10.0) * theta);
    T f2 = K(10.0) * (sqrt(x[0] * x[0] + x[1] * x[1]) - K(1.0));
    return f1 * f1 + f2 * f2 + x[2] * x[2];
}
template <class T, class K> T peer_wood(const T *x, int)
{
    T a = x[1] - x[0] * x[0], b = K(1.0) - x[0], c = x[3] - x[2] * x[2], d = K(1.0) - x[2];
    T e = x[1] - K(1.0), f = x[3] - K(1.0);
    return K(100.0) * (a * a) + b * b + K(90.0) * (c * c) + d * d + K(10.1) * (e * e + f * f)
           + K(19.8) * (e * f);
}
// The function FN, chosen at compile time.
template <int FN, class T, class K = double> T peer_eval(const T *x, int n)
{
    if constexpr (FN == P_F1) return peer_f1<T, K>(x, n);
    else if constexpr (FN == P_F2) return peer_f2<T, K>(x, n);
    else if constexpr (FN == P_HELICAL) return peer_helical<T, K>(x, n);
    else return peer_wood<T, K>(x, n);
}

// The nested Hessian peers (Eigen nested, Jet<Jet>) run up to this n. At
// n = 200 a fixed-size nested value is 201 * 201 doubles, 320 KB, over
// Eigen's EIGEN_STACK_ALLOCATION_LIMIT of 128 KB (a compile-time error).
// Measured when this was written (AMD EPYC, g++ -O2, 8 MB stack): with that
// limit lifted, Jet<Jet<double, 200>, 200> takes 74 ms (F1) and 117 ms (F2)
// per Hessian; the dynamic-size nested AutoDiffScalar<VectorXd> 85 and 76 ms
// even with empty inner seeds; both over this benchmark's 50 ms budget.
// Above it the peer's row has a null run (bench_peers prints "not run"); the
// peer files pick it with `if constexpr`, so no nested type of that size is
// ever instantiated.
enum { PEER_NESTED_MAX_N = 50 };

#endif
