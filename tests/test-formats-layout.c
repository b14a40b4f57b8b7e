/* test-formats-layout.c — the PDF page geometry on made-up pages: ruled
 * tables to cells (empty cells kept, wrapped cells joined), a table
 * continued on the next page, page numbers, wrapped paragraphs, ruling
 * lines found in a bitmap; tables without borders rebuilt from positions
 * (made-up pages and a real LibreOffice PDF). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model.h"
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

START_TEST(test_rules_from_boxes)
{
    pl_box boxes[] = {
        { 10, 19.75, 100, 20.25 },  /* a border drawn cell by cell: three */
        { 100, 19.75, 190, 20.25 }, /* pieces, the last 8 points further */
        { 198, 19.8, 300, 20.2 },   /* on and a little lower: one border */
        { 50, 60, 54, 61 },         /* a tick: too short */
        { 20, 70, 120, 90 },        /* a filled area: its two edges */
        { 10, 200, 40, 201 },       /* two pieces 20 points apart: */
        { 60, 200, 90, 201 },       /* two borders */
    };
    size_t nb = sizeof boxes / sizeof *boxes;
    pl_seg *s;
    size_t n = pl_rules_from_boxes(boxes, nb, 1, &s);
    ck_assert_uint_eq(n, 5);
    ck_assert(s[0].pos > 19.9 && s[0].pos < 20.1);
    ck_assert(s[0].a0 == 10 && s[0].a1 == 300);
    ck_assert(s[1].pos == 70 && s[2].pos == 90);
    ck_assert(s[1].a0 == 20 && s[1].a1 == 120);
    ck_assert(s[3].pos == 200.5 && s[3].a0 == 10 && s[3].a1 == 40);
    ck_assert(s[4].pos == 200.5 && s[4].a0 == 60 && s[4].a1 == 90);
    free(s);
    /* Read as vertical lines: the area's left and right edges, and
     * nothing from the thin horizontal boxes. */
    n = pl_rules_from_boxes(boxes, nb, 0, &s);
    ck_assert_uint_eq(n, 2);
    ck_assert(s[0].pos == 20 && s[1].pos == 120);
    ck_assert(s[0].a0 == 70 && s[0].a1 == 90);
    free(s);
    ck_assert_uint_eq(pl_rules_from_boxes(NULL, 0, 1, &s), 0);
    free(s);
}
END_TEST

/* ---- tables without borders ------------------------------------------ */

/* One row of a borderless 支出决算表: code at 72, name at 130, amounts
 * right-aligned at 330, 400, 470 (NULL: the cell is empty). */
static void bl_row(page_in *p, double y, const char *code, const char *name, const char *total,
                   const char *basic, const char *project)
{
    if (code)
        text_at(p, 72, y, 10, code);
    if (name)
        text_at(p, 130, y, 10, name);
    if (total)
        text_right(p, 330, y, 10, total);
    if (basic)
        text_right(p, 400, y, 10, basic);
    if (project)
        text_right(p, 470, y, 10, project);
}

static void bl_colheader(page_in *p, double y)
{
    text_at(p, 72, y, 10, "科目编码");
    text_at(p, 150, y, 10, "科目名称");
    text_at(p, 275, y, 10, "本年支出合计");
    text_at(p, 362, y, 10, "基本支出");
    text_at(p, 432, y, 10, "项目支出");
}

/* The label and unit on one line, then the column header. */
static void bl_header(page_in *p, double y)
{
    text_at(p, 72, y, 10, "公开03表");
    text_at(p, 400, y, 10, "单位：万元");
    bl_colheader(p, y + 16);
}

