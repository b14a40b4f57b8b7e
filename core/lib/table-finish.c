/* table-finish.c — from rows of cell text to a table plugins can read:
 * normalised cells and their numbers, header rows, column labels, the 栏次
 * numbers, row labels and classification codes.
 *
 * Header rows are the rows before the first body row; a body row has a
 * classification code or a number in a column that is not a 行次/栏次/序号
 * column.  The 栏次 row ("栏次 1 2 3", or a bare "1 2 3 …") is a header
 * row and numbers the columns.  Everything after the first body row is
 * body, in order (self-evaluation tables mix blocks; plugins read them).
 * Where the code is split over 类 | 款 | 项 columns (上海), the pieces are
 * joined into one code per row ("2010601"). */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "text.h"
#include "util.h"

/* Column labels stop growing here (bytes). */
#define LABEL_MAX_BYTES 256
/* Header rows searched for 类 | 款 | 项 (real headers have at most 5). */
#define SPLIT_HEADER_ROWS 8

/* Remove HTML-ish tags ("<b>", "</b>", "<br/>") in place.  A '<' not
 * followed by a letter or '/' is text ("<10%"). */
static void strip_tags(char *s)
{
    char *o = s;
    for (char *i = s; *i;) {
        if (*i == '<') {
            char c = i[1] == '/' ? i[2] : i[1];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                char *end = strchr(i, '>');
                char *next_lt = strchr(i + 1, '<');
                if (end != NULL && end - i <= 40 && (next_lt == NULL || next_lt > end)) {
                    i = end + 1;
                    continue;
                }
            }
        }
        *o++ = *i++;
    }
    *o = '\0';
}

enum { CELL_LT = 1, CELL_BREAK = 2, CELL_FOLD_LEAD = 4 };
#define FOLD_LEAD(b) [b] = CELL_FOLD_LEAD,
static const unsigned char cell_byte[256] = {
    ['<'] = CELL_LT, ['\t'] = CELL_BREAK, ['\r'] = CELL_BREAK, ['\n'] = CELL_BREAK,
    FL_FOLD_LEAD_BYTES(FOLD_LEAD)
};
#undef FOLD_LEAD

/* One look at a cell's bytes: its length, and in *seen the CELL_* bits of
 * the bytes it holds.  Cells are short: one loop costs less than asking
 * strlen, strchr and strpbrk in turn. */
static size_t scan_cell(const char *s, unsigned *seen)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned bits = 0;
    size_t n = 0;
    for (; p[n] != '\0'; n++)
        bits |= cell_byte[p[n]];
    *seen = bits;
    return n;
}

/* Bytes that may end a space: ASCII ones, U+3000 (E3 80 80), U+00A0. */
static const unsigned char space_last[256] = {
    [' '] = 1, ['\t'] = 1, ['\r'] = 1, [0x80] = 1, [0xA0] = 1,
};

/* fl_trim_bounds, without the call for the text that has no space at
 * either end (nearly every cell). */
static void trim_bounds(const char *s, size_t len, size_t *start, size_t *tlen)
{
    if (len > 0 && !fl_space_lead_or_end[(unsigned char)s[0]] &&
        !space_last[(unsigned char)s[len - 1]]) {
        *start = 0;
        *tlen = len;
        return;
    }
    fl_trim_bounds(s, len, start, tlen);
}

/* The first bytes fl_parse_number can read a number (or an empty-cell
 * marker) from: digits, signs, '/', spaces (U+3000, U+00A0) and the lead
 * bytes of full-width forms and dashes.  A cell starting otherwise (a
 * CJK character: most text cells) is no number without asking. */
