/* tr-scan.c — the three matchers of the template-residue check, on one
 * normalised text (a paragraph, a heading, a table row):
 *   placeholders  XX局  XXX万元  XX%  20XX年  ××  某某
 *   alternatives  增加(减少)  增长(下降)  大于(小于) … either order
 *   instructions  (如持平作持平表述)  (不涉及的不列)  按上述格式依次说明…
 * Precision first: an X run counts only as a whole token (not a model
 * name, not part of a URL), a pair only between a known antonym pair,
 * an instruction only on wording a finished report never has. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tr.h"

/* ---- where a residue can start ----
 * Each matcher below tries its words only where one of them starts: one
 * pass over the text (find_words()) lists those places, instead of every
 * word being compared at every character. */

enum { TR_GROUP_REPEAT = 1, TR_GROUP_PAIR = 2, TR_GROUP_INSTRUCTION = 4 };

typedef struct tr_cand {
    size_t at;       /* byte where a word starts */
    unsigned group;  /* the matchers it is for (group bits) */
} tr_cand;

typedef struct tr_cands {
    tr_cand *v;
    size_t n, cap;
    size_t len;      /* of the text */
    int all;         /* no list (no words, out of memory): try everywhere */
    size_t first_x;  /* the first X or x, len when none; unset when `all` */
    size_t last[8];  /* per group bit set: 1 + the last start, 0 when none */
    tr_cand local[64];
} tr_cands;

/* 1 when a word of `group` starts at byte i.  *k is the caller's cursor,
 * for one group: calls come with i increasing. */
static int cand_at(const tr_cands *c, size_t *k, size_t i, unsigned group)
{
    if (c->all)
        return 1;
    while (*k < c->n && c->v[*k].at < i)
        (*k)++;
    for (size_t j = *k; j < c->n && c->v[j].at == i; j++)
        if (c->v[j].group & group)
            return 1;
    return 0;
}

/* The first byte at or after i where a word of `group` starts, or the
 * end of s when none does: the scans below would step over every
 * character before it one at a time.  Words start on characters' first
 * bytes.  *k as for cand_at; with no list, i itself.  The cursor passes
 * the other groups' words for good (they are not asked for again), so
 * that a text full of them costs one pass, not one per call. */
static size_t skip_to_cand(const tr_cands *c, size_t *k, size_t i, unsigned group)
{
    if (c->all)
        return i;
    while (*k < c->n && (c->v[*k].at < i || !(c->v[*k].group & group)))
        (*k)++;
    return *k < c->n ? c->v[*k].at : c->len;
}

/* 1 when no word of `group` starts at or after byte i. */
static int cand_none_after(const tr_cands *c, size_t i, unsigned group)
{
    return !c->all && c->last[group] <= i;
}

/* ---- placeholders ---- */

/* Characters of an ASCII "word" (model names, URLs, codes). */
static int is_token_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           strchr("._/-@=&?#+~%", c) != NULL;
}

/* The ASCII word around X runs: what x_run_is_placeholder() asks of it,
 * learnt once for all the runs in it ("X.X.X.X…" is a run per X, and
 * reading the word again for each made a long one quadratic). */
typedef struct x_word {
    size_t a, b;       /* the word is s[a, b); b == 0 before the first */
    int other;         /* holds a character that is not X, '.', a digit
                        * or a final '%' */
    size_t last_digit; /* 1 + where its last digit is, 0 when none */
} x_word;

static void learn_word(const char *s, size_t i, x_word *w)
{
    size_t a = i, b = i;
    while (a > 0 && (unsigned char)s[a - 1] < 0x80 && is_token_char(s[a - 1]))
        a--;
    while (s[b] != '\0' && (unsigned char)s[b] < 0x80 && is_token_char(s[b]))
        b++;
    w->a = a;
    w->b = b;
    w->other = 0;
    w->last_digit = 0;
    for (size_t k = a; k < b; k++) {
        char c = s[k];
        if (c >= '0' && c <= '9')
            w->last_digit = k + 1;
        else if (c != 'X' && c != 'x' && c != '.' && !(c == '%' && k == b - 1))
            w->other = 1;
    }
}

/* An X run [i, j) is a placeholder when the ASCII word around it is made
 * of X only, with at most a trailing % (XX%), decimal points (XXX.XX) or
 * a leading year prefix (20XX年).  "XXL", "MAX", "www.xx.gov.cn",
 * "XX-200型" and XX世纪 (Roman twenty) are not.  Runs come in order:
 * `w` holds the word of the last one. */
