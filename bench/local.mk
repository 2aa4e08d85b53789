# (The list is BENCH_PROGS, not BENCH_PROGRAMS: automake reserves *_PROGRAMS.)
# make bench: builds the benchmark programs on demand (never in `make` or
# `make check`) and runs each. A helper adds its program with
#   BENCH_PROGS += bench/<name>
#   bench_<name>_SOURCES = ...   (and _CFLAGS = $(BENCH_CFLAGS), _LDADD = $(BENCH_LDADD))
# and the one rule below builds and runs it.
BENCH_PROGS = bench/bench_eval bench/bench_drivers
BENCH_CFLAGS = $(AM_CFLAGS) -O2
BENCH_LDADD = lib/libhyperdual.la -lm

bench_bench_eval_SOURCES = bench/bench_eval.c bench/bench_util.h bench/bench_kernels.h \
	bench/bench_objectives.h bench/bench_kernels.c bench/bench_kernels_nansafe.c bench/bench_hand.c
bench_bench_eval_CFLAGS = $(BENCH_CFLAGS)
bench_bench_eval_LDADD = $(BENCH_LDADD)

bench_bench_drivers_SOURCES = bench/bench_drivers.c bench/bench_util.h bench/bench_kernels.h \
	bench/bench_objectives.h bench/bench_kernels.c bench/bench_kernels_nansafe.c bench/bench_hand.c
bench_bench_drivers_CFLAGS = $(BENCH_CFLAGS)
bench_bench_drivers_LDADD = $(BENCH_LDADD)

# ---- cli helper: the expression engine (issue 4, item 13) -------------------
# Hessian through hd_expr against the same function compiled with the hd_
# macros, and parsing 1 MiB of expression; prints both ratios.
BENCH_PROGS += bench/expr_bench
bench_expr_bench_SOURCES = bench/expr_bench.c
bench_expr_bench_CFLAGS = $(BENCH_CFLAGS)
bench_expr_bench_LDADD = $(BENCH_LDADD)
# ---- end of the cli helper's block ----------------------------------------------

# ---- optimizer report (issue 3, item 13) ------------------------------------------
BENCH_PROGS += bench/optim_report
bench_optim_report_SOURCES = bench/optim_report.c
bench_optim_report_CFLAGS = $(BENCH_CFLAGS)
bench_optim_report_LDADD = $(BENCH_LDADD)
EXTRA_DIST += doc/optim-table.md

# Regenerate the checked-in table (a maintainer target: it writes to srcdir).
.PHONY: optim-table
optim-table: bench/optim_report
	./bench/optim_report > $(srcdir)/doc/optim-table.md
	@for py in python3 /usr/bin/python3; do \
	  if $$py -c 'import scipy' 2>/dev/null; then \
	    $$py $(srcdir)/bench/lmder_compare.py ./bench/optim_report >> $(srcdir)/doc/optim-table.md; \
	    exit 0; fi; done; \
	echo "optim-table: no python3 with scipy: the lmder section is left out (apt-get install python3-scipy)"
# ---- end optimizer report ----------------------------------------------------------

# ---- where a Newton iteration's time goes at n = 2, 4, 10 (issue 13) --------------
BENCH_PROGS += bench/newton_report
bench_newton_report_SOURCES = bench/newton_report.c bench/bench_util.h
bench_newton_report_CFLAGS = $(BENCH_CFLAGS) $(LAPACKE_CFLAGS)
bench_newton_report_LDADD = $(BENCH_LDADD) $(LAPACKE_LIBS) $(BLAS_LIBS)
# ---- least squares (issue 14) ------------------------------------------------------
# The Jacobian's paths (bench_jacobian), and lmder beside our Levenberg-Marquardt
# (bench/lmder_compare.py, appended to doc/optim-table.md by make optim-table
# when a python3 with scipy is found; never by the tests).
BENCH_PROGS += bench/bench_jacobian
bench_bench_jacobian_SOURCES = bench/bench_jacobian.c bench/bench_util.h
bench_bench_jacobian_CFLAGS = $(BENCH_CFLAGS)
bench_bench_jacobian_LDADD = $(BENCH_LDADD)
EXTRA_DIST += bench/lmder_compare.py
# ---- end least squares ---------------------------------------------------------------
# ---- large problems (issue 15): H·v cost, and the n = 10 000 comparison --------------
# bench_hv: H·v and vᵀHw per path in evaluations of f (doc/performance.md).
# make bench-large: Newton-CG and L-BFGS against scipy on extended Rosenbrock
# at n = 10 000 (needs python3-scipy; not part of the tests).
BENCH_PROGS += bench/bench_hv
bench_bench_hv_SOURCES = bench/bench_hv.c bench/bench_util.h bench/bench_objectives.h
bench_bench_hv_CFLAGS = $(BENCH_CFLAGS)
bench_bench_hv_LDADD = $(BENCH_LDADD)
EXTRA_DIST += bench/large_n_compare.py
.PHONY: bench-large
bench-large: cli/hyperdual
	$(srcdir)/bench/large_n_compare.py ./cli/hyperdual
