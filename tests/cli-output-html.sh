#!/bin/sh
# The HTML report as a browser shows it: headless Chromium builds the DOM
# (summary, one section per unit, findings with marked numbers) and takes
# a screenshot, kept as $FISLINT_BUILDDIR/tests/report.png for people to
# look at.  Skipped (77) only when Chromium is not installed.
. "$FISLINT_SRCDIR/tests/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "chromium missing (scripts/setup-deps.sh installs it): skipped"; exit 77; }
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
PDF=$SRC/tests/real/pdf/putuo-finance-2024-final-accounts.pdf
ALL="$EX/000_043825adc2a1e450.txt $EX/001_aaa1171e4b8d576e.txt $EX/002_24d4cf092f85e5e3.txt
$EX/003_b8f3d489ed9ef61e.txt $PDF $TMP/nope.txt"

# shellcheck disable=SC2086
"$FISLINT" check -f json $ALL >"$TMP/r.json" 2>/dev/null
# shellcheck disable=SC2086
run check -f html -o "$TMP/report.html" $ALL
expect_status 3 "html with an unreadable file"

# No network, no profile left behind, bounded time.
browse() {
    timeout 60 "$CHROMIUM" --headless --disable-gpu --no-sandbox --no-first-run \
        --user-data-dir="$TMP/profile" --disable-extensions --disable-background-networking \
        "$@" "file://$TMP/report.html" 2>>"$TMP/chromium.err"
}
browse --dump-dom >"$TMP/dom.html"
[ -s "$TMP/dom.html" ] && pass || { cat "$TMP/chromium.err" >&2; fail "chromium printed no DOM"; }
python3 "$SRC/tests/output-check.py" html "$TMP/dom.html" "$TMP/r.json" && pass ||
    fail "summary and per-unit sections in the DOM"
grep -q '<section class="unit" id="u-[0-9]*">' "$TMP/dom.html" && pass || fail "unit sections"
grep -q '<mark>423.7</mark>' "$TMP/dom.html" && pass || fail "the finding's number is marked"

mkdir -p "$FISLINT_BUILDDIR/tests"
rm -f "$FISLINT_BUILDDIR/tests/report.png"
browse --screenshot="$FISLINT_BUILDDIR/tests/report.png" --window-size=1200,1600 >/dev/null
[ -s "$FISLINT_BUILDDIR/tests/report.png" ] && pass || fail "no screenshot"
finish
