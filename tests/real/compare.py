#!/usr/bin/env python3
"""compare.py — the findings fislint raises on real reports against the
regression set, and what `fislint dump` says each PDF is against identity.tsv.

    compare.py FISLINT SRCDIR          compare; exit 1 on any difference
    compare.py FISLINT SRCDIR --print  print today's findings as TSV rows
                                       (to review page by page, then paste)

Each set is checked in one run, as an office would check a bureau's
reports together: reports of the same unit see each other (across-years).

Two sets of real reports:
  - tests/real/pdf/*.pdf against findings.tsv: every error and warning of
    every check; the location column is the PDF page.
  - examples/*.txt (the four seed reports) against seed-findings.tsv: the
    errors and warnings of the checks and rules named on its "# checks:"
    line (the older checks assert their seed findings in their own tests); the
    location column is "L" and the line.

A finding is keyed by file, severity, rule, location, expected and actual: a
change in any of them is a new finding and a lost one.  Info findings are
not part of the set (rounding notes, "could not read reliably")."""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(name):
    rows, checks = [], None
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# checks:"):
                checks = {c.strip() for c in line[len("# checks:"):].split(",") if c.strip()}
            elif line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows, checks


def fislint_json(fislint, *args):
    p = subprocess.run([fislint, *args], capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit("fislint %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return json.loads(p.stdout)


def findings(fislint, paths, checks):
    """The findings on each of `paths`, checked in one run as an office
    would: reports of the same unit see each other (across-years)."""
    docs = fislint_json(fislint, "check", "-f", "json", *paths)["documents"]
    if len(docs) != len(paths):
        sys.exit("fislint checked %d documents of %d" % (len(docs), len(paths)))
    out = {}
    for path, doc in zip(paths, docs):
        rows = out.setdefault(path, [])
        for f in doc["findings"]:
            if f["severity"] == "info":
                continue
            if checks is not None and f["check"] not in checks and f["rule"] not in checks:
                continue
            loc = f["location"]
            where = str(loc["page"]) if loc["page"] is not None else "L%s" % loc["line"]
            rows.append((os.path.basename(path), f["severity"], f["rule"], where,
                         f["expected"] or "", f["actual"] or "", f["message"]))
    return out


def listing(directory, suffix):
    return sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(suffix))


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def fail(self, message):
        print("FAIL: " + message)
        self.failed += 1


def compare_set(fislint, paths, tsv, tally):
    rows, checks = read_tsv(tsv)
    # A multiset: three identical placeholders on one page are three findings.
    expected = collections.Counter(tuple(r[:6]) for r in rows)
    verdicts = {tuple(r[:6]): (r[6] if len(r) > 6 else "") for r in rows}
    names = set()
    found = findings(fislint, paths, checks)
    for path in paths:
        name = os.path.basename(path)
        names.add(name)
        got = collections.Counter(g[:6] for g in found[path])
        want = collections.Counter({k: v for k, v in expected.items() if k[0] == name})
        for k in sorted((got - want).elements()):
            tally.fail("new finding not in tests/real/%s (read the page, then add it with its "
                       "verdict):\n  %s" % (tsv, "\t".join(k)))
        for k in sorted((want - got).elements()):
            tally.fail("finding lost: %s\n  verdict was: %s" % ("\t".join(k), verdicts[k]))
        tally.passed += sum((got & want).values())
    for k in expected:
        if k[0] not in names:
            tally.fail("%s listed in %s but not among the reports" % (k[0], tsv))


def compare_identity(fislint, pdfs, tally):
    identity = {row[0]: row[1:] for row in read_tsv("identity.tsv")[0]}
    for pdf in pdfs:
        name = os.path.basename(pdf)
        model = fislint_json(fislint, "dump", "-f", "json", pdf)["identity"]
        got = [model["kind"], str(model["year"] or ""), model["unit"] or ""]
        want = identity.get(name)
        if want is None:
            tally.fail("%s has no row in tests/real/identity.tsv (it is %s)" % (name, got))
        elif got != want:
            tally.fail("%s is read as %s, expected %s" % (name, got, want))
        else:
            tally.passed += 1


def main():
    fislint, srcdir = sys.argv[1], sys.argv[2]
    pdfs = listing(os.path.join(srcdir, "tests", "real", "pdf"), ".pdf")
    seeds = listing(os.path.join(srcdir, "examples"), ".txt")
    if "--print" in sys.argv:
        seed_checks = read_tsv("seed-findings.tsv")[1]
        for paths, checks in [(pdfs, None), (seeds, seed_checks)]:
            for rows in findings(fislint, paths, checks).values():
                for f in rows:
                    print("\t".join(f))
        return 0
    tally = Tally()
    compare_set(fislint, pdfs, "findings.tsv", tally)
    compare_set(fislint, seeds, "seed-findings.tsv", tally)
    compare_identity(fislint, pdfs, tally)
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
