/* fuzz-names.c — file names from Content-Disposition and URLs made safe
 * for the output directory (fl_disposition_filename, fl_safe_file_name).
 * The promises of fetch-internal.h are checked: a safe name has no
 * directory part, no control or reserved character, no leading dot, is
 * never empty, valid UTF-8 and at most 150 bytes plus the extension. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch-internal.h"
#include "text.h"

/* Say which promise broke, so that reproducers can be told apart. */
static void broken(const char *promise, const char *safe)
{
    fprintf(stderr, "fl_safe_file_name: %s: \"%s\"\n", promise, safe ? safe : "(null)");
    abort();
}

static void check_safe(const char *name, const char *ext)
{
    char *safe = fl_safe_file_name(name, ext);
    size_t len = safe ? strlen(safe) : 0, bad;
    if (len == 0)
        broken("empty", safe);
    if (safe[0] == '.')
        broken("leading dot", safe);
    if (len > 150 + (ext ? strlen(ext) : 0))
        broken("too long", safe);
    if (!fl_utf8_valid((const unsigned char *)safe, len, &bad))
        broken("not UTF-8", safe);
    for (const unsigned char *p = (const unsigned char *)safe; *p; p++)
        if (*p < 0x20 || *p == 0x7f || strchr("/\\<>:\"|?*", *p))
            broken("reserved character", safe);
    free(safe);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    char *s = fuzz_cstr(data, size);
    char *fn = fl_disposition_filename(s);
    if (fn != NULL) {
        check_safe(fn, ".pdf");
        free(fn);
    }
    check_safe(s, NULL);
    check_safe(s, ".pdf");
    free(s);
    return 0;
}
