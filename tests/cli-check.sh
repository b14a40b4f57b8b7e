#!/bin/sh
# `fislint check` on the seeds as a user runs it: text output, --checks,
# --fail-on and exit statuses.
. "$FISLINT_SRCDIR/tests/lib.sh"
S3=$EX/003_b8f3d489ed9ef61e.txt

run check --checks missing-cause "$S3"
expect_status 1 "findings at warning or above"
# The 27 empty 主要原因是 sentences are one block listing each line.
expect_out "003_b8f3d489ed9ef61e.txt:588: 错误 [missing-cause] 同类问题共 27 处" "first 主要原因是。 line"
expect_out "    - 第646行：" "last 主要原因是。 line"
expect_out "    - 第592行：说明了差异（年初预算数为571.78万元，支出决算数为546.08万元" "each line's message follows"
expect_out "规则：missing-cause/empty-cause" "rule id shown"
expect_out "共检查 1 个文档，发现 28 个问题（错误 27" "summary line"
n=$(grep -c '^    - 第[0-9]*行：' "$out")
[ "$n" -ge 27 ] && pass || fail "expected at least 27 missing-cause errors, got $n"

# Only checks selected by --checks run.
expect_no_out "[score-weight]" "--checks excludes other checks"

# --fail-on error: errors still fail; a clean run is 0.
run check --checks missing-cause --fail-on error "$S3"
expect_status 1 "--fail-on error with errors"
run check --checks missing-cause "$EX/002_24d4cf092f85e5e3.txt"
expect_status 0 "no missing-cause finding in seed 002"
expect_out "发现 0 个问题" "summary of a clean run"

# Exclusion globs
run check --checks '*,-missing-cause' "$S3"
expect_no_out "[missing-cause]" "excluded check does not run"

# All four seeds together, every check.
run check "$EX"/00*.txt
[ "$status" -eq 1 ] && pass || fail "all seeds: status $status"
expect_out "共检查 4 个文档" "four documents"

# --set reaches the plugin configuration; a malformed one is a usage error.
run check --set missing-cause.placeholders=foo "$S3"
[ "$status" -eq 1 ] && pass || fail "--set: status $status"
run check --set nonsense "$S3"
expect_status 2 "malformed --set"
finish