static int x_run_is_placeholder(const char *s, size_t i, size_t j, x_word *w)
{
    if (w->b == 0 || i < w->a || i >= w->b)
        learn_word(s, i, w);
    /* A digit is a year prefix only before the run. */
    if (w->other || w->last_digit > i)
        return 0;
    int digits_before = w->last_digit > 0;
    if (digits_before && !fl_str_starts(s + w->b, "年"))
        return 0;
    if (fl_str_starts(s + j, "世纪"))
        return 0;
    /* "X.X" style runs are only runs of X joined by points: the run
     * itself must have two X. */
    return j - i >= 2;
}

/* Length of a run of `unit` repeated at s (0 when fewer than two). */
static size_t repeat_run(const char *s, const char *unit)
{
    size_t n = strlen(unit), len = 0, count = 0;
    while (strncmp(s + len, unit, n) == 0) {
        len += n;
        count++;
    }
    return count >= 2 ? len : 0;
}

static void scan_placeholders(const tr_cands *c, const char *s, tr_match_fn fn, void *ctx)
{
    size_t i = 0, k = 0;
    x_word w = { 0, 0, 0, 0 };
    /* The next X at or after i: the first one is known from the pass
     * that found the words; later ones come from strcspn (vectorised)
     * rather than byte by byte. */
    size_t x_at = c->all ? strcspn(s, "Xx") : c->first_x;
    while (s[i] != '\0') {
        tr_match m = { TR_PLACEHOLDER, i, 0, i };
        if (s[i] == 'X' || s[i] == 'x') {
            size_t j = i;
            while (s[j] == 'X' || s[j] == 'x')
                j++;
            if (x_run_is_placeholder(s, i, j, &w)) {
                m.end = j;
                fn(ctx, &m);
            }
            i = j;
            continue;
        }
        size_t len = 0;
        if (cand_at(c, &k, i, TR_GROUP_REPEAT)) {
            len = repeat_run(s + i, "×");
            if (len == 0)
                len = repeat_run(s + i, "某");
        }
        if (len > 0) {
            m.end = i + len;
            fn(ctx, &m);
            i += len;
            continue;
        }
        /* On to the next X or word of the group, whichever comes first:
         * X is ASCII, a character of its own. */
        i += fl_utf8_char_len((unsigned char)s[i]);
        if (x_at < i)
            x_at = i + strcspn(s + i, "Xx");
        size_t next = skip_to_cand(c, &k, i, TR_GROUP_REPEAT);
        i = next < x_at ? next : x_at;
    }
}

/* ---- alternatives: A(B) for an antonym pair, either order ---- */

static const char *const pairs[][2] = {
    { "增加", "减少" }, { "增长", "下降" }, { "增长", "减少" }, { "增长", "降低" },
    { "增加", "下降" }, { "上升", "下降" }, { "提高", "降低" }, { "大于", "小于" },
    { "高于", "低于" }, { "节约", "超支" }, { "增", "减" },
};

static size_t skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

/* End of "a(b)" at s+i, or 0. */
static size_t match_pair(const char *s, size_t i, const char *a, const char *b)
{
    if (!fl_str_starts(s + i, a))
        return 0;
    size_t k = skip_spaces(s, i + strlen(a));
    if (s[k] != '(')
        return 0;
    k = skip_spaces(s, k + 1);
    if (!fl_str_starts(s + k, b))
        return 0;
    k = skip_spaces(s, k + strlen(b));
    return s[k] == ')' ? k + 1 : 0;
}

static void scan_alternatives(const tr_cands *c, const char *s, tr_match_fn fn, void *ctx)
{
    size_t npairs = sizeof pairs / sizeof *pairs;
    size_t i = 0, k = 0;
    while (s[i] != '\0' && !cand_none_after(c, i, TR_GROUP_PAIR)) {
        if (!cand_at(c, &k, i, TR_GROUP_PAIR)) {
            i = skip_to_cand(c, &k, i + fl_utf8_char_len((unsigned char)s[i]), TR_GROUP_PAIR);
            continue;
        }
        size_t end = 0;
        for (size_t p = 0; p < npairs && end == 0; p++) {
            end = match_pair(s, i, pairs[p][0], pairs[p][1]);
            if (end == 0)
                end = match_pair(s, i, pairs[p][1], pairs[p][0]);
        }
        /* 现金净增加(减少)额: the accounting name of a signed line. */
        if (end > 0 && (fl_str_starts(s + end, "额") ||
                        (i >= 3 && fl_str_starts(s + fl_utf8_prev(s, i), "净")))) {
            i = end;
            continue;
        }
        if (end > 0) {
            tr_match m = { TR_ALTERNATIVE, i, end, i };
            fn(ctx, &m);
            i = end;
            continue;
        }
        i += fl_utf8_char_len((unsigned char)s[i]);
    }
}

