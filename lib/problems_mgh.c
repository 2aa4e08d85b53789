/* The 35 problems of J. J. Moré, B. S. Garbow and K. E. Hillstrom, "Testing
 * Unconstrained Optimization Software", ACM TOMS 7(1):17-41, 1981 (MGH),
 * numbered as there. Each is a sum of squares f = sum_i r_i(x)^2 (not half of
 * it), written once, as its residuals r_i (a generic vector body): the
 * objective sums their squares on every kind (HD__SUM_OF_SQUARES), Gauss-
 * Newton and Levenberg-Marquardt use them directly, and exact gradients,
 * Jacobians and Hessians come from the drivers. Standard starting points and
 * minima f* are the paper's; where the NIST StRD certifies a problem's
 * minimum (MGH09, MGH10, MGH17) we use its 11-digit value, and f_star_tol
 * records the precision of every published f*.
 *
 * Variable-n problems read n from ctx (HD__CTX_TO_N); problems whose number
 * of residuals m is free use the fixed choice stated in their note.
 */
#include <config.h>
#include <math.h>
#include "problems_internal.h"

#define TWO_PI 6.283185307179586476925286766559

/* ---- #1 Rosenbrock --------------------------------------------------------- */
HD__FIXED_RESIDUALS_OF(rosenbrock, 2, T, x, r, ctx,
    r[0] = hd_mul(10, hd_sub(x[1], hd_sq(x[0])));
    r[1] = hd_sub(1, x[0]);
)
HD__FIXED_RESIDUALS(rosenbrock, 2, 2)
HD__FIXED_PROBLEM(rosenbrock, -1.2, 1.0)
HD__X_STAR(rosenbrock, 2, 1, 1)

/* ---- #2 Freudenstein and Roth --------------------------------------------- */
HD__FIXED_RESIDUALS_OF(freudenstein_roth, 2, T, x, r, ctx,
    r[0] = hd_add(hd_add(-13, x[0]), hd_mul(hd_sub(hd_mul(hd_sub(5, x[1]), x[1]), 2), x[1]));
    r[1] = hd_add(hd_add(-29, x[0]), hd_mul(hd_sub(hd_mul(hd_add(x[1], 1), x[1]), 14), x[1]));
)
HD__FIXED_RESIDUALS(freudenstein_roth, 2, 2)
HD__FIXED_PROBLEM(freudenstein_roth, 0.5, -2.0)
HD__X_STAR(freudenstein_roth, 2, 5, 4)

/* ---- #3 Powell badly scaled ----------------------------------------------- */
HD__FIXED_RESIDUALS_OF(powell_badly_scaled, 2, T, x, r, ctx,
    r[0] = hd_sub(hd_mul(1e4, hd_mul(x[0], x[1])), 1);
    r[1] = hd_sub(hd_add(hd_exp(hd_neg(x[0])), hd_exp(hd_neg(x[1]))), 1.0001);
)
HD__FIXED_RESIDUALS(powell_badly_scaled, 2, 2)
HD__FIXED_PROBLEM(powell_badly_scaled, 0.0, 1.0)

/* ---- #4 Brown badly scaled ------------------------------------------------ */
HD__FIXED_RESIDUALS_OF(brown_badly_scaled, 2, T, x, r, ctx,
    r[0] = hd_sub(x[0], 1e6);
    r[1] = hd_sub(x[1], 2e-6);
    r[2] = hd_sub(hd_mul(x[0], x[1]), 2);
)
HD__FIXED_RESIDUALS(brown_badly_scaled, 2, 3)
HD__FIXED_PROBLEM(brown_badly_scaled, 1.0, 1.0)
HD__X_STAR(brown_badly_scaled, 2, 1e6, 2e-6)

/* ---- #5 Beale -------------------------------------------------------------- */
static const double beale_y[3] = {1.5, 2.25, 2.625};
HD__FIXED_RESIDUALS_OF(beale, 2, T, x, r, ctx,
    for (int i = 1; i <= 3; i++)
        r[i - 1] = hd_sub(beale_y[i - 1], hd_mul(x[0], hd_sub(1, hd_powi(x[1], i))));
)
HD__FIXED_RESIDUALS(beale, 2, 3)
HD__FIXED_PROBLEM(beale, 1.0, 1.0)
HD__X_STAR(beale, 2, 3, 0.5)

/* ---- #6 Jennrich and Sampson (m = 10) ------------------------------------- */
HD__FIXED_RESIDUALS_OF(jennrich_sampson, 2, T, x, r, ctx,
    for (int i = 1; i <= 10; i++)
        r[i - 1] = hd_sub(2.0 + 2.0 * i, hd_add(hd_exp(hd_mul(i, x[0])), hd_exp(hd_mul(i, x[1]))));
)
HD__FIXED_RESIDUALS(jennrich_sampson, 2, 10)
HD__FIXED_PROBLEM(jennrich_sampson, 0.3, 0.4)
/* MW */
HD__X_STAR(jennrich_sampson, 2, 0.2578252135686162, 0.2578252135686162)

/* ---- #7 Helical valley ---------------------------------------------------- */
/* theta = atan(x2/x1)/2pi (x1 > 0), + 1/2 (x1 < 0). atan2 gives the same
 * value except in the third quadrant, where it is one less. */
HD__FIXED_RESIDUALS_OF(helical_valley, 3, T, x, r, ctx,
    T theta = hd_div(hd_atan2(x[1], x[0]), TWO_PI);
    if (hd_val(x[0]) < 0 && hd_val(x[1]) < 0) theta = hd_add(theta, 1);
    r[0] = hd_mul(10, hd_sub(x[2], hd_mul(10, theta)));
    r[1] = hd_mul(10, hd_sub(hd_hypot(x[0], x[1]), 1));
    r[2] = x[2];
)
HD__FIXED_RESIDUALS(helical_valley, 3, 3)
HD__FIXED_PROBLEM(helical_valley, -1.0, 0.0, 0.0)
HD__X_STAR(helical_valley, 3, 1, 0, 0)

/* ---- #8 Bard (m = 15) ----------------------------------------------------- */
static const double bard_y[15] = {0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39,
                                  0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39};
