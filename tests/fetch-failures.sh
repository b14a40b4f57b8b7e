#!/bin/sh
# Every failing URL ends with a message naming it and what happened; the
# other URLs are still checked; the exit status is 3.
. "$FISLINT_SRCDIR/tests/fetch-lib.sh"

run check -f json $FAST --timeout 1 --retries 1 --max-redirs 5 --max-size 1000000 \
    "$BASE/missing" "$BASE/loop/a" "$BASE/ftp-redirect" "file:///etc/passwd" \
    "ftp://127.0.0.1/x.pdf" "$BASE/slow?s=4" "$BASE/big" "$BASE/big-stream" \
    "http://127.0.0.1:1/closed" "$BASE/doc" "$BASE/flaky" "$BASE/seed003.html"
expect_status 3 "some URLs failed"
expect_err "fislint: $BASE/missing: HTTP 状态 404" "404 named"
expect_err "fislint: $BASE/loop/a: 重定向超过 5 次" "redirect loop named"
expect_err "fislint: $BASE/ftp-redirect: 拒绝的协议" "redirect to ftp:// refused"
expect_err "fislint: file:///etc/passwd: 拒绝抓取 file:// 地址" "file:// refused"
expect_err "fislint: ftp://127.0.0.1/x.pdf: 拒绝抓取 ftp:// 地址" "ftp:// refused"
expect_err "fislint: $BASE/slow?s=4: 超时：1 秒内没有完成" "timeout named"
expect_err "（已重试 1 次）" "the timeout was retried"
expect_err "fislint: $BASE/big: 响应太大：超过上限 1000000 字节" "too large (Content-Length)"
expect_err "fislint: $BASE/big-stream: 响应太大：超过上限 1000000 字节" "too large (streamed)"
expect_err "fislint: http://127.0.0.1:1/closed: 无法连接到服务器" "connection refused named"
expect_err "fislint: $BASE/doc: 不支持的内容类型：doc/xls/wps" "unsupported type named"
# The 500 succeeded on retry and seed003 was checked despite the failures.
grep -q "fislint: $BASE/flaky" "$err" && fail "flaky URL should succeed on retry" || pass
[ "$(requests /flaky)" -eq 2 ] && pass || fail "flaky fetched twice (500, then 200)"
grep -q '"status": 500' "$LOG" && pass || fail "server answered 500 once"
for u in "$BASE/flaky" "$BASE/seed003.html"; do
    jq -e --arg u "$u" '.documents[] | select(.source == $u and .error == null)' "$out" >/dev/null \
        && pass || fail "$u checked despite the other failures"
done
jq -e '[.documents[] | select(.error != null)] | length == 10' "$out" >/dev/null \
    && pass || fail "ten failed documents in the JSON output"
# Never saw a request for the refused schemes.
[ "$(requests /x.pdf)" -eq 0 ] && pass || fail "nothing fetched for refused schemes"

# A single failing URL alone: exit 3 and nothing else.
run check $FAST "$BASE/missing"
expect_status 3 "a single failing URL"

finish
