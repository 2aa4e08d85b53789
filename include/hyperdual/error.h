/**
 * @file hyperdual/error.h
 * @brief Error codes shared by every status-returning function.
 *
 * Policy: library functions never print, abort or exit. They return HD_OK (0)
 * or one of the negative codes below; positive values are reserved for
 * optimizer statuses (see hd_status_str() in optim.h).
 */
#ifndef HYPERDUAL_ERROR_H
#define HYPERDUAL_ERROR_H

#include "export.h"

HD_BEGIN_DECLS

/** Return codes. */
enum {
    HD_OK         =  0, /**< success */
    HD_EINVAL     = -1, /**< invalid argument: n == 0, a NULL required pointer, a bad option */
    HD_ENOMEM     = -2, /**< memory allocation failed */
    HD_ENONFINITE = -3, /**< a NaN or infinity makes the result meaningless */
    HD_ELAPACK    = -4, /**< a LAPACKE routine reported failure */
    HD_ESYNTAX    = -5, /**< an expression could not be parsed */
    HD_ERANGE     = -6, /**< a size or nesting limit was exceeded */
    HD_EDOM       = -7, /**< argument outside the domain of the operation */
    HD_ESINGULAR  = -8  /**< a matrix the result needs is singular (hd_fit_statistics:
                             parameters the data do not determine) */
};

/**
 * @brief Describe any code: an error code (HD_OK or HD_E*, negative) in one
 *        short phrase, an optimizer status (positive, hd_result.status) by
 *        hd_status_str()'s line with its remedy.
 * @param code any value returned by a hyperdual function, or a status
 * @return a static string; never NULL ("unknown error code" or
 *         "unknown optimizer status" for values that are neither)
 */
HD_API const char *hd_strerror(int code);

HD_END_DECLS

#endif /* HYPERDUAL_ERROR_H */
