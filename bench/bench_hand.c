/* Hand-written double versions of the benchmark objectives, the yardstick
 * for the generic bodies evaluated as double. Same operations, same order. */
#include <math.h>
#include <stddef.h>
#include <string.h>
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

void bench_rosen_hand_hessian(size_t n, const double *x, double *fx, double *grad, double *hess)
{
    if (hess) memset(hess, 0, n * n * sizeof *hess);
    double s = 0.0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        const double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
        s += 100.0 * a * a + b * b;
        grad[i] = -400.0 * x[i] * a - 2.0 * b;
        grad[i + 1] = 200.0 * a;
        if (!hess) continue;
        hess[i * n + i] = 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
        hess[i * n + i + 1] = hess[(i + 1) * n + i] = -400.0 * x[i];
        hess[(i + 1) * n + i + 1] = 200.0;
    }
    if (n % 2) grad[n - 1] = 0.0;
    *fx = s;
}

/* term i: exp(sin(x_i) x_j) + log(1 + x_i^2) tanh(x_i), j = i + 1 (cyclic) */
void bench_f2_hand_hessian(size_t n, const double *x, double *fx, double *grad, double *hess)
{
    if (hess) memset(hess, 0, n * n * sizeof *hess);
    memset(grad, 0, n * sizeof *grad);
    double s = 0.0;
    for (size_t i = 0; i < n; i++) {
        const size_t j = i + 1 < n ? i + 1 : 0;
        const double si = sin(x[i]), ci = cos(x[i]), e = exp(si * x[j]);
        const double ui = ci * x[j], uj = si; /* gradient of u = sin(x_i) x_j */
        const double q = 1.0 + x[i] * x[i], l = log(q), t = tanh(x[i]);
        const double l1 = 2.0 * x[i] / q, l2 = 2.0 * (1.0 - x[i] * x[i]) / (q * q);
        const double t1 = 1.0 - t * t, t2 = -2.0 * t * t1;
        s += e + l * t;
        grad[i] += e * ui + l1 * t + l * t1;
        grad[j] += e * uj;
        if (!hess) continue;
        hess[i * n + i] += e * (ui * ui - si * x[j]) + l2 * t + 2.0 * l1 * t1 + l * t2;
        hess[j * n + j] += e * uj * uj;
        const double hij = e * (ui * uj + ci);
        hess[i * n + j] += hij;
        hess[j * n + i] += hij;
    }
    *fx = s;
}
