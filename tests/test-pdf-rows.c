/* test-pdf-rows.c — table rows of real PDF pages come back as printed:
 * one row per printed row, with its code, label and every amount.
 *
 * Each fixture is one page cut from a published budget (the documents are
 * public) that used to be misread: strokes of characters and digits left
 * over after the text was blanked out of the rendering were taken for
 * cell borders, and split a row in two or an amount in two cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "document.h"
#include "model.h"
#include "harness.h"
#include "reader.h"

#ifndef FL_SRCDIR
#define FL_SRCDIR "."
#endif

#define PAGES FL_SRCDIR "/tests/fixtures/formats/real-pages/"

/* Read a PDF through the readers into the document model. */
static fl_document *load(const char *path)
{
    size_t len;
    unsigned char *data = fl_test_slurp(path, &len);
    fl_input in;
    char err[1024] = "";
    int rc = fl_read_input(path, data, len, &in, err, sizeof err);
    free(data);
    ck_assert_msg(rc == 0, "%s: %s", path, err);
    fl_document *doc = fl_document_from_text(path, in.format, in.text, in.len);
    fl_input_free(&in);
    return doc;
}

/* The row with this code, in whichever table holds it; *t set to it. */
static const fl_row *row_coded(const fl_document *doc, const char *code, const fl_table **t)
{
    for (size_t i = 0; i < fl_doc_table_count(doc); i++) {
        const fl_table *tab = fl_doc_table(doc, i);
        for (size_t r = 0; r < fl_table_row_count(tab); r++) {
            const fl_row *row = fl_table_row(tab, r);
            if (fl_row_code(row) && !strcmp(fl_row_code(row), code)) {
                if (t)
                    *t = tab;
                return row;
            }
        }
    }
    ck_abort_msg("no row with code %s", code);
    return NULL;
}

static const char *cell(const fl_row *r, size_t col)
{
    const fl_cell *c = fl_row_cell(r, col);
    return c ? fl_cell_norm(c) : "(none)";
}

static size_t body_rows(const fl_table *t)
{
    return fl_table_row_count(t) - fl_table_header_row_count(t);
}

/* 上海 (类 | 款 | 项 | 名称 | 合计 | 财政拨款收入 …): the top strokes of
 * 财政事务 made a border through the row; its label came as a row of its
 * own, after the amounts. */
START_TEST(test_stroke_in_label_is_no_border)
{
    fl_document *doc = load(PAGES "caizheng-p10.pdf");
    const fl_table *t;
    const fl_row *r = row_coded(doc, "20106", &t);
    ck_assert_str_eq(fl_row_label(r), "财政事务");
    ck_assert_str_eq(cell(r, 3), "财政事务");
    ck_assert_str_eq(cell(r, 4), "22,186,440.80");
    ck_assert_str_eq(cell(r, 5), "22,186,440.80");
    r = row_coded(doc, "20805", NULL);
    ck_assert_str_eq(fl_row_label(r), "行政事业单位养老支出");
    ck_assert_str_eq(cell(r, 4), "3,508,644.00");
    /* 201, 20106 and its four 项, 208, 20805 and its four 项. */
    ck_assert_uint_eq(body_rows(t), 12);
    for (size_t i = fl_table_header_row_count(t); i < fl_table_row_count(t); i++)
        ck_assert_msg(fl_row_code(fl_table_row(t, i)) != NULL, "row %zu (%s) has no code", i,
                      fl_row_label(fl_table_row(t, i)));
    fl_document_free(doc);
}
END_TEST

/* 江苏 (科目代码 | 名称 | 金额): the tops of digits made a border that cut
 * 2,354.40 off its row; the sides of 9 and 0 meeting in 1,890.27 made a
 * border that cut the amount in two cells. */
START_TEST(test_strokes_of_digits_are_no_border)
{
    fl_document *doc = load(PAGES "jianchayuan-p16.pdf");
    const fl_table *t;
    const fl_row *r = row_coded(doc, "2040402", &t);
    ck_assert_str_eq(fl_row_label(r), "一般行政管理事务");
    size_t amount = fl_table_column_count(t) - 1;
    ck_assert_str_eq(cell(r, amount), "2,354.40");
    r = row_coded(doc, "2040410", NULL);
    ck_assert_str_eq(fl_row_label(r), "检察监督");
    ck_assert_str_eq(cell(r, amount), "1,185.60");
    r = row_coded(doc, "20805", NULL);
    ck_assert_str_eq(fl_row_label(r), "行政事业单位离退休");
    ck_assert_str_eq(cell(r, amount), "1,890.27");
    r = row_coded(doc, "22102", NULL);
    ck_assert_str_eq(cell(r, amount), "5,686.35");
    /* 合计 and 16 coded rows. */
    ck_assert_uint_eq(body_rows(t), 17);

    /* The table above it: 4335.3 and 3990.4 whole, on their rows. */
    const fl_table *sum = NULL;
    for (size_t i = 0; i < fl_doc_table_count(doc); i++)
        if (!strcmp(fl_table_title(fl_doc_table(doc, i)), "财政拨款收支预算总表"))
            sum = fl_doc_table(doc, i);
    ck_assert_ptr_nonnull(sum);
    ck_assert_uint_eq(fl_table_column_count(sum), 4);
    ck_assert_uint_eq(body_rows(sum), 4);
    r = fl_table_row(sum, fl_table_header_row_count(sum) + 1);
    ck_assert_str_eq(cell(r, 2), "二、项目支出");
    ck_assert_str_eq(cell(r, 3), "4335.3");
    fl_document_free(doc);
}
END_TEST

/* 上海 经济分类 (类 | 款 | 名称 …) printed "301 | 2" for 30102: the
 * spreadsheet dropped the leading zero.  The row keeps its code, so the
 * items still add up to 301. */
START_TEST(test_one_digit_piece_of_split_code)
{
    fl_document *doc = load(PAGES "wanli-p29.pdf");
    const fl_table *t;
    const fl_row *r = row_coded(doc, "30102", &t);
    ck_assert_str_eq(fl_row_label(r), "津贴补贴");
    ck_assert_str_eq(cell(r, 3), "16,623,810");
    r = row_coded(doc, "30107", NULL);
    ck_assert_str_eq(fl_row_label(r), "绩效工资");
    ck_assert_str_eq(cell(r, 3), "11,447,100");
    r = row_coded(doc, "301", NULL);
    ck_assert_str_eq(cell(r, 3), "88,282,511");
    /* 301 and 9 items, 302 and 2 items (the rest is on the next page). */
    ck_assert_uint_eq(body_rows(t), 13);
    fl_document_free(doc);
}
END_TEST

static Suite *suite_pdf_rows(void)
{
    Suite *s = suite_create("pdf-rows");
    TCase *tc = tcase_create("real pages");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_stroke_in_label_is_no_border);
    tcase_add_test(tc, test_strokes_of_digits_are_no_border);
    tcase_add_test(tc, test_one_digit_piece_of_split_code);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite_pdf_rows());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
