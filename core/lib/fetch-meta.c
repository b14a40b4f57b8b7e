/* fetch-meta.c — the metadata record saved next to each fetched file
 * (NAME.fetch.json): where it came from, when, what the server said, and
 * the validators for a later conditional GET. */
#include "fetch-internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "util.h"

#define META_SUFFIX ".fetch.json"
#define MAX_META_BYTES (64 * 1024)
#define MAX_RECORDS 100000

void fl_fetch_now_iso(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void fl_fetch_meta_clear(fl_fetch_meta *m)
{
    free(m->url);
    free(m->final_url);
    free(m->referrer);
    free(m->fetched_at);
    free(m->content_type);
    free(m->etag);
    free(m->last_modified);
    free(m->file);
    memset(m, 0, sizeof *m);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

int fl_fetch_meta_write(int dirfd, const fl_fetch_meta *m, char *err, size_t errsize)
{
    json_t *o = json_object();
    json_object_set_new(o, "url", str_or_null(m->url));
    json_object_set_new(o, "final_url", str_or_null(m->final_url));
    json_object_set_new(o, "referrer", str_or_null(m->referrer));
    json_object_set_new(o, "fetched_at", str_or_null(m->fetched_at));
    json_object_set_new(o, "status", json_integer(m->status));
    json_object_set_new(o, "content_type", str_or_null(m->content_type));
    json_object_set_new(o, "charset", str_or_null(m->charset));
    json_object_set_new(o, "format", str_or_null(m->format));
    json_object_set_new(o, "etag", str_or_null(m->etag));
    json_object_set_new(o, "last_modified", str_or_null(m->last_modified));
    json_object_set_new(o, "size", json_integer((json_int_t)m->size));
    json_object_set_new(o, "sha256", json_string(m->sha256));
    json_object_set_new(o, "file", str_or_null(m->file));
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (text == NULL) {
        snprintf(err, errsize, "无法生成元数据记录");
        return -1;
    }
    char *name = xasprintf("%s%s", m->file, META_SUFFIX);
    char *tmp = xasprintf(".%s.tmp%ld", name, (long)getpid());
    int rc = -1;
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) {
        size_t len = strlen(text);
        ssize_t w = write(fd, text, len);
        if (w == (ssize_t)len && write(fd, "\n", 1) == 1 && close(fd) == 0) {
            fd = -1;
            rc = renameat(dirfd, tmp, dirfd, name);
        }
        if (fd >= 0)
            close(fd);
    }
    if (rc != 0) {
        snprintf(err, errsize, "无法写入元数据记录 %s：%s", name, strerror(errno));
        unlinkat(dirfd, tmp, 0);
    }
    free(tmp);
    free(name);
    free(text);
    return rc;
}

static char *dup_field(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? xstrdup(s) : NULL;
}

static int read_record(int dirfd, const char *name, fl_fetch_meta *m)
{
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char *buf = xmalloc(MAX_META_BYTES + 1);
    ssize_t n = read(fd, buf, MAX_META_BYTES);
    close(fd);
    json_t *o = n > 0 ? json_loadb(buf, (size_t)n, 0, NULL) : NULL;
    free(buf);
    if (o == NULL)
        return -1;
    memset(m, 0, sizeof *m);
    m->url = dup_field(o, "url");
    m->final_url = dup_field(o, "final_url");
    m->etag = dup_field(o, "etag");
    m->last_modified = dup_field(o, "last_modified");
    m->file = dup_field(o, "file");
    m->status = (long)json_integer_value(json_object_get(o, "status"));
    json_decref(o);
    /* A record is only useful with its URL and a plain file name. */
    if (m->url == NULL || m->file == NULL || strchr(m->file, '/') || m->file[0] == '.') {
        fl_fetch_meta_clear(m);
        return -1;
    }
    return 0;
}

size_t fl_fetch_meta_load_dir(int dirfd, fl_fetch_meta **out)
{
    *out = NULL;
    int fd = dup(dirfd);
    if (fd < 0)
        return 0;
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        close(fd);
        return 0;
    }
    rewinddir(d);
    fl_fetch_meta *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    size_t sl = strlen(META_SUFFIX);
    while ((de = readdir(d)) != NULL && n < MAX_RECORDS) {
        size_t len = strlen(de->d_name);
        if (len <= sl || de->d_name[0] == '.' || strcmp(de->d_name + len - sl, META_SUFFIX) != 0)
            continue;
        fl_fetch_meta m;
        if (read_record(dirfd, de->d_name, &m) != 0)
            continue;
        v = xgrow(v, &cap, n + 1, sizeof *v);
        v[n++] = m;
    }
    closedir(d);
    *out = v;
    return n;
}

void fl_fetch_meta_free_all(fl_fetch_meta *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fl_fetch_meta_clear(&m[i]);
    free(m);
}
