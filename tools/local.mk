# doc/rules.md, the table of derivative rules, generated from rules.h.
check_PROGRAMS += tools/rules_doc
tools_rules_doc_SOURCES = tools/rules_doc.c
tools_rules_doc_LDADD = -lm
EXTRA_DIST += doc/rules.md tests/rules_doc.sh
TESTS += tests/rules_doc.sh

# `make rules-doc` after changing a row of rules.h, and commit the result.
rules-doc: tools/rules_doc$(EXEEXT)
	$(AM_V_GEN)./tools/rules_doc$(EXEEXT) >$(srcdir)/doc/rules.md
.PHONY: rules-doc

# `make drivers-doc`, `make newton-doc` and `make peers-doc` (the latter
# needs what bench-peers needs) run bench_drivers, newton_report or
# bench-peers and paste the output into doc/performance.md between the
# markers of the same name.
EXTRA_DIST += tools/paste_block.sh
peers-doc: lib/libhyperdual.la
	$(MAKE) $(AM_MAKEFLAGS) -s bench-peers | grep -v '^  C' >bench-peers.out
	$(SHELL) $(srcdir)/tools/paste_block.sh $(srcdir)/doc/performance.md bench-peers <bench-peers.out
	rm -f bench-peers.out
.PHONY: peers-doc
drivers-doc: bench/bench_drivers$(EXEEXT)
	./bench/bench_drivers$(EXEEXT) >bench-drivers.out
	$(SHELL) $(srcdir)/tools/paste_block.sh $(srcdir)/doc/performance.md bench-drivers <bench-drivers.out
	rm -f bench-drivers.out
.PHONY: drivers-doc
newton-doc: bench/newton_report$(EXEEXT)
	./bench/newton_report$(EXEEXT) >newton-report.out
	$(SHELL) $(srcdir)/tools/paste_block.sh $(srcdir)/doc/performance.md newton-report <newton-report.out
	rm -f newton-report.out
.PHONY: newton-doc
