/* sg-words.c — the words of the 三公 domain: item names, keywords, and
 * what counts as a stated reason.  All matching is on normalised text
 * (full-width brackets and colons already folded to ASCII). */
#include <string.h>

#include "sg.h"

const char *sg_item_name(int item)
{
    static const char *const names[SG_NITEMS] = {
        "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行维护费",
        "公务用车购置费", "公务用车运行维护费", "公务接待费",
    };
    return item >= 0 && item < SG_NITEMS ? names[item] : "";
}

const char *sg_group_name(int group)
{
    return group == SG_BUDGET ? "预算数" : group == SG_FINAL ? "决算数" : "";
}

/* Longest first: at one position the first match wins, so 公务用车购置及
 * 运行维护费 is never read as 公务用车购置.  Bare 购置费 / 运行维护费 are
 * left out on purpose: 设备购置费 and 信息系统运行维护费 are not 三公. */
static const struct {
    const char *word;
    int item;
} keywords[] = {
    { "公务用车购置及运行维护费", SG_CAR },
    { "公务用车购置和运行维护费", SG_CAR },
    { "公务用车购置及运行维护", SG_CAR },
    { "公务用车购置及运行费", SG_CAR },
    { "公务用车购置及运维费", SG_CAR },
    { "公务用车运行维护费", SG_CAR_RUN },
    { "公务用车运行费", SG_CAR_RUN },
    { "公务用车运维费", SG_CAR_RUN },
    { "公务用车购置费", SG_CAR_BUY },
    { "公务用车购置", SG_CAR_BUY },
    { "因公出国(境)", SG_ABROAD },
    { "因公出国", SG_ABROAD },
    { "出国(境)费", SG_ABROAD },
    { "国(境)外接待", SG_ITEM_SUB },
    { "国内公务接待", SG_ITEM_SUB },
    { "国内接待", SG_ITEM_SUB },
    { "外宾接待", SG_ITEM_SUB },
    { "外事接待", SG_ITEM_SUB },
    { "公务接待", SG_RECEPTION },
    { "三公", SG_TOTAL },
};

/* The first characters of the keywords.  Nearly every position of a text
 * starts with none of them and needs no keyword compared;
 * sg_item_matcher_new() refuses to start when a keyword starts otherwise. */
static const char keyword_leads[][4] = { "公", "因", "出", "国", "外", "三" };

static int keyword_lead_at(const char *s)
{
    for (size_t i = 0; i < sizeof keyword_leads / sizeof keyword_leads[0]; i++) {
        const char *l = keyword_leads[i];
        if (s[0] == l[0] && s[1] == l[1] && s[2] == l[2])
            return 1;
    }
    return 0;
}

/* The keyword starting with the lead character at s, in list order. */
static int keyword_from_lead(const char *s, size_t *len)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        const char *w = keywords[i].word;
        if (s[0] != w[0] || s[1] != w[1] || s[2] != w[2])
            continue;
        size_t n = strlen(w);
        if (strncmp(s, w, n) == 0) {
            *len = n;
            return keywords[i].item;
        }
    }
    return SG_ITEM_NONE;
}

/* sg_item_keyword_at(), called at every byte of windows and labels: most
 * positions are ruled out by their first byte or first character, inline
 * in sg_item_of_label().  Whole paragraphs are searched with
 * sg_names_item() instead. */
static inline int keyword_at(const char *s, size_t *len)
{
    if ((unsigned char)s[0] < 0xE0 || !keyword_lead_at(s))
        return SG_ITEM_NONE;
    return keyword_from_lead(s, len);
}

int sg_item_keyword_lead(const char *s, size_t *len)
{
    return keyword_at(s, len);
}

/* Every keyword that names an item contains one of these words, so a
 * text holding none of them names no item: strstr (vectorised in libc)
 * rules out most paragraphs far faster than the matcher could read them. */
static const char *const item_marks[] = { "公务", "三公", "出国" }; /* has_item_mark() */

/* 1 when text (len bytes) contains mark, two ideographs.  Looked for by
 * the last byte of the first ideograph, with memchr(), then the bytes
 * around it: the first two bytes of an ideograph are shared by dozens of
 * common ones (公 by 全, 其, 共, 关, 内 …), its last byte far less often.
 * memchr() rather than strstr(): a sanitizer checks it only up to the
 * hit, where strstr() measures all the rest of the text on every call
 * (quadratic in a loop, under AddressSanitizer). */
static int has_mark(const char *text, size_t len, const char *mark)
{
    const char *end = text + len;
    for (const char *p = text; (p = memchr(p, mark[2], (size_t)(end - p))) != NULL; p++)
        if (p - text >= 2 && p[-2] == mark[0] && p[-1] == mark[1] && fl_str_starts(p + 1, mark + 3))
            return 1;
    return 0;
}

static int has_item_mark(const char *text)
{
    /* item_marks, in two passes where has_mark() took three: 公务 and
     * 三公 share 公 (E5 85 AC), itself rare (one byte in 800 of reports),
     * found by its last byte as has_mark() does; the characters around
     * it tell the two marks. */
    size_t len = strlen(text);
    const char *end = text + len;
    for (const char *p = text; (p = memchr(p, 0xAC, (size_t)(end - p))) != NULL; p++) {
        if (p - text < 2 || p[-2] != '\xE5' || p[-1] != '\x85')
            continue;
        const char *gong = p - 2;
        if (fl_str_starts(gong + 3, "务") || (gong - text >= 3 && memcmp(gong - 3, "三", 3) == 0))
            return 1;
    }
    return has_mark(text, len, "出国");
}

