/* mc-table.c — rule empty-deviation-reason: in a 绩效自评表, an indicator
 * row that lost points (得分 < 分值/权重) or missed its target (完成率 not
 * 100 %, or 实际完成值 short of 年度指标值) must say why in its
 * 偏差原因分析 cell.
 *
 * Columns are found by the text of the indicator block's own header row
 * (一级指标 … 分值 … 得分 … 偏差原因), which sits inside the table in
 * converted PDFs.  Rows of converted tables are often shifted by a merged
 * cell, so each row is aligned to that header by trying small shifts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc.h"

typedef struct cols {
    long name, target, actual, weight, rate, score, reason;
} cols;

/* Normalised cell text without spaces, cut to size - 1 bytes: the cell's
 * own text when that has no space and fits (most cells: a header is looked
 * for in every row, so copying each cell for each word cost more than the
 * looking), else a copy in buf. */
static const char *cell_plain(const fl_row *r, long col, char *buf, size_t size)
{
    buf[0] = '\0';
    if (col < 0)
        return buf;
    const fl_cell *c = fl_row_cell(r, (size_t)col);
    if (c == NULL)
        return buf;
    const char *t = fl_cell_norm(c);
    size_t len = (size_t)(strchrnul(t, ' ') - t); /* one byte: cheaper than strcspn */
    if (t[len] == '\0' && len < size)
        return t;
    size_t j = 0;
    for (size_t i = 0; t[i] && j + 1 < size; i++)
        if (t[i] != ' ')
            buf[j++] = t[i];
    buf[j] = '\0';
    return buf;
}

/* 1 when t holds 级 (E7 BA A7), found by its last byte: A7 is rare,
 * while E7 leads many common characters.  Asked of every cell of every
 * table, most a few bytes long, where strchr's set-up costs less than
 * strstr's. */
static int has_ji(const char *t)
{
    for (const char *a = strchr(t, '\xA7'); a != NULL; a = strchr(a + 1, '\xA7'))
        if (a - t >= 2 && a[-1] == '\xBA' && a[-2] == '\xE7')
            return 1;
    return 0;
}

/* 1 when a cell of r names the 三级指标 or 二级指标 column.  Both words
 * hold 级, and dropping spaces leaves the characters of a cell as they
 * are: a cell without 级 is let go after one look at its own text. */
static int names_indicator_level(const fl_row *r)
{
    char buf[256];
    size_t n = fl_row_cell_count(r);
    for (size_t i = 0; i < n; i++) {
        const fl_cell *cell = fl_row_cell(r, i);
        if (cell == NULL)
            continue;
        const char *norm = fl_cell_norm(cell);
        /* a table's cells are empty one time in four: no call for those */
        if (norm[0] == '\0' || !has_ji(norm))
            continue;
        const char *t = cell_plain(r, (long)i, buf, sizeof buf);
        if (strstr(t, "三级指标") != NULL || strstr(t, "二级指标") != NULL)
            return 1;
    }
    return 0;
}

/* The words a header cell is known by, each a bit of a cell's mask. */
enum header_word {
    HW_LEVEL3, HW_LEVEL2, HW_DEVIATION, HW_UNDONE_CAUSE, HW_SCORE, HW_WEIGHT, HW_WEIGHT_SHARE,
    HW_RATE, HW_YEAR_TARGET, HW_TARGET, HW_INDICATOR_VALUE, HW_ACTUAL, HW_BASIS, HW_ACTUAL_DONE,
    HW_PERFORMANCE, HW_ACTUAL_VALUE, HW_COUNT
};

static const char *const header_words[HW_COUNT] = {
    [HW_LEVEL3] = "三级指标", [HW_LEVEL2] = "二级指标", [HW_DEVIATION] = "偏差",
    [HW_UNDONE_CAUSE] = "未完成原因", [HW_SCORE] = "得分", [HW_WEIGHT] = "分值",
    [HW_WEIGHT_SHARE] = "权重", [HW_RATE] = "完成率", [HW_YEAR_TARGET] = "年度指标值",
    [HW_TARGET] = "目标值", [HW_INDICATOR_VALUE] = "指标值", [HW_ACTUAL] = "实际",
    [HW_BASIS] = "依据", [HW_ACTUAL_DONE] = "实际完成", [HW_PERFORMANCE] = "业绩值",
    [HW_ACTUAL_VALUE] = "实际值",
};

#define HW_BIT(w) (1u << (w))
_Static_assert(HW_COUNT <= 32, "a cell's header words are bits of an unsigned");

fl_matcher *mc_header_words_new(void)
{
    return fl_matcher_new(header_words, HW_COUNT);
}

