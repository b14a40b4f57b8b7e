/* tables.c — finding tables in the text and cutting them into rows.
 *
 * Three layouts:
 *  (a) TAB-separated: one row per line, cells separated by TABs;
 *  (b) one cell per line: every line starts with a TAB, a blank line ends
 *      the row, a lone TAB is an empty cell, a line without TAB right
 *      after a cell continues that cell;
 *  (c) markdown pipes: "| a | b |", the "|---|" line skipped, "\|" a pipe.
 * A row holding only a title-like cell ("项目支出绩效自评表") starts a new
 * table with that title; a "(2024年度)" row is dropped.  A table without
 * such a row takes its title, number label (公开03表) and unit (金额单位：
 * 万元) from the lines just above it.  A block that follows a table with
 * only blank lines and table furniture between, and no title of its own,
 * continues that table (a page break); its repeated header rows are left
 * out.  Header rows, labels and numbers are worked out in table-finish.c. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "text.h"
#include "util.h"

/* How far above a table its title is looked for (non-blank lines). */
#define TITLE_SEARCH_LINES 10
/* Longest line that can be table furniture or a title, and its bytes at
 * most (fl_char_count counts a character of up to 4 bytes as one). */
#define META_MAX_CHARS 60
#define META_MAX_BYTES (4 * META_MAX_CHARS)

enum layout { LAYOUT_TAB = 1, LAYOUT_CELL_LINES, LAYOUT_PIPE };

/* A table being assembled. */
typedef struct tbuild {
    fl_table *t;
    size_t rows_cap;
    int layout;
} tbuild;

/* A row being assembled.  One row at a time is: its cells are in the
 * parse's scratch array (p->row_cells) until block_add keeps the row and
 * moves them to the document's pool, where they live as the table's. */
typedef struct rbuild {
    fl_cell *cells;
    size_t n;
    size_t line;
    /* Set by block_add, for title_row and year_row, which look only at
     * rows with one non-blank cell: how many there are (0, 1, or 2 for
     * more), and the first. */
    size_t nonblank, first_nonblank;
} rbuild;

/* Bytes of line j.  The lines sit one after another in the document's
 * line_buf, each ended by its NUL (document.c): the next one's start
 * tells, and only the last line is measured. */
static inline size_t line_length(const fl_document *doc, size_t j)
{
    if (j + 1 < doc->nlines)
        return (size_t)(doc->lines[j + 1] - doc->lines[j]) - 1;
    return strlen(doc->lines[j]);
}

/* Where the next TAB of the text is, for the lines before it: one memchr
 * over the lines (one run of bytes, see line_length) answers for all the
 * lines it passes, most of which hold none, rather than a strchr each. */
typedef struct tab_cursor {
    size_t from;   /* offsets in line_buf: no TAB from `from`... */
    size_t at;     /* ...to `at`, a TAB's or `total` when none is left */
    size_t total;  /* bytes of line_buf, its last NUL included */
} tab_cursor;

static inline int line_has_tab(const fl_document *doc, tab_cursor *tc, size_t j, size_t len)
{
    size_t start = (size_t)(doc->lines[j] - doc->line_buf);
    if (start < tc->from || start > tc->at) { /* the cursor is behind */
        const char *tab = memchr(doc->lines[j], '\t', tc->total - start);
        tc->from = start;
        tc->at = tab != NULL ? (size_t)(tab - doc->line_buf) : tc->total;
    }
    return tc->at < start + len;
}

/* A cell whose text stays as long as the document, even when the row is
 * dropped: in its pool, or a plain cell's line itself.  plain_len: see
 * fl_cell. */
static inline void row_push_cell(fl_parse *p, rbuild *r, char *pooled_text, unsigned plain_len)
{
    if (r->n == p->row_cells_cap) /* rarely: the array is kept from row to row */
        p->row_cells = xgrow(p->row_cells, &p->row_cells_cap, r->n + 1, sizeof *p->row_cells);
    r->cells = p->row_cells;
    r->cells[r->n++] = (fl_cell){ .text = pooled_text, .plain_len = plain_len };
}

