#!/bin/sh
# Peak memory against input size, per format (issue 11: "the document
# model costs at most a small constant times the input size").  Usage:
#   bench/memory.sh [build-dir] [small-MB] [large-MB]
# For text, HTML, DOCX and XLSX it writes inputs of two sizes, runs
# `fislint check --no-isolation -f json` on each (in-process, so the peak
# resident size is the reader's and the model's) and prints the peak RSS,
# the RSS above a tiny input's baseline, and that over the input size: the
# constant.  DOCX and XLSX are zipped, so their constant is also given
# against the inflated XML.  For PDF, where bytes say little about the
# content, the real PDFs in tests/real/pdf give MB per page.  Ratios, not
# timings.  Environment: FORMATS (default "text html docx xlsx pdf");
# FISLINT_ARGS is added to each `fislint check`.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
case $build in /*) ;; *) build=$top/$build ;; esac
FISLINT=$build/core/cli/fislint
SMALL=${2:-4}
LARGE=${3:-16}
[ -x "$FISLINT" ] || { echo "no $FISLINT (build first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Peak RSS in KB of one `fislint check` (python's getrusage of the child,
# so GNU time is not needed).  Exit status 0, 1 and 3 are results.
peak() { # FILE [CMD] -> KB
    python3 - "$FISLINT" "${2:-check}" "$1" ${FISLINT_ARGS:-} <<'PY'
import resource, subprocess, sys
fislint, cmd, path, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
args = [fislint, cmd] + (["--no-isolation", "-f", "json"] if cmd == "check" else []) + extra + [path]
r = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if r.returncode not in (0, 1, 3):
    sys.exit("fislint %s %s: exit %d: %s" % (cmd, path, r.returncode, r.stderr.decode()[-300:]))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

# gen FORMAT MB FILE: an input of about MB megabytes (XML MB for DOCX/XLSX).
gen() {
    python3 - "$top" "$1" "$2" "$3" <<'PY'
import glob, os, sys, zipfile
top, fmt, mb, path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
size = int(mb * 1024 * 1024)
if fmt == "text":
    # The seed reports (narrative and pipe tables) over and over.
    seeds = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(top + "/examples/*.txt"))]
    out, n, i = [], 0, 0
    while n < size:
        s = seeds[i % len(seeds)]
        out.append(s)
        n += len(s.encode())
        i += 1
    open(path, "w", encoding="utf-8").write("\n".join(out))
    sys.exit(0)
para = "本部门2024年度一般公共预算财政拨款支出1234.56万元，比上年增加12.3万元，主要原因是人员变动。"
row = [("2010301", "行政运行", "1,234.56", "1,000.00", "234.56")]
if fmt == "html":
    with open(path, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset='utf-8'><title>决算</title></head><body>")
        n, k = 0, 0
        while n < size:
            chunk = "<h2>一、收支总表</h2><p>%s</p><table><tr><th>科目编码</th><th>科目名称</th>" \
                    "<th>合计</th><th>基本支出</th><th>项目支出</th></tr>" % para
            chunk += "".join("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % row[0]
                             for _ in range(40)) + "</table>\n"
            f.write(chunk)
            n += len(chunk.encode())
            k += 1
        f.write("</body></html>")
    sys.exit(0)
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", CT)
    if fmt == "docx":
        W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        P = '<w:p><w:r><w:t>%s</w:t></w:r></w:p>'
        cell = '<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>'
        name = "word/document.xml"
        head, tail = '<w:document %s><w:body>' % W, '</w:body></w:document>'
        def chunk():
            return (P % "一、收支总表" + P % para + "<w:tbl>" +
                    "".join("<w:tr>" + "".join(cell % c for c in row[0]) + "</w:tr>" for _ in range(40)) +
                    "</w:tbl>")
    else:
        z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                   '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        name = "xl/worksheets/sheet1.xml"
        head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        tail = '</sheetData></worksheet>'
        counter = [0]
        def chunk():
            out = []
            for _ in range(40):
                counter[0] += 1
                r = counter[0]
                out.append('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c>'
                           '<c r="B%d" t="inlineStr"><is><t>%s</t></is></c><c r="C%d"><v>1234.56</v></c>'
                           '<c r="D%d"><v>1000</v></c><c r="E%d"><v>234.56</v></c></row>'
                           % (r, r, row[0][0], r, row[0][1], r, r, r))
            return "".join(out)
    with z.open(name, "w", force_zip64=True) as f:
        f.write(head.encode())
        n = 0
        while n < size:
            c = chunk().encode()
            f.write(c)
            n += len(c)
        f.write(tail.encode())
PY
}

xml_size() { # zipped FILE -> bytes inflated
    python3 -c "import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))" "$1"
}

# A tiny input: what the process costs before any document.
printf '2024年度部门决算\n\n主要原因是。\n' > "$work/tiny.txt"
base=$(peak "$work/tiny.txt")
printf 'baseline (tiny text input): %d KB peak RSS\n\n' "$base"
printf '%-5s %9s %9s %10s %10s %8s %8s\n' format input inflated "peak RSS" "above base" "x input" "x infl."

row() { # FORMAT FILE
    f=$2
    bytes=$(stat -c %s "$f")
    case $1 in docx | xlsx) infl=$(xml_size "$f") ;; *) infl=$bytes ;; esac
    kb=$(peak "$f")
    awk -v fmt="$1" -v b="$bytes" -v i="$infl" -v kb="$kb" -v base="$base" 'BEGIN {
        above = (kb - base) * 1024
        printf "%-5s %7.1fMB %7.1fMB %8.0fMB %8.0fMB %8.1f %8.1f\n", fmt, b / 1048576, i / 1048576,
            kb / 1024, above / 1048576, above / b, above / i }'
}

for fmt in ${FORMATS:-text html docx xlsx pdf}; do
    case $fmt in
    text) ext=txt ;;
    pdf) continue ;;
    *) ext=$fmt ;;
    esac
    for mb in "$SMALL" "$LARGE"; do
        gen "$fmt" "$mb" "$work/in-$mb.$ext"
        row "$fmt" "$work/in-$mb.$ext"
        rm -f "$work/in-$mb.$ext"
    done
done

case " ${FORMATS:-pdf} " in *" pdf "*)
    echo
    printf '%-44s %6s %8s %10s %9s\n' pdf pages "peak RSS" "above base" "MB/page"
    for f in "$top"/tests/real/pdf/*.pdf; do
        pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
        [ -n "$pages" ] || pages=0
        kb=$(peak "$f")
        awk -v n="$(basename "$f")" -v p="$pages" -v kb="$kb" -v base="$base" 'BEGIN {
            above = (kb - base) / 1024
            printf "%-44s %6d %6.0fMB %8.0fMB %9.2f\n", n, p, kb / 1024, above, p ? above / p : 0 }'
    done
    ;;
esac
