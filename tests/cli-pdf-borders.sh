#!/bin/sh
# Table borders in PDFs come from the lines and rectangles the page draws
# (core/lib/pdf-page.cc), not from a rendering: what counts as a border,
# what does not, and a page that draws too much to be read for borders.
. "$FISLINT_SRCDIR/tests/lib.sh"
FIX=$SRC/tests/fixtures/formats

# One page with a ruled table, written out operator by operator:
#  - a header cell "Item" over Code and Name, which only the borders tell
#    (the rule between Code and Name stops below it);
#  - horizontal rules stroked, vertical ones filled thin rectangles;
#  - the rule between 201 and 202 dashed 4 on, 1 off: solid to a reader;
#  - across row 202, between "Public" and its second line "safety", a
#    dotted line and the edge of a light grey shading: neither a border.
# drawing.pdf is the same page over a form that fills 200,000 squares.
python3 - "$SRC/tests" "$TMP" <<'PY'
import sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
from minipdf import text, write
page = b"0.9 g 140 636 140 24 re f 0 g\n"
page += (b"0 G 0.5 w 60 720 m 460 720 l S 60 700 m 280 700 l S 60 680 m 460 680 l S "
         b"60 625 m 460 625 l S 60 605 m 460 605 l S\n")
page += b"[4 1] 0 d 60 660 m 460 660 l S [1 3] 0 d 60 638 m 460 638 l S [] 0 d\n"
page += (b"59.7 605 0.6 115 re f 139.7 605 0.6 95 re f 279.7 605 0.6 115 re f "
         b"399.7 605 0.6 115 re f 459.7 605 0.6 115 re f\n")
page += text(72, 706, b"Item") + text(300, 696, b"Amount")
page += text(72, 686, b"Code") + text(150, 686, b"Name")
page += text(72, 668, b"201") + text(150, 668, b"General") + text(300, 668, b"100.00")
page += text(72, 640, b"202") + text(150, 640, b"Public") + text(300, 640, b"200.00")
page += text(150, 632, b"safety")
page += text(72, 614, b"Total") + text(300, 614, b"300.00")
write(sys.argv[2] + "/ruled.pdf", page)
squares = b"".join(b"%d %d 1 1 re f\n" % (i % 500, i // 500) for i in range(1000))
write(sys.argv[2] + "/drawing.pdf", page + b"/X0 Do\n" * 200, form=squares)
PY

run dump "$TMP/ruled.pdf"
expect_status 0 "ruled.pdf is read"
expect_out "列：[0] Item/Code | [1] Item/Name | [2] Amount" \
    "the header cell over two columns is read from the borders"
expect_out "{201} «General» | 201 | General | 100.00" "a rule dashed 4 on, 1 off divides rows"
expect_out "{202} «Publicsafety» | 202 | Public safety | 200.00" \
    "a dotted line and a light shading do not divide a cell"

# 200,000 shapes: a drawing, not a table; the page is read by the
# positions of its text alone, at once and in bounded memory (no
# address-space ceiling under ASan: it needs terabytes).
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1
( [ "$asan" -eq 1 ] || ulimit -v 1000000; ulimit -t 20
  exec "$FISLINT" dump "$TMP/drawing.pdf" ) >"$TMP/out" 2>"$TMP/err"
status=$? out=$TMP/out err=$TMP/err
expect_status 0 "drawing.pdf is read"
expect_out "{202} «Publicsafety» | 202 | Public safety | 200.00" "its table is read without borders"
expect_no_out "Item/Code" "its shapes are not read as borders"

# A font the machine does not have is drawn as empty boxes; the boxes'
# edges are not borders (they made the unit line above this table a
# header row when borders came from a rendering).
run dump "$FIX/tofu-table.pdf"
expect_status 0 "tofu-table.pdf is read"
expect_out "-- 表 1：一般公共预算财政拨款支出决算表  L6-9  单位：万元" \
    "the unit line is the table's unit"
expect_out "列：[0] 科目编码 | [1] 科目名称 | [2] 合计 | [3] 基本支出" "the header is one row"

# A real budget (上海市普陀区商务委员会 2025, 第 19 页, 表 8): the header cell
# 部门预算经济分类科目编码 spans 类 and 款 with no border between them in
# that cell (checked on the rendered page).  Read from a rendering it was
# split into «部门预算经编» | «济分类科目码».
run dump "$SRC/tests/real/pdf/sh-putuo-shangwu-2025-budget.pdf"
expect_out "列：[0] 项目/部门预算经济分类科目编码/类 | [1] 项目/部门预算经济分类科目编码/款 | [2] 项目/经济分类科目名称" \
    "page 19: the header cell over 类 and 款 is one cell"

finish
