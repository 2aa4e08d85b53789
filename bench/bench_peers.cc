// make bench-peers: hyperdual beside Eigen AutoDiffScalar, Ceres Jet and
// ADOL-C, hand-written derivatives and central differences, on F1, F2 (n =
// 2, 3, 4, 6, 8, 10, 50, 200), the helical valley and Wood. Every method is
// checked against the hand-written derivatives (F1, F2) or hyperdual's
// scalar path (helical, Wood; n(n+1)/2 hyper-dual passes) before it is timed; medians of interleaved
// rounds; the ratios hyperdual / fastest peer and hyperdual / hand-written
// are taken within each round. "Ours" is the objective written once with
// HD_GENERIC_OBJECTIVE, called through plain hd_gradient / hd_hessian with
// nothing attached. bench/peers_build.sh builds it once per flag set and
// passes the build's description as the arguments, which the header prints.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>
#include "peers.h"
#include "peers_ref.h"

// Every peer configuration's method (one translation unit each).
#define DECL_LIB(lib, fn, n) extern const peer_method PEER_SYMBOL(lib, fn, n, 0), PEER_SYMBOL(lib, fn, n, 1);
#define DECL_CONFIG(fn, n) PEER_LIBRARIES(DECL_LIB, fn, n)
PEER_CONFIGS(DECL_CONFIG)
#define PTR_LIB(lib, fn, n) &PEER_SYMBOL(lib, fn, n, 0), &PEER_SYMBOL(lib, fn, n, 1),
#define PTR_CONFIG(fn, n) PEER_LIBRARIES(PTR_LIB, fn, n)
static const peer_method *const all_peers[] = {PEER_CONFIGS(PTR_CONFIG)};
// hyperdual's, from peers_hd.c (C).
#define DECL_HD(fn, n) extern "C" const peer_method PEER_SYMBOL(hd, fn, n, 0), PEER_SYMBOL(hd, fn, n, 1);
PEER_CONFIGS(DECL_HD)
#define PTR_HD(fn, n) &PEER_SYMBOL(hd, fn, n, 0), &PEER_SYMBOL(hd, fn, n, 1),
static const peer_method *const all_hd[] = {PEER_CONFIGS(PTR_HD)};

static double now_ns()
{
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}
static double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// The columns of a row: hyperdual, the three peers, the references.
enum { C_OURS, C_EIGEN, C_JET, C_ADOLC, C_HAND, C_OTHER, NCOLS };
struct method {
    std::string name;
    int col;      // its column
    peer_run run; // a peer's or peers_hd.c's function
};

enum { NMAX = 200 };
static double X[NMAX], G[NMAX], H[NMAX * NMAX], GR[NMAX], HR[NMAX * NMAX];
static volatile double sink;

static void run(const method &m)
{
    double f = 0;
    m.run(X, &f, G, H);
    sink = sink + f;
}

static void point(int fn, int n)
{
    for (int i = 0; i < n; i++)
        X[i] = fn == P_F1 ? (i % 2 ? 1.0 : -1.2)
             : fn == P_WOOD ? (i % 2 ? -1.0 : -3.0)
             : fn == P_HELICAL ? (i ? 0.5 : -1.0) : 0.5 * std::cos((double)i);
}

static std::string fmt_ns(double ns)
{
    char buf[32];
    if (ns < 1e3) std::snprintf(buf, sizeof buf, "%.3g ns", ns);
    else if (ns < 1e6) std::snprintf(buf, sizeof buf, "%.3g µs", ns / 1e3);
    else std::snprintf(buf, sizeof buf, "%.3g ms", ns / 1e6);
    return buf;
}

// Two decimals, or two significant digits below 0.1 (the sparse Hessians
// come out 100x under the dense peers, where "0.00" would hide the ratio).
static std::string fmt_ratio(double r)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, r >= 0.1 || !(r > 0) ? "%.2f" : "%.2g", r);
    return buf;
}

// One row: a (config, kind).
struct result {
    int fn, n, hessian;
    double ours_ns;   // median time of hyperdual
    double vs_peer;   // median over rounds of ours / fastest peer of that round
    std::string peer; // the peer with the lowest median time
    double vs_hand;   // median over rounds of ours / hand-written; NAN without one
    double hand_ns;   // median time of the hand-written method; NAN without one
};

static const char *const fname[] = {"F1", "F2", "helical", "Wood"};

static const result *find(const std::vector<result> &rs, int fn, int n, int hessian)
{
    for (const result &r : rs)
        if (r.fn == fn && r.n == n && r.hessian == hessian) return &r;
    return nullptr;
}