HD__FIXED_RESIDUALS_OF(bard, 3, T, x, r, ctx,
    for (int i = 1; i <= 15; i++) {
        const double u = i, v = 16 - i, w = u < v ? u : v;
        T model = hd_add(x[0], hd_div(u, hd_add(hd_mul(v, x[1]), hd_mul(w, x[2]))));
        r[i - 1] = hd_sub(bard_y[i - 1], model);
    }
)
HD__FIXED_RESIDUALS(bard, 3, 15)
HD__FIXED_PROBLEM(bard, 1.0, 1.0, 1.0)
/* MW */
HD__X_STAR(bard, 3, 0.08241056005476516, 1.1330360796060677, 2.3436951913379658)

/* ---- #9 Gaussian (m = 15) ------------------------------------------------- */
static const double gaussian_y[15] = {0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420,
                                      0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540,
                                      0.0175, 0.0044, 0.0009};
HD__FIXED_RESIDUALS_OF(gaussian, 3, T, x, r, ctx,
    for (int i = 1; i <= 15; i++) {
        const double t = (8 - i) / 2.0;
        T e = hd_exp(hd_mul(-0.5, hd_mul(x[1], hd_sq(hd_sub(t, x[2])))));
        r[i - 1] = hd_sub(hd_mul(x[0], e), gaussian_y[i - 1]);
    }
)
HD__FIXED_RESIDUALS(gaussian, 3, 15)
HD__FIXED_PROBLEM(gaussian, 0.4, 1.0, 0.0)

/* ---- #10 Meyer (m = 16; NIST StRD MGH10) ---------------------------------- */
static const double meyer_y[16] = {34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744,
                                   8261,  7030,  6005,  5147,  4427,  3820,  3307,  2872};
HD__FIXED_RESIDUALS_OF(meyer, 3, T, x, r, ctx,
    for (int i = 1; i <= 16; i++) {
        const double t = 45.0 + 5.0 * i;
        r[i - 1] = hd_sub(hd_mul(x[0], hd_exp(hd_div(x[1], hd_add(t, x[2])))), meyer_y[i - 1]);
    }
)
HD__FIXED_RESIDUALS(meyer, 3, 16)
HD__FIXED_PROBLEM(meyer, 0.02, 4000.0, 250.0)
/* NIST StRD MGH10 certified parameters (11 digits) */
HD__X_STAR(meyer, 3, 5.6096364710E-03, 6.1813463463E+03, 3.4522363462E+02)

/* ---- #11 Gulf research and development (m = 99) --------------------------- */
/* r_i = exp(-|y_i - x2|^x3 / x1) - t_i, t_i = i/100,
 * y_i = 25 + (-50 ln t_i)^(2/3). (The printed "y_i m i x2" is a typesetting
 * slip for y_i - x2.) m = 99 as in CUTEst's GULF. */
HD__FIXED_RESIDUALS_OF(gulf, 3, T, x, r, ctx,
    for (int i = 1; i <= 99; i++) {
        const double t = i / 100.0;
        const double y = 25.0 + pow(-50.0 * log(t), 2.0 / 3.0);
        T a = hd_pow(hd_fabs(hd_sub(y, x[1])), x[2]);
        r[i - 1] = hd_sub(hd_exp(hd_neg(hd_div(a, x[0]))), t);
    }
)
HD__FIXED_RESIDUALS(gulf, 3, 99)
HD__FIXED_PROBLEM(gulf, 5.0, 2.5, 0.15)
HD__X_STAR(gulf, 3, 50, 25, 1.5)

/* ---- #12 Box three-dimensional (m = 10) ----------------------------------- */
HD__FIXED_RESIDUALS_OF(box3d, 3, T, x, r, ctx,
    for (int i = 1; i <= 10; i++) {
        const double t = 0.1 * i;
        T d = hd_sub(hd_exp(hd_mul(-t, x[0])), hd_exp(hd_mul(-t, x[1])));
        r[i - 1] = hd_sub(d, hd_mul(x[2], exp(-t) - exp(-10.0 * t)));
    }
)
HD__FIXED_RESIDUALS(box3d, 3, 10)
HD__FIXED_PROBLEM(box3d, 0.0, 10.0, 20.0)
HD__X_STAR(box3d, 3, 1, 10, 1)

/* ---- #13 Powell singular -------------------------------------------------- */
HD__FIXED_RESIDUALS_OF(powell_singular, 4, T, x, r, ctx,
    r[0] = hd_add(x[0], hd_mul(10, x[1]));
    r[1] = hd_mul(sqrt(5.0), hd_sub(x[2], x[3]));
    r[2] = hd_sq(hd_sub(x[1], hd_mul(2, x[2])));
    r[3] = hd_mul(sqrt(10.0), hd_sq(hd_sub(x[0], x[3])));
)
HD__FIXED_RESIDUALS(powell_singular, 4, 4)
HD__FIXED_PROBLEM(powell_singular, 3.0, -1.0, 0.0, 1.0)
static void fill(size_t n, double v, double *x)
{
    for (size_t i = 0; i < n; i++) x[i] = v;
}
static int zeros_xs(size_t n, double *x)
{
    fill(n, 0.0, x);
    return 1;
}
HD__X_STAR(powell_singular, 4, 0, 0, 0, 0)

/* ---- #14 Wood ------------------------------------------------------------- */
HD__FIXED_RESIDUALS_OF(wood, 4, T, x, r, ctx,
    r[0] = hd_mul(10, hd_sub(x[1], hd_sq(x[0])));
    r[1] = hd_sub(1, x[0]);
    r[2] = hd_mul(sqrt(90.0), hd_sub(x[3], hd_sq(x[2])));
    r[3] = hd_sub(1, x[2]);
    r[4] = hd_mul(sqrt(10.0), hd_sub(hd_add(x[1], x[3]), 2));
    r[5] = hd_div(hd_sub(x[1], x[3]), sqrt(10.0));
)
HD__FIXED_RESIDUALS(wood, 4, 6)
HD__FIXED_PROBLEM(wood, -3.0, -1.0, -3.0, -1.0)
static int ones_xs(size_t n, double *x)
{
    fill(n, 1.0, x);
    return 1;
}
HD__X_STAR(wood, 4, 1, 1, 1, 1)

