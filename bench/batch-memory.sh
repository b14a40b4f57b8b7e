#!/bin/sh
# Peak memory of a batch against its size: `fislint check -f jsonl` streams
# each document's findings and frees them, so the peak resident size of the
# main process should not grow with the number of documents; `-f json`
# keeps every result for the final document, so it does.  Usage:
#   bench/batch-memory.sh [path/to/fislint] [small] [large]
# Prints the peak RSS (KB, GNU time's %M, main process) for both sizes and
# both formats, and the large/small ratio of each.  Environment:
# FORMATS (default "jsonl json") limits the formats; FISLINT_ARGS is added
# to each `fislint check` (e.g. --plugin-dir DIR).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
FISLINT=${1:-$top/_build/core/cli/fislint}
SMALL=${2:-20}
LARGE=${3:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The four seeds over and over: real reports with many findings each.
i=0
while [ $i -lt "$LARGE" ]; do
    for s in "$top"/examples/*.txt; do
        [ $i -lt "$LARGE" ] || break
        cp "$s" "$work/r$i.txt"
        i=$((i + 1))
    done
done
# shellcheck disable=SC2086
peak() { # FORMAT N -> KB
    ls "$work"/r*.txt | sort -V | head -n "$2" |
        /usr/bin/time -f %M "$FISLINT" check ${FISLINT_ARGS:-} -f "$1" -j 2 -i - 2>&1 >/dev/null |
        tail -n 1
}
for fmt in ${FORMATS:-jsonl json}; do
    a=$(peak "$fmt" "$SMALL")
    b=$(peak "$fmt" "$LARGE")
    printf '%-5s %4d docs: %7d KB   %4d docs: %7d KB   ratio %s\n' "$fmt" "$SMALL" "$a" "$LARGE" "$b" \
        "$(awk "BEGIN { printf \"%.2f\", $b / $a }")"
done
