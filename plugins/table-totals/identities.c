/* identities.c — rule row-identity: identities across the columns of one
 * row, taken from the header itself (never from a fixed list of names):
 *   a total column (合计, 小计, 总计, 本年支出合计, 本年收入合计) equals the
 *   sum of the amount columns that follow it under the same header group
 *   (its siblings): 合计 = 基本支出 + 项目支出 + 单位预留机动经费 + …,
 *   本年收入合计 = 财政拨款收入 + 事业收入 + …, 支出/合计 = 一般公共预算 +
 *   政府性基金预算 + ….  A sibling that is itself a group (基本支出/人员经费,
 *   基本支出/公用经费) counts through its own 小计 when it has one, else
 *   through its leaves.  Columns 其中… and ratios are not addends.
 * One identity is not a sum and stays named:
 *   年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出    (政府性基金表) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

#define MAX_PARTS 16
#define LABEL_MAX 64

/* 1 when `s` (of length len) is one of `words` (closed by a NULL word):
 * the length first, as most leaves asked are none of them. */
static int is_word(const char *s, size_t len, const tt_word *words)
{
    for (; words->s != NULL; words++)
        if (len == words->len && memcmp(s, words->s, len) == 0)
            return 1;
    return 0;
}

/* `leaf` has `len` bytes. */
static int is_total_leaf(const char *leaf, size_t len)
{
    static const tt_word totals[] = {
        TT_WORD("合计"), TT_WORD("小计"), TT_WORD("总计"),
        TT_WORD("本年支出合计"), TT_WORD("本年收入合计"), { NULL, 0 }
    };
    return is_word(leaf, len, totals);
}

/* Label of row `r` for a finding: the code and name left of `col`. */
static void row_name(const fl_row *r, size_t col, char *out, size_t size)
{
    char name[160];
    for (size_t k = col; k-- > 0;) {
        if (!tt_cell_is_text(r, k))
            continue;
        tt_clean_label(fl_cell_norm(fl_row_cell(r, k)), name, sizeof name);
        if (k > 0 && tt_cell_is_code(r, k - 1))
            snprintf(out, size, "%s %s",
                     fl_cell_norm(fl_row_cell(r, k - 1)), name);
        else
            snprintf(out, size, "%s", name);
        return;
    }
    tt_clean_label(fl_row_label(r), out, size);
}

/* Cleaned full label of column `col` ("支出预算/合计"). */
static void col_path(const fl_table *t, size_t col, char *out, size_t size)
{
    const char *label = fl_table_column_label(t, col);
    size_t o = 0;
    if (label == NULL)
        label = "";
    /* clean each component, keep the slashes */
    char part[256];
    const char *s = label;
    out[0] = '\0';
    for (;;) {
        const char *slash = strchr(s, '/');
        size_t n = slash != NULL ? (size_t)(slash - s) : strlen(s);
        char raw[256];
        if (n >= sizeof raw)
            n = sizeof raw - 1;
        memcpy(raw, s, n);
        raw[n] = '\0';
        size_t plen = tt_clean_label(raw, part, sizeof part);
        /* appended as snprintf("%s%s") would, cut short the same way:
         * snprintf was three quarters of the rule's cost */
        size_t room = size - o - 1;
        int cut = (o > 0) + plen > room;
        if (o > 0 && room > 0) {
            out[o++] = '/';
            room--;
        }
        size_t k = plen < room ? plen : room;
        memcpy(out + o, part, k);
        o += k;
        out[o] = '\0';
        if (cut || slash == NULL)
            return;
        s = slash + 1;
    }
}

/* 1 when column `col` cannot hold an addend: codes, names, 行次, ratios,
 * 其中 columns, or a body of mostly words. */
