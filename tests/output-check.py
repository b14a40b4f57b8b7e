#!/usr/bin/env python3
"""Reads back what `fislint check` wrote in each output format and compares
it with the JSON contract.  Used by tests/cli-output*.sh; exits non-zero with
a message on the first mismatch.

    output-check.py csv    REPORT.csv  REPORT.json
    output-check.py jsonl  REPORT.jsonl REPORT.json
    output-check.py sarif  REPORT.sarif REPORT.json SCHEMA.json
    output-check.py html   DOM.html    REPORT.json
"""
import csv
import io
import json
import sys

COLUMNS = ["单位", "文件/网址", "页", "行", "表/段落", "检查项", "规则", "严重程度",
           "问题描述", "应为", "实为", "差额", "整改建议", "指纹"]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
DOC_KEYS = ["type", "source", "format", "title", "kind", "year", "unit"]


def findings(report):
    for d in report["documents"]:
        for f in d["findings"]:
            yield d, f


def check_csv(path, report):
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM"
    body = raw[3:].decode("utf-8")
    assert "\r\n" in body and "\n" not in body.replace("\r\n", ""), "line ends are not CRLF"
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0] == COLUMNS, rows[0]
    expected = [(d, f) for d, f in findings(report)]
    unreadable = [d for d in report["documents"] if d["error"]]
    assert len(rows) - 1 == len(expected) + len(unreadable), (len(rows), len(expected))
    by_fp = {r[13]: r for r in rows[1:]}
    for d, f in expected:
        r = by_fp[f["fingerprint"]]
        assert len(r) == 14, r
        assert r[0] == (d["unit"] or ""), (r[0], d["unit"])
        assert r[1] == d["source"]
        assert r[3] == (str(f["location"]["line"]) if f["location"]["line"] else "")
        assert r[5] == f["check"] and r[6] == f["rule"], r
        assert r[7] == SEVERITY_ZH[f["severity"]], r[7]
        assert r[8].lstrip("'") == f["message"], (r[8], f["message"])
    for d in unreadable:
        assert any(r[1] == d["source"] and "无法检查" in r[8] for r in rows[1:]), d["source"]
    return rows


def check_jsonl(path, report):
    lines = open(path, encoding="utf-8").read().splitlines()
    objs = [json.loads(line) for line in lines]
    got = [o for o in objs if o["type"] == "finding"]
    want = list(findings(report))
    assert len(got) == len(want), (len(got), len(want))
    for o, (d, f) in zip(got, want):
        for k in DOC_KEYS[1:]:
            assert o[k] == d[k], (k, o[k], d[k])
        rest = {k: v for k, v in o.items() if k not in DOC_KEYS}
        assert rest == f, (rest, f)
    bad = [o for o in objs if o["type"] == "unreadable"]
    assert [o["source"] for o in bad] == [d["source"] for d in report["documents"] if d["error"]]
    assert all(o["error"] for o in bad)


def check_sarif(path, report, schema_path):
    import jsonschema
    log = json.load(open(path, encoding="utf-8"))
    schema = json.load(open(schema_path, encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    cls(schema).validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    results = run["results"]
    want = list(findings(report))
    assert len(results) == len(want), (len(results), len(want))
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules)) == len({f["rule"] for _, f in want})
    level = {"error": "error", "warning": "warning", "info": "note"}
    for res, (d, f) in zip(results, want):
        assert res["ruleId"] == f["rule"] and rules[res["ruleIndex"]] == f["rule"]
        assert res["level"] == level[f["severity"]] and res["message"]["text"] == f["message"]
        assert res["partialFingerprints"]["fislint/v1"] == f["fingerprint"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"]
        if f["location"]["line"]:
            assert loc["region"]["startLine"] == f["location"]["line"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == sum(1 for d in report["documents"] if d["error"])


def check_html(path, report):
    """The DOM Chromium built: the summary, one section per unit, findings."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.units, self.findings, self.marks, self.scripts = set(), [], 0, 0, 0
            self.in_h2 = None
            self.text = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "id" in a:
                self.ids.add(a["id"])
            cls = (a.get("class") or "").split()
            if tag == "section" and "unit" in cls:
                self.units.append("")
                self.in_h2 = False
            if tag == "h2" and self.in_h2 is False:
                self.in_h2 = True
            if tag == "div" and "finding" in cls:
                self.findings += 1
            self.marks += tag == "mark"
            self.scripts += tag == "script"

        def handle_endtag(self, tag):
            if tag == "h2" and self.in_h2:
                self.in_h2 = None

        def handle_data(self, data):
            self.text.append(data)
            if self.in_h2:
                self.units[-1] += data

    p = P()
    p.feed(open(path, encoding="utf-8").read())
    units = []
    for d in report["documents"]:
        u = d["unit"] or "未识别单位"
        if u not in units:
            units.append(u)
    # Documents of no known unit come last.
    units.sort(key=lambda u: u == "未识别单位")
    assert "summary" in p.ids, "no summary section"
    assert p.units == units, (p.units, units)
    assert p.findings > 0 and p.marks > 0, (p.findings, p.marks)
    assert p.scripts == 0, "a script element in the page"
    text = "".join(p.text)
    assert "共检查 %d 个文档" % len(report["documents"]) in text
    assert "按检查项" in text and "按单位" in text


def main():
    kind, path, report_path = sys.argv[1:4]
    report = json.load(open(report_path, encoding="utf-8"))
    if kind == "csv":
        check_csv(path, report)
    elif kind == "jsonl":
        check_jsonl(path, report)
    elif kind == "sarif":
        check_sarif(path, report, sys.argv[4])
    elif kind == "html":
        check_html(path, report)
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
