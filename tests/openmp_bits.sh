#!/bin/sh
# A library built with --enable-openmp must give the same bits with one
# thread and with two (every pass computes the same thing on either path).
# Without OpenMP there is nothing to compare: skip.
prog="$top_builddir/tests/openmp_bits"
test -n "$HD_OPENMP_CFLAGS" || exit 77
tmp="${TMPDIR:-/tmp}/hd_openmp_bits.$$"
trap 'rm -f "$tmp".1 "$tmp".2' EXIT
OMP_NUM_THREADS=1 "$prog" > "$tmp".1 || exit 1
OMP_NUM_THREADS=2 OMP_WAIT_POLICY=active "$prog" > "$tmp".2 || exit 1
test -s "$tmp".1 || exit 1
cmp "$tmp".1 "$tmp".2
