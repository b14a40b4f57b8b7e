/* sw-goal.c — goal-target: the 年度总体目标 promises a count or an amount
 * ("…兜底保障服务对象共计952人，购买…责任险") and the indicator that
 * measures the same thing sets another target ("养老机构责任险缴纳人数
 * >=942人").
 *
 * Precision comes first, so a pair is compared only when
 *   - the goal sentence holds exactly one number with that unit word (two
 *     "次" in one sentence could be either);
 *   - the unit words are the same (人 and 名 are not merged);
 *   - at least half of the indicator name's two-character words (and at
 *     least three) occur in the sentence, and no other sentence matches
 *     as well;
 *   - for money, the goal amount is below the project's budget (a goal
 *     that states the whole budget, "使用公益金20万元", is not the cost of
 *     one indicator). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw.h"

/* Count and money words, longest first where one is a prefix of another. */
static const char *const units[] = {
    "人次", "批次", "场次", "万元", "元", "人", "户", "家", "个", "次", "项",
    "名", "份", "所", "场", "期", "篇", "部", "台", "辆", "套", "处", "座",
    "件", "条", "间", "张", "册", NULL
};
#define NUNITS (sizeof units / sizeof units[0] - 1)
#define UNIT_WANYUAN 3  /* units[3], "万元" */
#define UNIT_YUAN 4     /* units[4], "元" */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A quantity at p ("952人", "124.60万元", "1,200户").  Returns the bytes
 * consumed, 0 when p holds no counted quantity (a date, a percent, a list
 * number "1.", a rate "3万元/人").  Money is converted to 万元.  *unit
 * gets the index of its unit word in units[]. */
static size_t quantity_at(const char *p, fl_dec *v, size_t *unit)
{
    char num[40];
    size_t i = 0, j = 0, k;
    unsigned char lead;

    while (j + 1 < sizeof num) {
        /* a comma only as a thousands separator: ",200" */
        if (p[i] == ',' && j > 0 && is_digit(p[i + 1]) && is_digit(p[i + 2])
            && is_digit(p[i + 3]) && !is_digit(p[i + 4])) {
            i++;
            continue;
        }
        if (!is_digit(p[i]) && p[i] != '.')
            break;
        num[j++] = p[i++];
    }
    num[j] = '\0';
    /* every unit word is an ideograph: most numbers are followed by none
     * and are not parsed */
    lead = (unsigned char)p[i];
    if (lead < 0xE4 || lead > 0xE9)
        return 0;
    for (k = 0; units[k] && !fl_str_starts(p + i, units[k]); k++)
        ;
    if (!units[k])
        return 0;
    if (j == 0 || !is_digit(num[0]) || num[j - 1] == '.' || fl_dec_parse(num, v) < 0)
        return 0;
    i += strlen(units[k]);
    /* "3万元/人", "116元/人·年": a rate, not a quantity */
    if (p[i] == '/' || fl_str_starts(p + i, "·") || fl_str_starts(p + i, "每"))
        return 0;
    *unit = k;
    if (k == UNIT_YUAN) {
        int ok;
        *v = fl_dec_div(*v, fl_dec_from_int(10000), &ok);
        *unit = UNIT_WANYUAN;
    }
    return i;
}

/* The target's quantity: "≥ 514人", ">=942人", "=2批次", "484户以上".
 * Returns 1 with its value and unit word. */
static int target_quantity(const sw_indicator *in, fl_dec *v, size_t *unit, sw_dir *dir)
{
    const sw_value *t = &in->target_value;
    const char *p = in->target, *rest;
    size_t used;

    if (!in->has_target_value || t->dir == SW_DIR_NONE || t->dir == SW_DIR_DEADLINE
        || strcmp(t->unit, "date") == 0)
        return 0;
    while (*p && !is_digit(*p))
        p++;
    used = quantity_at(p, v, unit);
    if (used == 0)
        return 0;
    rest = p + used;
    while (*rest == ' ')
        rest++;
    *dir = t->dir;
    return *rest == '\0' || strcmp(rest, "以上") == 0 || strcmp(rest, "以下") == 0
           || strcmp(rest, "以内") == 0;
}

