#!/bin/sh
# The second pass (docs/plugin-api.md, 本单位的其他报告): a check that sets
# FL_PLUGIN_RELATED sees the same unit's other reports — other inputs of
# the run, one per kind and year, newest first, and with --db the reports
# earlier runs recorded — and nothing of other units.  tests/plugins/
# related-probe.c reports one info per related report it is given.
. "$FISLINT_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
PLUGDIR=$FISLINT_BUILDDIR/tests/plugins/.libs
P="--plugin-dir $PLUGDIR --checks related-probe"
D=$TMP/in
mkdir -p "$D"
report() { # unit year kind file
    printf '上海市某某区%s%s%s\n\n一、部门主要职责\n负责本部门工作。\n' "$1" "$2" "$3" > "$D/$4"
}
report 民政局 2023年 部门预算 mz-2023-budget.txt
report 民政局 2024年 部门预算 mz-2024-budget.txt
report 民政局 2023年度 部门决算 mz-2023-final.txt
report 教育局 2024年 部门预算 jy-2024-budget.txt
cp "$D/mz-2024-budget.txt" "$D/mz-2024-budget-copy.txt"
# What the probe saw, per document: "source: n kind year unit file" lines.
saw() {
    python3 - "$out" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    if d.get("type") != "finding":
        continue
    print(d["source"].rsplit("/", 1)[-1] + ": " + d["message"])
PY
}
expect_saw() { # expected-lines what
    got=$(saw)
    [ "$got" = "$1" ] && pass || fail "$2: got
$got
expected
$1"
}

run check $P -q -f jsonl "$D/mz-2024-budget.txt" "$D/jy-2024-budget.txt" "$D/mz-2023-budget.txt" \
    "$D/mz-2023-final.txt" "$D/mz-2024-budget-copy.txt"
expect_status 0 "infos only"
expect_saw "mz-2024-budget.txt: 1 dept-final 2023 上海市某某区民政局 mz-2023-final.txt
mz-2024-budget.txt: 2 dept-budget 2023 上海市某某区民政局 mz-2023-budget.txt
mz-2023-budget.txt: 1 dept-budget 2024 上海市某某区民政局 mz-2024-budget.txt
mz-2023-budget.txt: 2 dept-final 2023 上海市某某区民政局 mz-2023-final.txt
mz-2023-final.txt: 1 dept-budget 2024 上海市某某区民政局 mz-2024-budget.txt
mz-2023-final.txt: 2 dept-budget 2023 上海市某某区民政局 mz-2023-budget.txt
mz-2024-budget-copy.txt: 1 dept-final 2023 上海市某某区民政局 mz-2023-final.txt
mz-2024-budget-copy.txt: 2 dept-budget 2023 上海市某某区民政局 mz-2023-budget.txt" \
    "same unit only, one per kind and year (the first), newest first, never its own kind and year"
cp "$out" "$TMP/j1"
run check $P -q -f jsonl -j 2 "$D/mz-2024-budget.txt" "$D/jy-2024-budget.txt" "$D/mz-2023-budget.txt" \
    "$D/mz-2023-final.txt" "$D/mz-2024-budget-copy.txt"
cmp -s "$out" "$TMP/j1" && pass || fail "-j 2 gives the same output as -j 1"
run check $P -q --no-isolation -f jsonl "$D/mz-2024-budget.txt" "$D/jy-2024-budget.txt" "$D/mz-2023-budget.txt" \
    "$D/mz-2023-final.txt" "$D/mz-2024-budget-copy.txt"
cmp -s "$out" "$TMP/j1" && pass || fail "--no-isolation gives the same output"

# The texts wait in a temporary file that the workers write; when files
# cannot grow (a full disk, here a file size limit of 0), the texts and
# results are kept in memory and the output is the same.
( trap '' XFSZ; ulimit -f 0; exec "$FISLINT" check $P -q -f jsonl "$D/mz-2024-budget.txt" \
    "$D/jy-2024-budget.txt" "$D/mz-2023-budget.txt" "$D/mz-2023-final.txt" \
    "$D/mz-2024-budget-copy.txt" ) | cat > "$TMP/nospace"
