/* pdf-poppler.c — the PDF reader's use of poppler: poppler-glib gives each
 * page's characters with their boxes; a low-resolution rendering gives the
 * table borders; pdf-layout.c turns both into lines and tables.
 *
 * Built as its own module (fislint-pdf.so, loaded by read-pdf.c on the
 * first PDF), because poppler, cairo and glib are 51 of the program's 84
 * shared libraries: a run that reads no PDF does not load them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glib's headers build cleanly under our warnings (checked with
 * poppler-glib 22.12 / glib 2.74), so no diagnostic pragmas are needed. */
#include <cairo.h>
#include <poppler.h>

#include "pdf-layout.h"
#include "read-formats.h"

#define RENDER_SCALE 1.25       /* pixels per point for finding borders */
#define INK_LEVEL 200           /* darker than this (0-255) is ink */
#define MAX_PAGE_PX 4000        /* larger pages are rendered smaller */
/* Bounds of one document, so that a small hostile file (thousands of
 * pages, or pages 5 m wide, each rendered at MAX_PAGE_PX) ends in a
 * message within about a minute instead of running for an hour.  Each
 * page rendered (one with tables, or one after it on the guess that it
 * has tables too) is charged the pixels it would have at RENDER_SCALE
 * (an A4 page 0.8 million, A3 1.6 million), so a budget of 1,000 million
 * allows some 1,200 A4 pages of tables, and a page metres wide uses it
 * up at once.  Pixels, not seconds: the same file gives the same
 * result on a busy machine. */
#define MAX_PAGES 2000
#define RENDER_BUDGET_PX 1e9

/* The characters of a page with their boxes.  poppler gives one box per
 * character of the page text, in the same order. */
static size_t page_glyphs(PopplerPage *page, pl_glyph **out)
{
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    char *text = poppler_page_get_text(page);
    size_t n = 0;
    *out = NULL;
    if (text && poppler_page_get_text_layout(page, &rects, &nrects)) {
        *out = xmalloc((nrects ? nrects : 1) * sizeof **out);
        const char *s = text;
        int space = 0;
        for (guint i = 0; i < nrects && *s; i++) {
            size_t cl = 1;
            while (cl < 4 && ((unsigned char)s[cl] & 0xc0) == 0x80)
                cl++;
            unsigned char c0 = (unsigned char)*s;
            int blank = c0 == ' ' || c0 == '\n' || c0 == '\r' || c0 == '\t'
                        || c0 < 0x20 || (cl == 3 && !memcmp(s, "\xe3\x80\x80", 3));
            if (blank) {
                space = c0 == ' ' || c0 == '\t' || cl == 3;
            } else if (rects[i].x2 > rects[i].x1) {
                pl_glyph *g = &(*out)[n++];
                g->space_before = space;
                space = 0;
                g->x0 = rects[i].x1;
                g->y0 = rects[i].y1;
                g->x1 = rects[i].x2;
                g->y1 = rects[i].y2;
                /* Some embedded fonts report boxes a few points tall at
                 * the bottom of the glyph, others boxes twice the line
                 * height; rebuild the height from the width (a Chinese
                 * character is about square, a digit half as wide). */
                double est = (g->x1 - g->x0) * (c0 < 0x80 ? 1.8 : 1.0);
                if (g->y1 - g->y0 < 0.6 * est) {
                    g->y0 = g->y1 - est;
                } else if (g->y1 - g->y0 > 1.4 * est) {
                    double mid = (g->y0 + g->y1) / 2;
                    g->y0 = mid - 0.6 * est;
                    g->y1 = mid + 0.6 * est;
                }
                memcpy(g->u, s, cl);
                g->u[cl] = '\0';
            }
            s += cl;
        }
    }
    g_free(rects);
    g_free(text);
    return n;
}

