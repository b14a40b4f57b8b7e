/* sw-budget.c — budget figures the narrative gives for a self-evaluated
 * project.
 *
 * narrative-budget: a numbered item
 *   "1. 老年人福利补贴项目绩效自评综述：…全年预算数为150万元，执行数为
 *    133.2285万元。"
 * against its 自评表 (the same project key): 全年预算数 must be the
 * table's 全年预算数 (A), not its 年初预算数, and 执行数 its 全年执行数
 * (B).  The narrative often keeps more decimals than the table (335.4835
 * against 335.48): it is rounded to the table's decimals first.
 *
 * budget-change: "4、预算变更情况：无" while the same section gives
 *   "年初预算数4012.19万元，全年预算数3443.69711万元". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw.h"

/* An amount in 万元 right after `p` ("为150万元", ":4012.19万元",
 * "150万元").  Returns 1 when found. */
static int amount_after(const char *p, fl_dec *v)
{
    fl_number n;
    size_t used;

    if (fl_str_starts(p, "为") || fl_str_starts(p, "是"))
        p += strlen("为");
    else if (*p == ':')
        p++;
    while (*p == ' ')
        p++;
    used = fl_parse_number(p, &n);
    if (used == 0 || n.is_empty || n.unit == FL_UNIT_NONE)
        return 0;
    return fl_number_to_wanyuan(&n, v) == 0;
}

/* The tables an item may be compared with (a project, and both 全年预算数
 * and 全年执行数), sorted by key: an item finds its own by bisection
 * instead of by comparing its name with every table. */
typedef struct budget_tables {
    const sw_eval **at;
    size_t n;
} budget_tables;

static int by_key(const void *a, const void *b)
{
    return strcmp((*(const sw_eval *const *)a)->key, (*(const sw_eval *const *)b)->key);
}

static int budget_tables_sort(const sw_evals *ev, budget_tables *t)
{
    t->n = 0;
    t->at = malloc((ev->count ? ev->count : 1) * sizeof *t->at);
    if (!t->at)
        return -1;
    for (size_t i = 0; i < ev->count; i++)
        if (ev->items[i].project[0] && ev->items[i].has_ab)
            t->at[t->n++] = &ev->items[i];
    qsort(t->at, t->n, sizeof *t->at, by_key);
    return 0;
}

/* The table of the project with this key; NULL when none or several. */
static const sw_eval *table_of(const budget_tables *t, const char *key)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->at[mid]->key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == t->n || strcmp(t->at[lo]->key, key) != 0)
        return NULL;
    if (lo + 1 < t->n && strcmp(t->at[lo + 1]->key, key) == 0)
        return NULL;
    return t->at[lo];
}

/* Equal once the narrative figure is rounded to the table's decimals;
 * one unit of the last decimal is allowed for a rounding of its own. */
static int same_amount(fl_dec text, fl_dec table, int decimals)
{
    fl_dec r, unit = { FL_DEC_SCALE };

    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    for (int i = 0; i < decimals; i++)
        unit.micros /= 10;
    r = fl_dec_round(text, decimals);
    return fl_dec_cmp(fl_dec_abs(fl_dec_sub(r, table)), unit) <= 0;
}

static void report_budget(const fl_paragraph *para, size_t offset, const sw_eval *e,
                          const char *name, fl_dec said, fl_report *rep)
{
    size_t line = fl_paragraph_line_at(para, offset);
    char why[160] = "";
    fl_finding *f;

    if (e->has_initial && same_amount(said, e->fund_initial, e->fund_a_decimals))
        snprintf(why, sizeof why, "；%s万元是年初预算数，疑将年初预算数当作全年预算数",
                 sw_fmt(said));
    f = fl_report_add(rep, "narrative-budget", FL_SEV_ERROR,
                      "文字说明中“%s”全年预算数为%s万元，与其绩效自评表（第%zu行）全年预算数（A）%s万元不一致%s",
                      name, sw_fmt(said), fl_row_line(e->funding_row), sw_fmt(e->fund_a), why);
    fl_finding_set_line(f, line, line);
    fl_finding_set_section(f, fl_paragraph_section(para));
    fl_finding_set_values(f, e->fund_a, said);
    fl_finding_set_suggestion(f, "自评综述中的全年预算数应与绩效自评表的全年预算数（A，调整后预算）一致，年初预算数应另行注明；请核对后更正。");
}

