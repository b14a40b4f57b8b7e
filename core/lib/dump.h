/* dump.h — printing the document model, as a plugin's check() sees it. */
#ifndef FL_DUMP_H
#define FL_DUMP_H

#include <stdio.h>

#include <fislint/plugin.h>

void fl_dump_text(FILE *out, const fl_document *doc);
void fl_dump_json(FILE *out, const fl_document *doc);

#endif