/* ---- #15 Kowalik and Osborne (m = 11; NIST StRD MGH09) -------------------- */
static const double kowalik_y[11] = {0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627,
                                     0.0456, 0.0342, 0.0323, 0.0235, 0.0246};
static const double kowalik_u[11] = {4.0,    2.0,    1.0,    0.5,    0.25,  0.167,
                                     0.125,  0.1,    0.0833, 0.0714, 0.0625};
HD__FIXED_RESIDUALS_OF(kowalik_osborne, 4, T, x, r, ctx,
    for (int i = 0; i < 11; i++) {
        const double u = kowalik_u[i];
        T num = hd_mul(x[0], hd_add(u * u, hd_mul(u, x[1])));
        T den = hd_add(hd_add(u * u, hd_mul(u, x[2])), x[3]);
        r[i] = hd_sub(kowalik_y[i], hd_div(num, den));
    }
)
HD__FIXED_RESIDUALS(kowalik_osborne, 4, 11)
HD__FIXED_PROBLEM(kowalik_osborne, 0.25, 0.39, 0.415, 0.39)
/* NIST StRD MGH09 certified parameters (11 digits) */
HD__X_STAR(kowalik_osborne, 4, 1.9280693458E-01, 1.9128232873E-01, 1.2305650693E-01,
           1.3606233068E-01)

/* ---- #16 Brown and Dennis (m = 20) ---------------------------------------- */
HD__FIXED_RESIDUALS_OF(brown_dennis, 4, T, x, r, ctx,
    for (int i = 1; i <= 20; i++) {
        const double t = i / 5.0;
        T a = hd_sub(hd_add(x[0], hd_mul(t, x[1])), exp(t));
        T b = hd_sub(hd_add(x[2], hd_mul(sin(t), x[3])), cos(t));
        r[i - 1] = hd_add(hd_sq(a), hd_sq(b));
    }
)
HD__FIXED_RESIDUALS(brown_dennis, 4, 20)
HD__FIXED_PROBLEM(brown_dennis, 25.0, 5.0, -5.0, -1.0)
/* MW */
HD__X_STAR(brown_dennis, 4, -11.594439969349615, 13.203630099554186, -0.40343943943781074,
           0.2367787758603151)

/* ---- #17 Osborne 1 (m = 33; NIST StRD MGH17) ------------------------------ */
static const double osborne1_y[33] = {
    0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751,
    0.718, 0.685, 0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490,
    0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406};
HD__FIXED_RESIDUALS_OF(osborne1, 5, T, x, r, ctx,
    for (int i = 0; i < 33; i++) {
        const double t = 10.0 * i;
        T model = hd_add(hd_add(x[0], hd_mul(x[1], hd_exp(hd_mul(-t, x[3])))),
                         hd_mul(x[2], hd_exp(hd_mul(-t, x[4]))));
        r[i] = hd_sub(osborne1_y[i], model);
    }
)
HD__FIXED_RESIDUALS(osborne1, 5, 33)
HD__FIXED_PROBLEM(osborne1, 0.5, 1.5, -1.0, 0.01, 0.02)
/* NIST StRD MGH17 certified parameters (11 digits) */
HD__X_STAR(osborne1, 5, 3.7541005211E-01, 1.9358469127E+00, -1.4646871366E+00, 1.2867534640E-02,
           2.2122699662E-02)

/* ---- #18 Biggs EXP6 (m = 13) ---------------------------------------------- */
HD__FIXED_RESIDUALS_OF(biggs_exp6, 6, T, x, r, ctx,
    for (int i = 1; i <= 13; i++) {
        const double t = 0.1 * i;
        const double y = exp(-t) - 5.0 * exp(-10.0 * t) + 3.0 * exp(-4.0 * t);
        T d = hd_sub(hd_mul(x[2], hd_exp(hd_mul(-t, x[0]))), hd_mul(x[3], hd_exp(hd_mul(-t, x[1]))));
        d = hd_add(d, hd_mul(x[5], hd_exp(hd_mul(-t, x[4]))));
        r[i - 1] = hd_sub(d, y);
    }
)
HD__FIXED_RESIDUALS(biggs_exp6, 6, 13)
HD__FIXED_PROBLEM(biggs_exp6, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0)
/* MW */
HD__X_STAR(biggs_exp6, 6, 1, 10, 1, 5, 4, 3)

/* ---- #19 Osborne 2 (m = 65) ----------------------------------------------- */
static const double osborne2_y[65] = {
    1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746,
    0.679, 0.608, 0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649,
    0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395,
    0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653,
    0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739,
    0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};
HD__FIXED_RESIDUALS_OF(osborne2, 11, T, x, r, ctx,
    for (int i = 0; i < 65; i++) {
        const double t = i / 10.0;
        T model = hd_mul(x[0], hd_exp(hd_mul(-t, x[4])));
        for (int k = 1; k <= 3; k++) /* the three Gaussian bumps */
            model = hd_add(model, hd_mul(x[k], hd_exp(hd_neg(hd_mul(hd_sq(hd_sub(t, x[7 + k])),
                                                                    x[4 + k])))));
        r[i] = hd_sub(osborne2_y[i], model);
    }
)
HD__FIXED_RESIDUALS(osborne2, 11, 65)
HD__FIXED_PROBLEM(osborne2, 1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5)
/* MW */
HD__X_STAR(osborne2, 11, 1.3099771555174913, 0.4315537955622272, 0.6336616986693765,
           0.5994305344293098, 0.7541832304802704, 0.9042885759622441, 1.365811821857166,
           4.823698851312894, 2.398684862961737, 4.568874597996633, 5.675341470445994)

