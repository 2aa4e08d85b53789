/* make bench-peers: the (function, n) configurations, in the table's order.
 * Plain macros with no includes: bench/peers_build.sh reads the list through
 * the preprocessor to build one translation unit per peer configuration. */
#ifndef HYPERDUAL_BENCH_PEER_CONFIGS_H
#define HYPERDUAL_BENCH_PEER_CONFIGS_H

/* The functions (C and C++). */
enum { P_F1, P_F2, P_HELICAL, P_WOOD };

/* X(function, n): F1 and F2 at the sizes where the small-n kinds switch
 * (2, 3, 4, 6, 8, 10) and at 50 and 200, the helical valley and Wood. */
#define PEER_CONFIGS(X)                                                                 \
    X(P_F1, 2) X(P_F1, 3) X(P_F1, 4) X(P_F1, 6) X(P_F1, 8) X(P_F1, 10) X(P_F1, 50)     \
    X(P_F1, 200) X(P_F2, 2) X(P_F2, 3) X(P_F2, 4) X(P_F2, 6) X(P_F2, 8) X(P_F2, 10)    \
    X(P_F2, 50) X(P_F2, 200) X(P_HELICAL, 3) X(P_WOOD, 4)

/* The peers, bench/peers_<name>.cc each: X(name, ...) with the further
 * arguments passed through. hyperdual's side is built the same way, one
 * translation unit per configuration, from bench/peers_hd.c. */
#define PEER_LIBRARIES(X, ...) X(eigen, __VA_ARGS__) X(ceres, __VA_ARGS__) X(adolc, __VA_ARGS__)

/* One method on one configuration: value, gradient and (for a Hessian
 * method) the dense n*n Hessian. */
typedef void (*peer_run)(const double *x, double *f, double *g, double *h);
typedef struct peer_method {
    const char *peer;  /* "Eigen", "Jet", "ADOL-C", "hyperdual" */
    int hessian;       /* 0 gradient, 1 Hessian */
    int fn;
    int n;
    peer_run run;      /* NULL: not run (footnote 1 of the output) */
    double (*tape_ns)(const double *x, int reps); /* ADOL-C's taping, or NULL */
} peer_method;

/* Each configuration is its own translation unit (peers_<lib>.cc, or
 * peers_hd.c, compiled with -DPEER_FN=... -DPEER_N=... -DPEER_HESSIAN=0|1,
 * as a user's code for one function is built), defining the one
 * peer_method named peer_<lib>_<fn>_<n>_<hessian>. One unit for all of them
 * made GCC stop inlining the peers' operators (its inliner budget is per
 * unit), which slowed them 3-6x at small n. */
#define PEER_SYMBOL(lib, fn, n, hess) PEER_SYMBOL_(lib, fn, n, hess)
#define PEER_SYMBOL_(lib, fn, n, hess) peer_##lib##_##fn##_##n##_##hess
#ifdef PEER_FN
#  define PEER_THIS(lib) PEER_SYMBOL(lib, PEER_FN, PEER_N, PEER_HESSIAN)
#endif

#endif
