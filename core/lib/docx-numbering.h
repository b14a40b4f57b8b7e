/* docx-numbering.h — automatic paragraph numbering of a DOCX
 * (word/numbering.xml).  Word does not store "一、" or "（二）" in the
 * text of a numbered heading; the reader writes the label out so that the
 * model sees the numbers a reader sees. */
#ifndef FL_DOCX_NUMBERING_H
#define FL_DOCX_NUMBERING_H

#include <libxml/tree.h>

typedef struct fl_numbering_defs fl_numbering_defs;

/* Load the definitions; the result is owned by the caller. */
fl_numbering_defs *fl_numbering_load(xmlDoc *doc);
/* Advance the counter of list `num_id` at level `ilvl` and return its
 * label ("一、", "（二）", "3."), caller frees; NULL for bullets, unknown
 * lists and levels without a label. */
char *fl_numbering_next(fl_numbering_defs *n, int num_id, int ilvl);
void fl_numbering_free(fl_numbering_defs *n);

#endif
