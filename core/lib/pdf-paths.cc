/* pdf-paths.cc — the ink boxes of a PDF page, from its vector paths
 * (pdf-paths.h says what a box is).
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
 * C++ because poppler's output devices are C++ classes; the rest of the
 * reader is C and sees only the functions of pdf-paths.h.  No exception
 * leaves this file. */
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <Annot.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>

#include "pdf-paths.h"

namespace {

/* Darker than this (0-255, luminance (3R + 6G + B) / 10 over white paper)
 * is ink: black and grey rulings are, the light shading of a header row
 * is not.  The same level the rendering used. */
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

/* The output device: draws nothing, keeps boxes. */
class InkDev : public OutputDev
{
public:
    std::vector<pl_box> boxes;
    bool too_many = false;

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return false; }
    bool interpretType3Chars() override { return false; }
    bool needCharCount() override { return false; }
    /* Shadings and patterns are painted areas, not borders: they are
     * claimed here so that poppler does not break them into thousands of
     * small fills. */
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

    void fill(GfxState *state) override { fill_rects(state); }
    void eoFill(GfxState *state) override { fill_rects(state); }
    void stroke(GfxState *state) override;

private:
    void add(GfxState *state, double x0, double y0, double x1, double y1);
    void fill_rects(GfxState *state);
    void stroke_line(GfxState *state, double ax, double ay, double bx, double by, double width,
                     const std::vector<double> &dash, double phase);
};

/* A box, cut to the clip: what falls outside it is not drawn. */
void InkDev::add(GfxState *state, double x0, double y0, double x1, double y1)
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
void InkDev::fill_rects(GfxState *state)
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
void InkDev::stroke_line(GfxState *state, double ax, double ay, double bx, double by,
                         double width, const std::vector<double> &dash, double phase)
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
    phase += from - a0;
    /* Walk the dash pattern along the line: on, off, on, … */
    double period = 0;
    for (double d : dash)
        period += d;
    phase = std::fmod(phase, period);
    size_t i = 0;
    bool on = true;
    double left = dash[0], at = from;
    for (double skip = phase; skip > 0;) {
        double step = std::fmin(skip, left);
        skip -= step;
        left -= step;
        if (left <= 0) {
            i = (i + 1) % dash.size();
            left = dash[i];
            on = !on;
        }
    }
    while (at < to && !too_many) {
        double step = std::fmin(left, to - at);
        if (on && step >= MIN_DASH_PT)
            piece(at, at + step);
        at += step;
        left -= step;
        if (left <= 0) {
            i = (i + 1) % dash.size();
            left = dash[i];
            on = !on;
        }
    }
}

void InkDev::stroke(GfxState *state)
{
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (!is_ink(rgb, state->getStrokeOpacity()))
        return;
    double width = state->getTransformedLineWidth();
    if (!(width > 0.5))
        width = 0.5; /* a hairline is drawn one pixel wide */
    /* The dash pattern in page points.  A pattern whose gaps do not show
     * is a solid line; one whose dashes are all too short to be a border
     * draws none.  Either way the walk below never runs on dashes of no
     * length (a hostile file's [1e-9 1e-9] over a line metres long). */
    double phase = 0;
    const std::vector<double> &user_dash = state->getLineDash(&phase);
    std::vector<double> dash;
    if (user_dash.size() <= MAX_DASHES) /* longer: no real border, drawn solid */
        for (double u : user_dash) {
            double d = state->transformWidth(u);
            dash.push_back(std::isfinite(d) && d > 0 ? d : 0);
        }
    if (dash.size() % 2) { /* [3] means [3 3] */
        std::vector<double> again(dash);
        dash.insert(dash.end(), again.begin(), again.end());
    }
    bool gaps_show = false, long_dash = false;
    for (size_t i = 0; i < dash.size(); i++) {
        if (i % 2)
            gaps_show = gaps_show || dash[i] > SOLID_GAP_PT;
        else
            long_dash = long_dash || dash[i] >= MIN_DASH_PT;
    }
    if (!gaps_show)
        dash.clear();
    else if (!long_dash)
        return;
    phase = state->transformWidth(phase);
    if (!std::isfinite(phase) || phase < 0)
        phase = 0;

    const GfxPath *path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths() && !too_many; i++) {
        const GfxSubpath *sp = path->getSubpath(i);
        double px = 0, py = 0;
        for (int k = 0; k < sp->getNumPoints() && !too_many; k++) {
            double x, y;
            state->transform(sp->getX(k), sp->getY(k), &x, &y);
            if (k > 0 && !sp->getCurve(k) && !sp->getCurve(k - 1))
                stroke_line(state, px, py, x, y, width, dash, phase);
            px = x;
            py = y;
        }
    }
}

