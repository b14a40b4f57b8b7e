/* pdf-page.cc — a PDF page's characters and ink, read with poppler's core
 * library in one pass over the page (pdf-page.h says what they are).
 *
 * One output device does both: poppler's TextOutputDev lays out the
 * characters, as poppler-glib's poppler_page_get_text() did, and the
 * device notes the rectangles that filled paths cover and the straight
 * lines that stroked paths draw, which are the table borders.
 *
 * Borders used to be found in a rendering of the page, which cost two
 * thirds of a PDF's time, most of it drawing the text that was then
 * blanked out again; and what a glyph left behind depended on the fonts
 * of the machine (a missing font is drawn as boxes, and boxes have
 * edges).  The paths are what the renderer was given: reading them
 * needs no drawing at all.  Of the 47 PDFs in the tests and ../shared,
 * 45 read the same as from the rendering; in the other two the rendering
 * was wrong (a font drawn as boxes; a header cell over two columns split
 * by a border it does not have).
 *
 * C++ because poppler's classes are; no exception leaves this file. */
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <Annot.h>
#include <Error.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include "pdf-page.h"

namespace {

/* Darker than this (0-255, luminance (3R + 6G + B) / 10 over white paper)
 * is ink: black and grey rulings are, the light shading of a header row
 * is not.  The level used when borders were read from a rendering. */
const double INK_LEVEL = 200;
/* Gaps this short inside a dashed line do not show at reading size: the
 * line is solid.  Dashes shorter than a border piece cannot make one. */
const double SOLID_GAP_PT = 1.6;
const double MIN_DASH_PT = 6.0;
/* Bounds on the walk along a dashed line: a real pattern has two to six
 * entries, and a line at most a page long (an A0 page is 3,370 points);
 * a longer dashed line is not walked, so not read as a border. */
const size_t MAX_DASHES = 16;
const double MAX_WALK_PT = 4500;

bool is_ink(const GfxRGB &c, double opacity)
{
    if (!(opacity > 0))
        return false;
    if (opacity > 1)
        opacity = 1;
    double lum = 0, weight[3] = { 3, 6, 1 };
    GfxColorComp comp[3] = { c.r, c.g, c.b };
    for (int i = 0; i < 3; i++) {
        double v = colToDbl(comp[i]) * 255;
        lum += weight[i] * (255 - opacity * (255 - v));
    }
    return lum < INK_LEVEL * 10;
}

/* A stroke's dash pattern in page points: on, off, on, … from `phase`
 * into it.  No lengths: a solid line. */
struct Dashes {
    std::vector<double> len;
    double phase = 0;
};

/* A walk along a dash pattern: the entry it is in, and what is left of it. */
struct DashWalk {
    const std::vector<double> &len;
    size_t i = 0;
    bool on = true;
    double left;

    explicit DashWalk(const std::vector<double> &lengths) : len(lengths), left(lengths[0]) { }
    /* Move on by step (at most what is left): to the next entry when this
     * one is used up. */
    void advance(double step)
    {
        left -= step;
        if (left <= 0) {
            i = (i + 1) % len.size();
            left = len[i];
            on = !on;
        }
    }
};

/* The dash pattern of the stroke about to be drawn, in page points.  A
 * pattern whose gaps do not show, or longer than a real one, is a solid
 * line; false when the pattern's dashes are all too short to be a
 * border.  So a walk never runs on dashes of no length (a hostile file's
 * [1e-9 1e-9] over a line metres long). */
bool stroke_dashes(GfxState *state, Dashes *out)
{
    double phase = 0;
    const std::vector<double> &user = state->getLineDash(&phase);
    std::vector<double> &len = out->len;
    if (user.size() <= MAX_DASHES)
        for (double u : user) {
            double d = state->transformWidth(u);
            len.push_back(std::isfinite(d) && d > 0 ? d : 0);
        }
    if (len.size() % 2) { /* [3] means [3 3] */
        std::vector<double> again(len);
        len.insert(len.end(), again.begin(), again.end());
    }
    bool gaps_show = false, long_dash = false;
    for (size_t i = 0; i < len.size(); i++) {
        if (i % 2)
            gaps_show = gaps_show || len[i] > SOLID_GAP_PT;
        else
            long_dash = long_dash || len[i] >= MIN_DASH_PT;
    }
    if (!gaps_show) {
        len.clear();
        return true;
    }
    phase = state->transformWidth(phase);
    out->phase = std::isfinite(phase) && phase > 0 ? phase : 0;
    return long_dash;
}

/* The ink boxes of one page, gathered from its fills and strokes. */
class Ink
{
public:
    std::vector<pl_box> boxes;
    bool too_many = false;