cmp -s "$TMP/nospace" "$TMP/j1" && pass || fail "no room for temporary files: the same output
$(diff "$TMP/nospace" "$TMP/j1" | head -20)"

# One input and no history: nothing to compare, the check is not called.
run check $P -q -f jsonl "$D/mz-2024-budget.txt"
expect_saw "" "a single report has no related ones"

# The office's unit in an -i list groups reports whose covers differ.
printf '中共上海市某某区委办公室2024年部门预算\n\n一、部门主要职责\n略。\n' > "$D/a.txt"
printf '上海市某某区委办2023年部门预算\n\n一、部门主要职责\n略。\n' > "$D/b.txt"
printf '%s\t区委办公室\n%s\t区委办公室\n' "$D/a.txt" "$D/b.txt" > "$TMP/list"
run check $P -q -f jsonl -i "$TMP/list"
expect_saw "a.txt: 1 dept-budget 2023 区委办公室 b.txt
b.txt: 1 dept-budget 2024 区委办公室 a.txt" "units from the -i list"
run check $P -q -f jsonl "$D/a.txt" "$D/b.txt"
expect_saw "" "different units on the covers are not paired"

# ---- the pass shared among helper processes (-j 2) ------------------------
# A related check that crashes or hangs costs its own findings on that
# document only, and the output and stderr are those of -j 1 — also when
# a helper is killed in the middle: the main process takes over its share.
# Two units, their reports interleaved in the input: each unit goes whole
# to one helper.
H=$TMP/helpers
mkdir -p "$H"
for y in 2019 2020 2021 2022 2023 2024; do
    printf '上海市某某区财政局%s年部门预算\n\n一、部门主要职责\n略。\n' "$y" > "$H/cz-$y.txt"
    printf '上海市某某区教育局%s年部门预算\n\n一、部门主要职责\n略。\n' "$y" > "$H/jy-$y.txt"
    printf '%s\n%s\n' "$H/cz-$y.txt" "$H/jy-$y.txt" >> "$H.list"
done
printf '上海市某某区财政局2021年部门预算\nCRASH\n一、部门主要职责\n略。\n' > "$H/cz-2021.txt"
printf '上海市某某区教育局2022年部门预算\nHANG\n一、部门主要职责\n略。\n' > "$H/jy-2022.txt"
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1
"$FISLINT" check $P --check-timeout 4 -f jsonl -j 1 -i "$H.list" >"$TMP/h1.out" 2>"$TMP/h1.err"
status=$? out=$TMP/h1.out err=$TMP/h1.err
expect_status 3 "failing related checks make the status 3"
python3 - "$out" "$asan" <<'PY' && pass || fail "each failure on its document only, the others see their 5 related reports"
import json, sys
# ASan catches the SIGSEGV, prints its report and exits with 1.
crashed = "未能完成" if sys.argv[2] == "1" else "崩溃"
by = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    by.setdefault(d["source"].rsplit("/", 1)[-1], []).append((d["rule"], d["message"]))
for name in ["%s-%d.txt" % (u, y) for u in ("cz", "jy") for y in range(2019, 2025)
             if (u, y) not in (("cz", 2021), ("jy", 2022))]:
    assert [r for r, _ in by[name]] == ["related-probe/saw"] * 5, (name, by[name])
for name, why in (("cz-2021.txt", crashed), ("jy-2022.txt", "超过 4 秒")):
    assert len(by[name]) == 1 and by[name][0][0] == "core/check-failed" and why in by[name][0][1], by[name]
PY
"$FISLINT" check $P --check-timeout 4 -f jsonl -j 2 -i "$H.list" >"$TMP/h2.out" 2>"$TMP/h2.err"
cmp -s "$TMP/h1.out" "$TMP/h2.out" && pass || fail "-j 2: the output of -j 1"
# (Not stderr under ASan: its crash reports name process ids.)
[ "$asan" = 1 ] || { cmp -s "$TMP/h1.err" "$TMP/h2.err" && pass || fail "-j 2: the stderr of -j 1"; }

