# Check suites, joined in one runner whose TAP output automake reads.
check_PROGRAMS += tests/check_hyperdual
tests_check_hyperdual_SOURCES = \
	tests/tests.h \
	tests/check_main.c \
	tests/check_smoke.c \
	tests/check_expr.c \
	tests/check_problems.c \
	tests/check_paths.c \
	tests/check_lanes.c \
	tests/check_diff_extra.c \
	tests/check_optim.c \
	tests/check_rules_ref.h \
	tests/check_rules.c \
	tests/check_edges.c \
	tests/check_identities.c \
	tests/check_tgmath.c \
	bench/bench_objectives.h \
	tests/check_lanes_nansafe.c \
	tests/check_tape.c \
	tests/check_kinds.c \
	tests/check_lsq.c \
	tests/check_large.c
tests_check_hyperdual_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_hyperdual_LDADD = lib/libhyperdual.la $(CHECK_LIBS) -lm

TESTS += tests/check_hyperdual

# NaN-safe mode: its own program, compiled with -DHD_NANSAFE.
check_PROGRAMS += tests/check_nansafe
tests_check_nansafe_SOURCES = tests/check_nansafe.c
tests_check_nansafe_CPPFLAGS = $(AM_CPPFLAGS) -DHD_NANSAFE
tests_check_nansafe_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_nansafe_LDADD = lib/libhyperdual.la $(CHECK_LIBS) -lm
TESTS += tests/check_nansafe

# The lane kinds as a translation unit built for AVX2 sees them (four-lane
# registers, kinds.h): the lane, path and kind suites again, compiled with
# -mavx2; a TAP skip where the compiler or the processor lacks AVX2.
check_PROGRAMS += tests/check_avx
tests_check_avx_SOURCES = tests/check_avx.c tests/check_lanes.c tests/check_lanes_nansafe.c \
	tests/check_paths.c tests/check_kinds.c tests/tests.h bench/bench_objectives.h
tests_check_avx_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(AVX_CFLAGS)
tests_check_avx_LDADD = lib/libhyperdual.la $(CHECK_LIBS) -lm
TESTS += tests/check_avx

# --enable-openmp: one thread and two give the same bits.
check_PROGRAMS += tests/openmp_bits
tests_openmp_bits_SOURCES = tests/openmp_bits.c bench/bench_objectives.h
tests_openmp_bits_LDADD = lib/libhyperdual.la -lm
TESTS += tests/openmp_bits.sh
EXTRA_DIST += tests/openmp_bits.sh

# The files of lib/ call each other in layers, without a cycle.
TESTS += tests/layers.sh
EXTRA_DIST += tests/layers.sh

# doc/design.md's "Adding a kind", done in a scratch copy of the library.
TESTS += tests/add_kind.sh
EXTRA_DIST += tests/add_kind.sh

# Each public header alone (C11, C17, C++11; gcc and clang; hyperdual.hpp as
# C++11 to C++20, and refused loudly by C and C++98), and a dual+hyper mix
# that must not compile (C, and C++ through hyperdual.hpp).
TESTS += tests/header_test.sh tests/compile_fail.sh
EXTRA_DIST += tests/header_test.sh tests/compile_fail.sh
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(SHELL) $(top_srcdir)/build-aux/test-driver
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	CK_TAP_LOG_FILE_NAME=-; export CK_TAP_LOG_FILE_NAME; \
	CK_VERBOSITY=silent; export CK_VERBOSITY; \
	HD_TESTDATA=$${HD_TESTDATA:-$(abs_top_srcdir)/../shared/testdata}; export HD_TESTDATA; \
	top_srcdir='$(top_srcdir)'; export top_srcdir; \
	top_builddir='$(top_builddir)'; export top_builddir; \
	CC='$(CC)'; export CC; \
	CXX='$(CXX)'; export CXX; \
	HD_OPENMP_CFLAGS='$(OPENMP_CFLAGS)'; export HD_OPENMP_CFLAGS; \
	HD_LAPACK_LIBS='$(LAPACKE_LIBS) $(BLAS_LIBS)'; export HD_LAPACK_LIBS; \
	HD_LIB_SOURCES='$(lib_libhyperdual_la_SOURCES)'; export HD_LIB_SOURCES;

# The oracle: every case of derivatives.jsonl through the expression engine
# (TAP output; SKIP when $HD_TESTDATA lacks the file).
check_PROGRAMS += tests/oracle
tests_oracle_SOURCES = tests/oracle.c
tests_oracle_LDADD = lib/libhyperdual.la -lm
TESTS += tests/oracle

# The command-line tool: malformed input (exit 2, the contract's error format)
# and its subcommands' behaviour.
TESTS += tests/cli_errors.sh tests/cli_run.sh tests/cli_output.sh tests/cli_fit.sh
EXTRA_DIST += tests/cli_errors.sh tests/cli_run.sh tests/cli_output.sh tests/cli_common.sh tests/cli_fit.sh

# The C++ face (include/hyperdual.hpp) under g++ and clang++: its API test
# against hand formulas and the same functions written in C, and its names
# against generic.h's and tgmath.h's.
TESTS += tests/cxx_test.sh
EXTRA_DIST += tests/cxx_test.sh tests/cxx_api.cc tests/cxx_c_side.c tests/cxx_c_side.h

# installcheck: a C++ program built against the installed library with
# `c++ -std=c++11 prog.cc $(pkg-config --cflags --libs hyperdual)` only.
installcheck-local: installcheck-cxx
installcheck-cxx:
	PKG_CONFIG_PATH="$(DESTDIR)$(libdir)/pkgconfig" $(SHELL) $(top_srcdir)/tests/install_check_cxx.sh "$(CXX)" "$(DESTDIR)$(libdir)"
EXTRA_DIST += tests/install_check_cxx.sh
.PHONY: installcheck-cxx

# Threads: many at once get one thread's bits (CI also runs it under
# ThreadSanitizer: ./configure --enable-tsan CC=clang).
check_PROGRAMS += tests/threads
tests_threads_SOURCES = tests/threads.c
tests_threads_CFLAGS = $(AM_CFLAGS) -pthread
tests_threads_LDFLAGS = $(AM_LDFLAGS) -pthread
tests_threads_LDADD = lib/libhyperdual.la -lm
TESTS += tests/threads

# Under a tight address-space limit, LAPACK calls return HD_ENOMEM, never hang.
check_PROGRAMS += tests/blas_memory
tests_blas_memory_SOURCES = tests/blas_memory.c
tests_blas_memory_LDADD = lib/libhyperdual.la -lm
TESTS += tests/blas_memory
