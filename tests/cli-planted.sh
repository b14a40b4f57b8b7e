#!/bin/sh
# The real seed 003 (济宁市兖州区民政局 2023 部门决算) has no wording or
# consistency defect of its own, so each is planted by changing one word of
# the real text; fislint must find exactly that, end to end, and nothing
# else from these checks.
. "$FISLINT_SRCDIR/tests/lib.sh"
S3=$EX/003_b8f3d489ed9ef61e.txt

# findings CHECKS FILE: "severity rule Lline expected actual", one per line.
findings() {
    "$FISLINT" check --checks "$1" -f json "$2" 2>/dev/null | python3 -c '
import json, sys
for f in json.load(sys.stdin)["documents"][0]["findings"]:
    if f["severity"] != "info":
        print(f["severity"], f["rule"], "L%d" % f["location"]["line"], f["expected"], f["actual"])'
}

# Unchanged, the real report gives none of these.
[ -z "$(findings 'comparison-wording,consistency' "$S3")" ] && pass ||
    fail "seed 003 as published: comparison-wording or consistency findings"

# 行政运行: 571.78 budgeted, 546.08 spent — "小于" made "大于".
sed '592s/决算数小于年初预算数/决算数大于年初预算数/' "$S3" > "$TMP/wording.txt"
[ "$(findings comparison-wording "$TMP/wording.txt")" = "error comparison-wording/final-vs-budget L592 小于 大于" ] &&
    pass || fail "大于 against 546.08 < 571.78: $(findings comparison-wording "$TMP/wording.txt")"

# The 2023 vehicle count dated 2022; a table title of 2022; another bureau.
sed -e '692s/截至2023年12月31日/截至2022年12月31日/' -e '100s/2023年度部门决算表/2022年度部门决算表/' \
    -e '510s/### 2023年度部门决算情况说明/### 济宁市兖州区财政局2023年度部门决算情况说明/' "$S3" > "$TMP/year.txt"
got=$(findings consistency "$TMP/year.txt")
want="error consistency/year-title L100 2023年 2022年
error consistency/unit-name L510 济宁市兖州区民政局 济宁市兖州区财政局
error consistency/asset-date L692 2023年12月31日 2022年"
[ "$got" = "$want" ] && pass || fail "planted year and unit: got
$got"
finish
