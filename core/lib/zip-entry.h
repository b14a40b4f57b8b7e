/* zip-entry.h — bounded reading of parts from a zip container (DOCX,
 * XLSX).  Every part is inflated under a size limit, and all parts of one
 * archive share a budget, so a zip bomb is refused in bounded memory.
 * The reading (zip-entry.c) is in the module fislint-xml.so; the default
 * budget is kept in libfislint (read-xml.c), where the options set it. */
#ifndef FL_ZIP_ENTRY_H
#define FL_ZIP_ENTRY_H

#include <stddef.h>

/* Largest inflated size of one archive's parts together: 64 MB, or more
 * when --max-size asks for larger inputs (fl_zip_set_default_budget). */
#define FL_ZIP_MIN_BUDGET (64u * 1024u * 1024u)
#define FL_ZIP_DEFAULT_BUDGET fl_zip_default_budget()
size_t fl_zip_default_budget(void);
/* Raise the default budget to `bytes` (never below FL_ZIP_MIN_BUDGET);
 * called once while reading the options, before any document is read. */
void fl_zip_set_default_budget(size_t bytes);

typedef struct fl_zip fl_zip;

/* Open an archive held in memory (borrowed: `data` must outlive the
 * fl_zip).  Returns NULL with a Chinese message in err when the bytes are
 * not a zip archive.  `what` names the format in messages ("DOCX"). */
fl_zip *fl_zip_open(const unsigned char *data, size_t len, size_t budget, const char *what,
                    char *err, size_t errsize);
void fl_zip_close(fl_zip *z);

/* 1 when the archive has a part of that name. */
int fl_zip_has(fl_zip *z, const char *name);

/* Inflate part `name`.  Returns 0 and *out (NUL terminated, caller frees)
 * with *out_len; 1 when there is no such part (err untouched); -1 with a
 * message when it cannot be read or would exceed the budget. */
int fl_zip_read(fl_zip *z, const char *name, char **out, size_t *out_len,
                char *err, size_t errsize);

#endif
