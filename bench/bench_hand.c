/* Hand-written double versions of the benchmark objectives, the yardstick
 * for the generic bodies evaluated as double. Same operations, same order. */
#include <math.h>
#include <stddef.h>
#include "bench_kernels.h"

double bench_rosen_hand(const double *x, void *ctx)
{
    const size_t n = *(const size_t *)ctx;
    double s = 0.0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        const double a = x[i + 1] - x[i] * x[i];
        const double b = 1.0 - x[i];
        s += 100.0 * (a * a) + b * b;
    }
    return s;
}

double bench_f2_hand(const double *x, void *ctx)
{
    const size_t n = *(const size_t *)ctx;
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        const size_t j = i + 1 < n ? i + 1 : 0;
        s += exp(sin(x[i]) * x[j]) + log(1.0 + x[i] * x[i]) * tanh(x[i]);
    }
    return s;
}
