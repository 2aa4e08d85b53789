# libFuzzer targets (need clang):
#   fuzz/fuzz_expr   the expression engine (seed corpus fuzz/corpus)
#   fuzz/fuzz_optim  the derivative drivers and hd_minimize (seed corpus fuzz/corpus-optim)
#   make fuzz                       build both (ASan + UBSan + libFuzzer)
#   make fuzz-run FUZZ_SECONDS=60   run both, FUZZ_SECONDS/2 each
# The library's sources are compiled in directly (no libtool, every file
# instrumented); new corpus entries go to fuzz/corpus-new and
# fuzz/corpus-optim-new in the build tree, crashes to fuzz/crash-* there.
EXTRA_DIST += fuzz/fuzz_expr.c fuzz/corpus fuzz/fuzz_optim.c fuzz/corpus-optim
FUZZ_SECONDS = 60
FUZZ_FLAGS = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -I$(top_srcdir)/include -I$(top_builddir)
FUZZ_SRC = \
	$(top_srcdir)/fuzz/fuzz_expr.c \
	$(top_srcdir)/lib/expr_lex.c \
	$(top_srcdir)/lib/expr_parse.c \
	$(top_srcdir)/lib/expr_eval.c \
	$(top_srcdir)/lib/diff.c \
	$(top_srcdir)/lib/sparse.c \
	$(top_srcdir)/lib/tape.c \
	$(top_srcdir)/lib/special.c
# The optimizer's fuzzer takes the whole library (lib/local.mk's list; its
# .c files are picked out in the recipe).
FUZZ_LIB_FILES = $(lib_libhyperdual_la_SOURCES:%=$(top_srcdir)/%)
# One BLAS thread: the library's matrices are small (issue 11, item 7).
FUZZ_ENV = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 OPENBLAS_NUM_THREADS=1
FUZZ_RUN_FLAGS = -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=fuzz/
# fuzz/corpus-new and fuzz/corpus-optim-new are kept by `make clean`: a grown
# corpus makes the next run better.
CLEANFILES += fuzz/fuzz_expr fuzz/fuzz_optim
.PHONY: fuzz fuzz-run

if HAVE_CLANG
fuzz: fuzz/fuzz_expr fuzz/fuzz_optim
fuzz/fuzz_expr: $(FUZZ_SRC) $(top_srcdir)/lib/expr_internal.h $(top_srcdir)/lib/expr_run.h $(top_srcdir)/lib/diff_internal.h
	@$(MKDIR_P) fuzz
	$(CLANG) $(FUZZ_FLAGS) $(FUZZ_SRC) -lm -o $@
fuzz/fuzz_optim: $(top_srcdir)/fuzz/fuzz_optim.c $(FUZZ_LIB_FILES)
	@$(MKDIR_P) fuzz
	src=; for f in $(FUZZ_LIB_FILES); do case $$f in *.c) src="$$src $$f";; esac; done; \
	$(CLANG) $(FUZZ_FLAGS) -DHD_BUILDING_LIBRARY $(LAPACKE_CFLAGS) \
	    $(top_srcdir)/fuzz/fuzz_optim.c $$src $(LAPACKE_LIBS) $(BLAS_LIBS) -lm -o $@
fuzz-run: fuzz/fuzz_expr fuzz/fuzz_optim
	@$(MKDIR_P) fuzz/corpus-new fuzz/corpus-optim-new
	half=$$(( ($(FUZZ_SECONDS) + 1) / 2 )); \
	$(FUZZ_ENV) ./fuzz/fuzz_expr -max_total_time=$$half -max_len=4096 $(FUZZ_RUN_FLAGS) \
	    fuzz/corpus-new $(top_srcdir)/fuzz/corpus && \
	$(FUZZ_ENV) ./fuzz/fuzz_optim -max_total_time=$$half -max_len=512 $(FUZZ_RUN_FLAGS) \
	    fuzz/corpus-optim-new $(top_srcdir)/fuzz/corpus-optim
else
fuzz fuzz-run:
	@echo "make $@ needs clang (libFuzzer): apt-get install clang" >&2; exit 1
endif
