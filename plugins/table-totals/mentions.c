/* mentions.c — find the amounts and percentages in the narrative, each
 * with the words of its clause before it ("其中:基本支出1,923.33万元" ->
 * label "基本支出").  Own parsing rather than fl_doc_amount(): the rules
 * need clause and sentence boundaries. */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "narrative.h"

/* Separator at s: its length in bytes, 0 if none.  `*stop` is set for a
 * sentence end.  It dispatches on the first byte: the full-width marks are
 * 。 (E3 80 82) and ！？，；： (EF BC xx). */
static size_t separator(const char *s, int *stop)
{
    *stop = 0;
    switch ((unsigned char)s[0]) {
    case '!':
    case '?':
        *stop = 1;
        return 1;
    case ',':
    case ';':
    case ':':
        return 1;
    case 0xE3:
        if (fl_str_starts(s, "。")) {
            *stop = 1;
            return 3;
        }
        return 0;
    case 0xEF:
        if (fl_str_starts(s, "！") || fl_str_starts(s, "？")) {
            *stop = 1;
            return 3;
        }
        if (fl_str_starts(s, "，") || fl_str_starts(s, "；") || fl_str_starts(s, "："))
            return 3;
        return 0;
    default:
        return 0;
    }
}

/* The bytes parse_paragraph decides at: a digit, an ASCII separator, the
 * lead byte of 。 and 、 (E3) or of ！？，；： (EF), and the closing NUL.  Any
 * other byte (most of a Chinese text) is neither a separator nor the
 * start of a number, so it is stepped over without a look. */
