/* mc-cause.c — rule empty-cause: a stated difference followed by
 * "主要原因是。", "原因为：" with nothing after it, or by a placeholder
 * (无, /, XX, 增加（减少） …) instead of a reason. */
#include <stdlib.h>
#include <string.h>

#include "mc.h"

/* Words that state a difference (a change, a gap, a deviation). */
static const char *const diff_words[] = {
    "增加", "减少", "增长", "下降", "上升", "降低", "大于", "小于", "高于", "低于", "多于", "少于",
    "超过", "超出", "差异", "变动", "变化", "结余", "未完成", "未达到", "偏差", "偏离", "不一致",
    "增支", "减支", "节约", "持平",
};

/* Template leftovers that make a cause a placeholder even with text after. */
static const char *const template_starts[] = {
    "增加(减少)", "减少(增加)", "增长(下降)", "下降(增长)", "增加/减少", "XX", "xx", "××",
};

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

typedef struct pair_ctx {
    int nb, ns;
    fl_dec budget, spent;
} pair_ctx;

static void on_money(void *vctx, const mc_money *m)
{
    pair_ctx *c = vctx;
    if (m->kind == MC_BUDGET && c->nb++ == 0)
        c->budget = m->wan;
    else if (m->kind == MC_SPENT && c->ns++ == 0)
        c->spent = m->wan;
}

fl_matcher *mc_diff_words_new(void)
{
    return fl_matcher_new(diff_words, sizeof diff_words / sizeof *diff_words);
}

static int on_diff_word(void *ctx, size_t word, size_t offset)
{
    *(size_t *)ctx = offset + strlen(diff_words[word]);
    return 1; /* occurrences come in the order of their end: the first is the one */
}

/* Where the first difference word of s[0..to) ends: the smallest end of
 * an occurrence of one of the words (`words` from mc_diff_words_new()),
 * or (size_t)-1. */
static size_t diff_word_end(const fl_matcher *words, const char *s, size_t to)
{
    size_t end = (size_t)-1;
    fl_matcher_scan(words, s, to, on_diff_word, &end);
    return end;
}

static int has_diff_word(const fl_matcher *words, const char *s, size_t to)
{
    return diff_word_end(words, s, to) != (size_t)-1;
}

/* The paragraph's first difference word, looked for only as far as a
 * cause's clause needs: most causes follow their difference closely, and
 * the text after the last cause need not be read at all. */
typedef struct first_diff {
    const char *s;
    size_t end;     /* where the first word ends, or (size_t)-1 while unknown */
    size_t scanned; /* no word ends in s[0..scanned) but the one at `end` */
} first_diff;

/* 1 when a difference word ends at or before `clause`.  Each call reads
 * only the bytes after the last one read (and a word's length back, for a
 * word across that point): a paragraph is read once whatever its number
 * of causes. */
static int diff_before(const fl_matcher *words, first_diff *fd, size_t clause)
{
    if (fd->end == (size_t)-1 && clause > fd->scanned) {
        /* Nothing read yet (most paragraphs): no word to look back for. */
        size_t back =
            fd->scanned > 0 ? mc_longest_word(diff_words, sizeof diff_words / sizeof *diff_words) : 0;
        size_t from = fd->scanned > back ? fd->scanned - back : 0;
        size_t end = diff_word_end(words, fd->s + from, clause - from);
        if (end != (size_t)-1)
            fd->end = from + end;
        fd->scanned = clause;
    }
    return fd->end <= clause;
}

/* After "原因" at s[i]: the end of a cause-introducing phrase ("原因是",
 * "原因主要是", "原因为:", "原因:"), or 0 when the words go on otherwise
 * ("原因分析", "原因是否"). *strong is set for the 是/为 forms. */
static size_t trigger_end(const char *s, size_t i, int *strong)
{
    *strong = 0;
    if (fl_str_starts(s + i, "主要"))
        i += strlen("主要");
    if ((fl_str_starts(s + i, "是") && !fl_str_starts(s + i, "是否")) ||
        (fl_str_starts(s + i, "为") && !fl_str_starts(s + i, "为何"))) {
        *strong = 1;
        i += 3;
        i = mc_skip_spaces(s, i);
        if (s[i] == ':')
            i++;
        return i;
    }
    if (s[i] == ':')
        return i + 1;
    return 0;
}

