/* test-model.c — the document model as plugins see it: lines and pages,
 * sections, paragraphs, narrative amounts and tables, on small texts and
 * on the four seed reports in examples/. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fislint/plugin.h>

#include "document.h"
#include "parse.h"
#include "reader.h"

#define SEED_000 FL_SRCDIR "/examples/000_043825adc2a1e450.txt"
#define SEED_001 FL_SRCDIR "/examples/001_aaa1171e4b8d576e.txt"
#define SEED_002 FL_SRCDIR "/examples/002_24d4cf092f85e5e3.txt"
#define SEED_003 FL_SRCDIR "/examples/003_b8f3d489ed9ef61e.txt"
/* A Shanghai report (类 | 款 | 项 code columns), from the real-report set. */
#define PUTUO_PDF FL_SRCDIR "/tests/real/pdf/putuo-finance-2024-final-accounts.pdf"

static fl_document *from_text(const char *text)
{
    return fl_document_from_text("<test>", "text", text, strlen(text));
}

static fl_document *from_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    fl_document *doc = fl_document_from_text(path, "text", buf, (size_t)n);
    free(buf);
    return doc;
}

static const fl_table *table_titled(const fl_document *doc, const char *title)
{
    for (size_t i = 0; i < fl_doc_table_count(doc); i++)
        if (strcmp(fl_table_title(fl_doc_table(doc, i)), title) == 0)
            return fl_doc_table(doc, i);
    return NULL;
}

static const fl_row *row_with_code(const fl_table *t, const char *code)
{
    for (size_t r = 0; r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        if (fl_row_code(row) && strcmp(fl_row_code(row), code) == 0)
            return row;
    }
    return NULL;
}

static const fl_row *row_labelled(const fl_table *t, const char *label)
{
    for (size_t r = 0; r < fl_table_row_count(t); r++)
        if (strcmp(fl_row_label(fl_table_row(t, r)), label) == 0)
            return fl_table_row(t, r);
    return NULL;
}

static void assert_cell_amount(const fl_row *row, size_t col, const char *text, int64_t micros)
{
    const fl_cell *c = fl_row_cell(row, col);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(fl_cell_norm(c), text);
    fl_number n;
    ck_assert_int_eq(fl_cell_number(c, &n), 1);
    ck_assert_int_eq(n.value.micros, micros);
}

static const fl_section *section_headed(const fl_document *doc, const char *heading)
{
    for (size_t i = 0; i < fl_doc_section_count(doc); i++)
        if (strcmp(fl_section_heading(fl_doc_section(doc, i)), heading) == 0)
            return fl_doc_section(doc, i);
    return NULL;
}

