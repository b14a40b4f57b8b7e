/* parse.h — what the passes that build the document model share
 * (core-internal; see document.c for the order the passes run in).
 *
 * Every pass works on the normalised line text (doc->norm), so full-width
 * digits and punctuation are already ASCII: "（一）" is "(一)", "１．" is "1.". */
#ifndef FL_PARSE_H
#define FL_PARSE_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* What a line turned out to be; each pass claims the lines it consumes. */
enum fl_line_kind {
    FL_LINE_TEXT = 0,   /* narrative (paragraph material) */
    FL_LINE_BLANK,      /* empty, only spaces, or a page number ("- 1 -") */
    FL_LINE_TABLE,      /* a table row or cell */
    FL_LINE_META,       /* table furniture: 公开03表, 金额单位：万元, 部门：…, (2023年度) */
    FL_LINE_HEADING     /* a section heading or the document title */
};

/* State shared by the passes while one document is built. */
typedef struct fl_parse {
    fl_document *doc;
    unsigned char *kind;  /* kind[i] for line i + 1 */
    size_t sections_cap, paragraphs_cap, amounts_cap, tables_cap;
    fl_cell *row_cells;   /* tables.c: the cells of the row being read */
    size_t row_cells_cap;
    int no_cr, no_lt;     /* the text holds no '\r', no '<' */
} fl_parse;

/* The passes, in the order document.c runs them. */
void fl_parse_tables(fl_parse *p);      /* tables.c: marks TABLE/META lines */
void fl_parse_sections(fl_parse *p);    /* sections.c: title, headings, line_section */
void fl_parse_identity(fl_parse *p);    /* identity.c: kind, year, unit */
void fl_parse_paragraphs(fl_parse *p);  /* paragraphs.c */
void fl_parse_amounts(fl_parse *p);     /* amounts.c */

/* Work out cells (normalised text, numbers), header rows, column labels
 * and numbers, row labels and codes of a table whose rows hold only their
 * cells' original text (table-finish.c). */
void fl_table_finish(fl_table *t);

/* Free what the passes allocated (model.c). */
void fl_table_free(fl_table *t);

/* -- small text helpers (document.c) -- */

/* 1 when `s` holds only spaces (ASCII, U+3000, U+00A0), tabs and '\r'. */
int fl_text_is_blank(const char *s);
/* Byte length of the space character at s (ASCII space, tab, '\r',
 * U+3000, U+00A0), 0 if none.  Inline: it is asked at nearly every byte
 * of the input. */
static inline size_t fl_space_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] == ' ' || p[0] == '\t' || p[0] == '\r')
        return 1;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
        return 3;
    if (p[0] == 0xC2 && p[1] == 0xA0) /* U+00A0 */
        return 2;
    return 0;
}
/* 1 for the bytes that may start a space (fl_space_len) and for the
 * end: a text's first byte tells most texts from blank ones. */
extern const unsigned char fl_space_lead_or_end[256];
/* Its bytes but the end, for strcspn: one call finds where a text's
 * first space may start (most cells have none). */
#define FL_SPACE_LEADS " \t\r\xC2\xE3"
/* Bytes of the spaces (fl_space_len) at the start of s. */
static inline size_t fl_skip_spaces(const char *s)
{
    size_t n = 0, k;
    while ((k = fl_space_len(s + n)) > 0)
        n += k;
    return n;
}
/* Copy of s[0..len) without leading and trailing spaces.  Caller frees. */
char *fl_trim_dup(const char *s, size_t len);
/* Bounds of s without leading/trailing spaces: *start and *len. */
void fl_trim_bounds(const char *s, size_t len, size_t *start, size_t *tlen);
/* Copy of s with every space (ASCII, U+3000, U+00A0, tab) removed. */
char *fl_strip_spaces_dup(const char *s);
/* The same into out (room for n + 1 bytes) from the n bytes at s;
 * returns the length written. */
size_t fl_strip_spaces_into(char *out, const char *s, size_t n);
/* The last character of s[0..len), trimmed already (fl_trim_bounds), is
 * sentence-final punctuation: 。；：！？ (normalised ;:!?) or a closing
 * quote/bracket. */
int fl_ends_sentence(const char *s, size_t len);
/* 1 when the line looks like a table title: ends with 表, contains
 * 决算表/自评表/汇总表, or starts with "表N". */
int fl_looks_like_table_title(const char *norm);
/* Remove markdown decoration from a normalised line: leading '#'s
 * (their count in *md_level, 0 when none) and "**" bold markers; the
 * result is trimmed.  Caller frees. */
char *fl_strip_markdown(const char *norm, int *md_level);
/* The same into scratch, reused from call to call (most lines asked are
 * then dropped); the result is valid until scratch's next use.  With
 * `compact` set, spaces are removed too (fl_strip_spaces_dup). */
const char *fl_strip_markdown_buf(const char *norm, fl_buf *scratch, int compact, int *md_level);

/* -- numbering (sections.c) -- */

/* Value of Chinese numerals at s (一 … 九十九, 〇/零, 两), 0 if none;
 * *len gets the byte length. */
int fl_cn_numeral(const char *s, size_t *len);
/* A heading number at the start of (trimmed, normalised) s: 第一部分/第一章,
 * 一、, (一), 1. 1、, (1).  Returns the kind (FL_NUM_NONE if none), sets
 * *value and *len (bytes of the marker, spaces after it included). */
fl_numbering fl_numbering_at(const char *s, int *value, size_t *len);

#endif