/* ---- instructions to whoever fills the template in ---- */

/* Wording only a template has: what to write, what to leave out.  The
 * pass over a text looks for each by its anchor, a character of it that
 * reports seldom have (find_words()). */
static const struct {
    const char *text, *anchor;
} instruction_phrases[] = {
    { "作持平表述", "述" },       /* (如持平作持平表述) */
    { "不涉及的不列", "涉" },     /* (不涉及的不列) */
    { "不涉及的不填", "涉" },
    { "不涉及的可不列", "涉" },
    { "不涉及的删除", "涉" },
    { "按上述格式", "述" },       /* 按上述格式依次说明到各项级科目 */
    { "依次说明到各", "依" },
    { "不用说明变动原因", "变" }, /* 预决算持平的不用说明变动原因 */
    { "仍保留该表格式", "仍" },   /* 无…的,仍保留该表格式,并在本表下方作下述说明 */
    { "作下述说明", "述" },       /* 无“三公”经费财政拨款支出的部门,作下述说明 */
    { "本部分内容为", "容" },     /* (仅有一个单位的部门,本部分内容为“机构设置”) */
    { "不列举主要内容", "举" },   /* (…保留事业收入的名词解释,但不列举主要内容,以下同) */
    { "为空表时", "空" },         /* 此表为空表时… */
    { "由主管部门根据", "由" },   /* 由主管部门根据三定方案…填写 */
    { "分别描述绩效情况", "描" }, /* 对应…的子项目分别描述绩效情况,填报项目支出绩效自评表 */
};

/* Verbs asking the filler to do something, after a 请 (填列, 据实…), by
 * first character: the walk after 请 compares four characters, not seven
 * words, at each of its steps. */
static const struct {
    const char *first, *const rest[3];
} fill_verbs[] = {
    { "填", { "列", "写", "报" } },
    { "据", { "实" } },
    { "删", { "除", "去" } },
    { "自", { "行" } },
};

static int is_sentence_end(const char *s)
{
    return *s == ';' || fl_str_starts(s, "。");
}

/* The instructions of one text are asked about in order, and each
 * question walks from its phrase to a mark: a sentence of many phrases
 * made every walk cross the same text again (quadratic).  Each walk
 * below remembers where it last went; a walk from further on reuses it. */
#define TR_NONE ((size_t)-1)

/* A walk back from `at` to the nearest character `stop` holds. */
typedef struct back_walk {
    size_t at;    /* where the last walk started, TR_NONE before it */
    size_t hit;   /* where it stopped, TR_NONE at the start of the text */
    size_t after; /* the character after `hit` (the walk's last step) */
} back_walk;

/* A walk forward from `at` to the first character `stop` holds, or the
 * end.  Text is valid UTF-8 (the core's input is), so walks from two
 * characters' starts meet: the one from further on ends where the other
 * did, while it starts at or before that end. */
typedef struct fwd_walk {
    size_t at, end; /* the last walk: at == TR_NONE before it */
} fwd_walk;

/* The walks of one text, for instruction_span() and note_instruction(). */
typedef struct tr_walks {
    back_walk to_mark;     /* to ( ) or a sentence end */
    back_walk to_sentence; /* to a sentence end */
    fwd_walk to_paren;     /* to ( ) a sentence end */
    fwd_walk to_colon;     /* to a sentence end or : */
    fwd_walk to_note;      /* to ) or a word of a note */
} tr_walks;

#define TR_WALKS_INIT                                                                    \
    {                                                                                    \
        { TR_NONE, TR_NONE, 0 }, { TR_NONE, TR_NONE, 0 }, { TR_NONE, 0 }, { TR_NONE, 0 }, \
            { TR_NONE, 0 }                                                               \
    }

/* Stepping back a character at a time meets every byte that is not a
 * continuation byte, so a walk from beyond the last start meets it, and
 * from there goes on as that walk went. */