static void report_spent(const fl_paragraph *para, size_t offset, const sw_eval *e,
                         const char *name, fl_dec said, fl_report *rep)
{
    size_t line = fl_paragraph_line_at(para, offset);
    fl_finding *f;

    f = fl_report_add(rep, "narrative-budget", FL_SEV_ERROR,
                      "文字说明中“%s”执行数为%s万元，与其绩效自评表（第%zu行）全年执行数（B）%s万元不一致",
                      name, sw_fmt(said), fl_row_line(e->funding_row), sw_fmt(e->fund_b));
    fl_finding_set_line(f, line, line);
    fl_finding_set_section(f, fl_paragraph_section(para));
    fl_finding_set_values(f, e->fund_b, said);
    fl_finding_set_suggestion(f, "自评综述中的执行数应与绩效自评表的全年执行数（B）一致，请核对后更正。");
}

/* "全年预算数为X万元，执行数为Y万元" within one item. */
static void check_item(const fl_paragraph *para, const char *name, const budget_tables *t,
                       fl_report *rep)
{
    const char *text = fl_paragraph_text(para);
    const char *p = sw_find(text, "全年预算数", 2);
    const sw_eval *e;
    fl_dec v;

    if (!p || !(e = table_of(t, name)))
        return;
    if (amount_after(p + strlen("全年预算数"), &v)
        && !same_amount(v, e->fund_a, e->fund_a_decimals))
        report_budget(para, (size_t)(p - text), e, name, v, rep);
    /* the 执行数 of the same sentence */
    {
        const char *stop = strstr(p, "。");
        const char *q = strstr(p, "执行数");
        if (q && (!stop || q < stop) && amount_after(q + strlen("执行数"), &v)
            && !same_amount(v, e->fund_b, e->fund_a_decimals))
            report_spent(para, (size_t)(q - text), e, name, v, rep);
    }
}

/* Does the paragraph end a sentence?  A numbered item broken over a blank
 * line ("…项目自" / "评得分为100分。全年预算数为…") continues in the next
 * paragraph. */
static int ends_sentence(const char *text)
{
    size_t n = strlen(text);
    const char *end = "。";
    size_t le = strlen(end);

    while (n > 0 && text[n - 1] == ' ')
        n--;
    return n >= le && strncmp(text + n - le, end, le) == 0;
}

static void narrative_budgets(const fl_document *doc, const budget_tables *t, fl_report *rep)
{
    size_t np = fl_doc_paragraph_count(doc);
    char name[192] = "";
    int open = 0;

    for (size_t i = 0; i < np; i++) {
        const fl_paragraph *para = fl_doc_paragraph(doc, i);
        const char *text = fl_paragraph_text(para);
        char own[192];

        sw_item_name(text, own, sizeof own);
        if (own[0])
            sw_copy_text(name, sizeof name, own);
        else if (!open)
            name[0] = '\0';
        if (name[0])
            check_item(para, name, t, rep);
        open = name[0] && !ends_sentence(text);
    }
}

/* ---- budget-change ---- */

/* "预算变更情况：无", "预算调整情况:未调整", "预算调整：无调整". */
static const char *no_change_at(const char *text)
{
    /* Each head begins with one of the two stems, in turn: a text
     * without the stem (nearly all) is not searched for its heads. */
    static const char *const stems[] = { "预算变更", "预算调整" };
    static const char *const heads[] = { "预算变更情况", "预算调整情况", "预算变更", "预算调整", NULL };
    static const char *const nones[] = { "无变更", "无调整", "未调整", "未变更", "无", NULL };
    int has_stem[2] = { 0, 0 };

    /* both stems are 预算 and two characters: the places of 算's last
     * byte (sw_find()'s byte 5) are looked at once for both */
    for (const char *p = strchr(text, stems[0][5]); p != NULL && !(has_stem[0] && has_stem[1]);
         p = strchr(p + 1, stems[0][5])) {
        /* that byte ends many characters: the whole 算 before the stems */
        if (p - text < 5 || p[-1] != stems[0][4] || p[-2] != stems[0][3])
            continue;
        for (size_t k = 0; k < 2; k++)
            if (!has_stem[k] && strncmp(p - 5, stems[k], strlen(stems[k])) == 0)
                has_stem[k] = 1;
    }
    if (!has_stem[0] && !has_stem[1])
        return NULL;
    for (size_t h = 0; heads[h]; h++) {
        const char *p;
        const char *q;
        if (!has_stem[h % 2])
            continue;
        p = sw_find(text, heads[h], 5);
        if (!p)
            continue;
        q = p + strlen(heads[h]);
        if (*q != ':')
            continue;
        q++;
        while (*q == ' ')
            q++;
        for (size_t k = 0; nones[k]; k++) {
            const char *r = q + strlen(nones[k]);
            if (!fl_str_starts(q, nones[k]))
                continue;
            /* the statement must end there: "无" not "无偿…" */
            if (*r == '\0' || fl_str_starts(r, "。") || *r == ';' || *r == ',' || *r == '.')
                return p;
        }
    }
    return NULL;
}

