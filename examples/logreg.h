/* The tiny model of random_search_vs_gradient.c and train_tiny_model.c:
 * L2-regularised logistic regression on generated data.
 *
 *   loss(w) = (1/m) sum_i [ softplus(z_i) - y_i z_i ] + (lambda/2) |w|^2,
 *   z_i = w . x_i,
 *
 * the mean negative log-likelihood of labels y_i in {0, 1} under
 * P(y = 1) = sigmoid(z). Feature 0 is the constant 1 (the bias), the others
 * are standard normal; labels are drawn from the model with known weights.
 * The generator is a local xorshift (no global state), so every run sees the
 * same data.
 */
#ifndef EXAMPLES_LOGREG_H
#define EXAMPLES_LOGREG_H

#include <math.h>
#include <stdlib.h>
#include <hyperdual.h>

typedef struct {
    size_t m, d;      /* samples, parameters (features including the bias) */
    double *X;        /* m*d, row-major */
    double *y;        /* m labels, 0 or 1 */
    double lambda;    /* L2 weight: keeps the minimum unique */
} logreg_data;

/* xorshift64*: a uniform double in (0, 1). */
static inline double logreg_uniform(unsigned long long *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return ((*s * 2685821657736338717ULL) >> 11) * 0x1.0p-53 + 0x1.0p-54;
}

/* Standard normal by Box-Muller. */
static inline double logreg_normal(unsigned long long *s)
{
    const double u = logreg_uniform(s), v = logreg_uniform(s);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* m samples with d parameters; feature j (after the bias) is scaled by
 * spread^(t - 1/2), t from 0 to 1, so spread > 1 makes the loss's curvature
 * differ by about spread^2 between directions (an ill-conditioned problem).
 * Returns 0, or -1 when out of memory. */
static inline int logreg_make(logreg_data *D, size_t m, size_t d, double spread,
                              unsigned long long seed)
{
    unsigned long long s = seed ? seed : 1;
    D->m = m;
    D->d = d;
    D->lambda = 1e-2;
    D->X = malloc(m * d * sizeof *D->X);
    D->y = malloc(m * sizeof *D->y);
    double *w_true = malloc(d * sizeof *w_true);
    if (!D->X || !D->y || !w_true) {
        free(D->X);
        free(D->y);
        free(w_true);
        return -1;
    }
    for (size_t j = 0; j < d; j++) w_true[j] = logreg_normal(&s) / sqrt((double)d) * 3.0;
    for (size_t i = 0; i < m; i++) {
        double z = w_true[0];
        D->X[i * d] = 1.0; /* the bias feature */
        for (size_t j = 1; j < d; j++) {
            const double t = d > 2 ? (double)(j - 1) / (double)(d - 2) : 0.5;
            D->X[i * d + j] = logreg_normal(&s) * pow(spread, t - 0.5);
            z += w_true[j] * D->X[i * d + j];
        }
        D->y[i] = logreg_uniform(&s) < 1.0 / (1.0 + exp(-z)) ? 1.0 : 0.0;
    }
    free(w_true);
    return 0;
}

static inline void logreg_free(logreg_data *D)
{
    free(D->X);
    free(D->y);
}

/* The loss, written once for every number type. */
HD_GENERIC_OBJECTIVE(logreg, T, w, ctx,
    const logreg_data *D = ctx;
    T loss = (T){0};
    for (size_t i = 0; i < D->m; i++) {
        const double *xi = D->X + i * D->d;
        T z = (T){0};
        for (size_t j = 0; j < D->d; j++) z = hd_add(z, hd_mul(w[j], xi[j]));
        loss = hd_add(loss, hd_sub(hd_softplus(z), hd_mul(D->y[i], z)));
    }
    T reg = (T){0};
    for (size_t j = 0; j < D->d; j++) reg = hd_add(reg, hd_sq(w[j]));
    return hd_add(hd_div(loss, (double)D->m), hd_mul(0.5 * D->lambda, reg));
)

/* The gradient written by hand, for an independent check of the library's:
 * (1/m) X^T (sigmoid(Xw) - y) + lambda w. */
static inline void logreg_gradient_by_hand(const logreg_data *D, const double *w, double *g)
{
    for (size_t j = 0; j < D->d; j++) g[j] = D->lambda * w[j];
    for (size_t i = 0; i < D->m; i++) {
        const double *xi = D->X + i * D->d;
        double z = 0;
        for (size_t j = 0; j < D->d; j++) z += w[j] * xi[j];
        const double r = (1.0 / (1.0 + exp(-z)) - D->y[i]) / (double)D->m;
        for (size_t j = 0; j < D->d; j++) g[j] += r * xi[j];
    }
}

#endif /* EXAMPLES_LOGREG_H */
