/* pdf-module.c — the PDF reader's module (fislint-pdf.so, loaded by
 * read-pdf.c on the first PDF): each page's characters and ink from
 * poppler (pdf-page.cc), table borders from the ink (pdf-rules.c), lines
 * and tables from both (pdf-layout.c), and the canonical text of the
 * whole document (pdf-emit.c).
 *
 * A module because poppler and what it brings are most of the program's
 * shared libraries: a run that reads no PDF does not load them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-layout.h"
#include "pdf-page.h"
#include "read-formats.h"

/* A bound on one document, so that a small hostile file of thousands of
 * pages ends in a message instead of running for an hour. */
#define MAX_PAGES 2000

/* Some embedded fonts report boxes a few points tall at the bottom of
 * the glyph, others boxes twice the line height; rebuild the height from
 * the width (a Chinese character is about square, a digit half as wide). */
static void fix_glyph_heights(pl_glyph *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double est = (g[i].x1 - g[i].x0) * ((unsigned char)g[i].u[0] < 0x80 ? 1.8 : 1.0);
        if (g[i].y1 - g[i].y0 < 0.6 * est) {
            g[i].y0 = g[i].y1 - est;
        } else if (g[i].y1 - g[i].y0 > 1.4 * est) {
            double mid = (g[i].y0 + g[i].y1) / 2;
            g[i].y0 = mid - 0.6 * est;
            g[i].y1 = mid + 0.6 * est;
        }
    }
}

/* poppler builds colour transforms from a PDF's output intent (an ICC
 * profile, common in PDF/A files) for every page it reads: the two real
 * budgets of js-zhengxie-2018 that have one take 0.42 s with it and
 * 0.046 s without (2026-12-01).  Rulings are black or grey whatever the
 * intent, and the colour of text does not matter here, so the catalog's
 * key is renamed in a private copy — a name of the same length, so that
 * every byte offset of the file holds.  NULL when the file has none. */
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

/* Why poppler could not open the file, for the message. */
static const char *open_failure(pl_pdf_error why)
{
    switch (why) {
    case PL_PDF_DAMAGED:
        return "文件结构损坏";
    case PL_PDF_NO_CATALOG:
        return "找不到文档目录";
    default:
        return "poppler 无法打开";
    }
}

FL_PDF_MODULE_EXPORT int fl_pdf_module_read(const char *name, const unsigned char *data,
                                            size_t len, fl_input *out, char *err, size_t errsize)
{
    (void)name;
    unsigned char *copy = without_output_intent(data, len);
    pl_pdf_error why;
    pl_pdf *pdf = pl_pdf_open(copy != NULL ? copy : data, len, &why);
    if (pdf == NULL) {
        free(copy);
        if (why == PL_PDF_ENCRYPTED)
            snprintf(err, errsize, "PDF 已加密（需要打开密码），无法读取；"
                     "请提供未加密的文件");
        else
            snprintf(err, errsize, "PDF 文件已损坏，无法读取（%s）", open_failure(why));
        return -1;
    }

    int npages = pl_pdf_page_count(pdf);
    if (npages > MAX_PAGES) {
        pl_pdf_close(pdf);
        free(copy);
        snprintf(err, errsize, "PDF 共 %d 页，超过上限 %d 页，未检查；"
                 "请只提供报告本身（或将文件拆分后分别检查）", npages, MAX_PAGES);
        return -1;
    }
    pl_page *pages = xcalloc(npages > 0 ? (size_t)npages : 1, sizeof *pages);
    size_t total = 0;
    for (int p = 0; p < npages; p++) {
        pl_page_read r;
        if (pl_pdf_read_page(pdf, p, &r) != 0)
            continue;
        pages[p].width = r.width;
        pages[p].height = r.height;
        fix_glyph_heights(r.glyphs, r.nglyphs);
        pl_seg *hs = NULL, *vs = NULL;
        size_t nh = 0, nv = 0;
        /* Borders only where the text looks like a table: elsewhere a
         * rule is an underline or a frame, not a grid. */
        if (r.nglyphs && pl_may_have_table(r.glyphs, r.nglyphs)) {
            nh = pl_rules_from_boxes(r.boxes, r.nboxes, 1, &hs);
            nv = pl_rules_from_boxes(r.boxes, r.nboxes, 0, &vs);
        }
        pl_layout_page(&pages[p], r.glyphs, r.nglyphs, hs, nh, vs, nv);
        total += r.nglyphs;
        free(r.glyphs);
        free(r.boxes);
        free(hs);
        free(vs);
    }
    pl_pdf_close(pdf);
    free(copy);

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
