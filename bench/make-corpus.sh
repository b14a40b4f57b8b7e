#!/bin/sh
# make-corpus.sh — a benchmark corpus made from the reports in the tree.
#
#   bench/make-corpus.sh DIR [N]
#
# Writes N documents (default 1000) into DIR: the even ones are the seed
# reports of examples/ in turn, the odd ones the plugin fixtures
# (plugins/*/fixtures/*.txt|md) in turn — about 35 MB for 1,000.  Each copy
# is perturbed so no two documents are alike: in a few lines, chosen by
# the document number, one digit is changed, so totals, differences and
# rates stop agreeing here and there and the checks have findings to
# report, as in a real batch.  Deterministic: the same N gives the same
# files.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: make-corpus.sh DIR [N]}
n=${2:-1000}
mkdir -p "$dir"
seeds=$(ls "$top"/examples/*.txt)
fixtures=$(ls "$top"/plugins/*/fixtures/*.txt "$top"/plugins/*/fixtures/*.md 2>/dev/null)
# One awk for all documents: sources are read once, copies written out.
# LC_ALL=C: bytes, so the UTF-8 text is copied untouched around the digit.
# shellcheck disable=SC2086
LC_ALL=C awk -v n="$n" -v dir="$dir" -v nseeds="$(echo "$seeds" | wc -l)" '
FNR == 1 { src++; ext[src] = FILENAME ~ /\.md$/ ? "md" : "txt" }
{ text[src, FNR] = $0; lines[src] = FNR }
END {
    nfix = src - nseeds
    for (k = 0; k < n; k++) {
        s = (k % 2 == 0 || nfix == 0) ? 1 + int(k / 2) % nseeds : nseeds + 1 + int(k / 2) % nfix
        out = sprintf("%s/doc%04d.%s", dir, k, ext[s])
        for (j = 1; j <= lines[s]; j++) {
            line = text[s, j]
            # About one line in 40 changes a digit (never the title line).
            if (j > 1 && (j * 31 + k * 17) % 40 == 0 && match(line, /[0-9]/)) {
                d = (substr(line, RSTART, 1) + 1 + k % 9) % 10
                line = substr(line, 1, RSTART - 1) d substr(line, RSTART + 1)
            }
            print line > out
        }
        close(out)
    }
}' $seeds $fixtures
