/* cw-para.c — the amounts of one paragraph, grouped for the rules: money
 * (in 万元, with the sentence it lies in) and percentages.  The core gives
 * amounts in document order, paragraph by paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cw.h"

static int is_money(fl_unit u)
{
    return u == FL_UNIT_YUAN || u == FL_UNIT_WANYUAN || u == FL_UNIT_YIYUAN;
}

/* The first bytes of the sentence and clause breaks (。、 start with E3).
 * Each is a character's first byte wherever it is, so the bytes between
 * are passed over undecoded, by strcspn (which stops at the NUL too). */
static const char may_break_bytes[] = "\xE3;!?,:";

/* arr (room for *cap elements of `elem` bytes, all used) with room for
 * twice as many, or `first` when it had none: *cap is updated.  NULL
 * when memory ran out; arr and *cap are then as they were. */
static void *grow(void *arr, size_t *cap, size_t first, size_t elem)
{
    size_t c = *cap ? 2 * *cap : first;
    void *grown = realloc(arr, c * elem);
    if (grown != NULL)
        *cap = c;
    return grown;
}

static int add_sentence(cw_para *pp, size_t start)
{
    if (pp->nsent == pp->sent_cap) {
        size_t *grown = grow(pp->sent, &pp->sent_cap, 64, sizeof *grown);
        if (grown == NULL)
            return -1;
        pp->sent = grown;
    }
    pp->sent[pp->nsent++] = start;
    return 0;
}

/* Sentence starts of pp->text, in one pass, up to the first one after
 * `limit` (every start at or before it is found). */
static int split_sentences(cw_para *pp, size_t limit)
{
    const char *s = pp->text;
    pp->nsent = 0;
    if (add_sentence(pp, 0) != 0)
        return -1;
    size_t start = 0;
    for (size_t i = 0; s[i] != '\0' && i <= limit;) {
        size_t b = cw_sentence_break(s, i), c = b ? 0 : cw_clause_break(s, i);
        if (b) {
            i += b;
        } else if (c) {
            i += c;
            if (i - start <= CW_SENTENCE_MAX)
                continue;
        } else {
            i += fl_utf8_char_len((unsigned char)s[i]);
            i += strcspn(s + i, may_break_bytes);
            continue;
        }
        /* A new sentence starts after the break (past i, so never twice). */
        start = i;
        if (add_sentence(pp, start) != 0)
            return -1;
    }
    return 0;
}

/* The sentence holding pp->text[pos], for pos up to the last comparison
 * word's start: its index, and its start in *start. */
