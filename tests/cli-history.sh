#!/bin/sh
# The history of runs (docs/history.md): check --db records runs,
# documents and findings; history lists them; diff gives per unit what is
# new, fixed and still open (from the database or two JSON results);
# report gives one bureau's follow-up list; two writers at once lose
# nothing; a corrupt or foreign file is a clear error.
. "$FISLINT_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
H=$SRC/tests/fixtures/history
DB=$TMP/h.db
# Runs a year apart: 2023-09-10 and 2024-09-10, 08:00 UTC.
T1=1694332800
T2=1725955200
q() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join("|".join(str(x) for x in r) for r in c.execute(sys.argv[2])))' "$DB" "$1"; }

# ---- recording ----------------------------------------------------------------
FISLINT_NOW=$T1 run check -q --db "$DB" "$H/v1/report.txt"
expect_status 1 "--db keeps the exit status"
FISLINT_NOW=$T2 run check -q --db "$DB" "$H/v2/report.txt"
expect_status 1 "second run"
[ "$(q 'PRAGMA user_version')" = 2 ] && pass || fail "schema version 2"
[ "$(q 'PRAGMA journal_mode')" = wal ] && pass || fail "WAL mode"
[ "$(q "SELECT started FROM runs ORDER BY id")" = "2023-09-10T08:00:00Z
2024-09-10T08:00:00Z" ] && pass || fail "run times recorded"
q "SELECT version, args FROM runs WHERE id = 1" | grep -q "^[0-9.]*|check -q --db $DB $H/v1/report.txt$" &&
    pass || fail "version and arguments recorded: $(q 'SELECT version, args FROM runs')"
sha=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$H/v1/report.txt")
[ "$(q "SELECT unit, kind, year, format, sha256, sha256_of FROM documents WHERE run_id = 1")" = "民政局|dept-eval|2024|text|$sha|bytes" ] &&
    pass || fail "document: unit, kind, year, format, SHA-256 of the bytes"
[ "$(q "SELECT count(*) FROM findings f JOIN documents d ON f.document_id = d.id WHERE d.run_id = 1")" = 26 ] &&
    pass || fail "26 findings recorded in run 1"
[ "$(q "SELECT rule, severity, line FROM findings WHERE fingerprint = 'd84fd969c2b7b544'")" = "table-totals/narrative|error|34" ] &&
    pass || fail "finding: rule, severity, line"

# ---- history --------------------------------------------------------------------
run history --db "$DB"
expect_status 0 "history"
expect_out "运行 1  2023-09-10T08:00:00Z" "first run listed"
expect_out "运行 2  2024-09-10T08:00:00Z" "second run listed"
expect_out "    民政局：1 份文档，错误 1，警告 3，提示 22" "per-unit counts"
run history --db "$DB" --last 1
expect_no_out "运行 1 " "--last 1 shows only the last run"

# ---- diff -----------------------------------------------------------------------
run diff --db "$DB"
expect_status 0 "diff of the last two runs"
expect_out "比较：运行 1 → 运行 2" "default: the last two runs"
expect_out "单位：民政局" "grouped by unit"
python3 - "$out" <<'PY' && pass || fail "diff: one new (empty cause), one fixed (元/万元), 25 open"
import re, sys
t = open(sys.argv[1]).read()
new = t.split("  新增：\n")[1].split("  已整改：\n")[0]
fixed = t.split("  已整改：\n")[1].split("  仍未整改：\n")[0]
assert new.count("    - ") == 1 and "[错误] missing-cause/empty-cause" in new and "bdd321bee75e5020" in new, new
assert fixed.count("    - ") == 1 and "“人员经费346.25元”的单位疑为“万元”" in fixed and "d84fd969c2b7b544" in fixed, fixed
assert "小计：新增 1，已整改 1，仍未整改 25" in t
assert "合计：新增 1，已整改 1，仍未整改 25" in t
PY
run diff --db "$DB" 2 1
expect_out "合计：新增 1，已整改 1，仍未整改 25" "runs in reverse: symmetric counts"
run diff --db "$DB" 1 9
expect_status 2 "unknown run"
expect_err "没有这个运行编号" "unknown run said"
# Two JSON results give the same list.
"$FISLINT" check -q -f json "$H/v1/report.txt" >"$TMP/a.json"
"$FISLINT" check -q -f json "$H/v2/report.txt" >"$TMP/b.json"
run diff "$TMP/a.json" "$TMP/b.json"
expect_status 0 "diff of two JSON results"
expect_out "合计：新增 1，已整改 1，仍未整改 25" "JSON diff counts"
expect_out "d84fd969c2b7b544" "JSON diff names the fixed fingerprint"
echo '{}' >"$TMP/x.json"
run diff "$TMP/a.json" "$TMP/x.json"
expect_status 2 "not a result"
expect_err "x.json 不是 fislint check -f json 的结果" "message names the file"

# ---- report ------------------------------------------------------------------------
run report --db "$DB" --unit 民政局 --format csv
expect_status 0 "report csv"
python3 - "$out" <<'PY' && pass || fail "report: 26 open (25 carried over, 1 new), first seen and days open"
import csv, io, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
assert rows[0] == ["指纹", "规则", "级别", "问题", "位置", "首次发现", "已持续天数"], rows[0]
body = {r[0]: r for r in rows[1:]}
assert len(body) == 26, len(body)
assert body["bdd321bee75e5020"][5:] == ["2024-09-10", "0"], body["bdd321bee75e5020"]
assert body["c06fc5bcd2f1bb5d"][5:] == ["2023-09-10", "366"], body["c06fc5bcd2f1bb5d"]
assert "d84fd969c2b7b544" not in body
PY
run report --db "$DB" --unit 民政局 --year 2024 -o "$TMP/r.html"
expect_status 0 "report html"
grep -q "<h1>整改跟踪清单：民政局（2024 年度）</h1>" "$TMP/r.html" && pass || fail "html title"
grep -q "<td>2023-09-10</td><td class=\"n\">366</td><td>c06fc5bcd2f1bb5d</td>" "$TMP/r.html" &&
    pass || fail "html row: first seen, days open"
grep -q "共 26 条未整改问题" "$TMP/r.html" && pass || fail "html count"
run report --db "$DB" --unit 不存在局
expect_status 2 "unknown unit"
expect_err "没有单位“不存在局”的检查记录" "unknown unit said"

# ---- waived findings are recorded as waived, not fixed ----------------------------
"$FISLINT" check -q --write-baseline "$TMP/base.json" "$H/v2/report.txt" >/dev/null
run check -q --db "$DB" --baseline "$TMP/base.json" "$H/v2/report.txt"
expect_status 0 "all waived"
[ "$(q "SELECT count(*) FROM findings f JOIN documents d ON f.document_id = d.id WHERE d.run_id = 3 AND f.waived = 1")" = 26 ] &&
    pass || fail "waived findings recorded with waived = 1"
run diff --db "$DB"
expect_out "合计：新增 0，已整改 0，仍未整改 0，已豁免 26" "waived are not fixed"

# ---- two writers at once ------------------------------------------------------------
P=$TMP/p.db
"$FISLINT" check -q -j 1 --db "$P" "$H/v1/report.txt" "$H/v2/report.txt" "$H/v1/report.txt" >/dev/null 2>"$TMP/e1" &
p1=$!
"$FISLINT" check -q -j 1 --db "$P" "$H/v2/report.txt" "$H/v1/report.txt" "$H/v2/report.txt" >/dev/null 2>"$TMP/e2" &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
[ "$s1" -eq 1 ] && [ "$s2" -eq 1 ] && pass || fail "parallel writers: exit $s1 $s2: $(cat "$TMP/e1" "$TMP/e2")"
DB=$P
[ "$(q "SELECT count(*) FROM runs WHERE finished IS NOT NULL")" = 2 ] && pass || fail "both runs complete"
[ "$(q "SELECT run_id, count(*) FROM documents GROUP BY run_id")" = "1|3
2|3" ] && pass || fail "three documents in each run"
[ "$(q "SELECT d.run_id, count(*) FROM findings f JOIN documents d ON f.document_id = d.id GROUP BY d.run_id")" = "1|78
2|78" ] && pass || fail "every finding of both runs (26+26+26)"
[ "$(q 'PRAGMA integrity_check')" = ok ] && pass || fail "integrity after parallel writers"

# ---- corrupt, foreign and future files ------------------------------------------------
head -c 8192 /dev/urandom >"$TMP/junk.db"
run check -q --db "$TMP/junk.db" "$H/v1/report.txt"
expect_status 2 "junk database: usage error before checking"
expect_err "历史数据库 $TMP/junk.db 已损坏或不是 SQLite 数据库" "junk named"
run history --db "$TMP/junk.db"
expect_status 2 "history on junk"
expect_err "$TMP/junk.db" "history names the file"
# A real database whose pages are damaged.
cp "$TMP/h.db" "$TMP/bad.db"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.execute("PRAGMA journal_mode=DELETE"); c.close()' "$TMP/bad.db"
python3 -c 'import sys
f=open(sys.argv[1],"r+b"); f.seek(4096); f.write(b"\xff"*4096*3); f.close()' "$TMP/bad.db"
run diff --db "$TMP/bad.db"
[ "$status" -eq 2 ] || [ "$status" -eq 3 ] && pass || fail "damaged database: exit 2 or 3, got $status"
expect_err "$TMP/bad.db" "damaged database named"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE t(x)"); c.commit()' "$TMP/other.db"
run check -q --db "$TMP/other.db" "$H/v1/report.txt"
expect_status 2 "foreign database"
expect_err "不是 fislint 的历史数据库" "foreign database said"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit()' "$TMP/future.db"
run history --db "$TMP/future.db"
expect_status 2 "newer schema"
expect_err "由更新版本的 fislint 创建（结构版本 99" "newer schema said"
run history --db "$TMP/absent.db"
expect_status 2 "missing database"
expect_err "无法打开历史数据库 $TMP/absent.db" "missing database said"
[ ! -e "$TMP/absent.db" ] && pass || fail "history does not create a database"
finish
