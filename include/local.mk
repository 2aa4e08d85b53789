# Public headers: <hyperdual.h>, <hyperdual/...> and the C++ face <hyperdual.hpp>.
include_HEADERS = include/hyperdual.h include/hyperdual.hpp
hdincludedir = $(includedir)/hyperdual
hdinclude_HEADERS = \
	include/hyperdual/export.h \
	include/hyperdual/version.h \
	include/hyperdual/error.h \
	include/hyperdual/types.h \
	include/hyperdual/kinds.h \
	include/hyperdual/rules.h \
	include/hyperdual/kernels.h \
	include/hyperdual/generic.h \
	include/hyperdual/call.h \
	include/hyperdual/diff.h \
	include/hyperdual/small.h \
	include/hyperdual/optim.h \
	include/hyperdual/problems.h \
	include/hyperdual/expr.h \
	include/hyperdual/tgmath.h \
	include/hyperdual/paths.h \
	include/hyperdual/sparse.h