static size_t walk_back(const char *s, size_t at, int (*stop)(const char *), back_walk *w,
                        size_t *after)
{
    size_t hit = TR_NONE, up = at;
    for (size_t k = at; k > 0; up = k) {
        k = fl_utf8_prev(s, k);
        if (stop(s + k)) {
            hit = k;
            break;
        }
        if (w->at != TR_NONE && k == w->at && w->at < at) {
            hit = w->hit;
            up = w->after;
            break;
        }
    }
    w->at = at;
    w->hit = hit;
    w->after = hit == TR_NONE ? 0 : up;
    *after = w->after;
    return hit;
}

static size_t walk_forward(const char *s, size_t at, int (*stop)(const char *), fwd_walk *w)
{
    if (w->at != TR_NONE && w->at <= at && at <= w->end)
        return w->end;
    size_t k = at;
    while (s[k] != '\0' && !stop(s + k))
        k += fl_utf8_char_len((unsigned char)s[k]);
    w->at = at;
    w->end = k;
    return k;
}

static int is_mark(const char *s)
{
    return *s == ')' || *s == '(' || is_sentence_end(s);
}

static int ends_clause_or_colon(const char *s)
{
    return is_sentence_end(s) || *s == ':';
}

/* The instruction around phrase `at`: its parenthetical when it is
 * inside one, else its sentence (up to "。" ";" or a ":" that opens what
 * the instruction announces). */
static void instruction_span(const char *s, size_t at, tr_walks *w, size_t *start, size_t *end)
{
    size_t after;
    size_t mark = walk_back(s, at, is_mark, &w->to_mark, &after);
    if (mark != TR_NONE && s[mark] == '(') {
        size_t k = walk_forward(s, at, is_mark, &w->to_paren);
        if (s[k] == ')') {
            *start = mark;
            *end = k + 1;
            return;
        }
    }
    size_t a = walk_back(s, at, is_sentence_end, &w->to_sentence, &after) == TR_NONE ? 0 : after;
    size_t b = walk_forward(s, at, ends_clause_or_colon, &w->to_colon);
    if (s[b] != '\0')
        b += fl_utf8_char_len((unsigned char)s[b]);
    *start = a;
    *end = b;
}

/* 1 when a fill verb follows 请 at `at` within its sentence (40 bytes
 * of Chinese is some thirteen characters). */
static int please_fill(const char *s, size_t at)
{
    for (size_t k = at; s[k] != '\0' && k < at + 120; k += fl_utf8_char_len((unsigned char)s[k])) {
        if (is_sentence_end(s + k))
            return 0;
        for (size_t v = 0; v < sizeof fill_verbs / sizeof *fill_verbs; v++) {
            if (!fl_str_starts(s + k, fill_verbs[v].first))
                continue;
            const char *after = s + k + strlen(fill_verbs[v].first);
            for (size_t r = 0; r < 3 && fill_verbs[v].rest[r] != NULL; r++)
                if (fl_str_starts(after, fill_verbs[v].rest[r]))
                    return 1;
            break;
        }
    }
    return 0;
}

/* 1 at the ")" that closes a note, or at a word telling what to fill. */
static int ends_note(const char *s)
{
    static const char *const words[] = { "填", "列明", "表述", "删", "保留", "不列" };
    if (*s == ')')
        return 1;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        if (fl_str_starts(s, words[w]))
            return 1;
    return 0;
}

/* 1 when "(说明:" / "(注:" at `at` opens a note that tells what to fill. */
static int note_instruction(const char *s, size_t at, tr_walks *w)
{
    size_t k = at + 1;
    if (fl_str_starts(s + k, "说明:"))
        k += strlen("说明:");
    else if (fl_str_starts(s + k, "注:"))
        k += strlen("注:");
    else
        return 0;
    k = walk_forward(s, k, ends_note, &w->to_note);
    return s[k] != '\0' && s[k] != ')';
}

/* "列明" opening a sentence or clause is an order to the filler:
 * "主要用于XXXXXXXX,列明公务用车购置数量", "列明人员所在单位、专业…".
 * "…,列明了…" tells what was done. */
static int list_order_at(const char *s, size_t i)
{
    if (!fl_str_starts(s + i, "列明") || fl_str_starts(s + i + strlen("列明"), "了"))
        return 0;
    if (i == 0)
        return 1;
    size_t p = fl_utf8_prev(s, i);
    return s[p] == ',' || s[p] == ';' || s[p] == ':' || fl_str_starts(s + p, "。");
}

