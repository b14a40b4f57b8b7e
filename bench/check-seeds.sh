#!/bin/sh
# Time `fislint check` on the four bundled seed reports (every check), and
# `fislint dump` alone, in one run so the numbers compare.  Usage:
#   bench/check-seeds.sh [path/to/fislint] [runs]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
FISLINT=${1:-$top/_build/core/cli/fislint}
RUNS=${2:-20}
seeds="$top/examples/000_043825adc2a1e450.txt $top/examples/001_aaa1171e4b8d576e.txt \
$top/examples/002_24d4cf092f85e5e3.txt $top/examples/003_b8f3d489ed9ef61e.txt"

time_runs() {
    start=$(date +%s%N)
    i=0
    while [ $i -lt "$RUNS" ]; do
        "$@" >/dev/null 2>&1 || true
        i=$((i + 1))
    done
    end=$(date +%s%N)
    echo $(( (end - start) / RUNS / 1000 ))
}

check_us=$(time_runs "$FISLINT" check $seeds)
dump_us=$(time_runs "$FISLINT" dump $top/examples/003_b8f3d489ed9ef61e.txt)
echo "fislint check, 4 seeds, all checks: $((check_us / 1000)) ms per run (mean of $RUNS)"
echo "fislint dump, seed 003:             $((dump_us / 1000)) ms per run"
echo "ratio check(4 seeds) / dump(seed 003): $(awk "BEGIN { printf \"%.1f\", $check_us / $dump_us }")"