/* Pixels per point for a page of w × h points. */
static double render_scale(double w, double h)
{
    if (w * RENDER_SCALE > MAX_PAGE_PX || h * RENDER_SCALE > MAX_PAGE_PX)
        return MAX_PAGE_PX / (w > h ? w : h);
    return RENDER_SCALE;
}

/* What a page of w × h points is charged against RENDER_BUDGET_PX. */
static double budget_pixels(double w, double h)
{
    return (w * RENDER_SCALE + 1) * (h * RENDER_SCALE + 1);
}

/* A glyph box's coordinate as a pixel index within [lo, hi].  A hostile
 * PDF gives boxes 10^67 points away (or NaN), which no int holds: they are
 * clamped in floating point before the conversion. */
static int to_pixel(double v, int lo, int hi)
{
    if (!(v > lo)) /* NaN too */
        return lo;
    if (v >= hi)
        return hi;
    return (int)v;
}

/* 1 when an RGB24 pixel is ink: luminance (3R + 6G + B) / 10 below
 * INK_LEVEL, compared without the division. */
static inline unsigned char is_ink(uint32_t v)
{
    unsigned lum10 = ((v >> 16) & 0xff) * 3 + ((v >> 8) & 0xff) * 6 + (v & 0xff);
    return lum10 < INK_LEVEL * 10;
}

/* out[x] = is_ink(row[x]).  Blocks of 16 with rows that never overlap
 * (restrict): gcc -O2 vectorises a loop only when it needs neither a
 * run-time alias check nor a remainder, and this is 5% of a PDF's time. */
#define INK_BLOCK 16
static void ink_row(const uint32_t *restrict row, unsigned char *restrict out, int n)
{
    int x = 0;
    for (; x + INK_BLOCK <= n; x += INK_BLOCK)
        for (int k = 0; k < INK_BLOCK; k++)
            out[x + k] = is_ink(row[x + k]);
    for (; x < n; x++)
        out[x] = is_ink(row[x]);
}

/* The buffers a page is rendered and read into, kept from page to page of
 * one document rather than allocated and cleared for each (6 MB of pixels
 * for an A3 page): 5% of the CPU time of the 18 real PDFs. */
typedef struct canvas {
    unsigned char *px;      /* the rendering, RGB24; then the transposed bitmap */
    unsigned char *dark;    /* ink that is not text, one byte per pixel */
    size_t px_cap, dark_cap;
    int pw, ph, stride;     /* the page in px: pixels, rows, bytes a row */
    double scale;           /* pixels per point */
} canvas;

static void canvas_free(canvas *c)
{
    free(c->px);
    free(c->dark);
}

/* Make room for `bytes` in *buf, which holds *cap; the old contents are
 * not kept. */
static unsigned char *canvas_room(unsigned char **buf, size_t *cap, size_t bytes)
{
    if (bytes > *cap) {
        free(*buf);
        *buf = xmalloc(bytes);
        *cap = bytes;
    }
    return *buf;
}

/* Render the page into the canvas: white paper, then the page at a scale
 * that fits MAX_PAGE_PX.  0 when the page has no bitmap (no size, NaN, or
 * a cairo failure).  poppler-glib also keeps the page's text from this
 * pass, so page_glyphs() after it does not run the content stream again. */
static int render_page(canvas *cv, PopplerPage *page, double w, double h)
{
    cv->pw = cv->ph = 0;
    if (!(w > 0 && h > 0)) /* a page without a size (NaN too) has no bitmap */
        return 0;
    double scale = render_scale(w, h);
    int pw = (int)(w * scale) + 1, ph = (int)(h * scale) + 1;
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, pw);
    if (stride <= 0)
        return 0;
    unsigned char *px = canvas_room(&cv->px, &cv->px_cap, (size_t)stride * (size_t)ph);
    /* White paper: what cairo_paint would write, without its setup. */
    memset(px, 0xff, (size_t)stride * (size_t)ph);
    cairo_surface_t *surf = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24,
                                                                pw, ph, stride);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return 0;
    }
    cairo_t *cr = cairo_create(surf);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surf);
    cairo_surface_destroy(surf);
    cv->scale = scale;
    cv->pw = pw;
    cv->ph = ph;
    cv->stride = stride;
    return 1;
}

