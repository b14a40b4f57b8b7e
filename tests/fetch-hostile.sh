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

# bounded_fetch CEILING_KB SECONDS ARGS...: fislint within a memory ceiling
# (not under ASan, which needs terabytes of address space) and a time limit.
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1
bounded_fetch() {
    ceiling=$1 secs=$2
    shift 2
    if [ "$asan" -eq 0 ]; then
        ( ulimit -v "$ceiling"; exec timeout "$secs" "$FISLINT" "$@" ) >"$out" 2>"$err"
    else
        timeout "$secs" "$FISLINT" "$@" >"$out" 2>"$err"
    fi
    status=$?
}

# A gzip bomb (256 MiB of zeros in 260 KB, Content-Encoding: gzip) and an
# endless body without Content-Length: the decoded bytes are counted, so
# both stop at --max-size; the other URL is still checked.
bounded_fetch 1000000 60 check $FAST --retries 0 --max-size 1000000 "$BASE/gzip-bomb" "$BASE/endless" \
    "$BASE/seed003.html"
expect_status 3 "gzip bomb and endless body refused, the other URL checked"
expect_err "fislint: $BASE/gzip-bomb: 响应太大：超过上限 1000000 字节" "the gzip bomb is named"
expect_err "fislint: $BASE/endless: 响应太大：超过上限 1000000 字节" "the endless body is named"
expect_out "seed003.html" "the other URL still checked"

# A page linking 100,000 attachments: --max-pages bounds what is fetched
# and written, nothing lands outside the output directory.
mkdir -p "$TMP/many-out"
listing() { ls -A "$TMP" | grep -v -e '^out$' -e '^err$' | sort; }
before=$(listing)
bounded_fetch 1000000 120 fetch $FAST --follow-attachments --max-pages 20 -o "$TMP/many-out/reports" \
    "$BASE/many-links.html"
[ "$status" -eq 0 ] && pass || fail "fetching a page of 100,000 links ends (status $status)"
expect_err "已达到抓取文档数上限 20，其余链接不再抓取" "the page limit is named"
n=$(find "$TMP/many-out/reports" -name '*.pdf' | wc -l)
[ "$n" -le 20 ] && [ "$n" -ge 1 ] && pass || fail "at most 20 documents written, got $n"
[ "$(requests /many/)" -le 20 ] && pass || fail "at most 20 attachments requested, got $(requests /many/)"
after=$(listing)
[ "$before" = "$after" ] && pass || fail "nothing written outside the output directory: $after"
[ "$(ls -A "$TMP/many-out")" = reports ] && pass || fail "only the output directory: $(ls -A "$TMP/many-out")"
finish