static const fl_amount *amount_labelled(const fl_document *doc, const char *label)
{
    for (size_t i = 0; i < fl_doc_amount_count(doc); i++)
        if (strcmp(fl_doc_amount(doc, i)->label, label) == 0)
            return fl_doc_amount(doc, i);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Lines and pages                                                      */
/* ------------------------------------------------------------------ */

/* Trimming finds the same bounds from either end: trailing ideographic
 * and no-break spaces, tabs and '\r' go; a space cut off by `len`, or
 * bytes that only look like the end of one, stay. */
static void expect_trim(const char *s, size_t len, size_t start, size_t tlen)
{
    size_t a = 99, n = 99;
    fl_trim_bounds(s, len, &a, &n);
    ck_assert_msg(a == start && n == tlen, "trim of [%.*s]: %zu+%zu, expected %zu+%zu",
                  (int)len, s, a, n, start, tlen);
}

START_TEST(trim_bounds_both_ends)
{
    expect_trim(" \xE3\x80\x80合计\xC2\xA0\t\r\xE3\x80\x80 ", 18, 4, 6);
    expect_trim("   ", 3, 3, 0);
    expect_trim("", 0, 0, 0);
    expect_trim("合计\xE3\x80\x80", 8, 0, 8);      /* len cuts U+3000: kept */
    expect_trim("x\x80\x80", 3, 0, 3);               /* continuation bytes alone */
    expect_trim("\xE3\x80\x80\xE3\x80", 5, 3, 2); /* a cut-off lead stays */
}
END_TEST

START_TEST(lines_split_and_normalised)
{
    fl_document *doc = from_text("第一行\r\n１２３，４５６\n\nlast");
    ck_assert_uint_eq(fl_doc_line_count(doc), 4);
    ck_assert_str_eq(fl_doc_line(doc, 1), "第一行");
    ck_assert_str_eq(fl_doc_line(doc, 2), "１２３，４５６");
    ck_assert_str_eq(fl_doc_line_norm(doc, 2), "123,456");
    ck_assert_str_eq(fl_doc_line(doc, 3), "");
    ck_assert_str_eq(fl_doc_line(doc, 4), "last");
    ck_assert_ptr_null(fl_doc_line(doc, 0));
    ck_assert_ptr_null(fl_doc_line(doc, 5));
    ck_assert_int_eq(fl_doc_line_page(doc, 1), 0); /* no \f: no pages */
    fl_document_free(doc);

    /* A line that normalising leaves alone is shared, not copied. */
    doc = from_text("１．甲\n乙\r\n丙　丁\r");
    ck_assert_uint_eq(fl_doc_line_count(doc), 3);
    ck_assert_str_eq(fl_doc_line_norm(doc, 1), "1.甲");
    ck_assert_ptr_eq(fl_doc_line_norm(doc, 2), fl_doc_line(doc, 2));
    ck_assert_str_eq(fl_doc_line(doc, 2), "乙");
    ck_assert_str_eq(fl_doc_line_norm(doc, 3), "丙 丁"); /* last line's \r dropped too */
    fl_document_free(doc);

    /* NUL bytes are spaces, with and without page breaks */
    static const char nul[] = "a\0b\nc\0";
    doc = fl_document_from_text("<test>", "text", nul, sizeof nul - 1);
    ck_assert_uint_eq(fl_doc_line_count(doc), 2);
    ck_assert_str_eq(fl_doc_line(doc, 1), "a b");
    ck_assert_str_eq(fl_doc_line(doc, 2), "c ");
    fl_document_free(doc);
    static const char nul_ff[] = "a\0\fb\n\f\0c";
    doc = fl_document_from_text("<test>", "text", nul_ff, sizeof nul_ff - 1);
    ck_assert_uint_eq(fl_doc_line_count(doc), 2);
    ck_assert_str_eq(fl_doc_line(doc, 1), "a b");
    ck_assert_int_eq(fl_doc_line_page(doc, 1), 1);
    ck_assert_str_eq(fl_doc_line(doc, 2), " c");
    ck_assert_int_eq(fl_doc_line_page(doc, 2), 3);
    fl_document_free(doc);

    doc = from_text("a\n");
    ck_assert_uint_eq(fl_doc_line_count(doc), 1);
    fl_document_free(doc);
    doc = from_text("");
    ck_assert_uint_eq(fl_doc_line_count(doc), 0);
    ck_assert_ptr_null(fl_doc_title(doc));
    fl_document_free(doc);
}
END_TEST

START_TEST(form_feed_starts_pages)
{
    fl_document *doc = from_text("p1 a\np1 b\n\fp2 a\np2 b\fx\np3");
    ck_assert_uint_eq(fl_doc_line_count(doc), 5);
    ck_assert_int_eq(fl_doc_line_page(doc, 1), 1);
    ck_assert_int_eq(fl_doc_line_page(doc, 2), 1);
    ck_assert_str_eq(fl_doc_line(doc, 3), "p2 a"); /* the \f is removed */
    ck_assert_int_eq(fl_doc_line_page(doc, 3), 2);
    ck_assert_str_eq(fl_doc_line(doc, 4), "p2 bx");
    ck_assert_int_eq(fl_doc_line_page(doc, 4), 2);
    ck_assert_int_eq(fl_doc_line_page(doc, 5), 3);
    fl_document_free(doc);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Sections                                                             */
/* ------------------------------------------------------------------ */

START_TEST(numbered_headings_nest_by_kind)
{
    fl_document *doc = from_text("2024年度项目支出绩效自评报告\n"
                                 "一、部门职责\n"
                                 "（一）主要职能\n"
                                 "1.负责全区民政工作\n"
                                 "正文。\n"
                                 "（二）机构设置\n"
                                 "二十三、其他事项\n"
                                 "十一、说明\n");
    ck_assert_str_eq(fl_doc_title(doc), "2024年度项目支出绩效自评报告");
    const fl_section *one = section_headed(doc, "一、部门职责");
    ck_assert_ptr_nonnull(one);
    ck_assert_int_eq(fl_section_numbering(one), FL_NUM_CN);
    ck_assert_int_eq(fl_section_number(one), 1);
    ck_assert_int_eq(fl_section_depth(one), 1);
    ck_assert_str_eq(fl_section_title(one), "部门职责");
    ck_assert_uint_eq(fl_section_line(one), 2);
    ck_assert_uint_eq(fl_section_end_line(one), 6);

    const fl_section *sub = section_headed(doc, "(一)主要职能");
    ck_assert_ptr_nonnull(sub);
    ck_assert_int_eq(fl_section_numbering(sub), FL_NUM_CN_PAREN);
    ck_assert_int_eq(fl_section_depth(sub), 2);
    ck_assert_ptr_eq(fl_section_parent(sub), one);
    ck_assert_str_eq(fl_section_path(sub), "一、部门职责 > (一)主要职能");
    ck_assert_uint_eq(fl_section_end_line(sub), 5);

    const fl_section *item = section_headed(doc, "1.负责全区民政工作");
    ck_assert_ptr_nonnull(item);
    ck_assert_int_eq(fl_section_numbering(item), FL_NUM_ARABIC);
    ck_assert_int_eq(fl_section_depth(item), 3);
    ck_assert_ptr_eq(fl_doc_section_at(doc, 5), item);

    const fl_section *two = section_headed(doc, "(二)机构设置");
    ck_assert_ptr_eq(fl_section_parent(two), one);
    ck_assert_int_eq(fl_section_number(two), 2);

    const fl_section *s23 = section_headed(doc, "二十三、其他事项");
    ck_assert_int_eq(fl_section_number(s23), 23);
    ck_assert_int_eq(fl_section_depth(s23), 1);
    ck_assert_int_eq(fl_section_number(section_headed(doc, "十一、说明")), 11);
    fl_document_free(doc);
}
END_TEST

/* The values of heading numbers in Chinese, how much of the text they
 * take, and where they stop. */
START_TEST(chinese_numerals)
{
    static const struct {
        const char *s;
        int value;
        size_t len;
    } cases[] = {
        { "一、", 1, 3 },       { "十", 10, 3 },       { "十二", 12, 6 },
        { "二十", 20, 6 },      { "二十三、", 23, 9 }, { "九十九", 99, 9 },
        { "一百", 100, 6 },     { "一百零五", 105, 12 }, { "两", 2, 3 },
        { "〇", 0, 3 },         { "零", 0, 3 },        { "三是", 3, 3 },
        { "是三", 0, 0 },       { "", 0, 0 },          { "\xE4", 0, 0 },
        { "四\xE4", 4, 3 },     /* a cut-off character ends it */
        { "一二三四五六七八", 7, 21 }, /* seven characters at most */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = 99;
        int v = fl_cn_numeral(cases[i].s, &len);
        ck_assert_msg(v == cases[i].value && len == cases[i].len, "%s: %d (%zu bytes), want %d (%zu)",
                      cases[i].s, v, len, cases[i].value, cases[i].len);
    }
}
END_TEST

START_TEST(sentences_are_not_headings)
{
    fl_document *doc = from_text(
        "一、一般公共预算\n"
        "1、一般公共服务支出（类）民族事务（款）。年初预算数为0万元，支出决算数为0.28万元，主要原因是。\n"
        "2、数量目标：见各专项绩效目标内容。\n"
        "- 三、支出决算表\n"
        "## **二、机构设置**\n");
    ck_assert_uint_eq(fl_doc_section_count(doc), 2);
    ck_assert_str_eq(fl_section_heading(fl_doc_section(doc, 0)), "一、一般公共预算");
    const fl_section *md = fl_doc_section(doc, 1);
    ck_assert_str_eq(fl_section_heading(md), "二、机构设置");
    ck_assert_str_eq(fl_section_title(md), "机构设置");
    ck_assert_int_eq(fl_section_number(md), 2);
    ck_assert_int_eq(fl_section_depth(md), 1);
    fl_document_free(doc);
}
END_TEST

START_TEST(seed_000_sections)
{
    fl_document *doc = from_file(SEED_000);
    ck_assert_str_eq(fl_doc_title(doc), "2024年度项目支出绩效自评报告");
    int top[6] = { 0 }, children = 0;
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (fl_section_numbering(s) == FL_NUM_CN) {
            ck_assert_int_eq(fl_section_depth(s), 1);
            ck_assert_int_le(fl_section_number(s), 5);
            top[fl_section_number(s)]++;
        }
        if (fl_section_numbering(s) == FL_NUM_CN_PAREN) {
            ck_assert_int_eq(fl_section_depth(s), 2);
            ck_assert_int_eq(fl_section_numbering(fl_section_parent(s)), FL_NUM_CN);
            children++;
        }
        /* "1.项目资金到位情况分析。" ends a sentence: a paragraph */
        ck_assert_int_ne(fl_section_numbering(s), FL_NUM_ARABIC);
    }
    for (int n = 1; n <= 5; n++)
        ck_assert_int_eq(top[n], 1);
    ck_assert_int_ge(children, 30);
    const fl_section *s = section_headed(doc, "(七)其他需要说明的问题");
    ck_assert_str_eq(fl_section_path(s),
                     "一、社会救助、低保管理、行政区划等经费(含慈善事业工作经费)项目 > "
                     "(七)其他需要说明的问题");
    fl_document_free(doc);
}
END_TEST

START_TEST(seed_002_sections_keep_the_gap)
{
    fl_document *doc = from_file(SEED_002);
    ck_assert_str_eq(fl_doc_title(doc), "2024年度民政局整体支出绩效自评报告");
    int numbers[8], n = 0;
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (fl_section_numbering(s) == FL_NUM_CN && n < 8)
            numbers[n++] = fl_section_number(s);
    }
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(numbers[0], 1);
    ck_assert_int_eq(numbers[1], 2);
    ck_assert_int_eq(numbers[2], 6);
    ck_assert_int_eq(numbers[3], 7);
    ck_assert_int_eq(numbers[4], 9);
    fl_document_free(doc);
}
END_TEST