static const unsigned char number_lead[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['+'] = 1, ['-'] = 1, ['/'] = 1, [' '] = 1,
    ['\t'] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* When normalising changes nothing, as in most cells, the original and
 * the normalised text are the same string, and nothing is copied to find
 * that out; otherwise both go to the pool, side by side.  A cell that
 * tables.c knows to be plain (fl_cell.plain_len) is not even scanned. */
static void finish_cell(fl_pool *strings, fl_cell *c)
{
    unsigned seen = 0;
    size_t tl, sl;
    const char *src = c->text;
    char *n = NULL;
    if (c->norm != NULL) { /* tables.c's: its line's, untrimmed */
        tl = strlen(c->text);
        src = c->norm;
        sl = strlen(src);
    } else {
        tl = c->plain_len > 0 ? c->plain_len - 1 : scan_cell(c->text, &seen);
        if (seen & CELL_LT) {
            strip_tags(c->text);
            tl = scan_cell(c->text, &seen);
        }
        sl = tl;
    }
    if ((seen & CELL_BREAK) ||
        ((seen & CELL_FOLD_LEAD) && !fl_normalize_is_identity(c->text, tl))) {
        n = fl_normalize(c->text, tl);
        /* breaks become spaces; long cells (notes) have few */
        for (char *q = n + strcspn(n, "\t\r\n"); *q; q += 1 + strcspn(q + 1, "\t\r\n"))
            *q = ' ';
        src = n;
        sl = strlen(n);
    }
    size_t a, nl;
    trim_bounds(src, sl, &a, &nl);
    if (a == 0 && nl == tl && (src == c->text || memcmp(src, c->text, tl) == 0)) {
        c->norm = c->text;
    } else {
        char *block = fl_pool_alloc(strings, tl + nl + 2);
        memcpy(block, c->text, tl + 1);
        memcpy(block + tl + 1, src + a, nl);
        block[tl + 1 + nl] = '\0';
        c->text = block;
        c->norm = block + tl + 1;
    }
    if (n != NULL) /* most cells: nothing to free, and no call */
        free(n);
    fl_number num;
    c->is_number = 0;
    if (nl > 0 && number_lead[(unsigned char)c->norm[0]]) {
        size_t used = fl_parse_number(c->norm, &num);
        if (used == nl) {
            c->is_number = 1;
            c->number = num;
        }
    }
}

/* The space-free normalised text of a cell ("合 计" -> "合计"), in the
 * pool. */
static char *compact(fl_pool *strings, const fl_cell *c)
{
    size_t n = strlen(c->norm);
    char *out = fl_pool_alloc(strings, n + 1);
    fl_strip_spaces_into(out, c->norm, n);
    fl_pool_trim_last(strings, out);
    return out;
}

/* The same for the words and codes looked for in every cell (行次, a
 * 7-digit code) and for row labels.  Most cells hold no space: their
 * norm is then the compact text.  The others are copied on the stack,
 * and when they do not fit they are none of the short words.  No
 * allocation per cell. */
#define SHORT_CELL 32
typedef struct short_text {
    const char *s;    /* the norm itself, or buf */
    size_t len;
    int had_spaces;   /* spaces were dropped (s is buf) */
    char buf[SHORT_CELL];
} short_text;


/* 0 when norm has spaces and, without them, does not fit in k->buf. */
static int compact_short(const char *norm, short_text *k)
{
    size_t n = strcspn(norm, FL_SPACE_LEADS); /* a label may be long */
    k->had_spaces = 0;
    if (norm[n] == '\0') {
        k->s = norm;
        k->len = n;
        return 1;
    }
    size_t o = 0;
    for (const char *s = norm; *s;) {
        if ((n = fl_space_len(s)) > 0) {
            s += n;
            k->had_spaces = 1;
            continue;
        }
        if (o + 1 >= SHORT_CELL)
            return 0;
        k->buf[o++] = *s++;
    }
    k->buf[o] = '\0';
    k->s = k->buf;
    k->len = o;
    return 1;
}

/* The compact text in the pool for a row's label or code: the cell's own
 * norm when that has no spaces (most cells), which saves a copy. */
static char *keep_short(fl_pool *strings, const fl_cell *c, const short_text *k)
{
    return k->had_spaces ? fl_pool_strndup(strings, k->buf, k->len) : c->norm;
}

/* Can a trimmed norm be one of is_index_word's words, without its
 * spaces?  It starts as they do: 行, 栏 or 序. */
static int may_be_index_word(const char *norm)
{
    return strncmp(norm, "行", 3) == 0 || strncmp(norm, "栏", 3) == 0 ||
           strncmp(norm, "序", 3) == 0;
}

static int is_index_word(const short_text *k)
{
    /* all four are two characters of three bytes */
    return k->len == 6 &&
           (strcmp(k->s, "行次") == 0 || strcmp(k->s, "栏次") == 0 ||
            strcmp(k->s, "序号") == 0 || strcmp(k->s, "行号") == 0);
}

static int is_integer_cell(const fl_cell *c, int *value)
{
    if (!c->is_number || c->number.is_empty || c->number.decimals != 0 ||
        c->number.unit != FL_UNIT_NONE)
        return 0;
    int64_t v = c->number.value.micros / FL_DEC_SCALE;
    if (v <= 0 || v >= 1000)
        return 0;
    *value = (int)v;
    return 1;
}

/* The 栏次 row: starts with 栏次/行次, or is only the integers 1, 2, 3 … */
static int is_column_number_row(const fl_row *r)
{
    int expect = 1, count = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        const fl_cell *c = &r->cells[i];
        if (c->norm[0] == '\0')
            continue;
        short_text k;
        if (compact_short(c->norm, &k) && strcmp(k.s, "栏次") == 0) {
            if (count == 0 && i == 0)
                return 1;
            continue;
        }
        int v;
        if (!is_integer_cell(c, &v) || v != expect)
            return 0;
        expect++;
        count++;
    }
    return count >= 2;
}