static int not_amount_col(const fl_table *t, size_t col, const char *leaf)
{
    static const char *const words[] = {
        "行次", "栏次", "代码", "编码", "名称", "科目", "率", "%", "比例",
        "序号", "备注", NULL
    };
    if (strcmp(leaf, "项目") == 0 || strcmp(leaf, "类") == 0 ||
        strcmp(leaf, "款") == 0 || strcmp(leaf, "项") == 0 ||
        strncmp(leaf, "其中", strlen("其中")) == 0)
        return 1;
    for (size_t i = 0; words[i] != NULL; i++)
        if (tt_str_has(leaf, words[i]))
            return 1;
    size_t nrows = fl_table_row_count(t), text = 0, nums = 0;
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        /* decided once the rows left cannot turn the count */
        size_t left = nrows - i;
        if (text + left <= nums || text > nums + left)
            break;
        const fl_row *r = fl_table_row(t, i);
        if (fl_row_is_header(r))
            continue;
        fl_dec v;
        if (tt_cell_is_code(r, col) || tt_cell_is_text(r, col))
            text++;
        else if (tt_cell_dec(t, r, col, &v))
            nums++;
    }
    return text > nums;
}

/* The cleaned paths of a table's columns (col_path), and where each
 * group has a column of its own: the group's path itself, or its path
 * and "/小计" (a key is the path, or the path up to a last component
 * that is a total).  Made once per table: siblings asked, for a column
 * inside a sub-group, every column to the right whether it was one, and
 * a header may have tens of thousands of columns.  `path` NULL: no
 * memory, each path worked out when asked. */
typedef struct own_key {
    const char *s;
    size_t len;
    size_t col;
} own_key;

typedef struct header_paths {
    char **path;
    own_key *keys;      /* by key, then column */
    size_t nkeys;
    signed char *not_amount;    /* per column: not_amount_col, -1 unasked */
} header_paths;

