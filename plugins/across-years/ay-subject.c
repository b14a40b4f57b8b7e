/* ay-subject.c — what a narrative amount is the figure of.  The amount's
 * fl_amount.label is often just "支出"; the subject here is the whole
 * clause before it ("法院(款)一般行政事务管理(项)支出"), normalised so
 * that the same line of two years' reports reads the same: no list
 * number, no spaces, no unit name, no year. */
#include <string.h>

#include "ay.h"

/* After the clause break or the previous amount (…万元、…%) before at. */
size_t ay_clause_start(const char *text, size_t at)
{
    size_t j = at;
    while (j > 0) {
        size_t p = fl_utf8_prev(text, j);
        size_t b = ay_clause_break(text, p);
        if (b)
            return p + b;
        if (fl_str_starts(text + p, "元") || text[p] == '%') {
            size_t q = p;
            if (q > 0 && text[p] != '%') {
                size_t r = fl_utf8_prev(text, q);
                if (fl_str_starts(text + r, "万") || fl_str_starts(text + r, "亿"))
                    q = r;
            }
            while (q > 0 && text[q - 1] == ' ')
                q--;
            if (q > 0 && text[q - 1] >= '0' && text[q - 1] <= '9')
                return p + (text[p] == '%' ? 1 : strlen("元"));
        }
        j = p;
    }
    return 0;
}

/* Remove every occurrence of `word` from buf. */
static void strip_all(char *buf, const char *word)
{
    size_t w = strlen(word);
    if (w == 0)
        return;
    char *hit;
    while ((hit = strstr(buf, word)) != NULL)
        memmove(hit, hit + w, strlen(hit + w) + 1);
}

/* Remove years (2018年, 2018年度) wherever they are. */
static void strip_years(char *buf)
{
    for (size_t i = 0; buf[i];) {
        if ((fl_str_starts(buf + i, "19") || fl_str_starts(buf + i, "20")) && buf[i + 2] >= '0' &&
            buf[i + 2] <= '9' && buf[i + 3] >= '0' && buf[i + 3] <= '9' &&
            fl_str_starts(buf + i + 4, "年") && (i == 0 || buf[i - 1] < '0' || buf[i - 1] > '9')) {
            size_t n = 4 + strlen("年");
            if (fl_str_starts(buf + i + n, "度"))
                n += strlen("度");
            memmove(buf + i, buf + i + n, strlen(buf + i + n) + 1);
            continue;
        }
        i += fl_utf8_char_len((unsigned char)buf[i]);
    }
}

/* The unit's name, and at the start a shorter form of it (省委办公厅 for
 * 江苏省委办公厅): a suffix of at least three characters. */
static void strip_unit(char *buf, const char *unit)
{
    strip_all(buf, unit);
    for (size_t i = 0; unit[i]; i += fl_utf8_char_len((unsigned char)unit[i])) {
        const char *tail = unit + i;
        if (ay_cjk_count(tail) < 3)
            break;
        if (fl_str_starts(buf, tail)) {
            size_t n = strlen(tail);
            memmove(buf, buf + n, strlen(buf + n) + 1);
            return;
        }
    }
}

static const char *const cn_digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九",
                                         "十", NULL };

static size_t cn_digit_at(const char *s)
{
    for (size_t k = 0; cn_digits[k] != NULL; k++)
        if (fl_str_starts(s, cn_digits[k]))
            return strlen(cn_digits[k]);
    return 0;
}

/* Length of a list number at s: 1. 1、 (1) (一) 一、, or 0. */
static size_t list_number(const char *s)
{
    size_t i = 0;
    if (s[0] >= '0' && s[0] <= '9') {
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (s[i] == '.')
            return i + 1;
        return fl_str_starts(s + i, "、") ? i + strlen("、") : 0;
    }
    if (s[0] == '(') {
        i = 1;
        for (;;) {
            size_t n = (s[i] >= '0' && s[i] <= '9') ? 1 : cn_digit_at(s + i);
            if (n == 0)
                break;
            i += n;
        }
        return i > 1 && s[i] == ')' ? i + 1 : 0;
    }
    size_t n;
    while ((n = cn_digit_at(s + i)) > 0)
        i += n;
    return i > 0 && fl_str_starts(s + i, "、") ? i + strlen("、") : 0;
}

static const char *const lead_words[] = { "、", "其中", "此外", "另外", "包括", NULL };
static const char *const tail_words[] = { "为", "是", ":", "共计", "共", "达", "约", "数", NULL };
/* A subject with one of these is a change or last year's figure, not a
 * figure of the report's own year. */
static const char *const change_words[] = {
    "增加", "减少", "增长", "下降", "降低", "上升", "提高", "压减", "节约", "持平",
    "上年", "去年", "同比", "同期", "相比", "比", "较", "占", NULL
};
/* The report's name for itself, which varies between years. */
static const char *const self_words[] = { "本部门", "我部门", "本单位", "我单位", NULL };

int ay_subject(const char *text, size_t at, const char *unit, char *buf, size_t size)
{
    size_t start = ay_clause_start(text, at);
    size_t o = 0;
    for (size_t i = start; i < at && o + 1 < size; i++)
        if (text[i] != ' ')
            buf[o++] = text[i];
    buf[o] = '\0';
    if (o + 1 >= size)
        return 0;
    if (unit != NULL && unit[0])
        strip_unit(buf, unit);
    for (size_t k = 0; self_words[k] != NULL; k++)
        strip_all(buf, self_words[k]);
    strip_years(buf);
    for (int again = 1; again;) {
        again = 0;
        size_t n = list_number(buf);
        for (size_t k = 0; n == 0 && lead_words[k] != NULL; k++)
            if (fl_str_starts(buf, lead_words[k]))
                n = strlen(lead_words[k]);
        if (n > 0) {
            memmove(buf, buf + n, strlen(buf + n) + 1);
            again = 1;
        }
    }
    for (int again = 1; again;) {
        again = 0;
        size_t len = strlen(buf);
        for (size_t k = 0; tail_words[k] != NULL; k++) {
            size_t w = strlen(tail_words[k]);
            if (len >= w && strcmp(buf + len - w, tail_words[k]) == 0) {
                buf[len - w] = '\0';
                again = 1;
                break;
            }
        }
    }
    for (size_t k = 0; change_words[k] != NULL; k++)
        if (strstr(buf, change_words[k]) != NULL)
            return 0;
    return ay_cjk_count(buf) >= 4;
}
