/* template-residue.c — the template-residue check (模板残留): text of the
 * template a report was filled in from, left in the published report.
 * Every paragraph (wrapped lines joined), every other line (headings,
 * table rows) and every table row of only "…" is scanned (tr-scan.c);
 * each rule reports a line once, however many residues it holds.
 * See docs/checks/template-residue.md. */
#include <stdlib.h>
#include <string.h>

#include "tr.h"

/* One finding to be: a rule on a line, with its first residue. */
typedef struct tr_hit {
    tr_rule rule;
    size_t line, end_line;
    size_t count;
    char token[128];   /* the residue as shown to the user */
    char context[256]; /* the words around it */
    const fl_table *table;
} tr_hit;

typedef struct tr_state {
    tr_hit *hits;
    size_t n, cap;
    /* (rule, line) -> 1 + index of its latest hit, open addressing; a
     * document with 10^5 residues must not compare each with all before. */
    size_t *slot;
    size_t nslot;
    int failed;
    const fl_document *doc;
    const tr_words *words; /* tr_words_new(), built in init() */
    /* The text being scanned and where its lines are. */
    const char *text;
    const fl_paragraph *para; /* NULL: `line` holds all of text */
    size_t line;
} tr_state;

static size_t slot_of(const tr_state *st, tr_rule rule, size_t line)
{
    size_t i = (line * 0x9e3779b97f4a7c15u ^ (size_t)rule) & (st->nslot - 1);
    while (st->slot[i] != 0) {
        const tr_hit *h = &st->hits[st->slot[i] - 1];
        if (h->rule == rule && h->line == line)
            break;
        i = (i + 1) & (st->nslot - 1);
    }
    return i;
}

/* The latest hit of `rule` on `line`, or NULL. */
static tr_hit *find_hit(tr_state *st, tr_rule rule, size_t line)
{
    if (st->nslot == 0)
        return NULL;
    size_t i = slot_of(st, rule, line);
    return st->slot[i] != 0 ? &st->hits[st->slot[i] - 1] : NULL;
}

/* Index hit k (the latest of its rule and line); -1 without memory. */
static int index_hit(tr_state *st, size_t k)
{
    if (2 * (st->n + 1) > st->nslot) {
        size_t nslot = st->nslot ? 2 * st->nslot : 256;
        size_t *grown = calloc(nslot, sizeof *grown);
        if (grown == NULL)
            return -1;
        free(st->slot);
        st->slot = grown;
        st->nslot = nslot;
        for (size_t j = 0; j < k; j++)
            st->slot[slot_of(st, st->hits[j].rule, st->hits[j].line)] = j + 1;
    }
    st->slot[slot_of(st, st->hits[k].rule, st->hits[k].line)] = k + 1;
    return 0;
}

static tr_hit *new_hit(tr_state *st, tr_rule rule, size_t line)
{
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        tr_hit *grown = realloc(st->hits, cap * sizeof *grown);
        if (grown == NULL) {
            st->failed = 1;
            return NULL;
        }
        st->hits = grown;
        st->cap = cap;
    }
    tr_hit *h = &st->hits[st->n];
    memset(h, 0, sizeof *h);
    h->rule = rule;
    h->line = h->end_line = line;
    if (index_hit(st, st->n) != 0) {
        st->failed = 1;
        return NULL;
    }
    st->n++;
    return h;
}

static size_t line_at(const tr_state *st, size_t offset)
{
    return st->para != NULL ? fl_paragraph_line_at(st->para, offset) : st->line;
}

/* A heading line, even one the reader joined into the paragraph below
 * it ("一、主要职能" before "由主管部门根据…填写。"): a section's heading,
 * or a short line opening with 一、 / (一) and holding no punctuation. */
static int is_heading_line(const fl_document *doc, size_t line)
{
    const fl_section *sec = fl_doc_section_at(doc, line);
    if (sec != NULL && fl_section_line(sec) == line)
        return 1;
    const char *t = fl_doc_line_norm(doc, line);
    /* strnlen: asked once per match, of lines that may be megabytes long */
    if (t == NULL || strnlen(t, 61) > 60 || strchr(t, ',') != NULL || strstr(t, "。") != NULL)
        return 0;
    static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    size_t i = *t == '(' ? 1 : 0, n = 0;
    for (int more = 1; more;) {
        more = 0;
        for (size_t d = 0; d < sizeof digits / sizeof *digits; d++)
            if (fl_str_starts(t + i, digits[d])) {
                i += strlen(digits[d]);
                n++;
                more = 1;
            }
    }
    return n > 0 && (fl_str_starts(t + i, "、") || (*t == '(' && t[i] == ')'));
}