/* Gfx asks between operators whether to stop: once a page is known to
 * be a drawing, the rest of it need not be read. */
bool stop_reading(void *dev)
{
    return static_cast<InkDev *>(dev)->too_many;
}

/* What Page::displaySlice does, as poppler-glib lays out the text (72
 * dpi, crop box, no extra rotation, annotations drawn), so that boxes
 * and glyphs share coordinates; but with the page's fonts left out of its
 * resources: nothing here needs a glyph, and loading a page's fonts
 * reads each embedded font file and its character map.  Fonts of forms
 * and annotations are still loaded: Word and WPS put theirs on the page. */
void draw_page(PDFDoc *doc, Page *page, int number, InkDev *dev)
{
    int rotate = page->getRotate() % 360;
    if (rotate < 0)
        rotate += 360;
    PDFRectangle box;
    bool crop = true;
    page->makeBox(72.0, 72.0, rotate, false, dev->upsideDown(), -1, -1, -1, -1, &box, &crop);
    Object resources;
    if (Dict *dict = page->getResourceDict()) {
        Dict *copy = dict->copy(doc->getXRef());
        copy->remove("Font");
        resources = Object(copy);
    }
    Gfx gfx(doc, dev, number, resources.isDict() ? resources.getDict() : nullptr, 72.0, 72.0, &box,
            crop ? page->getCropBox() : nullptr, rotate, stop_reading, dev);
    Object contents = page->getContents();
    if (!contents.isNull()) {
        gfx.saveState();
        gfx.display(&contents);
        gfx.restoreState();
    }
    if (Annots *annots = page->getAnnots())
        for (Annot *annot : annots->getAnnots())
            if (!dev->too_many)
                annot->draw(&gfx, false);
}

} // namespace

struct pl_paths {
    std::unique_ptr<PDFDoc> doc;
};

extern "C" pl_paths *pl_paths_open(const unsigned char *data, size_t len)
{
    try {
        if (!globalParams) /* poppler-glib has made them; a test may not have */
            globalParams = std::make_unique<GlobalParams>();
        /* MemStream neither copies nor frees the bytes, nor writes them. */
        auto *stream = new MemStream(reinterpret_cast<char *>(const_cast<unsigned char *>(data)), 0,
                                     static_cast<Goffset>(len), Object(objNull));
        auto *paths = new pl_paths{ std::make_unique<PDFDoc>(stream) };
        if (!paths->doc->isOk()) {
            delete paths;
            return nullptr;
        }
        return paths;
    } catch (...) {
        return nullptr;
    }
}

extern "C" size_t pl_paths_page(pl_paths *paths, int index, pl_box **out, int *too_many)
{
    *out = nullptr;
    *too_many = 0;
    try {
        if (paths == nullptr || index < 0 || index >= paths->doc->getNumPages())
            return 0;
        Page *page = paths->doc->getPage(index + 1);
        if (page == nullptr)
            return 0;
        InkDev dev;
        draw_page(paths->doc.get(), page, index + 1, &dev);
        if (dev.too_many) {
            *too_many = 1;
            return 0;
        }
        if (dev.boxes.empty())
            return 0;
        auto *copy = static_cast<pl_box *>(std::malloc(dev.boxes.size() * sizeof(pl_box)));
        if (copy == nullptr)
            return 0;
        std::memcpy(copy, dev.boxes.data(), dev.boxes.size() * sizeof(pl_box));
        *out = copy;
        return dev.boxes.size();
    } catch (...) {
        return 0;
    }
}

extern "C" void pl_paths_close(pl_paths *paths)
{
    delete paths;
}