/* A classification code: 3, 5 or 7 digits (功能分类 类/款/项, 经济分类). */
static int is_code(const short_text *k)
{
    size_t n = k->len;
    if (n != 3 && n != 5 && n != 7)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (k->s[i] < '0' || k->s[i] > '9')
            return 0;
    return k->s[0] != '0';
}

/* The code comes first: in the first two cells, with only empty cells
 * before it ("总分 | 100" is a score, not a code). */
static void find_code(fl_pool *strings, fl_row *r)
{
    for (size_t i = 0; i < r->ncells && i < 2; i++) {
        /* A norm is trimmed: a code's starts with a digit, and any other
         * text that is not empty ends the search as it is. */
        char first = r->cells[i].norm[0];
        if (first != '\0' && (first < '0' || first > '9'))
            return;
        short_text k;
        if (!compact_short(r->cells[i].norm, &k))
            return;
        if (is_code(&k)) {
            r->code = keep_short(strings, &r->cells[i], &k);
            return;
        }
        if (k.len > 0)
            return;
    }
}

static void find_label(fl_pool *strings, fl_row *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        const fl_cell *c = &r->cells[i];
        if (c->norm[0] == '\0' || c->is_number)
            continue;
        short_text k;
        if (!compact_short(c->norm, &k)) {
            r->label = compact(strings, c);
            return;
        }
        if (is_code(&k) || is_index_word(&k))
            continue;
        r->label = keep_short(strings, c, &k);
        return;
    }
    r->label = fl_pool_strdup(strings, "");
}

/* Is row r a body row?  index_col[c] marks 行次/栏次/序号 columns. */
static int is_body_row(const fl_row *r, const unsigned char *index_col)
{
    if (r->code != NULL)
        return 1;
    for (size_t i = 0; i < r->ncells; i++) {
        const fl_cell *c = &r->cells[i];
        if (c->is_number && !c->number.is_empty && !index_col[i])
            return 1;
    }
    return 0;
}

static const char *cell_norm(const fl_table *t, size_t r, size_t c)
{
    const fl_row *row = &t->rows[r];
    return c < row->ncells ? row->cells[c].norm : "";
}

/* ---- codes split over columns (上海: 类 | 款 | 项 | 科目名称 …) ---- */

/* Piece `k` of a split code: 3 digits for the 类 (not starting with 0),
 * 2 for a 款 or 项. */
static int is_code_piece(const char *compact_text, size_t k)
{
    size_t want = k == 0 ? 3 : 2;
    if (strlen(compact_text) != want || (k == 0 && compact_text[0] == '0'))
        return 0;
    for (size_t i = 0; i < want; i++)
        if (compact_text[i] < '0' || compact_text[i] > '9')
            return 0;
    return 1;
}

/* A piece in a row of a table already known to split its codes: there a
 * 款 or 项 may be printed as one digit ("301 | 2": the spreadsheet dropped
 * the leading zero of 02); *piece (owned) is then replaced by "02". */
static int row_piece(char **piece, size_t k)
{
    const char *p = *piece;
    if (k > 0 && p[0] >= '1' && p[0] <= '9' && p[1] == '\0') {
        char *two = xmalloc(3);
        two[0] = '0';
        two[1] = p[0];
        two[2] = '\0';
        free(*piece);
        *piece = two;
    }
    return is_code_piece(*piece, k);
}

