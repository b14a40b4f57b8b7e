# fetch-lib.sh — the fetch tests' local HTTP server (tests/http-fixture-server.py)
# on top of lib.sh.  Skips (77) without python3.  No network beyond 127.0.0.1.
. "$FISLINT_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found: skipping"; exit 77; }

# Proxies from the environment must not capture requests to the fixture.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
NO_PROXY=127.0.0.1,localhost; no_proxy=$NO_PROXY; export NO_PROXY no_proxy

LOG=$TMP/server.log
: >"$LOG"
python3 "$SRC/tests/http-fixture-server.py" --root "$SRC/tests/fixtures/http" \
    --examples "$EX" --log "$LOG" --port-file "$TMP/port" --www "$TMP/www" \
    2>"$TMP/server.err" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/port" ]; do
    i=$((i + 1))
    if [ "$i" -gt 200 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "fixture server did not start:"; cat "$TMP/server.err"; exit 99
    fi
    sleep 0.05
done
PORT=$(cat "$TMP/port")
BASE=http://127.0.0.1:$PORT

# Fast, deterministic fetching for tests.
FAST="--delay 0 --retry-wait 100 --no-progress"

# requests PATH-PREFIX: how many requests the server logged for paths starting with it
requests() { grep -c "\"path\": \"$1" "$LOG" || true; }