    void fill(GfxState *state);
    void stroke(GfxState *state);

private:
    void add(GfxState *state, double x0, double y0, double x1, double y1);
    void stroke_line(GfxState *state, double ax, double ay, double bx, double by, double width,
                     const Dashes &dashes);
};

/* The output device: poppler's text layout, plus the ink. */
class PageDev : public TextOutputDev
{
public:
    Ink ink;

    /* As poppler-glib made it: physical layout, no fixed pitch, reading
     * order rebuilt. */
    PageDev() : TextOutputDev(nullptr, true, 0, false, false) { }

    /* Shadings and patterns are painted areas, not borders: they are
     * claimed here so that poppler does not break them into thousands of
     * small fills.  (Text drawn as a tiling pattern's cell, which no
     * report does, is not read.) */
    bool useTilingPatternFill() override { return true; }
    bool useShadedFills(int) override { return true; }
    bool tilingPatternFill(GfxState *, Gfx *, Catalog *, GfxTilingPattern *, const double *, int,
                           int, int, int, double, double) override
    {
        return true;
    }
    bool functionShadedFill(GfxState *, GfxFunctionShading *) override { return true; }
    bool axialShadedFill(GfxState *, GfxAxialShading *, double, double) override { return true; }
    bool radialShadedFill(GfxState *, GfxRadialShading *, double, double) override { return true; }
    bool gouraudTriangleShadedFill(GfxState *, GfxGouraudTriangleShading *) override { return true; }
    bool patchMeshShadedFill(GfxState *, GfxPatchMeshShading *) override { return true; }

    void fill(GfxState *state) override
    {
        TextOutputDev::fill(state);
        ink.fill(state);
    }
    void eoFill(GfxState *state) override
    {
        TextOutputDev::eoFill(state);
        ink.fill(state);
    }
    void stroke(GfxState *state) override
    {
        TextOutputDev::stroke(state);
        ink.stroke(state);
    }
};

/* A box, cut to the clip: what falls outside it is not drawn. */
void Ink::add(GfxState *state, double x0, double y0, double x1, double y1)
{
    if (too_many)
        return;
    double cx0, cy0, cx1, cy1;
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    x0 = std::fmax(x0, cx0);
    y0 = std::fmax(y0, cy0);
    x1 = std::fmin(x1, cx1);
    y1 = std::fmin(y1, cy1);
    /* NaN and infinities (a hostile file) fail these tests too. */
    if (!(x1 >= x0 && y1 >= y0) || !std::isfinite(x1 - x0) || !std::isfinite(y1 - y0))
        return;
    if (boxes.size() >= PL_MAX_BOXES) {
        too_many = true;
        boxes.clear();
        return;
    }
    boxes.push_back(pl_box{ x0, y0, x1, y1 });
}

/* Each subpath that is an axis-aligned rectangle (a cell border drawn as
 * a thin filled rectangle, a shaded cell) is a box; other shapes (glyphs
 * drawn as outlines, curves, slanted lines) are not borders. */
void Ink::fill(GfxState *state)
{
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    if (!is_ink(rgb, state->getFillOpacity()))
        return;
    const GfxPath *path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths() && !too_many; i++) {
        const GfxSubpath *sp = path->getSubpath(i);
        int n = sp->getNumPoints();
        if (n < 4 || n > 5)
            continue;
        double x[5], y[5];
        bool straight = true;
        for (int k = 0; k < n; k++) {
            straight = straight && !sp->getCurve(k);
            state->transform(sp->getX(k), sp->getY(k), &x[k], &y[k]);
        }
        if (!straight)
            continue;
        double x0 = x[0], x1 = x[0], y0 = y[0], y1 = y[0];
        for (int k = 1; k < n; k++) {
            x0 = std::fmin(x0, x[k]);
            x1 = std::fmax(x1, x[k]);
            y0 = std::fmin(y0, y[k]);
            y1 = std::fmax(y1, y[k]);
        }
        /* Every corner on the box's edges: the rectangle is the box. */
        const double eps = 0.01;
        bool rect = true;
        for (int k = 0; k < n && rect; k++)
            rect = (std::fabs(x[k] - x0) < eps || std::fabs(x[k] - x1) < eps)
                   && (std::fabs(y[k] - y0) < eps || std::fabs(y[k] - y1) < eps);
        if (rect)
            add(state, x0, y0, x1, y1);
    }
}

