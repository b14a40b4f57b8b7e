#!/bin/sh
# Real published reports (tests/real/pdf: 16 budgets, a 决算 and the national
# template): fislint must raise exactly the errors and warnings listed in
# tests/real/findings.tsv — each confirmed by reading the page — and read
# each document's kind, year and unit as tests/real/identity.tsv says.
. "$FISLINT_SRCDIR/tests/lib.sh"
python3 "$SRC/tests/real/compare.py" "$FISLINT" "$SRC/tests/real/pdf"
