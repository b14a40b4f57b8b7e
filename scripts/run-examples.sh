#!/bin/sh
# Set everything up, build, and check the bundled example reports.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/build.sh" _build
status=0
"$top/_build/core/cli/fislint" check "$top"/examples/*.txt || status=$?
# 1 means "findings were reported": the examples are real reports with real defects.
[ "$status" -le 1 ]
