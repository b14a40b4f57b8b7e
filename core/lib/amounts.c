/* amounts.c — every number quoted in the narrative, with its label.
 *
 * The label is the run of text just before the number, back to the
 * previous delimiter (，。；：、,;:() ) or the previous amount, trimmed,
 * with a trailing 为/是/共/达/约 dropped and at most LABEL_MAX_CHARS long:
 * "人员经费1,334.32万元" -> 人员经费; "占15.69%" -> 占; "年初预算数为0万元"
 * -> 年初预算数.
 *
 * Not amounts: dates and years ("2023年度", "12月31日"), document numbers
 * ("〔2019〕29号"), ordinals ("第1"), list markers ("1、", "1.", "(1)") and
 * figure/table numbers ("表3").  A skipped date stays part of the next
 * label ("2024年度收入总计"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

#define LABEL_MAX_CHARS 30

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int starts_with(const char *s, const char *lit)
{
    return s[0] == lit[0] && strncmp(s, lit, strlen(lit)) == 0;
}

/* The UTF-8 character ending just before text + i (i > floor): its start. */
static size_t prev_char(const char *text, size_t i, size_t floor)
{
    size_t j = i - 1;
    while (j > floor && ((unsigned char)text[j] & 0xC0) == 0x80)
        j--;
    return j;
}

static int ends_with_at(const char *text, size_t i, size_t floor, const char *lit)
{
    size_t n = strlen(lit);
    return i >= floor + n && memcmp(text + i - n, lit, n) == 0;
}

/* Why a number is not an amount. */
enum skip { AMOUNT = 0, SKIP_DATE, SKIP_OTHER };

static int is_year(const char *text, size_t i, size_t n, const fl_number *num)
{
    if (n != 4 || num->unit != FL_UNIT_NONE || num->decimals != 0)
        return 0;
    int64_t v = num->value.micros / FL_DEC_SCALE;
    return v >= 1900 && v <= 2100 && (unsigned char)text[i + n] >= 0x80;
}

/* Is the number at text[i..i+n) something other than an amount?  A date
 * stays part of the next label ("2024年度收入总计"); other skipped numbers
 * (list markers, document numbers) end it like a delimiter. */
static enum skip not_an_amount(const char *text, size_t i, size_t n, size_t floor,
                               const fl_number *num)
{
    size_t d = i;
    while (is_digit(text[d]))
        d++;
    const char *after_digits = text + d;
    const char *after = text + i + n;
    /* dates, years, document numbers */
    if (starts_with(after_digits, "年") || starts_with(after_digits, "月") ||
        starts_with(after_digits, "日") || is_year(text, i, n, num))
        return SKIP_DATE;
    if (starts_with(after_digits, "号") || starts_with(after, "号"))
        return SKIP_OTHER;
    /* list markers: 1、 1. (but not 1.5, which the parser took) */
    if (starts_with(after_digits, "、"))
        return SKIP_OTHER;
    if (*after_digits == '.' && !is_digit(after_digits[1]))
        return SKIP_OTHER;
    if (i > floor && text[i - 1] == '(' && *after_digits == ')')
        return SKIP_OTHER;
    if (i > floor && (text[i - 1] == '[' || ends_with_at(text, i, floor, "〔") ||
                      ends_with_at(text, i, floor, "第") || ends_with_at(text, i, floor, "表") ||
                      ends_with_at(text, i, floor, "图") || ends_with_at(text, i, floor, "附件")))
        return SKIP_OTHER;
    /* part of an ASCII word or code ("A4", "GB2312"), or the far end of a
     * range or code ("100-80%", "5-1") */
    if (i > 0) {
        char c = text[i - 1];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_')
            return SKIP_OTHER;
        if (c == '-' && i >= 2 && is_digit(text[i - 2]))
            return SKIP_OTHER;
    }
    return AMOUNT;
}

/* A label's characters are looked up, not compared: 1 ends it, 2 may
 * (the first byte of 。 E3 80 82 and 、 E3 80 81). */
