/* ooxml.h — what the DOCX and XLSX readers share: parsing a part of the
 * package as XML, and looking at elements by local name (prefixes vary
 * between producers: w:, x:, none). */
#ifndef FL_OOXML_H
#define FL_OOXML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "zip-entry.h"

/* Read and parse part `name`.  Returns the document (caller frees with
 * xmlFreeDoc), NULL with *missing = 1 when there is no such part, or NULL
 * with a message in err.  Network access and entity expansion are off. */
xmlDoc *fl_ooxml_parse(fl_zip *z, const char *name, const char *what, int *missing,
                       char *err, size_t errsize);

/* 1 when node is an element with local name `name`. */
int fl_ooxml_is(const xmlNode *node, const char *name);
/* First child element with local name `name`, or NULL. */
xmlNode *fl_ooxml_child(const xmlNode *node, const char *name);
/* Attribute by local name, whatever its namespace; borrowed, or NULL. */
const char *fl_ooxml_attr(const xmlNode *node, const char *name);

#endif
