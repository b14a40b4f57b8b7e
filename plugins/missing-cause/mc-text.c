/* mc-text.c — small text helpers for missing-cause: clause boundaries,
 * placeholders, money amounts in sentences. */
#include <stdlib.h>
#include <string.h>

#include "mc.h"

size_t mc_skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    return i;
}

/* 1 when s starts with the three-byte mark m; its first byte is compared
 * first, so that most bytes cost one comparison. */
static int mark_at(const char *s, const char *m)
{
    return s[0] == m[0] && s[1] == m[1] && s[2] == m[2];
}

size_t mc_break_len(const char *s, size_t i, int with_commas)
{
    if (mark_at(s + i, "。") || mark_at(s + i, "；"))
        return 3;
    if (s[i] == ';' || s[i] == '!' || s[i] == '?')
        return 1;
    if (with_commas) {
        if (mark_at(s + i, "，") || mark_at(s + i, "、"))
            return 3;
        if (s[i] == ',' || s[i] == ':')
            return 1;
    }
    return 0;
}

/* The first bytes of every break mark (。、 start with E3, ；， with EF):
 * the walks back test this before asking mc_break_len(). */
static const unsigned char break_lead[256] = {
    [0xE3] = 1, [0xEF] = 1, [';'] = 1, ['!'] = 1, ['?'] = 1, [','] = 1, [':'] = 1,
};

/* The last break before pos, found by walking back from pos: in UTF-8 the
 * first byte of a mark is never inside another character, so this is the
 * mark a walk from the start would find last, at the cost of the clause
 * alone (a walk from the start made a long paragraph quadratic). */
static size_t last_break(const char *s, size_t pos, int with_commas)
{
    for (size_t i = pos; i-- > 0;) {
        if (!break_lead[(unsigned char)s[i]])
            continue;
        size_t b = mc_break_len(s, i, with_commas);
        if (b)
            return i + b > pos ? pos : i + b;
    }
    return 0;
}

size_t mc_clause_start(const char *s, size_t pos)
{
    mc_clause_memo fresh = MC_CLAUSE_MEMO_INIT;
    return mc_clause_start_memo(s, pos, &fresh);
}

size_t mc_sentence_start(const char *s, size_t pos)
{
    return last_break(s, pos, 0);
}

/* The walk of last_break(), down to where the last one started: below
 * it, that walk's answer stands. */
size_t mc_clause_start_memo(const char *s, size_t pos, mc_clause_memo *m)
{
    size_t floor = m->pos != (size_t)-1 && m->pos <= pos ? m->pos : 0;
    size_t at = 0, len = 0;
    for (size_t i = pos; i-- > floor;) {
        if (!break_lead[(unsigned char)s[i]])
            continue;
        len = mc_break_len(s, i, 1);
        if (len) {
            at = i;
            break;
        }
    }
    if (len == 0 && floor > 0) {
        at = m->at;
        len = m->len;
    }
    m->pos = pos;
    m->at = at;
    m->len = len;
    if (len == 0)
        return 0;
    return at + len > pos ? pos : at + len;
}

char *mc_excerpt_tail(const char *s, size_t from, size_t to, size_t max_chars, char *buf,
                      size_t size)
{
    /* Walk back max_chars characters from `to`, staying at or after `from`. */
    size_t start = to, n = 0;
    while (start > from && n < max_chars) {
        start--;
        while (start > from && ((unsigned char)s[start] & 0xc0) == 0x80)
            start--;
        n++;
    }
    const char *ellipsis = start > from ? "…" : "";
    size_t el = strlen(ellipsis), len = to - start;
    if (size == 0)
        return buf;
    if (el + len + 1 > size) {
        /* Keep a valid tail that fits. */
        while (len > 0 && el + len + 1 > size) {
            start += fl_utf8_char_len((unsigned char)s[start]);
            len = to > start ? to - start : 0;
        }
    }
    memcpy(buf, ellipsis, el);
    memcpy(buf + el, s + start, len);
    buf[el + len] = '\0';
    return buf;
}

int mc_is_placeholder(const char *text, size_t len, const mc_options *o)
{
    size_t i = 0;
    while (i < len) {
        /* Separators between placeholder words. */
        if (text[i] == ' ' || text[i] == ',' || text[i] == '.' || text[i] == ':') {
            i++;
            continue;
        }
        if (len - i >= 3 && (fl_str_starts(text + i, "，") || fl_str_starts(text + i, "。"))) {
            i += 3;
            continue;
        }
        size_t best = 0;
        for (size_t k = 0; k < o->nplaceholders; k++) {
            /* most words differ at the first byte: measured only when not */
            if (o->placeholders[k][0] != text[i])
                continue;
            size_t pl = strlen(o->placeholders[k]);
            if (pl > best && pl <= len - i && memcmp(text + i, o->placeholders[k], pl) == 0)
                best = pl;
        }
        if (best == 0)
            return 0;
        i += best;
    }
    return 1;
}

/* Money words, nearest to the number wins: the budget words, then the
 * spending words. */
static const char *const money_word_list[] = {
    "预算", "概算", "下达", "批复", "安排", "年初",
    "支付", "执行", "支出", "发放", "使用", "拨付", "实际", "花费", "决算",
};
enum { N_BUDGET_WORDS = 6 };

fl_matcher *mc_money_words_new(void)
{
    return fl_matcher_new(money_word_list, sizeof money_word_list / sizeof *money_word_list);
}


static int on_money_word(void *ctx, size_t word, size_t offset)
{
    mc_last_words *w = ctx;
    /* Occurrences come in the order of their end: the last one seen is
     * the last one. */
    size_t end = offset + strlen(money_word_list[word]);
    if (word < N_BUDGET_WORDS)
        w->budget = end;
    else
        w->spent = end;
    return 0;
}

