/* util.c — labels, cells and table recognition shared by the rules. */
#include <stdint.h>
#include <string.h>

#include "tt.h"

int tt_str_has(const char *s, const char *needle)
{
    return s != NULL && needle != NULL && strstr(s, needle) != NULL;
}

/* Each numeral is 3 bytes led by E4 or E5: the character's three bytes
 * as one number are compared with theirs (一 E4 B8 80 … 十 E5 8D 81), not
 * the ten words in turn (labels are asked at every character). */
size_t tt_cn_numeral_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] != 0xE4 && u[0] != 0xE5) || u[1] == '\0') /* a label cut short ends "\xE4" */
        return 0;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE4B880: /* 一 */
    case 0xE4BA8C: /* 二 */
    case 0xE4B889: /* 三 */
    case 0xE59B9B: /* 四 */
    case 0xE4BA94: /* 五 */
    case 0xE585AD: /* 六 */
    case 0xE4B883: /* 七 */
    case 0xE585AB: /* 八 */
    case 0xE4B99D: /* 九 */
    case 0xE58D81: /* 十 */
        return 3;
    default:
        return 0;
    }
}

/* Length of a leading numbering ("一、", "(一)", "1.", "1、"), 0 if none. */
static size_t numbering_len(const char *s)
{
    size_t i = 0;
    int paren = 0;
    if (s[0] == '(') {
        paren = 1;
        i = 1;
    }
    size_t start = i;
    for (;;) {
        size_t l = tt_cn_numeral_len(s + i);
        if (l > 0)
            i += l;
        else if (s[i] >= '0' && s[i] <= '9')
            i++;
        else
            break;
    }
    if (i == start)
        return 0;
    if (paren)
        return s[i] == ')' ? i + 1 : 0;
    if (strncmp(s + i, "、", strlen("、")) == 0)
        return i + strlen("、");
    /* "1." but not "1.5": a dot followed by a digit is a decimal */
    if (s[i] == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9'))
        return i + 1;
    return 0;
}

size_t tt_clean_label(const char *in, char *out, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return 0;
    if (in == NULL) {
        out[0] = '\0';
        return 0;
    }
    /* Most labels have no byte to drop: their run of ordinary bytes is
     * copied at once, and the loop below takes over at the first
     * space, tab, '*' or '<' (if any, and if there is room). */
    size_t run = strcspn(in, " \t*<");
    o = run < size - 1 ? run : size - 1;
    memcpy(out, in, o);
    for (size_t i = o; in[i] != '\0' && o + 1 < size; i++) {
        unsigned char ch = (unsigned char)in[i];
        if (ch == '<') {             /* <b>, </b>: PDF converters leave them */
            const char *end = strchr(in + i, '>');
            if (end != NULL && end - (in + i) < 16) {
                i = (size_t)(end - in);
                continue;
            }
        }
        if (ch == ' ' || ch == '\t' || ch == '*')
            continue;
        out[o++] = (char)ch;
    }
    out[o] = '\0';
    size_t n = numbering_len(out);
    if (n > 0 && out[n] != '\0') {
        memmove(out, out + n, o - n + 1);
        o -= n;
    }
    return o;
}

int tt_cleaned_last_byte(const char *in, size_t size)
{
    size_t len = strlen(in);
    if (len + 1 >= size)
        return -1;
    while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t' ||
                       in[len - 1] == '*'))
        len--;
    if (len == 0)
        return '\0';
    return in[len - 1] == '>' ? -1 : (unsigned char)in[len - 1];
}

int tt_label_is(const char *in, const char *label, char *buf, size_t size)
{
    if (in != NULL && label[0] != '\0') {
        /* a leading numbering is cut from the front, never the end */
        int last = tt_cleaned_last_byte(in, size);
        if (last >= 0 && last != (unsigned char)label[strlen(label) - 1])
            return 0;
    }
    tt_clean_label(in, buf, size);
    return strcmp(buf, label) == 0;
}

size_t tt_col_leaf(const fl_table *t, size_t col, char *out, size_t size)
{
    const char *label = fl_table_column_label(t, col);
    const char *leaf = label != NULL ? strrchr(label, '/') : NULL;
    return tt_clean_label(leaf != NULL ? leaf + 1 : label, out, size);
}

long tt_col_by_leaf(const fl_table *t, const char *name, size_t from)
{
    char leaf[256];
    size_t n = fl_table_column_count(t);
    for (size_t col = from; col < n; col++) {
        tt_col_leaf(t, col, leaf, sizeof leaf);
        if (strcmp(leaf, name) == 0)
            return (long)col;
    }
    return -1;
}

int tt_cell_dec(const fl_table *t, const fl_row *r, size_t col, fl_dec *out)
{
    (void)t;
    const fl_cell *cell = fl_row_cell(r, col);
    fl_number n;
    if (cell == NULL || !fl_cell_number(cell, &n))
        return 0;
    if (n.unit != FL_UNIT_NONE && n.unit != FL_UNIT_WANYUAN &&
        n.unit != FL_UNIT_YUAN && n.unit != FL_UNIT_YIYUAN)
        return 0;
    out->micros = n.is_empty ? 0 : n.value.micros;
    return 1;
}

int tt_cell_is_text(const fl_row *r, size_t col)
{
    const fl_cell *cell = fl_row_cell(r, col);
    fl_number n;
    if (cell == NULL)
        return 0;
    const char *s = fl_cell_norm(cell);
    if (s == NULL || s[0] == '\0')
        return 0;
    return !fl_cell_number(cell, &n);
}

