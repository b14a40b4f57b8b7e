/* fuzz-zip.c — see fuzz-zip.h. */
#include "fuzz-zip.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* The finished archive out of a libzip buffer source. */
static unsigned char *source_bytes(zip_source_t *src, size_t *outlen)
{
    zip_stat_t st;
    unsigned char *buf = NULL;
    if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
        return NULL;
    buf = malloc(st.size ? st.size : 1);
    if (buf != NULL && zip_source_read(src, buf, st.size) != (zip_int64_t)st.size) {
        free(buf);
        buf = NULL;
    }
    zip_source_close(src);
    *outlen = (size_t)st.size;
    return buf;
}

unsigned char *fuzz_zip_parts(const char *const *names, size_t n, const uint8_t *data,
                              size_t size, size_t *outlen)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    if (src == NULL)
        return NULL;
    zip_source_keep(src); /* still ours after zip_close */
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
    if (za == NULL) {
        zip_source_free(src);
        return NULL;
    }
    size_t at = 0;
    for (size_t i = 0; i < n && at <= size; i++) {
        const uint8_t *end = size > at ? memchr(data + at, 0, size - at) : NULL;
        size_t len = end ? (size_t)(end - (data + at)) : size - at;
        zip_source_t *part = zip_source_buffer(za, data + at, len, 0);
        zip_int64_t idx = part ? zip_file_add(za, names[i], part, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0)
            zip_source_free(part);
        else
            zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
        at += len + 1;
    }
    unsigned char *out = NULL;
    if (zip_close(za) == 0)
        out = source_bytes(src, outlen);
    else
        zip_discard(za);
    zip_source_free(src);
    return out;
}
