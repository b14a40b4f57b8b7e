"""minipdf.py — small PDFs written operator by operator, for the tests
that need a page drawing exactly this (borders, dashes, hostile values).

    import sys; sys.path.insert(0, TESTS_DIR); import minipdf
    minipdf.write(path, content)                       # one A4 page
    minipdf.write(path, content, pages=200, size=(14400, 14400))
    minipdf.write(path, content, form=form_content)    # /X0 Do draws it

Every page shows the same content stream, with the font /F1 (Helvetica)
and the form /X0 in its resources.  Objects: 1 catalog, 2 page tree,
3 content, 4 font, 5 form, 6… pages.
"""


def write(path, content, pages=1, size=(595, 842), form=None):
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    resources = b"/Font << /F1 4 0 R >>"
    if form is not None:
        objs[5] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Length %d >>\n"
                   b"stream\n" % (size[0], size[1], len(form)) + form + b"\nendstream")
        resources += b" /XObject << /X0 5 0 R >>"
    kids = [6 + i for i in range(pages)]
    for k in kids:
        objs[k] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R "
                   b"/Resources << %s >> >>" % (size[0], size[1], resources))
    objs[2] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
               + b"] /Count %d >>" % pages)
    out, offs = bytearray(b"%PDF-1.4\n"), {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref, total = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % total
    # Numbers no object has (5 without a form) are free entries.
    out += b"".join(b"%010d 00000 n \n" % offs[k] if k in offs else b"0000000000 65535 f \n"
                    for k in range(1, total))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (total, xref)
    with open(path, "wb") as f:
        f.write(out)


def text(x, y, s, size=10):
    """One line of Helvetica at (x, y), PDF coordinates (y up)."""
    return b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (size, x, y, s)
