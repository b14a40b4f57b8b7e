/* sg-table.c — reading the 三公 table, whatever its shape:
 *   A. items are columns, a 预算数 block then a 决算数 block (national
 *      template, 公开09表): one data row;
 *   B. items are rows, 预算数 and 决算数 are columns;
 *   C. items are columns, one 预算数 row and one 决算数 row.
 * Columns and rows are recognised by their labels, never by position,
 * because converted PDFs shift merged header cells (seed 003 prints 决算数
 * in column 12 above data that ends in column 11). */
#include <stdio.h>
#include <string.h>

#include "sg.h"

static const char *cell_at(const fl_row *r, size_t c)
{
    const fl_cell *cell = fl_row_cell(r, c);
    const char *s = cell ? fl_cell_norm(cell) : NULL;
    return s ? s : "";
}

/* 1 when `s` is blank (spaces only). */
static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

/* Number of cells holding a number (blank markers "-" included when
 * `with_empty`), and whether they all look like 栏次 (1, 2, 3 …). */
static size_t numbers_in(const fl_row *r, int with_empty, int *is_lanci)
{
    size_t count = 0;
    int seq = 1;
    int64_t want = 1;
    for (size_t c = 0; c < fl_row_cell_count(r); c++) {
        const fl_cell *cell = fl_row_cell(r, c);
        fl_number n;
        if (cell == NULL || !fl_cell_number(cell, &n))
            continue;
        if (n.is_empty) {
            if (with_empty)
                count++;
            continue;
        }
        count++;
        if (n.decimals != 0 || n.value.micros != want * FL_DEC_SCALE)
            seq = 0;
        want++;
    }
    if (is_lanci)
        *is_lanci = seq && count >= 2;
    return count;
}

/* 1 when r has a number and its numbers are not 栏次 (numbers_in()),
 * and its label is not 栏次 either. */
static int is_data_row(const fl_row *r)
{
    /* Numbers first: header rows, most of those asked about, have none.
     * The first number out of the sequence 1, 2, 3 … settles it (most
     * data rows: their first). */
    size_t n = fl_row_cell_count(r), count = 0;
    int seq = 1;
    for (size_t c = 0; c < n && seq; c++) {
        const fl_cell *cell = fl_row_cell(r, c);
        fl_number num;
        if (cell == NULL || !fl_cell_number(cell, &num) || num.is_empty)
            continue;
        count++;
        if (num.decimals != 0 || num.value.micros != (int64_t)count * FL_DEC_SCALE)
            seq = 0;
    }
    if (count == 0 || (seq && count >= 2))
        return 0;
    return strstr(fl_row_label(r), "栏次") == NULL;
}

/* Item named by the header of column c: the lowest label that names an
 * item; 小计 takes the item of the nearest label above it (and to its
 * left, where a merged cell printed it). */
static int column_item(const fl_table *t, size_t nlabel, size_t c)
{
    for (size_t r = nlabel; r-- > 0;) {
        const char *s = cell_at(fl_table_row(t, r), c);
        if (blank(s))
            continue;
        if (strstr(s, "小计")) {
            int own = sg_item_of_label(s); /* “三公”经费小计 in one cell */
            if (own != SG_ITEM_NONE)
                return own;
            for (size_t up = r; up-- > 0;)
                for (size_t cc = c + 1; cc-- > 0;) {
                    const char *u = cell_at(fl_table_row(t, up), cc);
                    if (blank(u))
                        continue;
                    int item = sg_item_of_label(u);
                    if (item >= 0)
                        return item;
                    break;
                }
            return SG_ITEM_NONE;
        }
        int item = sg_item_of_label(s);
        if (item != SG_ITEM_NONE)
            return item;
    }
    return SG_ITEM_NONE;
}

/* Group named by a short label ("预算数", "全年预算数", "决算数"). */
static int group_of(const char *s)
{
    if (strlen(s) > 24)
        return SG_GROUP_NONE;
    /* One pass over the short label, each word told at its first byte,
     * where seven strstr read it seven times. */
    int b = 0, f = 0;
    for (const char *p = s; *p; p++) {
        switch ((unsigned char)*p) {
        case '%':
            return SG_GROUP_NONE;
        case 0xE5: /* 差 去 决 */
            if (fl_str_starts(p, "差异") || fl_str_starts(p, "去年"))
                return SG_GROUP_NONE;
            f = f || fl_str_starts(p, "决算");
            break;
        case 0xE7: /* 率 */
            if (fl_str_starts(p, "率"))
                return SG_GROUP_NONE;
            break;
        case 0xE4: /* 上 */
            if (fl_str_starts(p, "上年"))
                return SG_GROUP_NONE;
            break;
        case 0xE9: /* 预 */
            b = b || fl_str_starts(p, "预算");
            break;
        }
    }
    if (b == f)
        return SG_GROUP_NONE;
    return b ? SG_BUDGET : SG_FINAL;
}

