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
names=$(
    for h in "$top_srcdir"/include/hyperdual.h "$top_srcdir"/include/hyperdual/*.h; do
        # declarations may span lines: join each header into one line first
        tr '\n' ' ' <"$h" | grep -o 'HD_API[^;{]*(' | grep -o 'hd_[a-z0-9_]*[[:space:]]*($' | tr -d ' ('
        grep -o '^#define hd_[a-z0-9_]*' "$h" | sed 's/^#define //'
        grep -o '^static inline [^(]*[ *]hd_[a-z0-9][a-z0-9_]*(' "$h" | grep -o 'hd_[a-z0-9_]*($' | tr -d '('
    done | grep -v '^hd_call_' | sort -u
)
count=0 missing=0
for n in $names; do
    count=$((count + 1))
    grep -q "\\b$n\\b" "$api" || { echo "FAIL: doc/api.md does not mention $n"; missing=$((missing + 1)); }
done
echo "doc/api.md: $count public names checked, $missing missing"

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
[ "$count" -gt 50 ] && [ "$missing" -eq 0 ] && [ -z "$undocumented" ]
