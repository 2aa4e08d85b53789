# libFuzzer target for the expression engine (needs clang).
#   make fuzz                       build fuzz/fuzz_expr (ASan + UBSan + libFuzzer)
#   make fuzz-run FUZZ_SECONDS=60   run it from the seed corpus fuzz/corpus
# The engine's sources are compiled in directly (no libtool, every file
# instrumented); new corpus entries go to fuzz/corpus-new in the build tree.
EXTRA_DIST += fuzz/fuzz_expr.c fuzz/corpus
FUZZ_SECONDS = 60
FUZZ_FLAGS = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -I$(top_srcdir)/include -I$(top_builddir)
FUZZ_SRC = \
	$(top_srcdir)/fuzz/fuzz_expr.c \
	$(top_srcdir)/lib/expr_lex.c \
	$(top_srcdir)/lib/expr_parse.c \
	$(top_srcdir)/lib/expr_eval.c \
	$(top_srcdir)/lib/diff/colour.c \
	$(top_srcdir)/lib/diff/passes.c \
	$(top_srcdir)/lib/diff/path_scalar.c \
	$(top_srcdir)/lib/diff/path_narrow.c \
	$(top_srcdir)/lib/diff/path_lanes.c \
	$(top_srcdir)/lib/diff/path_tape.c \
	$(top_srcdir)/lib/diff/sparsity.c \
	$(top_srcdir)/lib/diff/path_sparse.c \
	$(top_srcdir)/lib/diff/drivers.c \
	$(top_srcdir)/lib/special.c
# fuzz/corpus-new is kept by `make clean`: a grown corpus makes the next run better.
CLEANFILES += fuzz/fuzz_expr
.PHONY: fuzz fuzz-run

if HAVE_CLANG
fuzz: fuzz/fuzz_expr
fuzz/fuzz_expr: $(FUZZ_SRC) $(top_srcdir)/lib/expr_internal.h $(top_srcdir)/lib/expr_run.h $(top_srcdir)/lib/diff/internal.h $(top_srcdir)/lib/diff/sparse_plan.h
	@$(MKDIR_P) fuzz
	$(CLANG) $(FUZZ_FLAGS) $(FUZZ_SRC) -lm -o $@
fuzz-run: fuzz/fuzz_expr
	@$(MKDIR_P) fuzz/corpus-new
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ./fuzz/fuzz_expr -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=fuzz/ fuzz/corpus-new $(top_srcdir)/fuzz/corpus
else
fuzz fuzz-run:
	@echo "make $@ needs clang (libFuzzer): apt-get install clang" >&2; exit 1
endif
