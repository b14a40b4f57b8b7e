/* fuzz-charset.c — encoding detection and decoding: fl_decode (text
 * files), fl_html_decode with and without a declared charset, the <meta>
 * and Content-Type charset finders, and fl_normalize on what comes out. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "fetch-internal.h"
#include "text.h"

/* What a server may declare; the input's first byte picks one. */
static const char *const declared[] = {
    NULL, "UTF-8", "GBK", "GB2312", "GB18030", "BIG5", "WINDOWS-1252",
};

static void check_utf8(const char *s, size_t len)
{
    size_t bad;
    if (s == NULL || s[len] != '\0')
        abort(); /* promised NUL-terminated */
    /* Decoded text is valid UTF-8: the model relies on it. */
    if (!fl_utf8_valid((const unsigned char *)s, len, &bad))
        abort();
    char *norm = fl_normalize(s, len);
    fuzz_touch(norm);
    free(norm);
    for (size_t i = 0; i < len; i += fl_utf8_len(s + i))
        ;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *out = NULL, err[256];
    size_t len = 0, bad = 0;
    const char *enc = NULL;

    (void)fl_utf8_valid(data, size, &bad);
    if (fl_decode(data, size, &out, &len, &enc, err, sizeof err) == 0) {
        check_utf8(out, len);
        fuzz_touch(enc);
        free(out);
    } else if (err[0] == '\0') {
        abort();
    }

    const char *decl = size > 0 ? declared[data[0] % (sizeof declared / sizeof declared[0])] : NULL;
    out = NULL;
    if (fl_html_decode(data, size, decl, &out, &len, &enc, err, sizeof err) == 0) {
        check_utf8(out, len);
        fuzz_touch(enc);
        free(out);
    }
    fuzz_touch(fl_html_meta_charset(data, size));

    char *s = fuzz_cstr(data, size < 256 ? size : 256);
    fuzz_touch(fl_charset_from_content_type(s));
    fuzz_touch(fl_charset_canonical(s, strlen(s)));
    free(s);
    return 0;
}
