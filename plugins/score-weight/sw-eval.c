/* sw-eval.c — find the 绩效自评表 of a document and read each one into an
 * sw_eval: its funding block, indicator rows and total row.
 *
 * Columns are located by the indicator sub-header row inside the table
 * (一级指标 / 三级指标 / 分值 or 权重 / 得分 …), never by fixed position.
 * Rows converted from PDF are sometimes shifted by a cell, so each row is
 * aligned to the sub-header by the offset at which its 分值 and 得分 cells
 * both hold numbers.  Tables are scanned row by row across table
 * boundaries, because a reader may split one evaluation at a page break or
 * merge several evaluations into one table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw.h"

typedef struct sw_cols {
    long l1, l2, l3, target, actual, weight, score, rate, cause;
} sw_cols;

typedef enum scan_mode { MODE_NONE, MODE_FUNDING, MODE_GOALS, MODE_INDICATORS } scan_mode;

typedef struct scan {
    sw_evals *out;
    sw_eval cur;
    int open;                 /* cur holds an evaluation being read */
    scan_mode mode;
    sw_cols cols;
    const char *l1, *l2;      /* carried down over merged cells */
    long goal_col;            /* column of 预期目标 under 年度总体目标 */
    fl_dec fund_points;       /* "(10分)" of the funding header */
    int oom;
} scan;

/* 1 when t has no space or tab and fits in n bytes: sw_squeeze() would
 * copy it as it is.  A plain loop: strcspn() costs more on such short
 * texts.  '\0', '\t' and ' ' are all below '!': one comparison passes
 * every other byte but a control character. */
static int squeezes_to_itself(const char *t, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if ((unsigned char)t[k] > ' ')
            continue;
        if (t[k] == '\0')
            return 1;
        if (t[k] == ' ' || t[k] == '\t')
            return 0;
    }
    return 0;
}

/* First non-empty cell, without spaces ("合 计" -> "合计") and cut to
 * n - 1 bytes as sw_squeeze() gives it into buf.  A cell that has no
 * space and fits (nearly every one) is returned as it is, not copied:
 * this is asked for every row of every table. */
static const char *row_first(const fl_row *r, char *buf, size_t n, size_t *col)
{
    size_t cnt = fl_row_cell_count(r);

    for (size_t i = 0; i < cnt; i++) {
        const char *t = sw_cell(r, (long)i);
        if (*t) {
            if (col)
                *col = i;
            if (squeezes_to_itself(t, n))
                return t;
            return sw_squeeze(t, buf, n);
        }
    }
    buf[0] = '\0';
    return buf;
}

static int row_has(const fl_row *r, const char *needle)
{
    size_t cnt = fl_row_cell_count(r);

    for (size_t i = 0; i < cnt; i++)
        if (sw_contains(sw_cell(r, (long)i), needle))
            return 1;
    return 0;
}

static int indicator_header(const fl_row *r, sw_cols *c)
{
    size_t cnt = fl_row_cell_count(r);
    char t[256];

    c->l1 = c->l2 = c->l3 = c->target = c->actual = -1;
    c->weight = c->score = c->rate = c->cause = -1;
    /* a header has a 一级指标 or 三级指标 column: a row without 级指标
     * (even uncut) is not copied and searched cell by cell */
    if (!sw_row_holds_squeezed(r, "级指标"))
        return 0;
    for (size_t i = 0; i < cnt; i++) {
        long col = (long)i;
        sw_squeeze(sw_cell(r, col), t, sizeof t);
        if (!t[0])
            continue;
        /* a column found is not looked for again: its test comes first */
        if (c->l1 < 0 && strstr(t, "一级指标"))
            c->l1 = col;
        else if (c->l2 < 0 && strstr(t, "二级指标"))
            c->l2 = col;
        else if (c->l3 < 0 && strstr(t, "三级指标"))
            c->l3 = col;
        else if (c->cause < 0 && (strstr(t, "偏差原因") || strstr(t, "未完成原因")))
            c->cause = col;
        else if (c->rate < 0 && strstr(t, "完成率"))
            c->rate = col;
        else if (c->score < 0 && strstr(t, "得分") && !strstr(t, "分值"))
            c->score = col;
        else if (c->weight < 0 && (strstr(t, "分值") || strstr(t, "权重")))
            c->weight = col;
        else if (c->actual < 0 && (strstr(t, "实际完成") || strstr(t, "业绩值") || strstr(t, "实际值")
                                   || strstr(t, "完成值")))
            c->actual = col;
        else if (c->target < 0 && (strstr(t, "指标值") || strstr(t, "目标值")) && !strstr(t, "依据"))
            c->target = col;
    }
    return (c->l3 >= 0 || c->l1 >= 0) && c->weight >= 0 && c->score >= 0;
}

