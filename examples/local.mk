# Examples from the tutorial (doc/tutorial.md): built by make, run by make
# check (tests/examples.sh) with their numbers checked against mathematics.
noinst_PROGRAMS += \
	examples/limit \
	examples/nudge \
	examples/rules
EXAMPLES_LDADD = lib/libhyperdual.la -lm
examples_limit_LDADD = $(EXAMPLES_LDADD)
examples_nudge_LDADD = $(EXAMPLES_LDADD)
examples_rules_LDADD = $(EXAMPLES_LDADD)
TESTS += tests/examples.sh
EXTRA_DIST += tests/examples.sh