/* Bytes of the statement at p, up to its end (at most 120). */
static int statement_len(const char *p)
{
    size_t n = 0;

    /* never stop inside a UTF-8 character */
    while (p[n] && p[n] != ';' && p[n] != ',' && !fl_str_starts(p + n, "。")
           && (n < 120 || ((unsigned char)p[n] & 0xC0) == 0x80))
        n++;
    return (int)n;
}

/* 1 when the amount is money and its words end with `label`. */
static int is_labelled(const fl_amount *a, const char *label)
{
    size_t n = a->label ? strlen(a->label) : 0, ll = strlen(label);
    fl_dec v;

    return n >= ll && strcmp(a->label + n - ll, label) == 0
           && fl_number_to_wanyuan(&a->number, &v) == 0 && a->number.unit != FL_UNIT_NONE;
}

/* The first amount labelled `label` at or after index i, for an i that
 * only moves forward (as next_of() in sw-narrative.c does for a word):
 * the one found from an earlier i is still the first unless i has passed
 * it, so the statements of a document read the amounts once, not once
 * each.  The count of amounts when there is none. */
typedef struct next_amount {
    const char *label;
    size_t from, hit;     /* hit: the first at or after from */
    int searched;
} next_amount;

static size_t next_labelled(const fl_document *doc, next_amount *w, size_t i)
{
    size_t na = fl_doc_amount_count(doc);

    if (!w->searched || i < w->from || i > w->hit) {
        w->hit = i;
        while (w->hit < na && !is_labelled(fl_doc_amount(doc, w->hit), w->label))
            w->hit++;
        w->from = i;
        w->searched = 1;
    }
    return w->hit;
}

/* The first amount labelled `label` in lines [from, to].  The amounts are
 * in the order of their lines (found paragraph by paragraph), so the first
 * on line `from` or after is found by bisection. */
static const fl_amount *labelled(const fl_document *doc, next_amount *w, size_t from, size_t to)
{
    size_t na = fl_doc_amount_count(doc), lo = 0, hi = na, i;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fl_doc_amount(doc, mid)->line < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    i = next_labelled(doc, w, lo);
    return i < na && fl_doc_amount(doc, i)->line <= to ? fl_doc_amount(doc, i) : NULL;
}

static void budget_changes(const fl_document *doc, fl_report *rep)
{
    size_t np = fl_doc_paragraph_count(doc);
    next_amount initial = { "年初预算数", 0, 0, 0 }, full = { "全年预算数", 0, 0, 0 };

    /* Both amounts are needed wherever the statement is: a document
     * without them anywhere (most) has no paragraph to search. */
    if (!labelled(doc, &initial, 0, SIZE_MAX) || !labelled(doc, &full, 0, SIZE_MAX))
        return;
    for (size_t i = 0; i < np; i++) {
        const fl_paragraph *para = fl_doc_paragraph(doc, i);
        const char *text = fl_paragraph_text(para);
        const char *p = no_change_at(text);
        const fl_section *sec = fl_paragraph_section(para);
        const fl_amount *a0, *a1;
        size_t from, to, line;
        fl_dec v0, v1, cent = { 10000 };
        fl_finding *f;

        if (!p || !sec)
            continue;
        from = fl_paragraph_line(para);
        to = fl_section_end_line(sec);
        a0 = labelled(doc, &initial, from, to);
        a1 = labelled(doc, &full, from, to);
        if (!a0 || !a1)
            continue;
        fl_number_to_wanyuan(&a0->number, &v0);
        fl_number_to_wanyuan(&a1->number, &v1);
        if (fl_dec_cmp(fl_dec_abs(fl_dec_sub(v0, v1)), cent) <= 0)
            continue;
        line = fl_paragraph_line_at(para, (size_t)(p - text));
        f = fl_report_add(rep, "budget-change", FL_SEV_ERROR,
                          "称预算无变更（“%.*s”），但第%zu行年初预算数%s万元与全年预算数%s万元不同，相差%s万元",
                          statement_len(p), p, a1->line, sw_fmt(v0), sw_fmt(v1),
                          sw_fmt(fl_dec_abs(fl_dec_sub(v0, v1))));
        fl_finding_set_line(f, line, line);
        fl_finding_set_section(f, sec);
        fl_finding_set_values(f, v0, v1);
        fl_finding_set_suggestion(f, "年初预算数与全年预算数不同说明预算已调整：请如实填写预算变更（调整）情况，说明调整金额、时间和原因。");
    }
}

int sw_check_budget(const fl_document *doc, const sw_evals *ev, fl_report *rep)
{
    budget_tables t;

    if (budget_tables_sort(ev, &t) < 0)
        return -1;
    /* Only an item of a project with a table is compared. */
    if (t.n > 0)
        narrative_budgets(doc, &t, rep);
    free(t.at);
    budget_changes(doc, rep);
    return 0;
}
