/* Shared by the examples that count passes (gd_vs_newton, random_search_vs_
 * gradient, train_tiny_model).
 *
 * HD_GENERIC_OBJECTIVE also instantiates the body for the library's lane
 * types, and the drivers then pack several directions into one wider pass
 * (doc/performance.md). That is faster, but a lane pass and a plain
 * hyper-dual pass are different units, so counts mixing them do not compare.
 * These examples count in one unit: they keep only the contract's members
 * (f, f_dual, f_hyper), so a Hessian is exactly n(n+1)/2 hyper-dual passes
 * and a gradient about n/2 (two directions per hyper-dual pass).
 */
#ifndef EXAMPLES_SCALAR_PASSES_H
#define EXAMPLES_SCALAR_PASSES_H

#include <hyperdual.h>

static inline hd_objective scalar_passes(hd_objective o)
{
    const hd_objective s = {.n = o.n, .f = o.f, .f_dual = o.f_dual, .f_hyper = o.f_hyper,
                            .ctx = o.ctx};
    return s;
}

#endif /* EXAMPLES_SCALAR_PASSES_H */
