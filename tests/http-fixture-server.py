#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for the fetch tests.

It serves the seed reports as HTML pages (generated with
tests/fixtures/http/seed2html.py: seed 003 in UTF-8, seed 001 in GBK), the
static fixtures of tests/fixtures/http/, and routes that misbehave the way
government portals do (redirects and a redirect loop, 404, a 500 that
succeeds on retry, a slow answer, an answer dripping a byte a second, an
oversized answer, a PDF served as text/html, hostile Content-Disposition
names).

It listens on an ephemeral port and writes that port to --port-file once
it is ready.  Every request is logged to --log as one JSON line with its
start and end times, so a test can verify from the server's own view how
many requests were in flight at once.

usage: http-fixture-server.py --root tests/fixtures/http --examples examples
                              --log LOG --port-file FILE [--www DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
COUNTERS = {}
ARGS = None
WWW = None


def tiny_pdf(text):
    """A minimal valid one-page PDF showing `text` (ASCII)."""
    stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def generate_pages():
    """Seed pages into --www (the test's own temporary directory)."""
    www = ARGS.www or tempfile.mkdtemp(prefix="fislint-www-")
    os.makedirs(www, exist_ok=True)
    gen = os.path.join(ARGS.root, "seed2html.py")
    seeds = {
        "seed003.html": ("003_b8f3d489ed9ef61e.txt", ["--encoding", "utf-8"]),
        "seed001.html": ("001_aaa1171e4b8d576e.txt", ["--encoding", "gbk"]),
        "seed001-header.html": ("001_aaa1171e4b8d576e.txt", ["--encoding", "gbk", "--no-meta"]),
    }
    for name, (seed, opts) in seeds.items():
        subprocess.run([sys.executable, gen, os.path.join(ARGS.examples, seed),
                        os.path.join(www, name)] + opts, check=True)
    return www


_GZIP_BOMB = []


def gzip_bomb():
    # Built once, on first use: compressing 256 MiB of zeros takes a moment.
    if not _GZIP_BOMB:
        import zlib
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = bytes(1 << 20)
        parts = [z.compress(zeros) for _ in range(256)]
        parts.append(z.flush())
        _GZIP_BOMB.append(b"".join(parts))
    return _GZIP_BOMB[0]


def small_page(title):
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
            "<body><h1>%s</h1><p>本页用于测试。</p></body></html>" % (title, title)).encode()


