/* output-html.c — one self-contained HTML page a bureau can read on screen
 * or print: a summary, then a section per unit (单位) with each document's
 * findings.  No scripts, no external assets; every piece of text comes
 * from a document and is escaped. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "build-config.h" /* PACKAGE_VERSION */
#include "text.h"
#include "util.h"

/* Evidence can be a whole paragraph of megabytes: show its start. */
#define EVIDENCE_MAX 1200
#define PLACES_MAX 200

static const char style[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",sans-serif;color:#1f2328;margin:0;line-height:1.6;background:#f6f7f9}"
    "main{max-width:60rem;margin:0 auto;padding:1.5rem;background:#fff}"
    "h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.3rem;border-bottom:2px solid #1f4e79;"
    "color:#1f4e79;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem;margin:1.5rem 0 .25rem}"
    ".meta,.tool{color:#57606a;font-size:.9rem;margin:.2rem 0}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.95rem}"
    "th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".finding{border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:4px;"
    "padding:.5rem .8rem;margin:.7rem 0;break-inside:avoid}"
    ".finding.error{border-left-color:#cf222e}.finding.warning{border-left-color:#bf8700}"
    ".finding.info{border-left-color:#0969da}"
    ".sev{display:inline-block;font-weight:bold;padding:0 .5rem;border-radius:3px;color:#fff;"
    "background:#8c959f;margin-right:.4rem}.error .sev{background:#cf222e}"
    ".warning .sev{background:#9a6700}.info .sev{background:#0969da}"
    ".head{margin:0;display:flex;flex-wrap:wrap;align-items:baseline;gap:0 .4rem}"
    ".loc{color:#57606a}.rule{margin-left:auto;color:#57606a;font-size:.85rem;"
    "font-family:monospace}.msg{font-weight:bold;margin:.3rem 0}"
    ".places{font-size:.9rem;color:#57606a;margin:.2rem 0}"
    "blockquote{margin:.3rem 0;padding:.3rem .6rem;background:#f6f8fa;border-left:3px solid #d0d7de;"
    "white-space:pre-wrap;word-break:break-all;font-size:.92rem}"
    "mark{background:#ffe066;padding:0 .1rem}"
    ".nums td,.nums th{padding:.15rem .6rem}.suggestion{margin:.3rem 0;color:#1a7f37}"
    ".unreadable{color:#cf222e;font-weight:bold}.clean{color:#1a7f37}"
    "@media print{body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}"
    ".unit{break-before:page;page-break-before:always}a{color:inherit;text-decoration:none}"
    ".finding{page-break-inside:avoid}}";

/* Text as HTML: markup characters escaped, control characters (which a
 * hostile document may carry) shown as spaces, tabs as spaces. */
static void esc_n(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(c < 0x20 || c == 0x7f ? ' ' : c, out);
        }
    }
}

static void esc(FILE *out, const char *s)
{
    if (s != NULL)
        esc_n(out, s, strlen(s));
}

/* ---- numbers in the evidence ------------------------------------------ */

typedef struct targets {
    fl_dec v[64];
    size_t n;
} targets;

static void target_add(targets *t, fl_dec d)
{
    if (t->n < sizeof t->v / sizeof t->v[0])
        t->v[t->n++] = d;
}

static void target_add_text(targets *t, const char *s)
{
    fl_dec d;
    if (s != NULL && fl_dec_parse(s, &d) == 0)
        target_add(t, d);
}

/* The finding's own numbers: those are what the reader must find in the
 * sentence or row. */