# ---- end large problems -------------------------------------------------------------

EXTRA_PROGRAMS = $(BENCH_PROGS)

.PHONY: bench
bench: $(BENCH_PROGS)
	@for p in $(BENCH_PROGS); do echo "== $$p"; ./$$p || exit 1; done
EXTRA_DIST += doc/performance.md

# make bench-peers: hyperdual beside Eigen, Ceres and ADOL-C (C++), at -O2
# and at -O3 -march=native, each peer configuration in its own translation
# unit and hyperdual's library and objectives rebuilt with the same flags
# (bench/peers_build.sh, into bench/peers-<set>/). Built only here, and only
# when g++ and libeigen3-dev, libceres-dev and libadolc-dev are installed;
# otherwise it says what is missing and stops. A set is NAME:FLAGS with @
# for a space. -ffp-contract=fast is g++'s default for C++ and what gcc
# does for -std=gnu11, but -std=c11 turns it off: stated, both sides fuse
# a·b + c into an fma alike where -march=native has one.
PEERS_FLAG_SETS = O2:-O2 O3-native:-O3@-march=native@-ffp-contract=fast
EXTRA_DIST += bench/bench_peers.cc bench/peers_eigen.cc bench/peers_ceres.cc bench/peers_adolc.cc \
	bench/peers.h bench/peer_configs.h bench/peers_hd.c bench/peers_ref.h bench/peers_ref.c \
	bench/peers_build.sh

.PHONY: bench-peers
bench-peers: lib/libhyperdual.la
	@if ! command -v $(CXX) >/dev/null 2>&1 || ! test -f /usr/include/eigen3/unsupported/Eigen/AutoDiff \
	   || ! test -f /usr/include/ceres/jet.h || ! test -f /usr/include/adolc/adolc.h; then \
	  echo "bench-peers: skipped; needs g++ and: apt-get install libeigen3-dev libceres-dev libadolc-dev"; \
	  exit 0; fi; \
	for set in $(PEERS_FLAG_SETS); do \
	  CC='$(CC)' CXX='$(CXX)' LIBTOOL='$(LIBTOOL)' DEFS='$(DEFS)' STD_CFLAGS='$(STD_CFLAGS)' \
	  VISIBILITY_CFLAGS='$(VISIBILITY_CFLAGS)' LAPACKE_CFLAGS='$(LAPACKE_CFLAGS)' \
	  LAPACKE_LIBS='$(LAPACKE_LIBS)' BLAS_LIBS='$(BLAS_LIBS)' OPENMP_CFLAGS='$(OPENMP_CFLAGS)' \
	  LIB_SOURCES='$(filter %.c,$(lib_libhyperdual_la_SOURCES))' srcdir='$(top_srcdir)' \
	  builddir='$(top_builddir)' \
	  $(SHELL) $(top_srcdir)/bench/peers_build.sh `echo $$set | sed 's/:.*//'` \
	    `echo $$set | sed 's/^[^:]*://; s/@/ /g'` || exit 1; \
	done

clean-local: clean-peers
.PHONY: clean-peers
clean-peers:
	-rm -rf bench/peers-*

# ---- threaded callers and OpenBLAS (issue 11, item 7) -----------------------------
BENCH_PROGS += bench/blas_threads
bench_blas_threads_SOURCES = bench/blas_threads.c bench/bench_util.h
bench_blas_threads_CFLAGS = $(BENCH_CFLAGS) -pthread
bench_blas_threads_LDFLAGS = -pthread
bench_blas_threads_LDADD = $(BENCH_LDADD)
