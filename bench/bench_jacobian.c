/* The Jacobian's paths side by side (lib/diff/path_kinds.h's thresholds for
 * hd_jacobian): microseconds per Jacobian of a fit-like vector function of
 * n parameters and m = 50 residuals, r_i = Σ_j x_j exp(-t_i x_j / (j+1)) - 1,
 * on the scalar path (n dual passes), the narrow path (hd_dual4 passes of
 * four columns, one hd_dual2 pass up to n = 2) and the lane path
 * (ceil(n/HD_LANES) hd_dualv passes); median of 7 rounds. */
#include <config.h>
#include <stdio.h>
#include <hyperdual.h>
#include <hyperdual/paths.h>
#include "bench_util.h"

#define M 50
#define MAX_N 20

HD_GENERIC_VECTOR_OBJECTIVE(model, T, x, r, ctx,
    const size_t n = *(const size_t *)ctx;
    for (int i = 0; i < M; i++) {
        const double t = 0.1 * i;
        T s = hd_const(T, 0.0);
        for (size_t j = 0; j < n; j++)
            s = hd_add(s, hd_mul(x[j], hd_exp(hd_mul(-t / (double)(j + 1), x[j]))));
        r[i] = hd_sub(s, 1.0);
    })

int main(void)
{
    static const hd_path paths[] = {HD_PATH_SCALAR, HD_PATH_NARROW, HD_PATH_LANES, HD_PATH_AUTO};
    static const char *names[] = {"scalar", "narrow", "lanes", "auto"};
    bench_print_cpu();
    printf("Jacobian of m = %d residuals, microseconds (median of 7)\n\n%4s", M, "n");
    for (int k = 0; k < 4; k++) printf(" %9s", names[k]);
    printf("\n");
    for (size_t n = 1; n <= MAX_N; n++) {
        size_t dim = n;
        const hd_vector_objective F = model_vector_objective(n, M, &dim);
        double x[MAX_N], r[M], jac[M * MAX_N];
        for (size_t j = 0; j < n; j++) x[j] = 0.5 + 0.1 * (double)j;
        printf("%4zu", n);
        for (int k = 0; k < 4; k++) {
            double rounds[7];
            const int reps = 400;
            for (int q = 0; q < 7; q++) {
                const double t0 = bench_now_ns();
                for (int i = 0; i < reps; i++)
                    if (hd_jacobian_ex(&F, x, r, jac, paths[k], NULL) != HD_OK) return 1;
                rounds[q] = (bench_now_ns() - t0) / reps / 1e3;
            }
            printf(" %9.2f", bench_median(rounds, 7));
        }
        printf("\n");
    }
    return 0;
}
