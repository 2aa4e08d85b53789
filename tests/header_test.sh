#!/bin/sh
# Each public header compiles on its own: as C11 and C17 under gcc and clang,
# and as C++11 under g++ and clang++, with -Wall -Wextra -Wpedantic -Werror.
# In C++ every function a header declares must have C linkage (extern "C"
# guards): a translation unit takes the address of each one and the object
# file must reference no C++-mangled hd_ symbol.
# The C++ face, hyperdual.hpp, compiles alone as C++11, 14, 17 and 20; as C,
# and as C++98 (directly or through <hyperdual/tgmath.h>), it must stop the
# build with a message that says why, never compile to nothing.
# Compilers that are not installed are skipped; none at all is a skip (77).
set -u
srcdir=${top_srcdir:-.}
inc="$srcdir/include"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hd_header_test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
flags="-Wall -Wextra -Wpedantic -Werror"

headers="hyperdual.h"
for h in "$inc"/hyperdual/*.h; do headers="$headers hyperdual/$(basename "$h")"; done

have() { command -v "$1" >/dev/null 2>&1; }
ccs=""
for c in ${CC:-} gcc clang; do
    set -- $c
    have "$1" && case "$ccs|" in *"|$c|"*) ;; *) ccs="$ccs|$c" ;; esac
done
cxxs=""
for c in g++ clang++; do have "$c" && cxxs="$cxxs $c"; done
[ -n "$ccs$cxxs" ] || { echo "no compiler found"; exit 77; }

fail=0
runs=0
check() { # what, command...
    what=$1; shift
    runs=$((runs + 1))
    if ! "$@" >"$tmp/log" 2>&1; then
        echo "FAIL: $what"; sed 's/^/    /' "$tmp/log" | head -20
        fail=1
    fi
}

for h in $headers; do
    # the header alone (plus a declaration: an empty unit is not ISO C)
    printf '#include <%s>\ntypedef int hd_header_test_unit;\n' "$h" >"$tmp/t.c"
    old_ifs=$IFS; IFS='|'
    for c in $ccs; do
        [ -n "$c" ] || continue
        IFS=$old_ifs
        for std in c11 c17; do
            check "$h as $std with $c" $c -std=$std $flags -I"$inc" -c "$tmp/t.c" -o "$tmp/t.o"
        done
        IFS='|'
    done
    IFS=$old_ifs
    # C++: the declared functions, by name, must link as C
    names=$(sed -n 's/.*HD_API[^(]*[ *]\(hd_[A-Za-z0-9_]*\) *(.*/\1/p' "$inc/$h" | sort -u)
    {
        printf '#include <%s>\ntypedef void (*hd_header_test_fn)(void);\n' "$h"
        printf 'extern const hd_header_test_fn hd_header_test_fns[];\nconst hd_header_test_fn hd_header_test_fns[] = {0'
        for n in $names; do printf ',\n    reinterpret_cast<hd_header_test_fn>(&%s)' "$n"; done
        printf '};\n'
    } >"$tmp/t.cc"
    for c in $cxxs; do
        check "$h as C++11 with $c" $c -std=c++11 $flags -I"$inc" -c "$tmp/t.cc" -o "$tmp/t.o"
        if [ -f "$tmp/t.o" ] && [ -n "$names" ] && have nm; then
            if nm "$tmp/t.o" | grep -q '_Z[A-Za-z0-9_]*hd_'; then
                echo "FAIL: $h: C++ linkage for $(nm "$tmp/t.o" | grep '_Z[A-Za-z0-9_]*hd_' | head -3)"
                fail=1
            fi
        fi
        rm -f "$tmp/t.o"
    done
done
# refused: check_refused WHAT PATTERN command...: the build fails, saying PATTERN
check_refused() {
    what=$1 pattern=$2; shift 2
    runs=$((runs + 1))
    if "$@" >"$tmp/log" 2>&1; then
        echo "FAIL: $what compiles"; fail=1
    elif ! grep -q "$pattern" "$tmp/log"; then
        echo "FAIL: $what fails without saying '$pattern':"; sed 's/^/    /' "$tmp/log" | head -10
        fail=1
    fi
}
printf '#include <hyperdual.hpp>\ntypedef int hd_header_test_unit;\n' >"$tmp/t.cc"
printf '#include <hyperdual/tgmath.h>\ntypedef int hd_header_test_unit;\n' >"$tmp/tg.cc"
for c in $cxxs; do
    for std in c++11 c++14 c++17 c++20; do
        check "hyperdual.hpp as $std with $c" $c -std=$std $flags -I"$inc" -c "$tmp/t.cc" -o "$tmp/t.o"
    done
    check_refused "hyperdual.hpp as C++98 with $c" 'needs C++11' \
        $c -std=c++98 -I"$inc" -c "$tmp/t.cc" -o "$tmp/t.o"
    check_refused "hyperdual/tgmath.h as C++98 with $c" 'needs C++11' \
        $c -std=c++98 -I"$inc" -c "$tmp/tg.cc" -o "$tmp/t.o"
done
cp "$tmp/t.cc" "$tmp/hpp.c"
old_ifs=$IFS; IFS='|'
for c in $ccs; do
    [ -n "$c" ] || continue
    IFS=$old_ifs
    check_refused "hyperdual.hpp as C with $c" 'from C, include <hyperdual.h>' \
        $c -std=c11 -I"$inc" -c "$tmp/hpp.c" -o "$tmp/t.o"
    IFS='|'
done
IFS=$old_ifs

echo "header_test: $runs compilations, compilers:${ccs}|${cxxs}"
exit $fail
