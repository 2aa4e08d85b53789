#!/bin/sh
# The C++ face, include/hyperdual.hpp, under every C++ compiler installed
# (g++, clang++ and configure's $CXX), with -Wall -Wextra -Wpedantic -Werror:
#
#  1. tests/cxx_api.cc, as C++11 and C++17, linked with tests/cxx_c_side.c
#     (the same functions in C) and run;
#  2. the names: every generic name of <hyperdual/generic.h> exists in C++
#     on double, hd_dual and hd_hyper with the type C's dispatch gives, and
#     every standard name of <hyperdual/tgmath.h> (read from its #define
#     lines, independently of hyperdual.hpp's own list) is, on every kind,
#     the hd_ function of the same name, bit for bit on hd_dual and hd_hyper;
#     hyperdual.hpp's list names nothing that tgmath.h lacks.
#
# With sanitizers (HD_CFLAGS) only the C++ compilers of $CC's family are used
# (tests/cxx_common.sh). No C++ compiler: a skip (77).
set -u
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
: "${CC:=cc}" "${HD_CFLAGS:=}"
srcdir=$(cd "$srcdir" && pwd) || exit 99
builddir=$(cd "$builddir" && pwd) || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hd_cxx_test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
flags="-Wall -Wextra -Wpedantic -Werror"
inc="-I$srcdir/include -I$srcdir/tests -I$builddir"

. "$srcdir/tests/cxx_common.sh"
cxxs=$(hd_cxx_compilers)
[ -n "$cxxs" ] || { echo "SKIP: no C++ compiler"; exit 77; }

fail=0
say_fail() { echo "FAIL: $1"; sed 's/^/    /' "$tmp/log" | head -30; fail=1; }

# ---- 1. the API test ---------------------------------------------------------------------
# shellcheck disable=SC2086
if ! $CC -std=c11 $flags $HD_CFLAGS $inc -c "$srcdir/tests/cxx_c_side.c" -o "$tmp/c_side.o" \
        >"$tmp/log" 2>&1; then
    say_fail "tests/cxx_c_side.c does not compile with $CC"; exit 1
fi
link() { # compiler std output source...
    c=$1 std=$2 out=$3; shift 3
    # shellcheck disable=SC2086
    (cd "$tmp" && "$builddir/libtool" --quiet --mode=link --tag=CXX $c -std=$std $flags \
        $HD_CFLAGS $inc -o "$out" "$@" "$builddir/lib/libhyperdual.la" -lm) >"$tmp/log" 2>&1
}
for c in $cxxs; do
    for std in c++11 c++17; do
        if ! link "$c" "$std" cxx_api "$srcdir/tests/cxx_api.cc" "$tmp/c_side.o"; then
            say_fail "tests/cxx_api.cc does not build with $c -std=$std"; continue
        fi
        if "$tmp/cxx_api" >"$tmp/log" 2>&1; then
            echo "$c -std=$std: $(tail -1 "$tmp/log")"
        else
            say_fail "tests/cxx_api.cc built with $c -std=$std"
        fi
    done
done

# ---- 2. the names ------------------------------------------------------------------------
# generic.h: "#define hd_NAME(params)"; hd_const(T, v) is hd_const<T>(v) in C++.
sed -n 's/^#define \(hd_[a-z0-9_]*\)(\([^)]*\)).*/\1 \2/p' "$srcdir/include/hyperdual/generic.h" |
    grep -v '^hd_const ' | tr -d ',' >"$tmp/generic"
# tgmath.h: "#define NAME(params) hd_NAME(params)"
sed -n 's/^#define \([a-z0-9]*\)(\([^)]*\)) hd_\1(.*/\1 \2/p' "$srcdir/include/hyperdual/tgmath.h" |
    tr -d ',' >"$tmp/tgmath"
[ "$(wc -l <"$tmp/generic")" -gt 50 ] && [ "$(wc -l <"$tmp/tgmath")" -gt 30 ] ||
    { echo "FAIL: could not read the names of generic.h and tgmath.h"; exit 1; }
# hyperdual.hpp's own list of standard names must not outgrow C's
for name in $(sed -n '/^#define HD__CXX_STD_\(UNARY\|BINARY\)(X)/,/^$/p' "$srcdir/include/hyperdual.hpp" |
              grep -o 'X([a-z0-9]*)' | sed 's/X(\(.*\))/\1/'); do
    grep -q "^$name " "$tmp/tgmath" || { echo "FAIL: hyperdual.hpp names $name, tgmath.h does not"; fail=1; }
done
# args PARAMS VALUE: the call's arguments, an int for a parameter named n
args() {
    out=""
    for p in $1; do
        case $p in n) a=3 ;; *) a=$2 ;; esac
        out="${out:+$out, }$a"
    done
    printf '%s' "$out"
}
{
    printf '#include <hyperdual.hpp>\n#include <cstdio>\n#include <cstring>\n#include <type_traits>\n'
    printf 'static int failures = 0;\n'
    printf 'template <class T> static bool bits(const T &a, const T &b) { return std::memcmp(&a, &b, sizeof a) == 0; }\n'
    printf '// every generic name of generic.h, with the type of C'"'"'s dispatch\n'
    printf 'template <class T> static void generic_names(T t)\n{\n'
    while read -r name params; do
        printf '    static_assert(std::is_same<decltype(%s(%s)), %s>::value, "%s");\n' \
            "$name" "$(args "$params" t)" \
            "$(case $name in hd_val) echo double ;; *) echo T ;; esac)" "$name"
    done <"$tmp/generic"
    printf '    (void)t;\n}\n'
    printf '// every standard name of tgmath.h is the hd_ name, on every kind\n'
    printf 'template <class T> static void standard_names(T t, bool compare)\n{\n'
    while read -r name params; do
        printf '    static_assert(std::is_same<decltype(%s(%s)), T>::value, "%s");\n' \
            "$name" "$(args "$params" t)" "$name"
        printf '    if (compare && !bits(%s(%s), hd_%s(%s))) { std::printf("FAIL: %s\\n"); failures++; }\n' \
            "$name" "$(args "$params" t)" "$name" "$(args "$params" t)" "$name"
    done <"$tmp/tgmath"
    printf '}\n'
    printf '#define EVERY_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) standard_names(hd_const<T>(0.5), false);\n'
    printf 'int main()\n{\n'
    printf '    generic_names(0.5);\n    generic_names(hd_dual_make(0.5, 1));\n    generic_names(hd_hyper_make(0.5, 1, -2, 3));\n'
    printf '    standard_names(hd_dual_make(0.5, 1), true);\n    standard_names(hd_hyper_make(0.5, 1, -2, 3), true);\n'
    printf '    standard_names(hd_dual_make(-0.25, 2), true);\n    standard_names(hd_hyper_make(-0.25, 1, -2, 3), true);\n'
    printf '    HD__KINDS(EVERY_KIND, ~)\n'
    printf '    return failures ? 1 : 0;\n}\n'
} >"$tmp/names.cc"
for c in $cxxs; do
    if ! link "$c" c++11 names "$tmp/names.cc"; then
        say_fail "the names of generic.h and tgmath.h with $c:"
    elif ! "$tmp/names" >"$tmp/log" 2>&1; then
        say_fail "standard names differ from the hd_ names with $c"
    else
        echo "$c: $(wc -l <"$tmp/generic") generic names, $(wc -l <"$tmp/tgmath") standard names"
    fi
done
exit $fail