/* ---- #20 Watson (2 <= n <= 31, m = 31; default n = 6) --------------------- */
static int watson_valid(size_t n) { return n >= 2 && n <= 31; }
HD__VARIABLE_RESIDUALS_OF(watson, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    for (int i = 1; i <= 29; i++) {
        const double t = i / 29.0;
        T lin = (T){0}, poly = (T){0};
        double tp = 1.0; /* t^(j-1) for the sum, t^(j-2) for the derivative sum */
        for (size_t j = 0; j < n; j++) {
            if (j >= 1) lin = hd_add(lin, hd_mul((double)j * (tp / t), x[j]));
            poly = hd_add(poly, hd_mul(tp, x[j]));
            tp *= t;
        }
        r[i - 1] = hd_sub(hd_sub(lin, hd_sq(poly)), 1);
    }
    r[29] = x[0];
    r[30] = hd_sub(hd_sub(x[1], hd_sq(x[0])), 1);
)
HD__VARIABLE_RESIDUALS(watson, 6, 31)
HD__VARIABLE_PROBLEM(watson, 6)
static void zeros_start(size_t n, double *x0) { (void)zeros_xs(n, x0); }
static void watson_start(size_t n, double *x0) { zeros_start(n ? n : 6, x0); }
/* MW */
HD__X_STAR(watson, 6, -0.01572508595814696, 1.0124348692251488, -0.23299161822960684,
           1.2604300607312298, -1.5137288869025518, 0.9929964192277573)
static double watson_fs(size_t n)
{
    switch (n ? n : 6) {
    case 6: return 2.28767005355236e-3; /* MW; the paper: 2.28767e-3 */
    case 9: return 1.39976e-6;
    case 12: return 4.72238e-10;
    default: return NAN;
    }
}

/* ---- #21 Extended Rosenbrock (n even; default 10) ------------------------- */
static int extended_rosenbrock_valid(size_t n) { return n >= 2 && n % 2 == 0; }
HD__VARIABLE_RESIDUALS_OF(extended_rosenbrock, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    for (size_t i = 0; i + 1 < n; i += 2) {
        r[i] = hd_mul(10, hd_sub(x[i + 1], hd_sq(x[i])));
        r[i + 1] = hd_sub(1, x[i]);
    }
)
HD__VARIABLE_RESIDUALS(extended_rosenbrock, 10, n)
HD__VARIABLE_PROBLEM(extended_rosenbrock, 10)
static void extended_rosenbrock_start(size_t n, double *x0)
{
    if (n == 0) n = 10;
    for (size_t i = 0; i < n; i++) x0[i] = i % 2 ? 1.0 : -1.2;
}
static int extended_rosenbrock_xs(size_t n, double *x) { return ones_xs(n ? n : 10, x); }
static double zero_fs(size_t n) { (void)n; return 0.0; }

/* ---- #22 Extended Powell singular (n multiple of 4; default 12) ----------- */
static int extended_powell_valid(size_t n) { return n >= 4 && n % 4 == 0; }
HD__VARIABLE_RESIDUALS_OF(extended_powell, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    for (size_t i = 0; i + 3 < n; i += 4) {
        r[i] = hd_add(x[i], hd_mul(10, x[i + 1]));
        r[i + 1] = hd_mul(sqrt(5.0), hd_sub(x[i + 2], x[i + 3]));
        r[i + 2] = hd_sq(hd_sub(x[i + 1], hd_mul(2, x[i + 2])));
        r[i + 3] = hd_mul(sqrt(10.0), hd_sq(hd_sub(x[i], x[i + 3])));
    }
)
HD__VARIABLE_RESIDUALS(extended_powell, 12, n)
HD__VARIABLE_PROBLEM(extended_powell, 12)
static void extended_powell_start(size_t n, double *x0)
{
    static const double block[4] = {3.0, -1.0, 0.0, 1.0};
    if (n == 0) n = 12;
    for (size_t i = 0; i < n; i++) x0[i] = block[i % 4];
}
static int extended_powell_xs(size_t n, double *x) { return zeros_xs(n ? n : 12, x); }

/* ---- #23 Penalty I (m = n + 1; default n = 4) ----------------------------- */
static int any_n_valid(size_t n) { return n >= 1; }
#define penalty1_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(penalty1, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    const double sa = sqrt(1e-5);
    T sq = (T){0};
    for (size_t i = 0; i < n; i++) {
        r[i] = hd_mul(sa, hd_sub(x[i], 1));
        sq = hd_add(sq, hd_sq(x[i]));
    }
    r[n] = hd_sub(sq, 0.25);
)
HD__VARIABLE_RESIDUALS(penalty1, 4, n + 1)
HD__VARIABLE_PROBLEM(penalty1, 4)
static void penalty1_start(size_t n, double *x0)
{
    if (n == 0) n = 4;
    for (size_t j = 0; j < n; j++) x0[j] = (double)(j + 1);
}
/* The paper gives the penalty functions' minima for n = 4 and n = 10 only. */
static double at_4_or_10(size_t n, double f4, double f10)
{
    if (n == 0) n = 4;
    return n == 4 ? f4 : n == 10 ? f10 : NAN;
}
static double penalty1_fs(size_t n) { return at_4_or_10(n, 2.24997e-5, 7.08765e-5); }

/* ---- #24 Penalty II (m = 2n; default n = 4) ------------------------------- */
#define penalty2_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(penalty2, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    const double sa = sqrt(1e-5);
    T w = (T){0};
    r[0] = hd_sub(x[0], 0.2);
    for (size_t i = 1; i < n; i++) { /* i is the paper's i - 1, for i = 2..n */
        const double y = exp((double)(i + 1) / 10.0) + exp((double)i / 10.0);
        T e = hd_add(hd_exp(hd_div(x[i], 10)), hd_exp(hd_div(x[i - 1], 10)));
        r[i] = hd_mul(sa, hd_sub(e, y));
    }
    for (size_t i = 1; i < n; i++) /* paper's i = n+1..2n-1 use x_{i-n+1} */
        r[n - 1 + i] = hd_mul(sa, hd_sub(hd_exp(hd_div(x[i], 10)), exp(-0.1)));
    for (size_t j = 0; j < n; j++) w = hd_add(w, hd_mul((double)(n - j), hd_sq(x[j])));
    r[2 * n - 1] = hd_sub(w, 1);
)
HD__VARIABLE_RESIDUALS(penalty2, 4, 2 * n)
HD__VARIABLE_PROBLEM(penalty2, 4)
static void penalty2_start(size_t n, double *x0) { fill(n ? n : 4, 0.5, x0); }
static double penalty2_fs(size_t n) { return at_4_or_10(n, 9.37629e-6, 2.93660e-4); }