static targets targets_of(const fl_finding *f)
{
    targets t = { .n = 0 };
    if (f->has_values) {
        target_add(&t, f->expected);
        target_add(&t, f->actual);
    }
    target_add_text(&t, f->expected_text);
    target_add_text(&t, f->actual_text);
    for (size_t i = 0; i < f->naddends; i++)
        target_add(&t, f->addends[i].value);
    return t;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Evidence with each number that is one of the finding's marked. */
static void evidence(FILE *out, const fl_finding *f)
{
    const char *s = f->evidence;
    size_t n = 0;
    while (s[n] != '\0' && n < EVIDENCE_MAX)
        n += fl_utf8_len(s + n);
    targets t = targets_of(f);
    fputs("<blockquote class=\"evidence\">", out);
    size_t i = 0;
    while (i < n) {
        int starts = is_digit(s[i]) && (i == 0 || (!is_digit(s[i - 1]) && s[i - 1] != '.'));
        if (!starts) {
            size_t j = i;
            while (j < n && !(is_digit(s[j]) && (j == 0 || (!is_digit(s[j - 1]) && s[j - 1] != '.'))))
                j++;
            esc_n(out, s + i, j - i);
            i = j;
            continue;
        }
        /* A number as written: digits, thousands commas, one decimal part. */
        size_t j = i;
        char plain[40];
        size_t k = 0;
        int dot = 0;
        while (j < n && (is_digit(s[j]) || (s[j] == ',' && j + 1 < n && is_digit(s[j + 1])) ||
                         (s[j] == '.' && !dot && j + 1 < n && is_digit(s[j + 1])))) {
            dot |= s[j] == '.';
            if (s[j] != ',' && k + 1 < sizeof plain)
                plain[k++] = s[j];
            j++;
        }
        plain[k] = '\0';
        fl_dec d;
        int hit = 0;
        if (fl_dec_parse(plain, &d) == 0)
            for (size_t m = 0; m < t.n && !hit; m++)
                hit = fl_dec_cmp(d, t.v[m]) == 0;
        fputs(hit ? "<mark>" : "", out);
        esc_n(out, s + i, j - i);
        fputs(hit ? "</mark>" : "", out);
        i = j;
    }
    if (s[n] != '\0')
        fputs(" …", out);
    fputs("</blockquote>\n", out);
}

static int has_text(const char *s)
{
    for (; s != NULL && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 1;
    return 0;
}

/* ---- one finding ------------------------------------------------------ */

static const char *sev_class(fl_severity s)
{
    return s == FL_SEV_ERROR ? "error" : s == FL_SEV_WARNING ? "warning" : "info";
}

static void location(FILE *out, const fl_finding *f)
{
    const char *sep = "";
    fputs("<span class=\"loc\">", out);
    if (f->page > 0) {
        fprintf(out, "第%d页", f->page);
        sep = " · ";
    }
    if (f->line > 0) {
        fprintf(out, "%s第%zu行", sep, f->line);
        sep = " · ";
    }
    const char *labels[] = { "表", "行", "列" };
    const char *vals[] = { f->table, f->row, f->column };
    for (int k = 0; k < 3; k++)
        if (vals[k] != NULL && *vals[k]) {
            fprintf(out, "%s%s「", sep, labels[k]);
            esc(out, vals[k]);
            fputs("」", out);
            sep = " · ";
        }
    fputs("</span>", out);
}

static void numbers(FILE *out, const fl_finding *f)
{
    char a[40], b[40], c[40];
    if (f->has_values) {
        /* The difference is made from the two shown: they come first. */
        fl_output_num(f, f->expected, a, sizeof a);
        fl_output_num(f, f->actual, b, sizeof b);
        fprintf(out, "<table class=\"nums\"><tr><th>应为</th><td class=\"n\">%s</td>"
                     "<th>实为</th><td class=\"n\">%s</td><th>差额</th><td class=\"n\">%s</td>"
                     "</tr></table>\n",
                a, b, fl_output_diff(f, a, b, c, sizeof c));
    } else if (f->expected_text != NULL || f->actual_text != NULL) {
        fputs("<table class=\"nums\"><tr><th>应为</th><td>", out);
        esc(out, f->expected_text ? f->expected_text : "—");
        fputs("</td><th>实为</th><td>", out);
        esc(out, f->actual_text ? f->actual_text : "—");
        fputs("</td></tr></table>\n", out);
    }
    if (f->naddends > 0) {
        fputs("<p class=\"addends\">加数：", out);
        for (size_t i = 0; i < f->naddends; i++) {
            fputs(i ? " + " : "", out);
            esc(out, f->addends[i].label);
            fprintf(out, " %s", fl_output_num(f, f->addends[i].value, a, sizeof a));
        }
        fputs("</p>\n", out);
    }
}

/* The repeats of one finding in a document: "共 27 处：第588、590 … 行". */
static void places(FILE *out, const fl_report *rep, size_t first, const unsigned char *group,
                   size_t total)
{
    fprintf(out, "<p class=\"places\">共 %zu 处：", total);
    size_t shown = 0;
    for (size_t j = first; j < rep->count && shown < PLACES_MAX; j++) {
        if (!group[j])
            continue;
        const fl_finding *f = rep->items[j];
        fputs(shown++ ? "、" : "", out);
        if (f->page > 0)
            fprintf(out, "第%d页", f->page);
        fprintf(out, "第%zu行", f->line);
    }
    if (shown < total)
        fprintf(out, " 等（另有 %zu 处）", total - shown);
    fputs("</p>\n", out);
}

static void finding(FILE *out, const fl_report *rep, size_t i, const unsigned char *group,
                    size_t total)
{
    const fl_finding *f = rep->items[i];
    fprintf(out, "<div class=\"finding %s\">\n<p class=\"head\"><span class=\"sev\">%s</span>",
            sev_class(f->severity), fl_severity_name_zh(f->severity));
    location(out, f);
    fputs("<span class=\"rule\">", out);
    esc(out, f->rule);
    fputs("</span></p>\n<p class=\"msg\">", out);
    esc(out, f->message);
    fputs("</p>\n", out);
    if (total > 1)
        places(out, rep, i, group, total);
    if (has_text(f->evidence))
        evidence(out, f);
    numbers(out, f);
    if (f->suggestion != NULL) {
        fputs("<p class=\"suggestion\"><b>整改建议：</b>", out);
        esc(out, f->suggestion);
        fputs("</p>\n", out);
    }
    fputs("</div>\n", out);
}

static int same_finding(const fl_finding *a, const fl_finding *b)
{
    return a->severity == b->severity && strcmp(a->rule, b->rule) == 0 &&
           strcmp(a->message, b->message) == 0;
}

static void document(FILE *out, const fl_doc_result *r, size_t index)
{
    fprintf(out, "<article class=\"doc\" id=\"d-%zu\">\n<h3>", index);
    esc(out, r->title != NULL && *r->title ? r->title : r->source);
    fputs("</h3>\n<p class=\"meta\">文件：", out);
    esc(out, r->source);
    fprintf(out, " · 报告类型：%s", fl_output_kind_zh(r->kind));
    if (r->year > 0)
        fprintf(out, " · 年度：%d", r->year);
    if (r->format != NULL) {
        fputs(" · 格式：", out);
        esc(out, r->format);
    }
    fputs("</p>\n", out);
    if (r->rep == NULL) {
        fputs("<p class=\"unreadable\">无法检查：", out);
        esc(out, r->error);
        fputs("</p>\n</article>\n", out);
        return;
    }
    const fl_report *rep = r->rep;
    if (rep->count == 0)
        fputs("<p class=\"clean\">未发现问题。</p>\n", out);
    unsigned char *done = xmalloc(rep->count + 1), *group = xmalloc(rep->count + 1);
    memset(done, 0, rep->count + 1);
    for (size_t i = 0; i < rep->count; i++) {
        if (done[i])
            continue;
        size_t total = 0;
        memset(group, 0, rep->count);
        for (size_t j = i; j < rep->count; j++)
            if (!done[j] && (j == i || same_finding(rep->items[i], rep->items[j]))) {
                group[j] = done[j] = 1;
                total++;
            }
        finding(out, rep, i, group, total);
    }
    free(done);
    free(group);
    fputs("</article>\n", out);
}

/* ---- grouping and the summary ----------------------------------------- */

typedef struct tally {
    const char *name;
    size_t docs, unreadable, sev[3];
} tally;

static tally *tally_get(tally **t, size_t *n, size_t *cap, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*t)[i].name, name) == 0)
            return &(*t)[i];
    *t = xgrow(*t, cap, *n + 1, sizeof **t);
    memset(&(*t)[*n], 0, sizeof **t);
    (*t)[*n].name = name;
    return &(*t)[(*n)++];
}