START_TEST(seed_003_parts_are_top_level)
{
    fl_document *doc = from_file(SEED_003);
    ck_assert_str_eq(fl_doc_title(doc), "2023年济宁市兖州区民政局部门 决算");
    int parts[6] = { 0 };
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (fl_section_numbering(s) == FL_NUM_PART) {
            ck_assert_int_eq(fl_section_depth(s), 1);
            ck_assert_int_le(fl_section_number(s), 5);
            parts[fl_section_number(s)]++;
        }
    }
    for (int k = 1; k <= 5; k++)
        ck_assert_int_ge(parts[k], 1);
    const fl_section *duty = NULL;
    for (size_t i = 0; i < fl_doc_section_count(doc); i++) {
        const fl_section *s = fl_doc_section(doc, i);
        if (strcmp(fl_section_heading(s), "一、部门职责") == 0)
            duty = s;
    }
    ck_assert_ptr_nonnull(duty);
    ck_assert_str_eq(fl_section_path(duty), "第一部分 > 部门概况 > 一、部门职责");
    /* the table of contents ("- 一、部门职责") holds list items only */
    ck_assert_uint_gt(fl_section_line(duty), 44);
    /* "4、社会保障…基层政权建设和社区" is a cut-off item, not a heading */
    for (size_t i = 0; i < fl_doc_section_count(doc); i++)
        ck_assert_uint_ne(fl_section_line(fl_doc_section(doc, i)), 596);
    fl_document_free(doc);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Paragraphs and amounts                                               */
/* ------------------------------------------------------------------ */

START_TEST(paragraphs_join_broken_sentences)
{
    fl_document *doc = from_text("一、情况说明\n"
                                 "12、社会福利（款）殡葬（项）。年初预算\n"
                                 "\n"
                                 "数为0万元，支出决算数为875.19万元。\n"
                                 "第二段。\n"
                                 "- 1 -\n"
                                 "第三段。\n");
    ck_assert_uint_eq(fl_doc_paragraph_count(doc), 3);
    const fl_paragraph *p = fl_doc_paragraph(doc, 0);
    ck_assert_str_eq(fl_paragraph_text(p),
                     "12、社会福利(款)殡葬(项)。年初预算数为0万元,支出决算数为875.19万元。");
    ck_assert_uint_eq(fl_paragraph_line(p), 2);
    ck_assert_uint_eq(fl_paragraph_end_line(p), 4);
    ck_assert_str_eq(fl_section_heading(fl_paragraph_section(p)), "一、情况说明");
    const char *t = fl_paragraph_text(p);
    ck_assert_uint_eq(fl_paragraph_line_at(p, 0), 2);
    ck_assert_uint_eq(fl_paragraph_line_at(p, (size_t)(strstr(t, "数为") - t)), 4);
    ck_assert_str_eq(fl_paragraph_text(fl_doc_paragraph(doc, 1)), "第二段。");
    ck_assert_uint_eq(fl_paragraph_end_line(fl_doc_paragraph(doc, 1)), 5);
    ck_assert_uint_eq(fl_paragraph_line(fl_doc_paragraph(doc, 2)), 7); /* page number skipped */

    /* amounts of the joined paragraph, with their labels and lines */
    const fl_amount *a = amount_labelled(doc, "支出决算数");
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->number.value.micros, 875190000);
    ck_assert_int_eq(a->number.unit, FL_UNIT_WANYUAN);
    ck_assert_str_eq(a->text, "875.19万元");
    ck_assert_uint_eq(a->line, 4);
    ck_assert_ptr_eq(a->paragraph, p);
    a = amount_labelled(doc, "年初预算数"); /* "年初预算" + "数为0万元" */
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->number.value.micros, 0);
    ck_assert_uint_eq(a->line, 4);
    ck_assert_ptr_null(amount_labelled(doc, "")); /* "12、" is a list marker */
    fl_document_free(doc);
}
END_TEST

