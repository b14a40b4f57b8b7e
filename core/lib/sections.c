/* sections.c — the document title, headings and the section tree.
 *
 * A heading is a markdown heading ("## 一、部门职责"), or a short line
 * that starts with a number (第一部分, 一、, (一), 1. 1、, (1)) and does not
 * read like a sentence: numbered narrative items such as
 * "1、一般公共服务支出(类)…年初预算数为0万元…主要原因是。" are paragraphs.
 *
 * The tree follows the numbering kinds in the order they appear: a heading
 * whose kind is already open closes everything opened after it (it is their sibling),
 * any other kind nests one level deeper.  Unnumbered markdown headings use
 * their level as their kind, and 第X部分 always starts a top-level part. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "text.h"
#include "util.h"

/* A numbered plain line longer than this is narrative, not a heading. */
#define HEADING_MAX_CHARS 40
/* Markdown headings are trusted, but not without bound. */
#define MD_HEADING_MAX_CHARS 200
/* The title is looked for among the first lines only. */
#define TITLE_SEARCH_LINES 30
/* Distinct kinds: 5 numbering kinds + 6 markdown levels. */
#define STACK_MAX 16

/* What the character at u is in a Chinese numeral: its digit, CN_TEN,
 * CN_HUNDRED, or CN_NONE.  Each is three bytes, compared as one number
 * (headings are asked at every line). */
enum { CN_NONE = -1, CN_TEN = 10, CN_HUNDRED = 100 };

static int cn_char(const unsigned char *u)
{
    if (u[0] < 0xE3 || u[0] > 0xE9 || u[1] == '\0') /* a cut-off lead byte ends the text */
        return CN_NONE;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE99BB6: /* 零 */
    case 0xE38087: /* 〇 */
        return 0;
    case 0xE4B880: return 1; /* 一 */
    case 0xE4BA8C: /* 二 */
    case 0xE4B8A4: /* 两 */
        return 2;
    case 0xE4B889: return 3; /* 三 */
    case 0xE59B9B: return 4; /* 四 */
    case 0xE4BA94: return 5; /* 五 */
    case 0xE585AD: return 6; /* 六 */
    case 0xE4B883: return 7; /* 七 */
    case 0xE585AB: return 8; /* 八 */
    case 0xE4B99D: return 9; /* 九 */
    case 0xE58D81: return CN_TEN;     /* 十 */
    case 0xE799BE: return CN_HUNDRED; /* 百 */
    default: return CN_NONE;
    }
}

int fl_cn_numeral(const char *s, size_t *len)
{
    int total = 0, cur = 0, nchars = 0;
    size_t i = 0;
    for (;;) {
        int c = cn_char((const unsigned char *)s + i);
        if (c == CN_NONE)
            break;
        if (c == CN_TEN || c == CN_HUNDRED) {
            total += (cur ? cur : 1) * c;
            cur = 0;
        } else {
            cur = c;
        }
        i += 3;
        if (++nchars > 6)
            break;
    }
    *len = i;
    return nchars ? total + cur : 0;
}

/* 1-3 ASCII digits at s: their value, *len their length; -1 if none. */
static int arabic_at(const char *s, size_t *len)
{
    int v = 0;
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        if (i == 3)
            return -1;
        v = v * 10 + (s[i] - '0');
        i++;
    }
    *len = i;
    return i ? v : -1;
}

