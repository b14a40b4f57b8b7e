#!/bin/sh
# The JSON output contract (docs/output.md): every field present, null when
# it does not apply; unreadable documents carry `error`.
. "$FISLINT_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
S3=$EX/003_b8f3d489ed9ef61e.txt

run check --format json --checks missing-cause "$S3" "$TMP/nope.txt"
expect_status 3 "json run with an unreadable file"
python3 - "$out" "$S3" <<'PY' && pass || fail "JSON contract"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["tool"]["name"] == "fislint" and doc["tool"]["version"]
d0, d1 = doc["documents"]
assert d0["source"] == sys.argv[2] and d0["format"] == "text" and d0["error"] is None
assert d0["title"], d0["title"]
assert (d0["kind"], d0["year"], d0["unit"]) == ("dept-final", 2023, "济宁市兖州区民政局"), d0
assert d1["error"] and "无法读取" in d1["error"] and d1["findings"] == [] and d1["format"] is None
assert d1["kind"] is None and d1["year"] is None and d1["unit"] is None
f = [x for x in d0["findings"] if x["location"]["line"] == 588][0]
keys = {"check", "rule", "severity", "message", "location", "evidence", "expected",
        "actual", "difference", "suggestion"}
assert keys <= set(f), set(f)
assert set(f["location"]) == {"line", "end_line", "page", "section", "table", "row", "column"}
assert f["check"] == "missing-cause" and f["rule"] == "missing-cause/empty-cause"
assert f["severity"] == "error" and f["location"]["page"] is None
assert "主要原因是" in f["evidence"]
s = doc["summary"]
assert s["documents"] == 2 and s["findings"] == len(d0["findings"])
assert s["errors"] + s["warnings"] + s["infos"] == s["findings"]
PY

# A file named in GBK (the bytes of 财政, not UTF-8): its name becomes
# U+FFFD in JSON, JSON Lines and the baseline, and nothing is dropped.
# jansson refuses a string that is not UTF-8; the whole document used to
# vanish from -f json, and its entries from the baseline.
GBK=$TMP/$(printf '\262\306\325\376').txt
cp "$S3" "$GBK"
run check --format json --checks missing-cause --write-baseline "$TMP/gbk-base.json" "$GBK"
expect_status 1 "json run with a GBK file name"
"$FISLINT" check --format jsonl --checks missing-cause "$GBK" >"$TMP/gbk.jsonl" 2>/dev/null
python3 - "$out" "$TMP/gbk.jsonl" "$TMP/gbk-base.json" <<'PY' && pass || fail "GBK file name: every format keeps the document"
import json, sys
name = "\ufffd" * 4 + ".txt"
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(doc["documents"]) == 1, doc["documents"]
d = doc["documents"][0]
assert d["source"].endswith("/" + name) and d["findings"], d["source"]
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(lines) == len(d["findings"]) and all(l["source"] == d["source"] for l in lines)
base = json.load(open(sys.argv[3], encoding="utf-8"))
assert len(base["waivers"]) == len(d["findings"]), base
assert all(w["source"] == d["source"] for w in base["waivers"])
PY
# A unit from a GBK-encoded -i list: U+FFFD in the JSON and in every SARIF
# result's properties.
printf '%s\t%s\n' "$S3" "$(printf '\262\306\325\376')" > "$TMP/gbk-list"
"$FISLINT" check --format sarif --checks missing-cause -i "$TMP/gbk-list" >"$TMP/gbk.sarif" 2>/dev/null
run check --format json --checks missing-cause -i "$TMP/gbk-list"
python3 - "$out" "$TMP/gbk.sarif" <<'PY' && pass || fail "GBK unit: kept in JSON and SARIF"
import json, sys
unit = "\ufffd" * 4
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
assert d["unit"] == unit and d["findings"], d["unit"]
results = json.load(open(sys.argv[2], encoding="utf-8"))["runs"][0]["results"]
assert len(results) == len(d["findings"]) and all(r["properties"]["unit"] == unit for r in results)
PY
run dump --format json "$GBK"
python3 - "$out" <<'PY' && pass || fail "GBK file name: dump --format json is a document"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["source"].endswith("/" + "\ufffd" * 4 + ".txt") and d["tables"], d["source"]
PY
finish
