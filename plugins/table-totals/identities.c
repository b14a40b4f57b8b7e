/* identities.c — rule row-identity: identities across the columns of one
 * row, found by column labels (never by position):
 *   本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出
 *   本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入
 *   小计/合计 = 基本支出 + 项目支出                       (财政拨款支出表)
 *   合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款 (财政拨款总表)
 *   年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出    (政府性基金表) */
#include <stdio.h>
#include <string.h>

#include "tt.h"

#define MAX_PARTS 8

typedef struct identity {
    const char *totals[3];            /* leaf names the total may have */
    const char *parts[MAX_PARTS];     /* leaf names of the addends */
    int negative[MAX_PARTS];          /* 1: subtract this part */
    size_t min_parts;                 /* addend columns that must exist */
    const char *formula;              /* for the message */
} identity;

static const identity identities[] = {
    { { "本年支出合计", NULL, NULL },
      { "基本支出", "项目支出", "上缴上级支出", "经营支出",
        "对附属单位补助支出", NULL }, { 0 }, 2, "同行各支出栏之和" },
    { { "本年收入合计", NULL, NULL },
      { "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
        "附属单位上缴收入", "其他收入", NULL }, { 0 }, 2, "同行各收入来源栏之和" },
    { { "小计", "合计", NULL },
      { "基本支出", "项目支出", NULL }, { 0 }, 2, "基本支出＋项目支出" },
    { { "合计", NULL, NULL },
      { "一般公共预算财政拨款", "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款", NULL }, { 0 }, 2, "三类财政拨款栏之和" },
    { { "年末结转和结余", NULL, NULL },
      { "年初结转和结余", "本年收入", "小计", NULL }, { 0, 0, 1 }, 3,
      "年初结转和结余＋本年收入－本年支出" },
};

/* Label of row `r` for a finding: the code and name left of `col`. */
static void row_name(const fl_row *r, size_t col, char *out, size_t size)
{
    char name[160];
    for (size_t k = col; k-- > 0;) {
        if (!tt_cell_is_text(r, k))
            continue;
        tt_clean_label(fl_cell_norm(fl_row_cell(r, k)), name, sizeof name);
        if (k > 0 && tt_cell_is_code(r, k - 1))
            snprintf(out, size, "%s %s",
                     fl_cell_norm(fl_row_cell(r, k - 1)), name);
        else
            snprintf(out, size, "%s", name);
        return;
    }
    tt_clean_label(fl_row_label(r), out, size);
}

static void check_identity(tt_ctx *c, const fl_table *t, const identity *id)
{
    long total = -1;
    for (int i = 0; i < 3 && id->totals[i] != NULL && total < 0; i++)
        total = tt_col_by_leaf(t, id->totals[i], 0);
    if (total < 0)
        return;
    long cols[MAX_PARTS];
    size_t found = 0, nparts = 0;
    for (; nparts < MAX_PARTS && id->parts[nparts] != NULL; nparts++) {
        /* parts sit right of the total (年末 is the exception: left) */
        cols[nparts] = tt_col_by_leaf(t, id->parts[nparts], 0);
        if (cols[nparts] == total)
            cols[nparts] = -1;
        if (cols[nparts] >= 0)
            found++;
    }
    if (found < id->min_parts)
        return;
    char column[128];
    tt_col_leaf(t, (size_t)total, column, sizeof column);
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        fl_dec actual;
        if (fl_row_is_header(r) || !tt_cell_dec(t, r, (size_t)total, &actual))
            continue;
        tt_addend add[MAX_PARTS];
        char labels[MAX_PARTS][64];
        size_t n = 0, numbers = 0;
        for (size_t p = 0; p < nparts; p++) {
            if (cols[p] < 0)
                continue;
            fl_dec v = { 0 };
            if (tt_cell_dec(t, r, (size_t)cols[p], &v))
                numbers++;
            if (id->negative[p]) {
                v.micros = -v.micros;
                snprintf(labels[n], sizeof labels[n], "减：%s",
                         id->parts[p]);
            } else {
                snprintf(labels[n], sizeof labels[n], "%s", id->parts[p]);
            }
            add[n].label = labels[n];
            add[n].value = v;
            n++;
        }
        if (numbers == 0)
            continue;
        char rname[200], what[400];
        row_name(r, (size_t)total, rname, sizeof rname);
        snprintf(what, sizeof what, "%s行：“%s”应等于%s", rname, column,
                 id->formula);
        tt_where w = { .table = t, .row = r, .row_label = rname,
                       .column = column };
        tt_check_sum(c, "row-identity", &w, what, actual, add, n);
    }
}

void tt_rule_row_identity(tt_ctx *c, const fl_table *t)
{
    tt_kind kind = tt_table_kind(t);
    if (kind == TT_SANGONG || kind == TT_SUMMARY)
        return;
    for (size_t i = 0; i < sizeof identities / sizeof identities[0]; i++) {
        /* 小计 = 基本 + 项目 would repeat the 本年支出合计 identity */
        if (i == 2 && tt_col_by_leaf(t, "本年支出合计", 0) >= 0)
            continue;
        check_identity(c, t, &identities[i]);
    }
}
