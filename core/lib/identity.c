/* identity.c — what the document is: its kind (部门决算, 部门预算, 绩效自评
 * …), the year it reports on and the unit (bureau) it belongs to.
 *
 * Real covers wrap anywhere ("2018 年度江苏省高级" / "人民法院预算公开"),
 * so the cover lines are joined without spaces into one string and the
 * patterns are searched there; each match is mapped back to its line. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/* The cover ends at the table of contents, the first numbered heading or
 * table, or after this many non-blank lines. */
#define COVER_LINES 8
/* Labelled unit fields ("预算主管部门：…") are looked for this far. */
#define LABEL_LINES 80

typedef struct cover {
    fl_buf text;          /* cover lines, spaces removed, joined */
    size_t *starts;       /* starts[i]: offset of line lines[i] in text */
    size_t *lines;
    size_t n, cap, lcap;
} cover;

static size_t cover_line_at(const cover *c, size_t offset)
{
    size_t line = 0;
    for (size_t i = 0; i < c->n && c->starts[i] <= offset; i++)
        line = c->lines[i];
    return line;
}

static int is_toc(const char *stripped)
{
    return strcmp(stripped, "目录") == 0 || fl_str_starts(stripped, "目录");
}

/* "附件4", "- 1 -": furniture before the title. */
static int is_furniture(const char *stripped)
{
    if (fl_str_starts(stripped, "附件"))
        return strlen(stripped) <= strlen("附件") + 3;
    return 0;
}

static void build_cover(const fl_parse *p, cover *c)
{
    const fl_document *doc = p->doc;
    size_t nonblank = 0;
    fl_buf scratch = { 0 };
    for (size_t i = 0; i < doc->nlines && nonblank < COVER_LINES; i++) {
        if (p->kind[i] == FL_LINE_BLANK)
            continue;
        if (p->kind[i] == FL_LINE_TABLE)
            break;
        int level = 0;
        const char *s = fl_strip_markdown_buf(doc->norm[i], &scratch, 1, &level);
        int value;
        size_t len;
        int stop = is_toc(s) || (nonblank > 0 && fl_numbering_at(s, &value, &len) != FL_NUM_NONE);
        if (!stop && !is_furniture(s) && *s) {
            c->starts = xgrow(c->starts, &c->cap, c->n + 1, sizeof *c->starts);
            c->lines = xgrow(c->lines, &c->lcap, c->n + 1, sizeof *c->lines);
            c->starts[c->n] = c->text.len;
            c->lines[c->n++] = i + 1;
            fl_buf_puts(&c->text, s);
            nonblank++;
        }
        if (stop)
            break;
    }
    fl_buf_free(&scratch);
    if (c->text.data == NULL)
        fl_buf_puts(&c->text, "");
}

static void cover_free(cover *c)
{
    fl_buf_free(&c->text);
    free(c->starts);
    free(c->lines);
}

/* Words that name the kind, longest and most specific first. */
static const struct kind_word {
    const char *word;
    fl_doc_kind kind;
} KIND_WORDS[] = {
    { "单位决算", FL_KIND_UNIT_FINAL },   { "部门决算", FL_KIND_DEPT_FINAL },
    { "决算公开", FL_KIND_DEPT_FINAL },   { "年度决算", FL_KIND_DEPT_FINAL },
    { "决算报告", FL_KIND_DEPT_FINAL },   { "单位预算", FL_KIND_UNIT_BUDGET },
    { "部门预算", FL_KIND_DEPT_BUDGET },  { "预算公开", FL_KIND_DEPT_BUDGET },
    { "整体支出绩效", FL_KIND_DEPT_EVAL }, { "整体绩效自评", FL_KIND_DEPT_EVAL },
    { "项目支出绩效", FL_KIND_PROJECT_EVAL }, { "绩效自评", FL_KIND_PROJECT_EVAL },
};

/* The earliest kind word in `s`; its offset and length in *at, *len. */
static fl_doc_kind find_kind_word(const char *s, size_t *at, size_t *len)
{
    fl_doc_kind kind = FL_KIND_UNKNOWN;
    const char *best = NULL;
    for (size_t i = 0; i < sizeof KIND_WORDS / sizeof KIND_WORDS[0]; i++) {
        const char *hit = strstr(s, KIND_WORDS[i].word);
        if (hit != NULL && (best == NULL || hit < best)) {
            best = hit;
            kind = KIND_WORDS[i].kind;
            *len = strlen(KIND_WORDS[i].word);
        }
    }
    if (best != NULL)
        *at = (size_t)(best - s);
    return kind;
}

/* A year "20dd年" (or "20dd年度") at s: its value, *len the bytes of the
 * token; 0 when there is none. */
