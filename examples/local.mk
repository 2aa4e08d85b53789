# Examples from the tutorial (doc/tutorial.md): built by make, run by make
# check (tests/examples.sh) with their numbers checked against mathematics.
noinst_PROGRAMS += \
	examples/limit \
	examples/nudge \
	examples/rules \
	examples/gd_vs_newton \
	examples/random_search_vs_gradient \
	examples/train_tiny_model \
	examples/hessian_check \
	examples/curve_fit
EXAMPLES_LDADD = lib/libhyperdual.la -lm
examples_limit_LDADD = $(EXAMPLES_LDADD)
examples_nudge_LDADD = $(EXAMPLES_LDADD)
examples_rules_LDADD = $(EXAMPLES_LDADD)
examples_gd_vs_newton_SOURCES = examples/gd_vs_newton.c examples/scalar_passes.h
examples_gd_vs_newton_LDADD = $(EXAMPLES_LDADD)
examples_hessian_check_LDADD = $(EXAMPLES_LDADD)
examples_curve_fit_LDADD = $(EXAMPLES_LDADD)
# The tiny model (logreg.h) is shared by two examples: written once; so is
# scalar_passes.h, which makes pass counts comparable.
examples_random_search_vs_gradient_SOURCES = examples/random_search_vs_gradient.c examples/logreg.h \
	examples/scalar_passes.h
examples_random_search_vs_gradient_LDADD = $(EXAMPLES_LDADD)
examples_train_tiny_model_SOURCES = examples/train_tiny_model.c examples/logreg.h \
	examples/scalar_passes.h
examples_train_tiny_model_LDADD = $(EXAMPLES_LDADD)
TESTS += tests/examples.sh
EXTRA_DIST += tests/examples.sh