/* Where the last cause_end() walk started and ended: causes come in
 * order, and a sentence of many "原因是" walked to its end for each. */
typedef struct cause_walk {
    size_t from, end; /* from == (size_t)-1 before the first */
} cause_walk;

/* End of the cause text that starts at `from`: the next "。" or ";".  A
 * walk from within the last one's span ends where it did (the core's
 * text is valid UTF-8: walks from two characters' starts meet). */
static size_t cause_end(const char *s, size_t from, cause_walk *w)
{
    if (w->from != (size_t)-1 && w->from <= from && from <= w->end)
        return w->end;
    size_t i = from;
    while (s[i] && !fl_str_starts(s + i, "。") && s[i] != ';' && !fl_str_starts(s + i, "；"))
        i += fl_utf8_char_len((unsigned char)s[i]);
    w->from = from;
    w->end = i;
    return i;
}

/* When a paragraph ends right after "原因是:", the reasons may follow as a
 * list on the next lines.  1 when the next non-blank line is such text. */
static int continues_on_next_line(const fl_document *doc, size_t line)
{
    size_t n = fl_doc_line_count(doc);
    for (size_t l = line + 1; l <= n; l++) {
        const char *t = fl_doc_line_norm(doc, l);
        if (t == NULL)
            return 0;
        size_t i = mc_skip_spaces(t, 0);
        if (t[i] == '\0')
            continue;
        if (strchr(t, '\t') != NULL || t[i] == '|')
            return 0; /* a table */
        const fl_section *s = fl_doc_section_at(doc, l);
        if (s != NULL && fl_section_line(s) == l) {
            fl_numbering nb = fl_section_numbering(s);
            /* A list of reasons is numbered 1. / (1); a new 一、 or a
             * markdown heading is the next topic. */
            return nb == FL_NUM_ARABIC || nb == FL_NUM_ARABIC_PAREN;
        }
        return 1;
    }
    return 0;
}

static int is_template_start(const char *s, size_t len)
{
    for (size_t k = 0; k < sizeof template_starts / sizeof *template_starts; k++) {
        size_t tl = strlen(template_starts[k]);
        if (tl <= len && memcmp(s, template_starts[k], tl) == 0)
            return 1;
    }
    return 0;
}


/* ---- what report() asks of a paragraph, read once ----
 * A finding's message needs the start of its sentence, whether the text
 * from there says a difference with numbers, and the amounts before the
 * cause's clause.  Asked by walking the text for each finding, a
 * paragraph of many findings and no "。" was read again for each (3,000
 * "…减少1.00万元，原因是：XX，" in 207 KB: 1.1e10 instructions).  The
 * paragraph's breaks, difference words and digits are listed at its first
 * finding and looked up; its amounts are read by one walk that goes on
 * as the findings go on.  When memory runs out the walks are used. */

typedef struct offsets {
    size_t *v;
    size_t n, cap;
} offsets;

static int offsets_push(offsets *o, size_t x)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        size_t *grown = realloc(o->v, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        o->v = grown;
        o->cap = cap;
    }
    o->v[o->n++] = x;
    return 0;
}