static int funding_header(const fl_row *r)
{
    return row_has(r, "预算数") && row_has(r, "得分") && !row_has(r, "一级指标");
}

/* The block's points from "项目预算执行情况 (10分)"; 10 when not stated. */
static fl_dec funding_points(const fl_row *r)
{
    size_t cnt = fl_row_cell_count(r);

    for (size_t i = 0; i < cnt; i++) {
        const char *t = sw_cell(r, (long)i), *p = strchr(t, '(');
        fl_number n;
        size_t used;
        if (!p)
            continue;
        p++;
        while (*p == ' ')
            p++;
        used = fl_parse_number(p, &n);
        if (used > 0 && !n.is_empty && n.value.micros > 0
            && (n.unit == FL_UNIT_POINTS || strncmp(p + used, "分", strlen("分")) == 0))
            return n.value;
    }
    return fl_dec_from_int(10);
}

static int is_total_label(const char *lab)
{
    static const char *const labels[] = {
        "合计", "总分", "总计", "合计得分", "总得分", "自评总分", "自评得分合计", NULL
    };
    /* asked of every indicator row: most begin with none of 合, 总, 自 */
    if (!fl_str_starts(lab, "合") && !fl_str_starts(lab, "总") && !fl_str_starts(lab, "自"))
        return 0;
    for (size_t i = 0; labels[i]; i++)
        if (strcmp(lab, labels[i]) == 0)
            return 1;
    return 0;
}

/* How messages name the table: by its project, else by its title. */
static void label_eval(sw_eval *e)
{
    const char *title = e->table ? fl_table_title(e->table) : NULL;

    if (e->project[0])
        snprintf(e->label, sizeof e->label, "“%s”绩效自评表", e->project);
    else if (title && *title)
        snprintf(e->label, sizeof e->label, "“%s”", title);
    else
        snprintf(e->label, sizeof e->label, "第%zu行起的评分表", e->line);
}

static void eval_reset(sw_eval *e)
{
    memset(e, 0, sizeof *e);
}

/* Keep the evaluation being read when it has indicator rows. */
static void close_eval(scan *s)
{
    sw_evals *o = s->out;

    /* Nothing is written to cur or mode while no evaluation is open, so
     * they are still as reset: called at every table, this is the
     * common case. */
    if (!s->open)
        return;
    if (s->cur.nind > 0) {
        label_eval(&s->cur);
        sw_project_key(s->cur.project, s->cur.key, sizeof s->cur.key);
        if (o->count == o->cap) {
            size_t ncap = o->cap ? o->cap * 2 : 8;
            sw_eval *n = realloc(o->items, ncap * sizeof *n);
            if (!n) {
                s->oom = 1;
                free(s->cur.ind);
            } else {
                o->items = n;
                o->cap = ncap;
                o->items[o->count++] = s->cur;
            }
        } else {
            o->items[o->count++] = s->cur;
        }
    } else {
        free(s->cur.ind);
    }
    eval_reset(&s->cur);
    s->open = 0;
    s->mode = MODE_NONE;
}

static void open_eval(scan *s, const fl_table *t, const fl_row *r)
{
    close_eval(s);
    s->open = 1;
    s->cur.table = t;
    s->cur.line = s->cur.end_line = fl_row_line(r);
}

/* "→年度资金总额→575.00→335.48→335.48→10→100.00%→10.00": the 执行率 is
 * the percent cell, the 得分 the number after it, the 分值 the number
 * before it when that equals the block's points (some rows leave the 分值
 * out), and A, B the last two amounts before the 分值. */
static int parse_funding(sw_eval *e, const fl_row *r, fl_dec points)
{
    size_t cnt = fl_row_cell_count(r);
    fl_dec vals[32];
    int decs[32];
    size_t nv = 0, pct_at = (size_t)-1, namounts;
    fl_dec pct = { 0 }, score = { 0 };
    int have_score = 0, score_dec = 0;

    for (size_t i = 1; i < cnt && nv < 32; i++) {
        const char *t = sw_cell(r, (long)i);
        fl_dec v;
        int d;
        if (pct_at == (size_t)-1 && sw_text_percent(t, &v)) {
            pct = v;
            pct_at = nv;
        } else if (sw_text_score(t, &v, &d)) {
            if (pct_at != (size_t)-1) {
                score = v;
                score_dec = d;
                have_score = 1;
                break;
            }
            decs[nv] = d;
            vals[nv++] = v;
        }
    }
    if (pct_at == (size_t)-1 || !have_score || pct_at == 0)
        return 0;
    e->has_funding = 1;
    e->funding_row = r;
    e->fund_weight = points;
    /* the amounts end where the 分值 cell is, or at the 执行率 without one */
    namounts = fl_dec_cmp(vals[pct_at - 1], points) == 0 ? pct_at - 1 : pct_at;
    e->fund_score = score;
    e->fund_score_decimals = score_dec;
    e->has_rate = 1;
    e->fund_rate = pct;
    if (namounts >= 2) {
        e->fund_a = vals[namounts - 2];
        e->fund_a_decimals = decs[namounts - 2];
        e->fund_b = vals[namounts - 1];
        e->has_ab = 1;
    }
    /* 年初预算数 precedes A when the row has all three amounts */
    if (namounts >= 3) {
        e->fund_initial = vals[namounts - 3];
        e->has_initial = 1;
    }
    return 1;
}