static const unsigned char delimiter_lead[256] = {
    [','] = 1, [';'] = 1, [':'] = 1, ['('] = 1, [')'] = 1, ['!'] = 1, ['?'] = 1, [0xE3] = 2,
};

static int is_delimiter_at(const char *text, size_t j)
{
    const unsigned char *u = (const unsigned char *)text + j;
    switch (delimiter_lead[u[0]]) {
    case 0: return 0;
    case 1: return 1;
    default: return u[1] == 0x80 && (u[2] == 0x82 || u[2] == 0x81);
    }
}

/* The label before text + i, back to `floor`, in the pool. */
static char *label_before(fl_pool *strings, const char *text, size_t i, size_t floor)
{
    size_t start = i, nchars = 0;
    while (start > floor && nchars < LABEL_MAX_CHARS) {
        size_t j = prev_char(text, start, floor);
        if (is_delimiter_at(text, j))
            break;
        start = j;
        nchars++;
    }
    /* what a skipped list marker left behind: "5. 自评得分在" */
    while (start < i && (text[start] == '.' || text[start] == ' ' || text[start] == '-'))
        start++;
    size_t a, len;
    fl_trim_bounds(text + start, i - start, &a, &len);
    char *label = fl_pool_strndup(strings, text + start + a, len);
    /* Trailing spaces and 为 是 共 达 约, in any mix, go: each is one
     * character at the end, told by its last byte (BA AF B1 BE A6). */
    for (;;) {
        if (len > 0 && label[len - 1] == ' ') {
            len--;
            continue;
        }
        const char *w = NULL;
        if (len >= 3) {
            switch ((unsigned char)label[len - 1]) {
            case 0xBA: w = "为"; break;
            case 0xAF: w = "是"; break;
            case 0xB1: w = "共"; break;
            case 0xBE: w = "达"; break;
            case 0xA6: w = "约"; break;
            }
        }
        if (w == NULL || memcmp(label + len - 3, w, 3) != 0)
            break;
        len -= 3;
    }
    label[len] = '\0';
    fl_pool_trim_last(strings, label);
    return label;
}

static void scan_paragraph(fl_parse *p, const fl_paragraph *par)
{
    fl_document *doc = p->doc;
    const char *text = par->text;
    size_t floor = 0;
    for (size_t i = 0; text[i];) {
        /* Most of a paragraph is not digits: libc passes over it many
         * bytes at a time. */
        i += strcspn(text + i, "0123456789");
        if (text[i] == '\0')
            break;
        if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.')) {
            i++;
            continue;
        }
        fl_number num;
        size_t n = fl_parse_number(text + i, &num);
        if (n == 0) {
            i++;
            continue;
        }
        enum skip why = not_an_amount(text, i, n, floor, &num);
        if (why != AMOUNT) {
            i += n;
            if (why == SKIP_OTHER)
                floor = i;
            continue;
        }
        /* A minus sign right before the digits (not a range) belongs to
         * the number: "增长-5.2%". */
        if (i > floor && text[i - 1] == '-') {
            i--;
            n = fl_parse_number(text + i, &num);
        }
        size_t tn = n;
        while (tn > 0 && text[i + tn - 1] == ' ')
            tn--;
        doc->amounts = xgrow(doc->amounts, &p->amounts_cap, doc->namounts + 1,
                             sizeof *doc->amounts);
        fl_amount *a = &doc->amounts[doc->namounts++];
        a->label = label_before(&doc->strings, text, i, floor);
        a->number = num;
        a->text = fl_pool_strndup(&doc->strings, text + i, tn);
        a->paragraph = par;
        a->offset = i;
        a->line = fl_paragraph_line_at(par, i);
        i += n;
        floor = i;
    }
}

void fl_parse_amounts(fl_parse *p)
{
    for (size_t k = 0; k < p->doc->nparagraphs; k++)
        scan_paragraph(p, p->doc->paragraphs[k]);
}