/* Line j (len bytes) holds no tag, break or fold, nor then its cells
 * where TABs cut them (a TAB left inside a cell is a break): no '<', no
 * '\r' in the text, and no fold (the line's norm is the line itself), as
 * a fold in a cell would be one in the line. */
static int line_is_plain(const fl_parse *p, size_t j, size_t len)
{
    return p->no_cr && p->doc->norm[j] == p->doc->lines[j] && len < UINT_MAX &&
           (p->no_lt || memchr(p->doc->lines[j], '<', len) == NULL);
}

/* The same but for its folds: its norm differs from it. */
static int line_has_only_folds(const fl_parse *p, size_t j, size_t len)
{
    return p->no_cr && p->doc->norm[j] != p->doc->lines[j] &&
           (p->no_lt || memchr(p->doc->lines[j], '<', len) == NULL);
}

static void row_add_cell(fl_parse *p, rbuild *r, const char *text, size_t len)
{
    row_push_cell(p, r, fl_pool_strndup(&p->doc->strings, text, len), 0);
}

/* Nothing to free: the cells are in the scratch array or the pool. */
static void row_free(rbuild *r)
{
    memset(r, 0, sizeof *r);
}

static int cell_is_blank(const fl_cell *c)
{
    /* most cells are known from their first byte: is it a space's? */
    unsigned char b = (unsigned char)c->text[0];
    if (!fl_space_lead_or_end[b])
        return 0;
    return b == '\0' || fl_text_is_blank(c->text);
}

/* A markdown "|---|:---:|" line, or a TAB row of dashes ("--\t------"). */
static int row_is_separator(const rbuild *r)
{
    int dashes = 0;
    for (size_t i = 0; i < r->n; i++) {
        const char *s = r->cells[i].text;
        char first = s[fl_skip_spaces(s)];
        if (first != '-' && first != ':' && first != '\0')
            return 0; /* most rows: known from their first cell's first byte */
        if (first == '\0')
            continue; /* blank: nothing to trim */
        size_t a, n;
        fl_trim_bounds(s, strlen(s), &a, &n);
        if (n == 0)
            continue;
        for (size_t k = a; k < a + n; k++)
            if (s[k] != '-' && s[k] != ':')
                return 0;
        dashes++;
    }
    return dashes > 0;
}

/* 0, 1 or 2 (for two or more): the rest of a row is not looked at. */
static size_t nonblank_cells(const rbuild *r, size_t *which)
{
    size_t count = 0;
    for (size_t i = 0; i < r->n && count < 2; i++)
        if (!cell_is_blank(&r->cells[i])) {
            if (count == 0)
                *which = i;
            count++;
        }
    return count;
}

/* "(2024年度)", "( 2023年度 )", "2023年度": the year under a title. */
static int is_year_line(const char *norm)
{
    /* Its text without spaces, which a year line has at most 16 bytes of
     * within a pair of parentheses: a longer one is not copied. */
    char c[16 + 2 + 1];
    size_t n = 0, k;
    for (const char *t = norm; *t;) {
        if ((k = fl_space_len(t)) > 0) {
            t += k;
            continue;
        }
        if (n == sizeof c - 1)
            return 0;
        c[n++] = *t++;
    }
    c[n] = '\0';
    const char *s = c;
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s++;
        n -= 2;
    }
    return n >= 7 && n <= 16 && s[0] >= '0' && s[0] <= '9' && strstr(s, "年") != NULL;
}

/* The unit named after 单位 in a furniture line, or FL_UNIT_NONE. */
static fl_unit unit_in(const char *compact)
{
    const char *u = strstr(compact, "单位");
    while (u != NULL) {
        const char *v = u + strlen("单位");
        if (*v == ':')
            v++;
        if (fl_str_starts(v, "万元"))
            return FL_UNIT_WANYUAN;
        if (fl_str_starts(v, "亿元"))
            return FL_UNIT_YIYUAN;
        if (fl_str_starts(v, "元"))
            return FL_UNIT_YUAN;
        u = strstr(v, "单位");
    }
    return FL_UNIT_NONE;
}

