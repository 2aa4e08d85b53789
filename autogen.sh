#!/bin/sh
# Generate configure and the Makefile.in files from a git checkout.
# (A release tarball already has them: just ./configure && make.)
set -e
cd "$(dirname "$0")"
autoreconf --force --install
# The test drivers come with automake; copy them next to the other aux files.
amdir=$(automake --print-libdir)
cp -f "$amdir/tap-driver.sh" "$amdir/test-driver" build-aux/
