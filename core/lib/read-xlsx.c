/* read-xlsx.c — the XLSX reader: every sheet of the workbook, in order,
 * as one table under a '#' title (the sheet's title row, or its name),
 * all in one document so that checks across tables see every sheet.
 * Numbers are written with the decimals their cell format shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "canon.h"
#include "ooxml.h"
#include "read-formats.h"
#include "zip-entry.h"

#define MAX_CELLS (4u * 1024u * 1024u)   /* rows x columns of one sheet */
#define MAX_ROWS 1048576u                 /* Excel's own limits */
#define MAX_COLS 16384u

/* ---- workbook parts ------------------------------------------------ */

typedef struct strings {
    char **v;
    size_t n, cap;
} strings;

/* Text of a shared or inline string: its t elements, phonetic runs left
 * out. */
static void si_text(const xmlNode *node, fl_buf *b)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (fl_ooxml_is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t)
                fl_buf_puts(b, (const char *)t);
            xmlFree(t);
        } else if (fl_ooxml_is(c, "r")) {
            si_text(c, b);
        }
    }
}

static void load_strings(xmlDoc *doc, strings *s)
{
    for (xmlNode *si = xmlDocGetRootElement(doc)->children; si; si = si->next) {
        if (!fl_ooxml_is(si, "si"))
            continue;
        fl_buf b = {0};
        si_text(si, &b);
        s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
        s->v[s->n++] = fl_buf_steal(&b);
    }
}

/* Display of each cell style (index into cellXfs): decimals shown, and
 * whether the value is a percentage; decimals < 0 means "General". */
typedef struct numfmt {
    int decimals;
    int percent;
    int thousands;       /* "#,##0.00": digits grouped by three */
} numfmt;

typedef struct formats {
    numfmt *v;
    size_t n, cap;
} formats;

static numfmt from_code(const char *code)
{
    numfmt f = { 0, 0, 0 };
    const char *end = strchr(code, ';');
    size_t n = end ? (size_t)(end - code) : strlen(code);
    int in_quote = 0, after_point = 0;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (c == '"')
            in_quote = !in_quote;
        else if (in_quote)
            continue;
        else if (c == '\\' || c == '_')
            i++;
        else if (c == '.')
            after_point = 1;
        else if ((c == '0' || c == '#' || c == '?') && after_point)
            f.decimals++;
        else if (c == '%')
            f.percent = 1;
        else if (c == ',' && !after_point)
            f.thousands = 1;
    }
    if (!strcasecmp(code, "General") || !strcmp(code, "@"))
        f.decimals = -1;
    return f;
}

static numfmt builtin(int id)
{
    numfmt f = { -1, 0, 0 };
    switch (id) {
    case 1: f.decimals = 0; break;
    case 2: f.decimals = 2; break;
    case 3: case 37: case 38: f.decimals = 0; f.thousands = 1; break;
    case 4: case 39: case 40: f.decimals = 2; f.thousands = 1; break;
    case 9: f.decimals = 0; f.percent = 1; break;
    case 10: f.decimals = 2; f.percent = 1; break;
    default: break;
    }
    return f;
}

static void load_formats(xmlDoc *doc, formats *fm)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *custom = fl_ooxml_child(root, "numFmts");
    const xmlNode *xfs = fl_ooxml_child(root, "cellXfs");
    for (const xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next) {
        if (!fl_ooxml_is(xf, "xf"))
            continue;
        const char *ids = fl_ooxml_attr(xf, "numFmtId");
        int id = ids ? atoi(ids) : 0;
        numfmt f = builtin(id);
        for (const xmlNode *c = custom ? custom->children : NULL; c; c = c->next) {
            const char *cid = fl_ooxml_attr(c, "numFmtId"), *code = fl_ooxml_attr(c, "formatCode");
            if (fl_ooxml_is(c, "numFmt") && cid && code && atoi(cid) == id)
                f = from_code(code);
        }
        fm->v = xgrow(fm->v, &fm->cap, fm->n + 1, sizeof *fm->v);
        fm->v[fm->n++] = f;
    }
}

