#!/bin/sh
# `fislint check URL`: a page fetched over HTTP gives the same findings as
# the seed's text, in UTF-8 and in GBK (by <meta> or by the HTTP header).
. "$FISLINT_SRCDIR/tests/fetch-lib.sh"

# findings FILE: one line per finding — check, rule, table, row, column,
# expected, actual — sorted: the same finding at another line of the
# canonical text compares equal (line numbers differ between formats).
findings() {
    if command -v jq >/dev/null 2>&1; then
        jq -r '.documents[]?.findings[]? | [.check, .rule, (.location.table // ""),
            (.location.row // ""), (.location.column // ""), (.expected // "" | tostring),
            (.actual // "" | tostring)] | @tsv' "$1" | sort
    else
        sed -n 's/.*"rule": *"\([^"]*\)".*/\1/p' "$1" | sort
    fi
}

run check -f json "$EX/003_b8f3d489ed9ef61e.txt"
cp "$out" "$TMP/seed003-text.json"
text_status=$status

run check -f json $FAST "$BASE/seed003.html"
[ "$status" -eq "$text_status" ] && pass || fail "seed003.html exit status $status, text gives $text_status"
cp "$out" "$TMP/seed003-html.json"
findings "$TMP/seed003-text.json" >"$TMP/a"
findings "$TMP/seed003-html.json" >"$TMP/b"
[ -s "$TMP/a" ] && pass || fail "seed 003 as text has findings to compare"
if cmp -s "$TMP/a" "$TMP/b"; then pass; else
    fail "seed003.html findings differ from the seed text's"; diff "$TMP/a" "$TMP/b" | head -20 >&2
fi
grep -q "\"$BASE/seed003.html\"" "$TMP/seed003-html.json" && pass || fail "findings name the URL"
grep -q '"html"' "$TMP/seed003-html.json" && pass || fail "format reported as html"

# GBK with <meta charset=gbk>, and GBK declared only by the HTTP header.
run check -f json "$EX/001_aaa1171e4b8d576e.txt"
findings "$out" >"$TMP/a1"
for page in seed001.html seed001-header.html; do
    run check -f json $FAST "$BASE/$page"
    findings "$out" >"$TMP/b1"
    if cmp -s "$TMP/a1" "$TMP/b1"; then pass; else
        fail "$page (GBK) findings differ from the seed text's"; diff "$TMP/a1" "$TMP/b1" | head -20 >&2
    fi
    grep -q '昌吉回族自治州民政局' "$out" && pass || fail "$page decoded from GBK"
done

# A redirect is followed and the document still named by the URL given.
run check $FAST "$BASE/redirect"
[ "$status" -ne 3 ] && pass || fail "redirect followed"
expect_out "$BASE/redirect" "findings named by the URL as given"

# A PDF served as text/html is read as a PDF, not as a broken page.
run check -f json $FAST "$BASE/wrongtype.html"
[ "$status" -ne 3 ] && pass || fail "PDF with a wrong Content-Type is read"
grep -q '"pdf"' "$out" && pass || fail "format reported as pdf"

# Local .html files go through the same reader.
python3 "$SRC/tests/fixtures/http/seed2html.py" "$EX/003_b8f3d489ed9ef61e.txt" "$TMP/page.html"
run check -f json "$TMP/page.html"
findings "$out" >"$TMP/c"
cmp -s "$TMP/a" "$TMP/c" && pass || fail "local page.html findings differ from the seed text's"

# The User-Agent names fislint.
grep -q '"ua": "fislint/' "$LOG" && pass || fail "User-Agent names fislint"

finish