static void store(sg_table *st, int group, int item, const fl_row *r, size_t c)
{
    if (group < 0 || item < 0)
        return;
    st->present[group] = 1;
    if (st->v[group][item].have)
        return;
    const fl_cell *cell = fl_row_cell(r, c);
    fl_number n;
    if (cell == NULL || !fl_cell_number(cell, &n))
        return;
    sg_tcell *v = &st->v[group][item];
    v->have = 1;
    v->value = n.is_empty ? fl_dec_from_int(0) : n.value;
    v->row = r;
    v->col = c;
    if (st->unit_is_yuan) {
        int ok;
        v->wan = fl_dec_div(v->value, fl_dec_from_int(10000), &ok);
    } else {
        v->wan = v->value;
    }
}

/* The group a column's own header cells name (lowest first). */
static int own_group(const fl_table *t, size_t nlabel, size_t c)
{
    for (size_t r = nlabel; r-- > 0;) {
        int g = group_of(cell_at(fl_table_row(t, r), c));
        if (g != SG_GROUP_NONE)
            return g;
    }
    return SG_GROUP_NONE;
}

/* Shape D: every item has its own 预算数 and 决算数 columns side by side
 * (Shanghai's 决算 三公 table, putuo-finance-2024 p18: 合计 · 因公出国（境）费
 * · 小计 · 购置费 · 运行费 · 公务接待费, each over 预算数 | 决算数).  The
 * item is printed over the first of its two columns only.  Returns 1 when
 * the table has that shape. */
static int read_paired_columns(const fl_table *t, sg_table *st, size_t nlabel,
                               const int *items, size_t ncols, const fl_row *data)
{
    size_t labelled = 0;
    int seen[SG_NGROUPS] = { 0, 0 };
    for (size_t c = 0; c < ncols; c++) {
        int g = own_group(t, nlabel, c);
        if (g != SG_GROUP_NONE) {
            labelled++;
            seen[g] = 1;
        }
    }
    /* The national template prints 预算数 and 决算数 once each, over
     * their blocks: that is shape A. */
    if (labelled < 4 || !seen[SG_BUDGET] || !seen[SG_FINAL])
        return 0;
    int item = SG_ITEM_NONE;
    for (size_t c = 0; c < ncols; c++) {
        int g = own_group(t, nlabel, c);
        if (items[c] != SG_ITEM_NONE)
            item = items[c];
        else if (g == SG_GROUP_NONE)
            item = SG_ITEM_NONE;
        if (g != SG_GROUP_NONE && item >= 0)
            store(st, g, item, data, c);
    }
    return 1;
}

/* Shapes A and C: items are columns. */
static void read_item_columns(const fl_table *t, sg_table *st, size_t nlabel,
                              const int *items, size_t ncols)
{
    size_t nrows = fl_table_row_count(t);
    /* Shape C: data rows labelled 预算数 / 决算数. */
    int by_rows = 0;
    for (size_t r = nlabel; r < nrows; r++)
        if (is_data_row(fl_table_row(t, r)) &&
            group_of(fl_row_label(fl_table_row(t, r))) != SG_GROUP_NONE)
            by_rows = 1;
    if (by_rows) {
        for (size_t r = nlabel; r < nrows; r++) {
            const fl_row *row = fl_table_row(t, r);
            int g = group_of(fl_row_label(row));
            for (size_t c = 0; g != SG_GROUP_NONE && c < ncols; c++)
                store(st, g, items[c], row, c);
        }
        return;
    }
    const fl_row *data = NULL;
    for (size_t r = nlabel; r < nrows && data == NULL; r++)
        if (is_data_row(fl_table_row(t, r)))
            data = fl_table_row(t, r);
    for (size_t r = nlabel; r < nrows; r++) {
        const fl_row *row = fl_table_row(t, r);
        const char *label = fl_row_label(row);
        if (is_data_row(row) && (strstr(label, "合计") || strstr(label, "总计"))) {
            data = row;
            break;
        }
    }
    if (data == NULL)
        return;
    if (read_paired_columns(t, st, nlabel, items, ncols, data))
        return;
    /* Shape A: the order of the header's 预算/决算 labels gives the order
     * of the blocks; a block ends where an item repeats. */
    int first = SG_GROUP_NONE, both = 0;
    for (size_t r = 0; r < nlabel; r++) {
        const fl_row *row = fl_table_row(t, r);
        for (size_t c = 0; c < fl_row_cell_count(row); c++) {
            int g = group_of(cell_at(row, c));
            if (g == SG_GROUP_NONE)
                continue;
            if (first == SG_GROUP_NONE)
                first = g;
            else if (g != first)
                both = 1;
        }
    }
    if (first == SG_GROUP_NONE) {
        const char *title = fl_table_title(t);
        first = title && strstr(title, "预算") && !strstr(title, "决算") ? SG_BUDGET : SG_FINAL;
    }
    int group = first, block = 0;
    int seen[SG_NITEMS] = { 0 };
    for (size_t c = 0; c < ncols; c++) {
        int item = items[c];
        if (item < 0)
            continue;
        if (seen[item]) {
            if (block == 1 || !both)
                break;
            block = 1;
            group = first == SG_BUDGET ? SG_FINAL : SG_BUDGET;
            memset(seen, 0, sizeof seen);
        }
        seen[item] = 1;
        store(st, group, item, data, c);
    }
}

