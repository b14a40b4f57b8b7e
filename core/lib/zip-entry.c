/* zip-entry.c — bounded reading of zip parts with libzip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util.h"
#include "zip-entry.h"

struct fl_zip {
    zip_t *za;
    size_t budget;       /* bytes that may still be inflated */
    size_t limit;        /* the budget at the start, for messages */
    const char *what;
};

fl_zip *fl_zip_open(const unsigned char *data, size_t len, size_t budget, const char *what,
                    char *err, size_t errsize)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!za) {
        if (src)
            zip_source_free(src);
        snprintf(err, errsize, "不是有效的 %s 文件：文件不是完整的 zip 压缩包（%s）", what,
                 zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    fl_zip *z = xcalloc(1, sizeof *z);
    z->za = za;
    z->budget = budget;
    z->limit = budget;
    z->what = what;
    return z;
}

void fl_zip_close(fl_zip *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    free(z);
}

int fl_zip_has(fl_zip *z, const char *name)
{
    return zip_name_locate(z->za, name, 0) >= 0;
}

/* Compressed this many times or more, a part is taken for a zip bomb;
 * below, it is an honest but large document (a sheet of a million rows
 * compresses about 17:1) and the message says how to read it anyway. */
#define BOMB_RATIO 100

/* `size` bytes of part `name` (declared, or inflated so far) went past
 * the budget; `packed` is its compressed size (0 when unknown). */
static int refuse(fl_zip *z, const char *name, zip_uint64_t size, zip_uint64_t packed,
                  char *err, size_t errsize)
{
    size_t mb = z->limit / (1024u * 1024u);
    if (packed > 0 && size / packed < BOMB_RATIO) {
        /* what the whole archive needs, with room for the parts after */
        unsigned long long need = (unsigned long long)(z->limit - z->budget) + size;
        need = (need + need / 4 + (1u << 20) - 1) / (1u << 20) * (1u << 20);
        snprintf(err, errsize, "%s 文件中的 %s 解压后至少 %llu MB，超过 %zu MB 的解压上限"
                 "（压缩比 %llu:1，不像压缩炸弹），未读取；如确需检查这样大的文件，"
                 "可用 --max-size 调高上限（单位字节，例如 --max-size %llu）",
                 z->what, name, (unsigned long long)(size >> 20), mb,
                 (unsigned long long)(size / packed), need);
    } else
        snprintf(err, errsize, "%s 文件中的 %s 解压后超过 %zu MB 的解压上限，疑似压缩炸弹，"
                 "已拒绝读取（上限可用 --max-size 调高）", z->what, name, mb);
    return -1;
}

int fl_zip_read(fl_zip *z, const char *name, char **out, size_t *out_len,
                char *err, size_t errsize)
{
    zip_int64_t idx = zip_name_locate(z->za, name, 0);
    if (idx < 0)
        return 1;
    zip_stat_t st;
    zip_stat_init(&st);
    /* The declared size is checked first, but it may lie: the inflated
     * bytes are counted as they come too. */
    int stat_ok = zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) == 0;
    zip_uint64_t packed = stat_ok && (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (stat_ok && (st.valid & ZIP_STAT_SIZE) && st.size > z->budget)
        return refuse(z, name, st.size, packed, err, errsize);
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
    if (!f) {
        snprintf(err, errsize, "%s 文件已损坏：无法解压 %s（%s）", z->what, name,
                 zip_strerror(z->za));
        return -1;
    }
    fl_buf b = {0};
    char chunk[16384];
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
        if (n < 0) {
            snprintf(err, errsize, "%s 文件已损坏：解压 %s 出错（%s）", z->what, name,
                     zip_file_strerror(f));
            zip_fclose(f);
            fl_buf_free(&b);
            return -1;
        }
        if (n == 0)
            break;
        if ((size_t)n > z->budget) {
            zip_uint64_t size = b.len + (size_t)n;
            zip_fclose(f);
            fl_buf_free(&b);
            return refuse(z, name, size, packed, err, errsize);
        }
        z->budget -= (size_t)n;
        fl_buf_append(&b, chunk, (size_t)n);
    }
    zip_fclose(f);
    *out_len = b.len;
    *out = fl_buf_steal(&b);
    return 0;
}