size_t mc_longest_word(const char *const *words, size_t n)
{
    size_t longest = 0;
    for (size_t k = 0; k < n; k++)
        if (strlen(words[k]) > longest)
            longest = strlen(words[k]);
    return longest;
}

/* The kind of the money amount at text[at], from the words of its clause
 * text[from..at): budget or spending, whichever word is nearer, or 0.
 * One pass of `words` (mc_money_words_new()) finds both kinds. */
static int money_kind(const fl_matcher *words, const char *text, size_t from, size_t at,
                      mc_clause_words *cw)
{
    size_t start = from;
    if (cw->upto != 0 && cw->from == from && cw->upto <= at) {
        /* A word across the point read to is read again: its end is
         * the larger one either way. */
        size_t back =
            mc_longest_word(money_word_list, sizeof money_word_list / sizeof *money_word_list) - 1;
        start = cw->upto - from > back ? cw->upto - back : from;
    } else {
        cw->from = from;
        cw->w.budget = cw->w.spent = 0;
    }
    mc_last_words w = { 0, 0 };
    fl_matcher_scan(words, text + start, at - start, on_money_word, &w);
    if (w.budget != 0 && w.budget + (start - from) > cw->w.budget)
        cw->w.budget = w.budget + (start - from);
    if (w.spent != 0 && w.spent + (start - from) > cw->w.spent)
        cw->w.spent = w.spent + (start - from);
    cw->upto = at;
    if (cw->w.budget == 0 && cw->w.spent == 0)
        return 0;
    return cw->w.budget > cw->w.spent ? MC_BUDGET : MC_SPENT;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

void mc_money_walk_init(mc_money_walk *w, const char *text, const fl_matcher *money_words)
{
    memset(w, 0, sizeof *w);
    w->text = text;
    w->words = money_words;
    w->clause = (mc_clause_memo)MC_CLAUSE_MEMO_INIT;
}

int mc_money_walk_next(mc_money_walk *w, size_t limit, mc_money *out, size_t *end)
{
    const char *text = w->text;
    while (w->i < limit && text[w->i]) {
        size_t i = w->i;
        int starts_number = is_digit(text[i]) &&
                            (i == 0 || (!is_digit(text[i - 1]) && text[i - 1] != '.' &&
                                        text[i - 1] != ','));
        if (!starts_number) {
            w->i += fl_utf8_char_len((unsigned char)text[i]);
            continue;
        }
        fl_number n;
        size_t used = fl_parse_number(text + i, &n);
        if (used == 0) {
            w->i++;
            continue;
        }
        w->i += used;
        if (n.unit == FL_UNIT_YUAN || n.unit == FL_UNIT_WANYUAN || n.unit == FL_UNIT_YIYUAN) {
            mc_money m;
            memset(&m, 0, sizeof m);
            if (fl_number_to_wanyuan(&n, &m.wan) == 0) {
                size_t tl = used < sizeof m.text - 1 ? used : sizeof m.text - 1;
                memcpy(m.text, text + i, tl);
                m.text[tl] = '\0';
                m.kind = money_kind(w->words, text, mc_clause_start_memo(text, i, &w->clause), i,
                                    &w->cw);
                *out = m;
                *end = i + used;
                return 1;
            }
        }
    }
    return 0;
}

size_t mc_scan_money(const char *text, const fl_matcher *money_words,
                     void (*fn)(void *ctx, const mc_money *m), void *ctx)
{
    mc_money_walk w;
    mc_money m;
    size_t found = 0, end;
    mc_money_walk_init(&w, text, money_words);
    while (mc_money_walk_next(&w, (size_t)-1, &m, &end)) {
        fn(ctx, &m);
        found++;
    }
    return found;
}

void mc_display(char *s, size_t size)
{
    static const char marks[] = ",:;()";
    size_t n = strlen(s);
    /* The text before the first ASCII mark stays as it is: most has none. */
    size_t i = strcspn(s, marks), j = i;
    if (i < n) {
        /* Work on a copy: full-width marks are longer than ASCII ones. */
        char small[512];
        char *src = n < sizeof small ? small : malloc(n + 1);
        if (src == NULL)
            return;
        memcpy(src, s, n + 1);
        while (i < n) {
            size_t run = strcspn(src + i, marks);
            if (run > 0) {
                /* j + 1 < size holds: room for this many more bytes */
                size_t k = run < size - 1 - j ? run : size - 1 - j;
                memcpy(s + j, src + i, k);
                i += k;
                j += k;
                if (k < run)
                    break;
                continue;
            }
            const char *rep = NULL;
            char c = src[i];
            int between_digits = i > 0 && i + 1 < n && src[i - 1] >= '0' && src[i - 1] <= '9' &&
                                 src[i + 1] >= '0' && src[i + 1] <= '9';
            if (c == ',' && !between_digits)
                rep = "，";
            else if (c == ':' && !between_digits)
                rep = "：";
            else if (c == ';')
                rep = "；";
            else if (c == '(')
                rep = "（";
            else if (c == ')')
                rep = "）";
            size_t rl = rep ? strlen(rep) : 1;
            if (j + rl + 1 > size)
                break;
            if (rep) {
                memcpy(s + j, rep, rl);
                j += rl;
            } else {
                s[j++] = c;
            }
            i++;
        }
        if (src != small)
            free(src);
    }
    /* Never end inside a UTF-8 sequence after a cut. */
    while (j > 0 && ((unsigned char)s[j - 1] & 0xc0) == 0x80) {
        size_t k = j - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
            k--;
        if (k + fl_utf8_char_len((unsigned char)s[k]) == j)
            break;
        j = k;
    }
    s[j] = '\0';
}