fl_numbering fl_numbering_at(const char *s, int *value, size_t *len)
{
    size_t n, i;
    int v;
    *value = 0;
    *len = 0;
    /* 第一部分 / 第一章 / 第1部分 */
    if (strncmp(s, "第", 3) == 0) {
        i = 3;
        v = fl_cn_numeral(s + i, &n);
        if (n == 0)
            v = arabic_at(s + i, &n);
        if (n > 0 && v > 0) {
            i += n;
            size_t w = strncmp(s + i, "部分", 6) == 0 ? 6
                     : strncmp(s + i, "章", 3) == 0 ? 3
                     : strncmp(s + i, "篇", 3) == 0 ? 3 : 0;
            if (w) {
                i += w;
                *value = v;
                *len = i + fl_skip_spaces(s + i);
                return FL_NUM_PART;
            }
        }
        return FL_NUM_NONE;
    }
    /* (一) and (1), possibly with spaces inside */
    if (s[0] == '(') {
        i = 1 + fl_skip_spaces(s + 1);
        fl_numbering kind = FL_NUM_CN_PAREN;
        v = fl_cn_numeral(s + i, &n);
        if (n == 0) {
            v = arabic_at(s + i, &n);
            kind = FL_NUM_ARABIC_PAREN;
        }
        if (n == 0 || v <= 0)
            return FL_NUM_NONE;
        i += n;
        i += fl_skip_spaces(s + i);
        if (s[i] != ')')
            return FL_NUM_NONE;
        i++;
        *value = v;
        *len = i + fl_skip_spaces(s + i);
        return kind;
    }
    /* 一、 */
    v = fl_cn_numeral(s, &n);
    if (n > 0) {
        if (v > 0 && strncmp(s + n, "、", 3) == 0) {
            *value = v;
            *len = n + 3 + fl_skip_spaces(s + n + 3);
            return FL_NUM_CN;
        }
        return FL_NUM_NONE;
    }
    /* 1. 1、 (not 1.5) */
    v = arabic_at(s, &n);
    if (n > 0 && v > 0) {
        if (strncmp(s + n, "、", 3) == 0) {
            *value = v;
            *len = n + 3 + fl_skip_spaces(s + n + 3);
            return FL_NUM_ARABIC;
        }
        if (s[n] == '.' && !(s[n + 1] >= '0' && s[n + 1] <= '9')) {
            *value = v;
            *len = n + 1 + fl_skip_spaces(s + n + 1);
            return FL_NUM_ARABIC;
        }
    }
    return FL_NUM_NONE;
}

/* Punctuation that makes a short numbered line a sentence, not a title. */
static int has_sentence_punct(const char *s)
{
    /* 。 and the ASCII ones: two passes over s rather than six. */
    return s[strcspn(s, ",;:!?")] != '\0' || strstr(s, "\xE3\x80\x82") != NULL;
}

