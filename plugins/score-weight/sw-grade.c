/* sw-grade.c — the grade a score earns (thresholds are local policy, so
 * they come from the options). */
#include <string.h>

#include "sw.h"

const char *sw_grade_of(const sw_options *o, fl_dec score)
{
    if (fl_dec_cmp(score, o->excellent) >= 0)
        return "优";
    if (fl_dec_cmp(score, o->good) >= 0)
        return "良";
    if (fl_dec_cmp(score, o->pass) >= 0)
        return "中";
    return "差";
}

const char *sw_grade_parse(const char *text)
{
    static const char *const grades[] = { "优", "良", "中", "差", NULL };

    if (!text)
        return NULL;
    while (*text == ' ' || strncmp(text, "“", strlen("“")) == 0
           || *text == '"')
        text += (*text == ' ' || *text == '"') ? 1 : strlen("“");
    for (size_t i = 0; grades[i]; i++)
        if (strncmp(text, grades[i], strlen(grades[i])) == 0)
            return grades[i];
    return NULL;
}
