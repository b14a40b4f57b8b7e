/* test-formats-layout.c — the PDF page geometry on made-up pages: ruled
 * tables to cells (empty cells kept, wrapped cells joined), a table
 * continued on the next page, page numbers, wrapped paragraphs, and
 * ruling lines found in a bitmap. */
#include <stdlib.h>
#include <string.h>

#include "pdf-layout.h"
#include "test-formats.h"
#include "text.h"

#define MAXG 512

typedef struct page_in {
    pl_glyph g[MAXG];
    size_t ng;
    pl_seg h[32], v[32];
    size_t nh, nv;
} page_in;

/* Put `s` at (x, y) (top of the line), characters `size` points wide
 * (half that for ASCII), `size` tall. */
static void text_at(page_in *p, double x, double y, double size, const char *s)
{
    while (*s) {
        size_t cl = fl_utf8_len(s);
        double w = (unsigned char)*s < 0x80 ? size / 2 : size;
        if (*s != ' ') {
            pl_glyph *g = &p->g[p->ng++];
            memset(g, 0, sizeof *g);
            g->x0 = x;
            g->x1 = x + w;
            g->y0 = y;
            g->y1 = y + size;
            memcpy(g->u, s, cl);
        }
        x += w;
        s += cl;
    }
}

/* Right-aligned: the text ends at x1. */
static void text_right(page_in *p, double x1, double y, double size, const char *s)
{
    double w = 0;
    for (const char *q = s; *q; q += fl_utf8_len(q))
        w += (unsigned char)*q < 0x80 ? size / 2 : size;
    text_at(p, x1 - w, y, size, s);
}

static void hline(page_in *p, double x0, double x1, double y)
{
    p->h[p->nh++] = (pl_seg){ x0, x1, y };
}

static void vline(page_in *p, double y0, double y1, double x)
{
    p->v[p->nv++] = (pl_seg){ y0, y1, x };
}

/* A ruled grid: borders at xs (nx) and ys (ny). */
static void grid(page_in *p, const double *xs, size_t nx, const double *ys, size_t ny)
{
    for (size_t i = 0; i < ny; i++)
        hline(p, xs[0], xs[nx - 1], ys[i]);
    for (size_t i = 0; i < nx; i++)
        vline(p, ys[0], ys[ny - 1], xs[i]);
}

static char *emit(page_in *in, size_t n)
{
    pl_page *pages = calloc(n, sizeof *pages);
    for (size_t i = 0; i < n; i++) {
        pages[i].width = 595;
        pages[i].height = 842;
        pl_layout_page(&pages[i], in[i].g, in[i].ng, in[i].h, in[i].nh, in[i].v, in[i].nv);
    }
    fl_buf b = {0};
    pl_emit(pages, n, &b);
    for (size_t i = 0; i < n; i++)
        pl_page_free(&pages[i]);
    free(pages);
    return fl_buf_steal(&b);
}

/* A body of ordinary text, so that the page has a text size and margins. */
static void body_text(page_in *p, double y)
{
    text_at(p, 72, y, 12, "这是正文第一行，文字一直写到右边的页边距为止，然后换行继续写下去");
}

