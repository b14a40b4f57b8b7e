#!/bin/sh
# Configuration that cannot silently be wrong: where the file is found,
# every kind of mistake named by file and line with exit status 2, rules
# turned off one by one, severities and min-severity, `fislint config`
# and `fislint explain`.
. "$FISLINT_SRCDIR/tests/lib.sh"

S2=$EX/002_24d4cf092f85e5e3.txt
S3=$EX/003_b8f3d489ed9ef61e.txt
# No user configuration of whoever runs the tests.
HOME=$TMP/home XDG_CONFIG_HOME=$TMP/xdg
export HOME XDG_CONFIG_HOME
WORK=$TMP/work
mkdir -p "$WORK" "$XDG_CONFIG_HOME/fislint"
cd "$WORK" || exit 1

# count FILE RULE SEVERITY: findings of RULE with SEVERITY in a JSON output
count() {
    python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(sum(1 for doc in d["documents"] for f in doc["findings"]
          if f["rule"]==sys.argv[2] and (sys.argv[3]=="*" or f["severity"]==sys.argv[3])))' "$@"
}

# conf_error TEXT MESSAGE: a ./.fislint.conf holding TEXT is refused with MESSAGE
conf_error() {
    printf '%s\n' "$1" > .fislint.conf
    run check "$S3"
    expect_status 2 "config '$1'"
    expect_err "$2" "config '$1' message"
}

# --- each mistake, named by file and line -------------------------------------------
conf_error '[table-totals]
bogus = 1' "fislint: ./.fislint.conf:2: [table-totals] 未知选项 'bogus'"
conf_error '# a comment
[nosuch]' "fislint: ./.fislint.conf:2: 未知检查项 [nosuch]"
conf_error '[table-total]' "最接近的：table-totals"
conf_error '[table-totals]
rounding-per-addend = abc' "./.fislint.conf:2: [table-totals] rounding-per-addend = abc: 应为数字"
conf_error '[table-totals]
rounding-per-addend = -1' "./.fislint.conf:2: [table-totals] rounding-per-addend = -1: 应为不小于 0 的数"
conf_error '[duplicate-sections]

min-length = -1' "./.fislint.conf:3: [duplicate-sections] min-length = -1: 应为 1 到 100000 之间的整数"
conf_error '[table-totals]
narrative = maybe' "./.fislint.conf:2: [table-totals] narrative = maybe: 应为 on 或 off"
conf_error '[sangong]
details = maybe' "./.fislint.conf:2: [sangong] details = maybe: 应为 on 或 off"
conf_error '[score-weight]
grade-good = 95' "./.fislint.conf:2: [score-weight] grade-good = 95: 应小于 grade-excellent"
conf_error '[editorial]
strict = yes' "./.fislint.conf:2: [editorial] 未知选项 'strict'（此检查项没有选项）"
conf_error '[fislint]
colour = yes' "./.fislint.conf:2: [fislint] 未知选项 'colour'"
conf_error '[fislint]
min-severity = loud' "./.fislint.conf:2: [fislint] min-severity = loud"
conf_error '[fislint]
checks = table-totals,-table-totals/nosuch' "./.fislint.conf:2: [fislint] checks = table-totals,-table-totals/nosuch: 'table-totals/nosuch' 不是已加载的规则"
conf_error '[severity]
table-totals/nosuch = warning' "./.fislint.conf:2: [severity] 未知的规则 'table-totals/nosuch'"
conf_error '[severity]
table-totals/narrative = loud' "./.fislint.conf:2: [severity] table-totals/narrative = loud"
conf_error 'no equals sign here' "./.fislint.conf:1: 应为 键 = 值"
# Every mistake is told, not only the first.
printf '[table-totals]\nbogus = 1\n[sangong]\nrate-tolerance = x\n' > .fislint.conf
run check "$S3"
expect_err "./.fislint.conf:2:" "first of two errors"
expect_err "./.fislint.conf:4: [sangong] rate-tolerance = x" "second of two errors"
rm -f .fislint.conf

# On the command line: --set, --checks, --min-severity.
run check --set table-totals.bogus=1 "$S3"
expect_status 2 "--set unknown key"
expect_err "fislint: --set: [table-totals] 未知选项 'bogus'" "--set unknown key named"
run check --set nosuch.key=1 "$S3"
expect_status 2 "--set unknown check"
expect_err "未知检查项 [nosuch]" "--set unknown check named"
run check --set duplicate-sections.max-copies=abc "$S3"
expect_status 2 "--set bad number"
expect_err "--set: [duplicate-sections] max-copies = abc: 应为数字" "--set bad number named"
run check --checks 'table-totals,-table-totals/narativ' "$S3"
expect_status 2 "--checks unknown rule"
expect_err "fislint: --checks: 'table-totals/narativ' 不是已加载的规则（最接近的：table-totals/narrative）" \
    "--checks unknown rule with the closest one"
run check --checks 'table-totals,nosuch' "$S3"
expect_status 2 "--checks unknown check"
expect_err "'nosuch' 不是已加载的检查项" "--checks unknown check named"
run config --min-severity loud
expect_status 2 "bad --min-severity"
expect_err "--min-severity 应为 error、warning 或 info" "bad --min-severity named"

