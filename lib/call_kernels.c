/* Exported mirrors of the inline kernels (hyperdual/call.h), generated from the
 * rule table so that they cannot drift from the inline versions. */
#include <config.h>
#include <hyperdual.h>

#define HD__MIRROR_UNARY(name, cls, F, D, DD, NOTE)                                    \
    hd_dual hd_call_##name##_dual(hd_dual a) { return hd_##name##_dual(a); }          \
    hd_hyper hd_call_##name##_hyper(hd_hyper a) { return hd_##name##_hyper(a); }
#define HD__MIRROR_BINARY(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                   \
    hd_dual hd_call_##name##_dual(hd_dual a, hd_dual b) { return hd_##name##_dual(a, b); }   \
    hd_dual hd_call_##name##_dual_r(hd_dual a, double b) { return hd_##name##_dual_r(a, b); } \
    hd_dual hd_call_##name##_r_dual(double a, hd_dual b) { return hd_##name##_r_dual(a, b); } \
    hd_hyper hd_call_##name##_hyper(hd_hyper a, hd_hyper b) { return hd_##name##_hyper(a, b); }   \
    hd_hyper hd_call_##name##_hyper_r(hd_hyper a, double b) { return hd_##name##_hyper_r(a, b); } \
    hd_hyper hd_call_##name##_r_hyper(double a, hd_hyper b) { return hd_##name##_r_hyper(a, b); }

HD_UNARY_RULES(HD__MIRROR_UNARY)
HD_BINARY_RULES(HD__MIRROR_BINARY)

hd_dual hd_call_powi_dual(hd_dual a, int n) { return hd_powi_dual(a, n); }
hd_hyper hd_call_powi_hyper(hd_hyper a, int n) { return hd_powi_hyper(a, n); }
hd_dual hd_call_fma_dual(hd_dual a, hd_dual b, hd_dual c) { return hd_fma_dual(a, b, c); }
hd_hyper hd_call_fma_hyper(hd_hyper a, hd_hyper b, hd_hyper c) { return hd_fma_hyper(a, b, c); }
