# hd_lapack.m4: find LAPACKE and BLAS, link-testing every candidate.
# A .pc file can exist and lack the symbol, so nothing is taken on trust.

# _HD_TRY_LINK(CFLAGS, LIBS, HEADER, CALL) -> sets hd_link_ok=yes|no
AC_DEFUN([_HD_TRY_LINK], [
  hd_save_CFLAGS=$CFLAGS; hd_save_LIBS=$LIBS
  CFLAGS="$CFLAGS $1"; LIBS="$2 $LIBS"
  AC_LINK_IFELSE([AC_LANG_PROGRAM([[$3]], [[$4]])], [hd_link_ok=yes], [hd_link_ok=no])
  CFLAGS=$hd_save_CFLAGS; LIBS=$hd_save_LIBS
])

m4_define([_HD_LAPACKE_PROG_HEAD], [[#include <lapacke.h>]])
m4_define([_HD_LAPACKE_PROG_BODY], [[double a[1] = {4}, b[1] = {2};
  return (int)LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', 1, 1, a, 1, b, 1);]])

AC_DEFUN([HD_FIND_LAPACKE], [
  AC_ARG_WITH([lapacke],
    [AS_HELP_STRING([--with-lapacke=LIBS], [link flags for LAPACKE (default: pkg-config lapacke, then -llapacke)])],
    [], [with_lapacke=auto])
  AC_MSG_CHECKING([for LAPACKE])
  hd_found=no
  AS_IF([test "x$with_lapacke" != xauto], [
    _HD_TRY_LINK([$LAPACKE_CFLAGS], [$with_lapacke], _HD_LAPACKE_PROG_HEAD, _HD_LAPACKE_PROG_BODY)
    AS_IF([test $hd_link_ok = yes], [LAPACKE_LIBS=$with_lapacke; LAPACKE_STATIC_LIBS=$with_lapacke; hd_found=yes])
  ], [
    AS_IF([test -n "$PKG_CONFIG" && $PKG_CONFIG --exists lapacke], [
      hd_cf=`$PKG_CONFIG --cflags lapacke`; hd_lf=`$PKG_CONFIG --libs lapacke`
      _HD_TRY_LINK([$hd_cf], [$hd_lf], _HD_LAPACKE_PROG_HEAD, _HD_LAPACKE_PROG_BODY)
      AS_IF([test $hd_link_ok = yes], [LAPACKE_CFLAGS=$hd_cf; LAPACKE_LIBS=$hd_lf; hd_found=yes
        LAPACKE_STATIC_LIBS=`$PKG_CONFIG --static --libs lapacke`])
    ])
    for hd_dir in "" "-I/usr/include/lapacke"; do
      for hd_lf in "-llapacke" "-llapacke -llapack -lblas" "-lopenblas"; do
        AS_IF([test $hd_found = no], [
          _HD_TRY_LINK([$hd_dir], [$hd_lf], _HD_LAPACKE_PROG_HEAD, _HD_LAPACKE_PROG_BODY)
          AS_IF([test $hd_link_ok = yes], [LAPACKE_CFLAGS=$hd_dir; LAPACKE_LIBS=$hd_lf; LAPACKE_STATIC_LIBS=$hd_lf; hd_found=yes])
        ])
      done
    done
  ])
  AC_MSG_RESULT([$hd_found $LAPACKE_LIBS])
  AS_IF([test $hd_found = no], [AC_MSG_ERROR([LAPACKE was not found (or did not link). Install it:
    Debian/Ubuntu: apt-get install liblapacke-dev libopenblas-dev
    Fedora:        dnf install lapack-devel openblas-devel
    Arch:          pacman -S lapacke openblas
    Homebrew:      brew install lapack openblas
  or point at it with --with-lapacke="-L/path -llapacke"])])
  AC_SUBST([LAPACKE_CFLAGS])
  AC_SUBST([LAPACKE_LIBS])
])

AC_DEFUN([HD_FIND_BLAS], [
  AC_ARG_WITH([blas],
    [AS_HELP_STRING([--with-blas=LIBS], [link flags for BLAS (default: pkg-config blas/openblas, then -lopenblas, -lblas)])],
    [], [with_blas=auto])
  AC_MSG_CHECKING([for BLAS])
  hd_found=no
  m4_define([_HD_BLAS_HEAD], [[double ddot_(const int *, const double *, const int *, const double *, const int *);]])
  m4_define([_HD_BLAS_BODY], [[int n = 1, one = 1; double x = 1, y = 2; return ddot_(&n, &x, &one, &y, &one) != 2.0;]])
  AS_IF([test "x$with_blas" != xauto], [
    _HD_TRY_LINK([], [$with_blas], _HD_BLAS_HEAD, _HD_BLAS_BODY)
    AS_IF([test $hd_link_ok = yes], [BLAS_LIBS=$with_blas; BLAS_STATIC_LIBS=$with_blas; hd_found=yes])
  ], [
    for hd_pc in blas openblas; do
      AS_IF([test $hd_found = no && test -n "$PKG_CONFIG" && $PKG_CONFIG --exists $hd_pc], [
        hd_lf=`$PKG_CONFIG --libs $hd_pc`
        _HD_TRY_LINK([], [$hd_lf], _HD_BLAS_HEAD, _HD_BLAS_BODY)
        AS_IF([test $hd_link_ok = yes], [BLAS_LIBS=$hd_lf; hd_found=yes
          BLAS_STATIC_LIBS=`$PKG_CONFIG --static --libs $hd_pc`])
      ])
    done
    for hd_lf in -lopenblas -lblas; do
      AS_IF([test $hd_found = no], [
        _HD_TRY_LINK([], [$hd_lf], _HD_BLAS_HEAD, _HD_BLAS_BODY)
        AS_IF([test $hd_link_ok = yes], [BLAS_LIBS=$hd_lf; BLAS_STATIC_LIBS=$hd_lf; hd_found=yes])
      ])
    done
  ])
  AC_MSG_RESULT([$hd_found $BLAS_LIBS])
  AS_IF([test $hd_found = no], [AC_MSG_ERROR([no BLAS was found (or it did not link). Install one:
    Debian/Ubuntu: apt-get install libopenblas-dev   (or libblas-dev)
    Fedora:        dnf install openblas-devel
    Arch:          pacman -S openblas
    Homebrew:      brew install openblas
  or point at it with --with-blas="-L/path -lopenblas"])])
  AC_SUBST([BLAS_LIBS])
])

# HD_STATIC_LINK_FLAGS(EXTRA) sets HD_PC_LIBS_PRIVATE (hyperdual.pc's
# Libs.private), what a static link of libhyperdual.a needs beyond `Libs`:
# LAPACKE and BLAS with their own private dependencies (OpenBLAS's LAPACK
# needs libgfortran and pthreads) as pkg-config reports them for a static
# link, then EXTRA. A library named
# twice keeps its last place, which a static link needs (ld searches an
# archive only for what is undefined when it is reached; every -L applies to
# every -l wherever it stands).
#
# libgfortran.a calls libquadmath (quadmath_snprintf) and OpenBLAS's .pc file
# does not say so (gfortran adds it through its spec file, a C compiler does
# not): where -lgfortran is named and the compiler has libquadmath,
# -lquadmath follows it.
AC_DEFUN([HD_STATIC_LINK_FLAGS], [
  AC_REQUIRE([AC_PROG_AWK])
  hd_quadmath=
  case " $LAPACKE_STATIC_LIBS $BLAS_STATIC_LIBS " in
    *" -lgfortran "*)
      hd_qm=`$CC -print-file-name=libquadmath.a 2>/dev/null`
      AS_IF([test -n "$hd_qm" && test "$hd_qm" != libquadmath.a && test -f "$hd_qm"],
            [hd_quadmath="-lquadmath -lm"]) ;;
  esac
  HD_PC_LIBS_PRIVATE=`echo $LAPACKE_STATIC_LIBS $BLAS_STATIC_LIBS $hd_quadmath $1 |
    $AWK '{ for (i = NF; i > 0; i--) if (!seen[[$i]]++) out = $i (out == "" ? "" : " " out); print out }'`
  AC_SUBST([HD_PC_LIBS_PRIVATE])
])
