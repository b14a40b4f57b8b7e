/* cs-year.c — the report year against the years in titles (year-title)
 * and in the narrative's statements of this year's figures (year-text).
 * Comparisons with the previous year (与2023年度相比, 比2023年, 上年,
 * 2023年决算数, 比2024年预算) are legitimate and never reported. */
#include <stdio.h>
#include <string.h>

#include "cs.h"

/* Words that make a title a comparison, a citation or a span of years. */
static const char *const title_excluded[] = {
    "比", "相比", "对比", "上年", "去年", "执行", "与", "较", "同期", "结转", "变动",
    "增减", "差异", "通知", "《", "财政规划", "至", "-", "~", "—", "以来",
};

fl_matcher *cs_title_excluded_words_new(void)
{
    return fl_matcher_new(title_excluded, sizeof title_excluded / sizeof title_excluded[0]);
}
/* The title names the report or one of its tables, of the report's own
 * kind: a 决算 title in a budget (上年决算) is of another year by nature. */
static const char *const final_title_words[] = {
    "决算", "绩效自评", "自评报告", "绩效评价", "自评表", NULL,
};
static const char *const budget_title_words[] = { "预算", NULL };
static const char *const eval_title_words[] = {
    "绩效自评", "自评报告", "绩效评价", "自评表", NULL,
};

static const char *const *title_kind_words(const fl_document *doc)
{
    unsigned kinds = fl_doc_kinds(doc);
    if (kinds & FL_KINDS_FINAL)
        return final_title_words;
    if (kinds & FL_KINDS_BUDGET)
        return budget_title_words;
    if (kinds & FL_KINDS_EVAL)
        return eval_title_words;
    return NULL;
}
static const char *const title_endings[] = {
    "表", "说明", "决算", "预算", "公开", "报告", "情况", NULL,
};

/* A year-bearing title of the report or a table: "2023年度部门决算表",
 * "上海市普陀区财政局2024年度部门决算", "2025年部门收入预算总表".
 * Fills *year; 0 when the line is not such a title.  The cheap tests come
 * first: most lines have no digit or end otherwise. */
int cs_title_year(const fl_document *doc, const cs_words *words, const char *compact, int *year)
{
    const char *const *kind_words = title_kind_words(doc);
    if (kind_words == NULL)
        return 0;
    size_t len = strlen(compact), i = strcspn(compact, "0123456789");
    if (i == len || !cs_ends_with_any(compact, len, title_endings))
        return 0;
    size_t took = cs_year_at(compact + i, year);
    if (took == 0)
        return 0; /* a number before any year: not a title */
    /* What is before the year is a unit or a region, no more. */
    if (i > 90 || cs_char_count(compact) > 60)
        return 0;
    if (cs_has_any(words->title_excluded, compact, len))
        return 0;
    return cs_contains_any(compact + i + took, kind_words);
}

int cs_rule_year_title(const cs_doc *d, fl_report *rep)
{
    const fl_document *doc = d->doc;
    int y = fl_doc_year(doc);
    if (y == 0)
        return 0;
    int confirmed = d->confirmations > 0;
    for (size_t n = 1; n <= d->nlines; n++) {
        int year = d->title_year[n];
        if (year == 0 || year == y)
            continue;
        fl_finding *f;
        if (confirmed)
            f = fl_report_add(rep, "year-title", FL_SEV_ERROR,
                              "标题写的是%d年，但本报告是%d年度的%s", year, y,
                              fl_doc_kind_name_zh(fl_doc_kind_of(doc)));
        else
            f = fl_report_add(rep, "year-title", FL_SEV_INFO,
                              "标题写的是%d年，与识别出的报告年度%d不一致；报告年度只在一处读到，"
                              "无法确认哪一个正确", year, y);
        fl_finding_set_line(f, n, n);
        char buf[16];
        snprintf(buf, sizeof buf, "%d年", y);
        fl_finding_set_expected_text(f, buf);
        snprintf(buf, sizeof buf, "%d年", year);
        fl_finding_set_actual_text(f, buf);
        fl_finding_set_suggestion(f, "将标题中的年度改为%d年；若整张表是上年的，请换成本年度的表", y);
    }
    return 0;
}