static int by_key_then_column(const void *a, const void *b)
{
    const own_key *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    if (c != 0)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

static void header_paths_free(header_paths *hp, size_t ncols)
{
    for (size_t col = 0; hp->path != NULL && col < ncols; col++)
        free(hp->path[col]);
    free(hp->path);
    free(hp->keys);
    free(hp->not_amount);
    memset(hp, 0, sizeof *hp);
}

static void header_paths_make(header_paths *hp, const fl_table *t)
{
    size_t ncols = fl_table_column_count(t);
    memset(hp, 0, sizeof *hp);
    hp->path = calloc(ncols > 0 ? ncols : 1, sizeof *hp->path);
    hp->keys = malloc((ncols > 0 ? 2 * ncols : 1) * sizeof *hp->keys);
    hp->not_amount = malloc(ncols > 0 ? ncols : 1);
    if (hp->path == NULL || hp->keys == NULL || hp->not_amount == NULL) {
        header_paths_free(hp, ncols);
        return;
    }
    memset(hp->not_amount, -1, ncols);
    for (size_t col = 0; col < ncols; col++) {
        char path[512];
        col_path(t, col, path, sizeof path);
        size_t len = strlen(path);
        if ((hp->path[col] = malloc(len + 1)) == NULL) {
            header_paths_free(hp, ncols);
            return;
        }
        memcpy(hp->path[col], path, len + 1);
        hp->keys[hp->nkeys++] = (own_key){ hp->path[col], len, col };
        const char *slash = strrchr(hp->path[col], '/');
        size_t glen = slash != NULL ? (size_t)(slash - hp->path[col]) : 0;
        if (slash != NULL && is_total_leaf(slash + 1, len - glen - 1))
            hp->keys[hp->nkeys++] = (own_key){ hp->path[col], glen, col };
    }
    qsort(hp->keys, hp->nkeys, sizeof *hp->keys, by_key_then_column);
}

/* Column col's path: kept, or worked out into buf (512 bytes). */
static const char *path_of(const header_paths *hp, const fl_table *t, size_t col,
                           char *buf)
{
    if (hp->path != NULL)
        return hp->path[col];
    col_path(t, col, buf, 512);
    return buf;
}

/* 1 when a column right of `total`, other than `col`, is the own column
 * of the group whose path is path[0, glen) (a prefix of col's path). */
static int has_own_column(const header_paths *hp, const fl_table *t, size_t total,
                          size_t col, const char *path, size_t glen)
{
    size_t ncols = fl_table_column_count(t);
    if (hp->path == NULL) {
        for (size_t k = total + 1; k < ncols; k++) {
            char other[512];
            if (k == col)
                continue;
            col_path(t, k, other, sizeof other);
            if (strncmp(other, path, glen) != 0)
                continue;
            if (other[glen] == '\0' ||
                (other[glen] == '/' && strchr(other + glen + 1, '/') == NULL &&
                 is_total_leaf(other + glen + 1, strlen(other + glen + 1))))
                return 1;
        }
        return 0;
    }
    /* the last two columns with that key: one of them is not col */
    own_key key = { path, glen, (size_t)-1 };
    size_t lo = 0, hi = hp->nkeys;  /* the first entry after key */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by_key_then_column(&hp->keys[mid], &key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0 && i + 2 >= lo;) {
        const own_key *e = &hp->keys[i];
        if (e->len != glen || memcmp(e->s, path, glen) != 0)
            break;
        if (e->col != col)
            return e->col > total;
    }
    return 0;
}

/* not_amount_col, kept per column: each total column to its left asks,
 * and the answer reads the whole body. */
static int not_amount(header_paths *hp, const fl_table *t, size_t col,
                      const char *leaf)
{
    if (hp->not_amount == NULL)
        return not_amount_col(t, col, leaf);
    if (hp->not_amount[col] < 0)
        hp->not_amount[col] = (signed char)not_amount_col(t, col, leaf);
    return hp->not_amount[col];
}

/* The addend columns of total column `total`: its siblings to the right
 * under the same header group.  Returns how many were written to cols. */
static size_t siblings(header_paths *hp, const fl_table *t, size_t total,
                       long *cols, size_t max)
{
    char tbuf[512], pbuf[512], leaf[128];
    size_t ncols = fl_table_column_count(t), n = 0;
    const char *tpath = path_of(hp, t, total, tbuf);
    const char *slash = strrchr(tpath, '/');
    size_t plen = slash != NULL ? (size_t)(slash - tpath) : 0;
    for (size_t col = total + 1; col < ncols && n < max; col++) {
        const char *path = path_of(hp, t, col, pbuf);
        if (plen > 0 && (strncmp(path, tpath, plen) != 0 || path[plen] != '/'))
            break;                          /* left the group */
        const char *rel = plen > 0 ? path + plen + 1 : path;
        if (rel[0] == '\0')
            break;                          /* an unlabelled column */
        size_t leaf_len = tt_col_leaf(t, col, leaf, sizeof leaf);
        const char *sub = strchr(rel, '/');
        if (sub == NULL && is_total_leaf(leaf, leaf_len))
            break;                          /* the next block's total */
        if (not_amount(hp, t, col, leaf))
            continue;
        /* a column inside a sub-group G: skip it when G has its own
         * value column (G itself, or G/小计, G/合计) and this is not
         * that column */
        if (sub != NULL && !(is_total_leaf(leaf, leaf_len) && strchr(sub + 1, '/') == NULL) &&
            has_own_column(hp, t, total, col, path, (size_t)(sub - path)))
            continue;
        cols[n++] = (long)col;
    }
    return n;
}

/* Column labels for a finding: the total's leaf and each part's, with
 * 减： for a subtracted one.  Made only when a row misses. */
typedef struct part_names {
    char column[128];
    char labels[MAX_PARTS][LABEL_MAX];
} part_names;

static void name_parts(const fl_table *t, size_t total, const long *cols,
                       const int *negative, size_t nparts, part_names *pn)
{
    tt_col_leaf(t, total, pn->column, sizeof pn->column);
    for (size_t p = 0; p < nparts; p++) {
        char leaf[LABEL_MAX - 8];
        tt_col_leaf(t, (size_t)cols[p], leaf, sizeof leaf);
        snprintf(pn->labels[p], sizeof pn->labels[p], "%s%s",
                 negative[p] ? "减：" : "", leaf);
    }
}

static void check_rows(tt_ctx *c, const fl_table *t, size_t total,
                       const long *cols, const int *negative, size_t nparts,
                       const char *formula)
{
    part_names pn;
    int named = 0;
    size_t nrows = fl_table_row_count(t);
    for (size_t i = fl_table_header_row_count(t); i < nrows; i++) {
        const fl_row *r = fl_table_row(t, i);
        fl_dec actual, zero = { 0 };
        if (fl_row_is_header(r) || !tt_cell_dec(t, r, total, &actual))
            continue;
        tt_addend add[MAX_PARTS];
        size_t numbers = 0;
        for (size_t p = 0; p < nparts; p++) {
            fl_dec v = { 0 };
            if (tt_cell_dec(t, r, (size_t)cols[p], &v))
                numbers++;
            if (negative[p])
                v = fl_dec_sub(zero, v); /* no overflow on out-of-range */
            add[p] = (tt_addend){ NULL, v, NULL, negative[p] };
        }
        if (numbers == 0 || tt_sum_held(c, add, nparts, actual))
            continue;               /* holds: no need to name the row */
        if (!named) {
            name_parts(t, total, cols, negative, nparts, &pn);
            named = 1;
        }
        for (size_t p = 0; p < nparts; p++) {
            add[p].label = pn.labels[p];
            add[p].cell = fl_row_cell(r, (size_t)cols[p]);
        }
        const char *column = pn.column;
        char rname[200], what[600];
        row_name(r, total, rname, sizeof rname);
        if (rname[0] != '\0')
            snprintf(what, sizeof what, "%s行：“%s”应等于%s", rname, column,
                     formula);
        else
            snprintf(what, sizeof what, "“%s”应等于%s", column, formula);
        tt_where w = { .table = t, .row = r,
                       .row_label = rname[0] != '\0' ? rname : NULL,
                       .column = column, .cell = fl_row_cell(r, total) };
        tt_check_sum(c, "row-identity", &w, what, actual, add, nparts);
    }
}

/* A total column and the columns that add up to it. */
typedef struct group {
    size_t total;
    long cols[MAX_PARTS];
    size_t n;
    char formula[400];
} group;

enum { END, BEGIN, INCOME, SUBTOTAL, SPEND, CARRY_NAMES };

/* What the header of one table says (tt_ctx.groups): its groups in
 * column order and the first column of each carry-over name, -1 if
 * none.  Both runs of the rule read the same header. */
typedef struct tt_groups {
    const fl_table *table;
    group *items;
    size_t count, cap;
    long carry[CARRY_NAMES];
} tt_groups;

static void groups_clear(tt_groups *g)
{
    free(g->items);
    memset(g, 0, sizeof *g);
}

void tt_row_identity_cache_free(tt_ctx *c)
{
    if (c->groups != NULL)
        groups_clear(c->groups);
    free(c->groups);
    c->groups = NULL;
}

/* Add a group; without memory the rest of the table goes unchecked. */
static group *groups_push(tt_groups *g)
{
    if (g->count == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        group *p = realloc(g->items, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        g->items = p;
        g->cap = cap;
    }
    return &g->items[g->count++];
}

/* 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (政府性基金表):
 * column `col`, whose leaf is `leaf`, taken for the first of these names
 * it bears. */
static void note_carry_over(long *at, size_t col, const char *leaf, size_t len)
{
    static const tt_word names[CARRY_NAMES] = {
        TT_WORD("年末结转和结余"), TT_WORD("年初结转和结余"), TT_WORD("本年收入"),
        TT_WORD("小计"), TT_WORD("本年支出")
    };
    for (size_t k = 0; k < CARRY_NAMES; k++)
        if (at[k] < 0 && len == names[k].len &&
            memcmp(leaf, names[k].s, len) == 0)
            at[k] = (long)col;
}

/* 1 when column `col`'s leaf cleaned into 128 bytes is the one cleaned
 * into 256: its text is shorter than 128 bytes (a longer one may lose a
 * leading numbering only in the larger buffer). */
static int short_leaf(const fl_table *t, size_t col)
{
    const char *label = fl_table_column_label(t, col);
    const char *slash = label != NULL ? strrchr(label, '/') : NULL;
    return label == NULL || strlen(slash != NULL ? slash + 1 : label) < 128;
}

/* 0 when column `col`'s leaf is none of the totals or carry-over names
 * (told by their last bytes: 计 余 入 出 end in A1 99 A5 BA) without
 * cleaning it; most leaves are not.  128: what a total's leaf is read in. */
static int may_be_named(const fl_table *t, size_t col)
{
    const char *label = fl_table_column_label(t, col);
    if (label == NULL)
        return 0;
    const char *slash = strrchr(label, '/');
    int last = tt_cleaned_last_byte(slash != NULL ? slash + 1 : label, 128);
    return last < 0 || last == 0xA1 || last == 0x99 || last == 0xA5 ||
           last == 0xBA;
}

/* 合计 = its siblings: every total column of the header with at least
 * two addend columns, and the formula that names them; and the
 * carry-over columns (g->carry), in the same pass over the leaves. */
static void find_groups(const fl_table *t, tt_groups *g)
{
    size_t ncols = fl_table_column_count(t);
    header_paths hp;
    int made = 0, full = 0;
    for (size_t k = 0; k < CARRY_NAMES; k++)
        g->carry[k] = -1;
    for (size_t col = 0; col < ncols; col++) {
        char leaf[256];
        if (!may_be_named(t, col))
            continue;
        size_t len = tt_col_leaf(t, col, leaf, sizeof leaf);
        note_carry_over(g->carry, col, leaf, len);
        if (!short_leaf(t, col))
            len = tt_col_leaf(t, col, leaf, 128); /* totals read 128 bytes */
        if (full || !is_total_leaf(leaf, len))
            continue;
        /* made at the first total column: most tables have none */
        if (!made) {
            header_paths_make(&hp, t);
            made = 1;
        }
        long cols[MAX_PARTS];
        size_t n = siblings(&hp, t, col, cols, MAX_PARTS);
        if (n < 2)
            continue;
        group *gr = groups_push(g);
        if (gr == NULL) {
            full = 1;   /* no memory: no more groups */
            continue;
        }
        gr->total = col;
        gr->n = n;
        memcpy(gr->cols, cols, n * sizeof cols[0]);
        char *formula = gr->formula;
        size_t size = sizeof gr->formula;
        size_t o = (size_t)snprintf(formula, size, "同组各栏之和（");
        for (size_t p = 0; p < n && o < size; p++) {
            char name[128];
            tt_col_leaf(t, (size_t)cols[p], name, sizeof name);
            int w = snprintf(formula + o, size - o, "%s%s",
                             p > 0 ? "＋" : "", name);
            if (w < 0)
                break;
            o += (size_t)w;
        }
        if (o < size)
            snprintf(formula + o, size - o, "）");
    }
    if (made)
        header_paths_free(&hp, ncols);
}

static void check_group_totals(tt_ctx *c, const fl_table *t,
                               const tt_groups *g)
{
    for (size_t k = 0; k < g->count; k++) {
        const group *gr = &g->items[k];
        int neg[MAX_PARTS] = { 0 };
        check_rows(c, t, gr->total, gr->cols, neg, gr->n, gr->formula);
    }
}

static void check_carry_over(tt_ctx *c, const fl_table *t, const long *at)
{
    long end = at[END], begin = at[BEGIN], income = at[INCOME];
    long spend = at[SUBTOTAL] >= 0 ? at[SUBTOTAL] : at[SPEND];
    if (end < 0 || begin < 0 || income < 0 || spend < 0)
        return;
    long cols[3] = { begin, income, spend };
    int neg[3] = { 0, 0, 1 };
    check_rows(c, t, (size_t)end, cols, neg, 3,
               "年初结转和结余＋本年收入－本年支出");
}

/* The header's identities of `t`: kept in c->groups, else (no memory
 * for the cache) read into `spare`, to be cleared by the caller. */
static const tt_groups *groups_of(tt_ctx *c, const fl_table *t,
                                  tt_groups *spare)
{
    if (c->groups == NULL)
        c->groups = calloc(1, sizeof *c->groups);
    tt_groups *g = c->groups != NULL ? c->groups : spare;
    if (g != spare && g->table == t)
        return g;
    groups_clear(g);
    g->table = t;
    find_groups(t, g);
    return g;
}

void tt_rule_row_identity(tt_ctx *c, const fl_table *t)
{
    tt_kind kind = tt_kind_of(c, t);
    /* a budget's 收支预算总表 keeps its 支出 合计 = 基本 + 项目 columns */
    if (kind == TT_SANGONG || (kind == TT_SUMMARY && !tt_table_is_budget(t)))
        return;
    tt_groups spare = { 0 };
    const tt_groups *g = groups_of(c, t, &spare);
    check_group_totals(c, t, g);
    check_carry_over(c, t, g->carry);
    groups_clear(&spare);
}