/* One straight stroke from a to b, horizontal or vertical, as a box as
 * wide as the line, or a box per dash. */
void Ink::stroke_line(GfxState *state, double ax, double ay, double bx, double by,
                      double width, const Dashes &dashes)
{
    bool horizontal = std::fabs(ay - by) < 0.05, vertical = std::fabs(ax - bx) < 0.05;
    if (horizontal == vertical) /* slanted, or a dot */
        return;
    double a0 = horizontal ? std::fmin(ax, bx) : std::fmin(ay, by);
    double a1 = horizontal ? std::fmax(ax, bx) : std::fmax(ay, by);
    double across = horizontal ? ay : ax, half = width / 2;
    auto piece = [&](double p0, double p1) {
        if (horizontal)
            add(state, p0, across - half, p1, across + half);
        else
            add(state, across - half, p0, across + half, p1);
    };
    const std::vector<double> &dash = dashes.len;
    if (dash.empty()) {
        piece(a0, a1);
        return;
    }
    /* Only the part inside the clip is walked, so that the walk is as
     * long as the page whatever the coordinates (10^20 in a hostile
     * file, where adding a dash's length would not even move along). */
    double cx0, cy0, cx1, cy1;
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    double lo = horizontal ? cx0 : cy0, hi = horizontal ? cx1 : cy1;
    double across_lo = horizontal ? cy0 : cx0, across_hi = horizontal ? cy1 : cx1;
    double from = std::fmax(a0, lo), to = std::fmin(a1, hi);
    if (!(to > from) || !std::isfinite(to - from) || to - from > MAX_WALK_PT)
        return;
    /* Every long dash walked must make a box, so that the walks of a page
     * end with PL_MAX_BOXES: a line outside the clip across is not walked. */
    if (!(across + half >= across_lo && across - half <= across_hi))
        return;
    /* Walk the dash pattern along the line, from where it stands at the
     * clip: on, off, on, … */
    double period = 0;
    for (double d : dash)
        period += d;
    DashWalk walk(dash);
    for (double skip = std::fmod(dashes.phase + (from - a0), period); skip > 0;) {
        double step = std::fmin(skip, walk.left);
        skip -= step;
        walk.advance(step);
    }
    for (double at = from; at < to && !too_many;) {
        double step = std::fmin(walk.left, to - at);
        if (walk.on && step >= MIN_DASH_PT)
            piece(at, at + step);
        at += step;
        walk.advance(step);
    }
}

void Ink::stroke(GfxState *state)
{
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (!is_ink(rgb, state->getStrokeOpacity()))
        return;
    double width = state->getTransformedLineWidth();
    if (!(width > 0.5))
        width = 0.5; /* a hairline is drawn one pixel wide */
    Dashes dashes;
    if (!stroke_dashes(state, &dashes))
        return;

    const GfxPath *path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths() && !too_many; i++) {
        const GfxSubpath *sp = path->getSubpath(i);
        double px = 0, py = 0;
        for (int k = 0; k < sp->getNumPoints() && !too_many; k++) {
            double x, y;
            state->transform(sp->getX(k), sp->getY(k), &x, &y);
            if (k > 0 && !sp->getCurve(k) && !sp->getCurve(k - 1))
                stroke_line(state, px, py, x, y, width, dashes);
            px = x;
            py = y;
        }
    }
}

