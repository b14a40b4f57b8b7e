/* read-docx.c — the DOCX reader: word/document.xml in document order;
 * paragraphs with their heading level (outline level, heading style, or
 * the style they are based on) and their automatic numbering written out
 * ("一、", "（二）" are often not in the text), tables with merged cells
 * (w:gridSpan, w:vMerge) written as empty cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "canon.h"
#include "docx-numbering.h"
#include "ooxml.h"
#include "read-formats.h"
#include "zip-entry.h"

#define MAX_STYLE_DEPTH 10

/* ---- styles: heading level of each paragraph style ------------------ */

typedef struct style {
    char *id;
    char *based_on;
    int level;           /* 1.. for headings, 0 otherwise, -1 unknown */
    size_t pos;          /* order in the file: the first of an id wins */
} style;

typedef struct styles {
    style *v;
    size_t n, cap;
} styles;

/* Level from a style name: "heading 2", "Heading2", "标题 2", "Title". */
static int level_from_name(const char *name)
{
    const char *p = NULL;
    if (!strncasecmp(name, "heading", 7))
        p = name + 7;
    else if (!strncmp(name, "标题", 6))
        p = name + 6;
    else if (!strcasecmp(name, "title"))
        return 1;
    if (!p)
        return 0;
    while (*p == ' ')
        p++;
    return (*p >= '1' && *p <= '9') ? *p - '0' : 0;
}

static int outline_level(const xmlNode *ppr)
{
    const char *v = fl_ooxml_attr(fl_ooxml_child(ppr, "outlineLvl"), "val");
    /* 0-8 are levels 1-9; 9 means body text. */
    return (v && v[0] >= '0' && v[0] <= '8' && !v[1]) ? v[0] - '0' + 1 : -1;
}

static void load_styles(xmlDoc *doc, styles *st)
{
    for (xmlNode *s = xmlDocGetRootElement(doc)->children; s; s = s->next) {
        if (!fl_ooxml_is(s, "style"))
            continue;
        const char *id = fl_ooxml_attr(s, "styleId");
        if (!id)
            continue;
        st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof *st->v);
        style *d = &st->v[st->n++];
        d->id = xstrdup(id);
        d->pos = st->n - 1;
        const char *base = fl_ooxml_attr(fl_ooxml_child(s, "basedOn"), "val");
        d->based_on = base ? xstrdup(base) : NULL;
        d->level = outline_level(fl_ooxml_child(s, "pPr"));
        if (d->level < 0) {
            const char *name = fl_ooxml_attr(fl_ooxml_child(s, "name"), "val");
            int l = name ? level_from_name(name) : 0;
            d->level = l ? l : level_from_name(id) ? level_from_name(id) : -1;
        }
    }
}

/* Styles are looked up once per paragraph, and a file may define tens of
 * thousands: sorted by id (then file order), found by binary search. */
static int by_id(const void *a, const void *b)
{
    const style *x = a, *y = b;
    int d = strcmp(x->id, y->id);
    return d ? d : x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void index_styles(styles *st)
{
    if (st->n > 1)
        qsort(st->v, st->n, sizeof *st->v, by_id);
}

/* The first style (in file order) named `id`, or NULL. */
static const style *find_style(const styles *st, const char *id)
{
    size_t lo = 0, hi = st->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(st->v[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < st->n && !strcmp(st->v[lo].id, id) ? &st->v[lo] : NULL;
}

static int style_level(const styles *st, const char *id)
{
    for (int depth = 0; id && depth < MAX_STYLE_DEPTH; depth++) {
        const style *s = find_style(st, id);
        if (!s)
            return level_from_name(id);
        if (s->level >= 0)
            return s->level;
        id = s->based_on;
    }
    return 0;
}

static void free_styles(styles *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->v[i].id);
        free(st->v[i].based_on);
    }
    free(st->v);
}

/* ---- text ---------------------------------------------------------- */

typedef struct docx {
    styles st;
    fl_numbering_defs *num;
    fl_buf out;
} docx;

/* Text of runs under `node`: w:t, tabs and breaks; deleted text, field
 * codes and the fallback copy of alternate content are skipped. */
static void run_text(const xmlNode *node, fl_buf *b, int breaks)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (fl_ooxml_is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t)
                fl_buf_puts(b, (const char *)t);
            xmlFree(t);
        } else if (fl_ooxml_is(c, "tab")) {
            fl_buf_append(b, " ", 1);
        } else if (fl_ooxml_is(c, "br") || fl_ooxml_is(c, "cr")) {
            fl_buf_append(b, breaks ? "\n" : " ", 1);
        } else if (fl_ooxml_is(c, "pPr") || fl_ooxml_is(c, "rPr") || fl_ooxml_is(c, "Fallback")
                   || fl_ooxml_is(c, "delText") || fl_ooxml_is(c, "instrText")
                   || fl_ooxml_is(c, "del")) {
            continue;
        } else {
            run_text(c, b, breaks);
        }
    }
}