/* Is cell (r, c), spaces removed, the (short) word? */
static int cell_is(const fl_table *t, size_t r, size_t c, const char *word)
{
    const char *norm = cell_norm(t, r, c);
    if (norm[0] != word[0]) /* norm is trimmed: it starts as the word does */
        return 0;
    short_text k;
    return compact_short(norm, &k) && strcmp(k.s, word) == 0;
}

/* Is cell (r, c), spaces removed, piece k of a code?  A piece is short. */
static int cell_is_code_piece(const fl_table *t, size_t r, size_t c, size_t k)
{
    short_text text;
    return compact_short(cell_norm(t, r, c), &text) && is_code_piece(text.s, k);
}

/* Does s hold 码 (E7 A0 81)?  Found by its last byte with strchr, which
 * costs header cells less than strstr does. */
static int holds_ma(const char *s)
{
    for (const char *p = strchr(s, '\x81'); p != NULL; p = strchr(p + 1, '\x81'))
        if (p - s >= 2 && p[-2] == '\xE7' && p[-1] == '\xA0')
            return 1;
    return 0;
}

/* Body rows whose cells from `col` on are a 3-digit 类 then a 2-digit
 * piece: the data must agree with the header before codes are joined. */
static size_t split_rows(const fl_table *t, size_t col)
{
    size_t n = 0;
    for (size_t r = t->nheader; r < t->nrows; r++)
        if (cell_is_code_piece(t, r, col, 0) && cell_is_code_piece(t, r, col + 1, 1))
            n++;
    return n;
}

/* Where the code columns are: a header row (or the first body row, which
 * PDF conversion merges with it) with 类 | 款 [| 项], or a 科目编码 cell
 * with empty cells to its right that hold 2-digit pieces below.  Sets
 * *col and *width (2 or 3); 0 when the table has one code column. */
static int find_split_columns(const fl_table *t, size_t *col, size_t *width)
{
    size_t last = t->nheader < t->nrows ? t->nheader : t->nrows - 1;
    if (last >= SPLIT_HEADER_ROWS)
        last = SPLIT_HEADER_ROWS - 1;
    for (size_t r = 0; t->nrows > 0 && r <= last; r++)
        for (size_t c = 0; c + 1 < t->ncols; c++)
            if (cell_is(t, r, c, "类") && cell_is(t, r, c + 1, "款") && split_rows(t, c) > 0) {
                *col = c;
                *width = c + 2 < t->ncols && cell_is(t, r, c + 2, "项") ? 3 : 2;
                return 1;
            }
    for (size_t r = 0; r < t->nheader && r < SPLIT_HEADER_ROWS; r++)
        for (size_t c = 0; c + 1 < t->ncols; c++) {
            int head = 0;
            if (holds_ma(cell_norm(t, r, c))) { /* no space splits a character */
                char *k = fl_strip_spaces_dup(cell_norm(t, r, c));
                head = strstr(k, "科目编码") != NULL || strstr(k, "科目代码") != NULL;
                free(k);
            }
            if (!head || cell_norm(t, r, c + 1)[0] != '\0' || split_rows(t, c) == 0)
                continue;
            *col = c;
            *width = 2;
            /* a third piece anywhere below makes it 类 | 款 | 项 */
            for (size_t b = t->nheader; b < t->nrows && c + 2 < t->ncols; b++)
                if (cell_is_code_piece(t, b, c + 2, 2) && cell_norm(t, r, c + 2)[0] == '\0')
                    *width = 3;
            return 1;
        }
    return 0;
}

/* The code of a body row from its pieces; the 类 and 款 above carry down
 * to rows that print only the new part (the cell above is merged).
 * carry[0] is the 类, carry[1] the 款 ("" when none); a row without
 * pieces (合计, a blank or a note) ends the block.  Caller frees. */
