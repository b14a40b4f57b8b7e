#!/bin/sh
# The example plugin in docs/ builds with nothing but the public header and
# runs through dlopen like the bundled checks.
. "$FISLINT_SRCDIR/tests/lib.sh"
CC=${CC:-cc}
$CC -std=c11 -Wall -Wextra -Werror -fvisibility=hidden -fPIC -shared \
    -I"$SRC/include" -o "$TMP/empty-table-note.so" "$SRC/docs/example-plugin/empty-table-note.c" \
    && pass || { fail "example plugin does not build with the header alone"; finish; exit 1; }

run checks --plugin-dir "$TMP" --checks empty-table-note
expect_status 0 "example plugin loads"
expect_out "empty-table-note" "listed by fislint checks"

run check --plugin-dir "$TMP" --checks empty-table-note "$SRC/docs/example-plugin/empty-table.txt"
expect_status 1 "example plugin reports"
expect_out "警告 [empty-table-note]" "the empty table is reported"
expect_out "规则：empty-table-note/missing-note" "with its rule id"

printf '国有资本经营预算财政拨款支出决算表\n\n项目\t本年支出合计\n合计\t0.00\n\n注：本部门无国有资本经营预算财政拨款支出，本表无数据。\n' > "$TMP/explained.txt"
run check --plugin-dir "$TMP" --checks empty-table-note "$TMP/explained.txt"
expect_status 0 "an explained empty table is fine"
finish
