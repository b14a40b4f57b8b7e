/* model.c — the read-only accessors of <fislint/plugin.h> over the
 * structures of model.h, and freeing those structures.  Every accessor
 * tolerates NULL and out-of-range arguments (returning NULL, 0 or "") so a
 * careless plugin cannot crash the run. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* -- document -- */

const char *fl_doc_source(const fl_document *doc) { return doc ? doc->source : NULL; }
const char *fl_doc_format(const fl_document *doc) { return doc ? doc->format : NULL; }
const char *fl_doc_title(const fl_document *doc) { return doc ? doc->title : NULL; }
size_t fl_doc_line_count(const fl_document *doc) { return doc ? doc->nlines : 0; }

static int line_ok(const fl_document *doc, size_t n)
{
    /* n = 0 wraps to SIZE_MAX: one compare for both bounds (checks ask
     * fl_doc_line_norm for every line) */
    return doc != NULL && n - 1 < doc->nlines;
}

const char *fl_doc_line(const fl_document *doc, size_t n)
{
    return line_ok(doc, n) ? doc->lines[n - 1] : NULL;
}

const char *fl_doc_line_norm(const fl_document *doc, size_t n)
{
    return line_ok(doc, n) ? doc->norm[n - 1] : NULL;
}

int fl_doc_line_page(const fl_document *doc, size_t n)
{
    return line_ok(doc, n) && doc->pages ? doc->pages[n - 1] : 0;
}

const fl_section *fl_doc_section_at(const fl_document *doc, size_t n)
{
    return line_ok(doc, n) && doc->line_section ? doc->line_section[n - 1] : NULL;
}

/* -- what the document is -- */

static const char *const KIND_NAMES[FL_KIND_COUNT][2] = {
    [FL_KIND_UNKNOWN] = { "unknown", "未识别" },
    [FL_KIND_DEPT_FINAL] = { "dept-final", "部门决算" },
    [FL_KIND_UNIT_FINAL] = { "unit-final", "单位决算" },
    [FL_KIND_DEPT_BUDGET] = { "dept-budget", "部门预算" },
    [FL_KIND_UNIT_BUDGET] = { "unit-budget", "单位预算" },
    [FL_KIND_PROJECT_EVAL] = { "project-eval", "项目支出绩效自评" },
    [FL_KIND_DEPT_EVAL] = { "dept-eval", "部门整体支出绩效自评" },
};

fl_doc_kind fl_doc_kind_of(const fl_document *doc) { return doc ? doc->kind : FL_KIND_UNKNOWN; }

unsigned fl_doc_kinds(const fl_document *doc)
{
    return doc && doc->kinds ? doc->kinds : FL_KIND_BIT(FL_KIND_UNKNOWN);
}

const char *fl_doc_kind_name(fl_doc_kind kind)
{
    return (unsigned)kind < FL_KIND_COUNT ? KIND_NAMES[kind][0] : KIND_NAMES[0][0];
}

const char *fl_doc_kind_name_zh(fl_doc_kind kind)
{
    return (unsigned)kind < FL_KIND_COUNT ? KIND_NAMES[kind][1] : KIND_NAMES[0][1];
}

size_t fl_doc_kind_line(const fl_document *doc) { return doc ? doc->kind_line : 0; }
int fl_doc_year(const fl_document *doc) { return doc ? doc->year : 0; }
size_t fl_doc_year_line(const fl_document *doc) { return doc ? doc->year_line : 0; }
const char *fl_doc_unit(const fl_document *doc) { return doc ? doc->unit : NULL; }

size_t fl_doc_related_count(const fl_document *doc) { return doc ? doc->nrelated : 0; }

const fl_document *fl_doc_related(const fl_document *doc, size_t i)
{
    return doc && i < doc->nrelated ? doc->related[i] : NULL;
}
size_t fl_doc_unit_line(const fl_document *doc) { return doc ? doc->unit_line : 0; }

/* -- sections -- */

size_t fl_doc_section_count(const fl_document *doc) { return doc ? doc->nsections : 0; }

const fl_section *fl_doc_section(const fl_document *doc, size_t i)
{
    return doc && i < doc->nsections ? doc->sections[i] : NULL;
}

const char *fl_section_title(const fl_section *s) { return s ? s->title : NULL; }
const char *fl_section_heading(const fl_section *s) { return s ? s->heading : NULL; }
fl_numbering fl_section_numbering(const fl_section *s) { return s ? s->numbering : FL_NUM_NONE; }
int fl_section_number(const fl_section *s) { return s ? s->number : 0; }
int fl_section_depth(const fl_section *s) { return s ? s->depth : 0; }
const fl_section *fl_section_parent(const fl_section *s) { return s ? s->parent : NULL; }
size_t fl_section_line(const fl_section *s) { return s ? s->line : 0; }
size_t fl_section_end_line(const fl_section *s) { return s ? s->end_line : 0; }
const char *fl_section_path(const fl_section *s) { return s ? s->path : NULL; }