/* Length in bytes of the UTF-8 character at p (1 for ASCII). */
static size_t char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;

    if (c < 0x80)
        return 1;
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    return 2;
}

/* A CJK ideograph (U+4E00–U+9FFF) at p. */
static int is_han(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    return u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80;
}

/* Six bytes at p, as one number: a word of two ideographs. */
static uint64_t six_bytes(const char *p)
{
    uint64_t k = 0;

    memcpy(&k, p, 6);
    return k;
}

/* The two-ideograph words of an indicator's name, each once (at most
 * 64, as they come). */
typedef struct name_words {
    uint64_t w[64];
    int n;
} name_words;

static void words_of(const char *name, name_words *out)
{
    out->n = 0;
    for (const char *p = name; *p; p += char_len(p)) {
        uint64_t w;
        int dup = 0;
        if (!is_han(p) || !is_han(p + 3))
            continue;
        w = six_bytes(p);
        for (int i = 0; i < out->n && !dup; i++)
            dup = out->w[i] == w;
        if (dup || out->n == 64)
            continue;
        out->w[out->n++] = w;
    }
}

/* A sentence of the goal: [start, end). */
typedef struct sentence {
    const char *start;
    size_t len;
} sentence;

static size_t split_sentences(const char *goal, sentence *out, size_t max)
{
    size_t n = 0;
    const char *start = goal, *p = goal;

    while (*p && n < max) {
        size_t k = 0;
        if (fl_str_starts(p, "。"))
            k = strlen("。");
        else if (*p == ';')
            k = 1;
        if (k) {
            if (p > start)
                out[n++] = (sentence){ start, (size_t)(p - start) };
            p += k;
            start = p;
        } else {
            p += char_len(p);
        }
    }
    if (p > start && n < max)
        out[n++] = (sentence){ start, (size_t)(p - start) };
    return n;
}

/* The name words of the indicators, each with the set of goal sentences
 * it occurs in (bit i: sentence i; there are at most 64), so that the
 * goal is read once for all of them instead of once for each.  Open
 * addressing at most half full; a free slot's word is 0 (a word starts
 * with a byte 0xE4 or more). */
typedef struct word_set {
    uint64_t *word;
    uint64_t *sentences;
    size_t mask;    /* slots - 1: twice the words or more */
    uint64_t second, third; /* bit (b & 63) set for the second, third
                             * byte b of each word */
} word_set;

static int word_set_init(word_set *ws, size_t words)
{
    size_t slots = 16;

    while (slots < 2 * words)
        slots *= 2;
    ws->mask = slots - 1;
    ws->second = ws->third = 0;
    ws->word = calloc(slots, sizeof *ws->word);
    ws->sentences = calloc(slots, sizeof *ws->sentences);
    if (!ws->word || !ws->sentences) {
        free(ws->word);
        free(ws->sentences);
        return -1;
    }
    return 0;
}

static void word_set_free(word_set *ws)
{
    free(ws->word);
    free(ws->sentences);
}

/* Byte i of a word, as six_bytes() read it. */
static unsigned char word_byte(uint64_t word, int i)
{
    unsigned char b[sizeof word];

    memcpy(b, &word, sizeof word);
    return b[i];
}

