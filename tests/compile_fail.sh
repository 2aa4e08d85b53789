#!/bin/sh
# hd_dual and hd_hyper must not mix in one call: each program below fails to
# compile with the two types and compiles with matching ones, so the test
# cannot pass for a wrong reason (a typo, a missing header); the failing
# build must also name the trap, hd__cannot_mix_number_types. The same holds
# in C++ (<hyperdual.hpp>: overloads and operators) under g++ and clang++,
# where the failing build must say that no function or operator matches the
# two types.
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

cxxs=""
for c in g++ clang++; do command -v "$c" >/dev/null 2>&1 && cxxs="$cxxs $c"; done
# C++ expressions in a (hd_dual) and b (type B), one a line.
cat >"$tmp/cxx_exprs" <<'EOF'
hd_mul(a, b)
hd_mul(b, a)
a * b
b + a
hd_add(hd_sin(a), b)
pow(a, b)
hd_atan2(b, a)
fmax(a, 2 * b)
hd_fma(a, b, 1.0)
fma(1.0, a, b)
(a += b, b)
a < b ? b : -b
EOF
cxx_unit() { # expression...: one function per expression
    printf '#include <hyperdual.hpp>\n'
    k=0
    for e in "$@"; do
        k=$((k + 1))
        printf 'B f%d(hd_dual a, B b);\nB f%d(hd_dual a, B b) { return %s; }\n' $k $k "$e"
    done
}
for c in $cxxs; do
    # with matching types every expression compiles (one unit for all) ...
    set --
    while IFS= read -r e; do set -- "$@" "$e"; done <"$tmp/cxx_exprs"
    cxx_unit "$@" >"$tmp/t.cc"
    if ! $c -std=c++11 -I"$srcdir/include" -DB=hd_dual -c "$tmp/t.cc" -o "$tmp/t.o" >"$tmp/ok.log" 2>&1; then
        echo "FAIL: C++ expressions do not compile with matching types ($c):"; sed 's/^/    /' "$tmp/ok.log" | head -10
        fail=1
    fi
    # ... and each one alone fails with hd_dual and hd_hyper, for want of a match
    while IFS= read -r e; do
        cxx_unit "$e" >"$tmp/t.cc"
        if $c -std=c++11 -I"$srcdir/include" -DB=hd_hyper -c "$tmp/t.cc" -o "$tmp/t.o" >"$tmp/mix.log" 2>&1; then
            echo "FAIL: C++ '$e' compiles with hd_dual and hd_hyper mixed ($c)"
            fail=1
        elif ! grep -Eq 'no match|no viable|invalid operands' "$tmp/mix.log" || ! grep -q hd_hyper "$tmp/mix.log"; then
            echo "FAIL: C++ '$e' fails to compile for another reason ($c):"; sed 's/^/    /' "$tmp/mix.log" | head -10
            fail=1
        fi
    done <"$tmp/cxx_exprs"
done
exit $fail
