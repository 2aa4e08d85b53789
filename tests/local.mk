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
	tests/check_kinds.c
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

# Each public header alone (C11, C17, C++11; gcc and clang), and a dual+hyper
# mix that must not compile.
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
	HD_OPENMP_CFLAGS='$(OPENMP_CFLAGS)'; export HD_OPENMP_CFLAGS;

# The oracle: every case of derivatives.jsonl through the expression engine
# (TAP output; SKIP when $HD_TESTDATA lacks the file).
check_PROGRAMS += tests/oracle
tests_oracle_SOURCES = tests/oracle.c
tests_oracle_LDADD = lib/libhyperdual.la -lm
TESTS += tests/oracle

# The command-line tool: malformed input (exit 2, the contract's error format)
# and its subcommands' behaviour.
TESTS += tests/cli_errors.sh tests/cli_run.sh
EXTRA_DIST += tests/cli_errors.sh tests/cli_run.sh tests/cli_common.sh
