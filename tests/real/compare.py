#!/usr/bin/env python3
"""compare.py — the findings fislint raises on the real PDFs against the
regression set in findings.tsv, and what `fislint dump` says each document is
against identity.tsv.

    compare.py FISLINT PDFDIR          compare; exit 1 on any difference
    compare.py FISLINT PDFDIR --print  print today's findings as TSV rows
                                       (to review page by page, then paste)

A finding is keyed by file, severity, rule, page, expected and actual: a
change in any of them is a new finding and a lost one.  Info findings are
not part of the set (rounding notes, "could not read reliably")."""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def fislint_json(fislint, *args):
    p = subprocess.run([fislint, *args], capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit("fislint %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return json.loads(p.stdout)


def findings(fislint, pdf):
    doc = fislint_json(fislint, "check", "-f", "json", pdf)["documents"][0]
    out = []
    for f in doc["findings"]:
        if f["severity"] == "info":
            continue
        out.append((os.path.basename(pdf), f["severity"], f["rule"], str(f["location"]["page"]),
                    f["expected"] or "", f["actual"] or "", f["message"]))
    return out


def main():
    fislint, pdfdir = sys.argv[1], sys.argv[2]
    pdfs = sorted(os.path.join(pdfdir, n) for n in os.listdir(pdfdir) if n.endswith(".pdf"))
    if "--print" in sys.argv:
        for pdf in pdfs:
            for f in findings(fislint, pdf):
                print("\t".join(f))
        return 0

    failed = passed = 0
    # A multiset: three identical placeholders on one page are three findings.
    expected = collections.Counter()
    verdicts = {}
    for row in read_tsv("findings.tsv"):
        key = tuple(row[:6])
        expected[key] += 1
        verdicts.setdefault(key, row[6] if len(row) > 6 else "")
    identity = {row[0]: row[1:] for row in read_tsv("identity.tsv")}
    seen = set()
    for pdf in pdfs:
        name = os.path.basename(pdf)
        got = collections.Counter(g[:6] for g in findings(fislint, pdf))
        want = collections.Counter({k: v for k, v in expected.items() if k[0] == name})
        for k in sorted((got - want).elements()):
            print("FAIL: new finding not in tests/real/findings.tsv (read the page, then add it "
                  "with its verdict):\n  " + "\t".join(k))
            failed += 1
        for k in sorted((want - got).elements()):
            print("FAIL: finding lost: " + "\t".join(k) + "\n  verdict was: " + verdicts[k])
            failed += 1
        passed += sum((got & want).values())
        seen.add(name)

        model = fislint_json(fislint, "dump", "-f", "json", pdf)["identity"]
        want_id = identity.get(name)
        got_id = [model["kind"], str(model["year"] or ""), model["unit"] or ""]
        if want_id is None:
            print("FAIL: %s has no row in tests/real/identity.tsv (it is %s)" % (name, got_id))
            failed += 1
        elif got_id != want_id:
            print("FAIL: %s is read as %s, expected %s" % (name, got_id, want_id))
            failed += 1
        else:
            passed += 1
    for k in expected:
        if k[0] not in seen:
            print("FAIL: %s listed in findings.tsv but not in %s" % (k[0], pdfdir))
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