START_TEST(test_borderless_table)
{
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    bl_header(p, 100);
    bl_row(p, 132, "208", "社会保障和就业支出", "1,511.25", "756.49", "754.76");
    bl_row(p, 148, "2080201", "行政运行", "546.08", "546.08", NULL);
    bl_row(p, 164, "2080207", "行政区划和地名管理", "2.79", NULL, "2.79");
    /* a name wrapped over two lines, the amounts on its first line */
    bl_row(p, 180, "2080505", "机关事业单位基本", "95.03", "95.03", NULL);
    bl_row(p, 192, NULL, "养老保险缴费支出", NULL, NULL, NULL);
    bl_row(p, 208, "2080506", "机关事业单位职业年金缴费支出", "44.66", "44.66", NULL);
    body_text(p, 240);
    char *out = emit(p, 1);
    ck_assert_msg(strstr(out, "公开03表 单位：万元\n") != NULL, "got:\n%s", out);
    /* The unit line stays text; the empty 基本支出 of 2080207 stays empty
     * and its 项目支出 is not shifted left. */
    ck_assert_msg(strstr(out, "\n| 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |\n"
                              "| 208 | 社会保障和就业支出 | 1,511.25 | 756.49 | 754.76 |\n"
                              "| 2080201 | 行政运行 | 546.08 | 546.08 |  |\n"
                              "| 2080207 | 行政区划和地名管理 | 2.79 |  | 2.79 |\n"
                              "| 2080505 | 机关事业单位基本养老保险缴费支出 | 95.03 | 95.03 |  |\n"
                              "| 2080506 | 机关事业单位职业年金缴费支出 | 44.66 | 44.66 |  |\n")
                  != NULL, "got:\n%s", out);
    ck_assert_msg(strstr(out, "| 公开03表") == NULL, "unit line taken as a row:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_borderless_centred_amounts)
{
    /* WPS centres amounts vertically: the name's two lines are above and
     * below the amounts' line. */
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    bl_header(p, 100);
    bl_row(p, 132, "208", "社会保障和就业支出", "1,511.25", "756.49", "754.76");
    bl_row(p, 144, "2080505", "机关事业单位基本", NULL, NULL, NULL);
    bl_row(p, 150, NULL, NULL, "95.03", "95.03", NULL);
    bl_row(p, 156, NULL, "养老保险缴费支出", NULL, NULL, NULL);
    bl_row(p, 172, "2080506", "机关事业单位职业年金缴费支出", "44.66", "44.66", NULL);
    bl_row(p, 188, "2080599", "其他", "0.94", NULL, "0.94");
    char *out = emit(p, 1);
    ck_assert_msg(strstr(out, "| 208 | 社会保障和就业支出 | 1,511.25 | 756.49 | 754.76 |\n"
                              "| 2080505 | 机关事业单位基本养老保险缴费支出 | 95.03 | 95.03 |  |\n"
                              "| 2080506 | 机关事业单位职业年金缴费支出 | 44.66 | 44.66 |  |\n"
                              "| 2080599 | 其他 | 0.94 |  | 0.94 |\n") != NULL, "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_borderless_not_narrative)
{
    /* Lines with wide gaps but no amounts (a list of contents with page
     * numbers, a signature block) are not tables. */
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    text_at(p, 72, 100, 12, "第一部分 部门概况");
    text_right(p, 500, 100, 12, "3");
    text_at(p, 72, 120, 12, "第二部分 部门决算表");
    text_right(p, 500, 120, 12, "6");
    text_at(p, 72, 140, 12, "第三部分 情况说明");
    text_right(p, 500, 140, 12, "21");
    text_at(p, 72, 160, 12, "第四部分 名词解释");
    text_right(p, 500, 160, 12, "25");
    text_at(p, 72, 200, 12, "填报人：张三");
    text_at(p, 300, 200, 12, "联系电话：1234567");
    text_at(p, 72, 220, 12, "审核人：李四");
    text_at(p, 300, 220, 12, "填报日期：2024.3.1");
    text_at(p, 72, 240, 12, "单位负责人：王五");
    text_at(p, 300, 240, 12, "单位盖章");
    char *out = emit(p, 1);
    ck_assert_msg(strchr(out, '|') == NULL, "got:\n%s", out);
    ck_assert_msg(strstr(out, "第二部分 部门决算表 6") != NULL, "got:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_borderless_continued_on_next_page)
{
    /* The header is repeated on page 2 and written once; the page-2 rows
     * have no 基本支出 at all and still land in the right columns. */
    page_in *p = calloc(2, sizeof *p);
    body_text(&p[0], 60);
    bl_header(&p[0], 660);
    bl_row(&p[0], 692, "208", "社会保障和就业支出", "1,511.25", "756.49", "754.76");
    bl_row(&p[0], 708, "20802", "民政管理事务", "1,300.84", "546.08", "754.76");
    bl_row(&p[0], 724, "2080201", "行政运行", "546.08", "546.08", NULL);
    bl_colheader(&p[1], 88);       /* Word repeats the column header */
    bl_row(&p[1], 104, "2080207", "行政区划和地名管理", "2.79", NULL, "2.79");
    bl_row(&p[1], 120, "2080208", "基层政权建设和社区治理", "650.34", NULL, "650.34");
    bl_row(&p[1], 136, "2080299", "其他民政管理事务支出", "101.63", NULL, "101.63");
    body_text(&p[1], 200);
    char *out = emit(p, 2);
    ck_assert_msg(strstr(out, "| 2080201 | 行政运行 | 546.08 | 546.08 |  |\n\f"
                              "| 2080207 | 行政区划和地名管理 | 2.79 |  | 2.79 |\n") != NULL,
                  "got:\n%s", out);
    const char *h = strstr(out, "| 科目编码 |");
    ck_assert_msg(h && !strstr(h + 1, "| 科目编码 |"), "header not once:\n%s", out);
    free(out);
    free(p);
}
END_TEST

START_TEST(test_ruled_table_first)
{
    /* A ruled table is read by its borders even when its lines would
     * also pass for a table without borders. */
    page_in *p = calloc(1, sizeof *p);
    body_text(p, 60);
    static const double xs[] = { 72, 120, 280, 340, 410, 480 }, ys[] = { 110, 128, 146, 164, 182 };
    grid(p, xs, 6, ys, 5);
    text_at(p, 72, 113, 10, "科目编码");
    text_at(p, 150, 113, 10, "科目名称");
    text_at(p, 282, 113, 10, "合计");
    text_at(p, 362, 113, 10, "基本支出");
    text_at(p, 432, 113, 10, "项目支出");
    bl_row(p, 131, "208", "社会保障和就业支出", "1,511.25", "756.49", "754.76");
    bl_row(p, 149, "2080201", "行政运行", "546.08", "546.08", NULL);
    bl_row(p, 167, "2080207", "行政区划和地名管理", "2.79", NULL, "2.79");
    pl_page page = { .width = 595, .height = 842 };
    pl_layout_page(&page, p->g, p->ng, p->h, p->nh, p->v, p->nv);
    size_t tables = 0;
    for (size_t i = 0; i < page.nblocks; i++)
        if (page.blocks[i].kind == PL_TABLE) {
            tables++;
            ck_assert_int_eq(page.blocks[i].borderless, 0);
            ck_assert_uint_eq(page.blocks[i].nrows, 4);
        }
    ck_assert_uint_eq(tables, 1);
    pl_page_free(&page);
    free(p);
}
END_TEST

#ifndef FL_SRCDIR
#define FL_SRCDIR "."
#endif

static const fl_row *bl_row_coded(const fl_table *t, const char *code)
{
    for (size_t i = 0; i < fl_table_row_count(t); i++) {
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_code(r) && !strcmp(fl_row_code(r), code))
            return r;
    }
    ck_abort_msg("no row %s", code);
    return NULL;
}

static const char *bl_cell(const fl_row *r, size_t col)
{
    const fl_cell *c = fl_row_cell(r, col);
    return c ? fl_cell_norm(c) : "(none)";
}

START_TEST(test_borderless_pdf_file)
{
    /* LibreOffice's PDF of a borderless Word table (make-fixtures.py). */
    fl_test_run *run = fl_test_run_file("table-totals", "tests/fixtures/formats/borderless.pdf",
                                        NULL);
    ck_assert_uint_eq(fl_doc_table_count(run->doc), 1);
    const fl_table *t = fl_doc_table(run->doc, 0);
    ck_assert_str_eq(fl_table_title(t), "支出决算表");
    /* One table over the page break, its header once: 1 + 20 rows. */
    ck_assert_uint_eq(fl_table_row_count(t), 21);
    ck_assert_uint_eq(fl_table_header_row_count(t), 1);
    const fl_row *r = bl_row_coded(t, "2080207");
    ck_assert_str_eq(bl_cell(r, 1), "行政区划和地名管理");
    ck_assert_str_eq(bl_cell(r, 2), "2.79");
    ck_assert_str_eq(bl_cell(r, 3), "");          /* the gap stays empty */
    ck_assert_str_eq(bl_cell(r, 4), "2.79");
    ck_assert_int_eq(fl_doc_line_page(run->doc, fl_row_line(r)), 1);
    r = bl_row_coded(t, "2080208");           /* the first row on page 2 */
    ck_assert_str_eq(bl_cell(r, 3), "");
    ck_assert_str_eq(bl_cell(r, 4), "650.34");
    ck_assert_int_eq(fl_doc_line_page(run->doc, fl_row_line(r)), 2);
    r = bl_row_coded(t, "2080201");
    ck_assert_str_eq(bl_cell(r, 3), "546.08");
    ck_assert_str_eq(bl_cell(r, 4), "");
    /* wrapped over two lines in the PDF */
    r = bl_row_coded(t, "2080505");
    ck_assert_str_eq(bl_cell(r, 1), "机关事业单位基本养老保险缴费支出");
    ck_assert_str_eq(bl_cell(r, 2), "95.03");
    r = bl_row_coded(t, "20802");
    ck_assert_int_eq(fl_doc_line_page(run->doc, fl_row_line(r)), 1);
    ck_assert_str_eq(bl_cell(r, 3), "546.08");

    /* The same findings as the text form: the 款 20805 that does not add
     * up (its 项 sum to 211.41), on page 2. */
    fl_test_run *txt = fl_test_run_file("table-totals", "tests/fixtures/formats/borderless.txt",
                                        NULL);
    ck_assert_uint_eq(run->rep->count, txt->rep->count);
    ck_assert_uint_ge(run->rep->count, 1);
    const fl_finding *f = NULL;
    for (size_t i = 0; i < run->rep->count; i++) {
        const fl_finding *a = run->rep->items[i], *b = txt->rep->items[i];
        ck_assert_str_eq(a->rule, b->rule);
        ck_assert_str_eq(a->row ? a->row : "-", b->row ? b->row : "-");
        ck_assert_str_eq(a->message, b->message);
        ck_assert(fl_dec_cmp(a->expected, b->expected) == 0);
        ck_assert(fl_dec_cmp(a->actual, b->actual) == 0);
        if (!f && strstr(a->rule, "code-hierarchy") && a->row && strstr(a->row, "20805"))
            f = a;
    }
    ck_assert_msg(f != NULL, "no code-hierarchy finding on 20805");
    ck_assert_str_eq(fl_test_dec(f->expected), "211.41");
    ck_assert_str_eq(fl_test_dec(f->actual), "210.41");
    ck_assert_int_eq(f->page, 2);
    fl_test_run_free(txt);
    fl_test_run_free(run);
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
    tcase_add_test(tc, test_rules_from_boxes);
    tcase_add_test(tc, test_borderless_table);
    tcase_add_test(tc, test_borderless_centred_amounts);
    tcase_add_test(tc, test_borderless_not_narrative);
    tcase_add_test(tc, test_borderless_continued_on_next_page);
    tcase_add_test(tc, test_ruled_table_first);
    suite_add_tcase(s, tc);
    TCase *tf = tcase_create("pdf-borderless-file");
    tcase_set_timeout(tf, 60);
    tcase_add_test(tf, test_borderless_pdf_file);
    suite_add_tcase(s, tf);
    return s;
}