/* How many of the sorted v[0..n) are <= x. */
static size_t count_upto(const size_t *v, size_t n, size_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The amounts of s[from..clause): those the walk from `from` has found
 * ending at or before the last clause asked, and the one it read ahead. */
typedef struct pair_walk {
    size_t from;         /* (size_t)-1 before the first */
    size_t upto;         /* the last clause asked */
    mc_money_walk walk;
    pair_ctx pc;
    int ahead;           /* `next` is read but ends past `upto` */
    mc_money next;
    size_t next_end;     /* relative to `from` */
} pair_walk;

typedef struct para_index {
    int ok;                            /* 0: out of memory, not to be asked */
    offsets sentence_at, sentence_len; /* the breaks of mc_sentence_start() */
    offsets clause_at, clause_len;     /* the breaks of mc_clause_start() */
    offsets digits;
    offsets diff_end, diff_start_max;  /* difference words by end; the
                                        * largest start of those up to each */
    pair_walk pairs;
} para_index;

static void para_index_free(para_index *ix)
{
    if (ix == NULL)
        return;
    offsets *all[] = { &ix->sentence_at, &ix->sentence_len, &ix->clause_at, &ix->clause_len,
                       &ix->digits, &ix->diff_end, &ix->diff_start_max };
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        free(all[k]->v);
    free(ix);
}

typedef struct diff_list {
    para_index *ix;
    int failed;
} diff_list;

static int on_any_diff_word(void *ctx, size_t word, size_t offset)
{
    diff_list *d = ctx;
    para_index *ix = d->ix;
    size_t end = offset + strlen(diff_words[word]);
    size_t max = ix->diff_start_max.n > 0 ? ix->diff_start_max.v[ix->diff_start_max.n - 1] : 0;
    if (offsets_push(&ix->diff_end, end) != 0 ||
        offsets_push(&ix->diff_start_max, offset > max ? offset : max) != 0) {
        d->failed = 1;
        return 1;
    }
    return 0;
}

static int para_index_build(para_index *ix, const char *s, const fl_matcher *words)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i++) {
        unsigned char u = (unsigned char)s[i];
        if (u >= '0' && u <= '9') {
            if (offsets_push(&ix->digits, i) != 0)
                return -1;
            continue;
        }
        /* every break mark starts with one of these bytes (compared, not
         * strchr'd: this is asked of every byte) */
        if (u != 0xE3 && u != 0xEF && u != ';' && u != '!' && u != '?' && u != ',' && u != ':')
            continue;
        size_t b = mc_break_len(s, i, 0), c = mc_break_len(s, i, 1);
        if ((b && (offsets_push(&ix->sentence_at, i) || offsets_push(&ix->sentence_len, b))) ||
            (c && (offsets_push(&ix->clause_at, i) || offsets_push(&ix->clause_len, c))))
            return -1;
    }
    diff_list d = { ix, 0 };
    fl_matcher_scan(words, s, len, on_any_diff_word, &d);
    return d.failed ? -1 : 0;
}

/* The paragraph's index, made at its second finding: most paragraphs
 * have none, most others one, which the walks serve for less than a read
 * of the whole paragraph.  NULL when memory ran out, for the walks. */
static para_index *para_index_of(para_index **ixp, const char *s, const fl_matcher *words)
{
    if (*ixp == NULL && (*ixp = calloc(1, sizeof **ixp)) != NULL) {
        para_index *ix = *ixp;
        ix->ok = para_index_build(ix, s, words) == 0;
        ix->pairs.from = (size_t)-1;
    }
    return *ixp;
}

/* The walk back of mc_sentence_start() (with_commas 0) or
 * mc_clause_start() (1) to the last break before pos. */
static size_t start_before(const para_index *ix, const char *s, size_t pos, int with_commas)
{
    if (ix == NULL || !ix->ok)
        return with_commas ? mc_clause_start(s, pos) : mc_sentence_start(s, pos);
    const offsets *at = with_commas ? &ix->clause_at : &ix->sentence_at;
    const offsets *len = with_commas ? &ix->clause_len : &ix->sentence_len;
    size_t k = pos > 0 ? count_upto(at->v, at->n, pos - 1) : 0; /* breaks before pos */
    if (k == 0)
        return 0;
    size_t end = at->v[k - 1] + len->v[k - 1];
    return end > pos ? pos : end;
}

/* 1 when s[from..at) holds a difference word and a digit. */
static int states_difference(const para_index *ix, const char *s, size_t from, size_t at,
                             const fl_matcher *words)
{
    if (ix == NULL || !ix->ok)
        return has_diff_word(words, s + from, at - from) && has_digit(s + from, at - from);
    size_t k = count_upto(ix->diff_end.v, ix->diff_end.n, at);
    if (k == 0 || ix->diff_start_max.v[k - 1] < from)
        return 0;
    size_t d = from > 0 ? count_upto(ix->digits.v, ix->digits.n, from - 1) : 0;
    return d < ix->digits.n && ix->digits.v[d] < at;
}