/* Shape B: items are rows, 预算数 / 决算数 are columns. */
static void read_item_rows(const fl_table *t, sg_table *st, size_t nlabel, size_t ncols)
{
    long gcol[SG_NGROUPS] = { -1, -1 };
    for (size_t c = 0; c < ncols; c++) {
        int g = SG_GROUP_NONE;
        for (size_t r = 0; r < nlabel && g == SG_GROUP_NONE; r++)
            g = group_of(cell_at(fl_table_row(t, r), c));
        if (g == SG_GROUP_NONE)
            g = group_of(fl_table_column_label(t, c));
        /* The last one: 全年预算数 (adjusted) comes after 年初预算数. */
        if (g != SG_GROUP_NONE)
            gcol[g] = (long)c;
    }
    if (gcol[SG_BUDGET] < 0 && gcol[SG_FINAL] < 0)
        return;
    for (size_t r = nlabel; r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        int item = sg_item_of_label(fl_row_label(row));
        for (int g = 0; g < SG_NGROUPS; g++)
            if (gcol[g] >= 0)
                store(st, g, item, row, (size_t)gcol[g]);
    }
}

/* 1 when s starts with an economic-classification code of 302/303
 * (30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费 …). */
static int econ_code_at(const char *s)
{
    while (*s == ' ')
        s++;
    return s[0] == '3' && s[1] == '0' && (s[2] == '2' || s[2] == '3') && s[3] >= '0' &&
           s[3] <= '9' && s[4] >= '0' && s[4] <= '9';
}

/* 1 when an untitled table is an economic-classification (基本支出 /
 * 公用经费) table: its 30212 / 30217 / 30231 lines are not 三公 figures,
 * whatever their columns or rows are called. */
static int econ_table(const fl_table *t, size_t nlabel, size_t ncols)
{
    static const char *const words[] = { "基本支出", "经济分类", "经济科目", "公用经费",
                                         "商品和服务", "机关运行" };
    const char *title = fl_table_title(t);
    for (size_t i = 0; title && i < sizeof words / sizeof words[0]; i++)
        if (strstr(title, words[i]))
            return 1;
    for (size_t c = 0; c < ncols; c++) {
        if (econ_code_at(fl_table_column_label(t, c)) || strstr(fl_table_column_label(t, c), "办公费"))
            return 1;
        for (size_t r = 0; r < nlabel; r++)
            if (econ_code_at(cell_at(fl_table_row(t, r), c)))
                return 1;
    }
    for (size_t r = nlabel; r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        const char *code = fl_row_code(row);
        if ((code && econ_code_at(code)) || econ_code_at(fl_row_label(row)))
            return 1;
    }
    return 0;
}

/* 1 when a column or row label names 会议费 or 培训费. */
static int mt_label(const char *s)
{
    return s && (strstr(s, "会议费") || strstr(s, "培训费"));
}

/* 会议费 and 培训费 beside the 三公 figures, read on the row (items as
 * columns) or in the column (items as rows) of the 三公 合计. */
