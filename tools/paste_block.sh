#!/bin/sh
# paste_block.sh FILE NAME < text: replace the lines between
#   <!-- begin NAME --> and <!-- end NAME -->
# in FILE with standard input (a maintainer step for generated tables).
set -e
file=$1 name=$2
grep -q "^<!-- begin $name -->\$" "$file" || { echo "$file: no <!-- begin $name --> marker" >&2; exit 1; }
grep -q "^<!-- end $name -->\$" "$file" || { echo "$file: no <!-- end $name --> marker" >&2; exit 1; }
tmp=$file.tmp.$$
new=$file.new.$$
cat >"$new"
awk -v b="<!-- begin $name -->" -v e="<!-- end $name -->" -v src="$new" '
    $0 == b { print; while ((getline line < src) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$file" >"$tmp"
rm -f "$new"
mv "$tmp" "$file"