static int is_instruction_at(const char *s, size_t i, tr_walks *w)
{
    if (list_order_at(s, i))
        return 1;
    for (size_t p = 0; p < sizeof instruction_phrases / sizeof *instruction_phrases; p++)
        if (fl_str_starts(s + i, instruction_phrases[p].text))
            return 1;
    if (fl_str_starts(s + i, "请") && please_fill(s, i))
        return 1;
    return s[i] == '(' && note_instruction(s, i, w);
}

static void scan_instructions(const tr_cands *c, const char *s, tr_match_fn fn, void *ctx)
{
    size_t last_end = 0, k = 0;
    tr_walks w = TR_WALKS_INIT;
    for (size_t i = 0; s[i] != '\0' && !cand_none_after(c, i, TR_GROUP_INSTRUCTION);
         i = skip_to_cand(c, &k, i + fl_utf8_char_len((unsigned char)s[i]),
                          TR_GROUP_INSTRUCTION)) {
        if (i < last_end || !cand_at(c, &k, i, TR_GROUP_INSTRUCTION) ||
            !is_instruction_at(s, i, &w))
            continue;
        tr_match m = { TR_INSTRUCTION, 0, 0, i };
        instruction_span(s, m.at, &w, &m.start, &m.end);
        if (m.start < last_end)
            continue; /* the same sentence, already reported */
        fn(ctx, &m);
        last_end = m.end;
    }
}

/* ---- the words, and one pass to find them ---- */

/* The words each matcher tries first, but the antonyms: those are found
 * from the "(" after them. */
static const char *const repeat_units[] = { "××", "某某" };
/* The notes' openers are found by the character after their "(": in the
 * sample reports "(" is over twenty times as common as 注, eight as 说. */
static const struct {
    const char *text, *anchor;
} note_openers[] = {
    { "列明", "列" }, { "请", "请" }, { "(说明:", "说" }, { "(注:", "注" },
};
#define N_REPEAT (sizeof repeat_units / sizeof *repeat_units)
#define N_PAIR (2 * sizeof pairs / sizeof *pairs)
#define N_PHRASE (sizeof instruction_phrases / sizeof *instruction_phrases)
#define N_OPENER (sizeof note_openers / sizeof *note_openers)
#define N_WORDS (N_REPEAT + N_PHRASE + N_OPENER)

/* The words by their anchor, a character of theirs (the first, but for
 * the instruction phrases and notes): a bucket lists the words of one anchor and
 * where in them it is.  Most characters of a report are then passed with
 * one table lookup, and the common first characters of the phrases (不,
 * 分, 作, 本) cost nothing more.  A three-byte character (all of Chinese)
 * is looked up by its last two bytes, read as one 16-bit number (not
 * masked: one instruction a character less, and the table's used part
 * is the same 64 lines of cache); the few characters of another first
 * byte that share them are told apart when the words are compared.  Any
 * other character is looked up by its first byte. */
#define TR_BUCKET_WORDS 12
#define TR_KEYS 0x10000

typedef struct tr_bucket {
    unsigned char n;
    unsigned char word[TR_BUCKET_WORDS]; /* indices into tr_words.word */
    unsigned char at[TR_BUCKET_WORDS];   /* bytes of the word before the anchor */
} tr_bucket;

struct tr_words {
    const char *word[N_WORDS];
    unsigned char group[N_WORDS];
    unsigned char by_key[TR_KEYS]; /* 1 + the bucket of a three-byte anchor, 0: none */
    unsigned char by_byte[256];    /* the same for other anchors, by first byte */
    unsigned char skip[256];       /* ASCII bytes the pass steps over: not NUL, X, x,
                                    * "(" nor the first byte of an anchor */
    unsigned char pair_end[TR_KEYS]; /* 1: an antonym may end with this character */
    unsigned char pair_len[N_PAIR];  /* strlen() of each antonym, asked once */
    tr_bucket bucket[N_WORDS];
    size_t nbucket;
};

static size_t key3(const unsigned char *p)
{
    uint16_t v;
    memcpy(&v, p + 1, sizeof v);
    return v;
}

/* Add word i, of group `group`, found by its character `anchor`: 0, or -1
 * when a bucket is full or the anchor is not in the word. */
