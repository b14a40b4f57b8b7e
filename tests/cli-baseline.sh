#!/bin/sh
# Baselines and waivers (docs/history.md): --write-baseline then --baseline
# hides every finding (round trip); an expired entry shows its finding
# again with an info core/waiver-expired; an entry matching nothing is one
# info core/waiver-stale; a .fislint-waivers beside the report applies; the
# summary says how many were hidden; fingerprints are the same for the
# report as text, DOCX and PDF and when lines are inserted above.
. "$FISLINT_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
H=$SRC/tests/fixtures/history
F=$SRC/tests/fixtures/formats

fps() { # fps FILE.json : the fingerprints, one a line, in order
    python3 -c 'import json,sys
for d in json.load(open(sys.argv[1]))["documents"]:
    for f in d["findings"]: print(f["fingerprint"])' "$1"
}

# ---- fingerprints: formats and moved lines ----------------------------------
for x in txt docx pdf; do
    "$FISLINT" check -q -f json "$F/report.$x" >"$TMP/f-$x.json"
    fps "$TMP/f-$x.json" >"$TMP/f-$x.fp"
done
[ "$(wc -l <"$TMP/f-txt.fp")" -ge 10 ] && pass || fail "report.txt: at least 10 findings"
cmp -s "$TMP/f-txt.fp" "$TMP/f-docx.fp" && pass || fail "text and DOCX give the same fingerprints"
cmp -s "$TMP/f-txt.fp" "$TMP/f-pdf.fp" && pass || fail "text and PDF give the same fingerprints"
{ printf '\n\n\n'; cat "$F/report.txt"; } >"$TMP/moved.txt"
"$FISLINT" check -q -f json "$TMP/moved.txt" >"$TMP/moved.json"
fps "$TMP/moved.json" >"$TMP/moved.fp"
cmp -s "$TMP/f-txt.fp" "$TMP/moved.fp" && pass || fail "three lines inserted at the top: same fingerprints"
# v2 of the history fixture has a paragraph added near the top: the
# findings it shares with v1 keep their fingerprints.
"$FISLINT" check -q -f json "$H/v1/report.txt" >"$TMP/v1.json"
"$FISLINT" check -q -f json "$H/v2/report.txt" >"$TMP/v2.json"
fps "$TMP/v1.json" >"$TMP/v1.fp"
n=$(fps "$TMP/v2.json" | grep -cxFf "$TMP/v1.fp")
[ "$n" -eq 25 ] && pass || fail "v2 shares 25 fingerprints with v1, got $n"

# ---- baseline round trip ----------------------------------------------------
run check -q --write-baseline "$TMP/base.json" "$H/v1/report.txt"
expect_status 1 "writing a baseline keeps the status"
python3 -c 'import json,sys
b=json.load(open(sys.argv[1]))
w=b["waivers"]
assert b["version"]==1 and len(w)==26, len(w)
for e in w: assert len(e["fingerprint"])==16 and e["rule"] and e["unit"]=="民政局" and e["message"]
' "$TMP/base.json" && pass || fail "baseline: 26 entries with fingerprint, rule, unit, message"
run check -q --baseline "$TMP/base.json" "$H/v1/report.txt"
expect_status 0 "everything in the baseline: nothing left"
expect_out "按基线/豁免隐藏 26 条问题。" "summary counts the hidden findings"
expect_no_out "[table-totals]" "baseline hides the findings"
# The republished report: only the new problem shows, the fixed one is stale.
run check -q --baseline "$TMP/base.json" "$H/v2/report.txt"
expect_status 1 "the new error fails the run"
expect_out "错误 [missing-cause]" "the new finding shows"
expect_no_out "[sangong]" "old findings stay hidden"
expect_out "提示 [core] 豁免条目 d84fd969c2b7b544（table-totals/narrative：" "the fixed finding's entry is stale"
n=$(grep -c 'core/waiver-stale' "$out")
[ "$n" -eq 1 ] && pass || fail "one stale info, got $n"
expect_out "按基线/豁免隐藏 25 条问题。" "25 hidden in v2"
# --min-severity warning: no infos of the core either.
run check -q --min-severity warning --baseline "$TMP/base.json" "$H/v2/report.txt"
expect_no_out "core/waiver-stale" "stale info below --min-severity is not shown"

# ---- expiry, who, reason ------------------------------------------------------
python3 -c 'import json,sys
b=json.load(open(sys.argv[1]))
for e in b["waivers"]:
    if e["rule"]=="sangong/unexplained-difference":
        e.update(who="监督科 张三", reason="预算调整另文说明", expires="2020-01-31")
    else:
        e["expires"]="2999-12-31"
json.dump(b,open(sys.argv[2],"w"),ensure_ascii=False)' "$TMP/base.json" "$TMP/expiring.json"
run check -q --baseline "$TMP/expiring.json" "$H/v1/report.txt"
expect_status 1 "an expired waiver's warning shows again"
expect_out "警告 [sangong]" "expired: the finding shows again"
expect_out "提示 [core] 豁免已于 2020-01-31 到期，该问题重新列出（批准人：监督科 张三，预算调整另文说明）" "expired info"
expect_out "规则：core/waiver-expired" "expired rule id"
expect_out "按基线/豁免隐藏 25 条问题。" "the others stay hidden"
# Rewriting the baseline keeps the annotations.
run check -q --baseline "$TMP/expiring.json" --write-baseline "$TMP/again.json" "$H/v1/report.txt"
grep -q '"who": "监督科 张三"' "$TMP/again.json" && grep -q '"expires": "2999-12-31"' "$TMP/again.json" &&
    pass || fail "rewritten baseline keeps who/expires"

# ---- .fislint-waivers beside the report ---------------------------------------
mkdir "$TMP/dir"
cp "$H/v1/report.txt" "$TMP/dir/report.txt"
cp "$TMP/base.json" "$TMP/dir/.fislint-waivers"
run check -q "$TMP/dir/report.txt"
expect_status 0 ".fislint-waivers applies"
expect_out "按基线/豁免隐藏 26 条问题。" ".fislint-waivers counted"
run check -q --no-waivers "$TMP/dir/report.txt"
expect_status 1 "--no-waivers ignores it"
# JSON keeps its contract: the count goes to stderr.
run check -f json "$TMP/dir/report.txt"
expect_err "按基线/豁免隐藏 26 条问题。" "json: count on stderr"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["documents"][0]["findings"]==[]' "$out" &&
    pass || fail "json: waived findings absent"
# Streaming (jsonl): the stale entry comes as its own line, source the file.
run check -f jsonl --baseline "$TMP/base.json" "$H/v2/report.txt"
grep -q '"rule": *"core/waiver-stale".*base.json\|base.json.*"rule": *"core/waiver-stale"' "$out" &&
    pass || fail "jsonl: stale entry reported with the baseline as source"

# ---- bad files ------------------------------------------------------------------
echo '{"waivers": [{"rule": "x"}]}' >"$TMP/bad.json"
run check --baseline "$TMP/bad.json" "$H/v1/report.txt"
expect_status 2 "bad baseline is a usage error"
expect_err "bad.json：第 1 项缺少有效的 fingerprint" "message names the file and entry"
run check --baseline "$TMP/none.json" "$H/v1/report.txt"
expect_status 2 "missing baseline"
expect_err "none.json" "message names the missing file"
echo '{"waivers": [{"fingerprint": "0123456789abcdef", "rule": "x", "expires": "31.12.2024"}]}' >"$TMP/date.json"
run check --baseline "$TMP/date.json" "$H/v1/report.txt"
expect_err "expires 应为 YYYY-MM-DD" "bad date refused"
finish
