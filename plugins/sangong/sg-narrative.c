/* sg-narrative.c — the 三公 figures the narrative states.
 *
 * Each paragraph that names 三公 or one of its items is cut into sentences
 * (。 ; ! ?).  Every amount (万元/元/亿元) and percentage in a sentence is
 * read with the words since the previous one (its "window"): the window
 * names the item (or the item carries over from earlier in the sentence)
 * and the role (预算数, 决算数, 比上年增加, 占, 差异率 …).  An amount whose
 * window talks about something else (人员经费 …) is not a 三公 figure.
 *
 * Only the 三公 narrative is read: when the document has a section whose
 * heading names 三公 and holds such a paragraph, the paragraphs of other
 * sections (机关运行经费, 基本支出 …, which list 公务接待费 among their
 * items) are left alone; and a sentence whose subject is another total
 * (机关运行经费支出20.00万元，其中：…公务接待费5.00万元) is no 三公 figure
 * wherever it stands. */
#include <stdlib.h>
#include <string.h>

#include "sg.h"

#define SG_MAX_FIGS 4096

static void *grow(void *p, size_t *cap, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    void *q = realloc(p, ncap * elem);
    if (q == NULL)
        abort(); /* out of memory: the core's policy too */
    *cap = ncap;
    return q;
}

/* Words that may stand between an item and its numbers without changing
 * what the number is about. */
static const char *const filler[] = {
    "决算数", "预算数", "预决算", "差异率", "执行率", "比上年", "较上年", "一般公共预算",
    "财政拨款", "调整后", "预算", "决算", "支出", "全年", "年初", "年度", "本年", "当年",
    "实际", "调整", "合计", "总额", "累计", "完成", "上年", "同比", "同期", "增加", "减少",
    "增长", "下降", "上升", "降低", "差异", "执行", "金额", "经费", "其中", "相比", "安排",
    "节约", "共计", "比重", "比例", "万元", "为", "是", "共", "总", "比", "较", "占", "的", "了", "数", "元",
    "与", "年", "度", "达", "计",
};

/* 1 when the window holds an ideograph that no filler word explains. */
static int foreign_words(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t k, n = 0;
        for (k = 0; k < sizeof filler / sizeof filler[0]; k++) {
            if (s[i] != filler[k][0]) /* most words differ here: no call */
                continue;
            n = strlen(filler[k]);
            if (n <= len - i && memcmp(s + i, filler[k], n) == 0)
                break;
        }
        if (k < sizeof filler / sizeof filler[0]) {
            i += n;
            continue;
        }
        unsigned char b = (unsigned char)s[i];
        if (b >= 0xE4 && b <= 0xE9)
            return 1;
        i++;
    }
    return 0;
}

/* The item of the last keyword in the window, or SG_ITEM_NONE; *after
 * gets the offset just past that keyword (0 when none). */
static int window_item(const char *s, size_t len, size_t *after)
{
    int item = SG_ITEM_NONE;
    size_t i = 0;
    *after = 0;
    while (i < len) {
        size_t n;
        int k = sg_item_keyword_at(s + i, &n);
        if (k != SG_ITEM_NONE && n <= len - i) {
            item = k;
            i += n;
            *after = i;
        } else {
            i++;
        }
    }
    return item;
}

/* The offset of the last of `words` in s[0..len), or -1: one backward
 * pass for all of them, which stops at the first position, from the end,
 * where one starts.  Bytes below every word's first byte (continuation
 * bytes and ASCII, when the words are Chinese) are passed over at once. */
static long last_of(const char *s, size_t len, const char *const *words, size_t nwords)
{
    unsigned char low = 0xFF;
    for (size_t k = 0; k < nwords; k++)
        if ((unsigned char)words[k][0] < low)
            low = (unsigned char)words[k][0];
    for (size_t i = len; i-- > 0;) {
        if ((unsigned char)s[i] < low)
            continue;
        for (size_t k = 0; k < nwords; k++) {
            const char *w = words[k];
            if (s[i] != w[0] || (w[1] != '\0' && (i + 1 == len || s[i + 1] != w[1])))
                continue;
            size_t n = strlen(w);
            if (n <= len - i && memcmp(s + i, w, n) == 0)
                return (long)i;
        }
    }
    return -1;
}