static const long offsets[] = { 0, -1, 1, -2, 2 };

static const char *cell_at(const fl_row *r, long col, long off)
{
    return col < 0 ? "" : sw_cell(r, col + off);
}

static void parse_indicator(scan *s, const fl_row *r)
{
    const sw_cols *c = &s->cols;
    sw_indicator in;
    fl_dec w, sc;
    int wd, sd;
    long off = 0;
    size_t k;

    for (k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
        off = offsets[k];
        if (c->weight + off < 0 || c->score + off < 0)
            continue;
        if (sw_text_score(cell_at(r, c->weight, off), &w, &wd)
            && sw_text_score(cell_at(r, c->score, off), &sc, &sd))
            break;
    }
    if (k == sizeof offsets / sizeof offsets[0])
        return;
    memset(&in, 0, sizeof in);
    if (*cell_at(r, c->l1, off))
        s->l1 = cell_at(r, c->l1, off);
    if (*cell_at(r, c->l2, off))
        s->l2 = cell_at(r, c->l2, off);
    in.row = r;
    in.level1 = s->l1 ? s->l1 : "";
    in.level2 = s->l2 ? s->l2 : "";
    in.name = cell_at(r, c->l3, off);
    if (!*in.name)
        in.name = in.level2;
    in.target = cell_at(r, c->target, off);
    in.has_target_value = sw_value_parse(in.target, &in.target_value);
    in.actual = cell_at(r, c->actual, off);
    in.cause = cell_at(r, c->cause, off);
    in.weight = w;
    in.score = sc;
    in.score_decimals = sd;
    if (c->rate >= 0 && sw_text_percent(cell_at(r, c->rate, off), &in.rate))
        in.has_rate = 1;
    if (s->cur.nind == s->cur.cap) {
        size_t ncap = s->cur.cap ? s->cur.cap * 2 : 16;
        sw_indicator *n = realloc(s->cur.ind, ncap * sizeof *n);
        if (!n) {
            s->oom = 1;
            return;
        }
        s->cur.ind = n;
        s->cur.cap = ncap;
    }
    s->cur.ind[s->cur.nind++] = in;
}

static void parse_total(sw_eval *e, const fl_row *r, size_t label_col)
{
    size_t cnt = fl_row_cell_count(r);
    int seen = 0;

    e->total_row = r;
    for (size_t i = label_col + 1; i < cnt; i++) {
        const char *t = sw_cell(r, (long)i);
        fl_dec v;
        int d;
        char sq[64];
        if (sw_text_score(t, &v, &d)) {
            if (seen++ == 0) {
                e->total_score = v;
                e->total_decimals = d;
            } else if (seen == 2) {
                /* two numbers: the first is the 分值 total, the second the score */
                e->total_weight = e->total_score;
                e->has_total_weight = 1;
                e->total_score = v;
                e->total_decimals = d;
            }
            continue;
        }
        sw_squeeze(t, sq, sizeof sq);
        if (!e->grade && (strcmp(sq, "优") == 0 || strcmp(sq, "良") == 0
                          || strcmp(sq, "中") == 0 || strcmp(sq, "差") == 0))
            e->grade = sw_grade_parse(sq);
    }
    e->has_total_score = seen > 0;
}

static void project_name(sw_eval *e, const fl_row *r, size_t label_col)
{
    size_t cnt = fl_row_cell_count(r);

    for (size_t i = label_col + 1; i < cnt; i++) {
        const char *t = sw_cell(r, (long)i);
        if (*t) {
            sw_squeeze(t, e->project, sizeof e->project);
            return;
        }
    }
}

/* A goal is prose: at least 10 characters (30 bytes of UTF-8). */
static int is_prose(const char *t)
{
    return strlen(t) >= 30;
}

