/* sw-narrative.c — scores quoted in the narrative:
 *   "13. 免费婚姻登记经费：…项目自评得分为197.7分。"
 * Every "得分为X分" above full marks is reported; a "自评得分" is kept as a
 * copy of the project's score (named by the numbered item it opens). */
#include <stdio.h>
#include <string.h>

#include "sw.h"

/* "13. 免费婚姻登记经费：…" -> "免费婚姻登记经费".  Empty when the
 * paragraph is not a numbered item. */
void sw_item_name(const char *text, char *dst, size_t n)
{
    const char *p = text, *end;
    size_t len;

    dst[0] = '\0';
    while (*p == ' ')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.' || *p == ',')
        p++;
    else if (fl_str_starts(p, "、"))
        p += strlen("、");
    else
        return;
    while (*p == ' ')
        p++;
    /* up to ':', ',', "，" or "。": the bytes that can begin one are
     * found by strcspn(), then the others looked at */
    for (end = p + strcspn(p, ":,\xEF\xE3"); (*end & 0x80) && !fl_str_starts(end, "，")
                                          && !fl_str_starts(end, "。");
         end += 1 + strcspn(end + 1, ":,\xEF\xE3"))
        ;
    len = (size_t)(end - p);
    if (len == 0 || len >= n || *end == '\0')
        return;
    memcpy(dst, p, len);
    dst[len] = '\0';
    sw_project_key(dst, dst, n);
}

/* Reads "X分" at p.  Returns 1 and the value when found. */
static int score_at(const char *p, fl_dec *v, size_t *used)
{
    fl_number num;
    size_t k = fl_parse_number(p, &num);
    const char *q;

    if (k == 0 || num.is_empty)
        return 0;
    q = p + k;
    while (*q == ' ')
        q++;
    if (num.unit != FL_UNIT_POINTS && !fl_str_starts(q, "分"))
        return 0;
    if (num.unit != FL_UNIT_NONE && num.unit != FL_UNIT_POINTS)
        return 0;
    *v = num.value;
    *used = k;
    return 1;
}

/* strstr(p, word) for a p that only moves forward within one text: the
 * hit found from an earlier p is still the first from this one unless p
 * has passed it, so a paragraph of many scores is read once, not once a
 * score. */
typedef struct next_word {
    const char *word;
    const char *hit;      /* first place at or after the last p, or NULL */
    int searched;
} next_word;

static const char *next_of(next_word *w, const char *p)
{
    if (!w->searched || (w->hit && w->hit < p)) {
        w->hit = strstr(p, w->word);
        w->searched = 1;
    }
    return w->hit;
}

/* The grade stated later in the same sentence ("…，等级为“优”。"). */
static const char *sentence_grade(const char *p, next_word *stop_at, next_word *grade_at)
{
    const char *stop = next_of(stop_at, p);
    const char *g = next_of(grade_at, p);

    if (!g || (stop && g > stop))
        return NULL;
    return sw_grade_parse(g + strlen("等级为"));
}

static int scan_paragraph(const fl_paragraph *para, const sw_options *o,
                          fl_report *rep, sw_copies *out)
{
    const char *text = fl_paragraph_text(para);
    const char *p = text;
    char name[192];
    int named = 0;  /* name[] is read only for a score, in few paragraphs */
    next_word stop_at = { "。", NULL, 0 }, grade_at = { "等级为", NULL, 0 };

    while ((p = sw_find(p, "得分", 2)) != NULL) {
        const char *q = p + strlen("得分");
        int self = p - text >= (long)strlen("自评")
                   && strncmp(p - strlen("自评"), "自评", strlen("自评")) == 0;
        fl_dec v;
        size_t used, line;

        if (fl_str_starts(q, "为") || fl_str_starts(q, "是"))
            q += strlen("为");
        else if (*q == ':')
            q++;
        p += strlen("得分");
        if (!score_at(q, &v, &used))
            continue;
        line = fl_paragraph_line_at(para, (size_t)(q - text));
        if (!named) {
            sw_item_name(text, name, sizeof name);
            named = 1;
        }
        if (fl_dec_cmp(v, o->max_total) > 0) {
            char who[220] = "";
            fl_finding *f;
            if (name[0])
                snprintf(who, sizeof who, "“%s”", name);
            f = fl_report_add(rep, "total-above-100", FL_SEV_ERROR,
                              "文字说明中%s%s得分%s分超过满分%s分", who,
                              self ? "自评" : "", sw_fmt(v), sw_fmt(o->max_total));
            fl_finding_set_line(f, line, line);
            fl_finding_set_section(f, fl_paragraph_section(para));
            fl_finding_set_values(f, o->max_total, v);
            fl_finding_set_suggestion(f, "得分不能超过%s分，请与该项目绩效自评表和汇总表核对后更正。",
                                      sw_fmt(o->max_total));
        }
        if (self) {
            sw_copy cp;
            memset(&cp, 0, sizeof cp);
            cp.source = SW_SRC_TEXT;
            cp.has_score = 1;
            cp.score = v;
            cp.grade = sentence_grade(q, &stop_at, &grade_at);
            cp.line = line;
            snprintf(cp.key, sizeof cp.key, "%s", name);
            snprintf(cp.name, sizeof cp.name, "%s", name);
            if (sw_copies_push(out, &cp) < 0)
                return -1;
        }
        p = q + used;
    }
    return 0;
}

int sw_narrative_collect(const fl_document *doc, const sw_options *o,
                         fl_report *rep, sw_copies *out)
{
    size_t np = fl_doc_paragraph_count(doc);

    for (size_t i = 0; i < np; i++)
        if (scan_paragraph(fl_doc_paragraph(doc, i), o, rep, out) < 0)
            return -1;
    return 0;
}