/* ---- #25 Variably dimensioned (m = n + 2; default n = 10) ----------------- */
#define variably_dimensioned_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(variably_dimensioned, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    T v = (T){0};
    for (size_t j = 0; j < n; j++) {
        r[j] = hd_sub(x[j], 1);
        v = hd_add(v, hd_mul((double)(j + 1), hd_sub(x[j], 1)));
    }
    r[n] = v;
    r[n + 1] = hd_sq(v);
)
HD__VARIABLE_RESIDUALS(variably_dimensioned, 10, n + 2)
HD__VARIABLE_PROBLEM(variably_dimensioned, 10)
static void variably_dimensioned_start(size_t n, double *x0)
{
    if (n == 0) n = 10;
    for (size_t j = 0; j < n; j++) x0[j] = 1.0 - (double)(j + 1) / (double)n;
}
static int variably_dimensioned_xs(size_t n, double *x) { return ones_xs(n ? n : 10, x); }

/* ---- #26 Trigonometric (m = n; default n = 10) ---------------------------- */
#define trigonometric_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(trigonometric, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    T c = (T){0};
    for (size_t j = 0; j < n; j++) c = hd_add(c, hd_cos(x[j]));
    for (size_t i = 0; i < n; i++) {
        T d = hd_sub((double)n, c);
        d = hd_add(d, hd_mul((double)(i + 1), hd_sub(1, hd_cos(x[i]))));
        r[i] = hd_sub(d, hd_sin(x[i]));
    }
)
HD__VARIABLE_RESIDUALS(trigonometric, 10, n)
HD__VARIABLE_PROBLEM(trigonometric, 10)
static void trigonometric_start(size_t n, double *x0)
{
    if (n == 0) n = 10;
    for (size_t j = 0; j < n; j++) x0[j] = 1.0 / (double)n;
}
static int trigonometric_xs(size_t n, double *x) { return zeros_xs(n ? n : 10, x); }

/* ---- #27 Brown almost-linear (m = n; default n = 10) ---------------------- */
#define brown_almost_linear_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(brown_almost_linear, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    T sum = (T){0}, prod = hd_add((T){0}, 1);
    for (size_t j = 0; j < n; j++) {
        sum = hd_add(sum, x[j]);
        prod = hd_mul(prod, x[j]);
    }
    for (size_t i = 0; i + 1 < n; i++) r[i] = hd_sub(hd_add(x[i], sum), (double)(n + 1));
    r[n - 1] = hd_sub(prod, 1);
)
HD__VARIABLE_RESIDUALS(brown_almost_linear, 10, n)
HD__VARIABLE_PROBLEM(brown_almost_linear, 10)
static void brown_almost_linear_start(size_t n, double *x0) { fill(n ? n : 10, 0.5, x0); }
/* alpha = 1 solves n a^n - (n+1) a^(n-1) + 1 = 0, so (1, ..., 1) is a minimizer. */
static int brown_almost_linear_xs(size_t n, double *x) { return ones_xs(n ? n : 10, x); }

/* ---- #28 Discrete boundary value (m = n; default n = 10) ------------------ */
static void boundary_start(size_t n, double *x0)
{
    if (n == 0) n = 10;
    const double h = 1.0 / (double)(n + 1);
    for (size_t j = 0; j < n; j++) {
        const double t = (double)(j + 1) * h;
        x0[j] = t * (t - 1.0);
    }
}
#define discrete_boundary_value_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(discrete_boundary_value, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    const double h = 1.0 / (double)(n + 1);
    for (size_t i = 0; i < n; i++) {
        const double t = (double)(i + 1) * h;
        T d = hd_mul(2, x[i]);
        if (i > 0) d = hd_sub(d, x[i - 1]);
        if (i + 1 < n) d = hd_sub(d, x[i + 1]);
        r[i] = hd_add(d, hd_mul(h * h / 2.0, hd_cube(hd_add(x[i], t + 1.0))));
    }
)
HD__VARIABLE_RESIDUALS(discrete_boundary_value, 10, n)
HD__VARIABLE_PROBLEM(discrete_boundary_value, 10)

/* ---- #29 Discrete integral equation (m = n; default n = 10) --------------- */
#define discrete_integral_equation_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(discrete_integral_equation, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    const double h = 1.0 / (double)(n + 1);
    for (size_t i = 0; i < n; i++) {
        const double ti = (double)(i + 1) * h;
        T lo = (T){0}, hi = (T){0};
        for (size_t j = 0; j < n; j++) {
            const double tj = (double)(j + 1) * h;
            T c = hd_cube(hd_add(x[j], tj + 1.0));
            if (j <= i) lo = hd_add(lo, hd_mul(tj, c));
            else hi = hd_add(hi, hd_mul(1.0 - tj, c));
        }
        T integral = hd_add(hd_mul(1.0 - ti, lo), hd_mul(ti, hi));
        r[i] = hd_add(x[i], hd_mul(h / 2.0, integral));
    }
)
HD__VARIABLE_RESIDUALS(discrete_integral_equation, 10, n)
HD__VARIABLE_PROBLEM(discrete_integral_equation, 10)

/* ---- #30 Broyden tridiagonal (m = n; default n = 10) ---------------------- */
#define broyden_tridiagonal_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(broyden_tridiagonal, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    for (size_t i = 0; i < n; i++) {
        T d = hd_add(hd_mul(hd_sub(3, hd_mul(2, x[i])), x[i]), 1);
        if (i > 0) d = hd_sub(d, x[i - 1]);
        if (i + 1 < n) d = hd_sub(d, hd_mul(2, x[i + 1]));
        r[i] = d;
    }
)
HD__VARIABLE_RESIDUALS(broyden_tridiagonal, 10, n)
HD__VARIABLE_PROBLEM(broyden_tridiagonal, 10)
static void minus_ones_start(size_t n, double *x0) { fill(n ? n : 10, -1.0, x0); }

