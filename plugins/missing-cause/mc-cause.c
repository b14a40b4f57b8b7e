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

static void report(fl_report *rep, const fl_paragraph *p, const mc_options *o, size_t at,
                   size_t trig_end, size_t cend, int empty)
{
    const char *s = fl_paragraph_text(p);
    char diff[320], phrase[64], what[160];
    size_t sent = mc_sentence_start(s, at);
    /* The difference is stated in this sentence or, for "…数。主要原因是。",
     * in the one before. */
    size_t from = sent;
    /* Go back at most two sentences to find the difference and its numbers. */
    for (int back = 0; back < 2 && from > 0; back++) {
        if (has_diff_word(o->diff_words, s + from, at - from) && has_digit(s + from, at - from))
            break;
        /* back to the first byte of the break mark */
        from = mc_sentence_start(s, fl_utf8_prev(s, from));
    }
    size_t clause = mc_clause_start(s, at);
    if (clause <= from)
        clause = at;
    mc_excerpt_tail(s, from, clause, 70, diff, sizeof diff);
    /* Trim a trailing comma or full stop from the excerpt. */
    size_t dl = strlen(diff);
    while (dl > 0 && (diff[dl - 1] == ',' || diff[dl - 1] == ' '))
        diff[--dl] = '\0';
    if (dl >= 3 && (strcmp(diff + dl - 3, "。") == 0 || strcmp(diff + dl - 3, "，") == 0))
        diff[dl - 3] = '\0';

    size_t start = mc_clause_start(s, at);
    if (start > at || at - start > 12)
        start = at;
    size_t pl = trig_end - start < sizeof phrase - 1 ? trig_end - start : sizeof phrase - 1;
    memcpy(phrase, s + start, pl);
    phrase[pl] = '\0';

    size_t cstart = mc_skip_spaces(s, trig_end);
    size_t wl = cend > cstart ? cend - cstart : 0;
    if (wl > sizeof what - 1)
        wl = 0; /* long text: never the case for a placeholder */
    memcpy(what, s + cstart, wl);
    what[wl] = '\0';

    mc_display(diff, sizeof diff);
    mc_display(phrase, sizeof phrase);
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
    char *sentence = malloc(clause - from + 1);
    if (sentence != NULL) {
        memcpy(sentence, s + from, clause - from);
        sentence[clause - from] = '\0';
        pair_ctx pc = { 0, 0, { 0 }, { 0 } };
        mc_scan_money(sentence, o->money_words, on_money, &pc);
        if (pc.nb == 1 && pc.ns == 1)
            fl_finding_set_values(f, pc.budget, pc.spent);
        free(sentence);
    }
    fl_finding_set_expected_text(f, "具体原因");
    fl_finding_set_actual_text(f, empty ? "（空）" : what);
    fl_finding_set_suggestion(f, "在“%s”后写明造成差异的具体原因（如政策调整、人员变动、项目进度），"
                                 "不要留空或保留模板占位文字。",
                              phrase);
}

/* The next `key` starting at or after s + from, or NULL; len is
 * strlen(s).  Looked for in windows, so that one search never covers
 * much past its hit: a sanitizer's strstr measures all the rest of the
 * text on every call, which made a long paragraph of causes quadratic
 * under AddressSanitizer (100,000 causes in 5 MB: 80-100 s). */
static const char *next_key(const char *s, size_t len, size_t from, const char *key)
{
    enum { WINDOW = 4096 };
    size_t klen = strlen(key);
    while (from + klen <= len) {
        size_t span = len - from < WINDOW + klen ? len - from : WINDOW + klen;
        const char *hit = memmem(s + from, span, key, klen);
        if (hit != NULL)
            return hit;
        from += span - klen + 1; /* the next window takes any key this one cut */
    }
    return NULL;
}

static void check_paragraph(const fl_document *doc, fl_report *rep, const fl_paragraph *p,
                            const mc_options *o)
{
    const char *s = fl_paragraph_text(p);
    if (s == NULL)
        return;
    const char *key = "原因";
    size_t len = strlen(s);
    /* A cause has context when the paragraph's first difference word
     * ends before its clause.  Asking for each cause whether the text
     * before it has one made a long paragraph quadratic: the word is
     * looked for once, as far as the causes need (diff_before()). */
    first_diff fd = { s, (size_t)-1, 0 };
    /* Causes come in order: each walk stops where the last began. */
    mc_clause_memo clauses = MC_CLAUSE_MEMO_INIT;
    cause_walk ends = { (size_t)-1, 0 };
    for (const char *hit = next_key(s, len, 0, key); hit != NULL;
         hit = next_key(s, len, (size_t)(hit - s) + 1, key)) {
        size_t at = (size_t)(hit - s);
        int strong;
        size_t te = trigger_end(s, at + strlen(key), &strong);
        if (te == 0)
            continue;
        /* The difference must be stated before the clause naming the cause:
         * "偏离绩效目标的原因：无" answers a form question, it states none. */
        size_t clause = mc_clause_start_memo(s, at, &clauses);
        int context = diff_before(o->diff_words, &fd, clause);
        int main_form = at >= 6 && memcmp(s + at - 6, "主要", 6) == 0 && strong;
        if (!context && !main_form)
            continue;
        size_t cs = mc_skip_spaces(s, te);
        size_t ce = cause_end(s, cs, &ends);
        if (cs == ce) {
            if (s[cs] == '\0' && continues_on_next_line(doc, fl_paragraph_end_line(p)))
                continue;
            report(rep, p, o, at, te, ce, 1);
        } else if (context &&
                   (mc_is_placeholder(s + cs, ce - cs, o) || is_template_start(s + cs, ce - cs))) {
            report(rep, p, o, at, te, ce, 0);
        }
    }
}

int mc_rule_empty_cause(const fl_document *doc, fl_report *rep, const mc_options *o)
{
    size_t n = fl_doc_paragraph_count(doc);
    for (size_t i = 0; i < n; i++)
        check_paragraph(doc, rep, fl_doc_paragraph(doc, i), o);
    return 0;
}