/* ---- one sheet ----------------------------------------------------- */

typedef struct cell {
    size_t row, col;
    char *text;
} cell;

/* "B12" -> column 1, row 11.  Returns 0 when the reference is bad. */
static int parse_ref(const char *r, size_t *row, size_t *col)
{
    size_t c = 0, n = 0, k = 0;
    while (r[k] >= 'A' && r[k] <= 'Z' && k < 4)
        c = c * 26 + (size_t)(r[k++] - 'A' + 1);
    while (r[k] >= '0' && r[k] <= '9' && n < 10000000)
        n = n * 10 + (size_t)(r[k++] - '0');
    if (!c || !n || r[k])
        return 0;
    *row = n - 1;
    *col = c - 1;
    return 1;
}

/* "-1234567.50" -> "-1,234,567.50". Caller frees; takes s. */
static char *group_thousands(char *s)
{
    const char *digits = s + (*s == '-');
    size_t intlen = strcspn(digits, ".");
    fl_buf b = {0};
    fl_buf_append(&b, s, (size_t)(digits - s));
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            fl_buf_append(&b, ",", 1);
        fl_buf_append(&b, digits + i, 1);
    }
    fl_buf_puts(&b, digits + intlen);
    free(s);
    return fl_buf_steal(&b);
}

/* A number as its format shows it.  Doubles only round for display here
 * (the model parses the text with exact decimals). */
static char *number_text(const char *v, const numfmt *f)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end)
        return xstrdup(v);
    if (!f || f->decimals < 0) {
        /* General: as stored, unless it is binary noise like 0.30000000000000004. */
        if (strlen(v) <= 15 && !strchr(v, 'E') && !strchr(v, 'e'))
            return xstrdup(v);
        return xasprintf("%.15g", d);
    }
    if (f->percent)
        return xasprintf("%.*f%%", f->decimals, d * 100);
    char *t = xasprintf("%.*f", f->decimals, d);
    return f->thousands ? group_thousands(t) : t;
}

typedef struct book {
    strings ss;
    int have_ss;
    formats fm;
    fl_buf out;
} book;

static int cell_value(book *bk, const xmlNode *c, char **text, char *err, size_t errsize)
{
    const char *t = fl_ooxml_attr(c, "t");
    const char *s = fl_ooxml_attr(c, "s");
    const xmlNode *vn = fl_ooxml_child(c, "v");
    xmlChar *v = vn ? xmlNodeGetContent(vn) : NULL;
    const char *vs = v ? (const char *)v : "";
    *text = NULL;
    if (t && !strcmp(t, "s")) {
        if (!bk->have_ss) {
            xmlFree(v);
            snprintf(err, errsize, "XLSX 文件已损坏：缺少共享字符串部分 xl/sharedStrings.xml，"
                     "单元格文本无法读取");
            return -1;
        }
        long i = strtol(vs, NULL, 10);
        *text = xstrdup(i >= 0 && (size_t)i < bk->ss.n ? bk->ss.v[i] : "");
    } else if (t && !strcmp(t, "inlineStr")) {
        fl_buf b = {0};
        const xmlNode *is = fl_ooxml_child(c, "is");
        if (is)
            si_text(is, &b);
        *text = fl_buf_steal(&b);
    } else if (t && !strcmp(t, "b")) {
        *text = xstrdup(!strcmp(vs, "1") ? "TRUE" : "FALSE");
    } else if (t && (!strcmp(t, "str") || !strcmp(t, "e"))) {
        *text = xstrdup(vs);
    } else if (*vs) {
        size_t si = s ? (size_t)strtoul(s, NULL, 10) : 0;
        *text = number_text(vs, si < bk->fm.n ? &bk->fm.v[si] : NULL);
    }
    xmlFree(v);
    return 0;
}