/* ---- #31 Broyden banded (m = n, ml = 5, mu = 1; default n = 10) ----------- */
#define broyden_banded_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(broyden_banded, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    for (size_t i = 0; i < n; i++) {
        T d = hd_add(hd_mul(x[i], hd_add(2, hd_mul(5, hd_sq(x[i])))), 1);
        const size_t lo = i >= 5 ? i - 5 : 0, hi = i + 1 < n ? i + 1 : n - 1;
        for (size_t j = lo; j <= hi; j++)
            if (j != i) d = hd_sub(d, hd_mul(x[j], hd_add(1, x[j])));
        r[i] = d;
    }
)
HD__VARIABLE_RESIDUALS(broyden_banded, 10, n)
HD__VARIABLE_PROBLEM(broyden_banded, 10)

/* ---- #32-#34 Linear functions (m = 2n; default n = 10) -------------------- */
static void ones_start(size_t n, double *x0) { (void)ones_xs(n ? n : 10, x0); }

#define linear_full_rank_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(linear_full_rank, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx), m = 2 * n;
    T sum = (T){0};
    for (size_t j = 0; j < n; j++) sum = hd_add(sum, x[j]);
    T common = hd_add(hd_mul(2.0 / (double)m, sum), 1); /* (2/m) sum + 1 */
    for (size_t i = 0; i < n; i++) r[i] = hd_sub(x[i], common);
    for (size_t i = n; i < m; i++) r[i] = hd_neg(common);
)
HD__VARIABLE_RESIDUALS(linear_full_rank, 10, 2 * n)
HD__VARIABLE_PROBLEM(linear_full_rank, 10)
static double linear_full_rank_fs(size_t n) { n = n ? n : 10; return (double)(2 * n - n); }
static int linear_full_rank_xs(size_t n, double *x)
{
    fill(n ? n : 10, -1.0, x);
    return 1;
}

#define linear_rank1_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(linear_rank1, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx), m = 2 * n;
    T w = (T){0};
    for (size_t j = 0; j < n; j++) w = hd_add(w, hd_mul((double)(j + 1), x[j]));
    for (size_t i = 1; i <= m; i++) r[i - 1] = hd_sub(hd_mul((double)i, w), 1);
)
HD__VARIABLE_RESIDUALS(linear_rank1, 10, 2 * n)
HD__VARIABLE_PROBLEM(linear_rank1, 10)
static double linear_rank1_fs(size_t n)
{
    const double m = 2.0 * (double)(n ? n : 10);
    return m * (m - 1.0) / (2.0 * (2.0 * m + 1.0));
}
/* any x with sum_j j x_j = 3/(2m+1) */
static int linear_rank1_xs(size_t n, double *x)
{
    (void)zeros_xs(n ? n : 10, x);
    x[0] = 3.0 / (2.0 * 2.0 * (double)(n ? n : 10) + 1.0);
    return 1;
}

static int linear_rank1_zero_valid(size_t n) { return n >= 3; }
HD__VARIABLE_RESIDUALS_OF(linear_rank1_zero, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx), m = 2 * n;
    T w = (T){0};
    for (size_t j = 1; j + 1 < n; j++) w = hd_add(w, hd_mul((double)(j + 1), x[j]));
    r[0] = hd_const(T, -1.0);
    for (size_t i = 2; i < m; i++) r[i - 1] = hd_sub(hd_mul((double)(i - 1), w), 1);
    r[m - 1] = hd_const(T, -1.0);
)
HD__VARIABLE_RESIDUALS(linear_rank1_zero, 10, 2 * n)
HD__VARIABLE_PROBLEM(linear_rank1_zero, 10)
static double linear_rank1_zero_fs(size_t n)
{
    const double m = 2.0 * (double)(n ? n : 10);
    return (m * m + 3.0 * m - 6.0) / (2.0 * (2.0 * m - 3.0));
}
/* any x with sum_{j=2}^{n-1} j x_j = 3/(2m-3) */
static int linear_rank1_zero_xs(size_t n, double *x)
{
    if (n == 0) n = 10;
    (void)zeros_xs(n, x);
    x[1] = 3.0 / (2.0 * (2.0 * 2.0 * (double)n - 3.0));
    return 1;
}

/* ---- #35 Chebyquad (m = n; default n = 8) --------------------------------- */
/* r_i = (1/n) sum_j T_i(2 x_j - 1) - integral_0^1 T_i(2t - 1) dt, where the
 * integral is 0 for odd i and -1/(i^2 - 1) for even i. */
#define chebyquad_valid any_n_valid
HD__VARIABLE_RESIDUALS_OF(chebyquad, T, x, r, ctx,
    const size_t n = HD__CTX_TO_N(ctx);
    for (size_t i = 1; i <= n; i++) {
        T avg = (T){0};
        for (size_t j = 0; j < n; j++) {
            T y = hd_sub(hd_mul(2, x[j]), 1);
            T tkm1 = hd_add((T){0}, 1), tk = y; /* T_0, T_1 */
            for (size_t k = 1; k < i; k++) {
                T next = hd_sub(hd_mul(hd_mul(2, y), tk), tkm1);
                tkm1 = tk;
                tk = next;
            }
            avg = hd_add(avg, tk);
        }
        const double integral = i % 2 ? 0.0 : -1.0 / ((double)(i * i) - 1.0);
        r[i - 1] = hd_sub(hd_div(avg, (double)n), integral);
    }
)
HD__VARIABLE_RESIDUALS(chebyquad, 8, n)
HD__VARIABLE_PROBLEM(chebyquad, 8)
static void chebyquad_start(size_t n, double *x0)
{
    if (n == 0) n = 8;
    for (size_t j = 0; j < n; j++) x0[j] = (double)(j + 1) / (double)(n + 1);
}
/* MW */
HD__X_STAR(chebyquad, 8, 0.043152760689960816, 0.19309084165259105, 0.2663287079773684,
           0.5000000016286815, 0.5000000007226908, 0.8069091602434582, 0.7336712939109635,
           0.9568472402172841)