fl_matcher *sg_item_matcher_new(void)
{
    const char *words[sizeof keywords / sizeof keywords[0]];
    /* has_mark() needs a three-byte first character and more after it. */
    for (size_t i = 0; i < sizeof item_marks / sizeof item_marks[0]; i++) {
        const unsigned char *m = (const unsigned char *)item_marks[i];
        if ((m[0] & 0xF0) != 0xE0 || strlen(item_marks[i]) <= 3)
            return NULL;
    }
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        /* A keyword without a mark or a lead would be missed: refuse to
         * start. */
        if ((keywords[i].item >= 0 && !has_item_mark(keywords[i].word)) ||
            !keyword_lead_at(keywords[i].word))
            return NULL;
        words[i] = keywords[i].word;
    }
    return fl_matcher_new(words, sizeof keywords / sizeof keywords[0]);
}

static int on_keyword(void *ctx, size_t word, size_t offset)
{
    (void)offset;
    /* A sub-line (国内公务接待 …) names no item.  No item keyword starts
     * where a sub-line keyword does, so this agrees with
     * sg_item_keyword_at(), which takes the first keyword of the list. */
    if (keywords[word].item < 0)
        return 0;
    *(int *)ctx = 1;
    return 1;
}

int sg_names_item(const fl_matcher *items, const char *text)
{
    int found = 0;
    if (has_item_mark(text))
        fl_matcher_scan(items, text, strlen(text), on_keyword, &found);
    return found;
}

int sg_item_of_label(const char *norm)
{
    if (norm == NULL)
        return SG_ITEM_NONE;
    /* One pass: an item keyword anywhere wins over 合计 / 总计. */
    int total = 0;
    for (const char *p = norm; *p; p++) {
        if ((unsigned char)*p < 0xE0)
            continue;
        size_t n;
        int item = keyword_at(p, &n);
        if (item != SG_ITEM_NONE)
            return item;
        total = total || sg_word_at(p, "合计") || sg_word_at(p, "总计");
    }
    return total ? SG_TOTAL : SG_ITEM_NONE;
}

int sg_contains(const char *s, size_t len, const char *needle)
{
    /* Any occurrence will do: memmem reads forward, and faster than
     * sg_last's byte-by-byte walk back. */
    size_t n = strlen(needle);
    return n > 0 && n <= len && memmem(s, len, needle, n) != NULL;
}

long sg_last(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0 || n > len)
        return -1;
    /* Two bytes compared before calling memcmp: the first byte of an
     * ideograph alone is shared by a third of the text. */
    for (size_t i = len - n + 1; i-- > 0;)
        if (s[i] == needle[0] && (n == 1 || s[i + 1] == needle[1]) && memcmp(s + i, needle, n) == 0)
            return (long)i;
    return -1;
}

/* 1 when the UTF-8 sequence at p is a CJK ideograph; *n gets its length. */
static int cjk_at(const unsigned char *p, size_t *n)
{
    if (p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *n = 3;
        return 1;
    }
    *n = 1;
    if (p[0] >= 0xC0) /* skip a whole non-CJK sequence */
        while (((p[*n]) & 0xC0) == 0x80)
            (*n)++;
    return 0;
}

static int starts(const char *s, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* Template leftovers and empty answers that are not a reason. */
static int placeholder_at(const char *s, const char *end, size_t *n)
{
    static const char *const ph[] = {
        "增加(减少)", "减少(增加)", "增加/减少", "XX", "xx", "××", "***",
        "——", "……", "...", "无。", "无;", "/",
    };
    for (size_t i = 0; i < sizeof ph / sizeof ph[0]; i++)
        if (starts(s, end, ph[i])) {
            *n = strlen(ph[i]);
            return 1;
        }
    return 0;
}

/* Counts the ideographs of the clause after a reason marker, up to the end
 * of the sentence, leaving out placeholders; 2 or more is a reason. */
static int real_content(const char *s, const char *end)
{
    static const char *const lead[] = { "主要", "分析", "说明", "是", "为", "在于", "如下", ":", " ", ",", "“", "系" };
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
            if (starts(s, end, lead[i])) {
                s += strlen(lead[i]);
                again = 1;
            }
    }
    if (starts(s, end, "无") && (end - s == 3 || starts(s + 3, end, "。") ||
                                 starts(s + 3, end, ";") || starts(s + 3, end, ",")))
        return 0;
    int count = 0;
    while (s < end && *s) {
        size_t n;
        if (starts(s, end, "。") || *s == ';')
            break;
        if (placeholder_at(s, end, &n)) {
            s += n;
            continue;
        }
        if (cjk_at((const unsigned char *)s, &n))
            count++;
        s += n;
    }
    return count >= 2;
}

int sg_has_reason(const char *s, size_t len)
{
    static const char *const markers[] = { "原因", "由于", "因为", "主要是", "主要用于", "主要系" };
    const char *end = s + len;
    for (const char *p = s; p < end; p++)
        for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
            if (*p == markers[i][0] && starts(p, end, markers[i]) &&
                real_content(p + strlen(markers[i]), end))
                return 1;
    return 0;
}

const char *sg_fmt(fl_dec d, char *buf)
{
    return fl_dec_format(d, 2, buf, 32);
}
