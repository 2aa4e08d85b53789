#!/bin/sh
# doc/design.md, "Adding a kind", done for real: in a scratch copy of the
# headers and the library, a trivial kind (hd_dual2b, a copy of hd_dual2) is
# added by editing exactly the three files the walkthrough names, kinds.h,
# kernels.h and lib/diff/internal.h, and nothing else. The scratch library is
# then built and a program checks that the new kind reached everything the
# list generates: the generic dispatch and kernels, HD_GENERIC_OBJECTIVE's
# table, the expression engine's table, the counters and the kind's name,
# with derivatives right against hand formulas; and, with a C++ compiler, the
# C++ face (hyperdual.hpp): its overloads, operators and hd::objective's table.
# Environment (from make check): top_srcdir, top_builddir, CC, CXX, HD_LAPACK_LIBS.
set -u
srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hd_add_kind.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# the sources only (an in-tree build keeps its objects beside them)
(cd "$srcdir" && find include lib -name '*.[ch]' -o -name '*.hpp' | while read -r f; do
    mkdir -p "$tmp/$(dirname "$f")" && cp "$f" "$tmp/$f" || exit 1; done) || exit 99
chmod -R u+w "$tmp"

fail() { echo "FAIL: $*"; exit 1; }

# 1. kinds.h: the type and constructors, and one row at the end of both lists.
kinds=$tmp/include/hyperdual/kinds.h
# the next free operand code: one more than the largest ID of the list
id=$(sed -n 's/^ *X(hd_[a-z0-9]*, [a-z0-9]*, \([0-9]*\),.*/\1/p' "$kinds" | sort -n | tail -n 1)
[ -n "$id" ] || fail "no ID read off the list"
id=$((id + 1))
row="    X(hd_dual2b, dual2b, $id, FIRST, 2, dual2b_calls, HD_KIND_DUAL2B, TABLE, -, __VA_ARGS__)"
awk -v row="$row" '
    /^#define HD__KINDS\(X, \.\.\.\)/ { typed = 1
        print "typedef struct { double val; hd__lanes2 d; } hd_dual2b;"
        print "static inline hd_dual2b hd_dual2b_const(double x)"
        print "{"
        print "    hd_dual2b r;"
        print "    r.val = x;"
        print "    for (int k = 0; k < 2; k++) HD_LANE(r.d, k) = 0.0;"
        print "    return r;"
        print "}"
    }
    /^#define HD__KINDS(_B)?\(X, \.\.\.\)/ { inlist = 1 }
    inlist && !/\\$/ { sub(/$/, " \\"); print; print row; inlist = 0; next }
    { print }' "$kinds" >"$kinds.new" || exit 99
grep -q 'hd_dual2b, dual2b' "$kinds.new" || fail "the row was not added"
mv "$kinds.new" "$kinds"

# 2. kernels.h: the chain-rule primitives (the lane ones, as hd_dual2's).
kernels=$tmp/include/hyperdual/kernels.h
sed -e 's/^#  define HD__PAIRS_dual2(X) X(0, ~, ~, ~).*$/&\n#  define HD__PAIRS_dual2b(X) X(0, ~, ~, ~)/' \
    -e 's/^HD__DEFINE_LANE_PRIMITIVES(hd_dual2, dual2, 2, hd_dual2_const)$/&\nHD__DEFINE_LANE_PRIMITIVES(hd_dual2b, dual2b, 2, hd_dual2b_const)/' \
    -e 's/^HD__DEFINE_POWER_LANES(hd_dual2, dual2, 2)$/&\nHD__DEFINE_POWER_LANES(hd_dual2b, dual2b, 2)/' \
    "$kernels" >"$kernels.new" || exit 99
[ "$(grep -c dual2b "$kernels.new")" -eq 3 ] || fail "kernels.h: the three primitive lines were not added"
mv "$kernels.new" "$kernels"

# 3. lib/diff/internal.h: the seed store.
internal=$tmp/lib/diff/internal.h
awk '/^static inline void hd__init_hd_taped/ {
        print "static inline void hd__init_hd_dual2b(hd_dual2b *e, double x)"
        print "{"
        print "    e->val = x;"
        print "    hd__put2(&e->d, 0.0, 0.0);"
        print "}"
     }
     { print }' "$internal" >"$internal.new" || exit 99
grep -q hd__init_hd_dual2b "$internal.new" || fail "internal.h: the seed store was not added"
mv "$internal.new" "$internal"

# Only those three files differ from the tree.
changed=$(cd "$tmp" && for f in $(find include lib -type f | LC_ALL=C sort); do
    cmp -s "$f" "$srcdir/$f" || echo "$f"; done)
