# libhyperdual.so: only HD_API symbols are exported (-fvisibility=hidden).
lib_LTLIBRARIES = lib/libhyperdual.la
lib_libhyperdual_la_SOURCES = \
	lib/errors.c \
	lib/special.c \
	lib/call_kernels.c \
	lib/expr_internal.h \
	lib/expr_run.h \
	lib/expr_lex.c \
	lib/expr_parse.c \
	lib/expr_eval.c \
	lib/linalg.h \
	lib/size_check.h \
	lib/linalg.c \
	lib/status_lines.h \
	lib/optim/internal.h \
	lib/optim/core.c \
	lib/optim/linesearch.c \
	lib/optim/loop.c \
	lib/optim/cg.c \
	lib/optim/verdict.c \
	lib/optim/gd.c \
	lib/optim/bfgs.c \
	lib/optim/lbfgs.c \
	lib/optim/newton.c \
	lib/optim/newton_cg.c \
	lib/optim/trust.c \
	lib/optim/lsq.c \
	lib/optim/gn.c \
	lib/optim/lm.c \
	lib/optim/fit_stats.c \
	lib/optim/classify.c \
	lib/optim/run.c \
	lib/problems_internal.h \
	lib/problems.c \
	lib/problems_mgh.c \
	lib/problems_extra.c \
	lib/diff/internal.h \
	lib/diff/sparse_plan.h \
	lib/diff/counted.h \
	lib/diff/colour.c \
	lib/diff/passes.c \
	lib/diff/path_scalar.c \
	lib/diff/path_narrow.c \
	lib/diff/path_lanes.c \
	lib/diff/path_packed.c \
	lib/diff/path_tape.c \
	lib/diff/sparsity.c \
	lib/diff/path_sparse.c \
	lib/diff/path_kinds.h \
	lib/diff/path_table.h \
	lib/diff/drivers.c \
	lib/diff/extra.c \
	lib/diff/least_squares.c
lib_libhyperdual_la_CPPFLAGS = $(AM_CPPFLAGS) -DHD_BUILDING_LIBRARY
lib_libhyperdual_la_CFLAGS = $(AM_CFLAGS) $(VISIBILITY_CFLAGS) $(LAPACKE_CFLAGS) $(OPENMP_CFLAGS)
lib_libhyperdual_la_LDFLAGS = -version-info $(HD_LT_VERSION) -no-undefined $(OPENMP_CFLAGS)
lib_libhyperdual_la_LIBADD = $(LAPACKE_LIBS) $(BLAS_LIBS) -lm
# The library records its install directory when it is linked, and libtool
# relinks the CLI against that directory at install: after ./configure with
# another --prefix, the library must be linked again, or the installed CLI
# looks for libhyperdual.so where it is not (a newcomer's first install).
EXTRA_lib_libhyperdual_la_DEPENDENCIES = $(top_builddir)/config.status