static char *split_code(const fl_table *t, size_t r, size_t col, size_t width, char carry[2][4])
{
    char *p[3] = { NULL, NULL, NULL };
    int ok = 1, any = 0;
    for (size_t k = 0; k < width; k++) {
        p[k] = fl_strip_spaces_dup(cell_norm(t, r, col + k));
        if (p[k][0] != '\0') {
            any = 1;
            ok = ok && row_piece(&p[k], k);
        }
    }
    for (size_t k = width; k < 3; k++)
        p[k] = xstrdup("");
    char *code = NULL;
    if (ok && any) {
        /* the first printed piece: what lies left of it comes from above */
        size_t first = p[0][0] ? 0 : p[1][0] ? 1 : 2;
        for (size_t k = first + 1; k < width; k++)
            if (p[k][0] == '\0' && k + 1 < width && p[k + 1][0] != '\0')
                ok = 0; /* 201 | | 01: a 项 without its 款 */
        for (size_t k = 0; k < first; k++)
            if (carry[k][0] == '\0')
                ok = 0;
        if (ok) {
            fl_buf b = { 0 };
            for (size_t k = 0; k < width; k++) {
                const char *piece = k < first ? carry[k] : p[k];
                if (piece[0] == '\0')
                    break;
                fl_buf_puts(&b, piece);
            }
            code = fl_buf_steal(&b);
        }
    }
    if (code != NULL) {
        size_t n = strlen(code);
        memcpy(carry[0], code, 3);
        carry[0][3] = '\0';
        if (n >= 5) {
            memcpy(carry[1], code + 3, 2);
            carry[1][2] = '\0';
        } else {
            carry[1][0] = '\0';
        }
    } else {
        carry[0][0] = carry[1][0] = '\0';
    }
    for (size_t k = 0; k < 3; k++)
        free(p[k]);
    return code;
}

/* The code cells of row r hold only pieces, blanks or the header words
 * 类/款/项 (a header row merged with the 合计 row by PDF conversion). */
static int code_cells_hold_no_name(const fl_table *t, size_t r, size_t col, size_t width)
{
    static const char *const words[] = { "类", "款", "项" };
    int ok = 1;
    for (size_t k = 0; k < width && ok; k++) {
        char *p = fl_strip_spaces_dup(cell_norm(t, r, col + k));
        ok = p[0] == '\0' || row_piece(&p, k) || strcmp(p, words[k]) == 0;
        free(p);
    }
    return ok;
}

/* Give every body row of a split-code table its whole code ("2010601")
 * and, as its label, the first text cell right of the code columns. */
static void join_split_codes(fl_table *t)
{
    size_t col, width;
    if (!find_split_columns(t, &col, &width))
        return;
    char carry[2][4] = { "", "" };
    for (size_t r = t->nheader; r < t->nrows; r++) {
        fl_row *row = &t->rows[r];
        char *code = split_code(t, r, col, width, carry);
        row->code = code != NULL ? fl_pool_strdup(t->strings, code) : NULL;
        free(code);
        if (!code_cells_hold_no_name(t, r, col, width))
            continue; /* "人员经费合计" in the code columns is the label */
        for (size_t c = col + width; c < row->ncells; c++) {
            const fl_cell *cell = &row->cells[c];
            if (cell->norm[0] == '\0' || cell->is_number)
                continue;
            row->label = compact(t->strings, cell);
            break;
        }
    }
}

/* A column label being built: at most LABEL_MAX_BYTES, on the stack. */
typedef struct label_buf {
    size_t len;
    char data[LABEL_MAX_BYTES + 1];
} label_buf;

static void append_piece(label_buf *b, const char *piece, const char **last)
{
    if (piece[0] == '\0' || (*last != NULL && strcmp(*last, piece) == 0))
        return;
    size_t n = strlen(piece);
    if (b->len + n + 1 > LABEL_MAX_BYTES)
        return;
    if (b->len > 0)
        b->data[b->len++] = '/';
    memcpy(b->data + b->len, piece, n);
    b->len += n;
    *last = piece;
}

/* n zeroed items of `size` bytes from pool p. */
static void *pool_zeroed(fl_pool *p, size_t n, size_t size)
{
    void *a = fl_pool_alloc_array(p, n ? n : 1, size);
    memset(a, 0, (n ? n : 1) * size);
    return a;
}

/* Column labels from the header rows (the 栏次 row excluded).  A merged
 * header cell spreads right over the empty cells after it while a lower
 * header row has text there, and stops where that lower row repeats the
 * text under the merged cell's own column (预算数: 合计 … | 决算数: 合计 …). */
