/* make bench-peers: hyperdual's side of one configuration, one translation
 * unit per configuration like the peers' (-DPEER_FN, -DPEER_N,
 * -DPEER_HESSIAN), in C (the generic layer is C11). The objective is the
 * HD_GENERIC_OBJECTIVE body of bench/bench_objectives.h, built where the
 * drivers are called, as a caller's code does (a struct of constants:
 * building it costs nothing once the compiler sees it), so that the inline
 * drivers of hyperdual/small.h see its bodies as the peers' compilers see
 * theirs; then plain hd_gradient or hd_hessian, nothing attached. */
#include "bench_objectives.h"
#include "peer_configs.h"

/* n, as the benchmark bodies read it: through ctx. */
static const size_t n_of_this = PEER_N;

static void run(const double *x, double *f, double *g, double *h)
{
    const hd_objective obj = PEER_FN == P_F1   ? bench_rosen_objective(PEER_N, (void *)&n_of_this)
                             : PEER_FN == P_F2 ? bench_f2_objective(PEER_N, (void *)&n_of_this)
                             : PEER_FN == P_HELICAL
                                 ? bench_helical_objective(PEER_N, (void *)&n_of_this)
                                 : bench_wood_objective(PEER_N, (void *)&n_of_this);
#if PEER_HESSIAN
    (void)!hd_hessian(&obj, x, f, g, h);
#else
    (void)h;
    (void)!hd_gradient(&obj, x, f, g);
#endif
}

extern const peer_method PEER_THIS(hd);
const peer_method PEER_THIS(hd) = {"hyperdual", PEER_HESSIAN, PEER_FN, PEER_N, run, NULL};