static int year_at(const char *s, size_t *len)
{
    if (s[0] != '2' || s[1] != '0' || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9')
        return 0;
    if (!fl_str_starts(s + 4, "年"))
        return 0;
    *len = 4 + strlen("年");
    if (fl_str_starts(s + *len, "度"))
        *len += strlen("度");
    return 2000 + (s[2] - '0') * 10 + (s[3] - '0');
}

/* The first year in s[0..end); *at its offset, *len its length. */
static int find_year(const char *s, size_t end, size_t *at, size_t *len)
{
    for (size_t i = 0; i + 4 < end; i++) {
        int y = year_at(s + i, len);
        /* "2017年2月24日" is a date, not the report's year. */
        if (y && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') && !(s[i + *len] >= '0' && s[i + *len] <= '9')) {
            *at = i;
            return y;
        }
    }
    return 0;
}

/* Kind from the table titles when the cover does not say (a PDF of tables
 * only): budget tables say 预算, final-account tables 决算. */
static fl_doc_kind kind_from_tables(const fl_document *doc, size_t *line)
{
    size_t budget = 0, final = 0, eval = 0, first_budget = 0, first_final = 0, first_eval = 0;
    for (size_t i = 0; i < doc->ntables; i++) {
        const char *t = doc->tables[i]->title;
        size_t l = doc->tables[i]->line;
        if (strstr(t, "绩效自评") || strstr(t, "绩效评价")) {
            eval++;
            first_eval = first_eval ? first_eval : l;
        } else if (strstr(t, "决算")) {
            final++;
            first_final = first_final ? first_final : l;
        } else if (strstr(t, "预算")) {
            budget++;
            first_budget = first_budget ? first_budget : l;
        }
    }
    if (final > 0 && final >= budget) {
        *line = first_final;
        return FL_KIND_DEPT_FINAL;
    }
    if (budget > 0) {
        *line = first_budget;
        return FL_KIND_DEPT_BUDGET;
    }
    if (eval > 0) {
        *line = first_eval;
        return FL_KIND_PROJECT_EVAL;
    }
    return FL_KIND_UNKNOWN;
}

/* Parts a report carries besides its kind: self-evaluation tables inside
 * a 决算 (seed 003) or a 决算 说明. */
static unsigned carried_kinds(const fl_document *doc)
{
    unsigned bits = 0;
    for (size_t i = 0; i < doc->ntables; i++) {
        const char *t = doc->tables[i]->title;
        if (strstr(t, "整体支出绩效"))
            bits |= FL_KIND_BIT(FL_KIND_DEPT_EVAL);
        else if (strstr(t, "绩效自评") || strstr(t, "绩效评价"))
            bits |= FL_KIND_BIT(FL_KIND_PROJECT_EVAL);
    }
    return bits;
}

static const char *const UNIT_LABELS[] = {
    "预算主管部门:", "预算单位:", "主管部门:", "部门名称:", "单位名称:", "编制单位:", "填报单位:",
    "部门:", "部门(单位):", "单位(部门):",
};

/* Can the line strip (fl_strip_markdown_buf: spaces, '#' and '*' go)
 * to a text that starts with a label?  Its first other character must
 * be a label's first: 预 单 主 部 编 填.  Most lines with a ':' are
 * sentences, not stripped whole then. */
static int may_start_label(const char *norm)
{
    static const char *const firsts[] = { "预", "单", "主", "部", "编", "填" };
    const char *s = norm;
    for (;;) {
        size_t k = *s == '#' || *s == '*' ? 1 : fl_space_len(s);
        if (k == 0)
            break;
        s += k;
    }
    for (size_t k = 0; k < sizeof firsts / sizeof firsts[0]; k++)
        if (strncmp(s, firsts[k], 3) == 0)
            return 1;
    return 0;
}

/* The unit from a labelled field ("预算主管部门：上海市普陀区财政局",
 * "部 门:中共江苏省委办公厅"); allocated, or NULL. */
static char *labelled_unit(const fl_document *doc, size_t *line)
{
    fl_buf scratch = { 0 };
    for (size_t i = 0; i < doc->nlines && i < LABEL_LINES; i++) {
        /* Every label ends in ':' (normalised "："): most lines have none
         * and are not stripped at all. */
        if (strchr(doc->norm[i], ':') == NULL || !may_start_label(doc->norm[i]))
            continue;
        int level;
        const char *s = fl_strip_markdown_buf(doc->norm[i], &scratch, 1, &level);
        for (size_t k = 0; k < sizeof UNIT_LABELS / sizeof UNIT_LABELS[0]; k++) {
            if (!fl_str_starts(s, UNIT_LABELS[k]))
                continue;
            const char *v = s + strlen(UNIT_LABELS[k]);
            /* "部门：X 单位：万元" on one line. */
            const char *end = strstr(v, "单位:");
            const char *amount = strstr(v, "金额单位");
            if (amount && (!end || amount < end))
                end = amount;
            size_t n = end ? (size_t)(end - v) : strlen(v);
            if (n >= strlen("某局")) {
                char *unit = xstrndup(v, n);
                fl_buf_free(&scratch);
                *line = i + 1;
                return unit;
            }
        }
    }
    fl_buf_free(&scratch);
    return NULL;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* A name that is only a region ("上海市普陀区", "江苏省") or a level word
 * ("区级") is not a unit. */
static int is_region_only(const char *s, size_t n)
{
    static const char *const SUFFIXES[] = { "省", "市", "区", "县", "自治州", "区级", "省级", "市级", "县级" };
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++)
        if (ends_with(s, n, SUFFIXES[i]))
            return 1;
    return 0;
}

/* The offset after the last separator of a page title or a list in
 * s[0..n) ("-", "|", ">", "_", "—", "·", "•"), 0 when there is none. */
static size_t after_last_separator(const char *s, size_t n)
{
    static const char *const SEPARATORS[] = { "-", "|", ">", "_", "—", "·", "•", "－", "｜" };
    size_t from = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof SEPARATORS / sizeof SEPARATORS[0]; k++) {
            size_t len = strlen(SEPARATORS[k]);
            if (i + len <= n && memcmp(s + i, SEPARATORS[k], len) == 0)
                from = i + len;
        }
    return from;
}