static int add_word(tr_words *w, size_t i, const char *word, const char *anchor, unsigned group)
{
    const unsigned char *a = (const unsigned char *)anchor;
    const char *in = strstr(word, anchor);
    if (in == NULL) /* an anchor must be a character of its word */
        return -1;
    unsigned char *slot = fl_utf8_char_len(a[0]) == 3 ? &w->by_key[key3(a)] : &w->by_byte[a[0]];
    if (*slot == 0)
        *slot = (unsigned char)++w->nbucket;
    tr_bucket *b = &w->bucket[*slot - 1];
    if (b->n == TR_BUCKET_WORDS)
        return -1;
    b->word[b->n] = (unsigned char)i;
    b->at[b->n++] = (unsigned char)(in - word);
    w->word[i] = word;
    w->group[i] = (unsigned char)group;
    return 0;
}

tr_words *tr_words_new(void)
{
    tr_words *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    size_t n = 0;
    int bad = 0;
    for (size_t i = 0; i < N_REPEAT; i++, n++)
        bad |= add_word(w, n, repeat_units[i], repeat_units[i], TR_GROUP_REPEAT);
    for (size_t i = 0; i < N_PHRASE; i++, n++)
        bad |= add_word(w, n, instruction_phrases[i].text, instruction_phrases[i].anchor,
                        TR_GROUP_INSTRUCTION);
    for (size_t i = 0; i < N_OPENER; i++, n++)
        bad |= add_word(w, n, note_openers[i].text, note_openers[i].anchor,
                        TR_GROUP_INSTRUCTION);
    if (bad) { /* a new word list that needs bigger buckets */
        free(w);
        return NULL;
    }
    for (size_t i = 0; i < N_PAIR; i++) {
        const char *word = pairs[i / 2][i % 2];
        w->pair_len[i] = (unsigned char)strlen(word);
        w->pair_end[key3((const unsigned char *)word + w->pair_len[i] - 3)] = 1;
    }
    for (unsigned c = 1; c < 128; c++)
        w->skip[c] = w->by_byte[c] == 0 && c != 'X' && c != 'x' && c != '(';
    return w;
}

void tr_words_free(tr_words *w)
{
    free(w);
}

static void add_cand(tr_cands *c, size_t at, unsigned group)
{
    if (c->n == c->cap) {
        size_t cap = c->cap * 2;
        tr_cand *grown = c->v == c->local ? malloc(cap * sizeof *grown)
                                          : realloc(c->v, cap * sizeof *grown);
        if (grown == NULL) {
            c->all = 1;
            return;
        }
        if (c->v == c->local)
            memcpy(grown, c->local, sizeof c->local);
        c->v = grown;
        c->cap = cap;
    }
    c->v[c->n].at = at;
    c->v[c->n++].group = group;
    for (unsigned g = 1; g < 8; g <<= 1)
        if ((group & g) && c->last[g] < at + 1)
            c->last[g] = at + 1;
}

/* The words of bucket b (1 + its index) whose anchor is at s+i. */
static void try_bucket(const tr_words *w, const char *s, size_t i, unsigned b, tr_cands *c)
{
    const tr_bucket *bk = &w->bucket[b - 1];
    for (size_t k = 0; k < bk->n; k++) {
        size_t at = bk->at[k];
        if (at <= i && fl_str_starts(s + i - at, w->word[bk->word[k]]))
            add_cand(c, i - at, w->group[bk->word[k]]);
    }
}

/* The antonyms that end before the "(" at s+q, spaces between: the only
 * places where match_pair() can match. */
static void pairs_before(const tr_words *w, const char *s, size_t q, tr_cands *c)
{
    size_t e = q;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    if (e < 3 || !w->pair_end[key3((const unsigned char *)s + e - 3)])
        return;
    for (size_t len = 6; len >= 3; len -= 3)
        for (size_t i = 0; i < N_PAIR; i++) {
            /* The length is known: fl_str_starts() compares it. */
            if (w->pair_len[i] == len && e >= len &&
                fl_str_starts(s + e - len, pairs[i / 2][i % 2])) {
                add_cand(c, e - len, TR_GROUP_PAIR);
                break;
            }
        }
}

/* A character that is not of three bytes, at s+i. */
static void try_other(const tr_words *w, const char *s, size_t i, tr_cands *c)
{
    unsigned char b = (unsigned char)s[i];
    if (b == 'X' || b == 'x') {
        if (c->first_x == c->len)
            c->first_x = i;
        return;
    }
    if (b == '(')
        pairs_before(w, s, i, c);
    if (w->by_byte[b] != 0)
        try_bucket(w, s, i, w->by_byte[b], c);
}