static int sev_slot(fl_severity s)
{
    return s == FL_SEV_ERROR ? 0 : s == FL_SEV_WARNING ? 1 : 2;
}

static void counts_row(FILE *out, const size_t sev[3])
{
    fprintf(out, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                 "<td class=\"n\">%zu</td></tr>\n",
            sev[0], sev[1], sev[2], sev[0] + sev[1] + sev[2]);
}

static void page_start(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
    esc(out, title);
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", style);
}

static void page_end(FILE *out)
{
    fputs("</main>\n</body>\n</html>\n", out);
}

void fl_output_html(FILE *out, const fl_doc_result *docs, size_t n)
{
    tally *units = NULL, *checks = NULL;
    size_t nunits = 0, ucap = 0, nchecks = 0, ccap = 0;
    for (size_t d = 0; d < n; d++) {
        tally *u = tally_get(&units, &nunits, &ucap, fl_output_unit(&docs[d]));
        u->docs++;
        if (docs[d].rep == NULL) {
            u->unreadable++;
            continue;
        }
        for (size_t i = 0; i < docs[d].rep->count; i++) {
            const fl_finding *f = docs[d].rep->items[i];
            u->sev[sev_slot(f->severity)]++;
            tally_get(&checks, &nchecks, &ccap, f->check)->sev[sev_slot(f->severity)]++;
        }
    }
    /* Documents whose unit was not found go last: the named bureaus first. */
    for (size_t i = 0; i + 1 < nunits; i++)
        if (strcmp(units[i].name, fl_output_unit(&(fl_doc_result){ 0 })) == 0) {
            tally t = units[i];
            memmove(&units[i], &units[i + 1], (nunits - i - 1) * sizeof *units);
            units[nunits - 1] = t;
            break;
        }
    const char *title = nunits == 1 ? units[0].name : "fislint 检查报告";
    page_start(out, title);
    fputs("<header>\n<h1>", out);
    esc(out, nunits == 1 ? units[0].name : "检查报告");
    fprintf(out, "</h1>\n<p class=\"tool\">由 fislint %s 生成（部门预算、决算及绩效自评报告检查）</p>\n"
                 "</header>\n", PACKAGE_VERSION);

    fl_summary s = fl_summarize(docs, n);
    fprintf(out, "<section id=\"summary\">\n<h2>概况</h2>\n<p>共检查 %zu 个文档，发现 %zu 个问题"
                 "（错误 %zu，警告 %zu，提示 %zu）",
            s.documents, s.findings, s.errors, s.warnings, s.infos);
    if (s.unreadable > 0)
        fprintf(out, "，%zu 个文档无法读取", s.unreadable);
    fputs("。</p>\n", out);
    if (nchecks > 0) {
        fputs("<h3>按检查项</h3>\n<table class=\"by-check\"><tr><th>检查项</th><th>错误</th>"
              "<th>警告</th><th>提示</th><th>合计</th></tr>\n", out);
        for (size_t i = 0; i < nchecks; i++) {
            fputs("<tr><td>", out);
            esc(out, checks[i].name);
            fputs("</td>", out);
            counts_row(out, checks[i].sev);
        }
        fputs("</table>\n", out);
    }
    fputs("<h3>按单位</h3>\n<table class=\"by-unit\"><tr><th>单位</th><th>文档</th>"
          "<th>无法读取</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr>\n", out);
    for (size_t i = 0; i < nunits; i++) {
        fprintf(out, "<tr><td><a href=\"#u-%zu\">", i + 1);
        esc(out, units[i].name);
        fprintf(out, "</a></td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>", units[i].docs,
                units[i].unreadable);
        counts_row(out, units[i].sev);
    }
    fputs("</table>\n</section>\n", out);

    for (size_t i = 0; i < nunits; i++) {
        fprintf(out, "<section class=\"unit\" id=\"u-%zu\">\n<h2>", i + 1);
        esc(out, units[i].name);
        fprintf(out, "</h2>\n<p class=\"meta\">%zu 个文档；错误 %zu，警告 %zu，提示 %zu</p>\n",
                units[i].docs, units[i].sev[0], units[i].sev[1], units[i].sev[2]);
        for (size_t d = 0; d < n; d++)
            if (strcmp(fl_output_unit(&docs[d]), units[i].name) == 0)
                document(out, &docs[d], d + 1);
        fputs("</section>\n", out);
    }
    page_end(out);
    free(units);
    free(checks);
}

void fl_output_html_index(FILE *out, const char *const *units, const char *const *files,
                          const fl_summary *sums, size_t n)
{
    page_start(out, "fislint 检查报告索引");
    fprintf(out, "<header>\n<h1>检查报告索引</h1>\n<p class=\"tool\">由 fislint %s 生成；"
                 "每个单位一份报告</p>\n</header>\n<section id=\"summary\">\n"
                 "<table class=\"by-unit\"><tr><th>单位</th><th>文档</th><th>无法读取</th>"
                 "<th>错误</th><th>警告</th><th>提示</th></tr>\n", PACKAGE_VERSION);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr><td><a href=\"", out);
        esc(out, files[i]);
        fputs("\">", out);
        esc(out, units[i]);
        fprintf(out, "</a></td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
                     "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
                sums[i].documents, sums[i].unreadable, sums[i].errors, sums[i].warnings,
                sums[i].infos);
    }
    fputs("</table>\n</section>\n", out);
    page_end(out);
}
