#!/bin/sh
# Set everything up and run the whole test suite: a normal build, the same
# suite under AddressSanitizer + UndefinedBehaviorSanitizer, a short run of
# the fuzz harnesses (FISLINT_SKIP_FUZZ=1 skips it), and distcheck.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

step() { printf '\n==== %s\n' "$*"; }

show_failures() {
    # Print the logs of failed tests so CI output says what broke.
    for log in $(grep -l '^:test-result: FAIL\|^:test-result: ERROR' $(find "$1" -name '*.trs') 2>/dev/null); do
        echo "---- ${log%.trs}.log"; tail -n 60 "${log%.trs}.log"
    done
}

step "build"
"$top/scripts/build.sh" _build
step "make check"
make -C "$top/_build" -j"$jobs" check || { show_failures "$top/_build"; exit 1; }

step "install, then build the example plugin out of tree with pkg-config"
# A build configured for a private prefix, so the installed program, its
# plugins and fislint-plugin.pc agree on where things are.
inst=$top/_build-install/_inst
rm -rf "$inst"
"$top/scripts/build.sh" _build-install --prefix="$inst"
make -C "$top/_build-install" install >/dev/null
work=$(mktemp -d)
cp "$top"/docs/example-plugin/* "$work/"
PKG_CONFIG_PATH="$inst/lib/pkgconfig" make -C "$work" >/dev/null
"$inst/bin/fislint" checks | grep -q '^table-totals' || { echo "installed fislint lists no table-totals"; exit 1; }
rc=0
"$inst/bin/fislint" check --plugin-dir "$work" --checks empty-table-note "$work/empty-table.txt" >"$work/out" || rc=$?
grep -q 'empty-table-note' "$work/out" && [ "$rc" -eq 1 ] || { echo "out-of-tree plugin did not run (status $rc)"; cat "$work/out"; exit 1; }
# The PDF reader's module is loaded from the installed modules directory.
rc=0
"$inst/bin/fislint" check -q -f json "$top/tests/real/pdf/js-renda-2018-budget.pdf" >"$work/out" || rc=$?
grep -q '"format": *"pdf"' "$work/out" && [ "$rc" -eq 1 ] || { echo "installed fislint did not read a PDF (status $rc)"; head -c 600 "$work/out"; exit 1; }
# ... and from there only: without it, a PDF is a clear error naming the
# module, and the other documents of the run are still checked.
module=$inst/lib/fislint/modules/fislint-pdf.so
mv "$module" "$module.away"
rc=0
"$inst/bin/fislint" check -f jsonl "$top/tests/real/pdf/js-renda-2018-budget.pdf" \
    "$top/examples/003_b8f3d489ed9ef61e.txt" >"$work/out" 2>"$work/err" || rc=$?
mv "$module.away" "$module"
grep -q "无法加载 PDF 读取模块 $module" "$work/out" && grep -q '003_b8f3d489ed9ef61e.*table-totals' "$work/out" &&
    [ "$rc" -eq 3 ] || { echo "installed fislint without its PDF module (status $rc):"; head -c 1500 "$work/out"; cat "$work/err"; exit 1; }
# libcurl is mapped only when a URL is fetched (fislint-fetch.so), libxml2
# and libzip when an HTML, DOCX or XLSX file is read (fislint-xml.so): a
# run on text files starts without them, and without a module the files
# it reads are a clear error while the others of the same run are still
# checked.
LD_DEBUG=files "$inst/bin/fislint" check -q "$top/examples/003_b8f3d489ed9ef61e.txt" >/dev/null 2>"$work/ld" || true
grep -q 'file=libjansson' "$work/ld" && ! grep -q 'file=libcurl\|file=libxml2\|file=libzip' "$work/ld" ||
    { echo "a check of a text file mapped libcurl, libxml2 or libzip, or LD_DEBUG said nothing:"; grep 'file=' "$work/ld" | head; exit 1; }
module=$inst/lib/fislint/modules/fislint-xml.so
mv "$module" "$module.away"
rc=0
"$inst/bin/fislint" check -f jsonl "$top/tests/fixtures/formats/report.docx" "$top/examples/003_b8f3d489ed9ef61e.txt" \
    >"$work/out" 2>"$work/err" || rc=$?
mv "$module.away" "$module"
grep -q "无法加载 HTML/DOCX/XLSX 读取模块 $module" "$work/out" && grep -q '003_b8f3d489ed9ef61e.*table-totals' "$work/out" &&
    [ "$rc" -eq 3 ] || { echo "installed fislint without its XML readers' module (status $rc):"; head -c 1500 "$work/out"; cat "$work/err"; exit 1; }
"$inst/bin/fislint" check -q -f json "$top/tests/fixtures/formats/report.docx" >"$work/out" 2>&1 || true
grep -q '"format": *"docx"' "$work/out" || { echo "installed fislint did not read a DOCX"; head -c 600 "$work/out"; exit 1; }
module=$inst/lib/fislint/modules/fislint-fetch.so
mv "$module" "$module.away"
rc=0
"$inst/bin/fislint" check -f jsonl http://127.0.0.1:9/report.txt "$top/examples/003_b8f3d489ed9ef61e.txt" \
    >"$work/out" 2>"$work/err" || rc=$?
mv "$module.away" "$module"
grep -q "无法加载网络抓取模块 $module" "$work/out" && grep -q '003_b8f3d489ed9ef61e.*table-totals' "$work/out" &&
    [ "$rc" -eq 3 ] || { echo "installed fislint without its fetch module (status $rc):"; head -c 1500 "$work/out"; cat "$work/err"; exit 1; }
[ -f "$inst/etc/fislint/fislint.conf" ] && [ -f "$inst/share/man/man1/fislint.1" ] &&
    [ -f "$inst/include/fislint/plugin.h" ] || { echo "install is missing the configuration, man page or header"; exit 1; }
rm -rf "$work"
echo "installed fislint ran an out-of-tree plugin built with pkg-config, read a PDF and a DOCX and fetched with its own modules, said so without them, and mapped none of their libraries for a text file"

step "make check under ASan + UBSan"
"$top/scripts/build.sh" _build-asan --enable-sanitizers
# intercept_tls_get_addr=0: gcc 12's sanitizer runtime takes a block of
# dynamic TLS (of GnuTLS or p11-kit, which the fetch module's libcurl
# loads) that lands 16 bytes into a page for one with glibc 2.19's header
# before it, records garbage for its bounds, and LeakSanitizer dies
# scanning them at exit ("Tracer caught signal 11", "DTLS ... at 0x659";
# google/sanitizers#1322).  Whether a block lands there depends only on the
# heap's layout, so any change to allocations could set it off.  Without
# the interception dynamic TLS is not scanned for roots, which can only
# add leak reports, never hide one; the suite reports none.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:intercept_tls_get_addr=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0 \
    make -C "$top/_build-asan" -j"$jobs" check || { show_failures "$top/_build-asan"; exit 1; }

if [ "${FISLINT_SKIP_FUZZ:-}" = "" ]; then
    # libFuzzer harnesses (tests/fuzz), a short run each on the seed
    # corpora: clang, ASan + UBSan, in a build directory of their own.
    step "fuzz smoke (clang, libFuzzer, ASan + UBSan)"
    "$top/scripts/build.sh" _build-fuzz --enable-fuzzing CC=clang CXX=clang++
    # Every reproducer ever found (tests/fuzz/crashes) first, then new ground.
    make -C "$top/_build-fuzz" fuzz-replay
    make -C "$top/_build-fuzz" fuzz-smoke
fi

if [ "${FISLINT_SKIP_DISTCHECK:-}" = "" ]; then
    step "make distcheck"
    make -C "$top/_build" -j"$jobs" distcheck >"$top/_build/distcheck.log" 2>&1 ||
        { tail -n 80 "$top/_build/distcheck.log"; show_failures "$top/_build"; exit 1; }
    echo "distcheck passed"
fi
step "all tests passed"
# One plain closing line for CI: test programs run, normal and sanitized builds.
passed=0 failed=0
for log in "$top/_build/test-suite.log" "$top/_build-asan/test-suite.log"; do
    p=$(sed -n 's/^# PASS: *//p' "$log"); f=$(sed -n 's/^# FAIL: *//p' "$log"); e=$(sed -n 's/^# ERROR: *//p' "$log")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
echo "$passed passed, $failed failed"
