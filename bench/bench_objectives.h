/* The benchmark objectives, each body written once with HD_GENERIC_OBJECTIVE.
 * ctx points to the size_t n. Included by bench_kernels.c twice over (once
 * plain, once with HD_NANSAFE), so every kernel is compiled both ways. */
#ifndef HYPERDUAL_BENCH_OBJECTIVES_H
#define HYPERDUAL_BENCH_OBJECTIVES_H

#include <hyperdual.h>

/* F1, extended Rosenbrock (More, Garbow, Hillstrom 1981, problem 21). */
HD_GENERIC_OBJECTIVE(bench_rosen, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i + 1 < n; i += 2) {
        T a = hd_sub(x[i + 1], hd_sq(x[i]));
        T b = hd_sub(1, x[i]);
        s = hd_add(s, hd_add(hd_mul(100, hd_sq(a)), hd_sq(b)));
    }
    return s;
)

/* F2 = sum_i exp(sin(x_i) x_{i+1}) + log(1 + x_i^2) tanh(x_i), cyclic. */
HD_GENERIC_OBJECTIVE(bench_f2, T, x, ctx,
    const size_t n = *(const size_t *)ctx;
    T s = (T){0};
    for (size_t i = 0; i < n; i++) {
        const size_t j = i + 1 < n ? i + 1 : 0;
        T e = hd_exp(hd_mul(hd_sin(x[i]), x[j]));
        T l = hd_mul(hd_log(hd_add(1, hd_sq(x[i]))), hd_tanh(x[i]));
        s = hd_add(s, hd_add(e, l));
    }
    return s;
)

/* Wood (n = 4) and the helical valley (n = 3), More, Garbow, Hillstrom, as
 * the peers in bench/peers.h write them (sqrt(x0^2 + x1^2), not hypot). */
HD_GENERIC_OBJECTIVE(bench_wood, T, x, ctx,
    T a = hd_mul(100, hd_sq(hd_sub(x[1], hd_sq(x[0]))));
    T b = hd_sq(hd_sub(1, x[0]));
    T c = hd_mul(90, hd_sq(hd_sub(x[3], hd_sq(x[2]))));
    T d = hd_sq(hd_sub(1, x[2]));
    T e = hd_mul(10.1, hd_add(hd_sq(hd_sub(x[1], 1)), hd_sq(hd_sub(x[3], 1))));
    T f = hd_mul(19.8, hd_mul(hd_sub(x[1], 1), hd_sub(x[3], 1)));
    return hd_add(hd_add(hd_add(a, b), hd_add(c, d)), hd_add(e, f));
)
HD_GENERIC_OBJECTIVE(bench_helical, T, x, ctx,
    T theta = hd_div(hd_atan2(x[1], x[0]), 2 * 3.14159265358979323846);
    T f1 = hd_mul(10, hd_sub(x[2], hd_mul(10, theta)));
    T f2 = hd_mul(10, hd_sub(hd_sqrt(hd_add(hd_sq(x[0]), hd_sq(x[1]))), 1));
    return hd_add(hd_add(hd_sq(f1), hd_sq(f2)), hd_sq(x[2]));
)

#endif