START_TEST(amount_labels)
{
    fl_document *doc = from_text("2023年度基本支出1,645.4万元，其中：人员经费1,334.32万元，"
                                 "占81.1%；年初预算数为0万元。截至2023年12月31日，"
                                 "车辆18辆，详见表3，依据〔2019〕29号。"
                                 "2024市级预算金额2.4万元；分值区间100-80%(含)。"
                                 "5. 自评得分在80分以下的。");
    ck_assert_uint_eq(fl_doc_amount_count(doc), 8);
    const fl_amount *a = fl_doc_amount(doc, 0);
    ck_assert_str_eq(a->label, "2023年度基本支出");
    ck_assert_int_eq(a->number.value.micros, 1645400000);
    a = fl_doc_amount(doc, 1);
    ck_assert_str_eq(a->label, "人员经费");
    ck_assert_int_eq(a->number.value.micros, 1334320000);
    ck_assert_str_eq(a->text, "1,334.32万元");
    a = fl_doc_amount(doc, 2);
    ck_assert_str_eq(a->label, "占");
    ck_assert_int_eq(a->number.unit, FL_UNIT_PERCENT);
    ck_assert_str_eq(fl_doc_amount(doc, 3)->label, "年初预算数");
    ck_assert_str_eq(fl_doc_amount(doc, 4)->label, "车辆");
    ck_assert_int_eq(fl_doc_amount(doc, 4)->number.unit, FL_UNIT_OTHER);
    ck_assert_str_eq(fl_doc_amount(doc, 5)->label, "2024市级预算金额");
    ck_assert_int_eq(fl_doc_amount(doc, 5)->number.value.micros, 2400000);
    ck_assert_str_eq(fl_doc_amount(doc, 6)->label, "分值区间"); /* 100; "-80%" ends the range */
    ck_assert_int_eq(fl_doc_amount(doc, 6)->number.value.micros, 100000000);
    ck_assert_str_eq(fl_doc_amount(doc, 7)->label, "自评得分在"); /* "5." is a list marker */
    ck_assert_int_eq(fl_doc_amount(doc, 7)->number.unit, FL_UNIT_POINTS);
    fl_document_free(doc);
}
END_TEST

START_TEST(seed_003_narrative_amounts)
{
    fl_document *doc = from_file(SEED_003);
    int found = 0;
    for (size_t i = 0; i < fl_doc_amount_count(doc); i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        if (strcmp(a->label, "人员经费") == 0 && a->number.value.micros == 1334320000) {
            ck_assert_uint_eq(a->line, 652);
            found = 1;
        }
    }
    ck_assert(found);
    /* 27 "主要原因是。" sit in paragraphs the plugins can read */
    int empty_causes = 0;
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++)
        for (const char *t = fl_paragraph_text(fl_doc_paragraph(doc, i));
             (t = strstr(t, "主要原因是。")) != NULL; t++)
            empty_causes++;
    ck_assert_int_eq(empty_causes, 27);
    fl_document_free(doc);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Tables                                                               */
/* ------------------------------------------------------------------ */

START_TEST(tab_table_with_furniture)
{
    fl_document *doc = from_text("# 支出决算表\n\n公开03表\n\n金额单位：万元\n\n部门：某局\n\n"
                                 "项目\t\t本年支出合计\t基本支出\n"
                                 "科目代码\t科目名称\t\t\n"
                                 "栏次\t\t1\t2\n"
                                 "\t合 计\t<b>1,846.86</b>\t—\n"
                                 "20810\t社会福利\t1,846.86\t1,018.64\n"
                                 "\n部门：某局\n\n"
                                 "项目\t\t本年支出合计\t基本支出\n"
                                 "科目代码\t科目名称\t\t\n"
                                 "栏次\t\t1\t2\n"
                                 "2081001\t儿童福利\t431.37\t0.00\n"
                                 "\n注：本表反映部门本年度各项支出情况。\n");
    ck_assert_uint_eq(fl_doc_table_count(doc), 1);
    const fl_table *t = fl_doc_table(doc, 0);
    ck_assert_str_eq(fl_table_title(t), "支出决算表");
    ck_assert_str_eq(fl_table_label(t), "公开03表");
    ck_assert_int_eq(fl_table_unit(t), FL_UNIT_WANYUAN);
    ck_assert_uint_eq(fl_table_line(t), 9);
    ck_assert_uint_eq(fl_table_end_line(t), 20);
    ck_assert_uint_eq(fl_table_column_count(t), 4);
    ck_assert_uint_eq(fl_table_header_row_count(t), 3);
    ck_assert_uint_eq(fl_table_row_count(t), 6); /* the repeated header left out */
    ck_assert_str_eq(fl_table_column_label(t, 0), "项目/科目代码");
    ck_assert_str_eq(fl_table_column_label(t, 1), "项目/科目名称");
    ck_assert_str_eq(fl_table_column_label(t, 2), "本年支出合计");
    ck_assert_int_eq(fl_table_column_number(t, 2), 1);
    ck_assert_int_eq(fl_table_column_number(t, 3), 2);
    ck_assert_int_eq(fl_table_find_column(t, "基本支出"), 3);
    ck_assert_int_eq(fl_table_find_column(t, "项目支出"), -1);

    const fl_row *total = fl_table_row(t, 3);
    ck_assert(!fl_row_is_header(total));
    ck_assert_str_eq(fl_row_label(total), "合计");
    ck_assert_ptr_null(fl_row_code(total));
    ck_assert_str_eq(fl_cell_text(fl_row_cell(total, 2)), "1,846.86");
    fl_number n;
    ck_assert_int_eq(fl_cell_number(fl_row_cell(total, 3), &n), 1);
    ck_assert_int_eq(n.is_empty, 1);
    ck_assert_int_eq(fl_cell_number(fl_row_cell(total, 1), &n), 0);

    const fl_row *row = row_with_code(t, "20810");
    ck_assert_ptr_nonnull(row);
    ck_assert_str_eq(fl_row_label(row), "社会福利");
    assert_cell_amount(row, 2, "1,846.86", 1846860000);
    ck_assert_ptr_nonnull(row_with_code(t, "2081001"));
    ck_assert_ptr_null(fl_row_cell(row, 4));
    ck_assert_str_eq(fl_section_heading(fl_table_section(t)), "支出决算表");
    /* furniture is not narrative */
    ck_assert_uint_eq(fl_doc_paragraph_count(doc), 1);
    fl_document_free(doc);
}
END_TEST