#define LAST(s, len, ...) \
    last_of(s, len, (const char *const[]){ __VA_ARGS__ }, \
            sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* The groups of words a number's window is asked about, each asked as
 * "where does the last of them start": window_role() and role_words()
 * on the window after its item, the budget's 差异 on the whole window. */
enum {
    W_UP, W_DOWN, W_BUDGET, W_PRIOR, W_DIFF_RATE, W_COMPLETION, W_COMPLETE, W_SHARE, W_FINAL,
    W_ROLE, W_DIFF, W_NGROUPS
};

static const struct {
    const char *w;
    int group;
} window_words[] = {
    { "增加", W_UP }, { "增长", W_UP }, { "上升", W_UP }, { "超支", W_UP }, { "超出", W_UP },
    { "减少", W_DOWN }, { "下降", W_DOWN }, { "降低", W_DOWN }, { "节约", W_DOWN },
    { "节支", W_DOWN },
    { "预算", W_BUDGET },
    { "上年", W_PRIOR }, { "去年", W_PRIOR }, { "上一年", W_PRIOR }, { "以前年度", W_PRIOR },
    { "差异率", W_DIFF_RATE }, { "差异", W_DIFF_RATE }, { "偏差率", W_DIFF_RATE },
    { "执行率", W_COMPLETION }, { "完成率", W_COMPLETION },
    { "完成", W_COMPLETE },
    { "占", W_SHARE },
    { "决算", W_FINAL }, { "支出", W_FINAL }, { "实际", W_FINAL }, { "执行数", W_FINAL },
    { "预算", W_ROLE }, { "决算", W_ROLE }, { "支出", W_ROLE }, { "实际", W_ROLE },
    { "执行", W_ROLE }, { "完成", W_ROLE }, { "增加", W_ROLE }, { "增长", W_ROLE },
    { "上升", W_ROLE }, { "减少", W_ROLE }, { "下降", W_ROLE }, { "降低", W_ROLE },
    { "节约", W_ROLE }, { "上年", W_ROLE }, { "去年", W_ROLE }, { "占", W_ROLE },
    { "差异", W_ROLE },
    { "差异", W_DIFF },
};
#define N_WINDOW_WORDS (sizeof window_words / sizeof *window_words)

fl_matcher *sg_window_matcher_new(void)
{
    const char *w[N_WINDOW_WORDS];
    for (size_t k = 0; k < N_WINDOW_WORDS; k++)
        w[k] = window_words[k].w;
    return fl_matcher_new(w, N_WINDOW_WORDS);
}

static int on_window_word(void *ctx, size_t word, size_t offset)
{
    long *last = ctx;
    int g = window_words[word].group;
    if ((long)offset > last[g])
        last[g] = (long)offset;
    return 0;
}

/* last[g]: where the last word of group g in s[0..len) starts, or -1 —
 * what last_of() would give for each group, in one pass of the matcher
 * where a backward walk per group read the window up to ten times. */
static void window_lasts(const fl_matcher *windows, const char *s, size_t len,
                         long last[W_NGROUPS])
{
    for (int g = 0; g < W_NGROUPS; g++)
        last[g] = -1;
    fl_matcher_scan(windows, s, len, on_window_word, last);
}

/* The year part of sg_prior_year(): a year compared with or before the
 * report's own. */
static int prior_year_written(const char *s, size_t len, int year)
{
    for (size_t i = 0; i + 5 <= len; i++) {
        if (!(s[i] >= '1' && s[i] <= '2') || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        int y = 0;
        size_t k = i;
        while (k < len && k < i + 4 && s[k] >= '0' && s[k] <= '9')
            y = y * 10 + (s[k++] - '0');
        if (k != i + 4 || y < 1990 || y > 2100 || len - k < 3 || memcmp(s + k, "年", 3) != 0)
            continue;
        if (year > 0 && y < year)
            return 1;
        if (i >= 3 && (memcmp(s + i - 3, "比", 3) == 0 || memcmp(s + i - 3, "较", 3) == 0 ||
                       memcmp(s + i - 3, "与", 3) == 0 || memcmp(s + i - 3, "同", 3) == 0))
            return 1;
        if (year > 0 && y >= year)
            continue;
        if (i >= 1 && s[i - 1] == '(')
            return 1;
    }
    return 0;
}

/* 1 when the window speaks of an earlier year: 上年, 去年, or a year
 * compared with ("比2023年预算增加", "与2024年预算持平", "（2023年：") or
 * before the report's own year. */
int sg_prior_year(const char *s, size_t len, int year)
{
    return LAST(s, len, "上年", "去年", "上一年", "以前年度") >= 0 ||
           prior_year_written(s, len, year);
}

/* Role of a number from its window s[0..len), whose words' last starts
 * are last[] (window_lasts()); *sign gets +1/-1 for changes. */
static int window_role(const char *s, size_t len, const long *last, int percent, int year,
                       int *sign)
{
    long up = last[W_UP];
    long down = last[W_DOWN];
    long budget = last[W_BUDGET];
    int prior = last[W_PRIOR] >= 0 || prior_year_written(s, len, year);
    *sign = 0;
    if (up >= 0 || down >= 0)
        *sign = up > down ? 1 : -1;
    if (percent) {
        if (last[W_DIFF_RATE] >= 0)
            return SG_R_DIFF_RATE;
        if (last[W_COMPLETION] >= 0 || (budget >= 0 && last[W_COMPLETE] >= 0))
            return SG_R_COMPLETION;
        if (last[W_SHARE] > (up > down ? up : down))
            return SG_R_SHARE;
        if (*sign != 0)
            return budget >= 0 && !prior ? SG_R_DIFF_RATE : SG_R_YOY_RATE;
        return SG_R_NONE;
    }
    if (*sign != 0)
        return budget >= 0 && !prior ? SG_R_BUD_AMOUNT : SG_R_YOY_AMOUNT;
    if (prior)
        return SG_R_PREV;
    long final = last[W_FINAL];
    return budget > final ? SG_R_BUDGET : SG_R_FINAL;
}

static void add_fig(sg_narr *out, const fl_paragraph *p, const char *text, size_t pi,
                    size_t si, size_t at, size_t used, const fl_number *num,
                    int item, int role, int sign, int minus)
{
    if (out->nfigs >= SG_MAX_FIGS)
        return;
    fl_dec v;
    if (num->unit == FL_UNIT_PERCENT)
        v = num->value;
    else if (fl_number_to_wanyuan(num, &v) != 0)
        return;
    if (v.micros < 0) {
        v.micros = -v.micros;
        minus = 1;
    }
    if (role == SG_R_YOY_AMOUNT || role == SG_R_BUD_AMOUNT || role == SG_R_YOY_RATE ||
        role == SG_R_DIFF_RATE) {
        if (minus || sign < 0)
            v.micros = -v.micros;
    }
    if (out->nfigs == out->figs_cap)
        out->figs = grow(out->figs, &out->figs_cap, sizeof *out->figs);
    sg_fig *f = &out->figs[out->nfigs++];
    memset(f, 0, sizeof *f);
    f->item = item;
    f->role = role;
    f->value = v;
    f->decimals = num->decimals;
    f->explicit_sign = minus || sign != 0;
    f->para = pi;
    f->sent = si;
    f->offset = at;
    f->end = at + used;
    f->line = fl_paragraph_line_at(p, at);
    size_t n = used < sizeof f->text - 1 ? used : sizeof f->text - 1;
    memcpy(f->text, text + at, n);
    f->text[n] = '\0';
}

static void read_sentence(sg_narr *out, const fl_paragraph *p, const char *text,
                          size_t pi, size_t si, size_t s, size_t e)
{
    int cur = SG_ITEM_NONE;
    size_t win = s, pos = s;
    while (pos < e) {
        unsigned char b = (unsigned char)text[pos];
        unsigned char prev = pos > s ? (unsigned char)text[pos - 1] : ' ';
        if (!(b >= '0' && b <= '9') || (prev >= '0' && prev <= '9') || prev == '.' ||
            (prev >= 'A' && prev <= 'z')) {
            pos++;
            continue;
        }
        fl_number num;
        size_t used = fl_parse_number(text + pos, &num);
        if (used == 0 || num.is_empty) {
            pos++;
            continue;
        }
        if (pos + used > e)
            used = e - pos;
        int money = num.unit == FL_UNIT_WANYUAN || num.unit == FL_UNIT_YUAN ||
                    num.unit == FL_UNIT_YIYUAN;
        if (!money && num.unit != FL_UNIT_PERCENT) {
            pos += used;
            continue;
        }
        int minus = prev == '-';
        size_t wlen = pos - win;
        size_t after;
        int item = window_item(text + win, wlen, &after);
        /* The words' last starts in the window and in its part after the
         * item: the last of a group there is the window's when it starts
         * there, else there is none. */
        long whole[W_NGROUPS], last[W_NGROUPS];
        window_lasts(out->windows, text + win, wlen, whole);
        for (int g = 0; g < W_NGROUPS; g++)
            last[g] = whole[g] >= (long)after ? whole[g] - (long)after : -1;
        /* Words before the item name belong to the previous clause,
         * unless nothing after it says what the number is. */
        if (last[W_ROLE] < 0) {
            after = 0;
            memcpy(last, whole, sizeof last);
        }
        int sign;
        int role =
            window_role(text + win + after, wlen - after, last, !money, out->year, &sign);
        if (out->budget_doc) {
            /* A budget has no 决算数: its amounts are this year's budget,
             * its changes compare with last year's budget. */
            if (role == SG_R_FINAL)
                role = SG_R_BUDGET;
            else if (role == SG_R_BUD_AMOUNT)
                role = SG_R_YOY_AMOUNT;
            else if (role == SG_R_DIFF_RATE && whole[W_DIFF] < 0)
                role = SG_R_YOY_RATE;
            else if (role == SG_R_DIFF_RATE || role == SG_R_COMPLETION)
                role = SG_R_NONE;
        }
        /* “三公”经费及会议费、培训费合计X万元: X is not a 三公 figure. */
        if (item == SG_TOTAL && (sg_contains(text + win + after, wlen - after, "会议") ||
                                 sg_contains(text + win + after, wlen - after, "培训")))
            item = SG_ITEM_NONE, role = SG_R_NONE;
        if (role == SG_R_SHARE) {
            /* 占“三公”经费的X% keeps its item; 占公用经费的X% has another
             * base, not ours to check. */
            if (item == SG_ITEM_NONE && foreign_words(text + win, wlen))
                role = SG_R_NONE;
        } else if (item != SG_ITEM_NONE) {
            cur = item;
        } else if (foreign_words(text + win, wlen)) {
            cur = SG_ITEM_NONE;
        }
        if (cur >= 0 && role != SG_R_NONE)
            add_fig(out, p, text, pi, si, pos, used, &num, cur, role, sign, minus);
        pos += used;
        win = pos;
    }
}

/* Totals whose items include 三公 items (经济分类 30212, 30217, 30231). */
static const char *const other_totals[] = {
    "机关运行经费", "公用经费", "基本支出", "商品和服务支出", "日常公用", "经济分类", "经济科目",
};

/* 1 when sentence s[0..len), which does not name 三公, states an amount
 * of another total: it names one before its first 三公 item (or names no
 * item) and gives an amount.  "主要原因是压减公用经费" states none. */
static int other_subject(const char *s, size_t len)
{
    if (!sg_contains(s, len, "元"))
        return 0;
    size_t first = len;
    for (size_t i = 0; i < len && first == len; i++) {
        size_t n;
        if (sg_item_keyword_at(s + i, &n) != SG_ITEM_NONE)
            first = i;
    }
    return last_of(s, first, other_totals, sizeof other_totals / sizeof other_totals[0]) >= 0;
}

/* 1 when the heading of section s names 三公. */
static int heading_names_sangong(const fl_section *s)
{
    const char *h = fl_section_heading(s);
    return h != NULL && strstr(h, "三公") != NULL;
}

/* 1 when section s, or one that holds it, has a heading naming 三公. */
static int in_sangong_section(const fl_section *s)
{
    for (; s != NULL; s = fl_section_parent(s))
        if (heading_names_sangong(s))
            return 1;
    return 0;
}

/* The end of the sentence starting at pos: just past the next 。 ; ! ?
 * or newline, else len.  text[len] is its terminating NUL. */
static size_t sentence_end(const char *text, size_t pos, size_t len)
{
    /* strcspn passes over the text up to a candidate byte at once: one of
     * the ASCII marks, or the first byte of 。, checked whole. */
    while (pos < len) {
        pos += strcspn(text + pos, "\xE3;!?\n");
        if (pos >= len)
            break;
        if (text[pos] != "。"[0])
            return pos + 1;
        if (strncmp(text + pos, "。", 3) == 0)
            return pos + 3;
        pos++;
    }
    return len;
}

/* What sg_narr_read learns of each paragraph (flags). */
enum { PARA_IN_SECTION = 1, PARA_NAMES = 2 };

/* Sets PARA_IN_SECTION on the paragraphs of a section naming 三公.  A run
 * of paragraphs shares its section, whose headings are read once; a run
 * of sections shares their parent, whose chain of headings is read once. */
static void mark_sangong_sections(const fl_document *doc, unsigned char *flags, size_t np)
{
    const fl_section *seen = NULL, *parent = NULL;
    int have_seen = 0, seen_in = 0, have_parent = 0, parent_in = 0;
    for (size_t pi = 0; pi < np; pi++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, pi);
        if (p == NULL)
            continue;
        const fl_section *sec = fl_paragraph_section(p);
        if (!have_seen || sec != seen) {
            seen = sec;
            have_seen = 1;
            if (sec == NULL) {
                seen_in = 0;
            } else {
                const fl_section *up = fl_section_parent(sec);
                if (!have_parent || up != parent) {
                    parent = up;
                    parent_in = in_sangong_section(up);
                    have_parent = 1;
                }
                seen_in = parent_in || heading_names_sangong(sec);
            }
        }
        if (seen_in)
            flags[pi] |= PARA_IN_SECTION;
    }
}

/* Sets PARA_NAMES on the paragraphs whose flags & mask equal want and
 * whose text names a 三公 item; 1 when one does. */
static int mark_naming(const fl_document *doc, const fl_matcher *items, unsigned char *flags,
                       size_t np, unsigned char mask, unsigned char want)
{
    int any = 0;
    for (size_t pi = 0; pi < np; pi++) {
        if ((flags[pi] & mask) != want)
            continue;
        const fl_paragraph *p = fl_doc_paragraph(doc, pi);
        const char *text = p ? fl_paragraph_text(p) : NULL;
        if (text != NULL && sg_names_item(items, text)) {
            flags[pi] |= PARA_NAMES;
            any = 1;
        }
    }
    return any;
}

/* Where each sentence's figures start, and the first figure of each
 * item and role: the figures are added in sentence order (read_sentence
 * is called sentence by sentence), and never after. */
static void index_figs(sg_narr *out)
{
    if (out->nsents == 0)
        return;
    out->sent_first = malloc((out->nsents + 1) * sizeof *out->sent_first);
    if (out->sent_first == NULL)
        abort(); /* out of memory: the core's policy too */
    size_t i = 0;
    for (size_t s = 0; s <= out->nsents; s++) {
        while (i < out->nfigs && out->figs[i].sent < s)
            i++;
        out->sent_first[s] = i;
    }
    for (size_t k = out->nfigs; k-- > 0;) {
        const sg_fig *f = &out->figs[k];
        if (f->item >= 0 && f->item < SG_NITEMS && f->role >= 0 && f->role < SG_NROLES)
            out->first[f->item][f->role] = f;
    }
}

void sg_narr_read(const fl_document *doc, const fl_matcher *items, const fl_matcher *windows,
                  sg_narr *out)
{
    memset(out, 0, sizeof *out);
    out->doc = doc;
    out->windows = windows;
    out->budget_doc = sg_doc_is_budget(doc);
    out->year = fl_doc_year(doc);
    size_t np = fl_doc_paragraph_count(doc);
    unsigned char *flags = calloc(np ? np : 1, 1);
    if (flags == NULL)
        abort(); /* out of memory: the core's policy too */
    mark_sangong_sections(doc, flags, np);
    /* The paragraphs naming a 三公 item are read, those of 三公 sections
     * only when one of them does: then no other paragraph is searched. */
    if (!mark_naming(doc, items, flags, np, PARA_IN_SECTION, PARA_IN_SECTION))
        mark_naming(doc, items, flags, np, PARA_IN_SECTION, 0);
    for (size_t pi = 0; pi < np; pi++) {
        if (!(flags[pi] & PARA_NAMES))
            continue;
        const fl_paragraph *p = fl_doc_paragraph(doc, pi);
        const char *text = fl_paragraph_text(p);
        out->mentioned = 1;
        size_t len = strlen(text);
        /* Another total's subject carries over to the next sentences of
         * the paragraph ("其中：办公费…；公务接待费…"), until one names 三公. */
        int other = 0;
        for (size_t s = 0; s < len;) {
            size_t e = sentence_end(text, s, len);
            if (out->nsents == out->sents_cap)
                out->sents = grow(out->sents, &out->sents_cap, sizeof *out->sents);
            out->sents[out->nsents] = (sg_sent){ pi, s, e };
            if (sg_contains(text + s, e - s, "三公"))
                other = 0;
            else if (other_subject(text + s, e - s))
                other = 1;
            if (!other)
                read_sentence(out, p, text, pi, out->nsents, s, e);
            out->nsents++;
            s = e;
        }
    }
    free(flags);
    index_figs(out);
}

void sg_narr_free(sg_narr *n)
{
    free(n->figs);
    free(n->sents);
    free(n->sent_first);
    memset(n, 0, sizeof *n);
}

const char *sg_sent_text(const sg_narr *n, size_t sent, size_t *len)
{
    const sg_sent *s = &n->sents[sent];
    const char *text = fl_paragraph_text(fl_doc_paragraph(n->doc, s->para));
    *len = s->end - s->start;
    return text + s->start;
}

const sg_fig *sg_narr_find(const sg_narr *n, int item, int role, size_t sent)
{
    /* No figure has another item or role (read_sentence keeps none). */
    if (item < 0 || item >= SG_NITEMS || role < 0 || role >= SG_NROLES)
        return NULL;
    if (sent == (size_t)-1)
        return n->first[item][role];
    if (sent >= n->nsents)
        return NULL;
    for (size_t i = n->sent_first[sent]; i < n->sent_first[sent + 1]; i++) {
        const sg_fig *f = &n->figs[i];
        if (f->item == item && f->role == role)
            return f;
    }
    return NULL;
}

const sg_fig *sg_narr_prev(const sg_narr *n, size_t before, int item, int role)
{
    size_t sent = n->figs[before].sent;
    for (size_t i = before; i-- > 0 && n->figs[i].sent == sent;)
        if (n->figs[i].item == item && n->figs[i].role == role)
            return &n->figs[i];
    return NULL;
}

static int sent_has_reason(const sg_narr *n, size_t sent)
{
    size_t len;
    const char *s = sg_sent_text(n, sent, &len);
    return sg_has_reason(s, len);
}

static int sent_states_budget(const sg_narr *n, size_t sent)
{
    for (size_t i = n->sent_first[sent]; i < n->sent_first[sent + 1]; i++)
        if (n->figs[i].role == SG_R_BUDGET)
            return 1;
    return 0;
}

/* What the sentences of a paragraph from `next` on give first: a reason
 * (1), or a new budget figure or the paragraph's end (0): "…年初预算为0.95
 * 万元，支出决算为0.00万元，…；公务接待费…；…。决算数小于预算数的主要原因：
 * 当年度无“三公”经费支出。"  memo, when not NULL, has a byte per sentence
 * (0: not known yet, else the answer + 1) and learns the answer from every
 * sentence passed over: asked sentence by sentence over a long paragraph,
 * each sentence is read once, not once per sentence before it. */
static int reason_ahead(const sg_narr *n, size_t next, unsigned char *memo)
{
    size_t para = n->sents[next].para, k = next;
    int found = 0, stop = 0;
    for (; k < n->nsents && n->sents[k].para == para; k++) {
        if (memo != NULL && memo[k] != 0) {
            found = memo[k] - 1;
            break;
        }
        if (sent_states_budget(n, k) || (found = sent_has_reason(n, k)) != 0) {
            stop = 1;
            break;
        }
    }
    if (memo != NULL)
        for (size_t i = next; i < k + (size_t)stop; i++)
            memo[i] = (unsigned char)(found + 1);
    return found;
}

int sg_narr_reason_near(const sg_narr *n, size_t sent, unsigned char *memo)
{
    if (sent_has_reason(n, sent))
        return 1;
    size_t para = n->sents[sent].para;
    if (sent + 1 < n->nsents && n->sents[sent + 1].para == para)
        return reason_ahead(n, sent + 1, memo);
    /* The last sentence of its paragraph: the reason may start the next
     * paragraph ("主要原因是：…"). */
    if (para + 1 < fl_doc_paragraph_count(n->doc)) {
        const char *t = fl_paragraph_text(fl_doc_paragraph(n->doc, para + 1));
        if (t == NULL)
            return 0;
        size_t tl = strlen(t), e = sentence_end(t, 0, tl);
        return !sg_contains(t, e, "预算") && sg_has_reason(t, e);
    }
    return 0;
}