static int on_header_word(void *ctx, size_t word, size_t offset)
{
    (void)offset;
    *(unsigned *)ctx |= HW_BIT(word);
    return 0;
}

/* The header words in cell `col` of r (spaces dropped), as a mask. */
static unsigned cell_header_words(const fl_row *r, size_t col, const fl_matcher *words)
{
    char buf[256];
    const char *t = cell_plain(r, (long)col, buf, sizeof buf);
    unsigned mask = 0;
    fl_matcher_scan(words, t, strlen(t), on_header_word, &mask);
    return mask;
}

/* For each way a column is asked for, the first cell that holds `need`
 * and none of `avoid`: the cells of a header row are read once, not once
 * for each column. */
enum header_query {
    HQ_LEVEL3, HQ_LEVEL2, HQ_DEVIATION, HQ_UNDONE_CAUSE, HQ_SCORE, HQ_WEIGHT, HQ_WEIGHT_SHARE,
    HQ_RATE, HQ_YEAR_TARGET, HQ_TARGET, HQ_INDICATOR_VALUE, HQ_ACTUAL_DONE, HQ_PERFORMANCE,
    HQ_ACTUAL_VALUE, HQ_COUNT
};

static const struct {
    unsigned need, avoid;
} header_queries[HQ_COUNT] = {
    [HQ_LEVEL3] = { HW_BIT(HW_LEVEL3), 0 },
    [HQ_LEVEL2] = { HW_BIT(HW_LEVEL2), 0 },
    [HQ_DEVIATION] = { HW_BIT(HW_DEVIATION), 0 },
    [HQ_UNDONE_CAUSE] = { HW_BIT(HW_UNDONE_CAUSE), 0 },
    /* "得分" and "分值" name different columns; a cell with both is neither. */
    [HQ_SCORE] = { HW_BIT(HW_SCORE), HW_BIT(HW_WEIGHT) },
    [HQ_WEIGHT] = { HW_BIT(HW_WEIGHT), HW_BIT(HW_SCORE) },
    [HQ_WEIGHT_SHARE] = { HW_BIT(HW_WEIGHT_SHARE), 0 },
    [HQ_RATE] = { HW_BIT(HW_RATE), 0 },
    [HQ_YEAR_TARGET] = { HW_BIT(HW_YEAR_TARGET), 0 },
    [HQ_TARGET] = { HW_BIT(HW_TARGET), HW_BIT(HW_ACTUAL) | HW_BIT(HW_BASIS) },
    [HQ_INDICATOR_VALUE] = { HW_BIT(HW_INDICATOR_VALUE), HW_BIT(HW_ACTUAL) | HW_BIT(HW_BASIS) },
    [HQ_ACTUAL_DONE] = { HW_BIT(HW_ACTUAL_DONE), 0 },
    [HQ_PERFORMANCE] = { HW_BIT(HW_PERFORMANCE), 0 },
    [HQ_ACTUAL_VALUE] = { HW_BIT(HW_ACTUAL_VALUE), 0 },
};

/* at[q]: the first cell of r answering header_queries[q], or -1. */
static void find_header_cells(const fl_row *r, const fl_matcher *words, long at[HQ_COUNT])
{
    for (size_t q = 0; q < HQ_COUNT; q++)
        at[q] = -1;
    size_t n = fl_row_cell_count(r);
    for (size_t i = 0; i < n; i++) {
        unsigned mask = cell_header_words(r, i, words);
        if (mask == 0)
            continue;
        for (size_t q = 0; q < HQ_COUNT; q++)
            if (at[q] < 0 && (mask & header_queries[q].need) && !(mask & header_queries[q].avoid))
                at[q] = (long)i;
    }
}

/* The first of two answers that is there, or -1. */
static long either(long first, long second)
{
    return first >= 0 ? first : second;
}

/* The indicator block's header row: names the 三级指标 (or 二级), a
 * score and a deviation column. */
static int read_header(const fl_row *r, const fl_matcher *words, cols *c)
{
    /* Every row is asked: most are let go by the first test. */
    if (!names_indicator_level(r))
        return 0;
    long at[HQ_COUNT];
    find_header_cells(r, words, at);
    c->name = either(at[HQ_LEVEL3], at[HQ_LEVEL2]);
    c->reason = either(at[HQ_DEVIATION], at[HQ_UNDONE_CAUSE]);
    c->score = at[HQ_SCORE];
    c->weight = either(at[HQ_WEIGHT], at[HQ_WEIGHT_SHARE]);
    if (c->name < 0 || c->reason < 0 || c->score < 0 || c->weight < 0)
        return 0;
    c->rate = at[HQ_RATE];
    c->target = either(at[HQ_YEAR_TARGET], either(at[HQ_TARGET], at[HQ_INDICATOR_VALUE]));
    c->actual = either(at[HQ_ACTUAL_DONE], either(at[HQ_PERFORMANCE], at[HQ_ACTUAL_VALUE]));
    return 1;
}

