/* Prints, as exact hexadecimal floats, the value, gradient and Hessian of the
 * benchmark objectives on every path at sizes where a library built with
 * --enable-openmp spreads the passes over threads. tests/openmp_bits.sh runs
 * it with 1 and with 2 threads and requires the same bits. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <hyperdual.h>
#include <hyperdual/paths.h>
#include <hyperdual/sparse.h>
#include "../bench/bench_objectives.h"

static double g[200], h[200 * 200], x[200];

static int dump(const char *name, hd_objective obj, size_t n, int hessian, hd_path path)
{
    double f = 0;
    const int rc = hessian ? hd_hessian_ex(&obj, x, &f, g, h, path, NULL)
                           : hd_gradient_ex(&obj, x, &f, g, path, NULL);
    if (rc != HD_OK) return 1;
    printf("%s n=%zu %s path %d: %a\n", name, n, hessian ? "H" : "g", (int)path, f);
    for (size_t i = 0; i < n; i++) printf(" %a", g[i]);
    if (hessian)
        for (size_t i = 0; i < n * n; i++) printf(" %a", h[i]);
    printf("\n");
    return 0;
}

int main(void)
{
    static size_t sizes[] = {40, 200};
    int bad = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s];
        for (size_t i = 0; i < n; i++) x[i] = 0.3 + 0.7 * sin(1.0 + (double)i);
        hd_objective objs[2] = {bench_rosen_objective(n, &n), bench_f2_objective(n, &n)};
        const char *names[2] = {"F1", "F2"};
        for (int k = 0; k < 2; k++) {
            hd_sparsity *sp = NULL;
            if (hd_sparsity_detect(&objs[k], x, &sp) != HD_OK) return 1;
            hd_objective with = objs[k];
            with.hess_sparsity = sp;
            bad |= dump(names[k], objs[k], n, 0, HD_PATH_LANES);
            bad |= dump(names[k], with, n, 1, HD_PATH_SPARSE);
            if (n <= 40) bad |= dump(names[k], objs[k], n, 1, HD_PATH_LANES);
            hd_sparsity_free(sp);
        }
    }
    return bad;
}
