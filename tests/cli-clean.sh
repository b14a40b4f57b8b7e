#!/bin/sh
# Clean documents stay clean: every check together, on every fixture that
# is a clean report in one of the table layouts, raises no error and no
# warning.  The fixtures are excerpts — a 决算 with one or two of its nine
# tables — so required-tables, which would rightly ask for the rest, is left
# out here (its own tests use whole reports).  (dup-clean and
# deviation-clean are clean for their own check only: their
# self-evaluation tables are cut to a few indicators.)
. "$FISLINT_SRCDIR/tests/lib.sh"
for f in "$SRC"/plugins/sangong/fixtures/*-clean.* "$SRC"/plugins/score-weight/fixtures/*-clean.* \
    "$SRC"/plugins/table-totals/fixtures/*-clean.* "$SRC"/plugins/missing-cause/fixtures/cause-clean.txt \
    "$SRC"/plugins/missing-cause/fixtures/section-clean.txt; do
    run check --checks '*,-required-tables' --fail-on warning "$f"
    [ "$status" -eq 0 ] && pass || fail "$(basename "$f"): errors or warnings on a clean document (status $status)"
done
finish