static void summary(const std::vector<result> &rs)
{
    int met = 0;
    std::string above;
    for (const result &r : rs) {
        if (r.vs_peer <= 1.0) met++;
        else {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%s%s n=%d %s %s", above.empty() ? "" : ", ", fname[r.fn],
                          r.n, r.hessian ? "Hessian" : "gradient", fmt_ratio(r.vs_peer).c_str());
            above += buf;
        }
    }
    std::printf("\n%d of %zu rows at or below 1.00 (hyperdual / fastest peer)%s%s.\n", met, rs.size(),
                above.empty() ? "" : "; above: ", above.c_str());
    const result *h1 = find(rs, P_F1, 50, 1), *h2 = find(rs, P_F2, 50, 1);
    if (h1 && h2)
        std::printf("Hessian, hyperdual / hand-written at n = 50: F1 %.2f, F2 %.2f\n", h1->vs_hand,
                    h2->vs_hand);
    const result *l1 = find(rs, P_F1, 200, 1), *l2 = find(rs, P_F2, 200, 1);
    const double l4 = std::log(200.0 / 50.0);
    if (h1 && h2 && l1 && l2)
        std::printf("Hessian cost growth n = 50 -> 200, dense output (all n*n entries written):\n"
                    "hd_hessian F1 n^%.2f, F2 n^%.2f; hand-written F1 n^%.2f, F2 n^%.2f\n",
                    std::log(l1->ours_ns / h1->ours_ns) / l4, std::log(l2->ours_ns / h2->ours_ns) / l4,
                    std::log(l1->hand_ns / h1->hand_ns) / l4, std::log(l2->hand_ns / h2->hand_ns) / l4);
}