static const unsigned char decision_byte[256] = {
    ['\0'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['!'] = 1, ['?'] = 1, [','] = 1, [';'] = 1, [':'] = 1,
    [0xE3] = 1, [0xEF] = 1,
};

#if defined(__GNUC__)
typedef unsigned char bytes16 __attribute__((vector_size(16)));
typedef signed char mask16 __attribute__((vector_size(16)));

/* Bit k set where lane k of d is true (all ones). */
static unsigned lane_bits(mask16 d)
{
#if defined(__SSE2__)
    return (unsigned)_mm_movemask_epi8((__m128i)d);
#else
    unsigned bits = 0;
    for (int k = 0; k < 16; k++)
        bits |= (unsigned)(d[k] & 1) << k;
    return bits;
#endif
}

/* Which of p[0..16) may be decision bytes: bit k for p[k].  GNU C
 * vectors, SSE2 on x86-64: a third of the cost of looking at eight bytes
 * at a time.  One range takes the digits and ! , : ; ? (0x21..0x3F), and
 * the few other marks in it are told by decision_byte. */
static unsigned block_candidates(const unsigned char *p)
{
    bytes16 v;
    memcpy(&v, p, 16);
    mask16 d = (mask16)((bytes16)(v - '!') <= '?' - '!') | (mask16)(v == 0xE3) |
               (mask16)(v == 0xEF);
    return lane_bits(d);
}

/* Which of p[0..16) may be a bracket: '(', ')' or the lead byte EF of
 * （ and ）. */
static unsigned block_brackets(const unsigned char *p)
{
    bytes16 v;
    memcpy(&v, p, 16);
    mask16 d = (mask16)(v == '(') | (mask16)(v == ')') | (mask16)(v == 0xEF);
    return lane_bits(d);
}
#endif

/* The first byte in [i, to) that may be a bracket, else `to`. */
static size_t next_bracket(const char *text, size_t i, size_t to)
{
    const unsigned char *u = (const unsigned char *)text;
#if defined(__GNUC__)
    for (; i + 16 <= to; i += 16) {
        unsigned bits = block_brackets(u + i);
        if (bits != 0)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    while (i < to && u[i] != '(' && u[i] != ')' && u[i] != 0xEF)
        i++;
    return i;
}

/* The first decision byte at or after i; text[len] is the closing NUL. */
static size_t next_decision(const char *text, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
#if defined(__GNUC__)
    for (; i + 16 <= len; i += 16)
        for (unsigned bits = block_candidates(u + i); bits != 0; bits &= bits - 1) {
            size_t k = i + (size_t)__builtin_ctz(bits);
            if (decision_byte[u[k]])
                return k;
        }
#endif
    while (!decision_byte[u[i]])
        i++;
    return i;
}

/* The slot after the last mention, to be filled in place and kept by
 * m->count++; NULL without memory. */
static tt_mention *next_slot(tt_mentions *m, size_t *cap)
{
    if (m->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        tt_mention *p = realloc(m->items, ncap * sizeof *p);
        if (p == NULL)
            return NULL;
        m->items = p;
        *cap = ncap;
    }
    return &m->items[m->count];
}

/* The label's length is returned. */
static size_t set_label(tt_mention *x, const char *text, size_t from, size_t to)
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
    return tt_clean_label(raw, x->label, sizeof x->label);
}

/* A money figure that is a threshold, not an amount: "单价50万元以上",
 * "100万元（含）以上", "超过10万元".  `after` follows the number and its
 * unit; `label` is the cleaned clause before it. */
static int is_threshold(const char *after, const char *label,
                        size_t label_len)
{
    static const char *const post[] = {
        "以上", "以下", "（含）以上", "(含)以上", "（含）以下", "(含)以下",
        "及以上", "及以下", "（含）", "(含)", NULL
    };
    static const tt_word pre[] = {
        TT_WORD("单价"), TT_WORD("超过"), TT_WORD("不超过"), TT_WORD("低于"),
        TT_WORD("高于"), TT_WORD("不足"), TT_WORD("达到"), { NULL, 0 }
    };
    while (*after == ' ')
        after++;
    /* what follows most amounts starts otherwise than any of post[]:
     * 以 E4.., （ EF.., 及 E5.. */
    unsigned char b = (unsigned char)after[0];
    if (b == 0xE4 || b == 0xEF || b == '(' || b == 0xE5)
        for (size_t i = 0; post[i] != NULL; i++)
            if (fl_str_starts(after, post[i]))
                return 1;
    return tt_mem_ends_any(label, label_len, pre);
}

/* The "（" / "(" still open as a walk over one clause goes forward: the
 * mentions of a clause come in order, so the walk for each goes on from
 * the one before instead of from the clause's start (a clause of many
 * amounts was read once per amount). */
typedef struct paren_walk {
    size_t from, at;     /* the clause's start; how far it was read */
    size_t open[8], depth;
} paren_walk;

/* Byte offset of the "（" / "(" still open at `to` in the clause starting
 * at `from`, or (size_t)-1 when none is open.  `to` is where a number
 * starts: a walk never stops inside a bracket's bytes. */
static size_t open_paren(paren_walk *w, const char *text, size_t from, size_t to)
{
    if (w->from != from || w->at > to)
        *w = (paren_walk){ .from = from, .at = from };
    size_t i = w->at;
    while ((i = next_bracket(text, i, to)) < to) {
        /* （ and ） are EF BC 88 / EF BC 89: other bytes need no look */
        int wide = (unsigned char)text[i] == 0xEF;
        int opens = text[i] == '(' || (wide && fl_str_starts(text + i, "（"));
        int closes = !opens &&
                     (text[i] == ')' || (wide && fl_str_starts(text + i, "）")));
        if (opens) {
            if (w->depth < 8)
                w->open[w->depth] = i;
            w->depth++;
        } else if (closes && w->depth > 0) {
            w->depth--;
        }
        i += wide && (opens || closes) ? 3 : 1;
    }
    w->at = i;
    return w->depth > 0 && w->depth <= 8 ? w->open[w->depth - 1] : (size_t)-1;
}

/* The year a label starts with ("2016年为"), 0 if none. */
static int label_year(const char *label)
{
    const char *s = label;
    while (*s == '(' || fl_str_starts(s, "（"))
        s += *s == '(' ? 1 : 3;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (!fl_str_starts(s + 4, "年"))
        return 0;
    return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
           (s[3] - '0');
}

/* A figure of an earlier year: in parentheses that speak of the previous
 * year ("（上年为X万元）", "（2016年：X万元）"), or a clause that opens with
 * an earlier year or 上年 and only names it ("2016年为X万元", "上年为X万元").
 * A change ("与上年相比增加X万元") or an item of this year that merely has
 * 上年 in its name ("上年结转X万元") is not one. */
static int is_prev_year(paren_walk *walk, const char *text, size_t clause, size_t at,
                        const char *label, size_t label_len, int year)
{
    static const tt_word verbs[] = {
        TT_WORD("增加"), TT_WORD("减少"), TT_WORD("增长"), TT_WORD("下降"),
        TT_WORD("增减"), TT_WORD("持平"), { NULL, 0 }
    };
    if (tt_mem_ends_any(label, label_len, verbs))
        return 0;
    size_t po = open_paren(walk, text, clause, at);
    if (po != (size_t)-1) {
        char raw[128], in[128];
        size_t n = at - po;
        if (n >= sizeof raw)
            n = sizeof raw - 1;
        memcpy(raw, text + po, n);
        raw[n] = '\0';
        tt_clean_label(raw, in, sizeof in);
        int y = label_year(in);
        if (tt_str_has(in, "上年") || tt_str_has(in, "去年") ||
            tt_str_has(in, "上一年") || tt_str_has(in, "同期") ||
            (y > 0 && year > 0 && y < year))
            return 1;
    }
    int y = label_year(label);
    if (y > 0 && year > 0 && y < year)
        return 1;
    if ((fl_str_starts(label, "上年") || fl_str_starts(label, "去年") ||
         fl_str_starts(label, "上一年")) &&
        !fl_str_starts(label, "上年结转") && !fl_str_starts(label, "上年结余"))
        return 1;
    return 0;
}

/* 1 when `num` is a mention: a percentage or an amount, whose value
 * (amounts in 万元) goes to *value. */
static int mention_value(const fl_number *num, int *is_pct, fl_dec *value)
{
    *is_pct = 0;
    if (num->is_empty)
        return 0;
    if (num->unit == FL_UNIT_PERCENT) {
        *is_pct = 1;
        *value = num->value;
        return 1;
    }
    if (num->unit == FL_UNIT_WANYUAN || num->unit == FL_UNIT_YUAN ||
        num->unit == FL_UNIT_YIYUAN)
        return fl_number_to_wanyuan(num, value) == 0;
    return 0;
}

static void parse_paragraph(const fl_paragraph *p, size_t *sentence,
                            tt_mentions *m, size_t *cap, int year)
{
    const char *text = fl_paragraph_text(p);
    if (text == NULL)
        return;
    size_t clause = 0, text_len = strlen(text);
    int mention_in_clause = 0;
    paren_walk walk = { .from = (size_t)-1 };
    for (size_t i = 0;;) {
        i = next_decision(text, i, text_len);
        if (text[i] == '\0')
            break;
        int stop;
        size_t sl = separator(text + i, &stop);
        /* "、" separates list items only after an amount ("A1万元、B2万元");
         * elsewhere it is part of a name ("收、支总计"). */
        if (sl == 0 && mention_in_clause && fl_str_starts(text + i, "、"))
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
        int is_pct;
        fl_dec value;
        if (mention_value(&num, &is_pct, &value)) {
            /* made in place, field by field: a mention is a few
             * hundred bytes, most of them its label and name, which
             * are written below and need no clearing first */
            tt_mention *x = next_slot(m, cap);
            if (x == NULL)
                return;
            x->para = p;
            x->off = i;
            x->end = i + len;
            x->clause = clause;
            x->sentence = *sentence;
            x->decimals = num.decimals;
            x->unit = num.unit;
            x->is_pct = is_pct;
            x->value = value;
            x->head = 0;
            x->next_item = 0;
            x->semis = 0;
            x->counts = 0;
            size_t label_len = set_label(x, text, clause, i);
            if (!x->is_pct && is_threshold(text + i + len, x->label, label_len)) {
                i += len;           /* "单价50万元以上": not an amount */
                continue;
            }
            x->prev_year = !x->is_pct &&
                           is_prev_year(&walk, text, clause, i, x->label, label_len, year);
            x->change = tt_mem_ends(x->label, label_len, "增加") ? 1 :
                        tt_mem_ends(x->label, label_len, "减少") ? -1 : 0;
            tt_item_name(x->label, x->name, sizeof x->name);
            m->count++;
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
    int year = fl_doc_year(doc);
    for (size_t i = 0; i < n; i++)
        parse_paragraph(fl_doc_paragraph(doc, i), &sentence, out, &cap, year);
}

void tt_mentions_free(tt_mentions *m)
{
    free(m->items);
    memset(m, 0, sizeof *m);
}

/* inline, not strncmp: every mention's label is asked four prefixes */
static size_t skip_prefix(const char *s, const char *prefix)
{
    return fl_str_starts(s, prefix) ? strlen(prefix) : 0;
}

/* s, a cleaned label or its end, cleaned again into buf when that can
 * change it: with no space, tab or '*' left, only a numbering or a tag
 * can go.  Else s itself. */
static const char *clean_again(const char *s, char *buf, size_t size)
{
    if (s[0] == '(' || (s[0] >= '0' && s[0] <= '9') ||
        tt_cn_numeral_len(s) > 0 || strchr(s, '<') != NULL) {
        tt_clean_label(s, buf, size);
        return buf;
    }
    return s;
}

void tt_item_name(const char *label, char *out, size_t size)
{
    char buf[256];
    const char *s = clean_again(label, buf, sizeof buf);
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
    /* a numbering after the year; the label itself, left as it was,
     * was asked already */
    const char *name = s == label ? s : clean_again(s, tmp, sizeof tmp);
    size_t len = strlen(name);
    if (len >= size)
        len = size - 1;
    memcpy(out, name, len);
    out[len] = '\0';
    /* a trailing "为" ("支出决算数为") is not part of the name */
    if (tt_mem_ends(out, len, "为"))
        out[len - strlen("为")] = '\0';
}
