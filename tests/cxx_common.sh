# Sourced by the tests that build C++ (cxx_test.sh, doc_blocks.sh).
#
# hd_cxx_compilers: the C++ compilers to build with, one a word: $CXX, g++
# and clang++, those installed, each once. With sanitizers ($HD_CFLAGS set)
# only those of $CC's family: the library's objects carry $CC's sanitizer
# runtime, which gcc's and clang's do not share.
hd_cxx_compilers() {
    hd_cxx_list=""
    for hd_cxx in ${CXX:-} g++ clang++; do
        command -v "$hd_cxx" >/dev/null 2>&1 || continue
        case " $hd_cxx_list " in *" $hd_cxx "*) continue ;; esac
        if [ -n "${HD_CFLAGS:-}" ]; then
            case ${CC:-cc}:$hd_cxx in
            *clang*:*clang*) ;;
            *clang*:* | *:*clang*) continue ;;
            esac
        fi
        hd_cxx_list="$hd_cxx_list $hd_cxx"
    done
    echo $hd_cxx_list
}
