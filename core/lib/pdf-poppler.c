/* pdf-poppler.c — the PDF reader's use of poppler: poppler-glib gives each
 * page's characters with their boxes; the page's drawn lines and shaded
 * areas (pdf-paths.cc) give the table borders; pdf-layout.c turns both
 * into lines and tables.
 *
 * Built as its own module (fislint-pdf.so, loaded by read-pdf.c on the
 * first PDF), because poppler and glib are most of the program's shared
 * libraries: a run that reads no PDF does not load them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glib's headers build cleanly under our warnings (checked with
 * poppler-glib 22.12 / glib 2.74), so no diagnostic pragmas are needed. */
#include <poppler.h>

#include "pdf-layout.h"
#include "pdf-paths.h"
#include "read-formats.h"

/* A bound on one document, so that a small hostile file of thousands of
 * pages ends in a message instead of running for an hour. */
#define MAX_PAGES 2000

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

/* The ruling lines of page p: none when its paths cannot be read, or
 * when it draws so many shapes that it is a chart rather than a table. */
static void page_rules(pl_paths *paths, int p, pl_seg **hs, size_t *nh, pl_seg **vs, size_t *nv)
{
    pl_box *boxes;
    int too_many;
    size_t nb = pl_paths_page(paths, p, &boxes, &too_many);
    *nh = pl_rules_from_boxes(boxes, nb, 1, hs);
    *nv = pl_rules_from_boxes(boxes, nb, 0, vs);
    free(boxes);
}

/* poppler builds colour transforms from a PDF's output intent (an ICC
 * profile, common in PDF/A files) for every page it reads: in the real
 * corpus that was 60% of the time of the files that had one, when pages
 * were rendered.  Rulings are black or grey whatever the intent, so the
 * catalog's key is
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
    /* The paths are read with poppler's core, which opens the file once
     * more: only when a page looks like a table. */
    pl_paths *paths = NULL;
    int paths_tried = 0;
    for (int p = 0; p < npages; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page)
            continue;
        double w, h;
        poppler_page_get_size(page, &w, &h);
        pages[p].width = w;
        pages[p].height = h;
        pl_glyph *g;
        size_t ng = page_glyphs(page, &g);
        pl_seg *hs = NULL, *vs = NULL;
        size_t nh = 0, nv = 0;
        if (ng && pl_may_have_table(g, ng)) {
            if (!paths_tried) {
                paths = pl_paths_open(copy != NULL ? copy : data, len);
                paths_tried = 1;
            }
            page_rules(paths, p, &hs, &nh, &vs, &nv);
        }
        pl_layout_page(&pages[p], g, ng, hs, nh, vs, nv);
        total += ng;
        free(g);
        free(hs);
        free(vs);
        g_object_unref(page);
    }
    /* Before the document: it holds the private copy the paths read. */
    pl_paths_close(paths);
    g_object_unref(doc);

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
