#!/bin/sh
# --crawl DEPTH --match REGEX from a listing page: same-host links only,
# pages kept when their link text or URL matches, the listing itself not
# checked; the page budget bounds a run.
. "$FISLINT_SRCDIR/tests/fetch-lib.sh"

run check -f json $FAST --crawl 1 --match '部门决算' "$BASE/list.html"
sources=$(jq -r '.documents[].source' "$out" | sort | tr '\n' ' ')
[ "$sources" = "$BASE/bureau/a.html $BASE/bureau/b.html " ] && pass \
    || fail "depth 1 keeps the two matching bureau pages, got: $sources"
[ "$(requests /news.html)" -eq 0 ] && pass || fail "non-matching link not fetched at the last level"
[ "$(requests /bureau/index.html)" -eq 0 ] && pass || fail "index not fetched at depth 1"
grep -q 'example.invalid' "$LOG" "$err" && fail "another host was contacted" || pass

run check -f json $FAST --crawl 2 --match '部门决算' "$BASE/list.html"
sources=$(jq -r '.documents[].source' "$out" | sort | tr '\n' ' ')
[ "$sources" = "$BASE/bureau/a.html $BASE/bureau/b.html $BASE/seed003.html " ] && pass \
    || fail "depth 2 reaches seed003 through the index page, got: $sources"
[ "$(requests /bureau/index.html)" -eq 1 ] && pass || fail "index followed once at depth 2"

# A match on the URL counts as well as one on the link text.
run fetch $FAST --crawl 1 --match 'bureau/b' -o "$TMP/c" "$BASE/list.html"
expect_status 0 "crawl into a directory"
[ -f "$TMP/c/b.html" ] && [ ! -f "$TMP/c/a.html" ] && [ ! -f "$TMP/c/list.html" ] && pass \
    || fail "only b.html saved: $(ls "$TMP/c")"

# --max-pages bounds the run.
run check -f json $FAST --crawl 2 --max-pages 3 "$BASE/list.html"
n=$(jq '.documents | length' "$out")
[ "$n" -le 2 ] && pass || fail "--max-pages 3 (listing + 2) gave $n documents"
expect_err "已达到抓取文档数上限 3" "the budget is announced"

finish