/* The amounts of s[from..clause), counted by on_money(). */
static pair_ctx amounts_before(para_index *ix, const char *s, size_t from, size_t clause,
                               const fl_matcher *money_words)
{
    pair_ctx none = { 0, 0, { 0 }, { 0 } };
    if (ix == NULL || !ix->ok) {
        /* the amounts of the sentence alone, as a text of its own */
        char *sentence = malloc(clause - from + 1);
        if (sentence != NULL) {
            memcpy(sentence, s + from, clause - from);
            sentence[clause - from] = '\0';
            mc_scan_money(sentence, money_words, on_money, &none);
            free(sentence);
        }
        return none;
    }
    pair_walk *pw = &ix->pairs;
    if (pw->from != from || clause < pw->upto) {
        pw->from = from;
        pw->pc = none;
        pw->ahead = 0;
        mc_money_walk_init(&pw->walk, s + from, money_words);
    }
    pw->upto = clause;
    /* An amount that would run past the clause ends there in a text of
     * the sentence alone, and is no amount of money (it is cut after a
     * "," between its digits); here it waits for a later clause. */
    for (;;) {
        if (!pw->ahead && !mc_money_walk_next(&pw->walk, clause - from, &pw->next, &pw->next_end))
            break;
        pw->ahead = 1;
        if (from + pw->next_end > clause)
            break;
        on_money(&pw->pc, &pw->next);
        pw->ahead = 0;
    }
    return pw->pc;
}

/* ix: the paragraph's index, or NULL for the walks. */
static void report(fl_report *rep, const fl_paragraph *p, const mc_options *o, para_index *ix,
                   size_t at, size_t trig_end, size_t cend, int empty)
{
    const char *s = fl_paragraph_text(p);
    /* what: a cause of at most WHAT_MAX - 1 bytes, then room for
     * mc_display, which makes each ASCII mark three bytes. */
    enum { WHAT_MAX = 160 };
    char diff[320], phrase[64], what[3 * WHAT_MAX];
    size_t sent = start_before(ix, s, at, 0);
    /* The difference is stated in this sentence or, for "…数。主要原因是。",
     * in the one before. */
    size_t from = sent;
    /* Go back at most two sentences to find the difference and its numbers. */
    for (int back = 0; back < 2 && from > 0; back++) {
        if (states_difference(ix, s, from, at, o->diff_words))
            break;
        /* back to the first byte of the break mark */
        from = start_before(ix, s, fl_utf8_prev(s, from), 0);
    }
    size_t clause_of_at = start_before(ix, s, at, 1);
    size_t clause = clause_of_at;
    if (clause <= from)
        clause = at;
    mc_excerpt_tail(s, from, clause, 70, diff, sizeof diff);
    /* Trim a trailing comma or full stop from the excerpt. */
    size_t dl = strlen(diff);
    while (dl > 0 && (diff[dl - 1] == ',' || diff[dl - 1] == ' '))
        diff[--dl] = '\0';
    if (dl >= 3 && (strcmp(diff + dl - 3, "。") == 0 || strcmp(diff + dl - 3, "，") == 0))
        diff[dl - 3] = '\0';

    size_t start = clause_of_at;
    if (start > at || at - start > 12)
        start = at;
    size_t pl = trig_end - start < sizeof phrase - 1 ? trig_end - start : sizeof phrase - 1;
    memcpy(phrase, s + start, pl);
    phrase[pl] = '\0';

    size_t cstart = mc_skip_spaces(s, trig_end);
    size_t wl = cend > cstart ? cend - cstart : 0;
    if (wl > WHAT_MAX - 1) {
        /* Only a cause that starts like a template ("XX，……") is this
         * long: its first characters are quoted, not an empty "“”". */
        size_t k = 0;
        for (int chars = 0; k < wl && chars < 20; chars++)
            k += fl_utf8_char_len((unsigned char)s[cstart + k]);
        memcpy(what, s + cstart, k);
        strcpy(what + k, "…");
    } else {
        memcpy(what, s + cstart, wl);
        what[wl] = '\0';
    }

    mc_display(diff, sizeof diff);
    mc_display(phrase, sizeof phrase);
    mc_display(what, sizeof what); /* "增加（减少）XX" as the report has it */
    fl_finding *f;
    if (empty)
        f = fl_report_add(rep, "empty-cause", FL_SEV_ERROR,
                          "说明了差异（%s）但“%s”后没有写明原因", *diff ? diff : "见上文",
                          phrase);
    else
        f = fl_report_add(rep, "empty-cause", FL_SEV_ERROR,
                          "说明了差异（%s）但“%s”后只有占位内容“%s”，没有写明原因",
                          *diff ? diff : "见上文", phrase, what);
    fl_finding_set_line(f, fl_paragraph_line_at(p, at), 0);
    fl_finding_set_section(f, fl_paragraph_section(p));
    /* "年初预算数为4万元，支出决算数为2.79万元": the two sides of the
     * difference, budget as expected and outturn as actual. */
    pair_ctx pc = amounts_before(ix, s, from, clause, o->money_words);
    if (pc.nb == 1 && pc.ns == 1)
        fl_finding_set_values(f, pc.budget, pc.spent);
    fl_finding_set_expected_text(f, "具体原因");
    fl_finding_set_actual_text(f, empty ? "（空）" : what);
    fl_finding_set_suggestion(f, "在“%s”后写明造成差异的具体原因（如政策调整、人员变动、项目进度），"
                                 "不要留空或保留模板占位文字。",
                              phrase);
}