/* A unit in parentheses in a header cell: "部门资金(万元)". */
static fl_unit unit_in_parens(const char *compact)
{
    if (strchr(compact, '(') == NULL) /* most header cells: no strstr */
        return FL_UNIT_NONE;
    if (strstr(compact, "(万元)") != NULL)
        return FL_UNIT_WANYUAN;
    if (strstr(compact, "(亿元)") != NULL)
        return FL_UNIT_YIYUAN;
    if (strstr(compact, "(元)") != NULL)
        return FL_UNIT_YUAN;
    return FL_UNIT_NONE;
}

/* "公开03表", "附表1表": a short label with a number before 表. */
static int is_number_label(const char *compact)
{
    size_t n = strlen(compact);
    if (n < 4 || n > 24 || memcmp(compact + n - 3, "表", 3) != 0)
        return 0;
    return compact[n - 4] >= '0' && compact[n - 4] <= '9';
}

/* Table furniture: the lines between a title and its table. */
typedef struct furniture {
    int is_meta;
    char *label;   /* caller frees */
    fl_unit unit;
} furniture;

static furniture classify_furniture(const char *norm)
{
    furniture f = { 0, NULL, FL_UNIT_NONE };
    if (fl_char_count(norm, META_MAX_CHARS + 1) > META_MAX_CHARS)
        return f;
    char buf[META_MAX_BYTES + 1], *c = buf;
    fl_strip_spaces_into(buf, norm, strlen(norm));
    while (*c == '#') /* "## 公开08表" */
        c++;
    f.unit = unit_in(c);
    if (is_number_label(c)) {
        f.is_meta = 1;
        f.label = xstrdup(c);
    } else if (f.unit != FL_UNIT_NONE || fl_str_starts(c, "部门:") ||
               fl_str_starts(c, "单位:") || fl_str_starts(c, "编制单位:") ||
               fl_str_starts(c, "单位名称:") || fl_str_starts(c, "填报单位:") ||
               is_year_line(norm)) {
        f.is_meta = 1;
    }
    return f;
}

/* Look above line `first` (0-based, exclusive) down to `floor` for the
 * table's title, label and unit.  Marks furniture lines META.  Returns 1
 * when a title was found (set in t), 0 when only blank lines and
 * furniture are there, -1 when narrative text is. */
static int find_title_above(fl_parse *p, size_t first, size_t floor, fl_table *t)
{
    fl_document *doc = p->doc;
    size_t seen = 0;
    for (size_t i = first; i > floor && seen < TITLE_SEARCH_LINES;) {
        i--;
        if (p->kind[i] == FL_LINE_BLANK)
            continue;
        if (p->kind[i] != FL_LINE_TEXT)
            return -1;
        seen++;
        const char *norm = doc->norm[i];
        furniture f = classify_furniture(norm);
        if (f.is_meta) {
            p->kind[i] = FL_LINE_META;
            if (f.label != NULL && t->label == NULL)
                t->label = f.label;
            else
                free(f.label);
            if (f.unit != FL_UNIT_NONE && t->unit == FL_UNIT_NONE)
                t->unit = f.unit;
            continue;
        }
        free(f.label);
        if (fl_char_count(norm, META_MAX_CHARS + 1) <= META_MAX_CHARS &&
            fl_looks_like_table_title(norm)) {
            int level;
            char *title = fl_strip_markdown(norm, &level);
            free(t->title);
            t->title = title;
            int value;
            size_t mlen;
            /* A plain caption is furniture; a heading stays a heading. */
            if (level == 0 && fl_numbering_at(title, &value, &mlen) == FL_NUM_NONE)
                p->kind[i] = FL_LINE_META;
            return 1;
        }
        return -1;
    }
    return 0;
}

