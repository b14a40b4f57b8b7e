#!/bin/sh
# Batches: a directory stands for the reports in it (recursively, sorted,
# hidden files and other formats left out); -j N checks documents in
# parallel and prints exactly what -j 1 prints, in input order.
. "$FISLINT_SRCDIR/tests/lib.sh"
mkdir -p "$TMP/reports/b/deeper" "$TMP/reports/.hidden"
cp "$EX/000_043825adc2a1e450.txt" "$TMP/reports/z.txt"
cp "$EX/002_24d4cf092f85e5e3.txt" "$TMP/reports/b/deeper/a.md"
cp "$EX/002_24d4cf092f85e5e3.txt" "$TMP/reports/.hidden/skip.txt"
printf 'binary' > "$TMP/reports/b/notes.bin"

run check -f json "$TMP/reports/"
expect_status 1 "a directory of reports"
python3 - "$out" "$TMP/reports" <<'PY' && pass || fail "the directory's reports, sorted, others left out"
import json, sys
docs = [d["source"] for d in json.load(open(sys.argv[1], encoding="utf-8"))["documents"]]
assert docs == [sys.argv[2] + "/b/deeper/a.md", sys.argv[2] + "/z.txt"], docs
PY

mkdir "$TMP/empty"
run check "$TMP/empty"
expect_status 3 "an empty directory"
expect_err "目录中没有报告文件" "says the directory has no report"

# Same findings, same order, whatever the number of workers: over 50
# documents (the seeds, the plugins' fixtures, the real PDFs).
set -- "$EX"/*.txt "$SRC"/plugins/*/fixtures/*.txt "$SRC"/tests/real/pdf/*.pdf "$SRC/tests/fixtures/formats/report.docx"
[ $# -ge 50 ] && pass || fail "only $# documents for the -j comparison"
"$FISLINT" check -f json -j 1 "$@" >"$TMP/j1" 2>/dev/null
"$FISLINT" check -f json -j 2 "$@" >"$TMP/j2" 2>/dev/null
"$FISLINT" check -j 2 "$@" >"$TMP/t2" 2>/dev/null
"$FISLINT" check -j 1 "$@" >"$TMP/t1" 2>/dev/null
cmp -s "$TMP/j1" "$TMP/j2" && pass || fail "-j 2 JSON differs from -j 1"
cmp -s "$TMP/t1" "$TMP/t2" && pass || fail "-j 2 text differs from -j 1"
grep -q "\"documents\": $#" "$TMP/j1" && pass || fail "all $# documents checked"

# A worker's messages about a file (here: it cannot be read) go to that
# file's log, shown in input order.  Logs that files leave empty serve
# later files: no message may land under, or repeat for, another file.
mkdir "$TMP/mixed"
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24; do
    case $i in
    03 | 04 | 09 | 16 | 17 | 18 | 24) printf '\377\376\000\000x\000\000\000' >"$TMP/mixed/f$i.txt" ;;
    *) cp "$EX/003_b8f3d489ed9ef61e.txt" "$TMP/mixed/f$i.txt" ;;
    esac
done
for j in 1 2; do
    "$FISLINT" check -q -j $j "$TMP/mixed" >/dev/null 2>"$TMP/mixed-j$j.err"
done
for i in 03 04 09 16 17 18 24; do
    echo "fislint: $TMP/mixed/f$i.txt: 不支持 UTF-32 编码的文件，请另存为 UTF-8"
done >"$TMP/mixed.want"
cmp -s "$TMP/mixed-j1.err" "$TMP/mixed.want" && cmp -s "$TMP/mixed-j2.err" "$TMP/mixed.want" && pass ||
    fail "each unreadable file said once, under its own name, in order: $(cat "$TMP/mixed-j2.err")"

# When check returns, its workers (fislint-doc) and their spawner are gone
# too: an orphan is left to init, and a container's first process may
# never reap it.  In a session of its own, so that other tests' processes
# are not counted.
setsid sh -c '"$FISLINT" check -q -j 2 "$@" >/dev/null 2>&1; pgrep -s 0 -l fislint' sh "$@" \
    >"$TMP/left" 2>&1
[ ! -s "$TMP/left" ] && pass || fail "processes left when check returned: $(cat "$TMP/left")"

# An -i list may name each report's unit after a TAB; a directory's unit
# goes to every report in it.
printf '%s\t张掖市民政局\n# a comment\n%s\n%s/\t测试局\n' "$EX/000_043825adc2a1e450.txt" \
    "$EX/003_b8f3d489ed9ef61e.txt" "$TMP/reports" > "$TMP/list.txt"
run check -f json -i "$TMP/list.txt"
python3 - "$out" <<'PY' && pass || fail "units from the -i list"
import json, sys
units = [(d["source"].rsplit("/", 1)[1], d["unit"]) for d in json.load(open(sys.argv[1], encoding="utf-8"))["documents"]]
assert units == [("000_043825adc2a1e450.txt", "张掖市民政局"), ("003_b8f3d489ed9ef61e.txt", "济宁市兖州区民政局"),
                 ("a.md", "测试局"), ("z.txt", "测试局")], units
PY

# Under GNU parallel, one process per report, JSONL lines give the same
# findings as one run (docs/cli.md shows the command).
if command -v parallel >/dev/null 2>&1; then
    ls "$EX"/*.txt | parallel -j 2 --will-cite "$FISLINT" check -f jsonl {} > "$TMP/par.jsonl" 2>/dev/null
    "$FISLINT" check -f jsonl "$EX"/*.txt > "$TMP/one.jsonl" 2>/dev/null
    sort "$TMP/par.jsonl" > "$TMP/a"; sort "$TMP/one.jsonl" > "$TMP/b"
    [ -s "$TMP/a" ] && cmp -s "$TMP/a" "$TMP/b" && pass || fail "GNU parallel JSONL differs from one run"
else
    echo "NOTE: GNU parallel missing (scripts/setup-deps.sh installs it)" >&2
    [ -z "${CI:-}" ] || fail "GNU parallel missing under CI"
fi

# Progress: only when asked (or on a terminal), on stderr, never on stdout.
run check --progress "$EX/000_043825adc2a1e450.txt" "$EX/002_24d4cf092f85e5e3.txt"
expect_err "已检查 2/2 个文档" "--progress shows documents done / total"
expect_no_out "已检查" "progress never on stdout"
run check "$EX/000_043825adc2a1e450.txt"
grep -q "已检查" "$err" && fail "progress shown although stderr is not a terminal" || pass
run check -q --progress "$EX/000_043825adc2a1e450.txt"
grep -q "已检查" "$err" && fail "--quiet still shows progress" || pass

run check -j abc "$EX/000_043825adc2a1e450.txt"
expect_status 2 "-j abc"
expect_err "-j 应为 0 到" "says what -j must be"
finish