/* A paragraph's text with its numbering label; *level gets its heading
 * level (0 for body text).  Caller frees. */
static char *paragraph(docx *d, const xmlNode *p, int *level, int breaks)
{
    const xmlNode *ppr = fl_ooxml_child(p, "pPr");
    int lvl = outline_level(ppr);
    if (lvl < 0)
        lvl = style_level(&d->st, fl_ooxml_attr(fl_ooxml_child(ppr, "pStyle"), "val"));
    *level = lvl > 0 ? lvl : 0;

    fl_buf b = {0};
    const xmlNode *numpr = fl_ooxml_child(ppr, "numPr");
    if (numpr && d->num) {
        const char *id = fl_ooxml_attr(fl_ooxml_child(numpr, "numId"), "val");
        const char *il = fl_ooxml_attr(fl_ooxml_child(numpr, "ilvl"), "val");
        char *label = fl_numbering_next(d->num, id ? atoi(id) : 0, il ? atoi(il) : 0);
        if (label) {
            fl_buf_puts(&b, label);
            free(label);
        }
    }
    run_text(p, &b, breaks);
    return fl_buf_steal(&b);
}

static void table(docx *d, const xmlNode *tbl);

/* Text of a table cell: its paragraphs joined (a cell wraps like any
 * text); a nested table's text is flattened in. */
static void cell_text(docx *d, const xmlNode *tc, fl_buf *b)
{
    for (const xmlNode *c = tc->children; c; c = c->next) {
        if (fl_ooxml_is(c, "p")) {
            int level;
            char *t = paragraph(d, c, &level, 0);
            fl_canon_join(b, t);
            free(t);
        } else if (fl_ooxml_is(c, "tbl") || fl_ooxml_is(c, "sdt")
                   || fl_ooxml_is(c, "sdtContent")) {
            cell_text(d, c, b);
        } else if (fl_ooxml_is(c, "tr") || fl_ooxml_is(c, "tc")) {
            cell_text(d, c, b);
        }
    }
}

typedef struct row {
    char **cells;
    size_t n, cap;
} row;

static void row_add(row *r, char *text)
{
    r->cells = xgrow(r->cells, &r->cap, r->n + 1, sizeof *r->cells);
    r->cells[r->n++] = text;
}

/* Cells of a row: a cell spanning columns (gridSpan) is followed by
 * empty cells; a cell continuing a vertical merge is empty. */
static void table_row(docx *d, const xmlNode *tr, row *r)
{
    const char *before = fl_ooxml_attr(fl_ooxml_child(fl_ooxml_child(tr, "trPr"), "gridBefore"),
                                       "val");
    for (int i = before ? atoi(before) : 0; i > 0 && i < 64; i--)
        row_add(r, NULL);       /* NULL: an empty cell, without a copy */
    for (const xmlNode *c = tr->children; c; c = c->next) {
        const xmlNode *tc = c;
        if (fl_ooxml_is(c, "sdt"))
            tc = fl_ooxml_child(fl_ooxml_child(c, "sdtContent"), "tc");
        if (!fl_ooxml_is(tc, "tc"))
            continue;
        const xmlNode *pr = fl_ooxml_child(tc, "tcPr");
        const char *span = fl_ooxml_attr(fl_ooxml_child(pr, "gridSpan"), "val");
        const xmlNode *vm = fl_ooxml_child(pr, "vMerge");
        const char *vmv = fl_ooxml_attr(vm, "val");
        int cont = vm && (!vmv || strcmp(vmv, "restart"));
        fl_buf b = {0};
        if (!cont)
            cell_text(d, tc, &b);
        row_add(r, fl_buf_steal(&b));
        int n = span ? atoi(span) : 1;
        for (int i = 1; i < n && i < 64; i++)
            row_add(r, NULL);
    }
}

/* Rows are padded to the table's width so that columns line up; a
 * hostile file can declare one row tens of thousands of cells wide
 * (gridSpan) and add thousands of rows, so blank rows are not padded
 * and no row is padded past PAD_MAX columns (real tables have a few
 * dozen): the work stays proportional to the cells really present. */