static double chebyquad_fs(size_t n)
{
    if (n == 0) n = 8;
    if (n <= 7 || n == 9) return 0.0;
    if (n == 8) return 3.516873725677e-3; /* MW; the paper: 3.51687e-3 */
    if (n == 10) return 6.50395e-3;
    return NAN;
}

/* ---- the table -------------------------------------------------------------- */
#define MGH "Moré, Garbow & Hillstrom (1981)"
#define NIST "NIST StRD certified residual sum of squares"
/* Minima (and minimizers) to more digits than the paper: the best known values of
 * the Moré & Wild (2009) benchmark set, as tabulated by estimagic (more_wild.py). */
#define MW "best known value (Moré & Wild 2009 set, as tabulated by estimagic)"

/* ENTRY(name, number, title, n, m, variable, f*, tol, note): the fields every
 * entry has; the optional ones follow by designated initializer. LOCAL_ENTRY
 * adds a documented local minimum (f, precision). */
#define ENTRY_BASE(NAME, NUM, TITLE, N, M, VAR, FS, TOL, NOTE)                       \
    .name = #NAME, .title = TITLE " (MGH #" #NUM ")", .mgh_number = NUM, .n = N,     \
    .m = M, .variable_n = VAR, .f_star = FS, .f_star_tol = TOL, .f_star_note = NOTE, \
    .objective = NAME##_obj, .n_ok = NAME##_n_ok, .residuals = NAME##_res
#define ENTRY(...) ENTRY_BASE(__VA_ARGS__), .f_local = NAN
#define LOCAL_ENTRY(FL, FLTOL, ...) ENTRY_BASE(__VA_ARGS__), .f_local = FL, .f_local_tol = FLTOL