START_TEST(test_table_cells)
{
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    static const double xs[] = { 72, 252, 352 }, ys[] = { 100, 120, 140, 160, 196 };
    grid(p, xs, 3, ys, 5);
    text_at(p, 76, 104, 12, "项目");
    text_at(p, 290, 104, 12, "金额");
    text_at(p, 76, 124, 12, "合计");
    text_right(p, 348, 124, 12, "2,940.05");
    text_at(p, 76, 144, 12, "行政运行");           /* its amount cell is empty */
    text_at(p, 76, 164, 12, "机关事业单位基本");   /* a cell wrapped over two lines */
    text_at(p, 76, 180, 12, "养老保险缴费支出");
    text_right(p, 348, 172, 12, "160.75");          /* centred vertically */
    char *out = emit(p, 1);
    ck_assert_msg(strstr(out, "| 项目 | 金额 |\n| 合计 | 2,940.05 |\n| 行政运行 |  |\n"
                              "| 机关事业单位基本养老保险缴费支出 | 160.75 |\n") != NULL,
                  "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_gap_column_not_shifted)
{
    /* Right-aligned amounts with gaps: a value stays in its own column. */
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    static const double xs[] = { 72, 200, 300, 400 }, ys[] = { 100, 120, 140 };
    grid(p, xs, 4, ys, 3);
    text_at(p, 76, 104, 12, "项目");
    text_at(p, 210, 104, 12, "基本支出");
    text_at(p, 310, 104, 12, "项目支出");
    text_at(p, 76, 124, 12, "一般行政管理事务");
    text_right(p, 396, 124, 12, "10.00");
    char *out = emit(p, 1);
    ck_assert_msg(strstr(out, "| 一般行政管理事务 |  | 10.00 |") != NULL, "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_merged_header_cell)
{
    /* "项目" spans two columns: no border between them in the header. */
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    hline(p, 72, 352, 100);
    hline(p, 72, 352, 120);
    hline(p, 72, 352, 140);
    vline(p, 100, 140, 72);
    vline(p, 120, 140, 152);   /* only below the header */
    vline(p, 100, 140, 252);
    vline(p, 100, 140, 352);
    text_at(p, 150, 104, 12, "项目");
    text_at(p, 280, 104, 12, "金额");
    text_at(p, 76, 124, 12, "201");
    text_at(p, 156, 124, 12, "一般公共服务");
    text_right(p, 348, 124, 12, "5.00");
    char *out = emit(p, 1);
    ck_assert_msg(strstr(out, "| 项目 |  | 金额 |\n| 201 | 一般公共服务 | 5.00 |\n") != NULL,
                  "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_table_continued_on_next_page)
{
    page_in *p = calloc(2, sizeof *p);
    static const double xs[] = { 72, 252, 352 }, ys1[] = { 700, 720, 740 }, ys2[] = { 72, 92, 112 };
    body_text(&p[0], 60);
    grid(&p[0], xs, 3, ys1, 3);
    text_at(&p[0], 76, 704, 12, "项目");
    text_at(&p[0], 290, 704, 12, "金额");
    text_at(&p[0], 76, 724, 12, "行政运行");
    text_right(&p[0], 348, 724, 12, "1.00");
    grid(&p[1], xs, 3, ys2, 3);   /* header repeated on page 2 */
    text_at(&p[1], 76, 76, 12, "项目");
    text_at(&p[1], 290, 76, 12, "金额");
    text_at(&p[1], 76, 96, 12, "住房公积金");
    text_right(&p[1], 348, 96, 12, "2.00");
    body_text(&p[1], 200);
    char *out = emit(p, 2);
    ck_assert_msg(strstr(out, "| 项目 | 金额 |\n| 行政运行 | 1.00 |\n\f| 住房公积金 | 2.00 |\n")
                  != NULL, "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_page_numbers_and_wrapped_lines)
{
    page_in *p = calloc(2, sizeof *p);
    for (int i = 0; i < 2; i++) {
        text_at(&p[i], 72, 100, 12, "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；");
        text_at(&p[i], 72, 116, 12, "项目支出603.14万元。");
        text_at(&p[i], 290, 800, 10, i ? "- 2 -" : "- 1 -");
    }
    /* The right margin is where most lines end. */
    text_at(&p[0], 72, 200, 12, "这是另一段正文，它的长度也一直写到右边的页边距，下面再换行继");
    char *out = emit(p, 2);
    ck_assert_msg(strstr(out, "- 1 -") == NULL && strstr(out, "- 2 -") == NULL, "got:\n%s", out);
    ck_assert_msg(strstr(out, "占79.49%；项目支出603.14万元。\n") != NULL, "got:\n%s", out);
    ck_assert_msg(strchr(out, '\f') != NULL, "no page break:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_numbered_line_not_joined)
{
    page_in *p = calloc(1, sizeof *p);
    text_at(p, 72, 100, 12, "六、一般公共预算财政拨款基本支出决算情况说明与其他内容写满一行");
    text_at(p, 72, 116, 12, "七、财政拨款“三公”经费支出决算情况说明");
    char *out = emit(p, 1);
    ck_assert_msg(strstr(out, "写满一行\n\n七、") != NULL, "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_find_rules)
{
    int w = 200, h = 100;
    unsigned char *dark = calloc((size_t)w * (size_t)h, 1);
    for (int x = 10; x < 190; x++)
        dark[20 * w + x] = 1;              /* a border, one pixel thick */
    for (int x = 50; x < 54; x++)
        dark[60 * w + x] = 1;              /* a speck: too short */
    for (int y = 70; y < 90; y++)          /* a filled area: its two edges */
        for (int x = 20; x < 120; x++)
            dark[y * w + x] = 1;
    pl_seg *s;
    size_t n = pl_find_rules(dark, w, h, 1.0, 1, &s);
    ck_assert_uint_eq(n, 3);
    ck_assert(s[0].pos > 20 && s[0].pos < 21.5);
    ck_assert(s[0].a0 <= 10.5 && s[0].a1 >= 189);
    ck_assert(s[1].pos < 71 && s[2].pos > 89);
    free(s);
    free(dark);
}
END_TEST

Suite *suite_formats_layout(void)
{
    Suite *s = suite_create("formats-layout");
    TCase *tc = tcase_create("pdf-layout");
    tcase_add_test(tc, test_table_cells);
    tcase_add_test(tc, test_gap_column_not_shifted);
    tcase_add_test(tc, test_merged_header_cell);
    tcase_add_test(tc, test_table_continued_on_next_page);
    tcase_add_test(tc, test_page_numbers_and_wrapped_lines);
    tcase_add_test(tc, test_numbered_line_not_joined);
    tcase_add_test(tc, test_find_rules);
    suite_add_tcase(s, tc);
    return s;
}