static size_t row_filled(char **grid, size_t ncols, size_t r)
{
    size_t k = 0;
    for (size_t c = 0; c < ncols; c++)
        k += !fl_canon_blank(grid[r * ncols + c]);
    return k;
}

static const char *row_first(char **grid, size_t ncols, size_t r)
{
    for (size_t c = 0; c < ncols; c++)
        if (!fl_canon_blank(grid[r * ncols + c]))
            return grid[r * ncols + c];
    return "";
}

/* Write one sheet: leading rows with one filled cell are the title and
 * table furniture (公开01表, 单位：万元), the first of them the '#' title;
 * trailing ones are notes; the rest is the table. */
static void write_sheet(book *bk, const char *sheet_name, char **grid, size_t nrows, size_t ncols)
{
    fl_buf *o = &bk->out;
    size_t top = 0, bottom = nrows;
    int titled = 0;
    while (top < nrows && row_filled(grid, ncols, top) <= 1) {
        if (row_filled(grid, ncols, top)) {
            fl_buf_puts(o, titled ? "" : "# ");
            fl_buf_puts(o, row_first(grid, ncols, top));
            fl_buf_puts(o, "\n\n");
            titled = 1;
        }
        top++;
    }
    if (!titled)
        fl_buf_printf(o, "# %s\n\n", sheet_name);
    while (bottom > top && row_filled(grid, ncols, bottom - 1) <= 1)
        bottom--;
    for (size_t r = top; r < bottom; r++)
        if (row_filled(grid, ncols, r))
            fl_canon_row(o, grid + r * ncols, ncols);
    if (bottom > top)
        fl_buf_puts(o, "\n");
    for (size_t r = bottom; r < nrows; r++)
        if (row_filled(grid, ncols, r))
            fl_buf_printf(o, "%s\n\n", row_first(grid, ncols, r));
}

/* The cells of one sheet as they are read, row by row. */
typedef struct sheet {
    cell *cells;
    size_t n, cap, nrows, ncols, mincol, next_row;
} sheet;

/* One <row> element: its cells join s.  -1 with a message in err. */
static int sheet_row(book *bk, sheet *s, const xmlNode *r, char *err, size_t errsize)
{
    const char *rs = fl_ooxml_attr(r, "r");
    size_t row = rs ? (size_t)strtoul(rs, NULL, 10) - 1 : s->next_row;
    if (row >= MAX_ROWS)
        return 0;
    size_t next_col = 0;
    for (const xmlNode *c = r->children; c; c = c->next) {
        if (!fl_ooxml_is(c, "c"))
            continue;
        size_t cr = row, cc = next_col;
        const char *ref = fl_ooxml_attr(c, "r");
        if ((ref && !parse_ref(ref, &cr, &cc)) || cr >= MAX_ROWS || cc >= MAX_COLS)
            continue;
        next_col = cc + 1;
        char *text;
        if (cell_value(bk, c, &text, err, errsize) < 0)
            return -1;
        if (!text)
            continue;
        s->cells = xgrow(s->cells, &s->cap, s->n + 1, sizeof *s->cells);
        s->cells[s->n].row = cr;
        s->cells[s->n].col = cc;
        s->cells[s->n++].text = text;
        if (cr + 1 > s->nrows) s->nrows = cr + 1;
        if (cc + 1 > s->ncols) s->ncols = cc + 1;
        if (cc < s->mincol) s->mincol = cc;
    }
    s->next_row = row + 1;
    return 0;
}

/* Lay the cells read out on a grid and write the sheet. */
static int sheet_write(book *bk, const sheet *s, const char *sheet_name, char *err,
                       size_t errsize)
{
    if (s->n == 0) {
        fl_buf_printf(&bk->out, "# %s\n\n", sheet_name);
        return 0;
    }
    size_t width = s->ncols - s->mincol, nrows = s->nrows;
    if (nrows > MAX_CELLS / width) {
        snprintf(err, errsize, "XLSX 工作表“%s”过大（%zu 行 × %zu 列），无法读取",
                 sheet_name, nrows, width);
        return -1;
    }
    char **grid = xcalloc(nrows * width, sizeof *grid);
    for (size_t i = 0; i < nrows * width; i++)
        grid[i] = "";
    for (size_t i = 0; i < s->n; i++)
        grid[s->cells[i].row * width + s->cells[i].col - s->mincol] = s->cells[i].text;
    write_sheet(bk, sheet_name, grid, nrows, width);
    free(grid);
    return 0;
}

