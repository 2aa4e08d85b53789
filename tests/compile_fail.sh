#!/bin/sh
# hd_dual and hd_hyper must not mix in one call: each program below fails to
# compile with the two types and compiles with matching ones, so the test
# cannot pass for a wrong reason (a typo, a missing header); the failing
# build must also name the trap, hd__cannot_mix_number_types.
set -u
srcdir=${top_srcdir:-.}
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hd_compile_fail.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

try() { # expression in a (hd_dual) and b (type B)
    printf '#include <hyperdual.h>\nB f(hd_dual a, B b);\nB f(hd_dual a, B b) { return %s; }\n' "$1" >"$tmp/t.c"
    if $cc -std=c11 -I"$srcdir/include" -DB=hd_dual -c "$tmp/t.c" -o "$tmp/t.o" >"$tmp/ok.log" 2>&1; then :; else
        echo "FAIL: '$1' does not compile with matching types:"; sed 's/^/    /' "$tmp/ok.log" | head -10
        fail=1
    fi
    if $cc -std=c11 -I"$srcdir/include" -DB=hd_hyper -c "$tmp/t.c" -o "$tmp/t.o" >"$tmp/mix.log" 2>&1; then
        echo "FAIL: '$1' compiles with hd_dual and hd_hyper mixed"
        fail=1
    elif ! grep -q hd__cannot_mix_number_types "$tmp/mix.log"; then
        echo "FAIL: '$1' fails to compile for another reason:"; sed 's/^/    /' "$tmp/mix.log" | head -10
        fail=1
    fi
}

# With B = hd_hyper every call mixes the two types, and with B = hd_dual none does.
try 'hd_mul(a, b)'
try 'hd_mul(b, a)'
try 'hd_add(hd_sin(a), b)'
try 'hd_pow(a, b)'
try 'hd_atan2(b, a)'
try 'hd_fmax(a, hd_mul(2, b))'
try 'hd_fma(a, b, 1.0)'
exit $fail