START_TEST(pipe_table_and_one_cell_rows)
{
    fl_document *doc = from_text("| 项目支出绩效自评表 |\n"
                                 "| 项目 | 金额（万元） |\n"
                                 "|---|:---:|\n"
                                 "| a\\|b | 12.50 |\n"
                                 "| 本表无数据 |\n");
    ck_assert_uint_eq(fl_doc_table_count(doc), 1);
    const fl_table *t = fl_doc_table(doc, 0);
    ck_assert_str_eq(fl_table_title(t), "项目支出绩效自评表");
    ck_assert_int_eq(fl_table_unit(t), FL_UNIT_WANYUAN);
    ck_assert_uint_eq(fl_table_row_count(t), 3);
    ck_assert_uint_eq(fl_table_header_row_count(t), 1);
    const fl_row *row = fl_table_row(t, 1);
    ck_assert_str_eq(fl_cell_text(fl_row_cell(row, 0)), "a|b");
    ck_assert_str_eq(fl_row_label(row), "a|b");
    assert_cell_amount(row, 1, "12.50", 12500000);
    ck_assert_uint_eq(fl_row_line(row), 4);
    ck_assert_uint_eq(fl_row_cell_count(fl_table_row(t, 2)), 1);
    ck_assert_str_eq(fl_row_label(fl_table_row(t, 2)), "本表无数据");
    fl_document_free(doc);
}
END_TEST

START_TEST(cell_per_line_table)
{
    fl_document *doc = from_text("说明。\n\n\n"
                                 "\t项目支出绩效自评表\n\n"
                                 "\t(2024年度)\n\n"
                                 "\t项目名称\n\t测试项目\n\n"
                                 "\t\n\t年度资金总额\n\t20.00\n\t10\n\n"
                                 "\t目标\n\t第一行\n续行\n\n\n\n"
                                 "十二、其他\n");
    ck_assert_uint_eq(fl_doc_table_count(doc), 1);
    const fl_table *t = fl_doc_table(doc, 0);
    ck_assert_str_eq(fl_table_title(t), "项目支出绩效自评表");
    ck_assert_uint_eq(fl_table_row_count(t), 3);
    const fl_row *row = fl_table_row(t, 1);
    ck_assert_uint_eq(fl_row_line(row), 11);
    ck_assert_uint_eq(fl_row_cell_count(row), 4);
    ck_assert_str_eq(fl_cell_norm(fl_row_cell(row, 0)), "");
    ck_assert_str_eq(fl_row_label(row), "年度资金总额");
    assert_cell_amount(row, 2, "20.00", 20000000);
    ck_assert_str_eq(fl_cell_text(fl_row_cell(fl_table_row(t, 2), 1)), "第一行续行");
    ck_assert_uint_eq(fl_table_end_line(t), 16);
    ck_assert_ptr_nonnull(section_headed(doc, "十二、其他"));
    fl_document_free(doc);
}
END_TEST

/* Row `r` of t has code `code` (NULL: none) and label `label`. */
static void assert_row(const fl_table *t, size_t r, const char *code, const char *label)
{
    const fl_row *row = fl_table_row(t, r);
    ck_assert_ptr_nonnull(row);
    if (code == NULL)
        ck_assert_msg(fl_row_code(row) == NULL, "row %zu has code %s", r, fl_row_code(row));
    else
        ck_assert_msg(fl_row_code(row) != NULL && strcmp(fl_row_code(row), code) == 0,
                      "row %zu: code %s, expected %s", r,
                      fl_row_code(row) ? fl_row_code(row) : "(none)", code);
    ck_assert_str_eq(fl_row_label(row), label);
}

START_TEST(split_code_columns)
{
    fl_document *doc = from_text(
        "一般公共预算财政拨款支出决算表\n"
        "金额单位：万元\n"
        "类\t款\t项\t科目名称\t合计\t基本支出\t项目支出\n"
        "201\t\t\t一般公共服务支出\t100.00\t80.00\t20.00\n"
        "201\t06\t\t财政事务\t100.00\t80.00\t20.00\n"
        "201\t06\t01\t行政运行\t80.00\t80.00\t\n"
        "\t\t02\t一般行政管理事务\t20.00\t\t20.00\n"   /* 类, 款 merged above */
        "208\t\t\t社会保障和就业支出\t5.00\t5.00\t\n"
        "\t05\t\t行政事业单位养老支出\t5.00\t5.00\t\n"
        "\t\t05\t机关事业单位基本养老保险缴费支出\t5.00\t5.00\t\n"
        "\t\t\t\t5.00\t5.00\t\n"                        /* no code: ends the block */
        "\t\t06\t职业年金\t1.00\t1.00\t\n"
        "210\t\t01\t项无款\t1.00\t1.00\t\n"             /* 项 without its 款 */
        "合计\t\t\t\t105.00\t85.00\t20.00\n"
        "\t\t01\t孤儿\t1.00\t1.00\t\n");                  /* not across 合计 */
    ck_assert_uint_eq(fl_doc_table_count(doc), 1);
    const fl_table *t = fl_doc_table(doc, 0);
    ck_assert_uint_eq(fl_table_header_row_count(t), 1);
    assert_row(t, 1, "201", "一般公共服务支出");
    assert_row(t, 2, "20106", "财政事务");
    assert_row(t, 3, "2010601", "行政运行");
    assert_row(t, 4, "2010602", "一般行政管理事务");
    assert_row(t, 5, "208", "社会保障和就业支出");
    assert_row(t, 6, "20805", "行政事业单位养老支出");
    assert_row(t, 7, "2080505", "机关事业单位基本养老保险缴费支出");
    assert_row(t, 9, NULL, "职业年金");
    assert_row(t, 10, NULL, "项无款");
    assert_row(t, 11, NULL, "合计");
    assert_row(t, 12, NULL, "孤儿");
    assert_cell_amount(fl_table_row(t, 4), 4, "20.00", 20000000);
    fl_document_free(doc);
}
END_TEST

