/* ed-punct.c — doubled-punctuation: "。。" "，，" "；；" "、、" or two
 * different sentence marks in a row ("，。") in the narrative.  A run of
 * three or more "。" is a home-made ellipsis, not a slip, and is left
 * alone; so is "……". */
#include "ed.h"

/* Length of the sentence mark at s (normalised: ， → ","), or 0.  。 and
 * 、 are E3 80 82 and E3 80 81: their bytes are tested, not compared in
 * turn with each mark. */
static size_t mark_len(const char *s)
{
    if (*s == ',' || *s == ';')
        return 1;
    if (s[0] == '\xE3' && s[1] == '\x80' && (s[2] == '\x82' || s[2] == '\x81'))
        return 3;
    return 0;
}

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

/* The first bytes of the marks (',' ';' and E3 of 。 and 、): any other
 * byte starts no mark.  Each is a character's first byte wherever it is,
 * so strcspn() passes over the bytes between, many at a time. */
static const char mark_firsts[] = ",;\xE3";

int ed_rule_doubled_punctuation(const fl_document *doc, fl_report *rep)
{
    for (size_t i = 0; i < fl_doc_paragraph_count(doc); i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        const char *s = fl_paragraph_text(p);
        for (size_t k = strcspn(s, mark_firsts); s[k] != '\0'; k += strcspn(s + k, mark_firsts)) {
            size_t len = mark_len(s + k);
            if (len == 0) {
                k += fl_utf8_char_len((unsigned char)s[k]);
                continue;
            }
            size_t end = k, count = 0, full_stops = 0;
            for (size_t l = len; l > 0; end += l, l = mark_len(s + end)) {
                count++;
                full_stops += l == 3 && s[end + 2] == '\x82'; /* 。, not 、 */
            }
            int ellipsis = full_stops == count && count >= 3;
            if (count >= 2 && !ellipsis)
                report(rep, p, s, k, end);
            k = end;
        }
    }
    return 0;
}