/* A plain number (a score), not a percentage or an amount with a unit. */
static int score_at(const fl_row *r, long col, fl_dec *out)
{
    if (col < 0)
        return 0;
    const fl_cell *c = fl_row_cell(r, (size_t)col);
    fl_number n;
    if (c == NULL || !fl_cell_number(c, &n) || n.is_empty)
        return 0;
    if (n.unit != FL_UNIT_NONE && n.unit != FL_UNIT_POINTS)
        return 0;
    *out = n.value;
    return 1;
}

static int percent_at(const fl_row *r, long col, fl_dec *out)
{
    if (col < 0)
        return 0;
    const fl_cell *c = fl_row_cell(r, (size_t)col);
    fl_number n;
    if (c == NULL || !fl_cell_number(c, &n) || n.is_empty || n.unit != FL_UNIT_PERCENT)
        return 0;
    *out = n.value;
    return 1;
}

static int cell_is_number(const fl_row *r, long col)
{
    fl_number n;
    const fl_cell *c = col >= 0 ? fl_row_cell(r, (size_t)col) : NULL;
    return c != NULL && fl_cell_number(c, &n) && !n.is_empty;
}

/* The shift that aligns row r to the header: the weight and score cells
 * must be scores, the cell after the score (when the header has text
 * there) must not be a number, and a 完成率 cell, if any, a percentage.
 * *weight and *score get the two scores at that shift. */
static int find_shift(const fl_row *r, const cols *c, long *shift, fl_dec *weight, fl_dec *score)
{
    static const long tries[] = { 0, -1, 1, -2, 2 };
    for (size_t k = 0; k < sizeof tries / sizeof *tries; k++) {
        long s = tries[k];
        fl_dec w, sc, rate;
        if (c->weight + s < 0 || c->score + s < 0)
            continue;
        if (!score_at(r, c->weight + s, &w) || !score_at(r, c->score + s, &sc))
            continue;
        if (w.micros <= 0 || fl_dec_cmp(w, fl_dec_from_int(100)) > 0)
            continue;
        if (c->reason == c->score + 1 && cell_is_number(r, c->reason + s))
            continue;
        if (c->rate >= 0 && c->rate + s >= 0) {
            const fl_cell *rc = fl_row_cell(r, (size_t)(c->rate + s));
            if (rc != NULL && *fl_cell_norm(rc) && !percent_at(r, c->rate + s, &rate))
                continue;
        }
        *shift = s;
        *weight = w;
        *score = sc;
        return 1;
    }
    return 0;
}

/* A target such as "≥ 95%", "<=18.04万元", "100%": comparison and number.
 * op is '>' (at least), '<' (at most) or '=' (exactly / unstated). */
static int parse_target(const char *t, char *op, fl_number *n, const char **unit_after)
{
    size_t i = 0;
    *op = '=';
    while (t[i] == ' ')
        i++;
    if (fl_str_starts(t + i, "≥") || fl_str_starts(t + i, "≧")) {
        *op = '>';
        i += 3;
    } else if (fl_str_starts(t + i, "≤") || fl_str_starts(t + i, "≦")) {
        *op = '<';
        i += 3;
    } else if (t[i] == '>' || t[i] == '<') {
        *op = t[i];
        i++;
        if (t[i] == '=')
            i++;
    } else if (t[i] == '=') {
        i++;
    }
    while (t[i] == ' ')
        i++;
    size_t used = fl_parse_number(t + i, n);
    if (used == 0 || n->is_empty)
        return 0;
    *unit_after = t + i + used;
    return 1;
}

/* Completion judged from 年度指标值 (A) and 实际完成值 (B) when both are
 * numbers in the same unit.  Returns 1 when the target was missed. */
static int target_missed(const fl_row *r, const cols *c, long s, char *why, size_t size)
{
    char abuf[256], bbuf[256];
    if (c->target < 0 || c->actual < 0)
        return 0;
    const char *a = cell_plain(r, c->target + s, abuf, sizeof abuf);
    const char *b = cell_plain(r, c->actual + s, bbuf, sizeof bbuf);
    /* the same text reads the same: met, or no numbers (many rows write
     * their target again as done: on the sample 11,662 parses → 6,754) */
    if (strcmp(a, b) == 0)
        return 0;
    char opa, opb;
    fl_number na, nb;
    const char *ua, *ub;
    if (!parse_target(a, &opa, &na, &ua) || !parse_target(b, &opb, &nb, &ub))
        return 0;
    if (na.unit != nb.unit || strcmp(ua, ub) != 0)
        return 0; /* not comparable: "10个工作日" vs "8日内" */
    int cmp = fl_dec_cmp(nb.value, na.value);
    int missed = (opa == '>' && cmp < 0) || (opa == '<' && cmp > 0) ||
                 (opa == '=' && cmp != 0);
    if (missed)
        snprintf(why, size, "实际完成值%s未达到年度指标值%s", b, a);
    return missed;
}

