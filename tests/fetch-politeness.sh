#!/bin/sh
# Politeness as the server sees it: never more requests in flight to one
# host than --per-host, and --delay between request starts.
. "$FISLINT_SRCDIR/tests/fetch-lib.sh"

# max_in_flight PATH-PREFIX: the most requests the server was serving at once
max_in_flight() {
    python3 - "$LOG" "$1" <<'PY'
import json, sys
ev = []
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["path"].startswith(sys.argv[2]):
        ev += [(r["start"], 1), (r["end"], -1)]
cur = best = 0
for _, d in sorted(ev, key=lambda e: (e[0], e[1])):
    cur += d
    best = max(best, cur)
print(best)
PY
}

urls() { i=0; while [ "$i" -lt "$2" ]; do echo "$BASE/sleep?ms=400&n=$1-$i"; i=$((i + 1)); done; }

run fetch --delay 0 --no-progress --per-host 2 -o "$TMP/a" $(urls a 8)
expect_status 0 "8 pages fetched"
n=$(max_in_flight "/sleep?ms=400&n=a-")
[ "$n" -le 2 ] && pass || fail "--per-host 2: server saw $n requests at once"
[ "$n" -eq 2 ] && pass || fail "--per-host 2: requests should overlap (saw $n)"
[ "$(requests '/sleep?ms=400&n=a-')" -eq 8 ] && pass || fail "all 8 requested once"

run fetch --delay 0 --no-progress --per-host 3 -o "$TMP/b" $(urls b 9)
n=$(max_in_flight "/sleep?ms=400&n=b-")
[ "$n" -le 3 ] && [ "$n" -ge 2 ] && pass || fail "--per-host 3: server saw $n requests at once"

# The default is polite too: 2 per host.
run fetch --delay 0 --no-progress -o "$TMP/c" $(urls c 6)
n=$(max_in_flight "/sleep?ms=400&n=c-")
[ "$n" -le 2 ] && pass || fail "default per-host limit: server saw $n requests at once"

# --delay 300: starts to the host at least ~300 ms apart, even with room to run more.
run fetch --delay 300 --no-progress --per-host 4 -o "$TMP/d" "$BASE/sleep?ms=0&n=d-0" \
    "$BASE/sleep?ms=0&n=d-1" "$BASE/sleep?ms=0&n=d-2" "$BASE/sleep?ms=0&n=d-3"
gap=$(python3 - "$LOG" <<'PY'
import json, sys
s = sorted(json.loads(l)["start"] for l in open(sys.argv[1]) if "n=d-" in l)
print(int(min(b - a for a, b in zip(s, s[1:])) * 1000))
PY
)
[ "$gap" -ge 250 ] && pass || fail "--delay 300: requests started only $gap ms apart"

finish
