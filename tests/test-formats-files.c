/* test-formats-files.c — the readers on real files: the published Putuo
 * PDF, the national template, the fixtures made from one source (DOCX,
 * XLSX, PDF must give the text form's tables and findings), and bad
 * files, each refused with a clear Chinese message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "harness.h"
#include "model.h"
#include "reader.h"
#include "report.h"
#include "test-formats.h"

#ifndef FL_SRCDIR
#define FL_SRCDIR "."
#endif

#define FIX FL_SRCDIR "/tests/fixtures/formats/"
#define CORPUS FL_SRCDIR "/tests/real/pdf/"

/* Read `path` through the readers; NULL with the message in err. */
static fl_document *load(const char *path, char *err, size_t errsize)
{
    size_t len;
    unsigned char *data = fl_test_slurp(path, &len);
    fl_input in;
    err[0] = '\0';
    int rc = fl_read_input(path, data, len, &in, err, errsize);
    free(data);
    if (rc != 0)
        return NULL;
    fl_document *doc = fl_document_from_text(path, in.format, in.text, in.len);
    fl_input_free(&in);
    return doc;
}

static fl_document *load_ok(const char *path)
{
    char err[1024];
    fl_document *doc = load(path, err, sizeof err);
    ck_assert_msg(doc != NULL, "%s: %s", path, err);
    return doc;
}

static const fl_table *table_titled(const fl_document *doc, const char *title)
{
    for (size_t i = 0; i < fl_doc_table_count(doc); i++)
        if (!strcmp(fl_table_title(fl_doc_table(doc, i)), title))
            return fl_doc_table(doc, i);
    ck_abort_msg("no table titled %s", title);
    return NULL;
}

static const fl_row *row_labelled(const fl_table *t, const char *label)
{
    for (size_t i = 0; i < fl_table_row_count(t); i++)
        if (!strcmp(fl_row_label(fl_table_row(t, i)), label))
            return fl_table_row(t, i);
    ck_abort_msg("table %s has no row %s", fl_table_title(t), label);
    return NULL;
}

static const char *cell(const fl_row *r, size_t col)
{
    const fl_cell *c = fl_row_cell(r, col);
    return c ? fl_cell_norm(c) : "(none)";
}

START_TEST(test_putuo_tables_and_pages)
{
    const char *path = CORPUS "putuo-finance-2024-final-accounts.pdf";
    fl_document *doc = load_ok(path);
    ck_assert_str_eq(fl_doc_format(doc), "pdf");
    const fl_table *t = table_titled(doc, "收入支出决算总表");
    const fl_row *r = row_labelled(t, "一、一般公共预算财政拨款收入");
    ck_assert_str_eq(cell(r, 1), "2,940.05");
    ck_assert_str_eq(cell(r, 2), "一、一般公共服务支出");
    ck_assert_str_eq(cell(r, 3), "2,106.66");
    r = row_labelled(t, "八、其他收入");
    ck_assert_str_eq(cell(r, 1), "6.20");
    ck_assert_str_eq(cell(r, 2), "八、社会保障和就业支出");
    ck_assert_str_eq(cell(r, 3), "326.71");
    /* The expense-only rows keep their empty income cells. */
    r = row_labelled(t, "十九、住房保障支出");
    ck_assert_str_eq(cell(r, 0), "");
    ck_assert_str_eq(cell(r, 3), "445.69");
    /* Continued on page 7: one table, its last rows on the next page. */
    ck_assert_int_eq(fl_doc_line_page(doc, fl_table_line(t)), 6);
    r = row_labelled(t, "总计");
    ck_assert_int_eq(fl_doc_line_page(doc, fl_row_line(r)), 7);
    ck_assert_str_eq(cell(r, 1), "2,995.39");

    /* A wrapped name cell joined; amounts in their own columns. */
    t = table_titled(doc, "收入决算表");
    r = row_labelled(t, "机关事业单位基本养老保险缴费支出");
    ck_assert_str_eq(cell(r, 4), "160.75");
    r = row_labelled(t, "一般行政管理事务");
    ck_assert_str_eq(cell(r, 4), "16.19");
    ck_assert_str_eq(cell(r, 5), "10.00");
    ck_assert_str_eq(cell(r, 6), "");
    ck_assert_str_eq(cell(r, 10), "6.19");
    ck_assert_uint_eq(fl_doc_table_count(doc), 10);

    /* The section tree: part three with its numbered sections. */
    int found = 0;
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (!strcmp(fl_section_title(s), "一般公共预算财政拨款支出决算总体情况")) {
            ck_assert_int_eq(fl_section_depth(s), 3);
            ck_assert_int_eq(fl_doc_line_page(doc, fl_section_line(s)), 21);
            found = 1;
        }
    }
    ck_assert(found);
    fl_document_free(doc);
}
END_TEST