START_TEST(split_code_columns_pipe)
{
    /* PDF conversion: the 类 | 款 | 项 row merged with the 合计 row. */
    fl_document *doc = from_text(
        "支出决算表\n\n"
        "| 项目 | | | | 本年支出合计 | 基本支出 |\n"
        "|---|---|---|---|---|---|\n"
        "| 科目编码 | | | 科目名称 | | |\n"
        "| 类 | 款 | 项 | 合计 | 20.00 | 20.00 |\n"
        "| 221 | | | 住房保障支出 | 20.00 | 20.00 |\n"
        "| 221 | 02 | | 住房改革支出 | 20.00 | 20.00 |\n"
        "| 221 | 02 | 01 | 住房公积金 | 20.00 | 20.00 |\n"
        "| 人员经费合计 | | | | 20.00 | 公用经费合计 |\n"
        "\n"
        "基本支出决算表\n\n"
        "| 科目编码 | | | 科目名称 | 决算数 |\n"
        "|---|---|---|---|---|\n"
        "| 301 | | | 工资福利支出 | 3.00 |\n"
        "| 301 | 01 | | 基本工资 | 3.00 |\n"
        "| 302 | 01 | 01 | 细目 | 1.00 |\n"
        "\n"
        "收入决算表\n\n"
        "| 科目编码 | 科目名称 | 金额 |\n"
        "|---|---|---|\n"
        "| 201 | 一般公共服务支出 | 1.00 |\n"
        "| 20106 | 财政事务 | 1.00 |\n");
    ck_assert_uint_eq(fl_doc_table_count(doc), 3);
    const fl_table *t = table_titled(doc, "支出决算表");
    ck_assert_uint_eq(fl_table_header_row_count(t), 2);
    assert_row(t, 2, NULL, "合计");
    assert_row(t, 3, "221", "住房保障支出");
    assert_row(t, 4, "22102", "住房改革支出");
    assert_row(t, 5, "2210201", "住房公积金");
    assert_row(t, 6, NULL, "人员经费合计"); /* a name in the code columns stays the label */

    /* 科目编码 over three columns, no 类/款/项 row */
    t = table_titled(doc, "基本支出决算表");
    assert_row(t, 1, "301", "工资福利支出");
    assert_row(t, 2, "30101", "基本工资");
    assert_row(t, 3, "3020101", "细目");

    /* one code column: as before */
    t = table_titled(doc, "收入决算表");
    assert_row(t, 1, "201", "一般公共服务支出");
    assert_row(t, 2, "20106", "财政事务");
    fl_document_free(doc);
}
END_TEST

