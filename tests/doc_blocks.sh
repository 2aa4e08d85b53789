#!/bin/sh
# Every fenced code block in README.md and doc/*.md is compiled, run or
# checked, so the documentation cannot drift from the code.
#
#   ```c        a whole translation unit: compiled with -std=c11 -Wall -Wextra
#               -Wpedantic -Werror; when it has main(), built with the README's
#               line and nothing else added to the link,
#                   cc -std=c11 prog.c -o prog $(pkg-config --cflags --libs hyperdual)
#               (pkg-config reads this build's hyperdual.pc, pointed at the
#               build tree), and run (exit 0)
#   ```cpp      the same in C++ (<hyperdual.hpp>): -std=c++11 and the C++
#               compiler (tests/cxx_common.sh), with the README's C++ line
#                   c++ -std=c++11 prog.cc -o prog $(pkg-config --cflags --libs hyperdual)
#               skipped when there is no C++ compiler
#   ```sh       (or bash, shell) one command per line (comments, `\` continuations),
#   ```console  or "$ command" lines followed by its output (console).
#               `hyperdual ...` runs the built CLI (when it was built),
#               `./examples/NAME` runs an example; a trailing `# exit N` says
#               the command is expected to exit with status N. make targets,
#               ./configure options and known tools (apt-get, pkg-config,
#               ...) are checked, not run. A `cc ... NAME.c ...` line runs as
#               written, on the previous ```c block saved as NAME.c. An
#               unknown command fails.
#   ```text     output: compared with what the previous block in the same file
#   ```json     printed, when that block was run (json: whitespace ignored;
#               text: trailing blanks ignored, timings "<number> ms" and "<number>s" masked);
#               otherwise an illustration. "```text illustration" never compares.
# An indented (unfenced) code block fails: it could not be checked.
# The first block under "## Quick start" in README.md must be exactly the two
# lines the CI runs; it is not run here (it installs packages).
#
# Usage: doc_blocks.sh [--update] [FILE.md...]
#   --update rewrites compared output blocks with the output printed now
#   (make tutorial). Environment: top_srcdir, top_builddir, CC, CXX, HD_CFLAGS.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}" "${CC:=cc}" "${HD_CFLAGS:=}"
. "$top_srcdir/tests/cxx_common.sh"
cxx=$(hd_cxx_compilers)
cxx=${cxx%% *}
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
if [ $# -eq 0 ]; then set -- "$top_srcdir/README.md" "$top_srcdir"/doc/*.md; fi

QUICK1='apt-get update && apt-get install -y build-essential autoconf automake libtool pkg-config liblapacke-dev libopenblas-dev check && ./autogen.sh && ./configure && make -j2 && ./examples/limit'
QUICK2='make -j2 check'

srcdir_abs=$(cd "$top_srcdir" && pwd) || exit 99
builddir_abs=$(cd "$top_builddir" && pwd) || exit 99
work=$(mktemp -d "${TMPDIR:-/tmp}/hd-docblocks.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

# `pkg-config --cflags --libs hyperdual` as an outside program sees it, but
# for this build: the real hyperdual.pc with libdir and includedir pointed at
# the build and source trees. A build without the shared library links the
# archive, which needs the private libraries as well.
real_pkg_config=$(command -v pkg-config) || { echo "pkg-config not found"; exit 99; }
static=
[ -f "$builddir_abs/lib/.libs/libhyperdual.so" ] || static=--static
mkdir "$work/bin" "$work/cc" || exit 99
cat >"$work/bin/pkg-config" <<WRAPPER
#!/bin/sh
PKG_CONFIG_PATH="$builddir_abs\${PKG_CONFIG_PATH:+:\$PKG_CONFIG_PATH}" exec "$real_pkg_config" $static \\
    --define-variable=libdir="$builddir_abs/lib/.libs" --define-variable=includedir="$srcdir_abs/include" "\$@"
WRAPPER
chmod +x "$work/bin/pkg-config"
# cc as the docs write it: this build's compiler with its sanitizer flags
# (a sanitized library needs a sanitized program; empty otherwise).
cc() { $CC $HD_CFLAGS "$@"; }
# readme_build DIR SRC PROG [WARNING FLAGS]: the README's build line in DIR
# (its C++ line for a .cc source, with the C++ compiler found).
readme_build() {
    case $2 in
    *.cc) (cd "$1" && PATH="$work/bin:$PATH" && export PATH &&
           $cxx -std=c++11 $4 "$2" -o "$3" $(pkg-config --cflags --libs hyperdual)) ;;
    *)    (cd "$1" && PATH="$work/bin:$PATH" && export PATH &&
           cc -std=c11 $4 "$2" -o "$3" $(pkg-config --cflags --libs hyperdual)) ;;
    esac
}
LD_LIBRARY_PATH="$builddir_abs/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
last_c= last_cpp=
failures=0
n_compiled=0 n_run=0 n_compared=0 n_checked=0 n_illustration=0 n_skipped=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# ---- extract: one file per block, and a manifest "id file start end lang extra quick"
extract() {
    awk -v dir="$work" -v base="$1" -v first="$2" '
    BEGIN { id = first - 1 }
    !inblock && /^ *```/ {
        line = $0; sub(/^ *```/, "", line)
        split(line, w, " "); lang = w[1]; extra = w[2]
        id++; inblock = 1; start = NR; indent = match($0, /[^ ]/) - 1
        out = dir "/b" id; printf "" > out
        quick = (quick_pending ? 1 : 0); quick_pending = 0
        next
    }
    inblock && /^ *```[ \t]*$/ {
        inblock = 0; close(out)
        printf "%d\t%s\t%d\t%d\t%s\t%s\t%d\n", id, base, start, NR, (lang == "" ? "-" : lang), (extra == "" ? "-" : extra), quick
        next
    }
    inblock {   # drop the fence'"'"'s indentation (a loop: mawk has no regex intervals)
        l = $0; for (k = 0; k < indent && substr(l, 1, 1) == " "; k++) l = substr(l, 2)
        print l > out; next
    }
    # An indented code block (4 spaces after a blank line, not inside a
    # list) would escape every check: it must be fenced and tagged.
    /^    [^ ]/ && prev_blank && !in_list {
        printf "%d\t%s\t%d\t%d\tINDENTED\t-\t0\n", ++id, base, NR, NR
    }
    /^ *([-*+]|[0-9]+\.) / { in_list = 1 }
    /^[^ *+0-9-]/ { in_list = 0 }
    { prev_blank = ($0 ~ /^[ \t]*$/) }
    /^## / { quick_pending = ($0 ~ /^## Quick start[ \t]*$/) }
    END { if (inblock) printf "%d\t%s\t%d\t%d\tUNCLOSED\t-\t0\n", id, base, start, NR }
    ' "$1"
}

# Is TARGET a target of the generated Makefile?
make_target_ok() {
    grep -Eq "^([^:#=]*[[:space:]])?$1([[:space:]][^:#=]*)?:" "$builddir_abs/Makefile"
}

# check_or_run CMD: run what can be run, check the rest. Appends CMD's
# stdout to $work/out. Returns 0 if run, 1 if only checked, 2 if it failed.
check_or_run() {
    cmd=$1
    expect=0
    case $cmd in *'# exit '[0-9]*)
        expect=$(printf '%s\n' "$cmd" | sed 's/.*# exit \([0-9]*\).*/\1/')
        cmd=$(printf '%s\n' "$cmd" | sed 's/[[:space:]]*# exit [0-9]*.*//') ;;
    esac
    set -f; set -- $cmd; set +f
    case ${1:-} in
    hyperdual)
        if [ ! -x "$builddir_abs/cli/hyperdual" ]; then n_skipped=$((n_skipped + 1)); return 1; fi
        (cd "$builddir_abs" && PATH="$builddir_abs/cli:$PATH" && export PATH && eval "$cmd") >>"$work/out" 2>"$work/err"
        st=$? ;;
    ./examples/*)
        (cd "$builddir_abs" && eval "$cmd") >>"$work/out" 2>"$work/err"
        st=$? ;;
    make)
        shift
        for t in "$@"; do
            case $t in -*|*=*) continue ;; esac
            make_target_ok "$t" || { echo "no make target '$t'" >"$work/err"; return 2; }
        done
        return 1 ;;
    ./configure)
        shift
        for o in "$@"; do
            case $o in
            --*) opt=${o%%=*}
                 "$srcdir_abs/configure" --help | grep -q -- "$opt[]=[ ]" ||
                     { echo "configure has no option $opt" >"$work/err"; return 2; } ;;
            esac
        done
        return 1 ;;
    ./autogen.sh) [ -f "$srcdir_abs/autogen.sh" ] || return 2; return 1 ;;
    cc|c++)
        # the README's build line, run on the last program block before it
        if [ "$1" = cc ]; then
            src=$(printf '%s\n' "$cmd" | grep -o '[A-Za-z0-9_.-]*\.c\b' | head -1) last=$last_c
        else
            [ -n "$cxx" ] || return 1
            src=$(printf '%s\n' "$cmd" | grep -o '[A-Za-z0-9_.-]*\.cc\b' | head -1) last=$last_cpp
        fi
        if [ -z "$src" ] || [ -z "$last" ]; then return 1; fi
        cp "$last" "$work/cc/$src"
        (cd "$work/cc" && PATH="$work/bin:$PATH" && export PATH && eval "$cmd") >>"$work/out" 2>"$work/err"
        st=$? ;;
    apt-get|sudo|dnf|pacman|brew|gcc|clang|g++|clang++|pkg-config|cd|git|doxygen|man|valgrind|export|\
    ldconfig|tar|lcov|genhtml|ls|xdg-open)
        return 1 ;;
    *)  echo "unknown command '${1:-}' (run it here, or show it as \`\`\`text)" >"$work/err"
        return 2 ;;
    esac
    if [ "$st" -ne "$expect" ]; then
        echo "exit status $st, expected $expect: $(head -c 400 "$work/err")" >"$work/err"; return 2
    fi
    n_run=$((n_run + 1))
    return 0
}

# Command lines of a sh block (continuations joined, comments dropped) or of
# a console block (the "$ " lines).
commands_of() {
    if [ "$2" = console ]; then sed -n 's/^\$ //p' "$1"; return; fi
    awk '{ if (sub(/\\$/, "")) { acc = acc $0; next } print acc $0; acc = "" }' "$1" |
        sed -e 's/^[[:space:]]*//' -e '/^#/d' -e '/^$/d'
}

# Normalise output for comparison.
normalise() {
    if [ "$2" = json ]; then tr -d ' \t\n' <"$1"; echo; return; fi
    sed -e 's/ *[0-9][0-9.]* \{0,1\}m\{0,1\}s\( \{1,\}\|$\)/ <t>s /g' -e 's/[[:space:]]*$//' "$1" |
        awk '{ lines[NR] = $0 } END { n = NR; while (n > 0 && lines[n] == "") n--; for (i = 1; i <= n; i++) print lines[i] }'
}

replacements="$work/replacements"
: >"$replacements"
next_id=1
for md in "$@"; do
    [ -f "$md" ] || { fail "$md: no such file"; continue; }
    rel=${md#"$top_srcdir"/}
    extract "$md" "$next_id" >"$work/manifest" || { fail "$rel: could not parse"; continue; }
    prev_ran=0
    while IFS='	' read -r id file start end lang extra quick; do
        next_id=$((id + 1))
        b="$work/b$id"
        where="$rel:$start"
        ran=0
        if [ "$quick" = 1 ]; then
            n_checked=$((n_checked + 1))
            if [ "$lang" != sh ] || [ "$(wc -l <"$b")" -ne 2 ] ||
               [ "$(sed -n 1p "$b")" != "$QUICK1" ] || [ "$(sed -n 2p "$b")" != "$QUICK2" ]; then
                fail "$where: the Quick start block must be \`\`\`sh with exactly the two CI lines:"
                printf '  %s\n  %s\n' "$QUICK1" "$QUICK2"
            fi
            prev_ran=0; continue
        fi
        case $lang in
        c|cpp)
            if [ "$lang" = c ]; then
                compiler=$CC src=block.c flags="-std=c11"
            elif [ -n "$cxx" ]; then
                compiler=$cxx src=block.cc flags="-std=c++11"
            else
                n_skipped=$((n_skipped + 1)); prev_ran=0; continue
            fi
            flags="$flags -Wall -Wextra -Wpedantic -Werror $HD_CFLAGS -I$srcdir_abs/include"
            cp "$b" "$work/$src"
            if grep -q 'int main *(' "$b"; then
                if [ "$lang" = c ]; then last_c=$b; else last_cpp=$b; fi
                if ! readme_build "$work" $src prog "-Wall -Wextra -Wpedantic -Werror" >"$work/err" 2>&1; then
                    fail "$where: $lang block does not compile and link:"; sed 's/^/  /' "$work/err" | head -20
                else
                    n_compiled=$((n_compiled + 1))
                    if (cd "$work" && ./prog) >"$work/out" 2>"$work/err"; then
                        ran=1; n_run=$((n_run + 1))
                    else
                        fail "$where: $lang block exited with status $?: $(head -c 300 "$work/err")"
                    fi
                fi
            elif ! $compiler $flags -c -o "$work/block.o" "$work/$src" >"$work/err" 2>&1; then
                fail "$where: $lang block does not compile:"; sed 's/^/  /' "$work/err" | head -20
            else
                n_compiled=$((n_compiled + 1))
            fi ;;
        sh|bash|shell|console)
            if [ "$lang" != console ] && ! sh -n "$b" 2>"$work/err"; then
                fail "$where: shell syntax: $(cat "$work/err")"
            fi
            : >"$work/out"
            all_ran=1 any=0
            commands_of "$b" "$lang" >"$work/cmds"
            while IFS= read -r cmd; do
                any=1
                check_or_run "$cmd" </dev/null
                case $? in
                0) ;;
                1) all_ran=0; n_checked=$((n_checked + 1)) ;;
                *) all_ran=0; fail "$where: \`$cmd\`: $(cat "$work/err")" ;;
                esac
            done <"$work/cmds"
            [ "$any" = 1 ] || fail "$where: $lang block without a command"
            if [ "$lang" = console ] && [ "$all_ran" = 1 ]; then
                # the non-command lines are the expected output
                grep -v '^\$ ' "$b" >"$work/expected"
                normalise "$work/expected" text >"$work/e"; normalise "$work/out" text >"$work/a"
                n_compared=$((n_compared + 1))
                cmp -s "$work/e" "$work/a" || { fail "$where: console output differs:"; diff "$work/e" "$work/a" | head -20; }
                all_ran=0
            fi
            ran=$all_ran ;;
        text|json)
            if [ "$prev_ran" = 1 ] && [ "$extra" != illustration ]; then
                n_compared=$((n_compared + 1))
                normalise "$b" "$lang" >"$work/e"; normalise "$work/last_out" "$lang" >"$work/a"
                if ! cmp -s "$work/e" "$work/a"; then
                    if [ "$update" = 1 ]; then
                        cp "$work/last_out" "$work/new$id"
                        printf '%s\t%s\t%s\t%s\n' "$md" "$start" "$end" "$work/new$id" >>"$replacements"
                        echo "updated $where"
                    else
                        fail "$where: output block differs from what the previous block prints now (make tutorial updates it):"
                        diff "$work/e" "$work/a" | head -20
                    fi
                fi
            else
                n_illustration=$((n_illustration + 1))
            fi ;;
        UNCLOSED) fail "$where: unclosed code fence" ;;
        INDENTED) fail "$where: indented code block: fence it with a language tag (c, sh, console, text, json)" ;;
        *) fail "$where: code block with language '$lang': use c, cpp, sh (bash, shell), console, text or json" ;;
        esac
        if [ "$ran" = 1 ]; then cp "$work/out" "$work/last_out"; fi
        prev_ran=$ran
    done <"$work/manifest"
done

# Man pages: groff must not warn, and the program under EXAMPLES of a
# section 3 page must build and run like a ```c block.
for man in "$top_srcdir"/doc/*.[13]; do
    [ -f "$man" ] || continue
    rel=${man#"$top_srcdir"/}
    if command -v groff >/dev/null 2>&1; then
        warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$man" 2>&1)
        [ -z "$warnings" ] || fail "$rel: groff warns: $warnings"
    fi
    case $man in *.3) ;; *) continue ;; esac
    sed -n '/^\.SH EXAMPLES/,/^\.SH/p' "$man" | sed -n '/^\.nf/,/^\.fi/p' | sed -e '/^\.nf/d' -e '/^\.fi/d' \
        -e 's/\\-/-/g' -e 's/\\e/\\/g' >"$work/man.c"
    [ -s "$work/man.c" ] || continue
    if readme_build "$work" man.c manprog "-Wall -Wextra -Wpedantic -Werror" >"$work/err" 2>&1 &&
       (cd "$work" && ./manprog >/dev/null); then
        n_compiled=$((n_compiled + 1)); n_run=$((n_run + 1))
    else
        fail "$rel: the EXAMPLES program does not build or run:"; sed 's/^/  /' "$work/err" | head -20
    fi
done

# --update: splice the new outputs between the fences, bottom-up per file.
if [ "$update" = 1 ] && [ -s "$replacements" ]; then
    cut -f1 "$replacements" | sort -u | while IFS= read -r md; do
        awk -F '\t' -v md="$md" '
            FNR == NR { if ($1 == md) { s[$2] = $3; f[$2] = $4 } next }
            skip && FNR < skip { next }
            { skip = 0 }
            FNR in s { print; while ((getline l < f[FNR]) > 0) print l; close(f[FNR]); skip = s[FNR]; next }
            { print }' "$replacements" "$md" >"$work/rewritten" && cat "$work/rewritten" >"$md"
    done
fi

echo "doc blocks: $n_compiled compiled, $n_run run, $n_compared outputs compared," \
     "$n_checked commands checked, $n_illustration illustrations, $n_skipped skipped (CLI not built or no C++ compiler)"
[ "$failures" -eq 0 ]