/* 1 when a body row's cleaned label in column `col` is one of `names`. */
static int body_has_label(const fl_table *t, size_t col,
                          const char *const *names)
{
    char label[128];
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_is_header(r) || !tt_cell_is_text(r, col))
            continue;
        tt_clean_label(fl_cell_norm(fl_row_cell(r, col)), label, sizeof label);
        for (size_t k = 0; names[k] != NULL; k++)
            if (strcmp(label, names[k]) == 0)
                return 1;
    }
    return 0;
}

/* An untitled two-sided budget summary (江苏 收支预算总表 printed without
 * its title): 收入 columns left, 支出 columns right, and the budget's own
 * line names 当年收入小计 / 上年结转资金 in the first column. */
static int untitled_budget_summary(const fl_table *t)
{
    static const char *const lines[] = {
        "当年收入小计", "本年收入小计", "上年结转资金", NULL
    };
    const char *first = fl_table_column_label(t, 0);
    if (first == NULL || strncmp(first, "收入", strlen("收入")) != 0)
        return 0;
    size_t n = fl_table_column_count(t);
    int expense = 0;
    for (size_t col = 1; col < n && !expense; col++) {
        const char *label = fl_table_column_label(t, col);
        expense = label != NULL && strncmp(label, "支出", strlen("支出")) == 0;
    }
    return expense && body_has_label(t, 0, lines);
}

int tt_table_is_budget(const fl_table *t)
{
    char title[512];
    tt_clean_label(fl_table_title(t), title, sizeof title);
    if (title[0] == '\0')
        return untitled_budget_summary(t);
    if (tt_str_has(title, "决算"))
        return 0;
    return tt_str_has(title, "预算表") || tt_str_has(title, "预算总表") ||
           tt_str_has(title, "收支总表");
}

/* 1 when a body row carries a classification code (201, 20101 …). */
static int has_codes(const fl_table *t)
{
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        if (!fl_row_is_header(r) && fl_row_code(r) != NULL)
            return 1;
    }
    return 0;
}

/* The budget twins (部门预算 / 单位预算, 江苏 and 上海 templates).  A 收支
 * 总表 is two-sided (项目 | 金额 | 项目 | 金额); one printed by 科目编码
 * is a detail table in all but name and keeps the coded rules. */
static tt_kind budget_kind(const fl_table *t, const char *title)
{
    int two_sided = !has_codes(t);
    if (tt_str_has(title, "财政拨款收支预算总表") ||
        tt_str_has(title, "财政拨款收支总表"))
        return two_sided ? TT_FIN_SUMMARY : TT_OTHER;
    /* 收支预算总表, 部门(财务)收支预算总表, 财务收支预算总表 */
    if (tt_str_has(title, "收支预算总表"))
        return two_sided ? TT_SUMMARY : TT_OTHER;
    if (tt_str_has(title, "一般公共预算") && tt_str_has(title, "基本支出"))
        return TT_GPB_BASIC;
    /* 一般公共预算支出预算表, …支出功能分类预算表, …支出(功能分类)预算表;
     * not 一般公共预算机关运行经费支出预算表 */
    if (tt_str_has(title, "一般公共预算支出") ||
        tt_str_has(title, "一般公共预算财政拨款支出"))
        return TT_GPB_EXPENSE;
    if (tt_str_has(title, "政府性基金"))
        return TT_GOV_FUND;
    if (tt_str_has(title, "国有资本经营预算"))
        return TT_STATE_CAPITAL;
    if (tt_str_has(title, "收入预算总表") || tt_str_has(title, "收入预算表"))
        return TT_INCOME;
    if (tt_str_has(title, "支出预算总表"))
        return TT_EXPENSE;
    return TT_OTHER;
}

tt_kind tt_table_kind(const fl_table *t)
{
    char title[512];
    tt_clean_label(fl_table_title(t), title, sizeof title);
    if (tt_str_has(title, "三公"))
        return TT_SANGONG;
    if (title[0] != '\0' && tt_table_is_budget(t))
        return budget_kind(t, title);
    if (tt_str_has(title, "财政拨款收入支出决算总表"))
        return TT_FIN_SUMMARY;
    if (tt_str_has(title, "收入支出决算总表"))
        return TT_SUMMARY;
    if (tt_str_has(title, "一般公共预算") && tt_str_has(title, "基本支出"))
        return TT_GPB_BASIC;
    if (tt_str_has(title, "一般公共预算财政拨款支出决算"))
        return TT_GPB_EXPENSE;
    if (tt_str_has(title, "政府性基金预算财政拨款"))
        return TT_GOV_FUND;
    if (tt_str_has(title, "国有资本经营预算财政拨款"))
        return TT_STATE_CAPITAL;
    if (tt_str_has(title, "收入决算表"))
        return TT_INCOME;
    if (tt_str_has(title, "支出决算表"))
        return TT_EXPENSE;
    /* Untitled: recognise the two main tables by their columns. */
    if (title[0] == '\0') {
        if (untitled_budget_summary(t))
            return TT_SUMMARY;
        if (tt_col_by_leaf(t, "本年支出合计", 0) >= 0 &&
            tt_col_by_leaf(t, "基本支出", 0) >= 0)
            return TT_EXPENSE;
        if (tt_col_by_leaf(t, "本年收入合计", 0) >= 0 &&
            tt_col_by_leaf(t, "财政拨款收入", 0) >= 0)
            return TT_INCOME;
    }
    return TT_OTHER;
}