/* Context around a residue: a few words each side, "…" where cut. */
static void set_context(const tr_state *st, const tr_match *m, tr_hit *h)
{
    size_t from, to;
    tr_widen(st->text, m->start, m->end, 12, &from, &to);
    size_t j = 0;
    if (from > 0 && !fl_str_starts(st->text + fl_utf8_prev(st->text, from), "。") &&
        st->text[fl_utf8_prev(st->text, from)] != ';') {
        memcpy(h->context, "…", 3);
        j = 3;
    }
    tr_excerpt(st->text, from, to, 40, h->context + j, sizeof h->context - j);
}

static void on_match(void *ctx, const tr_match *m)
{
    tr_state *st = ctx;
    size_t line = line_at(st, m->at);
    size_t start = m->start;
    if (m->rule == TR_INSTRUCTION) {
        /* An instruction is reported where it begins, but a heading
         * joined into the paragraph is not part of it. */
        while (start < m->at && is_heading_line(st->doc, line_at(st, start)))
            start += fl_utf8_char_len((unsigned char)st->text[start]);
        line = line_at(st, start);
    }
    tr_hit *h = find_hit(st, m->rule, line);
    if (h != NULL) {
        h->count++;
        return;
    }
    h = new_hit(st, m->rule, line);
    if (h == NULL)
        return;
    h->count = 1;
    if (m->rule == TR_INSTRUCTION) {
        tr_excerpt(st->text, start, m->end, 60, h->token, sizeof h->token);
        return;
    }
    tr_excerpt(st->text, m->start, m->end, 24, h->token, sizeof h->token);
    set_context(st, m, h);
}

/* Table rows: which lines are header rows, and runs of "…" rows. */
static void scan_tables(const fl_document *doc, tr_state *st, unsigned char *header)
{
    size_t nlines = fl_doc_line_count(doc);
    for (size_t t = 0, ntables = fl_doc_table_count(doc); t < ntables; t++) {
        const fl_table *tab = fl_doc_table(doc, t);
        tr_hit *run = NULL;
        for (size_t r = 0, nrows = fl_table_row_count(tab); r < nrows; r++) {
            const fl_row *row = fl_table_row(tab, r);
            size_t line = fl_row_line(row);
            int is_header = fl_row_is_header(row);
            if (is_header && line <= nlines)
                header[line] = 1;
            if (is_header || !tr_is_ellipsis_row(row)) {
                run = NULL;
                continue;
            }
            if (run != NULL) {
                run->end_line = line;
                run->count++;
                continue;
            }
            run = new_hit(st, TR_PLACEHOLDER, line);
            if (run == NULL)
                return;
            run->count = 1;
            run->table = tab;
            tr_excerpt(fl_row_label(row), 0, strlen(fl_row_label(row)), 12, run->token,
                       sizeof run->token);
        }
    }
}

static int by_line(const void *a, const void *b)
{
    const tr_hit *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (int)x->rule - (int)y->rule;
}

static void report_hit(fl_report *rep, const tr_hit *h)
{
    fl_finding *f;
    if (h->table != NULL) {
        const char *title = fl_table_title(h->table);
        f = fl_report_add(rep, "placeholder", FL_SEV_ERROR,
                          "表格%s%s%s中有%zu行只有省略号“%s”，是模板的示例行，未填入实际内容",
                          *title ? "“" : "", title, *title ? "”" : "", h->count, h->token);
        fl_finding_set_line(f, h->line, h->end_line);
        fl_finding_set_table(f, h->table);
        fl_finding_set_actual_text(f, h->token);
        fl_finding_set_suggestion(f, "按实际情况逐行列出（如所属单位名称、科目和金额），删去只有省略号的示例行。");
        return;
    }
    switch (h->rule) {
    case TR_PLACEHOLDER:
        if (h->count > 1)
            f = fl_report_add(rep, "placeholder", FL_SEV_ERROR,
                              "模板占位“%s”等%zu处未替换为实际内容：%s", h->token, h->count,
                              h->context);
        else
            f = fl_report_add(rep, "placeholder", FL_SEV_ERROR,
                              "模板占位“%s”未替换为实际内容：%s", h->token, h->context);
        fl_finding_set_suggestion(f, "用本单位的实际名称、金额、比例或原因替换占位文字；"
                                     "本单位不涉及的内容整句删除。");
        break;
    case TR_ALTERNATIVE:
        if (h->count > 1)
            f = fl_report_add(rep, "alternative", FL_SEV_ERROR,
                              "“%s”等%zu处是模板的二选一写法，未按实际情况选定：%s", h->token,
                              h->count, h->context);
        else
            f = fl_report_add(rep, "alternative", FL_SEV_ERROR,
                              "“%s”是模板的二选一写法，未按实际情况选定：%s", h->token, h->context);
        fl_finding_set_suggestion(f, "按实际变动只保留一种表述（实际增加则写“增加”，删去括号中的"
                                     "“减少”），并核对其后的金额、百分比和原因。");
        break;
    default:
        f = fl_report_add(rep, "instruction", FL_SEV_WARNING,
                          "模板的填写说明未删除：%s", h->token);
        fl_finding_set_suggestion(f, "按说明填写后删去说明文字；说明所指的内容本单位不涉及的，"
                                     "连同说明一起删除。");
        break;
    }
    fl_finding_set_line(f, h->line, h->line);
    fl_finding_set_actual_text(f, h->token);
}

