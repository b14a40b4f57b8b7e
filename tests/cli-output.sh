#!/bin/sh
# The output formats of `fislint check` (docs/output.md): text grouping and
# numbers, -o, CSV for Excel, JSON Lines, SARIF against the 2.1.0 schema,
# --output-dir with --split-by unit, and HTML escaping.
. "$FISLINT_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
S2=$EX/002_24d4cf092f85e5e3.txt
S3=$EX/003_b8f3d489ed9ef61e.txt
PDF=$SRC/tests/real/pdf/putuo-finance-2024-final-accounts.pdf
CHECK_PY=$SRC/tests/output-check.py
ALL="$EX/000_043825adc2a1e450.txt $EX/001_aaa1171e4b8d576e.txt $S2 $S3 $PDF $TMP/nope.txt"

# ---- text ------------------------------------------------------------------
# The 27 empty 主要原因是 sentences of seed 003 are one block, each line listed.
run check --checks missing-cause "$S3"
expect_status 1 "findings at warning or above"
expect_out "003_b8f3d489ed9ef61e.txt:588: 错误 [missing-cause] 同类问题共 27 处" "one block for 27"
expect_out "    - 第588行：" "first line listed"
expect_out "    - 第646行：" "last line listed"
n=$(grep -c '^    - 第[0-9]*行：.*“主要原因是”后没有写明原因' "$out")
[ "$n" -eq 27 ] && pass || fail "27 lines listed in the block, got $n"
n=$(grep -c 'missing-cause/empty-cause' "$out")
[ "$n" -eq 1 ] && pass || fail "the rule is named once for the block, got $n"
expect_out "（应为 571.78，实为 546.08，相差 -25.70）" "each line keeps its numbers"
expect_no_out " error [" "severities are in Chinese"

# A computed amount shows as money is written (not 77.484625).
run check --checks table-totals "$S2"
expect_out "应为 423.70，实为 77.48，相差 -346.22" "computed sum cut to 2 decimals"
expect_no_out "77.484625" "no six-decimal computed amount"

# A PDF finding starts with its page.
run check --checks table-totals "$PDF"
grep -q '^/.*putuo-finance-2024-final-accounts.pdf:第[0-9]*页:第[0-9]*行: \(错误\|警告\|提示\) \[table-totals\]' "$out" &&
    pass || fail "PDF findings start with 文件:第N页:第M行:"

# ---- -o ----------------------------------------------------------------------
run check --checks missing-cause -o "$TMP/report.txt" "$S3"
expect_status 1 "-o keeps the exit status"
[ ! -s "$out" ] && pass || fail "-o: nothing on stdout"
grep -q "同类问题共 27 处" "$TMP/report.txt" && pass || fail "-o: the report is in the file"
run check -o "$TMP/no/such/dir/r.txt" "$S3"
expect_status 2 "-o into a missing directory"
expect_err "无法写入" "says it cannot write"

# ---- the reference JSON --------------------------------------------------------
# shellcheck disable=SC2086
"$FISLINT" check -f json $ALL >"$TMP/r.json" 2>/dev/null

# ---- CSV -----------------------------------------------------------------------
# shellcheck disable=SC2086
run check -f csv -o "$TMP/r.csv" $ALL
expect_status 3 "csv with an unreadable file"
python3 "$CHECK_PY" csv "$TMP/r.csv" "$TMP/r.json" && pass || fail "CSV read back"
python3 - "$TMP/r.csv" <<'PY' && pass || fail "CSV finding numbers and Chinese"
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding="utf-8-sig").read(), newline="")))
head = rows[0]
assert len(head) == 14 and head[0] == "单位" and head[-1] == "指纹", head
r = [x for x in rows if x[6] == "table-totals/narrative" and x[3] == "34"][0]
assert r[0] == "民政局" and r[7] == "错误", r
assert (r[9], r[10], r[11]) == ("423.70", "77.48", "-346.22"), r[9:12]
assert "人员经费346.25元" in r[8] and "万元" in r[12], r
assert len(r[13]) == 16 and int(r[13], 16) >= 0
bad = [x for x in rows if "nope.txt" in x[1]]
assert len(bad) == 1 and bad[0][8].startswith("无法检查") and bad[0][7] == "错误", bad
PY

# ---- JSON Lines ----------------------------------------------------------------
# shellcheck disable=SC2086
run check -f jsonl $ALL
expect_status 3 "jsonl with an unreadable file"
python3 "$CHECK_PY" jsonl "$out" "$TMP/r.json" && pass || fail "JSONL equals the JSON findings"