#define PAD_MAX 256

static void table(docx *d, const xmlNode *tbl)
{
    row *rows = NULL;
    size_t nrows = 0, cap = 0, width = 0;
    for (const xmlNode *c = tbl->children; c; c = c->next) {
        if (!fl_ooxml_is(c, "tr"))
            continue;
        rows = xgrow(rows, &cap, nrows + 1, sizeof *rows);
        memset(&rows[nrows], 0, sizeof *rows);
        table_row(d, c, &rows[nrows]);
        if (rows[nrows].n > width)
            width = rows[nrows].n;
        nrows++;
    }
    if (width > PAD_MAX)
        width = PAD_MAX;
    fl_buf_append(&d->out, "\n", 1);
    for (size_t i = 0; i < nrows; i++) {
        int blank = 1;
        for (size_t k = 0; k < rows[i].n && blank; k++)
            blank = !rows[i].cells[k] || fl_canon_blank(rows[i].cells[k]);
        if (!blank) {
            while (rows[i].n < width)
                row_add(&rows[i], NULL);    /* written as an empty cell */
            fl_canon_row(&d->out, rows[i].cells, rows[i].n);
        }
        for (size_t k = 0; k < rows[i].n; k++)
            free(rows[i].cells[k]);
        free(rows[i].cells);
    }
    free(rows);
    fl_buf_append(&d->out, "\n", 1);
}

static void body(docx *d, const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (fl_ooxml_is(c, "p")) {
            int level;
            char *t = paragraph(d, c, &level, 1);
            if (!fl_canon_blank(t)) {
                for (int i = 0; i < level && i < 6; i++)
                    fl_buf_append(&d->out, "#", 1);
                if (level)
                    fl_buf_append(&d->out, " ", 1);
                fl_buf_puts(&d->out, t);
                fl_buf_append(&d->out, "\n\n", 2);
            }
            free(t);
        } else if (fl_ooxml_is(c, "tbl")) {
            table(d, c);
        } else if (fl_ooxml_is(c, "sdt")) {
            const xmlNode *content = fl_ooxml_child(c, "sdtContent");
            if (content)
                body(d, content);
        } else if (fl_ooxml_is(c, "customXml") || fl_ooxml_is(c, "ins")) {
            body(d, c);
        }
    }
}

int fl_docx_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                 char *err, size_t errsize)
{
    (void)name;
    fl_zip *z = fl_zip_open(data, len, FL_ZIP_DEFAULT_BUDGET, "DOCX", err, errsize);
    if (!z)
        return -1;
    int missing;
    xmlDoc *doc = fl_ooxml_parse(z, "word/document.xml", "DOCX", &missing, err, errsize);
    if (!doc) {
        if (missing)
            snprintf(err, errsize, "不是有效的 DOCX 文件：缺少正文部分 word/document.xml");
        fl_zip_close(z);
        return -1;
    }
    docx d = {0};
    /* Styles and numbering are optional parts; when present they must be
     * readable: a damaged or oversized one means a damaged file. */
    xmlDoc *sdoc = fl_ooxml_parse(z, "word/styles.xml", "DOCX", &missing, err, errsize);
    if (!sdoc && !missing)
        goto fail;
    if (sdoc) {
        load_styles(sdoc, &d.st);
        index_styles(&d.st);
    }
    xmlDoc *ndoc = fl_ooxml_parse(z, "word/numbering.xml", "DOCX", &missing, err, errsize);
    if (!ndoc && !missing)
        goto fail_styles;
    if (ndoc)
        d.num = fl_numbering_load(ndoc);

    const xmlNode *bodyn = fl_ooxml_child(xmlDocGetRootElement(doc), "body");
    if (bodyn)
        body(&d, bodyn);
    fl_numbering_free(d.num);
    if (ndoc)
        xmlFreeDoc(ndoc);
    if (sdoc)
        xmlFreeDoc(sdoc);
    free_styles(&d.st);
    xmlFreeDoc(doc);
    fl_zip_close(z);
    out->len = d.out.len;
    out->text = fl_buf_steal(&d.out);
    out->encoding = NULL;
    return 0;

fail_styles:
    if (sdoc)
        xmlFreeDoc(sdoc);
fail:
    free_styles(&d.st);
    xmlFreeDoc(doc);
    fl_zip_close(z);
    return -1;
}

