#!/bin/sh
# Configure and build fislint out of tree in $1 (default: _build; a relative
# path is taken from the top of the source tree), with any further
# arguments passed to configure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-_build}
[ $# -gt 0 ] && shift
"$top/scripts/setup-deps.sh"
[ -x "$top/configure" ] || "$top/autogen.sh"
case $dir in
/*) ;;
*) dir=$top/$dir ;;
esac
mkdir -p "$dir"
cd "$dir"
[ -f Makefile ] || "$top/configure" -q "$@"
make -j"$(nproc)" >/dev/null