int main(int argc, char **argv)
{
    {
        char line[256], model[256] = "unknown";
        FILE *c = std::fopen("/proc/cpuinfo", "r");
        while (c && std::fgets(line, sizeof line, c))
            if (!std::strncmp(line, "model name", 10)) {
                std::snprintf(model, sizeof model, "%s", std::strchr(line, ':') + 2);
                model[std::strcspn(model, "\n")] = 0;
                break;
            }
        if (c) std::fclose(c);
        std::printf("CPU: %s\n", model);
    }
    const int ROUNDS = 31;
    for (int a = 1; a < argc; a++) std::printf("%s\n", argv[a]);
    std::printf("Time per call, median of %d interleaved rounds; ours/peer is hyperdual over the\n"
                "fastest peer within each round (median over rounds). hyperdual is the objective\n"
                "written once with HD_GENERIC_OBJECTIVE, called through plain hd_gradient or\n"
                "hd_hessian (nothing attached). Eigen is AutoDiffScalar (nested for a Hessian), Jet\n"
                "is Ceres Jet<double, n> (Jet<Jet<double, n>, n> for a Hessian), ADOL-C replays its\n"
                "tape with gradient() / hessian() (the taping, once per configuration, timed\n"
                "apart). \"other\" is central differences of the hand-written value (gradient) or\n"
                "hd_hessian with a pattern from hd_sparsity_detect attached (Hessian).\n\n",
                ROUNDS);
    std::printf("| config | kind | hyperdual | ours/fastest peer | Eigen | Jet | ADOL-C | hand-written "
                "| other | ADOL-C taping |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
#define PEER_CFG(fn, n) {fn, n},
    static const int cfg[][2] = {PEER_CONFIGS(PEER_CFG)};
#undef PEER_CFG
    static const int peer_col[] = {C_EIGEN, C_JET, C_ADOLC}; // PEER_LIBRARIES' order
    std::vector<result> results;
    bool left_out = false;
    for (const auto &c : cfg) {
        const int fn = c[0], n = c[1];
        point(fn, n);
        for (int hess = 0; hess < 2; hess++) {
            std::vector<method> ms;
            double (*tape_ns)(const double *, int) = nullptr;
            std::string cell[NCOLS];
            for (size_t k = 0; k < sizeof all_peers / sizeof *all_peers; k++) {
                const peer_method *p = all_peers[k];
                const int col = peer_col[k / 2 % 3]; // a pair of kinds per library
                if (p->fn != fn || p->n != n || p->hessian != hess) continue;
                if (p->run) ms.push_back({p->peer, col, p->run});
                else {
                    cell[col] = "not run (1)";
                    left_out = true;
                }
                if (p->tape_ns) tape_ns = p->tape_ns;
            }
            const int hand = fn <= P_F2;
            const peer_method *ours = nullptr;
            for (const peer_method *p : all_hd)
                if (p->fn == fn && p->n == n && p->hessian == hess) ours = p;
            ms.push_back({"hyperdual", C_OURS, ours->run});
            if (hess) ms.push_back({"pattern attached", C_OTHER, peers_ref_find(fn, n, PEERS_HD_HESSIAN_PATTERN)});
            else if (hand) ms.push_back({"central differences", C_OTHER, peers_ref_find(fn, n, PEERS_CD_GRADIENT)});
            if (hand)
                ms.push_back({"hand-written", C_HAND,
                              peers_ref_find(fn, n, hess ? PEERS_HAND_HESSIAN : PEERS_HAND_GRADIENT)});
            // the reference: hand-written for F1/F2, else hyperdual's scalar path
            double f;
            peers_ref_find(fn, n, hand ? PEERS_HAND_HESSIAN : PEERS_SCALAR_HESSIAN)(X, &f, GR, HR);
            std::vector<long> reps(ms.size());
            for (size_t m = 0; m < ms.size(); m++) {
                std::fill(G, G + n, NAN);
                std::fill(H, H + n * n, NAN);
                run(ms[m]);
                const double tol = ms[m].name == "central differences" ? 1e-6 : 1e-10;
                for (int i = 0; i < n * (hess ? n : 1); i++) {
                    const double got = hess ? H[i] : G[i], want = hess ? HR[i] : GR[i];
                    if (!(std::fabs(got - want) <= tol * (1 + std::fabs(want)))) {
                        std::printf("%s n=%d %s: entry %d is %.17g, expected %.17g\n", fname[fn], n,
                                    ms[m].name.c_str(), i, got, want);
                        return 1;
                    }
                }
                reps[m] = 1;
                for (;;) {
                    const double t0 = now_ns();
                    for (long r = 0; r < reps[m]; r++) run(ms[m]);
                    if (now_ns() - t0 > 1e6 || reps[m] > (1L << 22)) break;
                    reps[m] *= 2;
                }
            }
            std::vector<std::vector<double>> t(ms.size());
            std::vector<double> ratio, vs_hand;
            for (int r = 0; r < ROUNDS; r++) {
                std::vector<double> tr(ms.size());
                for (size_t k = 0; k < ms.size(); k++) {
                    const size_t m = (k + r) % ms.size();
                    const double t0 = now_ns();
                    for (long q = 0; q < reps[m]; q++) run(ms[m]);
                    tr[m] = (now_ns() - t0) / reps[m];
                    t[m].push_back(tr[m]);
                }
                double best = INFINITY, ours = 0, hw = NAN;
                for (size_t m = 0; m < ms.size(); m++) {
                    const int col = ms[m].col;
                    if (col == C_EIGEN || col == C_JET || col == C_ADOLC) best = std::min(best, tr[m]);
                    if (col == C_OURS) ours = tr[m];
                    if (col == C_HAND) hw = tr[m];
                }
                ratio.push_back(ours / best);
                vs_hand.push_back(ours / hw);
            }
            result res = {fn, n, hess, 0, median(ratio), "", median(vs_hand), NAN};
            double best_peer = INFINITY;
            for (size_t m = 0; m < ms.size(); m++) {
                const double ns = median(t[m]);
                const int col = ms[m].col;
                cell[col] = fmt_ns(ns);
                if (col == C_OURS) res.ours_ns = ns;
                if (col == C_HAND) res.hand_ns = ns;
                if ((col == C_EIGEN || col == C_JET || col == C_ADOLC) && ns < best_peer) {
                    best_peer = ns;
                    res.peer = ms[m].name;
                }
            }
            std::printf("| %s n=%d | %s | %s | **%s** %s | %s | %s | %s | %s | %s | %s |\n", fname[fn], n,
                        hess ? "Hessian" : "gradient", cell[C_OURS].c_str(),
                        fmt_ratio(res.vs_peer).c_str(), res.peer.c_str(), cell[C_EIGEN].c_str(),
                        cell[C_JET].c_str(), cell[C_ADOLC].c_str(), cell[C_HAND].c_str(),
                        cell[C_OTHER].c_str(), tape_ns ? fmt_ns(tape_ns(X, 20)).c_str() : "");
            results.push_back(res);
            std::fflush(stdout);
        }
    }
    if (left_out)
        std::printf("\n(1) The nested peers run up to n = %d. At n = 200 a fixed-size nested value is\n"
                    "320 KB, over Eigen's 128 KB EIGEN_STACK_ALLOCATION_LIMIT (a compile error); with\n"
                    "the limit lifted, or with dynamic-size nested AutoDiffScalar, one Hessian took\n"
                    "over 70 ms when measured (numbers in bench/peers.h), past the 50 ms budget here.\n",
                    (int)PEER_NESTED_MAX_N);
    summary(results);
    return 0;
}