static void read_mt(const fl_table *t, sg_table *st, size_t nlabel, const int *items,
                    size_t ncols, int by_columns)
{
    for (int g = 0; g < SG_NGROUPS; g++) {
        const sg_tcell *tot = &st->v[g][SG_TOTAL];
        if (!tot->have || tot->row == NULL)
            continue;
        fl_dec sum = { 0 };
        int have = 0;
        if (by_columns) {
            /* Only one group in the table, or the column says which. */
            for (size_t c = 0; c < ncols; c++) {
                /* The cheap tests first: own_group reads the header. */
                if (items[c] != SG_ITEM_NONE || !mt_label(fl_table_column_label(t, c)))
                    continue;
                fl_number n;
                const fl_cell *cell = fl_row_cell(tot->row, c);
                int own = own_group(t, nlabel, c);
                if ((own != SG_GROUP_NONE && own != g) ||
                    (own == SG_GROUP_NONE && st->present[!g]) || cell == NULL ||
                    !fl_cell_number(cell, &n) || n.is_empty)
                    continue;
                sum = fl_dec_add(sum, n.value);
                have = 1;
            }
        } else {
            for (size_t r = nlabel; r < fl_table_row_count(t); r++) {
                const fl_row *row = fl_table_row(t, r);
                const fl_cell *cell = fl_row_cell(row, tot->col);
                fl_number n;
                if (!mt_label(fl_row_label(row)) || sg_item_of_label(fl_row_label(row)) >= 0 ||
                    cell == NULL || !fl_cell_number(cell, &n) || n.is_empty)
                    continue;
                sum = fl_dec_add(sum, n.value);
                have = 1;
            }
        }
        st->mt_have[g] = have;
        st->mt[g] = sum;
    }
}

/* The three 三公 items of group g added up; 0 when one is missing. */
static int three_items(const sg_table *st, int g, fl_dec *sum)
{
    const sg_tcell *v = st->v[g];
    if (!v[SG_ABROAD].have || !v[SG_RECEPTION].have)
        return 0;
    *sum = fl_dec_add(v[SG_ABROAD].value, v[SG_RECEPTION].value);
    if (v[SG_CAR].have)
        *sum = fl_dec_add(*sum, v[SG_CAR].value);
    else if (v[SG_CAR_BUY].have && v[SG_CAR_RUN].have)
        *sum = fl_dec_add(*sum, fl_dec_add(v[SG_CAR_BUY].value, v[SG_CAR_RUN].value));
    else
        return 0;
    return 1;
}

/* A 合计 that equals the 三公 items plus 会议费 and 培训费 is the grand
 * total of a “三公”经费、会议费、培训费 table when neither its label nor
 * its table calls it 三公: it is then no 三公 figure.  Otherwise the 三公
 * 合计 counts them (rule meeting-training-in-total). */
static void settle_total(const fl_table *t, sg_table *st, int by_columns)
{
    const char *title = fl_table_title(t);
    fl_dec tol = fl_dec_from_int(5);
    tol.micros /= 100; /* 0.01 per addend, five addends */
    for (int g = 0; g < SG_NGROUPS; g++) {
        sg_tcell *tot = &st->v[g][SG_TOTAL];
        fl_dec three;
        if (!tot->have || !st->mt_have[g] || fl_dec_is_zero(st->mt[g]) || !three_items(st, g, &three))
            continue;
        if (fl_dec_cmp(fl_dec_abs(fl_dec_sub(tot->value, three)), tol) <= 0 ||
            fl_dec_cmp(fl_dec_abs(fl_dec_sub(tot->value, fl_dec_add(three, st->mt[g]))), tol) > 0)
            continue;
        const char *label = by_columns ? fl_table_column_label(t, tot->col) : fl_row_label(tot->row);
        if (!strstr(label, "三公") && mt_label(title))
            memset(tot, 0, sizeof *tot);
        else
            st->total_has_mt[g] = 1;
    }
}

/* A 三公 table with no data row ("本表无数据", or the template): it is
 * one when its title says 三公 and its header names the items; the
 * groups it has come from its header, else from its title. */
static int read_blank(const fl_table *t, sg_table *out, size_t ncols)
{
    const char *title = fl_table_title(t);
    if (!(title && strstr(title, "三公")) || econ_table(t, fl_table_row_count(t), ncols))
        return 0;
    int items = 0;
    for (size_t r = 0; r < fl_table_row_count(t); r++) {
        const fl_row *row = fl_table_row(t, r);
        int lanci;
        if (numbers_in(row, 1, &lanci) > 0 && !lanci && !strstr(fl_row_label(row), "栏次"))
            out->evidence = 1;
        for (size_t c = 0; c < fl_row_cell_count(row); c++) {
            const char *s = cell_at(row, c);
            int item = sg_item_of_label(s), g = group_of(s);
            items |= item == SG_ABROAD ? 1 : item == SG_RECEPTION ? 2 : 0;
            if (g != SG_GROUP_NONE)
                out->present[g] = 1;
        }
    }
    if (items != 3)
        return 0;
    if (!out->present[SG_BUDGET] && !out->present[SG_FINAL]) {
        if (strstr(title, "决算"))
            out->present[SG_FINAL] = 1;
        else if (strstr(title, "预算"))
            out->present[SG_BUDGET] = 1;
    }
    return 2;
}