/* 1 when the row's label holds 合计, 总分, 总计 or 自评等级.  Asked of
 * every row of a block: one strpbrk for the last bytes of 合 总 自 (88 BB
 * AA, one byte in thirty together) where four strstr read the label. */
static int is_total_row(const fl_row *r)
{
    const char *l = fl_row_label(r);
    for (const char *p = strpbrk(l, "\x88\xBB\xAA"); p != NULL; p = strpbrk(p + 1, "\x88\xBB\xAA")) {
        if (p - l < 2)
            continue;
        const char *c = p - 2;
        if (fl_str_starts(c, "合计") || fl_str_starts(c, "总分") || fl_str_starts(c, "总计") ||
            fl_str_starts(c, "自评等级"))
            return 1;
    }
    return 0;
}

static void check_row(fl_report *rep, const fl_table *t, const fl_row *r, const cols *c,
                      const mc_options *o)
{
    long s;
    fl_dec w = { 0 }, sc = { 0 }, rate = { 0 }; /* find_shift() sets both with s */
    if (!find_shift(r, c, &s, &w, &sc))
        return;
    char why[600], a[40], b[40], namebuf[256], reasonbuf[512];
    int low = fl_dec_cmp(sc, w) < 0;
    int has_rate = !low && c->rate >= 0 && percent_at(r, c->rate + s, &rate);
    why[0] = '\0';
    if (has_rate && fl_dec_cmp(rate, fl_dec_from_int(100)) == 0)
        return;
    if (!low && !has_rate && !target_missed(r, c, s, why, sizeof why))
        return;
    const char *reason = cell_plain(r, c->reason + s, reasonbuf, sizeof reasonbuf);
    if (reason[0] != '\0' && !mc_is_placeholder(reason, strlen(reason), o))
        return;
    /* written only now: most rows that miss give their reason */
    if (low)
        snprintf(why, sizeof why, "得分%s低于分值%s", fl_dec_format(sc, 2, a, sizeof a),
                 fl_dec_format(w, 2, b, sizeof b));
    else if (has_rate)
        snprintf(why, sizeof why, "完成率为%s%%", fl_dec_format(rate, 0, a, sizeof a));
    const char *name = cell_plain(r, c->name + s, namebuf, sizeof namebuf);
    if (name[0] == '\0') {
        snprintf(namebuf, sizeof namebuf, "%s", fl_row_label(r));
        name = namebuf;
    }
    fl_finding *f = fl_report_add(rep, "empty-deviation-reason", FL_SEV_WARNING,
                                  "绩效自评表指标“%s”%s，但“偏差原因分析”栏%s", name, why,
                                  reason[0] ? "只填了占位内容" : "为空");
    fl_finding_set_table(f, t);
    fl_finding_set_row(f, r);
    fl_finding_set_line(f, fl_row_line(r), 0);
    fl_finding_set_row_label(f, name);
    fl_finding_set_column(f, "偏差原因分析及改进措施");
    if (low)
        fl_finding_set_values(f, w, sc);
    else if (has_rate)
        fl_finding_set_values(f, fl_dec_from_int(100), rate);
    fl_finding_set_suggestion(f, "在该指标的“偏差原因分析及改进措施”栏写明未完成（或超出）目标、"
                                 "扣分的原因和下一步改进措施。");
}

static void check_table(fl_report *rep, const fl_table *t, const mc_options *o)
{
    size_t n = fl_table_row_count(t);
    int in_block = 0;
    cols c;
    for (size_t i = 0; i < n; i++) {
        const fl_row *r = fl_table_row(t, i);
        cols h;
        if (read_header(r, o->header_words, &h)) {
            c = h;
            in_block = 1;
            continue;
        }
        if (!in_block)
            continue;
        if (is_total_row(r)) {
            in_block = 0;
            continue;
        }
        check_row(rep, t, r, &c, o);
    }
}

int mc_rule_deviation_reason(const fl_document *doc, fl_report *rep, const mc_options *o)
{
    size_t n = fl_doc_table_count(doc);
    for (size_t i = 0; i < n; i++)
        check_table(rep, fl_doc_table(doc, i), o);
    return 0;
}