# --- where the file is found -----------------------------------------------------------
printf '[fislint]\nchecks = table-totals\n' > "$TMP/installed-like.conf"
printf '[table-totals]\nrounding-per-addend = 0.03\n' > "$XDG_CONFIG_HOME/fislint/fislint.conf"
run config
expect_out "# 配置文件：$XDG_CONFIG_HOME/fislint/fislint.conf" "the user's file is found"
expect_out "# $XDG_CONFIG_HOME/fislint/fislint.conf:2" "its value's origin"
printf '[table-totals]\nrounding-per-addend = 0.02\n' > .fislint.conf
run config
expect_out "# 配置文件：./.fislint.conf" "./.fislint.conf comes before the user's"
expect_out "# ./.fislint.conf:2" "origin of a value in ./.fislint.conf"
run config --config "$TMP/installed-like.conf"
expect_out "# 配置文件：$TMP/installed-like.conf" "--config overrides both"
expect_no_out "rounding-per-addend = 0.02" "--config: ./.fislint.conf not read"
rm -f .fislint.conf "$XDG_CONFIG_HOME/fislint/fislint.conf"
mkdir -p "$HOME/.config/fislint"
printf '[table-totals]\nnarrative = off\n' > "$HOME/.config/fislint/fislint.conf"
XDG_CONFIG_HOME= run config
expect_out "# 配置文件：$HOME/.config/fislint/fislint.conf" "~/.config without XDG_CONFIG_HOME"
rm -f "$HOME/.config/fislint/fislint.conf"
run config
expect_out "config/fislint.conf" "the installed (or source-tree) file last"

# --- fislint config: each value and where it came from ----------------------------------
printf '[fislint]\nmin-severity = warning\n[severity]\ntable-totals/narrative = warning\n' > .fislint.conf
run config --set sangong.details=no --checks 'table-totals,sangong,-table-totals/unreliable-table'
expect_status 0 "fislint config"
expect_out "min-severity = warning" "config shows min-severity"
expect_out "# ./.fislint.conf:2" "config shows the line of min-severity"
expect_out "table-totals/narrative = warning" "config shows a severity"
expect_out "details = no" "config shows a --set value"
expect_out "# --set" "config names --set"
expect_out "rounding-per-addend = 0.01" "config shows a default"
expect_out "# 默认" "config names defaults"
expect_out "checks = table-totals,sangong,-table-totals/unreliable-table" "config shows --checks"
expect_out "table-totals/unreliable-table" "config names a rule turned off"
expect_out "[editorial]    # 未选中，不运行" "config marks checks not run"
rm -f .fislint.conf

# --- per rule, severities, min-severity, in the findings --------------------------------
run check -f json --checks table-totals "$S3"
[ "$(count "$out" table-totals/narrative '*')" -gt 0 ] && pass || fail "seed 003 has narrative findings"
run check -f json --checks 'table-totals,-table-totals/narrative' "$S3"
[ "$(count "$out" table-totals/narrative '*')" -eq 0 ] && pass || fail "-table-totals/narrative drops its findings"
[ "$(count "$out" table-totals/total-row '*')" -gt 0 ] && pass || fail "the check's other rules still run"
run check -f json --checks 'table-totals/narrative' "$S3"
[ "$(count "$out" table-totals/total-row '*')" -eq 0 ] && pass || fail "a rule alone: other rules off"
[ "$(count "$out" table-totals/narrative '*')" -gt 0 ] && pass || fail "a rule alone: that rule runs"

run check -f json --checks table-totals "$S2"
[ "$(count "$out" table-totals/narrative error)" -eq 1 ] && pass || fail "seed 002: one narrative error"
printf '[severity]\ntable-totals/narrative = warning\n' > .fislint.conf
run check -f json --checks table-totals "$S2"
[ "$(count "$out" table-totals/narrative error)" -eq 0 ] && pass || fail "severity override: no error left"
[ "$(count "$out" table-totals/narrative warning)" -eq 2 ] && pass || fail "severity override: two warnings"
run check -f json --checks table-totals "$S3"
[ "$(count "$out" table-totals/narrative info)" -gt 0 ] && pass || fail "severity override keeps the check's infos"

printf '[fislint]\nmin-severity = warning\n' > .fislint.conf
run check -f json --checks table-totals "$S3"
[ "$(count "$out" table-totals/total-row '*')" -eq 0 ] && pass || fail "min-severity hides infos"
[ "$(count "$out" table-totals/narrative error)" -eq 1 ] && pass || fail "min-severity keeps errors"
rm -f .fislint.conf

# --- fislint explain ----------------------------------------------------------------------
run explain table-totals/code-hierarchy
expect_status 0 "explain a rule"
expect_out "table-totals/code-hierarchy" "explain names the rule"
expect_out "严重程度：错误（error）" "explain gives the severity"
expect_out "类（3位）应等于其下各款（5位）之和" "explain says what is checked"
expect_out "请按提示中的“预期/实际”" "explain says how to fix"
run explain table-totals
expect_status 0 "explain a check"
expect_out "table-totals/unreliable-table" "explain a check lists its rules"
run explain table-totals/code-hierachy
expect_status 2 "explain an unknown rule"
expect_err "最接近的：table-totals/code-hierarchy" "explain suggests the closest rule"
# Every rule of every in-tree check has its explanation.
run checks --rules
for rule in $(grep -o '^  [a-z0-9-]*/[a-z0-9-]*' "$out"); do
    "$FISLINT" explain "$rule" > "$TMP/explain" 2>&1 || fail "explain $rule failed"
    grep -q "此规则没有详细说明" "$TMP/explain" && fail "$rule has no help" || pass
done
finish