static void column_labels(fl_table *t, const unsigned char *is_num_row, fl_pool *scratch)
{
    size_t nc = t->ncols, nh = t->nheader;
    t->col_labels = pool_zeroed(t->strings, nc, sizeof *t->col_labels);
    /* last header row with text in each column */
    size_t *last_text = pool_zeroed(scratch, nc, sizeof *last_text);
    for (size_t c = 0; c < nc; c++)
        last_text[c] = (size_t)-1;
    for (size_t r = 0; r < nh; r++) {
        if (is_num_row[r])
            continue;
        for (size_t c = 0; c < nc; c++)
            if (cell_norm(t, r, c)[0] != '\0')
                last_text[c] = r;
    }
    /* effective text of every header cell, compacted (into `scratch`) */
    const char ***eff = pool_zeroed(scratch, nh, sizeof *eff);
    for (size_t r = 0; r < nh; r++) {
        eff[r] = pool_zeroed(scratch, nc, sizeof **eff);
        if (is_num_row[r])
            continue;
        size_t next = r + 1;
        while (next < nh && is_num_row[next])
            next++;
        const char *carry = NULL;
        size_t carry_col = 0;
        for (size_t c = 0; c < nc; c++) {
            const char *n = cell_norm(t, r, c);
            if (n[0] != '\0') {
                size_t len = strcspn(n, FL_SPACE_LEADS);
                if (n[len] == '\0') { /* most: no space, the norm is compact */
                    eff[r][c] = n;
                } else {
                    len += strlen(n + len);
                    char *k = fl_pool_alloc(scratch, len + 1);
                    fl_strip_spaces_into(k, n, len);
                    eff[r][c] = k;
                }
                carry = eff[r][c];
                carry_col = c;
                continue;
            }
            int below = last_text[c] != (size_t)-1 && last_text[c] > r;
            int repeat = next < nh && cell_norm(t, next, c)[0] != '\0' &&
                         strcmp(cell_norm(t, next, c), cell_norm(t, next, carry_col)) == 0;
            if (carry != NULL && below && !repeat) {
                eff[r][c] = carry;
            } else {
                carry = NULL;
                eff[r][c] = "";
            }
        }
    }
    label_buf b;
    for (size_t c = 0; c < nc; c++) {
        b.len = 0;
        const char *last = NULL;
        for (size_t r = 0; r < nh; r++)
            if (!is_num_row[r])
                append_piece(&b, eff[r][c], &last);
        t->col_labels[c] = fl_pool_strndup(t->strings, b.data, b.len);
    }
}

void fl_table_finish(fl_table *t)
{
    t->ncols = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        fl_row *row = &t->rows[r];
        for (size_t c = 0; c < row->ncells; c++)
            finish_cell(t->strings, &row->cells[c]);
        find_code(t->strings, row);
        find_label(t->strings, row);
        if (row->ncells > t->ncols)
            t->ncols = row->ncells;
    }
    t->line = t->nrows ? t->rows[0].line : 0;
    t->end_line = t->nrows ? t->rows[t->nrows - 1].line : 0;

    /* The work arrays in a pool of their own (its chunks are kept for the
     * next table), the column numbers and labels in the document's. */
    size_t nc = t->ncols;
    fl_pool scratch = { 0 };
    unsigned char *index_col = pool_zeroed(&scratch, nc, 1);
    unsigned char *is_num_row = pool_zeroed(&scratch, t->nrows, 1);
    t->col_numbers = pool_zeroed(t->strings, nc, sizeof *t->col_numbers);
    size_t first_body = t->nrows, last_num_row = (size_t)-1;
    for (size_t r = 0; r < t->nrows; r++) {
        fl_row *row = &t->rows[r];
        if (is_column_number_row(row)) {
            is_num_row[r] = 1;
            last_num_row = r;
            for (size_t c = 0; c < row->ncells; c++) {
                int v;
                if (is_integer_cell(&row->cells[c], &v))
                    t->col_numbers[c] = v;
                else if (row->cells[c].norm[0] != '\0')
                    index_col[c] = 1; /* "栏次" itself */
            }
            continue;
        }
        if (is_body_row(row, index_col)) {
            first_body = r;
            break;
        }
        for (size_t c = 0; c < row->ncells; c++) {
            short_text k;
            if (may_be_index_word(row->cells[c].norm) &&
                compact_short(row->cells[c].norm, &k) && is_index_word(&k))
                index_col[c] = 1;
        }
    }
    if (first_body == t->nrows) /* no body: only the first row is a header */
        first_body = last_num_row != (size_t)-1 ? last_num_row + 1 : (t->nrows ? 1 : 0);
    t->nheader = first_body;
    for (size_t r = 0; r < t->nrows; r++)
        t->rows[r].is_header = r < t->nheader;

    column_labels(t, is_num_row, &scratch);
    join_split_codes(t);
    fl_pool_release(&scratch);
}
