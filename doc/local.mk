# Documentation: the Markdown pages (every code block checked by
# tests/doc_blocks.sh), the library man page, and the Doxygen HTML reference.
dist_man_MANS += doc/hyperdual.3
EXTRA_DIST += doc/tutorial.md doc/api.md doc/design.md doc/Doxyfile \
	tests/doc_blocks.sh tests/doc_api.sh tests/doc_warnings.sh tests/doc_cli.sh
TESTS += tests/doc_blocks.sh tests/doc_api.sh tests/doc_warnings.sh tests/doc_cli.sh
# doc_warnings.sh runs doxygen when configure found it (SKIP otherwise).
AM_TESTS_ENVIRONMENT += DOXYGEN='$(DOXYGEN)'; export DOXYGEN;
# doc_blocks.sh compiles C blocks with the flags of this build (sanitizers).
AM_TESTS_ENVIRONMENT += HD_CFLAGS='$(SANITIZER_FLAGS)'; export HD_CFLAGS;

# make tutorial: rewrite the output blocks of README.md and doc/*.md with what
# the examples and the CLI print now (tests/doc_blocks.sh fails until then).
tutorial: all
	top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' CC='$(CC)' \
	HD_CFLAGS='$(SANITIZER_FLAGS)' $(SHELL) $(top_srcdir)/tests/doc_blocks.sh --update

# make doc: the HTML API reference in doc/html (needs doxygen, not graphviz).
if HAVE_DOXYGEN
doc:
	$(MKDIR_P) doc
	{ cat $(top_srcdir)/doc/Doxyfile; \
	  echo 'PROJECT_NUMBER = $(VERSION)'; \
	  echo 'INPUT = $(top_srcdir)/include $(top_srcdir)/README.md $(top_srcdir)/doc'; echo 'EXCLUDE = $(top_srcdir)/doc/html'; \
	  echo 'USE_MDFILE_AS_MAINPAGE = $(top_srcdir)/README.md'; \
	  echo 'STRIP_FROM_PATH = $(top_srcdir)'; \
	  echo 'OUTPUT_DIRECTORY = doc'; } | $(DOXYGEN) -
	@echo "HTML reference: doc/html/index.html"
else
doc:
	@echo "doxygen was not found by configure: install it (apt-get install doxygen) and re-run configure" >&2; exit 1
endif
clean-local: clean-doc-html
clean-doc-html:
	-rm -rf doc/html
.PHONY: tutorial doc clean-doc-html
EXTRA_DIST += doc/optimizers.md doc/reliability.md