/* Phrases that state this year's own figures right after the year. */
static const char *const final_phrases[] = {
    "收入支出总计", "收、支总计", "收支总计", "收入总计", "支出总计", "财政拨款收入支出总计",
    "财政拨款收、支总计", "财政拨款收支总计", "一般公共预算财政拨款支出",
    "一般公共预算财政拨款基本支出", "政府性基金预算财政拨款", "国有资本经营预算财政拨款",
    "“三公”经费财政拨款支出", "\"三公\"经费财政拨款支出", "机关运行经费支出",
    "政府采购支出总额", "政府采购金额", "本年收入合计", "本年支出合计", NULL,
};
static const char *const budget_phrases[] = {
    "“三公”经费预算数", "\"三公\"经费预算数", "部门预算收入", "部门预算支出",
    "收入预算总额", "支出预算总额", "财务收支预算总额", NULL,
};
/* Before the year in its sentence: the year is a comparison's base. */
static const char *const before_excluded[] = {
    "与", "比", "较", "上年", "去年", "同期", "(", "至", "、", "前", "对", NULL,
};
static const char *const sentence_excluded[] = { "上年", "去年", "同比", "相比", "上一年", NULL };

static int starts_any(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (fl_str_starts(s, list[i]))
            return 1;
    return 0;
}

/* Bytes of the phrase of `list` that s starts with (the longest). */
static size_t phrase_len(const char *s, const char *const *list)
{
    size_t best = 0;
    for (size_t i = 0; list[i] != NULL; i++)
        if (fl_str_starts(s, list[i]) && strlen(list[i]) > best)
            best = strlen(list[i]);
    return best;
}