/* Nothing of poppler's diagnostics ("Syntax Error: …") is for the
 * reader of an issue list: a page poppler cannot read ends up with no
 * text, and the reader says so. */
void quiet(ErrorCategory, Goffset, const char *) { }

/* u in UTF-8 (nothing above U+10FFFF); the length, 0 when nothing.  A
 * lone surrogate, which a font's ToUnicode map may give, becomes U+FFFD:
 * its 3 bytes would not be UTF-8, which the model promises and the checks
 * step through by lead bytes. */
int utf8(Unicode u, char *out)
{
    if (u >= 0xD800 && u <= 0xDFFF)
        u = 0xFFFD;
    if (u < 0x80) {
        out[0] = static_cast<char>(u);
        return 1;
    }
    if (u < 0x800) {
        out[0] = static_cast<char>(0xc0 | (u >> 6));
        out[1] = static_cast<char>(0x80 | (u & 0x3f));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = static_cast<char>(0xe0 | (u >> 12));
        out[1] = static_cast<char>(0x80 | ((u >> 6) & 0x3f));
        out[2] = static_cast<char>(0x80 | (u & 0x3f));
        return 3;
    }
    if (u < 0x110000) {
        out[0] = static_cast<char>(0xf0 | (u >> 18));
        out[1] = static_cast<char>(0x80 | ((u >> 12) & 0x3f));
        out[2] = static_cast<char>(0x80 | ((u >> 6) & 0x3f));
        out[3] = static_cast<char>(0x80 | (u & 0x3f));
        return 4;
    }
    return 0;
}

/* A page's text as getSelectionWords() gives it: lines of word
 * selections, all freed when it goes, whatever left the loop. */
struct Selection {
    std::vector<TextWordSelection *> **lines = nullptr;
    int nlines = 0;

    Selection(TextPage *text, double width, double height)
    {
        PDFRectangle all(0, 0, width, height);
        lines = text->getSelectionWords(&all, selectionStyleGlyph, &nlines);
    }
    ~Selection()
    {
        for (int i = 0; i < nlines; i++) {
            for (TextWordSelection *sel : *lines[i])
                delete sel;
            delete lines[i];
        }
        gfree(lines);
    }
    Selection(const Selection &) = delete;
    Selection &operator=(const Selection &) = delete;
};

/* The characters of the page's text, in the order poppler-glib's
 * poppler_page_get_text() gave them: lines of words, a space after a word
 * that has one, a line break between lines.  Spaces and line breaks are
 * not glyphs; a glyph after a space (ASCII or U+3000) says so.
 * Characters without width are left out. */
void page_glyphs(TextPage *text, double width, double height, std::vector<pl_glyph> &out)
{
    Selection page(text, width, height);
    bool space = false;
    for (int i = 0; i < page.nlines; i++) {
        const std::vector<TextWordSelection *> &words = *page.lines[i];
        for (size_t j = 0; j < words.size(); j++) {
            const TextWordSelection *sel = words[j];
            const TextWord *word = sel->getWord();
            for (int k = sel->getBegin(); k < sel->getEnd(); k++) {
                pl_glyph g {};
                int len = utf8(*word->getChar(k), g.u);
                if (len == 0)
                    continue;
                unsigned char c0 = static_cast<unsigned char>(g.u[0]);
                bool ideographic_space = len == 3 && std::memcmp(g.u, "\xe3\x80\x80", 3) == 0;
                if (c0 < 0x20 || c0 == ' ' || ideographic_space) {
                    space = c0 == ' ' || c0 == '\t' || ideographic_space;
                    continue;
                }
                word->getCharBBox(k, &g.x0, &g.y0, &g.x1, &g.y1);
                if (!(g.x1 > g.x0))
                    continue;
                g.space_before = space;
                space = false;
                out.push_back(g);
            }
            if (j + 1 < words.size() && word->hasSpaceAfter())
                space = true;
        }
        if (i + 1 < page.nlines)
            space = false;
    }
}

