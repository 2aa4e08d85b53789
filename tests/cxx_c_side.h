/* The C path of tests/cxx_api.cc: the functions its C++ functors compute,
 * written with HD_GENERIC_OBJECTIVE and the hd_ macros in C
 * (tests/cxx_c_side.c), operation for operation as the C++ mirrors are, so
 * that both give the same bits on every path. */
#ifndef HYPERDUAL_TESTS_CXX_C_SIDE_H
#define HYPERDUAL_TESTS_CXX_C_SIDE_H

#include <hyperdual.h>

HD_BEGIN_DECLS

/* exp(x0 x1) + c x1^2, with c read through ctx. */
hd_objective cxx_c_bump(const double *c);
/* Rosenbrock's function (1 - x0)^2 + 100 (x1 - x0^2)^2. */
hd_objective cxx_c_rosen(void);
/* sum over i of cos(x_i) x_{i+1 mod n}: a cyclic band, n from the drivers. */
hd_objective cxx_c_ring(size_t n);
/* Residuals (x0^2 - x1, sin(x0) x1, exp(x1) / x0): R^2 -> R^3. */
hd_vector_objective cxx_c_resid(void);

HD_END_DECLS

#endif
