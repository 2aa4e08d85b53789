/* curve_fit: fit an exponential decay y = A exp(-k t) + c to noisy data by
 * least squares, with standard errors, and compare the methods on it.
 *
 * The model is written once, as residuals r_i = A exp(-k t_i) + c - y_i
 * (HD_GENERIC_VECTOR_OBJECTIVE); hd_sum_of_squares makes f = Σ r_i² of it,
 * with its exact gradient and Hessian, and Levenberg-Marquardt (MINPACK's
 * lmder) minimizes f from its residuals and their exact Jacobian.
 * hd_fit_statistics gives the covariance s² (JᵀJ)⁻¹, s² = RSS/(m - p).
 *
 * The data: 40 points t = 0, 0.25, ..., 9.75 of 5 exp(-0.7 t) + 1 plus
 * Gaussian noise of standard deviation 0.05 (a fixed linear congruential
 * generator and Box-Muller), so every run sees the same numbers;
 * `curve_fit --csv` prints them as a CSV file for `hyperdual fit`.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <hyperdual.h>

#define M 40
#define P 3
static const double truth[P] = {5.0, 0.7, 1.0}; /* A, k, c */
#define NOISE 0.05

typedef struct {
    double t[M], y[M];
} dataset;

/* Uniform on (0, 1) from the 32-bit LCG of Numerical Recipes. */
static double uniform(unsigned long *state)
{
    *state = (1664525UL * *state + 1013904223UL) & 0xffffffffUL;
    return ((double)*state + 0.5) / 4294967296.0;
}

static void make_data(dataset *d)
{
    unsigned long state = 2024;
    const double pi = 3.14159265358979323846;
    for (int i = 0; i < M; i++) {
        const double u1 = uniform(&state), u2 = uniform(&state);
        const double noise = NOISE * sqrt(-2.0 * log(u1)) * cos(2.0 * pi * u2);
        d->t[i] = 0.25 * i;
        d->y[i] = truth[0] * exp(-truth[1] * d->t[i]) + truth[2] + noise;
    }
}

/* The residuals, written once: p = (A, k, c), the data in ctx. */
HD_GENERIC_VECTOR_OBJECTIVE(decay, T, p, r, data,
    const dataset *d = data;
    for (int i = 0; i < M; i++)
        r[i] = hd_sub(hd_add(hd_mul(p[0], hd_exp(hd_mul(-d->t[i], p[1]))), p[2]), d->y[i]);
)

/* The status in a word or two: hd_status_str's text up to its colon. */
static int status_len(const char *s) { return (int)strcspn(s, ":"); }

int main(int argc, char **argv)
{
    dataset d;
    make_data(&d);
    if (argc > 1 && strcmp(argv[1], "--csv") == 0) {
        printf("t,y\n");
        for (int i = 0; i < M; i++) printf("%.17g,%.17g\n", d.t[i], d.y[i]);
        return 0;
    }
    const hd_vector_objective F = decay_vector_objective(P, M, &d);
    hd_objective f;
    if (hd_sum_of_squares(&F, &f) != HD_OK) return 1;

    /* 1. The fit: Levenberg-Marquardt from a rough guess. */
    double x[P] = {2.0, 1.0, 0.0};
    hd_options opt;
    hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
    hd_result res;
    if (hd_minimize(&f, x, &opt, &res) != HD_OK) return 1;
    const char *s = hd_status_str(res.status);
    printf("Levenberg-Marquardt from (2, 1, 0): %.*s, %d iterations, %ld Jacobians, "
           "%ld residual vectors\n\n",
           status_len(s), s, res.iterations, res.jacobian_evals, res.residual_evals);

    /* 2. The statistics at the solution. */
    hd_fit_stats st;
    double cov[P * P], se[P];
    if (hd_fit_statistics(&F, x, &st, cov, se, NULL) != HD_OK) return 1;
    static const char *names[P] = {"A", "k", "c"};
    printf("parameter  estimate            std. error   true value\n");
    for (int j = 0; j < P; j++)
        printf("%-9s  %-18.12f  %-11.8f  %g\n", names[j], x[j], se[j], truth[j]);
    printf("\nRSS = %.12f with %zu degrees of freedom: s = %.6f (the noise was %g)\n", st.rss,
           st.dof, sqrt(st.s2), NOISE);
    printf("correlation of k and c: %.6f\n\n", cov[1 * P + 2] / (se[1] * se[2]));

    /* 3. The same fit by other methods, from the same start. */
    printf("method               status                        iterations  passes\n");
    const hd_method methods[] = {HD_GRADIENT_DESCENT, HD_GAUSS_NEWTON, HD_LEVENBERG_MARQUARDT,
                                 HD_NEWTON};
    for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++) {
        double y[P] = {2.0, 1.0, 0.0};
        hd_options o;
        hd_options_default(&o, methods[k]);
        o.classify_final = 1; /* every method proves its minimum the same way */
        hd_result r;
        if (hd_minimize(&f, y, &o, &r) != HD_OK) return 1;
        const char *t = hd_status_str(r.status);
        printf("%-20s %-29.*s %-11d %ld\n", hd_method_name(methods[k]), status_len(t), t,
               r.iterations, r.passes);
    }
    return 0;
}
