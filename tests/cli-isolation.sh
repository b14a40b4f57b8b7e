#!/bin/sh
# A check that crashes, aborts, calls exit(), hangs, fails or eats memory
# costs only its own findings on that document: the other checks' findings
# on it and every other document are kept, the failure is an error finding
# core/check-failed naming the check and why, and the exit status is 3.
. "$FISLINT_SRCDIR/tests/lib.sh"
PLUGDIR=$FISLINT_BUILDDIR/tests/plugins/.libs
for how in 正常 CRASH ABORT EXIT HANG FAIL; do
    printf '2024年度某局部门决算\n第 1 行：%s\n' "$how" > "$TMP/$how.txt"
done
# crashy runs between abi10-probe and good-probe, so both sides are seen.
run check --plugin-dir "$PLUGDIR" --checks 'abi10-probe,crashy,good-probe' --check-timeout 3 \
    -f json "$TMP/正常.txt" "$TMP/CRASH.txt" "$TMP/ABORT.txt" "$TMP/EXIT.txt" "$TMP/HANG.txt" "$TMP/FAIL.txt"
expect_status 3 "a failing check makes the run's status 3"
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1
python3 - "$out" "$asan" <<'PY' && pass || fail "findings of the other checks kept, each failure reported"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert len(docs) == 6, len(docs)
why = {"CRASH": "崩溃（信号 11", "ABORT": "崩溃（信号 6", "EXIT": "exit(0)",
       "HANG": "超过 3 秒", "FAIL": "返回了 1"}
if sys.argv[2] == "1":
    # ASan catches the SIGSEGV, prints its report and exits with 1.
    why["CRASH"] = "未能完成"
for d in docs:
    name = d["source"].rsplit("/", 1)[1][:-4]
    rules = [f["rule"] for f in d["findings"]]
    assert "abi10-probe/old" in rules and "good-probe/ran" in rules, (name, rules)
    failed = [f for f in d["findings"] if f["rule"] == "core/check-failed"]
    if name == "正常":
        assert "crashy/ran" in rules and not failed, (name, rules)
    else:
        # The failed check's own findings are gone; one error says why.
        assert "crashy/ran" not in rules, (name, rules)
        assert len(failed) == 1 and failed[0]["severity"] == "error", (name, failed)
        assert "crashy" in failed[0]["message"] and why[name] in failed[0]["message"], failed[0]["message"]
PY
expect_err "CRASH.txt: 检查项 'crashy' 未能完成检查" "stderr names the document and the check"

# A file read soon after another one's records were written has its
# header kept back on the worker's shelf (shelf.h): a check that hangs on
# it is still stopped at its own limit, not at the document's.
run check --plugin-dir "$PLUGDIR" --checks 'abi10-probe,crashy,good-probe' --check-timeout 1 \
    --doc-timeout 40 -j 1 -f jsonl "$TMP/正常.txt" "$TMP/正常.txt" "$TMP/HANG.txt"
expect_status 3 "a check hanging on a file whose header was kept back"
grep "HANG.txt" "$out" | grep -q "crashy.*超过 1 秒" && ! grep -q 'doc-timeout' "$out" && pass ||
    fail "the hanging check stopped at --check-timeout, not --doc-timeout: $(grep HANG "$out")"

# Memory: a check past --check-memory fails alone (not under ASan, which
# cannot run with an address-space limit).
if [ "$asan" -eq 0 ]; then
    printf '2024年度某局部门决算\nHOG\n' > "$TMP/HOG.txt"
    run check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' --check-memory 300 -f json "$TMP/HOG.txt"
    expect_status 3 "a check past the memory limit"
    grep -q '"good-probe/ran"' "$out" && grep -q '"core/check-failed"' "$out" && pass ||
        fail "memory hog: other findings kept and the failure reported"
fi

# Many files, two at a time: a document worker runs its checks itself and
# a new one takes over after the check that died, so on every file the
# checks before and after the failed one keep their findings, the failure
# is reported once, and the output is that of -j 1, stderr included.
for i in 1 2 3; do
    for how in 正常 CRASH EXIT HANG FAIL; do
        cp "$TMP/$how.txt" "$TMP/m$i-$how.txt"
    done
done
set -- "$TMP"/m1-* "$TMP"/m2-* "$TMP"/m3-*
run check --plugin-dir "$PLUGDIR" --checks 'abi10-probe,crashy,good-probe' --check-timeout 2 -j 2 -f json "$@"
expect_status 3 "-j 2: failing checks make the run's status 3"
cp "$out" "$TMP/j2.out"
cp "$err" "$TMP/j2.err"
python3 - "$out" <<'PY' && pass || fail "-j 2: on each file the other checks' findings kept, one failure"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert len(docs) == 15, len(docs)
for d in docs:
    how = d["source"].rsplit("-", 1)[1][:-4]
    rules = [f["rule"] for f in d["findings"]]
    assert rules.count("abi10-probe/old") == 1 and rules.count("good-probe/ran") == 1, (how, rules)
    failed = [f for f in d["findings"] if f["rule"] == "core/check-failed"]
    assert len(failed) == (0 if how == "正常" else 1), (how, rules)
    assert ("crashy/ran" in rules) == (how == "正常"), (how, rules)
