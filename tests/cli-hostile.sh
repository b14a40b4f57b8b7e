#!/bin/sh
# Hostile input ends in a result or a clear message, within a memory
# ceiling (ulimit -v, not under ASan, which needs terabytes of address
# space) and a time limit.
. "$FISLINT_SRCDIR/tests/lib.sh"
FIX=$SRC/tests/fixtures/formats
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1

# bounded CEILING_KB SECONDS ARGS...: run fislint with a memory ceiling.
bounded() {
    ceiling=$1 secs=$2
    shift 2
    out=$TMP/out err=$TMP/err
    if [ "$asan" -eq 0 ]; then
        ( ulimit -v "$ceiling"; exec timeout "$secs" "$FISLINT" "$@" ) >"$out" 2>"$err"
    else
        timeout "$secs" "$FISLINT" "$@" >"$out" 2>"$err"
    fi
    status=$?
}

# Entity bombs: 671 and 903 bytes that expand to gigabytes.
bounded 1000000 60 check "$FIX/entity-bomb.docx" "$FIX/entity-bomb.xlsx" "$EX/000_043825adc2a1e450.txt"
expect_status 3 "entity bombs are unreadable, the report beside them checked"
expect_err "entity-bomb.docx: DOCX 文件中的 word/document.xml 含有 DTD 或实体声明" "DOCX entity bomb named"
expect_err "entity-bomb.xlsx: XLSX 文件中的 xl/sharedStrings.xml 含有 DTD 或实体声明" "XLSX entity bomb named"
expect_out "000_043825adc2a1e450.txt" "the other document still checked"

# 900,000 one-cell HTML rows (8 MB): read in bounded memory.
python3 -c "import sys; sys.stdout.write('<html><body><table>' + '<tr><td>1' * 900000 + '</table></body></html>')" \
    > "$TMP/rows.html"
bounded 2000000 120 check --checks table-totals "$TMP/rows.html"
expect_status 0 "an 8 MB page of table rows is read within 2 GB"
finish