static int tr_check(const fl_document *doc, fl_report *rep, void *state)
{
    size_t nlines = fl_doc_line_count(doc);
    tr_state st = { 0 };
    st.doc = doc;
    st.words = state;
    unsigned char *covered = calloc(nlines + 2, 1);
    unsigned char *header = calloc(nlines + 2, 1);
    if (covered == NULL || header == NULL) {
        free(covered);
        free(header);
        return -1;
    }
    for (size_t i = 0, n = fl_doc_paragraph_count(doc); i < n; i++) {
        const fl_paragraph *p = fl_doc_paragraph(doc, i);
        size_t end = fl_paragraph_end_line(p); /* asked once, not at every line */
        for (size_t l = fl_paragraph_line(p); l <= end && l <= nlines; l++)
            covered[l] = 1;
        st.text = fl_paragraph_text(p);
        st.para = p;
        tr_scan(st.words, st.text, TR_TEXT_NARRATIVE, on_match, &st);
    }
    scan_tables(doc, &st, header);
    st.para = NULL;
    for (size_t l = 1; l <= nlines; l++) {
        if (covered[l])
            continue;
        const char *s = fl_doc_line_norm(doc, l);
        if (s == NULL || *s == '\0')
            continue;
        st.text = s;
        st.line = l;
        tr_scan(st.words, s, header[l] ? TR_TEXT_TABLE_HEADER : TR_TEXT_NARRATIVE, on_match, &st);
    }
    if (!st.failed) {
        if (st.n > 1) /* no hits: hits is NULL, which qsort may not take */
            qsort(st.hits, st.n, sizeof *st.hits, by_line);
        for (size_t i = 0; i < st.n; i++)
            report_hit(rep, &st.hits[i]);
    }
    free(st.hits);
    free(st.slot);
    free(covered);
    free(header);
    return st.failed ? -1 : 0;
}

/* The words are found in one pass per text: their table is built once. */
static int tr_init(const fl_config *cfg, void **state)
{
    (void)cfg;
    *state = tr_words_new();
    return *state != NULL ? 0 : -1;
}

static void tr_fini(void *state)
{
    tr_words_free(state);
}

/* A template's text left in the report is a defect in any kind of report,
 * and in a document whose kind was not recognised. */
static const fl_rule tr_rules[] = {
    { "placeholder", FL_SEV_ERROR, FL_KINDS_ALL,
      "模板占位未替换：XX局、XXX万元、XX%、××、某某、只有省略号的示例表行",
      "模板中的占位内容没有替换，如“XX局”“XXX万元”“XX%”“××”“某某”，或只有省略号的示例表行。"
      "常见原因是套用模板后漏改了个别位置。"
      "请把占位内容替换为实际名称和数字，删除示例行。" },
    { "alternative", FL_SEV_ERROR, FL_KINDS_ALL,
      "模板的二选一写法未选定：增加（减少）、增长（下降）、大于（小于）等",
      "模板中二选一的写法没有选定，如“增加（减少）”“增长（下降）”“大于（小于）”。"
      "常见原因是照抄模板时没有按实际情况取舍。"
      "请按实际数字只保留正确的一种写法。" },
    { "instruction", FL_SEV_WARNING, FL_KINDS_ALL,
      "模板的填写说明未删除：（如持平作持平表述）、（不涉及的不列）、请……填列等",
      "模板中的填写说明没有删除，如“（如持平作持平表述）”“（不涉及的不列）”“请……填列”。"
      "常见原因是复制模板时把说明一并带入。"
      "请删除这些填写说明，按说明的要求写出实际内容。" },
    { NULL, 0, 0, NULL, NULL },
};

/* No options: any key in a [template-residue] section is an error. */
static const char *const option_keys[] = { NULL };

FISLINT_PLUGIN_DEFINE = {
    FISLINT_PLUGIN_HEADER,
    .id = "template-residue",
    .version = "1.0",
    .summary = "模板残留：占位文字（XX、××、某某）、二选一写法（增加（减少））、填写说明未删除",
    .init = tr_init,
    .check = tr_check,
    .fini = tr_fini,
    .rules = tr_rules,
    .options = option_keys,
};