# Kill the helper running the hung check (fislint-related in ps): that
# check fails, killed, and the main process checks the rest of its share.
"$FISLINT" check $P --check-timeout 20 -f jsonl -j 2 -i "$H.list" >"$TMP/h3.out" 2>"$TMP/h3.err" &
main=$!
helper_in_hung_check() { # alive for a second or more; the other is done at once
    for p in $(pgrep -P "$1" -x fislint-related); do
        # A helper done with its share waits as a zombie until the end.
        ps -o etimes=,stat= -p "$p" 2>/dev/null | {
            read -r secs state
            [ "${secs:-0}" -ge 1 ] && [ "${state#Z}" = "$state" ] && echo "$p"
        }
    done
}
helper=$(poll_for helper_in_hung_check "$main")
[ -n "$helper" ] && kill -KILL "$helper"
wait "$main"
[ -n "$helper" ] && pass || fail "no helper running the hung check was found"
python3 - "$TMP/h1.out" "$TMP/h3.out" <<'PY' && pass || fail "a helper killed: the hung check fails, the rest as with -j 1"
import json, sys
def lines(path):
    return [json.loads(l) for l in open(path, encoding="utf-8")]
want, got = lines(sys.argv[1]), lines(sys.argv[2])
hung = lambda d: d["source"].endswith("jy-2022.txt")
assert [d for d in want if not hung(d)] == [d for d in got if not hung(d)]
g = [d for d in got if hung(d)]
assert len(g) == 1 and g[0]["rule"] == "core/check-failed" and "信号 9" in g[0]["message"], g
PY

# ---- history ---------------------------------------------------------------
DB=$TMP/h.db
q() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join("|".join(str(x) for x in r) for r in c.execute(sys.argv[2])))' "$DB" "$1"; }
run check $P -q -f jsonl --db "$DB" "$D/mz-2023-budget.txt" "$D/mz-2023-final.txt" "$D/jy-2024-budget.txt"
expect_status 0 "first run recorded"
[ "$(q "SELECT count(*), count(DISTINCT text_sha256) FROM documents")" = "3|3" ] && pass ||
    fail "each document's text recorded: $(q 'SELECT source, text_sha256 FROM documents')"
run check $P -q -f jsonl --db "$DB" "$D/mz-2023-budget.txt"
[ "$(q "SELECT count(*) FROM texts")" = 3 ] && pass || fail "an unchanged text is stored once"
run check $P -q -f jsonl --db "$DB" "$D/mz-2024-budget.txt"
expect_saw "mz-2024-budget.txt: 1 dept-final 2023 上海市某某区民政局 mz-2023-final.txt
mz-2024-budget.txt: 2 dept-budget 2023 上海市某某区民政局 mz-2023-budget.txt" \
    "last year's reports come from the history"
# The run's own input wins over the history for the same kind and year.
cp "$D/mz-2023-budget.txt" "$D/mz-2023-budget-new.txt"
run check $P -q -f jsonl --db "$DB" "$D/mz-2024-budget.txt" "$D/mz-2023-budget-new.txt"
saw | grep "^mz-2024-budget.txt: .* dept-budget 2023 .* mz-2023-budget-new.txt$" >/dev/null && pass ||
    fail "the run's own 2023 budget is used: $(saw)"

# A history of schema 1 (no texts) is brought up to date and still works.
OLD=$TMP/old.db
python3 - "$OLD" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
  version TEXT NOT NULL, args TEXT NOT NULL);
CREATE TABLE documents (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  source TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT, year INTEGER, format TEXT, title TEXT,
  sha256 TEXT, sha256_of TEXT, error TEXT);
CREATE TABLE findings (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  fingerprint TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
  line INTEGER, page INTEGER, section TEXT, table_name TEXT, row_name TEXT, column_name TEXT,
  waived INTEGER NOT NULL DEFAULT 0);
