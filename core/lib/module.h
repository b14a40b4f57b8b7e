/* module.h — parts of libfislint with heavy libraries of their own
 * (poppler for PDF, libcurl for fetching), built as modules and loaded
 * with dlopen the first time they are needed: a run that needs neither
 * does not map those libraries, so it starts in a few milliseconds and
 * each document worker forks from a smaller process.  Core-internal. */
#ifndef FL_MODULE_H
#define FL_MODULE_H

#include <stddef.h>

/* One module, as a caller keeps it (static, for the life of the process). */
typedef struct fl_module {
    const char *file;        /* "fislint-pdf.so" */
    const char *symbol;      /* its entry */
    const char *name;        /* for a user, after "无法加载": " PDF 读取模块"
                              * (a space before a Latin word) */
    const char *without;     /* what cannot be done without it: "PDF 无法读取" */
    void *entry;             /* once loaded */
    int failed;              /* once it could not be: `failure` says why */
    char failure[4096 + 512];
} fl_module;

/* The module's entry: from the build tree when this program is the one
 * built there (fl_running_uninstalled), else from FL_MODULEDIR.  NULL
 * with a Chinese message in err naming the file and why, the same each
 * time it is asked.  Not thread-safe (fislint's processes have one
 * thread). */
void *fl_module_entry(fl_module *m, char *err, size_t errsize);

#endif