static size_t cw_para_sentence(const cw_para *pp, size_t pos, size_t *start)
{
    size_t lo = 0, hi = pp->nsent; /* the last start <= pos */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (pp->sent[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    if (start)
        *start = pp->nsent ? pp->sent[lo] : 0;
    return lo;
}

/* Adds a start to an ascending list, dropping a repeat.  The matcher
 * reports by end, so a start comes nearly in order: insertion.  -1 when
 * memory ran out. */
static int add_start(size_t **list, size_t *n, size_t *cap, size_t offset)
{
    if (*n == *cap) {
        size_t *grown = grow(*list, cap, 64, sizeof *grown);
        if (grown == NULL)
            return -1;
        *list = grown;
    }
    size_t j = *n;
    while (j > 0 && (*list)[j - 1] > offset)
        j--;
    if (j > 0 && (*list)[j - 1] == offset)
        return 0;
    memmove(*list + j + 1, *list + j, (*n - j) * sizeof **list);
    (*list)[j] = offset;
    (*n)++;
    return 0;
}

/* As add_start, for a word's start: a repeat keeps the lower word. */
static int add_word_start(cw_para *pp, size_t offset, size_t word)
{
    if (pp->nword_at == pp->word_cap) {
        cw_word_start *grown = grow(pp->word_at, &pp->word_cap, 64, sizeof *grown);
        if (grown == NULL)
            return -1;
        pp->word_at = grown;
    }
    cw_word_start *list = pp->word_at;
    size_t j = pp->nword_at;
    while (j > 0 && list[j - 1].at > offset)
        j--;
    if (j > 0 && list[j - 1].at == offset) {
        if (word < list[j - 1].word)
            list[j - 1].word = word;
        return 0;
    }
    memmove(list + j + 1, list + j, (pp->nword_at - j) * sizeof *list);
    list[j].at = offset;
    list[j].word = word;
    pp->nword_at++;
    return 0;
}

/* Collects where the words and the markers start. */
static int on_word(void *ctx, size_t word, size_t offset)
{
    cw_para *pp = ctx;
    int rc = cw_word_is_marker(word)
                 ? add_start(&pp->marker_at, &pp->nmarker_at, &pp->marker_cap, offset)
                 : add_word_start(pp, offset, word);
    if (rc != 0) {
        /* Ask everywhere: slower, the same findings. */
        pp->all_words = 1;
        pp->markers_known = 0;
        return 1;
    }
    return 0;
}

static void find_words(cw_para *pp, const fl_matcher *words)
{
    pp->nword_at = pp->nmarker_at = 0;
    pp->all_words = words == NULL;
    pp->markers_known = words != NULL;
    if (words != NULL)
        fl_matcher_scan(words, pp->text, strlen(pp->text), on_word, pp);
}

static int cw_word_may_start(const cw_para *pp, size_t *k, size_t i)
{
    if (pp->all_words)
        return 1;
    while (*k < pp->nword_at && pp->word_at[*k].at < i)
        (*k)++;
    return *k < pp->nword_at && pp->word_at[*k].at == i;
}

static size_t cw_next_word_start(const cw_para *pp, size_t *k, size_t i)
{
    i += fl_utf8_char_len((unsigned char)pp->text[i]);
    if (pp->all_words)
        return i;
    /* Word starts are characters' starts: stepping a character at a time
     * would only reach them later. */
    while (*k < pp->nword_at && pp->word_at[*k].at < i)
        (*k)++;
    return *k < pp->nword_at ? pp->word_at[*k].at : i + strlen(pp->text + i);
}

/* 1 when s+j starts a marker. */
static int marker_at(const char *s, size_t j)
{
    return fl_str_starts(s + j, "与") || fl_str_starts(s + j, "比") || fl_str_starts(s + j, "较");
}

/* The marker at j when its phrase names a side (see cw_marker_before). */
static cw_side marker_side(const char *s, size_t j, int prev_year, size_t *mark, size_t *pend)
{
    size_t plen = 0;
    cw_side sd = cw_phrase_side(s, j + 3, prev_year, &plen);
    if (sd != CW_SIDE_NONE) {
        *mark = j;
        *pend = j + 3 + plen;
    }
    return sd;
}

/* Index of the first marker starting at or after `pos`. */
static size_t first_marker_from(const cw_para *pp, size_t pos)
{
    size_t lo = 0, hi = pp->nmarker_at;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pp->marker_at[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The nearest marker in [from, pos) whose phrase names a side, from the
 * matcher's list. */
static cw_side listed_marker_in(const cw_para *pp, size_t from, size_t pos, int prev_year,
                                size_t *mark, size_t *pend)
{
    for (size_t k = first_marker_from(pp, pos); k > 0 && pp->marker_at[k - 1] >= from; k--) {
        cw_side sd = marker_side(pp->text, pp->marker_at[k - 1], prev_year, mark, pend);
        if (sd != CW_SIDE_NONE)
            return sd;
    }
    return CW_SIDE_NONE;
}

cw_side cw_marker_before(const cw_para *pp, const cw_word_hit *hit, int prev_year,
                         cw_marker_memo *memo, size_t *mark, size_t *pend)
{
    const char *s = pp->text;
    size_t ss = hit->ss, pos = hit->at;
    /* Walking back a character at a time stops at every byte that is not
     * a continuation byte, so it meets every marker in [ss, pos): the
     * matcher's list holds the same ones, nearest last.  Only when ss is
     * itself inside a character would the walk look once below it. */
    int ss_inside = ss > 0 && ((unsigned char)s[ss] & 0xC0) == 0x80;
    if (pp->markers_known && !ss_inside) {
        /* The markers before the sentence's previous word were answered
         * for it: look only at those since. */
        int again = memo->sentence == hit->sentence && memo->upto <= pos;
        size_t m = 0, e = 0;
        cw_side sd = listed_marker_in(pp, again ? memo->upto : ss, pos, prev_year, &m, &e);
        if (sd == CW_SIDE_NONE && again) {
            sd = memo->side;
            m = memo->mark;
            e = memo->pend;
        }
        cw_marker_memo now = { hit->sentence, pos, sd, m, e };
        *memo = now;
        if (sd != CW_SIDE_NONE) {
            *mark = m;
            *pend = e;
        }
        return sd;
    }
    for (size_t j = pos; j > ss;) {
        j = fl_utf8_prev(s, j);
        if (marker_at(s, j)) {
            cw_side sd = marker_side(s, j, prev_year, mark, pend);
            if (sd != CW_SIDE_NONE)
                return sd;
        }
    }
    return CW_SIDE_NONE;
}

static int cw_no_word_after(const cw_para *pp, size_t i)
{
    return !pp->all_words && (pp->nword_at == 0 || pp->word_at[pp->nword_at - 1].at < i);
}

/* The money and percentages of amounts [from, to), in order. */
static void collect_amounts(const fl_document *doc, size_t from, size_t to, cw_para *pp)
{
    pp->nmoney = pp->npct = 0;
    for (size_t i = from; i < to; i++) {
        const fl_amount *a = fl_doc_amount(doc, i);
        if (a->number.is_empty || a->number.value.micros < 0)
            continue;
        if (a->number.unit == FL_UNIT_PERCENT) {
            pp->pct[pp->npct++] = a;
            continue;
        }
        if (!is_money(a->number.unit))
            continue;
        cw_money *m = &pp->money[pp->nmoney];
        if (fl_number_to_wanyuan(&a->number, &m->wan) != 0)
            continue;
        m->a = a;
        m->off = a->offset;
        m->end = a->offset + strlen(a->text);
        m->sentence = 0;
        pp->nmoney++;
    }
}

static int add_hit(cw_para *pp, const cw_word_hit *h)
{
    if (pp->nhits == pp->hits_cap) {
        cw_word_hit *grown = grow(pp->hits, &pp->hits_cap, 16, sizeof *grown);
        if (grown == NULL)
            return -1;
        pp->hits = grown;
    }
    pp->hits[pp->nhits++] = *h;
    return 0;
}

/* The comparison words the rules judge, asked only where the matcher saw
 * one start.  -1 when memory ran out. */
static int find_hits(cw_para *pp)
{
    const char *s = pp->text;
    pp->nhits = 0;
    size_t wk = 0; /* cursor in pp->word_at */
    for (size_t i = 0; s[i] && !cw_no_word_after(pp, i);) {
        cw_word_hit h = { .at = i };
        if (!cw_word_may_start(pp, &wk, i) ||
            (h.rel = cw_word_at(s, i, pp->all_words ? 0 : pp->word_at[wk].word, 1, &h.len,
                                &h.word, &h.change)) == CW_REL_NONE) {
            i = cw_next_word_start(pp, &wk, i);
            continue;
        }
        if (add_hit(pp, &h) != 0)
            return -1;
        i += h.len;
    }
    return 0;
}

/* Sentences matter only at a comparison word (final-vs-budget and
 * year-on-year start there; change-direction reads none), and for the
 * amounts before one: the text after the last word is not split. */
static int place_in_sentences(cw_para *pp)
{
    pp->nsent = 0;
    if (pp->nhits == 0)
        return 0;
    if (split_sentences(pp, pp->hits[pp->nhits - 1].at) != 0)
        return -1;
    for (size_t k = 0; k < pp->nmoney; k++)
        pp->money[k].sentence = cw_para_sentence(pp, pp->money[k].off, NULL);
    for (size_t k = 0; k < pp->nhits; k++)
        pp->hits[k].sentence = cw_para_sentence(pp, pp->hits[k].at, &pp->hits[k].ss);
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The next `ch` (a three-byte character) at or after p, before end, or
 * NULL.  Found by its last byte with memchr(), which a sanitizer checks
 * only up to the hit: strstr() there measures all the rest of the text on
 * every call, and a loop of them over a long paragraph was quadratic under
 * AddressSanitizer (a 10 MB line of 400,000 年: over 300 s). */
static const char *next_char3(const char *p, const char *end, const char *ch)
{
    while (end - p >= 3) {
        const char *last = memchr(p + 2, ch[2], (size_t)(end - p - 2));
        if (last == NULL)
            return NULL;
        if (last[-2] == ch[0] && last[-1] == ch[1])
            return last - 2;
        p = last - 1;
    }
    return NULL;
}

/* 1 when a word rule may find in the paragraph, which is then scanned
 * for words: year-on-year needs a phrase of last year (上年, 去年, 上一年,
 * or the year before the report's in digits, any year when that is
 * unknown: cw_phrase_side), final-vs-budget a 预算 and a 决算 (its
 * subject and object differ) in a 决算 (the core drops its findings on
 * other kinds).  A few searches pass over most paragraphs faster than the
 * words' matcher. */
static int may_compare(const cw_para *pp)
{
    const char *s = pp->text, *end = s + strlen(s);
    /* Every such word ends with 算 or with 年: their occurrences are
     * found, and what comes before them compared in place. */
    if (pp->final_kind) {
        int budget = 0, final = 0;
        for (const char *a = next_char3(s, end, "算"); a != NULL; a = next_char3(a + 3, end, "算")) {
            budget |= a - s >= 3 && memcmp(a - 3, "预", 3) == 0;
            final |= a - s >= 3 && memcmp(a - 3, "决", 3) == 0;
            if (budget && final)
                return 1;
        }
    }
    for (const char *y = next_char3(s, end, "年"); y != NULL; y = next_char3(y + 3, end, "年")) {
        size_t at = (size_t)(y - s);
        if (at >= 3 && (memcmp(y - 3, "上", 3) == 0 || memcmp(y - 3, "去", 3) == 0 ||
                        (at >= 6 && memcmp(y - 6, "上一", 6) == 0)))
            return 1;
        if (at >= 4 && is_digit(y[-1]) && is_digit(y[-2]) && is_digit(y[-3]) && is_digit(y[-4]) &&
            (pp->prev_year[0] == '\0' || memcmp(y - 4, pp->prev_year, 4) == 0))
            return 1;
    }
    return 0;
}

static int run_one(const fl_document *doc, size_t from, size_t to, cw_para *pp,
                   const fl_matcher *words, int (*fn)(const cw_para *pp, void *ctx), void *ctx)
{
    collect_amounts(doc, from, to, pp);
    /* Every rule compares a money amount with something: without one the
     * paragraph cannot hold a finding, so it is neither scanned nor split. */
    if (pp->nmoney == 0)
        return 0;
    /* The word rules set two different amounts against each other: with
     * one, only change-direction (which reads no words) can find. */
    pp->nhits = pp->nsent = 0;
    if (pp->nmoney < 2 || !may_compare(pp))
        return fn(pp, ctx);
    find_words(pp, words);
    if (find_hits(pp) != 0 || place_in_sentences(pp) != 0)
        return -1;
    return fn(pp, ctx);
}

int cw_each_para(const fl_document *doc, const fl_matcher *words,
                 int (*fn)(const cw_para *pp, void *ctx), void *ctx)
{
    size_t n = fl_doc_amount_count(doc);
    cw_para pp;
    memset(&pp, 0, sizeof pp);
    pp.money = malloc((n ? n : 1) * sizeof *pp.money);
    pp.pct = malloc((n ? n : 1) * sizeof *pp.pct);
    if (pp.money == NULL || pp.pct == NULL) {
        free(pp.money);
        free(pp.pct);
        return -1;
    }
    pp.year = fl_doc_year(doc);
    pp.final_kind = (fl_doc_kinds(doc) & FL_KINDS_FINAL) != 0;
    /* cw_year_at() reads four digits: a year of any other length is none */
    if (pp.year >= 1001 && pp.year <= 10000)
        snprintf(pp.prev_year, sizeof pp.prev_year, "%d年", pp.year - 1);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        const fl_paragraph *p = fl_doc_amount(doc, i)->paragraph;
        size_t j = i;
        while (j < n && fl_doc_amount(doc, j)->paragraph == p)
            j++;
        pp.p = p;
        pp.text = fl_paragraph_text(p);
        rc = run_one(doc, i, j, &pp, words, fn, ctx);
        i = j;
    }
    free(pp.money);
    free(pp.pct);
    free(pp.sent);
    free(pp.word_at);
    free(pp.marker_at);
    free(pp.hits);
    return rc;
}

/* Index of the first money amount starting at or after `off`. */
static size_t first_from(const cw_para *pp, size_t off)
{
    size_t lo = 0, hi = pp->nmoney;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pp->money[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const cw_money *cw_money_right_after(const cw_para *pp, size_t from)
{
    size_t i = cw_skip_copula(pp->text, from);
    size_t k = first_from(pp, i);
    return k < pp->nmoney && pp->money[k].off == i ? &pp->money[k] : NULL;
}

long cw_money_before(const cw_para *pp, size_t pos)
{
    /* Amounts do not overlap, so ends ascend with starts. */
    size_t lo = 0, hi = pp->nmoney;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pp->money[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}