[ "$changed" = "include/hyperdual/kernels.h
include/hyperdual/kinds.h
lib/diff/internal.h" ] || fail "files changed: $changed"

# The scratch library, unoptimised (a few seconds), and the check program.
flags="-std=c11 -O0 -I$tmp/include -I$builddir -DHD_BUILDING_LIBRARY"
objs=""
for f in "$tmp"/lib/*.c "$tmp"/lib/diff/*.c; do
    o=$tmp/$(echo "$f" | sed "s|$tmp/||; s|/|_|g; s|\.c$|.o|")
    objs="$objs $o"
    echo "$cc $flags -c $f -o $o"
done >"$tmp/build.cmds"
# two at a time, as the rest of the build
xargs -P 2 -I CMD sh -c CMD <"$tmp/build.cmds" >"$tmp/build.log" 2>&1 \
    || { head -30 "$tmp/build.log"; fail "the scratch library does not build"; }

cat >"$tmp/check.c" <<'C'
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <hyperdual.h>
/* f = x0²·sin(x1): ∂0 = 2 x0 sin x1, ∂1 = x0² cos x1 */
HD_GENERIC_OBJECTIVE(g, T, x, ctx, return hd_mul(hd_sq(x[0]), hd_sin(x[1]));)
static int bad(const char *what) { printf("FAIL: %s\n", what); return 1; }
int main(void)
{
    const double x0 = 0.7, x1 = -1.3, d0 = 2 * x0 * sin(x1), d1 = x0 * x0 * cos(x1);
    hd_dual2b in[2] = {hd_dual2b_const(x0), hd_dual2b_const(x1)};
    HD_LANE(in[0].d, 0) = 1.0;
    HD_LANE(in[1].d, 1) = 1.0;
    /* the generic dispatch and the kernels: a body written with hd_ macros */
    const hd_objective obj = g_objective(2, NULL);
    if (!obj.bodies->dual2b) return bad("HD_GENERIC_OBJECTIVE's table has no dual2b body");
    hd_dual2b r = obj.bodies->dual2b(in, 2, NULL);
    if (fabs(r.val - x0 * x0 * sin(x1)) > 1e-15 || fabs(HD_LANE(r.d, 0) - d0) > 1e-15
        || fabs(HD_LANE(r.d, 1) - d1) > 1e-15)
        return bad("the compiled dual2b body");
    /* the expression engine: an interpreter per kind */
    hd_expr *e = NULL;
    static const char *const names[2] = {"x0", "x1"};
    static const char text_[] = "x0^2*sin(x1)";
    if (hd_expr_parse(text_, sizeof text_ - 1, names, 2, &e, NULL) != HD_OK) return bad("parse");
    const hd_objective text = hd_expr_objective(e);
    if (!text.bodies->dual2b) return bad("the engine's table has no dual2b body");
    r = text.bodies->dual2b(in, 2, text.ctx);
    if (fabs(HD_LANE(r.d, 0) - d0) > 1e-15 || fabs(HD_LANE(r.d, 1) - d1) > 1e-15)
        return bad("the engine's dual2b interpreter");
    hd_expr_free(e);
    /* the counters and the kind's name */
    hd_counts c;
    memset(&c, 0, sizeof c);
    c.dual2b_calls = 7;
    /* the new row is the last: the count is one more than its index */
    if (HD_KIND_COUNT != HD_KIND_DUAL2B + 1 || c.calls[HD_KIND_DUAL2B] != 7
        || hd_counts_passes(&c) != 7)
        return bad("the counters");
    if (strcmp(hd_kind_name(HD_KIND_DUAL2B), "dual2b") != 0) return bad("hd_kind_name");
    /* the drivers still answer (no path uses the new kind) */
    double f, grad[2];
    const double x[2] = {x0, x1};
    if (hd_gradient(&obj, x, &f, grad) != HD_OK || fabs(grad[0] - d0) > 1e-15) return bad("hd_gradient");
    puts("a new kind: one row, its primitives and its seed store");
    return 0;
}
C
# shellcheck disable=SC2086
$cc -std=c11 -Wall -Wextra -Wpedantic -Werror -O0 -I"$tmp/include" "$tmp/check.c" $objs \
    ${HD_LAPACK_LIBS:-} -lm -o "$tmp/check" >"$tmp/link.log" 2>&1 \
    || { head -30 "$tmp/link.log"; fail "the check program does not build"; }
"$tmp/check" || fail "the check program"

# The C++ face: the new kind's overloads, operators and objective body.
. "$srcdir/tests/cxx_common.sh"
cxx=$(hd_cxx_compilers)
cxx=${cxx%% *}
if [ -z "$cxx" ]; then echo "no C++ compiler: the C++ face not checked"; exit 0; fi
cat >"$tmp/check.cc" <<'CC'
#include <cmath>
#include <cstdio>
#include <hyperdual.hpp>
// f = x0²·sin(x1), as check.c's
struct G {
    template <class T> T operator()(const T *x) const { return x[0] * x[0] * sin(x[1]); }
};
static bool right(const hd_dual2b &r, double d0, double d1)
{
    return std::fabs(HD_LANE(r.d, 0) - d0) <= 1e-15 && std::fabs(HD_LANE(r.d, 1) - d1) <= 1e-15;
}
int main()
{
    const double x0 = 0.7, x1 = -1.3, d0 = 2 * x0 * std::sin(x1), d1 = x0 * x0 * std::cos(x1);
    hd_dual2b in[2] = {hd_const<hd_dual2b>(x0), hd_const<hd_dual2b>(x1)};
    HD_LANE(in[0].d, 0) = 1.0;
    HD_LANE(in[1].d, 1) = 1.0;
    const auto obj = hd::make_objective(2, G());
    const hd_bodies *b = obj.get()->bodies;
    if (!right(in[0] * in[0] * sin(in[1]), d0, d1) || !right(hd_mul(hd_sq(in[0]), hd_sin(in[1])), d0, d1)
        || !(in[0] > in[1]) || !b->dual2b || !right(b->dual2b(in, 2, obj.get()->ctx), d0, d1)) {
        std::puts("FAIL: the new kind in C++ (hyperdual.hpp)");
        return 1;
    }
    std::puts("and in C++: its overloads, operators and hd::objective's body");
    return 0;
}
CC
# shellcheck disable=SC2086
$cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror -O0 -I"$tmp/include" "$tmp/check.cc" $objs \
    ${HD_LAPACK_LIBS:-} -lm -o "$tmp/checkxx" >"$tmp/link.log" 2>&1 \
    || { head -30 "$tmp/link.log"; fail "the C++ check program does not build"; }
"$tmp/checkxx" || fail "the C++ check program"
