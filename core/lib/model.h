/* model.h — the document model's concrete structures (core-internal).
 *
 * Plugins see these only through the accessors in <fislint/plugin.h>
 * (implemented in model.c), so the layout here may change freely.
 * A document owns everything reachable from it; fl_document_free()
 * releases it all. */
#ifndef FL_MODEL_H
#define FL_MODEL_H

#include <fislint/plugin.h>

#include "pool.h"

struct fl_cell {
    char *text;          /* original */
    char *norm;          /* normalised, trimmed; until fl_table_finish
                            NULL, or the text normalised (by its line) */
    int is_number;       /* whole cell parsed as a number (or "-" empty) */
    /* Until fl_table_finish: 1 + the length of text when it is known to
     * hold no tag, break or fold (nothing to strip or normalise), else 0.
     * In the padding before `number`: the cell grows no bigger. */
    unsigned plain_len;
    fl_number number;
};

struct fl_row {
    size_t line;
    int is_header;
    char *label;         /* "" when none */
    char *code;          /* NULL when none */
    size_t ncells;
    fl_cell *cells;
};

struct fl_section {
    char *heading;       /* normalised heading line */
    char *title;         /* heading text without its number */
    char *path;          /* "第二部分 > 支出决算表" */
    fl_numbering numbering;
    int number;
    int depth;
    const fl_section *parent;
    size_t line;
    size_t end_line;
};

struct fl_paragraph {
    char *text;          /* normalised, lines joined */
    size_t line;
    size_t end_line;
    const fl_section *section;
    /* line_offsets[i] is the byte offset in text where line (line + i)
     * starts; blank lines inside the paragraph repeat the offset. */
    size_t *line_offsets;
    size_t nline_offsets;
};

struct fl_table {
    char *title;         /* "" when none */
    char *label;         /* "公开03表" or NULL */
    fl_unit unit;
    size_t line;
    size_t end_line;
    const fl_section *section;
    size_t ncols;
    char **col_labels;   /* ncols strings (in *strings), "" when none */
    int *col_numbers;    /* ncols, 0 when none */
    size_t nrows;
    size_t nheader;      /* rows[0..nheader) are header rows */
    fl_row *rows;
    /* Where the cells' text and norm, the rows' label and code and the
     * column labels and numbers live: the document's pool, borrowed
     * (fl_table_free leaves them to it). */
    fl_pool *strings;
};

struct fl_document {
    char *source;
    char *format;        /* "text", "html", "docx", "xlsx", "pdf" */
    char *title;         /* NULL when none */

    size_t nlines;
    char **lines;        /* lines[0] is line 1; original text */
    char **norm;         /* normalised text */
    char *line_buf;      /* lines[] and norm[] point into these two buffers */
    char *norm_buf;
    int *pages;          /* NULL when the text has no '\f' page breaks */

    size_t nsections;
    fl_section **sections;
    size_t nparagraphs;
    fl_paragraph **paragraphs;
    size_t namounts;
    fl_amount *amounts;
    size_t ntables;
    fl_table **tables;
    fl_pool strings;     /* the tables' strings and rows' cells
                            (fl_table.strings), the amounts' label and
                            text, the sections and paragraphs (each with
                            its strings) */

    /* What the document is (identity.c); lines are 0 when unknown. */
    fl_doc_kind kind;
    unsigned kinds;      /* FL_KIND_BIT(kind) | parts carried */
    size_t kind_line;
    int year;
    size_t year_line;
    char *unit;          /* NULL when not found */
    size_t unit_line;

    /* line -> innermost section, NULL before the first heading */
    const fl_section **line_section;

    /* The same unit's other reports, for FL_PLUGIN_RELATED checks
     * (fl_document_set_related); borrowed, NULL for other checks. */
    const fl_document *const *related;
    size_t nrelated;
};

#endif
