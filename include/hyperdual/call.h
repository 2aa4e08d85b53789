/**
 * @file hyperdual/call.h
 * @brief Exported, non-inline mirrors of the kernels, for function pointers and
 *        other languages: hd_call_NAME_TYPE, hd_call_NAME_TYPE_r and
 *        hd_call_NAME_r_TYPE (NAME a kernel, TYPE dual or hyper), one per kernel of kernels.h, generated from
 *        the same rule table. They compute exactly what the inline kernels do
 *        (compiled without HD_NANSAFE).
 */
#ifndef HYPERDUAL_CALL_H
#define HYPERDUAL_CALL_H

#include "export.h"
#include "types.h"
#include "rules.h"

HD_BEGIN_DECLS

#define HD__DECLARE_CALL_UNARY(name, cls, F, D, DD, NOTE)                             \
    HD_API hd_dual hd_call_##name##_dual(hd_dual a);                                  \
    HD_API hd_hyper hd_call_##name##_hyper(hd_hyper a);
#define HD__DECLARE_CALL_BINARY(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)            \
    HD_API hd_dual hd_call_##name##_dual(hd_dual a, hd_dual b);                       \
    HD_API hd_dual hd_call_##name##_dual_r(hd_dual a, double b);                      \
    HD_API hd_dual hd_call_##name##_r_dual(double a, hd_dual b);                      \
    HD_API hd_hyper hd_call_##name##_hyper(hd_hyper a, hd_hyper b);                   \
    HD_API hd_hyper hd_call_##name##_hyper_r(hd_hyper a, double b);                   \
    HD_API hd_hyper hd_call_##name##_r_hyper(double a, hd_hyper b);

HD_UNARY_RULES(HD__DECLARE_CALL_UNARY)
HD_BINARY_RULES(HD__DECLARE_CALL_BINARY)

/** @brief Exported mirror of hd_powi on hd_dual. */
HD_API hd_dual hd_call_powi_dual(hd_dual a, int n);
/** @brief Exported mirror of hd_powi on hd_hyper. */
HD_API hd_hyper hd_call_powi_hyper(hd_hyper a, int n);
/** @brief Exported mirror of hd_fma on hd_dual. */
HD_API hd_dual hd_call_fma_dual(hd_dual a, hd_dual b, hd_dual c);
/** @brief Exported mirror of hd_fma on hd_hyper. */
HD_API hd_hyper hd_call_fma_hyper(hd_hyper a, hd_hyper b, hd_hyper c);

HD_END_DECLS

#endif /* HYPERDUAL_CALL_H */