template<typename T> T *malloc_copy(const std::vector<T> &v)
{
    if (v.empty())
        return nullptr;
    T *copy = static_cast<T *>(std::malloc(v.size() * sizeof(T)));
    if (copy == nullptr)
        throw std::bad_alloc();
    std::memcpy(copy, v.data(), v.size() * sizeof(T));
    return copy;
}

} // namespace

struct pl_pdf {
    std::unique_ptr<PDFDoc> doc;
};

extern "C" pl_pdf *pl_pdf_open(const unsigned char *data, size_t len, pl_pdf_error *why)
{
    *why = PL_PDF_FAILED;
    try {
        if (!globalParams) {
            globalParams = std::make_unique<GlobalParams>();
            setErrorCallback(quiet);
        }
        /* MemStream neither copies nor frees the bytes, nor writes them. */
        auto *stream = new MemStream(reinterpret_cast<char *>(const_cast<unsigned char *>(data)), 0,
                                     static_cast<Goffset>(len), Object(objNull));
        auto *pdf = new pl_pdf{ std::make_unique<PDFDoc>(stream) };
        if (pdf->doc->isOk()) {
            *why = PL_PDF_OK;
            return pdf;
        }
        switch (pdf->doc->getErrorCode()) {
        case errEncrypted:
            *why = PL_PDF_ENCRYPTED;
            break;
        case errDamaged:
            *why = PL_PDF_DAMAGED;
            break;
        case errBadCatalog:
            *why = PL_PDF_NO_CATALOG;
            break;
        default:
            break;
        }
        delete pdf;
        return nullptr;
    } catch (...) {
        return nullptr;
    }
}

extern "C" int pl_pdf_page_count(pl_pdf *pdf)
{
    return pdf->doc->getNumPages();
}

extern "C" int pl_pdf_read_page(pl_pdf *pdf, int index, pl_page_read *out)
{
    *out = pl_page_read{};
    try {
        if (index < 0 || index >= pdf->doc->getNumPages())
            return -1;
        Page *page = pdf->doc->getPage(index + 1);
        if (page == nullptr)
            return -1;
        int rotate = page->getRotate() % 360;
        if (rotate < 0)
            rotate += 360;
        bool sideways = rotate == 90 || rotate == 270;
        out->width = sideways ? page->getCropHeight() : page->getCropWidth();
        out->height = sideways ? page->getCropWidth() : page->getCropHeight();

        /* What poppler-glib did for the text (Page::createGfx at 72 dpi,
         * the crop box, no extra rotation; the contents alone), then the
         * annotations for their ink only, as a rendering showed them. */
        PageDev dev;
        PDFRectangle box;
        bool crop = true;
        page->makeBox(72.0, 72.0, rotate, false, dev.upsideDown(), -1, -1, -1, -1, &box, &crop);
        Gfx gfx(pdf->doc.get(), &dev, index + 1, page->getResourceDict(), 72.0, 72.0, &box,
                crop ? page->getCropBox() : nullptr, rotate, nullptr, nullptr);
        Object contents = page->getContents();
        if (!contents.isNull()) {
            gfx.saveState();
            gfx.display(&contents);
            gfx.restoreState();
        }
        dev.endPage();
        std::unique_ptr<TextPage, void (*)(TextPage *)> text(dev.takeText(),
                                                            [](TextPage *t) { t->decRefCnt(); });
        if (Annots *annots = page->getAnnots())
            for (Annot *annot : annots->getAnnots())
                annot->draw(&gfx, false);

        std::vector<pl_glyph> glyphs;
        page_glyphs(text.get(), out->width, out->height, glyphs);
        out->glyphs = malloc_copy(glyphs);
        out->nglyphs = glyphs.size();
        out->too_many = dev.ink.too_many;
        if (!dev.ink.too_many) {
            out->boxes = malloc_copy(dev.ink.boxes);
            out->nboxes = dev.ink.boxes.size();
        }
        return 0;
    } catch (...) {
        std::free(out->glyphs);
        std::free(out->boxes);
        *out = pl_page_read{};
        return 0;
    }
}

extern "C" void pl_pdf_close(pl_pdf *pdf)
{
    delete pdf;
}