/* The ruling lines of the page rendered in the canvas, with the text
 * boxes g blanked so that strokes of characters (一, 二) are not taken
 * for borders. */
static void canvas_rules(canvas *cv, const pl_glyph *g, size_t ng, pl_seg **hs, size_t *nh,
                         pl_seg **vs, size_t *nv)
{
    *hs = *vs = NULL;
    *nh = *nv = 0;
    int pw = cv->pw, ph = cv->ph, stride = cv->stride;
    double scale = cv->scale;
    if (pw <= 0 || ph <= 0)
        return;
    size_t npx = (size_t)pw * (size_t)ph;
    unsigned char *px = cv->px;
    unsigned char *dark = canvas_room(&cv->dark, &cv->dark_cap, npx);
    for (int y = 0; y < ph; y++)
        ink_row((const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride),
                dark + (size_t)y * (size_t)pw, pw);
    /* Blank the middle of each glyph box.  Boxes often reach over the
     * cell borders above and below (they include the line gap), so only
     * the central band is blanked: what remains of a character is too
     * short to pass for a border. */
    for (size_t i = 0; i < ng; i++) {
        double mx = (g[i].x1 - g[i].x0) * 0.1, my = (g[i].y1 - g[i].y0) * 0.25;
        int x0 = to_pixel((g[i].x0 + mx) * scale, 0, pw);
        int x1 = to_pixel((g[i].x1 - mx) * scale, -1, pw - 1);
        int y0 = to_pixel((g[i].y0 + my) * scale, 0, ph);
        int y1 = to_pixel((g[i].y1 - my) * scale, -1, ph - 1);
        for (int y = y0; y <= y1; y++)
            if (x1 >= x0)
                memset(dark + (size_t)y * (size_t)pw + (size_t)x0, 0, (size_t)(x1 - x0 + 1));
    }
    /* The transposed copy fits where the pixels were: 4 bytes a pixel. */
    *nh = pl_find_rules(dark, pw, ph, scale, 1, NULL, hs);
    *nv = pl_find_rules(dark, pw, ph, scale, 0, px, vs);
}

/* poppler builds colour transforms from a PDF's output intent (an ICC
 * profile, common in PDF/A files) for every page it reads or renders: in
 * the real corpus that was 60% of the time of the files that have one.
 * Rulings are black or grey whatever the intent, so the catalog's key is
 * renamed in a private copy — a name of the same length, so that every
 * byte offset of the file holds.  NULL when the file has none. */
#define INTENT_KEY "/OutputIntents"
static unsigned char *without_output_intent(const unsigned char *data, size_t len)
{
    size_t klen = sizeof INTENT_KEY - 1;
    unsigned char *copy = NULL;
    const unsigned char *p = data, *end = data + len;
    while ((p = memmem(p, (size_t)(end - p), INTENT_KEY, klen)) != NULL) {
        const unsigned char *after = p + klen;
        /* The key, not a longer name: what follows ends a name. */
        if (after < end && (*after == '[' || *after == ' ' || *after == '\r' || *after == '\n')) {
            if (copy == NULL) {
                copy = xmalloc(len);
                memcpy(copy, data, len);
            }
            copy[(size_t)(p - data) + klen - 1] = 'X'; /* "/OutputIntentX" */
        }
        p = after;
    }
    return copy;
}