static fl_table *table_new(fl_document *doc)
{
    fl_table *t = xcalloc(1, sizeof *t);
    t->title = xstrdup("");
    t->strings = &doc->strings;
    return t;
}

/* `left`: the rows of the block still to come, this one included, for
 * which room is made at once (close_table trims what is not used). */
static void table_add_row(tbuild *b, rbuild *r, size_t left)
{
    fl_table *t = b->t;
    t->rows = xgrow(t->rows, &b->rows_cap, t->nrows + left, sizeof *t->rows);
    fl_row *row = &t->rows[t->nrows++];
    memset(row, 0, sizeof *row);
    row->line = r->line;
    row->cells = r->cells; /* the pool's (block_add) */
    row->ncells = r->n;
    memset(r, 0, sizeof *r);
}

/* Rows of one block, before they are cut into tables. */
typedef struct block {
    rbuild *rows;
    size_t n, cap;
    int layout;
    int had_separator;              /* a "--\t----" or "|---|" row was dropped */
    size_t first_line, last_line;   /* 0-based line indexes */
} block;

static void block_add(fl_parse *p, block *bl, rbuild *r)
{
    if (r->n == 0)
        return;
    int separator = row_is_separator(r);
    if (separator)
        bl->had_separator = 1;
    r->nonblank = nonblank_cells(r, &r->first_nonblank);
    if (separator || r->nonblank == 0) {
        row_free(r);
        return;
    }
    fl_cell *cells = fl_pool_alloc_array(&p->doc->strings, r->n, sizeof *cells);
    memcpy(cells, r->cells, r->n * sizeof *cells);
    r->cells = cells;
    bl->rows = xgrow(bl->rows, &bl->cap, bl->n + 1, sizeof *bl->rows);
    bl->rows[bl->n++] = *r;
    memset(r, 0, sizeof *r);
}

/* (a) TAB-separated rows from line i on.  A row's line is copied to the
 * pool whole and cut into its cells there, each TAB becoming the end of
 * a cell: one copy per row rather than one per (short) cell. */
static size_t read_tab_block(fl_parse *p, size_t i, block *bl)
{
    fl_document *doc = p->doc;
    size_t j = i, len;
    for (; j < doc->nlines && memchr(doc->lines[j], '\t', len = line_length(doc, j)) != NULL; j++) {
        rbuild r = { 0 };
        r.line = j + 1;
        char *s = fl_pool_strndup(&doc->strings, doc->lines[j], len);
        const char *end = s + len;
        int plain = line_is_plain(p, j, len);
        /* A line that differs from its norm only by folds: that norm, cut
         * at the same TABs (no fold holds one), gives its cells' norms. */
        char *ns = NULL;
        if (!plain && line_has_only_folds(p, j, len))
            ns = fl_pool_strdup(&doc->strings, doc->norm[j]);
        for (;;) {
            char *tab = memchr(s, '\t', (size_t)(end - s));
            if (tab != NULL)
                *tab = '\0';
            size_t cl = (size_t)((tab != NULL ? tab : end) - s);
            row_push_cell(p, &r, s, plain ? (unsigned)cl + 1 : 0);
            if (ns != NULL) {
                r.cells[r.n - 1].norm = ns;
                ns += strcspn(ns, "\t");
                if (*ns != '\0')
                    *ns++ = '\0';
            }
            if (tab == NULL)
                break;
            s = tab + 1;
        }
        p->kind[j] = FL_LINE_TABLE;
        block_add(p, bl, &r);
    }
    return j;
}