/* The 预期目标 cell of a goal row, when it holds prose. */
static void take_goal(scan *s, const fl_row *r)
{
    const char *t;

    if (s->cur.goal_row || s->goal_col < 0)
        return;
    t = sw_cell(r, s->goal_col);
    if (is_prose(t)) {
        s->cur.goal_row = r;
        s->cur.goal = t;
    }
}

/* "年度总体目标 | 预期目标 | 实际完成情况": the goal column is the one that
 * names 预期目标 (or 目标 without 完成); the goal text is on the next row,
 * or on this one when the header cell is followed by prose. */
static void goal_header(scan *s, const fl_row *r, size_t lab_col)
{
    size_t cnt = fl_row_cell_count(r);

    s->goal_col = -1;
    for (size_t i = lab_col + 1; i < cnt; i++) {
        const char *t = sw_cell(r, (long)i);
        if (strstr(t, "目标") && !strstr(t, "完成") && !is_prose(t)) {
            s->goal_col = (long)i;
            return;
        }
    }
    for (size_t i = lab_col + 1; i < cnt; i++) {
        if (is_prose(sw_cell(r, (long)i))) {
            s->goal_col = (long)i;
            take_goal(s, r);
            return;
        }
    }
}

/* `names_score`: the row names 得分 (sw_score_row()); both headers do,
 * so other rows (nearly all) are not searched for their column words. */
static void scan_row(scan *s, const fl_table *t, const fl_row *r, int names_score)
{
    char buf[256];
    size_t lab_col = 0;
    sw_cols cols;
    const char *lab = row_first(r, buf, sizeof buf, &lab_col);

    if (!lab[0])
        return;
    if (s->open)
        s->cur.end_line = fl_row_line(r);
    if (fl_row_cell_count(r) <= 2 && strstr(lab, "自评表")) {
        close_eval(s);              /* a title row: the next evaluation starts */
        return;
    }
    if (fl_str_starts(lab, "项目名称") || fl_str_starts(lab, "单位名称")) {
        open_eval(s, t, r);
        project_name(&s->cur, r, lab_col);
        return;
    }
    if (names_score && funding_header(r)) {
        if (!s->open || s->cur.nind > 0)
            open_eval(s, t, r);
        s->fund_points = funding_points(r);
        s->mode = MODE_FUNDING;
        return;
    }
    if (names_score && indicator_header(r, &cols)) {
        if (!s->open || s->cur.nind > 0)
            open_eval(s, t, r);
        s->cols = cols;
        s->l1 = s->l2 = NULL;
        s->mode = MODE_INDICATORS;
        return;
    }
    if (!s->open)
        return;
    if (s->mode == MODE_INDICATORS && is_total_label(lab)) {
        parse_total(&s->cur, r, lab_col);
        close_eval(s);
        return;
    }
    if (s->mode == MODE_FUNDING) {
        if (strstr(lab, "总体目标") || strstr(lab, "绩效目标")) {
            s->mode = MODE_GOALS;
            goal_header(s, r, lab_col);
        } else if (!s->cur.has_funding) {
            parse_funding(&s->cur, r, s->fund_points);
        }
        return;
    }
    if (s->mode == MODE_GOALS) {
        take_goal(s, r);
        return;
    }
    if (s->mode == MODE_INDICATORS)
        parse_indicator(s, r);
}

/* An evaluation left open at a table's end continues into the next table
 * only when that one has no title of its own (a page break). */
static int continues(const scan *s, const fl_table *t)
{
    const char *title = fl_table_title(t);

    return s->open && s->mode == MODE_INDICATORS
           && (!title || !*title || strstr(title, "自评表"));
}

int sw_evals_collect(const fl_document *doc, const sw_score_rows *rows, sw_evals *out)
{
    scan s;
    size_t nt = fl_doc_table_count(doc);

    memset(&s, 0, sizeof s);
    memset(out, 0, sizeof *out);
    /* An evaluation is kept only with indicators, read under a header
     * that names 得分: without one (most reports) there is none. */
    if (rows->count == 0)
        return 0;
    s.out = out;
    for (size_t i = 0; i < nt && !s.oom; i++) {
        const fl_table *t = fl_doc_table(doc, i);
        size_t nr = fl_table_row_count(t);
        if (!continues(&s, t))
            close_eval(&s);
        for (size_t j = 0; j < nr && !s.oom; j++)
            scan_row(&s, t, fl_table_row(t, j), sw_score_row(rows, i, j));
    }
    close_eval(&s);
    return s.oom ? -1 : 0;
}

void sw_evals_free(sw_evals *e)
{
    for (size_t i = 0; i < e->count; i++)
        free(e->items[i].ind);
    free(e->items);
    memset(e, 0, sizeof *e);
}