START_TEST(test_template_reads)
{
    const char *path = CORPUS "template-national-2024.pdf";
    fl_document *doc = load_ok(path);
    const fl_table *t = table_titled(doc, "收入决算表");
    const fl_row *r = row_labelled(t, "高等教育");
    ck_assert_str_eq(cell(r, 0), "2050205");
    ck_assert_str_eq(cell(r, 2), "");
    ck_assert(fl_doc_table_count(doc) >= 9);
    fl_document_free(doc);
}
END_TEST

/* The tables of two documents are the same: titles, rows, labels, codes
 * and every cell. */
static void same_tables(const char *a_path, const char *b_path)
{
    fl_document *a = load_ok(a_path), *b = load_ok(b_path);
    ck_assert_uint_eq(fl_doc_table_count(a), fl_doc_table_count(b));
    ck_assert_uint_eq(fl_doc_table_count(a), 3);
    for (size_t i = 0; i < fl_doc_table_count(a); i++) {
        const fl_table *ta = fl_doc_table(a, i), *tb = fl_doc_table(b, i);
        ck_assert_str_eq(fl_table_title(ta), fl_table_title(tb));
        ck_assert_int_eq(fl_table_unit(ta), fl_table_unit(tb));
        ck_assert_uint_eq(fl_table_row_count(ta), fl_table_row_count(tb));
        ck_assert_uint_eq(fl_table_header_row_count(ta), fl_table_header_row_count(tb));
        for (size_t r = 0; r < fl_table_row_count(ta); r++) {
            const fl_row *ra = fl_table_row(ta, r), *rb = fl_table_row(tb, r);
            ck_assert_str_eq(fl_row_label(ra), fl_row_label(rb));
            ck_assert_str_eq(fl_row_code(ra) ? fl_row_code(ra) : "-",
                             fl_row_code(rb) ? fl_row_code(rb) : "-");
            ck_assert_uint_eq(fl_row_cell_count(ra), fl_row_cell_count(rb));
            for (size_t c = 0; c < fl_row_cell_count(ra); c++)
                ck_assert_msg(!strcmp(cell(ra, c), cell(rb, c)), "%s row %zu col %zu: %s vs %s",
                              b_path, r, c, cell(ra, c), cell(rb, c));
        }
    }
    /* And the fixture's known cells, so that two empty readings cannot pass. */
    const fl_row *row = row_labelled(table_titled(b, "支出决算表"), "事业单位离退休");
    ck_assert_str_eq(fl_row_code(row), "2080502");
    ck_assert_str_eq(cell(row, 2), "22.04");
    fl_document_free(a);
    fl_document_free(b);
}

START_TEST(test_docx_same_tables)
{
    same_tables(FIX "report.txt", FIX "report.docx");
}
END_TEST

START_TEST(test_pdf_same_tables)
{
    same_tables(FIX "report.txt", FIX "report.pdf");
}
END_TEST

START_TEST(test_xlsx_same_tables)
{
    same_tables(FIX "tables.txt", FIX "report.xlsx");
}
END_TEST

START_TEST(test_docx_headings)
{
    fl_document *doc = load_ok(FIX "report.docx");
    ck_assert_str_eq(fl_doc_format(doc), "docx");
    int part3 = 0;
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (!strcmp(fl_section_heading(s), "一、收入支出决算总体情况说明")) {
            ck_assert_str_eq(fl_section_title(fl_section_parent(s)), "2023年度部门决算情况说明");
            part3 = 1;
        }
    }
    ck_assert(part3);
    fl_document_free(doc);
}
END_TEST

START_TEST(test_docx_numbering_and_merges)
{
    fl_document *doc = load_ok(FIX "numbered.docx");
    /* The numbers Word shows come from numbering.xml, not the text. */
    ck_assert_uint_eq(fl_doc_section_count(doc), 4);
    const fl_section *s = fl_doc_section(doc, 1);
    ck_assert_str_eq(fl_section_heading(s), "一、部门职责");
    ck_assert_int_eq(fl_section_numbering(s), FL_NUM_CN);
    s = fl_doc_section(doc, 2);
    ck_assert_str_eq(fl_section_heading(s), "(一)职能");
    ck_assert_str_eq(fl_section_heading(fl_section_parent(s)), "一、部门职责");
    ck_assert_str_eq(fl_section_heading(fl_doc_section(doc, 3)), "二、收支情况");
    /* gridSpan gives an empty cell after "项目"; vMerge an empty one
     * under "金额". */
    ck_assert_uint_eq(fl_doc_table_count(doc), 1);
    const fl_table *t = fl_doc_table(doc, 0);
    ck_assert_uint_eq(fl_table_row_count(t), 3);
    ck_assert_str_eq(cell(fl_table_row(t, 0), 0), "项目");
    ck_assert_str_eq(cell(fl_table_row(t, 0), 1), "");
    ck_assert_str_eq(cell(fl_table_row(t, 0), 2), "金额");
    ck_assert_str_eq(cell(fl_table_row(t, 1), 1), "名称");
    ck_assert_str_eq(cell(fl_table_row(t, 1), 2), "");
    ck_assert_str_eq(fl_row_code(fl_table_row(t, 2)), "208");
    ck_assert_str_eq(cell(fl_table_row(t, 2), 2), "1,511.25");
    fl_document_free(doc);
}
END_TEST

