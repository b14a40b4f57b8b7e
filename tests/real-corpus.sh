#!/bin/sh
# Real published reports (tests/real/pdf: 16 budgets, a 决算 and the national
# template): fislint must raise exactly the errors and warnings listed in
# tests/real/findings.tsv — each confirmed by reading the page — and read
# each document's kind, year and unit as tests/real/identity.tsv says.
. "$FISLINT_SRCDIR/tests/lib.sh"
python3 "$SRC/tests/real/compare.py" "$FISLINT" "$SRC"
corpus_status=$?

# Nothing false is traded for silence: the real caizheng p10 page with one
# printed digit changed (行政运行 合计 16,231,840.80 -> 16,231,850.80, made
# with qpdf --qdf) no longer adds up, and both broken identities are errors.
run check --checks table-totals -f json "$SRC/tests/real/caizheng-p10-one-digit-changed.pdf"
python3 - "$out" <<'PY' && pass || fail "a real table that does not add up is not reported as two errors"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
got = sorted((f["severity"], f["rule"], f["location"]["row"], f["expected"], f["actual"])
             for f in doc["findings"] if f["severity"] != "info")
want = [("error", "table-totals/code-hierarchy", "20106 财政事务", "22186450.80", "22186440.80"),
        ("error", "table-totals/row-identity", "行政运行", "16231840.80", "16231850.80")]
assert got == want, got
PY
finish && [ "$corpus_status" -eq 0 ]