INSERT INTO runs VALUES (1, '2023-09-10T08:00:00Z', '2023-09-10T08:01:00Z', '0.1', 'check old.txt');
INSERT INTO documents VALUES (1, 1, 'old.txt', '上海市某某区民政局', 'dept-budget', 2022, 'text', NULL, NULL, NULL, NULL);
PRAGMA user_version = 1;
""")
c.commit()
PY
DB=$OLD
run check $P -q -f jsonl --db "$OLD" "$D/mz-2024-budget.txt"
expect_status 0 "a schema 1 history opens"
[ "$(q 'PRAGMA user_version')" = 2 ] && pass || fail "migrated to schema 2"
[ "$(q "SELECT source, text_sha256 IS NULL FROM documents ORDER BY id")" = "old.txt|1
$D/mz-2024-budget.txt|0" ] && pass || fail "old documents kept, new ones with text: $(q 'SELECT source, text_sha256 FROM documents')"
expect_saw "" "an old document without text is not a related report"

# ---- across-years, end to end (plugins/across-years/fixtures) ----------------
A=$SRC/plugins/across-years/fixtures
ay() { # what across-years found: "file line severity expected actual"
    python3 - "$out" <<'PY'
import json, sys
for doc in json.load(open(sys.argv[1], encoding="utf-8"))["documents"]:
    for f in doc["findings"]:
        if f["check"] == "across-years" and f["severity"] != "info":
            print(doc["source"].rsplit("/", 1)[-1], f["location"]["line"], f["severity"],
                  f["expected"], f["actual"])
PY
}
run check --checks across-years -f json "$A/budget-2023.txt" "$A/budget-2024.txt"
expect_status 1 "a warning in the pair"
[ "$(ay)" = "budget-2024.txt 17 warning 6320.00 6330.00" ] && pass ||
    fail "this year's 上年数 against last year's report: $(ay)"
expect_out "budget-2023.txt" "the message names last year's report"
run check --checks across-years -f json "$A/budget-2024.txt" "$A/budget-2023.txt"
[ "$(ay)" = "budget-2024.txt 17 warning 6320.00 6330.00" ] && pass || fail "input order does not matter: $(ay)"
run check --checks across-years -f json "$A/budget-2023.txt" "$A/budget-2024-consistent.txt"
[ "$(ay)" = "" ] && pass || fail "the consistent pair gives nothing: $(ay)"
run check --checks across-years -f json "$A/budget-2024.txt"
[ "$(ay)" = "" ] && pass || fail "alone, nothing to compare: $(ay)"
# A year apart through the history: last year's report is not an input.
AYDB=$TMP/ay.db
run check --checks across-years -q --db "$AYDB" "$A/budget-2023.txt"
expect_status 0 "last year recorded"
run check --checks across-years -f json --db "$AYDB" "$A/budget-2024.txt"
[ "$(ay)" = "budget-2024.txt 17 warning 6320.00 6330.00" ] && pass ||
    fail "last year's report from the history: $(ay)"
run check --checks across-years -f json --db "$AYDB" "$A/budget-2024-consistent.txt"
[ "$(ay)" = "" ] && pass || fail "consistent with the history: $(ay)"
run check --checks across-years -f json "$A/final-2023.txt" "$A/final-2024.txt"
[ "$(ay)" = "final-2024.txt 30 warning 98.20 98.02" ] && pass || fail "决算 carryover: $(ay)"
# This year's 决算 against this year's 预算: the 年初预算 it states.
run check --checks across-years -f json "$A/initial-budget-2024.txt" "$A/initial-final-2024.txt"
expect_status 1 "a 年初预算 off the same year's budget"
[ "$(ay)" = "initial-final-2024.txt 20 warning 1565.05 1560.05" ] && pass ||
    fail "决算 年初预算 against the budget: $(ay)"
expect_out "initial-budget-2024.txt" "the message names the budget"
run check --checks across-years -f json "$A/initial-final-2024-consistent.txt" "$A/initial-budget-2024.txt"
[ "$(ay)" = "" ] && pass || fail "consistent 决算 and budget: $(ay)"
run check --checks across-years -f json "$A/initial-final-2024.txt" "$A/initial-budget-2023.txt"
[ "$(ay)" = "" ] && pass || fail "a budget of another year is not compared: $(ay)"
finish