const hd_problem hd__problems_mgh[] = {
    {ENTRY(rosenbrock, 1, "Rosenbrock", 2, 2, 0, 0.0, 0.0, MGH ": f* = 0 at (1, 1)"),
     .start = rosenbrock_start, .x_star = rosenbrock_xs},
    {LOCAL_ENTRY(48.984253679240013, 5e-15, freudenstein_roth, 2, "Freudenstein and Roth", 2, 2, 0, 0.0, 0.0,
           MGH ": f* = 0 at (5, 4); local minimum f = 48.9842 at (11.41..., -0.8968...) "
           "(to more digits: " MW ")"),
     .start = freudenstein_roth_start, .x_star = freudenstein_roth_xs},
    {ENTRY(powell_badly_scaled, 3, "Powell badly scaled", 2, 2, 0, 0.0, 0.0,
           MGH ": f* = 0 at (1.098...e-5, 9.106...)"),
     .start = powell_badly_scaled_start},
    {ENTRY(brown_badly_scaled, 4, "Brown badly scaled", 2, 3, 0, 0.0, 0.0,
           MGH ": f* = 0 at (1e6, 2e-6)"),
     .start = brown_badly_scaled_start, .x_star = brown_badly_scaled_xs},
    {ENTRY(beale, 5, "Beale", 2, 3, 0, 0.0, 0.0, MGH ": f* = 0 at (3, 0.5)"),
     .start = beale_start, .x_star = beale_xs},
    {ENTRY(jennrich_sampson, 6, "Jennrich and Sampson", 2, 10, 0, 124.3621823556148, 5e-14,
           MW "; " MGH ": f* = 124.362 at x1 = x2 = 0.2578 for m = 10"),
     .start = jennrich_sampson_start, .x_star = jennrich_sampson_xs},
    {ENTRY(helical_valley, 7, "Helical valley", 3, 3, 0, 0.0, 0.0, MGH ": f* = 0 at (1, 0, 0)"),
     .start = helical_valley_start, .x_star = helical_valley_xs},
    {ENTRY(bard, 8, "Bard", 3, 15, 0, 8.21487730657897e-3, 5e-18,
           MW "; " MGH ": f* = 8.21487e-3; also f = 17.4286 at (0.8406..., -inf, -inf)"),
     .start = bard_start, .x_star = bard_xs},
    {ENTRY(gaussian, 9, "Gaussian", 3, 15, 0, 1.12793e-8, 5e-14, MGH ": f* = 1.12793e-8"),
     .start = gaussian_start},
    {ENTRY(meyer, 10, "Meyer", 3, 16, 0, 8.7945855171E+01, 5e-10,
           NIST " (MGH10), at its certified parameters; " MGH " give 87.9458"),
     .start = meyer_start, .x_star = meyer_xs},
    {ENTRY(gulf, 11, "Gulf research and development", 3, 99, 0, 0.0, 0.0,
           MGH ": f* = 0 at (50, 25, 1.5) for any m; here m = 99"),
     .start = gulf_start, .x_star = gulf_xs},
    {ENTRY(box3d, 12, "Box three-dimensional", 3, 10, 0, 0.0, 0.0,
           MGH ": f* = 0 at (1, 10, 1), (10, 1, -1) and wherever x1 = x2, x3 = 0; m = 10"),
     .start = box3d_start, .x_star = box3d_xs},
    {ENTRY(powell_singular, 13, "Powell singular", 4, 4, 0, 0.0, 0.0,
           MGH ": f* = 0 at the origin (singular Hessian there)"),
     .start = powell_singular_start, .x_star = powell_singular_xs},
    {ENTRY(wood, 14, "Wood", 4, 6, 0, 0.0, 0.0, MGH ": f* = 0 at (1, 1, 1, 1)"),
     .start = wood_start, .x_star = wood_xs},
    {ENTRY(kowalik_osborne, 15, "Kowalik and Osborne", 4, 11, 0, 3.0750560385E-04, 5e-15,
           NIST " (MGH09), at its certified parameters; " MGH " give 3.07505e-4, and "
           "f = 1.02734e-3 at (+inf, -14.07..., -inf, -inf)"),
     .start = kowalik_osborne_start, .x_star = kowalik_osborne_xs},
    {ENTRY(brown_dennis, 16, "Brown and Dennis", 4, 20, 0, 85822.20162635, 5e-9,
           MW "; " MGH ": f* = 85822.2 for m = 20"),
     .start = brown_dennis_start, .x_star = brown_dennis_xs},
    {ENTRY(osborne1, 17, "Osborne 1", 5, 33, 0, 5.4648946975E-05, 5e-16,
           NIST " (MGH17), at its certified parameters; " MGH " give 5.46489e-5"),
     .start = osborne1_start, .x_star = osborne1_xs},
    {LOCAL_ENTRY(5.65565e-3, 5e-9, biggs_exp6, 18, "Biggs EXP6", 6, 13, 0, 0.0, 0.0,
           MGH ": f* = 0 at (1, 10, 1, 5, 4, 3); local minimum f = 5.65565e-3 for m = 13, "
           "where methods often stop"),
     .start = biggs_exp6_start, .x_star = biggs_exp6_xs},
    {ENTRY(osborne2, 19, "Osborne 2", 11, 65, 0, 4.01377362935477e-2, 5e-17,
           MW "; " MGH ": f* = 4.01377e-2"),
     .start = osborne2_start, .x_star = osborne2_xs},
    {ENTRY(watson, 20, "Watson", 6, 31, 1, 2.28767005355236e-3, 5e-18,
           MW " for n = 6; " MGH ": f* = 2.28767e-3 (n = 6), 1.39976e-6 (n = 9), "
           "4.72238e-10 (n = 12); 2 <= n <= 31"),
     .start = watson_start, .f_star_for = watson_fs, .x_star = watson_xs},
    {ENTRY(extended_rosenbrock, 21, "Extended Rosenbrock", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0 at (1, ..., 1); n even, m = n"),
     .start = extended_rosenbrock_start, .f_star_for = zero_fs, .x_star = extended_rosenbrock_xs},
    {ENTRY(extended_powell, 22, "Extended Powell singular", 12, 12, 1, 0.0, 0.0,
           MGH ": f* = 0 at the origin; n a multiple of 4, m = n"),
     .start = extended_powell_start, .f_star_for = zero_fs, .x_star = extended_powell_xs},
    {ENTRY(penalty1, 23, "Penalty I", 4, 5, 1, 2.24997e-5, 5e-11,
           MGH ": f* = 2.24997e-5 (n = 4), 7.08765e-5 (n = 10); m = n + 1"),
     .start = penalty1_start, .f_star_for = penalty1_fs},
    {ENTRY(penalty2, 24, "Penalty II", 4, 8, 1, 9.37629e-6, 5e-12,
           MGH ": f* = 9.37629e-6 (n = 4), 2.93660e-4 (n = 10); m = 2n"),
     .start = penalty2_start, .f_star_for = penalty2_fs},
    {ENTRY(variably_dimensioned, 25, "Variably dimensioned", 10, 12, 1, 0.0, 0.0,
           MGH ": f* = 0 at (1, ..., 1); m = n + 2"),
     .start = variably_dimensioned_start, .f_star_for = zero_fs,
     .x_star = variably_dimensioned_xs},
    {LOCAL_ENTRY(2.79506e-5, 5e-11, trigonometric, 26, "Trigonometric", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0 (at the origin, among others); local minima with f > 0 exist "
           "(n = 10: f = 2.79506e-5); m = n"),
     .start = trigonometric_start, .f_star_for = zero_fs, .x_star = trigonometric_xs},
    {LOCAL_ENTRY(1.0, 0.0, brown_almost_linear, 27, "Brown almost-linear", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0 at (a, ..., a, a^(1-n)) with n a^n - (n+1) a^(n-1) + 1 = 0 "
           "(a = 1 is one); f = 1 at (0, ..., 0, n+1); m = n"),
     .start = brown_almost_linear_start, .f_star_for = zero_fs,
     .x_star = brown_almost_linear_xs},
    {ENTRY(discrete_boundary_value, 28, "Discrete boundary value", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0; m = n"),
     .start = boundary_start, .f_star_for = zero_fs},
    {ENTRY(discrete_integral_equation, 29, "Discrete integral equation", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0; m = n"),
     .start = boundary_start, .f_star_for = zero_fs},
    {ENTRY(broyden_tridiagonal, 30, "Broyden tridiagonal", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0; m = n"),
     .start = minus_ones_start, .f_star_for = zero_fs},
    {ENTRY(broyden_banded, 31, "Broyden banded", 10, 10, 1, 0.0, 0.0,
           MGH ": f* = 0; m = n, ml = 5, mu = 1"),
     .start = minus_ones_start, .f_star_for = zero_fs},
    {ENTRY(linear_full_rank, 32, "Linear function - full rank", 10, 20, 1, 10.0, 0.0,
           MGH ": f* = m - n at (-1, ..., -1); here m = 2n"),
     .start = ones_start, .f_star_for = linear_full_rank_fs, .x_star = linear_full_rank_xs},
    {ENTRY(linear_rank1, 33, "Linear function - rank 1", 10, 20, 1, 190.0 / 41.0, 0.0,
           MGH ": f* = m(m-1)/(2(2m+1)) wherever sum j x_j = 3/(2m+1); here m = 2n"),
     .start = ones_start, .f_star_for = linear_rank1_fs, .x_star = linear_rank1_xs},
    {ENTRY(linear_rank1_zero, 34, "Linear function - rank 1 with zero columns and rows", 10,
           20, 1, 227.0 / 37.0, 0.0,
           MGH ": f* = (m^2+3m-6)/(2(2m-3)) wherever sum_{j=2}^{n-1} j x_j = 3/(2m-3); "
           "here m = 2n, n >= 3"),
     .start = ones_start, .f_star_for = linear_rank1_zero_fs, .x_star = linear_rank1_zero_xs},
    {ENTRY(chebyquad, 35, "Chebyquad", 8, 8, 1, 3.516873725677e-3, 5e-16,
           MW " for n = 8; " MGH ": f* = 0 for n <= 7 and n = 9, 3.51687e-3 (n = 8), "
           "6.50395e-3 (n = 10); m = n"),
     .start = chebyquad_start, .f_star_for = chebyquad_fs, .x_star = chebyquad_xs},
};
const size_t hd__problems_mgh_count = sizeof hd__problems_mgh / sizeof hd__problems_mgh[0];
