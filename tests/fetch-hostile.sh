#!/bin/sh
# Hostile servers end in a clear message within bounded time: a server
# that drips a byte a second (slowloris) is given up after --low-speed-time
# seconds below 1 KB/s, and not retried.
. "$FISLINT_SRCDIR/tests/fetch-lib.sh"

# /drip would take 30 s; with --low-speed-time 2 the fetch ends after
# about 2 s, though --timeout and the retries would allow minutes.
start=$(date +%s)
out=$TMP/out err=$TMP/err
timeout 25 "$FISLINT" check $FAST --timeout 60 --retries 2 --low-speed-time 2 \
    "$BASE/drip?n=30" "$BASE/seed003.html" >"$out" 2>"$err"
status=$?
elapsed=$(($(date +%s) - start))
expect_status 3 "the dripping URL failed, the other was checked"
expect_err "fislint: $BASE/drip?n=30: 传输过慢：连续 2 秒低于 1024 字节/秒，已放弃（可用 --low-speed-time 调整" \
    "slowloris named with the option to change"
grep -q "已重试" "$err" && fail "a dripping server is not retried" || pass
# The server logs a request when its handler ends: a byte or two after
# the client hung up.
i=0
while [ "$(requests /drip)" -eq 0 ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(requests /drip)" -eq 1 ] && pass || fail "one request to /drip, got $(requests /drip)"
[ "$elapsed" -lt 15 ] && pass || fail "gave up in $elapsed s, expected well under 15 s"
expect_out "seed003.html" "the other URL still checked"

# The option is checked like the other fetch options.
run check --low-speed-time x "$BASE/seed003.html"
expect_status 2 "a bad --low-speed-time is a usage error"
expect_err "--low-speed-time 应为 0 到 86400 之间的整数，而不是 'x'" "bad value named"
finish
