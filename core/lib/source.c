/* source.c — reading a local file or standard input into a document,
 * with a size limit so a huge or endless input cannot exhaust memory. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int fl_source_is_url(const char *arg)
{
    /* scheme ":" "//" with an ASCII letter first: anything else is a path */
    const char *p = arg;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p[0] == ':' && p[1] == '/' && p[2] == '/';
}

/* Read all of `f` up to max_bytes.  Returns 0, 1 when too large, -1 on a
 * read error (errno set). */
static int read_stream(FILE *f, size_t max_bytes, unsigned char **data, size_t *len)
{
    fl_buf b = { 0 };
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max_bytes) {
            fl_buf_free(&b);
            return 1;
        }
        fl_buf_append(&b, chunk, n);
    }
    if (ferror(f)) {
        int e = errno;
        fl_buf_free(&b);
        errno = e;
        return -1;
    }
    *len = b.len;
    *data = (unsigned char *)fl_buf_steal(&b);
    return 0;
}

/* Read a regular file of `expect` bytes (its size when stat saw it) up
 * to max_bytes, into one allocation of that size: no chunk copies and no
 * regrowth for the common case.  The same answers as read_stream. */
static int read_file(int fd, size_t expect, size_t max_bytes, unsigned char **data, size_t *len)
{
    size_t cap = expect + 1, n = 0;
    unsigned char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap) { /* it grew since stat */
            if (cap > max_bytes) {
                free(buf);
                return 1;
            }
            cap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max_bytes) {
            free(buf);
            return 1;
        }
    }
    *len = n;
    *data = buf;
    return 0;
}

static int fail(fl_document_fn fn, void *ctx, const char *source, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    fn(ctx, source, NULL, msg);
    return 1;
}

int fl_source_load_file(const char *path, size_t max_bytes, fl_document_fn fn, void *ctx)
{
    int from_stdin = strcmp(path, "-") == 0;
    const char *source = from_stdin ? "<stdin>" : path;
    off_t st_size = 0;
    if (!from_stdin) {
        struct stat st;
        if (stat(path, &st) != 0)
            return fail(fn, ctx, source, "无法读取：%s", strerror(errno));
        if (S_ISDIR(st.st_mode))
            return fail(fn, ctx, source, "%s", "是一个目录，不是报告文件");
        if (!S_ISREG(st.st_mode))
            return fail(fn, ctx, source, "%s", "不是普通文件");
        if ((unsigned long long)st.st_size > max_bytes) {
            char lim[64];
            snprintf(lim, sizeof lim, "%zu", max_bytes);
            return fail(fn, ctx, source, "文件过大（超过 %s 字节的上限，可用 --max-size 调整）", lim);
        }
        st_size = st.st_size;
    }
    unsigned char *data = NULL;
    size_t len = 0;
    int rc;
    if (from_stdin) {
        rc = read_stream(stdin, max_bytes, &data, &len);
    } else {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return fail(fn, ctx, source, "无法打开：%s", strerror(errno));
        rc = read_file(fd, (size_t)st_size, max_bytes, &data, &len);
        close(fd);
    }
    if (rc < 0)
        return fail(fn, ctx, source, "读取失败：%s", strerror(errno));
    if (rc > 0) {
        char lim[64];
        snprintf(lim, sizeof lim, "%zu", max_bytes);
        return fail(fn, ctx, source, "输入过大（超过 %s 字节的上限，可用 --max-size 调整）", lim);
    }
    fl_input in;
    char err[512];
    /* both reads leave room for a NUL after the bytes */
    if (fl_read_input_take(source, data, len, &in, err, sizeof err) != 0) {
        fn(ctx, source, NULL, err);
        return 1;
    }
    fn(ctx, source, &in, NULL);
    fl_input_free(&in);
    return 0;
}
