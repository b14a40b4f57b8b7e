#!/bin/sh
# `fislint fetch -o DIR`: files and metadata records, safe names from
# hostile Content-Disposition headers, conditional re-fetching, -i lists.
. "$FISLINT_SRCDIR/tests/fetch-lib.sh"
D=$TMP/save/reports   # ../../x from here would be $TMP/x
mkdir -p "$TMP/save"

run fetch $FAST -o "$D" "$BASE/download?id=7" "$BASE/utf8-name" "$BASE/gbk-name" \
    "$BASE/cond.html" "$BASE/seed001.html" "$BASE/wrongtype.html"
expect_status 0 "all saved"
[ -f "$D/x.pdf" ] && pass || fail "hostile name ../../x saved as x.pdf inside the directory"
[ ! -e "$TMP/x" ] && [ ! -e "$TMP/x.pdf" ] && [ ! -e "$TMP/save/x" ] && pass \
    || fail "something was written outside the output directory"
[ -f "$D/2023年部门决算.pdf" ] && pass || fail "RFC 5987 UTF-8 name"
[ -f "$D/决算.pdf" ] && pass || fail "raw GBK Content-Disposition name"
[ -f "$D/seed001.html" ] && pass || fail "name from the URL"
[ -f "$D/wrongtype.html.pdf" ] && pass || fail "a PDF served as .html gets a .pdf name"
expect_out "已保存：$BASE/cond.html -> $D/cond.html" "saved line"

# The metadata record.
M=$D/cond.html.fetch.json
jq -e --arg u "$BASE/cond.html" '.url == $u and .final_url == $u and .status == 200
    and .etag == "\"v1\"" and .last_modified == "Wed, 01 May 2024 08:00:00 GMT"
    and .format == "html" and .file == "cond.html"
    and (.content_type | startswith("text/html")) and (.fetched_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T"))' \
    "$M" >/dev/null && pass || fail "metadata record of cond.html: $(cat "$M")"
sum=$(sha256sum "$D/seed001.html" | cut -d' ' -f1)
size=$(wc -c <"$D/seed001.html" | tr -d ' ')
jq -e --arg s "$sum" --argjson n "$size" '.sha256 == $s and .size == $n and .charset == "GBK"' \
    "$D/seed001.html.fetch.json" >/dev/null && pass || fail "sha256, size and charset recorded"
jq -e '.format == "pdf"' "$D/x.pdf.fetch.json" >/dev/null && pass || fail "format pdf recorded"

# Again: the conditional request gets 304 and the file is kept.
run fetch $FAST -o "$D" "$BASE/cond.html"
expect_status 0 "re-fetch"
expect_out "未变化：$BASE/cond.html -> $D/cond.html" "304 reported as unchanged"
grep -q '"path": "/cond.html", .*"status": 304' "$LOG" && pass || fail "server answered 304"
jq -e '.status == 304 and .etag == "\"v1\""' "$M" >/dev/null && pass || fail "record updated after 304"
grep -q '条件请求' "$D/cond.html" && pass || fail "saved copy kept after 304"
[ "$(ls "$D" | grep -c '^cond')" -eq 2 ] && pass || fail "no second copy of cond.html"

# Attachments of a page, from a list on standard input; one of them is 404.
printf '# list\n%s\n\n' "$BASE/attachments.html" >"$TMP/list"
out=$TMP/out2 err=$TMP/err2
"$FISLINT" fetch $FAST --follow-attachments -o "$TMP/att" -i - <"$TMP/list" >"$out" 2>"$err"
status=$?
expect_status 3 "one attachment is missing"
expect_err "fislint: $BASE/files/missing.pdf: HTTP 状态 404" "missing attachment named"
[ -f "$TMP/att/report.pdf" ] && pass || fail "attachment report.pdf saved"
[ -f "$TMP/att/x.pdf" ] && pass || fail "attachment download?id=7 saved as x.pdf"
jq -e --arg r "$BASE/attachments.html" '.referrer == $r' "$TMP/att/report.pdf.fetch.json" \
    >/dev/null && pass || fail "attachment records the page that linked it"
[ "$(requests /news.html)" -eq 0 ] && pass || fail "a plain page link is not an attachment"

# Usage errors.
run fetch "$BASE/cond.html"
expect_status 2 "-o is required"
run fetch -o "$TMP/o3" --per-host 0 "$BASE/cond.html"
expect_status 2 "--per-host 0 refused"
expect_err "--per-host 应为 1 到 64 之间的整数" "range message"
run fetch -o "$TMP/o3" --match '([' "$BASE/cond.html"
expect_status 2 "bad --match regex refused"

finish