/* -- paragraphs -- */

size_t fl_doc_paragraph_count(const fl_document *doc) { return doc ? doc->nparagraphs : 0; }

const fl_paragraph *fl_doc_paragraph(const fl_document *doc, size_t i)
{
    return doc && i < doc->nparagraphs ? doc->paragraphs[i] : NULL;
}

const char *fl_paragraph_text(const fl_paragraph *p) { return p ? p->text : NULL; }
size_t fl_paragraph_line(const fl_paragraph *p) { return p ? p->line : 0; }
size_t fl_paragraph_end_line(const fl_paragraph *p) { return p ? p->end_line : 0; }
const fl_section *fl_paragraph_section(const fl_paragraph *p) { return p ? p->section : NULL; }

size_t fl_paragraph_line_at(const fl_paragraph *p, size_t offset)
{
    if (p == NULL || p->nline_offsets == 0)
        return p ? p->line : 0;
    /* the last line starting at or before offset (binary search) */
    size_t lo = 0, hi = p->nline_offsets;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->line_offsets[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return p->line + lo;
}

/* -- amounts -- */

size_t fl_doc_amount_count(const fl_document *doc) { return doc ? doc->namounts : 0; }

const fl_amount *fl_doc_amount(const fl_document *doc, size_t i)
{
    return doc && i < doc->namounts ? &doc->amounts[i] : NULL;
}

/* -- tables -- */

size_t fl_doc_table_count(const fl_document *doc) { return doc ? doc->ntables : 0; }

const fl_table *fl_doc_table(const fl_document *doc, size_t i)
{
    return doc && i < doc->ntables ? doc->tables[i] : NULL;
}

const char *fl_table_title(const fl_table *t) { return t ? t->title : ""; }
const char *fl_table_label(const fl_table *t) { return t ? t->label : NULL; }
fl_unit fl_table_unit(const fl_table *t) { return t ? t->unit : FL_UNIT_NONE; }
size_t fl_table_line(const fl_table *t) { return t ? t->line : 0; }
size_t fl_table_end_line(const fl_table *t) { return t ? t->end_line : 0; }
const fl_section *fl_table_section(const fl_table *t) { return t ? t->section : NULL; }
size_t fl_table_column_count(const fl_table *t) { return t ? t->ncols : 0; }

const char *fl_table_column_label(const fl_table *t, size_t col)
{
    return t && col < t->ncols && t->col_labels ? t->col_labels[col] : "";
}

int fl_table_column_number(const fl_table *t, size_t col)
{
    return t && col < t->ncols && t->col_numbers ? t->col_numbers[col] : 0;
}

long fl_table_find_column(const fl_table *t, const char *needle)
{
    if (t == NULL || needle == NULL || t->col_labels == NULL)
        return -1;
    for (size_t c = 0; c < t->ncols; c++)
        if (strstr(t->col_labels[c], needle) != NULL)
            return (long)c;
    return -1;
}

size_t fl_table_row_count(const fl_table *t) { return t ? t->nrows : 0; }

const fl_row *fl_table_row(const fl_table *t, size_t i)
{
    return t && i < t->nrows ? &t->rows[i] : NULL;
}

size_t fl_table_header_row_count(const fl_table *t) { return t ? t->nheader : 0; }

int fl_row_is_header(const fl_row *r) { return r ? r->is_header : 0; }
size_t fl_row_line(const fl_row *r) { return r ? r->line : 0; }
const char *fl_row_label(const fl_row *r) { return r && r->label ? r->label : ""; }
const char *fl_row_code(const fl_row *r) { return r ? r->code : NULL; }
size_t fl_row_cell_count(const fl_row *r) { return r ? r->ncells : 0; }

const fl_cell *fl_row_cell(const fl_row *r, size_t col)
{
    return r && col < r->ncells ? &r->cells[col] : NULL;
}

const char *fl_cell_text(const fl_cell *c) { return c ? c->text : NULL; }
const char *fl_cell_norm(const fl_cell *c) { return c ? c->norm : NULL; }

int fl_cell_number(const fl_cell *c, fl_number *out)
{
    if (c == NULL || !c->is_number)
        return 0;
    if (out)
        *out = c->number;
    return 1;
}

int fl_cell_wide(const fl_cell *c, fl_wide *out)
{
    if (c == NULL || !c->is_number)
        return 0;
    /* read again from the text the number was parsed from; 0 beyond 10^25 */
    fl_wide w;
    if (fl_wide_parse(c->norm, &w, NULL, NULL) != strlen(c->norm))
        return 0;
    if (out)
        *out = w;
    return 1;
}

void fl_table_free(fl_table *t)
{
    if (t == NULL)
        return;
    /* the rows' cells, the cells' text and norm, the rows' label and
     * code are t->strings' */
    free(t->rows); /* col_labels and col_numbers are t->strings' too */
    free(t->title);
    free(t->label);
    free(t);
}
