# The command-line tool `hyperdual` and its man page.
bin_PROGRAMS += cli/hyperdual
cli_hyperdual_SOURCES = \
	cli/cli.h \
	cli/plot.h \
	cli/hyperdual.c \
	cli/common.c \
	cli/eval.c \
	cli/fit.c \
	cli/limit.c \
	cli/memory.c \
	cli/minimize.c \
	cli/plot.c \
	cli/problems.c
cli_hyperdual_LDADD = lib/libhyperdual.la -lm
dist_man_MANS += doc/hyperdual.1