/* The next "原因" (E5 8E 9F E5 9B A0) starting at or after s + from, or
 * NULL.  Found by its third byte, the rarest of its six in reports (one
 * byte in 175; E5 leads one character in four): strchr stops at each
 * 9F and the rest is compared in place.  strchr reads no further than
 * its hit, so a long paragraph of causes stays linear under a sanitizer
 * too (strstr measured all the rest of the text on every call). */
static const char *next_cause(const char *s, size_t from)
{
    for (const char *q = strchr(s + from, '\x9F'); q != NULL; q = strchr(q + 1, '\x9F'))
        if ((size_t)(q - s) >= from + 2 && q[-2] == '\xE5' && q[-1] == '\x8E' && q[1] == '\xE5' &&
            q[2] == '\x9B' && q[3] == '\xA0')
            return q - 2;
    return NULL;
}

static void check_paragraph(const fl_document *doc, fl_report *rep, const fl_paragraph *p,
                            const mc_options *o)
{
    const char *s = fl_paragraph_text(p);
    if (s == NULL)
        return;
    const char *key = "原因";
    /* A cause has context when the paragraph's first difference word
     * ends before its clause.  Asking for each cause whether the text
     * before it has one made a long paragraph quadratic: the word is
     * looked for once, as far as the causes need (diff_before()). */
    first_diff fd = { s, (size_t)-1, 0 };
    /* Causes come in order: each walk stops where the last began. */
    mc_clause_memo clauses = MC_CLAUSE_MEMO_INIT;
    cause_walk ends = { (size_t)-1, 0 };
    para_index *ix = NULL;
    size_t found = 0;
    for (const char *hit = next_cause(s, 0); hit != NULL;
         hit = next_cause(s, (size_t)(hit - s) + 1)) {
        size_t at = (size_t)(hit - s);
        int strong;
        size_t te = trigger_end(s, at + strlen(key), &strong);
        if (te == 0)
            continue;
        size_t cs = mc_skip_spaces(s, te);
        size_t ce = cause_end(s, cs, &ends);
        int empty = cs == ce;
        /* Most causes are written out: the difference is looked for only
         * before one that is empty or a placeholder. */
        if (!empty && !mc_is_placeholder(s + cs, ce - cs, o) && !is_template_start(s + cs, ce - cs))
            continue;
        /* The difference must be stated before the clause naming the cause:
         * "偏离绩效目标的原因：无" answers a form question, it states none.
         * An empty "主要原因是" needs none. */
        int main_form = at >= 6 && memcmp(s + at - 6, "主要", 6) == 0 && strong;
        if (!(empty && main_form) &&
            !diff_before(o->diff_words, &fd, mc_clause_start_memo(s, at, &clauses)))
            continue;
        if (empty && s[cs] == '\0' && continues_on_next_line(doc, fl_paragraph_end_line(p)))
            continue;
        report(rep, p, o, found++ > 0 ? para_index_of(&ix, s, o->diff_words) : NULL, at, te, ce,
               empty);
    }
    para_index_free(ix);
}

int mc_rule_empty_cause(const fl_document *doc, fl_report *rep, const mc_options *o)
{
    size_t n = fl_doc_paragraph_count(doc);
    for (size_t i = 0; i < n; i++)
        check_paragraph(doc, rep, fl_doc_paragraph(doc, i), o);
    return 0;
}
