#!/bin/sh
# Bad input: a clear message naming the file, exit status 3, and the other
# files still checked.  Never a crash or a hang.
. "$FISLINT_SRCDIR/tests/lib.sh"
GOOD=$EX/002_24d4cf092f85e5e3.txt

run check "$TMP/missing.txt" "$GOOD"
expect_status 3 "missing path"
expect_err "$TMP/missing.txt" "missing path is named"
expect_err "无法读取" "missing path says why"
expect_out "002_24d4cf092f85e5e3.txt:" "the other file is still checked"

run check "$TMP" "$GOOD"
expect_status 3 "directory"
expect_err "是一个目录" "directory says so"

: > "$TMP/empty.txt"
run check "$TMP/empty.txt" "$GOOD"
expect_status 3 "empty file"
expect_err "empty.txt: 文件为空" "empty file says so"
# A file's size as stat gives it is only a first guess: /proc files say 0
# and have content, which is read whole.
if [ -r /proc/self/status ]; then
    run dump /proc/self/status
    expect_status 0 "a file that says it is empty but is not"
    expect_out "Name:" "its content is read"
fi

head -c 4096 /dev/urandom > "$TMP/random.bin"
printf '\0\0\0' >> "$TMP/random.bin"
cp "$FISLINT_BUILDDIR/core/cli/.libs/fislint" "$TMP/program.bin" 2>/dev/null || cp /bin/ls "$TMP/program.bin"
run check "$TMP/program.bin" "$GOOD"
expect_status 3 "binary file"
expect_err "program.bin" "binary file named"
expect_out "002_24d4cf092f85e5e3.txt:" "the other file is still checked after a binary"

# Mostly UTF-8 with one broken byte: reported with its offset.
{ head -c 3000 "$EX/000_043825adc2a1e450.txt"; printf '\377'; tail -c 2000 "$EX/000_043825adc2a1e450.txt"; } > "$TMP/broken-utf8.txt"
run check "$TMP/broken-utf8.txt" "$GOOD"
expect_status 3 "invalid UTF-8"
expect_err "broken-utf8.txt" "invalid UTF-8 named"
expect_err "字节" "invalid UTF-8 gives the offset"

# A GBK copy gives the same findings as the UTF-8 original.
iconv -f UTF-8 -t GBK "$EX/003_b8f3d489ed9ef61e.txt" > "$TMP/seed003-gbk.txt"
run check -f json "$EX/003_b8f3d489ed9ef61e.txt"
sed 's/"source": "[^"]*"/"source": "X"/' "$out" > "$TMP/utf8.json"
run check -f json "$TMP/seed003-gbk.txt"
sed 's/"source": "[^"]*"/"source": "X"/' "$out" > "$TMP/gbk.json"
if cmp -s "$TMP/utf8.json" "$TMP/gbk.json" && grep -q '"check"' "$TMP/gbk.json"; then pass; else
    fail "GBK copy of seed 003 gives different findings"; diff "$TMP/utf8.json" "$TMP/gbk.json" | head -20 >&2; fi

# One 10 MB line, and a 100 MB file: a result or a clear message, no hang.
python3 -c "import sys; sys.stdout.write('本年支出合计1,234.56万元，' * 400000 + '\n')" > "$TMP/long-line.txt" 2>/dev/null ||
    awk 'BEGIN { for (i = 0; i < 400000; i++) printf "本年支出合计1,234.56万元，"; print "" }' > "$TMP/long-line.txt"
run check "$TMP/long-line.txt"
[ "$status" -le 1 ] && pass || fail "10 MB line: status $status"
dd if=/dev/zero bs=1M count=0 seek=100 of="$TMP/huge.txt" 2>/dev/null
run check "$TMP/huge.txt" "$GOOD"
expect_status 3 "100 MB file"
expect_err "huge.txt" "100 MB file named"
expect_err "过大" "100 MB file: too large"
run check --max-size 200000000 "$TMP/huge.txt"
expect_status 3 "100 MB of zeros read with a raised limit"
expect_err "二进制" "100 MB of NUL bytes is not text"
run check --max-size 200M "$TMP/huge.txt"
expect_err "二进制" "--max-size 200M is 200 MiB"
run check --max-size 99M "$TMP/huge.txt"
expect_err "文件过大（超过 103809024 字节的上限" "--max-size 99M is 99 MiB"
run check --max-size 5X "$GOOD"
expect_status 2 "a size with an unknown suffix"
expect_err "--max-size 应为正整数（字节，可带 K、M、G），而不是 '5X'" "is named"

# Standard input
run check - < "$GOOD"
expect_out "<stdin>:" "standard input is named <stdin>"

# Usage errors
run check
expect_status 2 "no input"
run check --format xml "$GOOD"
expect_status 2 "bad format"
expect_err "--format" "bad format named"
run check --fail-on fatal "$GOOD"
expect_status 2 "bad --fail-on"
run frobnicate
expect_status 2 "unknown command"
run check --config "$TMP/nope.conf" "$GOOD"
expect_status 2 "missing config"
expect_err "nope.conf" "missing config named"
finish
