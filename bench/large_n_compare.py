#!/usr/bin/python3
"""Newton-CG and L-BFGS against scipy's on extended Rosenbrock (MGH #21).

    bench/large_n_compare.py [HYPERDUAL] [--n N] [--rounds R]

Runs, R times in alternation so that a change of load hits both sides alike,
`hyperdual minimize --problem extended_rosenbrock --n N --method
newton-cg,lbfgs --json` (in both orders, round by round; its per-method
"seconds" is the wall time of hd_minimize alone) and, each round in a fresh python3 process as well and in
both orders, scipy's Newton-CG with an analytic hessp and L-BFGS-B with an
analytic gradient from the standard start (each side's first method pays the
first use of its memory). It
prints each side's median, min and max, the final f and the load (uptime),
and the peak memory of one hyperdual run (GNU time, when installed). Not a
test: wall times on a shared machine are noisy; read the spread. Needs
Debian's python3-scipy (/usr/bin/python3). `make bench-large` runs it.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np
from scipy.optimize import minimize


def rosen(n):
    def f(x):
        a = 10 * (x[1::2] - x[0::2] ** 2)
        b = 1 - x[0::2]
        return a @ a + b @ b

    def g(x):
        gr = np.zeros_like(x)
        a = 10 * (x[1::2] - x[0::2] ** 2)
        b = 1 - x[0::2]
        gr[0::2] = -40 * x[0::2] * a - 2 * b
        gr[1::2] = 20 * a
        return gr

    def hessp(x, p):
        hv = np.zeros_like(x)
        x1, x2, p1, p2 = x[0::2], x[1::2], p[0::2], p[1::2]
        h11 = 1200 * x1 ** 2 - 400 * x2 + 2
        h12 = -400 * x1
        hv[0::2] = h11 * p1 + h12 * p2
        hv[1::2] = h12 * p1 + 200 * p2
        return hv

    x0 = np.empty(n)
    x0[0::2], x0[1::2] = -1.2, 1.0
    return f, g, hessp, x0


def scipy_once(n, order):
    """Both scipy methods, in this order, timed in this (fresh) process."""
    f, g, hessp, x0 = rosen(n)
    out = {}
    for m in order.split(","):
        t = time.perf_counter()
        if m == "Newton-CG":
            r = minimize(f, x0, jac=g, hessp=hessp, method="Newton-CG", options={"xtol": 1e-12})
        else:
            r = minimize(f, x0, jac=g, method="L-BFGS-B", options={"gtol": 1e-8, "ftol": 0, "maxiter": 10000})
        out[m] = (time.perf_counter() - t, float(r.fun), int(r.nit))
    return out


def scipy_runs(n, order):
    """scipy_once in a fresh python3 process, as each hyperdual run is one: both
    sides pay the first use of their memory in their first method."""
    p = subprocess.run([sys.executable, __file__, "--scipy-once", str(n), order], check=True,
                       capture_output=True, text=True)
    return {k: tuple(v) for k, v in json.loads(p.stdout).items()}


def hyperdual_runs(exe, n, order):
    cmd = [exe, "minimize", "--problem", "extended_rosenbrock", "--n", str(n),
           "--method", order, "--json"]
    res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return {r["method"]: (r["seconds"], r["f"], r["iterations"], r["status"]) for r in res["results"]}


def peak_memory(exe, n, method):
    gnu_time = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if not gnu_time:
        return None
    cmd = [gnu_time, "-f", "%M", exe, "minimize", "--problem", "extended_rosenbrock", "--n", str(n),
           "--method", method]
    p = subprocess.run(cmd, capture_output=True, text=True)
    try:
        return int(p.stderr.strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError):
        return None


def main():
    args = sys.argv[1:]
    if args and args[0] == "--scipy-once":
        print(json.dumps(scipy_once(int(args[1]), args[2])))
        return
    exe, n, rounds = "hyperdual", 10000, 7
    while args:
        a = args.pop(0)
        if a == "--n":
            n = int(args.pop(0))
        elif a == "--rounds":
            rounds = int(args.pop(0))
        else:
            exe = a
    times = {k: [] for k in ("newton-cg", "lbfgs", "Newton-CG", "L-BFGS-B")}
    final = {}
    load = [os.getloadavg()[0]]
    for r in range(rounds):
        # each method runs first in every other process (the first pays the page faults)
        for k, v in hyperdual_runs(exe, n, "newton-cg,lbfgs" if r % 2 else "lbfgs,newton-cg").items():
            times[k].append(v[0])
            final[k] = v[1:]
        for k, v in scipy_runs(n, "Newton-CG,L-BFGS-B" if r % 2 else "L-BFGS-B,Newton-CG").items():
            times[k].append(v[0])
            final[k] = v[1:]
        load.append(os.getloadavg()[0])
    print(f"extended Rosenbrock, n = {n}, {rounds} rounds; 1-minute load {min(load):.2f} to {max(load):.2f} "
          f"on {os.cpu_count()} cores")
    print(f"{'method':<22} {'median s':>9} {'min s':>8} {'max s':>8}  final f      iterations")
    for k in ("newton-cg", "Newton-CG", "lbfgs", "L-BFGS-B"):
        who = "hyperdual " + k if k.islower() else "scipy " + k
        t = times[k]
        print(f"{who:<22} {statistics.median(t):9.4f} {min(t):8.4f} {max(t):8.4f}  {final[k][0]:<12.3g} "
              f"{final[k][1]}" + (f" ({final[k][2]})" if len(final[k]) > 2 else ""))
    for m in ("newton-cg", "lbfgs"):
        mb = peak_memory(exe, n, m)
        if mb is not None:
            print(f"peak memory of hyperdual minimize --method {m}: {mb:.1f} MB")


if __name__ == "__main__":
    main()