/* Anchors are found out of the order of the words' starts: sort by start
 * (an anchor is a few bytes into its word, so this is linear). */
static void sort_by_start(tr_cands *c)
{
    for (size_t i = 1; i < c->n; i++) {
        tr_cand e = c->v[i];
        size_t j = i;
        for (; j > 0 && c->v[j - 1].at > e.at; j--)
            c->v[j] = c->v[j - 1];
        c->v[j] = e;
    }
}

/* Every place where a word may start, in order, and the first X: one
 * table lookup per character. */
static void find_words(const tr_words *w, const char *s, tr_cands *c)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, len = c->len;
    c->first_x = len;
    /* A run of Chinese reads three bytes a character and stops at the
     * NUL, unless the last two bytes hold a first byte of three (a cut
     * character, not valid UTF-8): such a text is left to the careful
     * loop below. */
    int cut = (len >= 1 && (p[len - 1] & 0xF0) == 0xE0) ||
              (len >= 2 && (p[len - 2] & 0xF0) == 0xE0);
    size_t end = cut ? 0 : len;
    while (i < end) {
        unsigned char b = p[i];
        if ((b & 0xF0) == 0xE0) {
            do { /* a run of Chinese */
                unsigned k = w->by_key[key3(p + i)];
                if (k != 0)
                    try_bucket(w, s, i, k, c);
                i += 3;
            } while ((p[i] & 0xF0) == 0xE0);
        } else if (w->skip[b]) {
            do /* a run of ASCII: the NUL stops it */
                i++;
            while (w->skip[p[i]]);
        } else {
            try_other(w, s, i, c);
            i += fl_utf8_char_len(b);
        }
    }
    for (; i < len; i += fl_utf8_char_len(p[i])) {
        if (fl_utf8_char_len(p[i]) != 3) {
            if (!w->skip[p[i]])
                try_other(w, s, i, c);
        } else if (i + 2 < len && w->by_key[key3(p + i)] != 0) {
            try_bucket(w, s, i, w->by_key[key3(p + i)], c);
        }
    }
    sort_by_start(c);
}

void tr_scan(const tr_words *words, const char *s, int where, tr_match_fn fn, void *ctx)
{
    tr_cands c;
    c.v = c.local;
    c.n = 0;
    c.cap = sizeof c.local / sizeof *c.local;
    c.len = strlen(s);
    c.all = words == NULL;
    memset(c.last, 0, sizeof c.last);
    if (words != NULL)
        find_words(words, s, &c);
    /* A matcher with nothing to try is not called. */
    if (c.all || c.first_x < c.len || c.last[TR_GROUP_REPEAT] != 0)
        scan_placeholders(&c, s, fn, ctx);
    /* A table's header may name a signed column "增加(减少)". */
    if (where != TR_TEXT_TABLE_HEADER && (c.all || c.last[TR_GROUP_PAIR] != 0))
        scan_alternatives(&c, s, fn, ctx);
    if (c.all || c.last[TR_GROUP_INSTRUCTION] != 0)
        scan_instructions(&c, s, fn, ctx);
    if (c.v != c.local)
        free(c.v);
}

/* ---- table rows that are only the template's "…" ---- */

static int is_ellipsis(const char *t)
{
    size_t n = 0;
    while (*t != '\0') {
        if (fl_str_starts(t, "…"))
            t += strlen("…");
        else if (fl_str_starts(t, "。"))
            t += strlen("。");
        else if (*t == '.' || *t == ' ')
            t++;
        else
            return 0;
        n++;
    }
    return n > 0;
}

static int is_sequence_number(const char *t)
{
    if (*t == '\0')
        return 0;
    for (; *t != '\0'; t++)
        if (*t < '0' || *t > '9')
            return 0;
    return 1;
}

int tr_is_ellipsis_row(const fl_row *r)
{
    size_t dots = 0, seen = 0, n = fl_row_cell_count(r);
    for (size_t c = 0; c < n; c++) {
        const char *t = fl_cell_norm(fl_row_cell(r, c));
        if (t == NULL || *t == '\0')
            continue;
        seen++;
        if (is_ellipsis(t))
            dots++;
        else if (!(seen == 1 && is_sequence_number(t)))
            return 0;
    }
    return dots > 0;
}