/* (b) one cell per line from line i on. */
static size_t read_cell_lines(fl_parse *p, size_t i, block *bl)
{
    fl_document *doc = p->doc;
    rbuild r = { 0 };
    int prev_cell = 0;
    size_t j = i;
    for (; j < doc->nlines; j++) {
        const char *s = doc->lines[j];
        if (s[0] == '\t') {
            if (r.n == 0)
                r.line = j + 1;
            size_t len = line_length(doc, j) - 1;
            /* here a TAB after the first is the cell's own: it becomes a
             * space in finish_cell(), so such a cell is not plain */
            int own_tab = memchr(s + 1, '\t', len) != NULL;
            int plain = !own_tab && line_is_plain(p, j, len + 1);
            /* finish_cell() writes only to cells that are not plain: a
             * plain one is the line's own text, not a copy.  Nor is one
             * whose line differs only by its folds (a long text's
             * full-width commas): its norm is its line's, given here. */
            if (plain) {
                row_push_cell(p, &r, doc->lines[j] + 1, (unsigned)len + 1);
            } else if (!own_tab && line_has_only_folds(p, j, len + 1)) {
                row_push_cell(p, &r, doc->lines[j] + 1, 0);
                r.cells[r.n - 1].norm = doc->norm[j] + 1;
            } else {
                row_add_cell(p, &r, s + 1, len);
            }
            prev_cell = 1;
        } else if (p->kind[j] == FL_LINE_BLANK) {
            block_add(p, bl, &r);
            prev_cell = 0;
            continue;
        } else if (prev_cell && r.n > 0) {
            /* the cell's text went on after a line break */
            fl_cell *c = &r.cells[r.n - 1];
            size_t a = strlen(c->text), b = strlen(s);
            char *joined = fl_pool_alloc(&doc->strings, a + b + 1);
            memcpy(joined, c->text, a);
            memcpy(joined + a, s, b + 1);
            c->text = joined;
            c->plain_len = 0; /* the line may hold TABs */
            c->norm = NULL;
        } else {
            break;
        }
        p->kind[j] = FL_LINE_TABLE;
        bl->last_line = j;
    }
    block_add(p, bl, &r);
    return j;
}

static int starts_with_pipe(const char *norm)
{
    return norm[fl_skip_spaces(norm)] == '|';
}