START_TEST(putuo_pdf_split_codes)
{
    FILE *f = fopen(PUTUO_PDF, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", PUTUO_PDF);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc((size_t)n + 1);
    ck_assert(fread(data, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    fl_input in;
    char err[256];
    ck_assert_msg(fl_read_input(PUTUO_PDF, data, (size_t)n, &in, err, sizeof err) == 0, "%s", err);
    free(data);
    fl_document *doc = fl_document_from_text(PUTUO_PDF, in.format, in.text, in.len);
    fl_input_free(&in);

    const fl_table *t = table_titled(doc, "支出决算表");
    ck_assert_ptr_nonnull(t);
    const fl_row *row = row_with_code(t, "2010601");
    ck_assert_ptr_nonnull(row);
    ck_assert_str_eq(fl_row_label(row), "行政运行");
    assert_cell_amount(row, 4, "1,511.89", 1511890000);
    row = row_with_code(t, "2080505");
    ck_assert_ptr_nonnull(row);
    ck_assert_str_eq(fl_row_label(row), "机关事业单位基本养老保险缴费支出");
    ck_assert_str_eq(fl_row_label(row_with_code(t, "20805")), "行政事业单位养老支出");
    ck_assert_str_eq(fl_row_label(row_with_code(t, "221")), "住房保障支出");
    /* the 类|款|项 header row merged with the 合计 row */
    row = row_labelled(t, "合计");
    ck_assert_ptr_nonnull(row);
    ck_assert_ptr_null(fl_row_code(row));
    assert_cell_amount(row, 4, "2,940.05", 2940050000);

    t = table_titled(doc, "一般公共预算财政拨款支出决算表");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(fl_row_label(row_with_code(t, "2210203")), "购房补贴");
    ck_assert_ptr_nonnull(row_with_code(t, "201"));
    ck_assert_ptr_ne(row_with_code(t, "201"), row_with_code(t, "20106"));
    fl_document_free(doc);
}
END_TEST

START_TEST(seed_003_tables)
{
    static const char *const titles[] = {
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算明细表",
        "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
        "财政拨款“三公”经费支出决算表",
    };
    fl_document *doc = from_file(SEED_003);
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        const fl_table *t = fl_doc_table(doc, i);
        ck_assert_str_eq(fl_table_title(t), titles[i]);
        ck_assert_int_eq(fl_table_unit(t), FL_UNIT_WANYUAN);
        char label[32];
        snprintf(label, sizeof label, "公开%02zu表", i + 1);
        ck_assert_str_eq(fl_table_label(t), label);
    }
    const fl_table *t = table_titled(doc, "支出决算表");
    ck_assert_uint_eq(fl_table_line(t), 229);
    ck_assert_uint_eq(fl_table_end_line(t), 291); /* three pages joined */
    ck_assert_uint_eq(fl_table_header_row_count(t), 3);
    ck_assert_uint_eq(fl_table_row_count(t), 3 + 21 + 21 + 6);
    const fl_row *row = row_with_code(t, "20810");
    ck_assert_ptr_nonnull(row);
    ck_assert_str_eq(fl_row_label(row), "社会福利");
    assert_cell_amount(row, 2, "1,846.86", 1846860000);
    assert_cell_amount(row, 3, "1,018.64", 1018640000);
    assert_cell_amount(row, 4, "828.22", 828220000);
    ck_assert_ptr_nonnull(strstr(fl_table_column_label(t, 2), "本年支出合计"));
    ck_assert_int_eq(fl_table_column_number(t, 2), 1);
    ck_assert_str_eq(fl_row_label(fl_table_row(t, 3)), "合计");
    ck_assert_ptr_nonnull(row_with_code(t, "2240101"));

    const fl_table *total = table_titled(doc, "收入支出决算总表");
    ck_assert_str_eq(fl_row_label(fl_table_row(total, 29)), "本年收入合计"); /* <b> removed */
    ck_assert_str_eq(fl_table_column_label(total, 2), "收入/金额");

    /* 三公: the second 合计 is not under 预算数 */
    const fl_table *sg = table_titled(doc, "财政拨款“三公”经费支出决算表");
    ck_assert_str_eq(fl_table_column_label(sg, 0), "预算数/合计");
    ck_assert_str_eq(fl_table_column_label(sg, 6), "合计");
    ck_assert_int_eq(fl_table_column_number(sg, 12 - 1), 12);

    size_t self_eval = 0, summary = 0;
    for (size_t i = 0; i < fl_doc_table_count(doc); i++) {
        const char *title = fl_table_title(fl_doc_table(doc, i));
        if (strcmp(title, "区级预算项目支出绩效自评表") == 0)
            self_eval++;
        if (strstr(title, "汇总表") != NULL)
            summary++;
    }
    ck_assert_uint_eq(self_eval, 21);
    ck_assert_uint_eq(summary, 1);
    /* a lone header line over a dashes line under a table is debris */
    for (size_t i = 0; i < fl_doc_table_count(doc); i++) {
        const fl_table *x = fl_doc_table(doc, i);
        ck_assert_str_ne(fl_table_title(x), "");
        if (fl_table_line(x) == 1538)
            ck_assert_uint_eq(fl_table_end_line(x), 1566);
    }
    const fl_table *sum = table_titled(doc, "2023年度项目支出绩效自评情况汇总表");
    ck_assert_uint_eq(fl_table_row_count(sum), 22); /* both pages */
    fl_document_free(doc);
}
END_TEST

START_TEST(seed_001_cell_per_line_tables)
{
    fl_document *doc = from_file(SEED_001);
    ck_assert_uint_eq(fl_doc_table_count(doc), 13);
    ck_assert_str_eq(fl_table_title(fl_doc_table(doc, 0)), "单位整体支出绩效自评表");
    ck_assert_int_eq(fl_table_unit(fl_doc_table(doc, 0)), FL_UNIT_WANYUAN);
    const fl_table *last = fl_doc_table(doc, 11);
    ck_assert_str_eq(fl_table_title(last), "项目支出绩效自评表");
    const fl_row *row = NULL;
    for (size_t r = 0; r < fl_table_row_count(last); r++) {
        const fl_row *x = fl_table_row(last, r);
        for (size_t c = 0; c < fl_row_cell_count(x); c++)
            if (strcmp(fl_cell_norm(fl_row_cell(x, c)), "服务对象满意度") == 0)
                row = x;
    }
    ck_assert_ptr_nonnull(row);
    ck_assert_uint_eq(fl_row_line(row), 2522);
    ck_assert_uint_eq(fl_row_cell_count(row), 14);
    static const char *const cells[] = { "服务对象满意度", "10", ">=95%", "=90%", "94.74%", "10" };
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(fl_cell_norm(fl_row_cell(row, 3 + i)), cells[i]);
    const fl_row *total = row_labelled(last, "总分");
    ck_assert_ptr_nonnull(total);
    ck_assert_ptr_null(fl_row_code(total)); /* 100 is a score */
    /* the text after the tables is narrative again */
    ck_assert_ptr_nonnull(section_headed(doc, "十二、其他需说明的事项"));
    ck_assert_str_eq(fl_doc_title(doc), "昌吉回族自治州民政局2024年度部门决算公开说明");
    fl_document_free(doc);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Robustness                                                           */
/* ------------------------------------------------------------------ */

START_TEST(huge_single_line)
{
    size_t n = 10u * 1024 * 1024;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        text[i] = "一、1,234.5万元\t|(" [i % 17];
    text[n] = '\0';
    fl_document *doc = fl_document_from_text("<big>", "text", text, n);
    ck_assert_uint_eq(fl_doc_line_count(doc), 1);
    fl_document_free(doc);

    /* many short lines: narrative, headings, table rows */
    static const char *const pattern = "一、标题\n正文，金额12.5万元\n\t1\t2\n\n| a | 3 |\n年初预算\n";
    size_t plen = strlen(pattern), reps = (20u * 1024 * 1024) / plen;
    text = realloc(text, plen * reps + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * plen, pattern, plen);
    text[plen * reps] = '\0';
    doc = fl_document_from_text("<many>", "text", text, plen * reps);
    ck_assert_uint_eq(fl_doc_line_count(doc), 6 * reps);
    ck_assert_uint_ge(fl_doc_amount_count(doc), reps);
    fl_document_free(doc);
    free(text);
}
END_TEST

START_TEST(binary_garbage_does_not_crash)
{
    unsigned char junk[4096];
    unsigned seed = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        seed = seed * 1103515245u + 12345u;
        junk[i] = (unsigned char)(seed >> 16);
    }
    fl_document *doc = fl_document_from_text("<junk>", "text", (const char *)junk, sizeof junk);
    ck_assert_uint_gt(fl_doc_line_count(doc), 0);
    fl_document_free(doc);
    ck_assert_ptr_null(fl_doc_section(NULL, 0));
    ck_assert_str_eq(fl_table_column_label(NULL, 3), "");
}
END_TEST

/* Cells, row labels and codes of random tables against the plain
 * definitions (what table-finish.c did before its shortcuts: it compacts
 * space-free cells without a copy, trims and parses numbers only where a
 * byte says it may matter): cells of random spaces, CJK text, digits,
 * signs and short words. */
static size_t ref_strip_spaces(const char *s, char *out)
{
    size_t o = 0;
    while (*s) {
        const unsigned char *u = (const unsigned char *)s;
        if (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        else if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
            s += 3;
        else if (u[0] == 0xC2 && u[1] == 0xA0)
            s += 2;
        else
            out[o++] = *s++;
    }
    out[o] = '\0';
    return o;
}

static int ref_is_code(const char *k)
{
    size_t n = strlen(k);
    if (n != 3 && n != 5 && n != 7)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (k[i] < '0' || k[i] > '9')
            return 0;
    return k[0] != '0';
}

static int ref_is_index_word(const char *k)
{
    return strcmp(k, "行次") == 0 || strcmp(k, "栏次") == 0 || strcmp(k, "序号") == 0 ||
           strcmp(k, "行号") == 0;
}

static void check_row_against_reference(const fl_row *row)
{
    char k[4096];
    /* a cell is a number when fl_parse_number reads all of its norm */
    for (size_t i = 0; i < fl_row_cell_count(row); i++) {
        const fl_cell *c = fl_row_cell(row, i);
        const char *norm = fl_cell_norm(c);
        size_t len = strlen(norm);
        /* trimmed at both ends */
        ck_assert(len == 0 || (ref_strip_spaces(norm + len - 1, k) == 1 &&
                               ref_strip_spaces((char[2]){ norm[0], '\0' }, k) == 1));
        ck_assert(len < 3 || strcmp(norm + len - 3, "\xE3\x80\x80") != 0);
        ck_assert(len < 2 || strcmp(norm + len - 2, "\xC2\xA0") != 0);
        fl_number want;
        int is_number = norm[0] != '\0' && fl_parse_number(norm, &want) == strlen(norm);
        ck_assert_int_eq(fl_cell_number(c, NULL), is_number);
    }
    /* a row of blank cells is dropped */
    size_t text_cells = 0;
    for (size_t i = 0; i < fl_row_cell_count(row); i++)
        text_cells += fl_cell_norm(fl_row_cell(row, i))[0] != '\0';
    ck_assert_uint_gt(text_cells, 0);
    const char *want_code = NULL;
    char code_buf[4096];
    for (size_t i = 0; i < fl_row_cell_count(row) && i < 2; i++) {
        size_t n = ref_strip_spaces(fl_cell_norm(fl_row_cell(row, i)), k);
        if (n < 32 && ref_is_code(k)) {
            strcpy(code_buf, k);
            want_code = code_buf;
            break;
        }
        if (n >= 32 || n > 0)
            break;
    }
    if (want_code == NULL)
        ck_assert_ptr_null(fl_row_code(row));
    else
        ck_assert_str_eq(fl_row_code(row), want_code);

    const char *want_label = "";
    for (size_t i = 0; i < fl_row_cell_count(row); i++) {
        const fl_cell *c = fl_row_cell(row, i);
        if (fl_cell_norm(c)[0] == '\0' || fl_cell_number(c, NULL))
            continue;
        size_t n = ref_strip_spaces(fl_cell_norm(c), k);
        if (n < 32 && (ref_is_code(k) || ref_is_index_word(k)))
            continue;
        want_label = k;
        break;
    }
    ck_assert_str_eq(fl_row_label(row), want_label);
}

START_TEST(random_cells_match_reference)
{
    static const char *const pieces[] = {
        " ", "\xE3\x80\x80", "\xC2\xA0", "、", "《", "合", "计", "社会福利支出", "1", "0",
        "201", "05", "行次", "序号", "栏", "-", "12.5", "万元", "(", "，",
        "—", "－", "/", "+", "−", "％", "１", ".", "%",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 20261201;
    fl_buf text = { 0 };
    for (int round = 0; round < 200; round++) {
        text.len = 0;
        fl_buf_puts(&text, "表1 测试表\n");
        for (int r = 0; r < 12; r++) {
            int ncells = 2 + r % 4;
            for (int c = 0; c < ncells; c++) {
                if (c > 0)
                    fl_buf_puts(&text, "\t");
                seed = seed * 1103515245u + 12345u;
                int len = (int)((seed >> 16) % 14);
                for (int i = 0; i < len; i++) {
                    seed = seed * 1103515245u + 12345u;
                    fl_buf_puts(&text, pieces[(seed >> 16) % npieces]);
                }
            }
            fl_buf_puts(&text, "\n");
        }
        fl_document *doc = fl_document_from_text("<random>", "text", text.data, text.len);
        for (size_t ti = 0; ti < fl_doc_table_count(doc); ti++) {
            const fl_table *t = fl_doc_table(doc, ti);
            for (size_t r = 0; r < fl_table_row_count(t); r++)
                check_row_against_reference(fl_table_row(t, r));
        }
        fl_document_free(doc);
    }
    fl_buf_free(&text);

    /* rows of spaces only, in the middle of a table, are dropped */
    fl_document *doc = from_text("表1 测试表\n项目\t金额\n \t \n\xE3\x80\x80\t\xC2\xA0\n"
                                 "\r\t \t\r\n合计\t5\n");
    ck_assert_uint_eq(fl_doc_table_count(doc), 1);
    ck_assert_uint_eq(fl_table_row_count(fl_doc_table(doc, 0)), 2);
    fl_document_free(doc);
}
END_TEST

static Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, trim_bounds_both_ends);
    tcase_add_test(tc, lines_split_and_normalised);
    tcase_add_test(tc, form_feed_starts_pages);
    tcase_add_test(tc, numbered_headings_nest_by_kind);
    tcase_add_test(tc, chinese_numerals);
    tcase_add_test(tc, sentences_are_not_headings);
    tcase_add_test(tc, paragraphs_join_broken_sentences);
    tcase_add_test(tc, amount_labels);
    tcase_add_test(tc, tab_table_with_furniture);
    tcase_add_test(tc, pipe_table_and_one_cell_rows);
    tcase_add_test(tc, cell_per_line_table);
    tcase_add_test(tc, split_code_columns);
    tcase_add_test(tc, split_code_columns_pipe);
    tcase_add_test(tc, random_cells_match_reference);
    tcase_add_test(tc, binary_garbage_does_not_crash);
    suite_add_tcase(s, tc);

    TCase *seeds = tcase_create("seeds");
    tcase_set_timeout(seeds, 30);
    tcase_add_test(seeds, seed_000_sections);
    tcase_add_test(seeds, seed_002_sections_keep_the_gap);
    tcase_add_test(seeds, seed_003_parts_are_top_level);
    tcase_add_test(seeds, seed_003_narrative_amounts);
    tcase_add_test(seeds, seed_003_tables);
    tcase_add_test(seeds, seed_001_cell_per_line_tables);
    tcase_add_test(seeds, putuo_pdf_split_codes);
    suite_add_tcase(s, seeds);

    TCase *big = tcase_create("big");
    tcase_set_timeout(big, 60);
    tcase_add_test(big, huge_single_line);
    suite_add_tcase(s, big);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(model_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