PY
[ "$(grep -c "检查项 'crashy' 未能完成检查" "$TMP/j2.err")" = 12 ] && pass ||
    fail "-j 2: each failure said once on stderr"
run check --plugin-dir "$PLUGDIR" --checks 'abi10-probe,crashy,good-probe' --check-timeout 2 -j 1 -f json "$@"
# (Not stderr under ASan: its crash reports name process ids.)
cmp -s "$out" "$TMP/j2.out" && { [ "$asan" -eq 1 ] || cmp -s "$err" "$TMP/j2.err"; } && pass ||
    fail "-j 1 and -j 2 write the same, on stdout and stderr"

# Standard input is checked in the main process, at once; its messages
# still come in input order, after those of the slow file before it.
"$FISLINT" check --plugin-dir "$PLUGDIR" --checks 'abi10-probe,crashy,good-probe' --check-timeout 1 \
    -j 2 -q "$TMP/HANG.txt" - "$TMP/CRASH.txt" <"$TMP/FAIL.txt" >/dev/null 2>"$TMP/stdin.err"
grep "检查项 'crashy' 未能完成检查" "$TMP/stdin.err" | sed 's/：.*//' >"$TMP/stdin.order"
printf '%s\n' "fislint: $TMP/HANG.txt: 检查项 'crashy' 未能完成检查" \
    "fislint: <stdin>: 检查项 'crashy' 未能完成检查" \
    "fislint: $TMP/CRASH.txt: 检查项 'crashy' 未能完成检查" | cmp -s - "$TMP/stdin.order" && pass ||
    fail "stderr in input order with standard input among the files: $(cat "$TMP/stdin.order")"

# A check that dies after its file is gone: the checks before it keep
# their findings, and the checks after it, which need the file read again,
# are reported as not run rather than lost.
printf '2024年度某局部门决算\nVANISH\n' > "$TMP/VANISH.txt"
run check --plugin-dir "$PLUGDIR" --checks 'abi10-probe,crashy,good-probe' -f json "$TMP/VANISH.txt"
expect_status 3 "a file gone after a failed check"
python3 - "$out" <<'PY' && pass || fail "file gone: earlier findings kept, the later check reported not run"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
rules = [f["rule"] for f in d["findings"]]
assert "abi10-probe/old" in rules and "good-probe/ran" not in rules, rules
failed = [f["message"] for f in d["findings"] if f["rule"] == "core/check-failed"]
assert len(failed) == 2, failed
assert any("crashy" in m for m in failed), failed
assert any("good-probe" in m and "重新读取本文件未成功" in m for m in failed), failed
PY
expect_err "VANISH.txt: 检查项 'good-probe' 未能完成检查：前一检查项失败后，重新读取本文件未成功" \
    "stderr says why good-probe did not run"

# Workers are forked by a spawner process.  If it dies in the middle of a
# run, the worker it left behind dies with it and the check that worker was
# running fails; the rest of that document and the documents after it are
# checked in workers the main process forks itself.
printf '2024年度某局部门决算\nHANG\n' > "$TMP/spawn-HANG.txt"
for i in 1 2 3; do cp "$TMP/正常.txt" "$TMP/spawn-$i.txt"; done
# One worker (-j 1): a second one could be in the middle of a file when the
# spawner dies, and that file would lose a check too.
"$FISLINT" check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' --check-timeout 20 -j 1 -f json \
    "$TMP/spawn-HANG.txt" "$TMP/spawn-1.txt" "$TMP/spawn-2.txt" "$TMP/spawn-3.txt" \
    >"$TMP/spawn.out" 2>"$TMP/spawn.err" &
main=$!
# The spawner (fislint-spawner in ps), once it has forked a worker.
spawner_with_worker() {
    for p in $(pgrep -P "$1" -x fislint-spawner); do
        [ -n "$(pgrep -P "$p")" ] && echo "$p"
    done
}
spawner=$(poll_for spawner_with_worker "$main")
[ -n "$spawner" ] && kill -KILL "$spawner"
wait "$main"
status=$?
out=$TMP/spawn.out err=$TMP/spawn.err
[ -n "$spawner" ] && pass || fail "no spawner process was found"
expect_status 3 "a check killed with the spawner fails"
python3 - "$out" <<'PY' && pass || fail "spawner gone: the run goes on, each document checked"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert len(docs) == 4, len(docs)
for d in docs:
    rules = [f["rule"] for f in d["findings"]]
    assert "good-probe/ran" in rules, (d["source"], rules)
    failed = [f["message"] for f in d["findings"] if f["rule"] == "core/check-failed"]
    if d["source"].endswith("spawn-HANG.txt"):
        assert len(failed) == 1 and "crashy" in failed[0] and "信号 9" in failed[0], failed
    else:
        assert "crashy/ran" in rules and not failed, (d["source"], rules)
PY