/* Read part `path` as a sheet.  Streaming: a sheet's DOM costs some twenty
 * times its XML, so only one <row> at a time becomes a tree, which the
 * reader frees as it moves on.  What is refused, and with which message,
 * is as fl_ooxml_parse() decides for a whole part: XML that is not
 * well-formed first, then a DTD, then a cell.  Returns 0, 1 when there is
 * no such part, -1 with a message in err. */
static int read_sheet(book *bk, fl_zip *z, const char *path, const char *sheet_name,
                      char *err, size_t errsize)
{
    char *xml;
    size_t len;
    int rc = fl_zip_read(z, path, &xml, &len, err, errsize);
    if (rc != 0)
        return rc;
    if (len > (size_t)0x7fffffff) {
        free(xml);
        snprintf(err, errsize, "XLSX 文件中的 %s 过大，无法读取", path);
        return -1;
    }
    /* No XML_PARSE_NOENT, no network, no huge-text relaxation. */
    xmlTextReader *rd = xmlReaderForMemory(xml, (int)len, path, NULL,
                                           XML_PARSE_NONET | XML_PARSE_NOERROR |
                                               XML_PARSE_NOWARNING);
    sheet s = { .mincol = (size_t)-1 };
    int more = -1, dtd = 0, root = 0, failed = 0, in_data = 0, seen_data = 0;
    while (rd != NULL && (more = xmlTextReaderRead(rd)) == 1) {
        int type = xmlTextReaderNodeType(rd), depth = xmlTextReaderDepth(rd);
        /* An entity a DTD declares would be expanded by xmlNodeGetContent:
         * no cell is read once one is seen. */
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            dtd = 1;
        if (type == XML_READER_TYPE_ELEMENT && depth == 0)
            root = 1;
        if (dtd || failed || depth < 1 || depth > 2)
            continue;
        const char *local = (const char *)xmlTextReaderConstLocalName(rd);
        if (local == NULL)
            continue;
        if (depth == 1) {
            /* Rows of the first sheetData only, as fl_ooxml_child() finds. */
            if (type == XML_READER_TYPE_ELEMENT && !seen_data && !strcmp(local, "sheetData")) {
                seen_data = 1;
                in_data = !xmlTextReaderIsEmptyElement(rd);
            } else if (type == XML_READER_TYPE_END_ELEMENT && in_data) {
                in_data = 0;
            }
            continue;
        }
        if (!in_data || type != XML_READER_TYPE_ELEMENT || strcmp(local, "row"))
            continue;
        const xmlNode *row = xmlTextReaderExpand(rd);
        if (row == NULL) {
            more = -1; /* not well-formed inside the row */
            break;
        }
        if (sheet_row(bk, &s, row, err, errsize) < 0)
            failed = 1;
    }
    if (rd != NULL) {
        /* A DTD without a DOCTYPE node, should the reader not show one. */
        xmlDoc *d = xmlTextReaderCurrentDoc(rd);
        if (d != NULL && (d->intSubset != NULL || d->extSubset != NULL))
            dtd = 1;
        xmlFreeTextReader(rd);
        if (d != NULL)
            xmlFreeDoc(d);
    }
    free(xml);
    rc = 0;
    if (more != 0 || !root) {
        snprintf(err, errsize, "XLSX 文件已损坏：%s 不是有效的 XML", path);
        rc = -1;
    } else if (dtd) {
        snprintf(err, errsize, "XLSX 文件中的 %s 含有 DTD 或实体声明（Office 文件不会有），"
                 "可能是“实体炸弹”，拒绝读取", path);
        rc = -1;
    } else if (failed) {
        rc = -1; /* the cell's message is in err */
    } else {
        rc = sheet_write(bk, &s, sheet_name, err, errsize);
    }
    for (size_t i = 0; i < s.n; i++)
        free(s.cells[i].text);
    free(s.cells);
    return rc;
}