/* 1 when a "YYYY年" of `year` starts at text[i]. */
static int year_at(const char *text, size_t i, int year)
{
    int y;
    return (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') && cs_year_at(text + i, &y) > 0 &&
           y == year;
}

/* What the sentences of one paragraph ask of the text after their start:
 * where its next "。", its next digit and its next mention of the report
 * year are.  Sentences start and candidates stand ever further on, so each
 * answer holds until the text asked from passes it: a paragraph without
 * "。" or of digit-free text is read once, not once per candidate. */
typedef struct text_marks {
    const char *stop_from, *stop; /* the first "。" at or after stop_from (NULL: none) */
    size_t digit_from, digit;     /* the first digit at or after digit_from (len: none) */
    size_t year_from, year;       /* the first year mention at or after year_from (len: none) */
} text_marks;

static const char *next_stop(text_marks *m, const char *from)
{
    if (m->stop_from == NULL || from < m->stop_from || (m->stop != NULL && from > m->stop)) {
        m->stop_from = from;
        m->stop = strstr(from, "。");
    }
    return m->stop;
}

static size_t next_digit(text_marks *m, const char *text, size_t from, size_t len)
{
    if (from < m->digit_from || from > m->digit) {
        size_t i = from;
        while (i < len && (text[i] < '0' || text[i] > '9'))
            i++;
        m->digit_from = from;
        m->digit = i;
    }
    return m->digit;
}

/* 1 when text[a, b) mentions `year` as "YYYY年". */
static int mentions_year(text_marks *m, const char *text, size_t len, size_t a, size_t b,
                         int year)
{
    if (a < m->year_from || a > m->year) {
        size_t i = a;
        while (i < len && !year_at(text, i, year))
            i++;
        m->year_from = a;
        m->year = i;
    }
    return m->year < b;
}

static int before_is_clean(text_marks *m, const char *text, size_t len, size_t a, size_t b)
{
    if (next_digit(m, text, a, len) < b)
        return 0;
    for (size_t i = a; i < b; i += cs_char_len(text + i))
        if (starts_any(text + i, before_excluded))
            return 0;
    return 1;
}

/* The first bytes of the characters the sentence walk acts on: 。 (E3 80
 * 82), ';', and the '2' a year starts with; and the closing NUL.  Each is
 * a character's first byte wherever it is (UTF-8 continuation bytes are
 * 80..BF), so the bytes between can be passed over without decoding. */
static const unsigned char acts_on[256] = { [0xE3] = 1, [';'] = 1, ['2'] = 1, ['\0'] = 1 };

/* Where a walk over a paragraph's characters has come to: `at` is where
 * it goes on, `start` where the sentence it is in starts. */
typedef struct sentence_walk {
    size_t at, start;
} sentence_walk;

/* Walk on, character by character from the last mark, up to byte
 * `target` of text (not past its end).  1 when target is a character's
 * first byte, w->start then its sentence's start; 0 when target is inside
 * a character (bad UTF-8 only).  The walk only goes forward: over a
 * paragraph it reads each byte once. */
static int walk_to(const char *text, sentence_walk *w, size_t target)
{
    size_t i = w->at;
    while (i < target) {
        while (!acts_on[(unsigned char)text[i]])
            i++;
        if (i >= target)
            break;
        if (fl_str_starts(text + i, "。") || text[i] == ';')
            w->start = i + cs_char_len(text + i);
        i += cs_char_len(text + i);
    }
    w->at = i;
    return i == target;
}

/* Year-text candidates are found by a search for '2' (a year's first
 * byte), which skips most of the text at once; only where a year of
 * another year stands before a phrase is the sentence walked to, to know
 * where its sentence starts. */
static void check_paragraph(cs_doc *d, fl_report *rep, const fl_paragraph *p,
                            const char *const *phrases, int confirmed)
{
    const char *text = fl_paragraph_text(p);
    int y = fl_doc_year(d->doc);
    int in_listing = -1; /* asked at the first candidate: few have one */
    sentence_walk walk = { 0, 0 };
    size_t len = 0; /* measured at the first candidate: few have one */
    text_marks marks = { NULL, NULL, SIZE_MAX, 0, SIZE_MAX, 0 };
    for (const char *two = strchr(text, '2'); two != NULL; two = strchr(two + 1, '2')) {
        size_t i = (size_t)(two - text);
        int year;
        size_t took = (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') ? cs_year_at(text + i, &year) : 0;
        if (took == 0 || year == y || !starts_any(text + i + took, phrases))
            continue;
        if (in_listing < 0)
            in_listing = cs_doc_in_listing(d, fl_paragraph_line(p));
        if (in_listing)
            return;
        if (len == 0)
            len = strlen(text); /* not 0: a '2' is in it */
        if (!walk_to(text, &walk, i))
            continue;
        size_t start = walk.start;
        const char *stop = next_stop(&marks, text + i);
        size_t end = stop != NULL ? (size_t)(stop - text) : len;
        char sentence[1024];
        size_t sl = end - start < sizeof sentence - 1 ? end - start : sizeof sentence - 1;
        memcpy(sentence, text + start, sl);
        sentence[sl] = '\0';
        if (!before_is_clean(&marks, text, len, start, i) ||
            mentions_year(&marks, text, len, start, end, y) ||
            cs_contains_any(sentence, sentence_excluded))
            continue;
        size_t quoted = took + phrase_len(text + i + took, phrases);
        fl_finding *f = fl_report_add(rep, "year-text", confirmed ? FL_SEV_WARNING : FL_SEV_INFO,
                                      "%d年度的报告中写成“%.*s”：本年数字前的年度应为%d年%s", y,
                                      (int)quoted, text + i, y,
                                      confirmed ? "" : "（报告年度只在一处读到，未能确认）");
        size_t line = fl_paragraph_line_at(p, i);
        fl_finding_set_line(f, line, line);
        char buf[16];
        snprintf(buf, sizeof buf, "%d年", y);
        fl_finding_set_expected_text(f, buf);
        snprintf(buf, sizeof buf, "%d年", year);
        fl_finding_set_actual_text(f, buf);
        fl_finding_set_suggestion(f, "核对该句的数字是否为%d年度的数字，并更正年度", y);
    }
}

int cs_rule_year_text(cs_doc *d, fl_report *rep)
{
    const fl_document *doc = d->doc;
    if (fl_doc_year(doc) == 0)
        return 0;
    unsigned kinds = fl_doc_kinds(doc);
    const char *const *phrases = (kinds & FL_KINDS_FINAL) ? final_phrases
                                 : (kinds & FL_KINDS_BUDGET) ? budget_phrases
                                                             : NULL;
    if (phrases == NULL)
        return 0;
    int confirmed = d->confirmations > 0;
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        check_paragraph(d, rep, fl_doc_paragraph(doc, i), phrases, confirmed);
    }
    return 0;
}
