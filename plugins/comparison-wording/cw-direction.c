/* cw-direction.c — change-direction: the amount and the percentage of one
 * change point the same way.  "减少56.95万元，下降1.87%" is right;
 * "减少56.95万元，增长1.87%" says both.  Only the two words written side
 * by side are compared (the amount's label ends with the first, the
 * percentage's label is the second, nothing but a comma between), so the
 * finding needs no other figure; zero changes and signed figures
 * ("增长-5%") are left alone. */
#include <stdio.h>
#include <string.h>

#include "cw.h"

static int ends_with(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(s + n - l, lit, l) == 0;
}

/* The change words, all two characters (6 bytes): one fixed-size
 * compare each, which the compiler inlines. */
#define DIR_WORD_BYTES 6

/* +1 for a rise, -1 for a fall, 0 otherwise; *word gets the word. */
static int direction(const char *label, int whole, const char **word)
{
    static const struct {
        const char w[DIR_WORD_BYTES + 1];
        int dir;
    } dirs[] = {
        { "增加", 1 }, { "增长", 1 }, { "上升", 1 }, { "提高", 1 },
        { "减少", -1 }, { "下降", -1 }, { "降低", -1 },
    };
    size_t n = strlen(label);
    if (ends_with(label, n, "了"))
        n -= 3;
    if (n < DIR_WORD_BYTES || (whole && n != DIR_WORD_BYTES))
        return 0;
    const char *tail = label + n - DIR_WORD_BYTES;
    /* Most labels end otherwise: told by the last byte of 加 长 升 高 少
     * 降 低 before comparing the words. */
    switch ((unsigned char)tail[DIR_WORD_BYTES - 1]) {
    case 0xA0: case 0xBF: case 0x87: case 0x98: case 0x91: case 0x8D: case 0x8E:
        break;
    default:
        return 0;
    }
    for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
        if (memcmp(tail, dirs[k].w, DIR_WORD_BYTES) == 0) {
            /* 增加(减少) and the like never reach here: "(" ends a label. */
            *word = dirs[k].w;
            return dirs[k].dir;
        }
    }
    return 0;
}

/* Only a comma (and spaces) and the percentage's label between. */
static int adjacent(const char *s, size_t from, size_t to, const char *label)
{
    size_t i = from;
    while (i < to && s[i] == ' ')
        i++;
    if (i < to && (s[i] == ','))
        i++;
    else if (i + 3 <= to && fl_str_starts(s + i, "、"))
        i += 3;
    else
        return 0;
    while (i < to && s[i] == ' ')
        i++;
    size_t l = strlen(label);
    if (i + l > to || memcmp(s + i, label, l) != 0)
        return 0;
    i += l;
    while (i < to && s[i] == ' ')
        i++;
    return i == to;
}

int cw_rule_change_direction(const cw_para *pp, fl_report *rep, const cw_options *o)
{
    (void)o;
    const char *s = pp->text;
    size_t next_pct = 0; /* both lists ascend: walk them together */
    for (size_t k = 0; k < pp->nmoney; k++) {
        const cw_money *m = &pp->money[k];
        const char *mw = NULL, *pw = NULL;
        int md = direction(m->a->label, 0, &mw);
        if (md == 0 || fl_dec_is_zero(m->wan))
            continue;
        while (next_pct < pp->npct && pp->pct[next_pct]->offset < m->end)
            next_pct++;
        const fl_amount *p = next_pct < pp->npct ? pp->pct[next_pct] : NULL;
        if (p == NULL || !adjacent(s, m->end, p->offset, p->label))
            continue;
        int pd = direction(p->label, 1, &pw);
        if (pd == 0 || pd == md || fl_dec_is_zero(p->number.value))
            continue;
        fl_finding *f = fl_report_add(rep, "change-direction", FL_SEV_ERROR,
                                      "同一项变化，金额说“%s%s”，百分比却说“%s%s”，方向相反",
                                      mw, m->a->text, pw, p->text);
        size_t line = fl_paragraph_line_at(pp->p, p->offset);
        fl_finding_set_line(f, line, line);
        char actual[64];
        snprintf(actual, sizeof actual, "%s…%s", mw, pw);
        fl_finding_set_actual_text(f, actual);
        fl_finding_set_suggestion(f, "核对本年与上年的数字，统一为“增加…增长”或“减少…下降”。");
    }
    return 0;
}