/* 1 when some header cell could name both 因公出国（境）费 and 公务接待费:
 * every keyword of the one holds 出国, the other's is 公务接待.  Tables
 * that fail this and whose title does not say 三公 are no 三公 tables,
 * and most tables are neither: this spares reading their columns. */
static int header_may_name_items(const fl_table *t, size_t nlabel, size_t ncols)
{
    int abroad = 0, reception = 0;
    for (size_t r = 0; r < nlabel; r++) {
        const fl_row *row = fl_table_row(t, r);
        size_t n = fl_row_cell_count(row);
        for (size_t c = 0; c < ncols && c < n; c++) {
            /* One pass over the (short) cell, not a strstr per word;
             * both words start with E5 (出, 公), looked for first. */
            for (const char *p = cell_at(row, c); *p; p++) {
                if (*p != '\xE5')
                    continue;
                abroad = abroad || sg_word_at(p, "出国");
                reception = reception || sg_word_at(p, "公务接待");
            }
            if (abroad && reception)
                return 1;
        }
    }
    return 0;
}

int sg_table_read(const fl_table *t, sg_table *out)
{
    memset(out, 0, sizeof *out);
    out->table = t;
    out->unit_is_yuan = fl_table_unit(t) == FL_UNIT_YUAN;
    size_t nrows = fl_table_row_count(t), ncols = fl_table_column_count(t);
    if (nrows == 0 || ncols == 0 || ncols > 4096)
        return 0;
    size_t nlabel = 0;
    while (nlabel < nrows && !is_data_row(fl_table_row(t, nlabel)))
        nlabel++;
    if (nlabel == nrows)
        return read_blank(t, out, ncols);

    const char *title = fl_table_title(t);
    int titled = title && strstr(title, "三公");
    if (!titled && !header_may_name_items(t, nlabel, ncols))
        return 0;
    int items[4096];
    size_t item_cols = 0;
    int has_abroad = 0, has_reception = 0;
    for (size_t c = 0; c < ncols; c++) {
        items[c] = column_item(t, nlabel, c);
        if (items[c] >= 0)
            item_cols++;
        has_abroad |= items[c] == SG_ABROAD;
        has_reception |= items[c] == SG_RECEPTION;
    }
    /* “三公”经费、会议费、培训费预算表: the first 合计 also counts 会议费
     * and 培训费; the 三公 total is the 小计 under “三公”经费. */
    int named_total = 0;
    for (size_t c = 0; c < ncols; c++)
        named_total |= items[c] == SG_TOTAL && strstr(fl_table_column_label(t, c), "三公");
    for (size_t c = 0; named_total && c < ncols; c++)
        if (items[c] == SG_TOTAL && !strstr(fl_table_column_label(t, c), "三公"))
            items[c] = SG_ITEM_NONE;
    /* A table whose title does not say 三公 is read only when its
     * columns name the 三公 items, and never when it is an economic-
     * classification table listing 30212 / 30217 / 30231 among others. */
    if (!titled && (!(has_abroad && has_reception) || econ_table(t, nlabel, ncols)))
        return 0;
    out->evidence = 1;
    int by_columns = item_cols >= 2;
    if (by_columns)
        read_item_columns(t, out, nlabel, items, ncols);
    else
        read_item_rows(t, out, nlabel, ncols);
    read_mt(t, out, nlabel, items, ncols, by_columns);
    settle_total(t, out, by_columns);
    for (int g = 0; g < SG_NGROUPS; g++)
        for (int i = 0; i < SG_NITEMS; i++)
            if (out->v[g][i].have)
                return 1;
    return out->present[SG_BUDGET] || out->present[SG_FINAL] ? 2 : 0;
}

int sg_table_group_zero(const sg_table *st, int g)
{
    for (int i = 0; i < SG_NITEMS; i++)
        if (st->v[g][i].have && !fl_dec_is_zero(st->v[g][i].value))
            return 0;
    return 1;
}

void sg_table_locate(fl_finding *f, const sg_table *st, int group, int item)
{
    fl_finding_set_table(f, st->table);
    const sg_tcell *v = &st->v[group][item];
    if (v->row)
        fl_finding_set_row(f, v->row);
    char col[128];
    snprintf(col, sizeof col, "%s/%s", sg_group_name(group), sg_item_name(item));
    fl_finding_set_column(f, col);
}
