/* ay-text.c — small text helpers for across-years, on normalised UTF-8
 * (，→, ：→: （→( ；→;), and money amounts read from a sentence. */
#include <string.h>

#include "ay.h"

size_t ay_sentence_break(const char *s, size_t i)
{
    if (fl_str_starts(s + i, "。"))
        return strlen("。");
    if (s[i] == ';' || s[i] == '!' || s[i] == '?')
        return 1;
    return 0;
}

size_t ay_clause_break(const char *s, size_t i)
{
    size_t b = ay_sentence_break(s, i);
    if (b)
        return b;
    return s[i] == ',' || s[i] == ':' ? 1 : 0;
}

int ay_has(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (memcmp(s + i, word, w) == 0)
            return 1;
    return 0;
}

/* CJK Unified Ideographs U+4E00..U+9FFF: three bytes E4..E9. */
size_t ay_cjk_count(const char *s)
{
    size_t n = 0;
    for (size_t i = 0; s[i];) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xe4 && c <= 0xe9)
            n++;
        i += fl_utf8_char_len(c);
    }
    return n;
}

size_t ay_skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

/* The last hit still answers when from has not passed it. */
static int remembered(const ay_next *m, const char *s, size_t from)
{
    return m->text == s && m->from <= from && from <= m->at;
}

size_t ay_next_word(ay_next *m, const char *s, size_t from, const char *word)
{
    if (!remembered(m, s, from)) {
        size_t w = strlen(word), i = from;
        while (s[i] && strncmp(s + i, word, w) != 0)
            i++;
        m->text = s;
        m->at = i;
    }
    m->from = from;
    return m->at;
}

size_t ay_next_break(ay_next *m, const char *s, size_t from)
{
    if (!remembered(m, s, from)) {
        size_t i = from;
        while (s[i] && !ay_sentence_break(s, i))
            i += fl_utf8_char_len((unsigned char)s[i]);
        m->text = s;
        m->at = i;
    }
    m->from = from;
    return m->at;
}

int ay_money_at(const char *s, size_t i, ay_money *out)
{
    fl_number n;
    if (s[i] < '0' || s[i] > '9')
        return 0;
    size_t len = fl_parse_number(s + i, &n);
    if (len == 0 || n.is_empty || fl_dec_out_of_range(n.value))
        return 0;
    if (n.unit != FL_UNIT_YUAN && n.unit != FL_UNIT_WANYUAN && n.unit != FL_UNIT_YIYUAN)
        return 0;
    if (fl_number_to_wanyuan(&n, &out->wan) != 0 || fl_dec_out_of_range(out->wan))
        return 0;
    /* half a unit of the last decimal written, in the number's own unit */
    int64_t half = FL_DEC_SCALE / 2;
    for (int d = 0; d < n.decimals && d < 6; d++)
        half /= 10;
    fl_number h = n;
    h.value.micros = half > 0 ? half : 1;
    if (fl_number_to_wanyuan(&h, &out->half) != 0)
        return 0;
    out->len = len;
    return 1;
}