static size_t word_slot(const word_set *ws, uint64_t word)
{
    size_t i = (size_t)((word * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & ws->mask;

    while (ws->word[i] != 0 && ws->word[i] != word)
        i = (i + 1) & ws->mask;
    return i;
}

static void word_set_add(word_set *ws, const uint64_t *w, int n)
{
    for (int j = 0; j < n; j++) {
        size_t at = word_slot(ws, w[j]);
        ws->word[at] = w[j];
        ws->second |= UINT64_C(1) << (word_byte(w[j], 1) & 63);
        ws->third |= UINT64_C(1) << (word_byte(w[j], 2) & 63);
    }
}

/* One pass over the sentences: a word is looked up only where an
 * ideograph can start (every word starts with one) and its second and
 * third bytes are those of some word. */
static void word_set_scan(word_set *ws, const sentence *ss, size_t ns)
{
    for (size_t i = 0; i < ns; i++) {
        const char *s = ss[i].start;
        for (size_t k = 0; k + 6 <= ss[i].len; k++) {
            unsigned char c = (unsigned char)s[k];
            size_t at;
            if (c < 0xE4 || c > 0xE9
                || !(ws->second & (UINT64_C(1) << ((unsigned char)s[k + 1] & 63)))
                || !(ws->third & (UINT64_C(1) << ((unsigned char)s[k + 2] & 63))))
                continue;
            at = word_slot(ws, six_bytes(s + k));
            if (ws->word[at] != 0)
                ws->sentences[at] |= UINT64_C(1) << i;
        }
    }
}

/* The index of the lowest set bit of m (not 0). */
static int lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return __builtin_ctzll(m);
#else
    int i = 0;
    while (!(m & 1)) {
        m >>= 1;
        i++;
    }
    return i;
#endif
}

/* hits[i]: how many of the name's words w[0..n) occur in sentence i. */
static void shared_words(const word_set *ws, const uint64_t *w, int n, int hits[64])
{
    memset(hits, 0, 64 * sizeof hits[0]);
    for (int j = 0; j < n; j++) {
        uint64_t in = ws->sentences[word_slot(ws, w[j])];
        for (; in != 0; in &= in - 1)
            hits[lowest_bit(in)]++;
    }
}

/* The direction the goal gives its number: "不超过9次", "3.95万元内" (a
 * cap, ≤), "不少于484户", "3次以上" (a floor, ≥), or a plain figure (=).
 * `before` is the text up to the number, `after` the text after its unit. */
static sw_dir goal_direction(const char *buf, size_t at, const char *after)
{
    /* longest first: "不超过" (≤) holds "超过" (≥), "不少于" (≥) "少于" (≤) */
    static const struct { const char *word; sw_dir dir; } words[] = {
        { "不少于", SW_DIR_GE }, { "不低于", SW_DIR_GE }, { "不超过", SW_DIR_LE },
        { "不高于", SW_DIR_LE }, { "不多于", SW_DIR_LE }, { "控制在", SW_DIR_LE },
        { "至少", SW_DIR_GE }, { "达到", SW_DIR_GE }, { "最多", SW_DIR_LE },
        { "低于", SW_DIR_LE }, { "少于", SW_DIR_LE }, { "超过", SW_DIR_GE },
        { "高于", SW_DIR_GE }, { "多于", SW_DIR_GE }, { NULL, SW_DIR_EQ }
    };

    for (size_t k = 0; words[k].word; k++) {
        size_t l = strlen(words[k].word);
        if (at >= l && strncmp(buf + at - l, words[k].word, l) == 0)
            return words[k].dir;
    }
    if (fl_str_starts(after, "以上"))
        return SW_DIR_GE;
    if (fl_str_starts(after, "以内") || fl_str_starts(after, "以下") || fl_str_starts(after, "内"))
        return SW_DIR_LE;
    return SW_DIR_EQ;
}

/* The one quantity with `unit` in the sentence: 1 found, 0 none, -1 more
 * than one (ambiguous).  *at gets its offset within the sentence, *dir
 * the direction the goal gives it. */
static int sentence_quantity(const sentence *s, size_t unit, fl_dec *v, size_t *at,
                             sw_dir *dir)
{
    int found = 0;
    char buf[2048];
    size_t len = s->len < sizeof buf - 1 ? s->len : sizeof buf - 1;

    memcpy(buf, s->start, len);
    buf[len] = '\0';
    for (size_t i = 0; i < len; i++) {
        fl_dec q;
        size_t u = NUNITS, used;
        if (!is_digit(buf[i]) || (i > 0 && (is_digit(buf[i - 1]) || buf[i - 1] == '.')))
            continue;
        used = quantity_at(buf + i, &q, &u);
        if (used == 0 || u != unit) {
            while (i + 1 < len && (is_digit(buf[i + 1]) || buf[i + 1] == '.'))
                i++;
            continue;
        }
        if (found++)
            return -1;
        *v = q;
        *at = i;
        *dir = goal_direction(buf, i, buf + i + used);
        i += used - 1;
    }
    return found;
}

/* sentence_quantity() of a sentence for a unit, read once for all the
 * indicators with that unit instead of once for each (every reading
 * copies up to 2 KB of the sentence). */
typedef struct quantity {
    int found;      /* as sentence_quantity() returns; 2 while not read */
    fl_dec v;
    sw_dir dir;
} quantity;

static const quantity *quantity_of(quantity *memo, const sentence *ss, size_t i,
                                   size_t unit_ix)
{
    quantity *q = &memo[i * NUNITS + unit_ix];
    size_t at;

    if (q->found == 2)
        q->found = sentence_quantity(&ss[i], unit_ix, &q->v, &at, &q->dir);
    return q;
}

/* The project's smaller budget figure (年初 or 全年), or 0 when none. */
static fl_dec budget_floor(const sw_eval *e)
{
    fl_dec b = { 0 };

    if (e->has_ab && e->fund_a.micros > 0)
        b = e->fund_a;
    if (e->has_initial && e->fund_initial.micros > 0
        && (b.micros == 0 || fl_dec_cmp(e->fund_initial, b) < 0))
        b = e->fund_initial;
    return b;
}

/* An indicator whose target is a counted quantity and whose name has
 * enough words to be recognised in a sentence of the goal. */
typedef struct candidate {
    const sw_indicator *in;
    fl_dec target;
    size_t unit;        /* index in units[] */
    sw_dir dir;
    size_t word;        /* its name's words: words[word .. word + nwords) */
    int nwords;
} candidate;

/* The candidates of a table, read once for the three passes over them. */
typedef struct candidates {
    candidate *at;
    size_t n;
    uint64_t *words;
    size_t nwords, cap;
} candidates;

/* 1 when the indicator may be compared with the goal, filling *c and *nw. */
static int candidate_of(const sw_indicator *in, candidate *c, name_words *nw)
{
    c->in = in;
    c->dir = SW_DIR_EQ;
    if (!*in->name || !target_quantity(in, &c->target, &c->unit, &c->dir))
        return 0;
    words_of(in->name, nw);
    return nw->n >= 3; /* no sentence can share three words with fewer */
}

/* Returns 0, or -1 when out of memory. */
static int candidates_read(const sw_eval *e, candidates *cs)
{
    memset(cs, 0, sizeof *cs);
    cs->at = malloc((e->nind ? e->nind : 1) * sizeof *cs->at);
    if (!cs->at)
        return -1;
    for (size_t i = 0; i < e->nind; i++) {
        candidate *c = &cs->at[cs->n];
        name_words nw;
        if (!candidate_of(&e->ind[i], c, &nw))
            continue;
        if (cs->nwords + (size_t)nw.n > cs->cap) {
            size_t ncap = cs->cap ? 2 * cs->cap : 256;
            uint64_t *w = realloc(cs->words, ncap * sizeof *w);
            if (!w)
                return -1;
            cs->words = w;
            cs->cap = ncap;
        }
        memcpy(cs->words + cs->nwords, nw.w, (size_t)nw.n * sizeof nw.w[0]);
        c->word = cs->nwords;
        c->nwords = nw.n;
        cs->nwords += (size_t)nw.n;
        cs->n++;
    }
    return 0;
}

static void candidates_free(candidates *cs)
{
    free(cs->at);
    free(cs->words);
}

/* `ws` has the goal sentences of every word of the candidate's name. */
static void check_indicator(const sw_eval *e, const candidate *c, const uint64_t *words,
                            const word_set *ws, const sentence *ss, size_t ns, quantity *memo,
                            fl_report *rep)
{
    const sw_indicator *in = c->in;
    fl_dec tv = c->target, best_v = { 0 }, floor;
    const char *unit = units[c->unit];
    sw_dir tdir = c->dir;
    size_t best = (size_t)-1;
    int best_hits = 0, tie = 0;
    char excerpt[640];
    fl_finding *f;
    int shared[64];

    shared_words(ws, words + c->word, c->nwords, shared);
    for (size_t i = 0; i < ns; i++) {
        int hits = shared[i];
        const quantity *q;
        if (hits < 3 || hits * 2 < c->nwords
            || (q = quantity_of(memo, ss, i, c->unit))->found != 1)
            continue;
        /* a cap ("不超过9次的规定") is no floor (">=3次"), nor the reverse */
        if ((q->dir == SW_DIR_LE && tdir == SW_DIR_GE) || (q->dir == SW_DIR_GE && tdir == SW_DIR_LE))
            continue;
        if (hits > best_hits) {
            best_hits = hits;
            best = i;
            best_v = q->v;
            tie = 0;
        } else if (hits == best_hits) {
            tie = 1;
        }
    }
    if (best == (size_t)-1 || tie || fl_dec_cmp(best_v, tv) == 0)
        return;
    floor = budget_floor(e);
    if (c->unit == UNIT_WANYUAN && (floor.micros == 0 || fl_dec_cmp(best_v, floor) >= 0))
        return;
    snprintf(excerpt, sizeof excerpt, "%.*s", (int)(ss[best].len < 600 ? ss[best].len : 600),
             ss[best].start);
    f = fl_report_add(rep, "goal-target", FL_SEV_WARNING,
                      "%s年度总体目标写明%s%s（“%s”），而指标“%s”的目标值为%s，两者不一致",
                      e->label, sw_fmt(best_v), unit, excerpt, in->name, in->target);
    fl_finding_set_table(f, e->table);
    fl_finding_set_row(f, in->row);
    fl_finding_set_row_label(f, in->name);
    fl_finding_set_column(f, "年度指标值");
    fl_finding_set_values(f, best_v, tv);
    fl_finding_set_suggestion(f, "年度总体目标与对应绩效指标的目标值应一致：请核实后统一（更正指标值或总体目标中的数量/金额），并按更正后的目标值重新评分。");
}

int sw_check_goal(const sw_eval *e, fl_report *rep)
{
    sentence ss[64];
    size_t ns;
    candidates cs;
    word_set ws;
    quantity *memo = NULL;
    int rc = -1;

    if (!e->goal_row || !e->goal || !*e->goal)
        return 0;
    /* every quantity begins with an ASCII digit: a goal of words alone
     * has none, and its indicators are not read */
    if (!strpbrk(e->goal, "0123456789"))
        return 0;
    if (candidates_read(e, &cs) < 0)
        goto out;
    rc = 0;
    if (cs.nwords == 0)
        goto out;
    ns = split_sentences(e->goal, ss, sizeof ss / sizeof ss[0]);
    memo = malloc((ns ? ns : 1) * NUNITS * sizeof *memo);
    if (!memo || word_set_init(&ws, cs.nwords) < 0) {
        rc = -1;
        goto out;
    }
    for (size_t i = 0; i < ns * NUNITS; i++)
        memo[i].found = 2;
    for (size_t i = 0; i < cs.n; i++)
        word_set_add(&ws, cs.words + cs.at[i].word, cs.at[i].nwords);
    word_set_scan(&ws, ss, ns);
    for (size_t i = 0; i < cs.n; i++)
        check_indicator(e, &cs.at[i], cs.words, &ws, ss, ns, memo, rep);
    word_set_free(&ws);
out:
    free(memo);
    candidates_free(&cs);
    return rc;
}