# A document worker checks one file after another; a check that kills it
# costs only its own findings, and a new worker takes the files after.  A
# worker is replaced after 1,000 files, so what checks leak stays bounded.
for i in 1 2 3; do printf '2024年度某局部门决算\nPID\n' > "$TMP/pid-a$i.txt"; done
printf '2024年度某局部门决算\nPID CRASH\n' > "$TMP/pid-b.txt"
for i in $(seq 1 1005); do printf '2024年度某局部门决算\nPID\n' > "$TMP/pid-c$i.txt"; done
run check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' -j 1 -f json \
    "$TMP"/pid-a1.txt "$TMP"/pid-a2.txt "$TMP"/pid-a3.txt "$TMP"/pid-b.txt $(ls "$TMP"/pid-c*.txt | sort -V)
expect_status 3 "the crash in pid-b fails its check"
python3 - "$out" <<'PY' && pass || fail "workers reused for many files, replaced after a crash and after 1,000 files"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert len(docs) == 1009, len(docs)
def pid(d):
    p = [f["message"] for f in d["findings"] if f["rule"] == "crashy/pid"]
    return p[0] if p else None
for d in docs:
    rules = [f["rule"] for f in d["findings"]]
    assert "good-probe/ran" in rules, (d["source"], rules)
a = [pid(d) for d in docs[:3]]
assert a[0] is not None and a == [a[0]] * 3, a            # one worker, three files
assert pid(docs[3]) is None                                # its findings went with the crash
c = [pid(d) for d in docs[4:]]
assert None not in c and c[0] != a[0], (c[0], a[0])        # a new worker after it
# 1,000 orders a worker (the one that took over pid-b counts it too)
switch = [i for i in range(1, len(c)) if c[i] != c[i - 1]]
assert switch in ([999], [1000]) and len(set(c)) == 2, switch
PY

# A worker has the file after its current one queued: the next file's
# time limit starts when the worker comes to it, not while it waits (two
# files of 1.2 s each under a limit of 2 s, one worker).
for i in 1 2; do printf '2024年度某局部门决算\nSLOW\n' > "$TMP/slow-$i.txt"; done
run check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' --doc-timeout 2 -j 1 -f json \
    "$TMP/slow-1.txt" "$TMP/slow-2.txt"
expect_status 0 "two slow files, each within --doc-timeout"
python3 - "$out" <<'PY' && pass || fail "the queued file's time limit starts when its turn comes"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert len(docs) == 2, docs
for d in docs:
    assert d["error"] is None, d["error"]
    assert {"crashy/ran", "good-probe/ran"} <= {f["rule"] for f in d["findings"]}, d["findings"]
PY
# Checks that each keep within --check-timeout pass however long they take
# together: a worker sends its records in batches, but never later than
# 0.5 s after a check ends, and the limit counts from the last batch
# (checks of 1.5 s and 1.2 s under a limit of 2 s: together they pass it,
# and the 0.5 s a batch may wait).
printf '2024年度某局部门决算\nSLOW\n' > "$TMP/two-slow.txt"
run check --plugin-dir "$PLUGDIR" --checks 'slow-probe,crashy,good-probe' --check-timeout 2 -f json \
    "$TMP/two-slow.txt"
expect_status 0 "two slow checks, each within --check-timeout"
python3 - "$out" <<'PY' && pass || fail "the time limit is per check, not per batch of them"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
rules = {f["rule"] for f in docs[0]["findings"]}
assert {"slow-probe/ran", "crashy/ran", "good-probe/ran"} <= rules, rules
assert "core/check-failed" not in rules, docs[0]["findings"]
PY
# A file queued behind one that runs out of time goes to a new worker and
# is checked whole.
printf '2024年度某局部门决算\nHANG\n' > "$TMP/queued-hang.txt"
run check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' --doc-timeout 2 -j 1 -f json \
    "$TMP/queued-hang.txt" "$TMP/正常.txt"
expect_status 3 "a file past --doc-timeout"
python3 - "$out" <<'PY' && pass || fail "the file queued behind a stopped one is checked"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert [d["error"] is not None for d in docs] == [True, False], docs
assert {"crashy/ran", "good-probe/ran"} <= {f["rule"] for f in docs[1]["findings"]}, docs[1]
PY

# A check that changes directory does not change how the next file, given
# by a relative path, is found.
mkdir -p "$TMP/rel"
printf '2024年度某局部门决算\nCHDIR\n' > "$TMP/rel/a.txt"
cp "$TMP/正常.txt" "$TMP/rel/b.txt"
(cd "$TMP/rel" && "$FISLINT" check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' -j 1 -f json \
    a.txt b.txt >"$TMP/rel.out" 2>"$TMP/rel.err")
status=$? out=$TMP/rel.out err=$TMP/rel.err
expect_status 0 "a check that changes directory"
python3 - "$out" <<'PY' && pass || fail "the file after a chdir is still read"
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
assert [d["source"] for d in docs] == ["a.txt", "b.txt"], docs
assert all(d["error"] is None and "good-probe/ran" in [f["rule"] for f in d["findings"]] for d in docs), docs
PY

# A bad limit is a usage error.
run check --check-timeout abc "$TMP/正常.txt"
expect_status 2 "--check-timeout abc"
expect_err "--check-timeout 应为 0 到" "says what a timeout must be"
finish
