// make bench-peers: hyperdual beside Eigen AutoDiffScalar, Ceres Jet and
// ADOL-C, hand-written derivatives and central differences, on F1, F2 (n =
// 2, 10, 50), the helical valley and Wood. Every method is checked against
// the hand-written derivatives (F1, F2) or hyperdual's scalar path (helical,
// Wood) before it is timed; medians of interleaved rounds; the ratio
// hyperdual / fastest peer is taken within each round.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>
#include "peers.h"
#include "peers_hd.h"

double peers_adolc_tape_ns(int fn, int n, const double *x, int reps);

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

struct method {
    std::string name;
    int ours;     // 1 hyperdual, 0 peer, -1 reference (hand, central differences)
    int hessian;
    int fn, n;
    peer_run peer; // or NULL for the C side
    int what;
};

static double X[50], G[50], H[2500], GR[50], HR[2500];
static volatile double sink;

static void run(const method &m)
{
    double f = 0;
    if (m.peer) m.peer(X, &f, G, H);
    else peers_hd_run(m.fn, (size_t)m.n, m.what, X, &f, G, H);
    sink = sink + f;
}

static void point(int fn, int n)
{
    for (int i = 0; i < n; i++)
        X[i] = fn == P_F1 ? (i % 2 ? 1.0 : -1.2)
             : fn == P_WOOD ? (i % 2 ? -1.0 : -3.0)
             : fn == P_HELICAL ? (i ? 0.5 : -1.0) : 0.5 * std::cos((double)i);
}

int main()
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
    const int ROUNDS = 11;
    std::printf("bench_peers: time per call (median of %d interleaved rounds); ours/peer is\n"
                "hyperdual (hd_gradient, or hd_hessian with the pattern attached) over the\n"
                "fastest peer, within each round. All compiled with -O2.\n\n", ROUNDS);
    std::printf("| config | kind | method | time | ours/fastest peer |\n|---|---|---|---:|---:|\n");
    static const int cfg[][2] = {{P_F1, 2}, {P_F1, 10}, {P_F1, 50}, {P_F2, 2}, {P_F2, 10},
                                 {P_F2, 50}, {P_HELICAL, 3}, {P_WOOD, 4}};
    static const char *const fname[] = {"F1", "F2", "helical", "Wood"};
    for (const auto &c : cfg) {
        const int fn = c[0], n = c[1];
        point(fn, n);
        for (int hess = 0; hess < 2; hess++) {
            std::vector<method> ms;
            const peer_method *tables[] = {peers_eigen, peers_ceres, peers_adolc};
            const int counts[] = {peers_eigen_count, peers_ceres_count, peers_adolc_count};
            for (int t = 0; t < 3; t++)
                for (int k = 0; k < counts[t]; k++) {
                    const peer_method &p = tables[t][k];
                    if (p.fn == fn && p.n == n && p.hessian == hess)
                        ms.push_back({p.peer, 0, hess, fn, n, p.run, 0});
                }
            if (hess) {
                ms.push_back({"hyperdual hd_hessian", 1, 1, fn, n, nullptr, PEERS_HD_HESSIAN_PATTERN});
                ms.push_back({"hyperdual (no pattern)", -1, 1, fn, n, nullptr, PEERS_HD_HESSIAN});
                if (fn <= P_F2) ms.push_back({"hand-written", -1, 1, fn, n, nullptr, PEERS_HAND_HESSIAN});
            } else {
                ms.push_back({"hyperdual hd_gradient", 1, 0, fn, n, nullptr, PEERS_HD_GRADIENT});
                if (fn <= P_F2) {
                    ms.push_back({"hand-written", -1, 0, fn, n, nullptr, PEERS_HAND_GRADIENT});
                    ms.push_back({"central differences", -1, 0, fn, n, nullptr, PEERS_CD_GRADIENT});
                }
            }
            // the reference: hand-written for F1/F2, else hyperdual's scalar result
            double f;
            if (fn <= P_F2) peers_hd_run(fn, n, PEERS_HAND_HESSIAN, X, &f, GR, HR);
            else peers_hd_run(fn, n, PEERS_HD_HESSIAN, X, &f, GR, HR);
            std::vector<long> reps(ms.size());
            for (size_t m = 0; m < ms.size(); m++) {
                std::fill(G, G + n, NAN);
                std::fill(H, H + n * n, NAN);
                run(ms[m]);
                const double tol = ms[m].what == PEERS_CD_GRADIENT ? 1e-6 : 1e-10;
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
                    if (now_ns() - t0 > 2e5 || reps[m] > (1L << 22)) break;
                    reps[m] *= 2;
                }
            }
            std::vector<std::vector<double>> t(ms.size());
            std::vector<double> ratio;
            for (int r = 0; r < ROUNDS; r++) {
                std::vector<double> tr(ms.size());
                for (size_t k = 0; k < ms.size(); k++) {
                    const size_t m = (k + r) % ms.size();
                    const double t0 = now_ns();
                    for (long q = 0; q < reps[m]; q++) run(ms[m]);
                    tr[m] = (now_ns() - t0) / reps[m];
                    t[m].push_back(tr[m]);
                }
                double best = INFINITY, ours = 0;
                for (size_t m = 0; m < ms.size(); m++) {
                    if (ms[m].ours == 0) best = std::min(best, tr[m]);
                    if (ms[m].ours == 1) ours = tr[m];
                }
                ratio.push_back(ours / best);
            }
            const double q = median(ratio);
            for (size_t m = 0; m < ms.size(); m++) {
                const double ns = median(t[m]);
                char buf[32];
                if (ns < 1e3) std::snprintf(buf, sizeof buf, "%.3g ns", ns);
                else if (ns < 1e6) std::snprintf(buf, sizeof buf, "%.3g µs", ns / 1e3);
                else std::snprintf(buf, sizeof buf, "%.3g ms", ns / 1e6);
                std::printf("| %s n=%d | %s | %s | %s |", fname[fn], n, hess ? "Hessian" : "gradient",
                            ms[m].name.c_str(), buf);
                if (ms[m].ours == 1) std::printf(" **%.2f** |\n", q);
                else std::printf(" |\n");
            }
            if (hess == 0)
                std::printf("| %s n=%d | taping | ADOL-C trace_on..trace_off | %.3g µs | |\n", fname[fn], n,
                            peers_adolc_tape_ns(fn, n, X, 20) / 1e3);
            std::fflush(stdout);
        }
    }
    return 0;
}
