/* The C path of tests/cxx_api.cc (see cxx_c_side.h). */
#include "cxx_c_side.h"

HD_GENERIC_OBJECTIVE(bump, T, x, ctx,
    const double c = *(const double *)ctx;
    return hd_add(hd_exp(hd_mul(x[0], x[1])), hd_mul(c, hd_sq(x[1])));
)

HD_GENERIC_OBJECTIVE(rosen, T, x, ctx,
    const T a = hd_sub(1, x[0]);
    const T b = hd_sub(x[1], hd_sq(x[0]));
    return hd_add(hd_sq(a), hd_mul(100, hd_sq(b)));
)

HD_GENERIC_OBJECTIVE_N(ring, T, x, n, ctx,
    T s = hd_const(T, 0.0);
    for (size_t i = 0; i < n; i++) s = hd_add(s, hd_mul(hd_cos(x[i]), x[(i + 1) % n]));
    return s;
)

HD_GENERIC_VECTOR_OBJECTIVE(resid, T, x, out, ctx,
    out[0] = hd_sub(hd_sq(x[0]), x[1]);
    out[1] = hd_mul(hd_sin(x[0]), x[1]);
    out[2] = hd_div(hd_exp(x[1]), x[0]);
)

hd_objective cxx_c_bump(const double *c) { return bump_objective(2, (void *)c); }
hd_objective cxx_c_rosen(void) { return rosen_objective(2, NULL); }
hd_objective cxx_c_ring(size_t n) { return ring_objective(n, NULL); }
hd_vector_objective cxx_c_resid(void) { return resid_vector_objective(2, 3, NULL); }
