# lib.sh — helpers for the end-to-end tests of the fislint program.
# Sourced by tests/cli-*.sh; FISLINT, FISLINT_SRCDIR, FISLINT_BUILDDIR come
# from the test environment (tests/Makefile.inc).
set -u
: "${FISLINT:?run through make check}"
SRC=$FISLINT_SRCDIR
EX=$SRC/examples
TMP=$(mktemp -d "${TMPDIR:-/tmp}/fislint-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILED=0
PASSED=0

# run ARGS... : runs fislint; sets $status, $out (stdout file), $err (stderr file)
run() {
    out=$TMP/out err=$TMP/err
    "$FISLINT" "$@" >"$out" 2>"$err"
    status=$?
}

fail() {
    echo "FAIL: $*" >&2
    echo "--- stdout:" >&2; head -c 3000 "$out" >&2
    echo "--- stderr:" >&2; head -c 3000 "$err" >&2
    FAILED=$((FAILED + 1))
}
pass() { PASSED=$((PASSED + 1)); }

expect_status() { [ "$status" -eq "$1" ] && pass || fail "$2: exit status $status, expected $1"; }
expect_out() { grep -qF -- "$1" "$out" && pass || fail "$2: stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" "$err" && pass || fail "$2: stderr lacks '$1'"; }
expect_no_out() { grep -qF -- "$1" "$out" && fail "$2: stdout has '$1'" || pass; }

# poll_for CMD ARGS... : runs CMD every 0.1 s, for up to 10 s, until it
# prints something (a process id, say), and prints that; status 1 if never.
poll_for() {
    for _ in $(seq 100); do
        found=$("$@" | head -n 1)
        [ -n "$found" ] && { echo "$found"; return 0; }
        sleep 0.1
    done
    return 1
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
