# libFuzzer targets (need clang):
#   fuzz/fuzz_expr   the expression engine (seed corpus fuzz/corpus)
#   fuzz/fuzz_optim  the derivative drivers and hd_minimize (seed corpus fuzz/corpus-optim)
#   make fuzz                       build both (ASan + UBSan + libFuzzer)
#   make fuzz-run FUZZ_SECONDS=60   run both, FUZZ_SECONDS/2 each
# The library's sources are compiled into fuzz/libhd-fuzz.a (no libtool, every file
# instrumented); new corpus entries go to fuzz/corpus-new and
# fuzz/corpus-optim-new in the build tree, crashes to fuzz/crash-* there.
EXTRA_DIST += fuzz/fuzz_expr.c fuzz/corpus fuzz/fuzz_optim.c fuzz/corpus-optim
FUZZ_SECONDS = 60
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -g -O1 $(FUZZ_SANITIZE) -I$(top_srcdir)/include -I$(top_builddir)
# Both fuzzers link the whole library, built once, instrumented, into
# fuzz/libhd-fuzz.a from lib/local.mk's list of sources (its .c files, two
# compilers at a time), so a new source file needs no line here.
FUZZ_LIB_FILES = $(lib_libhyperdual_la_SOURCES:%=$(top_srcdir)/%)
# One BLAS thread: the library's matrices are small (issue 11, item 7).
FUZZ_ENV = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 OPENBLAS_NUM_THREADS=1
FUZZ_RUN_FLAGS = -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=fuzz/
# fuzz/corpus-new and fuzz/corpus-optim-new are kept by `make clean`: a grown
# corpus makes the next run better.
CLEANFILES += fuzz/fuzz_expr fuzz/fuzz_optim fuzz/libhd-fuzz.a
clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz/obj
.PHONY: fuzz fuzz-run clean-fuzz

if HAVE_CLANG
fuzz: fuzz/fuzz_expr fuzz/fuzz_optim
fuzz/libhd-fuzz.a: $(FUZZ_LIB_FILES)
	@$(MKDIR_P) fuzz/obj
	@for f in $(FUZZ_LIB_FILES); do case $$f in *.c) echo "$$f";; esac; done | \
	    xargs -P 2 -I SRC sh -c 'o=fuzz/obj/$$(echo "SRC" | sed "s|.*/lib/||; s|/|_|g; s|\.c$$|.o|"); \
	        echo "  CC       $$o"; \
	        $(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -DHD_BUILDING_LIBRARY $(LAPACKE_CFLAGS) \
	            -c SRC -o $$o'
	rm -f $@ && $(AR) cr $@ fuzz/obj/*.o
fuzz/fuzz_expr fuzz/fuzz_optim: fuzz/libhd-fuzz.a
fuzz/fuzz_expr: $(top_srcdir)/fuzz/fuzz_expr.c
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(top_srcdir)/fuzz/fuzz_expr.c fuzz/libhd-fuzz.a \
	    $(LAPACKE_LIBS) $(BLAS_LIBS) -lm -o $@
fuzz/fuzz_optim: $(top_srcdir)/fuzz/fuzz_optim.c
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(top_srcdir)/fuzz/fuzz_optim.c fuzz/libhd-fuzz.a \
	    $(LAPACKE_LIBS) $(BLAS_LIBS) -lm -o $@
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
