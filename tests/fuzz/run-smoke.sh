#!/bin/sh
# run-smoke.sh SRCDIR WORKDIR NAME... — run each libFuzzer harness
# tests/fuzz/fuzz-NAME for $FUZZ_SECONDS seconds (default 20) on its seed
# corpus and fail when any of them finds a crash, a leak, a sanitizer
# report, a timeout or a broken promise.  Run from the build directory
# (`make fuzz-smoke` does).  New inputs are kept in WORKDIR/NAME/corpus,
# crash reproducers in WORKDIR/NAME/, the seeds in SRCDIR are only read.
set -u
src=$1 work=$2
shift 2
secs=${FUZZ_SECONDS:-20}
# The sanitizers as in scripts/test.sh (which says why dynamic TLS is not
# intercepted); poppler's fontconfig cache is not ours (tests/lsan.supp).
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:intercept_tls_get_addr=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/../lsan.supp:print_suppressions=0}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
failed=""
for h in "$@"; do
    dir=$work/$h
    mkdir -p "$dir/corpus"
    dict=""
    [ -f "$src/dict/$h.dict" ] && dict="-dict=$src/dict/$h.dict"
    # -timeout: one input taking longer is a hang worth reporting;
    # -rss_limit_mb: a bomb that gets past the readers' limits;
    # -seed: the same mutations every run, so a smoke run in CI explores a
    # prefix of what a developer's run of the same length explored (a fresh
    # crash is found by a developer, not by a random CI run).  FUZZ_SEED=0
    # picks a random seed.
    # shellcheck disable=SC2086
    if tests/fuzz/fuzz-"$h" -seed="${FUZZ_SEED:-1}" -max_total_time="$secs" -timeout=30 \
        -rss_limit_mb=2048 \
        -artifact_prefix="$dir/" -print_final_stats=1 $dict ${FUZZ_FLAGS:-} \
        "$dir/corpus" "$src/corpus/$h" >"$dir/fuzz.log" 2>&1; then
        # The last status line: runs, coverage, corpus.
        line=$(grep -E '^#[0-9]+' "$dir/fuzz.log" | tail -n 1)
        execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/fuzz.log")
        printf 'fuzz-%-8s ok    %s  (%s exec/s)\n' "$h" "$line" "${execs:-?}"
    else
        printf 'fuzz-%-8s FAIL  see %s\n' "$h" "$dir/fuzz.log"
        grep -E 'ERROR|SUMMARY|==[0-9]+==|#[0-9]+ in |Test unit written' "$dir/fuzz.log" | head -n 40
        failed="$failed $h"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz-smoke: crashes in:$failed (reproducers in $work/NAME/crash-*)"
    exit 1
fi
echo "fuzz-smoke: no crash in $# harnesses ($secs s each)"
