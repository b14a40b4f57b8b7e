#!/bin/sh
# Amounts too large to compute exactly (the int64 overflows found by
# fuzzing, tests/fixtures/overflow/): every input ends in a normal result,
# no wrapped-around negative total is printed, the checks say once per
# table or paragraph that the amount is out of range (info), and under the
# sanitizer build nothing is undefined behaviour.  Table sums beyond fl_dec
# are no longer out of range for table-totals: it reads the cells again as
# exact fl_wide and reports them like any other sum.
. "$FISLINT_SRCDIR/tests/lib.sh"
FIX=$SRC/tests/fixtures/overflow
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1

# no_new_negative FILE: the JSON report on stdout states no negative
# amount (expected, actual, addend, or in a message outside "相差") that the
# input does not contain.  A difference may be negative: it is a direction.
no_new_negative() {
    python3 - "$1" "$out" <<'EOF'
import json, re, sys
src = open(sys.argv[1], 'rb').read().decode('utf-8', 'replace')
written = set(m.replace(',', '') for m in re.findall(r'-[0-9][0-9,.]*', src))
doc = json.load(open(sys.argv[2]))['documents'][0]
bad = []
for f in doc['findings']:
    nums = [f.get('expected'), f.get('actual')]
    nums += [a.get('value') for a in f.get('addends') or []]
    msg = re.sub(r'相差\s*-', '相差 ', f['message'])
    nums += re.findall(r'-[0-9][0-9,.]*', msg)
    for n in nums:
        if isinstance(n, str) and n.startswith('-'):
            v = n.replace(',', '').rstrip('.')
            if not any(w.startswith(v.rstrip('0').rstrip('.')) for w in written):
                bad.append(f['rule'] + ' ' + n)
if bad:
    print('\n'.join(bad))
    sys.exit(1)
EOF
}

# has_info FILE CHECK: at least one CHECK/out-of-range info, none as an
# error or warning, and at most one per table or paragraph (line).
out_of_range_info() {
    python3 - "$out" "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))['documents'][0]
oor = [f for f in doc['findings'] if f['rule'].endswith('/out-of-range')]
ok = oor and all(f['severity'] == 'info' for f in oor) and \
    any(f['rule'] == sys.argv[2] + '/out-of-range' for f in oor)
keys = [(f['rule'], f['location']['table'], f['location']['line']) for f in oor]
ok = ok and len(keys) == len(set(keys))
sys.exit(0 if ok else 1)
EOF
}

for f in "$FIX"/*.txt "$FIX"/*.min "$FIX"/*.docx; do
    name=$(basename "$f")
    run check -f json "$f"
    case $status in
    0|1|3) pass ;;
    *) fail "$name: exit status $status (a crash?)" ;;
    esac
    grep -q '异常结束' "$err" && fail "$name: a check ended abnormally" || pass
    no_new_negative "$f" >"$TMP/neg" && pass ||
        fail "$name: negative amounts not in the input: $(cat "$TMP/neg")"
    grep -q '9223372036854.775807' "$f" ||
        expect_no_out '9223372036854.775807' "$name: the out-of-range value printed as an amount"
    # In the main process a sanitizer report reaches stderr.
    run check --no-isolation -f json "$f"
    if [ "$asan" -eq 1 ]; then
        grep -q 'runtime error' "$err" && fail "$name: undefined behaviour" || pass
    fi
    case $status in
    0|1|3) pass ;;
    *) fail "$name: --no-isolation: exit status $status" ;;
    esac
done

# Which check says so, once per table or paragraph.
for pair in \
    ubsan-int64-table-totals-narrative.txt:table-totals \
    ubsan-int64-table-totals-narrative-change.txt:table-totals \
    ubsan-int64-table-totals-narrative-change.min:table-totals \
    ubsan-int64-sangong-sg-sum.txt:sangong \
    ubsan-int64-sangong-sg-sum.min:sangong \
    ubsan-int64-sangong-sg-rate.txt:sangong \
    ubsan-int64-score-weight-sw-rules.txt:score-weight \
    ubsan-int64-score-weight-sw-rules.min:score-weight; do
    name=${pair%%:*} check=${pair#*:}
    run check -f json "$FIX/$name"
    out_of_range_info "$check" && pass ||
        fail "$name: no single $check/out-of-range info"
done

# Table sums beyond fl_dec are computed exactly: no out-of-range info.
for name in int64-overflow-hierarchy.txt ubsan-int64-table-totals-hierarchy.txt \
    ubsan-int64-table-totals-hierarchy.min; do
    run check --checks table-totals -f json "$FIX/$name"
    expect_no_out 'table-totals/out-of-range' "$name: an exact table sum said out of range"
done

# The wrapped total of the report is gone, the sums that fit are checked
# as before (合计 310 against 250 + 50), and the one that does not fit
# (9 000 000 000 000.00 twice under 20802) is computed exactly.
run check --checks table-totals "$FIX/int64-overflow-hierarchy.txt"
expect_no_out '-446744073709' "hierarchy: wrapped total"
expect_no_out '金额超出可精确计算的范围' "hierarchy: out-of-range info for an exact sum"
expect_out '填列 310.00，各组成项合计为 300.00' "hierarchy: the exact sums still checked"
expect_out '20802 民政管理事务 的“本年支出合计”应等于其下级科目之和：填列 250.00，各组成项合计为 18000000000000.00，相差 -17999999999750.00' \
    "hierarchy: the sum beyond fl_dec computed exactly"
expect_out '应为 18000000000000.00，实为 250.00' "hierarchy: expected/actual exact"
run check --checks sangong "$FIX/ubsan-int64-sangong-sg-rate.txt"
expect_no_out '8553255926290' "sangong: wrapped sum"
expect_no_out '错误 [sangong] “三公”经费表中' "sangong: no sum error from garbage"

# A numbering that starts at INT_MAX (Word allows up to 32767): a sensible
# label, not -2147483648.
run dump "$FIX/ubsan-int-overflow-numbering-start-intmax.docx"
expect_status 0 "numbering: dump"
expect_no_out '-2147483648' "numbering: wrapped counter"
expect_out '32767.' "numbering: start clamped to Word's maximum"

finish
