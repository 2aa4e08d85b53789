#!/bin/sh
# doc/api.md must name every public function and macro: each HD_API function
# of the public headers (the generated hd_call_* mirrors are documented as a
# family), each hd_ macro and each public static inline function. A name
# added to a header without a line in the overview fails here, and so does an
# exported function without its Doxygen comment in the header.
set -u
: "${top_srcdir:=.}"
api="$top_srcdir/doc/api.md"
[ -f "$api" ] || { echo "FAIL: $api missing"; exit 1; }
# The HD_API functions (declarations may span lines: each header is joined
# into one line first).
exported=$(
    for h in "$top_srcdir"/include/hyperdual.h "$top_srcdir"/include/hyperdual/*.h; do
        tr '\n' ' ' <"$h" | grep -o 'HD_API[^;{]*(' | grep -o 'hd_[a-z0-9_]*[[:space:]]*($' | tr -d ' ('
    done | sort -u
)
names=$(
    {
        printf '%s\n' "$exported"
        for h in "$top_srcdir"/include/hyperdual.h "$top_srcdir"/include/hyperdual/*.h; do
            grep -o '^#define hd_[a-z0-9_]*' "$h" | sed 's/^#define //'
            grep -o '^static inline [^(]*[ *]hd_[a-z0-9][a-z0-9_]*(' "$h" | grep -o 'hd_[a-z0-9_]*($' | tr -d '('
        done
    } | grep -v '^hd_call_' | sort -u
)
count=0 missing=0
for n in $names; do
    count=$((count + 1))
    grep -q "\\b$n\\b" "$api" || { echo "FAIL: doc/api.md does not mention $n"; missing=$((missing + 1)); }
done
echo "doc/api.md: $count public names checked, $missing missing"

# And the other way round: every hd_/HD_ name that api.md, design.md,
# tutorial.md or the README mentions exists in a public header (a renamed or removed name leaves no stale line behind).
# The private prefix and the generated hd_call_* mirrors are left out.
stale=0
for n in $(cat "$api" "$top_srcdir/README.md" "$top_srcdir/doc/design.md" "$top_srcdir/doc/tutorial.md" |
           grep -o '\b[hH][dD]_[A-Za-z0-9_]*' | sort -u); do
    case $n in hd__*|HD__*|hd_call_*) continue ;; hd_*|HD_*) ;; *) continue ;; esac
    # kernels are generated from the rule rows: hd_<row>_<type>[_r], hd_<row>_r_<type>
    base=$(printf '%s\n' "$n" | sed -n 's/^hd_\([a-z0-9]*\)_\(r_\)\{0,1\}\(dual\|hyper\)\(_r\)\{0,1\}$/\1/p')
    if [ -n "$base" ] && grep -q "^X($base," "$top_srcdir/include/hyperdual/rules.h"; then continue; fi
    cat "$top_srcdir"/include/hyperdual.h "$top_srcdir"/include/hyperdual/*.h \
        "$top_srcdir/configure.ac" | grep -q "\b$n\b" ||
        { echo "FAIL: the docs mention $n, which no public header defines"; stale=$((stale + 1)); }
done

# The C++ face: each class and function of namespace hd in hyperdual.hpp is
# in api.md as hd::NAME, and each hd::NAME the docs mention is in the header.
hpp="$top_srcdir/include/hyperdual.hpp"
cxx_names=$(awk '/^namespace detail/ { d = 1 } /^} \/\/ namespace detail/ { d = 0 } !d' "$hpp" |
             sed -n -e 's/^template <class F> class \([a-z_]*\).*/\1/p' \
                    -e 's/^inline [^(]*[ >]\([a-z_]*\)(.*/\1/p' |
             grep -v '^hd_' | sort -u)
cxx_count=0
for n in $cxx_names; do
    cxx_count=$((cxx_count + 1))
    grep -q "hd::$n\\b" "$api" || { echo "FAIL: doc/api.md does not mention hd::$n"; missing=$((missing + 1)); }
done
for n in $(cat "$api" "$top_srcdir/README.md" "$top_srcdir/doc/design.md" | grep -o 'hd::[a-z_]*' | sort -u); do
    printf '%s\n' "$cxx_names" | grep -qx "${n#hd::}" ||
        { echo "FAIL: the docs mention $n, which hyperdual.hpp does not define"; stale=$((stale + 1)); }
done
echo "hyperdual.hpp: $cxx_count names of namespace hd checked"

# Every HD_API declaration has a Doxygen comment (/** ... */) right before it;
# a status-returning one (HD_WARN_UNUSED int) says what it returns, codes included.
undocumented=$(
    for h in "$top_srcdir"/include/hyperdual.h "$top_srcdir"/include/hyperdual/*.h; do
        awk -v f="${h#"$top_srcdir"/}" '
        /\/\*\*/ { buf = ""; opened = 1 }
        opened { buf = buf $0 "\n" }
        /\*\// { if (opened) { doc = buf; docend = NR } opened = 0 }
        /^HD_API/ {
            if (prev != docend) print f ":" NR ": no Doxygen comment: " $0
            else if ($0 ~ /HD_WARN_UNUSED int / && (doc !~ /@return/ || doc !~ /HD_(OK|E)/))
                print f ":" NR ": @return without its codes: " $0
        }
        NF { prev = NR }' "$h"
    done
)
if [ -n "$undocumented" ]; then printf '%s\n' "$undocumented" | sed 's/^/FAIL: /'; fi
# Hidden visibility: the shared library exports exactly the HD_API functions
# (hd__tape_grow included: the taped type's inline kernels call it from the
# user's object files) and the generated hd_call_* mirrors; everything else
# stays inside.
leaked=
so="${top_builddir:-.}/lib/.libs/libhyperdual.so"
if [ -f "$so" ] && command -v nm >/dev/null 2>&1; then
    leaked=$(nm -D --defined-only "$so" | awk '{ print $NF }' | grep -v '^hd_call_' |
             grep -vxF -e "$exported")
    [ -z "$leaked" ] || echo "FAIL: libhyperdual.so exports what no header declares HD_API:" $leaked
fi
[ "$count" -gt 50 ] && [ "$cxx_count" -ge 4 ] && [ "$missing" -eq 0 ] && [ "$stale" -eq 0 ] && [ -z "$undocumented" ] && [ -z "$leaked" ]