/* (c) markdown pipe rows from line i on. */
static size_t read_pipe_block(fl_parse *p, size_t i, block *bl)
{
    fl_document *doc = p->doc;
    size_t j = i;
    for (; j < doc->nlines && starts_with_pipe(doc->lines[j]); j++) {
        rbuild r = { 0 };
        r.line = j + 1;
        const char *s = doc->lines[j];
        size_t a, n;
        fl_trim_bounds(s, strlen(s), &a, &n);
        s += a + 1; /* after the leading pipe */
        n -= 1;
        if (n > 0 && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\'))
            n--;
        fl_buf cell = { 0 };
        fl_buf_append(&cell, "", 0);
        for (size_t k = 0; k <= n; k++) {
            if (k == n || s[k] == '|') {
                /* the padding around a pipe cell is not its text */
                size_t ca, cn;
                fl_trim_bounds(cell.data, cell.len, &ca, &cn);
                row_add_cell(p, &r, cell.data + ca, cn);
                cell.len = 0;
                cell.data[0] = '\0';
                continue;
            }
            if (s[k] == '\\' && k + 1 < n && s[k + 1] == '|') {
                fl_buf_append(&cell, "|", 1);
                k++;
                continue;
            }
            fl_buf_append(&cell, s + k, 1);
        }
        fl_buf_free(&cell);
        p->kind[j] = FL_LINE_TABLE;
        block_add(p, bl, &r);
    }
    return j;
}

/* The normalised, space-free text of a cell: in buf (COMPACT_CELL bytes)
 * when it fits, as a header cell does, else in *heap for the caller to
 * free. */
#define COMPACT_CELL 256
static char *compact_cell(const char *text, char *buf, char **heap)
{
    size_t n = strlen(text);
    char *out = n < COMPACT_CELL ? buf : (*heap = xmalloc(n + 1));
    fl_strip_spaces_into(out, out, fl_normalize_into(out, text, n)); /* in place: it only shortens */
    return out;
}

static int rows_equal(const rbuild *r, const fl_row *row)
{
    size_t n = r->n > row->ncells ? r->n : row->ncells;
    for (size_t i = 0; i < n; i++) {
        const char *a = i < r->n ? r->cells[i].text : "";
        const char *b = i < row->ncells ? row->cells[i].text : "";
        if (strcmp(a, b) == 0)
            continue; /* the same text compacts the same */
        char ba[COMPACT_CELL], bb[COMPACT_CELL], *ha = NULL, *hb = NULL;
        int same = strcmp(compact_cell(a, ba, &ha), compact_cell(b, bb, &hb)) == 0;
        free(ha);
        free(hb);
        if (!same)
            return 0;
    }
    return 1;
}

/* A row that is only a table title: its title (caller frees), else NULL. */
static char *title_row(const rbuild *r)
{
    if (r->nonblank != 1)
        return NULL;
    const char *text = r->cells[r->first_nonblank].text;
    if (fl_char_count(text, META_MAX_CHARS + 1) > META_MAX_CHARS)
        return NULL;
    char norm[META_MAX_BYTES + 1];
    fl_normalize_into(norm, text, strlen(text));
    if (!fl_looks_like_table_title(norm))
        return NULL;
    int level;
    return fl_strip_markdown(norm, &level);
}

static int year_row(const rbuild *r, fl_buf *scratch)
{
    if (r->nonblank != 1)
        return 0;
    const char *text = r->cells[r->first_nonblank].text;
    size_t n = strlen(text);
    fl_normalize_into(fl_buf_reset(scratch, n), text, n);
    return is_year_line(scratch->data);
}

typedef struct tables_state {
    fl_parse *p;
    tbuild cur;          /* the last table, still open for continuations */
    size_t prev_end;     /* 0-based line after the last table's block */
    int have_prev;
    fl_buf scratch;      /* year_row's normalised cell */
    rbuild *block_rows;  /* a block's rows array, kept from block to block */
    size_t block_rows_cap;
} tables_state;

static void close_table(tables_state *st)
{
    fl_parse *p = st->p;
    fl_document *doc = p->doc;
    fl_table *t = st->cur.t;
    st->cur.t = NULL;
    if (t == NULL)
        return;
    /* A lone untitled header line between notes is debris, not a table. */
    if (t->nrows == 0 || (t->title[0] == '\0' && t->nrows <= 1 && st->cur.layout == LAYOUT_TAB)) {
        fl_table_free(t);
        return;
    }
    fl_table_finish(t);
    /* Rows grew by doubling: keep only those there are. */
    if (st->cur.rows_cap > t->nrows)
        t->rows = xrealloc(t->rows, t->nrows * sizeof *t->rows);
    doc->tables = xgrow(doc->tables, &p->tables_cap, doc->ntables + 1, sizeof *doc->tables);
    doc->tables[doc->ntables++] = t;
}

static void open_table(tables_state *st, int layout)
{
    close_table(st);
    st->cur.t = table_new(st->p->doc);
    st->cur.rows_cap = 0;
    st->cur.layout = layout;
}

/* Cut a block into tables (title rows start new ones) and attach its
 * first part to the previous table when it is a continuation.  The
 * block's rows array stays the caller's, for the next block. */
static void place_block(tables_state *st, block *bl)
{
    fl_parse *p = st->p;
    size_t r = 0;
    int continuing = 0;

    /* A lone header line over a dashes line between the notes under a
     * table (seed 003) is conversion debris, neither a table nor part of
     * the one above. */
    if (bl->layout == LAYOUT_TAB && bl->had_separator && bl->n <= 1) {
        for (size_t k = 0; k < bl->n; k++)
            row_free(&bl->rows[k]);
        return;
    }

    /* The first rows: a title row of their own, or look above. */
    char *own_title = bl->n > 0 ? title_row(&bl->rows[0]) : NULL;
    if (own_title == NULL) {
        fl_table probe = { 0 };
        probe.title = xstrdup("");
        size_t floor = st->have_prev ? st->prev_end : 0;
        int found = find_title_above(p, bl->first_line, floor, &probe);
        if (found == 0 && st->cur.t != NULL && st->cur.layout == bl->layout &&
            probe.label == NULL) {
            continuing = 1;
        } else {
            open_table(st, bl->layout);
            free(st->cur.t->title);
            st->cur.t->title = probe.title;
            probe.title = NULL;
            st->cur.t->label = probe.label;
            probe.label = NULL;
            st->cur.t->unit = probe.unit;
        }
        free(probe.title);
        free(probe.label);
    }
    if (continuing) {
        /* Skip the header rows the page break repeated. */
        fl_table *t = st->cur.t;
        size_t k = 0;
        while (r < bl->n && k < t->nrows && rows_equal(&bl->rows[r], &t->rows[k])) {
            row_free(&bl->rows[r]);
            r++;
            k++;
        }
    }
    free(own_title);

    for (; r < bl->n; r++) {
        rbuild *row = &bl->rows[r];
        char *title = title_row(row);
        if (title != NULL) {
            if (st->cur.t == NULL || st->cur.t->nrows > 0 || st->cur.t->title[0] != '\0')
                open_table(st, bl->layout);
            free(st->cur.t->title);
            st->cur.t->title = title;
            row_free(row);
            continue;
        }
        if (year_row(row, &st->scratch)) {
            row_free(row);
            continue;
        }
        if (st->cur.t == NULL)
            open_table(st, bl->layout);
        table_add_row(&st->cur, row, bl->n - r);
    }
}

void fl_parse_tables(fl_parse *p)
{
    fl_document *doc = p->doc;
    tables_state st = { 0 };
    st.p = p;
    tab_cursor tc = { 0 };
    if (doc->nlines > 0) {
        const char *last = doc->lines[doc->nlines - 1];
        tc.total = (size_t)(last - doc->line_buf) + strlen(last) + 1;
        tc.from = tc.at = tc.total; /* nothing looked at yet */
    }
    for (size_t i = 0; i < doc->nlines;) {
        const char *s = doc->lines[i];
        block bl = { .rows = st.block_rows, .cap = st.block_rows_cap };
        size_t next;
        if (p->kind[i] == FL_LINE_BLANK && s[0] != '\t') {
            i++;
            continue;
        }
        if (s[0] == '\t' && strchr(s + 1, '\t') == NULL) {
            bl.layout = LAYOUT_CELL_LINES;
            bl.first_line = i;
            next = read_cell_lines(p, i, &bl);
        } else if (line_has_tab(doc, &tc, i, line_length(doc, i))) {
            bl.layout = LAYOUT_TAB;
            bl.first_line = i;
            next = read_tab_block(p, i, &bl);
            bl.last_line = next - 1;
        } else if (starts_with_pipe(s)) {
            bl.layout = LAYOUT_PIPE;
            bl.first_line = i;
            next = read_pipe_block(p, i, &bl);
            bl.last_line = next - 1;
        } else {
            i++;
            continue;
        }
        if (next <= i)
            next = i + 1;
        place_block(&st, &bl);
        st.block_rows = bl.rows;
        st.block_rows_cap = bl.cap;
        st.have_prev = 1;
        st.prev_end = next;
        i = next;
    }
    close_table(&st);
    fl_buf_free(&st.scratch);
    free(st.block_rows);
    free(p->row_cells);
    p->row_cells = NULL;
    p->row_cells_cap = 0;

    /* Units stated in a header cell, when no furniture line gave one. */
    for (size_t k = 0; k < doc->ntables; k++) {
        fl_table *t = doc->tables[k];
        for (size_t r = 0; r < t->nrows && r < 6 && t->unit == FL_UNIT_NONE; r++)
            for (size_t c = 0; c < t->rows[r].ncells && t->unit == FL_UNIT_NONE; c++)
                t->unit = unit_in_parens(t->rows[r].cells[c].norm);
    }
}
