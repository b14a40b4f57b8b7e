#!/bin/sh
# Hostile input ends in a result or a clear message, within a memory
# ceiling (ulimit -v, not under ASan, which needs terabytes of address
# space) and a time limit.
. "$FISLINT_SRCDIR/tests/lib.sh"
FIX=$SRC/tests/fixtures/formats
asan=0
grep -q 'fsanitize=address' "$FISLINT_BUILDDIR/Makefile" && asan=1

# bounded CEILING_KB SECONDS ARGS...: run fislint with a memory ceiling
# and SECONDS of CPU time per process (ulimit -t: other work on a shared
# machine does not count against it).  Wall time four times over still
# ends a run that hangs without using the CPU.
bounded() {
    ceiling=$1 secs=$2
    shift 2
    out=$TMP/out err=$TMP/err
    if [ "$asan" -eq 0 ]; then
        ( ulimit -v "$ceiling"; ulimit -t "$secs"; exec timeout $((secs * 4)) "$FISLINT" "$@" ) \
            >"$out" 2>"$err"
    else
        ( ulimit -t "$secs"; exec timeout $((secs * 4)) "$FISLINT" "$@" ) >"$out" 2>"$err"
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

# ASan runs several times slower: time limits are doubled under it.
slow=1
[ "$asan" -eq 1 ] && slow=3

# A 4.6 MB TAB table of 150,000 coded rows: code-hierarchy finds parents
# by sorting codes (it compared every pair: 7 minutes for 4 MB).
python3 - "$TMP/codes.txt" <<'PY'
import sys
rows = ["# 支出决算表", "", "金额单位：万元", "", "科目代码\t科目名称\t本年支出合计\t基本支出", ""]
c = 100
while len(rows) < 150006:
    rows.append("%d\t类名称\t200.00\t200.00" % c)
    for k in range(10):
        rows.append("%d%02d\t款名称\t20.00\t20.00" % (c, k))
        rows.extend("%d%02d%02d\t项目名称\t1.00\t1.00" % (c, k, i) for i in range(20))
    c += 1
# the last class wrong by 1.00: one finding per amount column
rows = rows[:150006]
rows[-1] = rows[-1].replace("1.00\t1.00", "2.00\t2.00")
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
bounded 1000000 $((60 * slow)) check --checks table-totals "$TMP/codes.txt"
expect_status 1 "150,000 coded rows are checked in seconds"
expect_out "code-hierarchy" "the wrong sum is still found"

# A text report just under the default size limit (63 MB of tables and
# narrative): read and checked in linear time within a 2 GB ceiling (the
# model costs about 14 times the text; bench/memory.sh).  One byte more
# than --max-size allows is refused.  Not under ASan: 63 MB there takes
# minutes and its shadow memory makes the ceiling meaningless; the same
# code runs under ASan on the smaller inputs here.
if [ "$asan" -eq 0 ]; then
    python3 - "$TMP/big.txt" <<'PY'
import random, sys
random.seed(1)
out, size, i = ["上海市某某区民政局2024年度部门决算\n\n"], 0, 0
while size < 63 * 1024 * 1024:
    i += 1
    block = "一、说明%d\n本年支出合计%d.%02d万元，比上年增加%d.%02d万元，主要原因是业务增加。\n\n" % (
        i, random.randint(1, 99999), random.randint(0, 99), random.randint(1, 999), random.randint(0, 99))
    block += "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    for r in range(20):
        a, b = random.randint(1, 9999), random.randint(1, 9999)
        block += "2080%03d\t行政运行%d\t%d.00\t%d.00\t%d.00\n" % (r, r, a + b, a, b)
    out.append(block + "\n")
    size += len(block.encode()) + 1
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
    bounded 2000000 180 check -q -f jsonl "$TMP/big.txt"
    expect_status 1 "a 63 MB text report is checked within 2 GB and 3 minutes"
    expect_out '"rule":"template-residue/placeholder"' "and its findings written"
    bounded 2000000 30 check --max-size 60M "$TMP/big.txt"
    expect_status 3 "past --max-size"
    expect_err "文件过大（超过 62914560 字节的上限，可用 --max-size 调整）" "the limit is named"
fi

# 200,000 small tables, each under a line with 说明 (14 MB): every check
# over every table once.  required-tables asked, for each such line, every
# table whether the line was in it (minutes); now a cursor does.
python3 - "$TMP/tables.txt" <<'PY'
import sys
out = ["上海市某某区民政局2024年度部门决算\n\n"]
table = "说明%d\n科目编码\t科目名称\t合计\n\t合计\t%s\n201\t一般公共服务\t1.00\n208\t社会保障\t2.00\n\n"
out.extend(table % (i, "3.00") for i in range(199999))
out.append(table % (199999, "4.00"))  # the last table's total wrong
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
bounded 2000000 $((45 * slow)) check -q -f jsonl --no-isolation "$TMP/tables.txt"
expect_status 1 "200,000 tables are checked in bounded time"
[ "$(grep -c '"rule":"table-totals/total-row"' "$out")" = 1 ] && pass ||
    fail "the one wrong total among 200,000 tables is found"

# One 8.8 MB paragraph of 100,000 "其中" lists: table-totals looked, for
# every list, at the whole paragraph before it (over 5 minutes at 26 MB);
# now it reads the paragraph once.
python3 - "$TMP/lists.txt" <<'PY'
import sys
s = "基本支出100.00万元，其中：人员经费60.00万元，公用经费40.00万元。"
open(sys.argv[1], "w", encoding="utf-8").write("上海市某某区民政局2024年度部门决算\n\n一、说明\n" + s * 100000 + "\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/lists.txt"
expect_status 0 "100,000 lists in one paragraph are checked in bounded time"
expect_out "共检查 1 个文档，发现 0 个问题" "and they add up"

# A 三公 table whose budget and final figures differ, under one 770 KB
# paragraph of 32,000 sentences that name 公务接待费 and 预算 but give no
# reason: sangong looked, for every such sentence, through all the
# sentences after it for one that did (77 s); now it reads each once.
{
    sed -n 1,20p "$SRC/plugins/sangong/fixtures/tab-errors.txt"
    python3 -c "import sys; sys.stdout.write('公务接待费预算。' * 32000 + '\n')"
} >"$TMP/sangong.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks sangong "$TMP/sangong.txt"
expect_status 1 "32,000 sentences without a 三公 reason are checked in bounded time"
expect_out "公务接待费决算数2.80万元超过预算数2.50万元（超出0.30万元），未说明超预算原因。" \
    "the overspend with no reason is still found"

# Long runs of what a check acts on, each about 0.5-3.7 MB: for every
# hit, the check read the rest of the clause, sentence or paragraph again
# (10 s to minutes); now each walk goes on from where the last one ended.
# template-residue: X runs, "(注:" and instructions (26 s).
python3 - "$TMP/tr-long.txt" <<'PY'
import sys; n = 20000
open(sys.argv[1], 'w', encoding='utf-8').write("上海市民政局2024年度部门决算\n" + "代码" + "XX." * n + "。\n\n"
    + "(注:" * n + "\n\n" + "(不涉及的不列)" + "按上述格式" * n + "\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks template-residue "$TMP/tr-long.txt"
expect_status 1 "20,000 X runs, notes and instructions are checked in bounded time"
expect_out "模板占位“XX”等20000处未替换为实际内容" "the placeholders are still counted"
# missing-cause: 20,000 "原因是" in one clause, 20,000 amounts in another (11 s).
python3 - "$TMP/mc-long.txt" <<'PY'
import sys; n = 20000
open(sys.argv[1], 'w', encoding='utf-8').write("上海市某某区民政局2024年度部门决算\n" + "收入增加10万元" + "原因是" * n
    + "。\n\n" + "预算1万元" * n + "支出决算增加0.5万元主要原因是。\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks missing-cause "$TMP/mc-long.txt"
expect_status 1 "20,000 causes and amounts in a clause are checked in bounded time"
expect_out "支出决算增加0.5万元主要）但“原因是”后没有写明原因" "the empty cause is still found"
# comparison-wording: 20,000 comparison words in one sentence (13 s).
python3 - "$TMP/cw-long.txt" <<'PY'
import sys; n = 20000
open(sys.argv[1], 'w', encoding='utf-8').write("上海市某某区民政局2024年度部门决算\n" + "决算数大于预算数" * n
    + "1万元。年初预算为5万元，支出决算为4万元，决算数大于预算数。\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks comparison-wording "$TMP/cw-long.txt"
expect_status 1 "20,000 comparison words in a sentence are checked in bounded time"
expect_out "决算数（4万元）小于预算数（5万元），文中却说“大于”" "the wrong direction is still found"
# across-years: 64,000 figures in each of two years' reports, each looked
# up among all the figures before it (20 s).
python3 - "$TMP/ay-figures" 64000 <<'PY'
import sys
n, cn = int(sys.argv[2]), "零一二三四五六七八九"
figures = "".join("经费%s支出1万元," % "".join(cn[int(c)] for c in str(i)) for i in range(n))
for year, last in ((2024, 10), (2023, 9)):
    open("%s-%d.txt" % (sys.argv[1], year), "w", encoding="utf-8").write("上海市普陀区民政局%d年部门预算\n\n一、说明\n"
        % year + figures + "\n\n项目经费支出%d.00万元，与上年相比增加2.00万元。\n" % last)
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks across-years "$TMP/ay-figures-2024.txt" "$TMP/ay-figures-2023.txt"
expect_status 1 "64,000 figures in each of two years' reports are checked in bounded time"
expect_out "“项目经费支出”本年10.00万元，与上年相比增加2.00万元，据此上年为8.00万元；但2023年报告《ay-figures-2023.txt》第6行所载为9.00万元" \
    "the figure last year's report disagrees with is still found"
# across-years: 10,000 年初预算 of a 项 in one paragraph, each reading
# the paragraph from its start for a fund's name (22 s).
python3 - "$TMP/ay-items" 10000 <<'PY'
import sys
n = int(sys.argv[2])
item = "一般公共服务支出（类）统计信息事务（款）行政运行（项）年初预算为%s万元，"
open(sys.argv[1] + "-final.txt", "w", encoding="utf-8").write("上海市普陀区统计局\n2024年度部门决算\n\n一、说明\n\n"
    + item % "1565.05" * n + item % "1560.05" + "\n")
open(sys.argv[1] + "-budget.txt", "w", encoding="utf-8").write("上海市普陀区2024年区级部门预算\n\n预算主管部门：上海市普陀区统计局\n\n"
    "一般公共预算支出功能分类预算表\n\n单位：元\n\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t15,650,500.00\n"
    "20105\t统计信息事务\t15,650,500.00\n2010501\t行政运行\t15,650,500.00\n合计\t\t15,650,500.00\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks across-years "$TMP/ay-items-final.txt" "$TMP/ay-items-budget.txt"
expect_status 1 "10,000 年初预算 in a paragraph are checked in bounded time"
expect_out "一般公共服务支出(类)统计信息事务(款)行政运行(项)年初预算为1560.05万元，但2024年预算《ay-items-budget.txt》" \
    "the 年初预算 the budget disagrees with is still found"
# required-tables: 40,000 empty 国有资本经营 tables, each looking for its
# note in all 20,000 paragraphs of the 说明 (14 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('2024年某某县民政局部门决算\n\n收入支出决算总表\n\n项目\t金额\n收入\t120.00\n\n' + '国有资本经营预算财政拨款支出决算表\n\n项目\t合计\n合计\t0.00\n\n' * 40000 + '## 情况说明\n\n' + '本部门支出主要用于日常工作。\n\n' * 20000 + '本部门无国有资本经营预算财政拨款支出，本表为空表。\n')" "$TMP/rt-empty.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks required-tables "$TMP/rt-empty.txt"
expect_status 1 "40,000 empty tables and 20,000 paragraphs are checked in bounded time"
expect_out "国有资本经营预算财政拨款支出决算表没有数据，表下未注明原因（第240010行的说明部分已说明）" \
    "the note in the 说明 is still found"
# across-years: 6,000 claims in a paragraph with no 。, each reading the
# rest of it for the end of its cause and for 口径 (22 s).
python3 -c "import sys; open(sys.argv[1] + '-2024.txt', 'w', encoding='utf-8').write('上海市普陀区民政局2024年部门预算\n\n一、说明\n' + '项目经费支出10.00万元，与上年相比增加2.00万元，' * 6000 + '\n'); open(sys.argv[1] + '-2023.txt', 'w', encoding='utf-8').write('上海市普陀区民政局2023年部门预算\n\n一、说明\n项目经费支出9.00万元。\n')" "$TMP/ay-claims"
bounded 1000000 $((10 * slow)) check --no-isolation --checks across-years "$TMP/ay-claims-2024.txt" "$TMP/ay-claims-2023.txt"
expect_status 1 "6,000 claims in a paragraph are checked in bounded time"
expect_out "“项目经费支出”本年10.00万元，与上年相比增加2.00万元，据此上年为8.00万元；但2023年报告《ay-claims-2023.txt》第4行所载为9.00万元" \
    "the claims last year's report disagrees with are still found"
# across-years: 12,000 年初预算 of 项 against a budget of 12,000 项, each
# looked for in every row of the budget's tables (20 s).
python3 - "$TMP/ay-rows" 12000 <<'PY'
import sys
n, cn = int(sys.argv[2]), "零一二三四五六七八九"
def name(i): return "".join(cn[int(d)] for d in str(i))
rows, items = [], []
for i in range(n):
    c = 201 + i // 100
    if i % 100 == 0:
        rows.append("%d\t类%s\t1.00" % (c, name(c)))
    rows += ["%d%02d\t款%s\t1.00" % (c, i % 100, name(i)), "%d%02d01\t项%s\t1.00" % (c, i % 100, name(i))]
    items.append("类%s（类）款%s（款）项%s（项）年初预算为%s万元。\n\n" % (name(c), name(i), name(i), "2.00" if i == n - 1 else "1.00"))
open(sys.argv[1] + "-budget.txt", "w", encoding="utf-8").write("上海市普陀区2024年区级部门预算\n\n预算主管部门：上海市普陀区统计局\n\n"
    "一般公共预算支出功能分类预算表\n\n单位：万元\n\n科目编码\t科目名称\t合计\n" + "\n".join(rows) + "\n")
open(sys.argv[1] + "-final.txt", "w", encoding="utf-8").write("上海市普陀区统计局\n2024年度部门决算\n\n一、说明\n\n" + "".join(items))
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks across-years "$TMP/ay-rows-final.txt" "$TMP/ay-rows-budget.txt"
expect_status 1 "12,000 年初预算 against 12,000 budget rows are checked in bounded time"
expect_out "类三二零(类)款一一九九九(款)项一一九九九(项)年初预算为2.00万元，但2024年预算《ay-rows-budget.txt》中一般公共预算支出功能分类预算表第24129行所载为1.00万元" \
    "the 项 the budget disagrees with is still found"
# across-years: 24,000 amounts not in money in one clause, each read
# back to the clause's start for a subject no claim needed (22 s).
python3 -c "import sys; open(sys.argv[1] + '-2024.txt', 'w', encoding='utf-8').write('上海市普陀区民政局2024年部门预算\n\n一、说明\n项目经费支出10.00万元，与上年相比增加2.00万元。\n\n' + '经费1.5千万元' * 24000 + '\n'); open(sys.argv[1] + '-2023.txt', 'w', encoding='utf-8').write('上海市普陀区民政局2023年部门预算\n\n一、说明\n项目经费支出9.00万元。\n')" "$TMP/ay-counts"
bounded 1000000 $((10 * slow)) check --no-isolation --checks across-years "$TMP/ay-counts-2024.txt" "$TMP/ay-counts-2023.txt"
expect_status 1 "24,000 amounts not in money in a clause are checked in bounded time"
expect_out "“项目经费支出”本年10.00万元，与上年相比增加2.00万元，据此上年为8.00万元；但2023年报告《ay-counts-2023.txt》第4行所载为9.00万元" \
    "the claim last year's report disagrees with is still found"
# consistency: 40,000 year candidates with no 。 (92 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市普陀区财政局2024年度部门决算\n\n一、说明\n' + '2023年收入总计1万元；' * 40000 + '\n')" "$TMP/yeartext.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks consistency "$TMP/yeartext.txt"
expect_status 1 "40,000 year candidates without 。 are checked in bounded time"
expect_out "2024年度的报告中写成“2023年收入总计”：本年数字前的年度应为2024年" "the wrong year is still found"
# Two of them search the rest of the line with strstr at every hit, which
# is linear in a normal build but not under ASan, whose strstr reads the
# whole rest to check it: there they are a tenth of the size.
few=1
[ "$asan" -eq 1 ] && few=10
# consistency: 100,000 "填报部门:" labels on one line (minutes).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市普陀区财政局2024年度部门决算\n\n编制部门:上海市普陀区财政局\n\n一、说明\n' + '填报部门:' * int(sys.argv[2]) + '上海市黄浦区财政局\n')" "$TMP/labels.txt" $((100000 / few))
bounded 1000000 $((10 * slow)) check --no-isolation --checks consistency "$TMP/labels.txt"
expect_status 1 "100,000 unit labels on a line are checked in bounded time"
expect_out "表头中的单位名称“上海市黄浦区财政局”与本报告的单位“上海市普陀区财政局”不一致" "the other unit is still found"
# table-totals: 200,000 amounts in one clause (minutes), 25,000 shares (18 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n\n一、说明\n' + '支出1万元 ' * 200000 + '\n\n基本支出100.00万元，其中：人员经费60.00万元，公用经费30.00万元。\n')" "$TMP/clause.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/clause.txt"
expect_status 1 "200,000 amounts in a clause are checked in bounded time"
expect_out "所列各项之和为 90.00 万元，比总数少 10.00 万元" "the list that does not add up is still found"
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n\n一、说明\n' + '人员经费1万元，占5%，' * 25000 + '基本支出100.00万元，其中：人员经费60.00万元，占50.00%。\n')" "$TMP/shares.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/shares.txt"
expect_status 1 "25,000 shares in a sentence are checked in bounded time"
expect_out "“人员经费”占“基本支出”的比例：写为 50.00%，按所列金额计算应为 60.00%" "the wrong share is still found"
# table-totals: 40,000 list heads ("增加1万元，其中：", a comparison and no
# item) in one sentence: each read the mentions and text to its end (19 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n\n一、说明\n' + '增加1万元，其中：' * 40000 + '人员经费60.00万元。\n\n基本支出100.00万元，其中：人员经费60.00万元，公用经费30.00万元。\n')" "$TMP/tt-heads.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/tt-heads.txt"
expect_status 1 "40,000 list heads in a sentence are checked in bounded time"
expect_out "所列各项之和为 90.00 万元，比总数少 10.00 万元" "the list that does not add up is still found"
# table-totals: 40,000 lists in 元 in one sentence: each looked for an
# item in 元 that adds up as 万元 among all after it (30 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n\n一、说明\n' + '增加3元，其中：人员经费1元，公用经费2元；' * 40000 + '。\n\n基本支出100.00万元，其中：人员经费60.00万元，公用经费40.00元。\n')" "$TMP/tt-yuan.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/tt-yuan.txt"
expect_status 1 "40,000 lists in 元 in a sentence are checked in bounded time"
expect_out "“公用经费40.00元”的单位疑为“万元”：按万元计，其中各项之和才等于总数 100.00 万元" "the unit slip is still found"
# table-totals: 40,000 "增加1万元，增长5%" in one sentence with no current
# amount: each looked back through the whole sentence for one (18 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n\n一、说明\n' + '增加1万元，增长5%，' * 40000 + '完毕。\n\n本年支出110.00万元，比上年增加10.00万元，增长20.00%。\n')" "$TMP/tt-changes.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/tt-changes.txt"
expect_status 1 "40,000 changes in a sentence are checked in bounded time"
expect_out "“本年支出”增长幅度（增加额÷上年数）：写为 20.00%，按所列金额计算应为 10.00%" "the wrong growth rate is still found"
# table-totals: 300,000 amounts and 25,000 tables in a report of no known
# kind: each amount looked through the tables for a 总表 (15 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('情况说明\n\n一、说明\n' + '其他支出1万元，' * 300000 + '完毕。\n\n基本支出100.00万元，其中：人员经费60.00万元，公用经费30.00万元。\n\n' + ''.join('表%d\n项目\t金额\n甲\t1.00\n\n' % i for i in range(25000)))" "$TMP/tt-kind.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/tt-kind.txt"
expect_status 1 "300,000 amounts over 25,000 tables are checked in bounded time"
expect_out "所列各项之和为 90.00 万元，比总数少 10.00 万元" "the list that does not add up is still found"
# table-totals: 12,000 合计 rows under 12,000 类 rows: each added up the
# 类 of every column anew (17 s).
python3 - "$TMP/tt-totals.txt" <<'PY'
import sys
n = 12000
rows = ["上海市某某区民政局2024年度部门决算", "", "一、支出决算表", "", "单位：万元", "",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出"]
rows += ["%d\t类名称\t3.00\t1.00\t2.00" % (100 + i % 800) for i in range(n)]
rows += ["\t合计\t%d.00\t%d.00\t%d.00" % (3 * n, n, 2 * n)] * n
rows[-1] = rows[-1].replace("\t%d.00\t" % n, "\t%d.00\t" % (n + 1000))  # the last one wrong
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/tt-totals.txt"
expect_status 1 "12,000 合计 rows are checked in bounded time"
expect_out "合计行的“基本支出”应等于各类级科目之和：填列 13000.00，各组成项合计为 12000.00，相差 1000.00" "the wrong total is still found"
# table-totals: a header of 21,000 columns, 7,000 groups of a 合计 and a
# sub-group without one: row-identity read, for each column of a
# sub-group, every column to its right for the sub-group's own (32 s).
python3 - "$TMP/tt-wide.txt" <<'PY'
import sys
hdr, row = ["科目编码", "科目名称"], ["201", "一般公共服务支出"]
for i in range(7000):
    hdr += ["组%d/合计" % i, "组%d/分组/甲" % i, "组%d/分组/乙" % i]
    row += ["3.00", "1.00", "2.00"]
row[-3] = "4.00"  # the last group's total wrong
open(sys.argv[1], "w", encoding="utf-8").write("上海市某某区民政局2024年度部门决算\n\n一、支出决算表\n\n单位：万元\n\n"
    + "\t".join(hdr) + "\n" + "\t".join(row) + "\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks table-totals "$TMP/tt-wide.txt"
expect_status 1 "a header of 21,000 columns is checked in bounded time"
expect_out "201 一般公共服务支出行：“合计”应等于同组各栏之和（甲＋乙）：填列 4.00，各组成项合计为 3.00，相差 1.00" "the wrong group total is still found"
# table-totals: every row of a 支出决算表 repeated 1,880 times (1.2 MB), so
# 1,880 合计 rows each miss the sum of 1,880 × 2 类: each finding listed all
# its addends, and the check wrote 1.2 GB and took 2.4 GB of memory (5 s).
# A finding lists at most 100 (real tables have a few dozen); a larger sum
# is told by its total.
python3 - "$SRC/plugins/table-totals/fixtures/expense-clean.txt" "$TMP/tt-repeated.txt" <<'PY'
import sys
out = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    out.extend([line] * (1880 if "\t" in line else 1))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
bounded 1000000 $((10 * slow)) check -q -f jsonl --no-isolation --checks table-totals "$TMP/tt-repeated.txt"
expect_status 1 "a table of repeated rows and 合计 rows is checked in bounded time"
[ "$(grep -c '"message":"合计行的“本年支出合计”应等于各类级科目之和：填列 300.00，各组成项合计为 564000.00，相差 -563700.00","location"' "$out")" -eq 1880 ] && pass ||
    fail "each 合计 row is still found against the sum of all the 类"
[ "$(wc -c < "$out")" -lt 20000000 ] && pass || fail "the findings of a large sum do not list every addend"

# score-weight: 128,000 scores in one paragraph, one with a grade (49 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度项目支出绩效自评报告\n\n一、总体情况\n\n免费婚姻登记经费：' + '项目自评得分为90分，' * int(sys.argv[2]) + '完毕。项目自评得分为95分，等级为“良”。\n')" "$TMP/sw-grades.txt" $((128000 / few))
bounded 1000000 $((10 * slow)) check --no-isolation --checks score-weight "$TMP/sw-grades.txt"
expect_status 1 "128,000 scores in a paragraph are checked in bounded time"
expect_out "文字说明中自评得分95分应评为“优”，却写作“良”" "the wrong grade is still found"
# score-weight: 20,000 numbered items whose names lie within those of
# 20,000 summary rows: each item's score was compared with every copy for
# its project (14 s); now the copies' keys are hashed and their suffixes
# sorted.
python3 - "$TMP/sw-copies.txt" <<'PY'
import sys; n = 20000
rows = "".join("%d\t第%d号社区服务经费补助\t某区民政局\t90分\t优\n" % (i + 1, i) for i in range(n))
items = "".join("%d. 第%d号社区服务经费：项目自评得分为%d分。\n\n" % (i + 1, i, 80 if i == n - 1 else 90) for i in range(n))
open(sys.argv[1], "w", encoding="utf-8").write("上海市某某区民政局2024年度项目支出绩效自评报告\n\n# 项目支出绩效自评情况汇总表\n\n"
    + "序号\t项目名称\t资金使用单位\t自评得分\t自评等级\n" + rows + "\n一、总体情况\n\n" + items)
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks score-weight "$TMP/sw-copies.txt"
expect_status 1 "20,000 items against 20,000 summary rows are checked in bounded time"
expect_out "“第19999号社区服务经费补助”的自评得分在文字说明中为80分，与汇总表（第20005行）的90分不一致" \
    "the item that differs from its summary row is still found"
# score-weight: one paragraph of 30,000 部门评价 scores of projects whose
# names lie within those of 30,000 summary rows: each name was compared
# with every copy (24 s); now looked up among the keys.
n=$((30000 / few))
python3 - "$TMP/sw-dept.txt" $n <<'PY'
import sys; n = int(sys.argv[2])
rows = "".join("%d\t第%d号社区服务经费补助\t某区民政局\t90分\t优\n" % (i + 1, i) for i in range(n))
sents = "".join("第%d号社区服务经费项目，绩效评价得分为%d分。" % (i, 96 if i == n - 1 else 90) for i in range(n))
open(sys.argv[1], "w", encoding="utf-8").write("上海市某某区民政局2024年度项目支出绩效自评报告\n\n# 项目支出绩效自评情况汇总表\n\n"
    + "序号\t项目名称\t资金使用单位\t自评得分\t自评等级\n" + rows + "\n（三）部门评价结果。" + sents + "\n")
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks score-weight "$TMP/sw-dept.txt"
expect_status 1 "30,000 部门评价 scores against 30,000 summary rows are checked in bounded time"
expect_out "“第$((n - 1))号社区服务经费”部门评价得分96分，而自评汇总表（第$((n + 5))行）的自评得分为90分，相差6分" \
    "the project evaluated 6 points higher is still found"
# score-weight: 40,000 sections, each saying "预算变更情况：无" beside
# its 年初预算数 and 全年预算数: each statement looked through all the
# document's amounts for those of its section (16 s); now it starts at
# the first amount of its line and goes on from where the last one found.
python3 - "$TMP/sw-change.txt" <<'PY'
import sys; n = 40000
out = ["上海市某某区民政局2024年度项目支出绩效自评报告\n\n"]
out.extend("（%d）项目%d\n\n预算变更情况：无。年初预算数1万元，全年预算数1万元。\n\n" % (i + 1, i) for i in range(n))
out.append("（%d）项目%d\n\n预算变更情况：无。年初预算数10万元，全年预算数20万元。\n" % (n + 1, n))
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks score-weight "$TMP/sw-change.txt"
expect_status 1 "40,000 budget statements are checked in bounded time"
expect_out "称预算无变更（“预算变更情况:无”），但第160005行年初预算数10万元与全年预算数20万元不同" \
    "the budget changed in the last section is still found"
# score-weight: an evaluation table of 48,000 indicators under a goal
# of 48,000 "临时救助人数": the goal was read again for every eight
# indicators (17 s); now once for all of them.
python3 - "$TMP/sw-goal.txt" <<'PY'
import sys; n = 48000
out = ["上海市某某区民政局2024年度项目支出绩效自评报告\n\n# 项目支出绩效自评表\n\n单位：万元\n\n项目名称\t城市低保\t\t\t\t\t\t\t\n",
       "项目预算执行情况（10分）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分\t\n",
       "\t年度资金总额\t100.00\t100.00\t100.00\t10\t100.00%\t10.00\t\n",
       "年度总体目标\t年初预期目标\t\t\t目标实际完成情况\t\t\t\t\n",
       "\t临时救助人数共计952人。" + "临时救助人数" * n + "\t\t\t完成。\t\t\t\t\n",
       "年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值（A）\t实际完成指标值（B）\t分值\t得分\t偏差原因分析及改进措施\n"]
out.extend("\t产出指标\t数量指标\t第%d类临时救助人数\t≥ %d人\t952人\t1\t1\t\n" % (i, 800 if i == n - 1 else 952) for i in range(n))
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks score-weight "$TMP/sw-goal.txt"
expect_status 1 "48,000 indicators under a long goal are checked in bounded time"
expect_out "年度总体目标写明952人（“临时救助人数共计952人”），而指标“第47999类临时救助人数”的目标值为≥ 800人" \
    "the indicator whose target differs from the goal is still found"
# score-weight: 24,000 indicators that each share words with the 64
# sentences of a goal full of numbers: every indicator read the numbers
# of every sentence again (14 s); now each sentence is read once a unit.
python3 - "$TMP/sw-goal-units.txt" <<'PY'
import sys; n = 24000
sent = "救助人数共计952人" + "保障9户" * 290 + "。"
out = ["上海市某某区民政局2024年度项目支出绩效自评报告\n\n# 项目支出绩效自评表\n\n单位：万元\n\n项目名称\t城市低保\t\t\t\t\t\t\t\n",
       "项目预算执行情况（10分）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分\t\n",
       "\t年度资金总额\t100.00\t100.00\t100.00\t10\t100.00%\t10.00\t\n",
       "年度总体目标\t年初预期目标\t\t\t目标实际完成情况\t\t\t\t\n",
       "\t临时救助人数不少于800人。" + sent * 63 + "\t\t\t完成。\t\t\t\t\n",
       "年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值（A）\t实际完成指标值（B）\t分值\t得分\t偏差原因分析及改进措施\n"]
out.extend("\t产出指标\t数量指标\t临时救助人数%d\t≥ %d人\t800人\t1\t1\t\n" % (i, 700 if i == n - 1 else 800) for i in range(n))
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
bounded 1000000 $((10 * slow)) check --no-isolation --checks score-weight "$TMP/sw-goal-units.txt"
expect_status 1 "24,000 indicators under 64 sentences of numbers are checked in bounded time"
expect_out "年度总体目标写明800人（“临时救助人数不少于800人”），而指标“临时救助人数23999”的目标值为≥ 700人" \
    "the indicator whose target differs from the goal is still found"
# editorial: a numbering gap over 100,000 table rows (1.6 s, instructions
# per line far above the rest; no time limit would catch it).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n一、概况\n' + ''.join('项目%d\t1\t2\n' % i for i in range(100000)) + '九十九、其他\n')" "$TMP/ed-gap.txt"
bounded 1000000 $((10 * slow)) check --no-isolation --checks editorial "$TMP/ed-gap.txt"
expect_status 0 "a numbering gap over 100,000 rows is checked"
expect_out "缺少“二、”至“九十八、”" "the gap is still found"

# One 4.8 MB paragraph of 160,000 "增加" (a word of the alternatives'
# matcher) each followed by an XX placeholder: template-residue looked,
# after every placeholder, through all the words of the other matchers
# after it (18 s); now its cursor passes them once.
python3 - "$TMP/words.txt" <<'PY'
import sys
s = "支出增加1万元，XX局；"
open(sys.argv[1], "w", encoding="utf-8").write("上海市某某区民政局2024年度部门决算\n\n一、说明\n" + s * 160000 + "\n")
PY
bounded 2000000 $((5 * slow)) check -q -f jsonl --no-isolation --checks template-residue "$TMP/words.txt"
expect_status 1 "160,000 placeholders among words of another matcher are checked in bounded time"
grep -q '"message":"模板占位“XX”等160000处未替换为实际内容' "$out" && pass ||
    fail "template-residue counts all 160,000 placeholders of the line in one finding"

# missing-cause: 20,000 empty causes in one paragraph without a "。" (1.4
# MB).  Each finding read its sentence from the start again, for its
# difference and its amounts (12,000 in 830 KB: 18 s); now the paragraph's
# breaks, words and amounts are listed once (0.4 s).
python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('上海市某某区民政局2024年度部门决算\n\n一、说明\n\n年初预算为2.00万元，支出决算为1.00万元，' + '因公出国（境）费比上年减少1.00万元，原因是：XX，' * 20000 + '\n')" "$TMP/mc-causes.txt"
bounded 1000000 $((10 * slow)) check -q -f jsonl --no-isolation --checks missing-cause "$TMP/mc-causes.txt"
expect_status 1 "20,000 empty causes in a paragraph without 。 are checked in bounded time"
[ "$(grep -c '"rule":"missing-cause/empty-cause"' "$out")" -eq 20000 ] && pass ||
    fail "missing-cause finds all 20,000 empty causes"
[ "$(grep -c '"expected":"2.00","actual":"1.00"' "$out")" -eq 20000 ] && pass ||
    fail "each names the budget and the outturn stated before it in the paragraph"

# 200,000 findings in one document (5 MB): sorting them, numbering the
# repeats of one finding for their fingerprints and merging a check's
# residues per line each compared every finding with all before it
# (64 s); now sorted and hashed.
python3 - "$TMP/findings.txt" <<'PY'
import sys
out = ["上海市某某区民政局2024年度部门决算\n\n一、说明\n"]
out.extend("支出增加%d.00万元，主要原因是。XX局\n\n" % i for i in range(100000))
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
bounded 2000000 $((40 * slow)) check --no-isolation --checks missing-cause,template-residue "$TMP/findings.txt"
expect_status 1 "200,000 findings are sorted and written in bounded time"
expect_out "发现 200001 个问题（错误 200001，警告 0，提示 0）" "all of them"

# DOCX: a row 126,000 columns wide (2,000 cells of gridSpan 63) above
# 4,000 empty rows (1 KB) took minutes; blank rows are not padded now.
python3 - "$TMP/gridspan.docx" "$TMP/numbering.docx" <<'PY'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
P = '<w:p><w:r><w:t>%s</w:t></w:r></w:p>'
def write(path, body, numbering=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", '<w:document %s><w:body>%s</w:body></w:document>' % (W, body))
        if numbering:
            z.writestr("word/numbering.xml", '<w:numbering %s>%s</w:numbering>' % (W, numbering))
wide = '<w:tr>' + '<w:tc><w:tcPr><w:gridSpan w:val="63"/></w:tcPr><w:p/></w:tc>' * 2000 + '</w:tr>'
write(sys.argv[1], P % '2024年度部门决算' + '<w:tbl>' + wide + '<w:tr/>' * 4000 + '</w:tbl>'
      + P % '主要原因是。')
# 150,000 lists and 150,000 numbered paragraphs (old: 7 s for 50,000,
# quadratic), each list found by id.
n = 150000
absn = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>')
nums = ''.join('<w:num w:numId="%d"><w:abstractNumId w:val="0"/></w:num>' % i for i in range(1, n + 1))
paras = ''.join('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>'
                '<w:r><w:t>项</w:t></w:r></w:p>' % (n - i) for i in range(n))
write(sys.argv[2], P % '2024年度部门决算' + paras + P % '主要原因是。', absn + nums)
PY
bounded 1000000 $((20 * slow)) check --checks missing-cause "$TMP/gridspan.docx"
expect_status 1 "a 1 KB DOCX of wide spans and empty rows is read in seconds"
expect_out "missing-cause" "the paragraph after the table is checked"
bounded 1000000 $((20 * slow)) dump "$TMP/numbering.docx"
expect_status 0 "150,000 numbered paragraphs in 150,000 lists are read in seconds"
expect_out "1.项" "a numbered paragraph has its label"

# HTML nested deeper than libxml2 parses (256): a clear error, never a
# clean report of the part before.
for depth in 300 100000; do
    python3 -c "import sys; d = int(sys.argv[1]); sys.stdout.write('<html><body><p>2024年度部门决算</p>' + '<div>' * d + '<p>主要原因是。</p>' + '</div>' * d + '</body></html>')" \
        "$depth" >"$TMP/deep.html"
    bounded 1000000 $((20 * slow)) check "$TMP/deep.html"
    expect_status 3 "HTML nested $depth deep is not read"
    expect_err "deep.html: HTML 元素嵌套超过 256 层（第 1 行附近），无法完整读取，未检查" "depth $depth named"
done
python3 -c "import sys; sys.stdout.write('<html><body><p>2024年度部门决算</p>' + '<div>' * 250 + '<p>主要原因是。</p>' + '</div>' * 250 + '</body></html>')" \
    >"$TMP/deep.html"
bounded 1000000 $((20 * slow)) check --checks missing-cause "$TMP/deep.html"
expect_status 1 "HTML nested 250 deep is read whole"
expect_out "missing-cause" "the deep paragraph is checked"

# Output that cannot be written: a message and exit 2, never the status
# of a complete run.
if [ -w /dev/full ]; then
    for cmd in check dump; do
        for f in text json; do
            bounded 1000000 $((20 * slow)) "$cmd" -f "$f" "$EX/000_043825adc2a1e450.txt"
            # (no address-space ceiling under ASan: it needs terabytes)
            ( [ "$asan" -eq 1 ] || ulimit -v 1000000 2>/dev/null
              exec "$FISLINT" "$cmd" -f "$f" "$EX/000_043825adc2a1e450.txt" ) >/dev/full 2>"$err"
            status=$?
            expect_status 2 "$cmd -f $f > /dev/full"
            expect_err "fislint: 写入输出时出错" "$cmd -f $f: the write error is named"
        done
    done
fi

# PDF: more than 2,000 pages is refused with a reason.  Pages metres wide
# with ruled tables cost 1 min 43 s for 200 when pages were rendered to
# find borders; read from the page's paths they cost nothing special.
python3 - "$SRC/tests" "$TMP/many.pdf" "$TMP/wide.pdf" <<'PY'
import sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
import minipdf
text = b"".join(minipdf.text(x, y, b"%d" % (x + y), 12) for y in (700, 680, 660) for x in (72, 300))
page = b"0 0 0 RG 1 w 60 715 m 400 715 l S 60 655 m 400 655 l S " + text
minipdf.write(sys.argv[2], page, pages=2001, size=(595, 595))
minipdf.write(sys.argv[3], page, pages=200, size=(14400, 14400))
PY
bounded 1000000 $((20 * slow)) check "$TMP/many.pdf"
expect_status 3 "a PDF of 2,001 pages is refused"
expect_err "many.pdf: PDF 共 2001 页，超过上限 2000 页，未检查" "the page limit named"
bounded 1000000 $((5 * slow)) dump "$TMP/wide.pdf"
expect_status 0 "a PDF of 200 ruled pages 5 m wide is read within seconds"

# Dashed lines as a hostile file draws them: 10^20 points long, 20,000
# of them beside the page, a pattern of 1,000 dashes, dashes of 10^-9
# points.  Each is walked only inside the page, or not at all.
python3 - "$SRC/tests" "$TMP/dashes.pdf" <<'PY'
import sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
import minipdf
text = b"".join(minipdf.text(x, y, b"%d" % (x + y), 12) for y in (700, 680, 660) for x in (72, 300))
big = b"1" + b"0" * 20
lines = b"[6 2] 0 d 0 700 m %s 700 l S -%s 690 m %s 690 l S " % (big, big, big)
lines += b"".join(b"0 %d m 500 %d l S " % (-5000 - i, -5000 - i) for i in range(20000))
lines += b"[" + b"7 2 " * 500 + b"] 0 d 60 650 m 500 650 l S "
lines += b"[0.000000001 0.000000001] 0 d 60 640 m 500 640 l S\n"
minipdf.write(sys.argv[2], lines + text)
PY
bounded 1000000 $((5 * slow)) dump "$TMP/dashes.pdf"
expect_status 0 "a page of hostile dashed lines is read within seconds"
expect_out "772 1000 752 980" "its text is read"

# Cycles: an xref table whose /Prev is itself, a page tree that holds
# itself and a node that is its own kid and parent, an object stream that
# extends itself.  The one real page is read, once.
python3 - "$TMP/cyclic.pdf" <<'PY'
import sys
content = b"BT /F1 12 Tf 72 720 Td (2024 budget) Tj ET"
objs = [
    (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
    (2, b"<< /Type /Pages /Kids [3 0 R 2 0 R 4 0 R] /Count 3 >>"),
    (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> >>"),
    (4, b"<< /Type /Pages /Kids [4 0 R] /Parent 4 0 R /Count 1 >>"),
    (5, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)),
    (6, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    (7, b"<< /Type /ObjStm /N 1 /First 4 /Extends 7 0 R /Length 0 >>\nstream\n\nendstream"),
]
out, offs = b"%PDF-1.4\n", {}
for num, body in objs:
    offs[num] = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
xref = len(out)
out += b"xref\n0 8\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offs[i] for i in range(1, 8))
out += b"trailer\n<< /Size 8 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (xref, xref)
open(sys.argv[1], "wb").write(out)
PY
bounded 1000000 $((20 * slow)) dump "$TMP/cyclic.pdf"
expect_status 0 "a PDF with cyclic xrefs and page tree is read"
[ "$(grep -c '2024 budget' "$out")" = 1 ] && pass || fail "its one page is read once"

# -i /dev/zero: no newline ever comes; the list is refused at once.
bounded 1000000 $((20 * slow)) check -i /dev/zero
expect_status 2 "-i /dev/zero is a usage error"
expect_err "fislint: /dev/zero: 列表文件第 1 行过长（超过 65535 字节）或含有 NUL 字节" "-i /dev/zero named"
python3 -c "import sys; sys.stdout.write('x.txt\n' * 1000001)" >"$TMP/list.txt"
bounded 1000000 $((20 * slow)) check -i "$TMP/list.txt"
expect_status 2 "a list of 1,000,001 entries is a usage error"
expect_err "列表文件超过 1000000 项，请拆成几个较小的列表" "the entry limit named"

# A large but honest XLSX (a 79 MB sheet compressed about 10:1) is not
# called a zip bomb: the message says which limit and how to raise it.
python3 - "$TMP/big.xlsx" <<'PY'
import sys, zipfile
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               '<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
               '</Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        for r in range(1, 600001):
            f.write(b'<row r="%d"><c r="A%d"><v>%d.%02d</v></c><c r="B%d"><v>%d</v></c>'
                    b'<c r="C%d"><v>%d</v></c></row>'
                    % (r, r, r * 7919 % 1000003, r % 100, r, r * 31, r, r * 17 % 9973))
        f.write(b'</sheetData></worksheet>')
PY
bounded 1000000 $((30 * slow)) check "$TMP/big.xlsx"
expect_status 3 "an XLSX inflating past 64 MB is not read"
expect_err "超过 64 MB 的解压上限（压缩比" "the limit that was hit"
expect_err "不像压缩炸弹），未读取；如确需检查这样大的文件，可用 --max-size 调高上限" "how to raise it"

# A NUL byte after the first 8 KB: a space in the model, so that the
# dump and the checks see the same line.
python3 - "$TMP/nul.txt" <<'PY'
import sys
body = "2024年度部门决算\n\n" + "说明文字。\n" * 700
open(sys.argv[1], "wb").write(body.encode() + b"\xe6\x94\xaf\xe5\x87\xba\0" + "比上年增加10万元，主要原因是。\n".encode())
PY
bounded 1000000 $((20 * slow)) dump "$TMP/nul.txt"
expect_status 0 "a late NUL byte is read"
expect_out "L703-703  支出 比上年增加10万元,主要原因是。" "the dump keeps the text after the NUL"
bounded 1000000 $((20 * slow)) check --checks missing-cause -f json "$TMP/nul.txt"
expect_out '"evidence": "支出 比上年增加10万元，主要原因是。"' "the checks see the same text"
# Per document: a time limit that also ends the hung check's own worker,
# and a memory limit; the other documents are still checked.
PLUGDIR=$FISLINT_BUILDDIR/tests/plugins/.libs
printf '2024年度某局部门决算\nHANG\n' > "$TMP/hang-doc-$$.txt"
run check --plugin-dir "$PLUGDIR" --checks 'crashy,good-probe' --doc-timeout 2 \
    "$TMP/hang-doc-$$.txt" "$EX/000_043825adc2a1e450.txt"
expect_status 3 "--doc-timeout ends a document that takes too long"
expect_err "hang-doc-$$.txt: 读取和检查本文件超过时间上限（--doc-timeout），已终止" "says which file and why"
expect_out "000_043825adc2a1e450.txt" "the next document still checked"
sleep 1
pgrep -f "hang-doc-$$.txt" >/dev/null && fail "a worker of the stopped document is still running" || pass
if [ "$asan" -eq 0 ]; then
    run check --doc-memory 150 --checks table-totals -f json "$TMP/rows.html" "$EX/000_043825adc2a1e450.txt"
    expect_status 3 "--doc-memory: a document past the limit is unreadable"
    expect_err "rows.html:" "the document past the memory limit is named"
    expect_out "000_043825adc2a1e450.txt" "the other document still checked"
fi
finish
