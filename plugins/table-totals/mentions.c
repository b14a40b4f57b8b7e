/* mentions.c — find the amounts and percentages in the narrative, each
 * with the words of its clause before it ("其中:基本支出1,923.33万元" ->
 * label "基本支出").  Own parsing rather than fl_doc_amount(): the rules
 * need clause and sentence boundaries. */
#include <stdlib.h>
#include <string.h>

#include "narrative.h"

/* Separator at s: its length in bytes, 0 if none.  `*stop` is set for a
 * sentence end. */
static size_t separator(const char *s, int *stop)
{
    static const char *const ends[] = { "。", "！", "？", "!", "?", NULL };
    static const char *const seps[] = { ",", ";", ":", "，", "；", "：", NULL };
    *stop = 0;
    for (size_t i = 0; ends[i] != NULL; i++)
        if (strncmp(s, ends[i], strlen(ends[i])) == 0) {
            *stop = 1;
            return strlen(ends[i]);
        }
    for (size_t i = 0; seps[i] != NULL; i++)
        if (strncmp(s, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

static int push(tt_mentions *m, size_t *cap, const tt_mention *x)
{
    if (m->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        tt_mention *p = realloc(m->items, ncap * sizeof *p);
        if (p == NULL)
            return -1;
        m->items = p;
        *cap = ncap;
    }
    m->items[m->count++] = *x;
    return 0;
}

static void set_label(tt_mention *x, const char *text, size_t from, size_t to)
{
    char raw[sizeof x->label];
    size_t n = to - from;
    if (n >= sizeof raw)
        from = to - (sizeof raw - 1);   /* keep the words nearest the number */
    /* do not start inside a UTF-8 sequence */
    while (from < to && ((unsigned char)text[from] & 0xC0) == 0x80)
        from++;
    n = to - from;
    memcpy(raw, text + from, n);
    raw[n] = '\0';
    tt_clean_label(raw, x->label, sizeof x->label);
}

static void parse_paragraph(const fl_paragraph *p, size_t *sentence,
                            tt_mentions *m, size_t *cap)
{
    const char *text = fl_paragraph_text(p);
    if (text == NULL)
        return;
    size_t clause = 0;
    int mention_in_clause = 0;
    for (size_t i = 0; text[i] != '\0';) {
        int stop;
        size_t sl = separator(text + i, &stop);
        /* "、" separates list items only after an amount ("A1万元、B2万元");
         * elsewhere it is part of a name ("收、支总计"). */
        if (sl == 0 && mention_in_clause && strncmp(text + i, "、", 3) == 0)
            sl = 3;
        if (sl > 0) {
            i += sl;
            clause = i;
            mention_in_clause = 0;
            if (stop)
                (*sentence)++;
            continue;
        }
        unsigned char ch = (unsigned char)text[i];
        int starts = ch >= '0' && ch <= '9' &&
                     (i == 0 || !((text[i - 1] >= '0' && text[i - 1] <= '9') ||
                                  text[i - 1] == '.'));
        if (!starts) {
            i++;
            continue;
        }
        fl_number num;
        size_t len = fl_parse_number(text + i, &num);
        if (len == 0) {
            i++;
            continue;
        }
        tt_mention x;
        memset(&x, 0, sizeof x);
        x.para = p;
        x.off = i;
        x.end = i + len;
        x.clause = clause;
        x.sentence = *sentence;
        x.decimals = num.decimals;
        x.unit = num.unit;
        int keep = 0;
        if (num.unit == FL_UNIT_PERCENT && !num.is_empty) {
            x.is_pct = 1;
            x.value = num.value;
            keep = 1;
        } else if ((num.unit == FL_UNIT_WANYUAN || num.unit == FL_UNIT_YUAN ||
                    num.unit == FL_UNIT_YIYUAN) && !num.is_empty) {
            keep = fl_number_to_wanyuan(&num, &x.value) == 0;
        }
        if (keep) {
            set_label(&x, text, clause, i);
            if (push(m, cap, &x) != 0)
                return;
            mention_in_clause = 1;
        }
        i += len;
    }
    (*sentence)++;
}

void tt_mentions_collect(const fl_document *doc, tt_mentions *out)
{
    size_t cap = 0, sentence = 0;
    memset(out, 0, sizeof *out);
    size_t n = fl_doc_paragraph_count(doc);
    for (size_t i = 0; i < n; i++)
        parse_paragraph(fl_doc_paragraph(doc, i), &sentence, out, &cap);
}

void tt_mentions_free(tt_mentions *m)
{
    free(m->items);
    memset(m, 0, sizeof *m);
}

static size_t skip_prefix(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 ? n : 0;
}

void tt_item_name(const char *label, char *out, size_t size)
{
    char buf[256];
    tt_clean_label(label, buf, sizeof buf);
    const char *s = buf;
    for (int again = 1; again;) {
        again = 0;
        size_t k;
        while (*s == '-' || *s == '.')
            s++;
        if ((k = skip_prefix(s, "其中")) > 0 || (k = skip_prefix(s, "本年度")) > 0) {
            s += k;
            again = 1;
        }
        /* a year: "2023年度" or "2023年" */
        if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
            s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9') {
            const char *t = s + 4;
            if ((k = skip_prefix(t, "年度")) > 0 || (k = skip_prefix(t, "年")) > 0) {
                s = t + k;
                again = 1;
            }
        }
    }
    char tmp[256];
    tt_clean_label(s, tmp, sizeof tmp); /* a numbering after the year */
    size_t len = strlen(tmp);
    if (len >= size)
        len = size - 1;
    memcpy(out, tmp, len);
    out[len] = '\0';
    /* a trailing "为" ("支出决算数为") is not part of the name */
    if (tt_str_ends(out, "为"))
        out[strlen(out) - strlen("为")] = '\0';
}
