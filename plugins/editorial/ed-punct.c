/* ed-punct.c — doubled-punctuation: "。。" "，，" "；；" "、、" or two
 * different sentence marks in a row ("，。") in the narrative.  A run of
 * three or more "。" is a home-made ellipsis, not a slip, and is left
 * alone; so is "……". */
#include "ed.h"

static void report(fl_report *rep, const fl_paragraph *p, const char *text, size_t at,
                   size_t end)
{
    char run[32], ctx[256];
    ed_context(text, at, end, 0, run, sizeof run);
    ed_context(text, at, end, 10, ctx, sizeof ctx);
    fl_finding *f = fl_report_add(rep, "doubled-punctuation", FL_SEV_INFO,
                                  "标点重复“%s”：%s", run, ctx);
    size_t line = fl_paragraph_line_at(p, at);
    fl_finding_set_line(f, line, line);
    fl_finding_set_section(f, fl_paragraph_section(p));
    fl_finding_set_actual_text(f, run);
    fl_finding_set_suggestion(f, "删去多余的标点，只保留一个。");
}

size_t ed_punct_run(fl_report *rep, const fl_paragraph *p, const char *s, size_t k)
{
    size_t end = k, count = 0, full_stops = 0;
    for (size_t l = ed_mark_len(s + k); l > 0; end += l, l = ed_mark_len(s + end)) {
        count++;
        full_stops += l == 3 && s[end + 2] == '\x82'; /* 。, not 、 */
    }
    int ellipsis = full_stops == count && count >= 3;
    if (count >= 2 && !ellipsis)
        report(rep, p, s, k, end);
    return end;
}