static int is_list_item(const char *norm)
{
    const char *s = norm + fl_skip_spaces(norm);
    return (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ';
}

/* One recognised heading line. */
typedef struct heading {
    const char *text;    /* normalised, markdown removed; the line's own
                            or in the scratch buffer detect_heading was
                            given */
    size_t len;          /* of text */
    int md_level;        /* 0 for a plain line */
    fl_numbering kind;
    int value;
    size_t marker_len;   /* bytes of the number at the start of text */
} heading;

/* Can the text a line strips to (fl_strip_markdown: spaces and '*'s
 * before it dropped) start with a number fl_numbering_at() reads?  Its
 * first character is the line's first that is neither a space nor a '*':
 * 第, '(', a digit or a Chinese numeral must be there. */
static int may_start_number(const char *s)
{
    size_t k;
    for (;;) {
        if (*s == '*')
            s++;
        else if ((k = fl_space_len(s)) > 0)
            s += k;
        else
            break;
    }
    return *s == '(' || (*s >= '0' && *s <= '9') || strncmp(s, "第", 3) == 0 ||
           cn_char((const unsigned char *)s) != CN_NONE;
}

/* Is line i (0-based), a text line that is no list item, a heading?
 * Fills *h. */
static int detect_heading(const fl_parse *p, size_t i, heading *h, fl_buf *scratch)
{
    const char *norm = p->doc->norm[i];
    /* Cheap rejects first: plain lines (not markdown) that start with no
     * number, then long ones. */
    const char *s = norm + fl_skip_spaces(norm);
    if (*s != '#' && !may_start_number(s))
        return 0;
    size_t nchars = *s != '#' ? fl_char_count(s, HEADING_MAX_CHARS + 8)
                              : fl_char_count(s, MD_HEADING_MAX_CHARS + 8);
    if (nchars > (*s != '#' ? HEADING_MAX_CHARS + 6 : MD_HEADING_MAX_CHARS))
        return 0;

    memset(h, 0, sizeof *h);
    /* A line without markdown ('#' or '*') nor spaces at its end strips
     * to itself after its leading spaces: no copy (most candidates). */
    size_t len = strlen(s), a, n;
    fl_trim_bounds(s, len, &a, &n);
    if (*s != '#' && n == len && memchr(s, '*', len) == NULL) {
        h->text = s;
        h->len = len;
    } else {
        h->text = fl_strip_markdown_buf(norm, scratch, 0, &h->md_level);
        h->len = scratch->len;
    }
    if (h->text[0] == '\0')
        goto no;
    h->kind = fl_numbering_at(h->text, &h->value, &h->marker_len);
    if (h->md_level > 0)
        return 1;
    if (h->kind == FL_NUM_NONE)
        goto no;
    /* Stripping only drops characters: a short line strips to a short text. */
    if (nchars > HEADING_MAX_CHARS && fl_char_count(h->text, HEADING_MAX_CHARS + 1) > HEADING_MAX_CHARS)
        goto no;
    if (h->kind != FL_NUM_PART) {
        const char *rest = h->text + h->marker_len;
        if (*rest == '\0' || has_sentence_punct(rest))
            goto no;
    }
    return 1;
no:
    h->text = NULL;
    return 0;
}

/* A line that can be the document's title: short, unnumbered, Chinese,
 * not a sentence, not "附件4" or "目录". */
static char *title_candidate(const fl_parse *p, size_t i)
{
    const char *norm = p->doc->norm[i];
    if (p->kind[i] != FL_LINE_TEXT || is_list_item(norm))
        return NULL;
    if (fl_char_count(norm, 80) >= 80)
        return NULL;
    int level;
    char *t = fl_strip_markdown(norm, &level);
    int value;
    size_t mlen;
    size_t nchars = fl_char_count(t, 61);
    char *compact = fl_strip_spaces_dup(t);
    int ok = nchars >= 4 && nchars <= 60 && !has_sentence_punct(t) &&
             fl_numbering_at(t, &value, &mlen) == FL_NUM_NONE &&
             !fl_str_starts(compact, "附件") && strcmp(compact, "目录") != 0;
    if (ok) {
        /* at least two CJK characters */
        int cjk = 0;
        for (const unsigned char *q = (const unsigned char *)t; *q; q++)
            if (*q >= 0xE4 && *q <= 0xE9)
                cjk++;
        ok = cjk >= 2;
    }
    free(compact);
    if (!ok) {
        free(t);
        return NULL;
    }
    return t;
}

/* "a > b", the path of a section under a, in the document's pool. */
static char *join_path(fl_pool *pool, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *path = fl_pool_alloc(pool, na + 3 + nb + 1);
    memcpy(path, a, na);
    memcpy(path + na, " > ", 3);
    memcpy(path + na + 3, b, nb + 1);
    return path;
}

/* A section and its strings are the document's pool's. */
static fl_section *add_section(fl_parse *p, const char *text, fl_numbering kind, int value,
                               size_t marker_len, size_t line)
{
    fl_document *doc = p->doc;
    fl_pool *pool = &doc->strings;
    fl_section *s = fl_pool_alloc_array(pool, 1, sizeof *s);
    memset(s, 0, sizeof *s);
    s->heading = fl_pool_strdup(pool, text);
    size_t a, n;
    fl_trim_bounds(text + marker_len, strlen(text + marker_len), &a, &n);
    s->title = fl_pool_strndup(pool, text + marker_len + a, n);
    s->numbering = kind;
    s->number = kind == FL_NUM_NONE ? 0 : value;
    s->line = line;
    s->end_line = doc->nlines;
    doc->sections = xgrow(doc->sections, &p->sections_cap, doc->nsections + 1,
                          sizeof *doc->sections);
    doc->sections[doc->nsections++] = s;
    return s;
}

/* What the pre-pass knows about a line. */
typedef struct line_info {
    signed char kind;    /* numbering kind of a plain numbered line, else 0 */
    char cand;           /* heading candidate */
    char md;             /* markdown heading */
    int value;
} line_info;

/* How far to look for the neighbouring items of a numbered line. */
#define SIBLING_SEARCH_LINES 30

/* The nearest plain numbered line before (dir -1) or after (dir 1) line i,
 * not crossing markdown headings or tables; SIZE_MAX if none. */
static size_t neighbour_item(const fl_parse *p, const line_info *info, size_t i, int dir)
{
    size_t n = p->doc->nlines;
    for (size_t step = 1; step <= SIBLING_SEARCH_LINES; step++) {
        if (dir < 0 && step > i)
            break;
        size_t j = dir < 0 ? i - step : i + step;
        if (j >= n || info[j].md || p->kind[j] == FL_LINE_TABLE)
            break;
        if (info[j].kind != FL_NUM_NONE)
            return j;
    }
    return (size_t)-1;
}

/* The headings scan_lines() found, in line order, their texts in a pool
 * of their own: fl_parse_sections() takes them from here rather than
 * detect a heading twice. */
typedef struct found_headings {
    struct found { size_t line; heading h; } *at;
    size_t n, cap, next;
    fl_pool texts;
} found_headings;

/* A short numbered line whose previous or next item of the same kind is a
 * narrative paragraph is that list's item cut short by a line break
 * ("4、社会保障和就业支出(类)…基层政权建设和社区" + "治理(项)。…").
 * The candidates are the headings found, in line order: only they are
 * looked at, not every line. */
static void demote_cut_items(const fl_parse *p, line_info *info, const found_headings *found)
{
    for (size_t f = 0; f < found->n; f++) {
        size_t i = found->at[f].line;
        if (info[i].md || info[i].kind == FL_NUM_PART)
            continue;
        size_t j = neighbour_item(p, info, i, -1), k = neighbour_item(p, info, i, 1);
        if ((j != (size_t)-1 && info[j].kind == info[i].kind &&
             info[j].value == info[i].value - 1 && !info[j].cand) ||
            (k != (size_t)-1 && info[k].kind == info[i].kind &&
             info[k].value == info[i].value + 1 && !info[k].cand))
            info[i].cand = 2; /* demoted */
    }
    for (size_t f = 0; f < found->n; f++)
        if (info[found->at[f].line].cand == 2)
            info[found->at[f].line].cand = 0;
}

static line_info *scan_lines(const fl_parse *p, found_headings *found)
{
    fl_document *doc = p->doc;
    line_info *info = xcalloc(doc->nlines ? doc->nlines : 1, sizeof *info);
    fl_buf scratch = { 0 };
    for (size_t i = 0; i < doc->nlines; i++) {
        if (p->kind[i] != FL_LINE_TEXT || is_list_item(doc->norm[i]))
            continue;
        heading h;
        if (detect_heading(p, i, &h, &scratch)) {
            info[i].cand = 1;
            info[i].md = h.md_level > 0;
            info[i].kind = h.md_level > 0 ? FL_NUM_NONE : (signed char)h.kind;
            info[i].value = h.value;
            h.text = fl_pool_strndup(&found->texts, h.text, h.len);
            found->at = xgrow(found->at, &found->cap, found->n + 1, sizeof *found->at);
            found->at[found->n++] = (struct found){ i, h };
            continue;
        }
        /* a numbered narrative item */
        const char *s = doc->norm[i] + fl_skip_spaces(doc->norm[i]);
        if (*s == '#')
            continue;
        while (*s == '*')
            s++;
        size_t len;
        int value;
        fl_numbering k = fl_numbering_at(s, &value, &len);
        info[i].kind = (signed char)k;
        info[i].value = value;
    }
    fl_buf_free(&scratch);
    demote_cut_items(p, info, found);
    return info;
}

/* A title broken over two lines ("…2024年度部门决算" + "公开说明"): a
 * very short plain line right after it continues it. */
#define TITLE_TAIL_MAX_CHARS 10

static void title_tail(fl_parse *p, const line_info *info, size_t i, fl_section *title)
{
    fl_document *doc = p->doc;
    size_t j = i + 1;
    while (j < doc->nlines && j <= i + 2 && p->kind[j] == FL_LINE_BLANK)
        j++;
    if (j >= doc->nlines || p->kind[j] != FL_LINE_TEXT || info[j].cand || info[j].kind)
        return;
    const char *norm = doc->norm[j];
    if (norm[fl_skip_spaces(norm)] == '#' || is_list_item(norm) ||
        fl_char_count(norm, TITLE_TAIL_MAX_CHARS + 1) > TITLE_TAIL_MAX_CHARS ||
        has_sentence_punct(norm))
        return;
    char *tail = fl_trim_dup(norm, strlen(norm));
    char *compact = fl_strip_spaces_dup(tail);
    int ok = tail[0] != '\0' && strcmp(compact, "目录") != 0;
    free(compact);
    if (ok) {
        char *joined = xasprintf("%s%s", doc->title, tail);
        free(doc->title);
        doc->title = joined;
        /* the strings replaced stay in the pool until the document goes */
        title->heading = fl_pool_strdup(&doc->strings, joined);
        title->title = title->heading;
        title->path = title->heading;
        p->kind[j] = FL_LINE_HEADING;
    }
    free(tail);
}

typedef struct open_section {
    int key;             /* numbering kind, or 100 + markdown level */
    fl_section *s;
} open_section;

void fl_parse_sections(fl_parse *p)
{
    fl_document *doc = p->doc;
    /* Every line's entry is set below. */
    doc->line_section = xmalloc((doc->nlines ? doc->nlines : 1) * sizeof *doc->line_section);
    open_section stack[STACK_MAX];
    int depth = 0;
    const fl_section *current = NULL;
    fl_section *title_section = NULL;
    int headings_seen = 0;
    size_t nonblank = 0;
    found_headings found = { 0 };
    line_info *info = scan_lines(p, &found);

    for (size_t i = 0; i < doc->nlines; i++) {
        if (doc->title != NULL || headings_seen) {
            /* No title is looked for any more, nor nonblank read: the
             * lines up to the next candidate are the current section's. */
            while (i < doc->nlines && !info[i].cand)
                doc->line_section[i++] = current;
            if (i == doc->nlines)
                break;
        }
        if (p->kind[i] != FL_LINE_BLANK)
            nonblank++;
        size_t line = i + 1;
        const heading *h = NULL;
        /* a candidate is a heading scan_lines() found (the lines it read
         * are as they were then); they are looked up only at candidates */
        int is_heading = info[i].cand != 0;
        if (is_heading) {
            while (found.next < found.n && found.at[found.next].line < i)
                found.next++;
            h = &found.at[found.next].h;
        }

        /* The title: the first short title-like line before any heading. */
        if (doc->title == NULL && !headings_seen && nonblank <= TITLE_SEARCH_LINES &&
            (!is_heading || h->kind == FL_NUM_NONE)) {
            char *t = title_candidate(p, i);
            if (t != NULL) {
                doc->title = t;
                title_section = add_section(p, t, FL_NUM_NONE, 0, 0, line);
                title_section->depth = 1;
                title_section->path = title_section->heading; /* t itself */
                p->kind[i] = FL_LINE_HEADING;
                current = title_section;
                doc->line_section[i] = current;
                title_tail(p, info, i, title_section);
                continue;
            }
        }
        if (!is_heading) {
            doc->line_section[i] = current;
            continue;
        }
        headings_seen = 1;
        p->kind[i] = FL_LINE_HEADING;
        if (title_section != NULL) {
            title_section->end_line = line - 1;
            title_section = NULL;
        }

        int key = h->kind != FL_NUM_NONE ? (int)h->kind : 100 + h->md_level;
        int keep = depth;
        if (h->kind == FL_NUM_PART) {
            keep = 0;
        } else {
            for (int d = depth - 1; d >= 0; d--)
                if (stack[d].key == key) {
                    keep = d;
                    break;
                }
        }
        for (int d = keep; d < depth; d++)
            stack[d].s->end_line = line - 1;
        depth = keep;
        if (depth == STACK_MAX) { /* cannot happen with distinct kinds; be safe */
            stack[depth - 1].s->end_line = line - 1;
            depth--;
        }

        fl_section *s = add_section(p, h->text, h->kind, h->value, h->marker_len, line);
        s->parent = depth > 0 ? stack[depth - 1].s : NULL;
        s->depth = depth + 1;
        s->path = s->parent ? join_path(&doc->strings, s->parent->path, s->heading)
                            : s->heading;
        stack[depth].key = key;
        stack[depth].s = s;
        depth++;
        current = s;
        doc->line_section[i] = current;
    }
    free(found.at);
    fl_pool_release(&found.texts);
    free(info);
}
