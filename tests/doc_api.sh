#!/bin/sh
# doc/api.md must name every public function and macro: each HD_API function
# of the public headers (the generated hd_call_* mirrors are documented as a
# family), each hd_ macro and each public static inline function. A name
# added to a header without a line in the overview fails here.
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
[ "$count" -gt 50 ] && [ "$missing" -eq 0 ]
