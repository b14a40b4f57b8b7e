/* sw-depteval.c — dept-eval-gap: a project evaluated twice, by its unit
 * (自评) and by the department (部门评价) or the finance bureau (财政评价):
 *   "（三）部门评价结果。九九重阳节走访项目，绩效评价得分为96分，等级为“优”。"
 * against the 自评表 total of 九九重阳节走访 (90).  The two scores may
 * differ — they are different evaluations — but a large gap means the
 * self-evaluation was not objective and must be explained: a warning from
 * `eval-gap` points (default 5), an info below it.
 *
 * Only sentences in a paragraph that speaks of 部门评价/财政评价 are read,
 * so a 自评 written as "绩效评价得分" is not taken for an outside one. */
#include <stdio.h>
#include <string.h>

#include "sw.h"

static int outside_evaluation(const char *text)
{
    return sw_find(text, "部门评价", 2) || sw_find(text, "财政评价", 2) || sw_find(text, "重点评价", 2);
}

/* The project named before `at` ("…。九九重阳节走访项目，绩效评价得分"):
 * from the previous sentence break to the comma before `at`. */
static void name_before(const char *text, const char *at, char *dst, size_t n)
{
    const char *end = at, *start;
    size_t len;

    dst[0] = '\0';
    while (end > text && (end[-1] == ',' || end[-1] == ' '))
        end--;
    if (end - text >= (long)strlen("的") && fl_str_starts(end - strlen("的"), "的"))
        end -= strlen("的");
    start = end;
    while (start > text) {
        if (start[-1] == ':' || start[-1] == ';' || start[-1] == ',')
            break;
        if (start - text >= (long)strlen("。") && fl_str_starts(start - strlen("。"), "。"))
            break;
        start--;
    }
    len = (size_t)(end - start);
    if (len == 0 || len >= n)
        return;
    memcpy(dst, start, len);
    dst[len] = '\0';
    sw_project_key(dst, dst, n);
}

/* The 自评 copy of the project among those `refs` holds: exact key first,
 * else the last copy of the one key that contains the other's or lies
 * within it (both at least four characters).  Table and summary copies
 * always have a score. */
static const sw_copy *self_copy(const sw_copies *c, sw_keys *refs, const char *key)
{
    const sw_key *k = sw_keys_exact(refs, key);

    if (k)
        return &c->items[k->first];
    k = sw_keys_partial(refs, key, 12);
    return k ? &c->items[k->last] : NULL;
}

static void compare(const fl_paragraph *para, size_t offset, const char *key, fl_dec dept,
                    const sw_options *o, const sw_copies *c, sw_keys *tables,
                    sw_keys *summaries, fl_report *rep)
{
    const sw_copy *self = self_copy(c, tables, key);
    const char *where = "绩效自评表";
    fl_dec gap;
    fl_severity sev;
    size_t line = fl_paragraph_line_at(para, offset);
    fl_finding *f;

    if (!self) {
        self = self_copy(c, summaries, key);
        where = "自评汇总表";
    }
    if (!self || fl_dec_cmp(self->score, dept) == 0)
        return;
    gap = fl_dec_abs(fl_dec_sub(self->score, dept));
    sev = fl_dec_cmp(gap, o->eval_gap) >= 0 ? FL_SEV_WARNING : FL_SEV_INFO;
    f = fl_report_add(rep, "dept-eval-gap", sev,
                      "“%s”部门评价得分%s分，而%s（第%zu行）的自评得分为%s分，相差%s分%s",
                      key, sw_fmt(dept), where, self->line, sw_fmt(self->score), sw_fmt(gap),
                      sev == FL_SEV_WARNING ? "，自评结果与部门评价结果差异较大" : "");
    fl_finding_set_line(f, line, line);
    fl_finding_set_section(f, fl_paragraph_section(para));
    fl_finding_set_values(f, dept, self->score);
    fl_finding_set_suggestion(f, "同一项目的自评得分与部门评价得分差异较大时，应核实自评依据（尤其是预算执行率和各指标完成值）并说明差异原因，必要时按评价结果更正自评。");
}

/* 1 when some copy could be the one self_copy() finds. */
static int any_self_score(const sw_copies *c)
{
    for (size_t i = 0; i < c->count; i++) {
        const sw_copy *cp = &c->items[i];
        if ((cp->source == SW_SRC_TABLE || cp->source == SW_SRC_SUMMARY) && cp->has_score
            && cp->key[0])
            return 1;
    }
    return 0;
}

void sw_check_dept_eval(const fl_document *doc, const sw_options *o, const sw_copies *c,
                        sw_keys *tables, sw_keys *summaries, fl_report *rep)
{
    size_t np = fl_doc_paragraph_count(doc);

    /* Without a 自评 score to compare with, no paragraph is read. */
    if (!any_self_score(c))
        return;
    for (size_t i = 0; i < np; i++) {
        const fl_paragraph *para = fl_doc_paragraph(doc, i);
        const char *text = fl_paragraph_text(para);
        /* a score first: one word to look for, not three, in most paragraphs;
         * from 价's last byte, a third as common as 评's */
        const char *p = sw_find(text, "评价得分", 5);

        if (!p || !outside_evaluation(text))
            continue;
        for (; p != NULL; p = sw_find(p, "评价得分", 5)) {
            const char *q = p + strlen("评价得分");
            char key[192];
            fl_number n;
            size_t used;
            int self = p - text >= (long)strlen("自") && fl_str_starts(p - strlen("自"), "自");

            p = q;
            if (self)
                continue;
            if (fl_str_starts(q, "为") || fl_str_starts(q, "是"))
                q += strlen("为");
            else if (*q == ':')
                q++;
            used = fl_parse_number(q, &n);
            if (used == 0 || n.is_empty
                || !(n.unit == FL_UNIT_POINTS
                     || (n.unit == FL_UNIT_NONE && fl_str_starts(q + used, "分"))))
                continue;
            /* the name ends where "绩效评价得分"/"部门评价得分" begins */
            {
                const char *head = p - strlen("评价得分");
                if (head - text >= (long)strlen("绩效") && (fl_str_starts(head - strlen("绩效"), "绩效")
                                                        || fl_str_starts(head - strlen("部门"), "部门")
                                                        || fl_str_starts(head - strlen("财政"), "财政")))
                    head -= strlen("绩效");
                name_before(text, head, key, sizeof key);
            }
            if (key[0])
                compare(para, (size_t)(q - text), key, n.value, o, c, tables, summaries, rep);
        }
    }
}