/* The unit named next to the year on the cover: "2017年度江苏省高级人民
 * 法院部门预算公开" or "上海市普陀区财政局2024年度部门决算". */
static char *cover_unit(const cover *c, size_t year_at_, size_t year_len, size_t kind_at, size_t *line)
{
    const char *s = c->text.data;
    size_t a = year_at_ + year_len, b = kind_at;
    /* "…2023年济宁市兖州区民政局部门决算": the name sits between. */
    if (b > a + strlen("某局") && !is_region_only(s + a, b - a)) {
        *line = cover_line_at(c, a);
        return xstrndup(s + a, b - a);
    }
    /* "江苏省委办公厅2017年度部门预算": the name comes before the year.  On
     * a saved web page the site's name or a list bullet comes first
     * ("财政预决算-区民政局2023年部门决算"): the name starts after the last
     * separator. */
    size_t end = kind_at > 0 && kind_at < year_at_ ? kind_at : year_at_;
    /* A kind word in a breadcrumb ("首页>预决算公开>…局2024年…") is not
     * the title's. */
    if (end < year_at_ && after_last_separator(s, year_at_) > end)
        end = year_at_;
    size_t from = after_last_separator(s, end);
    if (end - from < strlen("某局") || is_region_only(s + from, end - from))
        from = 0;
    if (end - from >= strlen("某局") && !is_region_only(s + from, end - from)) {
        *line = cover_line_at(c, from);
        return xstrndup(s + from, end - from);
    }
    return NULL;
}

void fl_parse_identity(fl_parse *p)
{
    fl_document *doc = p->doc;
    cover c = { 0 };
    build_cover(p, &c);
    const char *s = c.text.data;

    size_t kind_at = 0, kind_len = 0;
    doc->kind = find_kind_word(s, &kind_at, &kind_len);
    if (doc->kind != FL_KIND_UNKNOWN) {
        doc->kind_line = cover_line_at(&c, kind_at);
    } else {
        doc->kind = kind_from_tables(doc, &doc->kind_line);
        kind_at = 0; /* no kind word on the cover to end a name */
    }
    doc->kinds = FL_KIND_BIT(doc->kind) | (doc->kind == FL_KIND_UNKNOWN ? 0 : carried_kinds(doc));

    size_t year_pos = 0, year_len = 0;
    doc->year = find_year(s, c.text.len, &year_pos, &year_len);
    if (doc->year)
        doc->year_line = cover_line_at(&c, year_pos);
    for (size_t i = 0; !doc->year && i < doc->ntables; i++) {
        const fl_table *t = doc->tables[i];
        size_t at;
        doc->year = find_year(t->title, strlen(t->title), &at, &year_len);
        doc->year_line = doc->year ? t->line : 0;
    }

    doc->unit = labelled_unit(doc, &doc->unit_line);
    if (doc->unit == NULL && find_year(s, c.text.len, &year_pos, &year_len))
        doc->unit = cover_unit(&c, year_pos, year_len, kind_at, &doc->unit_line);
    cover_free(&c);
}
