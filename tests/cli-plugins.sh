#!/bin/sh
# Plugins load through dlopen; broken ones are reported by name and skipped
# while the others still run.
. "$FISLINT_SRCDIR/tests/lib.sh"
PLUGDIR=$FISLINT_BUILDDIR/tests/plugins/.libs
printf '不是插件\n' > "$TMP/garbage.so"

run checks --plugin-dir "$PLUGDIR" --plugin-dir "$TMP"
expect_status 0 "checks with broken plugins"
expect_out "good-probe" "the good plugin is listed"
expect_err "bad-magic.so" "bad magic named"
expect_err "0xdeadbeef" "bad magic shows what it saw"
expect_err "bad-abi.so" "wrong ABI named"
expect_err "99.0" "wrong ABI shows the version"
expect_err "no-symbol.so" "missing symbol named"
expect_err "fislint_plugin" "missing symbol says which"
expect_err "too-small.so" "small descriptor named"
expect_err "garbage.so" "not a shared object named"
expect_err "dlopen" "not a shared object says dlopen failed"

run check --plugin-dir "$PLUGDIR" --checks good-probe --fail-on info "$EX/000_043825adc2a1e450.txt"
expect_status 1 "the good plugin still runs"
expect_out "000_043825adc2a1e450.txt:1: 提示 [good-probe]" "finding of the good plugin"

# FISLINT_PLUGIN_PATH is searched after --plugin-dir
FISLINT_PLUGIN_PATH=$PLUGDIR run checks --checks 'good-*'
expect_status 0 "FISLINT_PLUGIN_PATH"
expect_out "good-probe" "found through FISLINT_PLUGIN_PATH"

# The real checks are found in the build tree without any option.
run checks
expect_status 0 "checks from the build tree"
expect_out "missing-cause" "missing-cause is built and found"

run check --checks 'nothing-*' "$EX/000_043825adc2a1e450.txt"
expect_status 2 "a --checks that selects nothing is a usage error"
expect_err "没有选中" "and says so"
# Each rule with the kinds of report it applies to: 决算-only rules say so.
run checks --rules
expect_status 0 "checks --rules"
grep -q '^  sangong/abroad-detail .*适用：部门决算、单位决算' "$out" && pass ||
    fail "checks --rules does not show abroad-detail as a 决算-only rule"
grep -q '^  table-totals/code-hierarchy .*错误  适用：所有报告' "$out" && pass ||
    fail "checks --rules does not show code-hierarchy for every report"
# --rules shows the rules that will run: a rule turned off is not listed.
run checks --rules --checks 'sangong,-sangong/sum'
grep -q '^  sangong/sum ' "$out" && fail "checks --rules lists a rule --checks turned off" || pass
grep -q '^  sangong/rate ' "$out" && pass || fail "checks --rules lost sangong/rate"

# Every check of the tree is listed, and --checks turns each one off.
run checks
for id in comparison-wording consistency duplicate-sections editorial missing-cause required-tables \
    sangong score-weight table-totals template-residue; do
    grep -q "^$id " "$out" && pass || fail "fislint checks does not list $id"
    run checks --checks "*,-$id"
    grep -q "^$id " "$out" && fail "--checks '*,-$id' still lists $id" || pass
    run checks
done
finish
