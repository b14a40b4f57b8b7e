/* test-fetch.c — unit tests of the fetcher's pure pieces and the HTML
 * reader: what a user would see go wrong if they broke (a link resolved
 * to the wrong page, a file written outside the directory, a GBK page
 * read as mojibake, a PDF parsed as HTML, a merged cell shifting a row). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fetch-internal.h"
#include "util.h"

/* ---- URLs ---- */

START_TEST(url_resolve_relative)
{
    char *u = fl_url_resolve("http://gov.example/czyjs/2024/list.html", "../files/决算.pdf#p2");
    ck_assert_ptr_nonnull(u);
    ck_assert_str_eq(u, "http://gov.example/czyjs/files/%e5%86%b3%e7%ae%97.pdf");
    free(u);
    u = fl_url_resolve("http://gov.example/a/b.html", "/root.html?x=1");
    ck_assert_str_eq(u, "http://gov.example/root.html?x=1");
    free(u);
    u = fl_url_resolve("https://gov.example/a/", "  c.pdf ");
    ck_assert_str_eq(u, "https://gov.example/a/c.pdf");
    free(u);
}
END_TEST

START_TEST(url_resolve_never_returns_an_invalid_url)
{
    /* libcurl decodes %7F in the host to a control byte: no URL at all is
     * better than one the fetcher cannot use (tests/fuzz/fuzz-url.c). */
    ck_assert_ptr_null(fl_url_resolve("https://a%E0%E0%7Fm.example.cn", "?q=2"));
}
END_TEST

START_TEST(url_resolve_refuses_other_schemes)
{
    ck_assert_ptr_null(fl_url_resolve("http://gov.example/", "javascript:void(0)"));
    ck_assert_ptr_null(fl_url_resolve("http://gov.example/", "mailto:a@b.c"));
    ck_assert_ptr_null(fl_url_resolve("http://gov.example/", "ftp://gov.example/x.pdf"));
    ck_assert_ptr_null(fl_url_resolve("http://gov.example/", "#top"));
}
END_TEST

START_TEST(url_check_schemes)
{
    char err[256];
    ck_assert_int_eq(fl_url_check("http://127.0.0.1:8080/a.html", err, sizeof err), 0);
    ck_assert_int_eq(fl_url_check("HTTPS://gov.example/", err, sizeof err), 0);
    ck_assert_int_eq(fl_url_check("file:///etc/passwd", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "file://"));
    ck_assert_int_eq(fl_url_check("ftp://gov.example/x", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "只支持 http 和 https"));
}
END_TEST

START_TEST(url_origin_and_segment)
{
    char *o = fl_url_origin("HTTP://Gov.Example/a/b?c");
    ck_assert_str_eq(o, "http://gov.example:80");
    free(o);
    char *s = fl_url_last_segment("http://gov.example/files/%E5%86%B3%E7%AE%97.pdf?id=1");
    ck_assert_str_eq(s, "决算.pdf");
    free(s);
    ck_assert_ptr_null(fl_url_last_segment("http://gov.example/dir/"));
}
END_TEST

/* ---- file names ---- */