FL_PDF_MODULE_EXPORT int fl_pdf_module_read(const char *name, const unsigned char *data,
                                            size_t len, fl_input *out, char *err, size_t errsize)
{
    (void)name;
    if (len > (size_t)G_MAXSSIZE) {
        snprintf(err, errsize, "PDF 文件过大，无法读取");
        return -1;
    }
    unsigned char *copy = without_output_intent(data, len);
    GBytes *bytes = copy != NULL ? g_bytes_new_with_free_func(copy, len, free, copy)
                                 : g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!doc) {
        if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
            snprintf(err, errsize, "PDF 已加密（需要打开密码），无法读取；"
                     "请提供未加密的文件");
        else
            snprintf(err, errsize, "PDF 文件已损坏，无法读取（%s）",
                     gerr ? gerr->message : "未知错误");
        if (gerr)
            g_error_free(gerr);
        return -1;
    }

    int npages = poppler_document_get_n_pages(doc);
    if (npages > MAX_PAGES) {
        g_object_unref(doc);
        snprintf(err, errsize, "PDF 共 %d 页，超过上限 %d 页，未检查；"
                 "请只提供报告本身（或将文件拆分后分别检查）", npages, MAX_PAGES);
        return -1;
    }
    pl_page *pages = xcalloc(npages > 0 ? (size_t)npages : 1, sizeof *pages);
    size_t total = 0;
    double rendered = 0;
    int over_budget = 0;
    canvas cv = {0};
    /* Tables run over consecutive pages.  A page after a page of tables is
     * rendered before its text is read: poppler-glib keeps the text of a
     * rendering, so the page's content stream runs once instead of twice.
     * A guess that fails costs one rendering, charged like any other. */
    int after_table = 0;
    for (int p = 0; p < npages && !over_budget; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page)
            continue;
        double w, h;
        poppler_page_get_size(page, &w, &h);
        pages[p].width = w;
        pages[p].height = h;
        int tried = 0, drawn = 0;
        if (after_table && rendered + budget_pixels(w, h) <= RENDER_BUDGET_PX) {
            rendered += budget_pixels(w, h);
            tried = 1;
            drawn = render_page(&cv, page, w, h);
        }
        pl_glyph *g;
        size_t ng = page_glyphs(page, &g);
        pl_seg *hs = NULL, *vs = NULL;
        size_t nh = 0, nv = 0;
        after_table = ng && pl_may_have_table(g, ng);
        if (after_table && !tried) {
            rendered += budget_pixels(w, h);
            if (rendered > RENDER_BUDGET_PX)
                over_budget = p + 1;
            else
                drawn = render_page(&cv, page, w, h);
        }
        if (after_table && drawn)
            canvas_rules(&cv, g, ng, &hs, &nh, &vs, &nv);
        pl_layout_page(&pages[p], g, ng, hs, nh, vs, nv);
        total += ng;
        free(g);
        free(hs);
        free(vs);
        g_object_unref(page);
    }
    canvas_free(&cv);
    g_object_unref(doc);

    if (over_budget) {
        /* Checking the pages before without the rest would be a partial
         * check that looks complete. */
        for (int p = 0; p < npages; p++)
            pl_page_free(&pages[p]);
        free(pages);
        snprintf(err, errsize, "PDF 页面过多或过大：到第 %d 页（共 %d 页）时识别表格线"
                 "所需的渲染已超过上限（%.0f 亿像素），未检查；请拆分文件或提供 DOCX/XLSX 原件",
                 over_budget, npages, RENDER_BUDGET_PX / 1e8);
        return -1;
    }
    if (!total) {
        for (int p = 0; p < npages; p++)
            pl_page_free(&pages[p]);
        free(pages);
        snprintf(err, errsize, "PDF 没有文本层（可能是扫描件或图片），fislint 未做 OCR；"
                 "请提供由 Word/WPS 导出的 PDF 或原始 DOCX/XLSX 文件");
        return -1;
    }
    fl_buf b = {0};
    pl_emit(pages, (size_t)npages, &b);
    for (int p = 0; p < npages; p++)
        pl_page_free(&pages[p]);
    free(pages);
    out->len = b.len;
    out->text = fl_buf_steal(&b);
    out->encoding = NULL;
    return 0;
}