/* Path of a sheet's part from its relationship target. */
static char *sheet_path(xmlDoc *rels, const char *rid)
{
    for (xmlNode *r = rels ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
        const char *id = fl_ooxml_attr(r, "Id"), *target = fl_ooxml_attr(r, "Target");
        if (!fl_ooxml_is(r, "Relationship") || !id || !target || strcmp(id, rid))
            continue;
        if (target[0] == '/')
            return xstrdup(target + 1);
        return xasprintf("xl/%s", target);
    }
    return NULL;
}

int fl_xlsx_read(const char *name, const unsigned char *data, size_t len, fl_input *out,
                 char *err, size_t errsize)
{
    (void)name;
    fl_zip *z = fl_zip_open(data, len, FL_ZIP_DEFAULT_BUDGET, "XLSX", err, errsize);
    if (!z)
        return -1;
    int missing, rc = -1;
    book bk = {0};
    xmlDoc *wb = NULL, *rels = NULL, *ssd = NULL, *sty = NULL;
    wb = fl_ooxml_parse(z, "xl/workbook.xml", "XLSX", &missing, err, errsize);
    if (!wb) {
        if (missing)
            snprintf(err, errsize, "不是有效的 XLSX 文件：缺少工作簿部分 xl/workbook.xml");
        goto done;
    }
    rels = fl_ooxml_parse(z, "xl/_rels/workbook.xml.rels", "XLSX", &missing, err, errsize);
    if (!rels) {
        if (missing)
            snprintf(err, errsize, "XLSX 文件已损坏：缺少 xl/_rels/workbook.xml.rels，"
                     "找不到工作表");
        goto done;
    }
    ssd = fl_ooxml_parse(z, "xl/sharedStrings.xml", "XLSX", &missing, err, errsize);
    if (!ssd && !missing)
        goto done;
    if (ssd) {
        load_strings(ssd, &bk.ss);
        bk.have_ss = 1;
    }
    sty = fl_ooxml_parse(z, "xl/styles.xml", "XLSX", &missing, err, errsize);
    if (!sty && !missing)
        goto done;
    if (sty)
        load_formats(sty, &bk.fm);

    const xmlNode *sheets = fl_ooxml_child(xmlDocGetRootElement(wb), "sheets");
    rc = 0;
    for (const xmlNode *s = sheets ? sheets->children : NULL; s && !rc; s = s->next) {
        const char *sname = fl_ooxml_attr(s, "name"), *rid = fl_ooxml_attr(s, "id");
        if (!fl_ooxml_is(s, "sheet") || !rid)
            continue;
        char *path = sheet_path(rels, rid);
        if (!path)
            continue;
        rc = read_sheet(&bk, z, path, sname ? sname : "", err, errsize);
        if (rc == 1) {
            snprintf(err, errsize, "XLSX 文件已损坏：缺少工作表“%s”的部分 %s",
                     sname ? sname : "", path);
            rc = -1;
        }
        free(path);
    }
done:
    for (size_t i = 0; i < bk.ss.n; i++)
        free(bk.ss.v[i]);
    free(bk.ss.v);
    free(bk.fm.v);
    if (wb) xmlFreeDoc(wb);
    if (rels) xmlFreeDoc(rels);
    if (ssd) xmlFreeDoc(ssd);
    if (sty) xmlFreeDoc(sty);
    fl_zip_close(z);
    if (rc == 0) {
        out->len = bk.out.len;
        out->text = fl_buf_steal(&bk.out);
        out->encoding = NULL;
    } else {
        fl_buf_free(&bk.out);
    }
    return rc;
}

