# make bench: builds the benchmark programs on demand (never in `make` or
# `make check`) and runs each. (The list is BENCH_PROGS, not BENCH_PROGRAMS:
# automake reserves *_PROGRAMS.) A program joins with
#   BENCH_PROGS += bench/<name>
#   bench_<name>_SOURCES = ...   (and _CFLAGS = $(BENCH_CFLAGS), _LDADD = $(BENCH_LDADD))
BENCH_PROGS =
BENCH_CFLAGS = $(AM_CFLAGS) -O2
BENCH_LDADD = lib/libhyperdual.la -lm

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
# ---- end optimizer report ----------------------------------------------------------

EXTRA_PROGRAMS = $(BENCH_PROGS)

.PHONY: bench
bench: $(BENCH_PROGS)
	@for p in $(BENCH_PROGS); do echo "== $$p"; ./$$p || exit 1; done