# ---- SARIF ---------------------------------------------------------------------
# The official 2.1.0 schema, as scripts/setup-deps.sh fetched it from npm.
CACHE=${FISLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fislint}
SCHEMA=$CACHE/sarif/sarif-2.1.0.json
PY=python3
python3 -c 'import jsonschema' 2>/dev/null || PY=/usr/bin/python3
# shellcheck disable=SC2086
run check -f sarif $ALL
expect_status 3 "sarif with an unreadable file"
if [ -s "$SCHEMA" ] && $PY -c 'import jsonschema' 2>/dev/null; then
    $PY "$CHECK_PY" sarif "$out" "$TMP/r.json" "$SCHEMA" && pass || fail "SARIF against the 2.1.0 schema"
elif [ -n "${CI:-}" ]; then
    fail "official SARIF schema missing ($SCHEMA): scripts/setup-deps.sh should have fetched it"
elif $PY -c 'import jsonschema' 2>/dev/null; then
    # Fallback, clearly not the official schema: only the structure we rely on.
    echo "NOTE: official SARIF schema missing ($SCHEMA): hand-written minimal schema used" >&2
    $PY "$CHECK_PY" sarif "$out" "$TMP/r.json" "$SRC/tests/sarif-minimal-schema.json" &&
        pass || fail "SARIF against the minimal schema"
else
    echo "NOTE: python3 jsonschema missing: SARIF not validated" >&2
fi
# Each rule carries its check's one-line summary and explanation.
python3 - "$out" <<'PY' && pass || fail "SARIF rules have shortDescription and fullDescription"
import json, sys
rules = {r["id"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]}
r = rules["missing-cause/empty-cause"]
assert r["shortDescription"]["text"] and r["fullDescription"]["text"], r
assert all("shortDescription" in r for i, r in rules.items() if not i.startswith("core/")), rules.keys()
PY

# ---- --output-dir and --split-by unit ------------------------------------------
run check -f html --output-dir "$TMP/one" "$S2"
expect_status 1 "--output-dir"
[ -s "$TMP/one/fislint-report.html" ] && pass || fail "--output-dir writes fislint-report.html"
# shellcheck disable=SC2086
run check -f html --output-dir "$TMP/split/by unit" --split-by unit $ALL
expect_status 3 "--split-by unit with an unreadable file"
for f in index 民政局 济宁市兖州区民政局 上海市普陀区财政局 未识别单位; do
    [ -s "$TMP/split/by unit/$f.html" ] && pass || fail "--split-by unit: $f.html missing"
done
grep -q 'href="济宁市兖州区民政局.html"' "$TMP/split/by unit/index.html" && pass ||
    fail "index links the unit files"
grep -q "民政局" "$TMP/split/by unit/上海市普陀区财政局.html" && fail "a unit file has another's documents" || pass
run check -f csv --split-by unit "$S2"
expect_status 2 "--split-by without --output-dir"
run check -f csv --split-by year --output-dir "$TMP/x" "$S2"
expect_status 2 "--split-by something else"

# ---- HTML: hostile text is escaped, unit names make safe file names -------------
mkdir -p "$TMP/evil"
cat >"$TMP/evil/evil.txt" <<'EOF'
../../x<b>局2023年度部门决算
一、部门基本情况<script>alert(1)</script>
2023年度一般公共预算财政拨款支出年初预算数为100万元，支出决算数为80万元，完成年初预算数的80%。决算数小于年初预算数，主要原因是。<img src=x onerror=alert(2)>
EOF
run check -f html --checks missing-cause "$TMP/evil/evil.txt"
expect_no_out "<script>" "no script element from the document"
expect_no_out "<b>局" "no markup from the unit name"
expect_out "../../x&lt;b&gt;局" "the unit name shown as text"
expect_no_out "<img" "no img element from the document"
expect_out "&lt;img src=x onerror=alert(2)&gt;" "the document's markup shown as text"
run check -f html --checks missing-cause --output-dir "$TMP/evil/out" --split-by unit "$TMP/evil/evil.txt"
n=$(find "$TMP/evil/out" -type f | wc -l)
[ "$n" -eq 2 ] && pass || fail "split of a hostile document: $n files, expected 2"
[ -z "$(find "$TMP/evil" -maxdepth 1 -name x)" ] && pass || fail "a unit name escaped the directory"
finish
