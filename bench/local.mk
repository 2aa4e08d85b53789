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

EXTRA_PROGRAMS = $(BENCH_PROGS)

.PHONY: bench
bench: $(BENCH_PROGS)
	@for p in $(BENCH_PROGS); do echo "== $$p"; ./$$p || exit 1; done
EXTRA_DIST += doc/performance.md
