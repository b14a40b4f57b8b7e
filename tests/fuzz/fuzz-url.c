/* fuzz-url.c — the URL helpers of fetch: checking, resolving a link
 * against its page, origins, last segments, percent-decoding, and the
 * sniffing of what a response is.  The input is "BASE\nREF\nCONTENT-TYPE"
 * (missing parts are empty). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "fetch-internal.h"

/* The next '\n'-separated part of s (cut in place). */
static char *next_part(char **s)
{
    char *p = *s;
    char *nl = strchr(p, '\n');
    if (nl != NULL) {
        *nl = '\0';
        *s = nl + 1;
    } else {
        *s = p + strlen(p);
    }
    return p;
}

static void url_parts(const char *url)
{
    char err[256];
    if (fl_url_check(url, err, sizeof err) != 0 && err[0] == '\0')
        abort();
    char *o = fl_url_origin(url);
    fuzz_touch(o);
    free(o);
    char *last = fl_url_last_segment(url);
    fuzz_touch(last);
    free(last);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    char *all = fuzz_cstr(data, size);
    char *rest = all;
    char *base = next_part(&rest);
    char *ref = next_part(&rest);
    char *ctype = next_part(&rest);

    url_parts(base);
    url_parts(ref);
    char *r = fl_url_resolve(base, ref);
    if (r != NULL) {
        char err[256];
        /* A resolved URL is a valid http(s) URL without a fragment. */
        if (fl_url_check(r, err, sizeof err) != 0 || strchr(r, '#') != NULL)
            abort();
        url_parts(r);
        free(r);
    }
    size_t n = 0;
    char *dec = fl_percent_decode((const char *)data, size, &n);
    if (dec == NULL || n > size)
        abort(); /* decoding never lengthens */
    free(dec);

    fl_kind k = fl_sniff(ctype[0] ? ctype : NULL, data, size, base);
    fuzz_touch(fl_kind_name(k));
    fuzz_touch(fl_kind_ext(k));
    (void)fl_kind_readable(k);
    free(all);
    return 0;
}