/* Findings of one check on two files: same rules, rows and values. */
static void same_findings(const char *check, const char *a_path, const char *b_path,
                          size_t expect_min)
{
    fl_test_run *a = fl_test_run_file(check, a_path, NULL);
    fl_test_run *b = fl_test_run_file(check, b_path, NULL);
    ck_assert_uint_eq(a->rep->count, b->rep->count);
    ck_assert_uint_ge(a->rep->count, expect_min);
    for (size_t i = 0; i < a->rep->count; i++) {
        const fl_finding *fa = a->rep->items[i], *fb = b->rep->items[i];
        ck_assert_str_eq(fa->rule, fb->rule);
        ck_assert_str_eq(fa->row ? fa->row : "-", fb->row ? fb->row : "-");
        ck_assert_str_eq(fa->message, fb->message);
        ck_assert_int_eq(fa->has_values, fb->has_values);
        ck_assert(fl_dec_cmp(fa->expected, fb->expected) == 0);
        ck_assert(fl_dec_cmp(fa->actual, fb->actual) == 0);
    }
    fl_test_run_free(a);
    fl_test_run_free(b);
}

START_TEST(test_same_findings)
{
    same_findings("table-totals", "tests/fixtures/formats/report.txt",
                  "tests/fixtures/formats/report.pdf", 2);
    same_findings("table-totals", "tests/fixtures/formats/report.txt",
                  "tests/fixtures/formats/report.docx", 2);
    same_findings("table-totals", "tests/fixtures/formats/tables.txt",
                  "tests/fixtures/formats/report.xlsx", 2);
    same_findings("missing-cause", "tests/fixtures/formats/report.txt",
                  "tests/fixtures/formats/report.pdf", 1);

    /* The 款 that does not add up, found in the PDF with its numbers. */
    fl_test_run *run = fl_test_run_file("table-totals", "tests/fixtures/formats/report.pdf", NULL);
    const fl_finding *f = NULL;
    for (size_t i = 0; i < run->rep->count && !f; i++)
        if (strstr(run->rep->items[i]->rule, "code-hierarchy") && run->rep->items[i]->row
            && strstr(run->rep->items[i]->row, "20805"))
            f = run->rep->items[i];
    ck_assert_msg(f != NULL, "no code-hierarchy finding on 20805");
    ck_assert_str_eq(fl_test_dec(f->expected), "211.41");
    ck_assert_str_eq(fl_test_dec(f->actual), "210.41");
    ck_assert_int_eq(f->page, 2);
    fl_test_run_free(run);
}
END_TEST

/* A bad file: refused, with a message containing `words`. */
static void refused(const char *name, const char *words)
{
    char err[1024];
    char path[512];
    snprintf(path, sizeof path, "%s%s", FIX, name);
    fl_document *doc = load(path, err, sizeof err);
    ck_assert_msg(doc == NULL, "%s was read", name);
    ck_assert_msg(strstr(err, words) != NULL, "%s: message \"%s\" lacks \"%s\"", name, err, words);
}

START_TEST(test_bad_files)
{
    refused("truncated.pdf", "不完整");
    refused("encrypted.pdf", "已加密");
    refused("scan.pdf", "没有文本层");
    refused("scan.pdf", "未做 OCR");
    refused("not-a-zip.docx", "不是有效的 DOCX 文件");
    refused("bomb.docx", "压缩炸弹");
    /* A 50 KB entity referenced 50,000 times: refused, never expanded. */
    refused("entity-bomb.docx", "实体炸弹");
    refused("entity-bomb.xlsx", "实体炸弹");
    refused("no-sst.xlsx", "缺少共享字符串");
    refused("old.doc", "Word 97-2003 旧格式（.doc）");
    refused("old.doc", "另存为");
}
END_TEST

START_TEST(test_damaged_pdf)
{
    /* Ends like a PDF but has no readable structure. */
    static const char junk[] = "%PDF-1.7\nthis is not a pdf body\n%%EOF\n";
    fl_input in;
    char err[512];
    ck_assert_int_eq(fl_read_input("x.pdf", (const unsigned char *)junk, sizeof junk - 1, &in,
                                   err, sizeof err), -1);
    ck_assert_msg(strstr(err, "已损坏") != NULL, "%s", err);
}
END_TEST

Suite *suite_formats_files(void)
{
    Suite *s = suite_create("formats-files");
    TCase *tc = tcase_create("files");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_putuo_tables_and_pages);
    tcase_add_test(tc, test_template_reads);
    tcase_add_test(tc, test_docx_same_tables);
    tcase_add_test(tc, test_pdf_same_tables);
    tcase_add_test(tc, test_xlsx_same_tables);
    tcase_add_test(tc, test_docx_headings);
    tcase_add_test(tc, test_docx_numbering_and_merges);
    tcase_add_test(tc, test_same_findings);
    tcase_add_test(tc, test_bad_files);
    tcase_add_test(tc, test_damaged_pdf);
    suite_add_tcase(s, tc);
    return s;
}