START_TEST(names_hostile)
{
    const char *cases[][2] = {
        { "../../x", "x" },
        { "..\\..\\windows\\x.pdf", "x.pdf" },
        { "/etc/passwd", "passwd" },
        { "..", "download" },
        { ".bashrc", "bashrc" },
        { "a\nb\x01.pdf", "a_b_.pdf" },
        { "", "download" },
        { "报告<1>?.pdf", "报告_1__.pdf" },
        /* Not UTF-8 at all: overlong, surrogate, past U+10FFFF (found by
         * tests/fuzz/fuzz-names.c) — replaced, never kept. */
        { "a\xe0\x80\xaf" "b", "a___b" },
        { "a\xed\xa0\x80" "b", "a___b" },
        { "a\xf0\x80\x80\xaf" "b", "a____b" },
        { "a\xf4\x90\x80\x80" "b", "a____b" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *n = fl_safe_file_name(cases[i][0], NULL);
        ck_assert_msg(strcmp(n, cases[i][1]) == 0, "%s -> %s, expected %s", cases[i][0], n,
                      cases[i][1]);
        free(n);
    }
}
END_TEST

START_TEST(names_long_keeps_extension)
{
    fl_buf b = { 0 };
    for (int i = 0; i < 100; i++)
        fl_buf_puts(&b, "决");
    fl_buf_puts(&b, ".pdf");
    char *n = fl_safe_file_name(b.data, NULL);
    ck_assert_uint_le(strlen(n), 150);
    ck_assert_ptr_nonnull(strstr(n, ".pdf"));
    ck_assert_str_eq(n + strlen(n) - 4, ".pdf");
    /* cut on a character boundary: 3-byte characters then ".pdf" */
    ck_assert_uint_eq((strlen(n) - 4) % 3, 0);
    free(n);
    fl_buf_free(&b);
    n = fl_safe_file_name("report", ".html");
    ck_assert_str_eq(n, "report.html");
    free(n);
}
END_TEST

START_TEST(disposition_rfc5987_and_gbk)
{
    char *n = fl_disposition_filename(
        "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''2023%E5%B9%B4%E5%86%B3%E7%AE%97.pdf");
    ck_assert_str_eq(n, "2023年决算.pdf");
    free(n);
    /* GBK in an RFC 5987 value: 决算 = B E6 CB E3 */
    n = fl_disposition_filename("attachment; filename*=GBK''%BE%F6%CB%E3.pdf");
    ck_assert_str_eq(n, "决算.pdf");
    free(n);
    /* raw GBK bytes in a plain filename */
    n = fl_disposition_filename("attachment; filename=\"\xbe\xf6\xcb\xe3.xls\"");
    ck_assert_str_eq(n, "决算.xls");
    free(n);
    n = fl_disposition_filename("attachment; filename=\"../../x\"");
    ck_assert_str_eq(n, "../../x"); /* raw: sanitising is a separate step */
    char *safe = fl_safe_file_name(n, ".pdf");
    ck_assert_str_eq(safe, "x.pdf");
    free(safe);
    free(n);
    ck_assert_ptr_null(fl_disposition_filename("inline"));
}
END_TEST

/* ---- charsets ---- */

START_TEST(charset_sources)
{
    ck_assert_str_eq(fl_charset_from_content_type("text/html; charset=GB2312"), "GB2312");
    ck_assert_str_eq(fl_charset_from_content_type("text/html;charset=\"utf-8\""), "UTF-8");
    ck_assert_ptr_null(fl_charset_from_content_type("text/html"));
    const char *p1 = "<html><head><meta charset=\"gbk\"></head>";
    ck_assert_str_eq(fl_html_meta_charset((const unsigned char *)p1, strlen(p1)), "GBK");
    const char *p2 = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb18030\">";
    ck_assert_str_eq(fl_html_meta_charset((const unsigned char *)p2, strlen(p2)), "GB18030");
    const char *p3 = "<p>charset=gbk is mentioned in text</p>";
    ck_assert_ptr_null(fl_html_meta_charset((const unsigned char *)p3, strlen(p3)));
}
END_TEST

START_TEST(charset_decode_order)
{
    /* 决算 in GBK, declared in <meta> */
    const char gbk[] = "<meta charset=gbk><p>\xbe\xf6\xcb\xe3</p>";
    char *out;
    size_t len;
    const char *enc;
    char err[256];
    ck_assert_int_eq(fl_html_decode((const unsigned char *)gbk, strlen(gbk), NULL, &out, &len,
                                    &enc, err, sizeof err),
                     0);
    ck_assert_str_eq(enc, "GBK");
    ck_assert_ptr_nonnull(strstr(out, "决算"));
    free(out);
    /* undeclared GBK: not UTF-8, so GB18030 */
    const char raw[] = "<p>\xbe\xf6\xcb\xe3</p>";
    ck_assert_int_eq(fl_html_decode((const unsigned char *)raw, strlen(raw), NULL, &out, &len,
                                    &enc, err, sizeof err),
                     0);
    ck_assert_str_eq(enc, "GB18030");
    ck_assert_ptr_nonnull(strstr(out, "决算"));
    free(out);
    /* a wrong label (gbk on UTF-8 bytes) falls back to detection */
    const char utf8[] = "<meta charset=gbk><p>决算表</p>";
    ck_assert_int_eq(fl_html_decode((const unsigned char *)utf8, strlen(utf8), "UTF-8", &out,
                                    &len, &enc, err, sizeof err),
                     0);
    ck_assert_str_eq(enc, "UTF-8");
    ck_assert_ptr_nonnull(strstr(out, "决算表"));
    free(out);
}
END_TEST

/* ---- sniffing ---- */

START_TEST(sniff_by_magic_not_label)
{
    const unsigned char pdf[] = "%PDF-1.4\n%\xe2\xe3\n1 0 obj";
    ck_assert_int_eq(fl_sniff("text/html; charset=utf-8", pdf, sizeof pdf - 1, "http://x/a.html"),
                     FL_KIND_PDF);
    const unsigned char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0";
    ck_assert_int_eq(fl_sniff("application/octet-stream", ole, sizeof ole - 1, NULL), FL_KIND_OLE);
    const unsigned char zip[] = "PK\3\4....word/document.xml....";
    ck_assert_int_eq(fl_sniff("application/octet-stream", zip, sizeof zip - 1, NULL),
                     FL_KIND_DOCX);
    const unsigned char html[] = "\n  <!DOCTYPE html><html>";
    ck_assert_int_eq(fl_sniff("application/octet-stream", html, sizeof html - 1, NULL),
                     FL_KIND_HTML);
    const unsigned char text[] = "一、部门职责\n";
    ck_assert_int_eq(fl_sniff("text/plain", text, sizeof text - 1, NULL), FL_KIND_TEXT);
    ck_assert_int_eq(fl_sniff("text/html", text, sizeof text - 1, NULL), FL_KIND_HTML);
}
END_TEST

/* ---- links ---- */

START_TEST(links_and_attachments)
{
    const char page[] =
        "<html><head><base href=\"http://gov.example/czyjs/\"></head><body>"
        "<nav><a href=\"/index.html\">首页</a></nav>"
        "<a href=\"2024/jsbg.pdf\">2024年部门决算</a>"
        "<a href=\"download.jsp?id=7\">三公经费 说明</a>"
        "<a href=\"/news/1.html\">2024年预算公开通知</a>"
        "<a href=\"/about.html\">关于我们</a>"
        "<a href=\"javascript:void(0)\">打印</a>"
        "<a href=\"2024/jsbg.pdf\">重复</a></body></html>";
    fl_link *l;
    size_t n = fl_html_links(page, strlen(page), "http://other.example/", &l);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(l[0].url, "http://gov.example/index.html");
    ck_assert_int_eq(l[0].chrome, 1);
    ck_assert_int_eq(l[1].chrome, 0);
    l++;
    ck_assert_str_eq(l[0].url, "http://gov.example/czyjs/2024/jsbg.pdf");
    ck_assert_str_eq(l[0].text, "2024年部门决算");
    ck_assert_int_eq(fl_link_is_attachment(&l[0]), 1);
    ck_assert_str_eq(l[1].text, "三公经费 说明");
    ck_assert_int_eq(fl_link_is_attachment(&l[1]), 1);
    ck_assert_int_eq(fl_link_is_attachment(&l[2]), 0); /* an article page */
    ck_assert_int_eq(fl_link_is_attachment(&l[3]), 0);
    fl_links_free(l - 1, n);
}
END_TEST

/* ---- the HTML reader ---- */

static char *read_html(const char *html)
{
    fl_input in = { 0 };
    char err[256];
    ck_assert_int_eq(fl_reader_html.read("t.html", (const unsigned char *)html, strlen(html), &in,
                                         err, sizeof err),
                     0);
    return in.text;
}

START_TEST(html_spans_resolved)
{
    char *t = read_html("<table>"
                        "<tr><th colspan=2>项目</th><th rowspan=2>合计</th><th>x|y</th></tr>"
                        "<tr><td>代码</td><td>名称</td><td>4</td></tr>"
                        "<tr><td>201</td><td>一般公共服务支出</td><td>0.28</td><td></td></tr>"
                        "</table>");
    ck_assert_msg(strstr(t, "| 项目 | | 合计 | x\\|y |\n"
                            "| 代码 | 名称 | | 4 |\n"
                            "| 201 | 一般公共服务支出 | 0.28 | |\n") != NULL,
                  "got:\n%s", t);
    free(t);
}
END_TEST

START_TEST(html_structure_and_chrome)
{
    char *t = read_html("<html><head><title>标题</title><style>p{}</style></head><body>"
                        "<div class=\"nav\">首页 | 导航</div><header>网站头部</header>"
                        "<h2>一、部门职责</h2><p>第一行<br>第二行</p><p>另一段</p>"
                        "<ul><li>甲</li><li>乙</li></ul>"
                        "<script>var x = '脚本';</script><footer>版权</footer></body></html>");
    ck_assert_msg(strcmp(t, "## 一、部门职责\n\n第一行\n第二行\n\n另一段\n\n- 甲\n- 乙\n") == 0,
                  "got:\n%s", t);
    free(t);
}
END_TEST

START_TEST(html_gbk_meta)
{
    const char page[] = "<html><head><meta charset=\"gb2312\"></head><body><p>\xbe\xf6\xcb\xe3"
                        "</p></body></html>";
    fl_input in = { 0 };
    char err[256];
    ck_assert_int_eq(fl_reader_html.read("t.html", (const unsigned char *)page, strlen(page), &in,
                                         err, sizeof err),
                     0);
    ck_assert_str_eq(in.text, "决算\n");
    ck_assert_str_eq(in.encoding, "GB2312");
    free(in.text);
}
END_TEST

START_TEST(html_detect)
{
    const char *page = "<!DOCTYPE html><html></html>";
    ck_assert_int_eq(fl_reader_html.detect("x", (const unsigned char *)page, strlen(page)), 1);
    const char *text = "\n\n# 2023年部门决算\n<b>本年收入合计</b>\n";
    ck_assert_int_eq(fl_reader_html.detect("a.txt", (const unsigned char *)text, strlen(text)), 0);
}
END_TEST

START_TEST(sha256_vectors)
{
    char hex[65];
    fl_sha256_hex((const unsigned char *)"abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    fl_sha256_hex((const unsigned char *)"", 0, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    fl_sha256_hex((const unsigned char *)two, strlen(two), hex);
    ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

static Suite *fetch_suite(void)
{
    Suite *s = suite_create("fetch");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, url_resolve_relative);
    tcase_add_test(tc, url_resolve_never_returns_an_invalid_url);
    tcase_add_test(tc, url_resolve_refuses_other_schemes);
    tcase_add_test(tc, url_check_schemes);
    tcase_add_test(tc, url_origin_and_segment);
    tcase_add_test(tc, names_hostile);
    tcase_add_test(tc, names_long_keeps_extension);
    tcase_add_test(tc, disposition_rfc5987_and_gbk);
    tcase_add_test(tc, charset_sources);
    tcase_add_test(tc, charset_decode_order);
    tcase_add_test(tc, sniff_by_magic_not_label);
    tcase_add_test(tc, links_and_attachments);
    tcase_add_test(tc, html_spans_resolved);
    tcase_add_test(tc, html_structure_and_chrome);
    tcase_add_test(tc, html_gbk_meta);
    tcase_add_test(tc, html_detect);
    tcase_add_test(tc, sha256_vectors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fetch_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