class Handler(BaseHTTPRequestHandler):
    server_version = "fixture/1"

    def log_message(self, fmt, *args):
        pass  # the JSON log below is the log

    def answer(self, status):
        # Log the request before the client can see any of the answer: once it
        # has the answer it may start the next request, or exit and let the
        # test read the log, before this thread would get to log after the
        # write.  So "end" is when the server starts answering.
        self.answered = time.time()
        self.status = status
        self.record()
        self.send_response(status)

    def record(self):
        if self.logged:
            return
        self.logged = True
        end = self.answered if self.answered is not None else time.time()
        with LOCK, open(ARGS.log, "a") as log:
            log.write(json.dumps({"path": self.path, "start": self.start, "end": end,
                                  "status": self.status,
                                  "ua": self.headers.get("User-Agent", "")}) + "\n")

    def send(self, status, body, ctype="text/html; charset=utf-8", headers=None, length=True):
        self.answer(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def count(self, key):
        with LOCK:
            COUNTERS[key] = COUNTERS.get(key, 0) + 1
            return COUNTERS[key]

    def do_GET(self):
        self.start = time.time()
        self.status = 0
        self.answered = None
        self.logged = False
        try:
            self.route()
        finally:
            self.record()  # a request that got no answer is logged too

    def static(self, path, ctype):
        with open(path, "rb") as f:
            self.send(200, f.read(), ctype)

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        p = url.path
        q = urllib.parse.parse_qs(url.query)
        pdf = tiny_pdf("fislint fixture PDF 2023")
        if p == "/seed003.html":
            return self.static(os.path.join(WWW, "seed003.html"), "text/html; charset=utf-8")
        if p == "/seed001.html":
            return self.static(os.path.join(WWW, "seed001.html"), "text/html")
        if p == "/seed001-header.html":
            return self.static(os.path.join(WWW, "seed001-header.html"), "text/html; charset=GBK")
        if p in ("/attachments.html", "/list.html", "/bureau/a.html", "/bureau/b.html",
                 "/bureau/index.html", "/news.html"):
            return self.static(os.path.join(ARGS.root, p.lstrip("/").replace("/", "-")),
                               "text/html; charset=utf-8")
        if p == "/files/report.pdf" or p == "/wrongtype.html":
            return self.send(200, pdf, "text/html; charset=utf-8")  # wrong on purpose
        if p == "/download":
            return self.send(200, pdf, "application/octet-stream",
                             {"Content-Disposition": 'attachment; filename="../../x"'})
        if p == "/gbk-name":
            return self.send(200, pdf, "application/pdf",
                             # raw GBK bytes of 决算 (sent as latin-1 code points)
                             {"Content-Disposition": 'attachment; filename="\xbe\xf6\xcb\xe3.pdf"'})
        if p == "/utf8-name":
            return self.send(200, pdf, "application/pdf",
                             {"Content-Disposition": "attachment; filename=\"fallback.pdf\"; "
                              "filename*=UTF-8''2023%E5%B9%B4%E9%83%A8%E9%97%A8%E5%86%B3%E7%AE%97.pdf"})
        if p == "/doc":
            return self.send(200, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
                             "application/msword")
        if p == "/redirect":
            return self.send(302, b"", None, {"Location": "/seed003.html"})
        if p == "/loop/a":
            return self.send(302, b"", None, {"Location": "/loop/b"})
        if p == "/loop/b":
            return self.send(302, b"", None, {"Location": "/loop/a"})
        if p == "/ftp-redirect":
            return self.send(302, b"", None, {"Location": "ftp://127.0.0.1/x.pdf"})
        if p == "/flaky":
            if self.count("flaky") == 1:
                return self.send(500, b"<h1>busy</h1>")
            return self.send(200, small_page("重试后成功"))
        if p == "/slow":
            time.sleep(float(q.get("s", ["3"])[0]))
            return self.send(200, small_page("很慢"))
        if p == "/sleep":
            time.sleep(int(q.get("ms", ["300"])[0]) / 1000.0)
            return self.send(200, small_page("页面 %s" % q.get("n", ["0"])[0]))
        if p == "/big":
            return self.send(200, b"<html><body>" + b"x" * (3 * 1024 * 1024) + b"</body></html>")
        if p == "/gzip-bomb":
            # 256 MiB of zeros in about 260 KB, announced as gzip: only a
            # count of the decoded bytes can stop it.
            return self.send(200, gzip_bomb(), "text/html; charset=utf-8",
                             {"Content-Encoding": "gzip"})
        if p == "/endless":
            # A multi-GB body without Content-Length (8 GiB unless the
            # client hangs up first).
            self.answer(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"z" * 65536
            try:
                for _ in range(8 * 16384):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        if p == "/many-links.html":
            # A page linking 100,000 attachments.
            n = int(q.get("n", ["100000"])[0])
            links = "".join('<li><a href="/many/%d.pdf">附件%d</a></li>' % (i, i) for i in range(n))
            return self.send(200, ("<html><body><h1>部门决算</h1><ul>%s</ul></body></html>" % links)
                             .encode("utf-8"), "text/html; charset=utf-8")
        if p.startswith("/many/") and p.endswith(".pdf"):
            return self.send(200, pdf, "application/pdf")
        if p == "/big-stream":
            # No Content-Length: only the running count can stop it.
            self.answer(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"y" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        if p == "/drip":
            # Slowloris: headers at once, then one byte a second (n bytes
            # at most, so the thread ends by itself).
            n = min(int(q.get("n", ["30"])[0]), 120)
            self.answer(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            try:
                for _ in range(n):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        if p == "/cond.html":
            etag = '"v1"'
            lm = "Wed, 01 May 2024 08:00:00 GMT"
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", None, {"ETag": etag}, length=False)
            return self.send(200, small_page("条件请求"), "text/html; charset=utf-8",
                             {"ETag": etag, "Last-Modified": lm})
        return self.send(404, b"<h1>Not Found</h1>")


def main():
    global ARGS, WWW
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--www", help="where to write the generated seed pages")
    ARGS = ap.parse_args()
    WWW = generate_pages()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % httpd.server_address[1])
    os.rename(tmp, ARGS.port_file)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
