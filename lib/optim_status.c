/* Options and names. The status strings are in errors.c, with the error
 * strings, so that errors.c needs nothing from the optimizer. */
#include <config.h>
#include <stddef.h>
#include <hyperdual.h>

void hd_options_default(hd_options *opt, hd_method method)
{
    if (!opt) return;
    const hd_options d = {
        .method = method,
        .max_iter = method == HD_GRADIENT_DESCENT ? 100000 : 1000,
        .gtol = 1e-8,
        .learning_rate = 1e-3,
        .line_search = method == HD_BFGS ? HD_LINESEARCH_WOLFE : HD_LINESEARCH_BACKTRACKING,
        .hessian_fix = HD_HESSIAN_SHIFT,
        .ftol = 0.0,
        .xtol = 0.0,
        .max_evals = 0,
        .classify_final = 0,
        .escape_saddles = 1,
        .divergence_limit = 1e150,
        .callback = NULL,
        .callback_data = NULL,
        .trust_radius = 1.0,
        .max_trust_radius = 1e10,
        .barzilai_borwein = 0,
        .trace = NULL,
        .trace_cap = 0,
    };
    *opt = d;
}

/* The status lines live in the table of every code in errors.c, which
 * hd_strerror reads: a status and an error code are described alike. */
const char *hd_status_str(int status) { return hd_strerror(status); }

const char *hd_method_name(hd_method method)
{
    switch (method) {
    case HD_GRADIENT_DESCENT: return "gradient descent";
    case HD_NEWTON: return "newton";
    case HD_NEWTON_TRUST_REGION: return "newton trust region";
    case HD_BFGS: return "bfgs";
    default: return "unknown method";
    }
}

const char *hd_point_kind_str(hd_point_kind kind)
{
    switch (kind) {
    case HD_POINT_MINIMUM: return "minimum";
    case HD_POINT_MAXIMUM: return "maximum";
    case HD_POINT_SADDLE: return "saddle";
    case HD_POINT_DEGENERATE: return "degenerate";
    default: return "unknown";
    }
}
