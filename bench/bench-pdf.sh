#!/bin/sh
# bench-pdf.sh — pages per second of `fislint dump` on a published PDF,
# against pdftotext (poppler-utils) on the same file, in one run.
#
#   bench/bench-pdf.sh [FISLINT] [PDF] [ROUNDS]
#
# FISLINT defaults to $FISLINT or ./core/cli/fislint (run from a build
# directory); PDF to the Putuo final accounts in ../shared/corpus.
# fislint does more than pdftotext: it also reads the lines each page with
# tables draws, to find the table borders, and builds the document model.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
fislint=${1:-${FISLINT:-./core/cli/fislint}}
pdf=${2:-$here/../shared/corpus/pdf/putuo-finance-2024-final-accounts.pdf}
rounds=${3:-5}

for tool in pdfinfo pdftotext; do
    command -v "$tool" >/dev/null || { echo "bench-pdf: $tool is missing (poppler-utils)" >&2; exit 2; }
done
[ -x "$fislint" ] || { echo "bench-pdf: $fislint is not built" >&2; exit 2; }
[ -r "$pdf" ] || { echo "bench-pdf: $pdf not found" >&2; exit 2; }

pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')

now() { date +%s.%N; }

# Seconds for `rounds` runs of the command.
timed() {
    start=$(now)
    i=0
    while [ "$i" -lt "$rounds" ]; do
        "$@" >/dev/null 2>&1
        i=$((i + 1))
    done
    end=$(now)
    echo "$start $end" | awk '{ printf "%.4f", $2 - $1 }'
}

# Warm the page cache and the fonts once.
"$fislint" dump "$pdf" >/dev/null 2>&1 || { echo "bench-pdf: fislint dump failed" >&2; exit 1; }
pdftotext -q "$pdf" /dev/null

t_fl=$(timed "$fislint" dump "$pdf")
t_pt=$(timed pdftotext -q -layout "$pdf" /dev/null)

awk -v p="$pages" -v n="$rounds" -v a="$t_fl" -v b="$t_pt" -v f="$(basename "$pdf")" 'BEGIN {
    fl = p * n / a; pt = p * n / b
    printf "%s: %d pages, %d rounds\n", f, p, n
    printf "fislint dump       %8.1f pages/s\n", fl
    printf "pdftotext -layout  %8.1f pages/s\n", pt
    printf "ratio fislint/pdftotext: %.2f (fislint takes %.1fx the time)\n", fl / pt, pt / fl
}'
